"""Account secrets live in the operating system's keyring, never in the database or a plain file.

A thin wrapper, so that the rest of the app has one vocabulary and one typed error when no keyring can
be used: the GUI then explains how to get one (on Linux: an unlocked Secret Service such as
gnome-keyring) instead of silently storing the key elsewhere. Nothing here logs a secret, not even its
length.

**Whose secret** (``SecretOwner``): the data directory (the random id its database was given, see
``Store.data_id``), the site's origin (scheme, host and port) and the account (the community's name,
unique within a data directory), plus the kind of key. Two data directories that each name a
community ``shared``, for two sites, never share an entry: neither reads, overwrites nor deletes the
other's key. Entries of older versions (``name:kind``, shared by every data directory) are moved to
the new name the first time they are asked for, and only then: the first data directory to ask owns
it, a second one is asked for its key again.

A secret read back is a ``BoundSecret``: the string, plus the origin it was stored for. The HTTP layer
refuses to send it anywhere else (``HttpClient(key_origin=...)``), even if the account's address was
changed since.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
from urllib.parse import urlsplit

import keyring
import keyring.errors

from moderator.messages import QT_TRANSLATE_NOOP, Translatable

SERVICE = "community-moderator"

log = logging.getLogger(__name__)

# Session-only fallback: with no usable keyring, and only after the user explicitly accepted it
# (``allow_session_only()``), secrets are kept in this process's memory and die with it. Never a file.
_session_only = False
_session_secrets: dict[str, str] = {}
_session_lock = threading.Lock()


class SecretStoreUnavailable(Translatable, Exception):
    """No usable keyring backend: the secret can be neither read nor saved."""

    def __init__(self, detail: str = "") -> None:
        self.message = self._compose(
            QT_TRANSLATE_NOOP(
                "errors",
                "The system keyring is not available, so account keys cannot be stored safely. On Linux, "
                "install and unlock a Secret Service (for example gnome-keyring), then try again.",
            ),
            {},
            None,
        )
        self.detail = detail
        super().__init__(self.message)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of an address, lowercased, the scheme's default port left out."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or (scheme, port) in (("https", 443), ("http", 80)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


@dataclasses.dataclass(frozen=True, slots=True)
class SecretOwner:
    """Whose secret: see the module docstring. ``origin`` is normalized by ``origin_of``."""

    data_id: str  # the data directory's identity (``Store.data_id``)
    origin: str
    account: str  # the community's name

    @classmethod
    def of(cls, data_id: str, account: str, site: str) -> SecretOwner:
        return cls(data_id=data_id, origin=origin_of(site), account=account)

    def entry(self, kind: str) -> str:
        return f"{self.origin} {self.account} {kind} @{self.data_id}"

    def legacy_entry(self, kind: str) -> str:
        """The name older versions used, shared by every data directory."""
        return f"{self.account}:{kind}"


class BoundSecret(str):
    """A secret and the origin it was stored for (``str`` so it goes wherever a key string goes)."""

    origin: str

    def __new__(cls, value: str, origin: str) -> BoundSecret:
        secret = super().__new__(cls, value)
        secret.origin = origin
        return secret

    def __repr__(self) -> str:
        return f"BoundSecret(<hidden>, origin={self.origin!r})"


def _username(owner: SecretOwner, kind: str) -> str:
    return owner.entry(kind)


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


def get_secret(owner: SecretOwner, kind: str) -> BoundSecret | None:
    """The stored secret, or None if there is none. A legacy entry is moved to ``owner`` first."""
    entry = _username(owner, kind)
    with _session_lock:
        kept = _session_secrets.get(entry)
    if kept is not None:
        return BoundSecret(kept, owner.origin)
    problem = keyring_problem()
    if problem is not None:
        if _session_only:
            return None
        raise SecretStoreUnavailable(problem)
    try:
        value = keyring.get_password(SERVICE, entry)
        if value is None:
            value = _migrate(owner, kind)
    except keyring.errors.KeyringError as exc:  # NoKeyringError, InitError, KeyringLocked...
        if _session_only:
            return None
        raise SecretStoreUnavailable(type(exc).__name__) from None
    return None if value is None else BoundSecret(value, owner.origin)


def _migrate(owner: SecretOwner, kind: str) -> str | None:
    """Move an entry of an older version (``name:kind``) to ``owner``'s entry; None if there is none."""
    legacy = owner.legacy_entry(kind)
    value = keyring.get_password(SERVICE, legacy)
    if value is None:
        return None
    keyring.set_password(SERVICE, owner.entry(kind), value)
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, legacy)
    log.info("Moved the %s of %s to its per-site keyring entry", kind, owner.account)
    return value


def set_secret(owner: SecretOwner, kind: str, secret: str) -> None:
    entry = _username(owner, kind)
    problem = keyring_problem()
    if problem is None:
        try:
            keyring.set_password(SERVICE, entry, str(secret))
        except keyring.errors.KeyringError as exc:
            problem = type(exc).__name__
        else:
            log.info("Stored the %s of %s in the keyring", kind, owner.account)
            return
    if not _session_only:
        raise SecretStoreUnavailable(problem)
    with _session_lock:
        _session_secrets[entry] = str(secret)
    log.info("Kept the %s of %s in memory for this session only (no keyring)", kind, owner.account)


def delete_secret(owner: SecretOwner, kind: str) -> None:
    """Forget a secret; forgetting one that is not there is not an error. Never touches another's."""
    entry = _username(owner, kind)
    with _session_lock:
        _session_secrets.pop(entry, None)
    if keyring_problem() is not None:
        if _session_only:
            return
        raise SecretStoreUnavailable("no usable keyring backend")
    try:
        keyring.delete_password(SERVICE, entry)
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as exc:
        if _session_only:
            return
        raise SecretStoreUnavailable(type(exc).__name__) from None
