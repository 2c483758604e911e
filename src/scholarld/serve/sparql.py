"""The SPARQL 1.1 Protocol at ``/sparql``: reading a query request (GET ``?query=``,
POST url-encoded form, POST ``application/sparql-query``), refusing what a read-only
endpoint must refuse, and turning the worker's answer into a response.

Refusals: an update (``update=`` or ``application/sparql-update``) 403; a body over
``max_body_bytes`` or a query over ``max_query_bytes`` 413; no query, several queries,
or a body that is not UTF-8 400; another POST content type 415.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import Response

from scholarld.serve.evaluate import QueryAnswer, QueryJob, error_answer
from scholarld.serve.limits import Limits

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = (
    "This SPARQL endpoint is read-only: updates are refused. Change the profiles in data/ "
    "and run scholarld build instead."
)


class RequestRefused(Exception):  # noqa: N818 (a refusal, carried to the response)
    """A request the endpoint answers with an error before running anything."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.answer = error_answer(status, message)


@dataclass(frozen=True)
class ProtocolRequest:
    """The parameters of a query request, wherever they came from."""

    queries: tuple[str, ...]
    format_name: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    example: str | None


def answer_response(answer: QueryAnswer) -> Response:
    """The HTTP response for a worker's (or a refusal's) answer; negotiated, so ``Vary``."""
    headers = {"Vary": "Accept"}
    return Response(answer.body, answer.status, headers=headers, media_type=answer.media_type)


async def read_protocol_request(request: Request, limits: Limits) -> ProtocolRequest:
    """The parameters of ``request``; ``RequestRefused`` for what is refused."""
    url_parameters = parse_qs(request.url.query, keep_blank_values=True)
    if request.method in ("GET", "HEAD"):
        return _parameters(url_parameters, limits)
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type == UPDATE:
        raise RequestRefused(403, READ_ONLY)
    if content_type not in (FORM, DIRECT):
        raise RequestRefused(
            415, f"Unsupported content type {content_type or '(none)'!r}: POST a query as "
            f"{FORM} (query=...) or as {DIRECT}.",
        )  # fmt: skip
    body = _utf8(await read_body(request, limits.max_body_bytes))
    if content_type == FORM:
        return _parameters(parse_qs(body, keep_blank_values=True), limits)
    return _parameters({**url_parameters, "query": [body]}, limits)


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``max_bytes``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise RequestRefused(413, _too_large("request body", max_bytes))
    chunks: list[bytes] = []
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > max_bytes:
            raise RequestRefused(413, _too_large("request body", max_bytes))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(what: str, max_bytes: int) -> str:
    return f"The {what} is larger than this endpoint's limit of {max_bytes // 1024} KiB."


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RequestRefused(400, f"The request body is not UTF-8: {error}") from error


def _parameters(parameters: dict[str, list[str]], limits: Limits) -> ProtocolRequest:
    if "update" in parameters:
        raise RequestRefused(403, READ_ONLY)
    queries = tuple(parameters.get("query", ()))
    for query in queries:
        if len(query.encode("utf-8")) > limits.max_query_bytes:
            raise RequestRefused(413, _too_large("query", limits.max_query_bytes))
    if len(queries) > 1:
        raise RequestRefused(400, "Give one query parameter, not several.")
    formats = parameters.get("format", [])
    examples = parameters.get("example", [])
    return ProtocolRequest(
        queries=queries,
        format_name=formats[0] if formats and formats[0] else None,
        default_graphs=tuple(parameters.get("default-graph-uri", ())),
        named_graphs=tuple(parameters.get("named-graph-uri", ())),
        example=examples[0] if examples else None,
    )


def query_job(parameters: ProtocolRequest, accept: str, limits: Limits) -> QueryJob:
    """The job for the workers; the request must hold exactly one query."""
    if not parameters.queries or not parameters.queries[0].strip():
        raise RequestRefused(
            400, "No query: send the SPARQL query as the query parameter (GET ?query=...), "
            f"as a form field (POST {FORM}) or as the body (POST {DIRECT}).",
        )  # fmt: skip
    return QueryJob(
        query=parameters.queries[0],
        accept=accept,
        format_name=parameters.format_name,
        default_graphs=parameters.default_graphs,
        named_graphs=parameters.named_graphs,
        max_results=limits.max_results,
    )
