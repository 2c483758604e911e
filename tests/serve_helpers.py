"""Helpers for the ``scholarld serve`` tests: the default data's built site, and a real
server process on a free loopback port."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scholarld.site.build import BuildRequest, build_site
from system import free_port, wait_for_http

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
QUERIES = REPO / "docs" / "queries"


def build_site_into(output: Path) -> Path:
    """``output`` holding the default data's built site (``scholarld build``)."""
    build_site(BuildRequest(data_dir=DATA, output=output, validate=False))
    return output


def start_server(site: Path, *options: str) -> tuple[subprocess.Popen[bytes], str]:
    """A real ``scholarld serve`` on a free loopback port, and its base URL; stop it with
    ``system.stop_process``."""
    port = free_port()
    command = [sys.executable, "-m", "scholarld", "serve", "--site", str(site)]
    command += ["--port", str(port), "--examples", str(QUERIES), *options]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    wait_for_http(base_url + "/", process)
    return process, base_url
