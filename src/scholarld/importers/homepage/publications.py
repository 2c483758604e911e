"""Publication entries: one block per work.

An entry is: a title line (a Markdown bullet and bold marks are removed); an author-list
line (it may wrap: a line ending in "," or " and" continues on the next); one or more venue
lines (the first is the main version, each further one another version of the same work,
e.g. the journal version "accepted in 2018"); link-label lines; and any other line after
them is a note, kept verbatim. The author line may be missing (the venue line follows the
title). A block with neither authors nor a venue line is not an entry and is unparsed; a
one-line block naming a profile ("Google Scholar Profile") is a link of the person.

The same work listed twice (a "Selected publications" block repeated under
"Publications") is merged: versions, links and notes are united, and a notice says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from scholarld.importers.homepage.blocks import BULLET, Block, Line
from scholarld.importers.homepage.findings import Findings, combine, unparsed_lines
from scholarld.importers.homepage.keys import unique_keys
from scholarld.importers.homepage.links import parse_link_line, profile_link
from scholarld.importers.homepage.names import ascii_fold, parse_authors
from scholarld.importers.homepage.venue_lines import parse_venue_line
from scholarld.model import Author, Link, Unparsed, Version, Work

NOT_AN_ENTRY = (
    "not a publication entry: a title line must be followed by an author line or a venue "
    "line such as 'Conference Name (ACRONYM), 2019'"
)


@dataclass(frozen=True)
class Entry:
    """A publication entry as read, before keys are given."""

    line: int
    title: str
    authors: tuple[Author, ...]
    versions: tuple[Version, ...]
    links: tuple[Link, ...]
    notes: tuple[str, ...]


def clean_title(text: str) -> str:
    """The title without a list bullet, emphasis marks, quotes or a final period."""
    title = BULLET.sub("", text.strip())
    title = re.sub(r"^(\*\*|__|\*|_)(.+)\1$", r"\2", title).strip()
    title = title.strip('"“”').strip()
    return title.removesuffix(".") if not title.endswith("..") else title


def parse_entries(blocks: Sequence[Block]) -> tuple[tuple[Entry, ...], Findings]:
    """Entries of a publications section, in page order, and what else was found."""
    entries: list[Entry] = []
    findings: list[Findings] = []
    for block in blocks:
        entry, found = parse_entry(block)
        findings.append(found)
        if entry is not None:
            entries.append(entry)
    return tuple(entries), combine(findings)


def parse_entry(block: Block) -> tuple[Entry | None, Findings]:
    """One block: an entry, a profile link, or unparsed lines."""
    lines = block.lines
    if len(lines) == 1:
        link = profile_link(lines[0].content)
        if link is not None:
            return None, Findings(person_links=(link,))
        return None, unparsed_lines(lines, NOT_AN_ENTRY)
    title = clean_title(lines[0].content)
    authors, after_authors = _authors(lines, 1)
    versions, index, found = _versions(lines, after_authors)
    if not title or (not authors and index == after_authors):
        return None, unparsed_lines(lines, NOT_AN_ENTRY)
    links, notes = _links_and_notes(lines[index:])
    entry = Entry(lines[0].number, title, authors, versions, links, notes)
    return entry, found


def _authors(lines: Sequence[Line], start: int) -> tuple[tuple[Author, ...], int]:
    """The author list starting at ``start`` (joining wrapped lines) and the next index."""
    if start >= len(lines) or parse_venue_line(lines[start].content) is not None:
        return (), start
    text, end = lines[start].content, start + 1
    while end < len(lines) and (text.endswith(",") or text.endswith(" and")):
        text, end = f"{text} {lines[end].content}", end + 1
    authors = parse_authors(text)
    return (authors, end) if authors else ((), start)


def _versions(lines: Sequence[Line], start: int) -> tuple[tuple[Version, ...], int, Findings]:
    versions: list[Version] = []
    findings: list[Findings] = []
    index = start
    while index < len(lines):
        parsed = parse_venue_line(lines[index].content)
        if parsed is None:
            break
        if parsed.version is None:
            findings.append(unparsed_lines([lines[index]], parsed.problem or "venue line"))
        else:
            versions.append(parsed.version)
            findings.append(Findings(venues=parsed.venues))
        index += 1
    return tuple(versions), index, combine(findings)


def _links_and_notes(lines: Sequence[Line]) -> tuple[tuple[Link, ...], tuple[str, ...]]:
    links: list[Link] = []
    notes: list[str] = []
    for line in lines:
        parsed = parse_link_line(line.content)
        if parsed is None:
            notes.append(line.content)
        else:
            links.extend(parsed)
    return tuple(links), tuple(notes)


def merge_duplicates(entries: Sequence[Entry]) -> tuple[tuple[Entry, ...], Findings]:
    """One entry per title (compared folded to ASCII): later copies are merged into the
    first; a copy whose author list differs is reported as unparsed."""
    merged: dict[str, Entry] = {}
    findings: list[Findings] = []
    for entry in entries:
        same = ascii_fold(entry.title)
        first = merged.get(same)
        if first is None:
            merged[same] = entry
            continue
        merged[same] = _merge(first, entry)
        findings.append(_duplicate_findings(first, entry))
    return tuple(merged.values()), combine(findings)


def _merge(first: Entry, again: Entry) -> Entry:
    known = {(v.kind, v.venue, v.year) for v in first.versions}
    versions = first.versions + tuple(
        v for v in again.versions if (v.kind, v.venue, v.year) not in known
    )
    links = first.links + tuple(link for link in again.links if link not in first.links)
    notes = first.notes + tuple(note for note in again.notes if note not in first.notes)
    authors = first.authors or again.authors
    return replace(first, authors=authors, versions=versions, links=links, notes=notes)


def _duplicate_findings(first: Entry, again: Entry) -> Findings:
    notice = f"line {again.line}: the same work as line {first.line} ({first.title!r}), merged"
    if first.authors and again.authors and first.authors != again.authors:
        reason = (
            f"duplicate of the entry at line {first.line} with a different author list; "
            "the first author list was kept"
        )
        return Findings(unparsed=(Unparsed(line=again.line, text=again.title, reason=reason),))
    return Findings(notices=(notice,))


def to_works(entries: Sequence[Entry]) -> tuple[Work, ...]:
    """Works with unique keys, in page order."""
    keys = unique_keys([(e.title, e.authors, e.versions) for e in entries])
    return tuple(
        Work(
            key=key,
            title=entry.title,
            authors=list(entry.authors),
            versions=list(entry.versions),
            links=list(entry.links),
            notes=list(entry.notes),
        )
        for key, entry in zip(keys, entries, strict=True)
    )
