"""Account secrets live in the operating system's keyring, never in the database or a plain file.

A thin wrapper, so that the rest of the app has one vocabulary (``community name`` + ``kind``, e.g.
``"user_api_key"``) and one typed error when no keyring can be used: the GUI then explains how to get one
(on Linux: an unlocked Secret Service such as gnome-keyring) instead of silently storing the key
elsewhere. Nothing here logs a secret, not even its length.
"""

from __future__ import annotations

import logging
import threading

import keyring
import keyring.errors

SERVICE = "community-moderator"

log = logging.getLogger(__name__)

# Session-only fallback: with no usable keyring, and only after the user explicitly accepted it
# (``allow_session_only()``), secrets are kept in this process's memory and die with it. Never a file.
_session_only = False
_session_secrets: dict[str, str] = {}
_session_lock = threading.Lock()


class SecretStoreUnavailable(Exception):
    """No usable keyring backend: the secret can be neither read nor saved."""

    def __init__(self, detail: str = "") -> None:
        self.message = (
            "The system keyring is not available, so account keys cannot be stored safely. On Linux, "
            "install and unlock a Secret Service (for example gnome-keyring), then try again."
        )
        self.detail = detail
        super().__init__(self.message)


def _username(community_name: str, kind: str) -> str:
    return f"{community_name}:{kind}"


def keyring_problem() -> str | None:
    """Why the active keyring cannot keep a secret (None when it can).

    keyring picks the "fail" backend when nothing is usable (every call raises) and the "null"
    backend when told to (every call silently does nothing, which would lose a key without a word),
    so both count as no keyring at all.
    """
    backend = keyring.get_keyring()
    module = type(backend).__module__
    if module.endswith((".fail", ".null")):
        return f"no usable keyring backend ({module.rsplit('.', 1)[-1]})"
    if module.endswith(".chainer") and not getattr(backend, "backends", None):
        return "no usable keyring backend (empty chain)"
    return None


def allow_session_only(allowed: bool = True) -> None:
    """The user accepted keeping keys in memory for this session only (no keyring). False forgets them."""
    global _session_only
    with _session_lock:
        _session_only = allowed
        if not allowed:
            _session_secrets.clear()


def session_only() -> bool:
    """True while keys are kept in memory for this session because there is no keyring."""
    return _session_only


def get_secret(community_name: str, kind: str) -> str | None:
    """The stored secret, or None if there is none."""
    with _session_lock:
        kept = _session_secrets.get(_username(community_name, kind))
    if kept is not None:
        return kept
    problem = keyring_problem()
    if problem is not None:
        if _session_only:
            return None
        raise SecretStoreUnavailable(problem)
    try:
        return keyring.get_password(SERVICE, _username(community_name, kind))
    except keyring.errors.KeyringError as exc:  # NoKeyringError, InitError, KeyringLocked...
        if _session_only:
            return None
        raise SecretStoreUnavailable(type(exc).__name__) from None


def set_secret(community_name: str, kind: str, secret: str) -> None:
    problem = keyring_problem()
    if problem is None:
        try:
            keyring.set_password(SERVICE, _username(community_name, kind), secret)
        except keyring.errors.KeyringError as exc:
            problem = type(exc).__name__
        else:
            log.info("Stored the %s of %s in the keyring", kind, community_name)
            return
    if not _session_only:
        raise SecretStoreUnavailable(problem)
    with _session_lock:
        _session_secrets[_username(community_name, kind)] = secret
    log.info("Kept the %s of %s in memory for this session only (no keyring)", kind, community_name)


def delete_secret(community_name: str, kind: str) -> None:
    """Forget a secret; forgetting one that is not there is not an error."""
    with _session_lock:
        _session_secrets.pop(_username(community_name, kind), None)
    if keyring_problem() is not None:
        if _session_only:
            return
        raise SecretStoreUnavailable("no usable keyring backend")
    try:
        keyring.delete_password(SERVICE, _username(community_name, kind))
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as exc:
        if _session_only:
            return
        raise SecretStoreUnavailable(type(exc).__name__) from None
