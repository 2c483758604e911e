"""The graph comparison the RDF tests rely on can fail, and says which triples differ."""

from __future__ import annotations

import pytest
from rdflib import Graph

from rdf_compare import assert_isomorphic

ONE = "<http://x.org/s> <http://x.org/p> <http://x.org/o1> .\n"
TWO = "<http://x.org/s> <http://x.org/p> <http://x.org/o2> .\n"


def test_isomorphic_graphs_pass() -> None:
    assert_isomorphic(Graph().parse(data=ONE, format="nt"), Graph().parse(data=ONE, format="nt"))


def test_a_difference_fails_with_the_triples() -> None:
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_isomorphic(
            Graph().parse(data=ONE, format="nt"), Graph().parse(data=TWO, format="nt"), "dump"
        )
    message = str(failure.value)
    assert "dump: graphs differ" in message
    assert "only expected: <http://x.org/s> <http://x.org/p> <http://x.org/o1>" in message
    assert "only actual:   <http://x.org/s> <http://x.org/p> <http://x.org/o2>" in message
