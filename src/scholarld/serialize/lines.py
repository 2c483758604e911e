"""Line formats: N-Triples and N-Quads straight from the SiteGraph's term strings.

The graph stage already holds every triple as N-Triples terms, sorted and unique within
each named graph, so these writers only join lines: no parsing, no RDF library. The
union of several graphs is a k-way merge of sorted lists with duplicates dropped, which
keeps the output sorted (hence byte-identical on re-run).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import Protocol

Triple = tuple[str, str, str]


class TripleGraph(Protocol):
    """What the writers need of a named graph (``scholarld.graph.NamedGraph`` fits)."""

    @property
    def iri(self) -> str: ...

    @property
    def triples(self) -> tuple[Triple, ...]: ...


def union_triples(graphs: Sequence[TripleGraph]) -> Iterator[Triple]:
    """Every triple of ``graphs`` once, in sorted order (each graph is sorted already)."""
    if len(graphs) == 1:
        yield from graphs[0].triples
        return
    previous: Triple | None = None
    for triple in heapq.merge(*(graph.triples for graph in graphs)):
        if triple != previous:
            yield triple
            previous = triple


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


def nquads_text(graphs: Sequence[TripleGraph]) -> str:
    """Every graph's triples as N-Quads, graph by graph in the given (sorted) order."""
    parts: list[str] = []
    for graph in graphs:
        tail = f" <{graph.iri}> .\n"
        parts.append("".join([f"{s} {p} {o}{tail}" for s, p, o in graph.triples]))
    return "".join(parts)
