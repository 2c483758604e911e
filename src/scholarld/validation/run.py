"""The validation stage: site graph + shapes folder → ``ValidationReport``.

``validate_site_graph`` is what ``scholarld validate`` runs and what every writing command
calls (through ``ensure_valid``) before it writes anything.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from scholarld.errors import ValidationFailed
from scholarld.validation.cache import cache_key, read_cached, write_cached
from scholarld.validation.chains import author_chain_results
from scholarld.validation.pieces import validate_in_pieces, worth_splitting
from scholarld.validation.render import result_line
from scholarld.validation.report import ValidationReport, ValidationResult
from scholarld.validation.shapes import load_shapes, shape_files

DATASET_SOURCE = "(dataset description)"


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

    def ntriples(self) -> str: ...


def validate_site_graph(
    site_graph: SiteGraphLike, shapes_dir: Path, *, cache_dir: Path | None = None
) -> ValidationReport:
    """Validate the site graph against every shape in ``shapes_dir`` and the author-chain
    check (``chains``).

    With ``cache_dir`` a previous report for the same graph, shapes and tool versions is
    reused (no rdflib or pySHACL import); without it pySHACL always runs.
    """
    files = shape_files(shapes_dir)
    ntriples = site_graph.ntriples()
    key = cache_key(ntriples, files) if cache_dir is not None else ""
    report = read_cached(cache_dir, key) if cache_dir is not None else None
    if report is None:
        shacl_results = shacl_results_of(site_graph, ntriples, shapes_dir, cache_dir=cache_dir)
        chain_results = author_chain_results(_union(site_graph))
        report = ValidationReport.of(shacl_results + chain_results)
        if cache_dir is not None:
            write_cached(cache_dir, key, report)
    return report.with_sources(sources_by_node(site_graph))


def shacl_results_of(
    site_graph: SiteGraphLike, ntriples: str, shapes_dir: Path, *, cache_dir: Path | None = None
) -> tuple[ValidationResult, ...]:
    """pySHACL's results: in pieces on every core when the site is large and the shapes
    allow it (``pieces``, ``locality``; pieces cached in ``cache_dir/pieces``), else one
    run over the whole graph."""
    from scholarld.validation.engine import validate_ntriples
    from scholarld.validation.locality import incoming_predicates, shapes_are_local

    shapes = load_shapes(shapes_dir)
    graphs = [named_graph.triples for named_graph in site_graph.graphs]
    if worth_splitting(graphs) and shapes_are_local(shapes):
        piece_cache = cache_dir / "pieces" if cache_dir is not None else None
        incoming = incoming_predicates(shapes)
        return validate_in_pieces(graphs, shapes_dir, incoming, cache_dir=piece_cache)
    return validate_ntriples(ntriples, shapes)


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


def sources_by_node(site_graph: SiteGraphLike) -> dict[str, tuple[str, ...]]:
    """Each subject term → the profile files whose named graph states something about it."""
    sources: dict[str, set[str]] = {}
    for named_graph in site_graph.graphs:
        label = str(named_graph.source) if named_graph.source is not None else DATASET_SOURCE
        for subject in {triple[0] for triple in named_graph.triples}:
            sources.setdefault(subject, set()).add(label)
    return {node: tuple(sorted(labels)) for node, labels in sources.items()}


def _union(site_graph: SiteGraphLike) -> Iterator[tuple[str, str, str]]:
    for named_graph in site_graph.graphs:
        yield from named_graph.triples
