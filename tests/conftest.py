"""Test configuration shared by every test: headless Qt, and every directory redirected per test.

Nothing a test does may touch the user's real data directory or keyring (qutebrowser's habit).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: the tests are headless everywhere, CI included.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("MODERATOR_DATA_DIR", None)

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_PLATFORMS = (REPO_ROOT / ".." / "shared" / "platforms").resolve()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """Every test gets its own data directory (the --data-dir override)."""
    from moderator import paths

    path = tmp_path / "data"
    paths.set_data_dir(path)
    yield path
    paths.set_data_dir(None)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[object]:
    from moderator.store import Store

    s = Store(tmp_path / "store.sqlite3")
    yield s
    s.close()
