"""The shapes folder read by pyoxigraph into plain terms, for ``core_shapes``.

The core engine needs the shapes as data, not an rdflib graph: pyoxigraph parses the
Turtle files in milliseconds and without importing rdflib (a fifth of a second). IRIs
and blank nodes are N-Triples strings (``<…>``, ``_:…``), literals ``ShapeLiteral``
values. When pyoxigraph cannot parse a file, its error propagates and the caller turns
to ``shapes.load_shapes``, whose located ``ShapesError`` names the file and line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from scholarld.validation.shapes import shape_files

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NIL = f"<{RDF}nil>"


class ShapeLiteral(NamedTuple):
    """A literal of the shapes graph: lexical value, datatype IRI, language tag."""

    value: str
    datatype: str
    language: str | None


Term = str | ShapeLiteral


@dataclass(frozen=True)
class ShapesIndex:
    """The shapes' triples by subject and predicate (predicates as plain IRIs)."""

    out: dict[str, dict[str, list[Term]]] = field(default_factory=dict)

    def objects(self, node: Term, predicate: str) -> list[Term]:
        if not isinstance(node, str):
            return []
        return list(self.out.get(node, {}).get(predicate, ()))

    def value(self, node: Term, predicate: str) -> Term | None:
        found = self.objects(node, predicate)
        return found[0] if found else None

    def predicates(self, node: Term) -> set[str]:
        return set(self.out.get(node, {})) if isinstance(node, str) else set()

    def subjects(self, predicate: str, obj: Term | None = None) -> list[str]:
        return sorted(
            subject
            for subject, by_predicate in self.out.items()
            if predicate in by_predicate and (obj is None or obj in by_predicate[predicate])
        )

    def items(self, head: Term) -> list[Term]:
        """The members of the RDF list starting at ``head``."""
        members: list[Term] = []
        seen: set[Term] = set()
        while head != NIL and head not in seen:
            seen.add(head)
            first = self.value(head, RDF + "first")
            if first is None:
                break
            members.append(first)
            rest = self.value(head, RDF + "rest")
            if rest is None:
                break
            head = rest
        return members


def index_of(triples: Iterable[tuple[str, str, Term]]) -> ShapesIndex:
    index = ShapesIndex()
    for subject, predicate, obj in triples:
        values = index.out.setdefault(subject, {}).setdefault(predicate, [])
        if obj not in values:
            values.append(obj)
    return index


def read_shapes_index(shapes_dir: Path) -> ShapesIndex:
    """Every ``*.ttl`` file of ``shapes_dir`` parsed by pyoxigraph (relative IRIs against
    each file's URI, as ``load_shapes`` does)."""
    import pyoxigraph as ox

    triples: list[tuple[str, str, Term]] = []
    for path in shape_files(shapes_dir):
        base = path.resolve().as_uri()
        parsed = ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=base)
        triples.extend(_plain(item.subject, item.predicate, item.object) for item in parsed)
    return index_of(triples)


def turtle_index(text: str, base_iri: str = "urn:scholarld:shapes") -> ShapesIndex:
    """Shapes given as Turtle text (tests, a single file)."""
    import pyoxigraph as ox

    parsed = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri=base_iri)
    return index_of(_plain(item.subject, item.predicate, item.object) for item in parsed)


def _plain(subject: object, predicate: object, obj: object) -> tuple[str, str, Term]:
    import pyoxigraph as ox

    if not isinstance(predicate, ox.NamedNode):
        raise ValueError(f"not an IRI predicate: {predicate}")
    return _node(subject), predicate.value, _term(obj)


def _node(node: object) -> str:
    import pyoxigraph as ox

    if isinstance(node, ox.NamedNode):
        return f"<{node.value}>"
    if isinstance(node, ox.BlankNode):
        return f"_:{node.value}"
    raise ValueError(f"not an IRI or blank node: {node}")


def _term(node: object) -> Term:
    import pyoxigraph as ox

    if isinstance(node, ox.Literal):
        return ShapeLiteral(node.value, node.datatype.value, node.language)
    return _node(node)
