"""The union helpers of the graph stage (``graph.sitegraph``) against plain set algebra,
and the graph stage's two-process transfer (``graph.build.parts_to_bytes``)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from scholarld.graph.build import GraphPart, parts_from_bytes, parts_to_bytes
from scholarld.graph.sitegraph import NamedGraph, SiteGraph, sorted_union, with_triples
from scholarld.graph.terms import Triple

TERMS = st.sampled_from(["<a>", "<a/b>", "<b>", '"x"', '"x y"', "_:b1", "_:b12"])
TRIPLES = st.tuples(TERMS, TERMS, TERMS)
BLOCKS = st.lists(st.lists(TRIPLES, max_size=30), max_size=6)


def _sorted_blocks(blocks: list[list[Triple]]) -> list[list[Triple]]:
    return [sorted(set(block)) for block in blocks]


@given(BLOCKS)
def test_sorted_union_is_the_sorted_set_of_every_block(blocks: list[list[Triple]]) -> None:
    sorted_blocks = _sorted_blocks(blocks)
    expected = sorted({triple for block in sorted_blocks for triple in block})
    assert sorted_union(sorted_blocks) == expected


def test_sorted_union_of_nothing_is_empty() -> None:
    assert sorted_union([]) == []
    assert sorted_union([[], []]) == []


@given(BLOCKS)
def test_a_site_graph_without_a_kept_union_merges_its_graphs(blocks: list[list[Triple]]) -> None:
    graphs = tuple(
        NamedGraph(f"http://example.org/graph/{n}", str(n), None, tuple(block))
        for n, block in enumerate(_sorted_blocks(blocks))
    )
    expected = sorted({triple for graph in graphs for triple in graph.triples})
    assert SiteGraph(graphs).sorted_triples() == expected
    kept = SiteGraph(graphs, union=expected)
    assert kept.sorted_triples() is expected  # the graph stage's union, not merged again


@given(st.lists(TRIPLES, max_size=40), st.lists(TRIPLES, max_size=8))
def test_with_triples_inserts_what_is_missing_in_order(
    union: list[Triple], extra: list[Triple]
) -> None:
    union = sorted(set(union))
    extra = sorted(set(extra))
    assert with_triples(list(union), extra) == sorted(set(union) | set(extra))


def test_graph_parts_come_back_from_the_other_process_as_they_were() -> None:
    triples = (("<s>", "<p>", '"o"'), ("<s>", "<p>", "<t>"))
    graphs = [
        NamedGraph("http://example.org/graph/a", "a", Path("data/people/a.yaml"), triples),
        NamedGraph("http://example.org/.well-known/void", None, None, triples[:1]),
    ]
    part = GraphPart(graphs, frozenset({"<p>"}))
    back = parts_from_bytes(parts_to_bytes([part, part]))
    assert back == [part, part]
    # a tuple met twice comes back once, shared (marshal writes it once, then refers to it)
    assert back[0].graphs[0].triples[0] is back[0].graphs[1].triples[0]
