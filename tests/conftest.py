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


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[object]:
    """Every test gets its own in-memory keyring: no test reads or writes the real one."""
    import keyring

    from tests.helpers.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[object]:
    from moderator.store import Store

    s = Store(tmp_path / "store.sqlite3")
    yield s
    s.close()
