"""The JSON-LD embedded in the pages: for EVERY page of the default site (and of a
two-profile site), expanded offline with pyld and the schema.org context of
``../shared/vocab`` (http→https schema.org normalised), it yields only triples of the
exported graph, about resources the page shows, and every literal it states is visible on
the page. Strings from a profile cannot break out of the script element."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest

from scholarld.site.documents import document_path
from scholarld.site.jsonld_embed import IRI_TERMS, script_json
from site_pages_fixtures import (
    DATA,
    HOSTILE_NAME,
    HOSTILE_TITLE,
    MODIFIED,
    hostile_site,
    two_profiles,
)
from site_pages_helpers import expand_to_triples, parse_page, render_site, site_triples

BASE = "http://localhost:8000/"
SCHEMA = "https://schema.org/"
CONTEXT_FILE = Path(__file__).resolve().parents[2] / "shared" / "vocab" / "schemaorgcontext.jsonld"


def _site(data: Path) -> tuple[dict[str, str], set[pyoxigraph.Triple]]:
    return render_site(data), site_triples(data)


@pytest.fixture(scope="module")
def default_site() -> tuple[dict[str, str], set[pyoxigraph.Triple]]:
    return _site(DATA)


@pytest.fixture(scope="module")
def two_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, str], set[pyoxigraph.Triple]]:
    return _site(two_profiles(tmp_path_factory.mktemp("two")))


@pytest.fixture(scope="module")
def hostile(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, str], set[pyoxigraph.Triple]]:
    return _site(hostile_site(tmp_path_factory.mktemp("hostile")))


def page_document(path: str) -> str:
    return path.removesuffix(".html") if path != "index.html" else ""


def embedded(html: str) -> list[Any]:
    return [json.loads(script) for script in parse_page(html).scripts]


def check_page(path: str, html: str, graph: set[pyoxigraph.Triple]) -> list[str]:
    """Every problem of one page's JSON-LD, as readable lines (empty: all good)."""
    problems: list[str] = []
    parser = parse_page(html)
    visible = " ".join("".join(parser.text).split())
    linked = {document_path(BASE + _resolve(path, href), BASE) for href in parser.hrefs}
    own = page_document(path)
    for data in embedded(html):
        assert data["@context"] == "https://schema.org", path
        for triple in sorted(expand_to_triples(data), key=str):
            if triple not in graph:
                problems.append(f"{path}: not in the graph: {triple}")
            assert isinstance(triple.subject, pyoxigraph.NamedNode), triple  # no blank nodes
            subject = document_path(triple.subject.value, BASE)
            if (
                subject != own
                and subject not in linked
                and not (own == "" and subject == "dataset")
            ):
                problems.append(f"{path}: about a resource the page does not show: {triple}")
            problems += _visibility(path, triple, visible, parser.hrefs)
    return problems


def _visibility(path: str, triple: pyoxigraph.Triple, visible: str, hrefs: list[str]) -> list[str]:
    obj = triple.object
    if isinstance(obj, pyoxigraph.Literal):
        text = " ".join(obj.value.split())
        return [] if text in visible else [f"{path}: not visible: {text!r}"]
    if isinstance(obj, pyoxigraph.NamedNode) and not obj.value.startswith((BASE, SCHEMA)):
        shown = obj.value in hrefs or obj.value in visible
        return [] if shown else [f"{path}: IRI neither linked nor shown: {obj.value}"]
    return []


def _resolve(page: str, href: str) -> str:
    parts = page.split("/")[:-1]
    for part in href.split("#", 1)[0].split("/"):
        if part == "..":
            parts = parts[:-1]
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def test_every_page_of_the_default_site(
    default_site: tuple[dict[str, str], set[pyoxigraph.Triple]],
) -> None:
    pages, graph = default_site
    problems = [p for path, html in pages.items() for p in check_page(path, html, graph)]
    assert problems == [], "\n".join(problems[:40])
    with_jsonld = [path for path, html in pages.items() if embedded(html)]
    assert "person/kaiming-he.html" in with_jsonld and "work/he2017mask.html" in with_jsonld
    assert len(with_jsonld) >= len(pages) - 5  # untyped resources (role/…) may have none


def test_every_page_of_a_two_profile_site(
    two_site: tuple[dict[str, str], set[pyoxigraph.Triple]],
) -> None:
    pages, graph = two_site
    problems = [p for path, html in pages.items() for p in check_page(path, html, graph)]
    assert problems == [], "\n".join(problems[:40])


def test_profile_page_is_a_google_profile_page(
    default_site: tuple[dict[str, str], set[pyoxigraph.Triple]],
) -> None:
    (data,) = embedded(default_site[0]["person/kaiming-he.html"])
    assert data["@type"] == "ProfilePage"
    assert data["@id"] == BASE + "person/kaiming-he.html"
    person = data["mainEntity"]
    assert person["@type"] == "Person" and person["@id"] == BASE + "person/kaiming-he"
    assert person["name"] == "Kaiming He"
    assert person["alternateName"] == {"@value": "何恺明", "@language": "zh"}
    assert len(person["description"]) == 2
    assert person["worksFor"]["name"] == "Facebook AI Research"


def test_profile_page_date_modified_is_the_sites_and_visible(
    default_site: tuple[dict[str, str], set[pyoxigraph.Triple]],
    two_site: tuple[dict[str, str], set[pyoxigraph.Triple]],
) -> None:
    (undated,) = embedded(default_site[0]["person/kaiming-he.html"])
    assert "dateModified" not in undated  # no date in site.yaml: no clock either
    html = two_site[0]["person/kaiming-he.html"]
    (data,) = embedded(html)
    xsd_date = "http://www.w3.org/2001/XMLSchema#date"  # as datePublished: the graph's literal
    assert data["dateModified"] == {"@value": MODIFIED, "@type": xsd_date}
    assert f'Last updated <time datetime="{MODIFIED}">{MODIFIED}</time>' in html


def test_owner_with_identifiers_gets_same_as_and_identifier(
    two_site: tuple[dict[str, str], set[pyoxigraph.Triple]],
) -> None:
    pages, _ = two_site
    path = next(p for p in pages if p.startswith("person/jane"))
    (data,) = embedded(pages[path])
    person = data["mainEntity"]
    assert "https://orcid.org/0000-0002-1825-0097" in person["sameAs"]
    assert person["image"] == "https://example.org/jane.jpg"
    ids = {i["propertyID"]: i["value"] for i in person["identifier"]}
    assert ids["ORCID"] == "0000-0002-1825-0097"


def test_publication_authors_are_an_ordered_array(
    default_site: tuple[dict[str, str], set[pyoxigraph.Triple]],
) -> None:
    html = default_site[0]["work/he2017mask.html"]
    (data,) = embedded(html)
    assert data["@type"] == "ItemPage"
    work = data["mainEntity"]
    order = ["Kaiming He", "Georgia Gkioxari", "Piotr Dollár", "Ross Girshick"]
    assert [a["name"] for a in work["author"]] == order
    assert all(
        a["@type"] == "Person" and a["@id"].startswith(BASE + "person/") for a in work["author"]
    )
    versions = {v["@id"].rsplit("/", 1)[-1]: v for v in work["workExample"]}
    assert versions["iccv2017"]["@type"] == "ScholarlyArticle"
    assert [a["name"] for a in versions["iccv2017"]["author"]] == order
    assert versions["iccv2017"]["datePublished"] == {
        "@value": "2017",
        "@type": "http://www.w3.org/2001/XMLSchema#gYear",
    }
    assert versions["iccv2017"]["isPartOf"]["isPartOf"]["alternateName"] == "ICCV"
    meta = [content for name, content in parse_page(html).meta if name == "citation_author"]
    assert meta == order


def test_iri_terms_are_coerced_to_ids_by_the_schema_org_context() -> None:
    """The properties written as plain strings are exactly ones the context types @id."""
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    for term in IRI_TERMS:
        assert context[term].get("@type") == "@id", term


def test_script_json_escapes_markup_characters() -> None:
    text = script_json({"name": "</script><!-- & >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- & >"}


def test_hostile_strings_cannot_break_out(
    hostile: tuple[dict[str, str], set[pyoxigraph.Triple]],
) -> None:
    pages, graph = hostile
    for path, html in pages.items():
        scripts = len(parse_page(html).scripts)
        assert html.count("<script") == scripts, path
        assert html.count("</script>") == scripts, path
        assert "<!--" not in html, path
        assert "<b>" not in html, path
        parser = parse_page(html)
        assert all("onmouseover" not in attrs for _, attrs in parser.tags), path
        assert check_page(path, html, graph) == [], path


def test_hostile_strings_round_trip_through_json_ld(
    hostile: tuple[dict[str, str], set[pyoxigraph.Triple]],
) -> None:
    pages, _ = hostile
    (data,) = embedded(pages["work/hostile.html"])
    assert data["mainEntity"]["name"] == HOSTILE_TITLE
    assert data["mainEntity"]["author"][0]["name"] == HOSTILE_NAME
    parser = parse_page(pages["work/hostile.html"])
    assert ("citation_title", HOSTILE_TITLE) in parser.meta
    assert HOSTILE_TITLE in "".join(parser.text)
