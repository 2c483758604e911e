"""``scholarld export`` end to end on a small profile: every format round-trips to the
site graph, re-runs are byte-identical (also across processes), ``--profile`` and
``--output`` work, and bad input gives one clear message, exit 1 and no output file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from rdf_compare import assert_isomorphic
from sample_profiles import write_sample_data
from scholarld.cli import cli
from scholarld.formats import FORMATS, RdfFormat
from scholarld.graph import SiteGraph, build_site_graph
from scholarld.identity import resolve_people
from scholarld.profiles.reader import read_site

REPO = Path(__file__).resolve().parents[1]
SHAPES = REPO / "shapes"
BASE = "http://localhost:8000/"

RDFLIB_FORMAT = {
    "ttl": "turtle",
    "jsonld": "json-ld",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "xml": "xml",
}


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    return write_sample_data(tmp_path)


def site_graph_of(data_dir: Path) -> SiteGraph:
    site = read_site(data_dir)
    return build_site_graph(site, resolve_people(site.profiles))


def export(data_dir: Path, *args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(cli, ["--data", str(data_dir), "export", *args])
    return result.exit_code, result.stdout_bytes, result.stderr


def named_graphs(data: bytes | str, rdflib_format: str) -> dict[str, Graph]:
    """Non-empty graphs by IRI (rdflib 7.6's Dataset warns about its own internals)."""
    graphs: dict[str, Graph] = {}
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        for graph in Dataset().parse(data=data, format=rdflib_format).graphs():
            if len(graph):
                graphs[str(graph.identifier)] = Graph() + graph
    return graphs


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda fmt: fmt.name)
def test_export_round_trips_to_the_site_graph(data_dir: Path, fmt: RdfFormat) -> None:
    code, out, err = export(data_dir, "--no-validate", "--format", fmt.name)
    assert (code, err) == (0, "")
    site_graph = site_graph_of(data_dir)
    if fmt.dataset:
        expected = named_graphs(site_graph.nquads(), "nquads")
        actual = named_graphs(out, RDFLIB_FORMAT[fmt.name])
        assert sorted(actual) == sorted(expected) == sorted(g.iri for g in site_graph.graphs)
        for iri, graph in expected.items():
            assert_isomorphic(graph, actual[iri], f"{fmt.name} {iri}")
    else:
        expected_graph = Graph().parse(data=site_graph.ntriples(), format="nt")
        actual_graph = Graph().parse(data=out, format=RDFLIB_FORMAT[fmt.name])
        assert_isomorphic(expected_graph, actual_graph, fmt.name)


@pytest.mark.parametrize("name", ["ttl", "jsonld", "xml"])
def test_export_is_byte_identical_across_processes(data_dir: Path, name: str) -> None:
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "scholarld", "--data", str(data_dir), "export"]
        done = subprocess.run(
            [*command, "--no-validate", "-f", name], capture_output=True, env=env, check=True
        )
        runs.append(done.stdout)
    assert runs[0] == runs[1]
    assert runs[0]


def test_turtle_uses_a_base_and_readable_prefixes(data_dir: Path) -> None:
    code, out, _ = export(data_dir, "--no-validate")
    text = out.decode("utf-8")
    assert code == 0
    assert text.startswith(f"@base <{BASE}> .\n@prefix ")
    assert "@prefix fabio: <http://purl.org/spar/fabio/> ." in text
    assert "\n<person/alice-author> " in text


def test_profile_option_keeps_one_named_graph(data_dir: Path) -> None:
    code, out, _ = export(data_dir, "--no-validate", "-f", "nq", "--profile", "bob-builder")
    assert code == 0
    graph_names = {line.rsplit(" ", 2)[1] for line in out.decode("utf-8").splitlines()}
    assert graph_names == {f"<{BASE}graph/bob-builder>"}


def test_unknown_profile_lists_the_known_slugs(data_dir: Path) -> None:
    code, out, err = export(data_dir, "--no-validate", "--profile", "carol")
    assert (code, out) == (1, b"")
    assert err == (
        "Error: Unknown profile 'carol': no data/people/carol.yaml. "
        "Known profiles: alice-author, bob-builder\n"
    )


def test_unknown_format_is_a_clear_error(data_dir: Path) -> None:
    code, out, err = export(data_dir, "--no-validate", "--format", "rdfa")
    assert (code, out) == (1, b"")
    assert err == "Error: Unknown format 'rdfa': use one of ttl, jsonld, nt, nq, trig, xml\n"


def test_output_file_is_written(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "site.jsonld"
    code, out, err = export(data_dir, "--no-validate", "-f", "jsonld", "-o", str(target))
    assert (code, out, err) == (0, b"", "")
    assert target.read_bytes().startswith(b'{\n  "@context": {')
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "site.jsonld"]


def test_output_in_a_missing_folder_writes_nothing(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "site.ttl"
    code, _, err = export(data_dir, "--no-validate", "-o", str(target))
    assert code == 1
    assert err == (
        f"Error: Cannot write {target}: the folder {target.parent} does not exist; "
        "create it first\n"
    )
    assert not target.parent.exists()


def test_output_that_is_a_folder_is_refused(data_dir: Path, tmp_path: Path) -> None:
    code, _, err = export(data_dir, "--no-validate", "-o", str(tmp_path))
    assert code == 1
    assert err == (
        f"Error: Cannot write {tmp_path}: it is a folder; give a file name, e.g. profile.ttl\n"
    )


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "site.ttl"
    target.write_text("old\n")

    def refuse(source: str, destination: Path) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = export(data_dir, "--no-validate", "-o", str(target))
    assert code == 1
    assert err == (
        f"Error: Cannot write {target}: permission denied (check the path and its permissions)\n"
    )
    assert target.read_text() == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "site.ttl"]


def _first_chunk_then_failure(*args: object, **kwargs: object) -> Iterator[bytes]:
    yield b"<http://localhost:8000/a> <http://localhost:8000/b> <http://localhost:8000/c> .\n"
    raise RuntimeError("the serializer broke after its first chunk")


def test_a_serializer_failing_midway_leaves_the_old_file_and_no_temporary(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output is written as it is serialized: a failure after the first chunk removes the
    temporary file and leaves the target as it was."""
    import scholarld.serialize

    target = tmp_path / "site.nt"
    target.write_text("old\n")
    monkeypatch.setattr(scholarld.serialize, "serialize_chunks", _first_chunk_then_failure)
    result = CliRunner().invoke(
        cli, ["--data", str(data_dir), "export", "--no-validate", "-f", "nt", "-o", str(target)]
    )
    assert isinstance(result.exception, RuntimeError)
    assert target.read_text() == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "site.nt"]


FAILING_SHAPE = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
<https://example.org/shapes#NeedsEmail> a sh:NodeShape ;
    sh:targetClass schema:Person ;
    sh:property [ sh:path schema:email ; sh:minCount 1 ;
                  sh:message "Every person needs an email (test shape)." ] .
"""


def test_a_graph_that_fails_validation_writes_nothing(data_dir: Path, tmp_path: Path) -> None:
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "strict.ttl").write_text(FAILING_SHAPE, encoding="utf-8")
    target = tmp_path / "site.ttl"
    code, out, err = export(data_dir, "--shapes", str(shapes), "-o", str(target))
    assert (code, out) == (1, b"")
    assert err.startswith("Error: The data does not conform to the SHACL shapes (")
    assert "Every person needs an email (test shape)." in err
    assert "use --no-validate to write anyway" in err
    assert not target.exists()


def test_a_profile_that_cannot_be_read_writes_nothing(data_dir: Path, tmp_path: Path) -> None:
    (data_dir / "people" / "bob-builder.yaml").write_text("person:\n  nmae: Bob\n")
    target = tmp_path / "site.ttl"
    code, _, err = export(data_dir, "--no-validate", "-o", str(target))
    assert code == 1
    assert err.startswith("Error: Cannot read the profiles (")
    assert "bob-builder.yaml" in err
    assert not target.exists()


def test_export_help_lists_the_formats() -> None:
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert result.exit_code == 0
    assert "[ttl|jsonld|nt|nq|trig|xml]" in result.stdout
    assert "--no-validate" in result.stdout


@pytest.mark.parametrize("name", ["ttl", "jsonld", "trig"])
def test_the_default_profile_round_trips(name: str) -> None:
    """The real data (diacritics, quotes, 57 works, thousands of triples) in the formats
    scholarld writes itself or post-processes."""
    data_dir = REPO / "data"
    code, out, err = export(data_dir, "--no-validate", "-f", name)
    assert (code, err) == (0, "")
    site_graph = site_graph_of(data_dir)
    if name == "ttl":
        expected_graph = Graph().parse(data=site_graph.ntriples(), format="nt")
        assert_isomorphic(expected_graph, Graph().parse(data=out, format="turtle"), name)
        return
    expected = named_graphs(site_graph.nquads(), "nquads")
    actual = named_graphs(out, RDFLIB_FORMAT[name])
    assert sorted(actual) == sorted(expected)
    for iri, graph in expected.items():
        assert_isomorphic(graph, actual[iri], f"{name} {iri}")
