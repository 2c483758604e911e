"""``scholarld.query``: loading named graphs into pyoxigraph, the result formats, and
syntax errors reported with their position. Small hand-built graphs; the CLI and the
example queries over the default profile are tested in ``test_query_cli.py`` and
``test_example_queries.py``."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyoxigraph
import pytest

from scholarld.graph.namespaces import PREFIXES
from scholarld.query import (
    QuerySyntaxError,
    load_store,
    run_query,
    syntax_message,
    table_text,
)

BASE = "http://localhost:8000/"
NAME = "<https://schema.org/name>"
AUTHOR = "<https://schema.org/author>"


@dataclass(frozen=True)
class SampleGraph:
    iri: str
    slug: str | None
    triples: tuple[tuple[str, str, str], ...]


def _graph(slug: str, triples: set[tuple[str, str, str]]) -> SampleGraph:
    return SampleGraph(f"{BASE}graph/{slug}", slug, tuple(sorted(triples)))


GRAPHS = (
    _graph(
        "alice",
        {
            (f"<{BASE}person/alice>", NAME, '"Alice Author"'),
            (f"<{BASE}work/a/cvpr>", AUTHOR, f"<{BASE}person/alice>"),
            (f"<{BASE}work/a/cvpr>", AUTHOR, f"<{BASE}person/bob>"),
        },
    ),
    _graph(
        "bob",
        {
            (f"<{BASE}person/bob>", NAME, '"Bob, \\"the\\" Author"'),
            (f"<{BASE}work/a/cvpr>", AUTHOR, f"<{BASE}person/bob>"),
        },
    ),
)

COAUTHORS = """SELECT ?name (COUNT(?work) AS ?works) WHERE {
  ?work schema:author ?person .
  ?person schema:name ?name .
} GROUP BY ?name ORDER BY ?name"""


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    return load_store(GRAPHS)


def test_the_default_graph_is_the_union_of_the_profiles(store: pyoxigraph.Store) -> None:
    text = run_query(store, COAUTHORS, "table", PREFIXES)
    assert text.splitlines() == [
        "name               works",
        "-----------------  -----",
        "Alice Author       1",
        'Bob, "the" Author  1',
        "(2 rows)",
    ]


def test_graph_clause_finds_the_profile_a_triple_came_from(store: pyoxigraph.Store) -> None:
    query = "SELECT ?g WHERE { GRAPH ?g { ?w schema:author <person/bob> } } ORDER BY ?g"
    rows = run_query(store, query.replace("<person/bob>", f"<{BASE}person/bob>"), "csv", PREFIXES)
    assert rows.splitlines() == ["g", f"{BASE}graph/alice", f"{BASE}graph/bob"]


def test_json_results_follow_the_sparql_results_format(store: pyoxigraph.Store) -> None:
    document = json.loads(run_query(store, COAUTHORS, "json", PREFIXES))
    assert document["head"]["vars"] == ["name", "works"]
    names = [row["name"]["value"] for row in document["results"]["bindings"]]
    assert names == ["Alice Author", 'Bob, "the" Author']


def test_csv_and_tsv_results(store: pyoxigraph.Store) -> None:
    csv_lines = run_query(store, COAUTHORS, "csv", PREFIXES).splitlines()
    assert csv_lines == ["name,works", "Alice Author,1", '"Bob, ""the"" Author",1']
    tsv_lines = run_query(store, COAUTHORS, "tsv", PREFIXES).splitlines()
    assert tsv_lines[0] == "?name\t?works"
    assert tsv_lines[1].startswith('"Alice Author"\t')


def test_ask_in_every_format(store: pyoxigraph.Store) -> None:
    query = f"ASK {{ <{BASE}person/alice> schema:name ?n }}"
    assert run_query(store, query, "table", PREFIXES) == "true\n"
    assert json.loads(run_query(store, query, "json", PREFIXES))["boolean"] is True
    assert run_query(store, query.replace("alice", "carol"), "csv", PREFIXES) == "false\n"


def test_construct_prints_sorted_turtle_with_prefixes(store: pyoxigraph.Store) -> None:
    query = "CONSTRUCT { ?p schema:name ?n } WHERE { ?p schema:name ?n }"
    text = run_query(store, query, "table", PREFIXES)
    assert text.startswith("@prefix schema: <https://schema.org/> .\n")
    assert text.index("person/alice") < text.index("person/bob")
    assert run_query(store, query, "table", PREFIXES) == text


def test_table_cells_use_prefixed_names_for_vocabulary_iris(store: pyoxigraph.Store) -> None:
    query = "SELECT ?p WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"
    assert run_query(store, query, "table", PREFIXES).splitlines()[2:4] == [
        "schema:author",
        "schema:name",
    ]


def test_a_query_may_redeclare_a_predeclared_prefix(store: pyoxigraph.Store) -> None:
    query = "PREFIX schema: <http://schema.org/> ASK { ?s schema:name ?o }"
    assert run_query(store, query, "table", PREFIXES) == "false\n"


def test_a_syntax_error_names_line_and_column_with_a_caret(store: pyoxigraph.Store) -> None:
    query = "SELECT ?x WHERE {\n  ?x schema:name ?n\n  FILTER(\n}"
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(store, query, "table", PREFIXES)
    message = str(caught.value)
    assert message.startswith("Query syntax error at line 4, column 2: expected one of ")
    assert message.endswith("\n  }\n   ^")
    assert caught.value.exit_code == 1


def test_an_unknown_prefix_is_named(store: pyoxigraph.Store) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(store, "SELECT ?x WHERE { ?x foo:bar ?y }", "table", PREFIXES)
    assert str(caught.value).startswith(
        "Query syntax error at line 1, column 29: unknown prefix 'foo:'; "
        "declare it (PREFIX foo: <...>) or use a predeclared one: datacite, dcat, dcterms,"
    )


def test_a_message_without_a_position_is_passed_on() -> None:
    assert syntax_message("x", "something odd", PREFIXES) == "Query syntax error: something odd"


def test_table_text_of_no_rows() -> None:
    assert table_text(["a", "long"], []) == "a  long\n-  ----\n(0 rows)\n"
