"""The push pipeline: read ``data/`` → validate → plan → send batch by batch → summary.

Nothing goes over the network before the data was read and validated. The resume state
is updated after every graph the server acknowledged, so an interrupted push continues
where it stopped. Within a batch the uploads run concurrently, each on its own client
(Digest auth keeps per-client nonce counts); a failure in a batch lets the batch's other
requests finish (and be recorded), then ends the push with the first error in plan order.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from scholarld.push.client import Credentials, GraphStoreClient, RetryPolicy, check_endpoint
from scholarld.push.errors import PushError
from scholarld.push.plan import (
    GraphUpload,
    PushPlan,
    default_union_graph,
    graph_uploads,
    ordered_batches,
    plan_push,
)
from scholarld.push.state import PushState, default_state_dir


@dataclass(frozen=True)
class PushRequest:
    """What ``scholarld push`` was asked for (see ``docs/push.md``)."""

    data_dir: Path
    endpoint: str
    per_profile: bool = False
    graph_iri: str | None = None  # union mode only; None: {base}graph/all
    credentials: Credentials = field(default_factory=Credentials)
    batch_size: int = 1
    resume: bool = True
    validate: bool = True
    shapes_dir: Path | None = None
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    timeout: float = 300.0
    state_dir: Path | None = None  # None: .scholarld-cache/push beside the data folder


@dataclass(frozen=True)
class PreparedPush:
    """The validated plan, ready to send (or to print for ``--dry-run``)."""

    request: PushRequest
    plan: PushPlan
    state: PushState
    description_iris: frozenset[str]


@dataclass(frozen=True)
class PushSummary:
    """What a push did, for the one-line report."""

    endpoint: str
    plan: PushPlan
    seconds: float

    def line(self) -> str:
        sent, skipped = len(self.plan.send), len(self.plan.skip)
        return (
            f"Pushed {sent} graph{'s' if sent != 1 else ''} "
            f"({self.plan.triples():,} triples, {self.plan.size():,} bytes) to {self.endpoint}; "
            f"{skipped} unchanged skipped; {self.seconds:.1f} s"
        )


class Progress(Protocol):
    """Told about every graph the server acknowledged (the CLI's progress bar)."""

    def acknowledged(self, upload: GraphUpload) -> None: ...


def prepare_push(request: PushRequest) -> PreparedPush:
    """Read and validate ``data/``, then plan the uploads against the resume state."""
    from scholarld.serialize.export import read_site_graph

    endpoint = check_endpoint(request.endpoint)
    if request.per_profile and request.graph_iri is not None:
        raise PushError("--graph names the one union graph: leave it out with --graph-per-profile")
    if request.graph_iri is not None:
        check_graph_iri(request.graph_iri)
    site, site_graph = read_site_graph(request.data_dir)
    if request.validate:
        from scholarld.validation import default_cache_dir, ensure_valid, resolve_shapes_dir

        shapes_dir = resolve_shapes_dir(request.data_dir, request.shapes_dir)
        ensure_valid(site_graph, shapes_dir, cache_dir=default_cache_dir(request.data_dir))
    profile_iris = frozenset(graph.iri for graph in site_graph.profile_graphs())
    union_iri = None
    if not request.per_profile:
        union_iri = request.graph_iri or default_union_graph(site.config.base_iri)
    uploads = graph_uploads(site_graph.graphs, profile_iris, union_iri)
    state_dir = request.state_dir or default_state_dir(request.data_dir)
    state = PushState.open(state_dir, endpoint)
    plan = plan_push(uploads, state.acknowledged, request.resume)
    others = frozenset(graph.iri for graph in site_graph.graphs) - profile_iris
    return PreparedPush(request, plan, state, others if request.per_profile else frozenset())


def check_graph_iri(iri: str) -> str:
    """``iri`` if it can name a graph (an absolute IRI), else a ``PushError``."""
    if not urlsplit(iri).scheme or any(char in iri for char in ' <>"{}|\\^`'):
        raise PushError(
            f"--graph {iri!r} is not an absolute IRI: give one like "
            "https://people.example.org/graph/all"
        )
    return iri


def send_prepared(
    prepared: PreparedPush,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PushSummary:
    """Send every planned upload, batch by batch, recording each acknowledgement."""
    request, plan = prepared.request, prepared.plan
    started = time.monotonic()
    slots = max(1, min(request.batch_size, len(plan.send)))
    with ExitStack() as stack:
        clients = [
            stack.enter_context(
                GraphStoreClient(
                    request.endpoint, request.credentials, request.policy, request.timeout, sleep
                )
            )
            for _ in range(slots if plan.send else 0)
        ]
        for batch in ordered_batches(plan.send, slots, prepared.description_iris):
            send_batch(batch, clients, prepared.state, progress)
    return PushSummary(request.endpoint, plan, time.monotonic() - started)


def send_batch(
    batch: Sequence[GraphUpload],
    clients: Sequence[GraphStoreClient],
    state: PushState,
    progress: Progress | None,
) -> None:
    """Send ``batch`` (one upload per client, concurrently when more than one)."""
    if len(batch) == 1:
        clients[0].put_graph(batch[0].iri, batch[0].body())
        _acknowledged(batch[0], state, progress)
        return
    failures: dict[int, BaseException] = {}
    with ThreadPoolExecutor(max_workers=len(batch), thread_name_prefix="push") as pool:
        futures: dict[Future[object], int] = {
            pool.submit(client.put_graph, upload.iri, upload.body()): index
            for index, (upload, client) in enumerate(zip(batch, clients, strict=False))
        }
        for future in as_completed(futures):
            index = futures[future]
            error = future.exception()
            if error is None:
                _acknowledged(batch[index], state, progress)
            else:
                failures[index] = error
    if failures:
        raise failures[min(failures)]


def _acknowledged(upload: GraphUpload, state: PushState, progress: Progress | None) -> None:
    state.record(upload.iri, upload.sha256)
    if progress is not None:
        progress.acknowledged(upload)


def push_site(
    request: PushRequest,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PushSummary:
    """Read, validate, plan and send: the whole push in one call (the library API)."""
    return send_prepared(prepare_push(request), progress, sleep)
