"""SPARQL 1.1 over the site graph, in pyoxigraph's embedded in-memory store.

``load_store(graphs)`` bulk-loads every named graph as N-Quads, and their merge (each
triple once) as the default graph, so a query needs no ``GRAPH`` clause and counts are
right (pyoxigraph's ``use_default_graph_as_union`` would see a triple stated by two
profiles twice); ``GRAPH ?g { ... }`` still finds the profile a triple came from.
The standard prefixes (``schema:``, ``fabio:``, ``frbr:``, ``pro:`` ..., as in
``scholarld.graph.namespaces``) are predeclared; a query's own ``PREFIX`` lines override
them.

``run_query`` returns the text to print: SELECT results as an aligned table, SPARQL 1.1
JSON, CSV or TSV; ASK as ``true``/``false`` (or its JSON/CSV/TSV form); CONSTRUCT and
DESCRIBE as Turtle (sorted, so the output is deterministic). A syntax error becomes a
``QuerySyntaxError`` naming the line and column, with the line and a caret.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from scholarld.errors import ScholarldError
from scholarld.serialize.lines import TripleGraph, nquads_text, ntriples_text

if TYPE_CHECKING:
    import pyoxigraph

RESULT_FORMATS: tuple[str, ...] = ("table", "json", "csv", "tsv")
_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)
_PREFIXED_NAME_END = re.compile(r"([A-Za-z][\w.-]*)?:[\w.-]*$")
_MAX_DETAIL = 160


class QuerySyntaxError(ScholarldError):
    """The query is not valid SPARQL 1.1."""


class QueryFailedError(ScholarldError):
    """The query is valid but could not be evaluated."""


def load_store(graphs: Sequence[TripleGraph]) -> pyoxigraph.Store:
    """An in-memory store holding every graph as a named graph."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(nquads_text(graphs).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    store.bulk_load(ntriples_text(graphs).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def run_query(
    store: pyoxigraph.Store, sparql: str, result_format: str, prefixes: Mapping[str, str]
) -> str:
    """Evaluate ``sparql`` and render its result (see the module docstring)."""
    import pyoxigraph as ox

    try:
        result = store.query(sparql, prefixes=dict(prefixes))
    except SyntaxError as error:
        raise QuerySyntaxError(syntax_message(sparql, str(error), prefixes)) from error
    except OSError as error:
        raise QueryFailedError(f"The query could not be evaluated: {error}") from error
    if isinstance(result, ox.QueryBoolean):
        return _boolean_text(result, result_format)
    if isinstance(result, ox.QuerySolutions):
        return _solutions_text(result, result_format, prefixes)
    return graph_turtle(result, prefixes)


def _boolean_text(result: pyoxigraph.QueryBoolean, result_format: str) -> str:
    if result_format == "table":
        return "true\n" if bool(result) else "false\n"
    return _results_bytes(result, result_format).decode("utf-8").rstrip("\n") + "\n"


def _solutions_text(
    result: pyoxigraph.QuerySolutions, result_format: str, prefixes: Mapping[str, str]
) -> str:
    if result_format == "table":
        names = [variable.value for variable in result.variables]
        rows = [[cell_text(solution[name], prefixes) for name in names] for solution in result]
        return table_text(names, rows)
    return _results_bytes(result, result_format).decode("utf-8")


def _results_bytes(result: Any, result_format: str) -> bytes:
    import pyoxigraph as ox

    formats = {
        "json": ox.QueryResultsFormat.JSON,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
    }
    written: bytes = result.serialize(format=formats[result_format])
    return written


def graph_turtle(triples: pyoxigraph.QueryTriples, prefixes: Mapping[str, str]) -> str:
    """CONSTRUCT/DESCRIBE results as Turtle, triples sorted, used prefixes only."""
    import pyoxigraph as ox

    ordered = sorted(triples, key=str)
    text = "".join(f"{triple} .\n" for triple in ordered)
    used = {name: iri for name, iri in sorted(prefixes.items()) if "<" + iri in text}
    written = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=used)
    return (written or b"").decode("utf-8")


def cell_text(term: Any, prefixes: Mapping[str, str]) -> str:
    """A table cell: ``schema:Person`` or ``<iri>``, a literal's value, ``_:id``, or ''."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _prefixed_name(term.value, prefixes) or f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    text: str = term.value
    return text.replace("\n", " ")


def _prefixed_name(iri: str, prefixes: Mapping[str, str]) -> str | None:
    for name, namespace in prefixes.items():
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z_][\w-]*", local):
            return f"{name}:{local}"
    return None


def table_text(names: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An aligned plain-text table with a header rule and a row count."""
    widths = [len(name) for name in names]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    lines = [_table_line(names, widths), "  ".join("-" * width for width in widths)]
    lines += [_table_line(row, widths) for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def syntax_message(sparql: str, error: str, prefixes: Mapping[str, str]) -> str:
    """ "Query syntax error at line L, column C: ..." with the line and a caret under C."""
    match = _POSITION.match(error)
    if match is None:
        return f"Query syntax error: {error}"
    line_number, column = int(match.group(1)), int(match.group(2))
    lines = sparql.split("\n")
    line = lines[line_number - 1] if 0 < line_number <= len(lines) else ""
    detail = _detail(match.group(3), line[: max(column - 1, 0)], prefixes)
    caret = " " * min(max(column - 1, 0), len(line)) + "^"
    return (
        f"Query syntax error at line {line_number}, column {column}: {detail}\n  {line}\n  {caret}"
    )


def _detail(message: str, before: str, prefixes: Mapping[str, str]) -> str:
    if "Prefix not found" in message:
        found = _PREFIXED_NAME_END.search(before)
        name = found.group(1) or "" if found else "?"
        known = ", ".join(sorted(prefixes))
        return (
            f"unknown prefix {name + ':'!r}; declare it (PREFIX {name}: <...>) "
            f"or use a predeclared one: {known}"
        )
    first = " ".join(message.split())
    return first if len(first) <= _MAX_DETAIL else first[: _MAX_DETAIL - 3] + "..."
