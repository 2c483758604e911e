"""The graph stage's one user error: two venue keys of a profile that would share an IRI."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scholarld.cli import cli
from scholarld.errors import ProfileError
from scholarld.graph import build_site_graph
from scholarld.identity import resolve_people
from scholarld.model import Profile, SiteConfig
from scholarld.profiles import Site, SourcedProfile

PROFILE = """\
person:
  name: Jane Doe
venues:
  - {key: ACM TOG, kind: journal}
  - {key: CVPR, kind: conference}
  - {key: acm-tog, kind: journal}
works:
  - key: w
    title: A paper
    authors: [Jane Doe]
    versions: [{kind: journal-article, venue: acm-tog, year: 2013}]
"""
MESSAGE = (
    "venues[2].key: venue keys 'ACM TOG' and 'acm-tog' both give the IRI path venue/acm-tog, "
    "so they would become one venue (rename one of the keys (and the versions, roles and "
    "talks naming it))"
)


def test_colliding_venue_keys_are_a_profile_error(tmp_path: Path) -> None:
    path = tmp_path / "jane-doe.yaml"
    profile = Profile.model_validate(yaml.safe_load(PROFILE))
    site = Site(SiteConfig(), (SourcedProfile("jane-doe", path, profile),), tmp_path)
    with pytest.raises(ProfileError) as raised:
        build_site_graph(site, resolve_people(site.profiles))
    assert raised.value.exit_code == 1
    assert f"{path}: {MESSAGE}" in raised.value.message


def test_the_cli_reports_it_and_writes_nothing(tmp_path: Path) -> None:
    people = tmp_path / "data" / "people"
    people.mkdir(parents=True)
    (people / "jane-doe.yaml").write_text(PROFILE, encoding="utf-8")
    output = tmp_path / "out.ttl"
    args = ["--data", str(tmp_path / "data"), "export", "--no-validate", "-o", str(output)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert MESSAGE in result.output
    assert "Cannot read the profiles (1 problem); nothing was written:" in result.output
    assert not output.exists()
