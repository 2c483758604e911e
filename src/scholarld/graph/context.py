"""What every mapping function of one profile needs: the base IRI, the profile, the people
index and the profile's venues by key. Built once per profile; its only changing part is
``venue_places``, a memo of what a pure function gave for each (venue, conference, year)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from scholarld.graph.iris import person_iri
from scholarld.graph.terms import Triple
from scholarld.identity import People, PersonIdentity
from scholarld.model import Author, Profile, Venue, VenueKind
from scholarld.profiles import SourcedProfile


@dataclass(frozen=True)
class VenuePlace:
    """Where a version published at a venue in a year sits: the triples of its venue,
    proceedings and meeting (the same for every version there), and the nodes it links to:
    its container (proceedings or journal), its publisher (a preprint server) and the
    event featuring it (the meeting, or the series when the year is unknown)."""

    triples: tuple[Triple, ...]
    container: str | None
    publisher: str | None
    event: str | None


@dataclass(frozen=True)
class ProfileContext:
    """One profile being mapped: ``base`` and ``owner`` are IRI terms."""

    base: str
    slug: str
    profile: Profile
    people: People
    owner: str
    venues: Mapping[str, Venue]
    coauthors: Mapping[str, PersonIdentity]  # everyone in the author lists, by person key
    # each author occurrence's identity and person IRI term, minted once per profile and
    # keyed by the occurrence object's id (see ``author``): hashing a model is slow, and
    # the profile keeps every occurrence alive as long as this context
    occurrences: Mapping[int, tuple[PersonIdentity, str]] = field(default_factory=dict)
    # (venue key, conference key, year) -> the venue triples and links of versions there
    # (the first version there yields the triples into the graph; later ones only link)
    venue_places: dict[tuple[str, str | None, int | None], VenuePlace] = field(default_factory=dict)
    modified: str | None = None  # site.yaml's ``modified`` (YYYY-MM-DD), for the pages

    def author(self, author: Author) -> tuple[PersonIdentity, str]:
        """The identity of an author occurrence and its person IRI term."""
        found = self.occurrences.get(id(author))
        if found is not None:
            return found
        identity = self.people.of_author(self.slug, author)
        return identity, person_iri(self.base, identity.key)

    def venue(self, key: str) -> Venue:
        """The venue with this key; a key no venue defines (allowed for service roles and
        talks) is taken as a conference named by its key."""
        found = self.venues.get(key)
        return found if found is not None else Venue(key=key, kind=VenueKind.CONFERENCE)


def profile_context(
    base: str, sourced: SourcedProfile, people: People, modified: str | None = None
) -> ProfileContext:
    owner = people.owner(sourced.slug)
    coauthors: dict[str, PersonIdentity] = {}
    written: dict[tuple[str, str | None, str | None], tuple[PersonIdentity, str]] = {}
    occurrences: dict[int, tuple[PersonIdentity, str]] = {}
    for author in _authors(sourced):
        # what identifies an author (not the model: hashing and comparing it is slow)
        found = written.get((author.name, author.orcid, author.dblp))
        if found is None:
            identity = people.of_author(sourced.slug, author)
            coauthors[identity.key] = identity
            found = written[author.name, author.orcid, author.dblp] = (
                identity,
                person_iri(base, identity.key),
            )
        occurrences[id(author)] = found
    return ProfileContext(
        base=base,
        slug=sourced.slug,
        profile=sourced.profile,
        people=people,
        owner=person_iri(base, owner.key),
        venues={venue.key: venue for venue in sourced.profile.venues},
        coauthors=coauthors,
        occurrences=occurrences,
        modified=modified,
    )


def _authors(sourced: SourcedProfile) -> Iterator[Author]:
    for work in sourced.profile.works:
        yield from work.authors
        for version in work.versions:
            yield from version.authors or ()
