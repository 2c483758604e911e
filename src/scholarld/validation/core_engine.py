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
    _members: dict[str, frozenset[str]] = field(default_factory=dict)

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
        """Whether some type of ``node`` is ``cls`` or one of its subclasses."""
        members = self._members.get(cls)
        if members is None:  # once per class a shape names: every node typed at or below
            members = self._members[cls] = frozenset().union(
                *(nodes for t, nodes in self.instances.items() if cls in self.superclasses(t))
            )
        return node in members


def index_data(triples: Sequence[Triple], shapes: Sequence[Targeted]) -> DataIndex:
    """Index ``triples`` (sorted and unique, as ``SiteGraph.union``) for ``shapes``: one
    pass builds subject → predicate → values, a second reads the few predicates the shapes
    read backwards, target by subject or object, or that type and subclass nodes."""
    literals = LiteralTable.of(o for _, _, o in triples if o[0] == '"')
    index = DataIndex(literals=literals)
    spelling = literals.spelling
    table: dict[str, list[str]] = {}
    last = None
    out = index.out
    for subject, predicate, obj in triples:
        if subject != last:
            table = out[subject] = {}
            last = subject
        literal = obj[0] == '"'
        if literal:  # in its reported spelling, once: "01" and "1" can be one integer
            obj = spelling[obj]
        values = table.get(predicate)
        if values is None:
            table[predicate] = [obj]
        elif not literal or obj not in values:
            values.append(obj)
    _index_special(index, shapes)
    return index


def _index_special(index: DataIndex, shapes: Sequence[Targeted]) -> None:
    """The reverse table, target pairs, instances and subclass links, in subject order."""
    backwards = {p for targeted in shapes for p in _inverse_predicates(targeted.shape)}
    backwards.update(p for targeted in shapes for p in targeted.objects_of)
    pair_predicates = {p for t in shapes for p in (*t.subjects_of, *t.objects_of)}
    special = sorted(backwards | pair_predicates | {RDF_TYPE, SUBCLASS_OF})
    for subject, table in index.out.items():
        for predicate in special:
            values = table.get(predicate)
            if values is None:
                continue
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
    """The results of ``checks``: most focus nodes conform, which ``violates`` tells
    without building the findings."""
    return [
        _result(finding)
        for focus, position in checks
        if violates(shapes[position].shape, focus, index)
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


def value_nodes(shape: Shape, focus: str, index: DataIndex) -> Sequence[str]:
    """The focus node itself (node shape) or the values of the path (property shape); a
    one-step path's values are the index's own list (read, never changed)."""
    path = shape.path
    if path is None:
        return [focus]
    if len(path.steps) == 1:
        predicate, inverse = path.steps[0]
        return (index.into if inverse else index.out).get(focus, _NO_TABLE).get(predicate, ())
    found: list[str] = []
    for predicate, inverse in path.steps:
        table = index.into if inverse else index.out
        found.extend(table.get(focus, _NO_TABLE).get(predicate, ()))
    return list(dict.fromkeys(found))


_NO_TABLE: dict[str, list[str]] = {}  # read only: what a node without values has


def conforms(shape: Shape, focus: str, index: DataIndex) -> bool:
    return not violates(shape, focus, index)


def violates(shape: Shape, focus: str, index: DataIndex) -> bool:
    """Whether ``findings`` finds anything: the same constraints, answered as a bool with
    no generators (tested to agree with ``findings`` on fixtures and generated damage)."""
    values = value_nodes(shape, focus, index)
    count = len(values)
    if shape.min_count is not None and count < shape.min_count:
        return True
    if shape.max_count is not None and count > shape.max_count:
        return True
    if shape.has_value and any(wanted not in values for wanted in shape.has_value):
        return True
    if shape.equals and _equals_break(shape, focus, values, index):
        return True
    checks_values = shape.checks_values
    for value in values:
        if checks_values and _value_breaks(shape, value, index):
            return True
        for child in shape.properties:
            if violates(child, value, index):
                return True
    return False


def _equals_break(shape: Shape, focus: str, values: Sequence[str], index: DataIndex) -> bool:
    mine = set(values)
    return any(set(index.out.get(focus, {}).get(p, ())) != mine for p in shape.equals)


def _value_breaks(shape: Shape, value: str, index: DataIndex) -> bool:
    for cls in shape.classes:
        if not index.is_instance(value, cls):
            return True
    if shape.datatype is not None and not index.literals.matches_datatype(value, shape.datatype):
        return True
    if shape.node_kind is not None and not value.startswith(KIND_PREFIXES[shape.node_kind]):
        return True
    if shape.pattern is not None:
        text = index.literals.text(value)
        if text is None or shape.pattern.search(text) is None:
            return True
    if shape.members is not None and value not in shape.members:
        return True
    if shape.any_of or shape.all_of or shape.none_of:
        return _logical_breaks(shape, value, index)
    return False


def _logical_breaks(shape: Shape, value: str, index: DataIndex) -> bool:
    for options in shape.any_of:
        if all(violates(member, value, index) for member in options):
            return True
    for options in shape.all_of:
        if any(violates(member, value, index) for member in options):
            return True
    return any(not violates(negated, value, index) for negated in shape.none_of)


def _focus_findings(
    shape: Shape, focus: str, values: Sequence[str], index: DataIndex
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
