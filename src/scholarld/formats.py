"""The RDF formats scholarld writes: one table, used by ``export``, ``query`` and ``serve``.

Each format has a short name (the ``--format`` value), a media type for content
negotiation, a file extension, and whether it can carry named graphs (a *dataset*
format). Dataset formats (N-Quads, TriG, JSON-LD) keep one named graph per profile;
the others write the union of the graphs.

This module imports nothing heavy, so the CLI can build its ``--format`` choices from it
without loading any RDF library.
"""

from __future__ import annotations

from dataclasses import dataclass

from scholarld.errors import ScholarldError


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialization format."""

    name: str  # the --format value, e.g. "ttl"
    label: str  # human name, e.g. "Turtle"
    media_type: str
    extension: str  # without the dot
    dataset: bool  # True when named graphs are kept


FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat("ttl", "Turtle", "text/turtle", "ttl", dataset=False),
    RdfFormat("jsonld", "JSON-LD", "application/ld+json", "jsonld", dataset=True),
    RdfFormat("nt", "N-Triples", "application/n-triples", "nt", dataset=False),
    RdfFormat("nq", "N-Quads", "application/n-quads", "nq", dataset=True),
    RdfFormat("trig", "TriG", "application/trig", "trig", dataset=True),
    RdfFormat("xml", "RDF/XML", "application/rdf+xml", "rdf", dataset=False),
)

FORMAT_NAMES: tuple[str, ...] = tuple(fmt.name for fmt in FORMATS)


class UnknownFormatError(ScholarldError):
    """A format name that is not in the table."""

    def __init__(self, name: str) -> None:
        known = ", ".join(FORMAT_NAMES)
        super().__init__(f"Unknown format {name!r}: use one of {known}")


def get_format(name: str) -> RdfFormat:
    """The format called ``name`` (case-insensitive); ``UnknownFormatError`` otherwise."""
    wanted = name.strip().lower()
    for fmt in FORMATS:
        if fmt.name == wanted:
            return fmt
    raise UnknownFormatError(name)


def format_for_media_type(media_type: str) -> RdfFormat | None:
    """The format whose media type is ``media_type`` (parameters ignored), if any."""
    bare = media_type.split(";", 1)[0].strip().lower()
    for fmt in FORMATS:
        if fmt.media_type == bare:
            return fmt
    return None
