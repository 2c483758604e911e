"""The work behind ``scholarld import homepage``: read the file, import, report, write.

Kept apart from ``import_cmd`` (which only declares the command) so the importer is loaded
only when the command runs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scholarld.errors import ImportProblem, OutputError, Problem

if TYPE_CHECKING:  # the model (pydantic) is loaded only when the command runs
    from scholarld.model import Profile

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def read_text(path: Path) -> str:
    """The file's text as UTF-8 (a byte-order mark is allowed); a decoding error names the
    line and byte offset."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        message = f"not UTF-8 text: byte 0x{byte:02x} at offset {error.start} cannot be decoded"
        fix = "save the file as UTF-8, e.g. iconv -f latin1 -t utf-8"
        raise ImportProblem([Problem(str(path), line, None, message, fix)]) from error


def target_path(data_dir: Path, source: Path, slug: str | None, output: Path | None) -> Path | None:
    """Where to write: --output, or DATA/people/SLUG.yaml, or nowhere (print)."""
    if slug is not None and output is not None:
        raise click.UsageError("give either --slug or --output, not both")
    if slug is not None and not re.match(SLUG_PATTERN, slug):
        raise click.BadParameter(
            f"{slug!r} is not a slug: use lowercase letters, digits and single hyphens, "
            "e.g. kaiming-he",
            param_hint="--slug",
        )
    target = data_dir / "people" / f"{slug}.yaml" if slug is not None else output
    if target is not None and target.resolve() == source.resolve():
        raise OutputError(target, "it is the input file; importing never overwrites its input")
    return target


def import_homepage_file(
    data_dir: Path, source: Path, slug: str | None, output: Path | None
) -> Profile:
    """Import ``source``, list what was not imported on stderr, print or write the YAML."""
    from scholarld.importers.homepage import import_homepage
    from scholarld.profiles.writer import dump_profile
    from scholarld.serialize.output import write_atomically

    target = target_path(data_dir, source, slug, output)
    result = import_homepage(read_text(source), str(source))
    for line in result.report(str(source)):
        click.echo(line, err=True)
    text = dump_profile(result.profile)
    if target is None:
        click.echo(text, nl=False)
    else:
        write_atomically(target, text.encode("utf-8"))
        click.echo(f"Wrote {target} ({len(result.profile.works)} works)", err=True)
    return result.profile
