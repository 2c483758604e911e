"""Typed validation results: what SHACL found, where, and in which profile file.

These are plain values (no rdflib objects) so a report can be cached as JSON and printed
without importing rdflib or pySHACL. Every RDF term is kept as an N-Triples term string
(``<https://…>``, ``"text"@en``, ``_:b0``); a property path as a SPARQL path
(``<https://schema.org/name>`` or ``^<https://w3id.org/oc/ontology/hasNext>``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """SHACL severities, most serious first (``sh:Violation``, ``sh:Warning``, ``sh:Info``)."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @property
    def iri(self) -> str:
        return f"http://www.w3.org/ns/shacl#{self.value}"


_SEVERITY_RANK = {Severity.VIOLATION: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: which node broke which constraint, and the profile file(s) it came from.

    ``shape`` is the IRI of the shape (every shape in ``shapes/`` is named); ``component``
    the SHACL constraint component (``http://www.w3.org/ns/shacl#MinCountConstraintComponent``);
    ``constraint`` the IRI of the named SPARQL constraint, for SPARQL-based checks.
    ``sources`` are the profile files whose named graph has the focus node as a subject.
    """

    severity: Severity
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str
    component: str
    constraint: str | None = None
    sources: tuple[str, ...] = ()

    def sort_key(self) -> tuple[int, str, str, str, str, str, str, str, str, tuple[str, ...]]:
        """Violations first, then by file, node, path, shape, message, value; the
        remaining fields break ties, so a report's order never depends on the engine's."""
        return (
            self.severity.rank,
            self.sources[0] if self.sources else "",
            self.focus,
            self.path or "",
            self.shape,
            self.message,
            self.value or "",
            self.component,
            self.constraint or "",
            self.sources,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "focus": self.focus,
            "path": self.path,
            "value": self.value,
            "message": self.message,
            "shape": self.shape,
            "component": self.component,
            "constraint": self.constraint,
            "sources": list(self.sources),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ValidationResult:
        return cls(
            severity=Severity(data["severity"]),
            focus=str(data["focus"]),
            path=None if data.get("path") is None else str(data["path"]),
            value=None if data.get("value") is None else str(data["value"]),
            message=str(data["message"]),
            shape=str(data["shape"]),
            component=str(data["component"]),
            constraint=None if data.get("constraint") is None else str(data["constraint"]),
            sources=tuple(str(source) for source in data.get("sources", ())),
        )


@dataclass(frozen=True)
class ValidationReport:
    """All results of one validation run, sorted (violations first, then by file and node)."""

    results: tuple[ValidationResult, ...]

    @classmethod
    def of(cls, results: Iterable[ValidationResult]) -> ValidationReport:
        unique = dict.fromkeys(results)
        return cls(tuple(sorted(unique, key=ValidationResult.sort_key)))

    def count(self, severity: Severity) -> int:
        return sum(1 for result in self.results if result.severity is severity)

    @property
    def violations(self) -> int:
        return self.count(Severity.VIOLATION)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    def conforms(self, *, strict: bool = False) -> bool:
        """No violations; with ``strict``, no warnings either (infos never fail)."""
        return self.violations == 0 and (not strict or self.warnings == 0)

    def with_sources(self, sources_of: Mapping[str, tuple[str, ...]]) -> ValidationReport:
        """The same results with ``sources`` looked up by focus node."""
        return ValidationReport.of(
            replace(result, sources=sources_of.get(result.focus, ())) for result in self.results
        )

    def summary(self) -> str:
        """``2 violations, 1 warning, 0 infos`` style count line."""
        parts = [
            _plural(self.violations, "violation"),
            _plural(self.warnings, "warning"),
            _plural(self.count(Severity.INFO), "info"),
        ]
        return ", ".join(parts)

    def to_json(self, *, strict: bool = False) -> dict[str, Any]:
        return {
            "conforms": self.conforms(strict=strict),
            "violations": self.violations,
            "warnings": self.warnings,
            "infos": self.count(Severity.INFO),
            "results": [result.to_json() for result in self.results],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ValidationReport:
        return cls.of(ValidationResult.from_json(item) for item in data["results"])


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
