"""The SHACL shapes in ``shapes/``: they parse, they are linted, and every constraint can
fail (a conforming fixture passes, one violating fixture per named shape is caught).

Fixtures: ``tests/fixtures/shapes/conforming.ttl`` is a small site graph (the modelling
guide's worked example in the site's IRI scheme) that conforms with no warnings;
``violating/<Shape>.trig`` patches it (graph ``<urn:scholarld:add>`` is added, graph
``<urn:scholarld:remove>`` removed) so that ``shape:<Shape>`` reports a result.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, URIRef

from scholarld.validation.chains import CHECKS, author_chain_results
from scholarld.validation.engine import validate_graph
from scholarld.validation.report import Severity, ValidationReport
from scholarld.validation.shapes import load_shapes, shape_files

REPO = Path(__file__).resolve().parents[1]
SHAPES_DIR = REPO / "shapes"
FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
SHAPE_NS = "https://w3id.org/scholarld/shapes#"
SH = "http://www.w3.org/ns/shacl#"
ADD = URIRef("urn:scholarld:add")
REMOVE = URIRef("urn:scholarld:remove")


def sh(name: str) -> URIRef:
    return URIRef(SH + name)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(SHAPES_DIR)


@pytest.fixture(scope="module")
def conforming() -> Graph:
    return Graph().parse(FIXTURES / "conforming.ttl")


def checked_shapes(shapes: Graph) -> list[URIRef]:
    """Every named shape or SPARQL constraint that carries its own message (so can fail)."""
    return sorted(
        node
        for node in set(shapes.subjects(sh("message"), None))
        if isinstance(node, URIRef) and str(node).startswith(SHAPE_NS)
    )


def shapes_to_run(shapes: Graph, shape: URIRef) -> list[str]:
    """Just enough shapes for pySHACL's ``use_shapes`` to check ``shape`` (fast): a node
    shape alone; a property shape with its node shapes; a SPARQL constraint's node shapes."""
    if (shape, RDF.type, sh("NodeShape")) in shapes:
        return [str(shape)]
    owners = set(shapes.subjects(sh("property"), shape)) | set(shapes.subjects(sh("sparql"), shape))
    if (shape, RDF.type, sh("PropertyShape")) in shapes:
        owners.add(shape)
    return sorted(str(owner) for owner in owners)


def patched(base: Graph, fixture: Path) -> Graph:
    """``base`` with the fixture's add graph added and its remove graph removed."""
    patch = Dataset()
    with warnings.catch_warnings():  # rdflib 7.6's Dataset.parse uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        patch.parse(data=fixture.read_text(encoding="utf-8"), format="trig")
    graph = Graph()
    for triple in base:
        graph.add(triple)
    for triple in patch.graph(REMOVE):
        assert triple in graph, f"{fixture.name}: {triple} is not in conforming.ttl (stale fixture)"
        graph.remove(triple)
    for triple in patch.graph(ADD):
        graph.add(triple)
    return graph


def test_every_shapes_file_parses() -> None:
    files = shape_files(SHAPES_DIR)
    assert len(files) >= 8
    for path in files:
        assert len(Graph().parse(path, format="turtle")) > 0, path


def as_terms(graph: Graph) -> list[tuple[str, str, str]]:
    """The graph's triples as N-Triples term strings, as the site graph holds them."""
    return [(s.n3(), p.n3(), o.n3()) for s, p, o in graph]


def test_conforming_fixture_has_no_results(shapes: Graph, conforming: Graph) -> None:
    results = validate_graph(conforming, shapes) + author_chain_results(as_terms(conforming))
    report = ValidationReport.of(results)
    assert report.results == (), "\n".join(str(result) for result in report.results)


def test_every_checked_shape_has_a_violating_fixture(shapes: Graph) -> None:
    names = {str(node).removeprefix(SHAPE_NS) for node in checked_shapes(shapes)} | set(CHECKS)
    fixtures = {path.stem for path in (FIXTURES / "violating").glob("*.trig")}
    assert names - fixtures == set(), "shapes without a violating fixture"
    assert fixtures - names == set(), "fixtures for shapes that do not exist"


@pytest.mark.parametrize(
    "fixture", sorted((FIXTURES / "violating").glob("*.trig")), ids=lambda path: path.stem
)
def test_violating_fixture_is_caught_by_its_shape(
    fixture: Path, shapes: Graph, conforming: Graph
) -> None:
    shape = URIRef(SHAPE_NS + fixture.stem)
    data = patched(conforming, fixture)
    if fixture.stem in CHECKS:  # the author-chain check runs in Python, not pySHACL
        expected = Severity.VIOLATION
        results = author_chain_results(as_terms(data))
    else:
        expected = Severity(str(shapes.value(shape, sh("severity"))).removeprefix(SH))
        results = validate_graph(data, shapes, use_shapes=shapes_to_run(shapes, shape))
    caught = [r for r in results if str(shape) in (r.shape, r.constraint)]
    found = "\n".join(f"{r.shape} {r.constraint} {r.message}" for r in results)
    assert caught, f"shape:{fixture.stem} reported nothing; results were:\n{found}"
    assert {result.severity for result in caught} == {expected}
    assert all(result.message and result.focus for result in caught)


def test_every_shape_with_a_constraint_has_message_and_severity(shapes: Graph) -> None:
    constraint_params = {
        "minCount", "maxCount", "datatype", "class", "nodeKind", "pattern", "in", "hasValue",
        "or", "and", "not", "xone", "equals", "minLength", "select",
    }  # fmt: skip
    for node in set(shapes.subjects()):
        has_constraint = any((node, sh(name), None) in shapes for name in constraint_params)
        if not has_constraint or not isinstance(node, URIRef):
            continue
        assert (node, sh("message"), None) in shapes, f"{node} has no sh:message"
        assert (node, sh("severity"), None) in shapes, f"{node} has no sh:severity"


def test_property_shapes_and_sparql_constraints_are_named(shapes: Graph) -> None:
    """Named shapes make results readable and deterministic (no blank-node shape labels)."""
    for predicate in (sh("property"), sh("sparql")):
        for value in shapes.objects(None, predicate):
            assert isinstance(value, URIRef), f"an sh:{predicate} value is a blank node"


def test_shapes_use_only_https_schema_org() -> None:
    for path in shape_files(SHAPES_DIR):
        assert "http://schema.org" not in path.read_text(encoding="utf-8"), path


def test_no_unknown_shacl_terms(shapes: Graph) -> None:
    """pySHACL silently ignores unknown sh: terms (sh:minValue ...), so list them."""
    used = {str(term) for triple in shapes for term in triple if str(term).startswith(SH)}
    assert {term.removeprefix(SH) for term in used} - SHACL_TERMS == set()


def test_severity_values_are_shacl_severities(shapes: Graph) -> None:
    allowed = {sh("Violation"), sh("Warning"), sh("Info")}
    assert set(shapes.objects(None, sh("severity"))) <= allowed


def test_node_shapes_are_typed(shapes: Graph) -> None:
    for node in set(shapes.subjects(sh("targetClass"), None)):
        assert (node, RDF.type, sh("NodeShape")) in shapes, node


SHACL_TERMS = frozenset(
    {
        "NodeShape",
        "PropertyShape",
        "SPARQLConstraint",
        "Violation",
        "Warning",
        "Info",
        "IRI",
        "Literal",
        "BlankNode",
        "BlankNodeOrIRI",
        "IRIOrLiteral",
        "BlankNodeOrLiteral",
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
        "property",
        "path",
        "inversePath",
        "alternativePath",
        "zeroOrMorePath",
        "oneOrMorePath",
        "zeroOrOnePath",
        "minCount",
        "maxCount",
        "datatype",
        "class",
        "nodeKind",
        "pattern",
        "flags",
        "in",
        "hasValue",
        "or",
        "and",
        "not",
        "xone",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
        "minLength",
        "maxLength",
        "minInclusive",
        "maxInclusive",
        "minExclusive",
        "maxExclusive",
        "languageIn",
        "uniqueLang",
        "closed",
        "ignoredProperties",
        "node",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "message",
        "severity",
        "deactivated",
        "name",
        "description",
        "order",
        "group",
        "sparql",
        "select",
        "ask",
        "prefixes",
        "declare",
        "prefix",
        "namespace",
    }
)


def test_every_shape_and_check_is_documented(shapes: Graph) -> None:
    docs = (REPO / "docs" / "validation.md").read_text(encoding="utf-8")
    names = [str(node).removeprefix(SHAPE_NS) for node in checked_shapes(shapes)] + list(CHECKS)
    assert [name for name in names if f"`{name}`" not in docs] == []
