"""A ``ValidationReport`` as text lines, JSON or Turtle (a SHACL ``sh:ValidationReport``).

All three are written from the typed report, without rdflib, so a cached report prints
as fast as it loads. Output is deterministic: results are already sorted.
"""

from __future__ import annotations

import json

from scholarld.validation.report import ValidationReport, ValidationResult

SH = "http://www.w3.org/ns/shacl#"
NO_SOURCE = "-"
FORMATS = ("text", "json", "ttl")


def result_line(result: ValidationResult) -> str:
    """``SEVERITY  <focus>  <path>  <profile file>  message`` (``-`` for an absent field)."""
    sources = ",".join(result.sources) or NO_SOURCE
    message = " ".join(result.message.split())
    fields = (result.severity.value.upper(), result.focus, result.path or "-", sources, message)
    return "  ".join(fields)


def format_text(report: ValidationReport, *, strict: bool = False) -> str:
    """One line per result and a count line starting ``Conforms`` or ``Does not conform``."""
    lines = [result_line(result) for result in report.results]
    verdict = "Conforms" if report.conforms(strict=strict) else "Does not conform"
    lines.append(f"{verdict}: {report.summary()}.")
    return "\n".join(lines) + "\n"


def format_json(report: ValidationReport, *, strict: bool = False) -> str:
    """The report as a JSON object: ``conforms``, counts and ``results``."""
    return json.dumps(report.to_json(strict=strict), ensure_ascii=False, indent=2) + "\n"


def format_turtle(report: ValidationReport, *, strict: bool = False) -> str:
    """The report as SHACL's own vocabulary (``sh:ValidationReport``) in Turtle."""
    conforms = report.conforms(strict=strict)
    lines = [
        f"@prefix sh: <{SH}> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "",
        "[] a sh:ValidationReport ;",
        f"    sh:conforms {'true' if conforms else 'false'}" + (" ;" if report.results else " ."),
    ]
    blocks = [_turtle_result(result) for result in report.results]
    if blocks:
        lines.append("    sh:result " + " ,\n        ".join(blocks) + " .")
    return "\n".join(lines) + "\n"


def format_report(report: ValidationReport, output_format: str, *, strict: bool = False) -> str:
    """Dispatch on ``text`` / ``json`` / ``ttl``."""
    if output_format == "json":
        return format_json(report, strict=strict)
    if output_format == "ttl":
        return format_turtle(report, strict=strict)
    return format_text(report, strict=strict)


def _turtle_result(result: ValidationResult) -> str:
    """One ``sh:ValidationResult`` as a nested blank node."""
    properties = [
        "a sh:ValidationResult",
        f"sh:resultSeverity <{result.severity.iri}>",
        f"sh:focusNode {_node(result.focus)}",
    ]
    if result.path is not None and not result.path.startswith("[complex"):
        properties.append(f"sh:resultPath {_turtle_path(result.path)}")
    if result.value is not None:
        properties.append(f"sh:value {_node(result.value)}")
    properties.append(f"sh:resultMessage {turtle_string(result.message)}")
    if result.shape:
        properties.append(f"sh:sourceShape <{result.shape}>")
    if result.component:
        properties.append(f"sh:sourceConstraintComponent <{result.component}>")
    if result.constraint:
        properties.append(f"sh:sourceConstraint <{result.constraint}>")
    properties += [f"dcterms:source {turtle_string(source)}" for source in result.sources]
    return "[\n            " + " ;\n            ".join(properties) + "\n        ]"


def _node(term: str) -> str:
    """An N-Triples term is valid Turtle; an unnamed blank node becomes ``[]``."""
    return term if term else "[]"


def _turtle_path(path: str) -> str:
    if path.startswith("^"):
        return f"[ sh:inversePath {path[1:]} ]"
    return path


def turtle_string(text: str) -> str:
    """A Turtle/N-Triples string literal with the required escapes."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'
