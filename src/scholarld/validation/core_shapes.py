"""Read a shapes graph into plain values for ``core_engine``, or say why it cannot.

``core_engine`` evaluates the part of SHACL Core that ``shapes/`` uses, over N-Triples
terms and with pySHACL's exact results (``tests/test_core_engine.py`` compares the two on
every fixture, the default data, a synthetic corpus and generated damage). A shapes graph
that uses anything else raises ``UnsupportedShapesError`` and is validated by pySHACL
itself. Covered:

- targets ``sh:targetClass``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``;
- paths: an IRI, ``sh:inversePath`` of an IRI, ``sh:alternativePath`` of those;
- ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:minCount``, ``sh:maxCount``,
  ``sh:pattern`` (+ ``sh:flags``), ``sh:in``, ``sh:hasValue`` (an IRI), ``sh:equals``,
  ``sh:property``, ``sh:or``, ``sh:and``, ``sh:not``;
- every shape that reports (a targeted shape and its ``sh:property`` shapes) has one
  ``sh:message`` and at most one ``sh:severity``; shapes nested in ``sh:or`` / ``sh:and`` /
  ``sh:not`` have no severity of their own (their results are never reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scholarld.errors import ScholarldError
from scholarld.validation.report import Severity

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OTHER_OK = {RDF + "type", RDFS + "comment", RDFS + "label", RDFS + "seeAlso"}
DESCRIPTIVE = ("name", "description", "order", "group", "defaultValue")
SINGLE = ("datatype", "nodeKind", "minCount", "maxCount", "pattern", "flags", "in", "path")
NODE_KINDS = ("IRI", "Literal", "BlankNode", "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral")
CONSTRAINTS = ("class", "datatype", "nodeKind", "minCount", "maxCount", "pattern", "in",
               "hasValue", "equals", "or", "and", "not")  # fmt: skip
MAX_DEPTH = 8


class UnsupportedShapesError(ScholarldError):
    """The shapes use SHACL that ``core_engine`` does not evaluate (pySHACL does)."""


@dataclass(frozen=True)
class Path:
    """A one-step path: ``steps`` of (predicate term, inverse?); ``text`` as reported."""

    steps: tuple[tuple[str, bool], ...]
    text: str


@dataclass(frozen=True)
class Shape:
    """A node or property shape (``path`` set). Terms are N-Triples strings."""

    iri: str  # the shape's IRI, "" for a blank node
    path: Path | None
    severity: Severity
    message: str | None
    classes: tuple[str, ...] = ()
    datatype: str | None = None
    node_kind: str | None = None
    min_count: int | None = None
    max_count: int | None = None
    pattern: re.Pattern[str] | None = None
    members: frozenset[str] | None = None  # sh:in, IRIs and literals as N-Triples terms
    has_value: tuple[str, ...] = ()
    equals: tuple[str, ...] = ()
    properties: tuple[Shape, ...] = ()
    any_of: tuple[tuple[Shape, ...], ...] = ()  # each sh:or list
    all_of: tuple[tuple[Shape, ...], ...] = ()  # each sh:and list
    none_of: tuple[Shape, ...] = ()  # each sh:not shape


@dataclass(frozen=True)
class Targeted:
    """A shape with targets: classes, subjects-of and objects-of predicates (terms)."""

    shape: Shape
    classes: tuple[str, ...]
    subjects_of: tuple[str, ...]
    objects_of: tuple[str, ...]


def core_shapes(shapes: Graph) -> tuple[Targeted, ...]:
    """The targeted shapes of ``shapes``, sorted by IRI; ``UnsupportedShapesError`` names
    what is not covered (the caller then runs pySHACL)."""
    from rdflib import URIRef

    targeted = []
    for node in sorted(_targeted_nodes(shapes), key=str):
        if not isinstance(node, URIRef):
            raise UnsupportedShapesError(f"a targeted shape without an IRI: {node}")
        targeted.append(
            Targeted(
                _shape(shapes, node, reports=True, depth=0),
                _terms(shapes, node, "targetClass"),
                _terms(shapes, node, "targetSubjectsOf"),
                _terms(shapes, node, "targetObjectsOf"),
            )
        )
    if any(True for _ in shapes.subjects(URIRef(RDF + "type"), URIRef(RDFS + "Class"))):
        raise UnsupportedShapesError("implicit class targets (a shape that is also an rdfs:Class)")
    return tuple(targeted)


def _targeted_nodes(shapes: Graph) -> set[Node]:
    from rdflib import URIRef

    found: set[Node] = set()
    for name in ("targetClass", "targetSubjectsOf", "targetObjectsOf"):
        found.update(shapes.subjects(URIRef(SH + name), None))
    for name in ("targetNode", "target"):
        if any(True for _ in shapes.triples((None, URIRef(SH + name), None))):
            raise UnsupportedShapesError(f"sh:{name}")
    return found


def _shape(shapes: Graph, node: Node, *, reports: bool, depth: int) -> Shape:
    """One shape, its nested shapes included; ``reports``: its results are reported."""
    from rdflib import URIRef

    if depth > MAX_DEPTH:
        raise UnsupportedShapesError("shapes nested too deep")
    _check_parameters(shapes, node)
    severity, message = _severity(shapes, node, reports), _message(shapes, node, reports)
    single = {name: _single(shapes, node, name) for name in SINGLE}
    nested = depth + 1
    return Shape(
        iri=str(node) if isinstance(node, URIRef) else "",
        path=None if single["path"] is None else _path(shapes, single["path"]),
        severity=severity,
        message=message,
        classes=_terms(shapes, node, "class"),
        datatype=_iri_term(single["datatype"]),
        node_kind=_node_kind(single["nodeKind"]),
        min_count=_count(single["minCount"]),
        max_count=_count(single["maxCount"]),
        pattern=_pattern(single["pattern"], single["flags"]),
        members=None if single["in"] is None else _members(shapes, single["in"]),
        has_value=_has_values(shapes, node),
        equals=_terms(shapes, node, "equals"),
        properties=tuple(
            _shape(shapes, child, reports=reports, depth=nested)
            for child in sorted(shapes.objects(node, URIRef(SH + "property")), key=str)
        ),
        any_of=_lists(shapes, node, "or", nested),
        all_of=_lists(shapes, node, "and", nested),
        none_of=tuple(
            _shape(shapes, child, reports=False, depth=nested)
            for child in sorted(shapes.objects(node, URIRef(SH + "not")), key=str)
        ),
    )


def _check_parameters(shapes: Graph, node: Node) -> None:
    """Every predicate of the shape is one this module reads, or descriptive."""
    known = {
        "targetClass", "targetSubjectsOf", "targetObjectsOf", "path", "property", "class",
        "datatype", "nodeKind", "minCount", "maxCount", "pattern", "flags", "in", "hasValue",
        "equals", "or", "and", "not", "severity", "message", *DESCRIPTIVE,
    }  # fmt: skip
    for predicate in set(shapes.predicates(node, None)):
        name = str(predicate)
        if name.startswith(SH) and name.removeprefix(SH) not in known:
            raise UnsupportedShapesError(f"{node} uses sh:{name.removeprefix(SH)}")
        if not name.startswith(SH) and name not in OTHER_OK:
            raise UnsupportedShapesError(f"{node} uses {name}")


def _severity(shapes: Graph, node: Node, reports: bool) -> Severity:
    from rdflib import URIRef

    values = list(shapes.objects(node, URIRef(SH + "severity")))
    if not values:
        return Severity.VIOLATION
    if len(values) > 1 or not reports or not str(values[0]).startswith(SH):
        raise UnsupportedShapesError(f"the severity of {node}")
    try:
        return Severity(str(values[0]).removeprefix(SH))
    except ValueError as error:
        raise UnsupportedShapesError(f"the severity {values[0]}") from error


def _message(shapes: Graph, node: Node, reports: bool) -> str | None:
    from rdflib import Literal, URIRef

    values = list(shapes.objects(node, URIRef(SH + "message")))
    own = {str(p).removeprefix(SH) for p in shapes.predicates(node, None)} & set(CONSTRAINTS)
    if not reports or not own:
        return None  # its results are never reported, or it has none of its own
    if len(values) != 1 or not isinstance(values[0], Literal):
        raise UnsupportedShapesError(f"{node} needs exactly one sh:message (or pySHACL's own)")
    return str(values[0].value)


def _single(shapes: Graph, node: Node, name: str) -> Node | None:
    from rdflib import URIRef

    values = list(shapes.objects(node, URIRef(SH + name)))
    if len(values) > 1:
        raise UnsupportedShapesError(f"{node} has more than one sh:{name}")
    return values[0] if values else None


def _terms(shapes: Graph, node: Node, name: str) -> tuple[str, ...]:
    """The IRI objects of ``sh:name`` as N-Triples terms, sorted."""
    from rdflib import URIRef

    values = sorted(shapes.objects(node, URIRef(SH + name)), key=str)
    terms = tuple(_iri_term(value) for value in values)
    return tuple(term for term in terms if term is not None)


def _iri_term(value: Node | None) -> str | None:
    from rdflib import URIRef

    if value is None:
        return None
    if not isinstance(value, URIRef):
        raise UnsupportedShapesError(f"{value} where an IRI is expected")
    return f"<{value}>"


def _node_kind(value: Node | None) -> str | None:
    if value is None:
        return None
    kind = str(value).removeprefix(SH)
    if kind not in NODE_KINDS:
        raise UnsupportedShapesError(f"the node kind {value}")
    return kind


def _count(value: Node | None) -> int | None:
    from rdflib import Literal

    if value is None:
        return None
    if not isinstance(value, Literal) or not isinstance(value.value, int):
        raise UnsupportedShapesError(f"the count {value}")
    return int(value.value)


def _pattern(value: Node | None, flags: Node | None) -> re.Pattern[str] | None:
    from rdflib import Literal

    if value is None:
        return None
    text = str(value.value) if isinstance(value, Literal) else str(value)
    options = str(flags.value if isinstance(flags, Literal) else flags or "").lower()
    if set(options) - {"i", "m"}:
        raise UnsupportedShapesError(f"the regex flags {options!r}")
    return re.compile(text, (re.I if "i" in options else 0) | (re.M if "m" in options else 0))


def _members(shapes: Graph, head: Node) -> frozenset[str]:
    """``sh:in``'s list as N-Triples terms: IRIs and plain strings only (compared as terms)."""
    from rdflib import Literal, URIRef

    terms: set[str] = set()
    for item in shapes.items(head):
        if isinstance(item, URIRef):
            terms.add(f"<{item}>")
        elif isinstance(item, Literal) and item.datatype is None and item.language is None:
            terms.add(item.n3())
        else:
            raise UnsupportedShapesError(f"sh:in member {item}")
    return frozenset(terms)


def _has_values(shapes: Graph, node: Node) -> tuple[str, ...]:
    return _terms(shapes, node, "hasValue")


def _lists(shapes: Graph, node: Node, name: str, depth: int) -> tuple[tuple[Shape, ...], ...]:
    from rdflib import URIRef

    return tuple(
        tuple(
            _shape(shapes, member, reports=False, depth=depth)
            for member in sorted(set(shapes.items(head)), key=str)
        )
        for head in sorted(shapes.objects(node, URIRef(SH + name)), key=str)
    )


def _path(shapes: Graph, path: Node) -> Path:
    """An IRI → ``<p>``; ``[sh:inversePath IRI]`` → ``^<p>``; an alternative path of those
    → ``[complex path]`` (as ``engine._path`` reports pySHACL's)."""
    from rdflib import BNode, URIRef

    if isinstance(path, URIRef):
        return Path(((f"<{path}>", False),), f"<{path}>")
    if not isinstance(path, BNode):
        raise UnsupportedShapesError(f"the path {path}")
    inverse = shapes.value(path, URIRef(SH + "inversePath"))
    if isinstance(inverse, URIRef):
        return Path(((f"<{inverse}>", True),), f"^<{inverse}>")
    alternatives = shapes.value(path, URIRef(SH + "alternativePath"))
    if alternatives is None:
        raise UnsupportedShapesError("a path other than an IRI, an inverse or an alternative")
    steps = [_path(shapes, member) for member in shapes.items(alternatives)]
    if any(len(step.steps) != 1 or step.text.startswith("[") for step in steps):
        raise UnsupportedShapesError("an alternative path of longer paths")
    return Path(tuple(step.steps[0] for step in steps), "[complex path]")
