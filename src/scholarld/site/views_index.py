"""The site graph indexed for page rendering: every page view is computed from these
indexes, built once per build (no SPARQL, no rdflib), so thousands of pages render fast.

``GraphIndex.out[s][p]`` are the objects of ``s p ?o`` and ``GraphIndex.into[o][p]`` the
subjects of ``?s p o`` (IRI objects only, ``rdf:type`` left out), each a sorted sequence
of N-Triples terms (lists, never changed once indexed); ``documents`` maps each document
path (``work/he2016deep``, see ``scholarld.site.documents``) to the subjects it describes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from scholarld.graph.namespaces import RDF, RDFS, SCHEMA
from scholarld.graph.sitegraph import SiteGraph
from scholarld.graph.terms import Triple
from scholarld.serialize.ntterms import iri_of, is_iri, is_literal, unescape
from scholarld.site.documents import document_path

PropertyTable = Mapping[str, Sequence[str]]  # read-only: shared by every page of a build
Table = dict[str, list[str]]
SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class GraphIndex:
    """The union graph by subject and by IRI object; ``base`` is the plain base IRI."""

    base: str
    out: Mapping[str, PropertyTable]
    into: Mapping[str, PropertyTable]
    documents: Mapping[str, tuple[str, ...]]

    def objects(self, subject: str, predicate: str) -> Sequence[str]:
        return self.out.get(subject, NO_TRIPLES).get(predicate, ())

    def first(self, subject: str, predicate: str) -> str | None:
        found = self.out.get(subject, NO_TRIPLES).get(predicate)
        return found[0] if found else None

    def subjects(self, predicate: str, obj: str) -> Sequence[str]:
        return self.into.get(obj, NO_TRIPLES).get(predicate, ())

    def has_type(self, subject: str, cls: str) -> bool:
        return cls in self.out.get(subject, NO_TRIPLES).get(RDF.type, ())

    def typed(self, subjects: Iterable[str], cls: str) -> list[str]:
        """The ``subjects`` of type ``cls``, in order (``has_type`` over many)."""
        out, rdf_type = self.out, RDF.type
        return [s for s in subjects if cls in out.get(s, NO_TRIPLES).get(rdf_type, ())]

    def text(self, subject: str, predicate: str) -> str | None:
        """The lexical value of the first literal ``subject predicate ?o``."""
        found = self.out.get(subject, NO_TRIPLES).get(predicate)
        return literal_value(found[0]) if found and is_literal(found[0]) else None

    def texts(self, subject: str, predicate: str) -> list[str]:
        return [literal_value(o) for o in self.objects(subject, predicate) if is_literal(o)]

    def label(self, subject: str) -> str:
        """A readable name: ``schema:name``, ``rdfs:label``, ``schema:roleName`` or the IRI."""
        for predicate in (SCHEMA.name, RDFS.label, SCHEMA.roleName, SCHEMA.value):
            found = self.text(subject, predicate)
            if found is not None:
                return found
        return iri_of(subject) if is_iri(subject) else subject


NO_TRIPLES: PropertyTable = {}  # the table of a term without triples (never changed)


def literal_value(term: str) -> str:
    """The lexical value of a literal term: ``literal_parts(term).value``, without making
    the parts (asked for by every name and date a page shows)."""
    return unescape(term[1 : term.rfind('"')])


def index_site_graph(site_graph: SiteGraph, base_iri: str) -> GraphIndex:
    """Index the union of every named graph (duplicates across graphs merged): the graph
    stage's sorted union when it kept one, else merged here."""
    return index_triples(site_graph.sorted_triples(), base_iri)


def index_triples(triples: Iterable[Triple], base_iri: str) -> GraphIndex:
    """Index sorted, unique ``triples``: each subject's and each object's values come in
    the triples' order, sorted, and are kept as the lists they were collected in."""
    out, into = _tables(triples)
    documents = _documents(out, base_iri)
    return GraphIndex(
        base_iri, out, into, {d: tuple(sorted(subjects)) for d, subjects in documents.items()}
    )


def _documents(subjects: Iterable[str], base_iri: str) -> dict[str, list[str]]:
    """The subjects each document describes. Sorted subjects bring a document's parts
    right after it: a subject ``<{base}work/x/…>`` (no escapes) is in ``work/x`` without
    asking ``document_path`` again (not for a dotted name such as ``work/x.y``)."""
    documents: dict[str, list[str]] = {}
    parts_prefix = None  # ``<{base}{document}/`` of the last document found
    members: list[str] = []
    for subject in subjects:
        if parts_prefix is not None and subject.startswith(parts_prefix) and "\\" not in subject:
            members.append(subject)
            continue
        document = document_path(iri_of(subject), base_iri) if is_iri(subject) else None
        if document is None:
            parts_prefix = None
            continue
        members = documents.setdefault(document, [])
        members.append(subject)
        plain = "/" in document and "." not in document and "\\" not in document
        parts_prefix = f"<{base_iri}{document}/" if plain else None
    return documents


def _tables(triples: Iterable[Triple]) -> tuple[dict[str, Table], dict[str, Table]]:
    """``out`` and ``into`` in one pass; a subject's (and a predicate's) triples are
    consecutive, so most triples need only the append (any order would still work)."""
    out: dict[str, Table] = {}
    into: dict[str, Table] = {}
    rdf_type = RDF.type
    table: Table = {}
    objects: list[str] = []
    last_subject = last_predicate = ""
    for subject, predicate, obj in triples:
        if subject != last_subject or predicate != last_predicate:
            if subject != last_subject:
                last_subject = subject
                table = out.setdefault(subject, {})
            last_predicate = predicate
            objects = table.setdefault(predicate, [])
        objects.append(obj)
        if obj[0] == "<" and predicate != rdf_type:
            by_predicate = into.get(obj)
            if by_predicate is None:
                into[obj] = {predicate: [subject]}
            else:
                subjects = by_predicate.get(predicate)
                if subjects is None:
                    by_predicate[predicate] = [subject]
                else:
                    subjects.append(subject)
    return out, into


@dataclass(frozen=True)
class Linker:
    """Relative hrefs from the pages ``depth`` folders below the site root. Each term's
    href is worked out once per linker (``hrefs``): a build keeps one linker per depth."""

    base: str
    depth: int
    hrefs: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    @property
    def root(self) -> str:
        """The relative path to the site root: ``""`` or ``"../"``."""
        return "../" * self.depth

    def document_href(self, document: str) -> str:
        return f"{self.root}{document}.html"

    def href(self, term: str) -> str | None:
        """Where a link to the resource ``term`` (an IRI term) goes: its page on this site
        (with a fragment for a part of a document), an external http(s)/mailto URL, or
        ``None`` (not linkable: any other scheme is shown as text)."""
        try:
            return self.hrefs[term]
        except KeyError:
            found = self.hrefs[term] = self._href(term)
            return found

    def _href(self, term: str) -> str | None:
        if not is_iri(term):
            return None
        value = iri_of(term)
        document = document_path(value, self.base)
        if document is not None:
            rest = value[len(self.base) + len(document) :].split("#", 1)[0]
            return f"{self.document_href(document)}{part_fragment(document, rest)}"
        return safe_url(value)


# Children of a work that are not versions (``graph.iris.RESERVED_SEGMENTS``).
NOT_VERSIONS = frozenset({"author", "id", "link"})


def part_fragment(document: str, rest: str) -> str:
    """The ``#fragment`` of a resource inside a document (``rest``: its path after the
    document's, ``/cvpr2016/oral``): a publication page has a section per version; a
    person page has none; other pages have a section per resource."""
    if not rest.startswith("/") or len(rest) < 2:
        return ""
    kind = document.split("/", 1)[0]
    if kind == "work":
        version = rest[1:].split("/", 1)[0]
        return "" if version in NOT_VERSIONS else f"#{version}"
    return "" if kind == "person" else f"#{rest[1:]}"


def safe_url(url: str) -> str | None:
    """``url`` when it is http, https or mailto; ``None`` otherwise (``javascript:``...)."""
    return url if url.lower().startswith(SAFE_SCHEMES) else None


def fragment_id(resource: str, document: str, base: str) -> str:
    """The HTML ``id`` of a part of a document: ``cvpr2016`` for ``…/work/x/cvpr2016``."""
    value = iri_of(resource)
    return value[len(base) + len(document) + 1 :]
