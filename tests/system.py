"""Real system parts for the tests: Debian packages installed on first use (CI starts
from a clean machine), free loopback ports, waiting for a server and stopping it by PID.

Tests that need a real program call ``ensure_program``; it installs the Debian package
when the program is missing and fails the test with the installer's output when it
cannot (a missing browser or server is a failure, not a skip)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

APT_TIMEOUT_SECONDS = 900


def _apt_get(*arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(
        ["apt-get", *arguments], capture_output=True, text=True, env=environment,
        timeout=APT_TIMEOUT_SECONDS, check=False,
    )  # fmt: skip


def install_debian_packages(packages: list[str]) -> str | None:
    """Install ``packages`` with apt-get; ``None`` on success, else the reason."""
    if shutil.which("apt-get") is None:
        return "apt-get is not available on this machine"
    if os.geteuid() != 0:
        return "installing Debian packages needs root"
    result = _apt_get("install", "-y", "-q", "--no-install-recommends", *packages)
    if result.returncode != 0:
        _apt_get("update", "-q")
        result = _apt_get("install", "-y", "-q", "--no-install-recommends", *packages)
    if result.returncode != 0:
        return f"apt-get install {' '.join(packages)} failed:\n{result.stderr[-2000:]}"
    return None


def ensure_program(program: str, packages: list[str], *, required: bool = True) -> Path:
    """The path of ``program``, installing the Debian ``packages`` that provide it first
    if needed. Fails the test (or skips it when ``required`` is false) when it cannot."""
    found = shutil.which(program)
    if found is None:
        reason = install_debian_packages(packages)
        found = shutil.which(program)
        if found is None:
            message = f"{program} is needed: {reason or 'not on PATH after install'}"
            if required:
                pytest.fail(message)
            pytest.skip(message)
    return Path(found)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_http(url: str, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Wait until ``url`` answers any HTTP status; fail if ``process`` exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with code {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"no answer from {url} within {timeout} s")


def stop_process(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Stop a server started by a fixture: SIGTERM to its PID, then SIGKILL."""
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)
