"""read_site reads site.yaml and every profile, keeps YAML text as written, and reports
every problem with its file, line, field and fix."""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path

import pytest

from reader_helpers import CASES, MINIMAL, VALID, Case, make_data, only_problem, problems_of
from scholarld.errors import Problem, ProfileError
from scholarld.model import SiteConfig
from scholarld.profiles import read_site
from scholarld.profiles.reader import read_site_config, suggest_slug

REPO = Path(__file__).resolve().parents[1]


def test_reads_both_layouts_sorted_by_slug(tmp_path: Path) -> None:
    data = make_data(tmp_path, {"zoe.yaml": MINIMAL, "ada/profile.yaml": VALID, ".hidden": "x"})
    site = read_site(data)
    assert [p.slug for p in site.profiles] == ["ada", "zoe"]
    assert site.profiles[0].path == data / "people" / "ada" / "profile.yaml"
    assert site.profiles[0].profile.works[0].authors[1].equal_contribution is True
    assert site.config == SiteConfig()
    assert site.data_dir == data


def test_reads_site_config(tmp_path: Path) -> None:
    site_yaml = "base_iri: https://people.example.org/\ntitle: Lab\nmodified: 2020-05-01\n"
    site = read_site(make_data(tmp_path, {"ada.yaml": MINIMAL}, site=site_yaml))
    assert site.config.base_iri == "https://people.example.org/"
    assert site.config.title == "Lab"
    assert site.config.modified == "2020-05-01"


def test_committed_site_config_is_the_documented_default() -> None:
    config, problems = read_site_config(REPO / "data" / "site.yaml")
    assert problems == []
    assert config == SiteConfig(title="Kaiming He")


def test_empty_people_folder_reads_no_profiles(tmp_path: Path) -> None:
    assert read_site(make_data(tmp_path, {})).profiles == ()


def test_yaml_1_1_words_stay_text(tmp_path: Path) -> None:
    text = VALID.replace("title: A Title", "title: No").replace(
        "year: 2019", 'year: "2019"\n        month: 05'
    )
    text += "    notes: [2019-05-01, 1:20, on, 0x1F, 1e3]\n"
    profile = read_site(make_data(tmp_path, {"ada.yaml": text})).profiles[0].profile
    work = profile.works[0]
    assert work.title == "No"
    assert work.notes == ["2019-05-01", "1:20", "on", "0x1F", "1e3"]
    assert (work.versions[0].year, work.versions[0].month) == (2019, 5)


def test_null_and_booleans_follow_the_model(tmp_path: Path) -> None:
    text = VALID.replace("equal_contribution: true", "equal_contribution: yes")
    text = text.replace("year: 2019", "year: ~")
    work = read_site(make_data(tmp_path, {"ada.yaml": text})).profiles[0].profile.works[0]
    assert work.authors[1].equal_contribution is True
    assert work.versions[0].year is None


def test_anchors_and_aliases_are_allowed(tmp_path: Path) -> None:
    text = VALID.replace("authors: [", "authors: &team [") + "    links: []\n"
    text = text.replace("        year: 2019\n", "        year: 2019\n        authors: *team\n")
    work = read_site(make_data(tmp_path, {"ada.yaml": text})).profiles[0].profile.works[0]
    assert work.versions[0].authors == work.authors


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    data = make_data(tmp_path, {"ada.yaml": b"\xef\xbb\xbf" + MINIMAL.encode()})
    assert read_site(data).profiles[0].profile.person.name == "Ada Example"


def test_every_problem_in_every_file_is_reported_once(tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {"ada.yaml": "person: {nmae: x}\n", "bo.yaml": "", "cy.yaml": MINIMAL},
        site="titel: x\n",
    )
    problems = problems_of(data)
    assert [(Path(p.file).name, p.line, p.field) for p in problems] == [
        ("ada.yaml", 1, "person.name"),
        ("ada.yaml", 1, "person.nmae"),
        ("bo.yaml", None, None),
        ("site.yaml", 1, "titel"),
    ]


def test_exact_message_names_file_line_field_and_fix(tmp_path: Path) -> None:
    text = VALID.replace("year: 2019", "year: 20l6")
    problem = only_problem(make_data(tmp_path, {"ada.yaml": text}))
    assert str(problem) == (
        f"{tmp_path}/data/people/ada.yaml:13: works[0].versions[0].year: "
        "'20l6' is not a year (write a four-digit year such as 2016)"
    )


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_problem_is_located_and_explained(tmp_path: Path, case: Case) -> None:
    _, files, line, field, message, fix = case
    problem = only_problem(make_data(tmp_path, files))
    assert (problem.line, problem.field) == (line, field), str(problem)
    assert message in problem.message, str(problem)
    if fix is not None:
        assert problem.fix is not None and fix in problem.fix, str(problem)
    assert problem.file.startswith(str(tmp_path / "data" / "people")), str(problem)


def test_site_config_problems_are_located(tmp_path: Path) -> None:
    data = make_data(tmp_path, {"ada.yaml": MINIMAL}, site="title: x\nbase_iri: http://x.org\n")
    problem = only_problem(data)
    assert problem == Problem(
        str(data / "site.yaml"),
        2,
        "base_iri",
        "'http://x.org' is not in the expected form",
        "write an http(s) IRI ending with /, e.g. http://localhost:8000/",
    )


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data(tmp_path, {"ada.yaml": MINIMAL})
    original = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "ada.yaml":
            raise PermissionError(13, "Permission denied")
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    problem = only_problem(data)
    assert problem.message == "cannot read the file: permission denied"
    assert problem.fix is not None and "chmod u+r" in problem.fix


def test_missing_data_and_people_folders(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "nowhere")
    assert (problem.message, problem.fix) == (
        "no such data folder",
        "run from the folder that holds data/, or pass --data PATH",
    )
    (tmp_path / "data").mkdir()
    assert only_problem(tmp_path / "data").message == "no people folder"


def test_references_are_checked_after_the_fields(tmp_path: Path) -> None:
    text = VALID.replace("venue: CVPR", "venue: ICCV").replace("A Title", "''")
    problem = only_problem(make_data(tmp_path, {"ada.yaml": text}))
    assert problem.field == "works[0].title"


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Kaiming_He", "kaiming-he"), ("Piotr Dollár", "piotr-dollar"), ("何", "your-name")],
)
def test_suggest_slug(name: str, slug: str) -> None:
    assert suggest_slug(name) == slug


@pytest.mark.parametrize("content", [MINIMAL, "person: {}\n"], ids=["valid", "invalid"])
def test_garbage_collector_state_is_restored(tmp_path: Path, content: str) -> None:
    data = make_data(tmp_path, {"ada.yaml": content})
    assert gc.isenabled()
    with contextlib.suppress(ProfileError):
        read_site(data)
    assert gc.isenabled()
    gc.disable()
    try:
        with contextlib.suppress(ProfileError):
            read_site(data)
        assert not gc.isenabled(), "read_site must not enable a collector the caller disabled"
    finally:
        gc.enable()


def test_names_differing_only_in_case_are_the_same_slug(tmp_path: Path) -> None:
    data = make_data(tmp_path, {"ada.yaml": MINIMAL, "Ada.yaml": MINIMAL})
    people = data / "people"
    assert [str(problem) for problem in problems_of(data)] == [
        f"{people}/Ada.yaml: 'Ada' is not a valid profile name (lowercase letters, digits, "
        "hyphens) (rename it to use the slug 'ada')",
        f"{people}/ada.yaml: a second profile for 'ada'; {people}/Ada.yaml has the same slug "
        "(keep one of the two files)",
    ]
