"""What a push sends: which named graphs, in which order and batches, and which are
skipped because the server already acknowledged the same content.

- ``--graph-per-profile``: one upload per profile graph (``{base}graph/{slug}``), in IRI
  order, then the dataset description graph (``{base}.well-known/void``) last, so the
  description never announces data that has not arrived yet.
- otherwise: one upload, the union of every graph (what ``export --format nt`` writes),
  into ``--graph`` (default ``{base}graph/all``).

Each upload is one whole graph in one request: a graph is never split across requests,
because only a single ``PUT`` replaces it atomically. Batches group uploads that are sent
concurrently (``--batch-size`` requests in flight).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from scholarld.serialize.lines import TripleGraph, ntriples_text

UNION_GRAPH_PATH = "graph/all"


@dataclass(frozen=True)
class GraphUpload:
    """One named graph to replace: its IRI, the graphs whose union is its content, and
    the size and SHA-256 of its N-Triples body (what the resume state compares)."""

    iri: str
    sources: tuple[TripleGraph, ...]
    triples: int
    size: int
    sha256: str

    def body(self) -> bytes:
        """The N-Triples body (sorted, deterministic); rebuilt on demand to save memory."""
        return ntriples_text(self.sources).encode("utf-8")


@dataclass(frozen=True)
class PushPlan:
    """The uploads to send (in order) and those skipped as unchanged."""

    send: tuple[GraphUpload, ...]
    skip: tuple[GraphUpload, ...]

    def triples(self) -> int:
        return sum(upload.triples for upload in self.send)

    def size(self) -> int:
        return sum(upload.size for upload in self.send)


def default_union_graph(base_iri: str) -> str:
    """The graph the union goes to without ``--graph``.

    >>> default_union_graph("https://people.example.org/")
    'https://people.example.org/graph/all'
    """
    return f"{base_iri}{UNION_GRAPH_PATH}"


def make_upload(iri: str, sources: Sequence[TripleGraph]) -> GraphUpload:
    """An upload of the union of ``sources`` into graph ``iri``."""
    sources = tuple(sources)
    body = ntriples_text(sources).encode("utf-8")
    return GraphUpload(
        iri=iri,
        sources=sources,
        triples=body.count(b"\n"),
        size=len(body),
        sha256=hashlib.sha256(body).hexdigest(),
    )


def graph_uploads(
    graphs: Sequence[TripleGraph], profile_iris: frozenset[str], union_iri: str | None
) -> tuple[GraphUpload, ...]:
    """The uploads for ``graphs``: one per graph (profiles first, ``union_iri`` None) or
    one union into ``union_iri``. ``profile_iris`` tells profile graphs from the rest."""
    if union_iri is not None:
        return (make_upload(union_iri, graphs),)
    ordered = sorted(graphs, key=lambda graph: (graph.iri not in profile_iris, graph.iri))
    return tuple(make_upload(graph.iri, (graph,)) for graph in ordered)


def plan_push(
    uploads: Sequence[GraphUpload], acknowledged: Mapping[str, str], resume: bool
) -> PushPlan:
    """Skip the uploads whose content hash the server already acknowledged (if resuming)."""
    if not resume:
        return PushPlan(send=tuple(uploads), skip=())
    send = tuple(upload for upload in uploads if acknowledged.get(upload.iri) != upload.sha256)
    skip = tuple(upload for upload in uploads if acknowledged.get(upload.iri) == upload.sha256)
    return PushPlan(send=send, skip=skip)


def batches(uploads: Sequence[GraphUpload], size: int) -> Iterator[tuple[GraphUpload, ...]]:
    """``uploads`` in consecutive groups of ``size`` (the last may be smaller)."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    items = tuple(uploads)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def ordered_batches(
    uploads: Sequence[GraphUpload], size: int, last_alone: frozenset[str]
) -> Iterator[tuple[GraphUpload, ...]]:
    """``batches`` of the uploads not in ``last_alone``, then those one at a time: the
    dataset description graph goes in a batch of its own, after every profile graph."""
    first = [upload for upload in uploads if upload.iri not in last_alone]
    later = [upload for upload in uploads if upload.iri in last_alone]
    yield from batches(first, size)
    for upload in later:
        yield (upload,)
