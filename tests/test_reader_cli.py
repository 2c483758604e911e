"""``scholarld check``: exit 0 with a summary, or exit 1 printing every problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reader_helpers import CASES, MINIMAL, VALID, Case, make_data
from scholarld.cli import cli

HEADER = "Error: Cannot read the profiles ({count}); nothing was written:\n"


def _check(data: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--data", str(data), "check"])
    return result.exit_code, result.stdout, result.stderr


def test_check_reports_success(tmp_path: Path) -> None:
    code, out, err = _check(make_data(tmp_path, {"ada.yaml": VALID, "bo.yaml": MINIMAL}))
    assert (code, err) == (0, "")
    assert out == f"{tmp_path / 'data'}: 2 profiles, 1 works; no problems found.\n"


def test_check_help() -> None:
    result = CliRunner().invoke(cli, ["check", "--help"])
    assert result.exit_code == 0
    assert "Read and validate every profile file; exit 0 or print every problem." in result.stdout


def test_check_prints_every_problem_and_exits_1(tmp_path: Path) -> None:
    data = make_data(tmp_path, {"ada.yaml": VALID.replace("year: 2019", "year: 20l6"),
                                "bo.yaml": "person: {nmae: Bo}\n"})
    code, out, err = _check(data)
    people = data / "people"
    assert (code, out) == (1, "")
    assert err == (
        HEADER.format(count="3 problems")
        + f"  {people}/ada.yaml:13: works[0].versions[0].year: '20l6' is not a year"
        " (write a four-digit year such as 2016)\n"
        f"  {people}/bo.yaml:1: person.name: required field 'name' is missing"
        " (add name: ... here)\n"
        f"  {people}/bo.yaml:1: person.nmae: unknown field 'nmae' (did you mean 'name'?)\n"
    )


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.yaml": "person:\n  name: [x\n"}, "a.yaml:3: YAML syntax error, column 1:"),
        ({"a.yaml": MINIMAL + "  name: B\n"}, "a.yaml:3: person.name: field 'name' is written"),
        ({"a.yaml": b"\xff\xfe"}, "a.yaml:1: the file is encoded as UTF-16, not UTF-8"),
        ({"a.yaml": b"name: \xe9"}, "a.yaml:1: the file is not UTF-8: byte 0xE9 at offset 6"),
        ({"a.yaml": ""}, "a.yaml: the file is empty"),
        ({"a.yaml": "[1]"}, "a.yaml:1: the file must hold fields (a mapping), not a list"),
        ({"A b.yaml": MINIMAL}, "A b.yaml: 'A b' is not a valid profile name"),
        ({"a.yaml": MINIMAL, "a/profile.yaml": MINIMAL}, "a second profile for 'a'"),
        ({"a.yaml": VALID.replace("venue: CVPR", "venue: X")},
         "a.yaml:12: works[0].versions[0].venue: work 'example2019' names venue 'X'"),
    ],
    ids=["syntax", "duplicate-key", "utf16", "latin1", "empty", "list", "slug", "same-slug",
         "reference"],
)
def test_check_error_paths(tmp_path: Path, files: dict[str, str | bytes], expected: str) -> None:
    code, out, err = _check(make_data(tmp_path, files))
    assert (code, out) == (1, "")
    assert err.startswith(HEADER.format(count="1 problem")), err
    assert expected in err, err


def test_check_bad_site_config(tmp_path: Path) -> None:
    code, _, err = _check(make_data(tmp_path, {"a.yaml": MINIMAL}, site="language: 12\n"))
    assert code == 1
    assert "site.yaml:1: language: 12 is not in the expected form (write a BCP 47" in err


def test_check_missing_data_folder(tmp_path: Path) -> None:
    code, _, err = _check(tmp_path / "missing")
    assert code == 1
    assert f"{tmp_path / 'missing'}: no such data folder (run from the folder" in err


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_check_exits_1_on_every_error_path(tmp_path: Path, case: Case) -> None:
    _, files, line, field, message, fix = case
    code, out, err = _check(make_data(tmp_path, files))
    assert (code, out) == (1, "")
    assert err.startswith(HEADER.format(count="1 problem")), err
    where = f":{line}:" if line is not None else ":"
    located = f"{where} {field}: " if field is not None else f"{where} "
    problem_line = err.splitlines()[1]
    assert located in problem_line, err
    assert message in problem_line, err
    assert fix is None or fix in problem_line, err
