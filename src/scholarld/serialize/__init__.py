"""Stage 5, serialize: the SiteGraph's named graphs as bytes in one RDF format.

``serialize(graphs, fmt, base_iri, prefixes, union)`` dispatches on ``scholarld.formats``:
N-Triples and N-Quads are joined straight from the sorted term strings
(``serialize.lines``), Turtle/TriG written by scholarld from them too
(``serialize.turtle``, ``turtle_writer``, ``turtle_terms``), RDF/XML by pyoxigraph, JSON-LD
by scholarld's own compacting writer (``serialize.jsonld``). ``union``, when the caller
has it (``SiteGraph.union``), saves merging the graphs again. Every format is
deterministic: the same graphs give byte-identical output. ``serialize_chunks`` gives the
same bytes in chunks, for writers that pass them on as they come (``scholarld export``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from scholarld.formats import RdfFormat
from scholarld.serialize.context import load_context
from scholarld.serialize.jsonld import jsonld_parts
from scholarld.serialize.lines import (
    Triple,
    TripleGraph,
    nquads_chunks,
    ntriples_chunks,
    union_triples,
)
from scholarld.serialize.turtle import turtle_chunks, write_rdfxml

__all__ = ["TripleGraph", "serialize", "serialize_chunks"]


def serialize(
    graphs: Sequence[TripleGraph],
    fmt: RdfFormat,
    base_iri: str,
    prefixes: Mapping[str, str],
    union: Sequence[Triple] | None = None,
) -> bytes:
    """``graphs`` (sorted by IRI) in ``fmt``; dataset formats keep one named graph each.
    ``union``: every triple of ``graphs`` once, sorted, when the caller has it already."""
    return b"".join(serialize_chunks(graphs, fmt, base_iri, prefixes, union))


def serialize_chunks(
    graphs: Sequence[TripleGraph],
    fmt: RdfFormat,
    base_iri: str,
    prefixes: Mapping[str, str],
    union: Sequence[Triple] | None = None,
) -> Iterator[bytes]:
    """``serialize`` in chunks of bytes, made as they are asked for."""
    if fmt.name == "nt":
        return ntriples_chunks(union_triples(graphs) if union is None else union)
    if fmt.name == "nq":
        return nquads_chunks(graphs)
    if fmt.name in ("ttl", "trig"):
        return turtle_chunks(graphs, base_iri, prefixes, trig=fmt.name == "trig", union=union)
    if fmt.name == "jsonld":
        return _encoded(jsonld_parts(graphs, load_context(), base_iri))
    if fmt.name == "xml":
        return iter([write_rdfxml(graphs, prefixes)])
    raise ValueError(f"no writer for format {fmt.name!r}")  # formats.FORMATS and this agree


def _encoded(parts: Iterator[str]) -> Iterator[bytes]:
    for part in parts:
        yield part.encode("utf-8")
