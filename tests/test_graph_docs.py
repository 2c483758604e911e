"""docs/model.md matches the code: its SPARQL examples return what they promise on the
fixture profile, and its Turtle worked example is part of the built graph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
import yaml

from scholarld.graph import build_site_graph, to_rdflib_graph
from scholarld.graph.namespaces import PREFIXES
from scholarld.identity import resolve_people
from scholarld.model import Profile, SiteConfig
from scholarld.profiles import Site, SourcedProfile

DOC = Path(__file__).resolve().parents[1] / "docs" / "model.md"
FIXTURE = Path(__file__).parent / "fixtures" / "graph" / "kaiming-he.yaml"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    profile = Profile.model_validate(yaml.safe_load(FIXTURE.read_text(encoding="utf-8")))
    site = Site(SiteConfig(), (SourcedProfile("kaiming-he", FIXTURE, profile),), FIXTURE.parent)
    return to_rdflib_graph(build_site_graph(site, resolve_people(site.profiles)))


def test_the_doc_has_the_examples() -> None:
    assert len(_blocks("sparql")) == 4
    assert len(_blocks("turtle")) == 1
    assert "```mermaid" in DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("number", range(4))
def test_sparql_examples_return_rows(graph: rdflib.Graph, number: int) -> None:
    rows = list(graph.query(_blocks("sparql")[number]))
    assert rows, f"query {number + 1} of docs/model.md returns nothing"


def test_author_order_query(graph: rdflib.Graph) -> None:
    version = rdflib.URIRef("http://localhost:8000/work/he2017mask/iccv2017")
    rows = [
        tuple(row)  # type: ignore[arg-type]
        for row in graph.query(_blocks("sparql")[0])
        if row[0] == version  # type: ignore[index]
    ]
    names = [str(row[2]) for row in rows]
    positions = [int(str(row[1])) for row in rows]
    assert names == ["Kaiming He", "Georgia Gkioxari", "Piotr Dollár", "Ross Girshick"]
    assert positions == [1, 2, 3, 4]


def test_turtle_example_is_in_the_graph(graph: rdflib.Graph) -> None:
    prefixes = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items())
    example = rdflib.Graph()
    example.parse(data=prefixes + _blocks("turtle")[0], format="turtle")
    assert len(example) > 60
    missing = [triple for triple in example if triple not in graph]
    assert not missing, f"docs/model.md states triples the graph lacks: {missing}"
