"""Turtle, TriG and RDF/XML of the SiteGraph's named graphs.

Turtle and TriG are written by scholarld itself from the sorted N-Triples terms
(``serialize.turtle_writer``, ``serialize.turtle_terms``): no parsing, byte-identical on
re-run. Large bodies are written in slices cut at subject boundaries, a second process
writing part of them (``parallel.map_in_two``). The header holds:

- ``@base <{base_iri}>``: IRIs under the site's base IRI are written relative to it
  (``<person/kaiming-he>``, ``<work/he2016deep/cvpr2016>``) when that resolves back to
  the same IRI, else in full; Turtle prefixed names cannot contain ``/``, and relative
  IRIs read better than escaped ones (``work:a\\/b``);
- ``@prefix`` lines only for the namespaces the body uses, sorted by prefix.

RDF/XML goes through pyoxigraph (parse the sorted N-Triples, serialize).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from itertools import chain
from typing import NamedTuple

from scholarld.parallel import map_in_two
from scholarld.serialize.lines import Triple, TripleGraph, ntriples_text, union_triples
from scholarld.serialize.turtle_terms import TurtleNames, prefixes_of, turtle_names
from scholarld.serialize.turtle_writer import subject_slices, trig_graph, turtle_body

SLICE_TRIPLES = 25_000  # a body this large or more is written in slices, in two processes


class WrittenPiece(NamedTuple):
    """Part of a body, UTF-8 encoded, with the prefixes it used."""

    text: bytes
    used: frozenset[str]


def write_turtle(
    graphs: Sequence[TripleGraph],
    base_iri: str,
    prefixes: Mapping[str, str],
    *,
    trig: bool,
    union: Sequence[Triple] | None = None,
) -> bytes:
    """Turtle (the union of ``graphs``; ``union`` when already known) or TriG (one named
    graph each)."""
    return b"".join(turtle_chunks(graphs, base_iri, prefixes, trig=trig, union=union))


def turtle_chunks(
    graphs: Sequence[TripleGraph],
    base_iri: str,
    prefixes: Mapping[str, str],
    *,
    trig: bool,
    union: Sequence[Triple] | None = None,
) -> Iterator[bytes]:
    """``write_turtle`` as chunks: the header (which needs every piece's prefixes, so the
    body is written first), then the body's pieces."""
    names = turtle_names(prefixes, base_iri)
    if trig:
        pieces = map_in_two(partial(_trig_pieces, names), graphs)
    else:
        triples = union_triples(graphs) if union is None else union
        slices = subject_slices(triples, len(triples) // SLICE_TRIPLES)
        pieces = map_in_two(partial(_turtle_pieces, names), slices, min_items=2)
    used = frozenset[str]().union(*(piece.used for piece in pieces))
    yield turtle_header(used, prefixes, names)
    for piece in pieces:
        yield piece.text


def turtle_header(used: Iterable[str], prefixes: Mapping[str, str], names: TurtleNames) -> bytes:
    """``@base`` (when IRIs may be relative) and an ``@prefix`` line per used prefix."""
    header = [f"@prefix {name}: <{prefixes[name]}> ." for name in sorted(used)]
    if names.base_iri is not None:
        header.insert(0, f"@base <{names.base_iri}> .")
    return ("\n".join(header) + "\n\n").encode("utf-8")


def document_turtle(
    triples: Sequence[Triple], names: TurtleNames, prefixes: Mapping[str, str]
) -> bytes:
    """One small document's Turtle with ``names`` shared by many documents (terms are
    spelled once per build, not once per document): the same bytes as ``write_turtle``."""
    body = turtle_body(triples, names).encode("utf-8")
    return turtle_header(prefixes_of(chain.from_iterable(triples), names), prefixes, names) + body


def _turtle_pieces(names: TurtleNames, slices: Sequence[Sequence[Triple]]) -> list[WrittenPiece]:
    return [
        WrittenPiece(turtle_body(part, names).encode("utf-8"), frozenset(names.used))
        for part in slices
    ]


def _trig_pieces(names: TurtleNames, graphs: Sequence[TripleGraph]) -> list[WrittenPiece]:
    return [
        WrittenPiece(
            trig_graph(graph.iri, graph.triples, names).encode("utf-8"), frozenset(names.used)
        )
        for graph in graphs
    ]


def write_rdfxml(graphs: Sequence[TripleGraph], prefixes: Mapping[str, str]) -> bytes:
    """RDF/XML of the union of ``graphs`` (RDF/XML has no named graphs)."""
    import pyoxigraph as ox

    text = ntriples_text(graphs)
    used = used_prefixes(text, prefixes)
    triples = ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
    written = _written(ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=used))
    return written if written.endswith(b"\n") else written + b"\n"


def _written(output: bytes | None) -> bytes:
    """pyoxigraph returns the bytes when no output file is given."""
    if output is None:
        raise ValueError("pyoxigraph wrote to a file instead of returning bytes")
    return output


def used_prefixes(text: str, prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefixes whose namespace occurs in ``text`` as the start of an IRI."""
    return {name: iri for name, iri in prefixes.items() if "<" + iri in text}
