"""A small, fast, deterministic JSON-LD writer, compacted with the local context.

pyoxigraph writes JSON-LD only in expanded form, so scholarld compacts itself: sorted
triples are grouped by subject into node objects (``@id``, ``@type``, then properties in
key order), IRIs are shortened with the context (schema.org terms via ``@vocab``, other
vocabularies as ``prefix:name``, site IRIs relative to ``@base``), plain strings stay
strings, typed literals become ``{"@value", "@type"}`` and tagged ones
``{"@value", "@language"}``. The context is embedded (with ``@base`` set to the site's
base IRI), so nothing is ever fetched to read the output back.

Dataset form (the default): ``{"@context", "@graph": [{"@id": <graph>, "@graph": [...]}]}``,
one entry per named graph. With ``named=False`` the union is written as one ``@graph``.
Each node object is one line, which keeps the file readable and diffable, and lets the
C JSON encoder do the work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any

from scholarld.parallel import map_in_two
from scholarld.serialize.context import JsonLdContext, embedded_context
from scholarld.serialize.lines import Triple, TripleGraph, union_triples
from scholarld.serialize.ntterms import XSD_STRING, iri_of, is_blank, literal_parts, unescape

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_VOCAB_TERM = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
JsonValue = str | dict[str, str]


def text_encoder() -> json.JSONEncoder:
    """The encoder of ``json.dumps(value, ensure_ascii=False)``, made once per document."""
    return json.JSONEncoder(ensure_ascii=False)


@dataclass
class Compactor:
    """Shortens IRIs for one document; the caches live as long as one write call."""

    context: JsonLdContext
    base_iri: str
    keys: dict[str, str] = field(default_factory=dict)  # predicate term -> key
    term_ids: dict[str, str] = field(default_factory=dict)  # node term -> id
    ids: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    # object term -> its JSON value, for keys coerced to IRIs or not (values repeat a lot;
    # the JSON encoder does not mind one dict appearing in many nodes)
    values: dict[str, JsonValue] = field(default_factory=dict)
    coerced_values: dict[str, JsonValue] = field(default_factory=dict)
    # for ``node_text``: values as JSON text; predicate -> key, key as JSON, value texts
    fragments: dict[str, str] = field(default_factory=dict)
    coerced_fragments: dict[str, str] = field(default_factory=dict)
    predicate_texts: dict[str, tuple[str, str, dict[str, str]]] = field(default_factory=dict)
    type_texts: dict[str, str] = field(default_factory=dict)  # rdf:type object -> JSON
    encoder: json.JSONEncoder = field(default_factory=text_encoder)


def write_jsonld(
    graphs: Sequence[TripleGraph], context: JsonLdContext, base_iri: str, *, named: bool = True
) -> str:
    """The graphs as one compacted JSON-LD document (text ending with a newline)."""
    return "".join(jsonld_parts(graphs, context, base_iri, named=named))


def jsonld_parts(
    graphs: Sequence[TripleGraph], context: JsonLdContext, base_iri: str, *, named: bool = True
) -> Iterator[str]:
    """``write_jsonld`` in parts: the context, each named graph's entry (or the union's
    nodes), the end."""
    compactor = Compactor(context, base_iri)
    head = json.dumps({"@context": embedded_context(context, base_iri)}, indent=2)
    yield head[: head.rfind("}")].rstrip() + ",\n" + '  "@graph": [\n'
    if named:
        # independent per graph: with many graphs, a second process writes part of them
        entries = map_in_two(partial(_graph_entries, compactor), graphs, child_share=0.5)
    else:
        entries = _node_lines(iter(union_triples(graphs)), compactor, "    ")
    for number, entry in enumerate(entries):
        yield (",\n" if number else "") + entry
    yield "\n  ]\n}\n" if entries else "  ]\n}\n"


def _graph_entries(compactor: Compactor, graphs: Sequence[TripleGraph]) -> list[str]:
    return [_graph_entry(graph, compactor) for graph in graphs]


def _graph_entry(graph: TripleGraph, compactor: Compactor) -> str:
    graph_id = json.dumps(compact_id(graph.iri, compactor), ensure_ascii=False)
    nodes = _node_lines(iter(graph.triples), compactor, "        ")
    if not nodes:
        return f'    {{"@id": {graph_id}, "@graph": []}}'
    body = ",\n".join(nodes)
    return f'    {{\n      "@id": {graph_id},\n      "@graph": [\n{body}\n      ]\n    }}'


def _node_lines(triples: Iterator[Triple], compactor: Compactor, indent: str) -> list[str]:
    return [
        indent + node_text(subject, group, compactor)
        for subject, group in groupby(triples, key=itemgetter(0))
    ]


def node_text(subject: str, triples: Iterable[Triple], compactor: Compactor) -> str:
    """``node_object`` as JSON text: the bytes ``compactor.encoder`` would give for it,
    joined from each key's and value's JSON text, encoded once per term (values repeat a
    lot). A subject's triples are sorted, so each predicate's values are adjacent; each
    predicate IRI has a key of its own (the mapping's predicates come from the vocabularies
    of ``graph.namespaces``, which the context shortens without collisions)."""
    types: list[str] = []
    entries: list[tuple[str, str, list[str]]] = []  # key, its JSON text, value texts
    current = ""
    values: list[str] = []
    predicates = compactor.predicate_texts
    for _, predicate, obj in triples:
        if predicate == RDF_TYPE and obj[0] == "<":
            types.append(compactor.type_texts.get(obj) or _type_text(obj, compactor))
            continue
        if predicate != current:
            current = predicate
            key, key_text, known = predicates.get(predicate) or _predicate_text(
                predicate, compactor
            )
            values = []
            entries.append((key, key_text, values))
        fragment = known.get(obj)
        if fragment is None:
            fragment = known[obj] = _value_text(obj, key, compactor)
        values.append(fragment)
    parts = ['"@id": ' + encode_basestring(_term_id(subject, compactor))]
    if types:
        parts.append('"@type": ' + (types[0] if len(types) == 1 else f"[{', '.join(types)}]"))
    entries.sort()
    for _, key_text, listed in entries:
        value = listed[0] if len(listed) == 1 else f"[{', '.join(listed)}]"
        parts.append(f"{key_text}: {value}")
    return "{" + ", ".join(parts) + "}"


def _predicate_text(predicate: str, compactor: Compactor) -> tuple[str, str, dict[str, str]]:
    """A predicate's key, the key as JSON text, and the value texts for that key."""
    key = compactor.keys.get(predicate) or _key_of(predicate, compactor)
    coerced = key in compactor.context.coerced
    known = compactor.coerced_fragments if coerced else compactor.fragments
    found = compactor.predicate_texts[predicate] = (key, encode_basestring(key), known)
    return found


def _type_text(obj: str, compactor: Compactor) -> str:
    text = compactor.type_texts[obj] = encode_basestring(compact_type(iri_of(obj), compactor))
    return text


def _value_text(obj: str, key: str, compactor: Compactor) -> str:
    value = _value(obj, key in compactor.context.coerced, compactor)
    return encode_basestring(value) if isinstance(value, str) else compactor.encoder.encode(value)


def node_object(subject: str, triples: Iterable[Triple], compactor: Compactor) -> dict[str, Any]:
    """One node object: ``@id``, ``@type``, then each property's values in triple order."""
    node: dict[str, Any] = {"@id": _term_id(subject, compactor)}
    types: list[str] = []
    properties: dict[str, list[JsonValue]] = {}
    coerced = compactor.context.coerced
    keys, plain_values, coerced_values = compactor.keys, compactor.values, compactor.coerced_values
    for _, predicate, obj in triples:
        if predicate == RDF_TYPE and obj[0] == "<":
            types.append(compact_type(iri_of(obj), compactor))
            continue
        key = keys.get(predicate) or _key_of(predicate, compactor)
        known = coerced_values if key in coerced else plain_values
        value = known.get(obj)
        if value is None:
            value = known[obj] = _value(obj, key in coerced, compactor)
        listed = properties.get(key)
        if listed is None:
            properties[key] = [value]
        else:
            listed.append(value)
    if types:
        node["@type"] = types[0] if len(types) == 1 else types
    for key in sorted(properties):
        listed = properties[key]
        node[key] = listed[0] if len(listed) == 1 else listed
    return node


def _term_id(term: str, compactor: Compactor) -> str:
    """An IRI or blank node term as a node id (cached by term: objects repeat a lot)."""
    cached = compactor.term_ids.get(term)
    if cached is None:
        cached = term if is_blank(term) else compact_id(iri_of(term), compactor)
        compactor.term_ids[term] = cached
    return cached


def _key_of(predicate: str, compactor: Compactor) -> str:
    key = compact_key(iri_of(predicate), compactor)
    compactor.keys[predicate] = key
    return key


def _value(term: str, coerced: bool, compactor: Compactor) -> JsonValue:
    if term[0] != '"':
        node_id = _term_id(term, compactor)
        return node_id if coerced else {"@id": node_id}
    if term[-1] == '"':  # a plain string: no language tag, no datatype
        text = unescape(term[1:-1])
        return {"@value": text} if coerced else text
    parts = literal_parts(term)
    if parts.language is not None:
        return {"@value": parts.value, "@language": parts.language}
    if parts.datatype != XSD_STRING:
        return {"@value": parts.value, "@type": compact_type(parts.datatype, compactor)}
    return {"@value": parts.value} if coerced else parts.value


def compact_key(iri: str, compactor: Compactor) -> str:
    """A property IRI as a key: a coerced term, a bare schema.org name, prefix:name or IRI."""
    return compactor.context.id_terms.get(iri) or compact_type(iri, compactor)


def compact_type(iri: str, compactor: Compactor) -> str:
    """A vocabulary IRI (class, property, datatype) in its shortest unambiguous form."""
    cached = compactor.types.get(iri)
    if cached is None:
        cached = _vocab_form(iri, compactor.context) or _prefixed(iri, compactor.context) or iri
        compactor.types[iri] = cached
    return cached


def compact_id(iri: str, compactor: Compactor) -> str:
    """A node IRI: relative to ``@base`` when under it, else prefix:name, else in full."""
    cached = compactor.ids.get(iri)
    if cached is None:
        cached = _relative(iri, compactor.base_iri) or _prefixed(iri, compactor.context) or iri
        compactor.ids[iri] = cached
    return cached


def _vocab_form(iri: str, context: JsonLdContext) -> str | None:
    if not iri.startswith(context.vocab):
        return None
    local = iri[len(context.vocab) :]
    if _VOCAB_TERM.match(local) and local not in context.terms:
        return local
    return None


def _prefixed(iri: str, context: JsonLdContext) -> str | None:
    best: tuple[str, str] | None = None
    for prefix, namespace in context.prefixes.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(best[1])):
            best = (prefix, namespace)
    if best is None:
        return None
    suffix = iri[len(best[1]) :]
    if not suffix or suffix.startswith("//"):
        return None
    return f"{best[0]}:{suffix}"


def _relative(iri: str, base_iri: str) -> str | None:
    """``iri`` relative to ``base_iri`` when resolving it back gives exactly ``iri``."""
    if not iri.startswith(base_iri):
        return None
    rest = iri[len(base_iri) :]
    if not rest or not rest[0].isalnum() or ":" in rest.split("/", 1)[0]:
        return None
    if "/." in "/" + rest or "?" in rest or "#" in rest:
        return None
    return rest
