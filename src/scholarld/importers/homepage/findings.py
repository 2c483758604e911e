"""What a parsing stage found besides its records: venue mentions to merge, text it could
not parse, and notices for the user (merged duplicates, guessed languages)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scholarld.importers.homepage.blocks import Line
from scholarld.importers.homepage.venues import INFERRED, VenueMention
from scholarld.model import Link, Unparsed


@dataclass(frozen=True)
class Findings:
    """Side results of a stage; combine them with ``+``."""

    venues: tuple[VenueMention, ...] = ()
    unparsed: tuple[Unparsed, ...] = ()
    notices: tuple[str, ...] = ()
    person_links: tuple[Link, ...] = ()

    def __add__(self, other: Findings) -> Findings:
        return Findings(
            self.venues + other.venues,
            self.unparsed + other.unparsed,
            self.notices + other.notices,
            self.person_links + other.person_links,
        )


def unparsed_lines(lines: Iterable[Line], reason: str) -> Findings:
    """Every line kept as unparsed with the same reason."""
    return Findings(
        unparsed=tuple(Unparsed(line=line.number, text=line.text, reason=reason) for line in lines)
    )


def mentioned(line: Line, mentions: Iterable[VenueMention]) -> Findings:
    """Venue mentions of a line, with a notice for each venue whose kind was inferred."""
    mentions = tuple(mentions)
    notices = tuple(
        f"line {line.number}: {m.venue.key!r} is taken to be a {m.venue.kind.value} "
        "(named only by its acronym here); check its kind in venues"
        for m in mentions
        if m.rank == INFERRED
    )
    return Findings(venues=mentions, notices=notices)


def combine(parts: Iterable[Findings]) -> Findings:
    total = Findings()
    for part in parts:
        total = total + part
    return total
