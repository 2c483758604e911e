"""Validation errors to located problems: each pydantic error (and each dangling reference)
gets the line it was written on, a dotted field path and a fix in the user's terms."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from scholarld.errors import Problem
from scholarld.model import NOT_BLANK
from scholarld.model_references import ReferenceProblem
from scholarld.profiles.yaml_tree import Document, FieldPath, field_label

_YEAR_FIELDS = frozenset({"year", "start", "end"})
_FIX_YEAR = "write a four-digit year such as 2016"

# How to write a value whose form is checked by a pattern, by field name.
_FORM_HINTS = {
    "orcid": "write the ORCID iD alone, e.g. 0000-0002-1825-0097",
    "wikidata": "write the Wikidata item id, e.g. Q42",
    "doi": "write the DOI alone, e.g. 10.1109/CVPR.2016.90 (no https://doi.org/)",
    "arxiv": "write the arXiv id alone, e.g. 1512.03385",
    "url": "write a full URL starting with https:// (or http://, mailto:)",
    "photo": "write a full URL starting with https://",
    "homepage": "write a full URL starting with https://",
    "license": "write the licence's URL, e.g. https://creativecommons.org/licenses/by/4.0/",
    "lang": "write a BCP 47 language tag such as zh or zh-Hans",
    "language": "write a BCP 47 language tag such as en",
    "key": "use lowercase letters, digits and hyphens, e.g. he2016deep",
    "work": "use the key of a work, e.g. he2016deep",
    "base_iri": "write an http(s) IRI ending with /, e.g. http://localhost:8000/",
    "modified": "write a date as YYYY-MM-DD, e.g. 2020-05-01",
}


def validation_problems(
    error: ValidationError, model: type[BaseModel], document: Document, file: str
) -> list[Problem]:
    """One problem per pydantic error, located in the file."""
    return [_problem(details, model, document, file) for details in error.errors()]


def locate_reference_problems(
    found: Sequence[ReferenceProblem], document: Document, file: str
) -> list[Problem]:
    """Duplicate keys and dangling venue/work references, located in the file."""
    problems = []
    for problem in found:
        last = problem.path[-1]
        if last == "key":
            fix = "give each one its own key"
        elif last == "work":
            fix = "use the key of a work listed under works, or add that work"
        else:
            fix = "add that venue (key, kind) under venues, or use the key of one listed there"
        line = line_of(problem.path, document.lines)
        problems.append(Problem(file, line, field_label(problem.path), problem.message, fix))
    return problems


def line_of(path: FieldPath, lines: Mapping[FieldPath, int]) -> int | None:
    """The line of ``path``, or of its nearest written ancestor (a missing field's parent)."""
    for end in range(len(path), -1, -1):
        line = lines.get(path[:end])
        if line is not None:
            return line
    return None


def _problem(
    details: ErrorDetails, model: type[BaseModel], document: Document, file: str
) -> Problem:
    path: FieldPath = tuple(details["loc"])
    name = next((part for part in reversed(path) if isinstance(part, str)), "")
    message, fix = _explain(details, name, model, path)
    return Problem(file, line_of(path, document.lines), field_label(path) or None, message, fix)


def _explain(
    details: ErrorDetails, name: str, model: type[BaseModel], path: FieldPath
) -> tuple[str, str | None]:
    kind = details["type"]
    value = details.get("input")
    if kind == "extra_forbidden":
        return f"unknown field {name!r}", _suggest_field(name, _fields_at(model, path[:-1]))
    if kind == "missing":
        return f"required field {name!r} is missing", f"add {name}: ... here"
    if name in _YEAR_FIELDS and kind.startswith(("int_", "greater_than", "less_than")):
        return f"{_show(value)} is not a year", _FIX_YEAR
    if name == "month" and kind.startswith(("int_", "greater_than", "less_than")):
        return f"{_show(value)} is not a month", "write a month number from 1 to 12"
    return _explain_value(details, name, value)


def _explain_value(details: ErrorDetails, name: str, value: Any) -> tuple[str, str | None]:
    kind = details["type"]
    context = details.get("ctx") or {}
    if kind == "string_pattern_mismatch" and context.get("pattern") == NOT_BLANK:
        return "the value is blank", "write a value or remove the field"
    if kind == "string_pattern_mismatch":
        fix = _FORM_HINTS.get(name, f"write text matching {context.get('pattern')}")
        return f"{_show(value)} is not in the expected form", fix
    if kind == "string_too_short":
        return "the value is empty", "write a value or remove the field"
    if kind == "enum":
        return f"{_show(value)} is not an allowed value", f"use one of {context.get('expected')}"
    if kind == "bool_parsing":
        return f"{_show(value)} is not true or false", "write true or false"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, got {_show(value)}", "write one item per line, each after '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected fields (a mapping), got {_show(value)}", "write name: value pairs"
    if kind == "string_type":
        return f"expected text, got {_show(value)}", "write the value as text on one line"
    if kind == "value_error":
        return str(context.get("error", details["msg"])), "correct the values of this entry"
    return f"{details['msg']} (got {_show(value)})", None


def _show(value: Any) -> str:
    if value is None:
        return "no value"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if text.isdigit():
        return text
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _suggest_field(name: str, known: Sequence[str]) -> str | None:
    if not known:
        return None
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "remove it; the fields here are " + ", ".join(known)


def _fields_at(model: type[BaseModel], path: FieldPath) -> list[str]:
    """The field names of the record at ``path`` (list indices skip to the item's record)."""
    current: type[BaseModel] | None = model
    for part in path:
        if current is None:
            return []
        if isinstance(part, str):
            info = current.model_fields.get(part)
            current = _record_in(info.annotation) if info is not None else None
    return list(current.model_fields) if current is not None else []


def _record_in(annotation: Any) -> type[BaseModel] | None:
    """The record type inside ``list[X]``, ``X | None``, ``Annotated[X, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        record = _record_in(argument)
        if record is not None:
            return record
    return None
