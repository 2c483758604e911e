"""The built site folder as URL paths: which file a path names (never one outside the
folder), which document a resource path is described by, and the media type of a file.

Paths arrive percent-decoded (``%2e%2e`` is already ``..``, ``%2f`` already ``/``), so
every check works on the decoded path: a NUL, a backslash, an empty, ``.`` or ``..``
segment, or a hidden segment (except ``.well-known``) names no file; what is left is
resolved (following symlinks) and must still lie inside the folder's real path.
"""

from __future__ import annotations

import os
from pathlib import Path

from scholarld.site.documents import (
    BUILT_REPRESENTATIONS,
    SERVED_REPRESENTATIONS,
    TURTLE,
    Representation,
    document_path,
    representation_path,
)

SITE_MARKER = ".scholarld-site"
DUMP_QUADS = Path("dump") / "all.nq.gz"
# A stand-in base: ``document_path`` works on IRIs, serve on the paths under the base.
_LOCAL_BASE = "http://site.invalid/"
_PUBLIC_HIDDEN = frozenset({".well-known"})

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "rdf": "application/rdf+xml",
    "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "json": "application/json",
    "xml": "application/xml",
    "txt": "text/plain; charset=utf-8",
    "svg": "image/svg+xml",
    "png": "image/png",
    "ico": "image/vnd.microsoft.icon",
    "woff2": "font/woff2",
    "gz": "application/gzip",
}
_WELL_KNOWN_TYPES = {".well-known/void": "text/turtle; charset=utf-8"}
DEFAULT_MEDIA_TYPE = "application/octet-stream"


def site_problem(site_dir: Path) -> str | None:
    """Why ``site_dir`` is not a site built by ``scholarld build``, or ``None``."""
    if not site_dir.is_dir():
        return f"{site_dir} is not a folder"
    missing = [name for name in (SITE_MARKER, str(DUMP_QUADS)) if not (site_dir / name).is_file()]
    if missing:
        return f"{site_dir} is not a built site: {' and '.join(missing)} missing"
    return None


def safe_segments(url_path: str) -> tuple[str, ...] | None:
    """The segments of a decoded URL path, or ``None`` when the path cannot name a file
    of the site (traversal, NUL, backslash, hidden names, empty segments).

    >>> safe_segments("/person/kaiming-he.ttl")
    ('person', 'kaiming-he.ttl')
    >>> safe_segments("/person/../../etc/passwd") is None
    True
    """
    if "\x00" in url_path or "\\" in url_path or not url_path.startswith("/"):
        return None
    segments = tuple(url_path[1:].split("/"))
    for index, segment in enumerate(segments):
        if segment in ("", ".", ".."):
            return None
        if segment.startswith(".") and not (index == 0 and segment in _PUBLIC_HIDDEN):
            return None
    return segments


def site_file(root: Path, url_path: str) -> Path | None:
    """The regular file inside ``root`` (a resolved path) that ``url_path`` names, or
    ``None``; symlinks are followed and must end inside ``root``."""
    segments = safe_segments(url_path)
    if segments is None:
        return None
    real = os.path.realpath(os.path.join(root, *segments))
    if not real.startswith(f"{root}{os.sep}") or not os.path.isfile(real):
        return None
    return Path(real)


def media_type(relative_path: str) -> str:
    """The ``Content-Type`` of a site file, by its extension."""
    if relative_path in _WELL_KNOWN_TYPES:
        return _WELL_KNOWN_TYPES[relative_path]
    name = relative_path.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return MEDIA_TYPES.get(extension, DEFAULT_MEDIA_TYPE)


def resource_document(url_path: str) -> str | None:
    """The document (``work/he2016deep``) describing the resource at ``url_path``
    (``/work/he2016deep/cvpr2016``), or ``None`` when the path is no resource: not under a
    document kind, or a representation file itself (``/work/he2016deep.ttl``)."""
    segments = safe_segments(url_path)
    if segments is None:
        return None
    relative = "/".join(segments)
    document = document_path(_LOCAL_BASE + relative, _LOCAL_BASE)
    if document is None:
        return None
    representations = {representation_path(document, r) for r in SERVED_REPRESENTATIONS}
    return None if relative in representations else document


def available_representations(root: Path, document: str) -> tuple[Representation, ...]:
    """The representations of ``document`` that can be served, in the server's order of
    preference: the built files that exist, plus N-Triples and RDF/XML when the Turtle
    file exists (they are derived from it). Empty when the build wrote no such document."""
    built = tuple(
        r for r in BUILT_REPRESENTATIONS
        if site_file(root, "/" + representation_path(document, r)) is not None
    )  # fmt: skip
    derived = SERVED_REPRESENTATIONS[len(BUILT_REPRESENTATIONS) :] if TURTLE in built else ()
    return tuple(r for r in SERVED_REPRESENTATIONS if r in built or r in derived)


def derived_source(url_path: str) -> tuple[Path, Representation] | None:
    """For ``/work/x.nt`` or ``/work/x.rdf`` (derived on request): the ``.ttl`` file path
    relative to the site and the representation wanted; ``None`` for other paths."""
    segments = safe_segments(url_path)
    if segments is None:
        return None
    relative = "/".join(segments)
    stem, dot, extension = relative.rpartition(".")
    if not dot or document_path(_LOCAL_BASE + stem, _LOCAL_BASE) != stem:
        return None
    for representation in SERVED_REPRESENTATIONS[len(BUILT_REPRESENTATIONS) :]:
        if extension == representation.extension:
            return Path(f"{stem}.ttl"), representation
    return None
