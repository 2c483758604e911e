"""Merge imported works into a profile without duplicating or overwriting anything.

An imported work is the same as a work already there when they share a DOI, else an
arXiv id (on the work or any version), else their titles in match form (case, diacritics,
punctuation and spacing ignored). A match only *adds*: versions the profile lacks, and on
a version it already has (same DOI or arXiv id, or same kind and venue) the year, month,
identifiers and links it does not state. A work with no match is added with a key made
like the homepage importer's (``he2016deep``, unique among the profile's keys). Venues
are matched by key, acronym or name and reused; new ones are added.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from scholarld.importers.bibtex_map import ImportedWork
from scholarld.importers.homepage.keys import unique_keys
from scholarld.model import Profile, Venue, Version, Work, WorkIdentifiers
from scholarld.names import match_form


@dataclass(frozen=True)
class MergeResult:
    """The merged profile and what the merge did, as work keys in file order."""

    profile: Profile
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]


@dataclass
class _WorkIndex:
    """Where each DOI, arXiv id and title is, for the works of one merge (local state)."""

    by_doi: dict[str, int] = field(default_factory=dict)
    by_arxiv: dict[str, int] = field(default_factory=dict)
    by_title: dict[str, int] = field(default_factory=dict)

    def add(self, position: int, work: Work) -> None:
        for identifiers in _identifiers(work.identifiers, work.versions):
            if identifiers.doi:
                self.by_doi.setdefault(identifiers.doi.lower(), position)
            if identifiers.arxiv:
                self.by_arxiv.setdefault(identifiers.arxiv, position)
        self.by_title.setdefault(match_form(work.title), position)

    def find(self, item: ImportedWork) -> int | None:
        found = _identifiers(WorkIdentifiers(), item.versions)
        for identifiers in found:
            if identifiers.doi and identifiers.doi.lower() in self.by_doi:
                return self.by_doi[identifiers.doi.lower()]
        for identifiers in found:
            if identifiers.arxiv and identifiers.arxiv in self.by_arxiv:
                return self.by_arxiv[identifiers.arxiv]
        return self.by_title.get(match_form(item.title))


def _identifiers(own: WorkIdentifiers, versions: Iterable[Version]) -> list[WorkIdentifiers]:
    return [own, *(version.identifiers for version in versions)]


def merge_works(profile: Profile, imported: Sequence[ImportedWork]) -> MergeResult:
    """``profile`` with ``imported`` merged in (rules in the module docstring)."""
    works = list(profile.works)
    venues = list(profile.venues)
    index = _WorkIndex()
    for position, work in enumerate(works):
        index.add(position, work)
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    for item in imported:
        versions = [_on_venue(version, item, venues) for version in item.versions]
        found = index.find(item)
        if found is None:
            taken = [work.key for work in works]
            key = unique_keys([(item.title, item.authors, versions)], taken)[0]
            work = Work(key=key, title=item.title, authors=list(item.authors), versions=versions)
            works.append(work)
            index.add(len(works) - 1, work)
            added.append(key)
            continue
        merged = _merged_work(works[found], item, versions)
        (unchanged if merged == works[found] else updated).append(merged.key)
        works[found] = merged
        index.add(found, merged)
    merged_profile = Profile(**{**dict(profile), "venues": venues, "works": works})
    return MergeResult(merged_profile, tuple(added), tuple(updated), tuple(unchanged))


def _on_venue(version: Version, item: ImportedWork, venues: list[Venue]) -> Version:
    """The version naming the profile's key for its venue (added to ``venues`` if new)."""
    imported = next(venue for venue in item.venues if venue.key == version.venue)
    key = _venue_key(venues, imported)
    return version if key == version.venue else _updated(version, venue=key)


def _venue_key(venues: list[Venue], venue: Venue) -> str:
    wanted = {venue.key.lower(), (venue.acronym or venue.key).lower()}
    name = match_form(venue.name) if venue.name else None
    for known in venues:
        labels = {known.key.lower(), (known.acronym or known.key).lower()}
        if labels & wanted or (name and known.name and match_form(known.name) == name):
            return known.key
    venues.append(venue)
    return venue.key


def _merged_work(work: Work, item: ImportedWork, versions: Sequence[Version]) -> Work:
    merged = list(work.versions)
    for version in versions:
        position = _same_version(merged, version)
        if position is None:
            merged.append(version)
        else:
            merged[position] = _filled_version(merged[position], version)
    authors = work.authors or list(item.authors)
    if merged == list(work.versions) and authors == work.authors:
        return work
    return Work(**{**dict(work), "versions": merged, "authors": authors})


def _same_version(versions: Sequence[Version], new: Version) -> int | None:
    """The version ``new`` is another record of: same DOI or arXiv id, else same kind and
    venue (and no different year)."""
    doi, arxiv = new.identifiers.doi, new.identifiers.arxiv
    for position, version in enumerate(versions):
        if (doi and version.identifiers.doi == doi) or (
            arxiv and version.identifiers.arxiv == arxiv
        ):
            return position
    for position, version in enumerate(versions):
        same_place = version.kind == new.kind and version.venue.lower() == new.venue.lower()
        years_agree = version.year is None or new.year is None or version.year == new.year
        if same_place and years_agree:
            return position
    return None


def _filled_version(version: Version, new: Version) -> Version:
    """``version`` with what it does not state taken from ``new``; nothing overwritten."""
    updates: dict[str, object] = {}
    if version.year is None and new.year is not None:
        updates.update(year=new.year, month=new.month)
    elif version.month is None and new.month is not None and version.year == new.year:
        updates["month"] = new.month
    identifiers = WorkIdentifiers(
        doi=version.identifiers.doi or new.identifiers.doi,
        arxiv=version.identifiers.arxiv or new.identifiers.arxiv,
    )
    if identifiers != version.identifiers:
        updates["identifiers"] = identifiers
    urls = {link.url for link in version.links}
    links = [link for link in new.links if link.url not in urls]
    if links:
        updates["links"] = [*version.links, *links]
    return _updated(version, **updates) if updates else version


def _updated(version: Version, **updates: object) -> Version:
    return Version(**{**dict(version), **updates})
