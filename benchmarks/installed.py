"""Run scholarld as an installation runs it: with its modules compiled to bytecode.

``pip install`` of a wheel compiles every module, and a checkout installed in editable mode
writes ``__pycache__`` on its first run, unless ``PYTHONDONTWRITEBYTECODE`` is set (some
machines set it for every process). Then each timed process would compile scholarld's
modules from source again (about 0.04 s a process, measured on the default profile's
export), while the libraries it is compared with (pyoxigraph, rdflib, pySHACL, Hugo) load
compiled code. The benchmarks call ``compile_bytecode`` once before timing anything.
"""

from __future__ import annotations

import compileall
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "scholarld"


def compile_bytecode() -> None:
    """Write the bytecode of every scholarld module (``__pycache__``, git-ignored)."""
    if not compileall.compile_dir(PACKAGE, quiet=1):
        raise SystemExit(f"could not compile the modules under {PACKAGE}")
