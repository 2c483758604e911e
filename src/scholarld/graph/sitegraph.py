"""The graph stage's result: named graphs of N-Triples terms (see ``docs/model.md``)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, groupby
from pathlib import Path

from scholarld.graph.terms import Triple


@dataclass(frozen=True)
class NamedGraph:
    """One named graph: a profile's (``slug`` and ``source`` set) or the dataset
    description (both ``None``). ``triples`` are sorted and unique."""

    iri: str
    slug: str | None
    source: Path | None
    triples: tuple[Triple, ...]

    def ntriples(self) -> str:
        return "".join(f"{s} {p} {o} .\n" for s, p, o in self.triples)


@dataclass(frozen=True)
class SiteGraph:
    """Every named graph of the site, sorted by IRI (plain IRI strings, no brackets)."""

    graphs: tuple[NamedGraph, ...]

    def profile_graphs(self) -> tuple[NamedGraph, ...]:
        return tuple(graph for graph in self.graphs if graph.slug is not None)

    def ntriples(self) -> str:
        """The union of all graphs as N-Triples: sorted, duplicate lines removed."""
        # Each graph is sorted, and term tuples sort as their lines do (terms are
        # self-delimiting), so timsort merges the runs and equal triples end up adjacent.
        merged = sorted(chain.from_iterable(graph.triples for graph in self.graphs))
        unique = (triple for triple, _ in groupby(merged))
        return "".join(f"{s} {p} {o} .\n" for s, p, o in unique)

    def nquads(self) -> str:
        """Every graph as N-Quads, graph by graph in IRI order, triples sorted."""
        return "".join(
            f"{s} {p} {o} <{graph.iri}> .\n" for graph in self.graphs for s, p, o in graph.triples
        )

    def triple_count(self) -> int:
        return sum(len(graph.triples) for graph in self.graphs)
