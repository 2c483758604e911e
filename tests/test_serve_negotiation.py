"""``scholarld.serve.negotiation`` and ``scholarld.serve.files``: pure functions."""

from __future__ import annotations

import pytest

from scholarld.serve.files import (
    derived_source,
    media_type,
    resource_document,
    safe_segments,
)
from scholarld.serve.negotiation import ANY, Offer, choose, parse_accept, quality
from scholarld.site.documents import HTML, JSON_LD, N_TRIPLES, RDF_XML, TURTLE

OFFERS = [
    Offer("text/html", "html", ("application/xhtml+xml",)),
    Offer("text/turtle", "ttl"),
    Offer("application/ld+json", "jsonld", ("application/json",)),
    Offer("application/n-triples", "nt", ("text/plain",)),
    Offer("application/rdf+xml", "rdf", ("application/xml",)),
]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "html"),
        ("", "html"),
        ("*/*", "html"),
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "rdf"),
        ("text/turtle;q=0.5, application/ld+json", "jsonld"),
        ("text/turtle, application/ld+json;q=0.9", "ttl"),
        ("application/*", "jsonld"),
        ("text/*;q=0.9, text/turtle", "ttl"),
        ("text/*", "html"),
        ("text/html;q=0, */*;q=0.1", "ttl"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
        ("application/json", "jsonld"),
        ("text/plain", "nt"),
        ("TEXT/Turtle; charset=utf-8", "ttl"),
        ("text/turtle;q=abc, application/rdf+xml", "rdf"),
        ("garbage", "html"),
        ("image/png", None),
        ("text/turtle;q=0", None),
        ("application/*;q=0.5, text/html;q=0", "jsonld"),
    ],
)
def test_choose_follows_accept(accept: str | None, expected: str | None) -> None:
    assert choose(OFFERS, parse_accept(accept)) == expected


def test_aliases_are_not_matched_by_wildcards() -> None:
    # "application/*" must not reach HTML through its alias application/xhtml+xml.
    assert choose(OFFERS[:1], parse_accept("application/*")) is None


def test_most_specific_range_wins_regardless_of_order() -> None:
    ranges = parse_accept("*/*;q=0.1, text/*;q=0.5, text/turtle;q=0.9")
    assert quality("text/turtle", ranges) == pytest.approx(0.9)
    assert quality("text/html", ranges) == pytest.approx(0.5)
    assert quality("image/png", ranges) == pytest.approx(0.1)


@pytest.mark.parametrize("header", ["text/turtle;q=1.5", "text/turtle;q=0.1234", "*/turtle", "/"])
def test_malformed_ranges_are_ignored(header: str) -> None:
    assert parse_accept(header) == (ANY,)


@pytest.mark.parametrize(
    ("path", "document"),
    [
        ("/person/kaiming-he", "person/kaiming-he"),
        ("/work/he2016deep/cvpr2016", "work/he2016deep"),
        ("/work/he2016deep/cvpr2016/author/1", "work/he2016deep"),
        ("/venue/cvpr", "venue/cvpr"),
        ("/dataset", "dataset"),
        ("/person/kaiming-he.html", None),
        ("/person/kaiming-he.ttl", None),
        ("/person/kaiming-he.nt", None),
        ("/dump/all.ttl", None),
        ("/sparql", None),
        ("/person", None),
        ("/person/", None),
        ("/person/../work/x", None),
    ],
)
def test_resource_document(path: str, document: str | None) -> None:
    assert resource_document(path) == document


@pytest.mark.parametrize(
    "path",
    ["/../etc/passwd", "/a/../../b", "/a/./b", "/a//b", "/a\\b", "/a\x00b", "a/b", "/.htaccess",
     "/.scholarld-site", "/person/.hidden", "/.well-known/../.htaccess"],
)  # fmt: skip
def test_unsafe_paths_name_no_file(path: str) -> None:
    assert safe_segments(path) is None


def test_well_known_is_public() -> None:
    assert safe_segments("/.well-known/void") == (".well-known", "void")
    assert media_type(".well-known/void").startswith("text/turtle")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("person/kaiming-he.html", "text/html; charset=utf-8"),
        ("person/kaiming-he.ttl", "text/turtle; charset=utf-8"),
        ("person/kaiming-he.jsonld", "application/ld+json"),
        ("dump/all.nt.gz", "application/gzip"),
        ("sitemap.xml", "application/xml"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("assets/style.css", "text/css; charset=utf-8"),
        ("README", "application/octet-stream"),
    ],
)
def test_media_types(path: str, expected: str) -> None:
    assert media_type(path) == expected


def test_derived_source() -> None:
    turtle, wanted = derived_source("/work/he2016deep.nt") or (None, None)
    assert (str(turtle), wanted) == ("work/he2016deep.ttl", N_TRIPLES)
    assert derived_source("/dataset.rdf") is not None
    assert derived_source("/dataset.rdf")[1] == RDF_XML  # type: ignore[index]
    assert derived_source("/work/he2016deep/cvpr2016.nt") is None
    assert derived_source("/work/he2016deep.ttl") is None
    assert derived_source("/dump/all.nt") is None
    assert {HTML.extension, TURTLE.extension, JSON_LD.extension} == {"html", "ttl", "jsonld"}
