"""The validation stage: site graph + shapes folder → ``ValidationReport``.

``validate_site_graph`` is what ``scholarld validate`` runs and what every writing command
calls (through ``ensure_valid``) before it writes anything.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from scholarld.collector import collector_paused
from scholarld.errors import ValidationFailed
from scholarld.validation.cache import cache_key, read_cached, write_cached
from scholarld.validation.chains import author_chain_results
from scholarld.validation.pieces import validate_in_pieces, worth_splitting
from scholarld.validation.render import result_line
from scholarld.validation.report import ValidationReport, ValidationResult
from scholarld.validation.shapes import load_shapes, shape_files

DATASET_SOURCE = "(dataset description)"
CORE = "core"  # core_engine when the shapes allow it, else pySHACL ("pyshacl": always)


class NamedGraphLike(Protocol):
    """What validation reads of ``scholarld.graph.NamedGraph``."""

    @property
    def source(self) -> Path | None: ...

    @property
    def triples(self) -> tuple[tuple[str, str, str], ...]: ...


class SiteGraphLike(Protocol):
    """What validation reads of ``scholarld.graph.SiteGraph``."""

    @property
    def graphs(self) -> Sequence[NamedGraphLike]: ...

    def sorted_triples(self) -> Sequence[tuple[str, str, str]]: ...

    def ntriples(self) -> str: ...


def validate_site_graph(
    site_graph: SiteGraphLike,
    shapes_dir: Path,
    *,
    cache_dir: Path | None = None,
    engine: str = CORE,
) -> ValidationReport:
    """Validate the site graph against every shape in ``shapes_dir`` and the author-chain
    check (``chains``).

    ``engine``: ``core`` evaluates the shapes with ``core_engine`` (pySHACL's results, much
    faster) when ``core_shapes`` accepts them, else runs pySHACL; ``pyshacl`` always runs
    pySHACL. With ``cache_dir`` a previous report for the same graph, shapes, engine and
    tool versions is reused (no rdflib or pySHACL import); without it the engine always runs.
    """
    from scholarld.graph.terms import ntriples_slices

    files = shape_files(shapes_dir)
    key = ""
    if cache_dir is not None:
        key = cache_key(ntriples_slices(site_graph.sorted_triples()), files, engine)
    report = read_cached(cache_dir, key) if cache_dir is not None else None
    if report is None:
        shacl_results = shacl_results_of(site_graph, shapes_dir, cache_dir=cache_dir, engine=engine)
        with collector_paused():  # no reference cycles in the check's tables
            chain_results = author_chain_results(site_graph.sorted_triples())
        report = ValidationReport.of(shacl_results + chain_results)
        if cache_dir is not None:
            write_cached(cache_dir, key, report)
    return report.with_sources(sources_by_node(site_graph, (r.focus for r in report.results)))


def shacl_results_of(
    site_graph: SiteGraphLike,
    shapes_dir: Path,
    *,
    cache_dir: Path | None = None,
    engine: str = CORE,
) -> tuple[ValidationResult, ...]:
    """pySHACL's results: from ``core_engine`` when ``engine`` is ``core`` and the shapes
    are ones it evaluates; else from pySHACL, in pieces on every core when the site is
    large and the shapes allow it (``pieces``, ``locality``; pieces cached in
    ``cache_dir/pieces``), or in one run over the whole graph."""
    from scholarld.validation.engine import validate_ntriples
    from scholarld.validation.locality import incoming_predicates, shapes_are_local

    if engine == CORE:
        core = core_results_of(site_graph, shapes_dir)
        if core is not None:
            return core
    shapes = load_shapes(shapes_dir)
    graphs = [named_graph.triples for named_graph in site_graph.graphs]
    if worth_splitting(graphs) and shapes_are_local(shapes):
        piece_cache = cache_dir / "pieces" if cache_dir is not None else None
        incoming = incoming_predicates(shapes)
        return validate_in_pieces(graphs, shapes_dir, incoming, cache_dir=piece_cache)
    return validate_ntriples(site_graph.ntriples(), shapes)


def core_results_of(
    site_graph: SiteGraphLike, shapes_dir: Path
) -> tuple[ValidationResult, ...] | None:
    """``core_engine``'s results, or None when the shapes use SHACL it does not cover (or
    pyoxigraph cannot read them: ``load_shapes`` then says where, or pySHACL runs)."""
    from scholarld.validation.core_engine import core_results
    from scholarld.validation.core_shapes import UnsupportedShapesError, core_shapes
    from scholarld.validation.shapes_index import read_shapes_index

    try:
        targeted = core_shapes(read_shapes_index(shapes_dir))
    except (UnsupportedShapesError, SyntaxError, ValueError):
        return None
    with collector_paused():  # millions of index entries, no reference cycles
        return tuple(core_results(site_graph.sorted_triples(), targeted))


def ensure_valid(
    site_graph: SiteGraphLike,
    shapes_dir: Path,
    *,
    allow_warnings: bool = True,
    cache_dir: Path | None = None,
) -> ValidationReport:
    """Validate and raise ``ValidationFailed`` unless the graph conforms (warnings allowed
    unless ``allow_warnings`` is false). Returns the report, whose warnings callers may print."""
    report = validate_site_graph(site_graph, shapes_dir, cache_dir=cache_dir)
    if not report.conforms(strict=not allow_warnings):
        raise ValidationFailed(failure_message(report), report)
    return report


def failure_message(report: ValidationReport) -> str:
    """Every result, a count, and how to override."""
    lines = [f"The data does not conform to the SHACL shapes ({report.summary()}):"]
    lines += [f"  {result_line(result)}" for result in report.results]
    lines.append(
        "Nothing was written. Fix the profile files named above, "
        "or use --no-validate to write anyway."
    )
    return "\n".join(lines)


def sources_by_node(
    site_graph: SiteGraphLike, nodes: Iterable[str] | None = None
) -> dict[str, tuple[str, ...]]:
    """Each subject term (of ``nodes``, or every one) → the profile files whose named graph
    states something about it. A few nodes (a report's focus nodes) are looked up in each
    graph's sorted triples; many are found by going through every graph."""
    wanted = sorted(set(nodes)) if nodes is not None else None
    total = sum(len(named_graph.triples) for named_graph in site_graph.graphs)
    sources: dict[str, set[str]] = {}
    for named_graph in site_graph.graphs:
        label = str(named_graph.source) if named_graph.source is not None else DATASET_SOURCE
        if wanted is not None and len(wanted) * len(site_graph.graphs) * 8 <= total:
            subjects = _subjects_among(named_graph.triples, wanted)
        else:
            subjects = {triple[0] for triple in named_graph.triples}
            if wanted is not None:
                subjects.intersection_update(wanted)
        for subject in subjects:
            sources.setdefault(subject, set()).add(label)
    return {node: tuple(sorted(labels)) for node, labels in sources.items()}


def _subjects_among(triples: Sequence[tuple[str, str, str]], nodes: Iterable[str]) -> set[str]:
    """The ``nodes`` that are subjects of ``triples`` (sorted), by binary search."""
    found = set()
    for node in nodes:
        at = bisect_left(triples, (node,))
        if at < len(triples) and triples[at][0] == node:
            found.add(node)
    return found
