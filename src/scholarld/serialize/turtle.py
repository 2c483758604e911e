"""Turtle, TriG and RDF/XML, written by pyoxigraph (Rust) from the SiteGraph's lines.

The sorted N-Triples (or N-Quads for TriG) are parsed by pyoxigraph and serialized again,
which groups each subject's triples (``;`` and ``,``) in the sorted order, so the output
is byte-identical on re-run. scholarld then writes the header itself:

- ``@prefix`` lines only for the namespaces the data uses, sorted by prefix;
- ``@base <{base_iri}>`` with every IRI under the site's base IRI written relative to it
  (``<person/kaiming-he>``, ``<work/he2016deep/cvpr2016>``): Turtle prefixed names cannot
  contain ``/``, and relative IRIs read better than escaped ones (``work:a\\/b``). When
  relative writing would be unsafe (a literal that contains ``<{base_iri}``, or an IRI
  whose relative form would resolve differently) every IRI is written in full instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from scholarld.serialize.lines import TripleGraph, nquads_text, ntriples_text


def write_turtle(
    graphs: Sequence[TripleGraph], base_iri: str, prefixes: Mapping[str, str], *, trig: bool
) -> bytes:
    """Turtle (the union of ``graphs``) or TriG (one named graph each)."""
    import pyoxigraph as ox

    text = nquads_text(graphs) if trig else ntriples_text(graphs)
    used = used_prefixes(text, prefixes)
    source = ox.RdfFormat.N_QUADS if trig else ox.RdfFormat.N_TRIPLES
    target = ox.RdfFormat.TRIG if trig else ox.RdfFormat.TURTLE
    written = ox.serialize(ox.parse(text, format=source), format=target, prefixes=used)
    body = _without_prefix_lines(_written(written).decode("utf-8"))
    header = [f"@prefix {name}: <{used[name]}> ." for name in sorted(used)]
    if can_write_relative(text, graphs, base_iri, quads=trig):
        body = body.replace("<" + base_iri, "<")
        header.insert(0, f"@base <{base_iri}> .")
    return ("\n".join(header) + "\n\n" + body).encode("utf-8")


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


def _without_prefix_lines(text: str) -> str:
    start = 0
    while text.startswith(("@prefix ", "@base "), start):
        start = text.index("\n", start) + 1
    return text[start:]


def can_write_relative(
    text: str, graphs: Sequence[TripleGraph], base_iri: str, *, quads: bool = False
) -> bool:
    """True when replacing ``<{base_iri}`` by ``<`` changes nothing but the spelling.
    ``text`` is the N-Triples (or, with ``quads``, the N-Quads) of ``graphs``."""
    marker = "<" + base_iri
    unsafe_iri = re.compile(re.escape(marker) + r"(?:[^>/]*:|[/?#.]|[^>]*/\.)")
    if unsafe_iri.search(text):
        return False
    if quads:
        return not any(
            obj[0] == '"' and marker in obj for graph in graphs for _, _, obj in graph.triples
        )
    return not literal_holds(text, marker)


def literal_holds(ntriples: str, marker: str) -> bool:
    """Whether a literal of the N-Triples text contains ``marker``, in one regex scan: on a
    line, the first ``"`` opens the literal object (IRIs and blank nodes cannot hold one),
    so a marker after it on that line is inside the literal or its datatype IRI."""
    return re.search('"[^\n]*' + re.escape(marker), ntriples) is not None
