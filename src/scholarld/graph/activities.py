"""Service roles, talks and tutorials, and personal awards.

A service role ("Area Chair, CVPR 2016") is one node at
``{person}/role/{role}-{venue}-{years}``, typed ``schema:Role`` (wrapping the person in
the venue's ``schema:organizer``/``schema:editor``/``schema:contributor``) and
``pro:RoleInTime`` (``pro:withRole`` a minted ``pro:Role`` at ``{base}role/{role}``).
A talk or tutorial is an event at ``{meeting}/{kind}/{title}`` (a tutorial is a
``schema:EducationEvent``), part of the meeting; the owner's part in it is a role at
``{event}/{part}/{person}`` (``scoro:organizer`` for organizers).
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from scholarld.graph.context import ProfileContext
from scholarld.graph.iris import (
    event_series_iri,
    meeting_iri,
    role_type_iri,
    segment,
    under,
    venue_iri,
    work_iri,
)
from scholarld.graph.links import LinkOwner, link_triples
from scholarld.graph.namespaces import PRO, RDFS, SCHEMA, SCORO, A
from scholarld.graph.organizations import role_time_triples
from scholarld.graph.terms import Triple, literal, year_literal
from scholarld.graph.venues import MEETING_KINDS, meeting_triples, venue_triples
from scholarld.model import Award, ServiceRole, Talk, TalkKind, TalkPart, Venue

PART_NAMES = MappingProxyType(
    {
        TalkPart.ORGANIZER: "Organizer",
        TalkPart.CO_ORGANIZER: "Co-organizer",
        TalkPart.INVITED_SPEAKER: "Invited speaker",
        TalkPart.SPEAKER: "Speaker",
    }
)


def award_text(award: Award) -> str:
    """The award as one line: "Outstanding Reviewer: CVPR 2015, ICCV 2015", "X Award, 2018"."""
    if award.occasions:
        occasions = ", ".join(f"{occasion.venue} {occasion.year}" for occasion in award.occasions)
        return f"{award.name}: {occasions}"
    return f"{award.name}, {award.year}" if award.year is not None else award.name


def award_triples(ctx: ProfileContext) -> Iterator[Triple]:
    """Personal awards as ``schema:award`` text of the owner (and of the work it was for)."""
    for award in ctx.profile.awards:
        text = literal(award_text(award))
        yield ctx.owner, SCHEMA.award, text
        if award.work is not None:
            yield work_iri(ctx.base, award.work), SCHEMA.award, text


def _years(role: ServiceRole) -> tuple[int | None, int | None]:
    if role.year is not None:
        return role.year, role.year
    return role.start, role.end


def service_role_iri(owner: str, role: ServiceRole) -> str:
    start, end = _years(role)
    years = [str(year) for year in dict.fromkeys((start, end)) if year is not None]
    parts = [segment(role.role, "role"), segment(role.venue, "venue"), *years]
    return under(owner, "role", "-".join(parts))


def _context(ctx: ProfileContext, venue: Venue, year: int | None) -> tuple[str, bool]:
    """The node a service role is in (meeting, conference series or journal) and whether
    it is an event."""
    if venue.kind in MEETING_KINDS:
        if year is not None:
            return meeting_iri(ctx.base, venue.key, year), True
        return event_series_iri(ctx.base, venue.key), True
    return venue_iri(ctx.base, venue.key), False


def _schema_relation(role_name: str, is_event: bool) -> str:
    text = role_name.casefold()
    if "editor" in text and not is_event:
        return SCHEMA.editor
    if is_event and ("chair" in text or "organi" in text):
        return SCHEMA.organizer
    return SCHEMA.contributor


def service_role_triples(ctx: ProfileContext, role: ServiceRole) -> Iterator[Triple]:
    venue = ctx.venue(role.venue)
    start, end = _years(role)
    node = service_role_iri(ctx.owner, role)
    context, is_event = _context(ctx, venue, role.year)
    relation = _schema_relation(role.role, is_event)
    role_type = role_type_iri(ctx.base, role.role)
    if is_event and role.year is not None:
        yield from meeting_triples(ctx.base, venue, role.year)
    else:
        yield from venue_triples(ctx.base, venue)
    yield context, relation, node
    yield node, relation, ctx.owner
    yield node, A, SCHEMA.Role
    yield node, A, PRO.RoleInTime
    yield node, SCHEMA.roleName, literal(role.role)
    yield node, PRO.isHeldBy, ctx.owner
    yield node, PRO.withRole, role_type
    yield node, PRO.relatesToEntity if is_event else PRO.relatesToDocument, context
    yield role_type, A, PRO.Role
    yield role_type, RDFS.label, literal(role.role.casefold())
    yield from role_time_triples(node, start, end)


def talk_iri(base: str, talk: Talk) -> str:
    return under(meeting_iri(base, talk.venue, talk.year), talk.kind.value, segment(talk.title))


def talk_triples(ctx: ProfileContext, talk: Talk) -> Iterator[Triple]:
    venue = ctx.venue(talk.venue)
    event = talk_iri(ctx.base, talk)
    if venue.kind in MEETING_KINDS:
        yield from meeting_triples(ctx.base, venue, talk.year)
        yield event, SCHEMA.superEvent, meeting_iri(ctx.base, venue.key, talk.year)
    yield event, A, SCHEMA.EducationEvent if talk.kind is TalkKind.TUTORIAL else SCHEMA.Event
    yield event, SCHEMA.name, literal(talk.title)
    yield event, SCHEMA.startDate, year_literal(talk.year)
    yield from _talk_role_triples(ctx, event, talk.part)
    yield from link_triples(event, LinkOwner.EVENT, talk.links)


def _talk_role_triples(ctx: ProfileContext, event: str, part: TalkPart) -> Iterator[Triple]:
    owner_key = ctx.people.owner(ctx.slug).key
    node = under(event, part.value, owner_key)
    organizes = part in (TalkPart.ORGANIZER, TalkPart.CO_ORGANIZER)
    relation = SCHEMA.organizer if organizes else SCHEMA.performer
    yield event, relation, node
    yield node, relation, ctx.owner
    yield node, A, SCHEMA.Role
    yield node, A, PRO.RoleInTime
    yield node, SCHEMA.roleName, literal(PART_NAMES[part])
    yield node, PRO.isHeldBy, ctx.owner
    yield node, PRO.relatesToEntity, event
    if organizes:
        yield node, PRO.withRole, SCORO.organizer
    else:
        role_type = role_type_iri(ctx.base, PART_NAMES[part])
        yield node, PRO.withRole, role_type
        yield role_type, A, PRO.Role
        yield role_type, RDFS.label, literal(PART_NAMES[part].casefold())


def activity_triples(ctx: ProfileContext) -> Iterator[Triple]:
    for role in ctx.profile.roles:
        yield from service_role_triples(ctx, role)
    for talk in ctx.profile.talks:
        yield from talk_triples(ctx, talk)
    yield from award_triples(ctx)
