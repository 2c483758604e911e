"""Vocabulary namespaces, as N-Triples terms.

``SCHEMA.name`` is the complete term ``"<https://schema.org/name>"``; terms whose local
name is not a Python identifier are looked up by item: ``PSO["accepted-for-publication"]``.
``PREFIXES`` maps each prefix to its namespace IRI for Turtle and JSON-LD writers.
schema.org is always ``https://schema.org/`` (never the ``http`` form).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Vocabulary:
    """A namespace: ``prefix`` as written in Turtle, ``namespace`` the IRI terms start with."""

    prefix: str
    namespace: str

    def __getattr__(self, local_name: str) -> str:
        """Called only the first time a term is used: the term is then kept as an instance
        attribute, so ``SCHEMA.name`` is a plain attribute read (the graph stage reads
        terms millions of times). Terms are derived from the frozen fields, so this
        memo never changes what a vocabulary means."""
        if local_name.startswith("__"):
            raise AttributeError(local_name)
        term = f"<{self.namespace}{local_name}>"
        object.__setattr__(self, local_name, term)
        return term

    def __getitem__(self, local_name: str) -> str:
        return f"<{self.namespace}{local_name}>"


SCHEMA = Vocabulary("schema", "https://schema.org/")
FABIO = Vocabulary("fabio", "http://purl.org/spar/fabio/")
FRBR = Vocabulary("frbr", "http://purl.org/vocab/frbr/core#")
PRO = Vocabulary("pro", "http://purl.org/spar/pro/")
OCO = Vocabulary("oco", "https://w3id.org/oc/ontology/")
DATACITE = Vocabulary("datacite", "http://purl.org/spar/datacite/")
LITERAL = Vocabulary("literal", "http://www.essepuntato.it/2010/06/literalreification/")
PRISM = Vocabulary("prism", "http://prismstandard.org/namespaces/basic/2.0/")
PSO = Vocabulary("pso", "http://purl.org/spar/pso/")
SCORO = Vocabulary("scoro", "http://purl.org/spar/scoro/")
TVC = Vocabulary("tvc", "http://www.essepuntato.it/2012/04/tvc/")
TI = Vocabulary("ti", "http://www.ontologydesignpatterns.org/cp/owl/timeinterval.owl#")
DCTERMS = Vocabulary("dcterms", "http://purl.org/dc/terms/")
FOAF = Vocabulary("foaf", "http://xmlns.com/foaf/0.1/")
XSD = Vocabulary("xsd", "http://www.w3.org/2001/XMLSchema#")
RDFS = Vocabulary("rdfs", "http://www.w3.org/2000/01/rdf-schema#")
RDF = Vocabulary("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
OWL = Vocabulary("owl", "http://www.w3.org/2002/07/owl#")
VOID = Vocabulary("void", "http://rdfs.org/ns/void#")
DCAT = Vocabulary("dcat", "http://www.w3.org/ns/dcat#")
SH = Vocabulary("sh", "http://www.w3.org/ns/shacl#")

VOCABULARIES: tuple[Vocabulary, ...] = (
    SCHEMA, FABIO, FRBR, PRO, OCO, DATACITE, LITERAL, PRISM, PSO, SCORO,
    TVC, TI, DCTERMS, FOAF, XSD, RDFS, RDF, OWL, VOID, DCAT, SH,
)  # fmt: skip

# prefix -> namespace IRI, for Turtle ``@prefix`` lines and JSON-LD contexts.
PREFIXES: Mapping[str, str] = MappingProxyType(
    {vocabulary.prefix: vocabulary.namespace for vocabulary in VOCABULARIES}
)

# The one predicate every builder uses.
A = RDF.type
