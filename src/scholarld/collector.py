"""The cyclic garbage collector, paused while a stage builds millions of small objects
that hold no reference cycles (shared by reading, the graph stage, serialization,
validation and the site build)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while a stage builds many objects without
    reference cycles: profiles being read, the graph built and serialized, validation's
    indexes.

    Reading allocates many small objects and keeps every profile, so the collector would
    rescan the growing set of kept profiles again and again (twice the reading time at
    1,000 profiles). Parsing creates no reference cycles worth collecting meanwhile; nor
    do the graph stage's tuples of strings. Nested pauses are fine: the outermost one
    re-enables the collector. With ``freeze`` (for one-shot commands) the objects still
    alive are first moved to the permanent generation (``gc.freeze``), so re-enabling the
    collector does not make it scan, once per generation, everything the pause built.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if freeze:
                gc.freeze()
            gc.enable()
