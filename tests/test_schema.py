"""The JSON Schemas in docs/ match the model, are valid Draft 2020-12 schemas, and accept
the committed profiles and the examples in docs/profile.md (which the reader accepts too)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

from reader_helpers import make_data
from scholarld.profiles import read_site
from scholarld.profiles.schemas import schema_texts, write_schemas

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
PROFILE_DOC = DOCS / "profile.md"


class _Yaml12Loader(yaml.SafeLoader):
    """Reads scalars the way editors (YAML 1.2 core schema) do: 2016 is a number, yes is text."""


_Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
):
    _Yaml12Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((DOCS / name).read_text(encoding="utf-8"))
    return schema


def _example(marker: str) -> str:
    text = PROFILE_DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- {marker} -->\n```yaml\n(.*?)```", text, re.S)
    assert found, f"docs/profile.md lacks the fenced yaml block after <!-- {marker} -->"
    return found.group(1)


def _errors(schema_name: str, text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(_schema(schema_name))
    instance = yaml.load(text, Loader=_Yaml12Loader)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


@pytest.mark.parametrize("name", sorted(schema_texts()))
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == schema_texts()[name], "run .venv/bin/python scripts/generate_schemas.py"


@pytest.mark.parametrize("name", sorted(schema_texts()))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = _schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/" + name)
    assert schema["title"] and schema["description"]


def test_write_schemas_is_deterministic(tmp_path: Path) -> None:
    first = [path.read_bytes() for path in write_schemas(tmp_path)]
    second = [path.read_bytes() for path in write_schemas(tmp_path)]
    assert first == second
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(schema_texts())


def _profile_files() -> list[Path]:
    people = REPO / "data" / "people"
    return sorted([*people.glob("*.yaml"), *people.glob("*/profile.yaml")])


@pytest.mark.parametrize("path", _profile_files(), ids=lambda path: path.name)
def test_committed_profiles_validate_against_the_schema(path: Path) -> None:
    assert _errors("profile.schema.json", path.read_text(encoding="utf-8")) == []


def test_doc_example_profile_validates_in_schema_and_reader(tmp_path: Path) -> None:
    text = _example("example-profile")
    assert _errors("profile.schema.json", text) == []
    profile = read_site(make_data(tmp_path, {"mei-ling-zhou.yaml": text})).profiles[0].profile
    assert profile.person.other_names[0].value == "周美玲"
    assert profile.works[1].title == "No"
    assert [v.kind for w in profile.works for v in w.versions] == [
        "conference-paper", "journal-article", "preprint",
        "proceedings-journal-article", "workshop-paper", "tech-report",
    ]


def test_doc_example_uses_every_field() -> None:
    instance = yaml.load(_example("example-profile"), Loader=_Yaml12Loader)
    used = _field_names(instance)
    schema = _schema("profile.schema.json")
    records = schema["$defs"].values()
    declared = {name for record in records for name in record.get("properties", {})}
    declared |= set(schema["properties"])
    assert declared - used == set()


def _field_names(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {name for item in value.values() for name in _field_names(item)}
    if isinstance(value, list):
        return {name for item in value for name in _field_names(item)}
    return set()


def test_site_examples_validate() -> None:
    assert _errors("site.schema.json", _example("example-site")) == []
    assert _errors("site.schema.json", (REPO / "data" / "site.yaml").read_text("utf-8")) == []


def test_schema_rejects_what_the_reader_rejects() -> None:
    errors = _errors("profile.schema.json", "person: {name: Ada, nmae: x}\nworks: [{key: K}]\n")
    assert len(errors) == 3, errors  # unknown nmae; key pattern; missing title
