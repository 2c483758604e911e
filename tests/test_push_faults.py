"""``scholarld push`` against a scripted Graph Store (a real ``http.server`` on loopback
that answers with scripted statuses): retries with backoff and ``Retry-After``, every
error path's message and exit code, auth headers, resuming after an interruption, and
nothing sent when the data or the options are wrong."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner, Result

from engines import DROP, SLOW, ScriptedStore, scripted_store
from scholarld.cli import cli
from scholarld.push import Credentials, GraphStoreClient, RetryPolicy
from scholarld.push.errors import GaveUpError, UnreachableError
from system import free_port

__all__ = ["scripted_store"]  # the fixture, imported for pytest

REPO = Path(__file__).resolve().parents[1]
BASE = "http://localhost:8000/"
SITE_YAML = f"base_iri: {BASE}\ntitle: Test site\n"
ALICE_YAML = """\
person:
  name: Alice Author
works:
  - key: alice2016deep
    title: Deep Things
    authors: [Alice Author, Bob Builder]
"""
BOB_YAML = "person:\n  name: Bob Builder\n"
FAILING_SHAPE = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
<urn:x-test:shape> a sh:NodeShape ;
  sh:targetClass schema:Person ;
  sh:property [ sh:path schema:birthPlace ; sh:minCount 1 ;
                sh:message "test shape: every person needs a birth place" ] .
"""
PASSING_SHAPE = FAILING_SHAPE.replace("schema:birthPlace", "schema:name").replace(
    "a birth place", "a name"
)
GRAPHS = [f"{BASE}graph/alice-author", f"{BASE}graph/bob-builder", f"{BASE}.well-known/void"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    (data / "people").mkdir(parents=True)
    (data / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (data / "people" / "alice-author.yaml").write_text(ALICE_YAML, encoding="utf-8")
    (data / "people" / "bob-builder.yaml").write_text(BOB_YAML, encoding="utf-8")
    monkeypatch.setenv("SCHOLARLD_CACHE_DIR", str(tmp_path / "cache"))
    return data


def push(data_dir: Path, endpoint: str, *options: str) -> Result:
    arguments = ["--data", str(data_dir), "push", "--endpoint", endpoint, *options]
    return CliRunner().invoke(cli, arguments)


def graphs_received(store: ScriptedStore) -> list[str]:
    return [parse_qs(urlsplit(r.path).query)["graph"][0] for r in store.script.received]


def client(store: ScriptedStore, sleeps: list[float], retries: int = 4) -> GraphStoreClient:
    return GraphStoreClient(
        store.url, Credentials(), RetryPolicy(retries=retries), 10, sleeps.append
    )


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_transient_status_is_retried(scripted_store: ScriptedStore, status: int) -> None:
    scripted_store.script.answers = [(status, {})]
    sleeps: list[float] = []
    with client(scripted_store, sleeps) as store:
        acknowledgement = store.put_graph("urn:x-test:g", b"")
    assert (acknowledgement.status, acknowledgement.attempts) == (204, 2)
    assert sleeps == [0.5]


def test_retry_after_is_honoured_and_capped(scripted_store: ScriptedStore) -> None:
    scripted_store.script.answers = [(503, {"Retry-After": "3"}), (429, {"Retry-After": "9999"})]
    sleeps: list[float] = []
    with client(scripted_store, sleeps) as store:
        assert store.put_graph("urn:x-test:g", b"").attempts == 3
    assert sleeps == [3.0, 120.0]


def test_backoff_schedule_then_give_up(scripted_store: ScriptedStore) -> None:
    scripted_store.script.answers = [(503, {})] * 4
    sleeps: list[float] = []
    with client(scripted_store, sleeps, retries=3) as store, pytest.raises(GaveUpError) as caught:
        store.put_graph("urn:x-test:g", b"")
    assert sleeps == [0.5, 1.0, 2.0]
    assert str(caught.value.message).startswith(
        f"Gave up on graph <urn:x-test:g> after 4 attempts to {scripted_store.url}: it "
        "answered 503 Service Unavailable. The server is busy or restarting: run the same"
    )


def test_a_dropped_connection_is_retried(scripted_store: ScriptedStore) -> None:
    scripted_store.script.answers = [(DROP, {})]
    sleeps: list[float] = []
    with client(scripted_store, sleeps) as store:
        assert store.put_graph("urn:x-test:g", b"").attempts == 2
    assert sleeps == [0.5]


def test_a_connection_that_keeps_dropping_is_reported(scripted_store: ScriptedStore) -> None:
    scripted_store.script.answers = [(DROP, {})] * 2
    sleeps: list[float] = []
    with client(scripted_store, sleeps, retries=1) as store, pytest.raises(GaveUpError) as caught:
        store.put_graph("urn:x-test:g", b"")
    assert (
        f"Gave up on graph <urn:x-test:g> after 2 attempts to {scripted_store.url}: the "
        "connection broke (RemoteProtocolError: Server disconnected without sending a response)"
    ) in caught.value.message


def test_a_slow_server_runs_into_the_timeout(project: Path, scripted_store: ScriptedStore) -> None:
    scripted_store.script.answers = [(SLOW, {})]
    result = push(
        project, scripted_store.url, "--no-validate", "--retries", "0", "--timeout", "0.2"
    )
    assert result.exit_code == 1
    assert (
        f"Gave up on graph <{BASE}graph/all> after 1 attempt to {scripted_store.url}: no answer "
        "in time (ReadTimeout); raise --timeout for large graphs"
    ) in result.stderr


def test_unreachable_is_retried_then_reported() -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    sleeps: list[float] = []
    policy = RetryPolicy(retries=2)
    store = GraphStoreClient(endpoint, Credentials(), policy, 5, sleeps.append)
    with store, pytest.raises(UnreachableError) as caught:
        store.put_graph("urn:x-test:g", b"")
    assert sleeps == [0.5, 1.0]
    assert f"Cannot reach {endpoint}: connection refused (3 attempts)" in caught.value.message


def test_unreachable_host_exits_1(project: Path) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    result = push(project, endpoint, "--no-validate", "--retries", "0")
    assert result.exit_code == 1
    assert f"Error: Cannot reach {endpoint}: connection refused (1 attempt). Is the server " in (
        result.stderr
    )


def test_a_503_then_204_succeeds_from_the_cli(project: Path, scripted_store: ScriptedStore) -> None:
    scripted_store.script.answers = [(503, {"Retry-After": "0"})]
    result = push(project, scripted_store.url, "--graph-per-profile", "--no-validate")
    assert result.exit_code == 0, result.output
    assert graphs_received(scripted_store) == [GRAPHS[0], *GRAPHS]
    assert result.stdout.startswith("Pushed 3 graphs (")


def test_request_shape_and_basic_auth(
    project: Path, scripted_store: ScriptedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUSH_PW", "s3cret")
    result = push(
        project, scripted_store.url, "--no-validate",
        "--auth", "basic", "--user", "alice", "--password-env", "PUSH_PW",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [request] = scripted_store.script.received
    assert request.method == "PUT"
    assert graphs_received(scripted_store) == [f"{BASE}graph/all"]
    assert request.headers["Content-Type"] == "application/n-triples"
    assert request.headers["Accept"] == "*/*"
    expected = base64.b64encode(b"alice:s3cret").decode()
    assert request.headers["Authorization"] == f"Basic {expected}"
    assert request.body.endswith(b" .\n") and b"<https://schema.org/Person>" in request.body


ERRORS = [
    (401, (), f"answered 401 Unauthorized for graph <{GRAPHS[0]}>: the server wants "
     "credentials: pass --auth digest (Virtuoso) or --auth basic"),
    (401, ("--auth", "basic", "--user", "alice", "--password-env", "PUSH_PW"),
     "it rejected user 'alice' (basic auth): check --user, the password in $PUSH_PW"),
    (403, (), f"answered 403 Forbidden for graph <{GRAPHS[0]}>: an anonymous client may not "
     'write it. Give the user write access (Virtuoso: GRANT SPARQL_UPDATE TO "user"'),
    (404, (), "answered 404 Not Found: there is no SPARQL Graph Store at this URL. Check "
     "--endpoint: Oxigraph serves the Graph Store at http://HOST:7878/store"),
    (415, (), f"refused graph <{GRAPHS[0]}> with HTTP 415 Unsupported Media Type: the server "
     "does not accept N-Triples (application/n-triples). The server said: scripted answer 415"),
    (500, (), "with HTTP 500 Internal Server Error: the server failed; its log says why"),
    (400, (), "with HTTP 400 Bad Request: the server could not parse the body"),
]  # fmt: skip


@pytest.mark.parametrize(("status", "options", "message"), ERRORS, ids=lambda v: str(v)[:12])
def test_error_statuses_name_the_endpoint_and_the_fix(
    project: Path,
    scripted_store: ScriptedStore,
    monkeypatch: pytest.MonkeyPatch,
    status: int,
    options: tuple[str, ...],
    message: str,
) -> None:
    monkeypatch.setenv("PUSH_PW", "wrong")
    scripted_store.script.answers = [(status, {})]
    result = push(project, scripted_store.url, "--graph-per-profile", "--no-validate", *options)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") or "\nError: " in result.stderr
    assert message in result.stderr, result.stderr
    assert len(scripted_store.script.received) == 1  # not retried, nothing else sent


def test_a_redirect_names_the_new_url(project: Path, scripted_store: ScriptedStore) -> None:
    scripted_store.script.answers = [(301, {"Location": "https://elsewhere.example/store"})]
    result = push(project, scripted_store.url, "--no-validate")
    assert result.exit_code == 1
    assert "it redirects to https://elsewhere.example/store; use that URL as --endpoint" in (
        result.stderr
    )


def test_interrupted_push_resumes_where_it_stopped(
    project: Path, scripted_store: ScriptedStore
) -> None:
    scripted_store.script.answers = [(204, {}), (503, {})]
    stopped = push(
        project, scripted_store.url, "--graph-per-profile", "--no-validate", "--retries", "0"
    )
    assert stopped.exit_code == 1
    assert f"Gave up on graph <{GRAPHS[1]}> after 1 attempt" in stopped.stderr
    assert graphs_received(scripted_store) == GRAPHS[:2]
    scripted_store.script.received.clear()
    resumed = push(project, scripted_store.url, "--graph-per-profile", "--no-validate")
    assert resumed.exit_code == 0, resumed.output
    assert graphs_received(scripted_store) == GRAPHS[1:]
    assert "Pushed 2 graphs (" in resumed.stdout and "; 1 unchanged skipped;" in resumed.stdout


def test_batches_send_every_graph_once(project: Path, scripted_store: ScriptedStore) -> None:
    result = push(
        project, scripted_store.url, "--graph-per-profile", "--no-validate", "--batch-size", "2"
    )
    assert result.exit_code == 0, result.output
    received = graphs_received(scripted_store)
    assert sorted(received[:2]) == GRAPHS[:2]
    assert received[2] == GRAPHS[2]  # the dataset description comes last, on its own


def test_a_failure_in_a_batch_keeps_the_others(
    project: Path, scripted_store: ScriptedStore
) -> None:
    scripted_store.script.answers = [(500, {})]
    result = push(
        project, scripted_store.url, "--graph-per-profile", "--no-validate", "--batch-size", "2"
    )
    assert result.exit_code == 1
    assert "with HTTP 500 Internal Server Error" in result.stderr
    scripted_store.script.received.clear()
    assert push(project, scripted_store.url, "--graph-per-profile", "--no-validate").exit_code == 0
    assert len(graphs_received(scripted_store)) == 2  # one of the batch was acknowledged


def test_invalid_data_sends_nothing(
    project: Path, scripted_store: ScriptedStore, tmp_path: Path
) -> None:
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "failing.ttl").write_text(FAILING_SHAPE, encoding="utf-8")
    result = push(project, scripted_store.url, "--shapes", str(shapes))
    assert result.exit_code == 1
    assert "test shape: every person needs a birth place" in result.stderr
    assert scripted_store.script.received == []


def test_valid_data_is_validated_then_sent(
    project: Path, scripted_store: ScriptedStore, tmp_path: Path
) -> None:
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "passing.ttl").write_text(PASSING_SHAPE, encoding="utf-8")
    result = push(project, scripted_store.url, "--shapes", str(shapes))
    assert result.exit_code == 0, result.output
    assert graphs_received(scripted_store) == [f"{BASE}graph/all"]


def test_dry_run_sends_nothing(project: Path, scripted_store: ScriptedStore) -> None:
    result = push(project, scripted_store.url, "--graph-per-profile", "--no-validate", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines[:3]] == [["send", f"<{g}>"] for g in GRAPHS]
    assert lines[3].startswith("Dry run: would push 3 graphs (")
    assert lines[3].endswith("0 unchanged skipped; nothing was sent")
    assert scripted_store.script.received == []


BAD_OPTIONS = [
    (("--endpoint", "ftp://127.0.0.1/store"), 1,
     "Error: --endpoint 'ftp://127.0.0.1/store': only http:// and https:// Graph Store URLs"),
    (("--endpoint", "http://bob:pw@127.0.0.1/store"), 1,
     "do not put credentials in the URL (they would end up in logs and the resume file): use "
     "--auth basic|digest --user NAME --password-env VARIABLE"),
    (("--endpoint", "http:///store"), 1, "the URL has no host"),
    (("--endpoint", "http://127.0.0.1/store", "--auth", "digest", "--user", "u",
      "--password-env", "SCHOLARLD_TEST_UNSET"), 1,
     "Error: --password-env SCHOLARLD_TEST_UNSET: the environment variable SCHOLARLD_TEST_UNSET "
     "is not set or is empty. Set it to the password of user 'u' first"),
    (("--endpoint", "http://127.0.0.1/store", "--auth", "digest"), 2,
     "--auth digest needs --user NAME and --password-env VARIABLE"),
    (("--endpoint", "http://127.0.0.1/store", "--user", "u"), 2,
     "--user and --password-env need --auth basic or --auth digest"),
    (("--endpoint", "http://127.0.0.1/store", "--graph-per-profile", "--graph", "urn:x:g"), 1,
     "Error: --graph names the one union graph: leave it out with --graph-per-profile"),
    (("--endpoint", "http://127.0.0.1/store", "--graph", "all graphs"), 1,
     "Error: --graph 'all graphs' is not an absolute IRI"),
    (("--endpoint", "http://127.0.0.1/store", "--batch-size", "0"), 2,
     "Invalid value for '--batch-size'"),
]  # fmt: skip


@pytest.mark.parametrize(("options", "code", "message"), BAD_OPTIONS, ids=lambda v: str(v)[:20])
def test_bad_options_are_refused_before_anything_is_read(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    options: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    monkeypatch.delenv("SCHOLARLD_TEST_UNSET", raising=False)
    missing = tmp_path / "no-data"  # never read: the options fail first
    result = CliRunner().invoke(cli, ["--data", str(missing), "push", *options])
    assert result.exit_code == code, result.output
    assert message in result.stderr, result.stderr
