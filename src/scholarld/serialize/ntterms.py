"""Reading N-Triples term strings (the SiteGraph's currency) back into their parts.

The graph stage hands over every subject, predicate and object as a complete N-Triples
term: ``<https://schema.org/name>``, ``_:b0``, ``"Kaiming He"``, ``"何恺明"@zh``,
``"2019"^^<http://www.w3.org/2001/XMLSchema#gYear>``. Writers that do not go through
pyoxigraph (the JSON-LD writer, the query table) need the IRI, the lexical value, the
language tag or the datatype; these functions take a term apart without parsing a whole
document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


@dataclass(frozen=True)
class LiteralParts:
    """A literal's lexical value with its language tag or datatype IRI (never both)."""

    value: str
    language: str | None
    datatype: str  # xsd:string for plain literals, rdf:langString for tagged ones


def unescape(text: str) -> str:
    """Undo N-Triples escapes (``\\n``, ``\\"``, ``\\u00E9`` ...)."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(_unescape_one, text)


def _unescape_one(match: re.Match[str]) -> str:
    short, long, char = match.groups()
    if short or long:
        return chr(int(short or long, 16))
    return _ECHARS.get(char, "\\" + char)


def is_iri(term: str) -> bool:
    return term.startswith("<")


def is_blank(term: str) -> bool:
    return term.startswith("_:")


def is_literal(term: str) -> bool:
    return term.startswith('"')


def iri_of(term: str) -> str:
    """The IRI inside ``<...>``."""
    return unescape(term[1:-1])


def literal_parts(term: str) -> LiteralParts:
    """Split ``"value"@lang`` / ``"value"^^<datatype>`` / ``"value"``."""
    end = term.rfind('"')
    value = unescape(term[1:end])
    rest = term[end + 1 :]
    if rest.startswith("@"):
        return LiteralParts(value, rest[1:], RDF_LANG_STRING)
    if rest.startswith("^^"):
        return LiteralParts(value, None, iri_of(rest[2:]))
    return LiteralParts(value, None, XSD_STRING)
