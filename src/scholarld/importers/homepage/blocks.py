"""Split a homepage's text into sections (by heading) and blocks (by blank line),
keeping the line number of every line.

A *blank* line is empty or holds only whitespace (the seed separates entries with
" \\t \\t" and uses an ideographic space U+3000 before "Awards and Honors"). A *heading* is
a short line whose words name a known section ("Publications", "Selected Papers",
"Awards and Honors", "Service") or a Markdown heading (``## Teaching``). In a
publications section a Markdown list item ("- Title", "* Title", "1. Title") also starts a
new block, so lists without blank lines between entries work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise


class SectionKind(StrEnum):
    INTRO = "intro"  # everything before the first heading: name, title, bio
    PUBLICATIONS = "publications"
    ACTIVITIES = "activities"
    AWARDS = "awards"
    OTHER = "other"  # a heading the importer does not read (News, Teaching, ...)


@dataclass(frozen=True)
class Line:
    """One line of the source: its 1-based number and its text without the line break."""

    number: int
    text: str

    @property
    def content(self) -> str:
        """The text without surrounding whitespace."""
        return self.text.strip()


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank lines."""

    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Section:
    """A heading (``None`` for the intro) and the blocks under it."""

    kind: SectionKind
    heading: Line | None
    blocks: tuple[Block, ...]


SECTION_WORDS: dict[SectionKind, frozenset[str]] = {
    SectionKind.PUBLICATIONS: frozenset({"publication", "publications", "papers", "preprints"}),
    SectionKind.AWARDS: frozenset({"award", "awards", "honors", "honours", "prizes"}),
    SectionKind.ACTIVITIES: frozenset(
        {"activities", "service", "services", "talks", "tutorials", "invited"}
    ),
    SectionKind.OTHER: frozenset(
        [
            "news",
            "teaching",
            "students",
            "contact",
            "biography",
            "bio",
            "about",
            "education",
            "experience",
            "people",
            "misc",
            "miscellaneous",
            "links",
            "group",
            "projects",
            "interests",
            "software",
            "code",
            "datasets",
            "advisees",
            "mentoring",
            "media",
        ]
    ),
}
FILLER_WORDS = frozenset(
    [
        "selected",
        "recent",
        "and",
        "all",
        "the",
        "my",
        "professional",
        "academic",
        "other",
        "journal",
        "conference",
        "research",
        "current",
        "past",
        "former",
        "full",
        "list",
        "of",
    ]
)
BULLET = re.compile(r"^(?:[-*•+]|\d{1,3}[.)])\s+")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")


def split_lines(text: str) -> tuple[Line, ...]:
    """Number the lines as an editor does: split on LF, drop a CR before it."""
    return tuple(
        Line(number, raw.removesuffix("\r")) for number, raw in enumerate(text.split("\n"), 1)
    )


def heading_kind(text: str) -> SectionKind | None:
    """The section a heading line opens, or ``None`` when the line is not a heading."""
    stripped = text.strip()
    markdown = MARKDOWN_HEADING.match(stripped) is not None
    phrase = MARKDOWN_HEADING.sub("", stripped).strip("*_ ").removesuffix(":").strip()
    words = re.findall(r"[^\W\d_]+|\d+|&", phrase.lower())
    if not words or len(words) > 5 or any(word.isdigit() for word in words):
        return None
    for kind, keywords in SECTION_WORDS.items():
        if any(word in keywords for word in words) and all(
            word in keywords or word in FILLER_WORDS or word == "&" for word in words
        ):
            return kind
    return SectionKind.OTHER if markdown else None


def split_blocks(lines: tuple[Line, ...], bullets_split: bool) -> tuple[Block, ...]:
    """Group non-blank lines into blocks; a bullet item starts a block when ``bullets_split``."""
    blocks: list[Block] = []
    current: list[Line] = []
    for line in lines:
        starts_item = bullets_split and BULLET.match(line.text) is not None
        if not line.content or (starts_item and current):
            if current:
                blocks.append(Block(tuple(current)))
            current = []
        if line.content:
            current.append(line)
    if current:
        blocks.append(Block(tuple(current)))
    return tuple(blocks)


def split_sections(text: str) -> tuple[Section, ...]:
    """The intro section, then one section per heading, in document order."""
    lines = split_lines(text)
    starts = _heading_starts(lines)
    sections: list[Section] = []
    bounds = [*starts, (len(lines), SectionKind.OTHER)]
    intro_end = starts[0][0] if starts else len(lines)
    sections.append(Section(SectionKind.INTRO, None, split_blocks(lines[:intro_end], False)))
    for (index, kind), (next_index, _) in pairwise(bounds):
        body = lines[index + 1 : next_index]
        bullets = kind is SectionKind.PUBLICATIONS
        sections.append(Section(kind, lines[index], split_blocks(body, bullets)))
    return tuple(sections)


def _heading_starts(lines: tuple[Line, ...]) -> list[tuple[int, SectionKind]]:
    """Indexes of heading lines: a heading starts a block (after a blank line or another
    heading) and is never the document's first non-blank line (that is the name)."""
    starts: list[tuple[int, SectionKind]] = []
    seen_content = False
    previous_blank = True
    for index, line in enumerate(lines):
        kind = heading_kind(line.text) if line.content else None
        is_start = previous_blank or (bool(starts) and starts[-1][0] == index - 1)
        if kind is not None and seen_content and is_start:
            starts.append((index, kind))
        seen_content = seen_content or bool(line.content)
        previous_blank = not line.content
    return starts
