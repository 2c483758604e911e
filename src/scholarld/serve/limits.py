"""The limits ``scholarld serve`` enforces, in one frozen value built by the command."""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class Limits:
    """How much one request may ask of the server.

    ``query_timeout``: seconds a SPARQL query may run before its worker process is killed
    (answer 503). ``max_results``: solutions (SELECT) or triples (CONSTRUCT/DESCRIBE) a
    query may return (answer 422 beyond). ``max_query_bytes``: size of the query text
    (413 beyond); ``max_body_bytes``: size of a POST body (413 beyond). ``workers``: query
    worker processes, each holding its own copy of the store. ``busy_wait``: seconds a
    request waits for a free worker before 503.
    """

    query_timeout: float = 10.0
    max_results: int = 10_000
    max_query_bytes: int = 64 * KIB
    max_body_bytes: int = 1 * MIB
    workers: int = 2
    busy_wait: float = 30.0
