"""Organisations and the owner's affiliations.

The current affiliation is stated plainly (``schema:worksFor`` + ``schema:affiliation``) and
as a ``pro:RoleInTime`` with ``scoro:employee`` carrying the job title. Dated positions
(past affiliations, education) are one node each, typed both ``schema:EmployeeRole`` /
``schema:OrganizationRole`` (the schema.org Role pattern) and ``pro:RoleInTime`` (SPAR),
at ``{person}/affiliation/{org}`` and ``{person}/education/{org}``, with a
``ti:TimeInterval`` at ``{role}/time``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from scholarld.graph.context import ProfileContext
from scholarld.graph.iris import organization_iri, segment, under, unique_segments
from scholarld.graph.namespaces import FOAF, PRO, SCHEMA, SCORO, TI, TVC, A
from scholarld.graph.terms import Triple, end_of_year, iri, literal, start_of_year, year_literal
from scholarld.model import Organization, Position


def organization_triples(base: str, organization: Organization) -> Iterator[Triple]:
    """An organisation and, recursively, its parents."""
    node = organization_iri(base, organization)
    yield node, A, SCHEMA.Organization
    yield node, A, FOAF.Organization
    yield node, SCHEMA.name, literal(organization.name)
    yield node, FOAF.name, literal(organization.name)
    if organization.acronym is not None:
        yield node, SCHEMA.alternateName, literal(organization.acronym)
    if organization.place is not None:
        yield node, SCHEMA.location, literal(organization.place)
    if organization.url is not None:
        yield node, SCHEMA.url, iri(organization.url)
    if organization.parent is not None:
        parent = organization_iri(base, organization.parent)
        yield node, SCHEMA.parentOrganization, parent
        yield parent, SCHEMA.subOrganization, node
        yield from organization_triples(base, organization.parent)


def affiliation_triples(ctx: ProfileContext) -> Iterator[Triple]:
    """Current affiliation, past affiliations and education of the profile owner."""
    person = ctx.profile.person
    current = [person.affiliation] if person.affiliation is not None else []
    names = [segment(org.name, "org") for org in current]
    names += [segment(position.organization.name, "org") for position in person.past_affiliations]
    role_names = unique_segments(names)
    if person.affiliation is not None:
        yield from _current_triples(ctx, person.affiliation, role_names[0], person.job_title)
    for name, position in zip(role_names[len(current) :], person.past_affiliations, strict=True):
        yield from _position_triples(ctx, under(ctx.owner, "affiliation", name), position, False)
    education = unique_segments(segment(p.organization.name, "org") for p in person.education)
    for name, position in zip(education, person.education, strict=True):
        yield from _position_triples(ctx, under(ctx.owner, "education", name), position, True)


def _current_triples(
    ctx: ProfileContext, organization: Organization, name: str, job_title: str | None
) -> Iterator[Triple]:
    org = organization_iri(ctx.base, organization)
    role = under(ctx.owner, "affiliation", name)
    yield from organization_triples(ctx.base, organization)
    yield ctx.owner, SCHEMA.worksFor, org
    yield ctx.owner, SCHEMA.affiliation, org
    yield role, A, PRO.RoleInTime
    yield role, PRO.isHeldBy, ctx.owner
    yield role, PRO.withRole, SCORO.employee
    yield role, PRO.relatesToOrganization, org
    if job_title is not None:
        yield role, SCORO.withJobTitle, literal(job_title)


def _position_triples(
    ctx: ProfileContext, role: str, position: Position, education: bool
) -> Iterator[Triple]:
    org = organization_iri(ctx.base, position.organization)
    relation = SCHEMA.alumniOf if education else SCHEMA.worksFor
    yield from organization_triples(ctx.base, position.organization)
    yield ctx.owner, relation, role
    yield role, relation, org
    yield role, A, SCHEMA.OrganizationRole if education else SCHEMA.EmployeeRole
    yield role, A, SCHEMA.Role  # stated, so checks need no subclass reasoning
    yield role, A, PRO.RoleInTime
    yield role, PRO.isHeldBy, ctx.owner
    yield role, PRO.withRole, education_role(position.role) if education else SCORO.employee
    yield role, PRO.relatesToOrganization, org
    if position.role is not None:
        yield role, SCHEMA.roleName, literal(position.role)
        if not education:
            yield role, SCORO.withJobTitle, literal(position.role)
    yield from role_time_triples(role, position.start, position.end)


def role_time_triples(role: str, start: int | None, end: int | None) -> Iterator[Triple]:
    """``schema:startDate``/``endDate`` (``xsd:gYear``) and ``tvc:atTime`` an interval."""
    if start is None and end is None:
        return
    interval = under(role, "time")
    yield role, TVC.atTime, interval
    yield interval, A, TI.TimeInterval
    if start is not None:
        yield role, SCHEMA.startDate, year_literal(start)
        yield interval, TI.hasIntervalStartDate, start_of_year(start)
    if end is not None:
        yield role, SCHEMA.endDate, year_literal(end)
        yield interval, TI.hasIntervalEndDate, end_of_year(end)


DEGREE_ROLES: Sequence[tuple[tuple[str, ...], str]] = (
    (("phd", "ph.d", "doctor", "dphil"), SCORO["doctoral-student"]),
    (("master", "m.s", "msc", "m.sc", "mphil", "m.phil", "m.eng"), SCORO["master-student"]),
    (("bachelor", "b.s", "bsc", "b.sc", "b.eng", "b.a", "undergraduate"),
     SCORO["undergraduate-student"]),
    (("postdoc", "post-doc"), SCORO["postdoctoral-researcher"]),
)  # fmt: skip


def education_role(role: str | None) -> str:
    """The SCoRO role for a degree as written ("PhD" → ``scoro:doctoral-student``);
    ``scoro:postgraduate-student`` is too specific to guess, so unknown text is a
    ``scoro:scholar``."""
    text = (role or "").casefold()
    for markers, scoro_role in DEGREE_ROLES:
        if any(marker in text for marker in markers):
            return scoro_role
    return SCORO.scholar
