"""Helpers for the reader tests: build a data folder from file contents, collect problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from scholarld.errors import Problem, ProfileError
from scholarld.profiles import read_site

MINIMAL = "person:\n  name: Ada Example\n"

VALID = """\
person:
  name: Ada Example
venues:
  - key: CVPR
    kind: conference
works:
  - key: example2019
    title: A Title
    authors: [Ada Example, {name: Bo Example, equal_contribution: true}]
    versions:
      - kind: conference-paper
        venue: CVPR
        year: 2019
"""


def make_data(root: Path, files: dict[str, str | bytes], site: str | None = None) -> Path:
    """A data folder under ``root`` holding ``people/<name>`` files (and site.yaml)."""
    data = root / "data"
    people = data / "people"
    people.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = people / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if site is not None:
        (data / "site.yaml").write_text(site, encoding="utf-8")
    return data


def problems_of(data: Path) -> list[Problem]:
    """The problems ``read_site`` reports for ``data`` (it must report some)."""
    with pytest.raises(ProfileError) as caught:
        read_site(data)
    return caught.value.problems


def only_problem(data: Path) -> Problem:
    problems = problems_of(data)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


# Error paths: (id, files in people/, line, field, part of the message, part of the fix).
Case = tuple[str, dict[str, str | bytes], int | None, str | None, str, str | None]

CASES: list[Case] = [
    ("yaml-syntax", {"a.yaml": "person:\n  name: [x\n"}, 3, None, "YAML syntax error", "check"),
    ("yaml-colon", {"a.yaml": "person:\n  name: a: b\n"}, 2, None, "mapping values", "quote"),
    ("yaml-tab", {"a.yaml": "person:\n\tname: x\n"}, 2, None, "YAML syntax error", "tabs"),
    ("two-documents", {"a.yaml": MINIMAL + "---\n" + MINIMAL}, 3, None, "another document",
     "one YAML document"),
    ("unknown-field", {"a.yaml": MINIMAL + "  nmae: x\n"}, 3, "person.nmae",
     "unknown field 'nmae'", "did you mean 'name'?"),
    ("unknown-field-far", {"a.yaml": MINIMAL + "zzz: 1\n"}, 3, "zzz", "unknown field 'zzz'",
     "the fields here are person, venues"),
    ("missing", {"a.yaml": "person: {}\n"}, 1, "person.name", "required field 'name'", "add"),
    ("wrong-type-list", {"a.yaml": MINIMAL + "  aliases: K. He\n"}, 3, "person.aliases",
     "expected a list, got 'K. He'", "'- '"),
    ("wrong-type-text", {"a.yaml": "person:\n  name: [a]\n"}, 2, "person.name",
     "expected text, got a list", "text"),
    ("wrong-type-map", {"a.yaml": "person: Ada\n"}, 1, "person",
     "expected fields (a mapping), got 'Ada'", "name: value"),
    ("year", {"a.yaml": VALID.replace("year: 2019", "year: 20l6")}, 13,
     "works[0].versions[0].year", "'20l6' is not a year", "four-digit year such as 2016"),
    ("year-range", {"a.yaml": VALID.replace("year: 2019", "year: 19")}, 13,
     "works[0].versions[0].year", "19 is not a year", "four-digit"),
    ("month", {"a.yaml": VALID.replace("year: 2019", "year: 2019\n        month: 13")}, 14,
     "works[0].versions[0].month", "13 is not a month", "1 to 12"),
    ("enum", {"a.yaml": VALID.replace("kind: conference\n", "kind: conferense\n")}, 5,
     "venues[0].kind", "'conferense' is not an allowed value", "'conference'"),
    ("pattern", {"a.yaml": MINIMAL + "  identifiers: {orcid: 1234}\n"}, 3,
     "person.identifiers.orcid", "1234 is not in the expected form", "0000-0002-1825-0097"),
    ("boolean", {"a.yaml": VALID.replace("equal_contribution: true", "equal_contribution: maybe")},
     9, "works[0].authors[1].equal_contribution", "'maybe' is not true or false", "true or false"),
    ("empty-text", {"a.yaml": "person:\n  name: ''\n"}, 2, "person.name", "the value is empty",
     "write a value"),
    ("record-rule", {"a.yaml": MINIMAL + "roles: [{role: AC, venue: X, year: 2019, start: 1999}]"},
     3, "roles[0]", "give either year or start/end", "correct"),
    ("duplicate-yaml-key", {"a.yaml": MINIMAL + "  name: Again\n"}, 3, "person.name",
     "field 'name' is written twice (first on line 2)", "remove or merge"),
    ("non-text-key", {"a.yaml": MINIMAL + "? [a]\n: b\n"}, 3, None, "a field name must be text",
     "plain words"),
    ("tag", {"a.yaml": MINIMAL + "  email: !!binary aGVsbG8=\n"}, 3, "person.email",
     "the YAML tag '!!binary' is not supported", "remove the tag"),
    ("recursive-alias", {"a.yaml": MINIMAL + "  aliases: &a [*a]\n"}, 3, "person.aliases[0]",
     "an alias refers to itself", None),
    ("empty-file", {"a.yaml": "# nothing\n"}, None, None, "the file is empty", "person:"),
    ("not-a-mapping", {"a.yaml": "- a\n- b\n"}, 1, None,
     "the file must hold fields (a mapping), not a list", "start with 'person:'"),
    ("scalar-document", {"a.yaml": "just text\n"}, 1, None, "not the text 'just text'", None),
    ("not-utf8", {"a.yaml": b"person:\n  name: Caf\xe9\n"}, 2, None,
     "byte 0xE9 at offset 19 (line 2, column 12) is not valid UTF-8", "re-save the file as UTF-8"),
    ("utf16", {"a.yaml": MINIMAL.encode("utf-16")}, 1, None, "encoded as UTF-16", "UTF-8"),
    ("control-character", {"a.yaml": b"person:\n  name: A\x00\n"}, 2, None,
     "column 10: the character U+0000 is not allowed in YAML", "remove it"),
    ("bad-slug", {"Ada_Lovelace.yaml": MINIMAL}, None, None,
     "'Ada_Lovelace' is not a valid profile name", "'ada-lovelace'"),
    ("same-slug", {"ada.yaml": MINIMAL, "ada/profile.yaml": MINIMAL}, None, None,
     "a second profile for 'ada'", "keep one"),
    ("yml", {"ada.yml": MINIMAL}, None, None, "profiles end with .yaml, not .yml", "ada.yaml"),
    ("folder-without-profile", {"ada/notes.txt": "x"}, None, None,
     "the folder has no profile.yaml", None),
    ("undefined-venue", {"a.yaml": VALID.replace("venue: CVPR", "venue: ICCV")}, 12,
     "works[0].versions[0].venue", "names venue 'ICCV', which venues lacks", "under venues"),
    ("duplicate-venue", {"a.yaml": VALID.replace("venues:\n", "venues:\n  - {key: CVPR, kind: "
     "journal}\n")}, 5, "venues[1].key", "venue key 'CVPR' is defined twice", "its own key"),
    ("undefined-work", {"a.yaml": VALID + "awards: [{name: Best Paper, work: nope}]\n"}, 14,
     "awards[0].work", "names work 'nope', which works lacks", "listed under works"),
]
