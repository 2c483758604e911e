"""``scholarld serve``'s command line: help, refusing a folder that is not a built site,
and the options handed to uvicorn (patched: no socket)."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner

from scholarld.cli import cli


def make_site(folder: Path, *, marker: bool = True, dump: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if marker:
        (folder / ".scholarld-site").write_text("")
    if dump:
        (folder / "dump").mkdir(exist_ok=True)
        (folder / "dump" / "all.nq.gz").write_bytes(b"")
    return folder


def test_help_names_every_option() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--site", "--host", "--port", "--query-timeout", "--max-results", "--workers"):
        assert option in result.output
    assert "303 See Other" in result.output
    assert "127.0.0.1" in result.output


@pytest.mark.parametrize(
    ("marker", "dump", "missing"),
    [
        (False, True, ".scholarld-site missing"),
        (True, False, "dump/all.nq.gz missing"),
        (False, False, ".scholarld-site and dump/all.nq.gz missing"),
    ],
)
def test_refuses_a_folder_that_is_not_a_built_site(
    tmp_path: Path, marker: bool, dump: bool, missing: str
) -> None:
    site = make_site(tmp_path / "public", marker=marker, dump=dump)
    result = CliRunner().invoke(cli, ["serve", "--site", str(site)])
    assert result.exit_code == 1
    assert f"Error: Cannot serve {site}: {site} is not a built site: {missing}" in result.stderr
    assert f"Run scholarld build --output {site} first" in result.stderr


def test_refuses_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--site", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'nowhere'} is not a folder" in result.stderr
    assert "Run scholarld build" in result.stderr


def test_binds_loopback_by_default_and_passes_limits(tmp_path: Path) -> None:
    site = make_site(tmp_path / "public")
    with mock.patch("scholarld.commands.serve_cmd._serve", autospec=True) as serve:
        result = CliRunner().invoke(
            cli, ["serve", "--site", str(site), "--port", "8123", "--query-timeout", "3",
                  "--max-results", "50", "--workers", "3"],
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    server, web_server, address = serve.call_args.args
    assert (web_server.config.host, web_server.config.port) == ("127.0.0.1", 8123)
    assert address == "http://127.0.0.1:8123/"
    assert (server.limits.query_timeout, server.limits.max_results) == (3.0, 50)
    assert server.limits.workers == 3
    assert server.root == site.resolve()


def test_a_broken_dump_stops_with_a_clear_error(tmp_path: Path) -> None:
    site = make_site(tmp_path / "public")
    (site / "dump" / "all.nq.gz").write_bytes(b"not gzip")
    result = CliRunner().invoke(cli, ["serve", "--site", str(site), "--port", "1"])
    assert result.exit_code == 1
    assert "Error: Cannot start a SPARQL query worker: " in result.stderr
    assert "all.nq.gz: Not a gzipped file" in result.stderr
    assert "rebuild the site with scholarld build" in result.stderr


@pytest.mark.parametrize(
    ("option", "value"), [("--workers", "0"), ("--max-results", "0"), ("--port", "70000")]
)
def test_bad_option_values_are_usage_errors(tmp_path: Path, option: str, value: str) -> None:
    site = make_site(tmp_path / "public")
    result = CliRunner().invoke(cli, ["serve", "--site", str(site), option, value])
    assert result.exit_code == 2
    assert option in result.stderr
