"""Versions: each published form of a work, a ``schema:ScholarlyArticle`` with exactly one
FaBiO Expression class, at ``{base}work/{work-key}/{version-id}``.

Dates, venue, publishing status, presentation (oral, spotlight, poster), awards,
nominations, identifiers, authors and links. Vocabulary choices are in ``docs/model.md``.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from scholarld.graph.authors import author_triples
from scholarld.graph.context import ProfileContext, VenuePlace
from scholarld.graph.identifiers import ARXIV, DOI, identifier_triples, same_as_triples
from scholarld.graph.iris import (
    event_series_iri,
    meeting_iri,
    segment,
    status_type_iri,
    under,
    venue_iri,
)
from scholarld.graph.links import LinkOwner, link_triples
from scholarld.graph.namespaces import DCTERMS, FABIO, FRBR, PRISM, PSO, RDFS, SCHEMA, TI, TVC, A
from scholarld.graph.terms import Triple, date_literal, iri, literal, start_of_year, year_literal
from scholarld.graph.venues import MEETING_KINDS, container_iri, container_triples, meeting_triples
from scholarld.model import (
    Presentation,
    Status,
    StatusState,
    VenueKind,
    Version,
    VersionKind,
    Work,
)

EXPRESSION_CLASSES = MappingProxyType(
    {
        VersionKind.CONFERENCE_PAPER: FABIO.ConferencePaper,
        VersionKind.WORKSHOP_PAPER: FABIO.WorkshopPaper,
        VersionKind.JOURNAL_ARTICLE: FABIO.JournalArticle,
        VersionKind.PROCEEDINGS_JOURNAL_ARTICLE: FABIO.JournalArticle,
        VersionKind.PREPRINT: FABIO.Preprint,
        VersionKind.TECH_REPORT: FABIO.ReportDocument,  # fabio:TechnicalReport is a Work
    }
)
STATUSES = MappingProxyType(
    {
        StatusState.SUBMITTED: (PSO.submitted, "Submitted"),
        StatusState.UNDER_REVIEW: (PSO["under-review"], "Under review"),
        StatusState.ACCEPTED: (PSO["accepted-for-publication"], "Accepted"),
        StatusState.IN_PRESS: (PSO["in-press"], "In press"),
        StatusState.PUBLISHED: (PSO.published, "Published"),
    }
)
PRESENTATIONS = MappingProxyType(
    {
        Presentation.ORAL: "Oral presentation",
        Presentation.SPOTLIGHT: "Spotlight presentation",
        Presentation.POSTER: "Poster presentation",
    }
)


def version_triples(
    ctx: ProfileContext, work_node: str, work: Work, node: str, version: Version
) -> Iterator[Triple]:
    title = literal(version.title or work.title)
    yield node, A, SCHEMA.ScholarlyArticle
    yield node, A, EXPRESSION_CLASSES[version.kind]
    yield node, SCHEMA.exampleOfWork, work_node
    yield node, FRBR.realizationOf, work_node
    yield work_node, SCHEMA.workExample, node
    yield work_node, FRBR.realization, node
    yield node, SCHEMA.headline, title
    yield node, SCHEMA.name, title
    yield node, DCTERMS.title, title
    if version.year is not None:
        published = date_literal(version.year, version.month)
        yield node, SCHEMA.datePublished, published
        yield node, PRISM.publicationDate, published
        yield node, FABIO.hasPublicationYear, year_literal(version.year)
    yield from _venue_triples(ctx, node, version)
    if version.status is not None:
        yield from status_triples(node, version.status)
    yield from _recognition_triples(ctx, node, version)
    yield from _identifier_triples(node, work, version)
    yield from author_triples(ctx, node, version.authors or work.authors)
    yield from link_triples(node, LinkOwner.EXPRESSION, version.links)


def _venue_triples(ctx: ProfileContext, node: str, version: Version) -> Iterator[Triple]:
    """Part of the proceedings or journal; published by a preprint server; featured in the
    conference meeting (or, its year unknown, the conference series)."""
    key = (version.venue, version.conference, version.year)
    place = ctx.venue_places.get(key)
    if place is None:  # the venue's triples once per profile: the graph holds them once
        place = ctx.venue_places[key] = venue_place(ctx, version)
        yield from place.triples
    if place.container is not None:
        yield node, SCHEMA.isPartOf, place.container
        yield node, FRBR.partOf, place.container
    elif place.publisher is not None:
        yield node, SCHEMA.publisher, place.publisher
        yield node, DCTERMS.publisher, place.publisher
    if place.event is not None:
        yield place.event, SCHEMA.workFeatured, node


def venue_place(ctx: ProfileContext, version: Version) -> VenuePlace:
    """Where ``version`` sits (see ``VenuePlace``): depends only on its venue, conference
    and year."""
    venue = ctx.venue(version.venue)
    triples = list(container_triples(ctx.base, venue, version.year))
    container = container_iri(ctx.base, venue, version.year)
    publisher = None
    if container is None and venue.kind is VenueKind.PREPRINT_SERVER:
        publisher = venue_iri(ctx.base, venue.key)
    meeting_venue = ctx.venue(version.conference) if version.conference else venue
    event = None
    if meeting_venue.kind in MEETING_KINDS:
        if version.year is not None:
            triples += meeting_triples(ctx.base, meeting_venue, version.year)
            event = meeting_iri(ctx.base, meeting_venue.key, version.year)
        else:
            event = event_series_iri(ctx.base, meeting_venue.key)
    return VenuePlace(tuple(triples), container, publisher, event)


def status_triples(node: str, status: Status) -> Iterator[Triple]:
    """A status such as "accepted in 2018": ``pso:StatusInTime`` at ``{version}/status/{state}``."""
    pso_status, text = STATUSES[status.state]
    held = under(node, "status", status.state.value)
    yield node, SCHEMA.creativeWorkStatus, literal(text)
    yield from _status_in_time(node, held, pso_status, status.year)


def _status_in_time(node: str, held: str, status: str, year: int | None) -> Iterator[Triple]:
    """``node`` holds ``status`` (a ``pso:Status``) as the ``pso:StatusInTime`` ``held``."""
    yield node, PSO.holdsStatusInTime, held
    yield held, A, PSO.StatusInTime
    yield held, PSO.withStatus, status
    if year is not None:
        yield from _interval_triples(held, year)


def _interval_triples(held: str, year: int) -> Iterator[Triple]:
    interval = under(held, "time")
    yield held, TVC.atTime, interval
    yield interval, A, TI.TimeInterval
    yield interval, TI.hasIntervalStartDate, start_of_year(year)


def _recognition_triples(ctx: ProfileContext, node: str, version: Version) -> Iterator[Triple]:
    """Presentation type as an event featuring the version; awards as ``schema:award``;
    nominations as a ``pso:StatusInTime`` with a minted ``pso:Status``."""
    if version.presentation is not None:
        yield from _presentation_triples(ctx, node, version, version.presentation)
    for award in version.awards:
        yield node, SCHEMA.award, literal(award)
    for nomination in version.nominations:
        status = status_type_iri(ctx.base, nomination)
        held = under(node, "nomination", segment(nomination, "status"))
        yield status, A, PSO.Status
        yield status, RDFS.label, literal(nomination)
        yield from _status_in_time(node, held, status, version.year)


def _presentation_triples(
    ctx: ProfileContext, node: str, version: Version, presentation: Presentation
) -> Iterator[Triple]:
    """``{version}/oral``: a ``schema:Event`` named "Oral presentation", part of the meeting
    (or of the conference series when the year is unknown), featuring the version."""
    event = under(node, presentation.value)
    yield event, A, SCHEMA.Event
    yield event, SCHEMA.name, literal(PRESENTATIONS[presentation])
    yield event, SCHEMA.workFeatured, node
    venue = ctx.venue(version.conference or version.venue)
    if venue.kind in MEETING_KINDS:
        parent = (
            meeting_iri(ctx.base, venue.key, version.year)
            if version.year is not None
            else event_series_iri(ctx.base, venue.key)
        )
        yield event, SCHEMA.superEvent, parent


def _identifier_triples(node: str, work: Work, version: Version) -> Iterator[Triple]:
    """DOI (``schema:sameAs`` its resolver URL: it names this very version) and arXiv id;
    a preprint without its own arXiv id takes the work's, and gets ``schema:url`` its abstract
    page."""
    if version.identifiers.doi is not None:
        yield from same_as_triples(node, DOI, version.identifiers.doi)
    arxiv = version.identifiers.arxiv
    if arxiv is None and version.kind is VersionKind.PREPRINT:
        arxiv = work.identifiers.arxiv
    if arxiv is not None:
        yield from identifier_triples(node, ARXIV, arxiv)
        if version.kind is VersionKind.PREPRINT:
            yield node, SCHEMA.url, iri(f"https://arxiv.org/abs/{arxiv}")
