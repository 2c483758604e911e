"""The validation stage and ``scholarld validate``: the default profile conforms, broken
data is reported with its profile file, the report formats parse, the cache skips pySHACL,
and a missing or broken shapes folder is one clear error (exit 1)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, URIRef

from scholarld.cli import cli
from scholarld.errors import ShapesError, ValidationFailed
from scholarld.graph import SiteGraph, build_site_graph
from scholarld.identity import resolve_people
from scholarld.profiles import read_site
from scholarld.validation import (
    Severity,
    ValidationReport,
    ensure_valid,
    validate_site_graph,
)
from scholarld.validation.cache import cache_key, read_cached, write_cached
from scholarld.validation.render import format_turtle, turtle_string
from scholarld.validation.report import ValidationResult
from scholarld.validation.shapes import load_shapes

REPO = Path(__file__).resolve().parents[1]
SHAPES = REPO / "shapes"
# A site's own stricter shape: every profile the model accepts conforms to the project's
# shapes (tests/test_conformance.py), so the violating examples below break this one rule.
SITE_SHAPE = Path(__file__).parent / "fixtures" / "shapes" / "site" / "title-case.ttl"
SITE_NS = "https://example.org/site-shapes#"
SHOUTED_TITLE = ("title: Deep Things", "title: DEEP THINGS")
DATA = REPO / "data"
SH = "http://www.w3.org/ns/shacl#"
SHAPE_NS = "https://w3id.org/scholarld/shapes#"
# What the default profile genuinely lacks: no photo, no ORCID or other profile links, and
# twelve journal versions whose year the 2020 homepage does not give.
EXPECTED_DEFAULT_WARNINGS = {
    "OwnerImage": 1,
    "OwnerSameAs": 1,
    "OwnerIdentifier": 1,
    "VersionHasDate": 12,
}

SITE_YAML = "base_iri: http://localhost:8000/\ntitle: Test site\n"
ALICE_YAML = """\
person:
  name: Alice Author
  bio: [Works on vision.]
  photo: https://example.org/alice.jpg
  identifiers: {orcid: 0000-0002-1825-0097}
venues:
  - {key: CVPR, name: Computer Vision and Pattern Recognition, kind: conference}
works:
  - key: alice2016deep
    title: Deep Things
    authors: [Alice Author, Bob Builder]
    versions:
      - {kind: conference-paper, venue: CVPR, year: 2016}
"""


def build(data_dir: Path) -> SiteGraph:
    site = read_site(data_dir)
    return build_site_graph(site, resolve_people(site.profiles))


def make_data(root: Path, profile_yaml: str = ALICE_YAML, *, with_shapes: bool = True) -> Path:
    """``root/data`` with one profile (``alice``) and, beside it, a copy of ``shapes/``."""
    data = root / "data"
    (data / "people").mkdir(parents=True)
    (data / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (data / "people" / "alice.yaml").write_text(profile_yaml, encoding="utf-8")
    if with_shapes:
        shutil.copytree(SHAPES, root / "shapes")
        shutil.copy(SITE_SHAPE, root / "shapes" / SITE_SHAPE.name)
    return data


@pytest.fixture(scope="module")
def default_graph() -> SiteGraph:
    return build(DATA)


@pytest.fixture(scope="module")
def default_report(default_graph: SiteGraph) -> ValidationReport:
    return validate_site_graph(default_graph, SHAPES)


# --- the default profile ---------------------------------------------------------------


def test_default_profile_has_no_violations(default_report: ValidationReport) -> None:
    violations = [r for r in default_report.results if r.severity is Severity.VIOLATION]
    assert violations == [], "\n".join(f"{r.focus} {r.path} {r.message}" for r in violations)


def test_default_profile_warnings_are_the_genuinely_missing_data(
    default_report: ValidationReport,
) -> None:
    counts: dict[str, int] = {}
    for result in default_report.results:
        name = result.shape.removeprefix(SHAPE_NS)
        counts[name] = counts.get(name, 0) + 1
    assert counts == EXPECTED_DEFAULT_WARNINGS
    assert {r.sources for r in default_report.results} == {
        (str(DATA / "people" / "kaiming-he.yaml"),)
    }


def test_every_target_class_occurs_in_the_default_graph(default_graph: SiteGraph) -> None:
    """Guards the http/https schema.org trap: a shape whose class never occurs checks nothing."""
    shapes = load_shapes(SHAPES)
    emitted = {o for _s, p, o in default_graph_triples(default_graph) if p == RDF.type}
    targets = set(shapes.objects(None, URIRef(SH + "targetClass")))
    assert targets - emitted == set()


def test_every_emitted_class_has_a_shape(default_graph: SiteGraph) -> None:
    shapes = load_shapes(SHAPES)
    emitted = {o for _s, p, o in default_graph_triples(default_graph) if p == RDF.type}
    targets = set(shapes.objects(None, URIRef(SH + "targetClass")))
    # covered through another class on the same nodes (schema:Person is targeted for
    # foaf:Person; works, supplements, schema:Role nodes for schema:CreativeWork ...)
    covered_elsewhere = {
        URIRef("https://schema.org/CreativeWork"),
        URIRef("http://xmlns.com/foaf/0.1/Person"),
        URIRef("https://schema.org/Dataset"),
        URIRef("http://www.w3.org/ns/dcat#Dataset"),
    }
    assert emitted - targets - covered_elsewhere == set()


def default_graph_triples(site_graph: SiteGraph) -> Graph:
    graph = Graph()
    graph.parse(data=site_graph.ntriples(), format="nt")
    return graph


def test_shape_terms_exist_in_the_reference_vocabularies(vocab_dir: Path) -> None:
    """Every class and property the shapes name is defined in ../shared/vocab (for the
    namespaces that have a file there)."""
    files = {
        "https://schema.org/": "schemaorg-current-https.ttl",
        "http://purl.org/spar/fabio/": "fabio.ttl",
        "http://purl.org/vocab/frbr/core#": "frbr.ttl",
        "http://purl.org/spar/pro/": "pro.ttl",
        "http://purl.org/spar/pso/": "pso.ttl",
        "http://purl.org/spar/scoro/": "scoro.ttl",
        "http://purl.org/spar/datacite/": "datacite.ttl",
        "http://www.essepuntato.it/2010/06/literalreification/": "literal.ttl",
        "https://w3id.org/oc/ontology/": "opencitations/ontology.ttl",
        "http://prismstandard.org/namespaces/basic/2.0/": "fabio.ttl",
    }
    shapes = load_shapes(SHAPES)
    used = {term for triple in shapes for term in triple if isinstance(term, URIRef)}
    for namespace, file_name in files.items():
        defined = set(Graph().parse(vocab_dir / file_name).subjects())
        missing = {t for t in used if str(t).startswith(namespace) and t not in defined}
        assert missing == set(), f"not in {file_name}: {sorted(missing)}"


# --- the API ---------------------------------------------------------------------------


def test_results_name_their_profile_file(tmp_path: Path) -> None:
    data = make_data(tmp_path, ALICE_YAML.replace(*SHOUTED_TITLE))
    report = validate_site_graph(build(data), tmp_path / "shapes")
    shouted = [r for r in report.results if r.shape == SITE_NS + "WorkNameNotShouted"]
    assert [r.focus for r in shouted] == ["<http://localhost:8000/work/alice2016deep>"]
    assert shouted[0].sources == (str(data / "people" / "alice.yaml"),)
    assert shouted[0].severity is Severity.VIOLATION
    assert shouted[0].path == "<https://schema.org/name>"


def test_ensure_valid_raises_with_every_result_and_the_override(tmp_path: Path) -> None:
    data = make_data(tmp_path, ALICE_YAML.replace(*SHOUTED_TITLE))
    with pytest.raises(ValidationFailed) as raised:
        ensure_valid(build(data), tmp_path / "shapes")
    message = raised.value.message
    assert message.startswith("The data does not conform to the SHACL shapes (")
    assert "VIOLATION  <http://localhost:8000/work/alice2016deep>" in message
    assert message.endswith("or use --no-validate to write anyway.")
    assert raised.value.exit_code == 1


def test_ensure_valid_allows_warnings_unless_told_not_to(tmp_path: Path) -> None:
    data = make_data(tmp_path, ALICE_YAML.replace("  photo: https://example.org/alice.jpg\n", ""))
    site_graph = build(data)
    report = ensure_valid(site_graph, SHAPES)
    assert [r.shape for r in report.results] == [SHAPE_NS + "OwnerImage"]
    with pytest.raises(ValidationFailed):
        ensure_valid(site_graph, SHAPES, allow_warnings=False)


def test_missing_shapes_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ShapesError) as raised:
        load_shapes(tmp_path / "nowhere")
    assert "the SHACL shapes folder does not exist" in raised.value.message
    assert "pass --shapes DIR" in raised.value.message


def test_cache_hit_reuses_the_report_without_pyshacl(tmp_path: Path) -> None:
    site_graph = build(make_data(tmp_path))
    cache_dir = tmp_path / "cache"
    first = validate_site_graph(site_graph, SHAPES, cache_dir=cache_dir)
    stored = list(cache_dir.glob("*.json"))
    assert len(stored) == 1 and not list(cache_dir.glob("*.tmp"))
    stored[0].write_text(json.dumps({"results": [_fake_result().to_json()]}), encoding="utf-8")
    again = validate_site_graph(site_graph, SHAPES, cache_dir=cache_dir)
    assert again != first and [r.message for r in again.results] == ["from the cache"]


def test_cache_key_changes_with_data_and_shapes(tmp_path: Path) -> None:
    shapes = sorted(SHAPES.glob("*.ttl"))
    copy = tmp_path / "x.ttl"
    copy.write_bytes(shapes[0].read_bytes() + b"\n# edited\n")
    base = cache_key("<a> <b> <c> .\n", shapes)
    assert base == cache_key("<a> <b> <c> .\n", shapes)
    assert base != cache_key("<a> <b> <d> .\n", shapes)
    assert base != cache_key("<a> <b> <c> .\n", [*shapes[1:], copy])
    assert base == cache_key(iter([b"<a> <b> ", b"", b"<c> .\n"]), shapes)  # slices: same key
    assert base != cache_key("<a> <b> <c> .\n", shapes, engine="pyshacl")


def test_unreadable_cache_entry_is_a_miss(tmp_path: Path) -> None:
    (tmp_path / "k.json").write_text("{not json", encoding="utf-8")
    assert read_cached(tmp_path, "k") is None
    write_cached(tmp_path, "k", ValidationReport.of([_fake_result()]))
    assert read_cached(tmp_path, "k") == ValidationReport.of([_fake_result()])


def test_warm_cache_run_imports_neither_rdflib_nor_pyshacl(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["--data", str(data), "validate"]).exit_code == 0
    script = (
        "import sys\n"
        "from scholarld.cli import cli\n"
        f"cli.main(['--data', {str(data)!r}, 'validate'], standalone_mode=False)\n"
        "print(sorted(m for m in ('rdflib', 'pyshacl') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines()[-1] == "[]"


def test_turtle_report_escapes_and_parses() -> None:
    result = _fake_result(message='say "hi"\\ \n twice')
    graph = Graph().parse(data=format_turtle(ValidationReport.of([result])), format="turtle")
    messages = [str(m) for m in graph.objects(None, URIRef(SH + "resultMessage"))]
    assert messages == ['say "hi"\\ \n twice']
    assert turtle_string("a\tb") == '"a\\tb"'


def _fake_result(message: str = "from the cache") -> ValidationResult:
    return ValidationResult(
        severity=Severity.WARNING,
        focus="<http://localhost:8000/person/alice-author>",
        path="^<https://w3id.org/oc/ontology/hasNext>",
        value='"x"',
        message=message,
        shape=SHAPE_NS + "OwnerImage",
        component=SH + "MinCountConstraintComponent",
    )


# --- the command -----------------------------------------------------------------------


def test_validate_conforming_data_exits_0(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    result = CliRunner().invoke(cli, ["--data", str(data), "validate", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Conforms: 0 violations, 0 warnings, 0 infos.\n"
    assert not (tmp_path / ".scholarld-cache").exists()


def test_validate_violating_data_prints_lines_and_exits_1(tmp_path: Path) -> None:
    data = make_data(tmp_path, ALICE_YAML.replace(*SHOUTED_TITLE))
    result = CliRunner().invoke(cli, ["--data", str(data), "validate", "--no-cache"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"VIOLATION  <http://localhost:8000/work/alice2016deep>  <https://schema.org/name>  "
        f"{data / 'people' / 'alice.yaml'}  A work's title is not all capitals (this site's rule).",
        "Does not conform: 1 violation, 0 warnings, 0 infos.",
    ]


def test_validate_strict_fails_on_warnings(tmp_path: Path) -> None:
    data = make_data(tmp_path, ALICE_YAML.replace("  photo: https://example.org/alice.jpg\n", ""))
    relaxed = CliRunner().invoke(cli, ["--data", str(data), "validate"])
    assert relaxed.exit_code == 0
    assert relaxed.stdout.startswith("WARNING  <http://localhost:8000/person/alice-author>  ")
    strict = CliRunner().invoke(cli, ["--data", str(data), "validate", "--strict"])
    assert strict.exit_code == 1
    assert strict.stdout.endswith("Does not conform: 0 violations, 1 warning, 0 infos.\n")


def test_validate_json_and_ttl_are_data(tmp_path: Path) -> None:
    data = make_data(tmp_path, ALICE_YAML.replace(*SHOUTED_TITLE))
    as_json = CliRunner().invoke(cli, ["--data", str(data), "validate", "--format", "json"])
    report = json.loads(as_json.stdout)
    assert as_json.exit_code == 1 and report["conforms"] is False
    assert report["violations"] == len(report["results"]) > 0
    assert report["results"][0]["sources"] == [str(data / "people" / "alice.yaml")]
    as_ttl = CliRunner().invoke(cli, ["--data", str(data), "validate", "--format", "ttl"])
    graph = Graph().parse(data=as_ttl.stdout, format="turtle")
    assert len(set(graph.subjects(RDF.type, URIRef(SH + "ValidationResult")))) == len(
        report["results"]
    )


def test_validate_output_is_deterministic(tmp_path: Path) -> None:
    data = make_data(tmp_path, ALICE_YAML.replace(*SHOUTED_TITLE))
    runs = [
        CliRunner().invoke(cli, ["--data", str(data), "validate", "--no-cache", "--format", f])
        for f in ("ttl", "ttl")
    ]
    assert runs[0].stdout == runs[1].stdout


def test_validate_without_shapes_folder_says_how_to_fix(tmp_path: Path) -> None:
    data = make_data(tmp_path, with_shapes=False)
    result = CliRunner().invoke(cli, ["--data", str(data), "validate"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Cannot read the SHACL shapes (1 problem); nothing was written:\n"
        f"  {tmp_path / 'shapes'}: the SHACL shapes folder does not exist (run from the "
        "checkout that holds shapes/ beside data/, or pass --shapes DIR)\n"
    )
    with_option = CliRunner().invoke(
        cli, ["--data", str(data), "validate", "--shapes", str(SHAPES)]
    )
    assert with_option.exit_code == 0, with_option.output


def test_validate_broken_shapes_file_names_file_and_line(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    broken = tmp_path / "shapes" / "person.ttl"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines.append('shape:Broken a sh:NodeShape ; sh:message "unterminated .')
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--data", str(data), "validate"])
    assert result.exit_code == 1
    assert f"  {broken}:{len(lines)}: Turtle syntax error: " in result.stderr
    assert "Cannot read the SHACL shapes" in result.stderr


def test_validate_help() -> None:
    result = CliRunner().invoke(cli, ["validate", "--help"])
    assert result.exit_code == 0
    for option in ("--format", "--shapes", "--strict", "--no-cache"):
        assert option in result.stdout
