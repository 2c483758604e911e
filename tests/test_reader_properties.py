"""Property-based: whatever a profile file holds, read_site returns a Site or raises
ProfileError (never anything else), and a valid profile written as YAML reads back equal."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader_helpers import make_data
from scholarld.errors import ProfileError
from scholarld.model import Author, Profile, Version, Work
from scholarld.profiles import read_site

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAMLISH = st.sampled_from(
    ["person:", "  name:", " ", "\n", "- ", ":", "&a ", "*a", "!!str ", "[", "]", "{", "}",
     "\t", "'", '"', "#", "---", "year: 20l6", "no", "~", "2019-05-01", "works:", "? "]
)


def _read(data: Path) -> None:
    try:
        read_site(data)
    except ProfileError as error:
        assert error.problems, "a ProfileError must carry problems"
        assert all(p.file.startswith(str(data)) for p in error.problems)


@SETTINGS
@given(st.text())
def test_arbitrary_text_reads_or_raises_profile_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as root:
        _read(make_data(Path(root), {"ada.yaml": text}))


@SETTINGS
@given(st.lists(YAMLISH | st.text(max_size=3), max_size=40).map("".join))
def test_yaml_like_text_reads_or_raises_profile_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as root:
        _read(make_data(Path(root), {"ada.yaml": text}))


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_read_or_raise_profile_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as root:
        _read(make_data(Path(root), {"ada.yaml": data}, site=data.decode("latin-1")))


# U+0085 (NEL) is left out: PyYAML's emitter writes it inside single quotes where YAML
# folds it to a space, so safe_dump itself does not round-trip it (the reader is not at fault).
TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x85"), min_size=1, max_size=30
).filter(lambda text: bool(text.strip()))  # the model refuses blank text
YEARS = st.integers(1000, 2999)
AUTHORS = st.lists(st.builds(Author, name=TEXT, equal_contribution=st.booleans()), max_size=3)
VERSIONS = st.lists(
    st.builds(Version, kind=st.just("preprint"), venue=st.just("arXiv"), year=YEARS | st.none(),
              title=TEXT | st.none(), authors=AUTHORS | st.none()),
    max_size=2,
)
WORKS = st.lists(
    st.builds(Work, key=st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,10}\Z"), title=TEXT,
              authors=AUTHORS, versions=VERSIONS, notes=st.lists(TEXT, max_size=2)),
    max_size=3,
    unique_by=lambda work: work.key,
)


@SETTINGS
@given(name=TEXT, aliases=st.lists(TEXT, max_size=3), works=WORKS)
def test_valid_profile_round_trips(name: str, aliases: list[str], works: list[Work]) -> None:
    profile = Profile.model_validate(
        {"person": {"name": name, "aliases": aliases},
         "venues": [{"key": "arXiv", "kind": "preprint-server"}],
         "works": [work.model_dump(mode="json") for work in works]}
    )
    text = yaml.safe_dump(
        profile.model_dump(mode="json", exclude_defaults=True), allow_unicode=True, sort_keys=False
    )
    with tempfile.TemporaryDirectory() as root:
        site = read_site(make_data(Path(root), {"ada.yaml": text}))
    assert site.profiles[0].profile == profile
