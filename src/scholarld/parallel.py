"""Use the second core for a stage that is independent per item (per profile).

``map_in_two(work, items)`` returns ``work(items)``: with many items and a second core, a
forked child process computes ``work`` on the last part (``CHILD_SHARE``) while this
process computes the rest, and the child's result comes back pickled through a pipe.
Fork (not spawn) means nothing is pickled on the way in: the child inherits ``work`` and its
arguments (e.g. a ``functools.partial`` holding the site and its people). Results keep
the order of ``items``, so output does not depend on timing. When the child fails in any
way the parent computes that part itself, so errors surface as in a serial run.

How results travel back is a ``Transfer``: pickle by default; ``MARSHAL`` for results of
built-in types only (str, int, tuple, list, dict, None), which ``marshal`` writes about
twice as fast as pickle (the parent and the child are the same interpreter, so its
version-specific format is safe here).
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Finished = TypeVar("Finished")

MIN_ITEMS = 16  # below this, a fork costs more than it saves
# The child's share: it runs slower than the parent (copy-on-write page faults, pickling
# its results), so an even split would leave the parent waiting (measured on 2 cores).
CHILD_SHARE = 0.4


@dataclass(frozen=True)
class Transfer(Generic[Result]):
    """How the child's results reach the parent: ``dump`` in the child, ``load`` here."""

    dump: Callable[[list[Result]], bytes]
    load: Callable[[bytes], list[Result]]


PICKLE: Transfer[Any] = Transfer(
    partial(pickle.dumps, protocol=pickle.HIGHEST_PROTOCOL), pickle.loads
)
MARSHAL: Transfer[Any] = Transfer(marshal.dumps, marshal.loads)


def can_fork() -> bool:
    """Whether a second process can help: two or more cores, the fork start method, not
    already in a forked helper, and no other thread running (forking a threaded process,
    e.g. a server, can deadlock the child on a lock another thread held)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    single_threaded = threading.active_count() == 1
    # a forked helper (daemonic) may not start children of its own: multiprocessing
    # refuses, and the helper would give up its whole share of the work
    helper = multiprocessing.current_process().daemon
    return (
        (cores or 1) >= 2
        and single_threaded
        and not helper
        and "fork" in multiprocessing.get_all_start_methods()
    )


def map_in_two(
    work: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    min_items: int | None = None,
    child_share: float = CHILD_SHARE,
    transfer: Transfer[Result] | None = None,
) -> list[Result]:
    """``work(items)``, split across two processes when there are at least ``min_items``
    (default ``MIN_ITEMS``); the child computes the last ``child_share`` of the items (a
    half suits work whose results are cheap to send back, such as encoded text) and sends
    them back by ``transfer`` (default ``PICKLE``). A ``work`` that sums up its items in
    one result (``graph.build.graph_part``) gives one result per process."""
    return map_and_finish(work, _as_they_are, items, min_items, child_share, transfer)


def map_and_finish(
    work: Callable[[Sequence[Item]], list[Result]],
    finish: Callable[[list[Result]], list[Finished]],
    items: Sequence[Item],
    min_items: int | None = None,
    child_share: float = CHILD_SHARE,
    transfer: Transfer[Result] | None = None,
) -> list[Finished]:
    """``finish(work(items))``, as ``map_in_two`` splits it, for a last step whose results
    cannot travel (objects slow to send, such as validated models): this process finishes
    its own part while the child works, then the child's part when it arrives."""
    way: Transfer[Result] = transfer or PICKLE
    if len(items) < (MIN_ITEMS if min_items is None else min_items) or not can_fork():
        return finish(work(items))
    middle = len(items) - int(len(items) * child_share)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    rest = items[middle:]
    child_args = (receiver, sender, work, rest, way.dump)
    child = context.Process(target=_child, args=child_args, daemon=True)
    child.start()
    sender.close()
    try:
        first = finish(work(items[:middle]))
        second: list[Result] | None = _receive(receiver, way.load)
    finally:
        receiver.close()
        child.join()
    if second is None:  # the child failed: compute its half here (raising as a serial run)
        second = work(rest)
    return first + finish(second)


def _as_they_are(results: list[Result]) -> list[Result]:
    return results


def _receive(receiver: Connection, load: Callable[[bytes], list[Result]]) -> list[Result] | None:
    """The child's results, or None when it sent none (it failed or died)."""
    try:
        data = receiver.recv_bytes()
    except (EOFError, OSError):
        return None
    return load(data)


def _child(
    receiver: Connection,
    sender: Connection,
    work: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    dump: Callable[[list[Result]], bytes],
) -> None:
    """Runs in the forked child: compute, send the results, exit without cleanup.

    The child closes its copy of the read end first, so that when the parent stops
    reading (it failed itself) the send fails instead of blocking forever."""
    receiver.close()
    code = 1
    try:
        sender.send_bytes(dump(work(items)))
        code = 0
    except BaseException:  # the parent recomputes this half and reports the error itself
        pass
    finally:
        sender.close()
        os._exit(code)
