"""Writing the site's files: thousands of small ones (pages, per-document RDF) and a few
large ones (the dumps, which come in chunks).

A file is created with ``os.open`` and written with ``os.write``: ``open()`` adds a
buffered writer and three system calls per file (``fstat``, ``ioctl``, ``lseek``), a
third of the cost of creating a small file here. The site is written into a staging
folder that is swapped in whole (``site.swap``), so no single file needs its own
temporary copy.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def write_site_file(root: Path, relative: str, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks of bytes) to ``root/relative`` (a ``/``-separated
    path), creating its folder when missing (tried after the open fails: most folders
    exist already)."""
    path = root / relative
    try:
        handle = os.open(path, _CREATE, 0o666)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, _CREATE, 0o666)
    try:
        for chunk in [data] if isinstance(data, bytes) else data:
            _write_all(handle, chunk)
    finally:
        os.close(handle)


def _write_all(handle: int, chunk: bytes) -> None:
    """``os.write`` may write less than asked (a signal, a full disk): write the rest."""
    view = memoryview(chunk)
    while view:
        view = view[os.write(handle, view) :]
