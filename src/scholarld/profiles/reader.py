"""Stage 1, read: ``data/site.yaml`` and every profile in ``data/people/`` to a ``Site``.

Each file goes bytes → UTF-8 text → YAML nodes → plain values with lines → the model.
Every problem in every file is collected and raised once as a ``ProfileError``; profiles
are read one at a time, so a site with thousands of them reads in linear time.

Fast path: most files have no problem, so a file is first read without lines
(``plain_document``: plain values only, refusing anything unusual) and validated; only a
file with some problem is read again with the line of every field (``located_profile``).
With many files, a second process parses part of them (``parallel.map_in_two``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from scholarld.collector import collector_paused
from scholarld.errors import Problem, ProfileError
from scholarld.model import Profile, SiteConfig
from scholarld.model_references import reference_problems
from scholarld.parallel import MARSHAL, map_and_finish
from scholarld.profiles import Site, SourcedProfile
from scholarld.profiles.locate import line_of, locate_reference_problems, validation_problems
from scholarld.profiles.source import decode_utf8, read_bytes
from scholarld.profiles.yaml_tree import (
    Document,
    TextLoader,
    UnusualNodeError,
    build,
    compose,
    plain_value,
)

SITE_FILE = "site.yaml"
PEOPLE_DIR = "people"
PROFILE_FILE = "profile.yaml"
# the second process's share of the files to parse: this process validates every file,
# its own part while the child parses
READ_SHARE = 0.5
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

Record = TypeVar("Record", bound=BaseModel)

_FIX_EMPTY = "start the file with the person, e.g. 'person:' then '  name: Your Name'"


@dataclass(frozen=True)
class ProfileSource:
    """A profile file found in ``data/people/`` and the slug its name gives."""

    slug: str
    path: Path


def read_site(data_dir: Path) -> Site:
    """Read and validate the site configuration and every profile, sorted by slug.

    Raises ``ProfileError`` listing every problem in every file.
    """
    problems: list[Problem] = []
    if not data_dir.is_dir():
        fix = "run from the folder that holds data/, or pass --data PATH"
        raise ProfileError([Problem(str(data_dir), None, None, "no such data folder", fix)])
    config, config_problems = read_site_config(data_dir / SITE_FILE)
    problems += config_problems
    sources, source_problems = find_profiles(data_dir)
    problems += source_problems
    profiles: list[SourcedProfile] = []
    with collector_paused():
        # YAML parsing is independent per file: with many files, a second process parses
        # part of them and sends back the plain values (marshalled: built-in types only),
        # which this process validates (the models would be slow to send), its own part
        # first, while the child is still parsing
        read = map_and_finish(
            plain_documents, profiles_of, sources, transfer=MARSHAL, child_share=READ_SHARE
        )
        for source, (profile, profile_problems) in zip(sources, read, strict=True):
            problems += profile_problems
            if profile is not None:
                profiles.append(SourcedProfile(source.slug, source.path, profile))
    if problems or config is None:
        raise ProfileError(problems)
    return Site(config=config, profiles=tuple(profiles), data_dir=data_dir)


def read_site_config(path: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """``data/site.yaml``, or the defaults when there is no such file."""
    if not path.exists():
        return SiteConfig(), []
    document, problems = read_document(path)
    if document is None:
        return None, problems
    if document.value is None:
        return SiteConfig(), problems
    return validate(SiteConfig, document, str(path), problems)


def read_profile(path: Path, value: object = None) -> tuple[Profile | None, list[Problem]]:
    """One validated profile, or every problem in its file.

    The common file (valid, no aliases) is read once without lines (``quick_profile``;
    ``value`` is its ``plain_document`` when already parsed); any trouble, and the file is
    read again keeping every line, to say where it is."""
    profile = quick_profile(path, value)
    if profile is not None:
        return profile, []
    return located_profile(path)


def plain_documents(sources: Sequence[ProfileSource]) -> list[tuple[str, object]]:
    """Each source's path and ``plain_document``, in order."""
    return [(str(source.path), plain_document(source.path)) for source in sources]


def profiles_of(values: list[tuple[str, object]]) -> list[tuple[Profile | None, list[Problem]]]:
    """``read_profile`` of each ``plain_documents`` value."""
    return [read_profile(Path(path), value) for path, value in values]


def plain_document(path: Path) -> object:
    """The file's value when it reads as plain YAML without any problem, else None (read
    it with ``located_profile`` then)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        root = yaml.compose(text, Loader=TextLoader)
        return plain_value(root) if root is not None else None
    except (yaml.YAMLError, UnusualNodeError, RecursionError):
        return None


def quick_profile(path: Path, value: object = None) -> Profile | None:
    """The file's profile when it reads and validates without any problem, else None."""
    if value is None:
        value = plain_document(path)
    if not isinstance(value, dict):
        return None
    try:
        profile = Profile.model_validate(value, context={"defer_reference_checks": True})
    except (ValidationError, RecursionError):
        return None
    return None if reference_problems(profile) else profile


def located_profile(path: Path) -> tuple[Profile | None, list[Problem]]:
    """One validated profile, or every problem in its file, with their lines."""
    file = str(path)
    document, problems = read_document(path)
    if document is None:
        return None, problems
    if document.value is None:
        return None, [*problems, Problem(file, None, None, "the file is empty", _FIX_EMPTY)]
    profile, problems = validate(Profile, document, file, problems)
    if profile is None:
        return None, problems
    located = locate_reference_problems(reference_problems(profile), document, file)
    return (None, located) if located else (profile, [])


def read_document(path: Path) -> tuple[Document | None, list[Problem]]:
    """A YAML file's values with their lines; None when it cannot be read at all."""
    file = str(path)
    data, problems = read_bytes(path, file)
    if data is None:
        return None, problems
    text, problems = decode_utf8(data, file)
    if text is None:
        return None, problems
    root, problems = compose(text, file)
    if problems:
        return None, problems
    if root is None:
        return Document(None, {}), []
    return build(root, file)


def validate(
    model: type[Record], document: Document, file: str, problems: list[Problem]
) -> tuple[Record | None, list[Problem]]:
    """The document as ``model``; with earlier problems, only more problems are returned."""
    if not isinstance(document.value, dict):
        line = line_of((), document.lines)
        message = f"the file must hold fields (a mapping), not {_kind(document.value)}"
        fix = "start with 'person:'" if model is Profile else "write name: value pairs"
        return None, [*problems, Problem(file, line, None, message, fix)]
    context = {"defer_reference_checks": True}
    try:
        record = model.model_validate(document.value, context=context)
    except ValidationError as error:
        # a value the YAML stage already reported (a bad tag, an alias loop) is not repeated
        reported = {problem.field for problem in problems}
        found = validation_problems(error, model, document, file)
        return None, [*problems, *(p for p in found if p.field not in reported)]
    except RecursionError:
        message = "the file is nested too deeply to check"
        return None, [*problems, Problem(file, None, None, message, "flatten the nesting")]
    return (None, problems) if problems else (record, [])


def _kind(value: object) -> str:
    return "a list" if isinstance(value, list) else f"the text {str(value)[:40]!r}"


def find_profiles(data_dir: Path) -> tuple[list[ProfileSource], list[Problem]]:
    """Profile files in ``data/people/``: ``<slug>.yaml`` or ``<slug>/profile.yaml``."""
    people = data_dir / PEOPLE_DIR
    if not people.is_dir():
        fix = f"create {people}/ and put one <slug>.yaml per person in it"
        return [], [Problem(str(people), None, None, "no people folder", fix)]
    found: list[ProfileSource] = []  # every profile file, valid name or not
    sources: list[ProfileSource] = []
    problems: list[Problem] = []
    for entry in sorted(people.iterdir(), key=lambda path: path.name):
        source, problem = _profile_source(entry)
        if problem is not None:
            problems.append(problem)
        if source is not None:
            found.append(source)
            if problem is None:
                sources.append(source)
    problems += _duplicate_slugs(found)
    return sorted(sources, key=lambda source: source.slug), problems


def _profile_source(entry: Path) -> tuple[ProfileSource | None, Problem | None]:
    """The profile an entry of ``data/people/`` holds (other files are not profiles), and
    the problem with its name, if any."""
    if entry.name.startswith("."):
        return None, None
    if entry.is_dir():
        path, slug = entry / PROFILE_FILE, entry.name
        if not path.is_file():
            fix = f"put the profile in {path}, or move the folder out of {entry.parent}"
            return None, Problem(str(entry), None, None, f"the folder has no {PROFILE_FILE}", fix)
    elif entry.suffix == ".yml":
        fix = f"rename it to {entry.with_suffix('.yaml').name}"
        return None, Problem(str(entry), None, None, "profiles end with .yaml, not .yml", fix)
    elif entry.suffix == ".yaml":
        path, slug = entry, entry.stem
    else:
        return None, None
    if not SLUG_PATTERN.match(slug):
        message = f"{slug!r} is not a valid profile name (lowercase letters, digits, hyphens)"
        fix = f"rename it to use the slug {suggest_slug(slug)!r}"
        return ProfileSource(slug, path), Problem(str(path), None, None, message, fix)
    return ProfileSource(slug, path), None


def _duplicate_slugs(sources: Iterable[ProfileSource]) -> list[Problem]:
    """Profiles whose names give the same slug: x.yaml and x/profile.yaml, X.yaml and x.yaml."""
    first_by_slug: dict[str, ProfileSource] = {}
    problems = []
    for source in sources:
        slug = suggest_slug(source.slug)
        first = first_by_slug.setdefault(slug, source)
        if first is not source:
            message = f"a second profile for {slug!r}; {first.path} has the same slug"
            fix = "keep one of the two files"
            problems.append(Problem(str(source.path), None, None, message, fix))
    return problems


def suggest_slug(name: str) -> str:
    """A valid slug close to ``name``: ASCII-folded, lowercase, hyphens between words."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug or "your-name"
