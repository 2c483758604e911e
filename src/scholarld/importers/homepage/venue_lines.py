"""The venue-line grammar: one line of a publication entry that names where and when a
version appeared. Three forms are read (see docs/importer.md for examples):

* preprint: ``Tech report, arXiv, Nov. 2019`` / ``arXiv preprint arXiv:1911.05722, 2019``
  / ``Tech report, arXiv`` (no date);
* proceedings journal: ``ACM Transactions on Graphics, Proceedings of ACM SIGGRAPH, 2013``;
* venue and date: ``NAME (ACRONYM), YEAR``, ``NAME, YEAR``, ``ACRONYM YEAR`` or
  ``NAME (ACRONYM), accepted in YEAR`` / ``to appear`` / ``in press``, then optionally
  ``(Oral)``, ``(Spotlight)`` or ``(Poster)``, then ``. `` and award or nomination texts
  separated by ``. `` or ``; ``.

A line that matches none of them is not a venue line. A line that matches but whose venue
kind cannot be told comes back with a ``problem`` so the entry reports it as unparsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scholarld.importers.homepage.venues import (
    WRITTEN,
    VenueMention,
    preprint_server,
    venue_key,
    written_venue,
)
from scholarld.model import (
    Presentation,
    Status,
    StatusState,
    Venue,
    VenueKind,
    Version,
    VersionKind,
)

MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
YEAR = r"(?:19|20)\d\d(?!\d)"
PREPRINT = re.compile(
    r"^(?:tech(?:nical)?\.?\s+report|preprint|e-?print|arxiv|biorxiv|medrxiv)\b", re.I
)
PREPRINT_SERVER = re.compile(r"\b(arxiv|biorxiv|medrxiv|ssrn)\b(?!:)", re.I)
PREPRINT_WORDS = re.compile(r"\b(?:tech(?:nical)?\.?\s+report|preprint|e-?print)\b", re.I)
ARXIV_ID = re.compile(r"\barXiv:\s*(\d{4}\.\d{4,5})(?:v\d+)?", re.I)
DATE = re.compile(rf"(?:(?P<month>{MONTH})\s+)?(?P<year>{YEAR})", re.I)
PROCEEDINGS = re.compile(
    rf"^(?P<journal>[^,]+),\s*Proceedings\s+of\s+(?:the\s+)?(?P<conference>[^,]+?),?\s+"
    rf"(?P<year>{YEAR})(?P<rest>.*)$",
    re.I,
)
VENUE_DATE = re.compile(
    rf"^(?:in\s+)?(?P<name>[^:]+?)(?:\s*\((?P<acronym>[^()]{{1,20}})\))?,?\s+"
    rf"(?:(?:{MONTH})\s+)?(?:(?P<year>{YEAR})|accepted\s+in\s+(?P<accepted>{YEAR})"
    rf"|(?P<appear>to\s+appear)|(?P<press>in\s+press))(?P<rest>.*)$",
    re.I,
)
PRESENTATION = re.compile(r"^[,;]?\s*\(?\s*(oral|spotlight|poster)(?:\s+presentation)?\s*\)?", re.I)
NOMINATION = re.compile(r"nominat|finalist|nominee|candidate", re.I)
AWARD = re.compile(r"award|prize|honou?rable mention|\bbest\b|medal", re.I)
VERSION_KINDS = {
    VenueKind.CONFERENCE: VersionKind.CONFERENCE_PAPER,
    VenueKind.WORKSHOP: VersionKind.WORKSHOP_PAPER,
    VenueKind.JOURNAL: VersionKind.JOURNAL_ARTICLE,
    VenueKind.PREPRINT_SERVER: VersionKind.PREPRINT,
}


@dataclass(frozen=True)
class VenueLine:
    """A parsed venue line: the version and the venues it names, or why it cannot be used."""

    version: Version | None
    venues: tuple[VenueMention, ...]
    problem: str | None = None


@dataclass(frozen=True)
class Qualifiers:
    """What follows the year: presentation, awards, nominations."""

    presentation: Presentation | None
    awards: tuple[str, ...]
    nominations: tuple[str, ...]


def parse_venue_line(text: str) -> VenueLine | None:
    """The version a venue line describes, or ``None`` if ``text`` is not a venue line."""
    line = " ".join(text.split()).removesuffix(".")
    if PREPRINT.match(line):
        return _preprint(line)
    proceedings = PROCEEDINGS.match(line)
    if proceedings:
        return _proceedings(proceedings)
    dated = VENUE_DATE.match(line)
    return _venue_date(dated) if dated else None


def _preprint(line: str) -> VenueLine | None:
    arxiv_id = ARXIV_ID.search(line)
    rest = ARXIV_ID.sub(" arXiv ", line)
    server = PREPRINT_SERVER.search(rest)
    date = DATE.search(rest)
    words = PREPRINT_WORDS.search(rest)
    leftover = PREPRINT_WORDS.sub(" ", PREPRINT_SERVER.sub(" ", DATE.sub(" ", rest)))
    if not (date or words or arxiv_id):
        return None  # a bare "arXiv" is a link label, not a venue line
    if server is None:
        return VenueLine(None, (), "a technical report not on a preprint server (arXiv ...)")
    if re.sub(r"[\s,.:;()]", "", leftover):
        return None
    mention = preprint_server(server.group(1))
    version = Version(
        kind=VersionKind.PREPRINT,
        venue=mention.venue.key,
        year=int(date.group("year")) if date else None,
        month=_month(date.group("month")) if date else None,
        identifiers={"arxiv": arxiv_id.group(1)} if arxiv_id else {},
    )
    return VenueLine(version, (mention,))


def _month(text: str | None) -> int | None:
    return MONTHS[text[:3].lower()] if text else None


def _proceedings(match: re.Match[str]) -> VenueLine | None:
    qualifiers = parse_qualifiers(match.group("rest"))
    journal = written_venue(match.group("journal"), None)
    if qualifiers is None or journal is None:
        return None
    conference = _proceedings_conference(match.group("conference"))
    version = Version(
        kind=VersionKind.PROCEEDINGS_JOURNAL_ARTICLE,
        venue=journal.venue.key,
        conference=conference.venue.key,
        year=int(match.group("year")),
        presentation=qualifiers.presentation,
        awards=list(qualifiers.awards),
        nominations=list(qualifiers.nominations),
    )
    return VenueLine(version, (journal, conference))


def _proceedings_conference(name: str) -> VenueMention:
    """ "Proceedings of X" says X is a conference, whatever the words of its name say."""
    mention = written_venue(name, None)
    if mention is not None and mention.venue.kind is VenueKind.CONFERENCE:
        return mention
    text = " ".join(name.split())
    key = mention.venue.key if mention else venue_key(text)
    acronym = key if key in text.split() else None
    venue = Venue(key=key, name=text, acronym=acronym, kind=VenueKind.CONFERENCE)
    return VenueMention(venue, WRITTEN)


def _venue_date(match: re.Match[str]) -> VenueLine | None:
    qualifiers = parse_qualifiers(match.group("rest"))
    if qualifiers is None:
        return None
    mention = written_venue(match.group("name"), match.group("acronym"))
    if mention is None:
        named = match.group("acronym") or match.group("name")
        reason = f"cannot tell whether {named!r} is a conference, a workshop or a journal"
        return VenueLine(None, (), reason + "; write its full name or fix the version by hand")
    version = Version(
        kind=VERSION_KINDS[mention.venue.kind],
        venue=mention.venue.key,
        year=int(match.group("year")) if match.group("year") else None,
        status=_status(match),
        presentation=qualifiers.presentation,
        awards=list(qualifiers.awards),
        nominations=list(qualifiers.nominations),
    )
    return VenueLine(version, (mention,))


def _status(match: re.Match[str]) -> Status | None:
    if match.group("accepted"):
        return Status(state=StatusState.ACCEPTED, year=int(match.group("accepted")))
    if match.group("appear"):
        return Status(state=StatusState.ACCEPTED)
    if match.group("press"):
        return Status(state=StatusState.IN_PRESS)
    return None


def parse_qualifiers(rest: str) -> Qualifiers | None:
    """Presentation, awards and nominations after the year; ``None`` if anything is left
    that is none of them (then the line is not a venue line)."""
    text = rest.strip()
    presentation = None
    found = PRESENTATION.match(text)
    if found and (found.group(0).startswith(("(", ",", ";")) or not text[found.end() :]):
        presentation = Presentation(found.group(1).lower())
        text = text[found.end() :]
    awards: list[str] = []
    nominations: list[str] = []
    pieces = re.split(r"\.\s+|;\s*", text.strip(" .,;:-").strip())
    for piece in (piece.strip().removesuffix(".") for piece in pieces):
        if not piece:
            continue
        if NOMINATION.search(piece):
            nominations.append(piece)
        elif AWARD.search(piece):
            awards.append(piece)
        else:
            return None
    return Qualifiers(presentation, tuple(awards), tuple(nominations))
