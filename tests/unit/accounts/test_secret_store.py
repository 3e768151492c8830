"""No usable keyring: say so plainly; keep a key in memory for this session only when the user accepts."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import null

from moderator import secrets
from tests.helpers.memory_keyring import MemoryKeyring, memory_keyring, no_keyring

ACME = secrets.SecretOwner.of("a-data-dir", "acme", "https://forum.acme.org")


def test_memory_keyring_is_this_tests_own(keyring_backend: MemoryKeyring) -> None:
    assert keyring.get_keyring() is keyring_backend
    secrets.set_secret(ACME, "user_key", "s1")
    assert secrets.get_secret(ACME, "user_key") == "s1"
    with memory_keyring() as inner:
        assert secrets.get_secret(ACME, "user_key") is None  # nested: isolated again
        assert inner is keyring.get_keyring()
    assert keyring.get_keyring() is keyring_backend


def test_keyrings_do_not_leak_between_tests(keyring_backend: MemoryKeyring) -> None:
    assert keyring_backend.passwords == {}


def test_no_keyring_is_said_plainly() -> None:
    with no_keyring():
        assert secrets.keyring_problem() is not None
        with pytest.raises(secrets.SecretStoreUnavailable, match="keyring is not available"):
            secrets.set_secret(ACME, "user_key", "s1")
        with pytest.raises(secrets.SecretStoreUnavailable):
            secrets.get_secret(ACME, "user_key")


def test_the_null_backend_counts_as_no_keyring() -> None:
    """It would accept the key and silently lose it."""
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    try:
        with pytest.raises(secrets.SecretStoreUnavailable):
            secrets.set_secret(ACME, "user_key", "s1")
    finally:
        keyring.set_keyring(previous)


def test_session_only_after_explicit_consent() -> None:
    with no_keyring():
        secrets.allow_session_only(True)
        secrets.set_secret(ACME, "user_key", "s1")
        assert secrets.session_only()
        assert secrets.get_secret(ACME, "user_key") == "s1"
        secrets.delete_secret(ACME, "user_key")
        assert secrets.get_secret(ACME, "user_key") is None
        secrets.set_secret(ACME, "user_key", "s2")
        secrets.allow_session_only(False)  # forgetting the consent forgets the keys
        with pytest.raises(secrets.SecretStoreUnavailable):
            secrets.get_secret(ACME, "user_key")


def test_session_only_keys_never_reach_a_file(tmp_path: Path, data_dir: Path) -> None:
    with no_keyring():
        secrets.allow_session_only(True)
        secrets.set_secret(ACME, "user_key", "session-secret-77")
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"session-secret-77" not in path.read_bytes()
