"""``scholarld import homepage``: printing, writing, and every error path."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from scholarld.cli import cli

PAGE = "Bo Li\n\nPublications\n\nA Paper\nBo Li\nCVPR 2019\n\nFOO 2019\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def page(tmp_path: Path, text: str = PAGE) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_help() -> None:
    code, out, _ = run("import", "homepage", "--help")
    assert code == 0
    assert "Convert the plain text of an academic homepage (FILE) into a profile" in out
    assert "--slug" in out and "--output" in out


def test_prints_yaml_and_reports_unparsed_lines_on_stderr(tmp_path: Path) -> None:
    source = page(tmp_path)
    code, out, err = run("import", "homepage", str(source))
    assert code == 0
    assert out.startswith("# A scholarld profile")
    assert "key: li2019paper" in out
    assert err == (
        f"{source}:9: not imported (not a publication entry: a title line must be followed by "
        "an author line or a venue line such as 'Conference Name (ACRONYM), 2019'): FOO 2019\n"
    )


def test_output_writes_the_same_text(tmp_path: Path) -> None:
    source = page(tmp_path)
    target = tmp_path / "bo.yaml"
    _, printed, _ = run("import", "homepage", str(source))
    code, out, err = run("import", "homepage", str(source), "--output", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8") == printed
    assert err.endswith(f"Wrote {target} (1 works)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bo.yaml", "page.txt"]


def test_slug_writes_into_the_data_folder(tmp_path: Path) -> None:
    source = page(tmp_path)
    (tmp_path / "data" / "people").mkdir(parents=True)
    code, _, _ = run(
        "--data", str(tmp_path / "data"), "import", "homepage", str(source), "--slug", "bo-li"
    )
    assert code == 0
    assert (tmp_path / "data" / "people" / "bo-li.yaml").read_text("utf-8").startswith("# A ")


def test_bad_slug_and_both_targets_are_usage_errors(tmp_path: Path) -> None:
    source = page(tmp_path)
    code, _, err = run("import", "homepage", str(source), "--slug", "Bo Li")
    assert code == 2
    assert err.endswith(
        "Error: Invalid value for --slug: 'Bo Li' is not a slug: use lowercase letters, "
        "digits and single hyphens, e.g. kaiming-he\n"
    )
    code, _, err = run("import", "homepage", str(source), "--slug", "bo", "-o", "x.yaml")
    assert code == 2
    assert "Error: give either --slug or --output, not both" in err


def test_unwritable_output_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    source = page(tmp_path)
    target = tmp_path / "missing" / "bo.yaml"
    code, out, err = run("import", "homepage", str(source), "--output", str(target))
    assert (code, out) == (1, "")
    assert err.endswith(
        f"Error: Cannot write {target}: the folder {target.parent} does not exist; "
        "create it first\n"
    )
    assert not target.parent.exists()


def test_output_over_the_input_is_refused(tmp_path: Path) -> None:
    source = page(tmp_path)
    code, _, err = run("import", "homepage", str(source), "--output", str(source))
    assert code == 1
    assert err == (
        f"Error: Cannot write {source}: it is the input file; importing never overwrites "
        "its input\n"
    )
    assert source.read_text(encoding="utf-8") == PAGE


def test_non_utf8_input_names_the_file_line_and_offset(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes("Bo Li\nJos\xe9 M\xfcller\n".encode("latin-1"))
    code, out, err = run("import", "homepage", str(source))
    assert (code, out) == (1, "")
    assert err == (
        "Error: Cannot import (1 problem); nothing was written:\n"
        f"  {source}:2: not UTF-8 text: byte 0xe9 at offset 9 cannot be decoded "
        "(save the file as UTF-8, e.g. iconv -f latin1 -t utf-8)\n"
    )


def test_empty_input_is_an_error(tmp_path: Path) -> None:
    source = page(tmp_path, " \n\t\n")
    code, _, err = run("import", "homepage", str(source))
    assert code == 1
    assert f"{source}: the text is empty: there is no name line" in err


def test_missing_file_is_clicks_error(tmp_path: Path) -> None:
    code, _, err = run("import", "homepage", str(tmp_path / "nope.txt"))
    assert code == 2
    assert "does not exist" in err
