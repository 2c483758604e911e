"""JSON Schemas of the profile and site files, generated from the model, for editors.

``docs/profile.schema.json`` and ``docs/site.schema.json`` are written by
``scripts/generate_schemas.py``; a test checks the committed files equal what this module
produces, so they never drift from ``scholarld.model``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from scholarld.model import Profile, SiteConfig

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://scholarld.example.org/schema/"

SCHEMA_FILES: dict[str, tuple[type[BaseModel], str, str]] = {
    "profile.schema.json": (
        Profile,
        "scholarld profile",
        "One researcher's profile, data/people/<slug>.yaml (see docs/profile.md).",
    ),
    "site.schema.json": (
        SiteConfig,
        "scholarld site configuration",
        "The site configuration, data/site.yaml (see docs/profile.md).",
    ),
}

_AUTHOR_REF = "#/$defs/Author"


def json_schema(model: type[BaseModel], title: str, description: str, name: str) -> dict[str, Any]:
    """The model's JSON Schema (Draft 2020-12) with identification and the bare-name authors."""
    schema: dict[str, Any] = _allow_bare_authors(model.model_json_schema())
    schema.update(
        {"$schema": DRAFT, "$id": SCHEMA_BASE + name, "title": title, "description": description}
    )
    return schema


def _allow_bare_authors(schema: Any) -> Any:
    """An author may be written as a bare name: widen every ``items: {$ref: Author}``."""
    if isinstance(schema, list):
        return [_allow_bare_authors(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    widened = {key: _allow_bare_authors(value) for key, value in schema.items()}
    items = widened.get("items")
    if isinstance(items, dict) and items.get("$ref") == _AUTHOR_REF:
        name = {"type": "string", "minLength": 1, "description": "The author's name as written"}
        widened["items"] = {"anyOf": [name, items]}
    return widened


def render(schema: dict[str, Any]) -> str:
    """Deterministic text: keys sorted, two-space indent, UTF-8 kept, final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_texts() -> dict[str, str]:
    """Every schema file's name and text, as it should be committed."""
    return {
        name: render(json_schema(model, title, description, name))
        for name, (model, title, description) in SCHEMA_FILES.items()
    }


def write_schemas(docs_dir: Path) -> list[Path]:
    """Write every schema file into ``docs_dir`` atomically; the paths written."""
    written = []
    for name, text in schema_texts().items():
        path = docs_dir / name
        handle, temporary = tempfile.mkstemp(dir=docs_dir, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        written.append(path)
    return written
