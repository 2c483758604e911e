"""The profile model accepts well-formed records and rejects the usual mistakes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from scholarld.model import Author, Profile


def _profile(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "person": {"name": "Ada Example"},
        "venues": [{"key": "CVPR", "kind": "conference"}],
        "works": [
            {
                "key": "example2019title",
                "title": "A Title",
                "authors": ["Ada Example", {"name": "Bo Example", "equal_contribution": True}],
                "versions": [{"kind": "conference-paper", "venue": "CVPR", "year": 2019}],
            }
        ],
    }
    base.update(overrides)
    return base


def test_authors_may_be_bare_names() -> None:
    profile = Profile.model_validate(_profile())
    assert profile.works[0].authors == [
        Author(name="Ada Example"),
        Author(name="Bo Example", equal_contribution=True),
    ]


def test_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError, match="nmae"):
        Profile.model_validate(_profile(person={"name": "Ada", "nmae": "typo"}))


def test_year_with_a_letter_is_rejected() -> None:
    version = {"kind": "preprint", "venue": "CVPR", "year": "20l6"}
    works = [{"key": "k", "title": "T", "versions": [version]}]
    with pytest.raises(ValidationError, match="year"):
        Profile.model_validate(_profile(works=works))


def test_undefined_venue_is_rejected() -> None:
    works = [{"key": "k", "title": "T", "versions": [{"kind": "preprint", "venue": "arXiv"}]}]
    with pytest.raises(ValidationError, match="names venue 'arXiv'"):
        Profile.model_validate(_profile(works=works))


def test_blank_text_is_rejected() -> None:
    with pytest.raises(ValidationError, match=r"person\.name"):
        Profile.model_validate(_profile(person={"name": "   "}))
