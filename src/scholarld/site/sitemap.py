"""``sitemap.xml`` and ``robots.txt`` for the built site.

The sitemap lists the absolute URL (under the site's base IRI) of every HTML page, sorted,
without dates (no timestamps: a rebuild of the same data gives the same bytes); a site
with more than 50,000 pages gets a sitemap index and numbered sitemaps. A folder's
``index.html`` is listed as the folder itself (``{base}`` for the people index), the URL a
static host serves it at. ``robots.txt`` allows everything and names the sitemap.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

SITEMAP_PATH = "sitemap.xml"
ROBOTS_PATH = "robots.txt"
INDEX_PAGE = "index.html"
MAX_URLS = 50_000  # per sitemap file (sitemaps.org protocol)


def page_url(base_iri: str, page_path: str) -> str:
    """The public URL of the page at ``page_path`` (relative to the site root).

    >>> page_url("https://x.org/", "index.html")
    'https://x.org/'
    >>> page_url("https://x.org/", "work/he2016deep.html")
    'https://x.org/work/he2016deep.html'
    """
    if page_path == INDEX_PAGE or page_path.endswith("/" + INDEX_PAGE):
        page_path = page_path[: -len(INDEX_PAGE)]
    return base_iri + page_path


def sitemap_files(
    base_iri: str, page_paths: Iterable[str], max_urls: int = MAX_URLS
) -> dict[str, bytes]:
    """``sitemap.xml`` listing the pages at ``page_paths``, one ``<url>`` each, sorted by
    URL. Above ``max_urls`` pages (the protocol's limit) the pages go to ``sitemap-1.xml``,
    ``sitemap-2.xml`` ... and ``sitemap.xml`` is the sitemap index naming them."""
    urls = sorted({page_url(base_iri, path) for path in page_paths})
    if len(urls) <= max_urls:
        return {SITEMAP_PATH: _document("urlset", "url", urls)}
    parts = [urls[start : start + max_urls] for start in range(0, len(urls), max_urls)]
    files = {
        f"sitemap-{n}.xml": _document("urlset", "url", part) for n, part in enumerate(parts, 1)
    }
    index = [base_iri + name for name in sorted(files, key=_part_number)]
    files[SITEMAP_PATH] = _document("sitemapindex", "sitemap", index)
    return files


def _part_number(name: str) -> int:
    return int(name.removeprefix("sitemap-").removesuffix(".xml"))


def _document(root: str, entry: str, urls: list[str]) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        *(f"  <{entry}><loc>{escape(url)}</loc></{entry}>" for url in urls),
        f"</{root}>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots_txt(base_iri: str) -> bytes:
    """Allow every crawler everywhere; point them to the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_iri}{SITEMAP_PATH}\n".encode()
