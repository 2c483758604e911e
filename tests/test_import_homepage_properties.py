"""Property-based: the homepage importer never fails unexpectedly on any text, and its
output is always a valid profile that the writer round-trips."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scholarld.errors import ImportProblem
from scholarld.importers.homepage import import_homepage
from scholarld.model import Profile
from scholarld.profiles.writer import dump_profile

PIECES = [
    "Kaiming He 何恺明",
    "Иван Петров",
    "  Research Scientist",
    "Facebook AI Research (FAIR), Menlo Park, CA",
    "Professor, Example University",
    "Publications",
    "## Papers",
    "Awards and Honors",
    "Activities",
    "Teaching",
    " \t \t",
    "",
    "Mask R-CNN",
    "- Fast Graph Cuts",
    "Kaiming He, Georgia Gkioxari, Piotr Dollár, and Ross Girshick",
    "Zhilin Yang*, Jake Zhao*",
    "K. He and J. Sun",
    "International Conference on Computer Vision (ICCV), 2017 (Oral). ICCV Best Paper Award",
    "IEEE Transactions on Pattern Analysis and Machine Intelligence (TPAMI), accepted in 2018",
    "Tech report, arXiv, Nov. 2019",
    "Tech report, arXiv",
    "ACM Transactions on Graphics, Proceedings of ACM SIGGRAPH, 2013",
    "CVPR 2017 (Spotlight)",
    "FOO 2017",
    "arXiv   code/models   slides: ICCV tutorial  ICCV oral",
    "waifu2x",
    "Area Chair: CVPR 2016, ICCV 2017",
    "Associate Editor: IJCV 2019 - 2016",
    "Co-organize a tutorial on Visual Recognition at ECCV 2018. slides",
    "Invited to give a tutorial on Deep Residual Networks at ICML 2016. website",
    "Outstanding Reviewer: CVPR 2015, ICCV 2015",
    "CVPR Best Paper Award, 2016",
    "Best Paper Award, CVPR 2016",
    "Google Scholar Profile",
    "My research interests are in computer vision and deep learning.",
    "* ",
    "# ",
    "**",
    "(",
    "2019",
]

line_structured = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=40
).map("\n".join)


def import_or_empty(text: str) -> Profile | None:
    """The imported profile; ``None`` only for text with no name line (blank text)."""
    try:
        return import_homepage(text, "page.txt").profile
    except ImportProblem as problem:
        assert text.strip() == "" or all(not line.strip() for line in text.split("\n"))
        assert "there is no name line" in problem.message
        return None


def assert_valid_and_round_trips(profile: Profile | None) -> None:
    if profile is None:
        return
    assert Profile.model_validate(profile.model_dump()) == profile
    assert Profile.model_validate(yaml.safe_load(dump_profile(profile))) == profile


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_imports_or_is_reported(text: str) -> None:
    assert_valid_and_round_trips(import_or_empty(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_structured)
def test_line_structured_text_imports(text: str) -> None:
    assert_valid_and_round_trips(import_or_empty(text))


@pytest.mark.parametrize("text", ["", "\n\n", " \t \n\u3000\n"])
def test_blank_text_is_an_import_problem(text: str) -> None:
    with pytest.raises(ImportProblem) as raised:
        import_homepage(text, "page.txt")
    assert raised.value.message == (
        "Cannot import (1 problem); nothing was written:\n"
        "  page.txt: the text is empty: there is no name line "
        "(the first non-blank line must be the person's name)"
    )
