"""The resume file: per endpoint, the content hash of every graph the server acknowledged.

``.scholarld-cache/push/<first 16 hex of sha256(endpoint)>.json`` beside the data folder
(or under ``$SCHOLARLD_CACHE_DIR``)::

    {"endpoint": "http://127.0.0.1:7878/store", "format": 1,
     "graphs": {"http://localhost:8000/graph/kaiming-he": "<sha256 of the N-Triples body>"}}

It is rewritten atomically after every acknowledged graph, so a run stopped at any point
leaves a file that names exactly the graphs the server took. A missing, unreadable or
foreign file counts as empty: the state only ever saves work, it never decides
correctness (``--no-resume`` ignores it and sends everything).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from scholarld.errors import OutputError
from scholarld.serialize.output import write_atomically

STATE_FORMAT = 1
CACHE_ENV = "SCHOLARLD_CACHE_DIR"  # the same switch as the validation cache
CACHE_FOLDER = ".scholarld-cache"


def default_state_dir(data_dir: Path) -> Path:
    """``$SCHOLARLD_CACHE_DIR/push`` or ``<data dir>/../.scholarld-cache/push``."""
    root = os.environ.get(CACHE_ENV)
    base = Path(root) if root else data_dir.resolve().parent / CACHE_FOLDER
    return base / "push"


def state_path(state_dir: Path, endpoint: str) -> Path:
    """The resume file of ``endpoint`` in ``state_dir``."""
    digest = hashlib.sha256(endpoint.encode("utf-8")).hexdigest()[:16]
    return state_dir / f"{digest}.json"


def load_acknowledged(path: Path, endpoint: str) -> dict[str, str]:
    """Graph IRI → acknowledged content hash, from ``path`` (empty when unusable)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("format") != STATE_FORMAT:
        return {}
    graphs = document.get("graphs")
    if document.get("endpoint") != endpoint or not isinstance(graphs, dict):
        return {}
    return {iri: sha for iri, sha in graphs.items() if isinstance(sha, str)}


def state_text(endpoint: str, acknowledged: dict[str, str]) -> str:
    """The resume file's JSON: keys sorted, one graph per line (stable diffs)."""
    document = {"endpoint": endpoint, "format": STATE_FORMAT, "graphs": acknowledged}
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


class PushState:
    """The acknowledged hashes of one endpoint, saved after every change."""

    def __init__(self, path: Path, endpoint: str, acknowledged: dict[str, str]) -> None:
        self.path = path
        self.endpoint = endpoint
        self.acknowledged = dict(acknowledged)

    @classmethod
    def open(cls, state_dir: Path, endpoint: str) -> PushState:
        path = state_path(state_dir, endpoint)
        return cls(path, endpoint, load_acknowledged(path, endpoint))

    def record(self, graph_iri: str, sha256: str) -> None:
        """Remember that the server acknowledged ``graph_iri`` with content ``sha256``."""
        self.acknowledged[graph_iri] = sha256
        self.save()

    def save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(self.path, f"cannot create its folder: {error}") from error
        write_atomically(self.path, state_text(self.endpoint, self.acknowledged).encode("utf-8"))
