"""``scholarld query`` on the command line: argument or ``--file``, the result formats,
and bad input (syntax errors with their position, a missing file, both or neither query
sources) giving one clear message and exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scholarld.cli import cli

REPO = Path(__file__).resolve().parents[1]
COUNT_WORKS = "SELECT (COUNT(?work) AS ?works) WHERE { ?work a fabio:ResearchPaper }"


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "people").mkdir(parents=True)
    (data / "site.yaml").write_text("base_iri: http://localhost:8000/\n", encoding="utf-8")
    (data / "people" / "alice-author.yaml").write_text(
        "person:\n  name: Alice Author\nworks:\n"
        "  - {key: a2016, title: First, authors: [Alice Author, Bob Builder]}\n"
        "  - {key: a2017, title: Second, authors: [Bob Builder, Alice Author]}\n",
        encoding="utf-8",
    )
    return data


def query(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--data", str(data_dir), "query", *args])


def test_query_argument_prints_a_table(data_dir: Path) -> None:
    result = query(data_dir, COUNT_WORKS)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "works\n-----\n2\n(1 row)\n"


def test_query_file_with_json_results(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text(COUNT_WORKS, encoding="utf-8")
    result = query(data_dir, "--file", str(path), "--format", "json")
    assert result.exit_code == 0
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert bindings[0]["works"]["value"] == "2"


def test_csv_results(data_dir: Path) -> None:
    sparql = "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n"
    result = query(data_dir, "-f", "csv", sparql)
    assert result.stdout.splitlines() == ["n", "Alice Author", "Bob Builder"]


def test_a_syntax_error_is_reported_with_its_position(data_dir: Path) -> None:
    result = query(data_dir, "SELECT ?x WHERE {\n  ?x schema:name ?y\n  FILTER(\n}")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: Query syntax error at line 4, column 2: ")
    assert result.stderr.endswith("\n  }\n   ^\n")


def test_an_unknown_prefix_is_reported(data_dir: Path) -> None:
    result = query(data_dir, "SELECT ?x WHERE { ?x foo:bar ?y }")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(
        "Error: Query syntax error at line 1, column 29: unknown prefix 'foo:'; "
        "declare it (PREFIX foo: <...>) or use a predeclared one: datacite, dcat,"
    )
    assert lines[1:] == ["  SELECT ?x WHERE { ?x foo:bar ?y }", "                              ^"]


def test_both_or_neither_query_sources_is_an_error(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text(COUNT_WORKS, encoding="utf-8")
    expected = (
        "Error: Give the query either as an argument or with --file, not both "
        "(e.g. scholarld query --file docs/queries/works-per-venue-year.rq)\n"
    )
    for args in ([], [COUNT_WORKS, "--file", str(path)]):
        result = query(data_dir, *args)
        assert (result.exit_code, result.stderr) == (1, expected)


def test_a_missing_query_file_is_an_error(data_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.rq"
    result = query(data_dir, "--file", str(missing))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: Cannot read query file {missing}: ")


def test_query_help_shows_an_example() -> None:
    result = CliRunner().invoke(cli, ["query", "--help"])
    assert result.exit_code == 0
    assert "--file" in result.stdout
    assert "scholarld query 'SELECT" in result.stdout


def test_example_query_file_over_the_default_profile() -> None:
    result = query(REPO / "data", "--file", str(REPO / "docs/queries/presentations-by-kind.rq"))
    assert result.exit_code == 0
    assert "Oral presentation       13" in result.stdout
