"""scholarld's own Turtle/TriG writer: the same bytes as pyoxigraph's serializer on the
default data (the writer it replaced), relative IRIs only where they resolve back, bare
numbers only where Turtle reads the same literal, and slices that join into the whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from rdf_compare import assert_isomorphic
from scholarld.graph.namespaces import PREFIXES
from scholarld.serialize import turtle
from scholarld.serialize.export import read_site_graph
from scholarld.serialize.lines import Triple, ntriples_text, union_triples
from scholarld.serialize.turtle import write_turtle
from scholarld.serialize.turtle_terms import relative_reference, spell, turtle_names
from scholarld.serialize.turtle_writer import subject_slices, turtle_body

DATA = Path(__file__).resolve().parents[1] / "data"
BASE = "http://localhost:8000/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class _Graph:
    iri: str
    triples: tuple[Triple, ...]


def _pyoxigraph_turtle(ntriples: str, base_iri: str) -> bytes:
    """What scholarld wrote before it had its own writer: pyoxigraph's Turtle with the used
    prefixes, every IRI under the base made relative, and a sorted header."""
    used = {name: iri for name, iri in PREFIXES.items() if "<" + iri in ntriples}
    graph = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    written = ox.serialize(graph, format=ox.RdfFormat.TURTLE, prefixes=used)
    assert written is not None
    body = "".join(
        line + "\n" for line in written.decode("utf-8").splitlines() if not line.startswith("@")
    ).lstrip("\n")
    header = [f"@base <{base_iri}> ."] + [f"@prefix {n}: <{used[n]}> ." for n in sorted(used)]
    return ("\n".join(header) + "\n\n" + body.replace("<" + base_iri, "<")).encode("utf-8")


def test_default_data_is_written_as_pyoxigraph_writes_it() -> None:
    site, site_graph = read_site_graph(DATA)
    base_iri = site.config.base_iri
    union = union_triples(site_graph.graphs)
    written = write_turtle(site_graph.graphs, base_iri, PREFIXES, trig=False)
    assert written == _pyoxigraph_turtle(ntriples_text(site_graph.graphs), base_iri)
    assert write_turtle(site_graph.graphs, base_iri, PREFIXES, trig=False, union=union) == written


@pytest.mark.parametrize(
    ("rest", "relative"),
    [
        ("person/kaiming-he", True),
        ("work/he2016deep/cvpr2016", True),
        ("dump/all.ttl", True),
        ("", False),  # <> is the base itself: written in full for clarity
        ("/abs", False),
        ("?q", False),
        ("#f", False),
        ("./x", False),
        ("../x", False),
        ("a/./b", False),
        ("a/../b", False),
        ("a:b", False),  # would read as a scheme
        ("a:b/c", False),
        ("0?:", False),  # valid, but some parsers take it for a scheme
        ("a/b:c", True),  # a colon after the first segment is harmless
    ],
)
def test_relative_reference_only_when_it_resolves_back(rest: str, relative: bool) -> None:
    assert (relative_reference(rest) is not None) is relative


@pytest.mark.parametrize(
    ("term", "spelled"),
    [
        (f'"42"^^<{XSD}integer>', "42"),
        (f'"-7"^^<{XSD}integer>', "-7"),
        (f'"1.5"^^<{XSD}decimal>', "1.5"),
        (f'"1.5e3"^^<{XSD}double>', "1.5e3"),
        (f'"true"^^<{XSD}boolean>', "true"),
        (f'"042x"^^<{XSD}integer>', '"042x"^^xsd:integer'),  # ill-typed: kept as written
        (f'"1."^^<{XSD}decimal>', '"1."^^xsd:decimal'),
        (f'"2016"^^<{XSD}gYear>', '"2016"^^xsd:gYear'),
        ('"x"^^<http://example.org/odd type>', '"x"^^<http://example.org/odd type>'),
        ('"Kaiming He"', '"Kaiming He"'),
        ('"何恺明"@zh', '"何恺明"@zh'),
        ("<https://schema.org/name>", "schema:name"),
        ("<http://purl.org/spar/fabio/>", "fabio:"),
        ("<https://schema.org/a.b>", "schema:a.b"),
        ("<https://schema.org/a.>", "<https://schema.org/a.>"),  # no trailing dot
        ("<https://schema.org/a%20b>", "<https://schema.org/a%20b>"),
        (f"<{BASE}person/x>", "<person/x>"),
        (f"<{BASE}a:b>", f"<{BASE}a:b>"),
        ("<https://example.org/elsewhere>", "<https://example.org/elsewhere>"),
        ("_:b0", "_:b0"),
    ],
)
def test_terms_are_spelled_the_short_way_only_when_it_means_the_same(
    term: str, spelled: str
) -> None:
    names = turtle_names(PREFIXES, BASE)
    assert spell(term, names) == spelled
    document = f"@base <{BASE}> .\n@prefix schema: <https://schema.org/> .\n"
    document += f"@prefix xsd: <{XSD}> .\n@prefix fabio: <http://purl.org/spar/fabio/> .\n"
    if not term.startswith('"x"^^<http://example.org/odd'):  # that IRI is not valid RDF
        reread = Graph().parse(data=document + f"<{BASE}s> <{BASE}p> {spelled} .", format="ttl")
        expected = Graph().parse(data=f"<{BASE}s> <{BASE}p> {term} .", format="nt")
        assert_isomorphic(expected, reread, f"{term} spelled {spelled}")


def test_slices_never_cut_a_subject_and_join_into_the_whole() -> None:
    triples = sorted(
        (f"<{BASE}s{subject}>", f"<{BASE}p{index % 3}>", f'"{index}"')
        for subject in range(40)
        for index in range(subject % 7 + 1)
    )
    whole = turtle_body(triples, turtle_names(PREFIXES, BASE))
    for count in (1, 2, 5, 13, 100):
        slices = subject_slices(triples, count)
        assert [t for part in slices for t in part] == triples
        for before, after in pairwise(slices):
            assert before[-1][0] != after[0][0]
        names = turtle_names(PREFIXES, BASE)
        assert "".join(turtle_body(part, names) for part in slices) == whole


def test_a_large_body_written_in_two_processes_is_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, site_graph = read_site_graph(DATA)
    graphs: Sequence[_Graph] = [_Graph(g.iri, g.triples) for g in site_graph.graphs]
    one_piece = write_turtle(graphs, BASE, PREFIXES, trig=False)
    monkeypatch.setattr(turtle, "SLICE_TRIPLES", 200)  # ~30 slices, two processes
    assert write_turtle(graphs, BASE, PREFIXES, trig=False) == one_piece


_LEXICAL = st.text(st.characters(codec="utf-8", blacklist_categories=["Cs"]), max_size=12)
_IRI_TAIL = st.builds(
    str.__add__, st.text("abcxyz019-_./:", max_size=8), st.sampled_from(["", "?q=:", "#f"])
)


def _literal(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    escaped = escaped.replace("\r", "\\r")
    return '"' + "".join(c if ord(c) >= 0x20 else f"\\u{ord(c):04X}" for c in escaped) + '"'


@st.composite
def _triples(draw: st.DrawFn) -> list[Triple]:
    nodes = [f"<{BASE}{tail}>" for tail in draw(st.lists(_IRI_TAIL, min_size=1, max_size=5))]
    nodes += ["<https://schema.org/name>", "<http://purl.org/spar/fabio/Work>", "_:b1"]
    literals = [_literal(v) for v in draw(st.lists(_LEXICAL, max_size=4))]
    literals += [f'"{n}"^^<{XSD}integer>' for n in draw(st.lists(st.integers(), max_size=2))]
    predicates = ["<https://schema.org/name>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"]
    count = draw(st.integers(1, 25))
    return sorted(
        {
            (draw(st.sampled_from(nodes)), draw(st.sampled_from(predicates)), obj)
            for obj in draw(st.lists(st.sampled_from(nodes + literals), min_size=count))
        }
    )


@settings(max_examples=150, deadline=None)
@given(_triples())
def test_any_graph_reads_back_the_same(triples: list[Triple]) -> None:
    graphs = [_Graph(f"{BASE}graph/g", tuple(triples))]
    text = write_turtle(graphs, BASE, PREFIXES, trig=False).decode("utf-8")
    expected = Graph().parse(data=ntriples_text(graphs), format="nt")
    assert_isomorphic(expected, Graph().parse(data=text, format="turtle"), text)
    reread = ox.parse(text, format=ox.RdfFormat.TURTLE)
    assert len(set(reread)) == len(triples)


def test_documents_sharing_names_get_the_bytes_of_their_own_writer() -> None:
    """Per-document Turtle with one ``TurtleNames`` for the whole build: each document's
    header still lists exactly the prefixes its own body writes (a prefix used only by a
    literal's datatype included), whatever earlier documents spelled."""
    from scholarld.serialize.turtle import document_turtle
    from scholarld.site.resources import group_by_document

    _, site_graph = read_site_graph(DATA)
    documents = group_by_document(site_graph, BASE).documents
    shared = turtle_names(PREFIXES, BASE)
    for document in (*documents, *reversed(documents)):  # every spelling met before too
        alone = write_turtle([document], BASE, PREFIXES, trig=False)
        assert document_turtle(document.triples, shared, PREFIXES) == alone, document.path
    dated = [t for d in documents for t in d.triples if t[2].endswith(f"<{XSD}gYear>")]
    assert dated, "the default data has xsd:gYear literals"
    lone = (("<http://localhost:8000/x>", "<http://localhost:8000/y>", dated[0][2]),)
    assert b"@prefix xsd:" in document_turtle(lone, shared, PREFIXES)
