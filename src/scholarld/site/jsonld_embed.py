"""The JSON-LD embedded in each page, built from the graph's own triples so that what it
says is a subset of the exported graph (checked for every page by
``tests/test_site_pages_jsonld.py``).

``"@context": "https://schema.org"``; only schema.org properties and types appear. IRIs are
``{"@id": ...}`` objects, or plain strings for the properties the schema.org context
coerces to ``@id`` (``sameAs``, ``url``, ``image`` ...: what Google's examples show). Typed
and language-tagged literals are value objects carrying their exact datatype or language
(``{"@value": "2016", "@type": "…XMLSchema#gYear"}``), so expansion gives the graph's term.
Authors are a plain JSON array in author order (not ``@list``: ``schema:author`` in the
graph is not a list). ``script_json`` escapes ``<``, ``>`` and ``&`` so no string can end
the ``<script>`` element.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from scholarld.graph.namespaces import RDF, SCHEMA
from scholarld.serialize.ntterms import XSD_STRING, iri_of, is_iri, literal_parts, unescape
from scholarld.site.views_index import NO_TRIPLES, GraphIndex

JsonObject = dict[str, Any]
CONTEXT = "https://schema.org"
SCHEMA_NS = SCHEMA.namespace
SCHEMA_TERM_START = f"<{SCHEMA_NS}"
# Terms the schema.org context (release 30.0) declares with "@type": "@id".
IRI_TERMS = frozenset({"sameAs", "url", "image", "license", "contentUrl", "codeRepository"})
PERSON_PROPERTIES = (
    "name", "alternateName", "jobTitle", "description", "knowsAbout", "award",
    "image", "url", "email", "sameAs",
)  # fmt: skip
ORGANIZATION_PROPERTIES = ("name", "alternateName", "location")
ROLE_PROPERTIES = ("roleName", "startDate", "endDate")
VERSION_PROPERTIES = (
    "headline", "name", "datePublished", "award", "creativeWorkStatus", "sameAs", "url",
)  # fmt: skip
WORK_PROPERTIES = ("name", "award", "description")


# The C encoder, configured once (``encode`` changes nothing in it). The page nodes are
# trees, some subtrees shared (``SharedNodes``) but never a cycle: no cycle check.
_SCRIPT_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def script_json(data: JsonObject) -> str:
    """JSON for a ``<script type="application/ld+json">`` element: ``<``, ``>`` and ``&``
    are written as ``\\u003c`` ... so ``</script>`` or ``<!--`` in a value stays inside."""
    text = _SCRIPT_ENCODER.encode(data)
    # three replaces (no replacement holds another's character): ``str.translate`` takes
    # its slow path on any non-ASCII text, 30 times slower
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def literal_json(term: str) -> Any:
    if term[-1] == '"':  # no language, no datatype: an xsd:string, written as a plain string
        return unescape(term[1:-1])
    parts = literal_parts(term)
    if parts.language is not None:
        return {"@value": parts.value, "@language": parts.language}
    if parts.datatype != XSD_STRING:
        return {"@value": parts.value, "@type": parts.datatype}
    return parts.value


def reference(name: str, term: str) -> Any:
    """An IRI object of the property ``name``."""
    return iri_of(term) if name in IRI_TERMS else {"@id": iri_of(term)}


def _single(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def node_json(index: GraphIndex, term: str, properties: Sequence[str]) -> JsonObject:
    """``term`` with its schema.org types and the given schema.org ``properties``."""
    data: JsonObject = {}
    table = index.out.get(term, NO_TRIPLES)
    types = [
        iri_of(t)[len(SCHEMA_NS) :]
        for t in table.get(RDF.type, ())
        if t.startswith(SCHEMA_TERM_START)
    ]
    if types:
        data["@type"] = _single(types)
    data["@id"] = iri_of(term)
    for name in properties:
        objects = table.get(f"<{SCHEMA_NS}{name}>")
        if not objects:
            continue
        values = [
            reference(name, obj) if is_iri(obj) else literal_json(obj)
            for obj in objects
            if not obj.startswith("_:")
        ]
        if values:
            data[name] = _single(values)
    return data


def nested(
    index: GraphIndex, term: str, relation: str, properties: Sequence[str]
) -> list[JsonObject]:
    """The objects of ``term schema:relation ?o`` as nested nodes."""
    return [
        node_json(index, obj, properties)
        for obj in index.objects(term, f"<{SCHEMA_NS}{relation}>")
        if is_iri(obj)
    ]


def profile_page_json(index: GraphIndex, page: str, person: str) -> JsonObject:
    """A ``ProfilePage`` whose ``mainEntity`` is the person, with Google's recommended
    properties the graph has (the page's dateModified; the person's alternateName,
    description, identifier, image, sameAs) and the visible affiliations, education,
    interests and awards."""
    data: JsonObject = {"@context": CONTEXT, **node_json(index, page, ("dateModified",))}
    data["mainEntity"] = person_json(index, person, PERSON_PROPERTIES)
    return data


def person_json(index: GraphIndex, person: str, properties: Sequence[str]) -> JsonObject:
    data = node_json(index, person, properties)
    for relation in ("worksFor", "affiliation", "alumniOf"):
        found = [
            _organization_or_role(index, obj, relation) for obj in _iris(index, person, relation)
        ]
        if found:
            data[relation] = _single(found)
    identifiers = nested(index, person, "identifier", ("propertyID", "value"))
    if identifiers:
        data["identifier"] = _single(identifiers)
    return data


def _iris(index: GraphIndex, term: str, name: str) -> list[str]:
    return [obj for obj in index.objects(term, f"<{SCHEMA_NS}{name}>") if is_iri(obj)]


def _organization_or_role(index: GraphIndex, node: str, relation: str) -> JsonObject:
    """An organisation, or a dated ``schema:Role`` wrapping one (past affiliation, degree)."""
    if not index.has_type(node, SCHEMA.Role):
        return node_json(index, node, ORGANIZATION_PROPERTIES)
    data = node_json(index, node, ROLE_PROPERTIES)
    organizations = nested(index, node, relation, ORGANIZATION_PROPERTIES)
    if organizations:
        data[relation] = _single(organizations)
    return data


@dataclass(frozen=True)
class SharedNodes:
    """The nodes many publication pages embed, each built once per build and never changed
    afterwards (the same object may appear on many pages): each author's ``Person`` with
    ``@id`` and ``name``, each proceedings or journal with its series, each publisher."""

    index: GraphIndex
    authors: dict[str, JsonObject] = field(default_factory=dict)
    containers: dict[str, JsonObject] = field(default_factory=dict)
    publishers: dict[str, JsonObject] = field(default_factory=dict)

    def author_list(self, people: Sequence[str]) -> list[JsonObject]:
        """Authors in order (IRI terms)."""
        return [self.author(person) for person in people]

    def author(self, person: str) -> JsonObject:
        found = self.authors.get(person)
        if found is None:
            found = self.authors[person] = node_json(self.index, person, ("name",))
        return found

    def container(self, term: str) -> JsonObject:
        """A proceedings (with its series as ``isPartOf``) or a journal."""
        found = self.containers.get(term)
        if found is None:
            found = node_json(self.index, term, ("name", "alternateName"))
            series = nested(self.index, term, "isPartOf", ("name", "alternateName"))
            if series:
                found["isPartOf"] = _single(series)
            self.containers[term] = found
        return found

    def publisher(self, term: str) -> JsonObject:
        found = self.publishers.get(term)
        if found is None:
            found = self.publishers[term] = node_json(self.index, term, ("name",))
        return found


def work_page_json(
    nodes: SharedNodes, page: str, work: str, authors: dict[str, list[str]]
) -> JsonObject:
    """An ``ItemPage`` whose ``mainEntity`` is the work (``CreativeWork``) with its
    versions (``ScholarlyArticle``) as ``workExample``; ``authors`` gives each node's
    author IRI terms in order."""
    index = nodes.index
    data: JsonObject = {"@context": CONTEXT, **node_json(index, page, ("dateModified",))}
    entity = node_json(index, work, WORK_PROPERTIES)
    if authors.get(work):
        entity["author"] = nodes.author_list(authors[work])
    versions = [
        version_json(nodes, v, authors.get(v, [])) for v in _iris(index, work, "workExample")
    ]
    if versions:
        entity["workExample"] = versions
    data["mainEntity"] = entity
    return data


def version_json(nodes: SharedNodes, version: str, authors: list[str]) -> JsonObject:
    index = nodes.index
    data = node_json(index, version, VERSION_PROPERTIES)
    if authors:
        data["author"] = nodes.author_list(authors)
    for container in _iris(index, version, "isPartOf"):
        data["isPartOf"] = nodes.container(container)
    publishers = [nodes.publisher(term) for term in _iris(index, version, "publisher")]
    if publishers:
        data["publisher"] = _single(publishers)
    identifiers = nested(index, version, "identifier", ("propertyID", "value"))
    if identifiers:
        data["identifier"] = _single(identifiers)
    return data


def resource_json(index: GraphIndex, term: str, properties: Sequence[str]) -> JsonObject | None:
    """A plain node for venue, co-author and other pages; ``None`` without a schema.org type."""
    data = node_json(index, term, properties)
    return {"@context": CONTEXT, **data} if "@type" in data else None
