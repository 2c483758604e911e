"""BibTeX in: a file's text to plain entries (decoded fields, ordered author names).

``parse_bibtex(text, file)`` runs bibtexparser 2 with its middlewares (string references
resolved, enclosing braces and quotes removed, author lists split on ``and`` and into
name parts, month names and numbers as integers) and decodes LaTeX with pylatexenc
(``Doll{\\'a}r`` → ``Dollár``, inner braces removed). Identifier fields (doi, url, eprint)
are not LaTeX-decoded, so a ``%`` or ``_`` in a URL survives; only their escapes
(``\\_``, ``\\%``) and braces are removed.

Nothing is dropped silently: every block bibtexparser could not read, and every entry with
two values for one field, becomes a ``Problem`` with its line (1-based) and the entry
itself is left out; the caller decides whether problems stop the import.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scholarld.errors import Problem
from scholarld.profiles.source import decode_utf8, read_bytes

# Fields read as text (LaTeX decoded) and as identifiers (escapes and braces removed only).
TEXT_FIELDS = frozenset(
    {"title", "booktitle", "journal", "institution", "howpublished", "publisher", "note"}
)
IDENTIFIER_FIELDS = frozenset({"doi", "url", "eprint", "archiveprefix", "eprinttype", "year"})
_ESCAPED = re.compile(r"\\([_%&#$~])")
_FIX_BRACES = "check the braces and quotes of this entry; every { needs its }"


@dataclass(frozen=True)
class BibtexEntry:
    """One entry: its type (lowercase), citation key, line (1-based) and decoded fields."""

    entry_type: str
    key: str
    line: int
    fields: Mapping[str, str]
    field_lines: Mapping[str, int]
    authors: tuple[str, ...]
    month: int | None


@dataclass(frozen=True)
class ParsedBibtex:
    """The entries that could be read, in file order, and a problem for each that could not."""

    entries: tuple[BibtexEntry, ...]
    problems: tuple[Problem, ...]


def read_bibtex(path: Path) -> tuple[str | None, list[Problem]]:
    """The text of a UTF-8 BibTeX file, or the problems that keep it from being read."""
    file = str(path)
    data, problems = read_bytes(path, file)
    if data is None:
        return None, problems
    return decode_utf8(data, file)


def parse_bibtex(text: str, file: str) -> ParsedBibtex:
    """Every entry of ``text`` (see the module docstring); ``file`` names it in problems."""
    from bibtexparser.entrypoint import parse_string
    from pylatexenc.latex2text import LatexNodes2Text

    _quiet_parser_log()
    try:
        library = parse_string(text, parse_stack=_parse_stack())
    except (Exception, RecursionError) as error:  # the parser's own bugs: report, not crash
        fix = "simplify the file or import it in parts to find the entry that trips the parser"
        return ParsedBibtex((), (Problem(file, None, None, f"cannot parse: {error}", fix),))
    decoder = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)
    problems = [_failed_block_problem(block, file) for block in library.failed_blocks]
    entries: list[BibtexEntry] = []
    for raw in library.entries:
        entry, problem = _entry(raw, decoder, file)
        if entry is not None:
            entries.append(entry)
        if problem is not None:
            problems.append(problem)
    return ParsedBibtex(tuple(entries), tuple(problems))


def _quiet_parser_log() -> None:
    """bibtexparser logs the failures it returns; they are reported as problems instead."""
    parser_log = logging.getLogger("bibtexparser")
    if not any(isinstance(handler, logging.NullHandler) for handler in parser_log.handlers):
        parser_log.addHandler(logging.NullHandler())


def _parse_stack() -> list[Any]:
    from bibtexparser import middlewares

    return [
        middlewares.ResolveStringReferencesMiddleware(allow_inplace_modification=True),
        middlewares.RemoveEnclosingMiddleware(allow_inplace_modification=True),
        middlewares.SeparateCoAuthors(allow_inplace_modification=True),
        middlewares.SplitNameParts(allow_inplace_modification=True),
        middlewares.MonthIntMiddleware(allow_inplace_modification=True),
    ]


def _failed_block_problem(block: Any, file: str) -> Problem:
    """A problem for a block bibtexparser could not read, located at its first line."""
    from bibtexparser.exceptions import BlockAbortedException
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock

    line = _line(block.start_line)
    error = block.error
    if isinstance(block, DuplicateBlockKeyBlock):
        first = _line(block.previous_block.start_line)
        message = f"the entry key {block.key!r} is used twice (first on line {first})"
        return Problem(file, line, None, message, "give each entry its own key")
    if isinstance(block, DuplicateFieldKeyBlock):
        fields = ", ".join(sorted(block.duplicate_keys))
        message = f"the entry gives {fields} twice"
        return Problem(file, line, None, message, "keep one value per field")
    if isinstance(error, BlockAbortedException):
        return Problem(
            file, line, None, f"cannot parse this block: {error.abort_reason.strip()}", _FIX_BRACES
        )
    return Problem(file, line, None, f"cannot read this entry: {error}", _FIX_BRACES)


def _line(start_line: int | None) -> int | None:
    """bibtexparser counts lines from 0; problems count them from 1."""
    return None if start_line is None else start_line + 1


def _entry(raw: Any, decoder: Any, file: str) -> tuple[BibtexEntry | None, Problem | None]:
    """A decoded entry, or the problem that keeps it out (a field given twice)."""
    line = _line(raw.start_line) or 1
    fields: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    authors: tuple[str, ...] = ()
    month: int | None = None
    for field in raw.fields:
        key = field.key.lower()
        if key in field_lines:
            message = f"entry {raw.key!r} gives the field {key} twice (in different cases)"
            return None, Problem(file, line, key, message, "keep one value per field")
        field_lines[key] = _line(field.start_line) or line
        if key == "author":
            authors = _names(field.value, decoder)
        elif key == "month":
            month = field.value if isinstance(field.value, int) else None
        elif key in TEXT_FIELDS and isinstance(field.value, str):
            fields[key] = _decoded(field.value, decoder)
        elif key in IDENTIFIER_FIELDS and isinstance(field.value, str):
            fields[key] = _unescaped(field.value)
    entry_type = raw.entry_type.lower()
    return BibtexEntry(entry_type, raw.key, line, fields, field_lines, authors, month), None


def _names(value: Any, decoder: Any) -> tuple[str, ...]:
    """Authors in order, "Last, First" turned into "First Last"; "others" (et al.) left out."""
    if not isinstance(value, list):
        return ()
    names: list[str] = []
    for parts in value:
        if isinstance(parts, str):
            continue
        first = [_decoded(part, decoder) for part in parts.first]
        von = [_decoded(part, decoder) for part in parts.von]
        last = [_decoded(part, decoder) for part in parts.last]
        jr = [_decoded(part, decoder) for part in parts.jr]
        written = " ".join(part for part in (*first, *von, *last) if part)
        written = ", ".join([written, *(part for part in jr if part)])
        if written and written.lower() != "others":
            names.append(written)
    return tuple(names)


def _decoded(value: str, decoder: Any) -> str:
    """LaTeX to text, whitespace collapsed; the raw text if pylatexenc gives up."""
    try:
        text = str(decoder.latex_to_text(value))
    except (Exception, RecursionError):
        text = value.replace("{", "").replace("}", "")
    return " ".join(text.split())


def _unescaped(value: str) -> str:
    """An identifier's text: LaTeX escapes of _ % & # $ ~ and braces removed."""
    return " ".join(_ESCAPED.sub(r"\1", value).replace("{", "").replace("}", "").split())
