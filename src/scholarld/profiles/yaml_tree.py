"""YAML text to plain Python values, with the line of every field.

The text is *composed* into nodes (which keep their position in the file) and the value is
built here rather than by PyYAML's constructor, so that:

- every path (``("works", 3, "versions", 0, "year")``) gets the line it was written on;
- a key written twice in one mapping is reported (PyYAML silently keeps the last);
- YAML 1.1 quirks do not change what was written: every plain scalar stays text except
  ``~``/``null``/empty (which mean "no value"). ``No``, ``on``, ``2019-05-01`` and ``1:20``
  are text; the model turns ``"2016"`` into the year 2016 and ``"true"`` into a boolean
  where a field expects one;
- tags that build other objects (``!!timestamp``, ``!!binary``, ``!!set``, ``!custom``,
  ``!!python/...``) are rejected, and anchors/aliases cannot loop or explode.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from scholarld.errors import Problem

FieldPath = tuple[str | int, ...]

MAX_DEPTH = 60
MAX_VALUES = 1_000_000

_YAML = "tag:yaml.org,2002:"
_NULL = _YAML + "null"
_TEXT_TAGS = frozenset(_YAML + name for name in ("str", "int", "float", "bool"))
_NULL_WORDS = frozenset({"~", "null", "Null", "NULL", ""})  # plain scalars meaning "no value"
_STR = _YAML + "str"
_MAP = _YAML + "map"
_SEQ = _YAML + "seq"

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TextLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader whose only implicit type is null: plain scalars resolve to text.

    ``resolve`` replaces PyYAML's table of implicit resolvers (bool, int, float, timestamp,
    merge, ...) and is faster; explicit tags (``!!int 5``) never reach it.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of an untagged node (PyYAML's general resolver, inlined for speed)."""
        if kind is yaml.ScalarNode:
            return _NULL if implicit[0] and value in _NULL_WORDS else _STR
        return _YAML + ("seq" if kind is yaml.SequenceNode else "map")

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers are registered: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers are registered: nothing to track."""


@dataclass(frozen=True)
class Document:
    """A file's value as plain dicts, lists, text and None, and the line of each path."""

    value: object
    lines: Mapping[FieldPath, int]


def compose(text: str, file: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The node tree of ``text`` (None for an empty document), or the syntax error."""
    try:
        return yaml.compose(text, Loader=TextLoader), []
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, text, file)]
    except yaml.reader.ReaderError as error:
        return None, [_character_problem(text, error, file)]
    except yaml.YAMLError as error:
        return None, [Problem(file, None, None, f"YAML cannot read this file: {error}", None)]
    except RecursionError:
        return None, [Problem(file, None, None, "the YAML is nested too deeply", _FIX_DEPTH)]


def _character_problem(text: str, error: yaml.reader.ReaderError, file: str) -> Problem:
    # The C reader counts bytes, the Python one characters: find the character itself.
    found = text.find(chr(error.character)) if isinstance(error.character, int) else -1
    position = found if found >= 0 else min(max(error.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    message = f"column {column}: the character U+{error.character:04X} is not allowed in YAML"
    fix = "remove it; inside double quotes it may be written as an escape such as \\t"
    return Problem(file, line, None, message, fix)


_FIX_DEPTH = f"a profile nests at most a few levels; keep it under {MAX_DEPTH}"


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else None
    column = f", column {mark.column + 1}" if mark is not None else ""
    what = error.problem or error.context or "invalid YAML"
    context = f" ({error.context})" if error.context and error.problem else ""
    message = f"YAML syntax error{column}: {what}{context}"
    at_tab = mark is not None and _character_at(text, mark.line, mark.column) == "\t"
    return Problem(file, line, None, message, _syntax_fix("tab" if at_tab else what))


def _character_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if 0 <= line < len(lines) else ""


def _syntax_fix(what: str) -> str:
    if "\\t" in what or "tab" in what:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in what:
        return "quote a value that contains ': ', e.g. title: 'Part: Two'"
    if "another document" in what:
        return "a profile file holds one YAML document; remove the second '---'"
    if "expected <block end>" in what or "indentation" in what:
        return "align items of one list or mapping at the same indentation"
    return "check the indentation and quote values that contain ': ', ' #', '[' or '{'"


def build(root: yaml.Node, file: str) -> tuple[Document, list[Problem]]:
    """Plain values and lines from a node tree, plus problems (duplicate keys, bad tags)."""
    builder = _Builder(file)
    value = builder.value(root, (), 0, frozenset())
    builder.lines.setdefault((), root.start_mark.line + 1)
    return Document(value, builder.lines), builder.problems


@dataclass
class _Builder:
    """Builds one document; state lives in the instance, one per file."""

    file: str
    lines: dict[FieldPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    count: int = 0

    def problem(self, node: yaml.Node, path: FieldPath, message: str, fix: str) -> None:
        label = field_label(path) or None
        self.problems.append(Problem(self.file, node.start_mark.line + 1, label, message, fix))

    def value(self, node: yaml.Node, path: FieldPath, depth: int, active: frozenset[int]) -> object:
        self.count += 1
        if self.count > MAX_VALUES:
            if self.count == MAX_VALUES + 1:
                fix = "write the values out instead of repeating aliases"
                self.problem(node, path, f"more than {MAX_VALUES} values (aliases?)", fix)
            return None
        if depth > MAX_DEPTH or id(node) in active:
            message = "an alias refers to itself" if id(node) in active else "nested too deeply"
            self.problem(node, path, message, _FIX_DEPTH)
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth, active | {id(node)})
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, path, depth, active | {id(node)})
        return self.scalar(node, path)

    def scalar(self, node: yaml.Node, path: FieldPath) -> object:
        if node.tag == _NULL:
            return None
        if node.tag not in _TEXT_TAGS:
            self.unsupported_tag(node, path)
        return str(node.value)

    def unsupported_tag(self, node: yaml.Node, path: FieldPath) -> None:
        fix = "remove the tag; write plain text, a list or a mapping"
        tag = str(node.tag).replace(_YAML, "!!")
        self.problem(node, path, f"the YAML tag {tag!r} is not supported", fix)

    def sequence(
        self, node: yaml.SequenceNode, path: FieldPath, depth: int, active: frozenset[int]
    ) -> list[object]:
        if node.tag != _YAML + "seq":
            self.unsupported_tag(node, path)
        items: list[object] = []
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            self.lines[item_path] = item.start_mark.line + 1
            items.append(self.value(item, item_path, depth + 1, active))
        return items

    def mapping(
        self, node: yaml.MappingNode, path: FieldPath, depth: int, active: frozenset[int]
    ) -> dict[str, object]:
        if node.tag != _YAML + "map":
            self.unsupported_tag(node, path)
        entries: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, path)
            if key is None:
                continue
            key_path = (*path, key)
            if key in entries:
                first = self.lines[key_path]
                message = f"field {key!r} is written twice (first on line {first}); YAML keeps one"
                self.problem(key_node, key_path, message, "remove or merge one of them")
                continue
            self.lines[key_path] = key_node.start_mark.line + 1
            entries[key] = self.value(value_node, key_path, depth + 1, active)
        return entries

    def key(self, node: yaml.Node, path: FieldPath) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag in _TEXT_TAGS and node.value:
            return str(node.value)
        fix = "field names are plain words such as title or year"
        self.problem(node, path, "a field name must be text", fix)
        return None


class UnusualNodeError(Exception):
    """``plain_value`` met something only ``build`` handles with a located problem (a tag,
    a duplicate or non-text key, an alias of a list or mapping, deep nesting)."""


def plain_value(root: yaml.Node) -> object:
    """The value ``build`` gives for ``root``, without lines: the fast path for the common
    file. Raises ``UnusualNodeError`` where ``build`` would report a problem, and on any alias of
    a list or mapping (``build`` guards those against loops), so the caller builds again
    with lines (and problems) instead."""
    walk = _PlainWalk()
    value = walk.value(root, 0)
    if walk.count > MAX_VALUES:
        raise UnusualNodeError("too many values")
    return value


@dataclass
class _PlainWalk:
    """One ``plain_value`` call: the lists and mappings met so far, and the value count."""

    seen: set[int] = field(default_factory=set)
    count: int = 1

    def value(self, node: yaml.Node, depth: int) -> object:
        if depth > MAX_DEPTH:
            raise UnusualNodeError("nested too deeply")
        if isinstance(node, yaml.ScalarNode):
            tag = node.tag
            if tag == _STR:
                return str(node.value)
            if tag == _NULL:
                return None
            if tag in _TEXT_TAGS:
                return str(node.value)
            raise UnusualNodeError(tag)
        if id(node) in self.seen:  # an alias: the node occurs twice
            raise UnusualNodeError("alias")
        self.seen.add(id(node))
        self.count += len(node.value)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.value(item, depth + 1) for item in node.value]
        raise UnusualNodeError(str(node.tag))

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, object]:
        entries: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _TEXT_TAGS:
                raise UnusualNodeError("key")
            key = str(key_node.value)
            if not key or key in entries:
                raise UnusualNodeError("key")
            entries[key] = self.value(value_node, depth + 1)
        return entries


def field_label(path: FieldPath) -> str:
    """``("works", 3, "versions", 0, "year")`` as ``works[3].versions[0].year``."""
    label = ""
    for part in path:
        if isinstance(part, int):
            label += f"[{part}]"
        else:
            label += f".{part}" if label else part
    return label
