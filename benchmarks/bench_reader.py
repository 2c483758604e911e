"""How long read_site takes: on the default data, and on a synthetic folder of 1,000
profiles (copies of the default profile under different slugs) in a temporary folder.

Run: .venv/bin/python benchmarks/bench_reader.py [--profiles N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from scholarld.profiles import read_site

DATA = Path(__file__).resolve().parents[1] / "data"


def best_time(data: Path, repeat: int) -> tuple[float, float, int]:
    """The fastest of ``repeat`` reads of ``data`` (wall and CPU seconds; CPU time is less
    disturbed by other processes) and how many profiles it held."""
    walls, cpus = [], []
    count = 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        count = len(read_site(data).profiles)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), count


def synthetic_site(root: Path, profiles: int) -> Path:
    """A data folder holding ``profiles`` copies of the default profiles."""
    sources = sorted((DATA / "people").glob("*.yaml"))
    people = root / "data" / "people"
    people.mkdir(parents=True)
    for index in range(profiles):
        source = sources[index % len(sources)]
        (people / f"person-{index:05d}.yaml").write_bytes(source.read_bytes())
    return root / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=1000)
    arguments = parser.parse_args()
    wall, cpu, count = best_time(DATA, repeat=10)
    print(f"default data: {count} profile(s): {wall * 1000:.1f} ms, CPU {cpu * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as root:
        data = synthetic_site(Path(root), arguments.profiles)
        wall, cpu, count = best_time(data, repeat=2)
    each = cpu / count * 1000
    print(f"synthetic: {count} profiles: {wall:.2f} s, CPU {cpu:.2f} s ({each:.1f} ms each)")


if __name__ == "__main__":
    main()
