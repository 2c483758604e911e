"""Every example query in ``docs/queries/`` runs over the default profile (``data/``) and
answers its question correctly: each result is checked against counts taken from the
seed text, ``../shared/seed/homepage-kaiming-he-2020.txt``, parsed here independently of
the importer (title line, author line, venue lines per publication entry)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph
import pytest

from scholarld.graph.namespaces import PREFIXES
from scholarld.query import load_store, run_query
from scholarld.serialize.export import read_site_graph

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "docs" / "queries"
SEED = REPO.parent / "shared" / "seed" / "homepage-kaiming-he-2020.txt"
OWNER = "Kaiming He"
Row = dict[str, str]


@dataclass(frozen=True)
class SeedEntry:
    """One publication entry of the seed homepage."""

    title: str
    authors: tuple[str, ...]
    venue_lines: tuple[str, ...]


@cache
def seed_entries() -> tuple[SeedEntry, ...]:
    text = SEED.read_text(encoding="utf-8")
    publications = text.split("\nPublications\n", 1)[1].split("Awards and Honors", 1)[0]
    blocks = re.split(r"\n[ \u00a0\u3000]*\t[ \u00a0]*\t?[ \u00a0]*\n|\n \u3000\n", publications)
    entries = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if len(lines) >= 3:
            entries.append(SeedEntry(lines[0], seed_authors(lines[1]), tuple(lines[2:])))
    return tuple(entries)


def seed_authors(line: str) -> tuple[str, ...]:
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", line)
    return tuple(part.strip().rstrip("*") for part in parts if part.strip())


def seed_section(heading: str, end: str) -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    body = text.split(f"\n{heading}\n", 1)[1].split(end, 1)[0]
    return [line.strip() for line in body.splitlines() if line.strip()]


def seed_venue_years() -> Counter[tuple[str, int]]:
    """(venue acronym, year) of every version listed in the seed."""
    counts: Counter[tuple[str, int]] = Counter()
    for entry in seed_entries():
        for line in entry.venue_lines:
            year = re.search(r"\b(\d{4})\b", line)
            venue = re.search(r"\(([A-Za-z]+)\), (?:accepted in )?\d{4}", line)
            if venue and year:
                counts[(venue.group(1), int(year.group(1)))] += 1
            elif line.startswith("ACM Transactions on Graphics") and year:
                counts[("TOG", int(year.group(1)))] += 1
            elif line.startswith("Tech report, arXiv") and year:
                counts[("arXiv", int(year.group(1)))] += 1
    return counts


def seed_titles(predicate: Callable[[SeedEntry], bool]) -> set[str]:
    return {entry.title for entry in seed_entries() if predicate(entry)}


def in_venue_lines(text: str) -> Callable[[SeedEntry], bool]:
    return lambda entry: any(text in line for line in entry.venue_lines)


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    _, site_graph = read_site_graph(REPO / "data")
    return load_store(site_graph.graphs)


def rows(store: pyoxigraph.Store, name: str) -> list[Row]:
    """The query's SELECT results as {variable: value} rows (SPARQL JSON results)."""
    text = (QUERIES / name).read_text(encoding="utf-8")
    document = json.loads(run_query(store, text, "json", PREFIXES))
    return [
        {key: cell["value"] for key, cell in binding.items()}
        for binding in document["results"]["bindings"]
    ]


def test_the_seed_parser_reads_the_homepage_as_described() -> None:
    entries = seed_entries()
    assert len(entries) == 57  # seed/README.md: 57 publication entries
    assert entries[0].title.startswith("Momentum Contrast")
    assert entries[-1].authors == ("Kaiming He", "Jian Sun", "Xiaoou Tang")


def test_works_per_profile(store: pyoxigraph.Store) -> None:
    assert rows(store, "works-per-profile.rq") == [
        {"profile": "http://localhost:8000/graph/kaiming-he", "works": str(len(seed_entries()))}
    ]


def test_works_per_venue_year(store: pyoxigraph.Store) -> None:
    found = {
        (r["venue"], int(r["year"])): int(r["publications"])
        for r in rows(store, "works-per-venue-year.rq")
    }
    assert found == dict(seed_venue_years())
    assert found[("CVPR", 2015)] == 5
    assert found[("TPAMI", 2015)] == 3


def test_coauthors_ranked_by_joint_works(store: pyoxigraph.Store) -> None:
    expected: Counter[str] = Counter()
    for entry in seed_entries():
        expected.update(set(entry.authors) - {OWNER})
    found = rows(store, "coauthors.rq")
    assert {r["coauthor"]: int(r["jointWorks"]) for r in found} == dict(expected)
    assert [(r["coauthor"], r["jointWorks"]) for r in found[:3]] == [
        ("Jian Sun", "30"),
        ("Ross Girshick", "21"),
        ("Piotr Dollár", "12"),
    ]


def test_first_author_works(store: pyoxigraph.Store) -> None:
    found = {r["title"] for r in rows(store, "first-author-works.rq")}
    assert found == seed_titles(lambda entry: entry.authors[0] == OWNER)
    assert len(found) == 17


def test_award_winning_works(store: pyoxigraph.Store) -> None:
    found = rows(store, "award-winning-works.rq")
    won = re.compile(r"\)\. .*(Award|Honorable Mention)")
    expected = seed_titles(lambda e: any(won.search(line) for line in e.venue_lines))
    assert {r["title"] for r in found} == expected
    assert len(expected) == 5
    assert "Deep Hough Voting for 3D Object Detection in Point Clouds" not in expected


def test_nominated_works_are_separate_from_awards(store: pyoxigraph.Store) -> None:
    found = rows(store, "nominated-works.rq")
    assert {r["title"] for r in found} == seed_titles(in_venue_lines("Nomination"))
    assert [(r["venue"], r["nomination"], r["year"]) for r in found] == [
        ("ICCV", "Best Paper Nomination", "2019")
    ]


def test_journal_versions(store: pyoxigraph.Store) -> None:
    found = rows(store, "journal-versions.rq")
    by_journal = Counter(r["journal"] for r in found)
    assert by_journal == {
        "TPAMI": len(seed_titles(in_venue_lines("(TPAMI)"))),
        "IJCV": len(seed_titles(in_venue_lines("(IJCV)"))),
        "TOG": len(seed_titles(in_venue_lines("ACM Transactions on Graphics"))),
    }
    assert by_journal["TPAMI"] == 11
    assert {"title": "Mask R-CNN", "journal": "TPAMI", "year": "2018"} in found


def test_oral_presentations(store: pyoxigraph.Store) -> None:
    found = rows(store, "oral-presentations.rq")
    assert {r["title"] for r in found} == seed_titles(in_venue_lines("(Oral)"))
    assert len(found) == 13
    assert {"title": "Mask R-CNN", "conference": "ICCV 2017"} in found


def test_presentations_by_kind(store: pyoxigraph.Store) -> None:
    found = {r["kind"]: int(r["papers"]) for r in rows(store, "presentations-by-kind.rq")}
    assert found == {
        "Oral presentation": len(seed_titles(in_venue_lines("(Oral)"))),
        "Spotlight presentation": len(seed_titles(in_venue_lines("(Spotlight)"))),
    }


def seed_service_years() -> Counter[int]:
    """Roles per year from the Activities lines "Role: VENUE YEAR, ..." and "VENUE Y1 - Y2"."""
    counts: Counter[int] = Counter()
    for line in seed_section("Activities", "\nPublications\n"):
        role = re.match(r"^(Program Chair|Area Chair|Associate Editor): (.*)$", line)
        if not role:
            continue
        for occasion in role.group(2).split(","):
            years = [int(year) for year in re.findall(r"\d{4}", occasion)]
            counts.update(range(years[0], years[-1] + 1))
    return counts


def test_service_roles_per_year(store: pyoxigraph.Store) -> None:
    found = Counter(int(r["year"]) for r in rows(store, "service-roles-per-year.rq"))
    assert found == seed_service_years()
    assert found == {2016: 2, 2017: 2, 2018: 3, 2019: 1, 2020: 1, 2023: 1}


def test_tutorials(store: pyoxigraph.Store) -> None:
    found = rows(store, "tutorials.rq")
    lines = [line for line in seed_section("Activities", "\nPublications\n") if "tutorial" in line]
    assert len(found) == len(lines) == 6
    parts = Counter(r["part"] for r in found)
    assert parts == {"Co-organizer": 5, "Invited speaker": 1}
    assert {(r["venue"], r["year"]) for r in found} == {
        (m.group(1), m.group(2))
        for m in (re.search(r"at (\w+) (\d{4})", line) for line in lines)
        if m
    }


def test_works_coauthored_with_two_people(store: pyoxigraph.Store) -> None:
    found = {r["title"] for r in rows(store, "coauthored-with-two-people.rq")}
    both = {"Ross Girshick", "Piotr Dollár"}
    assert found == seed_titles(lambda entry: both <= set(entry.authors))
    assert len(found) == 12


def test_personal_awards(store: pyoxigraph.Store) -> None:
    found = [r["award"] for r in rows(store, "personal-awards.rq")]
    assert sorted(found) == sorted(seed_section("Awards and Honors", "\0"))


def test_preprint_only_works(store: pyoxigraph.Store) -> None:
    found = {r["title"] for r in rows(store, "preprint-only-works.rq")}
    assert found == seed_titles(lambda entry: entry.venue_lines[0].startswith("Tech report"))
    assert len(found) == 4


CHECKED = {
    "works-per-profile.rq",
    "works-per-venue-year.rq",
    "coauthors.rq",
    "first-author-works.rq",
    "award-winning-works.rq",
    "nominated-works.rq",
    "journal-versions.rq",
    "oral-presentations.rq",
    "presentations-by-kind.rq",
    "service-roles-per-year.rq",
    "tutorials.rq",
    "coauthored-with-two-people.rq",
    "personal-awards.rq",
    "preprint-only-works.rq",
}


def test_every_example_query_is_checked_and_states_its_question() -> None:
    files = sorted(path.name for path in QUERIES.glob("*.rq"))
    assert set(files) == CHECKED
    assert len(files) >= 12
    for name in files:
        first = (QUERIES / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# Question: "), name
