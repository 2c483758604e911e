"""Fixtures for the published-site tests (``test_site_browser.py``,
``test_site_processors.py``): the default site built once per session, a copy of the
default data with hostile strings, real static servers and one headless Chromium.

Test modules import the fixtures by their function names (``default_site_fixture``,
...); pytest knows them by their ``name`` (``default_site``). Servers are
``python -m http.server`` subprocesses on a free loopback port, stopped by PID; the
browser is Debian's ``/usr/bin/chromium`` driven by Playwright (never ``playwright
install``). See ``docs/site-testing.md``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from system import ensure_program, free_port, stop_process, wait_for_http

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}

# Hostile strings planted in a copy of the default profile. Each payload that would run
# sets ``window.__pwned``; escaped correctly, every one shows as literal text.
HOSTILE_WORK = "he2016deep"
HOSTILE_TITLE = (
    "Deep </script><script>window.__pwned=1;alert(1)</script> <!-- "
    '"\'><img src=x onerror="window.__pwned=2;alert(1)"> Learning'
)
HOSTILE_AUTHOR = (
    "Mallory </script><script>window.__pwned=3</script> <!-- \"'><img src=x onerror=alert(1)> Evil"
)
# A URL the profile model accepts (http, no ``"<>`` or spaces) that would break out of a
# single-quoted attribute.
HOSTILE_URL = "https://example.org/x'onmouseover='window.__pwned=4'"


@dataclass(frozen=True)
class BuiltSite:
    """A site built into ``root`` from ``data_dir``, served at ``url`` (ending in ``/``)."""

    data_dir: Path
    root: Path
    url: str


def build_into(data_dir: Path, output: Path) -> Path:
    """Run the build's Python API (no validation: the build tests cover it)."""
    from scholarld.site.build import BuildRequest, build_site

    build_site(BuildRequest(data_dir=data_dir, output=output, validate=False))
    return output


def write_hostile_data(source: Path, target: Path) -> Path:
    """Copy the data folder ``source`` to ``target`` and plant the hostile strings in
    work ``HOSTILE_WORK``: its title, its second author and its first link's URL."""
    shutil.copytree(source, target)
    profile_path = next((target / "people").glob("*.yaml"))
    profile: dict[str, Any] = yaml.safe_load(profile_path.read_text(encoding="utf-8"))
    work = next(w for w in profile["works"] if w["key"] == HOSTILE_WORK)
    work["title"] = HOSTILE_TITLE
    work["authors"][1] = HOSTILE_AUTHOR
    work["links"][0]["url"] = HOSTILE_URL
    text = yaml.safe_dump(profile, allow_unicode=True, sort_keys=False)
    profile_path.write_text(text, encoding="utf-8")
    return target


def start_static_server(root: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``python -m http.server`` serving ``root`` on a free loopback port."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)]
    process = subprocess.Popen(
        [*command, "--directory", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    wait_for_http(url, process)
    return process, url


def served(data_dir: Path, output: Path) -> Iterator[BuiltSite]:
    """Build ``data_dir`` into ``output``, serve it, yield it, stop the server."""
    build_into(data_dir, output)
    process, url = start_static_server(output)
    try:
        yield BuiltSite(data_dir=data_dir, root=output, url=url)
    finally:
        stop_process(process)


@pytest.fixture(scope="session", name="default_site")
def default_site_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The default data (``data/``) built and served."""
    yield from served(DATA, tmp_path_factory.mktemp("default-site") / "public")


@pytest.fixture(scope="session", name="hostile_site")
def hostile_site_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The default data with hostile strings (``HOSTILE_*``) built and served."""
    root = tmp_path_factory.mktemp("hostile-site")
    data_dir = write_hostile_data(DATA, root / "data")
    yield from served(data_dir, root / "public")


@pytest.fixture(scope="session", name="browser")
def browser_fixture() -> Iterator[Any]:
    """One headless Chromium for the whole session (Playwright's ``Browser``)."""
    executable = ensure_program(str(CHROMIUM), ["chromium"])
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(executable), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()
