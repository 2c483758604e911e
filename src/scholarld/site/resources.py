"""Per-document RDF: the site graph's triples grouped by the document that describes their
subject (``documents.document_path``), and each document written as Turtle and JSON-LD.

``group_by_document`` makes one pass over the site's sorted union (every named graph's
triples once: a co-author named in two profiles is stated once), looking the document up
once per subject, not per triple. Subjects without a document (none in graphs scholarld
builds) stay in the dumps only.

Turtle goes through ``serialize.turtle.document_turtle`` with one ``TurtleNames`` (term
spellings) shared by every document; JSON-LD through the project's compacting writer, with
one ``Compactor`` and one rendered context header shared by every document: each halves
the time of writing a document on its own, giving the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, groupby
from operator import itemgetter
from pathlib import Path

from scholarld.graph.sitegraph import SiteGraph
from scholarld.graph.terms import Triple
from scholarld.serialize.context import JsonLdContext, embedded_context
from scholarld.serialize.jsonld import Compactor, node_text
from scholarld.serialize.turtle_terms import TurtleNames, turtle_names
from scholarld.site.documents import JSON_LD, TURTLE, document_path, representation_path
from scholarld.site.files import write_site_file

_subject = itemgetter(0)


@dataclass(frozen=True)
class Document:
    """The triples one document holds: every triple whose subject it describes, sorted.
    ``iri`` is the document's IRI (``{base}work/he2016deep``), so a ``Document`` is a
    ``serialize.lines.TripleGraph`` and the line writers accept it."""

    path: str  # relative to the site root, without extension: "work/he2016deep"
    iri: str
    triples: tuple[Triple, ...]


@dataclass(frozen=True)
class DocumentIndex:
    """Every document of the site, sorted by path, and the triples no document holds."""

    documents: tuple[Document, ...]
    unplaced: tuple[Triple, ...]

    def triple_count(self) -> int:
        """The size of the union of all graphs."""
        return sum(len(document.triples) for document in self.documents) + len(self.unplaced)

    def paths_of_kind(self, kind: str) -> list[str]:
        """The paths of the documents under ``kind/`` (``"work"`` → ``["work/a", ...]``)."""
        prefix = kind + "/"
        return [document.path for document in self.documents if document.path.startswith(prefix)]


def group_by_document(site_graph: SiteGraph, base_iri: str) -> DocumentIndex:
    """Every triple of the site (the union of the named graphs), under the document of its
    subject. The union is sorted, so each subject's triples are one block, met once, and a
    document's blocks arrive in order: joined, they are sorted already."""
    parts: dict[str | None, list[list[Triple]]] = {}
    for subject, block in _subject_blocks(site_graph.sorted_triples()):
        parts.setdefault(_document_of(subject, base_iri), []).append(block)
    unplaced = tuple(chain.from_iterable(parts.pop(None, [])))
    documents = tuple(
        Document(path, base_iri + path, tuple(chain.from_iterable(parts[path])))
        for path in sorted(path for path in parts if path)
    )
    return DocumentIndex(documents, unplaced)


def _subject_blocks(triples: Sequence[Triple]) -> Iterable[tuple[str, list[Triple]]]:
    """``(subject, its triples)`` for each subject of a sorted triple sequence."""
    for subject, block in groupby(triples, key=_subject):
        yield subject, list(block)


def _document_of(subject: str, base_iri: str) -> str | None:
    if not subject.startswith("<"):
        return None  # a blank node: no document of its own
    return document_path(subject[1:-1], base_iri)


@dataclass
class DocumentWriter:
    """Writes documents as ``.ttl`` and ``.jsonld`` files under a site folder."""

    root: Path
    base_iri: str
    prefixes: Mapping[str, str]
    context: JsonLdContext
    compactor: Compactor
    jsonld_head: str
    turtle_names: TurtleNames  # spellings shared by every document's Turtle


def document_writer(
    root: Path, base_iri: str, prefixes: Mapping[str, str], context: JsonLdContext
) -> DocumentWriter:
    """A writer whose JSON-LD context header and IRI caches serve every document."""
    head = json.dumps({"@context": embedded_context(context, base_iri)}, indent=2)
    jsonld_head = head[: head.rfind("}")].rstrip() + ',\n  "@graph": [\n'
    compactor = Compactor(context, base_iri)
    names = turtle_names(prefixes, base_iri)
    return DocumentWriter(root, base_iri, prefixes, context, compactor, jsonld_head, names)


def write_documents(writer: DocumentWriter, documents: Iterable[Document]) -> int:
    """Write ``D.ttl`` and ``D.jsonld`` for each document; returns how many were written."""
    from scholarld.serialize.turtle import document_turtle

    count = 0
    for document in documents:
        turtle = document_turtle(document.triples, writer.turtle_names, writer.prefixes)
        write_site_file(writer.root, representation_path(document.path, TURTLE), turtle)
        jsonld = document_jsonld(writer, document).encode("utf-8")
        write_site_file(writer.root, representation_path(document.path, JSON_LD), jsonld)
        count += 1
    return count


def document_jsonld(writer: DocumentWriter, document: Document) -> str:
    """The document as compacted JSON-LD: the bytes ``write_jsonld([document], ...,
    named=False)`` gives, with the writer's shared context header and caches."""
    nodes = [
        "    " + node_text(subject, block, writer.compactor)
        for subject, block in _subject_blocks(document.triples)
    ]
    body = ",\n".join(nodes) + "\n" if nodes else ""
    return writer.jsonld_head + body + "  ]\n}\n"


def batches(documents: Sequence[Document], count: int) -> list[Sequence[Document]]:
    """``documents`` cut into about ``count`` consecutive batches of similar size (by
    triples), so that two processes can share them evenly."""
    total = sum(len(document.triples) for document in documents)
    size = max(1, total // max(1, count))
    cuts: list[Sequence[Document]] = []
    start, filled = 0, 0
    for end, document in enumerate(documents, 1):
        filled += len(document.triples)
        if filled >= size:
            cuts.append(documents[start:end])
            start, filled = end, 0
    if start < len(documents):
        cuts.append(documents[start:])
    return cuts
