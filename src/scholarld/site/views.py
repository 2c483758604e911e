"""Views of works and versions computed from the graph's triples: what a publication list
entry or a publication page shows (authors in order, from ``views_authors``; venue and
year, Oral/Spotlight, awards, nominations, status, identifiers, links). Never reads the
profile model."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from scholarld.graph.identifiers import (
    ARXIV,
    DBLP,
    DOI,
    GITHUB,
    GOOGLE_SCHOLAR,
    ORCID,
    WIKIDATA,
    scheme_url,
)
from scholarld.graph.namespaces import FABIO, PSO, RDF, SCHEMA, TI, TVC
from scholarld.serialize.ntterms import iri_of, is_iri, literal_parts
from scholarld.site.views_authors import AuthorView, KnownAuthors, authors_in_order
from scholarld.site.views_index import NO_TRIPLES, GraphIndex, Linker, safe_url

VERSION_KINDS = (
    (FABIO.ConferencePaper, "Conference paper"),
    (FABIO.WorkshopPaper, "Workshop paper"),
    (FABIO.JournalArticle, "Journal article"),
    (FABIO.Preprint, "Preprint"),
    (FABIO.ReportDocument, "Technical report"),
)
PRESENTATIONS = {"oral": "Oral", "spotlight": "Spotlight", "poster": "Poster"}
PEER_REVIEWED = frozenset({FABIO.ConferencePaper, FABIO.WorkshopPaper, FABIO.JournalArticle})


@dataclass(frozen=True)
class Anchor:
    """A labelled link; ``href`` is ``None`` when there is nothing safe to link to."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class IdentifierView:
    scheme: str  # propertyID: DOI, arXiv, ORCID
    value: str
    href: str | None


@dataclass(frozen=True)
class VenueRef:
    """Where a version appeared: ``short`` (CVPR), full ``name``, the container's name
    (the proceedings), whether it is a journal, and the venue page."""

    short: str
    name: str
    container: str | None
    journal: bool
    href: str | None


@dataclass(frozen=True)
class VersionView:
    iri: str
    anchor: str  # the fragment id on the publication page: cvpr2016
    title: str
    kind: str
    kind_class: str  # the FaBiO class term
    year: str | None
    date: str | None  # lexical datePublished: 2016 or 2019-06
    venue: VenueRef | None
    presentation: str | None
    awards: tuple[str, ...]
    nominations: tuple[str, ...]
    status: str | None
    authors: tuple[AuthorView, ...]
    identifiers: tuple[IdentifierView, ...]
    links: tuple[Anchor, ...]
    pdf_url: str | None

    @property
    def venue_label(self) -> str:
        """ "CVPR 2016", "TPAMI 2017", "arXiv"."""
        short = self.venue.short if self.venue is not None else self.kind
        return f"{short} {self.year}" if self.year else short


@dataclass(frozen=True)
class WorkView:
    iri: str
    href: str
    title: str
    authors: tuple[AuthorView, ...]
    versions: tuple[VersionView, ...]
    awards: tuple[str, ...]
    notes: tuple[str, ...]
    links: tuple[Anchor, ...]
    identifiers: tuple[IdentifierView, ...]
    pdf_url: str | None = None

    @property
    def key(self) -> str:
        """The work key, the last segment of its IRI: ``he2016deep``."""
        return self.iri.rstrip("/").rsplit("/", 1)[-1]

    def identifier(self, scheme: str) -> str | None:
        """The first ``scheme`` identifier (DOI, arXiv) of the main version, the work, or
        any other version, in that order."""
        main = self.main_version
        holders: list[tuple[IdentifierView, ...]] = [main.identifiers] if main else []
        holders.append(self.identifiers)
        holders += [v.identifiers for v in self.versions if v is not main]
        for identifiers in holders:
            for identifier in identifiers:
                if identifier.scheme == scheme:
                    return identifier.value
        return None

    @cached_property  # asked for by every list that sorts the work and by its page
    def main_version(self) -> VersionView | None:
        """The version cited: the earliest peer-reviewed (conference, workshop, journal)
        version with a year, else the earliest dated version, else the first."""
        return main_version(self.versions)

    @property
    def year(self) -> str | None:
        main = self.main_version
        return main.year if main is not None else None


def main_version(versions: tuple[VersionView, ...]) -> VersionView | None:
    if not versions:
        return None
    reviewed = [v for v in versions if v.kind_class in PEER_REVIEWED and v.year]
    dated = reviewed or [v for v in versions if v.year]
    return min(dated, key=_version_order) if dated else versions[0]


def _version_order(version: VersionView) -> tuple[str, str]:
    return (version.date or version.year or "9999", version.iri)


def identifiers_of(index: GraphIndex, node: str) -> tuple[IdentifierView, ...]:
    identifiers = index.objects(node, SCHEMA.identifier)
    if not identifiers:
        return ()
    found = []
    for identifier in identifiers:
        scheme = index.text(identifier, SCHEMA.propertyID) or ""
        value = index.text(identifier, SCHEMA.value) or ""
        found.append(IdentifierView(scheme, value, identifier_url(scheme, value)))
    return tuple(sorted(found, key=lambda i: (i.scheme.casefold(), i.value)))


# Identifier schemes by their ``schema:propertyID`` label (the graph stage's own table).
SCHEMES = {s.label: s for s in (ORCID, DBLP, GOOGLE_SCHOLAR, GITHUB, WIKIDATA, DOI, ARXIV)}


def identifier_url(scheme: str, value: str) -> str | None:
    """The resolver or profile URL of an identifier: ``https://doi.org/10.1/x``."""
    known = SCHEMES.get(scheme)
    return scheme_url(known, value) if known is not None else None


def links_of(index: GraphIndex, node: str) -> tuple[Anchor, ...]:
    """Full texts, supplements (code, slides, posters) and pages about ``node``."""
    table = index.out.get(node, NO_TRIPLES)
    incoming = index.into.get(node, NO_TRIPLES)
    targets = (
        *table.get(SCHEMA.encoding, ()),
        *table.get(FABIO.hasManifestation, ()),
        *incoming.get(SCHEMA.about, ()),
        *table.get(SCHEMA.subjectOf, ()),
        *table.get(SCHEMA.workFeatured, ()),
        *incoming.get(SCHEMA.recordedAt, ()),
    )
    if not targets:
        return ()
    anchors = {target: _link_anchor(index, target) for target in targets}
    return tuple(anchors[target] for target in sorted(anchors))


def _link_anchor(index: GraphIndex, link: str) -> Anchor:
    url = (
        index.first(link, SCHEMA.contentUrl)
        or index.first(link, SCHEMA.url)
        or index.first(link, SCHEMA.codeRepository)
    )
    href = safe_url(iri_of(url)) if url is not None and is_iri(url) else None
    return Anchor(index.label(link), href)


@dataclass(frozen=True)
class SharedViews:
    """Views that many versions share, each made once per build (for one linker): an
    author by person and equal contribution (``views_authors``), and a venue by the
    proceedings, journal, publisher or series that names it."""

    authors: KnownAuthors = field(default_factory=dict)
    containers: dict[str, VenueRef] = field(default_factory=dict)  # by proceedings, journal
    publishers: dict[str, VenueRef] = field(default_factory=dict)


def version_view(
    index: GraphIndex, linker: Linker, node: str, work: str, shared: SharedViews | None = None
) -> VersionView:
    shared = SharedViews() if shared is None else shared
    types = index.out.get(node, NO_TRIPLES).get(RDF.type, ())
    kind_class, kind = next(
        ((cls, name) for cls, name in VERSION_KINDS if cls in types), ("", "Version")
    )
    date = index.text(node, SCHEMA.datePublished)
    iri = iri_of(node)
    return VersionView(
        iri=iri,
        anchor=iri[len(iri_of(work)) + 1 :],
        title=index.text(node, SCHEMA.headline) or index.label(node),
        kind=kind,
        kind_class=kind_class,
        year=date[:4] if date else None,
        date=date,
        venue=_venue_of(index, linker, node, shared),
        presentation=_presentation(index, node),
        awards=tuple(index.texts(node, SCHEMA.award)),
        nominations=_nominations(index, node),
        status=_status(index, node),
        authors=authors_in_order(index, linker, node, shared.authors),
        identifiers=identifiers_of(index, node),
        links=links_of(index, node),
        pdf_url=_pdf_url(index, node),
    )


def _venue_of(index: GraphIndex, linker: Linker, node: str, shared: SharedViews) -> VenueRef | None:
    """The venue of a version: its container (proceedings or journal), else its publisher,
    else the event series featuring it; each container's or publisher's venue made once."""
    container = index.first(node, SCHEMA.isPartOf)
    if container is not None:
        found = shared.containers.get(container)
        if found is None:
            found = _container_venue(index, linker, container)
            shared.containers[container] = found
        return found
    publisher = index.first(node, SCHEMA.publisher)
    if publisher is not None:
        found = shared.publishers.get(publisher)
        if found is None:
            found = _venue_ref(index, linker, publisher, None, journal=False)
            shared.publishers[publisher] = found
        return found
    for event in index.subjects(SCHEMA.workFeatured, node):
        if index.has_type(event, SCHEMA.EventSeries):
            return _venue_ref(index, linker, event, None, journal=False)
    return None


def _container_venue(index: GraphIndex, linker: Linker, container: str) -> VenueRef:
    if index.has_type(container, SCHEMA.Periodical):
        return _venue_ref(index, linker, container, None, journal=True)
    series = index.first(container, SCHEMA.isPartOf) or container
    return _venue_ref(index, linker, series, index.label(container), journal=False)


def _venue_ref(
    index: GraphIndex, linker: Linker, venue: str, container: str | None, *, journal: bool
) -> VenueRef:
    short = index.text(venue, SCHEMA.alternateName) or index.label(venue)
    return VenueRef(short, index.label(venue), container, journal, linker.href(venue))


def _presentation(index: GraphIndex, node: str) -> str | None:
    for event in index.subjects(SCHEMA.workFeatured, node):
        kind = PRESENTATIONS.get(iri_of(event).rsplit("/", 1)[-1])
        if kind is not None and iri_of(event).startswith(iri_of(node) + "/"):
            return kind
    return None


def _nominations(index: GraphIndex, node: str) -> tuple[str, ...]:
    found = []
    for held in index.objects(node, PSO.holdsStatusInTime):
        status = index.first(held, PSO.withStatus)
        if status is not None and not status.startswith(PSO.namespace, 1):
            found.append(index.label(status))
    return tuple(sorted(found))


def _status(index: GraphIndex, node: str) -> str | None:
    """ "Accepted in 2018": ``schema:creativeWorkStatus`` and the year its
    ``{version}/status/{state}`` status in time starts."""
    text = index.text(node, SCHEMA.creativeWorkStatus)
    if text is None:
        return None
    prefix = node[:-1] + "/status/"
    for held in index.objects(node, PSO.holdsStatusInTime):
        interval = index.first(held, TVC.atTime) if held.startswith(prefix) else None
        start = index.first(interval, TI.hasIntervalStartDate) if interval else None
        if start is not None:
            return f"{text} in {literal_parts(start).value[:4]}"
    return text


def _pdf_url(index: GraphIndex, node: str) -> str | None:
    for link in index.objects(node, SCHEMA.encoding):
        if index.text(link, SCHEMA.encodingFormat) == "application/pdf":
            url = index.first(link, SCHEMA.contentUrl)
            if url is not None:
                return safe_url(iri_of(url))
    return None


def work_view(
    index: GraphIndex, linker: Linker, work: str, shared: SharedViews | None = None
) -> WorkView:
    shared = SharedViews() if shared is None else shared
    versions = tuple(
        version_view(index, linker, node, work, shared)
        for node in index.objects(work, SCHEMA.workExample)
    )
    return WorkView(
        iri=iri_of(work),
        href=linker.href(work) or "",
        title=index.label(work),
        authors=authors_in_order(index, linker, work, shared.authors),
        versions=tuple(sorted(versions, key=_version_order)),
        awards=tuple(index.texts(work, SCHEMA.award)),
        notes=tuple(index.texts(work, SCHEMA.description)),
        links=links_of(index, work),
        identifiers=identifiers_of(index, work),
        pdf_url=_pdf_url(index, work),
    )


def works_of(index: GraphIndex, person: str) -> list[str]:
    """The works (``fabio:ResearchPaper``) ``person`` is an author of."""
    return index.typed(index.subjects(SCHEMA.author, person), FABIO.ResearchPaper)


def works_by_year(works: list[WorkView]) -> list[tuple[str, list[WorkView]]]:
    """Works grouped by the main version's year, newest first; undated works last."""
    groups: dict[str, list[WorkView]] = {}
    for work in works:
        groups.setdefault(work.year or "Undated", []).append(work)
    ordered = sorted(groups, key=lambda y: (y == "Undated", -int(y) if y.isdigit() else 0))
    # newest first within a year (by month when known), then by title
    return [
        (year, sorted(sorted(groups[year], key=_work_order), key=_work_date, reverse=True))
        for year in ordered
    ]


def _work_order(work: WorkView) -> tuple[str, str]:
    return (work.title.casefold(), work.iri)


def _work_date(work: WorkView) -> str:
    main = work.main_version
    return main.date if main is not None and main.date else ""


@dataclass(frozen=True)
class WorkViews:
    """Work views of one build, each computed once: a work appears on its own page, on
    every author's page and on venue pages. All those pages sit one folder deep, so one
    ``linker`` (depth 1) serves them all, and each author's and venue's view is made once
    (``shared``)."""

    index: GraphIndex
    linker: Linker
    cache: dict[str, WorkView] = field(default_factory=dict)
    shared: SharedViews = field(default_factory=SharedViews)

    def get(self, work: str) -> WorkView:
        found = self.cache.get(work)
        if found is None:
            found = self.cache[work] = work_view(self.index, self.linker, work, self.shared)
        return found

    def of_person(self, person: str) -> list[WorkView]:
        return [self.get(work) for work in works_of(self.index, person)]
