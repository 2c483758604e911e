"""``scholarld query``: SPARQL 1.1 over the site graph."""

from __future__ import annotations

from pathlib import Path

import click

from scholarld.errors import ScholarldError

_RESULT_FORMATS = ("table", "json", "csv", "tsv")


@click.command("query", short_help="Run a SPARQL 1.1 query over the site graph.")
@click.argument("sparql", required=False)
@click.option(
    "--file",
    "query_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the query from this file (e.g. docs/queries/coauthors.rq).",
)
@click.option(
    "--format",
    "-f",
    "result_format",
    type=click.Choice(_RESULT_FORMATS, case_sensitive=False),
    default="table",
    show_default=True,
    help="How SELECT/ASK results print; CONSTRUCT and DESCRIBE always print Turtle.",
)
@click.pass_obj
def query_command(
    data_dir: Path, sparql: str | None, query_file: Path | None, result_format: str
) -> None:
    """Run SPARQL (given as SPARQL, or with --file) over every profile's graph.

    The default graph is the merge of all named graphs (one per profile, each triple
    once); the standard prefixes (schema:, fabio:, frbr:, pro:, oco:, datacite:, pso:,
    dcterms:, xsd: ...) are predeclared. Examples: docs/queries/*.rq.

    \b
    scholarld query 'SELECT (COUNT(*) AS ?n) WHERE { ?w a fabio:ResearchPaper }'
    """
    from scholarld.graph.namespaces import PREFIXES
    from scholarld.query import load_store, run_query
    from scholarld.serialize.export import read_site_graph

    text = _query_text(sparql, query_file)
    _, site_graph = read_site_graph(data_dir)
    store = load_store(site_graph.graphs)
    click.echo(run_query(store, text, result_format.lower(), PREFIXES), nl=False)


def _query_text(sparql: str | None, query_file: Path | None) -> str:
    if (sparql is None) == (query_file is None):
        raise ScholarldError(
            "Give the query either as an argument or with --file, not both "
            "(e.g. scholarld query --file docs/queries/works-per-venue-year.rq)"
        )
    if query_file is None:
        assert sparql is not None
        return sparql
    try:
        return query_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScholarldError(f"Cannot read query file {query_file}: {error}") from error
