"""``scholarld.serve.pool``: the query worker processes, driven directly (no HTTP):
time limit, busy pool, a worker that dies, and the worker protocol."""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import os
import signal
from pathlib import Path

import pytest

from scholarld.serve.evaluate import QueryAnswer, QueryJob
from scholarld.serve.limits import Limits
from scholarld.serve.pool import QueryPool, WorkerStartError
from scholarld.serve.worker import job_from_json, job_to_json, serve_jobs

# 180⁴ ≈ 10⁹ rows: minutes on any machine, so the 1 s limit always ends it.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUADS = "".join(
    f"<http://x.org/s{i}> <http://x.org/p> <http://x.org/o{j}> <http://x.org/g{i % 2}> .\n"
    for i in range(60)
    for j in range(3)
)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dump") / "all.nq.gz"
    path.write_bytes(gzip.compress(QUADS.encode(), mtime=0))
    return path


def count(answer: QueryAnswer) -> int:
    assert answer.status == 200, answer.body
    return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])


async def runaway_then_busy(pool: QueryPool) -> tuple[QueryAnswer, QueryAnswer, QueryAnswer]:
    await pool.start()
    try:
        runaway = asyncio.ensure_future(pool.run(QueryJob(RUNAWAY)))
        await asyncio.sleep(0.1)
        busy = await pool.run(QueryJob(COUNT))
        stopped = await runaway
        await asyncio.sleep(0.2)
        after = await pool.run(QueryJob(COUNT))  # waits for the replacement worker
        return busy, stopped, after
    finally:
        await pool.close()


def worker_children() -> list[str]:
    """The command lines of this test process's query worker children still alive."""
    children: list[str] = []
    for listing in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
        for pid in listing.read_text().split():
            command = Path(f"/proc/{pid}/cmdline")
            if command.exists() and b"scholarld.serve.worker" in command.read_bytes():
                children.append(command.read_bytes().decode(errors="replace"))
    return children


def test_time_limit_stops_the_query_and_a_busy_pool_answers_503(dump: Path) -> None:
    limits = Limits(query_timeout=1.0, workers=1, busy_wait=0.3)
    busy, stopped, _ = asyncio.run(runaway_then_busy(QueryPool(dump, limits)))
    # closed while the replacement worker was still starting: none is left behind
    assert worker_children() == []
    assert busy.status == 503
    assert busy.body == b"All 1 query workers are busy; try again shortly.\n"
    assert stopped.status == 503
    assert b"exceeded the 1 s time limit of this endpoint and was stopped" in stopped.body


def test_queries_wait_for_the_replacement_worker(dump: Path) -> None:
    limits = Limits(query_timeout=1.0, workers=1, busy_wait=30)
    waited, stopped, after = asyncio.run(runaway_then_busy(QueryPool(dump, limits)))
    assert stopped.status == 503
    assert count(waited) == 180  # queued behind the runaway, answered by its replacement
    assert count(after) == 180  # the default graph: the merge of the named graphs


async def kill_then_query(pool: QueryPool) -> tuple[QueryAnswer, QueryAnswer]:
    await pool.start()
    try:
        for worker in list(pool._workers):
            os.kill(worker.pid, signal.SIGKILL)
            await worker.wait()
        failed = await pool.run(QueryJob(COUNT))
        recovered = await pool.run(QueryJob(COUNT))
        return failed, recovered
    finally:
        await pool.close()


def test_a_dead_worker_is_reported_and_replaced(dump: Path) -> None:
    failed, recovered = asyncio.run(kill_then_query(QueryPool(dump, Limits(workers=1))))
    assert failed.status == 500
    assert b"The query worker failed" in failed.body and b"it was restarted" in failed.body
    assert count(recovered) == 180
    assert worker_children() == []


def test_a_broken_dump_fails_to_start(tmp_path: Path) -> None:
    broken = tmp_path / "all.nq.gz"
    broken.write_bytes(gzip.compress(b"<a> <b> .\n"))
    with pytest.raises(WorkerStartError, match=r"all\.nq\.gz: .*rebuild the site"):
        asyncio.run(QueryPool(broken, Limits(workers=1)).start())


def test_worker_protocol_round_trip(dump: Path) -> None:
    job = QueryJob(COUNT, "text/csv", None, ("http://x.org/g0",), (), 5)
    assert job_from_json(job_to_json(job)) == job
    answers = io.BytesIO()
    assert serve_jobs(dump, io.BytesIO(job_to_json(job)), answers) == 0
    ready, header, body = answers.getvalue().split(b"\n", 2)
    assert json.loads(ready) == {"ready": True, "quads": 360}
    assert json.loads(header) == {"status": 200, "media_type": "text/csv; charset=utf-8",
                                  "length": len(body)}  # fmt: skip
    assert body == b"n\r\n90\r\n"
