"""The HTML pages (``scholarld.site.pages.render_pages``): what the profile, publication,
co-author, venue and resource pages show, their structure and links, determinism,
template overrides and template errors. JSON-LD: ``test_site_pages_jsonld.py``;
citations and Highwire tags: ``test_site_pages_citation.py``."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import urldefrag

import click
import pytest
from click.testing import CliRunner

from scholarld.errors import ScholarldError
from scholarld.graph.namespaces import SCHEMA
from scholarld.graph.sitegraph import NamedGraph, SiteGraph
from scholarld.serialize.export import read_site_graph
from scholarld.site.page_templates import PageTemplateError
from scholarld.site.pages import STATIC_DIR, render_pages
from site_pages_fixtures import DATA, two_profiles
from site_pages_helpers import PageParser, parse_page, render_site

BASE = "http://localhost:8000/"
# Files the build writes beside the pages (docs/pages.md, contract of issue 4).
BUILT_FILES = ("dump/all.ttl", "dump/all.nt.gz", "dump/all.nq.gz", "dump/all.jsonld")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_site(DATA)


@pytest.fixture(scope="module")
def two_site_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return render_site(two_profiles(tmp_path_factory.mktemp("two")))


def text_of(html: str) -> str:
    return " ".join("".join(parse_page(html).text).split())


def test_every_document_has_a_page_sorted_by_path(pages: dict[str, str]) -> None:
    _, site_graph = read_site_graph(DATA)
    paths = list(dict(render_pages(site_graph, read_site_graph(DATA)[0].config)))
    assert paths == sorted(paths)
    assert "index.html" in pages
    for expected in (
        "person/kaiming-he.html",
        "person/ross-girshick.html",
        "work/he2016deep.html",
        "venue/cvpr.html",
        "event/cvpr.html",
        "org/facebook-ai-research.html",
        "role/area-chair.html",
        "dataset.html",
    ):
        assert expected in pages, expected


def test_profile_page_shows_the_person(pages: dict[str, str]) -> None:
    html = pages["person/kaiming-he.html"]
    assert '<h1>Kaiming He <span class="other-name" lang="zh">何恺明</span></h1>' in html
    text = text_of(html)
    for visible in (
        "Research Scientist",
        "Facebook AI Research (FAIR), Menlo Park, CA",
        "Research interests: computer vision, deep learning",
        "I am a Research Scientist at Facebook AI Research (FAIR) as of 2016.",
        "PAMI Young Researcher Award, 2018",
        "Area Chair, CVPR 2016",
        "Associate Editor, IJCV 2016–2019",
        "Tutorial: Visual Recognition, ECCV 2018 (Co-organizer)",
    ):
        assert visible in text, visible


def test_profile_publications_by_year_newest_first(pages: dict[str, str]) -> None:
    html = pages["person/kaiming-he.html"]
    years = re.findall(r'<h3 id="year-(\d{4})">', html)
    assert years == sorted(years, reverse=True)
    assert len(years) > 5
    # Mask R-CNN: the owner highlighted, co-authors linked in order, Oral and the award
    entry = html[html.index('href="../work/he2017mask.html"') :]
    entry = entry[: entry.index("</li>\n</ol>") if "</li>\n</ol>" in entry else 4000]
    assert (
        '<strong class="author owner">Kaiming He</strong>, '
        '<a class="author" href="../person/georgia-gkioxari.html">Georgia Gkioxari</a>, '
        '<a class="author" href="../person/piotr-dollar.html">Piotr Dollár</a>, '
        '<a class="author" href="../person/ross-girshick.html">Ross Girshick</a>'
    ) in entry
    assert '<span class="badge presentation">Oral</span>' in entry
    assert '<strong class="award">ICCV Best Paper Award (Marr Prize)</strong>' in entry
    assert '>TPAMI</a></span> <span class="status">(Accepted in 2018)</span>' in entry


def test_awards_and_nominations_are_distinct(two_site_pages: dict[str, str]) -> None:
    html = two_site_pages["work/everything.html"]
    assert '<span class="nomination">Best Paper Nomination</span>' in html
    assert '<strong class="award">Best Paper Nomination' not in html
    assert (
        "<dt>Nominations</dt><dd>Best Paper Nomination; Best Student Paper Nomination</dd>" in html
    )


def test_publication_page_lists_every_version(pages: dict[str, str]) -> None:
    html = pages["work/he2017mask.html"]
    assert html.count("<h1>") == 1
    assert '<section class="version" id="iccv2017">' in html
    assert '<section class="version" id="tpami">' in html
    text = text_of(html)
    assert "ICCV 2017 Oral ICCV Best Paper Award (Marr Prize)" in text
    assert "Proceedings of International Conference on Computer Vision (ICCV 2017)" in text
    assert "<dt>Status</dt><dd>Accepted in 2018</dd>" in html
    assert '<pre class="bibtex"><code>@inproceedings{he2017mask,' in html


def test_coauthor_page_lists_their_works(pages: dict[str, str]) -> None:
    html = pages["person/ross-girshick.html"]
    assert "<h1>Ross Girshick</h1>" in html
    assert '<strong class="author owner">Ross Girshick</strong>' in html
    assert '<a class="author" href="../person/kaiming-he.html">Kaiming He</a>' in html
    assert 'href="../work/he2017mask.html"' in html
    assert "Co-author:" in html


def test_venue_page_lists_versions_by_year(pages: dict[str, str]) -> None:
    html = pages["venue/iccv.html"]
    years = re.findall(r'<h3 id="year-(\d{4})">', html)
    assert years == sorted(years, reverse=True)
    assert 'href="../work/he2017mask.html#iccv2017">Mask R-CNN</a>' in html


def test_resource_page_is_a_property_table(pages: dict[str, str]) -> None:
    html = pages["org/facebook-ai-research.html"]
    assert "<h1>Facebook AI Research</h1>" in html
    assert '<a href="https://schema.org/name">schema:name</a>' in html
    assert "Referenced by" in html
    assert '<a href="../person/kaiming-he.html">Kaiming He</a>' in html


def test_index_lists_profile_owners(two_site_pages: dict[str, str]) -> None:
    html = two_site_pages["index.html"]
    assert '<a class="person-name" href="person/kaiming-he.html">Kaiming He</a>' in html
    assert 'href="person/jane-jd-doe.html"' in html or "Jane" in html
    assert 'href="dump/all.ttl"' in html


def test_pages_are_semantic_html(pages: dict[str, str]) -> None:
    for path, html in pages.items():
        parser = parse_page(html)
        tags = [tag for tag, _ in parser.tags]
        assert html.startswith('<!DOCTYPE html>\n<html lang="en">'), path
        assert tags.count("h1") == 1, path
        for landmark in ("header", "nav", "main", "footer"):
            assert landmark in tags, (path, landmark)
        assert 'class="skip-link" href="#main"' in html, path
        levels = [int(tag[1]) for tag in tags if re.fullmatch(r"h[1-6]", tag)]
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (path, levels)
        for tag, attrs in parser.tags:
            assert tag != "img" or attrs.get("alt"), path


def test_pages_use_only_relative_local_assets(pages: dict[str, str]) -> None:
    """No external scripts, styles or fonts; the stylesheet is relative to the page."""
    for path, html in pages.items():
        depth = path.count("/")
        assert f'<link rel="stylesheet" href="{"../" * depth}assets/style.css">' in html
        parser = parse_page(html)
        for tag, attrs in parser.tags:
            if tag == "script":
                assert attrs.get("type") == "application/ld+json", path
                assert "src" not in attrs, path
            if tag == "link" and attrs.get("rel") == "stylesheet":
                assert not attrs["href"].startswith(("http:", "https:", "//")), path
    assert (STATIC_DIR / "style.css").is_file()
    css = (STATIC_DIR / "style.css").read_text(encoding="utf-8")
    assert "prefers-color-scheme: dark" in css
    assert "@import" not in css and "url(" not in css


def _ids(html: str) -> set[str]:
    return {attrs["id"] for _, attrs in parse_page(html).tags if "id" in attrs}


def test_internal_links_resolve(pages: dict[str, str]) -> None:
    """Every relative href points to a page, an asset, a representation or a dump the
    build writes, and every fragment to an element of that page."""
    targets = set(pages) | set(BUILT_FILES) | {".well-known/void", "assets/style.css"}
    targets |= {p.replace(".html", f".{ext}") for p in pages for ext in ("ttl", "jsonld")}
    ids = {path: _ids(html) for path, html in pages.items()}
    for path, html in pages.items():
        parser = parse_page(html)
        hrefs = [a["href"] for t, a in parser.tags if t in ("a", "link") and "href" in a]
        for href in hrefs:
            if href.startswith(("http://", "https://", "mailto:", "data:")):
                continue
            url, fragment = urldefrag(href)
            resolved = _resolve(path, url) if url else path
            assert resolved in targets, (path, href)
            if fragment and resolved.endswith(".html"):
                assert fragment in ids[resolved], (path, href)


def _resolve(page: str, href: str) -> str:
    parts: list[str] = list(PurePosixPath(page).parent.parts)
    for part in PurePosixPath(href).parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def test_alternates_and_canonical(pages: dict[str, str]) -> None:
    html = pages["person/kaiming-he.html"]
    assert '<link rel="canonical" href="http://localhost:8000/person/kaiming-he.html">' in html
    assert '<link rel="alternate" type="text/turtle" href="kaiming-he.ttl">' in html
    assert '<link rel="alternate" type="application/ld+json" href="kaiming-he.jsonld">' in html


def test_rendering_is_deterministic() -> None:
    site, site_graph = read_site_graph(DATA)
    first = list(render_pages(site_graph, site.config))
    second = list(render_pages(site_graph, site.config))
    assert first == second


def test_unsafe_link_schemes_are_text_not_links() -> None:
    """A ``javascript:`` IRI in the graph (the model never lets one in) is shown as text."""
    site, site_graph = read_site_graph(DATA)
    evil = ("<http://localhost:8000/person/kaiming-he>", SCHEMA.url, "<javascript:alert(1)>")
    graphs = tuple(
        NamedGraph(g.iri, g.slug, g.source, tuple(sorted({*g.triples, evil}))) if g.slug else g
        for g in site_graph.graphs
    )
    html = dict(render_pages(SiteGraph(graphs), site.config))["person/kaiming-he.html"]
    assert 'href="javascript:' not in html
    assert "javascript:alert(1)" not in "".join(parse_page(html).hrefs)


def test_user_template_overrides_one_block(tmp_path: Path) -> None:
    (tmp_path / "base.html").write_text(
        '{% extends "default:base.html" %}{% block footer %}My own footer.{% endblock %}',
        encoding="utf-8",
    )
    site, site_graph = read_site_graph(DATA)
    rendered = dict(render_pages(site_graph, site.config, tmp_path))
    assert "My own footer." in rendered["work/he2017mask.html"]
    assert "This page as data" not in rendered["work/he2017mask.html"]
    assert "<h1>Mask R-CNN</h1>" in rendered["work/he2017mask.html"]


def test_user_template_replaces_one_page_template(tmp_path: Path) -> None:
    (tmp_path / "venue.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Venue {{ venue.name }}</h1>{% endblock %}',
        encoding="utf-8",
    )
    site, site_graph = read_site_graph(DATA)
    rendered = dict(render_pages(site_graph, site.config, tmp_path))
    assert (
        "<h1>Venue International Conference on Computer Vision</h1>" in rendered["venue/iccv.html"]
    )
    assert "<h1>Mask R-CNN</h1>" in rendered["work/he2017mask.html"]


def _template_error(templates: Path) -> PageTemplateError:
    site, site_graph = read_site_graph(DATA)
    with pytest.raises(PageTemplateError) as caught:
        list(render_pages(site_graph, site.config, templates))
    return caught.value


def test_missing_templates_folder_is_a_located_error(tmp_path: Path) -> None:
    error = _template_error(tmp_path / "nope")
    assert str(error.message) == (
        "Cannot render the pages (1 problem); nothing was written:\n"
        f"  {tmp_path / 'nope'}: the templates folder does not exist "
        "(create it with the templates to override, or leave out the option)"
    )
    assert error.exit_code == 1


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "work.html").write_text("line one\n{% if %}\n", encoding="utf-8")
    error = _template_error(tmp_path)
    assert f"{tmp_path / 'work.html'}:2: " in error.message
    assert "(fix the jinja2 syntax)" in error.message


def test_unknown_variable_in_template_names_the_page(tmp_path: Path) -> None:
    (tmp_path / "venue.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ no_such_thing }}{% endblock %}',
        encoding="utf-8",
    )
    error = _template_error(tmp_path)
    assert "'no_such_thing' is undefined (rendering venue/arxiv.html)" in error.message
    assert "docs/pages.md" in error.message


def test_missing_extended_template_is_named(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('{% extends "nothere.html" %}', encoding="utf-8")
    error = _template_error(tmp_path)
    assert "nothere.html: template not found (rendering index.html)" in error.message


def test_macros_override_without_a_shared_macro_is_a_located_error(tmp_path: Path) -> None:
    """``work_entry`` and ``author_list`` render fragments many pages reuse
    (``page_fragments``); a ``_macros.html`` without one names it, no traceback."""
    default = (STATIC_DIR.parent / "templates" / "_macros.html").read_text(encoding="utf-8")
    start = default.index("{% macro work_entry(")
    end = default.index("{%- endmacro %}", start) + len("{%- endmacro %}")
    (tmp_path / "_macros.html").write_text(default[:start] + default[end:], encoding="utf-8")
    error = _template_error(tmp_path)
    assert "_macros.html defines no macro 'work_entry' (rendering person/" in error.message


@click.command()
@click.argument("templates", type=click.Path(path_type=Path))
def render_command(templates: Path) -> None:
    """A minimal command rendering the default site's pages with ``templates``."""
    site, site_graph = read_site_graph(DATA)
    list(render_pages(site_graph, site.config, templates))


def test_template_errors_exit_1_through_click(tmp_path: Path) -> None:
    """The error is a ``ClickException``: a command that renders pages exits 1 with it."""
    result = CliRunner().invoke(render_command, [str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert "Error: Cannot render the pages (1 problem)" in result.stderr
    assert "the templates folder does not exist" in result.stderr
    assert issubclass(PageTemplateError, ScholarldError)


def test_page_parser_collects_scripts() -> None:
    parser = PageParser()
    parser.feed('<html><head><script type="application/ld+json">{"a": 1}</script></head></html>')
    assert parser.scripts == ['{"a": 1}']


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_meet_wcag_aa_contrast(scheme: str) -> None:
    css = (STATIC_DIR / "style.css").read_text(encoding="utf-8")
    blocks = re.findall(r":root \{([^}]*)\}", css)
    assert len(blocks) == 2, "one :root block per scheme (light, then dark)"
    colours = dict(
        re.findall(r"--([a-z-]+): (#[0-9a-f]{6});", blocks[0 if scheme == "light" else 1])
    )
    for text in ("fg", "muted", "link", "link-visited", "accent"):
        for background in ("bg", "code-bg"):
            ratio = _contrast(colours[text], colours[background])
            assert ratio >= 4.5, (scheme, text, background, round(ratio, 2))
    assert _contrast(colours["badge-fg"], colours["badge-bg"]) >= 4.5


DIGEST_SCRIPT = """
import hashlib, sys
from pathlib import Path
from scholarld.serialize.export import read_site_graph
from scholarld.site.pages import render_pages
site, graph = read_site_graph(Path(sys.argv[1]))
digest = hashlib.sha256()
for path, html in render_pages(graph, site.config):
    digest.update(path.encode() + html.encode())
print(digest.hexdigest())
"""


def test_pages_do_not_depend_on_the_hash_seed() -> None:
    """Byte-identical pages in two processes with different string hashing."""
    digests = {
        subprocess.run(
            [sys.executable, "-c", DIGEST_SCRIPT, str(DATA)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(digests) == 1
