"""Benchmark: ``scholarld push --graph-per-profile`` into a local Oxigraph server.

    .venv/bin/python benchmarks/push_load.py [--profiles 200] [--works 20] [--batch-sizes 1,4]

1. A synthetic corpus (``benchmarks/corpus.py``) of ``--profiles`` profiles.
2. For each batch size: a fresh on-disk Oxigraph server (``oxigraph serve``, loopback,
   stopped by PID), then the whole ``scholarld push`` process (no validation), timed:
   the first push (every graph sent), a second push (every graph skipped by the resume
   state), and a push after one profile changed (one graph plus the dataset description).
3. Baseline: ``oxigraph load`` of the same data as N-Quads into an empty store (the bulk
   loader, no HTTP).

Prints a Markdown table (paste it into docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CorpusSize, generate_corpus

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_oxigraph(location: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [str(BIN / "oxigraph"), "serve", "--location", str(location)]
    process = subprocess.Popen([*command, "--bind", f"127.0.0.1:{port}"])
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{base}/", timeout=1):
                return process, f"{base}/store"
        except OSError:
            time.sleep(0.05)
    raise SystemExit("oxigraph did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    os.kill(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def timed_push(corpus: Path, endpoint: str, batch_size: int, cache: Path) -> tuple[float, str]:
    command = [
        str(BIN / "scholarld"), "--data", str(corpus), "push", "--endpoint", endpoint,
        "--graph-per-profile", "--no-validate", "--batch-size", str(batch_size),
    ]  # fmt: skip
    environment = {**os.environ, "SCHOLARLD_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
    return time.perf_counter() - started, result.stdout.strip()


def change_one_profile(corpus: Path) -> None:
    first = sorted((corpus / "people").glob("*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("Research Scientist", "Senior Research Scientist", 1), "utf-8")


def push_rows(corpus: Path, batch_size: int, workdir: Path, triples: int) -> list[str]:
    shutil.copytree(corpus, workdir / f"data-{batch_size}")
    data = workdir / f"data-{batch_size}"
    process, endpoint = start_oxigraph(workdir / f"store-{batch_size}")
    try:
        cache = workdir / f"cache-{batch_size}"
        first, summary = timed_push(data, endpoint, batch_size, cache)
        again, _ = timed_push(data, endpoint, batch_size, cache)
        change_one_profile(data)
        changed, changed_summary = timed_push(data, endpoint, batch_size, cache)
    finally:
        stop(process)
    print(f"batch {batch_size}: {summary}\n  after a change: {changed_summary}", file=sys.stderr)
    return [
        f"| push, --batch-size {batch_size}, all graphs | {first:.1f} s | {triples / first:,.0f} |",
        f"| push again, --batch-size {batch_size}, all unchanged | {again:.1f} s | — |",
        f"| push after one profile changed, --batch-size {batch_size} | {changed:.1f} s | — |",
    ]


def baseline_row(corpus: Path, workdir: Path, triples: int) -> str:
    dump = workdir / "all.nq"
    export = [str(BIN / "scholarld"), "--data", str(corpus), "export", "--no-validate"]
    subprocess.run([*export, "--format", "nq", "--output", str(dump)], check=True)
    started = time.perf_counter()
    load = [str(BIN / "oxigraph"), "load", "--location", str(workdir / "bulk"), "--file"]
    subprocess.run([*load, str(dump)], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    label = "baseline: `oxigraph load` of the N-Quads dump"
    return f"| {label} | {seconds:.1f} s | {triples / seconds:,.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=200)
    parser.add_argument("--works", type=int, default=20, help="works per profile")
    parser.add_argument("--batch-sizes", default="1,4")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="push-bench-") as folder:
        workdir = Path(folder)
        corpus = workdir / "corpus"
        generate_corpus(corpus, CorpusSize(options.profiles, options.works))
        export = [str(BIN / "scholarld"), "--data", str(corpus), "export", "--no-validate"]
        nt = subprocess.run([*export, "--format", "nq"], capture_output=True, check=True).stdout
        triples = nt.count(b"\n")
        rows = [baseline_row(corpus, workdir, triples)]
        for size in (int(value) for value in options.batch_sizes.split(",")):
            rows += push_rows(corpus, size, workdir, triples)
    print(f"{options.profiles} profiles × {options.works} works: {triples:,} quads; ", end="")
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| run | wall time | quads per second |\n|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
