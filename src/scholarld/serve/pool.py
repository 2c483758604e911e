"""A small pool of query worker processes (``scholarld.serve.worker``), driven from the
server's event loop.

Each worker holds its own store and answers one query at a time. A request takes an
idle worker (waiting at most ``Limits.busy_wait`` seconds, else 503), sends the job and
waits for the answer at most ``Limits.query_timeout`` seconds. A worker that overruns is
killed (pyoxigraph cannot interrupt a query, and a thread could not be stopped) and
replaced in the background, so a runaway query costs one worker for the time limit and
never the server. A worker that dies or breaks the protocol is replaced the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from pathlib import Path

from scholarld.errors import ScholarldError
from scholarld.serve.evaluate import QueryAnswer, QueryJob, error_answer
from scholarld.serve.limits import Limits
from scholarld.serve.worker import job_to_json

STARTUP_TIMEOUT = 300.0
_STREAM_LIMIT = 1 << 20
Worker = asyncio.subprocess.Process


class WorkerStartError(ScholarldError):
    """A query worker could not load the site's dump."""


async def start_worker(dump: Path) -> Worker:
    """A new worker process that has loaded ``dump`` and is ready for jobs."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "scholarld.serve.worker", str(dump),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=_STREAM_LIMIT,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        line = await asyncio.wait_for(process.stdout.readline(), STARTUP_TIMEOUT)
        ready = json.loads(line) if line else {"ready": False, "error": "the worker exited"}
    except (TimeoutError, ValueError) as error:
        ready = {"ready": False, "error": f"no ready signal ({error or 'timeout'})"}
    except BaseException:  # cancelled (the server stops): leave no process behind
        await stop_worker(process)
        raise
    if not ready.get("ready"):
        await stop_worker(process)
        raise WorkerStartError(
            f"Cannot start a SPARQL query worker: {ready.get('error')} "
            "(rebuild the site with scholarld build)"
        )
    return process


async def stop_worker(process: Worker) -> None:
    """Kill ``process`` (one of ours, by its PID) and reap it."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):  # it exited a moment ago
            process.kill()
    await process.wait()


async def ask_worker(process: Worker, job: QueryJob) -> QueryAnswer:
    """Send ``job`` to ``process`` and read its answer."""
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(job_to_json(job))
    await process.stdin.drain()
    line = await process.stdout.readline()
    if not line:
        raise EOFError("the query worker closed its output")
    header = json.loads(line)
    body = await process.stdout.readexactly(int(header["length"]))
    return QueryAnswer(int(header["status"]), str(header["media_type"]), body)


class QueryPool:
    """The worker processes of one server (created in the app's lifespan)."""

    def __init__(self, dump: Path, limits: Limits) -> None:
        self.dump = dump
        self.limits = limits
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._workers: set[Worker] = set()
        self._replacing: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Start every worker (in parallel) and wait until all are ready; a started
        pool stays as it is."""
        if self._workers:
            return
        started = await asyncio.gather(
            *(start_worker(self.dump) for _ in range(self.limits.workers)), return_exceptions=True
        )
        for worker in started:
            if isinstance(worker, BaseException):
                await self.close()
                raise worker
            self._add(worker)

    def _add(self, worker: Worker) -> None:
        self._workers.add(worker)
        self._idle.put_nowait(worker)

    async def close(self) -> None:
        """Stop every worker, including replacements still starting."""
        replacing = list(self._replacing)
        for task in replacing:
            task.cancel()
        await asyncio.gather(*replacing, return_exceptions=True)
        for worker in list(self._workers):
            await stop_worker(worker)
        self._workers.clear()

    async def run(self, job: QueryJob) -> QueryAnswer:
        """The answer to ``job``, or a 503 when no worker is free or time runs out."""
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.limits.busy_wait)
        except TimeoutError:
            return error_answer(
                503, f"All {self.limits.workers} query workers are busy; try again shortly."
            )
        try:
            answer = await asyncio.wait_for(ask_worker(worker, job), self.limits.query_timeout)
        except TimeoutError:
            self._replace(worker)
            return error_answer(
                503,
                f"The query exceeded the {self.limits.query_timeout:g} s time limit of this "
                "endpoint and was stopped; narrow it (fewer joins, a LIMIT) and try again.",
            )
        except (OSError, EOFError, ValueError, KeyError, asyncio.IncompleteReadError) as error:
            self._replace(worker)
            return error_answer(500, f"The query worker failed ({error}); it was restarted.")
        except BaseException:
            self._replace(worker)  # cancelled mid-query: the worker's state is unknown
            raise
        self._idle.put_nowait(worker)
        return answer

    def _replace(self, worker: Worker) -> None:
        self._workers.discard(worker)
        task = asyncio.get_running_loop().create_task(self._restart(worker))
        self._replacing.add(task)
        task.add_done_callback(self._replacing.discard)

    async def _restart(self, worker: Worker) -> None:
        await stop_worker(worker)
        try:
            self._add(await start_worker(self.dump))
        except WorkerStartError as error:
            print(f"scholarld serve: {error.message}", file=sys.stderr)
