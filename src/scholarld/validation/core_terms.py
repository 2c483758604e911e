"""Literals as pySHACL sees them: parsed by rdflib, normalised, and spelled by ``n3()``.

pySHACL validates an rdflib graph, so a typed literal is compared, counted, matched and
reported in rdflib's normal form (``"01"^^xsd:integer`` is ``"1"^^xsd:integer``), and a
literal whose lexical form is not valid for its datatype is ill-typed. ``LiteralTable``
reads every literal term of the data once, as rdflib's N-Triples parser does, and answers those
questions for ``core_engine`` the way pySHACL's constraint components do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Literal

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>"
RDFS_LITERAL = "<http://www.w3.org/2000/01/rdf-schema#Literal>"
RDFS_DATATYPE = "<http://www.w3.org/2000/01/rdf-schema#Datatype>"
XSD_STRING = f"<{XSD}string>"
# pySHACL's check of a literal's Python value for the datatypes it knows; others pass
VALUE_TYPES: dict[str, type | tuple[type, ...]] = {
    XSD_STRING: (str, bytes),
    RDF_LANG_STRING: (str, bytes),
    f"<{XSD}integer>": int,
    f"<{XSD}float>": float,
    f"<{XSD}decimal>": Decimal,
    f"<{XSD}boolean>": bool,
    f"<{XSD}date>": date,
    f"<{XSD}time>": time,
    f"<{XSD}dateTime>": datetime,
}


@dataclass(frozen=True)
class LiteralTable:
    """Every literal term of the data → its rdflib literal and its reported spelling."""

    literals: dict[str, Literal]  # reported spelling -> rdflib literal
    spelling: dict[str, str]  # N-Triples term -> reported spelling

    @classmethod
    def of(cls, terms: Iterable[str]) -> LiteralTable:
        """Read ``terms`` (N-Triples literals) as rdflib's N-Triples parser does."""
        literals: dict[str, Literal] = {}
        spelling: dict[str, str] = {}
        for term in set(terms):
            literal = parse_literal(term)
            literals[spelling.setdefault(term, literal.n3())] = literal
        return cls(literals, spelling)

    def matches_datatype(self, value: str, rule: str) -> bool:
        """pySHACL's ``sh:datatype`` test of ``value`` (reported spelling) against ``rule``."""
        literal = self.literals.get(value)
        if literal is None:
            return False  # an IRI or a blank node
        datatype = None if literal.datatype is None else f"<{literal.datatype}>"
        if datatype == rule:
            return literal.ill_typed is not True and _value_fits(literal, rule)
        if rule == RDFS_LITERAL:
            return True
        if rule == RDFS_DATATYPE:
            return datatype is not None
        if datatype is None and literal.language is None and rule == XSD_STRING:
            return literal.ill_typed is not True and _value_fits(literal, rule)
        return rule == RDF_LANG_STRING and bool(literal.language) and _value_fits(literal, rule)

    def text(self, value: str) -> str | None:
        """What ``sh:pattern`` matches: a literal's lexical form, an IRI; None for a blank node."""
        literal = self.literals.get(value)
        if literal is not None:
            return str(literal)
        return value[1:-1] if value.startswith("<") else None


def parse_literal(term: str) -> Literal:
    """The rdflib literal of an N-Triples literal term, built as rdflib's N-Triples parser
    builds it (its own pattern, unescaping and IRI quoting), so normalisation and
    ill-typedness are the ones pySHACL sees."""
    from rdflib import Literal, URIRef
    from rdflib.plugins.parsers.ntriples import r_literal, unquote, uriquote

    match = r_literal.match(term)
    if match is None or match.end() != len(term):
        raise ValueError(f"not an N-Triples literal: {term}")
    lexical, language, datatype = match.groups()
    iri = URIRef(uriquote(unquote(datatype))) if datatype else None
    return Literal(unquote(lexical), language or None, iri)


def _value_fits(literal: Literal, rule: str) -> bool:
    expected = VALUE_TYPES.get(rule)
    return expected is None or isinstance(literal.value, expected)
