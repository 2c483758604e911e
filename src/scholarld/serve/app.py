"""The web application of ``scholarld serve`` (starlette): the built site's files,
303 redirects from resource IRIs to their documents, derived ``.nt``/``.rdf`` files and
the SPARQL endpoint. ``create_app`` builds it; uvicorn runs it (``commands/serve_cmd``).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from scholarld.serve import files
from scholarld.serve.derived import DerivedCache
from scholarld.serve.evaluate import error_answer
from scholarld.serve.limits import Limits
from scholarld.serve.negotiation import Offer, choose, parse_accept
from scholarld.serve.pool import QueryPool
from scholarld.serve.query_page import ExampleQuery, query_page, read_examples
from scholarld.serve.sparql import (
    RequestRefused,
    answer_response,
    query_job,
    read_protocol_request,
)
from scholarld.site.documents import (
    HTML,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    TURTLE,
    Representation,
    representation_path,
)

SMALL_FILE_BYTES = 1024 * 1024

# Media types a client may name for a representation, besides its own (exact match only).
REPRESENTATION_ALIASES = {
    HTML: ("application/xhtml+xml",),
    TURTLE: ("application/x-turtle",),
    JSON_LD: ("application/json",),
    N_TRIPLES: ("text/plain",),
    RDF_XML: ("application/xml", "text/xml"),
}


@dataclass(frozen=True)
class ServeConfig:
    """What ``scholarld serve`` serves and how."""

    site_dir: Path
    limits: Limits = field(default_factory=Limits)
    examples_dir: Path | None = None


class SiteServer:
    """The request handlers, holding the site's root, the worker pool and the cache."""

    def __init__(self, config: ServeConfig) -> None:
        self.root = config.site_dir.resolve()
        self.limits = config.limits
        self.pool = QueryPool(self.root / files.DUMP_QUADS, config.limits)
        self.derived = DerivedCache()
        self.examples: tuple[ExampleQuery, ...] = read_examples(config.examples_dir)

    @asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        """Start the query workers before the first request; stop them at shutdown."""
        await self.pool.start()
        try:
            yield
        finally:
            await self.pool.close()

    async def site(self, request: Request) -> Response:
        """A file of the site, a derived file, a 303 to a document, or 404."""
        url_path = "/" + str(request.path_params["path"])
        if url_path == "/":
            url_path = "/index.html"
        found = files.site_file(self.root, url_path)
        if found is not None:
            return file_response(request, found, files.media_type(url_path[1:]))
        derived = files.derived_source(url_path)
        if derived is not None:
            return await self._derived(request, *derived)
        document = files.resource_document(url_path)
        available = files.available_representations(self.root, document) if document else ()
        if document is None or not available:
            return not_found(request, url_path)
        return self._see_other(request, document, available)

    async def _derived(self, request: Request, turtle: Path, wanted: Representation) -> Response:
        source = files.site_file(self.root, f"/{turtle.as_posix()}")
        if source is None:
            return not_found(request, request.url.path)
        try:
            body = await run_in_threadpool(self.derived.get, source, wanted)
        except (OSError, SyntaxError, ValueError) as error:
            return answer_response(error_answer(500, f"Cannot convert {turtle}: {error}"))
        return Response(body, media_type=wanted.media_type)

    def _see_other(
        self, request: Request, document: str, available: tuple[Representation, ...]
    ) -> Response:
        offers = [Offer(r.media_type, r, REPRESENTATION_ALIASES.get(r, ())) for r in available]
        accept = request.headers.get("accept", "*/*")
        chosen = choose(offers, parse_accept(accept))
        base = request.scope.get("root_path", "")
        if chosen is None:
            listed = ", ".join(
                f"{r.media_type} ({base}/{representation_path(document, r)})" for r in available
            )
            message = f"No representation of {request.url.path} matches Accept: {accept}. "
            return answer_response(error_answer(406, message + f"Available: {listed}"))
        location = f"{base}/{representation_path(document, chosen)}"
        return RedirectResponse(location, status_code=303, headers={"Vary": "Accept"})

    async def sparql(self, request: Request) -> Response:
        """The SPARQL 1.1 Protocol endpoint (and its HTML query page)."""
        accept = request.headers.get("accept", "*/*")
        try:
            parameters = await read_protocol_request(request, self.limits)
            if not parameters.queries and request.method in ("GET", "HEAD") and _wants_page(accept):
                from scholarld.graph.namespaces import PREFIXES

                page = query_page(self.examples, parameters.example, sorted(PREFIXES))
                return HTMLResponse(page, headers={"Vary": "Accept"})
            job = query_job(parameters, accept, self.limits)
        except RequestRefused as refusal:
            return answer_response(refusal.answer)
        return answer_response(await self.pool.run(job))


def _wants_page(accept: str) -> bool:
    offers = [Offer("text/html", True), Offer("application/sparql-results+json", False)]
    return choose(offers, parse_accept(accept)) is True


def file_response(request: Request, path: Path, media_type: str) -> Response:
    """``path`` as it is, with ETag and Last-Modified; 304 when the client has it. Small
    files (pages, documents) are read at once; larger ones (dumps) are streamed."""
    status = os.stat(path)
    validators = {
        "etag": f'"{status.st_mtime_ns:x}-{status.st_size:x}"',
        "last-modified": formatdate(status.st_mtime, usegmt=True),
    }
    if _unchanged(request, validators):
        return Response(status_code=304, headers=validators)
    if status.st_size > SMALL_FILE_BYTES:
        return FileResponse(path, media_type=media_type, headers=validators, stat_result=status)
    return Response(path.read_bytes(), media_type=media_type, headers=validators)


def _unchanged(request: Request, validators: dict[str, str]) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        return validators["etag"] in (tag.strip() for tag in if_none_match.split(","))
    return request.headers.get("if-modified-since") == validators["last-modified"]


def not_found(request: Request, url_path: str) -> Response:
    base = request.scope.get("root_path", "")
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found</title>'
        f"</head><body><h1>Not found</h1><p>Nothing is published at {escape(url_path)}.</p>"
        f'<p><a href="{escape(base)}/">The people on this site</a></p></body></html>\n'
    )
    return HTMLResponse(page, status_code=404)


def create_app(config: ServeConfig) -> Starlette:
    """The application; its lifespan starts the query workers and stops them."""
    return site_app(SiteServer(config))


def site_app(server: SiteServer) -> Starlette:
    """The application of ``server`` (whose pool may already be started)."""
    routes = [
        Route("/sparql", server.sparql, methods=["GET", "HEAD", "POST"]),
        Route("/{path:path}", server.site, methods=["GET", "HEAD"]),
    ]
    return Starlette(routes=routes, lifespan=server.lifespan)
