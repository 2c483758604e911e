"""``scholarld validate``: check every profile's graph against the SHACL shapes.

Commands that write output validate first with ``scholarld.validation.ensure_valid``
(see ``docs/validation.md``); this module is only the ``validate`` command and its options.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

if TYPE_CHECKING:
    from scholarld.graph import SiteGraph
    from scholarld.validation import ValidationReport

F = TypeVar("F", bound=Callable[..., object])

SHAPES_HELP = "Folder of SHACL shapes (*.ttl). Default: shapes/ beside the data folder."
NO_CACHE_HELP = "Always run pySHACL; do not read or write the validation cache."


def shapes_option(function: F) -> F:
    """``--shapes DIR``."""
    decorate = click.option(
        "--shapes",
        "shapes_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=SHAPES_HELP,
    )
    return decorate(function)


def no_cache_option(function: F) -> F:
    """``--no-cache``."""
    decorate = click.option("--no-cache", is_flag=True, default=False, help=NO_CACHE_HELP)
    return decorate(function)


def run_validation(
    site_graph: SiteGraph,
    data_dir: Path,
    shapes_dir: Path | None,
    *,
    use_cache: bool,
    engine: str = "core",
) -> ValidationReport:
    """Validate with the resolved shapes folder and (unless ``use_cache`` is false) the cache."""
    from scholarld.validation import default_cache_dir, resolve_shapes_dir, validate_site_graph

    shapes = resolve_shapes_dir(data_dir, shapes_dir)
    cache_dir = default_cache_dir(data_dir) if use_cache else None
    return validate_site_graph(site_graph, shapes, cache_dir=cache_dir, engine=engine)


@click.command("validate")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "ttl"]),
    default="text",
    show_default=True,
    help="text: one line per result and a count; json / ttl: the report as data.",
)
@shapes_option
@click.option("--strict", is_flag=True, default=False, help="Warnings fail too (exit 1).")
@no_cache_option
@click.option(
    "--engine",
    type=click.Choice(["core", "pyshacl"]),
    default="core",
    show_default=True,
    help="core: scholarld's evaluator of the SHACL Core the shapes use (pySHACL's results, "
    "many times faster; pySHACL runs when shapes use more); pyshacl: always pySHACL.",
)
@click.pass_obj
def validate_command(
    data_dir: Path,
    output_format: str,
    shapes_dir: Path | None,
    strict: bool,
    no_cache: bool,
    engine: str,
) -> None:
    """Validate every profile in the data folder against the SHACL shapes.

    Prints one line per result (SEVERITY  focus node  path  profile file  message) and a
    count. Exits 0 when the data conforms (warnings are printed but allowed, unless
    --strict), 1 when it does not.
    """
    from scholarld.serialize.export import read_site_graph
    from scholarld.validation.render import format_report

    _site, site_graph = read_site_graph(data_dir)  # as export reads it: collector paused
    report = run_validation(site_graph, data_dir, shapes_dir, use_cache=not no_cache, engine=engine)
    click.echo(format_report(report, output_format, strict=strict), nl=False)
    if not report.conforms(strict=strict):
        raise click.exceptions.Exit(1)
