"""Accounts: adding, editing, testing and removing the communities the app signs in to.

Both front ends (``moderator.cli_accounts`` and ``ui.accounts_dialog``) go through here, so the rules
hold for both:

- **The secret goes to the OS keyring only** (``moderator.secrets``), never to the database, a log or
  an answer printed on screen. The database row holds the site, the username, the kind of key and the
  user-API-key client id (which is not a secret).
- **https only**, except for this computer itself (the sandbox, a local test server).
- **Testing says who the app acts as and what it can see**, before and after saving.
- **Removing revokes a user API key on the site** (so a stolen laptop's copy is useless), forgets the
  key, and deletes the local copy only when asked: without that, the community stays readable offline,
  signed out, until a key is entered again.

Plain Python, no Qt. Network calls block: the GUI runs them through ``ui.tasks``.
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
import re
import threading
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import requests

from moderator import secrets as keystore
from moderator import signin
from moderator.messages import QT_TRANSLATE_NOOP, Translatable
from moderator.model import AuthKind, Community, Platform
from moderator.platforms.base import Capabilities, PlatformError
from moderator.platforms.http import check_base_url

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from moderator.platforms.base import Connector
    from moderator.store import Store

log = logging.getLogger(__name__)

CLIENT_ID_SETTING = "user_api_client_id"  # read by moderator.platforms.make_connector
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class AccountError(Translatable, Exception):
    """A mistake the user can fix (a taken name, a bad address); ``message`` says how (a template the
    GUI translates, see ``moderator.messages``)."""

    def __init__(self, template: str, **params: object) -> None:
        self.message = self._compose(template, params, None)
        super().__init__(self.message)


# -- addresses and names -------------------------------------------------------------------------


def normalize_site(address: str) -> str:
    """The site's base address from what the user typed: https added when missing, checked, no query.

    Keeps a path (a forum installed under ``/forum``) but drops what a copied browser address adds
    (``/latest``, ``/t/...``, a query). Raises ``InsecureConnection`` for http:// off this computer.
    """
    text = address.strip()
    if not text:
        raise AccountError(
            QT_TRANSLATE_NOOP("errors", "Enter the site's address, like https://forum.example.org.")
        )
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    path = parts.path.rstrip("/")
    for marker in ("/latest", "/top", "/new", "/t/", "/c/", "/u/", "/categories", "/admin", "/user-api-key"):
        index = path.find(marker)
        if index >= 0:
            path = path[:index]
    return check_base_url(f"{parts.scheme}://{parts.netloc}{path}")


def suggest_name(site: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A short unique name from the site's host (``forum.acme.org`` → ``acme``)."""
    host = (urlsplit(site).hostname or "community").lower()
    if host == "localhost" or host.replace(".", "").isdigit() or ":" in host:
        host = "local"
    labels = [
        p for p in host.split(".") if p not in ("www", "forum", "forums", "community", "discourse", "meta")
    ]
    base = (
        re.sub(r"[^a-z0-9-]", "-", (labels[0] if labels else host.split(".")[0]))[:40].strip("-")
        or "community"
    )
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


def validate_name(store: Store, name: str, *, current_id: int | None = None) -> str:
    name = name.strip()
    if not _NAME_RE.match(name):
        raise AccountError(
            QT_TRANSLATE_NOOP(
                "errors",
                "A name is up to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit "
                "(it is used on the command line).",
            )
        )
    existing = store.community(name)
    if existing is not None and existing.id != current_id:
        raise AccountError(
            QT_TRANSLATE_NOOP("errors", "A community named {name} already exists. Pick another name."),
            name=name,
        )
    return name


# -- what an account can do -----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class AccountCheck:
    """Who the app acts as on a site and what that lets it see (the "Test" answer)."""

    site: str
    site_title: str
    username: str
    name: str
    admin: bool
    moderator: bool
    capabilities: Capabilities
    auth_kind: AuthKind
    platform: Platform = Platform.DISCOURSE

    @property
    def staff(self) -> bool:
        return self.admin or self.moderator

    @property
    def role(self) -> str:
        return "administrator" if self.admin else "moderator" if self.moderator else "member (not staff)"

    @property
    def read_statistics(self) -> bool:
        return self.capabilities.read_statistics

    def lines(self) -> list[str]:
        """The answer in words, for the command line (the dialog words it itself, translated)."""
        who = f"{self.username} ({self.name})" if self.name and self.name != self.username else self.username
        caps = self.capabilities
        return [
            f"Site: {self.site_title or self.site} ({self.site})",
            f"Acts as: {who}, {self.role}",
            f"Reading statistics: {'yes' if caps.read_statistics else 'no'}"
            + (
                ""
                if caps.staff_member_list or self.platform is not Platform.DISCOURSE
                else " (public directory only; staff see every member)"
            )
            + (" (the platform reports no reads)" if self.platform is Platform.HUMHUB else ""),
            f"Full member list: {'yes' if caps.staff_member_list else 'no'}",
            f"Can post replies: {'yes' if caps.posting else 'no'}",
            f"Private messages: {'yes' if caps.private_messages else 'no'}",
        ]


def _site_title(connector: Connector, fallback: str) -> str:
    """The site's own name: the connector's ``site_title()`` when it has one, else Discourse's
    ``/site/basic-info.json`` then ``/about.json``; never fatal."""
    own = getattr(connector, "site_title", None)
    if callable(own):
        try:
            title = own()
        except PlatformError:
            title = None
        return title.strip() if isinstance(title, str) and title.strip() else fallback
    http = getattr(connector, "http", None)
    if http is None:
        return fallback
    for path, pick in (
        ("/site/basic-info.json", lambda body: body.get("title")),
        ("/about.json", lambda body: (body.get("about") or {}).get("title")),
    ):
        try:
            title = pick(http.get_json(path))
        except (PlatformError, AttributeError):
            continue
        if isinstance(title, str) and title.strip():
            return title.strip()
    return fallback


def inspect_connector(
    connector: Connector, community: Community, *, cancel: threading.Event | None = None
) -> AccountCheck:
    """Ask the site who we are (this also tells the connector whether we are staff)."""
    takes_cancel = "cancel" in inspect.signature(connector.whoami).parameters
    me = connector.whoami(cancel=cancel) if takes_cancel else connector.whoami()  # type: ignore[call-arg]
    learned = getattr(connector, "account_settings", None)
    if callable(learned):  # what the account row should remember (Viva Engage: the network's web address)
        community.settings.update(learned())
    return AccountCheck(
        site=community.base_url,
        site_title=_site_title(connector, community.title),
        username=me.username,
        name=me.name,
        admin=me.admin,
        moderator=me.moderator,
        capabilities=connector.capabilities(),
        auth_kind=community.auth_kind,
        platform=community.platform,
    )


def check_credentials(
    community: Community,
    secret: str,
    *,
    session: requests.Session | None = None,
    cancel: threading.Event | None = None,
) -> AccountCheck:
    """Test a key before it is saved: a connector made from it, asked who it is."""
    from moderator.platforms import make_connector

    connector = make_connector(community, secret, session=session)
    try:
        return inspect_connector(connector, community, cancel=cancel)
    finally:
        connector.close()


def test_account(
    ctx: AppContext, community: Community, *, cancel: threading.Event | None = None
) -> AccountCheck:
    """Test a saved account with the key from the keyring."""
    connector = ctx.connector_for(community)
    try:
        return inspect_connector(connector, community, cancel=cancel)
    finally:
        connector.close()


test_account.__test__ = False  # type: ignore[attr-defined]  # a name pytest would otherwise collect


def user_key_account(
    *,
    name: str,
    site: str,
    key: str,
    client_id: str,
    title: str = "",
    session: requests.Session | None = None,
    cancel: threading.Event | None = None,
) -> tuple[Community, AccountCheck]:
    """The account a freshly signed-in user API key makes, its username learned from the site."""
    credentials = signin.Credentials(key, AuthKind.USER_KEY, settings={CLIENT_ID_SETTING: client_id})
    return account_from_credentials(
        name=name, site=site, platform=Platform.DISCOURSE, credentials=credentials, title=title,
        session=session, cancel=cancel,
    )


def account_from_credentials(
    *,
    name: str,
    site: str,
    platform: Platform,
    credentials: signin.Credentials,
    title: str = "",
    session: requests.Session | None = None,
    cancel: threading.Event | None = None,
) -> tuple[Community, AccountCheck]:
    """The account any finished sign-in makes (not stored yet), tested on the site.

    The username is the one the site says the app acts as (the typed one for a Discourse admin key,
    which acts as whoever it is told).
    """
    community = new_community(
        name=name, site=site, auth_kind=credentials.auth_kind, username=credentials.username,
        title=title, platform=platform,
    )
    community.settings.update(credentials.settings)
    check = check_credentials(community, credentials.secret, session=session, cancel=cancel)
    community.username = check.username or community.username
    if not title.strip():
        community.title = check.site_title or community.name
    return community, check


# -- add, edit ------------------------------------------------------------------------------------


def _owner(store: Store, community: Community) -> keystore.SecretOwner:
    """The keyring owner of this account's key (data directory, site, name): see ``moderator.secrets``."""
    return keystore.SecretOwner.of(store.data_id, community.name, community.base_url)


def new_community(
    *,
    name: str,
    site: str,
    auth_kind: AuthKind,
    username: str = "",
    title: str = "",
    client_id: str = "",
    platform: Platform = Platform.DISCOURSE,
) -> Community:
    """A community row to be added (not stored yet)."""
    settings = {CLIENT_ID_SETTING: client_id} if client_id else {}
    return Community(
        name=name.strip(),
        platform=platform,
        base_url=normalize_site(site),
        username=username.strip().removeprefix("@"),
        auth_kind=auth_kind,
        title=title.strip() or name.strip(),
        settings=settings,
    )


def add_account(store: Store, community: Community, secret: str) -> Community:
    """Store the key in the keyring, then the row; a failure leaves neither behind."""
    if not signin.supported(community.platform):
        raise AccountError(
            QT_TRANSLATE_NOOP("errors", "{platform} accounts are coming; {supported} work today."),
            platform=signin.display_name(community.platform),
            supported=" and ".join(p.display_name for p in signin.platforms()),
        )
    community.name = validate_name(store, community.name)
    community.base_url = normalize_site(community.base_url)
    if community.auth_kind is AuthKind.ADMIN_KEY and not community.username:
        raise AccountError(
            QT_TRANSLATE_NOOP("errors", "An admin API key acts as a user: enter that username.")
        )
    if not secret.strip():
        raise AccountError(QT_TRANSLATE_NOOP("errors", "The key is empty. Paste the whole key."))
    keystore.set_secret(_owner(store, community), str(community.auth_kind), secret.strip())
    try:
        return store.add_community(community)
    except BaseException:
        keystore.delete_secret(_owner(store, community), str(community.auth_kind))
        raise


def update_account(store: Store, community: Community, *, secret: str | None = None) -> Community:
    """Save edits to a stored account; a rename or a new kind of key moves the keyring entry too."""
    assert community.id is not None, "update_account needs a stored community"
    old = store.community(community.id)
    if old is None:
        raise AccountError(QT_TRANSLATE_NOOP("errors", "This account no longer exists."))
    community.name = validate_name(store, community.name, current_id=community.id)
    if community.auth_kind is not AuthKind.SANDBOX:
        community.base_url = normalize_site(community.base_url)
    old_owner, new_owner = _owner(store, old), _owner(store, community)
    moved = (old_owner, old.auth_kind) != (new_owner, community.auth_kind)
    if community.auth_kind is not AuthKind.SANDBOX and (secret or moved):
        if not secret and old_owner.origin != new_owner.origin:
            # A key belongs to its site: it does not follow the account to another address.
            raise AccountError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "The key was created for {old}; it is not sent to {new}. Enter the key of the new address.",
                ),
                old=old_owner.origin,
                new=new_owner.origin,
            )
        value = secret.strip() if secret else keystore.get_secret(old_owner, str(old.auth_kind))
        if value:
            keystore.set_secret(new_owner, str(community.auth_kind), value)
        if moved:
            keystore.delete_secret(old_owner, str(old.auth_kind))
    store.update_community(community)
    return community


# -- remove ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Removal:
    """What removing did, so the front end can say it (and what the user must still do)."""

    name: str
    revoked: bool  # the site confirmed the user API key is revoked
    revoke_error: str  # why it could not be revoked ("" when it was, or there was nothing to revoke)
    key_forgotten: bool
    data_deleted: bool


def remove_account(
    store: Store,
    community: Community,
    *,
    delete_local_data: bool,
    session: requests.Session | None = None,
) -> Removal:
    """Revoke the user API key on the site, forget the key, and delete the local copy if asked.

    A revocation that fails (offline, site down) does not stop the removal: the key is forgotten
    anyway and ``revoke_error`` tells the user to revoke it from their profile on the site.
    """
    assert community.id is not None
    kind = str(community.auth_kind)
    revoked, revoke_error, forgotten = False, "", False
    if community.auth_kind is not AuthKind.SANDBOX:
        secret: str | None = None
        try:
            secret = keystore.get_secret(_owner(store, community), kind)
        except keystore.SecretStoreUnavailable as exc:
            revoke_error = exc.message
        if secret:
            try:
                revoked = signin.revoke(community, secret, session=session)
            except PlatformError as exc:
                revoke_error = (
                    f"{exc.message} The key could not be revoked on the site: revoke it yourself in your "
                    "profile there (Preferences → Apps)."
                )
                log.warning("Revoking the key of %s failed: %s", community.name, type(exc).__name__)
        try:
            keystore.delete_secret(_owner(store, community), kind)
            forgotten = True
        except keystore.SecretStoreUnavailable as exc:
            revoke_error = revoke_error or exc.message
    if delete_local_data:
        store.remove_community(community.id)
    log.info(
        "Removed account %s (revoked=%s, local data deleted=%s)", community.name, revoked, delete_local_data
    )
    return Removal(community.name, revoked, revoke_error, forgotten, delete_local_data)


def has_key(store: Store, community: Community) -> bool | None:
    """Whether a key is stored (None: the keyring cannot be asked). The sandbox needs none."""
    if community.auth_kind is AuthKind.SANDBOX:
        return True
    try:
        return bool(keystore.get_secret(_owner(store, community), str(community.auth_kind)))
    except keystore.SecretStoreUnavailable:
        return None
