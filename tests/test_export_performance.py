"""The fast paths of ``scholarld export`` give exactly what the plain code gives.

Each speed-up (memoized vocabulary terms, co-author blocks shared between profile graphs,
vocabularies gathered graph by graph, the one-scan literal check of the Turtle writer,
the paused garbage collector) is checked against a straightforward reference.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import sys
from collections.abc import Collection, Sequence
from pathlib import Path
from types import ModuleType

import pytest

from scholarld import parallel
from scholarld.collector import collector_paused
from scholarld.graph.build import build_site_graph, profile_graph
from scholarld.graph.dataset import vocabularies_used
from scholarld.graph.iris import base_term
from scholarld.graph.namespaces import PSO, SCHEMA, VOCABULARIES, A, Vocabulary
from scholarld.graph.sitegraph import SiteGraph
from scholarld.graph.terms import Triple
from scholarld.identity import People, resolve_people
from scholarld.parallel import can_fork, map_and_finish, map_in_two
from scholarld.profiles import Site
from scholarld.profiles.reader import read_site

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
BASE = "http://localhost:8000/"


def _corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", BENCHMARKS / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, People, SiteGraph]:
    """Three synthetic profiles drawing co-authors from a pool of 12, so they share some."""
    module = _corpus_module()
    data = tmp_path_factory.mktemp("corpus")
    module.generate_corpus(data, module.CorpusSize(profiles=3, works=6, pool=12))
    site = read_site(data)
    people = resolve_people(site.profiles)
    return site, people, build_site_graph(site, people)


def test_vocabulary_terms_are_memoized_without_changing_the_vocabulary() -> None:
    fresh = Vocabulary("schema", "https://schema.org/")
    first = fresh.aNewTerm
    assert first == "<https://schema.org/aNewTerm>"
    assert fresh.aNewTerm is first  # now a plain attribute: no new string per access
    assert fresh == Vocabulary("schema", "https://schema.org/")
    assert hash(fresh) == hash(Vocabulary("schema", "https://schema.org/"))
    assert SCHEMA.name == SCHEMA["name"] == "<https://schema.org/name>"
    assert PSO["in-press"] == "<http://purl.org/spar/pso/in-press>"
    with pytest.raises(AttributeError):
        _ = fresh.__wrapped__


def test_shared_coauthor_blocks_give_the_graphs_built_alone(
    corpus: tuple[Site, People, SiteGraph],
) -> None:
    site, people, site_graph = corpus
    base = base_term(site.config.base_iri)
    built = {graph.slug: graph.triples for graph in site_graph.profile_graphs()}
    for sourced in site.profiles:
        alone = profile_graph(base, sourced, people)  # no blocks shared with other profiles
        assert alone.triples == built[sourced.slug], sourced.slug
    person_types = [
        {s for s, p, o in triples if p == A and o == SCHEMA.Person} for triples in built.values()
    ]
    shared = set.intersection(*person_types)
    assert len(shared) > 3, "the corpus should make the profiles share co-authors"


def _reference_vocabularies(triples: Collection[Triple]) -> list[str]:
    terms = {predicate for _, predicate, _ in triples}
    terms.update(obj for _, predicate, obj in triples if predicate == A)
    return sorted(
        {v.namespace for v in VOCABULARIES for t in terms if t.startswith(f"<{v.namespace}")}
    )


def test_vocabularies_graph_by_graph_match_the_union(
    corpus: tuple[Site, People, SiteGraph],
) -> None:
    graphs = corpus[2].profile_graphs()
    union = {triple for graph in graphs for triple in graph.triples}
    found = vocabularies_used(graph.triples for graph in graphs)
    assert found == _reference_vocabularies(union)
    assert "http://purl.org/spar/fabio/" in found


def test_collector_is_paused_and_restored() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused(freeze=True):  # nested: the outer pause decides
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with collector_paused(freeze=True):
        kept = [[index] for index in range(100)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(kept)
    gc.unfreeze()  # leave the test process as it was


def test_collector_left_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused(freeze=True):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def _squares(numbers: Sequence[int]) -> list[tuple[int, int]]:
    return [(number, number * number) for number in numbers]


def _fails_in_child(numbers: Sequence[int]) -> list[tuple[int, int]]:
    if os.getpid() != _PARENT_PID:
        raise RuntimeError("only the child fails")
    return _squares(numbers)


def _always_fails(numbers: Sequence[int]) -> list[tuple[int, int]]:
    raise ValueError(f"cannot square {len(numbers)} numbers")


_PARENT_PID = os.getpid()


def test_map_in_two_keeps_the_order_of_the_items() -> None:
    numbers = list(range(40))
    assert can_fork(), "the test machine has two cores and fork"
    assert map_in_two(_squares, numbers, min_items=2) == _squares(numbers)
    assert map_in_two(_squares, numbers[:3], min_items=16) == _squares(numbers[:3])
    for share in (0.0, 0.5, 1.0):  # the child's part: none, half, all
        assert map_in_two(_squares, numbers, min_items=2, child_share=share) == _squares(numbers)


def test_map_in_two_recomputes_when_the_child_fails() -> None:
    numbers = list(range(20))
    assert map_in_two(_fails_in_child, numbers, min_items=2) == _squares(numbers)


def _finished_here(results: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    return [(number, square, os.getpid()) for number, square in results]


def test_map_and_finish_finishes_both_parts_in_this_process() -> None:
    numbers = list(range(40))
    for share in (0.0, 0.5, 1.0):
        finished = map_and_finish(_squares, _finished_here, numbers, 2, share)
        assert finished == [(n, n * n, os.getpid()) for n in numbers]
    failed_child = map_and_finish(_fails_in_child, _finished_here, numbers, 2)
    assert failed_child == [(n, n * n, os.getpid()) for n in numbers]


def test_map_in_two_raises_the_error_of_a_serial_run() -> None:
    with pytest.raises(ValueError, match="cannot square 12 numbers"):
        map_in_two(_always_fails, list(range(20)), min_items=2)


def test_profile_graphs_built_in_two_processes_match_the_serial_build(
    corpus: tuple[Site, People, SiteGraph], monkeypatch: pytest.MonkeyPatch
) -> None:
    site, people, serial = corpus
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)  # three profiles: split 2 + 1
    forked = build_site_graph(site, people)
    assert forked == serial
    assert forked.union == serial.union  # merged from both parts' graphs: the serial union
    assert len(forked.profile_graphs()) == 3


def test_no_fork_while_other_threads_run() -> None:
    """A threaded process (a server) builds serially: forking it could deadlock the child."""
    import threading

    from scholarld.parallel import can_fork

    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        worker.join()
