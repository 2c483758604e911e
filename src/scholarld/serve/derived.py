"""N-Triples and RDF/XML of a document, derived on request from its Turtle file and
kept in a small cache (keyed by the file's path, size and modification time, so a
rebuilt site is never answered from stale entries)."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from scholarld.site.documents import N_TRIPLES, Representation

CACHE_ENTRIES = 512
_CacheKey = tuple[str, int, int, str]


def derive(turtle: bytes, representation: Representation) -> bytes:
    """``turtle`` (a document's ``.ttl``) in ``representation``: N-Triples sorted line by
    line, or RDF/XML of the sorted triples, so the same file gives the same bytes."""
    import pyoxigraph as ox

    triples = sorted(ox.parse(turtle, format=ox.RdfFormat.TURTLE), key=str)
    if representation == N_TRIPLES:
        return "".join(f"{triple} .\n" for triple in triples).encode("utf-8")
    return ox.serialize(triples, format=ox.RdfFormat.RDF_XML) or b""


class DerivedCache:
    """Derived representations already computed, most recently used last."""

    def __init__(self, entries: int = CACHE_ENTRIES) -> None:
        self.entries = entries
        self._cache: OrderedDict[_CacheKey, bytes] = OrderedDict()

    def get(self, turtle_file: Path, representation: Representation) -> bytes:
        """The derived bytes (computed now if needed; raises ``OSError``/``SyntaxError``)."""
        status = turtle_file.stat()
        key = (str(turtle_file), status.st_size, status.st_mtime_ns, representation.extension)
        found = self._cache.get(key)
        if found is None:
            found = derive(turtle_file.read_bytes(), representation)
            self._cache[key] = found
            if len(self._cache) > self.entries:
                self._cache.popitem(last=False)
        self._cache.move_to_end(key)
        return found
