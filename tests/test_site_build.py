"""``scholarld build`` end to end: the layout of the shared site contract, byte-identical
re-runs (also across processes), validation before writing, the atomic swap, and every
refusal (message, exit code 1, nothing changed)."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sample_profiles import write_sample_data
from scholarld.cli import cli
from scholarld.site import build as build_module
from scholarld.site import dumps as dumps_module
from scholarld.site.swap import MARKER

REPO = Path(__file__).resolve().parents[1]
SHAPES_PREFIXES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
"""
PASSING_SHAPE = (
    SHAPES_PREFIXES
    + """<https://example.org/shapes#Named> a sh:NodeShape ;
    sh:targetClass schema:Person ;
    sh:property [ sh:path schema:name ; sh:minCount 1 ; sh:message "A person needs a name." ] .
"""
)
FAILING_SHAPE = (
    SHAPES_PREFIXES
    + """<https://example.org/shapes#NeedsEmail> a sh:NodeShape ;
    sh:targetClass schema:Person ;
    sh:property [ sh:path schema:email ; sh:minCount 1 ;
                  sh:message "Every person needs an email (test shape)." ] .
"""
)
WARNING_SHAPE = (
    SHAPES_PREFIXES
    + """<https://example.org/shapes#WantsEmail> a sh:NodeShape ;
    sh:targetNode <http://localhost:8000/person/alice-author> ;
    sh:property [ sh:path schema:email ; sh:minCount 1 ; sh:severity sh:Warning ;
                  sh:message "Alice could use an email (test shape)." ] .
"""
)
SUMMARY = re.compile(
    r"^built (\d+) people, (\d+) works, (\d+) pages, (\d+) triples, (\d+) warnings "
    r"in \d+\.\d\d s → (.+)$"
)


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    return write_sample_data(tmp_path)


def shapes_dir(tmp_path: Path, *shapes: str) -> Path:
    folder = tmp_path / "shapes"
    folder.mkdir(exist_ok=True)
    for number, text in enumerate(shapes):
        (folder / f"test{number}.ttl").write_text(text, encoding="utf-8")
    return folder


def build(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--data", str(data_dir), "build", *args])


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path, with its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def state(folder: Path) -> dict[str, bytes]:
    """Everything in ``folder`` but the validation cache, to assert nothing changed."""
    return {name: data for name, data in tree(folder).items() if ".scholarld-cache" not in name}


def assert_same_tree(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second), "the builds wrote different files"
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"files differ between the builds: {differing[:10]}"


def test_build_writes_the_site_layout(data_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "public"
    result = build(data_dir, "--output", str(output), "--no-validate")
    assert result.exit_code == 0, result.output
    files = tree(output)
    for name in (
        "index.html", "sitemap.xml", "robots.txt", ".htaccess", ".nginx.conf", MARKER,
        ".nojekyll", ".well-known/void", "dump/all.ttl", "dump/all.nt.gz", "dump/all.nq.gz",
        "dump/all.jsonld", "person/alice-author.html", "person/bob-builder.ttl",
        "work/alice2016deep.jsonld", "venue/cvpr.html", "dataset.ttl",
    ):  # fmt: skip
        assert name in files, f"{name} is missing; written: {sorted(files)}"
    documents = {name.rsplit(".", 1)[0] for name in files if name.endswith(".ttl")}
    documents.discard("dump/all")
    for document in documents:
        for extension in ("html", "ttl", "jsonld"):
            assert f"{document}.{extension}" in files, f"{document}.{extension} is missing"
    assert not any(name.startswith(".public.") for name in os.listdir(tmp_path))


def test_summary_line_counts_what_was_built(data_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "public"
    result = build(data_dir, "-o", str(output), "--no-validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    match = SUMMARY.match(result.stderr.strip().splitlines()[-1])
    assert match is not None, result.stderr
    people, works, pages, triples, warnings, where = match.groups()
    html_pages = [name for name in tree(output) if name.endswith(".html")]
    assert (people, works, warnings, where) == ("2", "1", "0", str(output))
    assert int(pages) == len(html_pages)
    nt = gzip.decompress((output / "dump" / "all.nt.gz").read_bytes())
    assert int(triples) == nt.count(b"\n")


def test_rebuild_is_byte_identical_across_processes(data_dir: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert build(data_dir, "-o", str(first), "--no-validate").exit_code == 0
    command = [sys.executable, "-m", "scholarld", "--data", str(data_dir), "build"]
    subprocess.run([*command, "-o", str(second), "--no-validate"], check=True, capture_output=True)
    assert_same_tree(tree(first), tree(second))
    again = build(data_dir, "-o", str(first), "--no-validate")  # over the previous site
    assert again.exit_code == 0, again.output
    assert_same_tree(tree(first), tree(second))


def test_build_validates_with_the_shapes(data_dir: Path, tmp_path: Path) -> None:
    shapes = shapes_dir(tmp_path, PASSING_SHAPE)
    result = build(data_dir, "-o", str(tmp_path / "public"), "--shapes", str(shapes))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "public" / "index.html").is_file()


def built_site(data_dir: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    output = tmp_path / "public"
    result = build(data_dir, "-o", str(output), "--no-validate")
    assert result.exit_code == 0, result.output
    return output, state(tmp_path)


def test_validation_failure_keeps_the_previous_site(data_dir: Path, tmp_path: Path) -> None:
    output, before = built_site(data_dir, tmp_path)
    shapes = shapes_dir(tmp_path, FAILING_SHAPE)
    before = state(tmp_path)
    result = build(data_dir, "-o", str(output), "--shapes", str(shapes))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: The data does not conform to the SHACL shapes (")
    assert "Every person needs an email (test shape)." in result.stderr
    assert "use --no-validate to write anyway" in result.stderr
    assert state(tmp_path) == before


def test_warnings_are_printed_and_counted(data_dir: Path, tmp_path: Path) -> None:
    shapes = shapes_dir(tmp_path, WARNING_SHAPE)
    result = build(data_dir, "-o", str(tmp_path / "public"), "--shapes", str(shapes))
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("WARNING  <http://localhost:8000/person/alice-author>")
    assert "Alice could use an email (test shape)." in lines[0]
    match = SUMMARY.match(lines[-1])
    assert match is not None and match.group(5) == "1"


def test_strict_fails_on_warnings_and_keeps_the_previous_site(
    data_dir: Path, tmp_path: Path
) -> None:
    output, _ = built_site(data_dir, tmp_path)
    shapes = shapes_dir(tmp_path, WARNING_SHAPE)
    before = state(tmp_path)
    result = build(data_dir, "-o", str(output), "--shapes", str(shapes), "--strict")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: The data does not conform to the SHACL shapes (0 violations, 1 warning"
    )
    assert result.stderr.rstrip().endswith("(--strict fails on warnings too.)")
    assert state(tmp_path) == before


def test_unreadable_profile_keeps_the_previous_site(data_dir: Path, tmp_path: Path) -> None:
    output, _ = built_site(data_dir, tmp_path)
    (data_dir / "people" / "bob-builder.yaml").write_text("person:\n  nmae: Bob\n")
    before = state(tmp_path)
    result = build(data_dir, "-o", str(output), "--no-validate")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Cannot read the profiles (")
    assert "bob-builder.yaml" in result.stderr
    assert state(tmp_path) == before


def test_a_failure_while_writing_keeps_the_previous_site(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output, _ = built_site(data_dir, tmp_path)
    before = state(tmp_path)

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dumps_module, "write_dump", full_disk)
    result = build(data_dir, "-o", str(output), "--no-validate")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: Cannot write {output}: no space left on device "
        "(check the path and its permissions)\n"
    )
    assert state(tmp_path) == before
    assert sorted(os.listdir(tmp_path)) == ["data", "public"]


OUTPUT_REFUSALS = {
    "file": "it is a file; give a folder for the site, e.g. public",
    "root": "it is the root folder; give a folder such as public",
    "data": "it is the input folder {data}; give a folder such as public",
    "parent-of-data": (
        "it contains the input folder {data}, which a build would delete; "
        "give a folder such as public"
    ),
    "foreign": (
        "the folder exists, is not empty and was not written by scholarld build (it has no "
        ".scholarld-site file); a build replaces the whole folder, so give a new or empty "
        "folder as --output, or delete this one yourself"
    ),
    "symlink": "it is a symbolic link; give the real folder as --output",
    "missing-parent": "the folder {missing} does not exist; create it first",
}


def refused_output(case: str, tmp_path: Path, data_dir: Path) -> Path:
    """The --output of each refusal case, prepared in ``tmp_path``."""
    if case == "file":
        (tmp_path / "site.html").write_text("mine\n")
        return tmp_path / "site.html"
    if case == "foreign":
        (tmp_path / "mine").mkdir()
        (tmp_path / "mine" / "thesis.tex").write_text("precious\n")
        return tmp_path / "mine"
    if case == "symlink":
        (tmp_path / "real").mkdir()
        (tmp_path / "link").symlink_to(tmp_path / "real")
        return tmp_path / "link"
    return {
        "root": Path("/"),
        "data": data_dir,
        "parent-of-data": tmp_path,
        "missing-parent": tmp_path / "missing" / "public",
    }[case]


@pytest.mark.parametrize("case", sorted(OUTPUT_REFUSALS))
def test_output_refusals(case: str, data_dir: Path, tmp_path: Path) -> None:
    output = refused_output(case, tmp_path, data_dir)
    before = state(tmp_path)
    result = build(data_dir, "-o", str(output), "--no-validate")
    reason = OUTPUT_REFUSALS[case].format(data=data_dir, missing=tmp_path / "missing")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: Cannot write {output}: {reason}\n"
    assert state(tmp_path) == before


def test_templates_folder_is_an_input_too(data_dir: Path, tmp_path: Path) -> None:
    templates = tmp_path / "public" / "templates"
    templates.mkdir(parents=True)
    output = tmp_path / "public"
    result = build(data_dir, "-o", str(output), "--templates", str(templates), "--no-validate")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: Cannot write {tmp_path / 'public'}: it contains the input folder "
        f"{templates}, which a build would delete; give a folder such as public\n"
    )


def test_an_empty_existing_folder_is_accepted(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "public").mkdir()
    result = build(data_dir, "-o", str(tmp_path / "public"), "--no-validate")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "public" / MARKER).is_file()
    assert (tmp_path / "public").stat().st_mode & 0o755 == 0o755  # readable by a web server


def test_progress_bar_on_request_only(data_dir: Path, tmp_path: Path) -> None:
    shown = build(data_dir, "-o", str(tmp_path / "a"), "--no-validate", "--progress")
    hidden = build(data_dir, "-o", str(tmp_path / "b"), "--no-validate", "--no-progress")
    default = build(data_dir, "-o", str(tmp_path / "c"), "--no-validate")  # not a terminal
    assert shown.exit_code == hidden.exit_code == default.exit_code == 0
    assert "Writing pages" in shown.stderr
    assert "Writing pages" not in hidden.stderr
    assert "Writing pages" not in default.stderr


def test_timings_list_every_stage(data_dir: Path, tmp_path: Path) -> None:
    result = build(data_dir, "-o", str(tmp_path / "public"), "--no-validate", "--timings")
    assert result.exit_code == 0, result.output
    names = [re.split(r"\s{2,}", line.strip())[0] for line in result.stderr.splitlines()[:-1]]
    assert names[:4] == ["read+graph", "validate", "group", "pages + rdf"]
    tasks = {name.removesuffix(" (beside)") for name in names[4:]}
    assert {"dump/all.ttl", "dump/all.nt.gz", "dump/all.nq.gz", "dump/all.jsonld", "void"} <= tasks
    assert any(name.startswith("document rdf 1/") for name in tasks)


def test_build_help_names_every_option() -> None:
    result = CliRunner().invoke(cli, ["build", "--help"])
    assert result.exit_code == 0
    for option in ("--output", "--strict", "--no-validate", "--templates", "--progress"):
        assert option in result.output


def test_build_site_api_matches_the_contract(data_dir: Path, tmp_path: Path) -> None:
    request = build_module.BuildRequest(data_dir=data_dir, output=tmp_path / "out", validate=False)
    summary = build_module.build_site(request)
    assert (summary.people, summary.works, summary.warnings) == (2, 1, 0)
    assert summary.pages == len(list((tmp_path / "out").rglob("*.html")))
    assert summary.triples > 0 and summary.seconds > 0
