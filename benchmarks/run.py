"""Benchmark: ``scholarld export`` throughput against pyoxigraph's own parse+serialize,
and the default profile's export against the cost of importing rdflib and pySHACL.

    .venv/bin/python benchmarks/run.py [--triples 1000000] [--repeat 3] [--corpus DIR]

1. A synthetic corpus (``benchmarks/corpus.py``) sized to about ``--triples`` triples.
2. For nt, nq, ttl and jsonld: the wall time of the whole ``scholarld --data CORPUS
   export --no-validate --format F --output FILE`` process, and of a process that only
   parses the exported N-Triples (N-Quads for nq and jsonld) with pyoxigraph and
   serializes them to F (the baseline), run in turn (A B A B ..., ``--repeat`` pairs after
   a warm-up of each), in triples per second; the ratio is the median of the per-pair
   ratios. Goal: scholarld within 2x of the baseline.
3. The default profile (``data/``): ``scholarld export --format ttl`` with validation,
   with a cold and a warm validation cache, and without, each run in turn with
   ``python -c "import rdflib, pyshacl"``. Goal: within 1.5x of the imports.

scholarld's modules are compiled to bytecode first (``installed.compile_bytecode``).

Prints Markdown tables (paste them into docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CorpusSize, generate_corpus
from installed import compile_bytecode

REPO = Path(__file__).resolve().parents[1]
FORMATS = ("nt", "nq", "ttl", "jsonld")
PROFILE_WORKS = 50
SAMPLE_PROFILES = (20, 40)
# pyoxigraph alone: parse what scholarld exported (N-Triples for the union formats,
# N-Quads for the dataset formats) and serialize it to the same format.
BASELINE = """
import sys, pyoxigraph as ox
source, target, name = sys.argv[1], sys.argv[2], sys.argv[3]
fmt = {"nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS, "ttl": ox.RdfFormat.TURTLE,
       "jsonld": ox.RdfFormat.JSON_LD}[name]
source_format = ox.RdfFormat.N_QUADS if fmt.supports_datasets else ox.RdfFormat.N_TRIPLES
ox.serialize(ox.parse(path=source, format=source_format), target, fmt)
"""
DATASET_FORMATS = ("nq", "jsonld")


def timed(
    command: list[str],
    repeat: int,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> float:
    """Median wall time in seconds of ``repeat`` runs of ``command`` (each must succeed);
    ``inf`` when a run takes longer than ``timeout`` seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            return float("inf")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def seconds(value: float) -> str:
    return "timed out" if value == float("inf") else f"{value:.2f} s"


def scholarld(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "scholarld", "--data", str(data_dir), *args]


def profiles_for(target: int, workdir: Path) -> tuple[int, float]:
    """How many profiles give about ``target`` triples in the union, and triples per work.

    Profiles share co-authors and venues, so the union grows a little less than linearly;
    two samples (20 and 40 profiles) fit ``triples = a + b * profiles``."""
    counts = []
    for profiles in SAMPLE_PROFILES:
        sample = workdir / f"sample-{profiles}"
        generate_corpus(sample, CorpusSize(profiles=profiles, works=PROFILE_WORKS))
        output = workdir / f"sample-{profiles}.nt"
        command = scholarld(sample, "export", "--no-validate", "-f", "nt", "-o", str(output))
        subprocess.run(command, check=True)
        counts.append(count_lines(output))
    (small, large), (few, many) = SAMPLE_PROFILES, counts
    slope = (many - few) / (large - small)
    needed = small + (target - few) / slope
    return max(1, round(needed)), slope / PROFILE_WORKS


def count_lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for _ in stream)


def paired(first: list[str], second: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Wall times of ``first`` and ``second`` run in turn (A B A B ...), after one warm-up
    run of each: on a shared machine whose speed drifts, each pair sees the same load, so
    the per-pair ratios are steadier than a ratio of separately taken medians."""
    timed(first, 1)
    timed(second, 1)
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(timed(first, 1))
        theirs.append(timed(second, 1))
    return ours, theirs


def export_table(corpus: Path, workdir: Path, repeat: int) -> list[str]:
    """Rows of the throughput table, one per format."""
    rows = []
    for name in FORMATS:
        output = workdir / f"corpus.{name}"
        command = scholarld(corpus, "export", "--no-validate", "-f", name, "-o", str(output))
        # the baseline reads what scholarld exported (nt and nq come first in FORMATS; the
        # warm-up run of ``command`` writes its file before the baseline's first run)
        source = workdir / ("corpus.nq" if name in DATASET_FORMATS else "corpus.nt")
        baseline_command = [sys.executable, "-c", BASELINE, str(source), str(workdir / "b"), name]
        ours_times, baseline_times = paired(command, baseline_command, repeat)
        triples = count_lines(source)
        ours, baseline = statistics.median(ours_times), statistics.median(baseline_times)
        ratios = [a / b for a, b in zip(ours_times, baseline_times, strict=True)]
        rows.append(
            f"| {name} | {triples:,} | {ours:.2f} s | {triples / ours:,.0f} | {baseline:.2f} s "
            f"| {triples / baseline:,.0f} | {statistics.median(ratios):.2f}x "
            f"({min(ratios):.2f}–{max(ratios):.2f}) |"
        )
    return rows


def default_profile_rows(repeat: int, workdir: Path, timeout: float) -> list[str]:
    """Rows comparing the default profile's export with importing rdflib and pySHACL, each
    variant run in turn with the imports (A B A B ...) and given as the median of the
    per-pair ratios."""
    data_dir = REPO / "data"
    if not any((data_dir / "people").glob("*")):
        return ["| (no profile in data/people: skipped) | | |"]
    imports = [sys.executable, "-c", "import rdflib, pyshacl"]
    output = str(workdir / "default.ttl")
    command = scholarld(data_dir, "export", "-f", "ttl", "-o", output)
    warm_env = {**os.environ, "SCHOLARLD_CACHE_DIR": str(workdir / "warm-cache")}
    variants = {
        "`scholarld export -f ttl`, cold validation cache": (command, None),
        "`scholarld export -f ttl`, warm validation cache": (command, warm_env),
        "`scholarld export --no-validate -f ttl`": (
            scholarld(data_dir, "export", "--no-validate", "-f", "ttl", "-o", output),
            None,
        ),
    }
    timed(command, 1, warm_env, timeout)  # fills the warm cache; warms the disk cache
    import_times: list[float] = []
    rows = []
    for label, (variant, env) in variants.items():
        times, ratios = [], []
        for run in range(repeat):
            cold_env = {**os.environ, "SCHOLARLD_CACHE_DIR": str(workdir / f"cold-{run}")}
            import_times.append(timed(imports, 1))
            times.append(timed(variant, 1, env or cold_env, timeout))
            ratios.append(times[-1] / import_times[-1])
        rows.append(
            f"| {label} | {seconds(statistics.median(times))} "
            f"| {statistics.median(ratios):.2f}x ({min(ratios):.2f}–{max(ratios):.2f}) |"
        )
    imports_median = statistics.median(import_times)
    return [f'| `python -c "import rdflib, pyshacl"` | {imports_median:.2f} s | 1.00x |', *rows]


def machine() -> str:
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs (nproc), Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="use (or create) the corpus in this folder")
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds before a validating run is cut off"
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="scholarld-bench-") as temporary:
        workdir = Path(temporary)
        profiles, per_work = profiles_for(args.triples, workdir)
        corpus = args.corpus or workdir / "corpus"
        if not (corpus / "people").is_dir():
            start = time.perf_counter()
            generate_corpus(corpus, CorpusSize(profiles=profiles, works=PROFILE_WORKS))
            print(f"generated {profiles} profiles in {time.perf_counter() - start:.1f} s")
        print(f"machine: {machine()}; {per_work:.0f} triples per work; repeat {args.repeat}")
        print("(triples: the union for nt/ttl, every profile's quads for nq/jsonld)\n")
        print("| format | triples | scholarld export | triples/s | pyoxigraph parse+serialize "
              "| triples/s | ratio: median of pairs (min–max) |")  # fmt: skip
        print("|---|---:|---:|---:|---:|---:|---:|")
        print("\n".join(export_table(corpus, workdir, args.repeat)))
        print("\n| default profile | wall time | vs imports: median of pairs (min–max) |")
        print("|---|---:|---:|")
        print("\n".join(default_profile_rows(args.repeat, workdir, args.timeout)))


if __name__ == "__main__":
    main()
