"""Typed errors. Every failure a user can cause ends as one of these, and the CLI
turns it into one clear message and exit code 1 (click's ``ClickException`` contract).

A ``Problem`` names where the trouble is (file, line, field) and how to fix it; a
``ProblemsError`` carries every problem found in one run, so users fix them all at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as the reader can."""

    file: str
    line: int | None
    field: str | None
    message: str
    fix: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}:{field} {self.message}{fix}"


class ScholarldError(click.ClickException):
    """Base of all errors scholarld reports to users; exit code 1."""

    exit_code = 1


class ProblemsError(ScholarldError):
    """One or more problems in the input, reported together."""

    def __init__(self, problems: Iterable[Problem], summary: str = "Problems in the input") -> None:
        self.problems = sorted(problems, key=_problem_order)
        count = len(self.problems)
        lines = [f"{summary} ({count} problem{'s' if count != 1 else ''}); nothing was written:"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


def _problem_order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.line or 0, problem.field or "", problem.message)


class ProfileError(ProblemsError):
    """The profiles in ``data/`` cannot be read as they are."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__(problems, "Cannot read the profiles")


class ImporterError(ProblemsError):
    """An importer was given input it cannot read at all."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__(problems, "Cannot import")


ImportProblem = ImporterError  # earlier name, kept for callers written against it


class OutputError(ScholarldError):
    """An output path cannot be written."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Cannot write {path}: {reason}")


class ShapesError(ProblemsError):
    """The SHACL shapes folder is missing or a shapes file cannot be read."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__(problems, "Cannot read the SHACL shapes")


class ValidationFailed(ScholarldError):  # noqa: N818 (name fixed by the validation contract)
    """The site graph does not conform to the SHACL shapes, so nothing is written.

    ``message`` lists every result; ``report`` is the ``ValidationReport`` (kept untyped
    here so this module stays free of the validation package).
    """

    def __init__(self, message: str, report: object = None) -> None:
        self.report = report
        super().__init__(message)
