"""``scholarld push`` against a real Oxigraph server (started per test, stopped by PID):
the data arrives intact (each graph read back is isomorphic to the local named graph),
a second push skips unchanged graphs, a changed profile re-sends only its graph (and
the dataset description), and the union mode fills one graph."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from engines import OxigraphServer, assert_same_graph, oxigraph_server
from scholarld.cli import cli
from scholarld.graph import SiteGraph
from scholarld.push import Credentials, GraphStoreClient, RetryPolicy
from scholarld.serialize.export import read_site_graph

__all__ = ["oxigraph_server"]  # the fixture, imported for pytest

REPO = Path(__file__).resolve().parents[1]
CSV = {"Accept": "text/csv"}
BASE = "http://localhost:8000/"
BOB_YAML = """\
person:
  name: Bob Builder
works:
  - key: builder2020walls
    title: Walls That Stand
    authors: [Bob Builder, Kaiming He]
"""
CAROL_YAML = """\
person:
  name: Carol Coder
  other_names:
    - {value: 卡罗尔, lang: zh}
works:
  - key: coder2019escapes
    title: "Escapes: \\"quotes\\", back\\\\slashes and ünïcode"
    authors: [Carol Coder, Bob Builder]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the default data (plus a second profile) and the shapes; the data dir."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "shapes", tmp_path / "shapes")
    (tmp_path / "data" / "people" / "bob-builder.yaml").write_text(BOB_YAML, encoding="utf-8")
    monkeypatch.delenv("SCHOLARLD_CACHE_DIR", raising=False)
    return tmp_path / "data"


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two small profiles (fast to read and compare); the data dir."""
    people = tmp_path / "data" / "people"
    people.mkdir(parents=True)
    (tmp_path / "data" / "site.yaml").write_text(f"base_iri: {BASE}\n", encoding="utf-8")
    (people / "bob-builder.yaml").write_text(BOB_YAML, encoding="utf-8")
    (people / "carol-coder.yaml").write_text(CAROL_YAML, encoding="utf-8")
    monkeypatch.delenv("SCHOLARLD_CACHE_DIR", raising=False)
    return tmp_path / "data"


def push(data_dir: Path, endpoint: str, *options: str) -> Result:
    arguments = ["--data", str(data_dir), "push", "--endpoint", endpoint, *options]
    return CliRunner().invoke(cli, arguments)


def push_per_profile(data_dir: Path, endpoint: str, *options: str) -> Result:
    return push(data_dir, endpoint, "--graph-per-profile", "--no-validate", *options)


def local_graphs(data_dir: Path) -> SiteGraph:
    return read_site_graph(data_dir)[1]


def test_per_profile_push_arrives_intact(project: Path, oxigraph_server: OxigraphServer) -> None:
    result = push(project, oxigraph_server.store, "--graph-per-profile", "--no-validate")
    assert result.exit_code == 0, result.output
    graphs = local_graphs(project).graphs
    assert [graph.iri for graph in graphs] == [
        f"{BASE}.well-known/void",
        f"{BASE}graph/bob-builder",
        f"{BASE}graph/kaiming-he",
    ]
    for graph in graphs:
        assert_same_graph(graph.ntriples(), oxigraph_server.get_graph(graph.iri), graph.iri)
    triples = sum(len(graph.triples) for graph in graphs)
    assert result.stdout.startswith(f"Pushed 3 graphs ({triples:,} triples, ")
    assert "; 0 unchanged skipped; " in result.stdout
    assert (project.parent / ".scholarld-cache" / "push").is_dir()


def test_second_push_skips_and_a_change_resends_only_its_graph(
    project: Path, oxigraph_server: OxigraphServer
) -> None:
    first = push(project, oxigraph_server.store, "--graph-per-profile", "--no-validate")
    assert first.exit_code == 0, first.output
    again = push(project, oxigraph_server.store, "--graph-per-profile", "--no-validate")
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("Pushed 0 graphs (0 triples, 0 bytes)")
    assert "Pushing graphs" in first.stderr and "Pushing graphs" not in again.stderr
    assert "; 3 unchanged skipped; " in again.stdout

    bob = project / "people" / "bob-builder.yaml"
    bob.write_text(BOB_YAML.replace("Walls That Stand", "Walls That Fall"), encoding="utf-8")
    plan = push(project, oxigraph_server.store, "--graph-per-profile", "--dry-run", "--no-validate")
    assert plan.exit_code == 0, plan.output
    sent = [line.split()[1] for line in plan.stdout.splitlines() if line.startswith("send ")]
    assert sent == [f"<{BASE}graph/bob-builder>"]
    changed = push(project, oxigraph_server.store, "--graph-per-profile", "--no-validate")
    assert changed.stdout.startswith("Pushed 1 graph ("), changed.output
    assert "; 2 unchanged skipped; " in changed.stdout
    for graph in local_graphs(project).graphs:
        assert_same_graph(graph.ntriples(), oxigraph_server.get_graph(graph.iri), graph.iri)
    assert "Walls That Fall" in oxigraph_server.get_graph(f"{BASE}graph/bob-builder")


def test_no_resume_sends_everything_again(small: Path, oxigraph_server: OxigraphServer) -> None:
    assert push(small, oxigraph_server.store, "--graph-per-profile", "--no-validate").exit_code == 0
    forced = push_per_profile(small, oxigraph_server.store, "--no-resume")
    assert forced.exit_code == 0, forced.output
    assert forced.stdout.startswith("Pushed 3 graphs (")


def test_union_push_fills_one_graph(small: Path, oxigraph_server: OxigraphServer) -> None:
    result = push(small, oxigraph_server.store, "--no-validate", "--batch-size", "4")
    assert result.exit_code == 0, result.output
    union = local_graphs(small).ntriples()
    assert_same_graph(union, oxigraph_server.get_graph(f"{BASE}graph/all"), "graph/all")
    named = push(small, oxigraph_server.store, "--no-validate", "--graph", "urn:x-test:all")
    assert named.exit_code == 0, named.output
    assert_same_graph(union, oxigraph_server.get_graph("urn:x-test:all"), "urn:x-test:all")


def test_concurrent_batches_arrive_intact(small: Path, oxigraph_server: OxigraphServer) -> None:
    result = push(
        small,
        oxigraph_server.store,
        "--graph-per-profile",
        "--no-validate",
        "--batch-size",
        "8",
    )
    assert result.exit_code == 0, result.output
    for graph in local_graphs(small).graphs:
        assert_same_graph(graph.ntriples(), oxigraph_server.get_graph(graph.iri), graph.iri)


def test_push_replaces_what_the_graph_held(small: Path, oxigraph_server: OxigraphServer) -> None:
    """PUT replaces: a triple put there before the push is gone afterwards."""
    graph_iri = f"{BASE}graph/bob-builder"
    stale = "<urn:x-test:s> <urn:x-test:p> <urn:x-test:o> .\n"
    httpx.post(
        oxigraph_server.store,
        params={"graph": graph_iri},
        content=stale.encode(),
        headers={"Content-Type": "application/n-triples"},
    ).raise_for_status()
    assert push(small, oxigraph_server.store, "--graph-per-profile", "--no-validate").exit_code == 0
    assert "urn:x-test:s" not in oxigraph_server.get_graph(graph_iri)


def _count_versions(store: str, graph_iri: str, stop: threading.Event, seen: set[str]) -> None:
    """Keep asking how many triples of each version the graph holds, until ``stop``."""
    query = (
        'SELECT (SUM(IF(?o = "old", 1, 0)) AS ?old) (SUM(IF(?o = "new", 1, 0)) AS ?new) '
        f"WHERE {{ GRAPH <{graph_iri}> {{ ?s <urn:x-test:p> ?o }} }}"
    )
    with httpx.Client(timeout=30) as client:
        while not stop.is_set():
            answer = client.post(f"{store}/query", data={"query": query}, headers=CSV)
            seen.add(answer.text.splitlines()[1])


def test_readers_never_see_half_a_graph(oxigraph_server: OxigraphServer) -> None:
    """While a graph is replaced, concurrent queries see all old or all new triples."""
    size, graph_iri = 3000, "urn:x-test:atomic"
    versions = [
        "".join(f'<urn:x-test:{tag}{n}> <urn:x-test:p> "{tag}" .\n' for n in range(size)).encode()
        for tag in ("old", "new")
    ]
    stop, seen = threading.Event(), set[str]()
    reader = threading.Thread(
        target=_count_versions, args=(oxigraph_server.base, graph_iri, stop, seen), daemon=True
    )
    with GraphStoreClient(oxigraph_server.store, Credentials(), RetryPolicy()) as client:
        client.put_graph(graph_iri, versions[0])
        reader.start()
        for body in (versions[1], versions[0], versions[1]):
            client.put_graph(graph_iri, body)
    stop.set()
    reader.join(timeout=30)
    assert seen, "the reader never got an answer"
    assert seen <= {f"{size},0", f"0,{size}"}, f"half-replaced states seen: {sorted(seen)}"
