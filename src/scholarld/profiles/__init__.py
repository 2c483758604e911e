"""Stage 1, read: the profiles in ``data/`` and the site configuration.

``read_site(data_dir)`` (in ``scholarld.profiles.reader``) reads ``data/site.yaml`` and every
``data/people/<slug>.yaml`` (or ``data/people/<slug>/profile.yaml``), validates all of
them, and either returns a ``Site`` or raises one ``ProfileError`` listing every problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scholarld.model import Profile, SiteConfig


@dataclass(frozen=True)
class SourcedProfile:
    """A validated profile and the file it came from."""

    slug: str
    path: Path
    profile: Profile


@dataclass(frozen=True)
class Site:
    """Everything in ``data/``: the configuration and the profiles, sorted by slug."""

    config: SiteConfig
    profiles: tuple[SourcedProfile, ...]
    data_dir: Path


from scholarld.profiles.reader import read_site  # noqa: E402  (re-export; needs Site above)

__all__ = ["Site", "SourcedProfile", "read_site"]
