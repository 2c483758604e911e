"""Every class, property, individual and datatype the graph emits exists in the real
vocabulary files in ../shared/vocab (guards typos, the http/https schema.org trap, the
frbr and oco namespaces), or, for vocabularies not in that folder, in a short allowlist."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
import yaml

from scholarld.graph import build_site_graph, to_rdflib_graph
from scholarld.graph.namespaces import PREFIXES
from scholarld.identity import resolve_people
from scholarld.model import Profile, SiteConfig
from scholarld.profiles import Site, SourcedProfile

FIXTURES = Path(__file__).parent / "fixtures" / "graph"
DEFAULT_PROFILE = Path(__file__).resolve().parents[1] / "data" / "people" / "kaiming-he.yaml"
VOCAB_FILES = (
    "schemaorg-current-https.ttl", "fabio.ttl", "frbr.ttl", "pro.ttl", "datacite.ttl",
    "literal.ttl", "pso.ttl", "scoro.ttl", "opencitations/ontology.ttl",
)  # fmt: skip
# Vocabularies with no file in ../shared/vocab: the terms the mapping may use, written out.
NOT_IN_FOLDER = {
    "rdf": {"type", "langString"},
    "rdfs": {"label"},
    "owl": set(),
    "xsd": {"string", "gYear", "gYearMonth", "date", "dateTime", "integer", "anyURI"},
    "void": {"Dataset", "triples", "uriSpace", "sparqlEndpoint", "dataDump", "vocabulary",
             "exampleResource"},
    "dcat": {"Dataset"},
    "foaf": {"Person", "Organization", "name", "givenName", "familyName", "homepage"},
    "dcterms": {"title", "creator", "license", "modified", "format", "publisher"},
    "tvc": {"atTime"},
    "ti": {"TimeInterval", "hasIntervalStartDate", "hasIntervalEndDate"},
}  # fmt: skip
VOID_VOCABULARY = rdflib.URIRef("http://rdfs.org/ns/void#vocabulary")
CLASS_TYPES = {rdflib.OWL.Class, rdflib.RDFS.Class}
PROPERTY_TYPES = {rdflib.RDF.Property, rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty,
                  rdflib.OWL.AnnotationProperty}  # fmt: skip


@pytest.fixture(scope="module")
def vocabulary(vocab_dir: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    for name in VOCAB_FILES:
        graph.parse(vocab_dir / name)
    return graph


def _profile(path: Path, slug: str) -> SourcedProfile:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return SourcedProfile(slug, path, Profile.model_validate(data))


@pytest.fixture(scope="module")
def emitted() -> rdflib.Graph:
    """The fixtures (every enum value of the model) and, if present, the default profile."""
    profiles = [_profile(FIXTURES / f"{slug}.yaml", slug) for slug in ("jane-doe", "kaiming-he")]
    if DEFAULT_PROFILE.exists():
        profiles.append(_profile(DEFAULT_PROFILE, "default-kaiming-he"))
    site = Site(SiteConfig(modified="2020-06-01"), tuple(profiles), FIXTURES)
    return to_rdflib_graph(build_site_graph(site, resolve_people(site.profiles)))


def _prefixed(term: rdflib.URIRef) -> tuple[str, str] | None:
    """(prefix, local name) when ``term`` is in one of the mapping's vocabularies."""
    for prefix, namespace in PREFIXES.items():
        if str(term).startswith(namespace):
            return prefix, str(term)[len(namespace) :]
    return None


def _terms(graph: rdflib.Graph) -> dict[str, set[rdflib.URIRef]]:
    terms: dict[str, set[rdflib.URIRef]] = {"class": set(), "property": set(), "other": set()}
    for _, p, o in graph:
        terms["property"].add(p)  # type: ignore[arg-type]
        if p == rdflib.RDF.type:
            terms["class"].add(o)  # type: ignore[arg-type]
        elif p == VOID_VOCABULARY:
            continue  # its objects are namespaces, not terms
        elif isinstance(o, rdflib.URIRef) and _prefixed(o) is not None:
            terms["other"].add(o)
        elif isinstance(o, rdflib.Literal) and o.datatype is not None:
            terms["other"].add(o.datatype)
    return terms


def _known(term: rdflib.URIRef, vocabulary: rdflib.Graph) -> bool:
    prefixed = _prefixed(term)
    if prefixed is not None and prefixed[0] in NOT_IN_FOLDER:
        return prefixed[1] in NOT_IN_FOLDER[prefixed[0]]
    return (term, None, None) in vocabulary


def test_every_emitted_term_exists(emitted: rdflib.Graph, vocabulary: rdflib.Graph) -> None:
    terms = set().union(*_terms(emitted).values())
    assert len(terms) > 150
    unknown = sorted(str(term) for term in terms if not _known(term, vocabulary))
    assert not unknown, f"terms not in ../shared/vocab nor the allowlist: {unknown}"


def test_classes_are_classes_and_properties_are_properties(
    emitted: rdflib.Graph, vocabulary: rdflib.Graph
) -> None:
    terms = _terms(emitted)
    wrong = []
    for kind, expected in (("class", CLASS_TYPES), ("property", PROPERTY_TYPES)):
        for term in terms[kind]:
            declared = set(vocabulary.objects(term, rdflib.RDF.type))
            if declared and not declared & expected:
                wrong.append(
                    f"{term} is used as a {kind} but declared {sorted(map(str, declared))}"
                )
    assert not wrong, "\n".join(wrong)


def test_schema_org_is_https_and_terms_are_checked(emitted: rdflib.Graph) -> None:
    assert not any("http://schema.org/" in str(term) for triple in emitted for term in triple)
    bad = rdflib.URIRef("https://schema.org/nmae")
    assert not _known(bad, rdflib.Graph())
    assert not _known(rdflib.URIRef("http://purl.org/spar/frbr/realization"), rdflib.Graph())
    assert not _known(rdflib.URIRef("http://xmlns.com/foaf/0.1/nmae"), rdflib.Graph())
