"""Load measurement for ``scholarld serve``: requests/s and p50/p99 latency with Debian's
``wrk`` at 16 concurrent connections on loopback, each against a baseline run in the same
session on the same machine.

- profile page and Turtle document: ``scholarld serve`` against ``python -m http.server``
  serving the same built folder (the same files);
- an example SPARQL query (``docs/queries/coauthors.rq``): ``scholarld serve``'s
  endpoint against Oxigraph's own server (PyPI ``oxigraph``, ``serve-read-only
  --union-default-graph``) holding the same N-Quads dump;
- a 303 redirect from a resource IRI (no baseline: a static server cannot negotiate).

    .venv/bin/python benchmarks/serve_load.py [--duration 5] [--connections 16] [--rounds 3]

Prints a Markdown table (the one in docs/benchmarks.md, "Serving"). Every server is
started here on 127.0.0.1 and stopped by its PID.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUERY_FILE = REPO / "docs" / "queries" / "coauthors.rq"
PREFIXES = (
    "PREFIX schema: <https://schema.org/>\n"
    "PREFIX fabio: <http://purl.org/spar/fabio/>\n"
)  # Oxigraph predeclares none; scholarld's own are the same IRIs
_DURATION = re.compile(r"([\d.]+)(us|ms|s|m)$")
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class Load:
    """One wrk run: requests per second, p50 and p99 latency (ms), non-2xx/3xx answers."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass(frozen=True)
class Target:
    """A row of the table: what is measured, its URL and the baseline's (if any)."""

    label: str
    url: str
    baseline_label: str
    baseline_url: str | None
    accept: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args!r} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"no answer from {url} within {timeout} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


def start(command: list[str], probe_path: str, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}{probe_path}", process)
    return process


def build(site: Path) -> None:
    from scholarld.site.build import BuildRequest, build_site

    build_site(BuildRequest(data_dir=REPO / "data", output=site, validate=False))


def oxigraph_store(site: Path, work: Path) -> Path:
    """An Oxigraph store (on disk) loaded with the site's N-Quads dump."""
    quads = work / "all.nq"
    quads.write_bytes(gzip.decompress((site / "dump" / "all.nq.gz").read_bytes()))
    store = work / "oxigraph"
    oxigraph = str(Path(sys.executable).with_name("oxigraph"))
    subprocess.run([oxigraph, "load", "--location", str(store), "--file", str(quads)], check=True)
    return store


def run_wrk(target_url: str, accept: str, duration: int, connections: int) -> Load:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["-H", f"Accept: {accept}", target_url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Load:
    """Requests/s, p50, p99 and the non-2xx/3xx count from ``wrk --latency`` output."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    latencies = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return Load(
        rate, _ms(latencies["50"]), _ms(latencies["99"]), int(errors.group(1)) if errors else 0
    )


def _ms(text: str) -> float:
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"unexpected wrk duration {text!r}")
    return float(match.group(1)) * _UNIT_MS[match.group(2)]


def targets(serve: str, static: str, oxigraph: str) -> list[Target]:
    query = PREFIXES + QUERY_FILE.read_text(encoding="utf-8")
    encoded = urllib.parse.urlencode({"query": query})
    sparql_json = "application/sparql-results+json"
    return [
        Target("profile page `person/kaiming-he.html`", f"{serve}/person/kaiming-he.html",
               "http.server", f"{static}/person/kaiming-he.html", "text/html"),
        Target("Turtle document `work/he2016deep.ttl`", f"{serve}/work/he2016deep.ttl",
               "http.server", f"{static}/work/he2016deep.ttl", "text/turtle"),
        Target("SPARQL `coauthors.rq` (GROUP BY)", f"{serve}/sparql?{encoded}",
               "Oxigraph server", f"{oxigraph}/query?{encoded}", sparql_json),
        Target("303 from `person/kaiming-he`", f"{serve}/person/kaiming-he",
               "", None, "text/turtle"),
    ]  # fmt: skip


def table(rows: list[tuple[Target, Load, Load | None]], connections: int) -> str:
    lines = [
        f"| request ({connections} connections) | scholarld serve req/s | p50 | p99 "
        "| baseline | req/s | p50 | p99 | throughput ratio |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for target, load, base in rows:
        measured = f"{load.requests_per_second:,.0f} | {load.p50_ms:.2f} ms | {load.p99_ms:.2f} ms"
        if base is None:
            lines.append(f"| {target.label} | {measured} | — | | | | |")
            continue
        ratio = load.requests_per_second / base.requests_per_second
        baseline = f"{base.requests_per_second:,.0f} | {base.p50_ms:.2f} ms | {base.p99_ms:.2f} ms"
        lines.append(f"| {target.label} | {measured} | {target.baseline_label} | {baseline} "
                     f"| {ratio:.2f}x |")  # fmt: skip
    return "\n".join(lines)


def measure_target(
    target: Target, duration: int, connections: int, rounds: int
) -> tuple[Target, Load, Load | None]:
    """Median of ``rounds`` runs each, server and baseline alternating (A B A B ...), so
    that a shared machine's load drifts onto both alike."""
    loads: list[Load] = []
    bases: list[Load] = []
    for _ in range(rounds):
        loads.append(run_wrk(target.url, target.accept, duration, connections))
        if target.baseline_url is not None:
            bases.append(run_wrk(target.baseline_url, target.accept, duration, connections))
    print(f"measured {target.label}", file=sys.stderr)
    return target, median_load(loads), median_load(bases) if bases else None


def median_load(loads: list[Load]) -> Load:
    """Each figure's median over the runs."""
    return Load(
        statistics.median(load.requests_per_second for load in loads),
        statistics.median(load.p50_ms for load in loads),
        statistics.median(load.p99_ms for load in loads),
        sum(load.errors for load in loads),
    )


def measure(work: Path, duration: int, connections: int, rounds: int) -> str:
    site = work / "site"
    build(site)
    ports = [free_port() for _ in range(3)]
    serve_command = [sys.executable, "-m", "scholarld", "serve", "--site", str(site)]
    static_command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1"]
    oxigraph = str(Path(sys.executable).with_name("oxigraph"))
    oxigraph_command = [oxigraph, "serve-read-only", "--union-default-graph", "--location"]
    processes = [
        start([*serve_command, "--port", str(ports[0])], "/", ports[0]),
        start([*static_command, "--directory", str(site), str(ports[1])], "/", ports[1]),
        start([*oxigraph_command, str(oxigraph_store(site, work)), "--bind",
               f"127.0.0.1:{ports[2]}"], "/", ports[2]),
    ]  # fmt: skip
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        rows = [measure_target(target, duration, connections, rounds) for target in targets(*urls)]
        return table(rows, connections)
    finally:
        for process in processes:
            stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="runs per server (median)")
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    with tempfile.TemporaryDirectory(prefix="serve-load-") as work:
        print(measure(Path(work), arguments.duration, arguments.connections, arguments.rounds))


if __name__ == "__main__":
    main()
