"""Split the site graph into pieces that pySHACL can validate one at a time, exactly.

pySHACL's cost grows faster than the graph, so a large site is validated as pieces. Each
node (subject or object) is *owned* by exactly one piece; a piece holds every triple whose
subject or object it owns, the ``rdf:type`` triples of every neighbour of an owned node,
and every ``rdfs:subClassOf`` triple. Incoming triples are only needed for the predicates
the shapes read backwards (``sh:targetObjectsOf``, ``sh:inversePath``), so only those are
copied: a class IRI would otherwise pull in every ``rdf:type`` triple of the site.
Results are kept only for owned focus nodes.

This is exact when every shape looks at most one step from its focus node (see
``locality.shapes_are_local``): the focus node's targets, its outgoing and incoming
triples (paths and inverse paths), and the types of the nodes one step away (``sh:class``
on values) are all in the piece that owns it. Pure string work on N-Triples terms: no rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from heapq import merge
from itertools import groupby

Triple = tuple[str, str, str]  # N-Triples terms, as ``scholarld.graph.terms.Triple``
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
OWNED = "<urn:scholarld:owned>"


@dataclass(frozen=True)
class Piece:
    """One piece: its triples and the nodes it owns, both as N-Triples documents."""

    ntriples: str
    owned_ntriples: str


@dataclass(frozen=True)
class _Index:
    by_subject: dict[str, list[Triple]]
    by_object: dict[str, list[Triple]]
    subclass: tuple[Triple, ...]


def partition(
    graphs: Sequence[Sequence[Triple]], piece_triples: int, incoming: frozenset[str]
) -> tuple[Piece, ...]:
    """Pieces of about ``piece_triples`` triples; each named graph's nodes stay together.
    ``incoming``: the predicates (N-Triples IRIs) whose triples go with their object too."""
    index = _index(_union(graphs), incoming)
    pieces: list[Piece] = []
    owned: list[str] = []
    size = 0
    for group in _owner_groups(graphs):
        owned.extend(group)
        size += sum(len(index.by_subject.get(node, ())) for node in group)
        if size >= piece_triples:
            pieces.append(_piece(owned, index))
            owned, size = [], 0
    if owned or not pieces:
        pieces.append(_piece(owned, index))
    return tuple(pieces)


def _union(graphs: Sequence[Sequence[Triple]]) -> list[Triple]:
    """The sorted, duplicate-free union of the (sorted) named graphs."""
    return [triple for triple, _ in groupby(merge(*(sorted(graph) for graph in graphs)))]


def _index(triples: Iterable[Triple], incoming: frozenset[str]) -> _Index:
    by_subject: dict[str, list[Triple]] = {}
    by_object: dict[str, list[Triple]] = {}
    subclass: list[Triple] = []
    for triple in triples:
        by_subject.setdefault(triple[0], []).append(triple)
        if triple[1] in incoming:
            by_object.setdefault(triple[2], []).append(triple)
        if triple[1] == SUBCLASS_OF:
            subclass.append(triple)
    return _Index(by_subject, by_object, tuple(subclass))


def _owner_groups(graphs: Sequence[Sequence[Triple]]) -> list[list[str]]:
    """Per named graph, the nodes it owns: subjects where first a subject, then the
    remaining objects where first an object. Every node is owned exactly once."""
    seen: set[str] = set()
    groups: list[list[str]] = [[] for _ in graphs]
    for position, graph in enumerate(graphs):
        for subject, _ in groupby(triple[0] for triple in graph):
            if subject not in seen:
                seen.add(subject)
                groups[position].append(subject)
    for position, graph in enumerate(graphs):
        for triple in graph:
            if triple[2] not in seen:
                seen.add(triple[2])
                groups[position].append(triple[2])
    return groups


def _piece(owned: Sequence[str], index: _Index) -> Piece:
    """The triples about ``owned`` nodes plus the type triples of their neighbours."""
    lines: set[Triple] = set(index.subclass)
    neighbours: set[str] = set()
    for node in owned:
        for triple in index.by_subject.get(node, ()):
            lines.add(triple)
            neighbours.add(triple[2])
        for triple in index.by_object.get(node, ()):
            lines.add(triple)
            neighbours.add(triple[0])
    for neighbour in neighbours:
        lines.update(t for t in index.by_subject.get(neighbour, ()) if t[1] == RDF_TYPE)
    return Piece(
        ntriples="".join(f"{s} {p} {o} .\n" for s, p, o in sorted(lines)),
        owned_ntriples="".join(f"{OWNED} {OWNED} {node} .\n" for node in sorted(owned)),
    )
