"""The BibTeX import as one function: parse, map each entry, merge into a profile.

``import_bibtex(text, file, into)`` never raises for a bad entry: the entries that cannot
be imported come back as ``skipped`` problems (with their lines), and the command decides
whether they stop the run. ``fragment_yaml`` writes the venues and works alone, for a
user to paste into a profile.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from scholarld.errors import Problem
from scholarld.importers.bibtex import parse_bibtex
from scholarld.importers.bibtex_map import ImportedWork, map_entry
from scholarld.importers.bibtex_merge import MergeResult, merge_works
from scholarld.model import Person, Profile
from scholarld.profiles.writer import LINE_WIDTH, ProfileDumper, profile_data

FRAGMENT_HEADER = (
    "# Venues and works imported from {source} by scholarld import bibtex.\n"
    "# Paste them into a profile (data/people/<slug>.yaml), or rerun with --into PROFILE.\n"
)
_FRAGMENT_OWNER = Person(name="fragment")


@dataclass(frozen=True)
class BibtexImport:
    """What one import did: the merged profile, which works it touched, what it skipped."""

    merge: MergeResult
    entries: int
    skipped: tuple[Problem, ...]


def import_bibtex(text: str, file: str, into: Profile | None) -> BibtexImport:
    """Import the BibTeX ``text`` (named ``file`` in problems) into ``into`` (or nothing)."""
    parsed = parse_bibtex(text, file)
    skipped = list(parsed.problems)
    imported: list[ImportedWork] = []
    for entry in parsed.entries:
        mapped = map_entry(entry, file)
        if isinstance(mapped, Problem):
            skipped.append(mapped)
        else:
            imported.append(mapped)
    base = into if into is not None else Profile(person=_FRAGMENT_OWNER)
    entries = len(parsed.entries) + len(parsed.problems)
    skipped.sort(key=_problem_line)
    return BibtexImport(merge_works(base, imported), entries, tuple(skipped))


def _problem_line(problem: Problem) -> tuple[int, str]:
    return (problem.line or 0, problem.message)


def fragment_yaml(profile: Profile, source: str) -> str:
    """The profile's venues and works as YAML, without the person."""
    data = profile_data(profile)
    fragment = {key: data[key] for key in ("venues", "works") if key in data}
    body = yaml.dump(
        fragment,
        Dumper=ProfileDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=LINE_WIDTH,
    )
    return FRAGMENT_HEADER.format(source=source) + body


def summary(result: BibtexImport, source: str) -> str:
    """One line: how many entries were read and what became of them."""
    merge = result.merge
    parts = [
        f"{len(merge.added)} new work{'s' if len(merge.added) != 1 else ''}",
        f"{len(merge.updated)} updated",
        f"{len(merge.unchanged)} already there",
    ]
    if result.skipped:
        parts.append(f"{len(result.skipped)} skipped")
    return f"Imported {source}: {result.entries} entries, " + ", ".join(parts)
