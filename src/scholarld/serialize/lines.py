"""Line formats: N-Triples and N-Quads straight from the SiteGraph's term strings.

The graph stage already holds every triple as N-Triples terms, sorted and unique within
each named graph, so these writers only join lines: no parsing, no RDF library. The
union of several graphs is a k-way merge of sorted lists with duplicates dropped, which
keeps the output sorted (hence byte-identical on re-run).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Protocol

from scholarld.graph.sitegraph import sorted_union
from scholarld.parallel import map_in_two

SLICE_TRIPLES = 25_000  # a list this long or longer is written in slices, in two processes

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
    """The union of ``graphs`` as sorted N-Triples, each line once.

    Sorting lines gives the same order as sorting triples (a space sorts before every
    character a term can hold unescaped). The list is a concatenation of sorted runs, which
    Timsort merges in C; ``groupby`` then drops the duplicates."""
    lines = [f"{s} {p} {o} .\n" for graph in graphs for s, p, o in graph.triples]
    if len(graphs) > 1:
        lines.sort()
        lines = [line for line, _ in groupby(lines)]
    return "".join(lines)


def ntriples_bytes(triples: Sequence[Triple]) -> bytes:
    """``triples`` (sorted, unique) as UTF-8 N-Triples. A large list is encoded in slices,
    a second process writing part of them: ASCII-only slices also encode faster than one
    string that holds a single non-ASCII character."""
    size = SLICE_TRIPLES
    slices = [triples[start : start + size] for start in range(0, len(triples), size)]
    pieces: list[bytes] = map_in_two(_ntriples_slices, slices, min_items=2)
    return b"".join(pieces)


def _ntriples_slices(slices: Sequence[Sequence[Triple]]) -> list[bytes]:
    return ["".join([f"{s} {p} {o} .\n" for s, p, o in part]).encode("utf-8") for part in slices]


def nquads_text(graphs: Sequence[TripleGraph]) -> str:
    """Every graph's triples as N-Quads, graph by graph in the given (sorted) order."""
    parts: list[str] = []
    for graph in graphs:
        tail = f" <{graph.iri}> .\n"
        parts.append("".join([f"{s} {p} {o}{tail}" for s, p, o in graph.triples]))
    return "".join(parts)
