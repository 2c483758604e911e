"""``scholarld push`` against a real Virtuoso open source server (Debian
``virtuoso-opensource``; one server per module, ~5-10 s to start; skipped when it cannot
be installed): Digest auth on ``/sparql-graph-crud-auth``, PUT answered 201, each graph
read back with a SPARQL CONSTRUCT ``FROM <g>`` and isomorphic to the local one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from engines import VirtuosoServer, assert_same_graph, virtuoso_server
from scholarld.cli import cli
from scholarld.serialize.export import read_site_graph

__all__ = ["virtuoso_server"]  # the fixture, imported for pytest
pytestmark = pytest.mark.slow  # Virtuoso needs 5-10 s to create its database

REPO = Path(__file__).resolve().parents[1]
PASSWORD_ENV = "SCHOLARLD_TEST_VIRTUOSO_PW"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    monkeypatch.setenv("SCHOLARLD_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "data"


def push(data_dir: Path, server: VirtuosoServer, endpoint: str, *options: str) -> Result:
    arguments = [
        "--data", str(data_dir), "push", "--endpoint", endpoint, "--no-validate",
        "--auth", "digest", "--user", server.user, "--password-env", PASSWORD_ENV, *options,
    ]  # fmt: skip
    return CliRunner().invoke(cli, arguments)


def test_digest_push_arrives_intact(
    project: Path, virtuoso_server: VirtuosoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, virtuoso_server.password)
    result = push(project, virtuoso_server, virtuoso_server.gsp_auth, "--graph-per-profile")
    assert result.exit_code == 0, result.output
    graphs = read_site_graph(project)[1].graphs
    for graph in graphs:
        assert_same_graph(graph.ntriples(), virtuoso_server.construct(graph.iri), graph.iri)
    assert result.stdout.startswith(f"Pushed {len(graphs)} graphs (")

    again = push(project, virtuoso_server, virtuoso_server.gsp_auth, "--graph-per-profile")
    assert again.exit_code == 0, again.output
    assert f"; {len(graphs)} unchanged skipped;" in again.stdout

    # Pushing again replaces each graph: the same number of triples, nothing doubled.
    forced = push(
        project, virtuoso_server, virtuoso_server.gsp_auth, "--graph-per-profile",
        "--no-resume", "--batch-size", "2",
    )  # fmt: skip
    assert forced.exit_code == 0, forced.output
    counts = {graph.iri: virtuoso_server.count(graph.iri) for graph in graphs}
    assert counts == {graph.iri: len(graph.triples) for graph in graphs}


def test_wrong_password_is_a_clear_401(
    project: Path, virtuoso_server: VirtuosoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "NotThePassword")
    result = push(project, virtuoso_server, virtuoso_server.gsp_auth, "--retries", "0")
    assert result.exit_code == 1
    assert (
        f"Error: {virtuoso_server.gsp_auth} answered 401 Unauthorized for graph "
        f"<http://localhost:8000/graph/all>: it rejected user '{virtuoso_server.user}' "
        f"(digest auth): check --user, the password in ${PASSWORD_ENV}"
    ) in result.stderr


def test_anonymous_write_is_a_clear_error(project: Path, virtuoso_server: VirtuosoServer) -> None:
    arguments = [
        "--data", str(project), "push", "--no-validate", "--retries", "0",
        "--endpoint", virtuoso_server.gsp_anonymous,
    ]  # fmt: skip
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 1
    assert (
        f"Error: {virtuoso_server.gsp_anonymous} answered 403 Forbidden for graph "
        "<http://localhost:8000/graph/all>: an anonymous client may not write it. Give the "
        'user write access (Virtuoso: GRANT SPARQL_UPDATE TO "user"; anonymous clients may '
        "only read, so use /sparql-graph-crud-auth with --auth digest)"
    ) in result.stderr
