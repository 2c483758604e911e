"""``dump_profile``: readable, stable YAML that reads back as the same profile."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scholarld.model import (
    Author,
    Award,
    Link,
    LinkKind,
    LocalizedName,
    Occasion,
    Person,
    Presentation,
    Profile,
    Status,
    StatusState,
    Unparsed,
    Venue,
    VenueKind,
    Version,
    VersionKind,
    Work,
)
from scholarld.profiles.writer import HEADER, dump_profile

DEFAULT_PROFILE = Path(__file__).resolve().parents[1] / "data" / "people" / "kaiming-he.yaml"
LONG_TITLE = "A Very Long Title " * 12


def sample() -> Profile:
    venue = Venue(key="CVPR", name="Computer Vision and Pattern Recognition", kind="conference")
    version = Version(kind="conference-paper", venue="CVPR", year=2016, awards=["Best Paper"])
    work = Work(
        key="he2016deep",
        title=LONG_TITLE.strip(),
        authors=[Author(name="Piotr Dollár"), Author(name="Zhilin Yang", equal_contribution=True)],
        versions=[version],
    )
    person = Person(name="Kaiming He", other_names=[LocalizedName(value="何恺明", lang="zh")])
    return Profile(person=person, venues=[venue], works=[work])


def test_exact_text() -> None:
    assert dump_profile(sample()) == HEADER + (
        "person:\n"
        "  name: Kaiming He\n"
        "  other_names:\n"
        "    - value: 何恺明\n"
        "      lang: zh\n"
        "venues:\n"
        "  - key: CVPR\n"
        "    name: Computer Vision and Pattern Recognition\n"
        "    kind: conference\n"
        "works:\n"
        "  - key: he2016deep\n"
        f"    title: {LONG_TITLE.strip()}\n"
        "    authors:\n"
        "      - Piotr Dollár\n"
        "      - name: Zhilin Yang\n"
        "        equal_contribution: true\n"
        "    versions:\n"
        "      - kind: conference-paper\n"
        "        venue: CVPR\n"
        "        year: 2016\n"
        "        awards:\n"
        "          - Best Paper\n"
    )


def test_header_names_the_format_documentation() -> None:
    text = dump_profile(sample())
    assert text.startswith("# A scholarld profile: the format is described in docs/profile.md\n")
    assert (Path(__file__).resolve().parents[1] / "docs" / "profile.md").is_file()


def test_round_trip_of_the_default_profile() -> None:
    profile = Profile.model_validate(yaml.safe_load(DEFAULT_PROFILE.read_text(encoding="utf-8")))
    assert dump_profile(profile) == DEFAULT_PROFILE.read_text(encoding="utf-8")


def test_line_break_like_characters_are_quoted() -> None:
    odd = "a\x85b\u2028c\ufeffd\re"
    profile = Profile(person=Person(name=odd), unparsed=[Unparsed(line=1, text=odd, reason="x")])
    text = dump_profile(profile)
    assert '  name: "a\\Nb\\Lc\\uFEFFd\\re"\n' in text
    assert Profile.model_validate(yaml.safe_load(text)) == profile


names = st.text(min_size=1, max_size=20).filter(lambda text: bool(text.strip()))
years = st.integers(min_value=1000, max_value=2999)
keys = st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True)


@st.composite
def versions(draw: st.DrawFn, venue_keys: list[str]) -> Version:
    year = draw(st.none() | years)
    return Version(
        kind=draw(st.sampled_from(list(VersionKind))),
        venue=draw(st.sampled_from(venue_keys)),
        year=year,
        month=draw(st.none() | st.integers(1, 12)) if year else None,
        status=draw(st.none() | st.builds(Status, state=st.sampled_from(list(StatusState)))),
        presentation=draw(st.none() | st.sampled_from(list(Presentation))),
        awards=draw(st.lists(names, max_size=2)),
        authors=draw(st.none() | st.lists(st.builds(Author, name=names), max_size=2)),
    )


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    venue_keys = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    venues = [Venue(key=key, kind=draw(st.sampled_from(list(VenueKind)))) for key in venue_keys]
    work_keys = draw(st.lists(keys, max_size=3, unique=True))
    works = [
        Work(
            key=key,
            title=draw(names),
            authors=draw(
                st.lists(
                    st.builds(Author, name=names, equal_contribution=st.booleans()), max_size=3
                )
            ),
            versions=draw(st.lists(versions(venue_keys), max_size=2)),
            links=draw(
                st.lists(st.builds(Link, label=names, kind=st.sampled_from(list(LinkKind))))
            ),
            notes=draw(st.lists(names, max_size=2)),
        )
        for key in work_keys
    ]
    award = Award(
        name=draw(names),
        occasions=[Occasion(venue=draw(st.sampled_from(venue_keys)), year=draw(years))],
        work=draw(st.sampled_from(work_keys)) if work_keys else None,
    )
    person = Person(name=draw(names), bio=draw(st.lists(names, max_size=2)))
    unparsed = draw(
        st.lists(
            st.builds(Unparsed, line=st.integers(1, 99), text=st.text(), reason=names), max_size=2
        )
    )
    return Profile(person=person, venues=venues, works=works, awards=[award], unparsed=unparsed)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_round_trip(profile: Profile) -> None:
    text = dump_profile(profile)
    assert Profile.model_validate(yaml.safe_load(text)) == profile
    assert dump_profile(profile) == text
