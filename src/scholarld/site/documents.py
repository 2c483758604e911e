"""Which document describes a resource: the layout shared by ``build``, ``serve`` and the
Apache/nginx configuration (``docs/deployment.md``).

Every resource IRI under the site's base is a *non-information resource* (a person, a
work, a venue). It is described by one document, named by the first two segments of its
path: ``{base}work/he2016deep/cvpr2016/author/1`` is described by ``work/he2016deep``.
That document exists in several representations, one file each: ``work/he2016deep.html``,
``.ttl``, ``.jsonld`` (written by the build) and ``.nt``, ``.rdf`` (derived on request by
``serve``). Dereferencing the resource IRI answers ``303 See Other`` to the representation
that the ``Accept`` header chooses ("Cool URIs for the Semantic Web", section 4.3).

The dataset description ``{base}dataset`` is described by the document ``dataset``.
Dumps (``dump/...``), the SPARQL endpoint (``sparql``), ``.well-known/void`` and assets are
documents themselves and are not redirected.
"""

from __future__ import annotations

from dataclasses import dataclass

# Top-level path segments whose resources have a describing document per second segment.
DOCUMENT_KINDS = ("person", "work", "venue", "event", "org", "role", "status")

DATASET_DOCUMENT = "dataset"


@dataclass(frozen=True)
class Representation:
    """One file representation of a document: its extension and media type."""

    extension: str
    media_type: str


HTML = Representation("html", "text/html")
TURTLE = Representation("ttl", "text/turtle")
JSON_LD = Representation("jsonld", "application/ld+json")
N_TRIPLES = Representation("nt", "application/n-triples")
RDF_XML = Representation("rdf", "application/rdf+xml")

# Written by ``scholarld build`` for every document.
BUILT_REPRESENTATIONS = (HTML, TURTLE, JSON_LD)
# Every representation ``serve`` offers; the first is the default for ``Accept: */*``.
SERVED_REPRESENTATIONS = (HTML, TURTLE, JSON_LD, N_TRIPLES, RDF_XML)


SERVED_EXTENSIONS = frozenset(r.extension for r in SERVED_REPRESENTATIONS)


def document_path(resource_iri: str, base_iri: str) -> str | None:
    """The path (relative to the site root, without extension) of the document that
    describes ``resource_iri`` (a plain IRI, not a term), or ``None`` when the IRI is not a
    resource of this site that has a describing document.

    >>> document_path("http://x.org/work/he2016deep/cvpr2016/author/1", "http://x.org/")
    'work/he2016deep'
    >>> document_path("http://x.org/person/kaiming-he.html", "http://x.org/")
    'person/kaiming-he'
    >>> document_path("http://x.org/dataset", "http://x.org/")
    'dataset'
    >>> document_path("http://x.org/dump/all.ttl", "http://x.org/") is None
    True
    """
    if not resource_iri.startswith(base_iri):
        return None
    path = resource_iri[len(base_iri) :].split("#", 1)[0]
    if path == DATASET_DOCUMENT:
        return DATASET_DOCUMENT
    segments = path.split("/")
    if len(segments) < 2 or segments[0] not in DOCUMENT_KINDS or not segments[1]:
        return None
    name = segments[1]
    if "." in name:
        # A representation file itself (``person/kaiming-he.html``, the ProfilePage) is
        # described by its own document; other dotted names are not resources.
        stem, extension = name.rsplit(".", 1)
        if len(segments) > 2 or extension not in SERVED_EXTENSIONS or not stem:
            return None
        name = stem
    return f"{segments[0]}/{name}"


def representation_path(document: str, representation: Representation) -> str:
    """``work/he2016deep.ttl`` for the document ``work/he2016deep`` in Turtle."""
    return f"{document}.{representation.extension}"
