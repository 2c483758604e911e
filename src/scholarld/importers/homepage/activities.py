"""Activities: service roles and talks, one per line.

* ``ROLE: VENUE YEAR, VENUE YEAR, ...`` -> one ``ServiceRole`` per venue and year
  ("Area Chair: CVPR 2016, ICCV 2017"); ``VENUE YEAR - YEAR`` gives a start and an end
  ("Associate Editor: IJCV 2016 - 2019"), ``YEAR - present`` a start only.
* ``Co-organize a tutorial on TITLE at VENUE YEAR. LINKS`` -> a ``Talk``. The verb gives the
  part: co-organize -> co-organizer, organize -> organizer, "invited to give" ->
  invited-speaker, give/gave/present/deliver -> speaker; the noun gives the kind
  (tutorial, talk, keynote, workshop). Link labels after the sentence are its links.

Venues named here only by acronym take their kind from the known-acronym table, else from
the role: an editor serves a journal, everything else a conference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scholarld.importers.homepage.blocks import BULLET, Block, Line
from scholarld.importers.homepage.findings import Findings, combine, mentioned, unparsed_lines
from scholarld.importers.homepage.links import parse_link_line
from scholarld.importers.homepage.venues import VenueMention, acronym_venue
from scholarld.model import ServiceRole, Talk, TalkKind, TalkPart, VenueKind

YEAR = r"(?:19|20)\d\d(?!\d)"
ROLE_LINE = re.compile(r"^(?P<role>[^\W\d_][^:]{0,60}?)\s*:\s*(?P<items>.+)$")
VENUE_YEARS = re.compile(
    rf"^(?P<venue>[A-Za-z][\w&-]*)(?:\s+'?(?P<start>{YEAR})"
    rf"(?:\s*[-–—]\s*(?P<end>{YEAR}|present|now))?)?$",
    re.I,
)
ITEM_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+|;\s*")
TALK = re.compile(
    r"^(?P<verb>co-?organi[sz]ed?|co-?organi[sz]es|organi[sz]ed?|organi[sz]es|invited to give"
    r"|gave|give|gives|presented|present|delivered|deliver)\s+(?:an?\s+|the\s+)?"
    r"(?:invited\s+)?(?P<kind>tutorial|talk|keynote|workshop)(?:\s+talk)?\s+"
    r"(?:on|about|titled|entitled)\s+(?P<title>.+?)\s+at\s+(?:the\s+)?(?P<venue>[A-Za-z][\w&-]*)"
    rf"\s+(?P<year>{YEAR})\.?(?P<rest>.*)$",
    re.I,
)
NOT_AN_ACTIVITY = (
    "an activity line that is neither 'ROLE: VENUE YEAR, ...' nor "
    "'Co-organize a tutorial on TITLE at VENUE YEAR'"
)


def parse_activities(
    blocks: Sequence[Block],
) -> tuple[tuple[ServiceRole, ...], tuple[Talk, ...], Findings]:
    """Roles and talks of an activities section, in page order."""
    roles: list[ServiceRole] = []
    talks: list[Talk] = []
    findings: list[Findings] = []
    for line in (line for block in blocks for line in block.lines):
        text = BULLET.sub("", line.content)
        talk, talk_found = parse_talk(line, text)
        if talk is not None:
            talks.append(talk)
            findings.append(talk_found)
            continue
        parsed = parse_roles(text)
        if parsed is None:
            findings.append(unparsed_lines([line], NOT_AN_ACTIVITY))
        else:
            roles.extend(parsed[0])
            findings.append(mentioned(line, parsed[1]))
    return tuple(roles), tuple(talks), combine(findings)


def role_venue_kind(role: str) -> VenueKind:
    """Editors serve journals; chairs, reviewers and the like serve conferences."""
    return VenueKind.JOURNAL if "editor" in role.lower() else VenueKind.CONFERENCE


def parse_roles(text: str) -> tuple[list[ServiceRole], tuple[VenueMention, ...]] | None:
    """``ROLE: VENUE YEAR, ...`` as roles and the venues they name; ``None`` if not one."""
    match = ROLE_LINE.match(text)
    if match is None:
        return None
    role = match.group("role").strip()
    roles: list[ServiceRole] = []
    mentions: list[VenueMention] = []
    for item in ITEM_SEPARATOR.split(match.group("items").strip().removesuffix(".")):
        found = VENUE_YEARS.match(item.strip())
        mention = acronym_venue(found.group("venue"), role_venue_kind(role)) if found else None
        if found is None or mention is None:
            return None
        roles.append(_role(role, mention.venue.key, found))
        mentions.append(mention)
    return roles, tuple(mentions)


def _role(role: str, venue: str, found: re.Match[str]) -> ServiceRole:
    start = int(found.group("start")) if found.group("start") else None
    end_text = found.group("end")
    if end_text is None:
        return ServiceRole(role=role, venue=venue, year=start)
    end = int(end_text) if end_text.isdigit() else None
    if end is not None and start is not None and end < start:
        start, end = end, start
    return ServiceRole(role=role, venue=venue, start=start, end=end)


def talk_part(verb: str) -> TalkPart:
    lowered = verb.lower()
    if lowered.startswith(("co-organi", "coorgani")):
        return TalkPart.CO_ORGANIZER
    if lowered.startswith("organi"):
        return TalkPart.ORGANIZER
    if lowered.startswith("invited"):
        return TalkPart.INVITED_SPEAKER
    return TalkPart.SPEAKER


def parse_talk(line: Line, text: str) -> tuple[Talk | None, Findings]:
    """A talk sentence and the link labels after it."""
    match = TALK.match(text)
    if match is None:
        return None, Findings()
    mention = acronym_venue(match.group("venue"), VenueKind.CONFERENCE)
    title = match.group("title").strip().strip("\"“”'").strip()
    if mention is None or not title:
        return None, Findings()
    rest = match.group("rest").strip()
    links = parse_link_line(rest) if rest else ()
    talk = Talk(
        kind=TalkKind(match.group("kind").lower()),
        title=title,
        venue=mention.venue.key,
        year=int(match.group("year")),
        part=talk_part(match.group("verb")),
        links=list(links or ()),
    )
    found = mentioned(line, (mention,))
    if links is None:
        found = found + unparsed_lines([line], f"text after the talk is not a link label: {rest!r}")
    return talk, found
