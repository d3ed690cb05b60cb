"""Shared fixtures: a temporary store, the CLI runner, paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import store

TESTS = Path(__file__).parent
ROOT = TESTS.parent
EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh store file in a temporary folder."""
    path = tmp_path / "rivalscope.db"
    # Closed at once: an open WAL connection collected at some later moment would remove its
    # -wal/-shm files in the middle of a test that compares the folder's files.
    store.open_db(path).close()
    return path


@pytest.fixture
def db(db_path: Path):
    return store.open_db(db_path)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()

# The site's fixtures (app, client, live_server, a filled store) live in their own module.
pytest_plugins = ["site_fixtures"]
