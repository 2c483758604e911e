"""``scholarld build``: publish every profile as a static site (pages, RDF, dumps)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("build", short_help="Build the static site: pages, per-resource RDF, dumps.")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=Path("public"),
    show_default=True,
    help="Site folder. It is replaced as a whole, so it must be new, empty, or a site an "
    "earlier build wrote (it holds a .scholarld-site file).",
)
@click.option("--strict", is_flag=True, help="Fail on SHACL warnings too, not only violations.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (faster; unchecked).")
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of jinja2 templates that override the built-in ones, by file name.",
)
@click.option(
    "--shapes",
    "shapes_dir",
    type=click.Path(path_type=Path),
    help="SHACL shapes folder. Default: shapes/ beside the data folder.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar while writing pages. Default: on when standard error is a "
    "terminal and there are more than 200 pages.",
)
@click.option(
    "--timings", is_flag=True, help="Also print the seconds (wall clock, CPU) of each stage."
)
@click.pass_obj
def build_command(
    data_dir: Path,
    output: Path,
    strict: bool,
    no_validate: bool,
    templates_dir: Path | None,
    shapes_dir: Path | None,
    progress: bool | None,
    timings: bool,
) -> None:
    """Build the published site from the profiles in the data folder.

    Writes, into --output: index.html, an HTML page per person, work, venue and other
    resource with embedded JSON-LD, a Turtle and a JSON-LD file per resource, full dumps
    (dump/all.ttl, all.nt.gz, all.nq.gz, all.jsonld), .well-known/void, sitemap.xml,
    robots.txt, and content negotiation rules for Apache (.htaccess) and nginx
    (.nginx.conf). See docs/site.md.

    Everything is read and validated before anything is written; the site is written into
    a temporary folder beside --output and swapped in, so a failed build leaves the
    previous site as it was. The same data gives byte-identical files.
    """
    from scholarld.site.build import PROGRESS_THRESHOLD, BuildRequest, build_site

    show_progress = progress if progress is not None else sys.stderr.isatty()
    request = BuildRequest(
        data_dir=data_dir,
        output=output,
        strict=strict,
        validate=not no_validate,
        templates_dir=templates_dir,
        shapes_dir=shapes_dir,
        progress=show_progress,
        progress_threshold=0 if progress else PROGRESS_THRESHOLD,
    )
    summary = build_site(request)
    for line in summary.warning_lines:
        click.echo(line, err=True)
    if timings:
        for name, seconds, cpu in summary.stages:
            click.echo(f"  {name:<30}{seconds:8.2f} s {cpu:8.2f} s CPU", err=True)
    click.echo(summary.line(output), err=True)
