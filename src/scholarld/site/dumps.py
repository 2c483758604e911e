"""The site's full dumps and its dataset description, as ``scholarld export`` writes them.

``dump/all.ttl`` (Turtle, the union), ``dump/all.nt.gz`` (N-Triples, the union, sorted),
``dump/all.nq.gz`` (N-Quads: one named graph per profile plus the dataset description
graph ``{base}.well-known/void``) and ``dump/all.jsonld`` (JSON-LD, one named graph each)
are the bytes of ``scholarld export`` in those formats, so the site and ``export`` never
disagree. These are the paths the dataset description advertises
(``graph.dataset.DUMP_FILES``). ``.well-known/void`` is the Turtle of the dataset
description graph alone.

Gzip output is deterministic: modification time 0 and no file name in the header. Every
dump is written as it is serialized and compressed, never held whole in memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from scholarld.graph.sitegraph import SiteGraph
from scholarld.site.files import write_site_file

VOID_PATH = ".well-known/void"
GZIP_LEVEL = 3  # vs 6: 3.6x faster (0.65 s vs 2.3 s for 215 MB of N-Triples), 28% larger
GZIP_WBITS = 31  # a gzip stream (16 + the 15-bit window), header and trailer by zlib

# dump file name -> the export format it holds
DUMP_FORMATS = {"all.ttl": "ttl", "all.nt.gz": "nt", "all.nq.gz": "nq", "all.jsonld": "jsonld"}


def gzip_chunks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """``chunks`` gzip-compressed as one stream with a fixed header (zlib's: mtime 0, no
    name), compressed as they come: same in, same out."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, GZIP_WBITS)
    for chunk in chunks:
        compressed = compressor.compress(chunk)
        if compressed:
            yield compressed
    yield compressor.flush()


def dump_chunks(
    site_graph: SiteGraph, name: str, base_iri: str, prefixes: Mapping[str, str]
) -> Iterator[bytes]:
    """The content of ``dump/{name}``, in chunks made as they are written."""
    from scholarld.formats import get_format
    from scholarld.serialize import serialize_chunks

    fmt = get_format(DUMP_FORMATS[name])
    chunks = serialize_chunks(site_graph.graphs, fmt, base_iri, prefixes, site_graph.union)
    return gzip_chunks(chunks) if name.endswith(".gz") else chunks


def write_dump(
    root: Path, site_graph: SiteGraph, name: str, base_iri: str, prefixes: Mapping[str, str]
) -> None:
    """Write ``dump/{name}`` under ``root``, as it is serialized (and compressed)."""
    write_site_file(root, f"dump/{name}", dump_chunks(site_graph, name, base_iri, prefixes))


def write_void(
    root: Path, site_graph: SiteGraph, base_iri: str, prefixes: Mapping[str, str]
) -> None:
    """Write the dataset description, ``.well-known/void``."""
    write_site_file(root, VOID_PATH, void_bytes(site_graph, base_iri, prefixes))


def void_bytes(site_graph: SiteGraph, base_iri: str, prefixes: Mapping[str, str]) -> bytes:
    """Turtle of the dataset description graph (the one graph that is no profile's)."""
    from scholarld.serialize.turtle import write_turtle

    description = [graph for graph in site_graph.graphs if graph.slug is None]
    return write_turtle(description, base_iri, prefixes, trig=False)
