"""N-Triples terms as plain strings: IRIs, literals and the few typed literals we emit.

Every triple of the graph stage is a tuple of three complete N-Triples terms, so export
can write them as they are and pyoxigraph can parse them without rdflib in between.
Escaping follows the canonical N-Triples form of RDF 1.2: ``\\b \\t \\n \\f \\r \\" \\\\`` as
ECHAR, the other C0 control characters and DEL as ``\\u00XX``; everything else (any
non-ASCII letter) is written as it is, in UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from urllib.parse import quote

from scholarld.graph.namespaces import XSD

Triple = tuple[str, str, str]

_ECHAR = {
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0C: "\\f",
    0x0D: "\\r",
    0x22: '\\"',
    0x5C: "\\\\",
}
_LITERAL_ESCAPES: dict[int, str] = {
    code: _ECHAR.get(code, f"\\u{code:04X}") for code in (*range(0x20), 0x7F, 0x22, 0x5C)
}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
# Characters an N-Triples IRIREF cannot hold: controls, space and <>"{}|^`\
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')

XSD_STRING = XSD.string


def iri(value: str) -> str:
    """``<value>``, percent-encoding the characters an IRI reference cannot contain."""
    if _NOT_IN_IRI.search(value):
        value = _NOT_IN_IRI.sub(_percent_encode, value)
    return f"<{value}>"


def _percent_encode(match: re.Match[str]) -> str:
    return quote(match.group(0), safe="")


def iri_value(term: str) -> str:
    """The IRI inside an IRI term: ``<https://schema.org/name>`` → ``https://schema.org/name``."""
    return term[1:-1]


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal term: plain (``xsd:string``), language-tagged, or typed (``datatype`` is an
    IRI term such as ``XSD.gYear``)."""
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_LITERAL_ESCAPES)
    if lang is not None:
        return f'"{text}"@{lang}'
    if datatype is not None and datatype != XSD_STRING:
        return f'"{text}"^^{datatype}'
    return f'"{text}"'


def year_literal(year: int) -> str:
    """``"2016"^^xsd:gYear``."""
    return f'"{year:04d}"^^{XSD.gYear}'


def date_literal(year: int, month: int | None = None) -> str:
    """The most precise publication date known: ``xsd:gYearMonth`` with a month, else
    ``xsd:gYear``."""
    if month is None:
        return year_literal(year)
    return f'"{year:04d}-{month:02d}"^^{XSD.gYearMonth}'


def start_of_year(year: int) -> str:
    """Start of a time interval given as a year: ``"2016-01-01T00:00:00Z"^^xsd:dateTime``."""
    return f'"{year:04d}-01-01T00:00:00Z"^^{XSD.dateTime}'


def end_of_year(year: int) -> str:
    """End of a time interval given as a year: ``"2019-12-31T23:59:59Z"^^xsd:dateTime``."""
    return f'"{year:04d}-12-31T23:59:59Z"^^{XSD.dateTime}'


def integer_literal(value: int) -> str:
    return f'"{value}"^^{XSD.integer}'


def url_literal(url: str) -> str:
    """A URL as an ``xsd:anyURI`` literal (``fabio:hasURL``)."""
    return literal(url, datatype=XSD.anyURI)


def ntriples_lines(triples: Sequence[Triple], tail: str = " .\n") -> str:
    """``triples`` as N-Triples lines (``tail`` ends each: `` <graph> .\n`` for N-Quads),
    joined in C: no Python code runs per line."""
    return tail.join(map(" ".join, triples)) + tail if triples else ""


SLICE_TRIPLES = 25_000  # N-Triples lines encoded at a time


def ntriples_slices(triples: Sequence[Triple], size: int = SLICE_TRIPLES) -> Iterator[bytes]:
    """``triples`` as UTF-8 N-Triples, encoded ``size`` lines at a time: an ASCII-only
    slice encodes as a copy, while one string holding a single non-ASCII character would
    be stored (and encoded) at two or four bytes per character, and a writer can pass
    each slice on before the next is made."""
    for start in range(0, len(triples), size):
        yield ntriples_lines(triples[start : start + size]).encode()
