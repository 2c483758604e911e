"""Labelled links as typed nodes at ``{owner}/link/{kind}/{label-slug}``.

What a node is depends on the link kind and on what it hangs off (``LinkOwner``):

- full text (paper, arxiv, version): a ``fabio:DigitalManifestation`` + ``schema:MediaObject``,
  ``frbr:embodiment`` of a version or ``fabio:hasManifestation`` of a work;
- code, models: ``schema:SoftwareSourceCode`` + ``fabio:ComputerProgram``, ``frbr:supplement``;
- slides: ``schema:PresentationDigitalDocument`` + ``fabio:Presentation``;
- poster: ``schema:DigitalDocument`` + ``fabio:ConferencePoster``;
- supplement: ``schema:CreativeWork`` + ``fabio:SupplementaryInformationFile``;
- video: ``schema:VideoObject`` (``schema:recordedAt`` a talk);
- anything else (project, images, thesis, website, profile, other): ``schema:WebPage``
  that is ``schema:subjectOf`` its owner.

A link without a URL still says what exists (its label is ``schema:name``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import Enum
from types import MappingProxyType

from scholarld.graph.iris import segment, under, unique_segments
from scholarld.graph.namespaces import DCTERMS, FABIO, FRBR, SCHEMA, A
from scholarld.graph.terms import Triple, iri, literal, url_literal
from scholarld.model import Link, LinkKind

PDF_FORMAT = "<https://w3id.org/spar/mediatype/application/pdf>"
FULL_TEXT = frozenset({LinkKind.PAPER, LinkKind.ARXIV, LinkKind.VERSION})
SUPPLEMENTS = MappingProxyType(
    {
        LinkKind.CODE: (SCHEMA.SoftwareSourceCode, FABIO.ComputerProgram),
        LinkKind.MODELS: (SCHEMA.SoftwareSourceCode, FABIO.ComputerProgram),
        LinkKind.SLIDES: (SCHEMA.PresentationDigitalDocument, FABIO.Presentation),
        LinkKind.POSTER: (SCHEMA.DigitalDocument, FABIO.ConferencePoster),
        LinkKind.SUPPLEMENT: (SCHEMA.CreativeWork, FABIO.SupplementaryInformationFile),
    }
)


class LinkOwner(Enum):
    """What a link hangs off: decides which relations are correct."""

    PERSON = "person"
    WORK = "work"  # an FRBR Work
    EXPRESSION = "expression"  # a version
    EVENT = "event"  # a talk or tutorial


def link_iris(owner: str, links: Sequence[Link]) -> list[str]:
    names = (f"{link.kind.value}/{segment(link.label, 'link')}" for link in links)
    return [under(owner, "link", name) for name in unique_segments(names)]


def link_triples(owner: str, owner_kind: LinkOwner, links: Sequence[Link]) -> Iterator[Triple]:
    for node, link in zip(link_iris(owner, links), links, strict=True):
        yield node, SCHEMA.name, literal(link.label)
        if link.kind in FULL_TEXT and owner_kind in (LinkOwner.WORK, LinkOwner.EXPRESSION):
            yield from _full_text_triples(owner, owner_kind, node, link)
        elif link.kind in SUPPLEMENTS and owner_kind is not LinkOwner.PERSON:
            yield from _supplement_triples(owner, owner_kind, node, link)
        elif link.kind is LinkKind.VIDEO:
            yield from _video_triples(owner, owner_kind, node, link)
        else:
            yield from _page_triples(owner, owner_kind, node, link)


def _full_text_triples(
    owner: str, owner_kind: LinkOwner, node: str, link: Link
) -> Iterator[Triple]:
    yield node, A, FABIO.DigitalManifestation
    yield node, A, SCHEMA.MediaObject
    relation = FRBR.embodiment if owner_kind is LinkOwner.EXPRESSION else FABIO.hasManifestation
    yield owner, relation, node
    yield owner, SCHEMA.encoding, node
    if link.url is not None:
        yield node, SCHEMA.contentUrl, iri(link.url)
        yield node, FABIO.hasURL, url_literal(link.url)
        if link.url.lower().endswith(".pdf"):
            yield node, DCTERMS.format, PDF_FORMAT
            yield node, SCHEMA.encodingFormat, literal("application/pdf")


def _supplement_triples(
    owner: str, owner_kind: LinkOwner, node: str, link: Link
) -> Iterator[Triple]:
    schema_class, fabio_class = SUPPLEMENTS[link.kind]
    yield node, A, schema_class
    yield node, A, fabio_class
    if owner_kind is LinkOwner.EVENT:
        yield owner, SCHEMA.workFeatured, node
    else:
        yield owner, FRBR.supplement, node
        yield node, SCHEMA.about, owner
    if link.kind in (LinkKind.CODE, LinkKind.MODELS):
        yield node, SCHEMA.isBasedOn, owner
        if link.url is not None:
            yield node, SCHEMA.codeRepository, iri(link.url)
    if link.url is not None:
        yield node, SCHEMA.url, iri(link.url)


def _video_triples(owner: str, owner_kind: LinkOwner, node: str, link: Link) -> Iterator[Triple]:
    yield node, A, SCHEMA.VideoObject
    if owner_kind is LinkOwner.EVENT:
        yield node, SCHEMA.recordedAt, owner
    else:
        yield node, SCHEMA.about, owner
        yield owner, SCHEMA.subjectOf, node
    if link.url is not None:
        yield node, SCHEMA.url, iri(link.url)


def _page_triples(owner: str, owner_kind: LinkOwner, node: str, link: Link) -> Iterator[Triple]:
    yield node, A, SCHEMA.WebPage
    yield node, SCHEMA.about, owner
    yield owner, SCHEMA.subjectOf, node
    if link.url is not None:
        yield node, SCHEMA.url, iri(link.url)
        if link.kind is LinkKind.PROFILE and owner_kind is LinkOwner.PERSON:
            yield owner, SCHEMA.sameAs, iri(link.url)
