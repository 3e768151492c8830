"""Discourse's sign-in methods for ``moderator.signin``: user API key (device code or copy-paste), admin key."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from moderator.model import AuthKind, Community, Platform
from moderator.platforms.discourse import auth
from moderator.signin import (
    QT_TRANSLATE_NOOP,
    TR_CONTEXT,
    Credentials,
    DeviceCodeUnavailable,
    Field,
    MethodKind,
    PlatformSignIn,
    SignInMethod,
)

if TYPE_CHECKING:
    import requests

CLIENT_ID_SETTING = "user_api_client_id"  # read by moderator.platforms.make_connector

BROWSER = SignInMethod(
    id="discourse.browser",
    platform=Platform.DISCOURSE,
    kind=MethodKind.DEVICE_CODE,
    label=QT_TRANSLATE_NOOP(TR_CONTEXT, "Sign in with my browser (recommended)"),
    note=QT_TRANSLATE_NOOP(TR_CONTEXT, "You approve the app on the site; it never sees your password."),
    auth_kind=AuthKind.USER_KEY,
    fallback="discourse.paste",
)
PASTE = SignInMethod(
    id="discourse.paste",
    platform=Platform.DISCOURSE,
    kind=MethodKind.PASTE,
    label=QT_TRANSLATE_NOOP(TR_CONTEXT, "Approve on the site and paste what it shows"),
    note=QT_TRANSLATE_NOOP(TR_CONTEXT, "For sites without sign-in codes (any Discourse since 2016)."),
    auth_kind=AuthKind.USER_KEY,
    cli_option="--copy-paste",
)
ADMIN_KEY = SignInMethod(
    id="discourse.admin_key",
    platform=Platform.DISCOURSE,
    kind=MethodKind.FORM,
    label=QT_TRANSLATE_NOOP(TR_CONTEXT, "Use an admin API key (for site administrators)"),
    note=QT_TRANSLATE_NOOP(
        TR_CONTEXT, "A key made in the site's Admin → API keys, acting as a username you choose."
    ),
    auth_kind=AuthKind.ADMIN_KEY,
    fields=(
        Field("username", QT_TRANSLATE_NOOP(TR_CONTEXT, "&Username:"),
              placeholder=QT_TRANSLATE_NOOP(TR_CONTEXT, "the username the key acts as")),
        Field("key", QT_TRANSLATE_NOOP(TR_CONTEXT, "API &key:"), secret=True,
              placeholder=QT_TRANSLATE_NOOP(TR_CONTEXT, "paste the key")),
    ),
    cli_option="--api-key-stdin",
)

PLATFORM = PlatformSignIn(
    platform=Platform.DISCOURSE,
    display_name="Discourse",
    methods=(BROWSER, PASTE, ADMIN_KEY),
    site_placeholder="https://forum.example.org",
)


class _DeviceCode:
    """``moderator.signin.DeviceCodeFlow`` over ``auth.DeviceFlow``."""

    def __init__(self, flow: auth.DeviceFlow) -> None:
        assert flow.authorization is not None
        self._flow = flow
        self.user_code = flow.authorization.user_code
        self.verification_url = flow.authorization.open_url
        self.expires_in = flow.authorization.expires_in

    @property
    def seconds_left(self) -> float:
        return self._flow.seconds_left

    def wait(
        self, cancel: threading.Event | None = None, *, on_poll: Callable[[float], None] | None = None
    ) -> Credentials:
        key = self._flow.wait(cancel, on_poll=on_poll)
        return Credentials(key, AuthKind.USER_KEY, settings={CLIENT_ID_SETTING: self._flow.client_id})

    def close(self) -> None:
        self._flow.close()


class _Paste:
    def __init__(self, site: str, client_id: str | None) -> None:
        self._key_pair = auth.KeyPair.generate()
        self._nonce = auth.new_nonce()
        self.client_id = client_id or auth.new_client_id()
        self.url = auth.build_authorization_url(site, self.client_id, self._key_pair.public_pem, self._nonce)

    def __repr__(self) -> str:
        return "DiscoursePaste()"

    def finish(self, pasted: str) -> Credentials:
        key = auth.decrypt_payload(self._key_pair, pasted, self._nonce)
        return Credentials(key, AuthKind.USER_KEY, settings={CLIENT_ID_SETTING: self.client_id})


def start_device_code(
    method_id: str, site: str, *, client_id: str | None = None, poll_interval: float | None = None
) -> _DeviceCode:
    if not auth.detect_device_flow(None, site):
        raise DeviceCodeUnavailable()
    flow = auth.DeviceFlow(site, client_id=client_id or None, poll_interval=poll_interval)
    try:
        flow.start()
    except auth.DeviceFlowUnsupported:
        flow.close()
        raise DeviceCodeUnavailable() from None
    except BaseException:
        flow.close()
        raise
    return _DeviceCode(flow)


def start_paste(method_id: str, site: str, *, client_id: str | None = None) -> _Paste:
    return _Paste(site, client_id)


def sign_in_with_fields(
    method_id: str,
    site: str,
    values: Mapping[str, str],
    *,
    session: requests.Session | None = None,
    cancel: threading.Event | None = None,
) -> Credentials:
    if method_id != ADMIN_KEY.id:
        raise KeyError(method_id)
    username = values["username"].strip().removeprefix("@")
    return Credentials(values["key"].strip(), AuthKind.ADMIN_KEY, username=username)


def revoke(community: Community, secret: str, *, session: requests.Session | None = None) -> bool:
    """Revoke a user API key on the site (an admin key is the administrator's to revoke)."""
    if community.auth_kind is not AuthKind.USER_KEY:
        return False
    auth.revoke(session, community.base_url, secret, client_id=community.settings.get(CLIENT_ID_SETTING, ""))
    return True
