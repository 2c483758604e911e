"""The SHACL shapes folder: where it is, which files it holds, and loading them.

One source of truth: the shapes live in ``shapes/`` at the repository root, beside
``data/``. Commands look for ``--shapes DIR`` first, then ``<data dir>/../shapes``.
Only ``load_shapes`` imports rdflib; the rest works on paths and bytes (the cache uses it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scholarld.errors import Problem, ShapesError

if TYPE_CHECKING:
    from rdflib import Graph

SHAPES_FOLDER = "shapes"


def default_shapes_dir(data_dir: Path) -> Path:
    """``shapes/`` beside the data folder: ``data/`` → ``shapes/`` in the same checkout."""
    return data_dir.resolve().parent / SHAPES_FOLDER


def resolve_shapes_dir(data_dir: Path, shapes_option: Path | None) -> Path:
    """The shapes folder to use: the ``--shapes`` option, else ``<data dir>/../shapes``."""
    shapes_dir = shapes_option if shapes_option is not None else default_shapes_dir(data_dir)
    shape_files(shapes_dir)  # fail early, with the same message everywhere
    return shapes_dir


def shape_files(shapes_dir: Path) -> tuple[Path, ...]:
    """The ``*.ttl`` files of the shapes folder, sorted by name; an error when there are none."""
    if not shapes_dir.is_dir():
        raise ShapesError(
            [
                Problem(
                    str(shapes_dir),
                    None,
                    None,
                    "the SHACL shapes folder does not exist",
                    "run from the checkout that holds shapes/ beside data/, or pass --shapes DIR",
                )
            ]
        )
    files = tuple(sorted(shapes_dir.glob("*.ttl")))
    if not files:
        raise ShapesError(
            [
                Problem(
                    str(shapes_dir),
                    None,
                    None,
                    "the SHACL shapes folder holds no *.ttl files",
                    "pass --shapes DIR pointing at the shapes/ folder",
                )
            ]
        )
    return files


def load_shapes(shapes_dir: Path) -> Graph:
    """Parse every shapes file into one graph; one ``ShapesError`` lists every broken file."""
    from rdflib import Graph

    shapes = Graph()
    problems: list[Problem] = []
    for path in shape_files(shapes_dir):
        problem = _parse_into(shapes, path)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise ShapesError(problems)
    return shapes


def _parse_into(shapes: Graph, path: Path) -> Problem | None:
    """Parse one Turtle file into ``shapes``; a located ``Problem`` when it does not parse."""
    from rdflib.plugins.parsers.notation3 import BadSyntax

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return Problem(str(path), None, None, f"cannot read the shapes file: {error}")
    try:
        shapes.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as error:
        return Problem(
            str(path),
            error.lines + 1,
            None,
            f"Turtle syntax error: {error._why}",
            "fix the Turtle at that line (a missing '.', ';' or quote is typical)",
        )
    except Exception as error:  # rdflib raises plain exceptions for some syntax errors
        return Problem(str(path), None, None, f"Turtle syntax error: {error}")
    return None
