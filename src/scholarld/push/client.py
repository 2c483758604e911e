"""A SPARQL 1.1 Graph Store Protocol client: replace one named graph with one ``PUT``.

``PUT {endpoint}?graph=IRI`` with an N-Triples body replaces the whole graph in one
request, so a reader sees the old graph or the new one, never half of each. PUT is
idempotent, which makes retrying safe: transient failures (connection errors, timeouts,
429, 502, 503, 504) are retried on a fixed schedule (``RetryPolicy``: 0.5 s, 1 s, 2 s ...
capped at 30 s, no jitter), waiting longer when the server sends ``Retry-After``. Every
other answer ends the push with an error from ``scholarld.push.errors``.

Auth is none, HTTP Basic or HTTP Digest (Virtuoso's ``-auth`` endpoints). Writes send
``Accept: */*`` because Virtuoso answers 406 to writes whose Accept names an RDF type.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Literal
from urllib.parse import urlsplit

import httpx

from scholarld.push.errors import (
    STATUS_HINTS,
    EndpointError,
    ForbiddenError,
    GaveUpError,
    NotFoundError,
    RefusedError,
    UnauthorizedError,
    UnreachableError,
)

AuthScheme = Literal["none", "basic", "digest"]
NTRIPLES = "application/n-triples"
TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})
USER_AGENT = "scholarld-push"
_NO_CONNECTION = (httpx.ConnectError, httpx.ConnectTimeout)


@dataclass(frozen=True)
class Credentials:
    """Who the client is: ``scheme`` none, or basic/digest with a user and password.
    ``password_env`` is the variable the password came from (named in error messages)."""

    scheme: AuthScheme = "none"
    user: str | None = None
    password: str | None = None
    password_env: str | None = None

    def describe(self) -> str | None:
        """``user 'u' (digest auth)``, or ``None`` for anonymous."""
        if self.scheme == "none":
            return None
        return f"user {self.user!r} ({self.scheme} auth)"


@dataclass(frozen=True)
class RetryPolicy:
    """When to try again: ``retries`` more attempts after the first, waiting
    ``first_delay * factor**n`` seconds (capped at ``max_delay``) before retry ``n``, or
    as long as ``Retry-After`` asks when that is longer (up to ``max_retry_after``)."""

    retries: int = 4
    first_delay: float = 0.5
    factor: float = 2.0
    max_delay: float = 30.0
    max_retry_after: float = 120.0

    def delay(self, retry: int) -> float:
        """Seconds to wait before retry number ``retry`` (0-based).

        >>> [RetryPolicy().delay(n) for n in range(8)]
        [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
        """
        return float(min(self.first_delay * self.factor**retry, self.max_delay))


@dataclass(frozen=True)
class Acknowledgement:
    """The server took the graph: its HTTP status and how many attempts it needed."""

    status: int
    attempts: int


def check_endpoint(endpoint: str) -> str:
    """``endpoint`` if it is an absolute http(s) URL without credentials, else an error."""
    try:
        parts = urlsplit(endpoint)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError as error:
        raise EndpointError(endpoint, f"not a URL ({error})") from error
    if parts.scheme not in ("http", "https"):
        raise EndpointError(
            endpoint,
            "only http:// and https:// Graph Store URLs can be pushed to, "
            "e.g. http://127.0.0.1:7878/store",
        )
    if not parts.hostname:
        raise EndpointError(endpoint, "the URL has no host, e.g. http://127.0.0.1:7878/store")
    if parts.username is not None or parts.password is not None:
        raise EndpointError(
            endpoint,
            "do not put credentials in the URL (they would end up in logs and the resume "
            "file): use --auth basic|digest --user NAME --password-env VARIABLE",
        )
    if parts.fragment:
        raise EndpointError(endpoint, "remove the #fragment: a Graph Store URL has none")
    return endpoint


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """The wait a ``Retry-After`` header asks for (delta-seconds or an HTTP date), if any.

    >>> retry_after_seconds("7")
    7.0
    >>> retry_after_seconds("soon") is None
    True
    """
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _auth(credentials: Credentials) -> httpx.Auth | None:
    if credentials.scheme == "none":
        return None
    user, password = credentials.user or "", credentials.password or ""
    if credentials.scheme == "basic":
        return httpx.BasicAuth(user, password)
    return httpx.DigestAuth(user, password)


class GraphStoreClient:
    """One connection (pool) to a Graph Store endpoint. Not for concurrent use: Digest
    auth counts nonces per client, so parallel uploads each get their own client."""

    def __init__(
        self,
        endpoint: str,
        credentials: Credentials,
        policy: RetryPolicy,
        timeout: float = 300.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint = check_endpoint(endpoint)
        self.credentials = credentials
        self.policy = policy
        self._sleep = sleep
        self._http = httpx.Client(
            auth=_auth(credentials),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
            trust_env=False,
        )

    def __enter__(self) -> GraphStoreClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def put_graph(self, graph_iri: str, body: bytes) -> Acknowledgement:
        """Replace graph ``graph_iri`` with ``body`` (N-Triples); retry transient failures."""
        last = ""
        attempts = self.policy.retries + 1
        for attempt in range(attempts):
            try:
                response = self._put(graph_iri, body)
            except httpx.TransportError as error:
                last = _transport_reason(error)
                wait = self.policy.delay(attempt)
                if attempt + 1 == attempts and isinstance(error, _NO_CONNECTION):
                    raise UnreachableError(self.endpoint, last, attempts) from error
            else:
                if response.is_success:
                    return Acknowledgement(response.status_code, attempt + 1)
                self._raise_unless_transient(graph_iri, response)
                last = f"it answered {_status_text(response)}"
                wait = self._wait_for(response, attempt)
            if attempt + 1 < attempts:
                self._sleep(wait)
        raise GaveUpError(self.endpoint, graph_iri, last, attempts)

    def _put(self, graph_iri: str, body: bytes) -> httpx.Response:
        return self._http.put(
            self.endpoint,
            params={"graph": graph_iri},
            content=body,
            headers={"Content-Type": NTRIPLES},
        )

    def _wait_for(self, response: httpx.Response, attempt: int) -> float:
        wait = self.policy.delay(attempt)
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        if asked is None:
            return wait
        return max(wait, min(asked, self.policy.max_retry_after))

    def _raise_unless_transient(self, graph_iri: str, response: httpx.Response) -> None:
        status = response.status_code
        if status in TRANSIENT_STATUSES:
            return
        who = self.credentials.describe()
        if status == 401:
            raise UnauthorizedError(self.endpoint, graph_iri, who, self.credentials.password_env)
        if status == 403:
            raise ForbiddenError(self.endpoint, graph_iri, who)
        if status == 404:
            raise NotFoundError(self.endpoint)
        raise RefusedError(self.endpoint, graph_iri, _status_text(response), _detail(response))


def _status_text(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".strip()


def _detail(response: httpx.Response) -> str:
    """Why the server refused: a redirect's target, a known cause, or its message."""
    status = response.status_code
    if response.is_redirect:
        target = response.headers.get("Location", "?")
        return f"it redirects to {target}; use that URL as --endpoint"
    text = " ".join(response.text.split())[:300] or "(no message)"
    hint = STATUS_HINTS.get(status)
    if hint is None and status >= 500:
        hint = "the server failed; its log says why"
    return f"{hint}. The server said: {text}" if hint else f"the server said: {text}"


def _transport_reason(error: httpx.TransportError) -> str:
    if isinstance(error, httpx.ConnectError):
        reason = str(error) or "connection failed"
        return reason.removeprefix("[Errno 111] ").lower()
    if isinstance(error, httpx.ConnectTimeout):
        return "no connection within the connect timeout (a firewall, or a wrong host?)"
    if isinstance(error, httpx.TimeoutException):
        return f"no answer in time ({type(error).__name__}); raise --timeout for large graphs"
    detail = str(error).rstrip(".") or "no detail"
    return f"the connection broke ({type(error).__name__}: {detail})"
