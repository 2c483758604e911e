"""Write a profile as YAML: the inverse of the reader, stable byte for byte.

``dump_profile`` emits the fields in model order, leaves out every value that equals its
default (empty lists, ``None``, ``false``), writes an author that has no details as a bare
name, never wraps a line (titles stay on one line) and keeps non-ASCII letters as written.
"""

from __future__ import annotations

from typing import Any

import yaml

from scholarld.model import Profile

HEADER = (
    "# A scholarld profile: the format is described in docs/profile.md\n"
    "# (field by field: scholarld.model; imported text: docs/importer.md).\n"
)
LINE_WIDTH = 1_000_000


# Characters YAML reads as line breaks or strips: a string holding any of them is written
# double-quoted, where they are escaped, so it reads back unchanged.
UNSAFE_IN_PLAIN = frozenset("\x85\u2028\u2029\ufeff\r")


class ProfileDumper(yaml.SafeDumper):
    """A safe dumper that indents list items under their key, for readability."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """Strings as PyYAML writes them, but double-quoted when they hold a line-break-like
    character (NEL, LS, PS, BOM, CR)."""
    style = '"' if UNSAFE_IN_PLAIN.intersection(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


ProfileDumper.add_representer(str, represent_text)


def profile_data(profile: Profile) -> dict[str, Any]:
    """The profile as plain data: defaults left out, detail-less authors as bare names."""
    data: dict[str, Any] = profile.model_dump(mode="json", exclude_defaults=True)
    for work in data.get("works", []):
        _authors_as_names(work)
        for version in work.get("versions", []):
            _authors_as_names(version)
    return data


def _authors_as_names(record: dict[str, Any]) -> None:
    authors = record.get("authors")
    if isinstance(authors, list):
        record["authors"] = [_author_value(author) for author in authors]


def _author_value(author: dict[str, Any]) -> Any:
    return author["name"] if set(author) == {"name"} else author


def dump_profile(profile: Profile) -> str:
    """The profile as YAML text, with a header comment naming the format's documentation."""
    body = yaml.dump(
        profile_data(profile),
        Dumper=ProfileDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=LINE_WIDTH,
    )
    return HEADER + body
