"""Line formats: N-Triples and N-Quads straight from the SiteGraph's term strings.

The graph stage already holds every triple as N-Triples terms, sorted and unique within
each named graph, so these writers only join lines: no parsing, no RDF library. The
union of several graphs is a Timsort merge of the sorted lists with duplicates dropped
(``graph.sitegraph.sorted_union``), which keeps the output sorted (hence byte-identical
on re-run).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from scholarld.graph.sitegraph import sorted_union

SLICE_TRIPLES = 25_000  # N-Triples lines encoded at a time

Triple = tuple[str, str, str]


class TripleGraph(Protocol):
    """What the writers need of a named graph (``scholarld.graph.NamedGraph`` fits)."""

    @property
    def iri(self) -> str: ...

    @property
    def triples(self) -> tuple[Triple, ...]: ...


def union_triples(graphs: Sequence[TripleGraph]) -> Sequence[Triple]:
    """Every triple of ``graphs`` once, in sorted order (each graph is sorted already)."""
    if len(graphs) == 1:
        return graphs[0].triples
    return sorted_union(graph.triples for graph in graphs)


def ntriples_text(graphs: Sequence[TripleGraph]) -> str:
    """The union of ``graphs`` as sorted N-Triples, each line once (``union_triples``)."""
    return "".join([f"{s} {p} {o} .\n" for s, p, o in union_triples(graphs)])


def ntriples_bytes(triples: Sequence[Triple]) -> bytes:
    """``triples`` (sorted, unique) as UTF-8 N-Triples, encoded in slices: an ASCII-only
    slice encodes as a copy, while one string holding a single non-ASCII character would
    be stored (and encoded) at two or four bytes per character. (A second process does
    not pay here: copying its pages after the fork costs more than the lines it writes.)"""
    size = SLICE_TRIPLES
    return b"".join(
        "".join([f"{s} {p} {o} .\n" for s, p, o in triples[start : start + size]]).encode()
        for start in range(0, len(triples), size)
    )


def nquads_text(graphs: Sequence[TripleGraph]) -> str:
    """Every graph's triples as N-Quads, graph by graph in the given (sorted) order."""
    parts: list[str] = []
    for graph in graphs:
        tail = f" <{graph.iri}> .\n"
        parts.append("".join([f"{s} {p} {o}{tail}" for s, p, o in graph.triples]))
    return "".join(parts)
