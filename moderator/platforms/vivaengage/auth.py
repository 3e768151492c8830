"""Signing in to Viva Engage with Microsoft (MSAL, a public client, the device-code flow).

Since July 2025 apps calling the v1 REST API are Microsoft Entra applications: the user signs in with
their work account and the app gets a token for ``https://api.yammer.com/user_impersonation``.

- ``DeviceCodeSignIn`` runs the flow: ``start()`` asks for a code (the user opens the page and types
  it), ``wait()`` polls until the user approved, refused, or the code expired; cancellable.
- The MSAL token cache (the refresh token, the account, the short-lived access token) is serialized to
  the **OS keyring only** (``moderator.secrets``), never a file. ``bearer_provider`` gives the HTTP layer
  a fresh access token: renewed silently from the refresh token when it expires (or when the API
  answers 401), and ``AuthenticationError`` saying "Sign in again" when the refresh token itself is
  expired or revoked.
- For scripts and tests an account may instead hold a plain bearer token (``--token-stdin``).

Tests point MSAL at a local token endpoint: a custom ``authority`` on 127.0.0.1 with instance discovery
off, and MSAL's injectable ``http_client``. ``authority_host`` accepts plain http only on loopback.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests

from moderator.model import Community
from moderator.platforms.base import AuthenticationError, Cancelled, Offline, PlatformError
from moderator.platforms.http import SECRETS, USER_AGENT, check_base_url

log = logging.getLogger(__name__)

SCOPE = "https://api.yammer.com/user_impersonation"
AUTHORITY_HOST = "https://login.microsoftonline.com"
DEFAULT_TENANT = "organizations"  # any work or school account
CLIENT_ID_SETTING = "msal_client_id"
TENANT_SETTING = "msal_tenant"
AUTHORITY_SETTING = "msal_authority_host"  # tests only: a local token endpoint

SIGN_IN_AGAIN = (
    "Your Microsoft sign-in for this Viva Engage network has expired or was revoked. "
    "Open Accounts and choose Sign in again."
)


@dataclasses.dataclass(frozen=True, slots=True)
class DeviceCode:
    """What to show the user: open ``verification_uri`` and type ``user_code`` before ``expires_at``."""

    user_code: str
    verification_uri: str
    message: str  # Microsoft's own sentence, in the user's language when the server localizes it
    expires_at: float  # time.time()
    interval: int


@dataclasses.dataclass(frozen=True, slots=True)
class SignedIn:
    access_token: str = dataclasses.field(repr=False)
    cache: str = dataclasses.field(repr=False)  # the serialized token cache, for the keyring only
    username: str  # the account's sign-in name (user@company.com)


#: Tests and demos only: the HTTP client MSAL uses when none is given (one that routes a made-up https
#: authority to a local token endpoint on 127.0.0.1). None in the app.
test_http_client: Any = None


def _session(http_client: Any | None) -> Any:
    if http_client is not None:
        return http_client
    if test_http_client is not None:
        return test_http_client
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def _application(
    client_id: str,
    tenant: str,
    authority_host: str,
    cache: Any,
    http_client: Any | None,
) -> Any:
    import msal

    host = check_base_url(authority_host)  # https, or http on this computer only (tests)
    return msal.PublicClientApplication(
        client_id,
        authority=f"{host}/{tenant or DEFAULT_TENANT}",
        token_cache=cache,
        http_client=_session(http_client),
        instance_discovery=host == AUTHORITY_HOST,  # off for a local token endpoint (tests)
        validate_authority=host == AUTHORITY_HOST,
    )


def _error_text(result: Mapping[str, Any]) -> str:
    code = str(result.get("error") or "")
    if code in ("authorization_declined", "access_denied"):
        return "The sign-in was declined. Nothing was saved; start again to sign in."
    if code == "expired_token":
        return "The code expired before it was entered. Start the sign-in again for a new code."
    if code in ("invalid_client", "unauthorized_client"):
        return (
            "Microsoft does not know this application id (client id), or it is not allowed to sign in "
            "with a code. Check the id with your Microsoft 365 administrator."
        )
    if code == "invalid_scope":
        return "This application is not allowed to use Viva Engage. Ask your Microsoft 365 administrator."
    first = str(result.get("error_description") or code or "unknown error").splitlines()[0]
    return f"Microsoft refused the sign-in: {first}"


class DeviceCodeSignIn:
    """One device-code sign-in. Blocking calls: run them off the GUI thread."""

    def __init__(
        self,
        client_id: str,
        *,
        tenant: str = DEFAULT_TENANT,
        authority_host: str = AUTHORITY_HOST,
        http_client: Any | None = None,
    ) -> None:
        import msal

        if not client_id.strip():
            raise AuthenticationError(
                "A Microsoft application id (client id) is needed to sign in. Your Microsoft 365 "
                "administrator registers one for Viva Engage."
            )
        self.cache = msal.SerializableTokenCache()
        try:
            self._app = _application(client_id.strip(), tenant, authority_host, self.cache, http_client)
        except (requests.ConnectionError, requests.Timeout):
            raise Offline("Microsoft's sign-in service could not be reached. Check the connection.") from None
        except ValueError as exc:
            raise PlatformError(f"The sign-in service could not be used: {exc}") from None
        self._flow: dict[str, Any] | None = None

    def start(self) -> DeviceCode:
        try:
            flow = self._app.initiate_device_flow(scopes=[SCOPE])
        except (requests.ConnectionError, requests.Timeout):
            raise Offline("Microsoft's sign-in service could not be reached. Check the connection.") from None
        if "user_code" not in flow:
            raise AuthenticationError(_error_text(flow))
        self._flow = flow
        return DeviceCode(
            user_code=str(flow["user_code"]),
            verification_uri=str(flow.get("verification_uri") or flow.get("verification_url") or ""),
            message=str(flow.get("message") or ""),
            expires_at=float(flow.get("expires_at") or time.time() + int(flow.get("expires_in") or 900)),
            interval=int(flow.get("interval") or 5),
        )

    def wait(self, cancel: threading.Event | None = None) -> SignedIn:
        """Poll until the user approves; ``Cancelled`` when ``cancel`` is set."""
        if self._flow is None:
            raise RuntimeError("start() first")
        flow = self._flow

        def stop(_flow: Any) -> bool:
            return cancel is not None and cancel.is_set()

        try:
            result = self._app.acquire_token_by_device_flow(flow, exit_condition=stop)
        except (requests.ConnectionError, requests.Timeout):
            raise Offline("The connection to Microsoft's sign-in service was lost. Start again.") from None
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        if "access_token" not in result:
            raise AuthenticationError(_error_text(result))
        SECRETS.register(str(result["access_token"]))
        claims = result.get("id_token_claims") or {}
        username = str(claims.get("preferred_username") or claims.get("upn") or "")
        return SignedIn(
            access_token=str(result["access_token"]), cache=self.cache.serialize(), username=username
        )


def bearer_provider(
    community: Community, secret: str, *, session: Any | None = None
) -> Callable[[bool], Mapping[str, str]]:
    """``MsalTokens`` is callable too: ``provider(renew)`` gives the headers."""
    """The HTTP layer's header source for an account: a fixed token, or MSAL's, renewed silently."""
    client_id = community.settings.get(CLIENT_ID_SETTING)
    if not isinstance(client_id, str) or not client_id:
        token = secret.strip()

        def fixed(renew: bool) -> Mapping[str, str]:
            if renew:
                raise AuthenticationError(
                    "Viva Engage refused this account's token (expired or revoked). Open Accounts and "
                    "choose Sign in again (Microsoft), or add the account again with a new token."
                )
            return {"Authorization": f"Bearer {token}"}

        return fixed
    return MsalTokens(community, secret, http_client=session)


class MsalTokens:
    """Access tokens from the keyring's MSAL cache: silent renewal, the cache saved back when it changes."""

    def __init__(self, community: Community, cache_text: str, *, http_client: Any | None = None) -> None:
        import msal

        self.community = community
        self.cache = msal.SerializableTokenCache()
        try:
            self.cache.deserialize(cache_text)
        except ValueError:
            raise AuthenticationError(SIGN_IN_AGAIN) from None
        settings = community.settings
        self._client_id = str(settings[CLIENT_ID_SETTING])
        self._tenant = str(settings.get(TENANT_SETTING) or DEFAULT_TENANT)
        self._host = str(settings.get(AUTHORITY_SETTING) or AUTHORITY_HOST)
        self._http_client = http_client
        self._app: Any = None
        self._lock = threading.Lock()
        # How the renewed cache goes back to the keyring (set by whoever knows the account's keyring
        # entry: ``AppContext.connector_for``). None while an account is only being checked.
        self.save: Callable[[str], None] | None = None

    def __call__(self, renew: bool) -> Mapping[str, str]:
        return self.headers(renew)

    def headers(self, renew: bool) -> Mapping[str, str]:
        with self._lock:
            if self._app is None:
                self._app = _application(
                    self._client_id, self._tenant, self._host, self.cache, self._http_client
                )
            accounts = self._app.get_accounts()
            if not accounts:
                raise AuthenticationError(SIGN_IN_AGAIN)
            try:
                result = self._app.acquire_token_silent([SCOPE], account=accounts[0], force_refresh=renew)
            except (requests.ConnectionError, requests.Timeout):
                raise Offline(
                    "Microsoft's sign-in service could not be reached to renew the access. Your local copy "
                    "is intact; sync again when the connection is back."
                ) from None
            if not result or "access_token" not in result:
                log.info("%s: silent renewal failed (%s)", self.community.name, (result or {}).get("error"))
                raise AuthenticationError(SIGN_IN_AGAIN)
            token = str(result["access_token"])
            SECRETS.register(token)
            if self.cache.has_state_changed and self.save is not None:
                self.save(self.cache.serialize())  # the renewed refresh token, back to the keyring
                self.cache.has_state_changed = False
            return {"Authorization": f"Bearer {token}"}
