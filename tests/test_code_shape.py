"""The codebase keeps its shape: small modules and functions, no nested functions,
lint and type checks clean. These guard the architecture rules in the README."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "scholarld"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def test_modules_are_small() -> None:
    big = {
        str(p.relative_to(SRC)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not big, f"modules over {MAX_MODULE_LINES} lines: {big}"


def test_functions_are_small() -> None:
    long: dict[str, int] = {}
    for path in _modules():
        for fn in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            length = (fn.end_lineno or fn.lineno) - fn.lineno + 1
            if length > MAX_FUNCTION_LINES:
                long[f"{path.relative_to(SRC)}:{fn.name}"] = length
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_no_nested_functions() -> None:
    nested: list[str] = []
    for path in _modules():
        for fn in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            inner = [n.name for n in _functions(fn) if n is not fn]
            nested += [f"{path.relative_to(SRC)}:{fn.name}>{name}" for name in inner]
    assert not nested, f"nested functions (closures): {nested}"


def test_schema_org_is_https_only() -> None:
    offenders = [
        str(p.relative_to(SRC)) for p in _modules() if "http://schema.org/" in p.read_text("utf-8")
    ]
    assert not offenders, f"http://schema.org/ used (the graph uses https): {offenders}"


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "ruff", "check", "src", "tests", "benchmarks"],
        ["-m", "mypy"],
    ],
    ids=["ruff", "mypy"],
)
def test_static_checks_are_clean(command: list[str]) -> None:
    root = SRC.parents[1]
    args = [a for a in command if a != "benchmarks" or (root / "benchmarks").is_dir()]
    result = subprocess.run(
        [sys.executable, *args], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
