"""The description of the published dataset, in its own named graph
(``{base}.well-known/void``): ``void:Dataset`` + ``schema:Dataset`` + ``dcat:Dataset`` at
``{base}dataset`` with its size, licence, dumps, SPARQL endpoint, vocabularies and example
resources. ``dcterms:modified`` only when ``site.yaml`` sets ``modified``: no timestamps."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from operator import itemgetter

from scholarld.graph.iris import dataset_iri, under
from scholarld.graph.namespaces import DCAT, DCTERMS, SCHEMA, VOCABULARIES, VOID, XSD, A
from scholarld.graph.terms import Triple, integer_literal, iri, literal
from scholarld.model import SiteConfig

DUMP_FILES = ("all.ttl", "all.nt.gz", "all.nq.gz", "all.jsonld")


def vocabularies_used(blocks: Iterable[Collection[Triple]]) -> list[str]:
    """Namespace IRIs of every predicate and every ``rdf:type`` class used in ``blocks``
    (each named graph's triples), sorted."""
    return vocabulary_namespaces(vocabulary_terms(blocks))


def vocabulary_terms(blocks: Iterable[Collection[Triple]]) -> frozenset[str]:
    """Every predicate and every ``rdf:type`` class of ``blocks``. Going graph by graph
    over their sorted tuples is about three times faster than going over one big set of
    the union."""
    terms: set[str] = set()
    for triples in blocks:
        terms.update(map(itemgetter(1), triples))
        terms.update([obj for _, predicate, obj in triples if predicate == A])
    return frozenset(terms)


def vocabulary_namespaces(terms: Iterable[str]) -> list[str]:
    """The namespaces of ``graph.namespaces.VOCABULARIES`` that ``terms`` use, sorted."""
    namespaces = {
        vocabulary.namespace
        for vocabulary in VOCABULARIES
        for term in terms
        if term.startswith(f"<{vocabulary.namespace}")
    }
    return sorted(namespaces)


def dataset_triples(
    base: str, config: SiteConfig, triple_count: int, vocabularies: Sequence[str],
    examples: Sequence[str],
) -> Iterator[Triple]:  # fmt: skip
    """``triple_count`` is the size of the union of the profile graphs; ``examples`` are
    the profile owners' IRI terms."""
    node = dataset_iri(base)
    title = literal(config.title)
    for cls in (VOID.Dataset, SCHEMA.Dataset, DCAT.Dataset):
        yield node, A, cls
    yield node, DCTERMS.title, title
    yield node, SCHEMA.name, title
    yield node, DCTERMS.license, iri(config.license)
    yield node, SCHEMA.license, iri(config.license)
    yield node, VOID.triples, integer_literal(triple_count)
    yield node, VOID.uriSpace, literal(base[1:-1])
    yield node, VOID.sparqlEndpoint, under(base, "sparql")
    for name in DUMP_FILES:
        yield node, VOID.dataDump, under(base, "dump", name)
    for namespace in vocabularies:
        yield node, VOID.vocabulary, iri(namespace)
    for example in examples:
        yield node, VOID.exampleResource, example
    if config.modified is not None:
        modified = literal(config.modified, datatype=XSD.date)
        yield node, DCTERMS.modified, modified
        yield node, SCHEMA.dateModified, modified
