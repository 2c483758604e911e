"""Benchmark: ``scholarld build`` against Hugo on the same synthetic corpus (issue 4).

    .venv/bin/python benchmarks/hugo.py [--profiles 200] [--works 50] [--repeat 3]

1. One corpus (``benchmarks/corpus.py``, ``--profiles`` × ``--works`` publications) is
   written twice: as scholarld's ``data/`` folder, and as a Hugo site
   (``benchmarks/hugo_site/``: config and layouts; ``content/publications/<key>.md``
   written here from the same profiles: title, ordered authors, year, venue, presentation,
   awards, DOI/arXiv where known, links). Hugo renders one page per publication with
   ``ScholarlyArticle`` JSON-LD (ordered ``Person`` authors with ``@id``) and Highwire
   ``citation_*`` tags, and a list page per author (the ``authors`` taxonomy, as Hugo Blox
   academic sites do).
2. Whole processes are timed in the same run, each into a fresh output folder, wall and
   CPU time (user + system of the process and its threads; CPU time is steadier on a
   shared machine): ``hugo --quiet --source SITE --destination OUT`` and ``scholarld build
   --no-validate``, ``--repeat`` times each; ``scholarld build`` in full (SHACL validation
   with a cold cache, dumps, every page) ``--cold-repeat`` times (it is slow: about a
   minute of CPU per thousand works); then with the warm cache it left, ``--repeat``
   times. Medians; ``--timings`` shows where each build's time goes.

Prints Markdown (paste it into docs/benchmarks.md, "Static site build vs Hugo").
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CorpusSize, generate_corpus
from installed import compile_bytecode

from scholarld.model import Profile, Version, VersionKind, Work
from scholarld.profiles import read_site

REPO = Path(__file__).resolve().parents[1]
HUGO_SITE = Path(__file__).resolve().parent / "hugo_site"
JOURNAL_KINDS = {VersionKind.JOURNAL_ARTICLE, VersionKind.PROCEEDINGS_JOURNAL_ARTICLE}


def first_version(work: Work) -> Version | None:
    """The version a citation names: the first published one, else the first."""
    published = [v for v in work.versions if v.kind != VersionKind.PREPRINT]
    candidates = published or list(work.versions)
    return candidates[0] if candidates else None


def front_matter(work: Work, profile: Profile) -> dict[str, Any]:
    """Hugo front matter for ``work``: the facts scholarld's publication page shows."""
    venues = {venue.key: venue for venue in profile.venues}
    version = first_version(work)
    venue = venues.get(version.venue) if version else None
    identifiers = work.identifiers
    matter: dict[str, Any] = {
        "title": work.title,
        "authors": [author.name for author in work.authors],
        "venue": (venue.name or venue.key) if venue else None,
        "venue_kind": "journal" if version and version.kind in JOURNAL_KINDS else "conference",
        "year": version.year if version else None,
        "presentation": str(version.presentation) if version and version.presentation else None,
        "awards": [a for v in work.versions for a in v.awards],
        "doi": identifiers.doi,
        "arxiv": identifiers.arxiv,
        "links": [{"label": ln.label, "url": ln.url} for ln in work.links if ln.url],
    }
    if matter["year"]:
        matter["date"] = f"{matter['year']:04d}-01-01"
    return {key: value for key, value in matter.items() if value not in (None, [])}


def write_hugo_site(data_dir: Path, target: Path) -> int:
    """Copy ``hugo_site/`` to ``target`` and write one content page per work of the
    profiles in ``data_dir`` (JSON front matter); return the number of pages."""
    shutil.copytree(HUGO_SITE, target)
    content = target / "content" / "publications"
    content.mkdir(parents=True)
    written = 0
    for sourced in read_site(data_dir).profiles:
        for work in sourced.profile.works:
            matter = json.dumps(front_matter(work, sourced.profile), ensure_ascii=False, indent=1)
            (content / f"{work.key}.md").write_text(matter + "\n", encoding="utf-8")
            written += 1
    return written


@dataclass(frozen=True)
class Run:
    """One timed process: wall and CPU seconds (user + system, all its threads and
    children) and what it printed besides warnings."""

    wall: float
    cpu: float
    output: str


TIMED_OUT = Run(float("inf"), float("inf"), "timed out")


def run_timed(
    command: list[str], output: Path, env: dict[str, str] | None = None, timeout: float = 3600
) -> Run:
    """Run ``command`` once, writing into a fresh ``output``."""
    shutil.rmtree(output, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        result = subprocess.run(
            command, check=False, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return TIMED_OUT
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    printed = (result.stdout + result.stderr).splitlines()
    return Run(wall, cpu, "\n".join(line for line in printed if not line.startswith("WARNING")))


def scholarld_build(data_dir: Path, output: Path, *extra: str) -> list[str]:
    shapes = str(REPO / "shapes")
    return [sys.executable, "-m", "scholarld", "--data", str(data_dir), "build", "--output",
            str(output), "--shapes", shapes, "--no-progress", "--timings", *extra]  # fmt: skip


def with_cache(cache: Path) -> dict[str, str]:
    return {**os.environ, "SCHOLARLD_CACHE_DIR": str(cache)}


@dataclass(frozen=True)
class Plan:
    """How often to run each command; cold builds are slow, so they have their own count
    and a timeout."""

    repeat: int
    cold_repeat: int
    timeout: float


def measure(data_dir: Path, hugo_dir: Path, workdir: Path, plan: Plan) -> dict[str, list[Run]]:
    """Every run of every command: Hugo, ``--no-validate``, cold-cache builds (the last
    one's cache is then reused), warm-cache builds."""
    output = workdir / "out"
    hugo = ["hugo", "--quiet", "--source", str(hugo_dir), "--destination", str(output)]
    runs: dict[str, list[Run]] = {"hugo": [], "no-validate": [], "cold": [], "warm": []}
    for _ in range(plan.repeat):
        runs["hugo"].append(run_timed(hugo, output))
        no_validate = scholarld_build(data_dir, output, "--no-validate")
        runs["no-validate"].append(run_timed(no_validate, output))
        report("hugo", runs)
        report("no-validate", runs)
    cache = workdir / "cache-0"
    for number in range(plan.cold_repeat):
        cache = workdir / f"cache-{number}"
        command = scholarld_build(data_dir, output)
        runs["cold"].append(run_timed(command, output, with_cache(cache), plan.timeout))
        report("cold", runs)
    if runs["cold"][-1] is TIMED_OUT:
        return runs
    for _ in range(plan.repeat):
        runs["warm"].append(run_timed(scholarld_build(data_dir, output), output, with_cache(cache)))
        report("warm", runs)
    return runs


def report(name: str, runs: dict[str, list[Run]]) -> None:
    last = runs[name][-1]
    print(f"  {name} run {len(runs[name])}: {last.wall:.2f} s wall, {last.cpu:.2f} s CPU")


def count_files(folder: Path, suffix: str) -> int:
    return sum(1 for _ in folder.rglob(f"*{suffix}"))


ROWS = (
    ("hugo", "`hugo --quiet` (publications + a list page per author)"),
    ("cold", "`scholarld build`, cold validation cache (full)"),
    ("warm", "`scholarld build`, warm validation cache"),
    ("no-validate", "`scholarld build --no-validate`"),
)


def median(runs: list[Run], field: str) -> float:
    return statistics.median(getattr(run, field) for run in runs) if runs else float("nan")


def table(runs: dict[str, list[Run]], pages: dict[str, int]) -> list[str]:
    hugo_wall, hugo_cpu = median(runs["hugo"], "wall"), median(runs["hugo"], "cpu")
    lines = [
        "| command | runs | HTML pages | wall (median) | vs Hugo | CPU (median) | vs Hugo |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label in ROWS:
        wall, cpu = median(runs[key], "wall"), median(runs[key], "cpu")
        count = pages["hugo" if key == "hugo" else "scholarld"]
        lines.append(
            f"| {label} | {len(runs[key])} | {count:,} | {wall:.2f} s | {wall / hugo_wall:.2f}x "
            f"| {cpu:.2f} s | {cpu / hugo_cpu:.2f}x |"
        )
    return lines


def hugo_version() -> str:
    result = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True)
    return result.stdout.split("BuildDate")[0].strip()


def prepare(workdir: Path, size: CorpusSize) -> tuple[Path, Path]:
    data_dir = workdir / "data"
    start = time.perf_counter()
    works = generate_corpus(data_dir, size)
    hugo_dir = workdir / "hugo"
    pages = write_hugo_site(data_dir, hugo_dir)
    assert pages == works, (pages, works)
    print(f"corpus: {size.profiles} profiles × {size.works} works = {works:,} publications "
          f"(written for both in {time.perf_counter() - start:.1f} s)")  # fmt: skip
    return data_dir, hugo_dir


def count_pages(hugo_dir: Path, workdir: Path, runs: dict[str, list[Run]]) -> dict[str, int]:
    """HTML pages each tool writes: Hugo's counted after one more (untimed) run,
    scholarld's from its summary line (``built ... N pages ...``)."""
    hugo_out = workdir / "hugo-pages"
    run_timed(["hugo", "--quiet", "--source", str(hugo_dir), "--destination", str(hugo_out)],
              hugo_out)  # fmt: skip
    summary = runs["no-validate"][-1].output.rsplit("built ", 1)[-1]
    found = re.search(r"(\d+) pages", summary)
    return {"hugo": count_files(hugo_out, ".html"), "scholarld": int(found[1]) if found else 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=200)
    parser.add_argument("--works", type=int, default=50, help="works per profile")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold-repeat", type=int, default=1, help="cold-cache full builds")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per cold build")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    compile_bytecode()
    if shutil.which("hugo") is None:
        sys.exit("hugo is not installed (Debian: apt-get install hugo)")
    with tempfile.TemporaryDirectory(prefix="scholarld-hugo-") as temporary:
        workdir = Path(temporary)
        data_dir, hugo_dir = prepare(workdir, CorpusSize(args.profiles, args.works))
        plan = Plan(args.repeat, args.cold_repeat, args.timeout)
        runs = measure(data_dir, hugo_dir, workdir, plan)
        pages = count_pages(hugo_dir, workdir, runs)
        print(f"\n{hugo_version()}; {os.cpu_count()} CPUs; load average at the end "
              f"{os.getloadavg()[0]:.1f}\n")  # fmt: skip
        print("\n".join(table(runs, pages)))
        for key in ("cold", "warm", "no-validate"):
            if runs[key] and runs[key][-1] is not TIMED_OUT:
                print(f"\nstages of the last {key} build:\n{runs[key][-1].output}")


if __name__ == "__main__":
    main()
