"""The seed homepage (Kaiming He, 2020) imports completely and exactly; the committed
default profile is the command's output."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from scholarld.cli import cli
from scholarld.importers.homepage import import_homepage
from scholarld.model import Presentation, Profile, StatusState, VersionKind, Work

DEFAULT_PROFILE = Path(__file__).resolve().parents[1] / "data" / "people" / "kaiming-he.yaml"


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> Profile:
    result = import_homepage(seed_path.read_text(encoding="utf-8"), str(seed_path))
    assert result.notices == ()
    return result.profile


def work(profile: Profile, title: str) -> Work:
    found = [w for w in profile.works if w.title == title]
    assert len(found) == 1, f"{len(found)} works titled {title!r}"
    return found[0]


def test_command_output_is_the_committed_default_profile(seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", "homepage", str(seed_path)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout_bytes == DEFAULT_PROFILE.read_bytes()


def test_nothing_is_unparsed(seed: Profile) -> None:
    assert seed.unparsed == []


def test_person(seed: Profile) -> None:
    person = seed.person
    assert person.name == "Kaiming He"
    assert [(n.value, n.lang) for n in person.other_names] == [("何恺明", "zh")]
    assert person.job_title == "Research Scientist"
    assert person.affiliation is not None
    affiliation = person.affiliation
    assert (affiliation.name, affiliation.acronym, affiliation.place) == (
        "Facebook AI Research",
        "FAIR",
        "Menlo Park, CA",
    )
    assert person.interests == ["computer vision", "deep learning"]
    assert len(person.bio) == 2
    assert person.bio[0].startswith("I am a Research Scientist at Facebook AI Research (FAIR)")
    assert person.bio[1].endswith(
        "Applications of ResNets also include language, speech, and AlphaGo."
    )
    assert [(link.label, link.kind.value, link.url) for link in person.links] == [
        ("Google Scholar Profile", "profile", None)
    ]


def test_works_and_version_counts(seed: Profile) -> None:
    assert len(seed.works) == 57
    kinds = Counter(v.kind for w in seed.works for v in w.versions)
    assert kinds == {
        VersionKind.CONFERENCE_PAPER: 51,
        VersionKind.JOURNAL_ARTICLE: 12,
        VersionKind.PREPRINT: 4,
        VersionKind.PROCEEDINGS_JOURNAL_ARTICLE: 1,
    }
    presentations = Counter(v.presentation for w in seed.works for v in w.versions)
    assert presentations[Presentation.ORAL] == 13
    assert presentations[Presentation.SPOTLIGHT] == 2
    assert len({w.key for w in seed.works}) == 57


def test_journal_versions_are_versions_of_the_conference_work(seed: Profile) -> None:
    both = [w for w in seed.works if len(w.versions) == 2]
    assert len(both) == 11
    for item in both:
        conference, journal = item.versions
        assert conference.kind is VersionKind.CONFERENCE_PAPER
        assert journal.kind is VersionKind.JOURNAL_ARTICLE
        assert journal.status is not None and journal.status.state is StatusState.ACCEPTED
        assert journal.year is None
    journal_only = [w for w in seed.works if [v.kind for v in w.versions] == ["journal-article"]]
    assert [w.title for w in journal_only] == [
        "Object Detection Networks on Convolutional Feature Maps"
    ]
    assert journal_only[0].versions[0].venue == "TPAMI"


def test_mask_rcnn(seed: Profile) -> None:
    mask = work(seed, "Mask R-CNN")
    assert mask.key == "he2017mask"
    iccv, tpami = mask.versions
    assert (iccv.venue, iccv.year, iccv.presentation) == ("ICCV", 2017, Presentation.ORAL)
    assert iccv.awards == ["ICCV Best Paper Award (Marr Prize)"]
    assert iccv.nominations == []
    assert tpami.status is not None
    assert (tpami.venue, tpami.status.state, tpami.status.year) == (
        "TPAMI",
        StatusState.ACCEPTED,
        2018,
    )
    assert [(link.label, link.kind.value) for link in mask.links] == [
        ("arXiv", "arxiv"),
        ("talk", "video"),
        ("ICCV tutorial", "slides"),
        ("ICCV oral", "slides"),
        ("COCO workshop", "slides"),
        ("code/models", "code"),
    ]


def test_awards_and_nominations_on_versions(seed: Profile) -> None:
    hough = work(seed, "Deep Hough Voting for 3D Object Detection in Point Clouds")
    assert hough.versions[0].awards == []
    assert hough.versions[0].nominations == ["Best Paper Nomination"]
    group_norm = work(seed, "Group Normalization")
    assert group_norm.versions[0].awards == ["Best Paper Honorable Mention"]
    assert group_norm.versions[1].venue == "IJCV"
    awarded = {w.key: a for w in seed.works for v in w.versions for a in v.awards}
    assert awarded == {
        "wu2018group": "Best Paper Honorable Mention",
        "he2017mask": "ICCV Best Paper Award (Marr Prize)",
        "lin2017focal": "ICCV Best Student Paper Award",
        "he2016deep": "CVPR Best Paper Award",
        "he2009single": "CVPR Best Paper Award",
    }


def test_preprints_and_proceedings_journal(seed: Profile) -> None:
    moco = work(seed, "Momentum Contrast for Unsupervised Visual Representation Learning")
    (preprint,) = moco.versions
    assert (preprint.kind, preprint.venue, preprint.year, preprint.month) == (
        VersionKind.PREPRINT,
        "arXiv",
        2019,
        11,
    )
    (siggraph,) = work(seed, "Rectangling Panoramic Images via Warping").versions
    assert (siggraph.kind, siggraph.venue, siggraph.conference, siggraph.year) == (
        VersionKind.PROCEEDINGS_JOURNAL_ARTICLE,
        "TOG",
        "SIGGRAPH",
        2013,
    )


def test_authors_as_written(seed: Profile) -> None:
    glomo = work(
        seed, "GLoMo: Unsupervisedly Learned Relational Graphs as Transferable Representations"
    )
    assert [(a.name, a.equal_contribution) for a in glomo.authors[:3]] == [
        ("Zhilin Yang", True),
        ("Jake Zhao", True),
        ("Bhuwan Dhingra", False),
    ]
    names = {a.name for w in seed.works for a in w.authors}
    assert {"Piotr Dollár", "Philipp Krähenbühl", "Laurens van der Maaten"} <= names
    assert not any("*" in name for name in names)
    mask = work(seed, "Mask R-CNN")
    assert [a.name for a in mask.authors] == [
        "Kaiming He",
        "Georgia Gkioxari",
        "Piotr Dollár",
        "Ross Girshick",
    ]


def test_notes(seed: Profile) -> None:
    resnet = work(seed, "Deep Residual Learning for Image Recognition")
    assert resnet.key == "he2016deep"
    assert len(resnet.notes) == 1 and resnet.notes[0].startswith("ILSVRC & COCO competitions 2015")
    mnc = work(seed, "Instance-aware Semantic Segmentation via Multi-task Network Cascades")
    assert mnc.notes == ["1st place of COCO 2015 segmentation competition"]
    prelu = work(
        seed,
        "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet "
        "Classification",
    )
    assert prelu.notes == ["The first to surpass human-level performance"]
    spp = work(
        seed, "Spatial Pyramid Pooling in Deep Convolutional Networks for Visual Recognition"
    )
    assert spp.notes == [
        "ILSVRC 2014 - We ranked 2nd in detection and 3rd in classification.",
        "100x faster than R-CNN for object detection",
    ]
    srcnn = work(seed, "Learning a Deep Convolutional Network for Image Super-Resolution")
    assert srcnn.notes == ["waifu2x"]
    assert sum(len(w.notes) for w in seed.works) == 6


def test_roles(seed: Profile) -> None:
    by_role = Counter(role.role for role in seed.roles)
    assert by_role == {"Program Chair": 1, "Area Chair": 5, "Associate Editor": 1}
    editor = next(role for role in seed.roles if role.role == "Associate Editor")
    assert (editor.venue, editor.year, editor.start, editor.end) == ("IJCV", None, 2016, 2019)
    area = [(r.venue, r.year) for r in seed.roles if r.role == "Area Chair"]
    assert area == [("CVPR", 2016), ("ICCV", 2017), ("CVPR", 2018), ("ECCV", 2018), ("CVPR", 2020)]


def test_tutorials(seed: Profile) -> None:
    assert len(seed.talks) == 6
    assert all(talk.kind.value == "tutorial" for talk in seed.talks)
    first = seed.talks[0]
    assert (first.title, first.venue, first.year, first.part.value) == (
        "Visual Recognition",
        "ECCV",
        2018,
        "co-organizer",
    )
    assert [(link.label, link.kind.value) for link in first.links] == [("slides", "slides")]
    icml = next(talk for talk in seed.talks if talk.venue == "ICML")
    assert (icml.title, icml.part.value) == ("Deep Residual Networks", "invited-speaker")
    assert [(link.label, link.kind.value) for link in icml.links] == [("website", "website")]


def test_awards(seed: Profile) -> None:
    assert len(seed.awards) == 9
    reviewer = next(a for a in seed.awards if a.name == "Outstanding Reviewer")
    assert [(o.venue, o.year) for o in reviewer.occasions] == [
        ("CVPR", 2015),
        ("ICCV", 2015),
        ("CVPR", 2017),
    ]
    assert reviewer.year is None
    linked = {(a.name, a.year): a.work for a in seed.awards}
    assert linked[("ICCV Best Paper Award (Marr Prize)", 2017)] == "he2017mask"
    assert linked[("ECCV Best Paper Honorable Mention", 2018)] == "wu2018group"
    assert linked[("CVPR Best Paper Award", 2009)] == "he2009single"
    assert linked[("PAMI Young Researcher Award", 2018)] is None


def test_every_referenced_venue_is_defined(seed: Profile) -> None:
    keys = {venue.key for venue in seed.venues}
    referenced = (
        {v.venue for w in seed.works for v in w.versions}
        | {v.conference for w in seed.works for v in w.versions if v.conference}
        | {role.venue for role in seed.roles}
        | {talk.venue for talk in seed.talks}
        | {o.venue for a in seed.awards for o in a.occasions}
    )
    assert referenced == keys
    icml = next(venue for venue in seed.venues if venue.key == "ICML")
    assert (icml.name, icml.acronym, icml.kind.value) == (None, "ICML", "conference")
    iccv = next(venue for venue in seed.venues if venue.key == "ICCV")
    assert iccv.name == "International Conference on Computer Vision"
    arxiv = next(venue for venue in seed.venues if venue.key == "arXiv")
    assert arxiv.kind.value == "preprint-server"
