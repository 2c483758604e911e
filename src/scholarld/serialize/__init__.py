"""Stage 5, serialize: the SiteGraph's named graphs as bytes in one RDF format.

``serialize(graphs, fmt, base_iri, prefixes, union)`` dispatches on ``scholarld.formats``:
N-Triples and N-Quads are joined straight from the sorted term strings
(``serialize.lines``), Turtle/TriG written by scholarld from them too
(``serialize.turtle``, ``turtle_writer``, ``turtle_terms``), RDF/XML by pyoxigraph, JSON-LD
by scholarld's own compacting writer (``serialize.jsonld``). ``union``, when the caller
has it (``SiteGraph.union``), saves merging the graphs again. Every format is
deterministic: the same graphs give byte-identical output.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scholarld.formats import RdfFormat
from scholarld.serialize.context import load_context
from scholarld.serialize.jsonld import write_jsonld
from scholarld.serialize.lines import (
    Triple,
    TripleGraph,
    nquads_text,
    ntriples_bytes,
    union_triples,
)
from scholarld.serialize.turtle import write_rdfxml, write_turtle

__all__ = ["TripleGraph", "serialize"]


def serialize(
    graphs: Sequence[TripleGraph],
    fmt: RdfFormat,
    base_iri: str,
    prefixes: Mapping[str, str],
    union: Sequence[Triple] | None = None,
) -> bytes:
    """``graphs`` (sorted by IRI) in ``fmt``; dataset formats keep one named graph each.
    ``union``: every triple of ``graphs`` once, sorted, when the caller has it already."""
    if fmt.name == "nt":
        return ntriples_bytes(union_triples(graphs) if union is None else union)
    if fmt.name == "nq":
        return nquads_text(graphs).encode("utf-8")
    if fmt.name in ("ttl", "trig"):
        return write_turtle(graphs, base_iri, prefixes, trig=fmt.name == "trig", union=union)
    if fmt.name == "jsonld":
        return write_jsonld(graphs, load_context(), base_iri).encode("utf-8")
    if fmt.name == "xml":
        return write_rdfxml(graphs, prefixes)
    raise ValueError(f"no writer for format {fmt.name!r}")  # formats.FORMATS and this agree
