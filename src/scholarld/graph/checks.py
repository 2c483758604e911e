"""Checks the graph stage needs beyond the profile model: distinct venue keys must give
distinct IRIs (``CVPR`` and ``cvpr`` would silently become one venue)."""

from __future__ import annotations

from collections.abc import Sequence

from scholarld.errors import Problem, ProfileError
from scholarld.graph.collisions import site_problems
from scholarld.graph.iris import segment
from scholarld.profiles import SourcedProfile


def venue_key_problems(sourced: SourcedProfile) -> list[Problem]:
    """One problem per venue key whose IRI segment an earlier key already took."""
    first: dict[str, str] = {}
    problems: list[Problem] = []
    for index, venue in enumerate(sourced.profile.venues):
        name = segment(venue.key, "venue")
        taken = first.setdefault(name, venue.key)
        if taken != venue.key:
            problems.append(
                Problem(
                    str(sourced.path),
                    None,
                    f"venues[{index}].key",
                    f"venue keys {taken!r} and {venue.key!r} both give the IRI path "
                    f"venue/{name}, so they would become one venue",
                    "rename one of the keys (and the versions, roles and talks naming it)",
                )
            )
    return problems


def check_profiles(profiles: Sequence[SourcedProfile]) -> None:
    """Raise one ``ProfileError`` listing every problem, or return."""
    problems = [problem for sourced in profiles for problem in venue_key_problems(sourced)]
    problems += site_problems(profiles)  # other names that would share an IRI
    if problems:
        raise ProfileError(problems)
