"""Works: each publication is one FRBR Work (``schema:CreativeWork`` +
``fabio:ResearchPaper``) at ``{base}work/{work-key}``, realized by its versions.

Which version came first is queryable: each conference or workshop version has
``frbr:revision`` each journal version, and each journal version ``schema:isBasedOn`` it.
Notes are ``schema:description`` of the work, one literal per note.
"""

from __future__ import annotations

from collections.abc import Iterator

from scholarld.graph.authors import author_triples
from scholarld.graph.context import ProfileContext
from scholarld.graph.identifiers import ARXIV, DOI, identifier_triples
from scholarld.graph.iris import version_iris, work_iri
from scholarld.graph.links import LinkOwner, link_triples
from scholarld.graph.namespaces import DCTERMS, FABIO, FRBR, SCHEMA, A
from scholarld.graph.terms import Triple, literal
from scholarld.graph.versions import version_triples
from scholarld.model import Version, VersionKind, Work

ORIGINAL_KINDS = frozenset({VersionKind.CONFERENCE_PAPER, VersionKind.WORKSHOP_PAPER})


def work_triples(ctx: ProfileContext, work: Work) -> Iterator[Triple]:
    node = work_iri(ctx.base, work.key)
    title = literal(work.title)
    yield node, A, SCHEMA.CreativeWork
    yield node, A, FABIO.ResearchPaper
    yield node, SCHEMA.name, title
    yield node, DCTERMS.title, title
    for note in work.notes:
        yield node, SCHEMA.description, literal(note)
    if work.identifiers.doi is not None:
        yield from identifier_triples(node, DOI, work.identifiers.doi)
    if work.identifiers.arxiv is not None:
        yield from identifier_triples(node, ARXIV, work.identifiers.arxiv)
    yield from author_triples(ctx, node, work.authors, is_work=True)
    yield from link_triples(node, LinkOwner.WORK, work.links)
    versions = version_iris(node, work.versions)
    for version_node, version in zip(versions, work.versions, strict=True):
        yield from version_triples(ctx, node, work, version_node, version)
    yield from revision_triples(list(zip(versions, work.versions, strict=True)))


def revision_triples(versions: list[tuple[str, Version]]) -> Iterator[Triple]:
    """Conference/workshop versions are revised into journal versions."""
    originals = [node for node, version in versions if version.kind in ORIGINAL_KINDS]
    revisions = [node for node, v in versions if v.kind is VersionKind.JOURNAL_ARTICLE]
    for original in originals:
        for revision in revisions:
            yield original, FRBR.revision, revision
            yield revision, SCHEMA.isBasedOn, original
