"""People: the profile owner (names, job, interests, contact, identifiers, personal links)
and every author as a ``schema:Person`` + ``foaf:Person`` with one IRI across the site."""

from __future__ import annotations

from collections.abc import Iterator

from scholarld.graph.context import ProfileContext
from scholarld.graph.identifiers import DBLP, ORCID, person_identifier_triples, same_as_triples
from scholarld.graph.iris import person_iri
from scholarld.graph.links import LinkOwner, link_triples
from scholarld.graph.namespaces import FOAF, SCHEMA, A
from scholarld.graph.terms import Triple, iri, literal
from scholarld.identity import PersonIdentity
from scholarld.model import Person


def owner_triples(ctx: ProfileContext) -> Iterator[Triple]:
    """The profile owner: everything in ``person:`` except affiliations (see
    ``organizations``)."""
    me = ctx.owner
    person = ctx.profile.person
    yield from person_type_triples(me, person.name)
    yield from _name_triples(me, person)
    yield from _description_triples(me, person)
    yield from person_identifier_triples(me, person.identifiers)
    yield from link_triples(me, LinkOwner.PERSON, person.links)


def person_type_triples(person: str, name: str) -> Iterator[Triple]:
    name_term = literal(name)
    yield person, A, SCHEMA.Person
    yield person, A, FOAF.Person
    yield person, SCHEMA.name, name_term
    yield person, FOAF.name, name_term


def _name_triples(me: str, person: Person) -> Iterator[Triple]:
    for other in person.other_names:  # language-tagged; foaf:name keeps the one main name
        tagged = literal(other.value, lang=other.lang)
        yield me, SCHEMA.alternateName, tagged
    for alias in person.aliases:
        yield me, SCHEMA.alternateName, literal(alias)
    if person.given_name is not None:
        yield me, SCHEMA.givenName, literal(person.given_name)
        yield me, FOAF.givenName, literal(person.given_name)
    if person.family_name is not None:
        yield me, SCHEMA.familyName, literal(person.family_name)
        yield me, FOAF.familyName, literal(person.family_name)


def _description_triples(me: str, person: Person) -> Iterator[Triple]:
    if person.job_title is not None:
        yield me, SCHEMA.jobTitle, literal(person.job_title)
    for interest in person.interests:
        yield me, SCHEMA.knowsAbout, literal(interest)
    for paragraph in person.bio:
        yield me, SCHEMA.description, literal(paragraph)
    if person.photo is not None:
        yield me, SCHEMA.image, iri(person.photo)
    if person.homepage is not None:
        yield me, SCHEMA.url, iri(person.homepage)
        yield me, FOAF.homepage, iri(person.homepage)
    if person.email is not None:
        yield me, SCHEMA.email, literal(person.email)


def author_person_triples(base: str, identity: PersonIdentity) -> Iterator[Triple]:
    """An author as a person node. Written forms other than the display name become
    ``schema:alternateName``, except for profile owners, whose own graph states their names."""
    node = person_iri(base, identity.key)
    yield from person_type_triples(node, identity.name)
    if identity.profile_slug is None:
        for written in identity.names:
            if written != identity.name:
                yield node, SCHEMA.alternateName, literal(written)
    if identity.orcid is not None:
        yield from same_as_triples(node, ORCID, identity.orcid)
    if identity.dblp is not None:
        yield from same_as_triples(node, DBLP, identity.dblp)
