"""Errors of ``scholarld push``: each names the endpoint, the graph and the fix.

They are ``ScholarldError``s, so the CLI prints one ``Error: ...`` line and exits 1.
The messages are built here (not in the client) so every wording lives in one place.
"""

from __future__ import annotations

from scholarld.errors import ScholarldError

ENDPOINT_HINT = (
    "Oxigraph serves the Graph Store at http://HOST:7878/store, "
    "Virtuoso at http://HOST:8890/sparql-graph-crud-auth"
)

# Extra advice for statuses that have one well-known cause.
STATUS_HINTS: dict[int, str] = {
    400: "the server could not parse the body; report this with the data that caused it",
    405: "this URL does not accept PUT: it is not a writable Graph Store "
    "(read-only server, or a query endpoint given as --endpoint). " + ENDPOINT_HINT,
    406: "the server refuses the request's Accept header; report this with the server name",
    411: "the server wants a Content-Length; a proxy in between may strip it",
    413: "the graph is larger than the server (or a proxy) accepts in one request: raise its "
    "request body limit (nginx: client_max_body_size); a graph is never split, because "
    "that would break its atomic replacement",
    415: "the server does not accept N-Triples (application/n-triples)",
}


class PushError(ScholarldError):
    """``scholarld push`` could not finish; what was acknowledged is kept for a resume."""


class EndpointError(PushError):
    """``--endpoint`` is not a URL the client may use."""

    def __init__(self, endpoint: str, reason: str) -> None:
        super().__init__(f"--endpoint {endpoint!r}: {reason}")


class CredentialsError(PushError):
    """The password cannot be found (``--password-env`` names an unset variable)."""


class UnauthorizedError(PushError):
    """HTTP 401: no credentials, or the server rejected them."""

    def __init__(
        self, endpoint: str, graph_iri: str, who: str | None, variable: str | None
    ) -> None:
        head = f"{endpoint} answered 401 Unauthorized for graph <{graph_iri}>"
        if who is None:
            fix = (
                "the server wants credentials: pass --auth digest (Virtuoso) or --auth basic, "
                "with --user NAME --password-env VARIABLE"
            )
        else:
            fix = (
                f"it rejected {who}: check --user, the password in ${variable} and the --auth "
                "scheme the server expects (Virtuoso's -auth endpoints use digest)"
            )
        super().__init__(f"{head}: {fix}")


class ForbiddenError(PushError):
    """HTTP 403: the user may not write the graph."""

    def __init__(self, endpoint: str, graph_iri: str, who: str | None) -> None:
        user = who or "an anonymous client"
        super().__init__(
            f"{endpoint} answered 403 Forbidden for graph <{graph_iri}>: {user} may not write "
            'it. Give the user write access (Virtuoso: GRANT SPARQL_UPDATE TO "user"; '
            "anonymous clients may only read, so use /sparql-graph-crud-auth with --auth "
            "digest), or push to a writable endpoint"
        )


class NotFoundError(PushError):
    """HTTP 404: no Graph Store at the endpoint."""

    def __init__(self, endpoint: str) -> None:
        super().__init__(
            f"{endpoint} answered 404 Not Found: there is no SPARQL Graph Store at this URL. "
            f"Check --endpoint: {ENDPOINT_HINT}"
        )


class RefusedError(PushError):
    """Any other non-transient answer (4xx, 500, 501, a redirect)."""

    def __init__(self, endpoint: str, graph_iri: str, status: str, detail: str) -> None:
        super().__init__(
            f"{endpoint} refused graph <{graph_iri}> with HTTP {status}: {detail}. "
            "Nothing else was sent; graphs acknowledged before are recorded for --resume"
        )


class UnreachableError(PushError):
    """No connection to the endpoint, even after the retries."""

    def __init__(self, endpoint: str, reason: str, attempts: int) -> None:
        super().__init__(
            f"Cannot reach {endpoint}: {reason} ({_attempts(attempts)}). Is the server running, "
            f"and is --endpoint right? {ENDPOINT_HINT}"
        )


class GaveUpError(PushError):
    """A transient error (429, 502, 503, 504, a dropped connection) did not go away."""

    def __init__(self, endpoint: str, graph_iri: str, last: str, attempts: int) -> None:
        super().__init__(
            f"Gave up on graph <{graph_iri}> after {_attempts(attempts)} to {endpoint}: "
            f"{last}. The server is busy or restarting: run the same command again later "
            "(graphs already acknowledged are skipped), or raise --retries"
        )


def _attempts(count: int) -> str:
    return f"{count} attempt{'s' if count != 1 else ''}"
