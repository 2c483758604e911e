"""A query worker process: ``python -m scholarld.serve.worker DUMP``.

It loads the site's N-Quads dump into its own in-memory store, says it is ready, then
answers jobs until its standard input closes. pyoxigraph cannot stop a running query,
so the server runs queries here, in a process it can kill when the time limit passes.

The protocol on stdin/stdout, one job at a time:

- ready: the worker writes one JSON line ``{"ready": true, "quads": N}`` (or
  ``{"ready": false, "error": "..."}`` and exits 1);
- job: the server writes one JSON line with the ``QueryJob`` fields;
- answer: the worker writes one JSON line ``{"status", "media_type", "length"}`` and then
  ``length`` bytes of body.

Anything printed by libraries goes to stderr; stdout carries the protocol only.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO, Any

from scholarld.serve.evaluate import QueryAnswer, QueryJob, evaluate, load_dump_store


def job_from_json(line: bytes) -> QueryJob:
    """The ``QueryJob`` a server sent as one JSON line."""
    fields: dict[str, Any] = json.loads(line)
    fields["default_graphs"] = tuple(fields.get("default_graphs", ()))
    fields["named_graphs"] = tuple(fields.get("named_graphs", ()))
    return QueryJob(**fields)


def job_to_json(job: QueryJob) -> bytes:
    """``job`` as one JSON line (the server side of ``job_from_json``)."""
    fields = {
        "query": job.query,
        "accept": job.accept,
        "format_name": job.format_name,
        "default_graphs": list(job.default_graphs),
        "named_graphs": list(job.named_graphs),
        "max_results": job.max_results,
    }
    return json.dumps(fields, ensure_ascii=True).encode("ascii") + b"\n"


def write_answer(channel: IO[bytes], answer: QueryAnswer) -> None:
    header = {"status": answer.status, "media_type": answer.media_type, "length": len(answer.body)}
    channel.write(json.dumps(header).encode("ascii") + b"\n" + answer.body)
    channel.flush()


def serve_jobs(dump: Path, requests: IO[bytes], answers: IO[bytes]) -> int:
    """Load the store, then answer every job read from ``requests``; the exit status."""
    from scholarld.graph.namespaces import PREFIXES

    try:
        store = load_dump_store(dump)
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        answers.write(json.dumps({"ready": False, "error": f"{dump}: {error}"}).encode() + b"\n")
        answers.flush()
        return 1
    answers.write(json.dumps({"ready": True, "quads": len(store)}).encode() + b"\n")
    answers.flush()
    for line in requests:
        write_answer(answers, evaluate(store, job_from_json(line), PREFIXES))
    return 0


def main(arguments: list[str]) -> int:
    # The protocol owns the real stdout; anything else printed goes to stderr.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return serve_jobs(Path(arguments[0]), sys.stdin.buffer, answers)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
