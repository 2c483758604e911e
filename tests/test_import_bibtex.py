"""scholarld import bibtex: parsing, mapping, merging, the command and its errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scholarld.cli import cli
from scholarld.importers.bibtex import parse_bibtex
from scholarld.importers.bibtex_import import BibtexImport, import_bibtex
from scholarld.model import LinkKind, Profile, VenueKind, VersionKind, Work
from scholarld.profiles.writer import dump_profile

RESNET = """
@inproceedings{he2016deep,
  title     = {Deep Residual Learning for Image Recognition},
  author    = {He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian},
  booktitle = {Proceedings of the IEEE Conference on Computer Vision
               and Pattern Recognition (CVPR)},
  year      = {2016},
  month     = jun,
  doi       = {10.1109/CVPR.2016.90},
  url       = {https://openaccess.thecvf.com/resnet.pdf}
}
"""
MASK_RCNN_TPAMI = """
@article{he2020mask,
  title   = {Mask {R-CNN}},
  author  = {Kaiming He and Georgia Gkioxari and Doll{\\'a}r, Piotr and Ross Girshick},
  journal = {IEEE Transactions on Pattern Analysis and Machine Intelligence},
  year    = 2020,
  month   = {February},
  doi     = {https://doi.org/10.1109/TPAMI.2018.2844175}
}
"""
FOCAL_ARXIV = """
@misc{lin2017focal,
  title         = {Focal Loss for Dense Object Detection},
  author        = {Lin, Tsung-Yi and Goyal, Priya and Girshick, Ross and He, Kaiming
                   and Doll\\'{a}r, Piotr},
  year          = {2017},
  eprint        = {1708.02002},
  archivePrefix = {arXiv}
}
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["import", "bibtex", *map(str, args)])


def imported(text: str, into: Profile | None = None) -> BibtexImport:
    result = import_bibtex(text, "refs.bib", into)
    assert result.skipped == (), [str(problem) for problem in result.skipped]
    return result


def only_work(text: str) -> Work:
    (work,) = imported(text).merge.profile.works
    return work


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def profile_file(tmp_path: Path, works: list[dict[str, Any]], venues: list[dict[str, Any]]) -> Path:
    data = {"person": {"name": "Kaiming He"}, "venues": venues, "works": works}
    return write(tmp_path / "kaiming-he.yaml", dump_profile(Profile.model_validate(data)))


# --- parsing: LaTeX, names, months --------------------------------------------------------


def test_latex_is_decoded_and_names_are_first_name_first_in_order() -> None:
    text = (
        "@article{a, title = {{Mask} {R-CNN}: \\emph{Instance} Segmentation},"
        " author = {Doll{\\'a}r, Piotr and Laurens van der Maaten and"
        ' van der Maaten, Laurens and Kr{\\"a}henb{\\"u}hl, Philipp and others},'
        " journal = {Journal of Tests}, year = 2019}"
    )
    (entry,) = parse_bibtex(text, "refs.bib").entries
    assert entry.fields["title"] == "Mask R-CNN: Instance Segmentation"
    assert entry.authors == (
        "Piotr Dollár",
        "Laurens van der Maaten",
        "Laurens van der Maaten",
        "Philipp Krähenbühl",
    )
    assert entry.line == 1


@pytest.mark.parametrize(
    ("written", "month"),
    [("jun", 6), ("{June}", 6), ("{jun}", 6), ("11", 11), ("{Spring}", None)],
)
def test_months_by_name_or_number(written: str, month: int | None) -> None:
    text = f"@article{{a, title={{T}}, journal={{J}}, year=2016, month={written}}}"
    (version,) = only_work(text).versions
    assert (version.year, version.month) == (2016, month)


def test_identifiers_keep_underscores_and_percent_signs() -> None:
    text = (
        "@article{a, title={T}, journal={J}, year=2016,"
        " url={https://example.org/a\\_b%20c}, doi={10.1000/x_y}}"
    )
    (version,) = only_work(text).versions
    assert [link.url for link in version.links] == ["https://example.org/a_b%20c"]
    assert version.identifiers.doi == "10.1000/x_y"


# --- mapping: kinds, venues, identifiers ----------------------------------------------------


def test_inproceedings_is_a_conference_paper_at_the_acronym_venue() -> None:
    result = imported(RESNET).merge
    (work,) = result.profile.works
    assert work.key == "he2016deep"
    assert [author.name for author in work.authors] == [
        "Kaiming He",
        "Xiangyu Zhang",
        "Shaoqing Ren",
        "Jian Sun",
    ]
    (version,) = work.versions
    assert (version.kind, version.venue, version.year, version.month) == (
        VersionKind.CONFERENCE_PAPER,
        "CVPR",
        2016,
        6,
    )
    assert version.identifiers.doi == "10.1109/CVPR.2016.90"
    assert [(link.label, link.kind) for link in version.links] == [("paper", LinkKind.PAPER)]
    (venue,) = result.profile.venues
    assert (venue.key, venue.name, venue.acronym, venue.kind) == (
        "CVPR",
        "IEEE Conference on Computer Vision and Pattern Recognition",
        "CVPR",
        VenueKind.CONFERENCE,
    )


@pytest.mark.parametrize(
    ("booktitle", "key", "kind"),
    [
        ("Proceedings of the IEEE International Conference on Computer Vision", "ICCV", "c"),
        ("European Conference on Computer Vision ({ECCV} 2016)", "ECCV", "c"),
        ("CVPR", "CVPR", "c"),
        ("Advances in Neural Information Processing Systems 32", "NeurIPS", "c"),
        ("Proceedings of the CVPR Workshop on Fine-Grained Things", "CVPR", "w"),
        ("Workshop on Learning Things (WLT)", "WLT", "w"),
    ],
)
def test_booktitles_give_venue_keys(booktitle: str, key: str, kind: str) -> None:
    text = f"@inproceedings{{a, title={{T}}, booktitle={{{booktitle}}}, year=2016}}"
    result = imported(text).merge.profile
    (venue,) = result.venues
    expected = VenueKind.WORKSHOP if kind == "w" else VenueKind.CONFERENCE
    assert (venue.key, venue.kind) == (key, expected)
    paper = VersionKind.WORKSHOP_PAPER if kind == "w" else VersionKind.CONFERENCE_PAPER
    assert result.works[0].versions[0].kind == paper


def test_article_is_a_journal_article_with_a_bare_doi() -> None:
    result = imported(MASK_RCNN_TPAMI).merge.profile
    (version,) = result.works[0].versions
    assert (version.kind, version.venue, version.month) == (
        VersionKind.JOURNAL_ARTICLE,
        "TPAMI",
        2,
    )
    assert version.identifiers.doi == "10.1109/TPAMI.2018.2844175"
    assert result.works[0].title == "Mask R-CNN"
    assert result.works[0].authors[2].name == "Piotr Dollár"
    assert result.venues[0].kind is VenueKind.JOURNAL


@pytest.mark.parametrize(
    "entry",
    [
        FOCAL_ARXIV,
        "@article{a, title={Focal Loss}, journal={arXiv preprint arXiv:1708.02002}, year=2017}",
        "@article{a, title={Focal Loss}, journal={CoRR}, volume={abs/1708.02002},"
        " eprinttype={arXiv}, eprint={1708.02002}, year={2017}}",
        "@unpublished{a, title={Focal Loss}, url={https://arxiv.org/abs/1708.02002v2}, year=2017}",
    ],
)
def test_arxiv_entries_are_preprints(entry: str) -> None:
    result = imported(entry).merge.profile
    (version,) = result.works[0].versions
    assert (version.kind, version.venue, version.year) == (VersionKind.PREPRINT, "arXiv", 2017)
    assert version.identifiers.arxiv == "1708.02002"
    assert [link.url for link in version.links] == ["https://arxiv.org/abs/1708.02002"]
    assert [(venue.key, venue.kind) for venue in result.venues] == [
        ("arXiv", VenueKind.PREPRINT_SERVER)
    ]


def test_a_conference_paper_with_an_eprint_gets_its_preprint_version() -> None:
    text = RESNET.replace("year ", "eprint = {1512.03385}, archivePrefix = {arXiv},\n year ")
    (conference, preprint) = only_work(text).versions
    assert conference.kind is VersionKind.CONFERENCE_PAPER
    assert conference.identifiers.arxiv is None
    assert (preprint.kind, preprint.year, preprint.month) == (VersionKind.PREPRINT, 2015, 12)
    assert preprint.identifiers.arxiv == "1512.03385"


def test_tech_reports_at_an_institution_or_arxiv() -> None:
    text = (
        "@techreport{a, title={A Report}, institution={Microsoft Research}, year=2014}\n"
        "@techreport{b, title={B Report}, eprint={1504.06066}, archivePrefix={arXiv}}"
    )
    result = imported(text).merge.profile
    first, second = (work.versions[0] for work in result.works)
    assert (first.kind, first.venue) == (VersionKind.TECH_REPORT, "MR")
    assert (second.kind, second.venue, second.year) == (VersionKind.TECH_REPORT, "arXiv", 2015)


def test_conference_and_arxiv_entries_of_one_paper_become_one_work() -> None:
    text = (
        RESNET
        + "\n@article{arx, title = {Deep residual learning for image recognition.},"
        + (" author={Kaiming He}, journal = {arXiv preprint arXiv:1512.03385}, year = 2015}")
    )
    result = imported(text).merge
    (work,) = result.profile.works
    assert [version.kind for version in work.versions] == [
        VersionKind.CONFERENCE_PAPER,
        VersionKind.PREPRINT,
    ]
    assert (result.added, result.updated) == (("he2016deep",), ("he2016deep",))


# --- merging into a profile -------------------------------------------------------------------


EXISTING_VENUES = [
    {"key": "CVPR", "name": "Computer Vision and Pattern Recognition", "kind": "conference"},
    {
        "key": "PAMI",
        "name": "IEEE Transactions on Pattern Analysis and Machine Intelligence",
        "kind": "journal",
    },
]


def existing_work(**version: Any) -> dict[str, Any]:
    return {
        "key": "he2016deep",
        "title": "Deep Residual Learning for Image Recognition",
        "authors": ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"],
        "versions": [{"kind": "conference-paper", "venue": "CVPR", **version}],
    }


def test_merge_by_title_fills_in_without_overwriting(tmp_path: Path) -> None:
    existing = existing_work(year=2016, month=7, links=[{"label": "code", "kind": "code"}])
    into = Profile.model_validate(
        {"person": {"name": "Kaiming He"}, "venues": EXISTING_VENUES, "works": [existing]}
    )
    result = imported(RESNET.replace("Deep Residual", "Deep residual"), into).merge
    (work,) = result.profile.works
    (version,) = work.versions
    assert (version.year, version.month) == (2016, 7)  # the profile's month is kept
    assert version.identifiers.doi == "10.1109/CVPR.2016.90"  # what it lacked is added
    assert [link.label for link in version.links] == ["code", "paper"]
    assert [venue.key for venue in result.profile.venues] == ["CVPR", "PAMI"]
    assert (result.added, result.updated, result.unchanged) == ((), ("he2016deep",), ())


def test_merge_by_doi_adds_a_journal_version_at_a_known_venue() -> None:
    existing = {
        "key": "he2017mask",
        "title": "Mask R-CNN (ICCV version)",
        "versions": [
            {
                "kind": "journal-article",
                "venue": "PAMI",
                "identifiers": {"doi": "10.1109/TPAMI.2018.2844175"},
            },
        ],
    }
    into = Profile.model_validate(
        {"person": {"name": "Kaiming He"}, "venues": EXISTING_VENUES, "works": [existing]}
    )
    result = imported(MASK_RCNN_TPAMI + FOCAL_ARXIV, into).merge
    mask, focal = result.profile.works
    assert mask.key == "he2017mask" and mask.title == "Mask R-CNN (ICCV version)"
    (version,) = mask.versions
    assert (version.venue, version.year, version.month) == ("PAMI", 2020, 2)
    assert [author.name for author in mask.authors][:2] == ["Kaiming He", "Georgia Gkioxari"]
    assert focal.key == "lin2017focal"
    assert [venue.key for venue in result.profile.venues] == ["CVPR", "PAMI", "arXiv"]


def test_merge_by_arxiv_id_and_new_keys_avoid_taken_ones() -> None:
    works = [
        existing_work(year=2016),
        {
            "key": "lin2017focal",
            "title": "Another title",
            "versions": [
                {"kind": "preprint", "venue": "arXiv", "identifiers": {"arxiv": "1708.02002"}}
            ],
        },
    ]
    venues = [*EXISTING_VENUES, {"key": "arXiv", "kind": "preprint-server"}]
    into = Profile.model_validate({"person": {"name": "K"}, "venues": venues, "works": works})
    other = RESNET.replace("Deep Residual Learning", "Deep Networks").replace(
        "10.1109/CVPR.2016.90", "10.1109/CVPR.2016.91"
    )
    result = imported(FOCAL_ARXIV + other, into).merge
    assert [work.key for work in result.profile.works] == [
        "he2016deep",
        "lin2017focal",
        "he2016deep-networks",
    ]
    assert result.profile.works[1].versions[0].year == 2017
    assert result.added == ("he2016deep-networks",)


def test_into_replaces_the_profile_and_a_second_import_changes_nothing(tmp_path: Path) -> None:
    profile = profile_file(tmp_path, [existing_work(year=2016)], EXISTING_VENUES)
    bib = write(tmp_path / "refs.bib", RESNET + MASK_RCNN_TPAMI)
    first = run(bib, "--into", profile)
    assert first.exit_code == 0, first.output
    assert "1 new work, 1 updated, 0 already there; wrote" in first.stderr
    merged = Profile.model_validate(yaml.safe_load(profile.read_text("utf-8")))
    assert [work.key for work in merged.works] == ["he2016deep", "he2020mask"]
    before = profile.read_bytes()
    second = run(bib, "--into", profile)
    assert second.exit_code == 0, second.output
    assert "0 new works, 0 updated, 2 already there" in second.stderr
    assert profile.read_bytes() == before
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]


def test_into_with_output_leaves_the_profile_alone(tmp_path: Path) -> None:
    profile = profile_file(tmp_path, [], [])
    before = profile.read_bytes()
    bib = write(tmp_path / "refs.bib", RESNET)
    out = tmp_path / "merged.yaml"
    result = run(bib, "--into", profile, "--output", out)
    assert result.exit_code == 0, result.output
    assert profile.read_bytes() == before
    assert Profile.model_validate(yaml.safe_load(out.read_text("utf-8"))).works[0].key == (
        "he2016deep"
    )


def test_without_into_prints_a_fragment_that_fits_in_a_profile(tmp_path: Path) -> None:
    bib = write(tmp_path / "refs.bib", RESNET + MASK_RCNN_TPAMI + FOCAL_ARXIV)
    result = run(bib)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Venues and works imported from refs.bib")
    fragment = yaml.safe_load(result.stdout)
    assert set(fragment) == {"venues", "works"}
    profile = Profile.model_validate({"person": {"name": "Kaiming He"}, **fragment})
    assert [work.key for work in profile.works] == ["he2016deep", "he2020mask", "lin2017focal"]
    assert run(bib).stdout == result.stdout  # byte-identical on every run
    assert "Imported" in result.stderr and "3 new works" in result.stderr


def test_the_command_is_listed_under_import() -> None:
    result = CliRunner().invoke(cli, ["import", "--help"])
    assert result.exit_code == 0
    assert "bibtex" in result.output


# --- errors: message, exit code 1, nothing written ---------------------------------------


def assert_fails(result: Result, *messages: str) -> None:
    assert result.exit_code == 1, result.output
    assert "nothing was written" in result.stderr
    for message in messages:
        assert message in result.stderr, result.stderr


def test_malformed_blocks_are_reported_with_lines_and_the_rest_is_checked(tmp_path: Path) -> None:
    bib = write(
        tmp_path / "refs.bib",
        RESNET + "@article{broken,\n  title = {oops\n" + FOCAL_ARXIV + "@book{b, title={B}}\n",
    )
    out = tmp_path / "out.yaml"
    result = run(bib, "--output", out)
    assert_fails(
        result,
        "Cannot import (2 problems)",
        f"{bib}:12: cannot parse this block: Unexpected block start: `@misc`",
        "(check the braces and quotes of this entry; every { needs its })",
        f"{bib}:23: @book{{b}}: entry type @book is not imported",
    )
    assert not out.exists()


def test_the_parser_log_does_not_reach_the_terminal(tmp_path: Path) -> None:
    # a real process: under pytest a log handler is always installed, hiding the problem
    bib = write(tmp_path / "refs.bib", "@article{broken,\n  title = {oops\n" + FOCAL_ARXIV)
    command = [sys.executable, "-m", "scholarld", "import", "bibtex", str(bib)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "cannot parse this block" in done.stderr
    assert "aborted on line" not in done.stderr, done.stderr


def test_keep_going_imports_the_rest_and_lists_what_was_skipped(tmp_path: Path) -> None:
    bib = write(tmp_path / "refs.bib", RESNET + "@article{notitle, journal={J}, year=2016}\n")
    result = run(bib, "--keep-going")
    assert result.exit_code == 0, result.output
    assert "Skipped 1 entry:" in result.stderr
    assert f"{bib}:12: @article{{notitle}}: the entry has no title, so it was skipped" in (
        result.stderr
    )
    assert "he2016deep" in result.stdout and "notitle" not in result.stdout


def test_an_entry_without_title_is_an_error_naming_its_line(tmp_path: Path) -> None:
    bib = write(tmp_path / "refs.bib", "\n\n@misc{x, author={A B}, eprint={1708.02002}}\n")
    assert_fails(
        run(bib),
        f"{bib}:3: @misc{{x}}: the entry has no title, so it was skipped (add title = {{...}})",
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("doi={doi.org/123}", "5: doi: @article{a}: doi 'doi.org/123' is not a DOI"),
        ("year={in press}", "5: year: @article{a}: year 'in press' is not a four-digit year"),
        ("url={www.x.org}", "5: url: @article{a}: url 'www.x.org' is not an http(s) URL"),
        ("eprint={abc}, archivePrefix={arXiv}", "5: eprint: @article{a}: eprint 'abc' is not"),
    ],
)
def test_bad_field_values_are_errors_naming_the_field(
    tmp_path: Path, fields: str, message: str
) -> None:
    bib = write(
        tmp_path / "refs.bib", f"@article{{a,\n title={{T}},\n\n journal={{J}},\n {fields}}}"
    )
    assert_fails(run(bib), f"{bib}:{message}")


def test_a_duplicate_citation_key_is_an_error(tmp_path: Path) -> None:
    bib = write(tmp_path / "refs.bib", RESNET + RESNET)
    assert_fails(run(bib), f"{bib}:13: the entry key 'he2016deep' is used twice (first on line 2)")


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(b"@article{a, title={Doll\xe1r}, journal={J}}")
    assert_fails(
        run(bib),
        f"{bib}:1: the file is not UTF-8: byte 0xE1 at offset 23",
        "re-save the file as UTF-8",
    )


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    assert_fails(run(tmp_path / "nope.bib"), "nope.bib: cannot read the file")


def test_a_file_without_entries_is_an_error(tmp_path: Path) -> None:
    bib = write(tmp_path / "refs.bib", "just some notes, no entries\n")
    result = run(bib)
    assert result.exit_code == 1
    assert f"{bib}: no BibTeX entries found" in result.stderr


def test_an_invalid_into_profile_is_an_error_and_stays_as_it_was(tmp_path: Path) -> None:
    profile = write(tmp_path / "p.yaml", "person:\n  name: K\nworks:\n  - title: No key\n")
    bib = write(tmp_path / "refs.bib", RESNET)
    assert_fails(run(bib, "--into", profile), f"{profile}:4")
    assert profile.read_text("utf-8").endswith("No key\n")


def test_the_output_may_not_be_the_bibtex_input(tmp_path: Path) -> None:
    bib = write(tmp_path / "refs.bib", RESNET)
    result = run(bib, "--output", bib)
    assert result.exit_code == 1
    assert "it is the BibTeX input; importing never overwrites its input" in result.stderr
    assert bib.read_text("utf-8") == RESNET


# --- robustness -------------------------------------------------------------------------------

BIBTEX_PIECES = st.sampled_from(
    [
        "@article{",
        "@inproceedings{",
        "@misc{",
        "@string{",
        "@comment{",
        "}",
        "{",
        ",",
        "=",
        '"',
        "title",
        "author",
        "journal",
        "year",
        "month",
        "eprint",
        "archivePrefix",
        "doi",
        "url",
        " and ",
        "\\'",
        "\\",
        "$",
        "%",
        "#",
        "\n",
        " ",
        "2016",
        "jun",
        "arXiv",
        "x",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.lists(BIBTEX_PIECES, max_size=60).map("".join)))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = import_bibtex(text, "refs.bib", None)
    assert all(problem.file == "refs.bib" for problem in result.skipped)
    assert len(result.merge.profile.works) <= result.entries
