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
from collections.abc import Iterable
from dataclasses import dataclass, field

from scholarld.errors import ScholarldError
from scholarld.validation.report import Severity
from scholarld.validation.shapes_index import ShapeLiteral, ShapesIndex, Term

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
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_STRING_IRI = "http://www.w3.org/2001/XMLSchema#string"


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
    # whether any constraint reads the value nodes one by one (set from the fields above)
    checks_values: bool = field(init=False, default=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        value_constraints = (
            self.classes,
            self.datatype,
            self.node_kind,
            self.pattern,
            self.members is not None,
            self.any_of,
            self.all_of,
            self.none_of,
        )
        object.__setattr__(self, "checks_values", any(value_constraints))


@dataclass(frozen=True)
class Targeted:
    """A shape with targets: classes, subjects-of and objects-of predicates (terms)."""

    shape: Shape
    classes: tuple[str, ...]
    subjects_of: tuple[str, ...]
    objects_of: tuple[str, ...]


def core_shapes(shapes: ShapesIndex) -> tuple[Targeted, ...]:
    """The targeted shapes of ``shapes``, sorted by IRI; ``UnsupportedShapesError`` names
    what is not covered (the caller then runs pySHACL)."""
    targeted = []
    for node in sorted(_targeted_nodes(shapes)):
        if not node.startswith("<"):
            raise UnsupportedShapesError(f"a targeted shape without an IRI: {node}")
        targeted.append(
            Targeted(
                _shape(shapes, node, reports=True, depth=0),
                _terms(shapes, node, "targetClass"),
                _terms(shapes, node, "targetSubjectsOf"),
                _terms(shapes, node, "targetObjectsOf"),
            )
        )
    if shapes.subjects(RDF + "type", f"<{RDFS}Class>"):
        raise UnsupportedShapesError("implicit class targets (a shape that is also an rdfs:Class)")
    return tuple(targeted)


def _targeted_nodes(shapes: ShapesIndex) -> set[str]:
    found: set[str] = set()
    for name in ("targetClass", "targetSubjectsOf", "targetObjectsOf"):
        found.update(shapes.subjects(SH + name))
    for name in ("targetNode", "target"):
        if shapes.subjects(SH + name):
            raise UnsupportedShapesError(f"sh:{name}")
    return found


def _shape(shapes: ShapesIndex, node: Term, *, reports: bool, depth: int) -> Shape:
    """One shape, its nested shapes included; ``reports``: its results are reported."""
    if depth > MAX_DEPTH:
        raise UnsupportedShapesError("shapes nested too deep")
    if not isinstance(node, str):
        raise UnsupportedShapesError(f"a literal where a shape is expected: {node}")
    _check_parameters(shapes, node)
    severity, message = _severity(shapes, node, reports), _message(shapes, node, reports)
    single = {name: _single(shapes, node, name) for name in SINGLE}
    nested = depth + 1
    return Shape(
        iri=node[1:-1] if node.startswith("<") else "",
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
        has_value=_terms(shapes, node, "hasValue"),
        equals=_terms(shapes, node, "equals"),
        properties=_in_order(
            _shape(shapes, child, reports=reports, depth=nested)
            for child in shapes.objects(node, SH + "property")
        ),
        any_of=_lists(shapes, node, "or", nested),
        all_of=_lists(shapes, node, "and", nested),
        none_of=_in_order(
            _shape(shapes, child, reports=False, depth=nested)
            for child in shapes.objects(node, SH + "not")
        ),
    )


def _check_parameters(shapes: ShapesIndex, node: str) -> None:
    """Every predicate of the shape is one this module reads, or descriptive."""
    known = {
        "targetClass", "targetSubjectsOf", "targetObjectsOf", "path", "property", "class",
        "datatype", "nodeKind", "minCount", "maxCount", "pattern", "flags", "in", "hasValue",
        "equals", "or", "and", "not", "severity", "message", *DESCRIPTIVE,
    }  # fmt: skip
    for name in shapes.predicates(node):
        if name.startswith(SH) and name.removeprefix(SH) not in known:
            raise UnsupportedShapesError(f"{node} uses sh:{name.removeprefix(SH)}")
        if not name.startswith(SH) and name not in OTHER_OK:
            raise UnsupportedShapesError(f"{node} uses {name}")


def _severity(shapes: ShapesIndex, node: str, reports: bool) -> Severity:
    values = shapes.objects(node, SH + "severity")
    if not values:
        return Severity.VIOLATION
    value = values[0]
    if len(values) > 1 or not reports or not isinstance(value, str):
        raise UnsupportedShapesError(f"the severity of {node}")
    try:
        return Severity(value[1:-1].removeprefix(SH))
    except ValueError as error:
        raise UnsupportedShapesError(f"the severity {value}") from error


def _message(shapes: ShapesIndex, node: str, reports: bool) -> str | None:
    values = shapes.objects(node, SH + "message")
    own = {name.removeprefix(SH) for name in shapes.predicates(node)} & set(CONSTRAINTS)
    if not reports or not own:
        return None  # its results are never reported, or it has none of its own
    if len(values) != 1 or not isinstance(values[0], ShapeLiteral):
        raise UnsupportedShapesError(f"{node} needs exactly one sh:message (or pySHACL's own)")
    return values[0].value


def _single(shapes: ShapesIndex, node: str, name: str) -> Term | None:
    values = shapes.objects(node, SH + name)
    if len(values) > 1:
        raise UnsupportedShapesError(f"{node} has more than one sh:{name}")
    return values[0] if values else None


def _terms(shapes: ShapesIndex, node: str, name: str) -> tuple[str, ...]:
    """The IRI objects of ``sh:name`` as N-Triples terms, sorted."""
    terms = (_iri_term(value) for value in _sorted(shapes.objects(node, SH + name)))
    return tuple(term for term in terms if term is not None)


def _sorted(terms: list[Term]) -> list[Term]:
    return sorted(terms, key=str)


def _iri_term(value: Term | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith("<"):
        raise UnsupportedShapesError(f"{value} where an IRI is expected")
    return value


def _node_kind(value: Term | None) -> str | None:
    if value is None:
        return None
    kind = str(_iri_term(value))[1:-1].removeprefix(SH)
    if kind not in NODE_KINDS:
        raise UnsupportedShapesError(f"the node kind {value}")
    return kind


def _count(value: Term | None) -> int | None:
    if value is None:
        return None
    if not isinstance(value, ShapeLiteral) or value.datatype != XSD_INTEGER:
        raise UnsupportedShapesError(f"the count {value}")
    try:
        return int(value.value)
    except ValueError as error:
        raise UnsupportedShapesError(f"the count {value}") from error


def _pattern(value: Term | None, flags: Term | None) -> re.Pattern[str] | None:
    if value is None:
        return None
    if not isinstance(value, ShapeLiteral) or (
        flags is not None and not isinstance(flags, ShapeLiteral)
    ):
        raise UnsupportedShapesError(f"the pattern {value}")
    options = (flags.value if flags is not None else "").lower()
    if set(options) - {"i", "m"}:
        raise UnsupportedShapesError(f"the regex flags {options!r}")
    return re.compile(
        value.value, (re.I if "i" in options else 0) | (re.M if "m" in options else 0)
    )


def _members(shapes: ShapesIndex, head: Term) -> frozenset[str]:
    """``sh:in``'s list as N-Triples terms: IRIs and plain strings without escapes."""
    terms: set[str] = set()
    for item in shapes.items(head):
        if isinstance(item, str) and item.startswith("<"):
            terms.add(item)
        elif isinstance(item, ShapeLiteral) and _plain_string(item):
            terms.add(f'"{item.value}"')
        else:
            raise UnsupportedShapesError(f"sh:in member {item}")
    return frozenset(terms)


def _plain_string(value: ShapeLiteral) -> bool:
    simple = value.datatype == XSD_STRING_IRI and value.language is None
    return simple and not any(c in value.value for c in '"\\') and value.value.isprintable()


def _lists(shapes: ShapesIndex, node: str, name: str, depth: int) -> tuple[tuple[Shape, ...], ...]:
    lists = (
        _in_order(
            _shape(shapes, member, reports=False, depth=depth)
            for member in dict.fromkeys(shapes.items(head))
        )
        for head in shapes.objects(node, SH + name)
    )
    return tuple(sorted(lists, key=repr))


def _in_order(shapes: Iterable[Shape]) -> tuple[Shape, ...]:
    """Shapes in an order of their content: blank node labels differ between readings."""
    return tuple(sorted(shapes, key=repr))


def _path(shapes: ShapesIndex, path: Term) -> Path:
    """An IRI → ``<p>``; ``[sh:inversePath IRI]`` → ``^<p>``; an alternative path of those
    → ``[complex path]`` (as ``engine._path`` reports pySHACL's)."""
    if isinstance(path, str) and path.startswith("<"):
        return Path(((path, False),), path)
    if not isinstance(path, str) or not path.startswith("_:"):
        raise UnsupportedShapesError(f"the path {path}")
    inverse = shapes.value(path, SH + "inversePath")
    if isinstance(inverse, str) and inverse.startswith("<"):
        return Path(((inverse, True),), f"^{inverse}")
    alternatives = shapes.value(path, SH + "alternativePath")
    if alternatives is None:
        raise UnsupportedShapesError("a path other than an IRI, an inverse or an alternative")
    steps = [_path(shapes, member) for member in shapes.items(alternatives)]
    if any(len(step.steps) != 1 or step.text.startswith("[") for step in steps):
        raise UnsupportedShapesError("an alternative path of longer paths")
    return Path(tuple(step.steps[0] for step in steps), "[complex path]")
