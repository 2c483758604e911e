"""The push stages without a server: retry schedule, Retry-After parsing, endpoint checks,
upload order and hashes, resume planning, batches and the resume file."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scholarld.push.client import RetryPolicy, check_endpoint, retry_after_seconds
from scholarld.push.errors import EndpointError
from scholarld.push.plan import (
    batches,
    default_union_graph,
    graph_uploads,
    make_upload,
    ordered_batches,
    plan_push,
)
from scholarld.push.state import PushState, load_acknowledged, state_path

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class FakeGraph:
    iri: str
    triples: tuple[Triple, ...]


A = FakeGraph(
    "http://x.org/graph/a", (("<urn:s>", "<urn:p>", '"a"'), ("<urn:s>", "<urn:p>", '"b"'))
)
B = FakeGraph("http://x.org/graph/b", (("<urn:s>", "<urn:p>", '"b"'),))
VOID = FakeGraph("http://x.org/.well-known/void", (("<urn:d>", "<urn:p>", '"2"'),))


def test_backoff_schedule_is_fixed_and_capped() -> None:
    assert [RetryPolicy().delay(n) for n in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert RetryPolicy(first_delay=1, factor=3, max_delay=10).delay(3) == 10


def test_retry_after_forms() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("7", now) == 7.0
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Thu, 01 Jan 2026 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


@pytest.mark.parametrize(
    ("endpoint", "message"),
    [
        ("file:///tmp/store", "only http:// and https://"),
        ("127.0.0.1:7878/store", "only http:// and https://"),
        ("http://127.0.0.1:port/store", "not a URL"),
        ("https://u@example.org/store", "do not put credentials in the URL"),
        ("http://example.org/store#x", "remove the #fragment"),
    ],
)
def test_bad_endpoints(endpoint: str, message: str) -> None:
    with pytest.raises(EndpointError) as caught:
        check_endpoint(endpoint)
    assert caught.value.message.startswith(f"--endpoint {endpoint!r}: ")
    assert message in caught.value.message


def test_good_endpoints_pass_unchanged() -> None:
    for endpoint in ("http://127.0.0.1:7878/store", "https://db.example.org/gsp?x=1"):
        assert check_endpoint(endpoint) == endpoint


def test_uploads_put_profiles_first_and_hash_the_body() -> None:
    uploads = graph_uploads([VOID, A, B], frozenset({A.iri, B.iri}), None)
    assert [upload.iri for upload in uploads] == [A.iri, B.iri, VOID.iri]
    body = b'<urn:s> <urn:p> "a" .\n<urn:s> <urn:p> "b" .\n'
    assert uploads[0].body() == body
    assert (uploads[0].triples, uploads[0].size) == (2, len(body))
    assert uploads[0].sha256 == hashlib.sha256(body).hexdigest()


def test_union_upload_holds_each_triple_once() -> None:
    [union] = graph_uploads([A, B, VOID], frozenset({A.iri, B.iri}), "urn:g:all")
    assert union.iri == "urn:g:all"
    assert union.triples == 3
    assert default_union_graph("https://p.example/") == "https://p.example/graph/all"


def test_resume_skips_only_acknowledged_content() -> None:
    a, b = make_upload(A.iri, [A]), make_upload(B.iri, [B])
    acknowledged = {A.iri: a.sha256, B.iri: "an older hash"}
    plan = plan_push([a, b], acknowledged, resume=True)
    assert (plan.send, plan.skip) == ((b,), (a,))
    assert plan.triples() == 1 and plan.size() == b.size
    forced = plan_push([a, b], acknowledged, resume=False)
    assert (forced.send, forced.skip) == ((a, b), ())


def test_batches_and_description_last() -> None:
    uploads = graph_uploads([A, B, VOID], frozenset({A.iri, B.iri}), None)
    assert [len(batch) for batch in batches(uploads, 2)] == [2, 1]
    grouped = list(ordered_batches(uploads, 5, frozenset({VOID.iri})))
    assert [[upload.iri for upload in batch] for batch in grouped] == [[A.iri, B.iri], [VOID.iri]]
    with pytest.raises(ValueError, match="at least 1"):
        list(batches(uploads, 0))


def test_state_round_trip_is_atomic_and_stable(tmp_path: Path) -> None:
    state = PushState.open(tmp_path / "push", "http://h/store")
    assert state.acknowledged == {}
    state.record("urn:g:b", "2" * 64)
    state.record("urn:g:a", "1" * 64)
    path = state_path(tmp_path / "push", "http://h/store")
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document == {
        "endpoint": "http://h/store",
        "format": 1,
        "graphs": {"urn:g:a": "1" * 64, "urn:g:b": "2" * 64},
    }
    assert list(document["graphs"]) == ["urn:g:a", "urn:g:b"]  # sorted
    assert PushState.open(tmp_path / "push", "http://h/store").acknowledged == document["graphs"]
    assert state_path(tmp_path, "http://other/store") != path


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"endpoint": "http://elsewhere/store", "format": 1, "graphs": {"urn:g": "x"}}',
        '{"endpoint": "http://h/store", "format": 99, "graphs": {"urn:g": "x"}}',
        '{"endpoint": "http://h/store", "format": 1, "graphs": []}',
    ],
)
def test_unusable_state_counts_as_empty(tmp_path: Path, content: str) -> None:
    path = tmp_path / "state.json"
    path.write_text(content, encoding="utf-8")
    assert load_acknowledged(path, "http://h/store") == {}
    assert load_acknowledged(tmp_path / "missing.json", "http://h/store") == {}


def test_cli_start_up_does_not_load_the_http_client() -> None:
    """``scholarld --help`` stays fast: httpx and the push package load inside the command."""
    import subprocess
    import sys

    code = (
        "import sys, scholarld.cli; print(sorted({'httpx', 'scholarld.push'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
