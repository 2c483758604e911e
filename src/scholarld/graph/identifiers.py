"""Identifiers of people and versions: one node per identifier, typed both
``datacite:Identifier`` (scheme + ``literal:hasLiteralValue``) and ``schema:PropertyValue``
(``propertyID`` + ``value``), at ``{node}/id/{scheme}``; plus ``schema:sameAs`` the
identifier's resolvable URL when that URL denotes the very same thing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple
from urllib.parse import quote

from scholarld.graph.iris import under
from scholarld.graph.namespaces import DATACITE, LITERAL, SCHEMA, A
from scholarld.graph.terms import Triple, iri, literal
from scholarld.model import PersonIdentifiers


class Scheme(NamedTuple):
    """An identifier scheme: the DataCite individual, the ``propertyID`` label and the
    URL template of the profile or record page (``{}`` is the quoted value)."""

    datacite: str
    label: str
    url: str | None
    safe: str = ""


ORCID = Scheme("orcid", "ORCID", "https://orcid.org/{}")
DBLP = Scheme("dblp", "dblp", "https://dblp.org/pid/{}", safe="/")
GOOGLE_SCHOLAR = Scheme(
    "google-scholar", "Google Scholar", "https://scholar.google.com/citations?user={}"
)
GITHUB = Scheme("github", "GitHub", "https://github.com/{}")
WIKIDATA = Scheme("wikidata", "Wikidata", "https://www.wikidata.org/entity/{}")
DOI = Scheme("doi", "DOI", "https://doi.org/{}", safe="/")
ARXIV = Scheme("arxiv", "arXiv", "https://arxiv.org/abs/{}", safe="/")


def scheme_url(scheme: Scheme, value: str) -> str | None:
    if scheme.url is None:
        return None
    return scheme.url.format(quote(value, safe=scheme.safe))


def identifier_triples(subject: str, scheme: Scheme, value: str) -> Iterator[Triple]:
    """``subject`` has identifier ``value`` in ``scheme`` (no ``sameAs``: see callers)."""
    node = under(subject, "id", scheme.datacite)
    value_term = literal(value)
    yield subject, DATACITE.hasIdentifier, node
    yield subject, SCHEMA.identifier, node
    yield node, A, DATACITE.Identifier
    yield node, A, SCHEMA.PropertyValue
    yield node, DATACITE.usesIdentifierScheme, DATACITE[scheme.datacite]
    yield node, LITERAL.hasLiteralValue, value_term
    yield node, SCHEMA.propertyID, literal(scheme.label)
    yield node, SCHEMA.value, value_term


def same_as_triples(subject: str, scheme: Scheme, value: str) -> Iterator[Triple]:
    """The identifier node and ``schema:sameAs`` its URL."""
    yield from identifier_triples(subject, scheme, value)
    url = scheme_url(scheme, value)
    if url is not None:
        yield subject, SCHEMA.sameAs, iri(url)


def person_identifier_triples(person: str, identifiers: PersonIdentifiers) -> Iterator[Triple]:
    """ORCID, dblp, Google Scholar, GitHub and Wikidata: each is a profile of this very
    person elsewhere, so each URL is also ``schema:sameAs``."""
    pairs = (
        (ORCID, identifiers.orcid),
        (DBLP, identifiers.dblp),
        (GOOGLE_SCHOLAR, identifiers.google_scholar),
        (GITHUB, identifiers.github),
        (WIKIDATA, identifiers.wikidata),
    )
    for scheme, value in pairs:
        if value is not None:
            yield from same_as_triples(person, scheme, value)
