"""``scholarld import``: convert other sources into the profile format."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("import")
def import_group() -> None:
    """Convert a homepage's text or a BibTeX file into the profile format (YAML)."""


@import_group.command("homepage")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--slug",
    help="Write the profile to DATA/people/SLUG.yaml (DATA is the global --data folder).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the profile to this file instead of printing it.",
)
@click.pass_obj
def homepage_command(data_dir: Path, file: Path, slug: str | None, output: Path | None) -> None:
    """Convert the plain text of an academic homepage (FILE) into a profile (YAML).

    Prints the profile, or writes it atomically to --output or to DATA/people/SLUG.yaml.
    Lines that cannot be imported are kept under `unparsed:` and listed on stderr with
    their line numbers. The rules are in docs/importer.md.
    """
    from scholarld.commands.import_homepage_cmd import import_homepage_file

    import_homepage_file(data_dir, file, slug, output)
