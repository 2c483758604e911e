"""The IRI scheme: every node the graph describes gets a readable, deterministic IRI under
the site's ``base_iri`` (documented in ``docs/model.md``).

IRIs are returned as N-Triples terms (``<http://localhost:8000/person/kaiming-he>``);
``under(parent, *segments)`` mints a child. Segments are ASCII slugs, so only the base
needs escaping, once, in ``base_term``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from scholarld.graph.terms import iri
from scholarld.model import Organization, Version, VersionKind
from scholarld.names import ascii_slug, fallback_key


def base_term(base_iri: str) -> str:
    """The site's base IRI as a term; it ends with ``/``."""
    return iri(base_iri)


def under(parent: str, *segments: str) -> str:
    """The IRI term ``parent/segment/...`` (``parent`` is an IRI term)."""
    stem = parent[:-1] if parent.endswith("/>") else parent[:-1] + "/"
    return f"{stem}{'/'.join(segments)}>"


@lru_cache(maxsize=16_384)  # a pure function called for every venue of every version
def segment(text: str, prefix: str = "x") -> str:
    """A readable path segment for ``text``: its ASCII slug, or a stable hash-based key
    (``prefix-1a2b3c4d5e``) when the text has no Latin letters or digits."""
    return ascii_slug(text) or fallback_key(prefix, text)


def unique_segments(segments: Iterable[str]) -> list[str]:
    """The segments in order, repeats numbered: ``code``, ``code-2``, ``code-3``."""
    names = list(segments)
    if len(set(names)) == len(names):  # the common case: nothing to number
        return names
    seen: dict[str, int] = {}
    result: list[str] = []
    taken = set()
    for name in names:
        count = seen.get(name, 0) + 1
        seen[name] = count
        candidate = name if count == 1 else f"{name}-{count}"
        while candidate in taken:
            count += 1
            candidate = f"{name}-{count}"
        taken.add(candidate)
        result.append(candidate)
    return result


def person_iri(base: str, key: str) -> str:
    return under(base, "person", key)


def work_iri(base: str, work_key: str) -> str:
    return under(base, "work", work_key)


# Children of a work that are not versions: a version never takes these names.
RESERVED_SEGMENTS = frozenset({"author", "id", "link"})


def version_segment(version: Version) -> str:
    """``cvpr2016`` for a conference or workshop paper with a year, else the venue slug
    (``tpami``, ``arxiv``)."""
    venue = segment(version.venue, "venue")
    if venue in RESERVED_SEGMENTS:
        venue = f"{venue}-version"
    dated = version.kind in (VersionKind.CONFERENCE_PAPER, VersionKind.WORKSHOP_PAPER)
    if dated and version.year is not None:
        return f"{venue}{version.year}"
    return venue


def version_iris(work: str, versions: Iterable[Version]) -> list[str]:
    """One IRI per version of ``work`` (an IRI term), unique within the work."""
    return [under(work, name) for name in unique_segments(map(version_segment, versions))]


def venue_iri(base: str, venue_key: str) -> str:
    """The venue series, journal or preprint server: ``{base}venue/cvpr``."""
    return under(base, "venue", segment(venue_key, "venue"))


def proceedings_iri(base: str, venue_key: str, year: int) -> str:
    return under(venue_iri(base, venue_key), str(year))


def event_series_iri(base: str, venue_key: str) -> str:
    """The conference as a series of meetings: ``{base}event/cvpr``."""
    return under(base, "event", segment(venue_key, "venue"))


def meeting_iri(base: str, venue_key: str, year: int) -> str:
    """One meeting of a conference: ``{base}event/cvpr/2016``."""
    return under(event_series_iri(base, venue_key), str(year))


def organization_iri(base: str, organization: Organization) -> str:
    return under(base, "org", segment(organization.name, "org"))


def role_type_iri(base: str, role_name: str) -> str:
    """A minted ``pro:Role`` individual: ``{base}role/area-chair``."""
    return under(base, "role", segment(role_name, "role"))


def status_type_iri(base: str, status_name: str) -> str:
    """A minted ``pso:Status`` individual: ``{base}status/best-paper-nomination``."""
    return under(base, "status", segment(status_name, "status"))


def graph_iri(base: str, profile_slug: str) -> str:
    return under(base, "graph", profile_slug)


def dataset_iri(base: str) -> str:
    return under(base, "dataset")


def dataset_graph_iri(base: str) -> str:
    """The named graph holding the dataset description (VoID's well-known location)."""
    return under(base, ".well-known", "void")
