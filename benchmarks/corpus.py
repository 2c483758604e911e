"""Synthetic corpus generator: a ``data/``-shaped folder of profiles shaped like the real one.

Each profile looks like the default profile (Kaiming He's homepage): an owner with an
affiliation, identifiers and a few awards, service roles and tutorials; about ten venues
(conferences, journals, arXiv); and works with 2–10 authors drawn with skewed popularity
from a shared pool of co-authors (so profiles overlap, as real co-authors do), 1–3
versions (conference paper, journal version, preprint), some orals and spotlights, a few
best-paper awards and nominations, and link labels.

Deterministic: the same ``seed`` and sizes give byte-identical files. Profiles are built
as ``scholarld.model.Profile`` values and written with the project's own YAML writer, so
the corpus is always valid input.

    python benchmarks/corpus.py OUT_DIR --profiles 40 --works 50
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scholarld.model import Profile
from scholarld.profiles.writer import dump_profile


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


GIVEN = words(
    "Ada Alan Bo Chen Dana Eli Fang Gita Hao Ines Jun Kai Lena Ming Nora Omar Priya Qi Rosa "
    "Sven Tao Uma Vik Wei Xin Yara Zhi Amir Bea Cyril Dora Emil Farah Goran Hana Ivo Jana"
)
FAMILY = words(
    "Abe Berg Cruz Dahl Egan Fisk Gao Hale Ito Jung Kern Lund Mori Nagy Ortiz Park Quinn Rossi "
    "Sato Tran Ueda Vogel Wang Xu Yoon Zhou Adler Brandt Costa Dumas Ekman Ferri Grün Holm"
)
CONFERENCES = (
    ("CVPR", "Computer Vision and Pattern Recognition"),
    ("ICCV", "International Conference on Computer Vision"),
    ("ECCV", "European Conference on Computer Vision"),
    ("NeurIPS", "Conference on Neural Information Processing Systems"),
    ("ICML", "International Conference on Machine Learning"),
    ("ICLR", "International Conference on Learning Representations"),
)
JOURNALS = (
    ("TPAMI", "IEEE Transactions on Pattern Analysis and Machine Intelligence"),
    ("IJCV", "International Journal of Computer Vision"),
    ("JMLR", "Journal of Machine Learning Research"),
)
WORDS = words(
    "deep residual learning networks object detection segmentation visual recognition "
    "unsupervised representation contrastive video dense pyramid feature attention graph "
    "transformer scalable efficient robust adversarial pretraining instance panoptic"
)
LINK_LABELS = (("arXiv", "arxiv"), ("code", "code"), ("slides", "slides"), ("project", "project"))


@dataclass(frozen=True)
class CorpusSize:
    profiles: int
    works: int  # per profile
    pool: int = 2000  # shared co-authors


def person_name(index: int) -> str:
    """A distinct, stable name for every index (given × family × a numeric suffix)."""
    given = GIVEN[index % len(GIVEN)]
    family = FAMILY[(index // len(GIVEN)) % len(FAMILY)]
    round_ = index // (len(GIVEN) * len(FAMILY))
    return f"{given} {family}" if round_ == 0 else f"{given} {family}{'i' * round_}"


def generate_corpus(out_dir: Path, size: CorpusSize, seed: int = 2020) -> int:
    """Write ``site.yaml`` and ``people/*.yaml`` under ``out_dir``; return the work count."""
    people = out_dir / "people"
    people.mkdir(parents=True, exist_ok=True)
    (out_dir / "site.yaml").write_text(
        "base_iri: http://localhost:8000/\ntitle: Synthetic corpus\n", encoding="utf-8"
    )
    random_source = random.Random(seed)
    for number in range(size.profiles):
        owner = person_name(size.pool + number)
        profile = Profile.model_validate(profile_data(owner, number, size, random_source))
        slug = owner.lower().replace(" ", "-").replace("ü", "u")
        (people / f"{slug}.yaml").write_text(dump_profile(profile), encoding="utf-8")
    return size.profiles * size.works


def profile_data(owner: str, number: int, size: CorpusSize, rnd: random.Random) -> dict[str, Any]:
    given, family = owner.split(" ", 1)
    return {
        "person": {
            "name": owner,
            "given_name": given,
            "family_name": family,
            "job_title": "Research Scientist",
            "affiliation": {"name": "Example Research Lab", "place": "Menlo Park, CA"},
            "interests": ["computer vision", "deep learning"],
            "identifiers": {"orcid": f"0000-0002-{number % 10000:04d}-000X"},
        },
        "venues": venues(),
        "awards": [{"name": "Young Researcher Award", "year": 2018}],
        "roles": [
            {"role": "Area Chair", "venue": "CVPR", "year": 2016 + number % 5},
            {"role": "Associate Editor", "venue": "IJCV", "start": 2016, "end": 2019},
        ],
        "talks": [
            {
                "kind": "tutorial",
                "title": "Visual Recognition",
                "venue": "ECCV",
                "year": 2018,
                "part": "co-organizer",
            }
        ],
        "works": [work(owner, number, index, size, rnd) for index in range(size.works)],
    }


def venues() -> list[dict[str, str]]:
    listed = [{"key": k, "name": n, "kind": "conference"} for k, n in CONFERENCES]
    listed += [{"key": k, "name": n, "kind": "journal"} for k, n in JOURNALS]
    listed.append({"key": "arXiv", "name": "arXiv", "kind": "preprint-server"})
    return listed


def work(
    owner: str, number: int, index: int, size: CorpusSize, rnd: random.Random
) -> dict[str, Any]:
    """A work of profile ``number``: its key is unique in the corpus (work IRIs are
    site-wide, so equal keys in two profiles would merge two different works)."""
    year = 2009 + rnd.randrange(12)
    authors = coauthors(owner, size.pool, rnd)
    title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(4, 10))).capitalize()
    return {
        "key": f"p{number:04d}w{index:04d}-{year}",
        "title": f"{title} {index}",
        "authors": authors,
        "versions": versions(year, rnd),
        "links": [
            {"label": label, "kind": kind, "url": f"https://example.org/{index}/{kind}"}
            for label, kind in rnd.sample(LINK_LABELS, rnd.randrange(1, 4))
        ],
    }


def coauthors(owner: str, pool: int, rnd: random.Random) -> list[str]:
    """2–10 authors: the owner somewhere, the rest skewed towards frequent co-authors."""
    count = rnd.randrange(2, 11)
    names: list[str] = []
    while len(names) < count - 1:
        name = person_name(int(pool * rnd.random() ** 3))
        if name not in names:
            names.append(name)
    names.insert(rnd.randrange(count), owner)
    return names


def versions(year: int, rnd: random.Random) -> list[dict[str, Any]]:
    conference_key = rnd.choice(CONFERENCES)[0]
    first: dict[str, Any] = {"kind": "conference-paper", "venue": conference_key, "year": year}
    draw = rnd.random()
    if draw < 0.12:
        first["presentation"] = "oral"
    elif draw < 0.16:
        first["presentation"] = "spotlight"
    if rnd.random() < 0.03:
        first["awards"] = [f"{conference_key} Best Paper Award"]
    elif rnd.random() < 0.02:
        first["nominations"] = ["Best Paper Nomination"]
    listed = [first]
    if rnd.random() < 0.3:
        journal = rnd.choice(JOURNALS)[0]
        listed.append({"kind": "journal-article", "venue": journal, "year": year + 1})
    if rnd.random() < 0.5:
        listed.append({"kind": "preprint", "venue": "arXiv", "year": year, "month": 11})
    return listed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--profiles", type=int, default=40)
    parser.add_argument("--works", type=int, default=50, help="works per profile")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    works = generate_corpus(args.out_dir, CorpusSize(args.profiles, args.works), args.seed)
    print(f"wrote {args.profiles} profiles, {works} works to {args.out_dir}")


if __name__ == "__main__":
    main()
