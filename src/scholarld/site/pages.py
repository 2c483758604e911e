"""Stage: the HTML pages of the published site, rendered from the site graph.

``render_pages(site_graph, config, templates_dir)`` yields ``(relative path, HTML)`` for
``index.html`` and one page per document (``scholarld.site.documents``), sorted by path:
the profile page of each profile owner (``person/{key}.html``), a page per co-author, per
work (``work/{key}.html``, with BibTeX, a formatted citation and Highwire tags), per venue,
and a property table for every other resource (events, organisations, roles, statuses,
the dataset). Views come from the graph's triples, indexed once (``views_index``);
templates (jinja2, autoescaping on) are compiled once; a user's ``templates_dir`` is
searched first, and ``default:NAME`` always names the package's own template
(``page_templates``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from scholarld.collector import collector_paused
from scholarld.graph.namespaces import SCHEMA
from scholarld.graph.sitegraph import SiteGraph
from scholarld.model import SiteConfig
from scholarld.site.citation import bibtex_entry, formatted_citation
from scholarld.site.documents import BUILT_REPRESENTATIONS, HTML
from scholarld.site.jsonld_embed import (
    JsonObject,
    SharedNodes,
    profile_page_json,
    resource_json,
    script_json,
    work_page_json,
)
from scholarld.site.page_fragments import Bylines, WorkEntries
from scholarld.site.page_templates import load_templates, template_environment, template_problem
from scholarld.site.scholar_tags import highwire_tags
from scholarld.site.views import WorkView, WorkViews
from scholarld.site.views_index import GraphIndex, Linker, index_site_graph
from scholarld.site.views_person import person_view
from scholarld.site.views_resource import resource_views, venue_view

PACKAGE_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = PACKAGE_DIR / "static"
COAUTHOR_PROPERTIES = ("name", "alternateName", "sameAs")
FORMAT_LABELS = {"ttl": "Turtle", "jsonld": "JSON-LD"}


@dataclass(frozen=True)
class Alternate:
    media_type: str
    href: str
    label: str


@dataclass(frozen=True)
class PageInfo:
    """What every page's ``<head>`` and footer need."""

    title: str
    canonical: str
    alternates: tuple[Alternate, ...]


@dataclass(frozen=True)
class Renderer:
    """Everything one build renders with: the graph index, the site config and the
    compiled templates by name."""

    index: GraphIndex
    config: SiteConfig
    templates: dict[str, jinja2.Template]
    owners: frozenset[str]  # plain IRIs of the profile owners
    works: WorkViews  # work views, computed once per build
    entries: WorkEntries  # their rendered list entries
    bylines: Bylines  # author lists with the owners highlighted, each rendered once
    nodes: SharedNodes  # JSON-LD nodes embedded by many pages, built once
    linkers: dict[int, Linker] = field(default_factory=dict)  # by page depth, for the build

    def linker(self, depth: int) -> Linker:
        """The build's linker for pages ``depth`` folders deep (each href worked out once)."""
        found = self.linkers.get(depth)
        if found is None:
            found = self.linkers[depth] = Linker(self.config.base_iri, depth)
        return found


def render_pages(
    site_graph: SiteGraph, config: SiteConfig, templates_dir: Path | None = None
) -> Iterator[tuple[str, str]]:
    """``(relative path, HTML text)`` for ``index.html`` and every document, by path."""
    templates, macros = load_templates(template_environment(templates_dir))
    # The index and the views are many small objects and no reference cycles: the
    # cyclic collector would only rescan them (``collector_paused``, profiles/reader.py).
    with collector_paused(freeze=True):
        index = index_site_graph(site_graph, config.base_iri)
    linker = Linker(config.base_iri, 1)  # the work views' pages sit one folder deep
    owners = owner_iris(index)
    renderer = Renderer(
        index,
        config,
        templates,
        owners,
        WorkViews(index, linker),
        WorkEntries(macros),
        Bylines(macros, owners),
        SharedNodes(index),
        {1: linker},
    )
    documents = sorted(renderer.index.documents)
    paths = sorted([("index.html", ""), *((f"{d}.{HTML.extension}", d) for d in documents)])
    with collector_paused():  # also while the caller writes each page: no cycles either
        for path, document in paths:
            try:
                html = render_document(renderer, document) if document else render_index(renderer)
            except jinja2.TemplateError as error:
                raise template_problem(error, path) from error
            yield path, html


def render_document(renderer: Renderer, document: str) -> str:
    """The HTML page of one document (``person/kaiming-he``, ``work/he2016deep``...)."""
    kind = document.split("/", 1)[0]
    linker = renderer.linker(document.count("/"))
    subject = f"<{renderer.config.base_iri}{document}>"
    if kind == "person" and subject in renderer.index.out:
        if subject[1:-1] in renderer.owners:
            return _profile_page(renderer, linker, document, subject)
        return _coauthor_page(renderer, linker, document, subject)
    if kind == "work" and subject in renderer.index.out:
        return _work_page(renderer, linker, document, subject)
    if kind == "venue" and subject in renderer.index.out:
        return _venue_page(renderer, linker, document, subject)
    return _resource_page(renderer, linker, document, subject)


def page_info(config: SiteConfig, document: str, title: str) -> PageInfo:
    name = document.rsplit("/", 1)[-1]
    alternates = tuple(
        Alternate(r.media_type, f"{name}.{r.extension}", FORMAT_LABELS[r.extension])
        for r in BUILT_REPRESENTATIONS
        if r is not HTML
    )
    return PageInfo(title, f"{config.base_iri}{document}.html", alternates)


def _render(
    renderer: Renderer, name: str, linker: Linker, info: PageInfo, data: JsonObject | None,
    **context: Any,
) -> str:  # fmt: skip
    jsonld = Markup(script_json(data)) if data is not None else None
    return renderer.templates[name].render(
        site=renderer.config, root=linker.root, page=info, jsonld=jsonld, **context
    )


def _profile_page(renderer: Renderer, linker: Linker, document: str, subject: str) -> str:
    person = person_view(renderer.index, linker, subject, renderer.works)
    page = f"<{renderer.config.base_iri}{document}.html>"
    data = profile_page_json(renderer.index, page, subject)
    info = page_info(renderer.config, document, person.name)
    entry = partial(renderer.entries.entry, highlight=person.iri)
    return _render(renderer, "profile", linker, info, data, person=person, entry=entry)


def _coauthor_page(renderer: Renderer, linker: Linker, document: str, subject: str) -> str:
    person = person_view(renderer.index, linker, subject, renderer.works)
    data = resource_json(renderer.index, subject, COAUTHOR_PROPERTIES)
    info = page_info(renderer.config, document, person.name)
    entry = partial(renderer.entries.entry, highlight=person.iri)
    return _render(renderer, "person", linker, info, data, person=person, entry=entry)


def owner_iris(index: GraphIndex) -> frozenset[str]:
    pages = [s for s, table in index.out.items() if SCHEMA.ProfilePage in table.get(_TYPE, ())]
    return frozenset(
        main[1:-1] for page in pages for main in index.objects(page, SCHEMA.mainEntity)
    )


_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def _work_page(renderer: Renderer, linker: Linker, document: str, subject: str) -> str:
    work = renderer.works.get(subject)
    page = f"<{renderer.config.base_iri}{document}.html>"
    data = None
    if page in renderer.index.out:
        data = work_page_json(renderer.nodes, page, subject, _author_orders(work))
    info = page_info(renderer.config, document, work.title)
    return _render(
        renderer, "work", linker, info, data,
        work=work, owners=renderer.owners, byline=renderer.bylines.byline,
        meta=highwire_tags(work), bibtex=bibtex_entry(work), citation=formatted_citation(work),
    )  # fmt: skip


def _author_orders(work: WorkView) -> dict[str, list[str]]:
    """Each node's authors in order, as IRI terms, for the JSON-LD ``author`` arrays."""
    orders = {f"<{work.iri}>": [f"<{a.iri}>" for a in work.authors]}
    for version in work.versions:
        orders[f"<{version.iri}>"] = [f"<{a.iri}>" for a in version.authors]
    return orders


def _venue_page(renderer: Renderer, linker: Linker, document: str, subject: str) -> str:
    venue = venue_view(renderer.index, linker, document, renderer.works)
    data = resource_json(renderer.index, subject, ("name", "alternateName"))
    info = page_info(renderer.config, document, venue.short or venue.name)
    return _render(
        renderer, "venue", linker, info, data,
        venue=venue, owners=renderer.owners, byline=renderer.bylines.byline,
    )  # fmt: skip


def _resource_page(renderer: Renderer, linker: Linker, document: str, subject: str) -> str:
    resources = resource_views(renderer.index, linker, document)
    title = resources[0].label if resources else document
    data = (
        resource_json(renderer.index, subject, ("name",)) if subject in renderer.index.out else None
    )
    info = page_info(renderer.config, document, title)
    return _render(renderer, "resource", linker, info, data, resources=resources)


def render_index(renderer: Renderer) -> str:
    """``index.html``: every profile owner, then the dataset's downloads."""
    linker = renderer.linker(0)
    owners = sorted(renderer.owners)
    people = [person_view(renderer.index, linker, f"<{iri}>", renderer.works) for iri in owners]
    people.sort(key=lambda person: (person.name.casefold(), person.iri))
    dataset = f"<{renderer.config.base_iri}dataset>"
    data = resource_json(renderer.index, dataset, ("name", "license"))
    info = PageInfo(
        renderer.config.title,
        renderer.config.base_iri,
        (
            Alternate("text/turtle", "dump/all.ttl", "Turtle"),
            Alternate("application/ld+json", "dump/all.jsonld", "JSON-LD"),
        ),
    )
    return _render(renderer, "index", linker, info, data, people=people)
