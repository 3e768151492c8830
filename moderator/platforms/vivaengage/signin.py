"""Viva Engage's sign-in methods for ``moderator.signin``: Microsoft's device code, or a bearer token.

- ``vivaengage.microsoft`` (device code): the application id (client id) the company registered in
  Microsoft Entra, and optionally the tenant (default ``organizations``: any work account). The secret
  kept in the keyring is MSAL's token cache (the refresh token); the account row keeps the client id and
  the tenant, which are not secret.
- ``vivaengage.token`` (form / ``--token-stdin``): a bearer token obtained elsewhere, for scripts and tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from moderator.model import AuthKind, Platform
from moderator.platforms.http import SECRETS
from moderator.platforms.vivaengage import auth
from moderator.signin import (
    QT_TRANSLATE_NOOP,
    SIGN_IN_CONTEXT,
    Credentials,
    Field,
    MethodKind,
    PlatformSignIn,
    SignInMethod,
)

if TYPE_CHECKING:
    import requests

API_BASE = "https://www.yammer.com/api/v1"

MICROSOFT = SignInMethod(
    id="vivaengage.microsoft",
    platform=Platform.VIVAENGAGE,
    kind=MethodKind.DEVICE_CODE,
    label=QT_TRANSLATE_NOOP(SIGN_IN_CONTEXT, "Sign in with Microsoft (recommended)"),
    note=QT_TRANSLATE_NOOP(
        SIGN_IN_CONTEXT,
        "You confirm a code on Microsoft's page with your work account; the app never sees your password.",
    ),
    auth_kind=AuthKind.TOKEN,
    fields=(
        Field(
            "client_id",
            QT_TRANSLATE_NOOP(SIGN_IN_CONTEXT, "Application (&client) ID:"),
            placeholder=QT_TRANSLATE_NOOP(SIGN_IN_CONTEXT, "from your Microsoft 365 administrator"),
            setting=auth.CLIENT_ID_SETTING,
            cli_option="--client-id",
        ),
        Field(
            "tenant",
            QT_TRANSLATE_NOOP(SIGN_IN_CONTEXT, "&Tenant:"),
            placeholder=QT_TRANSLATE_NOOP(SIGN_IN_CONTEXT, "organizations (any work account)"),
            required=False,
            setting=auth.TENANT_SETTING,
            cli_option="--tenant",
        ),
    ),
)
TOKEN = SignInMethod(
    id="vivaengage.token",
    platform=Platform.VIVAENGAGE,
    kind=MethodKind.FORM,
    label=QT_TRANSLATE_NOOP(SIGN_IN_CONTEXT, "Use an access token"),
    note=QT_TRANSLATE_NOOP(
        SIGN_IN_CONTEXT, "A Microsoft Entra bearer token for Viva Engage, obtained elsewhere (scripts, tests)."
    ),
    auth_kind=AuthKind.TOKEN,
    fields=(
        Field(
            "token",
            QT_TRANSLATE_NOOP(SIGN_IN_CONTEXT, "Access &token:"),
            secret=True,
            placeholder=QT_TRANSLATE_NOOP(SIGN_IN_CONTEXT, "paste the token"),
        ),
    ),
    cli_option="--token-stdin",
)

PLATFORM = PlatformSignIn(
    platform=Platform.VIVAENGAGE,
    display_name="Viva Engage",
    methods=(MICROSOFT, TOKEN),
    site_placeholder=API_BASE,
    default_site=API_BASE,
)

#: Where MSAL signs in: only tests and demos change it (with ``auth.test_http_client``).
authority_host = auth.AUTHORITY_HOST


class MicrosoftDeviceFlow:
    """``moderator.signin.DeviceCodeFlow`` over ``auth.DeviceCodeSignIn``."""

    def __init__(self, client_id: str, tenant: str) -> None:
        self.client_id = client_id
        self.tenant = tenant or auth.DEFAULT_TENANT
        self._sign_in = auth.DeviceCodeSignIn(client_id, tenant=self.tenant, authority_host=authority_host)
        code = self._sign_in.start()
        self.user_code = code.user_code
        self.verification_url = code.verification_uri
        self.message = code.message
        self._expires_at = code.expires_at
        self.expires_in = max(0.0, code.expires_at - time.time())

    @property
    def seconds_left(self) -> float:
        return max(0.0, self._expires_at - time.time())

    def wait(
        self, cancel: threading.Event | None = None, *, on_poll: Callable[[float], None] | None = None
    ) -> Credentials:
        signed_in = self._sign_in.wait(cancel)
        settings = {auth.CLIENT_ID_SETTING: self.client_id, auth.TENANT_SETTING: self.tenant}
        if authority_host != auth.AUTHORITY_HOST:
            settings[auth.AUTHORITY_SETTING] = authority_host
        return Credentials(signed_in.cache, AuthKind.TOKEN, settings=settings)

    def close(self) -> None:
        return None


def start_device_code(
    method_id: str,
    site: str,
    *,
    client_id: str | None = None,
    poll_interval: float | None = None,
    values: Mapping[str, str] | None = None,
) -> MicrosoftDeviceFlow:
    given = dict(values or {})
    chosen = (given.get("client_id") or client_id or "").strip()
    return MicrosoftDeviceFlow(chosen, (given.get("tenant") or "").strip())


def sign_in_with_fields(
    method_id: str,
    site: str,
    values: Mapping[str, str],
    *,
    session: requests.Session | None = None,
    cancel: threading.Event | None = None,
) -> Credentials:
    if method_id != TOKEN.id:
        raise KeyError(method_id)
    token = values["token"].strip()
    if token.lower().startswith("bearer "):
        token = token[7:].strip()
    SECRETS.register(token)
    return Credentials(token, AuthKind.TOKEN)
