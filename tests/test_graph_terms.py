"""N-Triples term building: escaping must survive rdflib's and pyoxigraph's parsers."""

from __future__ import annotations

import pyoxigraph
import rdflib
from hypothesis import given
from hypothesis import strategies as st

from scholarld.graph.iris import under, unique_segments
from scholarld.graph.namespaces import PSO, SCHEMA, XSD
from scholarld.graph.terms import date_literal, iri, literal, year_literal

SUBJECT = "<http://localhost:8000/x>"


def _parse_object(term: str) -> rdflib.term.Node:
    graph = rdflib.Graph()
    graph.parse(data=f"{SUBJECT} {SCHEMA.name} {term} .\n", format="nt")
    [(_, _, obj)] = list(graph)
    return obj


@given(st.text())
def test_any_text_round_trips_through_rdflib(text: str) -> None:
    parsed = _parse_object(literal(text))
    assert isinstance(parsed, rdflib.Literal)
    assert str(parsed) == text
    assert parsed.datatype is None and parsed.language is None


@given(st.text(), st.sampled_from(["en", "zh", "zh-Hans"]))
def test_any_tagged_text_round_trips_through_pyoxigraph(text: str, lang: str) -> None:
    [quad] = list(
        pyoxigraph.parse(
            f"{SUBJECT} {SCHEMA.name} {literal(text, lang=lang)} .\n",
            format=pyoxigraph.RdfFormat.N_TRIPLES,
        )
    )
    assert quad.object.value == text
    assert quad.object.language == lang.lower()


def test_escapes_are_canonical() -> None:
    assert literal('a"b\\c\nd\re\tf\x08g\x0ch') == r'"a\"b\\c\nd\re\tf\bg\fh"'
    assert literal("\x00\x1f\x7f") == r'"\u0000\u001F\u007F"'
    assert literal("Piotr Dollár 何恺明") == '"Piotr Dollár 何恺明"'


def test_language_and_datatype() -> None:
    assert literal("何恺明", lang="zh") == '"何恺明"@zh'
    assert literal("2016", datatype=XSD.gYear) == f'"2016"^^{XSD.gYear}'
    assert literal("plain", datatype=XSD.string) == '"plain"'
    assert year_literal(2016) == '"2016"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    assert date_literal(2019, 11) == '"2019-11"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    assert date_literal(2019) == year_literal(2019)


def test_iris_percent_encode_what_ntriples_forbids() -> None:
    assert iri("https://example.org/a b{c}|d^e`f\\g") == (
        "<https://example.org/a%20b%7Bc%7D%7Cd%5Ee%60f%5Cg>"
    )
    assert iri("https://scholar.google.com/citations?user=X") == (
        "<https://scholar.google.com/citations?user=X>"
    )
    assert _parse_object(iri('https://example.org/<"x">')) == rdflib.URIRef(
        "https://example.org/%3C%22x%22%3E"
    )


def test_namespace_terms() -> None:
    assert SCHEMA.name == "<https://schema.org/name>"
    assert PSO["accepted-for-publication"] == "<http://purl.org/spar/pso/accepted-for-publication>"


def test_under_and_unique_segments() -> None:
    base = "<http://localhost:8000/>"
    assert under(base, "person", "kaiming-he") == "<http://localhost:8000/person/kaiming-he>"
    assert under("<http://localhost:8000/work/x>", "author", "1") == (
        "<http://localhost:8000/work/x/author/1>"
    )
    assert unique_segments(["a", "b", "a", "a-2", "a"]) == ["a", "b", "a-2", "a-2-2", "a-3"]
