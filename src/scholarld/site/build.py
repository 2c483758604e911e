"""Stage 6, build: the whole published site, written atomically.

``build_site(request)`` is ``scholarld build``:

1. check that the output folder may be replaced (``swap.check_output``);
2. read every profile and build the site graph (``serialize.export.read_site_graph``);
3. validate it with SHACL (unless ``validate`` is false); a failure, or a warning with
   ``strict``, raises before anything is written;
4. group the triples by document (``resources.group_by_document``);
5. write into a staging folder beside the output: the HTML pages
   (``site.pages.render_pages``), each document's ``.ttl`` and ``.jsonld``, the dumps and
   ``.well-known/void`` (``dumps``), ``sitemap.xml`` and ``robots.txt`` (``sitemap``),
   ``.htaccess`` and ``.nginx.conf`` (``webserver``), the static assets;
6. swap the staging folder in (``swap.staged_output``).

The same data always gives a byte-identical tree: every writer sorts, nothing records a
time. The layout is the shared site contract (``docs/site.md``).
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scholarld.errors import ValidationFailed

if TYPE_CHECKING:
    from scholarld.graph import SiteGraph
    from scholarld.profiles import Site
    from scholarld.site.lanes import Task
    from scholarld.site.resources import DocumentIndex
    from scholarld.validation import ValidationReport

ASSETS_DIR = "assets"
NOJEKYLL = ".nojekyll"  # GitHub Pages: publish dot-folders (.well-known) as they are
PROGRESS_THRESHOLD = 200  # pages: above this a terminal gets a progress bar by default
DOCUMENT_BATCHES = 16  # per-document RDF tasks: small enough to share the work evenly

Stage = tuple[str, float, float]  # name, wall-clock seconds, CPU seconds of this process


@dataclass(frozen=True)
class BuildRequest:
    """What ``scholarld build`` was asked for."""

    data_dir: Path
    output: Path
    strict: bool = False
    validate: bool = True
    templates_dir: Path | None = None
    shapes_dir: Path | None = None  # None: shapes/ beside the data folder
    progress: bool = False
    progress_threshold: int = 0  # with ``progress``: the bar shows above this many pages


@dataclass(frozen=True)
class BuildSummary:
    """What a build wrote. ``stages`` are the seconds each stage took, in order (the
    RDF stages that ran beside the pages are indented);
    ``warning_lines`` the validation warnings, one line each."""

    people: int
    works: int
    pages: int
    triples: int
    warnings: int
    seconds: float
    stages: tuple[Stage, ...] = ()
    warning_lines: tuple[str, ...] = ()

    def line(self, output: Path) -> str:
        """``built 1 people, 56 works, 400 pages, 6112 triples, 0 warnings in 1.23 s → public``"""
        return (
            f"built {self.people} people, {self.works} works, {self.pages} pages, "
            f"{self.triples} triples, {self.warnings} warnings in {self.seconds:.2f} s → {output}"
        )


@dataclass
class StageClock:
    """Times the stages of one build."""

    started: float = field(default_factory=time.perf_counter)
    last: float = field(default_factory=time.perf_counter)
    last_cpu: float = field(default_factory=time.process_time)
    stages: list[Stage] = field(default_factory=list)

    def done(self, name: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        self.stages.append((name, now - self.last, cpu - self.last_cpu))
        self.last, self.last_cpu = now, cpu

    def total(self) -> float:
        return time.perf_counter() - self.started


def build_site(request: BuildRequest) -> BuildSummary:
    """Build the site described by ``request.data_dir`` into ``request.output``."""
    from scholarld.collector import collector_paused
    from scholarld.serialize.export import read_site_graph
    from scholarld.site.resources import group_by_document
    from scholarld.site.swap import check_output, staged_output

    clock = StageClock()
    check_output(request.output, _inputs(request))
    site, site_graph = read_site_graph(request.data_dir)
    clock.done("read+graph")
    report = _validated(request, site_graph)
    clock.done("validate")
    with collector_paused(freeze=True):
        index = group_by_document(site_graph, site.config.base_iri)
        clock.done("group")
        with staged_output(request.output) as staging:
            pages = write_site(staging, request, site, site_graph, index, clock)
    clock.done("swap")
    return BuildSummary(
        people=len(site.profiles),
        works=len(index.paths_of_kind("work")),
        pages=pages,
        triples=index.triple_count(),
        warnings=report.warnings if report is not None else 0,
        seconds=clock.total(),
        stages=tuple(clock.stages),
        warning_lines=_warning_lines(report),
    )


def _inputs(request: BuildRequest) -> list[Path]:
    from scholarld.validation import resolve_shapes_dir

    folders = [request.data_dir]
    if request.validate:
        folders.append(resolve_shapes_dir(request.data_dir, request.shapes_dir))
    if request.templates_dir is not None:
        folders.append(request.templates_dir)
    return folders


def _validated(request: BuildRequest, site_graph: SiteGraph) -> ValidationReport | None:
    """The validation report, or ``None`` without validation; raises ``ValidationFailed``
    on violations, and on warnings when ``request.strict``."""
    if not request.validate:
        return None
    from scholarld.validation import default_cache_dir, ensure_valid, resolve_shapes_dir

    shapes_dir = resolve_shapes_dir(request.data_dir, request.shapes_dir)
    cache_dir = default_cache_dir(request.data_dir)
    try:
        return ensure_valid(
            site_graph, shapes_dir, allow_warnings=not request.strict, cache_dir=cache_dir
        )
    except ValidationFailed as failure:
        if request.strict:
            raise ValidationFailed(f"{failure.message}\n(--strict fails on warnings too.)",
                                   failure.report) from failure  # fmt: skip
        raise


def _warning_lines(report: ValidationReport | None) -> tuple[str, ...]:
    if report is None:
        return ()
    from scholarld.validation import Severity
    from scholarld.validation.render import result_line

    return tuple(result_line(r) for r in report.results if r.severity is Severity.WARNING)


def write_site(
    root: Path, request: BuildRequest, site: Site, site_graph: SiteGraph,
    index: DocumentIndex, clock: StageClock,
) -> int:  # fmt: skip
    """Write every file of the site under ``root``; returns the number of HTML pages. The
    pages are rendered here while a second process starts on the RDF tasks (``lanes``)."""
    from scholarld.site.lanes import run_shared

    base_iri = site.config.base_iri
    expected = len(index.documents) + 1
    page_paths, timings = run_shared(
        partial(write_pages, root, request, site, site_graph, expected),
        rdf_tasks(root, site_graph, index, base_iri),
    )
    clock.done("pages + rdf")
    clock.stages.extend((f"  {name}", wall, cpu) for name, wall, cpu in timings)
    write_server_files(root, base_iri, page_paths)
    copy_assets(root)
    clock.done("sitemap+config+assets")
    return len(page_paths)


def rdf_tasks(root: Path, site_graph: SiteGraph, index: DocumentIndex, base_iri: str) -> list[Task]:
    """The RDF files as independent tasks, longest first: the four dumps, the dataset
    description, then the per-document ``.ttl``/``.jsonld`` files in batches."""
    from scholarld.graph.dataset import DUMP_FILES
    from scholarld.graph.namespaces import PREFIXES
    from scholarld.serialize.context import load_context
    from scholarld.site.dumps import write_dump, write_void
    from scholarld.site.resources import batches, document_writer, write_documents

    for kind in sorted({document.path.rpartition("/")[0] for document in index.documents}):
        if kind:  # top-level documents such as ``dataset`` need no folder
            (root / kind).mkdir(exist_ok=True)
    tasks: list[Task] = [
        (f"dump/{name}", partial(write_dump, root, site_graph, name, base_iri, PREFIXES))
        for name in DUMP_FILES
    ]
    tasks.append(("void", partial(write_void, root, site_graph, base_iri, PREFIXES)))
    writer = document_writer(root, base_iri, PREFIXES, load_context())
    parts = batches(index.documents, DOCUMENT_BATCHES)
    for number, part in enumerate(parts, 1):
        name = f"document rdf {number}/{len(parts)}"
        tasks.append((name, partial(write_documents, writer, part)))
    return tasks


def write_pages(
    root: Path, request: BuildRequest, site: Site, site_graph: SiteGraph, expected: int
) -> list[str]:
    """Render and write every HTML page; returns their paths, in order."""
    from scholarld.site.files import write_site_file
    from scholarld.site.pages import render_pages

    pages = render_pages(site_graph, site.config, request.templates_dir)
    written: list[str] = []
    progress = request.progress and expected > request.progress_threshold
    for path, html in _with_progress(pages, expected, progress):
        write_site_file(root, path, html.encode("utf-8"))
        written.append(path)
    return written


def _with_progress(
    pages: Iterator[tuple[str, str]], expected: int, progress: bool
) -> Iterator[tuple[str, str]]:
    """``pages`` as they come, with a progress bar on standard error when asked."""
    if not progress:
        yield from pages
        return
    with click.progressbar(length=expected, label="Writing pages", file=sys.stderr) as bar:
        for page in pages:
            yield page
            bar.update(1)


def write_server_files(root: Path, base_iri: str, page_paths: list[str]) -> None:
    """``sitemap.xml``, ``robots.txt``, ``.htaccess``, ``.nginx.conf``, ``.nojekyll``."""
    from scholarld.site.files import write_site_file
    from scholarld.site.sitemap import ROBOTS_PATH, robots_txt, sitemap_files
    from scholarld.site.webserver import HTACCESS_PATH, NGINX_PATH, htaccess_text, nginx_text

    files: dict[str, bytes] = {
        **sitemap_files(base_iri, page_paths),
        ROBOTS_PATH: robots_txt(base_iri),
        HTACCESS_PATH: htaccess_text(base_iri).encode("utf-8"),
        NGINX_PATH: nginx_text(base_iri).encode("utf-8"),
        NOJEKYLL: b"",
    }
    for path, data in files.items():
        write_site_file(root, path, data)


def copy_assets(root: Path) -> None:
    """Copy the package's static assets (``site.pages.STATIC_DIR``) to ``assets/``: file
    contents only, so the tree does not depend on the package's file times."""
    from scholarld.site.pages import STATIC_DIR

    if STATIC_DIR.is_dir():
        shutil.copytree(STATIC_DIR, root / ASSETS_DIR, copy_function=shutil.copyfile)
