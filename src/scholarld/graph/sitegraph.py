"""The graph stage's result: named graphs of N-Triples terms (see ``docs/model.md``)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, islice
from operator import ne
from pathlib import Path

from scholarld.graph.terms import Triple, ntriples_lines


@dataclass(frozen=True)
class NamedGraph:
    """One named graph: a profile's (``slug`` and ``source`` set) or the dataset
    description (both ``None``). ``triples`` are sorted and unique."""

    iri: str
    slug: str | None
    source: Path | None
    triples: tuple[Triple, ...]

    def ntriples(self) -> str:
        return ntriples_lines(self.triples)


@dataclass(frozen=True)
class SiteGraph:
    """Every named graph of the site, sorted by IRI (plain IRI strings, no brackets).
    ``union``, when the graph stage computed it, is every triple of ``graphs`` once,
    sorted (the union formats write it as it is)."""

    graphs: tuple[NamedGraph, ...]
    union: Sequence[Triple] | None = field(default=None, compare=False, repr=False)

    def profile_graphs(self) -> tuple[NamedGraph, ...]:
        return tuple(graph for graph in self.graphs if graph.slug is not None)

    def sorted_triples(self) -> Sequence[Triple]:
        """Every triple of every graph once, sorted: the kept ``union``, else merged now."""
        if self.union is not None:
            return self.union
        return sorted_union(graph.triples for graph in self.graphs)

    def ntriples(self) -> str:
        """The union of all graphs as N-Triples: sorted, duplicate lines removed."""
        # term tuples sort as their lines do (terms are self-delimiting)
        return ntriples_lines(self.sorted_triples())

    def nquads(self) -> str:
        """Every graph as N-Quads, graph by graph in IRI order, triples sorted."""
        return "".join(
            ntriples_lines(graph.triples, f" <{graph.iri}> .\n") for graph in self.graphs
        )

    def triple_count(self) -> int:
        return sum(len(graph.triples) for graph in self.graphs)


def sorted_union(blocks: Iterable[Sequence[Triple]]) -> list[Triple]:
    """Every triple of ``blocks`` (each sorted) once, sorted: Timsort merges the sorted
    runs in C, and equal triples end up adjacent, so a triple is kept when it differs from
    the one before it (compared in C too)."""
    merged = list(chain.from_iterable(blocks))
    merged.sort()
    if not merged:
        return merged
    later = islice(merged, 1, None)
    return [merged[0], *compress(islice(merged, 1, None), map(ne, later, merged))]


def with_triples(union: list[Triple], extra: Sequence[Triple]) -> list[Triple]:
    """``union`` (sorted, unique) with the few ``extra`` triples (sorted) inserted where
    they belong, unless there already: one copy of ``union``, not one per triple."""
    merged: list[Triple] = []
    start = 0
    for triple in extra:
        at = bisect_left(union, triple, start)
        merged += union[start:at]
        if at == len(union) or union[at] != triple:
            merged.append(triple)
        start = at
    merged += union[start:]
    return merged
