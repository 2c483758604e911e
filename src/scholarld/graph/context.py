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
    authors: Mapping[Author, PersonIdentity]
    # each author's identity and person IRI term, minted once per profile (see ``author``)
    author_nodes: Mapping[Author, tuple[PersonIdentity, str]] = field(default_factory=dict)
    # (venue key, conference key, year) -> the venue triples and links of versions there
    venue_places: dict[tuple[str, str | None, int | None], VenuePlace] = field(default_factory=dict)
    modified: str | None = None  # site.yaml's ``modified`` (YYYY-MM-DD), for the pages

    def author(self, author: Author) -> tuple[PersonIdentity, str]:
        """The identity of an author occurrence and its person IRI term."""
        found = self.author_nodes.get(author)
        if found is not None:
            return found
        identity = self.authors[author]
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
    authors = {author: people.of_author(sourced.slug, author) for author in _authors(sourced)}
    return ProfileContext(
        base=base,
        slug=sourced.slug,
        profile=sourced.profile,
        people=people,
        owner=person_iri(base, owner.key),
        venues={venue.key: venue for venue in sourced.profile.venues},
        authors=authors,
        author_nodes={
            author: (identity, person_iri(base, identity.key))
            for author, identity in authors.items()
        },
        modified=modified,
    )


def _authors(sourced: SourcedProfile) -> Iterator[Author]:
    for work in sourced.profile.works:
        yield from work.authors
        for version in work.versions:
            yield from version.authors or ()
