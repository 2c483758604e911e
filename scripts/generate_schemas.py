"""Regenerate docs/profile.schema.json and docs/site.schema.json from scholarld.model.

Run after changing the model:  .venv/bin/python scripts/generate_schemas.py
With --check, write nothing and exit 1 if a committed schema is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scholarld.profiles.schemas import schema_texts, write_schemas

DOCS = Path(__file__).resolve().parents[1] / "docs"


def main(arguments: list[str]) -> int:
    if arguments == ["--check"]:
        stale = [
            name
            for name, text in schema_texts().items()
            if not (DOCS / name).exists() or (DOCS / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(f"docs/{name} is out of date: run scripts/generate_schemas.py")
        return 1 if stale else 0
    if arguments:
        print("usage: generate_schemas.py [--check]")
        return 2
    for path in write_schemas(DOCS):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
