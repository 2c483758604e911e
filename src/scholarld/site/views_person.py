"""The view of a person from the graph: names (other scripts with their language), job,
affiliations, education, bio, interests, identifiers and links, service roles, talks and
tutorials, awards, and their works on this site."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scholarld.graph.namespaces import PRO, SCHEMA
from scholarld.serialize.ntterms import iri_of, is_iri, is_literal, literal_parts
from scholarld.site.views import (
    Anchor,
    IdentifierView,
    WorkView,
    WorkViews,
    identifiers_of,
    links_of,
    works_by_year,
)
from scholarld.site.views_index import GraphIndex, Linker, safe_url

TALK_KINDS = {"tutorial": "Tutorial", "talk": "Talk", "keynote": "Keynote", "workshop": "Workshop"}
_YEAR = re.compile(r"\b(1\d{3}|2\d{3})\b")


@dataclass(frozen=True)
class LocalName:
    value: str
    lang: str


@dataclass(frozen=True)
class PositionView:
    """A current or past affiliation, or a degree: role, organisation, years."""

    role: str | None
    organization: Anchor
    parent: str | None
    place: str | None
    start: str | None
    end: str | None


@dataclass(frozen=True)
class ServiceView:
    role: str
    venue: Anchor
    years: str


@dataclass(frozen=True)
class TalkView:
    kind: str
    title: str
    part: str
    occasion: Anchor
    year: str
    links: tuple[Anchor, ...]


@dataclass(frozen=True)
class PersonView:
    iri: str
    href: str | None
    name: str
    other_names: tuple[LocalName, ...]
    aliases: tuple[str, ...]
    job_title: str | None
    positions: tuple[PositionView, ...]
    past_positions: tuple[PositionView, ...]
    education: tuple[PositionView, ...]
    bio: tuple[str, ...]
    interests: tuple[str, ...]
    image: str | None
    homepage: str | None
    email: str | None
    same_as: tuple[Anchor, ...]
    identifiers: tuple[IdentifierView, ...]
    links: tuple[Anchor, ...]
    awards: tuple[str, ...]
    service: tuple[ServiceView, ...]
    talks: tuple[TalkView, ...]
    works: tuple[tuple[str, list[WorkView]], ...]  # by year, newest first
    work_count: int


def person_view(index: GraphIndex, linker: Linker, person: str, views: WorkViews) -> PersonView:
    """Everything a person's page shows; their works come from ``views`` (cached)."""
    names = index.objects(person, SCHEMA.alternateName)
    works = views.of_person(person)
    held = _held_roles(index, person)
    homepage = index.first(person, SCHEMA.url)
    return PersonView(
        iri=iri_of(person),
        href=linker.href(person),
        name=index.label(person),
        other_names=_local_names(names),
        aliases=tuple(literal_parts(n).value for n in names if _untagged(n)),
        job_title=index.text(person, SCHEMA.jobTitle),
        positions=tuple(_positions(index, linker, person, SCHEMA.worksFor, current=True)),
        past_positions=tuple(_positions(index, linker, person, SCHEMA.worksFor, current=False)),
        education=tuple(_positions(index, linker, person, SCHEMA.alumniOf, current=False)),
        bio=tuple(index.texts(person, SCHEMA.description)),
        interests=tuple(index.texts(person, SCHEMA.knowsAbout)),
        image=_url(index.first(person, SCHEMA.image)),
        homepage=_url(homepage),
        email=index.text(person, SCHEMA.email),
        same_as=tuple(Anchor(iri_of(s), _url(s)) for s in index.objects(person, SCHEMA.sameAs)),
        identifiers=identifiers_of(index, person),
        links=links_of(index, person),
        awards=tuple(sorted(index.texts(person, SCHEMA.award), key=_award_order)),
        service=tuple(_service(index, linker, person, held)),
        talks=tuple(_talks(index, linker, held)),
        works=tuple(works_by_year(works)),
        work_count=len(works),
    )


def _url(term: str | None) -> str | None:
    return safe_url(iri_of(term)) if term is not None and is_iri(term) else None


def _untagged(term: str) -> bool:
    return is_literal(term) and literal_parts(term).language is None


def _local_names(terms: Sequence[str]) -> tuple[LocalName, ...]:
    parts = [literal_parts(term) for term in terms if is_literal(term)]
    return tuple(LocalName(p.value, p.language) for p in parts if p.language is not None)


def _award_order(text: str) -> tuple[int, str]:
    """Newest first by the last year the text names, then alphabetically."""
    years = _YEAR.findall(text)
    return (-int(years[-1]) if years else 0, text.casefold())


def _positions(
    index: GraphIndex, linker: Linker, person: str, relation: str, *, current: bool
) -> list[PositionView]:
    """Current affiliations are organisations the person ``schema:worksFor`` directly;
    past ones and degrees are ``schema:Role`` nodes wrapping the organisation."""
    found = []
    for target in index.objects(person, relation):
        is_role = index.has_type(target, SCHEMA.Role)
        if is_role == current:
            continue
        organization = index.first(target, relation) if is_role else target
        if organization is None:
            continue
        found.append(
            PositionView(
                role=index.text(target, SCHEMA.roleName) if is_role else None,
                organization=_organization_anchor(index, linker, organization),
                parent=_parent_name(index, organization),
                place=index.text(organization, SCHEMA.location),
                start=index.text(target, SCHEMA.startDate),
                end=index.text(target, SCHEMA.endDate),
            )
        )
    return sorted(found, key=lambda p: (p.end or "9999", p.start or ""), reverse=True)


def _organization_anchor(index: GraphIndex, linker: Linker, organization: str) -> Anchor:
    name = index.label(organization)
    acronym = index.text(organization, SCHEMA.alternateName)
    text = f"{name} ({acronym})" if acronym and acronym != name else name
    return Anchor(text, linker.href(organization))


def _parent_name(index: GraphIndex, organization: str) -> str | None:
    parent = index.first(organization, SCHEMA.parentOrganization)
    return index.label(parent) if parent is not None else None


def _held_roles(index: GraphIndex, person: str) -> list[str]:
    """Roles in time the person holds that are not author roles nor affiliations."""
    return [
        role
        for role in index.typed(index.subjects(PRO.isHeldBy, person), SCHEMA.Role)
        if index.first(role, PRO.relatesToOrganization) is None
    ]


def _service(index: GraphIndex, linker: Linker, person: str, held: list[str]) -> list[ServiceView]:
    prefix = f"{person[:-1]}/role/"
    found = []
    for role in held:
        if not role.startswith(prefix):
            continue
        context = index.first(role, PRO.relatesToEntity) or index.first(role, PRO.relatesToDocument)
        start = index.text(role, SCHEMA.startDate) or ""
        end = index.text(role, SCHEMA.endDate) or start
        years = start if start == end else f"{start}–{end}"
        venue = _context_anchor(index, linker, context, start if start == end else "")
        found.append(ServiceView(index.text(role, SCHEMA.roleName) or "", venue, years))
    return sorted(found, key=lambda s: (s.years, s.venue.text, s.role), reverse=True)


def _context_anchor(index: GraphIndex, linker: Linker, context: str | None, year: str) -> Anchor:
    """The venue of a service role: the meeting ("CVPR 2016") or the journal ("IJCV")."""
    if context is None:
        return Anchor("")
    series = index.first(context, SCHEMA.superEvent)
    if series is not None:  # a meeting: name the conference, link its series
        short = index.text(series, SCHEMA.alternateName) or index.label(series)
        return Anchor(short, linker.href(_venue_of_series(index, series)))
    short = index.text(context, SCHEMA.alternateName) or index.label(context)
    return Anchor(short, linker.href(_venue_of_series(index, context)))


def _venue_of_series(index: GraphIndex, series: str) -> str:
    """``{base}venue/x`` for the event series ``{base}event/x`` when the site has it."""
    marker = "/event/"
    value = iri_of(series)
    if value.startswith(index.base) and value[len(index.base) - 1 :].startswith(marker):
        venue = f"<{index.base}venue/{value[len(index.base) + len('event/') :]}>"
        if venue in index.out:
            return venue
    return series


def _talks(index: GraphIndex, linker: Linker, held: list[str]) -> list[TalkView]:
    found = []
    for role in held:
        talk = index.first(role, PRO.relatesToEntity)
        if talk is None or index.text(talk, SCHEMA.startDate) is None:
            continue
        meeting = index.first(talk, SCHEMA.superEvent)
        kind = iri_of(talk).rsplit("/", 2)[-2]
        occasion = Anchor(index.label(meeting), linker.href(meeting)) if meeting else Anchor("")
        found.append(
            TalkView(
                kind=TALK_KINDS.get(kind, "Talk"),
                title=index.label(talk),
                part=index.text(role, SCHEMA.roleName) or "",
                occasion=occasion,
                year=index.text(talk, SCHEMA.startDate) or "",
                links=links_of(index, talk),
            )
        )
    return sorted(found, key=lambda t: (t.year, t.occasion.text, t.title), reverse=True)
