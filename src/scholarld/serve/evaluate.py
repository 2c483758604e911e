"""One SPARQL query against the store, rendered in the negotiated format: what a query
worker process does for each request (``scholarld.serve.worker``).

SELECT and ASK results: SPARQL 1.1 Results JSON (the default), XML, CSV or TSV.
CONSTRUCT and DESCRIBE: Turtle (the default), N-Triples, JSON-LD (expanded) or RDF/XML,
triples sorted so the same query gives the same bytes. At most ``max_results`` solutions
or triples are read; one more ends the query with 422 and a message (no silent
truncation). The store's default graph is the merge of every named graph (loaded by
``load_dump_store``), so queries need no ``GRAPH`` clause, as with ``scholarld query``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scholarld.serve.negotiation import Offer, choose, parse_accept

if TYPE_CHECKING:
    import pyoxigraph

TEXT = "text/plain; charset=utf-8"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class ResultFormat:
    """One way to write query results: its ``format=`` name, media type, media types a
    client may name for it (exact match only), and other ``format=`` names (those
    SPARQLWrapper sends)."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()


SOLUTION_FORMATS = (
    ResultFormat("json", "application/sparql-results+json", ("application/json",)),
    ResultFormat("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    ResultFormat("csv", "text/csv"),
    ResultFormat("tsv", "text/tab-separated-values"),
)
GRAPH_FORMATS = (
    ResultFormat("ttl", "text/turtle", ("application/x-turtle",), ("turtle",)),
    ResultFormat("nt", "application/n-triples", ("text/plain",), ("ntriples", "n-triples")),
    ResultFormat("jsonld", "application/ld+json", ("application/json",), ("json-ld",)),
    ResultFormat("rdf", "application/rdf+xml", ("application/xml", "text/xml"), ("xml", "rdf+xml")),
)
_CHARSET_TYPES = ("text/csv", "text/tab-separated-values", "text/turtle")


@dataclass(frozen=True)
class QueryJob:
    """A query as the endpoint received it (sent to a worker as JSON)."""

    query: str
    accept: str = "*/*"
    format_name: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_results: int = 10_000


@dataclass(frozen=True)
class QueryAnswer:
    """The HTTP answer to a query: status, ``Content-Type`` and body."""

    status: int
    media_type: str
    body: bytes


def error_answer(status: int, message: str) -> QueryAnswer:
    return QueryAnswer(status, TEXT, (message.rstrip("\n") + "\n").encode("utf-8"))


def load_dump_store(dump: Path) -> pyoxigraph.Store:
    """An in-memory store with every quad of ``dump`` (gzipped N-Quads) in its named
    graph, plus their merge (each triple once) as the default graph."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(gzip.decompress(dump.read_bytes()), format=ox.RdfFormat.N_QUADS)
    quads = store.quads_for_pattern(None, None, None, None)
    triples = [ox.Quad(quad.subject, quad.predicate, quad.object) for quad in quads]
    store.bulk_extend(triples)
    return store


def choose_format(job: QueryJob, formats: tuple[ResultFormat, ...]) -> ResultFormat | None:
    """The format named by ``format=`` (if any, it wins), else the one ``Accept`` picks."""
    if job.format_name:
        wanted = job.format_name.strip().lower()
        for fmt in formats:
            if wanted in (fmt.name, fmt.media_type, *fmt.other_names):
                return fmt
        return None
    offers = [Offer(fmt.media_type, fmt, fmt.aliases) for fmt in formats]
    return choose(offers, parse_accept(job.accept))


def not_acceptable(job: QueryJob, formats: tuple[ResultFormat, ...]) -> QueryAnswer:
    listed = ", ".join(f"{fmt.media_type} (format={fmt.name})" for fmt in formats)
    asked = f"format={job.format_name}" if job.format_name else f"Accept: {job.accept}"
    return error_answer(406, f"No result format matches {asked}. This query can answer: {listed}")


def evaluate(store: pyoxigraph.Store, job: QueryJob, prefixes: Mapping[str, str]) -> QueryAnswer:
    """Run ``job`` on ``store``; every outcome, including errors, is an answer."""
    import pyoxigraph as ox

    from scholarld.query import syntax_message

    try:
        result = store.query(job.query, prefixes=dict(prefixes), **_dataset(job))
        if isinstance(result, ox.QueryBoolean):
            return _boolean_answer(result, job)
        if isinstance(result, ox.QuerySolutions):
            return _solutions_answer(result, job)
        return _graph_answer(result, job, prefixes)
    except SyntaxError as error:
        return error_answer(400, syntax_message(job.query, str(error), prefixes))
    except ValueError as error:
        return error_answer(400, f"Bad request: {error}")
    except OSError as error:
        return error_answer(500, f"The query could not be evaluated: {error}")


def _dataset(job: QueryJob) -> dict[str, Any]:
    import pyoxigraph as ox

    dataset: dict[str, Any] = {}
    if job.default_graphs:
        dataset["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
    if job.named_graphs:
        dataset["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    return dataset


def _boolean_answer(result: pyoxigraph.QueryBoolean, job: QueryJob) -> QueryAnswer:
    fmt = choose_format(job, SOLUTION_FORMATS)
    if fmt is None:
        return not_acceptable(job, SOLUTION_FORMATS)
    written = result.serialize(format=_results_format(fmt)) or b""
    return QueryAnswer(200, _content_type(fmt), written)


def _solutions_answer(result: pyoxigraph.QuerySolutions, job: QueryJob) -> QueryAnswer:
    import pyoxigraph as ox

    fmt = choose_format(job, SOLUTION_FORMATS)
    if fmt is None:
        return not_acceptable(job, SOLUTION_FORMATS)
    variables = [variable.value for variable in result.variables]
    rows = _at_most(result, job.max_results)
    if rows is None:
        return _too_many(job.max_results, "solutions")
    body = solutions_json(variables, rows)
    if fmt.name != "json":
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        body = parsed.serialize(format=_results_format(fmt)) or b""
    return QueryAnswer(200, _content_type(fmt), body)


def _graph_answer(
    result: pyoxigraph.QueryTriples, job: QueryJob, prefixes: Mapping[str, str]
) -> QueryAnswer:
    fmt = choose_format(job, GRAPH_FORMATS)
    if fmt is None:
        return not_acceptable(job, GRAPH_FORMATS)
    triples = _at_most(result, job.max_results)
    if triples is None:
        return _too_many(job.max_results, "triples")
    return QueryAnswer(200, _content_type(fmt), graph_bytes(triples, fmt, prefixes))


def graph_bytes(triples: list[Any], fmt: ResultFormat, prefixes: Mapping[str, str]) -> bytes:
    """``triples`` sorted and written in ``fmt``; Turtle declares the prefixes it uses."""
    import pyoxigraph as ox

    ordered = sorted(triples, key=str)
    rdf_formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
    rdf_formats |= {"jsonld": ox.RdfFormat.JSON_LD, "rdf": ox.RdfFormat.RDF_XML}
    used: dict[str, str] = {}
    if fmt.name == "ttl":
        text = "".join(f"{triple} .\n" for triple in ordered)
        used = {name: iri for name, iri in sorted(prefixes.items()) if "<" + iri in text}
    return ox.serialize(ordered, format=rdf_formats[fmt.name], prefixes=used) or b""


def _at_most(items: Iterable[Any], limit: int) -> list[Any] | None:
    taken: list[Any] = []
    for item in items:
        if len(taken) == limit:
            return None
        taken.append(item)
    return taken


def _too_many(limit: int, what: str) -> QueryAnswer:
    return error_answer(
        422,
        f"The query result exceeds the limit of {limit} {what} of this endpoint; "
        "add LIMIT (and OFFSET to page through), or narrow the query.",
    )


def _results_format(fmt: ResultFormat) -> pyoxigraph.QueryResultsFormat:
    import pyoxigraph as ox

    formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
    formats |= {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    return formats[fmt.name]


def _content_type(fmt: ResultFormat) -> str:
    if fmt.media_type in _CHARSET_TYPES:
        return f"{fmt.media_type}; charset=utf-8"
    return fmt.media_type


def solutions_json(variables: list[str], solutions: Iterable[Any]) -> bytes:
    """SPARQL 1.1 Query Results JSON for ``solutions`` (pyoxigraph ``QuerySolution``s)."""
    bindings = []
    for solution in solutions:
        row = {name: term_json(solution[name]) for name in variables if solution[name] is not None}
        bindings.append(row)
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def term_json(term: Any) -> dict[str, Any]:
    """One RDF term in the SPARQL Results JSON form."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {k: term_json(v) for k, v in parts.items()}}
    written: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        written["xml:lang"] = term.language
    elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
        written["datatype"] = term.datatype.value
    return written
