"""The command line: a thin shell. Each command parses its options, calls one stage
function and prints the result; errors are typed (``scholarld.errors``) and click turns
them into one message and exit code 1. Commands live in ``scholarld.commands``; heavy
libraries are imported inside the commands so ``--help`` stays instant.
"""

from __future__ import annotations

import os
import sys
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


def main() -> None:
    """The ``scholarld`` program: run the command, flush its output, then end the process
    with ``os._exit``. A large site leaves millions of small objects alive, and freeing them
    one by one at exit took a quarter of a second per million triples while changing
    nothing: every file is closed and every child process joined by then. Unexpected
    exceptions are not caught (Python prints them and exits as usual); under a profiler,
    coverage or a debugger the process exits as usual, so they can write their data."""
    traced = sys.getprofile() is not None or sys.gettrace() is not None
    status = 0  # click's standalone mode always raises SystemExit; 0 if it did not
    try:
        cli.main(prog_name="scholarld")
    except SystemExit as stop:
        if traced:
            raise  # a profiler, coverage or a debugger writes its data at exit
        status = exit_status(stop.code)
    os._exit(flush_output(status))


def exit_status(code: object) -> int:
    """The process status for ``SystemExit(code)``, as Python itself derives it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def flush_output(status: int) -> int:
    """Flush standard output and error; a failed flush (a closed pipe) makes a successful
    run fail with 120, as Python does when it cannot flush at exit."""
    failed = False
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            failed = True
    return 120 if failed and status == 0 else status
