"""Line formats: N-Triples and N-Quads straight from the SiteGraph's term strings.

The graph stage already holds every triple as N-Triples terms, sorted and unique within
each named graph, so these writers only join lines: no parsing, no RDF library. The
union of several graphs is a Timsort merge of the sorted lists with duplicates dropped
(``graph.sitegraph.sorted_union``), which keeps the output sorted (hence byte-identical
on re-run).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from scholarld.graph.sitegraph import sorted_union
from scholarld.graph.terms import ntriples_lines, ntriples_slices

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
    return ntriples_lines(union_triples(graphs))


def ntriples_chunks(triples: Sequence[Triple]) -> Iterator[bytes]:
    """``triples`` (sorted, unique) as UTF-8 N-Triples, slice by slice
    (``graph.terms.ntriples_slices``). (A second process does not pay here: copying its
    pages after the fork costs more than the lines it writes.)"""
    return ntriples_slices(triples)


def nquads_text(graphs: Sequence[TripleGraph]) -> str:
    """Every graph's triples as N-Quads, graph by graph in the given (sorted) order."""
    return "".join(map(nquads_of, graphs))


def nquads_chunks(graphs: Sequence[TripleGraph]) -> Iterator[bytes]:
    """``nquads_text`` as UTF-8, one chunk per graph."""
    for graph in graphs:
        yield nquads_of(graph).encode("utf-8")


def nquads_of(graph: TripleGraph) -> str:
    """One graph's triples as N-Quads lines."""
    return ntriples_lines(graph.triples, f" <{graph.iri}> .\n")
