"""``scholarld check``: read and validate every profile, print every problem or a summary."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("check", short_help="Read and validate every profile; print every problem.")
@click.pass_obj
def check_command(data_dir: Path) -> None:
    """Read and validate every profile file; exit 0 or print every problem.

    Checks data/site.yaml and data/people/<slug>.yaml (or <slug>/profile.yaml) against the
    profile format (docs/profile.md). Each problem names the file, line and field and how to
    fix it; with any problem the exit code is 1.
    """
    from scholarld.profiles.reader import read_site

    site = read_site(data_dir)
    profiles = len(site.profiles)
    works = sum(len(sourced.profile.works) for sourced in site.profiles)
    noun = "profile" if profiles == 1 else "profiles"
    click.echo(f"{data_dir}: {profiles} {noun}, {works} works; no problems found.")
