"""The graph stage: determinism, the IRI policy, FRBR levels, author order and the
Mask R-CNN worked example of docs/model.md (see also test_vocab_terms.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import rdflib
import yaml
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from scholarld.graph import SiteGraph, build_site_graph, to_rdflib_dataset, to_rdflib_graph
from scholarld.graph.namespaces import PREFIXES
from scholarld.identity import People, resolve_people
from scholarld.model import Profile, SiteConfig
from scholarld.profiles import Site, SourcedProfile

FIXTURES = Path(__file__).parent / "fixtures" / "graph"
DEFAULT_PROFILE = Path(__file__).resolve().parents[1] / "data" / "people" / "kaiming-he.yaml"
BASE = "http://localhost:8000/"
SCHEMA = rdflib.Namespace("https://schema.org/")
FABIO = rdflib.Namespace("http://purl.org/spar/fabio/")
FRBR = rdflib.Namespace("http://purl.org/vocab/frbr/core#")
PSO = rdflib.Namespace("http://purl.org/spar/pso/")
SCORO = rdflib.Namespace("http://purl.org/spar/scoro/")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")


def sourced(path: Path, slug: str | None = None) -> SourcedProfile:
    profile = Profile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    return SourcedProfile(slug or path.stem, path, profile)


def fixture_site(*slugs: str, config: SiteConfig | None = None) -> Site:
    profiles = tuple(sourced(FIXTURES / f"{slug}.yaml") for slug in slugs)
    return Site(config or SiteConfig(), profiles, FIXTURES)


def build(site: Site) -> tuple[SiteGraph, People]:
    people = resolve_people(site.profiles)
    return build_site_graph(site, people), people


@pytest.fixture(scope="module")
def two_profiles() -> SiteGraph:
    return build(fixture_site("jane-doe", "kaiming-he"))[0]


def _sites() -> Iterator[object]:
    yield pytest.param("fixture", id="fixture-profile")
    if DEFAULT_PROFILE.exists():
        yield pytest.param("default", id="default-profile")


@pytest.fixture(scope="module", params=list(_sites()))
def union(request: pytest.FixtureRequest) -> rdflib.Graph:
    if request.param == "default":
        site = Site(SiteConfig(), (sourced(DEFAULT_PROFILE),), DEFAULT_PROFILE.parent)
    else:
        site = fixture_site("kaiming-he", "jane-doe")
    return to_rdflib_graph(build(site)[0])


def test_building_twice_gives_identical_output() -> None:
    site = fixture_site("kaiming-he", "jane-doe")
    first, second = build(site)[0], build(site)[0]
    assert first == second
    reordered = replace(site, profiles=tuple(reversed(site.profiles)))
    assert build(reordered)[0].nquads() == first.nquads()


def test_named_graphs(two_profiles: SiteGraph) -> None:
    iris = [graph.iri for graph in two_profiles.graphs]
    assert iris == sorted(iris)
    assert iris == [f"{BASE}.well-known/void", f"{BASE}graph/jane-doe", f"{BASE}graph/kaiming-he"]
    for graph in two_profiles.profile_graphs():
        assert graph.source == FIXTURES / f"{graph.slug}.yaml"
        assert list(graph.triples) == sorted(set(graph.triples))
    dataset = to_rdflib_dataset(two_profiles)
    names = {str(graph) for _, _, _, graph in dataset.quads((None, None, None, None))}
    assert names == set(iris)
    lines = two_profiles.ntriples().splitlines()
    assert lines == sorted(set(lines))
    assert len(to_rdflib_graph(two_profiles)) == len(lines)


def test_no_blank_nodes_and_every_node_under_the_base(two_profiles: SiteGraph) -> None:
    external = (SCHEMA.sameAs, SCHEMA.url, SCHEMA.contentUrl, SCHEMA.codeRepository,
                SCHEMA.image, SCHEMA.license, DCTERMS.license, DCTERMS["format"], VOID.vocabulary,
                rdflib.URIRef("http://xmlns.com/foaf/0.1/homepage"))  # fmt: skip
    graph = to_rdflib_graph(two_profiles)
    vocabulary = tuple(PREFIXES.values())
    for s, p, o in graph:
        assert not isinstance(s, rdflib.BNode) and not isinstance(o, rdflib.BNode)
        assert str(s).startswith(BASE), s
        if isinstance(o, rdflib.URIRef) and not str(o).startswith(BASE):
            assert p in external or str(o).startswith(vocabulary), (s, p, o)


def test_every_iri_follows_the_configured_base() -> None:
    config = SiteConfig(base_iri="https://people.example.org/site/")
    graph = build(fixture_site("kaiming-he", config=config))[0]
    assert "localhost" not in graph.nquads()
    assert "<https://people.example.org/site/work/he2017mask/iccv2017>" in graph.ntriples()


FRBR_LEVELS = ("Work", "Expression", "Manifestation", "Item")


@pytest.fixture(scope="module")
def frbr_level(vocab_dir: Path) -> dict[rdflib.term.Node, str]:
    """Every FaBiO/FRBR class → its FRBR level, from the subclass closure."""
    ontology = rdflib.Graph()
    ontology.parse(vocab_dir / "fabio.ttl")
    ontology.parse(vocab_dir / "frbr.ttl")
    levels: dict[rdflib.term.Node, str] = {}
    for cls in set(ontology.subjects(rdflib.RDFS.subClassOf, None)):
        supers = set(ontology.transitive_objects(cls, rdflib.RDFS.subClassOf))
        found = {level for level in FRBR_LEVELS if FRBR[level] in supers}
        assert len(found) <= 1, (cls, found)
        if found:
            levels[cls] = found.pop()
    return levels


def test_no_node_is_typed_at_two_frbr_levels(
    union: rdflib.Graph, frbr_level: dict[rdflib.term.Node, str]
) -> None:
    for node in set(union.subjects(rdflib.RDF.type, None)):
        types = set(union.objects(node, rdflib.RDF.type))
        levels = {frbr_level[t] for t in types if t in frbr_level}
        assert len(levels) <= 1, (node, levels)
    assert (None, rdflib.RDF.type, FABIO.TechnicalReport) not in union


def test_every_version_has_exactly_one_expression_class(
    union: rdflib.Graph, frbr_level: dict[rdflib.term.Node, str]
) -> None:
    versions = set(union.subjects(rdflib.RDF.type, SCHEMA.ScholarlyArticle))
    assert versions
    for version in versions:
        classes = [t for t in union.objects(version, rdflib.RDF.type) if str(t).startswith(FABIO)]
        assert len(classes) == 1 and frbr_level[classes[0]] == "Expression", (version, classes)
        works = list(union.objects(version, FRBR.realizationOf))
        assert len(works) == 1 and (works[0], rdflib.RDF.type, FABIO.ResearchPaper) in union


CHAIN_QUERY = """
PREFIX pro: <http://purl.org/spar/pro/>
PREFIX oco: <https://w3id.org/oc/ontology/>
SELECT ?document ?role ?next WHERE {
  ?document pro:isDocumentContextFor ?role .
  ?role pro:withRole pro:author .
  OPTIONAL { ?role oco:hasNext ?next }
}"""


def author_chains(graph: rdflib.Graph) -> dict[str, list[str]]:
    """Each document's author roles in ``oco:hasNext`` order, checking the chain is one
    acyclic path that covers every role."""
    following: dict[str, dict[str, str | None]] = {}
    for row in graph.query(CHAIN_QUERY):
        document, role, nxt = (None if term is None else str(term) for term in row)  # type: ignore[union-attr]
        assert document is not None and role is not None
        roles = following.setdefault(document, {})
        assert roles.get(role) in (None, nxt), f"{role} has two oco:hasNext"
        roles[role] = nxt
    chains: dict[str, list[str]] = {}
    for document, roles in following.items():
        heads = set(roles) - {n for n in roles.values() if n is not None}
        assert len(heads) == 1, f"{document}: author chain has heads {heads}"
        chain: list[str] = []
        current: str | None = heads.pop()
        while current is not None:
            assert current in roles and current not in chain, f"{document}: broken at {current}"
            chain.append(current)
            current = roles[current]
        assert len(chain) == len(roles), f"{document}: chain misses {set(roles) - set(chain)}"
        chains[document] = chain
    return chains


def test_author_roles_form_one_chain_in_author_order(union: rdflib.Graph) -> None:
    chains = author_chains(union)
    assert chains
    for document, chain in chains.items():
        assert chain == [f"{document}/author/{n}" for n in range(1, len(chain) + 1)]


def test_author_order_matches_the_profile() -> None:
    site = fixture_site("kaiming-he")
    graph_, people = build(site)
    chains = author_chains(to_rdflib_graph(graph_))
    graph = to_rdflib_graph(graph_)
    held_by = rdflib.URIRef("http://purl.org/spar/pro/isHeldBy")
    profile = site.profiles[0].profile
    for work in profile.works:
        for document, authors in [(f"{BASE}work/{work.key}", work.authors)]:
            expected = [f"{BASE}person/{people.of_author('kaiming-he', a).key}" for a in authors]
            got = [str(graph.value(rdflib.URIRef(role), held_by)) for role in chains[document]]
            assert got == expected
    glomo = f"{BASE}work/glomo/nips2018/author/"
    assert [str(graph.value(rdflib.URIRef(f"{glomo}{n}"), held_by)) for n in (1, 2)] == [
        f"{BASE}person/zhilin-yang",
        f"{BASE}person/jake-zhao",
    ]


def test_equal_contribution_links_the_roles_both_ways() -> None:
    union = to_rdflib_graph(build(fixture_site("kaiming-he"))[0])
    equal = SCORO.isEqualToRoleInTime
    role = rdflib.URIRef(f"{BASE}work/glomo/nips2018/author/1")
    other = rdflib.URIRef(f"{BASE}work/glomo/nips2018/author/2")
    assert set(union.objects(role, equal)) == {other}
    assert set(union.objects(other, equal)) == {role}
    assert set(union.objects(rdflib.URIRef(f"{BASE}work/glomo/nips2018/author/3"), equal)) == set()


def _expected_mask_r_cnn() -> rdflib.Graph:
    expected = rdflib.Graph()
    expected.parse(FIXTURES / "mask-r-cnn.ttl")
    return expected


EXCLUDED = {SCHEMA.subjectOf, FRBR.supplement, FABIO.hasManifestation, SCHEMA.encoding,
            FRBR.embodiment, SCHEMA.identifier,
            rdflib.URIRef("http://purl.org/spar/datacite/hasIdentifier")}  # fmt: skip


def mask_r_cnn_subgraph(graph: rdflib.Graph, expected: rdflib.Graph) -> rdflib.Graph:
    """The built graph's triples about the nodes the expected snippet describes, without
    links and identifiers, and only pointing at nodes the snippet knows."""
    subjects = set(expected.subjects())
    known = subjects | set(expected.objects())
    work = rdflib.URIRef(f"{BASE}work/he2017mask")
    found = rdflib.Graph()
    for s, p, o in graph:
        if s not in subjects or p in EXCLUDED or (s == work and p == SCHEMA.award):
            continue
        if isinstance(o, rdflib.URIRef) and str(o).startswith(BASE) and o not in known:
            continue
        found.add((s, p, o))
    return found


def test_mask_r_cnn_worked_example(union: rdflib.Graph) -> None:
    expected = _expected_mask_r_cnn()
    found = mask_r_cnn_subgraph(union, expected)
    if not isomorphic(found, expected):
        _, only_found, only_expected = graph_diff(to_isomorphic(found), to_isomorphic(expected))
        pytest.fail(
            "Mask R-CNN differs from tests/fixtures/graph/mask-r-cnn.ttl\n"
            f"only in the built graph:\n{only_found.serialize(format='nt')}\n"
            f"only in the expected snippet:\n{only_expected.serialize(format='nt')}"
        )


def test_nominations_are_not_awards(union: rdflib.Graph) -> None:
    for award in union.objects(None, SCHEMA.award):
        assert "nomination" not in str(award).casefold()
    query = """
    PREFIX pso: <http://purl.org/spar/pso/>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?version ?name WHERE {
      ?version pso:holdsStatusInTime/pso:withStatus ?status .
      ?status a pso:Status ; rdfs:label ?name .
    }"""
    nominated = {(str(v), str(n)) for v, n in union.query(query)}  # type: ignore[misc]
    hough = (f"{BASE}work/qi2019deep/iccv2019", "Best Paper Nomination")
    fixture_hough = (f"{BASE}work/deep-hough-voting/iccv2019", "Best Paper Nomination")
    assert hough in nominated or fixture_hough in nominated


def test_presentations_are_events_featuring_the_version(union: rdflib.Graph) -> None:
    query = """
    PREFIX schema: <https://schema.org/>
    SELECT ?version ?name ?meeting WHERE {
      ?event a schema:Event ; schema:name ?name ; schema:workFeatured ?version ;
             schema:superEvent ?meeting .
      ?version a schema:ScholarlyArticle .
    }"""
    rows = {(str(v), str(n), str(m)) for v, n, m in union.query(query)}  # type: ignore[misc]
    assert (
        f"{BASE}work/he2017mask/iccv2017",
        "Oral presentation",
        f"{BASE}event/iccv/2017",
    ) in rows


def test_unparsed_text_is_not_published(two_profiles: SiteGraph) -> None:
    assert "SECRET UNPARSED TEXT" in (FIXTURES / "kaiming-he.yaml").read_text(encoding="utf-8")
    assert "SECRET UNPARSED" not in two_profiles.nquads()


def test_one_person_iri_across_profiles(two_profiles: SiteGraph) -> None:
    ross = f"<{BASE}person/ross-girshick>"
    for graph in two_profiles.profile_graphs():
        assert any(o == ross for _, p, o in graph.triples if p == "<https://schema.org/author>")


def test_dataset_description(two_profiles: SiteGraph) -> None:
    graph = to_rdflib_graph(two_profiles)
    dataset = rdflib.URIRef(f"{BASE}dataset")
    profile_lines = {f"{s} {p} {o}" for g in two_profiles.profile_graphs() for s, p, o in g.triples}
    assert graph.value(dataset, VOID.triples).toPython() == len(profile_lines)  # type: ignore[union-attr]
    dumps = {str(o) for o in graph.objects(dataset, VOID.dataDump)}
    assert dumps == {f"{BASE}dump/all.{ext}" for ext in ("ttl", "nt.gz", "nq.gz", "jsonld")}
    assert graph.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef(f"{BASE}sparql")
    vocabularies = set(graph.objects(dataset, VOID.vocabulary))
    assert rdflib.URIRef("https://schema.org/") in vocabularies
    assert rdflib.URIRef("http://rdfs.org/ns/void#") not in vocabularies
    examples = set(graph.objects(dataset, VOID.exampleResource))
    assert examples == {rdflib.URIRef(f"{BASE}person/{s}") for s in ("jane-jd-doe", "kaiming-he")}
    assert (dataset, DCTERMS.modified, None) not in graph


def test_modified_date_only_when_configured() -> None:
    config = SiteConfig(modified="2020-06-01")
    graph = to_rdflib_graph(build(fixture_site("kaiming-he", config=config))[0])
    modified = graph.value(rdflib.URIRef(f"{BASE}dataset"), DCTERMS.modified)
    assert modified == rdflib.Literal("2020-06-01", datatype=rdflib.XSD.date)
    page = rdflib.URIRef(f"{BASE}person/kaiming-he.html")
    assert graph.value(page, rdflib.URIRef("https://schema.org/dateModified")) == modified
    undated = to_rdflib_graph(build(fixture_site("kaiming-he"))[0])
    assert (page, rdflib.URIRef("https://schema.org/dateModified"), None) not in undated
