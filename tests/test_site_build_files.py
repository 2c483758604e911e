"""The files of a built site, checked against the site graph: per-document ``.ttl`` and
``.jsonld`` hold exactly the triples whose subject their document describes, the dumps are
``scholarld export``'s bytes (deterministically gzipped), the dataset description,
sitemap and robots; plus the grouping, the two-process lanes and the atomic swap."""

from __future__ import annotations

import gzip
import os
import threading
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from rdf_compare import assert_isomorphic
from scholarld.formats import get_format
from scholarld.graph import NamedGraph, SiteGraph
from scholarld.graph.namespaces import PREFIXES
from scholarld.parallel import can_fork, map_in_two
from scholarld.serialize.context import load_context
from scholarld.serialize.export import ExportRequest, export_site, read_site_graph
from scholarld.serialize.jsonld import write_jsonld
from scholarld.serialize.turtle import write_turtle
from scholarld.site import lanes, swap
from scholarld.site.build import BuildRequest, build_site
from scholarld.site.documents import document_path
from scholarld.site.resources import Document, document_jsonld, document_writer, group_by_document
from scholarld.site.resources import batches as lanes_batches
from scholarld.site.sitemap import page_url, sitemap_files

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
BASE = "http://localhost:8000/"
SAMPLE_DOCUMENTS = ("person/kaiming-he", "work/he2016deep", "venue/cvpr", "dataset")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "public"
    build_site(BuildRequest(data_dir=DATA, output=output, validate=False))
    return output


@pytest.fixture(scope="module")
def site_graph() -> SiteGraph:
    return read_site_graph(DATA)[1]


def parsed(data: bytes | str, rdf_format: str) -> Graph:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        return Graph().parse(data=data, format=rdf_format)


def union_graph(site_graph: SiteGraph) -> Graph:
    return parsed(site_graph.ntriples(), "nt")


def document_files(site: Path, extension: str) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob(f"*.{extension}")):
        document = path.relative_to(site).as_posix()[: -len(extension) - 1]
        if not document.startswith("dump/"):
            yield document, path


def test_document_turtle_files_partition_the_union_graph(site: Path, site_graph: SiteGraph) -> None:
    together = Graph()
    for document, path in document_files(site, "ttl"):
        graph = parsed(path.read_bytes(), "turtle")
        assert len(graph), f"{path} is empty"
        for subject in set(graph.subjects()):
            assert document_path(str(subject), BASE) == document, f"{subject} in {path}"
        together += graph
    assert_isomorphic(union_graph(site_graph), together, "all document .ttl files")


@pytest.mark.parametrize("document", SAMPLE_DOCUMENTS)
def test_document_jsonld_says_what_the_turtle_says(site: Path, document: str) -> None:
    turtle = parsed((site / f"{document}.ttl").read_bytes(), "turtle")
    jsonld = parsed((site / f"{document}.jsonld").read_bytes(), "json-ld")
    assert_isomorphic(turtle, jsonld, f"{document}.jsonld")


def test_document_writers_give_the_export_writers_bytes(site_graph: SiteGraph) -> None:
    index = group_by_document(site_graph, BASE)
    writer = document_writer(Path("/nonexistent"), BASE, PREFIXES, load_context())
    for document in index.documents:
        expected = write_jsonld([document], load_context(), BASE, named=False)
        assert document_jsonld(writer, document) == expected, document.path


@pytest.mark.parametrize("document", SAMPLE_DOCUMENTS)
def test_document_turtle_is_the_turtle_writer_output(
    site: Path, site_graph: SiteGraph, document: str
) -> None:
    found = [d for d in group_by_document(site_graph, BASE).documents if d.path == document]
    expected = write_turtle(found, BASE, PREFIXES, trig=False)
    assert (site / f"{document}.ttl").read_bytes() == expected
    assert expected.startswith(b"@base <http://localhost:8000/> .\n@prefix ")


@pytest.mark.parametrize(
    ("name", "format_name"),
    [("all.ttl", "ttl"), ("all.nt.gz", "nt"), ("all.nq.gz", "nq"), ("all.jsonld", "jsonld")],
)
def test_dumps_are_the_export_bytes(site: Path, name: str, format_name: str) -> None:
    data = (site / "dump" / name).read_bytes()
    if name.endswith(".gz"):
        assert data[:3] == b"\x1f\x8b\x08"
        assert data[3] & 0x08 == 0, "the gzip header names a file"
        assert data[4:8] == b"\0\0\0\0", "the gzip header has a modification time"
        data = gzip.decompress(data)
    request = ExportRequest(DATA, get_format(format_name), validate=False)
    assert data == b"".join(export_site(request))


def test_nquads_dump_keeps_one_graph_per_profile_and_the_description(site: Path) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        dataset = Dataset().parse(data=gzip.decompress((site / "dump/all.nq.gz").read_bytes()),
                                  format="nquads")  # fmt: skip
        names = sorted(str(g.identifier) for g in dataset.graphs() if len(g))
    assert names == [f"{BASE}.well-known/void", f"{BASE}graph/kaiming-he"]


def test_void_is_the_dataset_description_graph(site: Path, site_graph: SiteGraph) -> None:
    description = [graph for graph in site_graph.graphs if graph.slug is None]
    void = (site / ".well-known" / "void").read_bytes()
    assert void == write_turtle(description, BASE, PREFIXES, trig=False)
    assert b"void:Dataset" in void


def test_sitemap_lists_every_page_sorted(site: Path) -> None:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    urls = [element.text for element in root.findall("s:url/s:loc", namespace)]
    assert urls == sorted(page_url(BASE, page) for page in pages)
    assert BASE in urls and f"{BASE}person/kaiming-he.html" in urls
    assert (site / "robots.txt").read_text() == (
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"
    )


def test_no_empty_folders(site: Path) -> None:
    folders = [path for path in site.rglob("*") if path.is_dir()]
    empty = [str(path.relative_to(site)) for path in folders if not any(path.iterdir())]
    assert empty == []


def test_assets_are_copied(site: Path) -> None:
    assert (site / "assets" / "style.css").is_file()


def named(iri: str, triples: list[tuple[str, str, str]], slug: str | None = "x") -> NamedGraph:
    return NamedGraph(iri, slug, None, tuple(sorted(triples)))


def test_grouping_merges_graphs_and_keeps_blank_subjects_apart() -> None:
    name, alice, bob = "<https://schema.org/name>", f"<{BASE}person/alice>", f"<{BASE}person/bob>"
    alice_name = (alice, name, '"Alice"')
    first = named(f"{BASE}graph/a", [alice_name, (bob, name, '"Bob"'), ("_:b0", name, '"?"')])
    second = named(f"{BASE}graph/b", [alice_name, (f"{alice[:-1]}/x>", name, '"X"')])
    index = group_by_document(SiteGraph((first, second)), BASE)
    assert [d.path for d in index.documents] == ["person/alice", "person/bob"]
    assert index.documents[0].triples == tuple(
        sorted([alice_name, (f"{alice[:-1]}/x>", name, '"X"')])
    )
    assert index.unplaced == (("_:b0", name, '"?"'),)
    assert index.triple_count() == 4
    assert index.paths_of_kind("person") == ["person/alice", "person/bob"]


def test_documents_are_triple_graphs() -> None:
    document = Document("person/a", f"{BASE}person/a", ())
    assert document.iri == f"{BASE}person/a"


def touch(path: Path) -> None:
    path.write_text(str(os.getpid()))


def shared_tasks(folder: Path, count: int) -> list[lanes.Task]:
    return [(f"task {n}", partial(touch, folder / f"{n}.txt")) for n in range(count)]


@pytest.mark.parametrize("fork", [True, False], ids=["shared", "serial"])
def test_every_task_runs_once_and_timings_keep_task_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    if not fork:
        monkeypatch.setattr(lanes, "can_fork", lambda: False)
    result, timings = lanes.run_shared(lambda: "pages", shared_tasks(tmp_path, 12))
    assert result == "pages"
    assert [name.removesuffix(" (beside)") for name, _, _ in timings] == [
        f"task {n}" for n in range(12)
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.txt" for n in range(12))
    beside = {int(p.read_text()) for p in tmp_path.iterdir()} - {os.getpid()}
    if not fork:
        assert not beside and not any(name.endswith("(beside)") for name, _, _ in timings)


def fails_in_a_child(parent: int, path: Path) -> None:
    if os.getpid() != parent:
        raise RuntimeError("the child fails")
    touch(path)


def test_a_task_that_fails_in_the_child_runs_again_here(tmp_path: Path) -> None:
    tasks: list[lanes.Task] = [
        (f"task {n}", partial(fails_in_a_child, os.getpid(), tmp_path / f"{n}.txt"))
        for n in range(4)
    ]
    _, timings = lanes.run_shared(lambda: None, tasks)
    assert [name for name, _, _ in timings] == [f"task {n}" for n in range(4)]
    assert {p.read_text() for p in tmp_path.iterdir()} == {str(os.getpid())}


def squares(numbers: Sequence[int]) -> list[int]:
    return [number * number for number in numbers]


def splits_its_own_work(path: Path) -> None:
    """A task that would use a second process itself (as the Turtle writer does)."""
    assert map_in_two(squares, range(40), min_items=2) == [n * n for n in range(40)]
    touch(path)


def test_a_task_that_would_fork_again_still_finishes_in_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # multiprocessing refuses children of a forked helper: the helper must run such a task
    # in one process, not give up its share for the parent to redo
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # idle threads of other tests
    if not can_fork():
        pytest.skip("one core or no fork here")
    tasks = [(f"task {n}", partial(splits_its_own_work, tmp_path / f"{n}.txt")) for n in range(6)]
    _, timings = lanes.run_shared(partial(time.sleep, 0.5), tasks)
    assert sum(name.endswith("(beside)") for name, _, _ in timings) >= 1
    assert {p.read_text() for p in tmp_path.iterdir()} - {str(os.getpid())}  # the child wrote


def failing_first() -> None:
    raise ValueError("pages failed")


def test_a_failure_of_the_first_work_raises(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pages failed"):
        lanes.run_shared(failing_first, shared_tasks(tmp_path, 2))


def test_batches_cover_every_document_in_order() -> None:
    documents = [
        Document(f"work/w{n}", f"{BASE}work/w{n}", (("s", "p", "o"),) * n) for n in range(1, 20)
    ]
    parts = lanes_batches(documents, 4)
    assert [d for part in parts for d in part] == documents
    assert 3 <= len(parts) <= 5


def test_swap_restores_the_previous_site_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "old.html").write_text("old")
    (tmp_path / "staging").mkdir()
    calls: list[tuple[str, str]] = []
    real_rename = os.rename

    def rename(source: str, target: str) -> None:
        calls.append((str(source), str(target)))
        if len(calls) == 2:
            raise OSError(13, "Permission denied")
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError, match="Permission denied"):
        swap.swap_in(tmp_path / "staging", tmp_path / "public")
    assert (tmp_path / "public" / "old.html").read_text() == "old"
    assert len(calls) == 3  # away, in (fails), back


def test_a_big_site_gets_a_sitemap_index() -> None:
    pages = ["index.html", "work/a.html", "work/b.html", "work/c.html", "work/d.html"]
    files = sitemap_files(BASE, pages, max_urls=2)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    listed = [e.text for e in index.findall("s:sitemap/s:loc", namespace)]
    assert listed == [f"{BASE}sitemap-{n}.xml" for n in (1, 2, 3)]
    urls = [
        element.text
        for name in ("sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml")
        for element in ET.fromstring(files[name]).findall("s:url/s:loc", namespace)
    ]
    assert urls == sorted(page_url(BASE, page) for page in pages)
