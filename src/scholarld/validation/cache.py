"""A cache of validation reports, so writing commands can validate first and stay fast.

Key: SHA-256 of the site graph's union N-Triples (hashed slice by slice, never held as one
text), every shapes file (name and bytes), the engine (``core`` or ``pyshacl``) and the
scholarld, pySHACL and rdflib versions. Value:
the report as JSON, without source files (those are looked up from the site graph on
every run). A hit needs neither rdflib
nor pySHACL. The folder is ``$SCHOLARLD_CACHE_DIR`` if set, else ``.scholarld-cache/``
beside the data folder; writes are atomic, and a cache that cannot be read or written is
simply skipped (it only ever saves time).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

from scholarld.validation.report import ValidationReport

CACHE_ENV = "SCHOLARLD_CACHE_DIR"
CACHE_FOLDER = ".scholarld-cache"
KEEP_ENTRIES = 16
_FORMAT = b"scholarld-validation-cache-2"


def default_cache_dir(data_dir: Path) -> Path:
    """``$SCHOLARLD_CACHE_DIR/validation`` or ``<data dir>/../.scholarld-cache/validation``."""
    root = os.environ.get(CACHE_ENV)
    base = Path(root) if root else data_dir.resolve().parent / CACHE_FOLDER
    return base / "validation"


def cache_key(
    ntriples: str | Iterable[bytes], shape_files: Sequence[Path], engine: str = ""
) -> str:
    """SHA-256 over the shapes files, the engine, the versions of the tools that judge the
    data, and the data (N-Triples text, or its UTF-8 slices), its length last."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(f"\nengine={engine}".encode())
    for package in ("scholarld", "pyshacl", "rdflib"):
        digest.update(f"\n{package}={_version(package)}".encode())
    for path in shape_files:
        content = path.read_bytes()
        digest.update(f"\n{path.name}:{len(content)}\n".encode())
        digest.update(content)
    digest.update(b"\ndata\n")
    size = 0
    for chunk in [ntriples.encode("utf-8")] if isinstance(ntriples, str) else ntriples:
        digest.update(chunk)
        size += len(chunk)
    digest.update(f"\ndata:{size}\n".encode())
    return digest.hexdigest()


def read_cached(cache_dir: Path, key: str) -> ValidationReport | None:
    """The cached report for ``key``, or ``None`` when absent or unreadable."""
    try:
        data = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        return ValidationReport.from_json(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_cached(
    cache_dir: Path, key: str, report: ValidationReport, keep: int = KEEP_ENTRIES
) -> None:
    """Store ``report`` under ``key`` atomically (temp file + ``os.replace``); best effort.
    Only the ``keep`` most recent entries of the folder stay."""
    text = json.dumps(report.to_json(), ensure_ascii=False, indent=1, sort_keys=True)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    except OSError:
        return
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, cache_dir / f"{key}.json")
    except OSError:
        temporary.unlink(missing_ok=True)
        return
    _prune(cache_dir, keep)


def _prune(cache_dir: Path, keep: int) -> None:
    """Keep the ``keep`` most recently written reports."""
    try:
        entries = sorted(cache_dir.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[keep:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"
