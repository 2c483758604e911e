"""The ``scholarld`` program ends with ``os._exit`` after flushing its output
(``cli.main``): what it prints and its exit status are those of the click command, and
output written to a pipe arrives whole."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sample_profiles import write_sample_data
from scholarld.cli import cli, exit_status, flush_output


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    return write_sample_data(tmp_path)


def program(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "scholarld", *args], capture_output=True)


def test_piped_output_equals_the_commands_output(data_dir: Path) -> None:
    args = ["--data", str(data_dir), "export", "--no-validate", "-f", "nt"]
    in_process = CliRunner().invoke(cli, args)
    done = program(*args)
    assert (done.returncode, done.stdout) == (0, in_process.stdout_bytes)
    assert done.stdout.count(b"\n") > 50


@pytest.mark.parametrize(
    ("args", "status", "says"),
    [
        (["--version"], 0, b""),
        (["export", "--format", "png"], 1, b"png"),  # an error of scholarld's
        (["export", "--no-such-option"], 2, b"No such option"),  # a usage error of click's
    ],
)
def test_exit_status_and_message_are_the_commands(
    data_dir: Path, args: list[str], status: int, says: bytes
) -> None:
    done = program("--data", str(data_dir), *args)
    assert done.returncode == status
    assert says in done.stderr


def test_exit_status_follows_python() -> None:
    assert [exit_status(None), exit_status(0), exit_status(3)] == [0, 0, 3]


def test_a_text_exit_code_is_printed_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_status("stopped") == 1
    assert capsys.readouterr().err == "stopped\n"


class _ClosedPipe(io.StringIO):
    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_output_is_flushed(monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = io.StringIO(), io.StringIO()
    flushed: list[str] = []
    monkeypatch.setattr(out, "flush", lambda: flushed.append("out"))
    monkeypatch.setattr(err, "flush", lambda: flushed.append("err"))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert flush_output(0) == 0
    assert flushed == ["out", "err"]


def test_a_closed_pipe_fails_a_successful_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert flush_output(0) == 120
    assert flush_output(1) == 1


def test_under_a_profiler_the_process_exits_as_usual(tmp_path: Path) -> None:
    """cProfile writes its statistics at exit: ``os._exit`` would lose them."""
    stats = tmp_path / "profile.out"
    command = [sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "scholarld", "--version"]
    done = subprocess.run(command, capture_output=True)
    assert done.returncode == 0
    assert stats.stat().st_size > 0
