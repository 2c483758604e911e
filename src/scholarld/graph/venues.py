"""Venues: where versions are published and where meetings take place.

- conference / workshop: a publication series ``{base}venue/{key}`` (``fabio:Series`` +
  ``schema:CreativeWorkSeries``), a proceedings volume per year ``{base}venue/{key}/{year}``
  (``schema:Book`` + ``fabio:ConferenceProceedings``/``WorkshopProceedings``), the
  conference as ``schema:EventSeries`` ``{base}event/{key}`` and each meeting as
  ``schema:Event`` + ``schema:ConferenceEvent`` ``{base}event/{key}/{year}``;
- journal: ``schema:Periodical`` + ``fabio:Journal`` at ``{base}venue/{key}``;
- preprint server (arXiv): ``schema:Organization`` + ``foaf:Organization``, the
  ``schema:publisher`` of the preprints and reports it holds (not a container: versions
  are ``schema:isPartOf`` only proceedings and journals).

The acronym (or the key) is ``schema:alternateName`` of the series and the journal.
"""

from __future__ import annotations

from collections.abc import Iterator

from scholarld.graph.iris import event_series_iri, meeting_iri, proceedings_iri, venue_iri
from scholarld.graph.namespaces import DCTERMS, FABIO, FOAF, FRBR, SCHEMA, A
from scholarld.graph.terms import Triple, literal
from scholarld.model import Venue, VenueKind

MEETING_KINDS = frozenset({VenueKind.CONFERENCE, VenueKind.WORKSHOP})


def venue_label(venue: Venue) -> str:
    """The short name: the acronym, else the key ("CVPR")."""
    return venue.acronym or venue.key


def venue_triples(base: str, venue: Venue) -> Iterator[Triple]:
    """The venue itself (and, for conferences, the event series)."""
    node = venue_iri(base, venue.key)
    name = literal(venue.name or venue_label(venue))
    if venue.kind in MEETING_KINDS:
        yield node, A, FABIO.Series
        yield node, A, SCHEMA.CreativeWorkSeries
        yield from _event_series_triples(base, venue)
    elif venue.kind is VenueKind.JOURNAL:
        yield node, A, SCHEMA.Periodical
        yield node, A, FABIO.Journal
    else:
        yield node, A, SCHEMA.Organization
        yield node, A, FOAF.Organization
    if venue.kind is not VenueKind.PREPRINT_SERVER:
        yield node, DCTERMS.title, name
    yield node, SCHEMA.name, name
    yield node, SCHEMA.alternateName, literal(venue_label(venue))


def _event_series_triples(base: str, venue: Venue) -> Iterator[Triple]:
    series = event_series_iri(base, venue.key)
    yield series, A, SCHEMA.EventSeries
    yield series, A, SCHEMA.Event  # stated, so checks need no subclass reasoning
    yield series, SCHEMA.name, literal(venue.name or venue_label(venue))
    yield series, SCHEMA.alternateName, literal(venue_label(venue))


def meeting_triples(base: str, venue: Venue, year: int) -> Iterator[Triple]:
    """One meeting of a conference, "CVPR 2016", part of the conference's event series."""
    meeting = meeting_iri(base, venue.key, year)
    yield from venue_triples(base, venue)
    yield meeting, A, SCHEMA.Event
    yield meeting, A, SCHEMA.ConferenceEvent
    yield meeting, SCHEMA.name, literal(f"{venue_label(venue)} {year}")
    yield meeting, SCHEMA.superEvent, event_series_iri(base, venue.key)


def proceedings_name(venue: Venue, year: int) -> str:
    """The proceedings' title: "Proceedings of Computer Vision and ... (CVPR 2016)"."""
    label = f"{venue_label(venue)} {year}"
    return f"Proceedings of {venue.name} ({label})" if venue.name else f"Proceedings of {label}"


def proceedings_triples(base: str, venue: Venue, year: int) -> Iterator[Triple]:
    node = proceedings_iri(base, venue.key, year)
    series = venue_iri(base, venue.key)
    name = literal(proceedings_name(venue, year))
    yield node, A, SCHEMA.Book
    workshop = venue.kind is VenueKind.WORKSHOP
    yield node, A, FABIO.WorkshopProceedings if workshop else FABIO.ConferenceProceedings
    yield node, SCHEMA.name, name
    yield node, DCTERMS.title, name
    yield node, SCHEMA.isPartOf, series
    yield node, FRBR.partOf, series


def container_iri(base: str, venue: Venue, year: int | None) -> str | None:
    """What a version published at ``venue`` is part of: the proceedings of that year for
    a conference or workshop, the journal itself; none for a preprint server or when a
    conference paper's year is unknown."""
    if venue.kind in MEETING_KINDS:
        return proceedings_iri(base, venue.key, year) if year is not None else None
    return venue_iri(base, venue.key) if venue.kind is VenueKind.JOURNAL else None


def container_triples(base: str, venue: Venue, year: int | None) -> Iterator[Triple]:
    yield from venue_triples(base, venue)
    if venue.kind in MEETING_KINDS and year is not None:
        yield from proceedings_triples(base, venue, year)
