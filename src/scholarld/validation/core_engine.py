"""Evaluate the shapes (``core_shapes``) over the site graph's N-Triples terms.

The results equal pySHACL's for the part of SHACL Core that ``core_shapes`` accepts,
field by field (``tests/test_core_engine.py``), in a fraction of its time: the data is
indexed once (subject → predicate → values, plus the few predicates read backwards),
each targeted shape is checked on each focus node, and shapes nested in ``sh:or`` /
``sh:and`` / ``sh:not`` stop at their first finding. Literals are compared, matched and
reported as pySHACL's rdflib graph holds them (``core_terms.LiteralTable``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from operator import itemgetter

from scholarld.parallel import map_in_two
from scholarld.validation.core_shapes import Shape, Targeted
from scholarld.validation.core_terms import LiteralTable
from scholarld.validation.report import ValidationResult

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
KIND_PREFIXES = {
    "IRI": ("<",),
    "Literal": ('"',),
    "BlankNode": ("_:",),
    "BlankNodeOrIRI": ("_:", "<"),
    "BlankNodeOrLiteral": ("_:", '"'),
    "IRIOrLiteral": ("<", '"'),
}
Triple = tuple[str, str, str]
CHECKS_TO_SPLIT = 20_000  # (shape, focus node) checks; fewer are done in this process
Finding = tuple[Shape, str, str, str | None]  # shape, focus node, component, value node


@dataclass
class DataIndex:
    """The data as the shapes read it; literal values in their reported spelling."""

    out: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    into: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    pairs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # target predicates
    instances: dict[str, set[str]] = field(default_factory=dict)  # class -> typed nodes
    parents: dict[str, set[str]] = field(default_factory=dict)  # rdfs:subClassOf
    literals: LiteralTable = field(default_factory=lambda: LiteralTable({}, {}))
    _above: dict[str, frozenset[str]] = field(default_factory=dict)

    def superclasses(self, cls: str) -> frozenset[str]:
        """``cls`` and every class it is a subclass of, transitively."""
        known = self._above.get(cls)
        if known is None:
            seen, todo = {cls}, [cls]
            while todo:
                for parent in self.parents.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            known = self._above[cls] = frozenset(seen)
        return known

    def is_instance(self, node: str, cls: str) -> bool:
        types = self.out.get(node, {}).get(RDF_TYPE, ())
        return any(cls in self.superclasses(t) for t in types)


def index_data(triples: Sequence[Triple], shapes: Sequence[Targeted]) -> DataIndex:
    """Index ``triples`` (sorted and unique, as ``SiteGraph.union``) for ``shapes``."""
    literals = LiteralTable.of(o for _, _, o in triples if o[0] == '"')
    backwards = {p for targeted in shapes for p in _inverse_predicates(targeted.shape)}
    backwards.update(p for targeted in shapes for p in targeted.objects_of)
    pair_predicates = {p for t in shapes for p in (*t.subjects_of, *t.objects_of)}
    index = DataIndex(literals=literals)
    for subject, block in groupby(triples, itemgetter(0)):
        by_predicate = index.out[subject] = {}
        for predicate, rows in groupby(block, itemgetter(1)):
            values = by_predicate[predicate] = _spelled([row[2] for row in rows], literals)
            if predicate in backwards:
                for value in values:
                    index.into.setdefault(value, {}).setdefault(predicate, []).append(subject)
            if predicate in pair_predicates:
                index.pairs.setdefault(predicate, []).extend((subject, v) for v in values)
            if predicate == RDF_TYPE:
                for value in values:
                    index.instances.setdefault(value, set()).add(subject)
            elif predicate == SUBCLASS_OF:
                index.parents.setdefault(subject, set()).update(values)
    return index


def _spelled(values: list[str], literals: LiteralTable) -> list[str]:
    """Literal values in their reported spelling, once each: two literal terms can be one
    literal to rdflib ("01" and "1" as integers)."""
    if len(values) == 1:  # the common case, kept cheap
        value = values[0]
        return [literals.spelling[value]] if value[0] == '"' else values
    if not any(value[0] == '"' for value in values):
        return values
    return list(dict.fromkeys(literals.spelling.get(value, value) for value in values))


def _inverse_predicates(shape: Shape) -> Iterator[str]:
    if shape.path is not None:
        yield from (predicate for predicate, inverse in shape.path.steps if inverse)
    nested = [*shape.properties, *shape.none_of]
    nested += [member for options in (*shape.any_of, *shape.all_of) for member in options]
    for child in nested:
        yield from _inverse_predicates(child)


def core_results(triples: Sequence[Triple], shapes: Sequence[Targeted]) -> list[ValidationResult]:
    """Every result of every targeted shape on ``triples`` (sorted, unique), as pySHACL
    reports them. On a large site a second process checks half of the focus nodes (it
    inherits the index; only its few results come back). Checks are ordered by focus
    node, so both halves get a mix of every shape."""
    index = index_data(triples, shapes)
    checks = sorted(
        (focus, position)
        for position, targeted in enumerate(shapes)
        for focus in focus_nodes(targeted, index)
    )
    work = partial(_check, shapes, index)
    return map_in_two(work, checks, min_items=CHECKS_TO_SPLIT, child_share=0.5)


def _check(
    shapes: Sequence[Targeted], index: DataIndex, checks: Sequence[tuple[str, int]]
) -> list[ValidationResult]:
    return [
        _result(finding)
        for focus, position in checks
        for finding in findings(shapes[position].shape, focus, index)
    ]


def focus_nodes(targeted: Targeted, index: DataIndex) -> set[str]:
    """Instances of the target classes (and their subclasses), subjects and objects of the
    target predicates."""
    found: set[str] = set()
    for cls, nodes in index.instances.items():
        if any(target in index.superclasses(cls) for target in targeted.classes):
            found.update(nodes)
    for predicate in targeted.subjects_of:
        found.update(s for s, _ in index.pairs.get(predicate, ()))
    for predicate in targeted.objects_of:
        found.update(o for _, o in index.pairs.get(predicate, ()))
    return found


def findings(shape: Shape, focus: str, index: DataIndex) -> Iterator[Finding]:
    """What ``shape`` finds wrong with ``focus``, its ``sh:property`` shapes' findings too."""
    values = value_nodes(shape, focus, index)
    yield from _focus_findings(shape, focus, values, index)
    for value in values:
        yield from _value_findings(shape, focus, value, index)
    for child in shape.properties:
        for value in values:
            yield from findings(child, value, index)


def value_nodes(shape: Shape, focus: str, index: DataIndex) -> list[str]:
    """The focus node itself (node shape) or the values of the path (property shape)."""
    if shape.path is None:
        return [focus]
    found: list[str] = []
    for predicate, inverse in shape.path.steps:
        table = index.into if inverse else index.out
        found.extend(table.get(focus, {}).get(predicate, ()))
    return list(dict.fromkeys(found)) if len(shape.path.steps) > 1 else found


def conforms(shape: Shape, focus: str, index: DataIndex) -> bool:
    return next(findings(shape, focus, index), None) is None


def _focus_findings(
    shape: Shape, focus: str, values: list[str], index: DataIndex
) -> Iterator[Finding]:
    if shape.min_count is not None and len(values) < shape.min_count:
        yield shape, focus, "MinCountConstraintComponent", None
    if shape.max_count is not None and len(values) > shape.max_count:
        yield shape, focus, "MaxCountConstraintComponent", None
    for wanted in shape.has_value:
        if wanted not in values:
            yield shape, focus, "HasValueConstraintComponent", None
    for predicate in shape.equals:
        others = set(index.out.get(focus, {}).get(predicate, ()))
        mine = set(values)
        for value in sorted(mine - others) + sorted(others - mine):
            yield shape, focus, "EqualsConstraintComponent", value


def _value_findings(shape: Shape, focus: str, value: str, index: DataIndex) -> Iterator[Finding]:
    for cls in shape.classes:
        if not index.is_instance(value, cls):
            yield shape, focus, "ClassConstraintComponent", value
    if shape.datatype is not None and not index.literals.matches_datatype(value, shape.datatype):
        yield shape, focus, "DatatypeConstraintComponent", value
    if shape.node_kind is not None and not value.startswith(KIND_PREFIXES[shape.node_kind]):
        yield shape, focus, "NodeKindConstraintComponent", value
    if shape.pattern is not None:
        text = index.literals.text(value)
        if text is None or shape.pattern.search(text) is None:
            yield shape, focus, "PatternConstraintComponent", value
    if shape.members is not None and value not in shape.members:
        yield shape, focus, "InConstraintComponent", value
    if shape.any_of or shape.all_of or shape.none_of:
        yield from _logical_findings(shape, focus, value, index)


def _logical_findings(shape: Shape, focus: str, value: str, index: DataIndex) -> Iterator[Finding]:
    """``sh:or``, ``sh:and``, ``sh:not``: the nested shapes stop at their first finding."""
    for options in shape.any_of:
        if not any(conforms(member, value, index) for member in options):
            yield shape, focus, "OrConstraintComponent", value
    for options in shape.all_of:
        if not all(conforms(member, value, index) for member in options):
            yield shape, focus, "AndConstraintComponent", value
    for negated in shape.none_of:
        if conforms(negated, value, index):
            yield shape, focus, "NotConstraintComponent", value


def _result(finding: Finding) -> ValidationResult:
    shape, focus, component, value = finding
    return ValidationResult(
        severity=shape.severity,
        focus=focus,
        path=None if shape.path is None else shape.path.text,
        value=value,
        message=shape.message if shape.message is not None else "(no message)",
        shape=shape.iri,
        component=SH + component,
    )
