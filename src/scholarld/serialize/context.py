"""The local JSON-LD context shipped with scholarld (``scholarld/data/context.jsonld``).

JSON-LD output is compacted with this context and embeds it, so no reader ever fetches a
context from the network. The context maps schema.org as ``@vocab`` (``"name"`` is
``https://schema.org/name``), declares one prefix per namespace the graph uses
(``fabio:``, ``frbr:``, ``pro:`` ...) and coerces the schema.org properties whose values
are links (``sameAs``, ``url`` ...) to IRIs, so their values stay IRIs when written as
plain strings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

CONTEXT_RESOURCE = "context.jsonld"


@dataclass(frozen=True)
class JsonLdContext:
    """The parts of the local context the JSON-LD writer compacts with."""

    document: dict[str, Any]  # the file as read: {"@context": {...}}
    vocab: str  # the @vocab IRI
    prefixes: dict[str, str]  # prefix -> namespace IRI
    id_terms: dict[str, str]  # property IRI -> term coerced to "@type": "@id"
    coerced: frozenset[str]  # the names of those terms
    terms: frozenset[str]  # every name the context defines


def load_context() -> JsonLdContext:
    """Read and index the packaged context."""
    text = (resources.files("scholarld") / "data" / CONTEXT_RESOURCE).read_text("utf-8")
    return context_from_document(json.loads(text))


def context_from_document(document: dict[str, Any]) -> JsonLdContext:
    """Index a context document of the shape of ``context.jsonld``."""
    body: dict[str, Any] = document["@context"]
    prefixes: dict[str, str] = {}
    id_terms: dict[str, str] = {}
    for name, definition in body.items():
        if name.startswith("@"):
            continue
        if isinstance(definition, str):
            prefixes[name] = definition
        elif definition.get("@type") == "@id":
            id_terms[definition["@id"]] = name
    terms = frozenset(name for name in body if not name.startswith("@"))
    coerced = frozenset(id_terms.values())
    return JsonLdContext(document, body["@vocab"], prefixes, id_terms, coerced, terms)


def embedded_context(context: JsonLdContext, base_iri: str) -> dict[str, Any]:
    """The context object to embed in a document: the local context plus ``@base``."""
    body = dict(context.document["@context"])
    return {"@base": base_iri, **body}
