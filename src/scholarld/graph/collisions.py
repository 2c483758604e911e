"""Names that would share one IRI: two things merged into one node with two names, which
SHACL would report far from its cause. Each is a ``Problem`` naming the file, the field and
the fix (``scholarld.graph.checks`` raises them as one ``ProfileError``).

Within one profile: a venue a role or talk names without defining it (``cvpr`` beside the
key ``CVPR``), two organisation names (``Example Lab``, ``Example lab``), one organisation
under two parents, two service roles, two talks. Across the site's profiles: the same venue
key, work key or organisation defined differently (the site has one node for each), and
talks of the same meeting written differently. Two venue keys of one profile are
``checks.venue_key_problems``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import chain
from typing import NamedTuple

from scholarld.errors import Problem
from scholarld.graph.iris import segment, unique_segments, version_segment
from scholarld.graph.venues import MEETING_KINDS, proceedings_name, venue_label
from scholarld.model import Author, Organization, Profile, Venue, VenueKind, Work
from scholarld.profiles import SourcedProfile

WRITE_ALIKE = "write the same name the same way everywhere, or rename one"
DEFINE_ALIKE = "define it the same way in every profile, or give it another key or name"
ONE_PARENT = "name the two organisations differently, or give them the same parent"


class Claim(NamedTuple):
    """Something a profile names: its IRI path, the text that must agree for two claims of
    one path to be the same thing, the label to show and where it is written. A named
    tuple, not a frozen dataclass: the site check makes ~150,000 per 6,000 works, and a
    tuple is built three times faster."""

    path: str
    text: str
    field: str
    label: str = ""
    file: str = ""
    reported: bool = True  # False: only takes the path (its problems are reported elsewhere)


Describe = Callable[[str, Claim, Claim], str]


def _where(taken: Claim, claim: Claim) -> str:
    return taken.field if taken.file == claim.file else f"{taken.file}: {taken.field}"


def shared_iri_message(what: str, taken: Claim, claim: Claim) -> str:
    return (
        f"{what} {taken.text!r} ({_where(taken, claim)}) and {claim.text!r} both give the IRI "
        f"path {claim.path}, so they would become one {what}"
    )


def two_parents_message(what: str, taken: Claim, claim: Claim) -> str:
    return (
        f"{what} {claim.path} is part of {taken.text} ({_where(taken, claim)}) and of "
        f"{claim.text} here, but one organisation has one parent"
    )


def redefined_message(what: str, taken: Claim, claim: Claim) -> str:
    node, _, aspect = claim.path.partition(" ")
    differs = f"has another {aspect}" if aspect else "is defined differently"
    return (
        f"{what} {claim.label!r} {differs} here than in {_where(taken, claim)}, "
        f"but the site has one node {node} for both"
    )


def claim_problems(
    claims: Iterable[Claim],
    what: str,
    fix: str,
    describe: Describe = shared_iri_message,
    *,
    across_files_only: bool = False,
) -> list[Problem]:
    """One problem per claim whose IRI path an earlier claim with other text already took."""
    first: dict[str, Claim] = {}
    problems: list[Problem] = []
    for claim in claims:
        taken = first.setdefault(claim.path, claim)
        if taken.text == claim.text or not claim.reported:
            continue
        if across_files_only and taken.file == claim.file:
            continue
        message = describe(what, taken, claim)
        problems.append(Problem(claim.file, None, claim.field, message, fix))
    return problems


def _venue_path(key: str) -> str:
    return f"venue/{segment(key, 'venue')}"


def _referenced_venues(profile: Profile) -> Iterator[tuple[str, str]]:
    """(field, key) of the venues roles and talks name without defining them."""
    defined = {venue.key for venue in profile.venues}
    for index, role in enumerate(profile.roles):
        if role.venue not in defined:
            yield f"roles[{index}].venue", role.venue
    for index, talk in enumerate(profile.talks):
        if talk.venue not in defined:
            yield f"talks[{index}].venue", talk.venue


def venue_claims(profile: Profile) -> Iterator[Claim]:
    """Defined venue keys (their collisions are ``venue_key_problems``), then the venues
    roles and talks name without defining them."""
    for index, venue in enumerate(profile.venues):
        yield Claim(_venue_path(venue.key), venue.key, f"venues[{index}].key", reported=False)
    for field, key in _referenced_venues(profile):
        yield Claim(_venue_path(key), key, field)


def venue_statement(venue: Venue) -> str:
    """What the graph states of a venue: its kind, name, short name and proceedings' title
    (``arXiv`` with and without ``name: arXiv`` is one venue)."""
    label = venue_label(venue)
    proceedings = proceedings_name(venue, 1000) if venue.kind in MEETING_KINDS else ""
    return "\n".join((venue.kind.value, venue.name or label, label, proceedings))


def venue_definition_claims(profile: Profile) -> Iterator[Claim]:
    """Every venue as the graph states it; one named only by a role or talk is taken as a
    conference named by its key."""
    for index, venue in enumerate(profile.venues):
        yield Claim(_venue_path(venue.key), venue_statement(venue), f"venues[{index}]", venue.key)
    for field, key in _referenced_venues(profile):
        venue = Venue(key=key, kind=VenueKind.CONFERENCE)
        yield Claim(_venue_path(key), venue_statement(venue), field, key)


def work_definition_claims(profile: Profile) -> Iterator[Claim]:
    """What must agree when profiles share a work key: the work's title and, per version
    both give, its title, venue and date (anything one profile leaves out merges fine)."""
    for index, work in enumerate(profile.works):
        yield from _work_claims(index, work)


def shared_work_claims(shared: frozenset[str], profile: Profile) -> Iterator[Claim]:
    """``work_definition_claims`` of the works whose key is in ``shared``. Every claim's
    path starts with ``work/{key}`` followed by a space or ``/`` (keys hold neither), so
    works of a key that one file alone uses cannot clash across files: the site check
    skips their claims (~150,000 per 6,000 works)."""
    for index, work in enumerate(profile.works):
        if work.key in shared:
            yield from _work_claims(index, work)


def shared_work_keys(profiles: Sequence[SourcedProfile]) -> frozenset[str]:
    """The work keys that two or more of the files use."""
    files_of: dict[str, set[str]] = {}
    for sourced in profiles:
        for work in sourced.profile.works:
            files_of.setdefault(work.key, set()).add(str(sourced.path))
    return frozenset(key for key, files in files_of.items() if len(files) > 1)


def _work_claims(index: int, work: Work) -> Iterator[Claim]:
    """The claims of ``profile.works[index]``."""
    node = f"work/{work.key}"
    yield Claim(f"{node} title", work.title, f"works[{index}].title", work.key)
    yield from _author_claims(node, work.authors, f"works[{index}]", work.key)
    names = unique_segments(version_segment(version) for version in work.versions)
    for place, (name, version) in enumerate(zip(names, work.versions, strict=True)):
        field, label = f"works[{index}].versions[{place}]", f"{work.key}/{name}"
        yield Claim(f"{node}/{name} title", version.title or work.title, field, label)
        authors = version.authors or work.authors
        yield from _author_claims(f"{node}/{name}", authors, field, label)
        yield Claim(f"{node}/{name} venue", version.venue, f"{field}.venue", label)
        if version.year is not None:
            date = f"{version.year}-{version.month or ''}"
            yield Claim(f"{node}/{name} date", date, f"{field}.year", label)


def _author_claims(node: str, authors: Sequence[Author], field: str, label: str) -> Iterator[Claim]:
    """The n-th author role of a shared work or version is one node: its author (name, ORCID,
    dblp id) must be written alike (a list may be longer in one profile)."""
    for position, author in enumerate(authors, start=1):
        path = f"{node} author {position}"
        written = " ".join(filter(None, (author.name, author.orcid, author.dblp)))
        yield Claim(path, written, f"{field}.authors[{position - 1}]", label)


def organizations(profile: Profile) -> Iterator[tuple[str, Organization]]:
    """Every organisation the profile names, parents included, with its field."""
    person = profile.person
    found: list[tuple[str, Organization | None]] = [("person.affiliation", person.affiliation)]
    for field in ("past_affiliations", "education"):
        for index, position in enumerate(getattr(person, field)):
            found.append((f"person.{field}[{index}].organization", position.organization))
    for field, organization in found:
        while organization is not None:
            yield field, organization
            field, organization = f"{field}.parent", organization.parent


def organization_claims(profile: Profile) -> Iterator[Claim]:
    for field, organization in organizations(profile):
        yield Claim(f"org/{segment(organization.name, 'org')}", organization.name, field)


def parent_claims(profile: Profile) -> Iterator[Claim]:
    """An organisation has one parent: the same name under two parents is two organisations."""
    for field, organization in organizations(profile):
        if organization.parent is not None:
            path = f"org/{segment(organization.name, 'org')}"
            parent = f"org/{segment(organization.parent.name, 'org')}"
            yield Claim(path, parent, f"{field}.parent.name")


def role_claims(profile: Profile) -> Iterator[Claim]:
    """Service roles, named by role, venue and years (under the owner's IRI)."""
    for index, role in enumerate(profile.roles):
        years = dict.fromkeys((role.year or role.start, role.year or role.end))
        named = [segment(role.role, "role"), segment(role.venue, "venue")]
        path = "-".join([*named, *(str(year) for year in years if year is not None)])
        yield Claim(f"{{person}}/role/{path}", role.role, f"roles[{index}].role")


def talk_claims(profile: Profile) -> Iterator[Claim]:
    """Talks, named by venue, year, kind and title."""
    for index, talk in enumerate(profile.talks):
        meeting = f"event/{segment(talk.venue, 'venue')}/{talk.year}"
        path = f"{meeting}/{talk.kind.value}/{segment(talk.title)}"
        yield Claim(path, talk.title, f"talks[{index}].title")


ClaimSource = Callable[[Profile], Iterator[Claim]]


def _site_claims(profiles: Sequence[SourcedProfile], source: ClaimSource) -> Iterator[Claim]:
    for sourced in profiles:
        file = str(sourced.path)
        for claim in source(sourced.profile):  # not claim._replace: slower
            yield Claim(claim.path, claim.text, claim.field, claim.label, file, claim.reported)


def profile_problems(sourced: SourcedProfile) -> list[Problem]:
    """Names within one profile that would share an IRI (service roles are per person)."""
    site = (sourced,)
    return [
        *claim_problems(_site_claims(site, venue_claims), "venue", WRITE_ALIKE),
        *claim_problems(_site_claims(site, role_claims), "service role", WRITE_ALIKE),
    ]


def site_problems(profiles: Sequence[SourcedProfile]) -> list[Problem]:
    """Names that would share an IRI within a profile or across the site's profiles."""
    redefined = [
        claim_problems(
            _site_claims(profiles, source),
            what,
            DEFINE_ALIKE,
            redefined_message,
            across_files_only=True,
        )
        for source, what in (
            (venue_definition_claims, "venue"),
            (partial(shared_work_claims, shared_work_keys(profiles)), "work"),
        )
    ]
    return [
        *chain.from_iterable(profile_problems(sourced) for sourced in profiles),
        *chain.from_iterable(redefined),
        *claim_problems(_site_claims(profiles, organization_claims), "organisation", WRITE_ALIKE),
        *claim_problems(
            _site_claims(profiles, parent_claims), "organisation", ONE_PARENT, two_parents_message
        ),
        *claim_problems(_site_claims(profiles, talk_claims), "talk", WRITE_ALIKE),
    ]
