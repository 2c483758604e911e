"""The writers behind ``scholarld export``: every format parses back (with rdflib) to the
graphs it was given, output is deterministic, and JSON-LD never needs the network.

These tests build small SiteGraph-shaped inputs by hand (with the awkward cases: escapes,
language tags, typed literals, blank nodes, a triple shared by two graphs), so they do not
depend on the graph stage; ``test_export_cli.py`` runs the real pipeline.
"""

from __future__ import annotations

import json
import urllib.request
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from rdf_compare import assert_isomorphic
from scholarld.formats import FORMATS, RdfFormat, UnknownFormatError, get_format
from scholarld.graph.namespaces import PREFIXES
from scholarld.serialize import serialize
from scholarld.serialize.context import load_context
from scholarld.serialize.lines import nquads_text, ntriples_text

BASE = "http://localhost:8000/"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
PERSON = f"<{BASE}person/kaiming-he>"
WORK = f"<{BASE}work/he2016deep>"
VERSION = f"<{BASE}work/he2016deep/cvpr2016>"


@dataclass(frozen=True)
class SampleGraph:
    """Shaped like ``scholarld.graph.NamedGraph``."""

    iri: str
    slug: str | None
    triples: tuple[tuple[str, str, str], ...]


def _graph(iri: str, slug: str | None, triples: set[tuple[str, str, str]]) -> SampleGraph:
    return SampleGraph(iri, slug, tuple(sorted(triples)))


PROFILE_TRIPLES = {
    (PERSON, RDF_TYPE, f"<{SCHEMA}Person>"),
    (PERSON, RDF_TYPE, "<http://xmlns.com/foaf/0.1/Person>"),
    (PERSON, f"<{SCHEMA}name>", '"Kaiming He"'),
    (PERSON, f"<{SCHEMA}name>", '"何恺明"@zh'),
    (PERSON, f"<{SCHEMA}sameAs>", "<https://orcid.org/0000-0002-1825-0097>"),
    (PERSON, f"<{SCHEMA}url>", '"not an IRI"'),
    (PERSON, f"<{SCHEMA}description>", '"A \\"quoted\\" line\\nwith a tab\\t and \\\\"'),
    (VERSION, "<http://purl.org/spar/fabio/hasPublicationYear>", f'"2016"^^<{XSD}gYear>'),
    (VERSION, f"<{SCHEMA}headline>", '"Deep Residual Learning for Image Recognition"@en'),
    (VERSION, RDF_TYPE, "<http://purl.org/spar/fabio/ConferencePaper>"),
    (WORK, "<http://purl.org/vocab/frbr/core#realization>", VERSION),
    (WORK, f"<{SCHEMA}position>", f'"1"^^<{XSD}integer>'),
    (f"<{BASE}venue/ijcv>", f"<{SCHEMA}editor>", "_:role1"),
    ("_:role1", f"<{SCHEMA}roleName>", '"Associate Editor"'),
    ("_:role1", f"<{SCHEMA}editor>", PERSON),
    (PERSON, "<http://example.org/vocab#odd-key>", "<http://example.org/x>"),
}
OTHER_TRIPLES = {
    (f"<{BASE}person/ross-girshick>", f"<{SCHEMA}name>", '"Ross Girshick"'),
    (PERSON, f"<{SCHEMA}name>", '"Kaiming He"'),  # also in the first graph
}
DATASET_TRIPLES = {
    (f"<{BASE}graph/kaiming-he>", RDF_TYPE, "<http://rdfs.org/ns/void#Dataset>"),
    (f"<{BASE}dataset>", "<http://purl.org/dc/terms/license>", f"<{BASE}licence>"),
}
GRAPHS = (
    _graph(f"{BASE}dataset", None, DATASET_TRIPLES),
    _graph(f"{BASE}graph/kaiming-he", "kaiming-he", PROFILE_TRIPLES),
    _graph(f"{BASE}graph/ross-girshick", "ross-girshick", OTHER_TRIPLES),
)


def expected_union() -> Graph:
    return Graph().parse(data=ntriples_text(GRAPHS), format="nt")


def expected_named_graphs() -> dict[str, Graph]:
    return parse_named_graphs(nquads_text(GRAPHS), "nquads")


def parse_named_graphs(data: str | bytes, rdflib_format: str) -> dict[str, Graph]:
    """Each non-empty graph of a dataset document, by IRI, as a plain Graph.

    rdflib 7.6's own ``Dataset`` methods trip its deprecation warnings; they are not ours."""
    graphs: dict[str, Graph] = {}
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        dataset = Dataset().parse(data=data, format=rdflib_format)
        for graph in dataset.graphs():
            if len(graph) == 0:
                continue
            copy = Graph()
            for triple in graph:
                copy.add(triple)
            graphs[str(graph.identifier)] = copy
    return graphs


RDFLIB_FORMAT = {
    "ttl": "turtle",
    "jsonld": "json-ld",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "xml": "xml",
}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """A JSON-LD context must never be fetched: any URL opened fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail(f"tried to open a URL: {args}")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda fmt: fmt.name)
def test_every_format_parses_back_to_the_same_graphs(fmt: RdfFormat) -> None:
    data = serialize(GRAPHS, fmt, BASE, PREFIXES).decode("utf-8")
    if fmt.dataset:
        expected = expected_named_graphs()
        actual = parse_named_graphs(data, RDFLIB_FORMAT[fmt.name])
        assert sorted(actual) == sorted(expected)
        for iri, graph in expected.items():
            assert_isomorphic(graph, actual[iri], f"{fmt.name} graph {iri}")
    else:
        parsed_graph = Graph().parse(data=data, format=RDFLIB_FORMAT[fmt.name])
        assert_isomorphic(expected_union(), parsed_graph, fmt.name)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda fmt: fmt.name)
def test_every_format_is_byte_identical_on_rerun(fmt: RdfFormat) -> None:
    first = serialize(GRAPHS, fmt, BASE, PREFIXES)
    second = serialize(tuple(GRAPHS), fmt, BASE, PREFIXES)
    assert first == second
    assert first.endswith(b"\n")


def test_ntriples_union_is_sorted_and_deduplicated() -> None:
    lines = ntriples_text(GRAPHS).splitlines()
    assert lines == sorted(set(lines))
    assert sum('"Kaiming He" .' in line for line in lines) == 1


def test_nquads_keep_one_named_graph_per_profile() -> None:
    lines = nquads_text(GRAPHS).splitlines()
    shared = [line for line in lines if line.startswith(PERSON + f' <{SCHEMA}name> "Kaiming')]
    assert [line.rsplit(" ", 2)[1] for line in shared] == [
        f"<{BASE}graph/kaiming-he>",
        f"<{BASE}graph/ross-girshick>",
    ]


def test_turtle_has_readable_prefixes_and_relative_site_iris() -> None:
    text = serialize(GRAPHS[1:2], get_format("ttl"), BASE, PREFIXES).decode("utf-8")
    header = [line for line in text.splitlines() if line.startswith("@")]
    assert header[0] == f"@base <{BASE}> ."
    assert "@prefix schema: <https://schema.org/> ." in header
    assert "@prefix fabio: <http://purl.org/spar/fabio/> ." in header
    assert header[1:] == sorted(header[1:])
    assert not any(line.startswith("@prefix void:") for line in header)  # unused here
    assert "<person/kaiming-he> <http://example.org/vocab#odd-key>" in text
    assert "\ta foaf:Person , schema:Person ;" in text
    assert "<work/he2016deep> frbr:realization <work/he2016deep/cvpr2016>" in text


def test_turtle_keeps_a_literal_that_holds_the_base_iri_intact() -> None:
    tricky = _graph(f"{BASE}graph/x", "x", {(PERSON, f"<{SCHEMA}description>", f'"see <{BASE}x>"')})
    text = _turtle_read_back(tricky, "ttl with a base IRI inside a literal")
    assert f"@base <{BASE}> ." in text
    assert f'<person/kaiming-he> schema:description "see <{BASE}x>" .' in text


def test_turtle_writes_in_full_an_iri_whose_relative_form_would_resolve_elsewhere() -> None:
    odd = _graph(
        f"{BASE}graph/x",
        "x",
        {(f"<{BASE}a:b>", f"<{SCHEMA}name>", '"x"'), (PERSON, f"<{SCHEMA}knows>", f"<{BASE}a:b>")},
    )
    text = _turtle_read_back(odd, "ttl with a scheme-like relative IRI")
    assert f"<{BASE}a:b> schema:name" in text
    assert f"<person/kaiming-he> schema:knows <{BASE}a:b> ." in text


def _turtle_read_back(graph: SampleGraph, what: str) -> str:
    """The graph's Turtle, checked to parse back to the same graph."""
    text = serialize([graph], get_format("ttl"), BASE, PREFIXES).decode("utf-8")
    expected = Graph().parse(data=ntriples_text([graph]), format="nt")
    assert_isomorphic(expected, Graph().parse(data=text, format="turtle"), what)
    return text


def test_jsonld_is_compacted_with_the_local_context_and_embeds_it() -> None:
    document = json.loads(serialize(GRAPHS, get_format("jsonld"), BASE, PREFIXES))
    context = document["@context"]
    assert context["@base"] == BASE
    assert context["@vocab"] == "https://schema.org/"
    profile = next(g for g in document["@graph"] if g["@id"] == "graph/kaiming-he")
    person = next(node for node in profile["@graph"] if node["@id"] == "person/kaiming-he")
    assert person["@type"] == ["foaf:Person", "Person"]
    assert person["name"] == ["Kaiming He", {"@value": "何恺明", "@language": "zh"}]
    assert person["sameAs"] == "https://orcid.org/0000-0002-1825-0097"  # coerced to an IRI
    assert person["url"] == {"@value": "not an IRI"}  # a literal under a coerced term
    assert person["http://example.org/vocab#odd-key"] == {"@id": "http://example.org/x"}
    version = next(n for n in profile["@graph"] if n["@id"] == "work/he2016deep/cvpr2016")
    assert version["fabio:hasPublicationYear"] == {"@value": "2016", "@type": "xsd:gYear"}


def test_jsonld_sameas_stays_an_iri_after_parsing() -> None:
    data = serialize(GRAPHS[1:2], get_format("jsonld"), BASE, PREFIXES)
    parsed = parse_named_graphs(data, "json-ld")[f"{BASE}graph/kaiming-he"]
    objects = set(parsed.objects(None, URIRef(f"{SCHEMA}sameAs")))
    assert objects == {URIRef("https://orcid.org/0000-0002-1825-0097")}


def test_the_packaged_context_declares_every_standard_prefix() -> None:
    context = load_context()
    assert context.prefixes == dict(PREFIXES)
    assert set(context.id_terms) >= {f"{SCHEMA}sameAs", f"{SCHEMA}url"}


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(UnknownFormatError) as caught:
        get_format("rdfa")
    assert str(caught.value) == "Unknown format 'rdfa': use one of ttl, jsonld, nt, nq, trig, xml"
    assert caught.value.exit_code == 1


def test_format_names_are_case_insensitive() -> None:
    assert get_format("TTL").media_type == "text/turtle"
    assert get_format("jsonld").dataset


def test_write_atomically_replaces_the_file_completely(tmp_path: Path) -> None:
    from scholarld.serialize.output import write_atomically

    target = tmp_path / "out.ttl"
    target.write_text("old")
    write_atomically(target, b"new content\n")
    assert target.read_bytes() == b"new content\n"
    assert [path.name for path in tmp_path.iterdir()] == ["out.ttl"]


def test_jsonld_union_form_parses_back_to_the_union() -> None:
    from scholarld.serialize.jsonld import write_jsonld

    text = write_jsonld(GRAPHS, load_context(), BASE, named=False)
    document = json.loads(text)
    assert all("@graph" not in node for node in document["@graph"])
    parsed = parse_named_graphs(text, "json-ld")  # the union lands in the default graph
    assert len(parsed) == 1
    assert_isomorphic(expected_union(), next(iter(parsed.values())), "jsonld union")
