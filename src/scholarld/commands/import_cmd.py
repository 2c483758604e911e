"""``scholarld import``: convert other sources into the profile format."""

from __future__ import annotations

import click


@click.group("import")
def import_group() -> None:
    """Convert a homepage's text or a BibTeX file into the profile format (YAML)."""
