"""Two processes share the writing of the site: this one renders the HTML pages first,
while a forked child takes the RDF tasks (dumps, batches of per-document files) one by one
from a shared counter; when the pages are done this process takes the remaining tasks too.
Whichever is faster does more, so the split adapts to the machine and the data.

``run_shared(first, tasks)`` returns ``first()`` and the timing of every task. With two
cores and no other thread (``parallel.can_fork``) the child inherits everything by fork
(nothing is pickled on the way in), writes its files itself and sends back only which tasks
it finished and their timings. Tasks write disjoint files and each writer is
deterministic, so the tree does not depend on who ran what. A task the child claimed but did
not finish (it failed or died) runs again here, so its error surfaces as in a serial run;
when ``first`` fails, the child is stopped (by its PID) before the error propagates.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from typing import Any, TypeVar

from scholarld.parallel import can_fork

Result = TypeVar("Result")
Task = tuple[str, Callable[[], object]]  # a name for the timings, and the work
Timing = tuple[str, float, float]  # name, wall-clock seconds, CPU seconds


def run_shared(first: Callable[[], Result], tasks: Sequence[Task]) -> tuple[Result, list[Timing]]:
    """``first()`` here, and every task once, shared with a forked child when possible.
    Timings come in task order; a task run by the child is named ``"... (beside)"``."""
    timings: dict[int, Timing] = {}
    if not can_fork():
        result = first()
        _run_claimed(tasks, None, timings, "")
        return result, _ordered(timings)
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    receiver, sender = context.Pipe(duplex=False)
    args = (receiver, sender, tasks, counter)
    child = context.Process(target=_child, args=args, daemon=True)
    child.start()
    sender.close()
    try:
        result = first()
        _run_claimed(tasks, counter, timings, "")
    except BaseException:
        _stop(child.pid)
        child.join()
        receiver.close()
        raise
    timings.update(_receive(receiver))
    receiver.close()
    child.join()
    for index, task in enumerate(tasks):  # claimed by a child that did not finish them
        if index not in timings:
            timings[index] = _timed(task, "")
    return result, _ordered(timings)


def _claim(counter: Synchronized[int] | None, claimed: int) -> int:
    """The index of the next task to run: from the shared counter, or the next in turn."""
    if counter is None:
        return claimed
    with counter.get_lock():
        index = counter.value
        counter.value = index + 1
    return index


def _run_claimed(
    tasks: Sequence[Task], counter: Synchronized[int] | None, timings: dict[int, Timing],
    suffix: str,
) -> None:  # fmt: skip
    index = _claim(counter, 0)
    while index < len(tasks):
        timings[index] = _timed(tasks[index], suffix)
        index = _claim(counter, index + 1)


def _timed(task: Task, suffix: str) -> Timing:
    name, work = task
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return name + suffix, time.perf_counter() - wall, time.process_time() - cpu


def _ordered(timings: dict[int, Timing]) -> list[Timing]:
    return [timings[index] for index in sorted(timings)]


def _stop(pid: int | None) -> None:
    if pid is not None:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)


def _receive(receiver: Connection) -> dict[int, Timing]:
    """The timings of the tasks the child finished (none when it sent nothing)."""
    try:
        finished: dict[int, Timing] = pickle.loads(receiver.recv_bytes())
    except (EOFError, OSError):
        return {}
    return finished


def _child(receiver: Connection, sender: Connection, tasks: Sequence[Task], counter: Any) -> None:
    """Runs in the forked child: run claimed tasks, send what finished, exit without
    cleanup (the parent owns every resource and reruns whatever did not finish)."""
    receiver.close()
    timings: dict[int, Timing] = {}
    code = 1
    try:
        _run_claimed(tasks, counter, timings, " (beside)")
        code = 0
    except BaseException:  # the parent reruns the unfinished task and reports its error
        pass
    finally:
        with suppress(BaseException):
            sender.send_bytes(pickle.dumps(timings, protocol=pickle.HIGHEST_PROTOCOL))
        sender.close()
        os._exit(code)
