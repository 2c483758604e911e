"""Cross-references inside one profile: venue and work keys are unique, and versions and
awards name venues and works the profile defines.

The model's validator joins these messages into one error; the reader reports each one at
its line, from the path it carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scholarld.model import Profile


@dataclass(frozen=True)
class ReferenceProblem:
    """A duplicate key or a dangling reference, located by its path in the profile."""

    path: tuple[str | int, ...]
    message: str


def reference_problems(profile: Profile) -> list[ReferenceProblem]:
    """Duplicate venue/work keys and references to venues or works that are not defined."""
    problems: list[ReferenceProblem] = []
    venue_keys = [venue.key for venue in profile.venues]
    work_keys = [work.key for work in profile.works]
    keyed = (("venue key", "venues", venue_keys), ("work key", "works", work_keys))
    for label, field, keys in keyed:
        seen: set[str] = set()
        for index, key in enumerate(keys):
            if key in seen:
                message = f"{label} {key!r} is defined twice; keys must be unique"
                problems.append(ReferenceProblem((field, index, "key"), message))
            seen.add(key)
    known = set(venue_keys)
    for w, work in enumerate(profile.works):
        for v, version in enumerate(work.versions):
            for field, ref in (("venue", version.venue), ("conference", version.conference)):
                if ref is not None and ref not in known:
                    message = f"work {work.key!r} names venue {ref!r}, which venues lacks"
                    problems.append(ReferenceProblem(("works", w, "versions", v, field), message))
    defined_works = set(work_keys)
    for a, award in enumerate(profile.awards):
        if award.work is not None and award.work not in defined_works:
            message = f"award {award.name!r} names work {award.work!r}, which works lacks"
            problems.append(ReferenceProblem(("awards", a, "work"), message))
    return problems
