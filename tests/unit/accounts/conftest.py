"""Every accounts test gets its own in-memory keyring, put back afterwards, and no session-only keys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from moderator import secrets
from tests.helpers.memory_keyring import MemoryKeyring, memory_keyring


@pytest.fixture(autouse=True)
def keyring_backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend
    secrets.allow_session_only(False)
