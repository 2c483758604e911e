"""Run pySHACL and turn its report graph into typed ``ValidationResult`` values.

rdflib and pySHACL are imported inside the functions: a cache hit never loads them.
Blank nodes of the data graph are reported with the labels they had in the site graph's
N-Triples (``_:b0``), so results are deterministic and match the site graph's terms.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import TYPE_CHECKING

from scholarld.validation.report import Severity, ValidationResult

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import BNode, Node

SH = "http://www.w3.org/ns/shacl#"


def validate_ntriples(
    ntriples: str, shapes: Graph, use_shapes: Sequence[str] | None = None
) -> tuple[ValidationResult, ...]:
    """Validate an N-Triples document against a shapes graph (see ``shapes.load_shapes``)."""
    from rdflib import Graph

    labels: dict[str, BNode] = {}
    data = Graph()
    data.parse(data=ntriples, format="nt", bnode_context=labels)
    names = {node: f"_:{label}" for label, node in labels.items()}
    return validate_graph(data, shapes, bnode_names=names, use_shapes=use_shapes)


def validate_piece(
    ntriples: str, owned_ntriples: str, shapes: Graph, use_shapes: Sequence[str] | None = None
) -> tuple[ValidationResult, ...]:
    """Validate one piece of the site graph (``partition.Piece``): only results whose focus
    node the piece owns (the objects of ``owned_ntriples``) are returned."""
    from rdflib import Graph

    labels: dict[str, BNode] = {}
    data = Graph()
    data.parse(data=ntriples, format="nt", bnode_context=labels)
    owned = Graph()
    owned.parse(data=owned_ntriples, format="nt", bnode_context=labels)
    names = {node: f"_:{label}" for label, node in labels.items()}
    focus_nodes = set(owned.objects())
    return validate_graph(
        data, shapes, bnode_names=names, use_shapes=use_shapes, focus_nodes=focus_nodes
    )


def validate_graph(
    data: Graph,
    shapes: Graph,
    *,
    bnode_names: dict[BNode, str] | None = None,
    use_shapes: Sequence[str] | None = None,
    focus_nodes: Container[Node] | None = None,
) -> tuple[ValidationResult, ...]:
    """Validate an rdflib graph; results unsorted and without source files.
    ``use_shapes`` limits the run to those node shapes (IRIs), as tests do;
    ``focus_nodes`` keeps only the results about those focus nodes."""
    import pyshacl

    _conforms, report_graph, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=False,  # no SHACL-AF or SHACL-SPARQL features are used
        allow_warnings=True,
        allow_infos=True,
        use_shapes=list(use_shapes) if use_shapes is not None else None,
    )
    names = bnode_names or {}
    return tuple(
        _result(report_graph, node, data, names)
        for node in report_graph.subjects(_sh("resultSeverity"), None)
        if focus_nodes is None or report_graph.value(node, _sh("focusNode")) in focus_nodes
    )


def _result(report: Graph, node: Node, data: Graph, names: dict[BNode, str]) -> ValidationResult:
    """One ``sh:ValidationResult`` node of pySHACL's report as a typed value."""
    from rdflib import URIRef

    severity = report.value(node, _sh("resultSeverity"))
    focus = report.value(node, _sh("focusNode"))
    value = report.value(node, _sh("value"))
    path = report.value(node, _sh("resultPath"))
    message = report.value(node, _sh("resultMessage"))
    shape = report.value(node, _sh("sourceShape"))
    constraint = report.value(node, _sh("sourceConstraint"))
    component = report.value(node, _sh("sourceConstraintComponent"))
    return ValidationResult(
        severity=Severity(str(severity).removeprefix(SH)),
        focus=_term(focus, names) if focus is not None else "",
        path=None if path is None else _path(report, path),
        value=None if value is None else _term(value, names),
        message=str(message) if message is not None else "(no message)",
        shape=str(shape) if shape is not None else "",
        component=str(component) if component is not None else "",
        constraint=str(constraint) if isinstance(constraint, URIRef) else None,
    )


def _term(node: Node, names: dict[BNode, str]) -> str:
    """An rdflib term as its N-Triples form; blank nodes by their site-graph label."""
    from rdflib import BNode

    if isinstance(node, BNode):
        return names.get(node, "[]")
    text: str = node.n3()
    return text


def _path(report: Graph, path: Node) -> str:
    """A SHACL property path as SPARQL path text (IRIs and inverse paths; else ``[path]``)."""
    from rdflib import BNode

    if not isinstance(path, BNode):
        return _term(path, {})
    inverse = report.value(path, _sh("inversePath"))
    if inverse is not None and not isinstance(inverse, BNode):
        return "^" + _term(inverse, {})
    return "[complex path]"


def _sh(name: str) -> Node:
    from rdflib import URIRef

    return URIRef(SH + name)
