"""Atomic output: a file is either written completely or left as it was.

The bytes go to a temporary file in the target's own folder (same file system), which is
moved over the target with ``os.replace`` only once everything was written. On any error
the temporary file is removed and an ``OutputError`` ("Cannot write <path>: <reason>")
is raised, so a failed run never leaves a half-written file behind. The data may come
as one ``bytes`` or as chunks (``Iterable[bytes]``, e.g. a serializer's slices): chunks are
written as they come, so a large export never holds its whole output in memory, and an
error while producing them (any exception) removes the temporary file as well.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from scholarld.errors import OutputError


def write_atomically(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks of bytes) to ``path`` completely or not at all."""
    folder = path.parent
    if path.is_dir():
        raise OutputError(path, "it is a folder; give a file name, e.g. profile.ttl")
    if not folder.is_dir():
        raise OutputError(path, f"the folder {folder} does not exist; create it first")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(path, _reason(error)) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in [data] if isinstance(data, bytes) else data:
                stream.write(chunk)
        os.chmod(temporary, _file_mode(path))
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(path, _reason(error)) from error
    except BaseException:  # the chunks failed to come: nothing is left behind either
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _reason(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{reason.lower()} (check the path and its permissions)"
