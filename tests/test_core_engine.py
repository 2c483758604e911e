"""``core_engine`` reports exactly what pySHACL reports, field by field: on every shapes
fixture, on the default data, on a corpus with violations whose evidence sits in other
profiles, and on generated damage (dropped, changed and added triples; ill-typed,
non-canonical, escaped and language-tagged literals). Shapes it does not cover make it
step aside for pySHACL."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from scholarld import parallel
from scholarld.cli import cli
from scholarld.errors import ShapesError
from scholarld.graph import SiteGraph, build_site_graph
from scholarld.identity import resolve_people
from scholarld.profiles import read_site
from scholarld.validation import core_engine, validate_site_graph
from scholarld.validation.core_engine import core_results
from scholarld.validation.core_shapes import Shape, Targeted, UnsupportedShapesError, core_shapes
from scholarld.validation.engine import validate_ntriples
from scholarld.validation.report import Severity, ValidationReport, ValidationResult
from scholarld.validation.shapes import load_shapes
from scholarld.validation.shapes_index import read_shapes_index, turtle_index
from test_validate import ALICE_YAML, SHOUTED_TITLE, make_data
from test_validation_speed import (
    FIXTURES,
    PYSHACL_FIXTURES,
    broken,
    corpus_graph,  # noqa: F401  (a fixture)
    ntriples,
    patched_triples,
)

REPO = Path(__file__).resolve().parents[1]
SHAPES_DIR = REPO / "shapes"
XSD = "http://www.w3.org/2001/XMLSchema#"
Triple = tuple[str, str, str]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(SHAPES_DIR)


@pytest.fixture(scope="module")
def targeted() -> tuple[Targeted, ...]:
    return core_shapes(read_shapes_index(SHAPES_DIR))


def assert_same_as_pyshacl(
    triples: Sequence[Triple], shapes: Graph, targeted: Sequence[Targeted]
) -> ValidationReport:
    unique = sorted(set(triples))
    expected = ValidationReport.of(validate_ntriples(ntriples(unique), shapes))
    actual = ValidationReport.of(core_results(unique, targeted))
    missing = [r for r in expected.results if r not in actual.results]
    extra = [r for r in actual.results if r not in expected.results]
    assert expected == actual, f"only pySHACL: {missing}\nonly core_engine: {extra}"
    return actual


def test_the_project_shapes_are_covered(targeted: tuple[Targeted, ...]) -> None:
    assert len(targeted) >= 25
    assert all(t.classes or t.subjects_of or t.objects_of for t in targeted)


def test_same_results_on_the_conforming_fixture(
    shapes: Graph, targeted: tuple[Targeted, ...]
) -> None:
    triples = [(s.n3(), p.n3(), o.n3()) for s, p, o in Graph().parse(FIXTURES / "conforming.ttl")]
    assert assert_same_as_pyshacl(triples, shapes, targeted).results == ()


@pytest.mark.parametrize("fixture", PYSHACL_FIXTURES, ids=lambda path: path.stem)
def test_same_results_on_every_violating_fixture(
    fixture: Path, shapes: Graph, targeted: tuple[Targeted, ...]
) -> None:
    report = assert_same_as_pyshacl(patched_triples(fixture), shapes, targeted)
    assert any(result.shape.endswith("#" + fixture.stem) for result in report.results) or any(
        result.severity is Severity.VIOLATION for result in report.results
    )


def test_same_results_on_the_default_data(shapes: Graph, targeted: tuple[Targeted, ...]) -> None:
    site = read_site(REPO / "data")
    site_graph = build_site_graph(site, resolve_people(site.profiles))
    report = assert_same_as_pyshacl(list(site_graph.union or ()), shapes, targeted)
    assert report.warnings > 0  # the default profile lacks a photo and more: warnings


def test_same_results_across_profiles(
    corpus_graph: SiteGraph,  # noqa: F811
    shapes: Graph,
    targeted: tuple[Targeted, ...],
) -> None:
    triples = [triple for graph in broken(corpus_graph) for triple in graph]
    assert assert_same_as_pyshacl(triples, shapes, targeted).violations >= 3


BASE: list[Triple] = sorted(
    (s.n3(), p.n3(), o.n3()) for s, p, o in Graph().parse(FIXTURES / "conforming.ttl")
)
TRICKY = [
    f'"20l6"^^<{XSD}gYear>',  # ill-typed
    f'"2016-02-30"^^<{XSD}date>',  # ill-typed
    f'"01"^^<{XSD}integer>',  # rdflib normalises it to "1"
    f'"1"^^<{XSD}integer>',
    f'"2016"^^<{XSD}string>',
    f'"2016-05-01T10:00:00"^^<{XSD}dateTime>',
    '"line\\nbreak \\"quoted\\" \\u00E9"',
    '"Kaiming He"@en',
    '"0000-0002-1825-009"',  # a broken ORCID
    '"1512.03385"',
    "_:b9",
    "<http://example.org/elsewhere>",
    "<https://schema.org/Person>",
    "<http://purl.org/spar/fabio/Preprint>",
]
OBJECTS = sorted({o for _, _, o in BASE} | set(TRICKY))
SUBJECTS = sorted({s for s, _, _ in BASE} | {"_:b9"})
PREDICATES = sorted({p for _, p, _ in BASE})
POSITION = st.integers(0, 10**6)
EDIT = st.tuples(st.sampled_from(["drop", "change", "add"]), POSITION, POSITION)


def damaged(edits: Sequence[tuple[str, int, int]]) -> list[Triple]:
    triples = list(BASE)
    for kind, i, j in edits:
        if kind == "drop":
            triples.pop(i % len(triples))
        elif kind == "change":
            s, p, _ = triples[i % len(triples)]
            triples[i % len(triples)] = (s, p, OBJECTS[j % len(OBJECTS)])
        else:
            triples.append((SUBJECTS[i % len(SUBJECTS)], PREDICATES[j % len(PREDICATES)],
                            OBJECTS[(i + j) % len(OBJECTS)]))  # fmt: skip
    return triples


@settings(max_examples=60, deadline=None)
@given(edits=st.lists(EDIT, min_size=1, max_size=8))
def test_same_results_on_generated_damage(edits: list[tuple[str, int, int]]) -> None:
    shapes = load_shapes(SHAPES_DIR)
    assert_same_as_pyshacl(damaged(edits), shapes, core_shapes(read_shapes_index(SHAPES_DIR)))


def test_tricky_literals_are_read_as_pyshacl_reads_them(
    shapes: Graph, targeted: tuple[Targeted, ...]
) -> None:
    """Every tricky object on every predicate of one version: many results, all equal."""
    version = next(s for s, p, o in BASE if o == "<https://schema.org/ScholarlyArticle>")
    triples = BASE + [(version, p, o) for p in PREDICATES for o in TRICKY]
    assert assert_same_as_pyshacl(triples, shapes, targeted).violations > 50


PREFIXES = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n"
UNCOVERED = {
    "targetNode": "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:class ex:C ; sh:message 'm' .",
    "qualified": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
    "sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 ; sh:message 'm' ] .",
    "sparql": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select 'x' ] .",
    "no message": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:class ex:D .",
    "two messages": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:class ex:D ; "
    "sh:message 'a' , 'b' .",
    "deactivated": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:deactivated true .",
    "closed": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ; sh:message 'm' .",
    "sequence path": "ex:S a sh:PropertyShape ; sh:targetClass ex:C ; "
    "sh:path ( ex:p ex:q ) ; sh:minCount 1 ; sh:message 'm' .",
    "nested severity": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:message 'm' ; "
    "sh:or ( [ sh:class ex:D ; sh:severity sh:Warning ] ) .",
    "implicit class target": "ex:C a rdfs:Class , sh:NodeShape ; ex:x 1 .",
    "node": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:T ; sh:message 'm' .",
}


@pytest.mark.parametrize("name", sorted(UNCOVERED))
def test_shapes_it_does_not_cover_are_refused(name: str) -> None:
    text = PREFIXES + "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    with pytest.raises(UnsupportedShapesError):
        core_shapes(turtle_index(text + UNCOVERED[name]))


def test_uncovered_shapes_are_validated_by_pyshacl(tmp_path: Path) -> None:
    (tmp_path / "s.ttl").write_text(PREFIXES + UNCOVERED["targetNode"], encoding="utf-8")
    site_graph = SiteGraph((), [("<http://example.org/a>", "<http://example.org/p>", '"x"')])
    report = validate_site_graph(site_graph, tmp_path)
    assert [r.component.rsplit("#")[-1] for r in report.results] == ["ClassConstraintComponent"]


def test_ties_in_a_report_sort_by_component() -> None:
    def result(component: str) -> ValidationResult:
        return ValidationResult(Severity.VIOLATION, "<a>", "<p>", None, "m", "<s>", component)

    first, second = result("A"), result("B")
    assert ValidationReport.of([second, first]).results == (first, second)


def test_the_validate_command_gives_the_same_report_with_either_engine(tmp_path: Path) -> None:
    outputs = []
    for engine in ("core", "pyshacl"):
        result = CliRunner().invoke(cli, ["validate", "--no-cache", "--engine", engine])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1]
    assert "warning" in outputs[0]


def test_two_processes_report_what_one_does(
    corpus_graph: SiteGraph,  # noqa: F811
    targeted: tuple[Targeted, ...],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    triples = sorted({triple for graph in broken(corpus_graph) for triple in graph})
    alone = ValidationReport.of(core_results(triples, targeted))
    monkeypatch.setattr(core_engine, "CHECKS_TO_SPLIT", 10)
    forks: list[int] = []
    real_map = parallel.map_in_two

    def counting_map(*args: Any, **kwargs: Any) -> Any:
        forks.append(len(args[1]))
        return real_map(*args, **kwargs)

    monkeypatch.setattr(core_engine, "map_in_two", counting_map)
    assert ValidationReport.of(core_results(triples, targeted)) == alone
    assert forks and forks[0] > 10
    assert alone.violations >= 3


def test_shapes_the_two_readers_read_alike_are_compiled_alike(tmp_path: Path) -> None:
    """The project's shapes compile the same from one file per shape file and from all
    of them in one Turtle text (pyoxigraph's reading does not depend on file boundaries)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SHAPES_DIR.glob("*.ttl"))]
    whole = core_shapes(read_shapes_index(SHAPES_DIR))
    for text in texts:
        (tmp_path / f"{len(list(tmp_path.iterdir()))}.ttl").write_text(text, encoding="utf-8")
    assert core_shapes(read_shapes_index(tmp_path)) == whole


def test_a_shapes_file_pyoxigraph_cannot_read_is_reported_with_its_line(tmp_path: Path) -> None:
    broken = PREFIXES + "ex:S a sh:NodeShape ; sh:message 'unterminated .\n"
    (tmp_path / "broken.ttl").write_text(broken, encoding="utf-8")
    site_graph = SiteGraph((), [("<http://example.org/a>", "<http://example.org/p>", '"x"')])
    with pytest.raises(ShapesError) as error:
        validate_site_graph(site_graph, tmp_path)
    assert "broken.ttl" in str(error.value)


def test_validation_on_the_default_data_needs_neither_rdflib_nor_pyshacl() -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from scholarld.serialize.export import read_site_graph\n"
        "from scholarld.validation import validate_site_graph\n"
        f"site, graph = read_site_graph(Path({str(REPO / 'data')!r}))\n"
        f"report = validate_site_graph(graph, Path({str(SHAPES_DIR)!r}))\n"
        "assert report.warnings > 0, report\n"
        "print(sorted(m for m in ('rdflib', 'pyshacl') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_sites_own_shapes_give_the_same_report_with_either_engine(tmp_path: Path) -> None:
    """The project's shapes plus a site's stricter one (``sh:pattern``), on a profile
    that breaks it: both engines report the same, the site's violation included."""
    data = make_data(tmp_path, ALICE_YAML.replace(*SHOUTED_TITLE))
    site = read_site(data)
    site_graph = build_site_graph(site, resolve_people(site.profiles))
    shapes_dir = tmp_path / "shapes"
    core = validate_site_graph(site_graph, shapes_dir, engine="core")
    reference = validate_site_graph(site_graph, shapes_dir, engine="pyshacl")
    assert core == reference
    assert any(result.shape.endswith("WorkNameNotShouted") for result in core.results)


def _every_shape(shapes: Sequence[Shape]) -> list[Shape]:
    found: list[Shape] = []
    for shape in shapes:
        nested = [*shape.properties, *shape.none_of]
        nested += [member for options in (*shape.any_of, *shape.all_of) for member in options]
        found += [shape, *_every_shape(nested)]
    return found


def assert_violates_agrees_with_findings(
    triples: Sequence[Triple], targeted: Sequence[Targeted]
) -> int:
    """``violates`` is the yes/no of ``findings`` for every shape, nested ones too, on
    every node of the data; returns how many (shape, node) pairs violate."""
    unique = sorted(set(triples))
    index = core_engine.index_data(unique, targeted)
    nodes = sorted({s for s, _, _ in unique} | {o for _, _, o in unique})
    violating = 0
    for shape in _every_shape([t.shape for t in targeted]):
        for node in nodes:
            found = next(core_engine.findings(shape, node, index), None) is not None
            assert core_engine.violates(shape, node, index) is found, (shape.iri, node)
            violating += found
    return violating


@pytest.mark.parametrize("fixture", PYSHACL_FIXTURES[::6], ids=lambda path: path.stem)
def test_violates_answers_as_findings_do_on_fixtures(
    fixture: Path, targeted: tuple[Targeted, ...]
) -> None:
    assert assert_violates_agrees_with_findings(patched_triples(fixture), targeted) > 0


@settings(max_examples=12, deadline=None)
@given(edits=st.lists(EDIT, min_size=1, max_size=8))
def test_violates_answers_as_findings_do_on_generated_damage(
    edits: list[tuple[str, int, int]],
) -> None:
    assert_violates_agrees_with_findings(damaged(edits), core_shapes(read_shapes_index(SHAPES_DIR)))
