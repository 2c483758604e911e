"""Spelling N-Triples terms the Turtle way: prefixed names, relative IRIs, bare numbers.

The graph stage hands over complete N-Triples terms, which are already valid Turtle; this
module only shortens them, one rule at a time, and remembers each term's spelling (IRIs
and literals repeat a lot):

- an IRI whose namespace has a prefix and whose local name is a plain ``PN_LOCAL``
  (letters, digits, ``_``, ``-`` and inner ``.``; or empty) → ``schema:name``;
  ``rdf:type`` in the predicate position → ``a``;
- an IRI under the site's base IRI whose relative form resolves back to it unchanged
  (RFC 3986 §5.2: no colon before the first ``/``, no dot segments, not starting with ``/``,
  ``?``, ``#`` or ``.``) → ``<person/kaiming-he>``; any other IRI is written in full;
- a literal typed ``xsd:integer``, ``xsd:decimal``, ``xsd:double`` or ``xsd:boolean``
  whose lexical form is that Turtle token → the bare token (``981856``, ``true``); any
  other datatype IRI is shortened as above (``"2016"^^xsd:gYear``);
- blank nodes and plain or language-tagged literals as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_BARE_LITERALS = {
    f"<{_XSD}integer>": re.compile(r"[+-]?[0-9]+\Z"),
    f"<{_XSD}decimal>": re.compile(r"[+-]?[0-9]*\.[0-9]+\Z"),
    f"<{_XSD}double>": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+\Z"),
    f"<{_XSD}boolean>": re.compile(r"(?:true|false)\Z"),
}
# A conservative PN_LOCAL (Turtle grammar [168s]): ASCII only, no escapes, no ':'.
_LOCAL_NAME = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?\Z")


@dataclass
class TurtleNames:
    """How documents spell IRIs: the prefixes and base IRI, with a spelling memo.

    ``used`` collects the prefixes written since the names were made, for the ``@prefix``
    header of one document; ``term_prefixes`` remembers which prefix each term's spelling
    writes, so that names shared by many documents give each its own header
    (``prefixes_of``)."""

    namespaces: dict[str, str]  # namespace IRI -> prefix
    base_iri: str | None  # relative IRIs only under this (ending in "/"), or none at all
    # whether some namespace lies under the base IRI: only then can an IRI under the base
    # be a prefixed name (a namespace matching such an IRI starts with the base)
    prefixes_under_base: bool = False
    spellings: dict[str, str] = field(default_factory=dict)
    predicates: dict[str, str] = field(default_factory=lambda: {RDF_TYPE: "a"})
    used: set[str] = field(default_factory=set)
    term_prefixes: dict[str, str] = field(default_factory=dict)


def turtle_names(prefixes: Mapping[str, str], base_iri: str | None) -> TurtleNames:
    """Names for ``prefixes`` (prefix -> namespace) and, when it ends in ``/``, ``base_iri``."""
    namespaces = {namespace: prefix for prefix, namespace in sorted(prefixes.items())}
    usable_base = base_iri if base_iri is not None and base_iri.endswith("/") else None
    under_base = usable_base is not None and any(ns.startswith(usable_base) for ns in namespaces)
    return TurtleNames(namespaces, usable_base, under_base)


def spell(term: str, names: TurtleNames) -> str:
    """The Turtle spelling of a subject or object term (remembered in ``names``)."""
    spelled = names.spellings.get(term)
    if spelled is None:
        spelled = _spell_literal(term, names) if term[0] == '"' else _spell_node(term, names)
        names.spellings[term] = spelled
        _remember_prefix(term, spelled, names)
    return spelled


def spell_predicate(term: str, names: TurtleNames) -> str:
    """The Turtle spelling of a predicate: ``a`` for ``rdf:type``, else as ``spell``."""
    spelled = names.predicates.get(term)
    if spelled is None:
        spelled = names.predicates[term] = _spell_node(term, names)
        _remember_prefix(term, spelled, names)
    return spelled


def prefixes_of(terms: Iterable[str], names: TurtleNames) -> set[str]:
    """The prefixes the spellings of ``terms`` write (each spelled with ``names``)."""
    known = names.term_prefixes
    return {known[term] for term in set(terms) if term in known}


def _remember_prefix(term: str, spelled: str, names: TurtleNames) -> None:
    """Note the prefix ``spelled`` writes: ``schema:name``, or a literal's datatype
    ``"2016"^^xsd:gYear`` (a bare number or an IRI in full writes none)."""
    if term[0] == '"':
        cut = term.rfind("^^<") + 2
        if cut < 2 or not spelled.startswith(term[:cut]):
            return  # plain, tagged, or written bare
        spelled = spelled[cut:]
    if spelled[0] not in "<_" and ":" in spelled:
        names.term_prefixes[term] = spelled[: spelled.index(":")]


def _spell_node(term: str, names: TurtleNames) -> str:
    if term[0] != "<":
        return term  # a blank node: _:label is Turtle already
    return spell_iri(term[1:-1], names) or term


def spell_iri(value: str, names: TurtleNames) -> str | None:
    """``prefix:local`` or ``<relative>`` for the IRI ``value``; None: write it in full."""
    base = names.base_iri
    if base is not None and not names.prefixes_under_base and value.startswith(base):
        relative = relative_reference(value[len(base) :])  # the site's own nodes: most IRIs
        return None if relative is None else f"<{relative}>"
    cut = max(value.rfind("/"), value.rfind("#")) + 1
    prefix = names.namespaces.get(value[:cut]) if cut else None
    if prefix is not None and _LOCAL_NAME.match(value, cut):
        names.used.add(prefix)
        return f"{prefix}:{value[cut:]}"
    if base is not None and value.startswith(base):
        relative = relative_reference(value[len(base) :])
        if relative is not None:
            return f"<{relative}>"
    return None


def relative_reference(rest: str) -> str | None:
    """``rest`` (what follows the base IRI) when ``<rest>`` resolves to base + rest."""
    if not rest or rest[0] in "/?#." or "/." in rest or "\\" in rest:
        return None
    # a colon before the first "/" (even in a query) reads as a scheme to some parsers
    colon = rest.find(":")
    if colon >= 0 and not 0 <= rest.find("/") < colon:
        return None
    return rest


def _spell_literal(term: str, names: TurtleNames) -> str:
    if term[-1] != ">":
        return term  # plain or language-tagged: as in N-Triples
    cut = term.rindex("^^<")
    datatype = term[cut + 2 :]
    bare = _BARE_LITERALS.get(datatype)
    lexical = term[1 : cut - 1]
    if bare is not None and bare.match(lexical):
        return lexical
    return f"{term[: cut + 2]}{_spell_node(datatype, names)}"
