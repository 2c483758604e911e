"""``scholarld serve``: the built site over HTTP, with content negotiation and SPARQL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from scholarld.errors import ScholarldError

if TYPE_CHECKING:
    import uvicorn

    from scholarld.serve.app import SiteServer

# h11's default limit (16 KiB) would cut long GET queries before the endpoint could
# answer 413 with its own message.
_MAX_REQUEST_HEAD_BYTES = 256 * 1024


@click.command("serve", short_help="Serve the built site: linked data + SPARQL endpoint.")
@click.option(
    "--site",
    "site_dir",
    type=click.Path(path_type=Path),
    default=Path("public"),
    show_default=True,
    help="The folder written by scholarld build.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--query-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a SPARQL query may run; then its worker is killed and the answer is 503.",
)
@click.option(
    "--max-results",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Solutions (or triples) a query may return; more is answered with 422.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="SPARQL worker processes (each holds a copy of the graph).",
)
@click.option(
    "--examples",
    "examples_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs/queries"),
    show_default=True,
    help="Example queries (*.rq) listed on the query page; skipped when missing.",
)
def serve_command(
    site_dir: Path,
    host: str,
    port: int,
    query_timeout: float,
    max_results: int,
    workers: int,
    examples_dir: Path,
) -> None:
    """Serve the site built by scholarld build (default: public/) over HTTP.

    Resource IRIs (/person/KEY, /work/KEY/...) answer 303 See Other to the document in the
    format the Accept header asks for (HTML, Turtle, JSON-LD, N-Triples, RDF/XML); files
    are served as they are; /sparql is a read-only SPARQL 1.1 endpoint with a query page.
    Binds 127.0.0.1 unless --host says otherwise. Details: docs/serve.md.
    """
    import asyncio

    import uvicorn

    from scholarld.serve.app import ServeConfig, SiteServer, site_app
    from scholarld.serve.files import site_problem
    from scholarld.serve.limits import Limits

    problem = site_problem(site_dir)
    if problem is not None:
        raise ScholarldError(
            f"Cannot serve {site_dir}: {problem}. Run scholarld build --output {site_dir} "
            "first (or give the built folder with --site DIR)."
        )
    limits = Limits(query_timeout=query_timeout, max_results=max_results, workers=workers)
    server = SiteServer(ServeConfig(site_dir, limits, examples_dir))
    config = uvicorn.Config(
        site_app(server),
        host=host,
        port=port,
        log_level="warning",
        h11_max_incomplete_event_size=_MAX_REQUEST_HEAD_BYTES,
    )
    asyncio.run(_serve(server, uvicorn.Server(config), f"http://{host}:{port}/"))


async def _serve(server: SiteServer, web_server: uvicorn.Server, address: str) -> None:
    """Start the query workers (a broken dump stops here, with a clear error), then
    serve until interrupted; the workers are stopped either way."""
    await server.pool.start()
    try:
        click.echo(f"Serving {server.root} at {address} (SPARQL: {address}sparql); Ctrl-C stops.")
        await web_server.serve()
    finally:
        await server.pool.close()
