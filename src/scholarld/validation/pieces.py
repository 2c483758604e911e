"""Validate a large site graph as pieces (``partition``), on every core.

pySHACL's time grows faster than the graph; pieces of ``PIECE_TRIPLES`` triples keep it
linear, and separate processes use every core. Only used when ``locality`` proves the
shapes look at most one step from a focus node, so the results equal pySHACL's on the
whole graph (``tests/test_validation_speed.py`` checks that on every fixture). Each
piece's results are cached under the hash of its content, so an edit to one profile
re-validates only the pieces whose content it changes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from scholarld.validation.cache import cache_key, read_cached, write_cached
from scholarld.validation.partition import Piece, Triple, partition
from scholarld.validation.report import ValidationReport, ValidationResult
from scholarld.validation.shapes import shape_files

PIECE_TRIPLES = 5_000  # about one profile of 50 works: pieces follow profiles
SPLIT_FROM_TRIPLES = 20_000
PIECE_CACHE_KEEP = 4096
WORKERS_ENV = "SCHOLARLD_VALIDATION_WORKERS"
GC_THRESHOLD = 200_000  # pySHACL allocates millions of short-lived objects per piece


def worth_splitting(graphs: Sequence[Sequence[Triple]]) -> bool:
    """Small sites are validated whole: one pySHACL run in this process is fastest."""
    return sum(len(graph) for graph in graphs) >= SPLIT_FROM_TRIPLES


def validate_in_pieces(
    graphs: Sequence[Sequence[Triple]],
    shapes_dir: Path,
    incoming: frozenset[str],
    *,
    piece_triples: int | None = None,
    workers: int | None = None,
    cache_dir: Path | None = None,
) -> tuple[ValidationResult, ...]:
    """Every piece's results for the nodes it owns. Pieces of ``piece_triples`` (default
    ``PIECE_TRIPLES``); ``workers`` processes (default: one per core, or
    ``$SCHOLARLD_VALIDATION_WORKERS``; 1 runs here, without processes). With
    ``cache_dir``, a piece whose content (and shapes, tool versions) was validated before
    reuses its results: an edit to one profile re-validates only the pieces it changes."""
    pieces = partition(graphs, piece_triples or PIECE_TRIPLES, incoming)
    files = shape_files(shapes_dir)
    keys = [_piece_key(piece, files) for piece in pieces] if cache_dir is not None else []
    reused = [read_cached(cache_dir, key) for key in keys] if cache_dir is not None else []
    todo = [i for i in range(len(pieces)) if not reused or reused[i] is None]
    fresh = _validate_all([pieces[i] for i in todo], str(shapes_dir), workers)
    if cache_dir is not None:
        for i, results in zip(todo, fresh, strict=True):
            write_cached(cache_dir, keys[i], ValidationReport.of(results), PIECE_CACHE_KEEP)
    old = (result for report in reused if report is not None for result in report.results)
    return (*old, *(result for results in fresh for result in results))


def _piece_key(piece: Piece, files: Sequence[Path]) -> str:
    return cache_key(f"{piece.ntriples}# owned\n{piece.owned_ntriples}", files)


def _validate_all(
    pieces: Sequence[Piece], shapes_dir: str, workers: int | None
) -> list[tuple[ValidationResult, ...]]:
    """Each piece's results, in order: here, or spread over worker processes."""
    count = min(len(pieces), workers if workers is not None else default_workers())
    if count == 0:
        return []
    if count == 1:
        return validate_pieces(pieces, shapes_dir)
    shares = [pieces[start::count] for start in range(count)]
    try:
        done = _in_processes(shares, shapes_dir)
    except (BrokenProcessPool, OSError, pickle.PicklingError):
        # no usable worker processes here (e.g. an unguarded __main__ under forkserver)
        return validate_pieces(pieces, shapes_dir)
    return [done[i % count][i // count] for i in range(len(pieces))]


def _in_processes(
    shares: Sequence[Sequence[Piece]], shapes_dir: str
) -> list[list[tuple[ValidationResult, ...]]]:
    """One worker process per share. ``fork`` when this process has a single thread (no
    re-import, the parent's modules are shared), else the thread-safe ``forkserver``."""
    method = "fork" if threading.active_count() == 1 else "forkserver"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        max_workers=len(shares), mp_context=context, initializer=_rare_garbage_collection
    ) as pool:
        return list(pool.map(validate_pieces, shares, [shapes_dir] * len(shares)))


def validate_pieces(pieces: Sequence[Piece], shapes_dir: str) -> list[tuple[ValidationResult, ...]]:
    """Load the shapes once, then validate each piece (runs in a worker process)."""
    from scholarld.validation.engine import validate_piece
    from scholarld.validation.shapes import load_shapes

    shapes = load_shapes(Path(shapes_dir))
    return [validate_piece(piece.ntriples, piece.owned_ntriples, shapes) for piece in pieces]


def _rare_garbage_collection() -> None:
    """In a worker process: never scan the objects inherited from the parent (``fork``),
    and collect less often: pySHACL allocates millions of short-lived objects."""
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 50, 100)


def default_workers() -> int:
    """``$SCHOLARLD_VALIDATION_WORKERS`` if set to a positive number, else the usable cores."""
    configured = os.environ.get(WORKERS_ENV, "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, len(os.sched_getaffinity(0)))
