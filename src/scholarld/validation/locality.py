"""Whether a shapes graph only looks one step from each focus node (so pieces are exact).

``partition`` gives each piece the triples of its owned nodes, their incoming triples for
the predicates the shapes read backwards, and the types of the nodes one step away. That
is all a shape can see when:

- targets are ``sh:targetClass`` / ``sh:targetSubjectsOf`` / ``sh:targetObjectsOf`` (no
  ``sh:targetNode``, no SPARQL-based targets, no implicit class targets);
- every ``sh:path`` is an IRI, an ``sh:inversePath`` of an IRI, or an
  ``sh:alternativePath`` of those (one step);
- a shape that applies to value nodes (nested under a property shape, through
  ``sh:or`` / ``sh:and`` / ``sh:not`` / ``sh:xone``) only tests the value node itself
  (``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:in`` ...), never its own paths;
- nothing uses ``sh:node``, ``sh:qualifiedValueShape``, ``sh:sparql`` or ``sh:target``.

Anything else makes ``shapes_are_local`` false, and the whole graph is validated at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
NOT_LOCAL = ("node", "qualifiedValueShape", "sparql", "target", "targetNode", "closed")
NEEDS_OWN_PATHS = ("property", "path", "equals", "disjoint", "lessThan", "lessThanOrEquals")
LOGICAL = ("or", "and", "xone")
MAX_DEPTH = 8


def shapes_are_local(shapes: Graph) -> bool:
    """True when validating pieces of the data graph gives the whole graph's results."""
    from rdflib import URIRef

    if any(True for _ in shapes.subjects(URIRef(RDF + "type"), URIRef(RDFS + "Class"))):
        return False  # implicit class targets
    for name in NOT_LOCAL:
        if any(True for _ in shapes.triples((None, URIRef(SH + name), None))):
            return False
    if not all(_one_step(shapes, path) for path in shapes.objects(None, URIRef(SH + "path"))):
        return False
    return all(
        _value_level_is_local(shapes, shape, 0)
        for shape in shapes.subjects(URIRef(SH + "path"), None)
    )


def incoming_predicates(shapes: Graph) -> frozenset[str]:
    """The predicates (N-Triples IRIs) the shapes follow backwards: ``sh:targetObjectsOf``
    and ``sh:inversePath`` objects."""
    from rdflib import URIRef

    found = set(shapes.objects(None, URIRef(SH + "targetObjectsOf")))
    found |= set(shapes.objects(None, URIRef(SH + "inversePath")))
    return frozenset(node.n3() for node in found if isinstance(node, URIRef))


def _one_step(shapes: Graph, path: Node) -> bool:
    """An IRI, ``[sh:inversePath IRI]`` or ``[sh:alternativePath (one-step paths)]``."""
    from rdflib import BNode, URIRef
    from rdflib.collection import Collection

    if isinstance(path, URIRef):
        return True
    if not isinstance(path, BNode):
        return False
    inverse = shapes.value(path, URIRef(SH + "inversePath"))
    if inverse is not None:
        return isinstance(inverse, URIRef)
    alternatives = shapes.value(path, URIRef(SH + "alternativePath"))
    if alternatives is None:
        return False
    members = list(Collection(shapes, alternatives))
    return all(not isinstance(member, BNode) and _one_step(shapes, member) for member in members)


def _value_level_is_local(shapes: Graph, shape: Node, depth: int) -> bool:
    """The shapes a property shape applies to its value nodes test only the value node."""
    for nested in _nested(shapes, shape):
        if depth >= MAX_DEPTH:
            return False
        if any((nested, _sh(name), None) in shapes for name in NEEDS_OWN_PATHS):
            return False
        if not _value_level_is_local(shapes, nested, depth + 1):
            return False
    return True


def _nested(shapes: Graph, shape: Node) -> list[Node]:
    """The shapes ``shape`` applies to the same nodes: members of its ``sh:or`` /
    ``sh:and`` / ``sh:xone`` lists and its ``sh:not`` shapes."""
    from rdflib import URIRef
    from rdflib.collection import Collection

    nested: list[Node] = list(shapes.objects(shape, URIRef(SH + "not")))
    for name in LOGICAL:
        for members in shapes.objects(shape, URIRef(SH + name)):
            nested.extend(Collection(shapes, members))
    return nested


def _sh(name: str) -> Node:
    from rdflib import URIRef

    return URIRef(SH + name)
