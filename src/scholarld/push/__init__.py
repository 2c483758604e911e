"""Stage: push the site graph to a SPARQL 1.1 Graph Store Protocol server.

Public API (``docs/push.md``):

- ``push_site(PushRequest(...)) -> PushSummary``: read, validate, plan, send;
- ``prepare_push(request) -> PreparedPush`` and ``send_prepared(prepared, progress)``
  for callers that show the plan first (the CLI's ``--dry-run`` and progress bar);
- ``GraphStoreClient``: one graph replaced per ``PUT ?graph=IRI``, with retries;
- errors: ``scholarld.push.errors`` (all ``ScholarldError``, exit code 1).

Modules: ``client`` (HTTP), ``plan`` (graphs, order, batches), ``state`` (resume file),
``run`` (the pipeline). httpx is imported with ``client``; the CLI imports this package
only inside ``scholarld push``.
"""

from __future__ import annotations

from scholarld.push.client import Credentials, GraphStoreClient, RetryPolicy
from scholarld.push.plan import GraphUpload, PushPlan
from scholarld.push.run import (
    PreparedPush,
    PushRequest,
    PushSummary,
    prepare_push,
    push_site,
    send_prepared,
)

__all__ = [
    "Credentials",
    "GraphStoreClient",
    "GraphUpload",
    "PreparedPush",
    "PushPlan",
    "PushRequest",
    "PushSummary",
    "RetryPolicy",
    "prepare_push",
    "push_site",
    "send_prepared",
]
