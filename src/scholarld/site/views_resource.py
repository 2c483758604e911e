"""Views of venues, of any other resource (a readable property table, like Pubby or
LodView) and of the people index, computed from the graph's triples."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scholarld.graph.namespaces import PREFIXES, RDF, SCHEMA
from scholarld.serialize.ntterms import XSD_STRING, iri_of, is_iri, literal_parts
from scholarld.site.views import VersionView, WorkViews, version_view
from scholarld.site.views_index import GraphIndex, Linker, fragment_id, safe_url

VENUE_KINDS = (
    (SCHEMA.Periodical, "Journal"),
    (SCHEMA.CreativeWorkSeries, "Conference or workshop series"),
    (SCHEMA.Organization, "Preprint server or publisher"),
)


@dataclass(frozen=True)
class ValueView:
    """One object of a property: text, a link target, a language or a datatype."""

    text: str
    href: str | None = None
    lang: str | None = None
    datatype: str | None = None


@dataclass(frozen=True)
class PropertyRow:
    predicate: str  # prefixed name, schema:name
    predicate_href: str | None
    values: tuple[ValueView, ...]


@dataclass(frozen=True)
class ResourceView:
    iri: str
    anchor: str  # "" for the document's main resource
    label: str
    types: tuple[ValueView, ...]
    rows: tuple[PropertyRow, ...]
    incoming: tuple[PropertyRow, ...]


def prefixed(iri: str) -> str:
    """``schema:name`` for ``https://schema.org/name``; the IRI itself otherwise."""
    best = max(
        (prefix for prefix, namespace in PREFIXES.items() if iri.startswith(namespace)),
        key=lambda prefix: len(PREFIXES[prefix]),
        default=None,
    )
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best is not None else iri


def value_view(index: GraphIndex, linker: Linker, term: str) -> ValueView:
    if is_iri(term):
        href = linker.href(term)
        local = href is not None and not href.startswith(("http:", "https:", "mailto:"))
        text = index.label(term) if local and term in index.out else prefixed(iri_of(term))
        return ValueView(text, href)
    if term.startswith("_:"):
        return ValueView(term)
    parts = literal_parts(term)
    datatype = None if parts.language or parts.datatype == XSD_STRING else parts.datatype
    return ValueView(parts.value, None, parts.language, prefixed(datatype) if datatype else None)


# The value views of one page by term: a resource often links to the same term by two
# properties (a version ``frbr:partOf`` and ``schema:isPartOf`` its proceedings).
PageValues = dict[str, ValueView]


def resource_views(index: GraphIndex, linker: Linker, document: str) -> list[ResourceView]:
    """Every subject the document describes, its main resource first."""
    main = f"<{index.base}{document}>"
    subjects = sorted(index.documents.get(document, ()), key=lambda s: (s != main, s))
    values: PageValues = {}
    return [_resource_view(index, linker, document, subject, values) for subject in subjects]


def _resource_view(
    index: GraphIndex, linker: Linker, document: str, subject: str, values: PageValues
) -> ResourceView:
    table = index.out.get(subject, {})
    rows = tuple(
        _row(index, linker, predicate, objects, values)
        for predicate, objects in sorted(table.items())
        if predicate != RDF.type
    )
    incoming = tuple(
        _row(index, linker, predicate, subjects, values)
        for predicate, subjects in sorted(index.into.get(subject, {}).items())
    )
    return ResourceView(
        iri=iri_of(subject),
        anchor=fragment_id(subject, document, index.base)
        if subject != _main(index, document)
        else "",
        label=index.label(subject),
        types=tuple(value_view(index, linker, t) for t in table.get(RDF.type, ())),
        rows=rows,
        incoming=incoming,
    )


def _main(index: GraphIndex, document: str) -> str:
    return f"<{index.base}{document}>"


def _row(
    index: GraphIndex, linker: Linker, predicate: str, terms: Sequence[str], values: PageValues
) -> PropertyRow:
    value = iri_of(predicate)
    views = []
    for term in terms:
        view = values.get(term)
        if view is None:
            view = values[term] = value_view(index, linker, term)
        views.append(view)
    return PropertyRow(prefixed(value), safe_url(value), tuple(views))


@dataclass(frozen=True)
class VenueView:
    iri: str
    name: str
    short: str | None
    kind: str
    years: tuple[tuple[str, tuple[tuple[VersionView, str], ...]], ...]  # (version, work href)
    resources: tuple[ResourceView, ...]


def venue_view(index: GraphIndex, linker: Linker, document: str, views: WorkViews) -> VenueView:
    """A venue: its versions on this site by year, newest first."""
    venue = _main(index, document)
    versions: set[str] = set(index.subjects(SCHEMA.publisher, venue))
    for part in index.subjects(SCHEMA.isPartOf, venue):
        if index.has_type(part, SCHEMA.ScholarlyArticle):
            versions.add(part)
        versions.update(index.subjects(SCHEMA.isPartOf, part))
    by_year: dict[str, list[tuple[VersionView, str]]] = {}
    for node in sorted(versions):
        work = index.first(node, SCHEMA.exampleOfWork) or node
        view = _version_of(views, work, node) or version_view(index, linker, node, work)
        href = f"{linker.href(work) or ''}#{view.anchor}"
        by_year.setdefault(view.year or "Undated", []).append((view, href))
    years = sorted(by_year, key=lambda y: (y == "Undated", -int(y) if y.isdigit() else 0))
    kind = next((name for cls, name in VENUE_KINDS if index.has_type(venue, cls)), "Venue")
    return VenueView(
        iri=iri_of(venue),
        name=index.label(venue),
        short=index.text(venue, SCHEMA.alternateName),
        kind=kind,
        years=tuple(
            (year, tuple(sorted(by_year[year], key=lambda e: e[0].title.casefold())))
            for year in years
        ),
        resources=tuple(resource_views(index, linker, document)),
    )


def _version_of(views: WorkViews, work: str, version: str) -> VersionView | None:
    """The cached view of ``version`` (an IRI term) of ``work``."""
    plain = version[1:-1]
    return next((v for v in views.get(work).versions if v.iri == plain), None)
