"""The embedded JSON-LD of every page of the default site, read by independent processors
(issue 4): pyld expands it with the saved schema.org context (never the network) into
triples that are all in the exported graph and all about what the page shows; extruct, an
HTML structured-data extractor as search engines use, finds the same objects; publication
pages carry Google Scholar's Highwire ``citation_*`` tags with the authors in order."""

from __future__ import annotations

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import extruct  # type: ignore[import-untyped]
import pytest
from pyld import jsonld  # type: ignore[import-untyped]
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from scholarld.model import VersionKind, Work
from scholarld.profiles import read_site
from scholarld.serialize.export import read_site_graph
from scholarld.site.documents import document_path
from site_server import DATA, BuiltSite, default_site_fixture  # noqa: F401  (a fixture)

VOCAB = Path(__file__).resolve().parents[2] / "shared" / "vocab"
SCHEMA_CONTEXT_FILE = VOCAB / "schemaorgcontext.jsonld"
SCHEMA_CONTEXT_URLS = frozenset(
    f"{scheme}://schema.org{path}"
    for scheme in ("http", "https")
    for path in ("", "/", "/docs/jsonldcontext.jsonld", "/docs/jsonldcontext.json")
)
SCHEMA = "https://schema.org/"
PRO_IS_HELD_BY = URIRef("http://purl.org/spar/pro/isHeldBy")
# Pages that must embed JSON-LD; the generic pages of roles and statuses (SPAR terms with
# no schema.org counterpart) may have none.
DESCRIBED_KINDS = frozenset({"person", "work", "venue", "event", "org"})
PROFILE_PAGE = "person/kaiming-he.html"
PUBLICATION_PAGE = "work/he2016deep.html"
Triple = tuple[Node, Node, Node]


@cache
def schema_context() -> Any:
    return json.loads(SCHEMA_CONTEXT_FILE.read_text(encoding="utf-8"))


def offline_loader(url: str, options: dict[str, Any]) -> dict[str, Any]:
    """pyld's document loader: the saved schema.org context, and nothing else."""
    if url not in SCHEMA_CONTEXT_URLS:
        raise jsonld.JsonLdError(
            f"the page's JSON-LD asks for {url}; only the schema.org context is allowed",
            "jsonld.LoadDocumentError",
            code="loading remote context failed",
        )
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": schema_context(),
    }


class PageMarkup(HTMLParser):
    """The JSON-LD scripts and the ``citation_*`` meta tags of one HTML page, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.citations: list[tuple[str, str]] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("type") == "application/ld+json":
            self._inside = True
            self.scripts.append("")
        name = values.get("name") or ""
        if tag == "meta" and name.startswith("citation_"):
            self.citations.append((name, values.get("content") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.scripts[-1] += data


def page_markup(html_file: Path) -> PageMarkup:
    parser = PageMarkup()
    parser.feed(html_file.read_text(encoding="utf-8"))
    parser.close()
    return parser


def https_schema(term: Node) -> Node:
    """``http://schema.org/x`` → ``https://schema.org/x``, in IRIs and datatypes."""
    if isinstance(term, URIRef) and term.startswith("http://schema.org/"):
        return URIRef("https" + term[4:])
    if isinstance(term, Literal) and term.datatype is not None:
        datatype = str(https_schema(term.datatype))
        return Literal(str(term), datatype=datatype) if datatype != term.datatype else term
    return term


def page_triples(html_file: Path, page_url: str) -> set[Triple]:
    """Every triple pyld reads from the page's JSON-LD, schema.org IRIs normalised."""
    triples: set[Triple] = set()
    for text in page_markup(html_file).scripts:
        options = {"documentLoader": offline_loader, "format": "application/n-quads"}
        nquads = jsonld.to_rdf(json.loads(text), {**options, "base": page_url})
        graph = Graph().parse(data=nquads, format="nt")
        triples |= {(https_schema(s), https_schema(p), https_schema(o)) for s, p, o in graph}
    return triples


@pytest.fixture(scope="module")
def exported() -> Graph:
    """The exported graph (the union of every profile's graph, as ``export -f nt``)."""
    _, site_graph = read_site_graph(DATA)
    return Graph().parse(data=site_graph.ntriples(), format="nt")


@pytest.fixture(scope="module")
def base_iri() -> str:
    return str(read_site(DATA).config.base_iri)


def all_pages(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.html"))


def render(triples: set[Triple] | list[Triple]) -> str:
    return "\n".join(sorted(f"  {s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples))


def missing_triples(triples: set[Triple], exported: Graph) -> list[Triple]:
    """Triples of the page that are not in the exported graph; blank nodes are matched
    as variables of one SPARQL ASK over all the page's blank-node triples."""
    ground = [t for t in triples if not any(isinstance(term, BNode) for term in t)]
    missing = [t for t in ground if t not in exported]
    with_blanks = [t for t in triples if t not in ground]
    if with_blanks:
        pattern = " ".join(
            " ".join(f"?b{term}" if isinstance(term, BNode) else term.n3() for term in t) + " ."
            for t in with_blanks
        )
        if not exported.query(f"ASK {{ {pattern} }}").askAnswer:
            missing += with_blanks
    return missing


def reachable(starts: set[Node], triples: set[Triple]) -> set[Node]:
    seen = set(starts)
    frontier = list(starts)
    while frontier:
        node = frontier.pop()
        for s, _, o in triples:
            if s == node and o not in seen and not isinstance(o, Literal):
                seen.add(o)
                frontier.append(o)
    return seen


def off_topic_subjects(page: str, triples: set[Triple], base: str) -> list[Node]:
    """Subjects that are not reachable from a resource of the page's own document (for
    ``index.html``: from a resource of the site)."""
    document = page.removesuffix(".html")
    subjects = {s for s, _, _ in triples}
    starts: set[Node]
    if page == "index.html":
        starts = {s for s in subjects if isinstance(s, URIRef) and s.startswith(base)}
    else:
        starts = {s for s in subjects if document_path(str(s), base) == document}
    return sorted(subjects - reachable(starts, triples), key=str)


def page_problems(site: BuiltSite, page: str, exported: Graph, base: str) -> list[str]:
    triples = page_triples(site.root / page, base + page)
    if not triples and (page == "index.html" or page.split("/")[0] in DESCRIBED_KINDS):
        return ["no JSON-LD triples"]
    problems = []
    missing = missing_triples(triples, exported)
    if missing:
        problems.append(f"{len(missing)} triples not in the exported graph:\n{render(missing)}")
    stray = off_topic_subjects(page, triples, base)
    if stray:
        problems.append(f"subjects not about the page: {[str(s) for s in stray]}")
    return problems


def test_every_page_yields_only_exported_triples_about_itself(
    default_site: BuiltSite, exported: Graph, base_iri: str
) -> None:
    pages = all_pages(default_site.root)
    assert len(pages) > 60, pages
    failures = {page: page_problems(default_site, page, exported, base_iri) for page in pages}
    report = "\n".join(f"{page}:\n" + "\n".join(found) for page, found in failures.items() if found)
    assert not report, f"{report[:20000]}"


def test_offline_loader_refuses_other_contexts() -> None:
    document = {"@context": "https://example.org/context.jsonld", "name": "x"}
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(document, {"documentLoader": offline_loader})


def test_normalising_schema_org_iris() -> None:
    assert https_schema(URIRef("http://schema.org/name")) == URIRef(SCHEMA + "name")
    dated = Literal("2016", datatype=URIRef("http://schema.org/Date"))
    assert https_schema(dated) == Literal("2016", datatype=URIRef(SCHEMA + "Date"))
    assert https_schema(URIRef("http://example.org/")) == URIRef("http://example.org/")


def test_a_triple_outside_the_export_is_reported(exported: Graph, base_iri: str) -> None:
    person = URIRef(base_iri + "person/kaiming-he")
    invented = (person, URIRef(SCHEMA + "name"), Literal("Someone Else"))
    blank = (BNode("x"), URIRef(SCHEMA + "name"), Literal("Nobody"))
    assert missing_triples({invented, blank}, exported) == [invented, blank]
    kept = next(iter(exported.triples((person, URIRef(SCHEMA + "name"), None))))
    assert missing_triples({kept}, exported) == []


def test_profile_page_is_a_profile_page_about_the_person(
    default_site: BuiltSite, base_iri: str
) -> None:
    page = URIRef(base_iri + PROFILE_PAGE)
    triples = page_triples(default_site.root / PROFILE_PAGE, str(page))
    assert (page, RDF.type, URIRef(SCHEMA + "ProfilePage")) in triples, render(triples)
    person = URIRef(base_iri + "person/kaiming-he")
    assert (page, URIRef(SCHEMA + "mainEntity"), person) in triples
    assert (person, RDF.type, URIRef(SCHEMA + "Person")) in triples


def authors_in_order(exported: Graph, base: str, key: str) -> list[URIRef]:
    """The authors of work ``key``: ``{base}work/{key}/author/{n}`` by ``n``."""
    prefix = f"{base}work/{key}/author/"
    roles = [
        (int(str(role)[len(prefix) :]), person)
        for role, person in exported.subject_objects(PRO_IS_HELD_BY)
        if str(role).startswith(prefix) and str(role)[len(prefix) :].isdigit()
    ]
    return [URIRef(str(person)) for _, person in sorted(roles)]


def scholarly_articles(value: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object typed ``ScholarlyArticle``, however deeply nested."""
    found: list[dict[str, Any]] = []
    if isinstance(value, list):
        found += [a for item in value for a in scholarly_articles(item)]
    elif isinstance(value, dict):
        types = value.get("@type", [])
        if "ScholarlyArticle" in (types if isinstance(types, list) else [types]):
            found.append(value)
        found += [a for item in value.values() for a in scholarly_articles(item)]
    return found


def test_publication_page_lists_authors_in_order(
    default_site: BuiltSite, exported: Graph, base_iri: str
) -> None:
    objects = [json.loads(t) for t in page_markup(default_site.root / PUBLICATION_PAGE).scripts]
    articles = scholarly_articles(objects)
    assert articles, f"no ScholarlyArticle in {PUBLICATION_PAGE}: {objects}"
    expected = [str(p) for p in authors_in_order(exported, base_iri, "he2016deep")]
    assert len(expected) == 4, expected
    for article in articles:
        authors = article.get("author")
        assert isinstance(authors, list), f"authors are not an ordered array: {authors}"
        assert [a.get("@id") for a in authors] == expected, authors
        assert all(a.get("@type") == "Person" for a in authors), authors


def person_name(exported: Graph, person: URIRef) -> str:
    names = sorted(str(n) for n in exported.objects(person, URIRef(SCHEMA + "name")))
    return names[0] if names else ""


CONTAINER_TAGS = ("citation_conference_title", "citation_journal_title")
# Versions published in a conference or journal: their page names it in a citation tag.
IN_CONTAINER = frozenset(
    {
        VersionKind.CONFERENCE_PAPER,
        VersionKind.WORKSHOP_PAPER,
        VersionKind.JOURNAL_ARTICLE,
        VersionKind.PROCEEDINGS_JOURNAL_ARTICLE,
    }
)
DATE = re.compile(r"^\d{4}(/\d{2}(/\d{2})?)?$|^\d{4}(-\d{2}(-\d{2})?)?$")


def required_tags(work: Work) -> list[str]:
    """The Highwire tags the work's data calls for (a date only when a year is known)."""
    required = ["citation_title"]
    if any(version.year is not None for version in work.versions):
        required.append("citation_publication_date")
    return required


def highwire_problems(site: BuiltSite, work: Work, exported: Graph, base: str) -> list[str]:
    tags = page_markup(site.root / f"work/{work.key}.html").citations
    names = [name for name, _ in tags]
    problems = [f"no {tag}" for tag in required_tags(work) if tag not in names]
    in_container = any(version.kind in IN_CONTAINER for version in work.versions)
    if in_container and not any(tag in names for tag in CONTAINER_TAGS):
        problems.append("no citation_conference_title or citation_journal_title")
    expected = [person_name(exported, p) for p in authors_in_order(exported, base, work.key)]
    shown = [content for name, content in tags if name == "citation_author"]
    if shown != expected:
        problems.append(f"citation_author {shown} != authors in order {expected}")
    dates = [content for name, content in tags if name == "citation_publication_date"]
    problems += [f"bad citation_publication_date {d!r}" for d in dates if not DATE.match(d)]
    return problems


@pytest.fixture(scope="module")
def works() -> list[Work]:
    site = read_site(DATA)
    return [work for sourced in site.profiles for work in sourced.profile.works]


def test_publication_pages_carry_highwire_tags(
    default_site: BuiltSite, exported: Graph, base_iri: str, works: list[Work]
) -> None:
    pages = [p for p in all_pages(default_site.root) if p.startswith("work/")]
    assert sorted(pages) == sorted(f"work/{work.key}.html" for work in works)
    failures = {w.key: highwire_problems(default_site, w, exported, base_iri) for w in works}
    assert not {p: f for p, f in failures.items() if f}, json.dumps(failures, indent=1)[:8000]
    tags = dict(page_markup(default_site.root / PUBLICATION_PAGE).citations)
    assert tags["citation_title"] == "Deep Residual Learning for Image Recognition"


def top_level_objects(scripts: list[str]) -> list[Any]:
    """The objects of every script, a top-level array counting as its items (as
    extruct reports them)."""
    objects: list[Any] = []
    for text in scripts:
        value = json.loads(text)
        objects += value if isinstance(value, list) else [value]
    return objects


def test_extruct_finds_the_same_jsonld(default_site: BuiltSite, base_iri: str) -> None:
    differing = []
    for page in all_pages(default_site.root):
        html = (default_site.root / page).read_text(encoding="utf-8")
        found = extruct.extract(html, base_url=base_iri + page, syntaxes=["json-ld"])
        ours = top_level_objects(page_markup(default_site.root / page).scripts)
        if found["json-ld"] != ours:
            differing.append(page)
    assert not differing, f"extruct reads other JSON-LD on: {differing}"


def test_a_subject_the_page_does_not_show_is_reported(base_iri: str) -> None:
    page, person, other = (
        URIRef(base_iri + "work/he2016deep.html"),
        URIRef(base_iri + "work/he2016deep"),
        URIRef(base_iri + "person/someone-else"),
    )
    name = URIRef(SCHEMA + "name")
    shown: set[Triple] = {
        (page, URIRef(SCHEMA + "mainEntity"), person),
        (person, name, Literal("x")),
    }
    assert off_topic_subjects("work/he2016deep.html", shown, base_iri) == []
    stray: set[Triple] = {*shown, (other, name, Literal("y"))}
    assert off_topic_subjects("work/he2016deep.html", stray, base_iri) == [other]
