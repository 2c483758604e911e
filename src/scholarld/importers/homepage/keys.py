"""Stable, readable work keys: ``he2016deep``.

The key is the first author's family name folded to ASCII ("Dollár" -> dollar), the
earliest year of any version (publication year or status year; left out when there is
none), and the first significant word of the title (articles, prepositions and
conjunctions skipped). Works with no authors use ``anon``. When two works get the same
key, the later one (in page order) takes the next significant title word as well,
joined with a hyphen (``he2016deep-residual``), and then a number (``-2``, ``-3``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scholarld.importers.homepage.names import ascii_fold, family_name
from scholarld.model import Author, Version

TITLE_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "on",
        "of",
        "in",
        "for",
        "to",
        "and",
        "or",
        "with",
        "via",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "towards",
        "toward",
        "into",
        "using",
        "its",
    ]
)


def title_words(title: str) -> tuple[str, ...]:
    """The significant words of a title, folded to ASCII."""
    words = (ascii_fold(word) for word in title.split())
    return tuple(word for word in words if word and word not in TITLE_STOP_WORDS)


def earliest_year(versions: Sequence[Version]) -> int | None:
    years = [year for v in versions for year in (v.year, v.status.year if v.status else None)]
    known = [year for year in years if year is not None]
    return min(known) if known else None


def base_key(title: str, authors: Sequence[Author], versions: Sequence[Version]) -> str:
    """The key before collisions are resolved."""
    family = ascii_fold(family_name(authors[0].name)) if authors else ""
    year = earliest_year(versions)
    words = title_words(title)
    return f"{family or 'anon'}{year or ''}{words[0] if words else 'work'}"


def unique_keys(
    drafts: Sequence[tuple[str, Sequence[Author], Sequence[Version]]],
    taken_keys: Iterable[str] = (),
) -> list[str]:
    """One key per (title, authors, versions), unique, in the same order; ``taken_keys``
    (e.g. the works already in a profile) are avoided."""
    taken: set[str] = set(taken_keys)
    keys: list[str] = []
    for title, authors, versions in drafts:
        key = base_key(title, authors, versions)
        extra = list(title_words(title)[1:])
        candidate, number = key, 1
        while candidate in taken:
            if extra:
                key = f"{key}-{extra.pop(0)}"
                candidate = key
            else:
                number += 1
                candidate = f"{key}-{number}"
        taken.add(candidate)
        keys.append(candidate)
    return keys
