"""The document layout shared by build, serve and the web-server configuration."""

from __future__ import annotations

import doctest

import pytest

from scholarld.site import documents
from scholarld.site.documents import TURTLE, document_path, representation_path

BASE = "https://example.org/lab/"


@pytest.mark.parametrize(
    ("resource", "document"),
    [
        (f"{BASE}person/kaiming-he", "person/kaiming-he"),
        (f"{BASE}person/kaiming-he/role/area-chair-cvpr-2016/time", "person/kaiming-he"),
        (f"{BASE}work/he2016deep/cvpr2016/author/1", "work/he2016deep"),
        (f"{BASE}venue/cvpr/2016", "venue/cvpr"),
        (f"{BASE}event/iccv/2017/tutorial/instance-level-recognition", "event/iccv"),
        (f"{BASE}person/kaiming-he.html", "person/kaiming-he"),
        (f"{BASE}work/he2016deep#version", "work/he2016deep"),
        (f"{BASE}dataset", "dataset"),
        (f"{BASE}dump/all.ttl", None),
        (f"{BASE}sparql", None),
        (f"{BASE}person", None),
        (f"{BASE}person/", None),
        (f"{BASE}person/x.exe", None),
        (f"{BASE}person/.ttl", None),
        (f"{BASE}unknown/thing", None),
        ("https://example.org/other/person/kaiming-he", None),
    ],
)
def test_document_path(resource: str, document: str | None) -> None:
    assert document_path(resource, BASE) == document


def test_representation_path() -> None:
    assert representation_path("work/he2016deep", TURTLE) == "work/he2016deep.ttl"


def test_docstring_examples() -> None:
    assert doctest.testmod(documents).failed == 0
