"""The export pipeline: ``data/`` → site graph → (validate) → one format's bytes.

``read_site_graph`` runs the first stages (read the profiles, resolve people, build the
graph) and is shared with ``scholarld query``; ``export_site`` adds validation and
serialization: it reads and validates everything at once and returns the output as chunks
of bytes, made as the writer asks for them. Heavy libraries load inside the functions that
need them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scholarld.errors import ScholarldError
from scholarld.formats import RdfFormat

if TYPE_CHECKING:
    from scholarld.graph import NamedGraph, SiteGraph
    from scholarld.graph.terms import Triple
    from scholarld.profiles import Site


class UnknownProfileError(ScholarldError):
    """``--profile`` names a slug that has no profile in ``data/``."""

    def __init__(self, slug: str, known: Sequence[str]) -> None:
        choices = ", ".join(known) if known else "(none: data/people/ is empty)"
        super().__init__(
            f"Unknown profile {slug!r}: no data/people/{slug}.yaml. Known profiles: {choices}"
        )


@dataclass(frozen=True)
class ExportRequest:
    """What ``scholarld export`` was asked for."""

    data_dir: Path
    fmt: RdfFormat
    profile_slug: str | None = None
    validate: bool = True
    shapes_dir: Path | None = None  # None: <data>/../shapes


def read_site_graph(data_dir: Path) -> tuple[Site, SiteGraph]:
    """Read ``data_dir`` and build its site graph (no validation).

    The cyclic garbage collector is paused meanwhile: these stages keep millions of small
    objects alive and make no reference cycles, so its passes only rescan them (about 30%
    of the time at a million triples)."""
    from scholarld.collector import collector_paused
    from scholarld.graph import build_site_graph
    from scholarld.identity import resolve_people
    from scholarld.profiles.reader import read_site

    with collector_paused(freeze=True):
        site = read_site(data_dir)
        return site, build_site_graph(site, resolve_people(site.profiles))


def select_graphs(site_graph: SiteGraph, profile_slug: str | None) -> tuple[NamedGraph, ...]:
    """Every named graph, or only the one of ``profile_slug``."""
    if profile_slug is None:
        return site_graph.graphs
    chosen = tuple(graph for graph in site_graph.graphs if graph.slug == profile_slug)
    if not chosen:
        known = sorted(graph.slug for graph in site_graph.graphs if graph.slug is not None)
        raise UnknownProfileError(profile_slug, known)
    return chosen


def export_site(request: ExportRequest) -> Iterator[bytes]:
    """The site's graph (or one profile's) in ``request.fmt``, validated unless told not
    to. Reading and validation happen here, before anything is returned (their errors
    raise now); the chunks are serialized as they are consumed."""
    from scholarld.graph.namespaces import PREFIXES

    site, site_graph = read_site_graph(request.data_dir)
    graphs = select_graphs(site_graph, request.profile_slug)
    if request.validate:
        from scholarld.validation import default_cache_dir, ensure_valid, resolve_shapes_dir

        shapes_dir = resolve_shapes_dir(request.data_dir, request.shapes_dir)
        ensure_valid(site_graph, shapes_dir, cache_dir=default_cache_dir(request.data_dir))
    union = site_graph.union if request.profile_slug is None else None
    return _serialized(graphs, request.fmt, site.config.base_iri, PREFIXES, union)


def _serialized(
    graphs: Sequence[NamedGraph],
    fmt: RdfFormat,
    base_iri: str,
    prefixes: Mapping[str, str],
    union: Sequence[Triple] | None,
) -> Iterator[bytes]:
    """The chunks of ``serialize_chunks``, made with the collector paused (validation,
    with rdflib or pySHACL, runs with it on)."""
    from scholarld.collector import collector_paused
    from scholarld.serialize import serialize_chunks

    with collector_paused(freeze=True):
        yield from serialize_chunks(graphs, fmt, base_iri, prefixes, union)
