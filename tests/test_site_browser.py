"""The published site in a real headless browser (Debian's Chromium via Playwright):
pages load without console or page errors and without requests to other hosts, the
JSON-LD in the live DOM is the generated one, both colour schemes render, and hostile
strings in a profile show as text and never run (issue 4).

Screenshots go to a temporary folder; ``UPDATE_DOCS_SCREENSHOTS=1`` also copies them to
``docs/img/`` (see ``docs/site-testing.md``).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Error, Page, Request

from scholarld.cli import cli
from site_server import (  # noqa: F401  (the *_fixture names are fixtures)
    DATA,
    HOSTILE_AUTHOR,
    HOSTILE_TITLE,
    HOSTILE_URL,
    HOSTILE_WORK,
    REPO,
    VIEWPORT,
    BuiltSite,
    browser_fixture,
    default_site_fixture,
    hostile_site_fixture,
    start_static_server,
)
from system import stop_process

PROFILE_PAGE = "person/kaiming-he.html"
PUBLICATION_PAGE = "work/he2016deep.html"
DOCS_IMG = REPO / "docs" / "img"
SCREENSHOTS = {PROFILE_PAGE: "profile-page.png", PUBLICATION_PAGE: "publication-page.png"}
JSONLD_SCRIPTS = 'script[type="application/ld+json"]'


@dataclass
class Visit:
    """What happened while one page loaded: every request, console error, uncaught
    exception and dialog, and the JSON-LD read back from the live DOM."""

    server: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    jsonld: list[Any] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests to anything but the test server (``data:`` URLs are local)."""
        host = urlsplit(self.server).netloc
        return [
            url
            for url in self.requests
            if not url.startswith("data:") and urlsplit(url).netloc != host
        ]

    def problems(self) -> list[str]:
        return [
            *(f"console error: {text}" for text in self.console_errors),
            *(f"page error: {text}" for text in self.page_errors),
            *(f"dialog: {text}" for text in self.dialogs),
            *(f"request to another host: {url}" for url in self.foreign_requests()),
        ]


class JsonLdScripts(HTMLParser):
    """The text of every ``<script type="application/ld+json">`` in an HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and ("type", "application/ld+json") in attrs:
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.scripts[-1] += data


def generated_jsonld(html_file: Path) -> list[Any]:
    parser = JsonLdScripts()
    parser.feed(html_file.read_text(encoding="utf-8"))
    parser.close()
    return [json.loads(text) for text in parser.scripts]


def parsed_json(text: str) -> Any:
    """The JSON value of a script, or a marker holding the text when it does not parse."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return {"unparseable JSON": text}


class Tab:
    """One browser tab (in its own context) on a test server; its events are recorded
    in the visit in progress (``self.visit``, fresh for every ``load``)."""

    def __init__(self, browser: Browser, server: str, scheme: str = "light") -> None:
        self.server = server
        self.visit = Visit(server=server)
        context = browser.new_context(
            viewport=VIEWPORT,  # type: ignore[arg-type]
            color_scheme=scheme,  # type: ignore[arg-type]
            device_scale_factor=1,
        )
        self.page = context.new_page()
        self.page.on("request", self.on_request)
        self.page.on("console", self.on_console)
        self.page.on("pageerror", self.on_page_error)
        self.page.on("dialog", self.on_dialog)

    def on_request(self, request: Request) -> None:
        self.visit.requests.append(request.url)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type in {"error", "assert"}:
            self.visit.console_errors.append(f"{message.text} at {message.location}")

    def on_page_error(self, error: Error) -> None:
        self.visit.page_errors.append(str(error))

    def on_dialog(self, dialog: Dialog) -> None:
        self.visit.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def load(self, path: str) -> Visit:
        """Open ``path`` (relative to the server) and read its JSON-LD from the DOM."""
        self.visit = Visit(server=self.server)
        response = self.page.goto(self.server + path, wait_until="load")
        assert response is not None and response.status == 200, f"{path}: {response}"
        texts = self.page.eval_on_selector_all(
            JSONLD_SCRIPTS, "nodes => nodes.map(n => n.textContent)"
        )
        self.visit.jsonld = [parsed_json(text) for text in texts]
        return self.visit

    def close(self) -> None:
        self.page.context.close()


@contextmanager
def tab(browser: Browser, site: BuiltSite, scheme: str = "light") -> Iterator[Tab]:
    opened = Tab(browser, site.url, scheme)
    try:
        yield opened
    finally:
        opened.close()


def sample_pages(root: Path) -> list[str]:
    """The profile and publication pages, the index, and the first page of every other
    folder (co-authors, venues, events, organisations, ...)."""
    chosen = ["index.html", PROFILE_PAGE, PUBLICATION_PAGE]
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "assets"):
        pages = sorted(str(p.relative_to(root)) for p in folder.glob("*.html"))
        others = [page for page in pages if page not in chosen]
        chosen += others[:1]
    return chosen


@pytest.fixture(scope="module")
def pages(default_site: BuiltSite) -> list[str]:
    return sample_pages(default_site.root)


@pytest.fixture(scope="module")
def light_tab(browser: Browser, default_site: BuiltSite) -> Iterator[Tab]:
    """One tab on the default site, shared by this module's tests (pages load in turn)."""
    with tab(browser, default_site) as opened:
        yield opened


def test_sample_covers_every_kind_of_page(default_site: BuiltSite, pages: list[str]) -> None:
    folders = {page.split("/")[0] for page in pages}
    assert {"index.html", "person", "work", "venue"} <= folders, pages
    assert all((default_site.root / page).is_file() for page in pages)


def test_pages_load_cleanly_and_show_the_generated_jsonld(
    light_tab: Tab, default_site: BuiltSite, pages: list[str]
) -> None:
    failures: dict[str, list[str]] = {}
    for path in pages:
        record = light_tab.load(path)
        if record.jsonld != generated_jsonld(default_site.root / path):
            record.page_errors.append("the JSON-LD in the DOM differs from the HTML file")
        if not any(url.endswith(path) for url in record.requests):
            record.page_errors.append("the page itself was not requested")
        failures.update({path: record.problems()} if record.problems() else {})
    assert not failures, json.dumps(failures, indent=2)


@pytest.mark.parametrize("path", [PROFILE_PAGE, PUBLICATION_PAGE])
def test_key_pages_carry_jsonld(default_site: BuiltSite, path: str) -> None:
    objects = generated_jsonld(default_site.root / path)
    assert objects, f"{path} has no JSON-LD script"


def background_luminance(page: Page) -> float:
    """Relative luminance (0 black .. 1 white) of the page's painted background."""
    script = """() => {
        for (const node of [document.body, document.documentElement]) {
            const colour = getComputedStyle(node).backgroundColor;
            const parts = colour.match(/[\\d.]+/g).map(Number);
            if (parts.length < 4 || parts[3] > 0) return parts.slice(0, 3);
        }
        return [255, 255, 255];
    }"""
    red, green, blue = page.evaluate(script)
    return float(0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_light_scheme_is_light(light_tab: Tab) -> None:
    record = light_tab.load(PROFILE_PAGE)
    luminance = background_luminance(light_tab.page)
    assert not record.problems(), record.problems()
    assert luminance > 0.5, f"light scheme: background luminance {luminance:.2f}"


def keep_screenshot(page: Page, folder: Path, name: str) -> Path:
    """Screenshot the viewport into ``folder``; with ``UPDATE_DOCS_SCREENSHOTS=1`` also
    into ``docs/img/`` (the docs show them)."""
    target = folder / name
    page.screenshot(path=str(target), full_page=False, animations="disabled")
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, DOCS_IMG / name)
    return target


def test_dark_scheme_renders(browser: Browser, default_site: BuiltSite, tmp_path: Path) -> None:
    with tab(browser, default_site, scheme="dark") as dark:
        problems = [
            f"{path}: {problem}"
            for path in (PUBLICATION_PAGE, PROFILE_PAGE)
            for problem in dark.load(path).problems()
        ]
        luminance = background_luminance(dark.page)
        shot = keep_screenshot(dark.page, tmp_path, "profile-page-dark.png")
    assert not problems, problems
    assert luminance < 0.5, f"dark scheme: background luminance {luminance:.2f}"
    assert shot.read_bytes().startswith(b"\x89PNG"), shot


@pytest.mark.parametrize("path", sorted(SCREENSHOTS))
def test_screenshots(light_tab: Tab, tmp_path: Path, path: str) -> None:
    record = light_tab.load(path)
    shot = keep_screenshot(light_tab.page, tmp_path, SCREENSHOTS[path])
    assert not record.problems(), record.problems()
    assert shot.read_bytes().startswith(b"\x89PNG"), shot


# --- security: hostile strings show as text and never run ------------------------------

PLANTED = """() => ({
    pwned: typeof window.__pwned === "undefined" ? null : String(window.__pwned),
    injected: document.querySelectorAll("img[src='x'], [onerror], [onmouseover]").length,
    scripts: [...document.scripts].filter(s => s.type !== "application/ld+json")
        .map(s => s.textContent).filter(t => t.includes("__pwned")).length,
    text: document.body.innerText,
    hrefs: [...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href")),
})"""


HOVER_EVERYTHING = """() => document.querySelectorAll("body *").forEach(
    node => node.dispatchEvent(new MouseEvent("mouseover", {bubbles: true})))"""


def hostile_pages(site: BuiltSite) -> list[str]:
    coauthor = sorted(site.root.glob("person/mallory-*.html"))
    assert coauthor, "no co-author page for the hostile author name"
    return [PROFILE_PAGE, f"work/{HOSTILE_WORK}.html", str(coauthor[0].relative_to(site.root))]


def strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings_in(item)]
    return []


@pytest.fixture(scope="module")
def hostile_visits(browser: Browser, hostile_site: BuiltSite) -> dict[str, tuple[Visit, Any]]:
    """Each hostile page loaded, hovered everywhere a handler could hide, and inspected."""
    visits: dict[str, tuple[Visit, Any]] = {}
    with tab(browser, hostile_site) as opened:
        for path in hostile_pages(hostile_site):
            record = opened.load(path)
            opened.page.evaluate(HOVER_EVERYTHING)
            visits[path] = (record, opened.page.evaluate(PLANTED))
    return visits


def test_hostile_strings_never_run(
    hostile_visits: dict[str, tuple[Visit, Any]], hostile_site: BuiltSite
) -> None:
    for path, (record, found) in hostile_visits.items():
        assert not record.problems(), (path, record.problems())
        assert found["pwned"] is None, f"{path}: a planted script ran ({found['pwned']})"
        assert found["injected"] == 0, f"{path}: planted elements or handlers in the DOM"
        assert found["scripts"] == 0, f"{path}: a planted script element exists"
        assert HOSTILE_AUTHOR in found["text"], f"{path}: the author name is not shown as text"
        assert record.jsonld == generated_jsonld(hostile_site.root / path), path


def test_hostile_title_and_url_are_kept_literally(
    hostile_visits: dict[str, tuple[Visit, Any]],
) -> None:
    record, found = hostile_visits[f"work/{HOSTILE_WORK}.html"]
    assert HOSTILE_TITLE in found["text"], "the title is not shown literally"
    assert HOSTILE_TITLE in strings_in(record.jsonld), "the title is not in the JSON-LD"
    assert HOSTILE_AUTHOR in strings_in(record.jsonld), "the author is not in the JSON-LD"
    hrefs = {unquote(href) for href in found["hrefs"]}
    assert HOSTILE_URL in hrefs, f"the link URL is not one intact href: {sorted(hrefs)[:20]}"


def test_javascript_urls_are_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    profile = data_dir / "people" / "kaiming-he.yaml"
    text = profile.read_text(encoding="utf-8")
    line = text.splitlines().index("      - label: arXiv") + 1
    profile.write_text(
        text.replace(
            "      - label: arXiv\n", "      - label: arXiv\n        url: javascript:alert(1)\n", 1
        ),
        encoding="utf-8",
    )
    output = tmp_path / "public"
    arguments = ["build", "--output", str(output), "--shapes", str(REPO / "shapes")]
    result = CliRunner().invoke(cli, ["--data", str(data_dir), *arguments])
    assert result.exit_code == 1, result.output
    assert f"kaiming-he.yaml:{line + 1}:" in result.output
    assert "javascript:alert(1)" in result.output and "https://" in result.output
    assert not output.exists(), "a refused build wrote output"


def test_the_checks_catch_an_unescaped_page(browser: Browser, tmp_path: Path) -> None:
    """The hostile checks above can fail: a page that pastes the strings in raw runs
    them, fires a dialog and loses the JSON-LD."""
    raw = (
        '<!DOCTYPE html><html lang="en"><head><title>t</title><link rel="icon" href="data:,">'
        f'<script type="application/ld+json">{{"name": "{HOSTILE_TITLE}"}}</script></head>'
        f"<body><h1>{HOSTILE_AUTHOR}</h1><a href='{HOSTILE_URL}'>x</a></body></html>"
    )
    (tmp_path / "raw.html").write_text(raw, encoding="utf-8")
    process, url = start_static_server(tmp_path)
    try:
        with tab(browser, BuiltSite(tmp_path, tmp_path, url)) as opened:
            record = opened.load("raw.html")
            opened.page.evaluate(HOVER_EVERYTHING)
            found = opened.page.evaluate(PLANTED)
    finally:
        stop_process(process)
    assert found["pwned"] is not None and record.dialogs, (found["pwned"], record.dialogs)
    assert HOSTILE_AUTHOR not in found["text"], "the raw page shows the name intact"
