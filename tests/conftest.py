"""Shared fixtures: paths to the repository, its default data and the reference
vocabularies in ``../shared`` (read from disk, never fetched)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = REPO / "data"
SEED = SHARED / "seed" / "homepage-kaiming-he-2020.txt"
VOCAB = SHARED / "vocab"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.fail(f"the seed homepage is missing: {SEED} (../shared must sit beside the repo)")
    return SEED


@pytest.fixture(scope="session")
def vocab_dir() -> Path:
    if not VOCAB.is_dir():
        pytest.fail(f"the reference vocabularies are missing: {VOCAB}")
    return VOCAB
