"""Helpers for the page tests: render a data folder's pages, pull the embedded JSON-LD and
the visible text out of a page, expand JSON-LD offline with pyld (the schema.org context
from ``../shared/vocab``) into pyoxigraph triples."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyoxigraph
from pyld import jsonld  # type: ignore[import-untyped]

from scholarld.serialize.export import read_site_graph
from scholarld.site.pages import render_pages

REPO = Path(__file__).resolve().parents[1]
SCHEMA_CONTEXT = REPO.parent / "shared" / "vocab" / "schemaorgcontext.jsonld"
CONTEXT_URLS = frozenset(
    {"https://schema.org", "http://schema.org", "https://schema.org/", "http://schema.org/"}
)


def render_site(data_dir: Path, templates_dir: Path | None = None) -> dict[str, str]:
    """Every page of ``data_dir``'s site by relative path."""
    site, site_graph = read_site_graph(data_dir)
    return dict(render_pages(site_graph, site.config, templates_dir))


def site_triples(data_dir: Path) -> set[pyoxigraph.Triple]:
    """The union graph (every named graph) as pyoxigraph triples."""
    _, site_graph = read_site_graph(data_dir)
    return {
        quad.triple
        for quad in pyoxigraph.parse(site_graph.ntriples(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    }


class PageParser(HTMLParser):
    """Collects ``<script type="application/ld+json">`` bodies, visible text, hrefs and
    ``<meta name content>`` pairs of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.hrefs: list[str] = []
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self._in: list[str] = []
        self._script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if tag in ("script", "style", "head", "title"):
            self._in.append(tag)
            if tag == "script":
                self._script_type = values.get("type")
                if self._script_type == "application/ld+json":
                    self.scripts.append("")
        if "href" in values and tag == "a":
            self.hrefs.append(values["href"])
        if tag == "img":
            self.text.append(values.get("src", ""))
        if tag == "meta" and "name" in values:
            self.meta.append((values["name"], values.get("content", "")))
        if tag == "link":
            self.links.append(values)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script" and self._script_type == "application/ld+json":
            self.scripts[-1] += data
        elif not self._in:
            self.text.append(data)


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def load_document(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld document loader: the saved schema.org context, never the network."""
    if url.rstrip("/") + ("/" if url.endswith("/") else "") in CONTEXT_URLS or url in CONTEXT_URLS:
        document = json.loads(SCHEMA_CONTEXT.read_text(encoding="utf-8"))
        return {"contextUrl": None, "documentUrl": url, "document": document}
    raise AssertionError(f"the JSON-LD asked for a remote document: {url}")


def expand_to_triples(data: Any) -> set[pyoxigraph.Triple]:
    """The triples the JSON-LD says, schema.org IRIs normalised to https."""
    nquads = jsonld.to_rdf(data, {"format": "application/n-quads", "documentLoader": load_document})
    nquads = nquads.replace("<http://schema.org/", "<https://schema.org/")
    return {quad.triple for quad in pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS)}
