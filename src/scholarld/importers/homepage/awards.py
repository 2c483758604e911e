"""Awards and honours, one per line, and the work each was for.

* ``NAME, YEAR`` / ``NAME (YEAR)`` / ``NAME YEAR`` / ``YEAR: NAME`` -> ``Award(name, year)``;
* ``NAME, VENUE YEAR`` / ``NAME at VENUE YEAR`` -> the award with one occasion
  ("Best Paper Award, CVPR 2017");
* ``NAME: VENUE YEAR, VENUE YEAR`` -> one award with several occasions
  ("Outstanding Reviewer: CVPR 2015, ICCV 2015, CVPR 2017");
* any other line -> an award with that name and no year.

An award is linked to a work (``work:``) when exactly one work has a version in the same
year whose awards list the same award: names are compared case-insensitively after
removing a leading venue key, and if the award names a venue (leading acronym or its one
occasion) it must be the version's
("ECCV Best Paper Honorable Mention, 2018" matches the ECCV 2018 version's "Best Paper
Honorable Mention"). No match or several matches leave the award unlinked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scholarld.importers.homepage.activities import ITEM_SEPARATOR, VENUE_YEARS
from scholarld.importers.homepage.blocks import BULLET, Block
from scholarld.importers.homepage.findings import Findings, combine, mentioned
from scholarld.importers.homepage.venues import VenueMention, acronym_venue
from scholarld.model import Award, Occasion, VenueKind, Version, Work

YEAR = r"(?:19|20)\d\d(?!\d)"
NAME_YEAR = re.compile(rf"^(?P<name>.+?)[\s,]*\(?(?P<year>{YEAR})\)?\.?$")
YEAR_NAME = re.compile(rf"^(?P<year>{YEAR})\s*[:,.–—-]?\s+(?P<name>.+)$")
AT_VENUE = re.compile(r"^(?P<name>.+?)(?:,|\s+at|\s+in)\s+(?P<venue>[A-Z][A-Za-z]*[A-Z])$")
OCCASIONS = re.compile(r"^(?P<name>[^:]+):\s*(?P<items>.+)$")


def parse_awards(blocks: Sequence[Block]) -> tuple[tuple[Award, ...], Findings]:
    """One award per non-blank line of an awards section."""
    awards: list[Award] = []
    findings: list[Findings] = []
    for line in (line for block in blocks for line in block.lines):
        text = BULLET.sub("", line.content).strip()
        award, mentions = parse_award(text or line.content)
        awards.append(award)
        findings.append(mentioned(line, mentions))
    return tuple(awards), combine(findings)


def parse_award(text: str) -> tuple[Award, tuple[VenueMention, ...]]:
    """One award line as an award and the venues its occasions name."""
    occasions = _occasions(text)
    if occasions is not None:
        return occasions
    for pattern in (NAME_YEAR, YEAR_NAME):
        match = pattern.match(text)
        if match and match.group("name").strip(" ,.:;-"):
            return _dated_award(match.group("name").strip(" ,.:;-"), int(match.group("year")))
    return Award(name=text), ()


def _dated_award(name: str, year: int) -> tuple[Award, tuple[VenueMention, ...]]:
    """ "Best Paper Award, CVPR" + 2017 -> the award at the occasion CVPR 2017."""
    at_venue = AT_VENUE.match(name)
    mention = acronym_venue(at_venue.group("venue"), VenueKind.CONFERENCE) if at_venue else None
    if at_venue is None or mention is None:
        return Award(name=name, year=year), ()
    occasion = Occasion(venue=mention.venue.key, year=year)
    return Award(name=at_venue.group("name"), year=year, occasions=[occasion]), (mention,)


def _occasions(text: str) -> tuple[Award, tuple[VenueMention, ...]] | None:
    match = OCCASIONS.match(text)
    if match is None:
        return None
    occasions: list[Occasion] = []
    mentions: list[VenueMention] = []
    for item in ITEM_SEPARATOR.split(match.group("items").strip().removesuffix(".")):
        found = VENUE_YEARS.match(item.strip())
        if found is None or found.group("start") is None or found.group("end"):
            return None
        mention = acronym_venue(found.group("venue"), VenueKind.CONFERENCE)
        if mention is None:  # pragma: no cover - a conference context always gives a venue
            return None
        occasions.append(Occasion(venue=mention.venue.key, year=int(found.group("start"))))
        mentions.append(mention)
    name = match.group("name").strip()
    return Award(name=name, occasions=occasions), tuple(mentions)


def link_awards(awards: Sequence[Award], works: Sequence[Work]) -> tuple[Award, ...]:
    """Each award with ``work`` set when exactly one work's version matches it."""
    return tuple(_linked(award, works) for award in awards)


def _linked(award: Award, works: Sequence[Work]) -> Award:
    if award.year is None or award.work is not None:
        return award
    matches = [work.key for work in works if any(_matches(award, v) for v in work.versions)]
    return award.model_copy(update={"work": matches[0]}) if len(matches) == 1 else award


def _matches(award: Award, version: Version) -> bool:
    if version.year != award.year:
        return False
    named_venue, award_name = _split_venue(award.name, version.venue)
    venues = {occasion.venue.lower() for occasion in award.occasions}
    if named_venue is False or (venues and venues != {version.venue.lower()}):
        return False
    return any(_split_venue(text, version.venue)[1] == award_name for text in version.awards)


def _split_venue(name: str, venue: str) -> tuple[bool | None, str]:
    """(whether the name starts with ``venue``: True; another acronym: False; none: None,
    the name without it, folded)."""
    first, _, rest = name.strip().partition(" ")
    if first.lower() == venue.lower():
        return True, rest.strip().casefold()
    if len(first) >= 3 and first.isupper() and first.isalpha() and rest:
        return False, rest.strip().casefold()
    return None, name.strip().casefold()
