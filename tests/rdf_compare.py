"""Compare RDF graphs as graphs (isomorphism), failing with a readable triple diff."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

MAX_DIFF_LINES = 200


def assert_isomorphic(expected: Graph, actual: Graph, what: str = "graphs") -> None:
    """Fail unless the graphs are isomorphic, listing the triples only one side has."""
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"{what}: graphs differ"]
    lines += [f"  only expected: {s.n3()} {p.n3()} {o.n3()}" for s, p, o in sorted(only_expected)]
    lines += [f"  only actual:   {s.n3()} {p.n3()} {o.n3()}" for s, p, o in sorted(only_actual)]
    pytest.fail("\n".join(lines[:MAX_DIFF_LINES]))
