"""Literals as pySHACL sees them: as rdflib reads, normalises and spells (``n3()``) them.

pySHACL validates an rdflib graph, so a typed literal is compared, counted, matched and
reported in rdflib's normal form (``"01"^^xsd:integer`` is ``"1"^^xsd:integer``), and a
literal whose lexical form is not valid for its datatype is ill-typed. ``LiteralTable``
reads every literal term of the data once, the canonical forms scholarld writes directly
(``quick_facts``, checked against rdflib by the tests) and any other through rdflib's own
N-Triples literal parsing, and answers those questions for ``core_engine`` the way
pySHACL's constraint components do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

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
class LiteralFacts:
    """What pySHACL's checks read of a literal (rdflib's view of it)."""

    datatype: str | None  # an IRI term; None for plain and language-tagged literals
    language: str | None
    lexical: str  # the lexical form after rdflib's normalisation
    value: object  # the Python value rdflib gives it, None when it gives none
    ill_typed: bool | None


@dataclass(frozen=True)
class LiteralTable:
    """Every literal term of the data → its reported spelling and its facts."""

    facts: dict[str, LiteralFacts]  # reported spelling -> facts
    spelling: dict[str, str]  # N-Triples term -> reported spelling

    @classmethod
    def of(cls, terms: Iterable[str]) -> LiteralTable:
        """Read ``terms`` (N-Triples literals) as rdflib's N-Triples parser does: the common
        canonical forms directly (``quick_facts``), any other through rdflib itself."""
        facts: dict[str, LiteralFacts] = {}
        spelling: dict[str, str] = {}
        for term in set(terms):
            quick = quick_facts(term)
            spelled, found = quick if quick is not None else rdflib_facts(term)
            facts[spelling.setdefault(term, spelled)] = found
        return cls(facts, spelling)

    def matches_datatype(self, value: str, rule: str) -> bool:
        """pySHACL's ``sh:datatype`` test of ``value`` (reported spelling) against ``rule``."""
        found = self.facts.get(value)
        if found is None:
            return False  # an IRI or a blank node
        if found.datatype == rule:
            return found.ill_typed is not True and _value_fits(found, rule)
        if rule == RDFS_LITERAL:
            return True
        if rule == RDFS_DATATYPE:
            return found.datatype is not None
        if found.datatype is None and found.language is None and rule == XSD_STRING:
            return _value_fits(found, rule)
        return rule == RDF_LANG_STRING and bool(found.language) and _value_fits(found, rule)

    def text(self, value: str) -> str | None:
        """What ``sh:pattern`` matches: a literal's lexical form, an IRI; None for a blank node."""
        found = self.facts.get(value)
        if found is not None:
            return found.lexical
        return value[1:-1] if value.startswith("<") else None


def quick_facts(term: str) -> tuple[str, LiteralFacts] | None:
    """The spelling and facts rdflib would give ``term``, for the canonical forms scholarld
    writes (no escapes; lower-case language tags; strings, years, year-months, integers,
    dates and date-times in their usual forms); None: ask rdflib. ``tests/test_core_terms.py``
    checks every answer against rdflib."""
    match = _QUICK.fullmatch(term)
    if match is None:
        return None
    lexical, language, datatype = match.group("lexical", "language", "datatype")
    if datatype is None:
        return term, LiteralFacts(None, language, lexical, lexical, None)
    datatype = f"<{datatype}>"
    if datatype in _UNCONVERTED:
        return term, LiteralFacts(datatype, None, lexical, None, None)
    if datatype == XSD_STRING:
        return term, LiteralFacts(datatype, None, lexical, lexical, False)
    parse = _CONVERTED.get(datatype)
    if parse is None or not parse[0].fullmatch(lexical):
        return None
    try:
        value = parse[1](lexical)
    except ValueError:
        return None  # ill-typed: rdflib's own words
    canonical = lexical if isinstance(value, int) else value.isoformat()
    return f'"{canonical}"^^{datatype}', LiteralFacts(datatype, None, canonical, value, False)


def rdflib_facts(term: str) -> tuple[str, LiteralFacts]:
    """Spelling and facts of ``term`` parsed by rdflib (``parse_literal``)."""
    literal = parse_literal(term)
    datatype = None if literal.datatype is None else f"<{literal.datatype}>"
    facts = LiteralFacts(datatype, literal.language, str(literal), literal.value, literal.ill_typed)
    return literal.n3(), facts


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


def _value_fits(found: LiteralFacts, rule: str) -> bool:
    expected = VALUE_TYPES.get(rule)
    return expected is None or isinstance(found.value, expected)


_QUICK = re.compile(
    r'"(?P<lexical>[^"\\\x00-\x1f]*)"'
    r"(?:@(?P<language>[a-z]{1,8}(?:-[a-z0-9]{1,8})*)|\^\^<(?P<datatype>[^<>\\\s]+)>)?"
)
_UNCONVERTED = frozenset({f"<{XSD}gYear>", f"<{XSD}gYearMonth>"})  # rdflib gives no value
_CONVERTED: dict[str, tuple[re.Pattern[str], Callable[[str], Any]]] = {
    f"<{XSD}integer>": (re.compile(r"0|-?[1-9][0-9]{0,17}"), int),
    f"<{XSD}date>": (re.compile(r"[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}"), date.fromisoformat),
    f"<{XSD}dateTime>": (
        re.compile(
            r"[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})?"
        ),
        datetime.fromisoformat,
    ),
}
