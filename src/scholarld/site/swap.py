"""Atomic replacement of the site folder: a build is either all there or not at all.

``scholarld build`` writes into a staging folder beside the output folder (same file
system, so renames are atomic), then swaps it in: the previous site is renamed away, the
new one renamed in, and only then is the previous one deleted. When anything fails before
the swap the staging folder is removed and the previous site stays as it was.

Because a build replaces the whole output folder, the folder must be safe to replace:
``check_output`` refuses a file, the root folder, a symbolic link, a folder that is or holds
one of the inputs (the data, shapes or templates folder), and an existing folder that was
not written by scholarld (it has no ``MARKER`` file) unless it is empty. A user's unrelated
folder is never deleted.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from scholarld.errors import OutputError

MARKER = ".scholarld-site"
MARKER_TEXT = (
    "This folder is a site written by `scholarld build`.\n"
    "The next build replaces it as a whole: do not keep other files in it.\n"
)


def check_output(output: Path, inputs: Sequence[Path]) -> None:
    """Raise ``OutputError`` unless ``output`` may be (re)placed by a build. ``inputs`` are
    the folders the build reads (data, shapes, templates); missing ones are ignored."""
    target = output.absolute()
    if output.is_symlink():
        raise OutputError(output, "it is a symbolic link; give the real folder as --output")
    if target.exists() and not target.is_dir():
        raise OutputError(output, "it is a file; give a folder for the site, e.g. public")
    resolved = target.resolve()
    if resolved == resolved.parent:
        raise OutputError(output, "it is the root folder; give a folder such as public")
    _refuse_inputs(output, resolved, inputs)
    if not resolved.parent.is_dir():
        raise OutputError(output, f"the folder {output.parent} does not exist; create it first")
    if resolved.is_dir() and not is_site_folder(resolved):
        raise OutputError(
            output,
            f"the folder exists, is not empty and was not written by scholarld build (it has "
            f"no {MARKER} file); a build replaces the whole folder, so give a new or empty "
            f"folder as --output, or delete this one yourself",
        )


def _refuse_inputs(output: Path, resolved: Path, inputs: Sequence[Path]) -> None:
    for folder in inputs:
        source = folder.absolute().resolve()
        if source == resolved:
            raise OutputError(
                output, f"it is the input folder {folder}; give a folder such as public"
            )
        if resolved in source.parents:
            raise OutputError(
                output,
                f"it contains the input folder {folder}, which a build would delete; "
                "give a folder such as public",
            )


def is_site_folder(folder: Path) -> bool:
    """Whether ``folder`` may be replaced: it holds the marker, or nothing at all."""
    return (folder / MARKER).is_file() or not any(folder.iterdir())


@contextmanager
def staged_output(output: Path) -> Iterator[Path]:
    """A fresh staging folder beside ``output`` (with the marker) to write the site into;
    swapped in place of ``output`` when the block ends normally, removed when it raises."""
    target = output.absolute()
    try:
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
    except OSError as error:
        raise OutputError(output, _reason(error)) from error
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; a site is public
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        yield staging
        swap_in(staging, target)
    except OSError as error:
        raise OutputError(output, _reason(error)) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already after a successful swap


def swap_in(staging: Path, output: Path) -> None:
    """Replace ``output`` (if any) with ``staging``: rename away, rename in, delete old.
    If the second rename fails, the previous site is renamed back before raising."""
    previous = staging.with_name(staging.name + ".old")
    had_previous = output.exists()
    if had_previous:
        os.rename(output, previous)
    try:
        os.rename(staging, output)
    except OSError:
        if had_previous:
            os.rename(previous, output)
        raise
    if had_previous:
        shutil.rmtree(previous, ignore_errors=True)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _reason(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{reason.lower()} (check the path and its permissions)"
