"""``scholarld import bibtex``: BibTeX entries into a profile's works and venues.

The command reads its inputs (reporting every problem of both at once), runs
``scholarld.importers.bibtex_import.import_bibtex`` and prints or writes the YAML
atomically. Importers and bibtexparser are imported inside the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from scholarld.errors import ImportProblem, OutputError, Problem

if TYPE_CHECKING:  # the model (pydantic) is loaded only when the command runs
    from scholarld.model import Profile


@click.command("bibtex")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--into",
    "profile_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Merge into this profile (e.g. data/people/kaiming-he.yaml) and write the result "
    "back to it, replacing it atomically, unless --output is given.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the YAML to this file (atomically) instead of printing it or, with --into, "
    "instead of replacing the profile.",
)
@click.option(
    "--keep-going",
    is_flag=True,
    help="Import the entries that can be read and list the others on stderr, instead of "
    "stopping with exit code 1 and writing nothing.",
)
def bibtex_command(
    file: Path, profile_file: Path | None, output: Path | None, keep_going: bool
) -> None:
    """Import the works of a BibTeX FILE (UTF-8) into the profile format.

    Without --into, prints a YAML fragment (venues and works) to paste into a profile.
    With --into PROFILE, merges into that profile: a work already there (same DOI, arXiv
    id or title) is never duplicated; it only gains the versions, identifiers and links
    it lacks. An entry that cannot be imported stops the run with exit code 1 and nothing
    written, unless --keep-going. The mapping and merge rules are in docs/bibtex.md.
    """
    from scholarld.importers.bibtex_import import fragment_yaml, import_bibtex, summary
    from scholarld.profiles.writer import dump_profile
    from scholarld.serialize.output import write_atomically

    if output is not None and output.resolve() == file.resolve():
        raise OutputError(output, "it is the BibTeX input; importing never overwrites its input")
    text, into = _read_inputs(file, profile_file)
    result = import_bibtex(text, str(file), into)
    if result.entries == 0:
        fix = "check that this is the right file: entries start with @article{ or similar"
        raise ImportProblem([Problem(str(file), None, None, "no BibTeX entries found", fix)])
    if result.skipped and not keep_going:
        raise ImportProblem(result.skipped)
    for line in _skipped_report(result.skipped):
        click.echo(line, err=True)
    profile = result.merge.profile
    yaml_text = dump_profile(profile) if into is not None else fragment_yaml(profile, file.name)
    target = output or profile_file
    if target is None:
        click.echo(yaml_text, nl=False)
    else:
        write_atomically(target, yaml_text.encode("utf-8"))
    click.echo(summary(result, str(file)) + (f"; wrote {target}" if target else ""), err=True)


def _read_inputs(file: Path, profile_file: Path | None) -> tuple[str, Profile | None]:
    """The BibTeX text and the --into profile, or one error listing the problems of both."""
    from scholarld.importers.bibtex import read_bibtex
    from scholarld.profiles.reader import read_profile

    text, problems = read_bibtex(file)
    into: Profile | None = None
    if profile_file is not None:
        into, profile_problems = read_profile(profile_file)
        problems += profile_problems
    if text is None or problems:
        raise ImportProblem(problems)
    return text, into


def _skipped_report(problems: tuple[Problem, ...]) -> list[str]:
    """The --keep-going report of the entries left out, one per line."""
    if not problems:
        return []
    count = len(problems)
    return [f"Skipped {count} entr{'y' if count == 1 else 'ies'}:"] + [
        f"  {problem}" for problem in problems
    ]
