"""Validation in pieces (``validation.partition`` / ``pieces`` / ``locality``) gives exactly
pySHACL's whole-graph results: on every violating shapes fixture, on the default data and
on a synthetic corpus with cross-profile violations, in one process and in two."""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from scholarld.graph import SiteGraph, build_site_graph
from scholarld.identity import resolve_people
from scholarld.profiles import read_site
from scholarld.validation import pieces as pieces_module
from scholarld.validation.chains import CHECKS
from scholarld.validation.engine import validate_ntriples, validate_piece
from scholarld.validation.locality import incoming_predicates, shapes_are_local
from scholarld.validation.partition import OWNED, Piece, Triple, partition
from scholarld.validation.pieces import default_workers, validate_in_pieces, worth_splitting
from scholarld.validation.report import ValidationResult
from scholarld.validation.run import shacl_results_of
from scholarld.validation.shapes import load_shapes

REPO = Path(__file__).resolve().parents[1]
SHAPES_DIR = REPO / "shapes"
FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
SHAPE_NS = "https://w3id.org/scholarld/shapes#"
SH = "http://www.w3.org/ns/shacl#"
SCHEMA = "https://schema.org/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
PREFIXES = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(SHAPES_DIR)


def sort(results: Sequence[ValidationResult]) -> list[ValidationResult]:
    return sorted(results, key=lambda result: (result.sort_key(), repr(result)))


def assert_same(whole: Sequence[ValidationResult], split: Sequence[ValidationResult]) -> None:
    expected, actual = sort(whole), sort(split)
    missing = [r for r in expected if r not in actual]
    extra = [r for r in actual if r not in expected]
    assert expected == actual, f"missing in pieces: {missing}\nonly in pieces: {extra}"


def ntriples(triples: Sequence[Triple]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in sorted(set(triples)))


def named_graphs(triples: Sequence[Triple], count: int) -> list[list[Triple]]:
    """The triples as ``count`` sorted named graphs, each subject's triples in one of them."""
    subjects = sorted({triple[0] for triple in triples})
    home = {subject: position % count for position, subject in enumerate(subjects)}
    graphs: list[list[Triple]] = [[] for _ in range(count)]
    for triple in sorted(set(triples)):
        graphs[home[triple[0]]].append(triple)
    return graphs


def pieces_results(
    graphs: Sequence[Sequence[Triple]], shapes: Graph, piece_triples: int, use_shapes: list[str]
) -> list[ValidationResult]:
    found: list[ValidationResult] = []
    for piece in partition(graphs, piece_triples, incoming_predicates(shapes)):
        found += validate_piece(piece.ntriples, piece.owned_ntriples, shapes, use_shapes)
    return found


def patched_triples(fixture: Path) -> list[Triple]:
    """conforming.ttl with the fixture's add graph added and its remove graph removed."""
    base = Graph().parse(FIXTURES / "conforming.ttl")
    patch = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        patch.parse(data=fixture.read_text(encoding="utf-8"), format="trig")
    for triple in patch.graph(URIRef("urn:scholarld:remove")):
        base.remove(triple)
    for triple in patch.graph(URIRef("urn:scholarld:add")):
        base.add(triple)
    return [(s.n3(), p.n3(), o.n3()) for s, p, o in base]


def node_shapes_for(shapes: Graph, shape: URIRef) -> list[str]:
    """The shapes pySHACL's ``use_shapes`` needs to run ``shape``: itself and the node
    shapes holding it as ``sh:property`` (as ``test_shapes`` does)."""
    owners = set(shapes.subjects(URIRef(SH + "property"), shape)) | {shape}
    return sorted(str(owner) for owner in owners)


# The author-chain fixtures test plain Python (``validation.chains``), not pySHACL.
PYSHACL_FIXTURES = sorted(
    path for path in (FIXTURES / "violating").glob("*.trig") if path.stem not in CHECKS
)


@pytest.mark.parametrize("fixture", PYSHACL_FIXTURES, ids=lambda path: path.stem)
def test_pieces_match_the_whole_graph_on_every_violating_fixture(
    fixture: Path, shapes: Graph
) -> None:
    shape = URIRef(SHAPE_NS + fixture.stem)
    assert (shape, None, None) in shapes, f"no shape {shape} for the fixture {fixture.name}"
    triples = patched_triples(fixture)
    use_shapes = node_shapes_for(shapes, shape)
    whole = validate_ntriples(ntriples(triples), shapes, use_shapes)
    assert whole, f"the fixture {fixture.name} reports nothing on the whole graph"
    assert_same(whole, pieces_results(named_graphs(triples, 3), shapes, 40, use_shapes))


def test_pieces_match_the_whole_graph_on_the_default_data(shapes: Graph) -> None:
    data = REPO / "data"
    site = read_site(data)
    site_graph = build_site_graph(site, resolve_people(site.profiles))
    whole = validate_ntriples(site_graph.ntriples(), shapes)
    graphs = [graph.triples for graph in site_graph.graphs]
    assert_same(whole, validate_in_pieces(graphs, SHAPES_DIR, incoming_predicates(shapes),
                                          piece_triples=1500, workers=1))  # fmt: skip


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> SiteGraph:
    out = tmp_path_factory.mktemp("corpus")
    command = [sys.executable, str(REPO / "benchmarks" / "corpus.py"), str(out)]
    subprocess.run([*command, "--profiles", "3", "--works", "3"], check=True, timeout=60)
    site = read_site(out)
    return build_site_graph(site, resolve_people(site.profiles))


def broken(site_graph: SiteGraph) -> list[list[Triple]]:
    """The corpus with violations whose evidence sits in other named graphs: a person in
    the last graph gains an affiliation to a node typed only in the first graph (a
    schema:Person, so sh:class fails), a second name, and a role chained into it."""
    graphs = [list(graph.triples) for graph in site_graph.graphs]
    person = next(t[0] for t in graphs[-1] if t[1:] == (RDF_TYPE, f"<{SCHEMA}Person>"))
    other = next(t[0] for t in graphs[1] if t[1:] == (RDF_TYPE, f"<{SCHEMA}Person>"))
    role = next(t[2] for t in graphs[1] if t[1] == "<https://w3id.org/oc/ontology/hasNext>")
    graphs[-1] += [
        (person, f"<{SCHEMA}affiliation>", other),
        (person, f"<{SCHEMA}name>", '"Second Name"'),
    ]
    graphs[0] += [("<http://example.org/stray-role>", "<https://w3id.org/oc/ontology/hasNext>",
                   role)]  # fmt: skip
    return [sorted(set(graph)) for graph in graphs]


def test_pieces_in_two_processes_match_the_whole_corpus(
    corpus_graph: SiteGraph, shapes: Graph
) -> None:
    graphs = broken(corpus_graph)
    whole = validate_ntriples(ntriples([t for graph in graphs for t in graph]), shapes)
    assert sum(result.severity.value == "Violation" for result in whole) >= 3
    assert len(partition(graphs, 150, incoming_predicates(shapes))) >= 3
    split = validate_in_pieces(
        graphs, SHAPES_DIR, incoming_predicates(shapes), piece_triples=150, workers=2
    )
    assert_same(whole, split)


def test_piece_cache_revalidates_only_the_pieces_an_edit_changes(
    corpus_graph: SiteGraph, shapes: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graphs = broken(corpus_graph)
    incoming = incoming_predicates(shapes)
    options = {"piece_triples": 150, "workers": 1, "cache_dir": tmp_path}
    first = validate_in_pieces(graphs, SHAPES_DIR, incoming, **options)  # type: ignore[arg-type]
    validated: list[int] = []
    real = pieces_module.validate_pieces

    def counting(pieces: Sequence[Piece], shapes_dir: str) -> list[tuple[ValidationResult, ...]]:
        validated.append(len(pieces))
        return real(pieces, shapes_dir)

    monkeypatch.setattr(pieces_module, "validate_pieces", counting)
    again = validate_in_pieces(graphs, SHAPES_DIR, incoming, **options)  # type: ignore[arg-type]
    assert_same(first, again)
    assert sum(validated) == 0
    person = next(t[0] for t in graphs[-1] if t[1:] == (RDF_TYPE, f"<{SCHEMA}Person>"))
    graphs[-1] = sorted([*graphs[-1], (person, f"<{SCHEMA}givenName>", '"A"'), (person,
                         f"<{SCHEMA}givenName>", '"B"')])  # fmt: skip
    edited = validate_in_pieces(graphs, SHAPES_DIR, incoming, **options)  # type: ignore[arg-type]
    assert 0 < sum(validated) < len(partition(graphs, 150, incoming))
    whole = validate_ntriples(ntriples([t for graph in graphs for t in graph]), shapes)
    assert_same(whole, edited)
    assert len(edited) == len(first) + 1


def test_partition_owns_every_node_once_and_keeps_its_triples(corpus_graph: SiteGraph) -> None:
    graphs = [graph.triples for graph in corpus_graph.graphs]
    incoming = frozenset({"<https://w3id.org/oc/ontology/hasNext>"})
    pieces = partition(graphs, 100, incoming)
    assert len(pieces) > 2
    owned = [line.split(" ", 2)[2][:-2] for p in pieces for line in p.owned_ntriples.splitlines()]
    triples = {t for graph in graphs for t in graph}
    assert len(owned) == len(set(owned)) == len({t[0] for t in triples} | {t[2] for t in triples})
    for piece in pieces:
        lines = set(piece.ntriples.splitlines())
        mine = {line.split(" ", 2)[2][:-2] for line in piece.owned_ntriples.splitlines()}
        for s, p, o in triples:
            if s in mine or (o in mine and p in incoming):
                assert f"{s} {p} {o} ." in lines
    assert all(line.startswith(f"{OWNED} {OWNED} ") for p in pieces for line in
               p.owned_ntriples.splitlines())  # fmt: skip


def test_the_project_shapes_are_local_and_read_some_predicates_backwards(shapes: Graph) -> None:
    assert shapes_are_local(shapes)
    assert incoming_predicates(shapes) == {
        "<http://purl.org/spar/datacite/hasIdentifier>",
        "<https://schema.org/identifier>",
        "<http://rdfs.org/ns/void#exampleResource>",
        "<https://w3id.org/oc/ontology/hasNext>",
        "<http://purl.org/spar/pro/isDocumentContextFor>",
    }


@pytest.mark.parametrize(
    "shape",
    [
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:T .",
        "ex:S a sh:NodeShape ; sh:targetNode ex:n ; sh:class ex:C .",
        "ex:S a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ( ex:p ex:q ) .",
        "ex:S a sh:PropertyShape ; sh:targetClass ex:C ; sh:path [ sh:zeroOrMorePath ex:p ] .",
        "ex:S a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ex:p ;"
        " sh:or ( [ sh:path ex:q ; sh:minCount 1 ] ) .",
        "ex:S a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ex:p ;"
        " sh:not [ sh:equals ex:q ] .",
        "ex:C a rdfs:Class , sh:NodeShape ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
    ],
)
def test_shapes_that_look_further_than_one_step_are_not_local(shape: str) -> None:
    rdfs = "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    assert not shapes_are_local(Graph().parse(data=PREFIXES + rdfs + shape, format="turtle"))


def test_one_step_shapes_are_local() -> None:
    shape = (
        "ex:S a sh:NodeShape ; sh:targetObjectsOf ex:r ; sh:class ex:C ;"
        " sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:maxCount 1 ] ,"
        " [ sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:or ( [ sh:class ex:D ] ) ] ."
    )
    graph = Graph().parse(data=PREFIXES + shape, format="turtle")
    assert shapes_are_local(graph)
    assert incoming_predicates(graph) == {"<http://example.org/r>", "<http://example.org/p>"}


def test_small_sites_are_validated_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not worth_splitting([[("<a>", "<b>", "<c>")]] * 10)
    assert worth_splitting([[("<a>", "<b>", "<c>")] * pieces_module.SPLIT_FROM_TRIPLES])
    monkeypatch.setenv(pieces_module.WORKERS_ENV, "3")
    assert default_workers() == 3
    monkeypatch.setenv(pieces_module.WORKERS_ENV, "none")
    assert default_workers() >= 1


def test_large_sites_go_through_pieces(
    corpus_graph: SiteGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pieces_module, "PIECE_TRIPLES", 400)
    monkeypatch.setattr("scholarld.validation.run.worth_splitting", lambda graphs: True)
    monkeypatch.setenv(pieces_module.WORKERS_ENV, "1")
    split = shacl_results_of(corpus_graph, SHAPES_DIR)
    assert_same(validate_ntriples(corpus_graph.ntriples(), load_shapes(SHAPES_DIR)), split)


def test_sources_of_a_few_nodes_are_the_sources_of_all_nodes(corpus_graph: SiteGraph) -> None:
    """A report's focus nodes are looked up by binary search when few, by a scan when
    many: both give what the full mapping says about them."""
    from scholarld.validation.run import sources_by_node

    full = sources_by_node(corpus_graph)
    shared = [node for node, files in full.items() if len(files) > 1]
    assert shared, "the corpus shares co-authors between profiles"
    few = [*shared[:3], sorted(full)[0], "<http://localhost:8000/nobody>"]
    assert sources_by_node(corpus_graph, few) == {n: full[n] for n in few if n in full}
    many = sorted(full)[::2]
    assert sources_by_node(corpus_graph, many) == {n: full[n] for n in many}
