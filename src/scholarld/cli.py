"""The command line: a thin shell. Each command parses its options, calls one stage
function and prints the result; errors are typed (``scholarld.errors``) and click turns
them into one message and exit code 1. Commands live in ``scholarld.commands``; heavy
libraries are imported inside the commands so ``--help`` stays instant.
"""

from __future__ import annotations

from pathlib import Path

import click

from scholarld import __version__
from scholarld.commands import register_commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scholarld")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data"),
    show_default=True,
    envvar="SCHOLARLD_DATA",
    help="Folder holding site.yaml and people/<slug>.yaml profiles.",
)
@click.pass_context
def cli(ctx: click.Context, data_dir: Path) -> None:
    """Publish scholarly profiles as linked data (schema.org + FaBiO/SPAR)."""
    ctx.obj = data_dir


register_commands(cli)
