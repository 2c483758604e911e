"""Venue references spelled one way: "iccv" in a role and "ICCV" in a version name the
same venue (its IRI is minted from the lowercased key), so every reference is rewritten to
the key the merged venue list chose."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scholarld.model import Award, ServiceRole, Talk, Version, Work


def canonical(key: str, keys: Mapping[str, str]) -> str:
    return keys.get(key.lower(), key)


def canonical_version(version: Version, keys: Mapping[str, str]) -> Version:
    conference = canonical(version.conference, keys) if version.conference else None
    update = {"venue": canonical(version.venue, keys), "conference": conference}
    return version.model_copy(update=update)


def canonical_works(works: Sequence[Work], keys: Mapping[str, str]) -> tuple[Work, ...]:
    return tuple(
        work.model_copy(update={"versions": [canonical_version(v, keys) for v in work.versions]})
        for work in works
    )


def canonical_roles(roles: Sequence[ServiceRole], keys: Mapping[str, str]) -> list[ServiceRole]:
    return [role.model_copy(update={"venue": canonical(role.venue, keys)}) for role in roles]


def canonical_talks(talks: Sequence[Talk], keys: Mapping[str, str]) -> list[Talk]:
    return [talk.model_copy(update={"venue": canonical(talk.venue, keys)}) for talk in talks]


def canonical_awards(awards: Sequence[Award], keys: Mapping[str, str]) -> list[Award]:
    return [
        award.model_copy(
            update={
                "occasions": [
                    o.model_copy(update={"venue": canonical(o.venue, keys)})
                    for o in award.occasions
                ]
            }
        )
        for award in awards
    ]
