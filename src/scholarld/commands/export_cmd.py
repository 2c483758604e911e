"""``scholarld export``: the site's linked data in one RDF format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from scholarld.formats import FORMAT_NAMES

_FORMATS = "|".join(FORMAT_NAMES)


@click.command("export", short_help="Write the linked data as Turtle, JSON-LD, N-Triples ...")
@click.option(
    "--format",
    "-f",
    "format_name",
    default="ttl",
    show_default=True,
    metavar=f"[{_FORMATS}]",
    help="ttl Turtle, jsonld JSON-LD, nt N-Triples, nq N-Quads, trig TriG, xml RDF/XML. "
    "nq, trig and jsonld keep one named graph per profile; the others write the union.",
)
@click.option("--profile", "profile_slug", metavar="SLUG", help="Only this profile's graph.")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="File to write (atomically: complete or untouched). Default: standard output.",
)
@click.option(
    "--shapes",
    "shapes_dir",
    type=click.Path(path_type=Path),
    help="SHACL shapes folder. Default: shapes/ beside the data folder.",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (faster; unchecked).")
@click.pass_obj
def export_command(
    data_dir: Path,
    format_name: str,
    profile_slug: str | None,
    output: Path | None,
    shapes_dir: Path | None,
    no_validate: bool,
) -> None:
    """Write the site's linked data (schema.org + FaBiO/SPAR) in one RDF format.

    The graph is validated with SHACL first; if it does not conform nothing is written.
    Output is deterministic: the same data gives byte-identical output.
    """
    from scholarld.formats import get_format
    from scholarld.serialize.export import ExportRequest, export_site
    from scholarld.serialize.output import write_atomically

    fmt = get_format(format_name)
    chunks = export_site(ExportRequest(data_dir, fmt, profile_slug, not no_validate, shapes_dir))
    if output is None:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
    else:
        write_atomically(output, chunks)
