"""Signing in to Discourse with a user API key: the client side of both flows, and revocation.

Why user API keys (NOTES.md §1c): the app then acts as the animator with exactly their rights, and no
administrator has to hand over a key that can impersonate everyone. Two ways to get one:

- **Device flow** (Discourse 2026+, advertised by ``Auth-Api-Device-Code: true`` on
  ``HEAD /user-api-key/new``): the app shows a short code, the user confirms it in their browser, the
  app polls until the server hands over the key, encrypted for us.
- **Copy-paste flow** (every Discourse since 2016): the user opens an approval URL, approves, and
  pastes back the encrypted payload the page shows.

Either way the key travels encrypted with a fresh RSA-2048 public key whose private half never leaves
this process, and the payload carries our nonce back, so a payload made for another request (or
replayed, or forged) is refused. Discourse encrypts with PKCS#1 v1.5 unless asked for OAEP; we ask
for OAEP(SHA-1) but old servers ignore it, so both are accepted. PKCS#1 v1.5 decryption does not say
when it fails (OpenSSL's implicit rejection returns random bytes), which is why the JSON shape and
the nonce are what decide whether a payload is genuine.

Nothing here logs a key, a payload or a private key. Plain Python, no Qt: the CLI and the GUI share it.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hmac
import json
import logging
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding as rsa_padding
from cryptography.hazmat.primitives.asymmetric import rsa

from moderator.messages import QT_TRANSLATE_NOOP
from moderator.platforms.base import (
    Cancelled,
    InsecureConnection,
    NotFound,
    Offline,
    PlatformError,
    RateLimited,
)
from moderator.platforms.http import SECRETS, USER_AGENT, HttpClient, Timeouts, check_base_url

log = logging.getLogger(__name__)

APPLICATION_NAME = "Community Moderator"
DEFAULT_SCOPES = "read,write,session_info,notifications"
RSA_BITS = 2048
NEW_PATH = "/user-api-key/new"
DEVICE_PATH = "/user-api-key/device.json"
POLL_PATH = "/user-api-key/device/poll.json"
REVOKE_PATH = "/user-api-key/revoke"
MAX_INTERVAL = 60.0
MAX_TRANSIENT_POLL_FAILURES = 3


# -- errors: each says what happened and what to do -------------------------------------------------


class SignInError(PlatformError):
    default_message = "Signing in did not work. Start again."


class InvalidPayload(SignInError):
    default_message = (
        "The pasted text is not a sign-in payload this app can read. Copy the whole block the site shows "
        "after you click Authorize, for this sign-in attempt, and paste it again."
    )


class NonceMismatch(SignInError):
    default_message = (
        "This payload was made for another sign-in request (its check value does not match), so it was "
        "refused. Start the sign-in again and paste the payload of that new attempt."
    )


class AccessDenied(SignInError):
    default_message = "The request was denied on the site. Start again if that was a mistake."


class ExpiredToken(SignInError):
    default_message = "The sign-in code expired before it was confirmed. Start again to get a new code."


class DeviceFlowUnsupported(SignInError):
    default_message = (
        "This site does not offer sign-in with a code. Use the approval page instead (copy and paste)."
    )


# -- keys and nonces -----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class KeyPair:
    """A throwaway RSA key pair for one sign-in. The repr never shows the private key."""

    private_key: rsa.RSAPrivateKey

    @classmethod
    def generate(cls, bits: int = RSA_BITS) -> KeyPair:
        return cls(rsa.generate_private_key(public_exponent=65537, key_size=bits))

    @property
    def public_pem(self) -> str:
        return (
            self.private_key.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode("ascii")
        )

    def __repr__(self) -> str:
        return f"KeyPair(rsa-{self.private_key.key_size})"


def new_nonce() -> str:
    """A fresh random nonce: the server copies it into the payload, we compare it on the way back."""
    return secrets.token_hex(16)


def new_client_id() -> str:
    """One per account: Discourse replaces a user's previous key for the same client id."""
    return f"community-moderator-{uuid.uuid4().hex}"


def _public_pem(public_key: str | rsa.RSAPublicKey) -> str:
    if isinstance(public_key, str):
        return public_key
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def _request_params(
    *,
    client_id: str,
    public_key: str | rsa.RSAPublicKey,
    nonce: str,
    scopes: str,
    application_name: str,
    padding: str | None,
) -> dict[str, str]:
    params = {
        "application_name": application_name,
        "client_id": client_id,
        "scopes": scopes,
        "public_key": _public_pem(public_key),
        "nonce": nonce,
    }
    if padding:
        params["padding"] = padding
    return params


def build_authorization_url(
    site: str,
    client_id: str,
    public_key: str | rsa.RSAPublicKey,
    nonce: str,
    scopes: str = DEFAULT_SCOPES,
    *,
    application_name: str = APPLICATION_NAME,
    padding: str | None = "oaep",
) -> str:
    """The approval page of the copy-paste flow (no ``auth_redirect``: the site shows the payload)."""
    base = check_base_url(site)
    params = _request_params(
        client_id=client_id,
        public_key=public_key,
        nonce=nonce,
        scopes=scopes,
        application_name=application_name,
        padding=padding,
    )
    return f"{base}{NEW_PATH}?{urlencode(params)}"


# -- the payload --------------------------------------------------------------------------------------


def _oaep() -> rsa_padding.OAEP:
    return rsa_padding.OAEP(
        mgf=rsa_padding.MGF1(algorithm=hashes.SHA1()), algorithm=hashes.SHA1(), label=None
    )


def _ciphertext(payload_b64: str, key_bytes: int) -> bytes:
    """The raw ciphertext from what the user pasted: whitespace, quotes, URL-encoding and all."""
    text = payload_b64.strip().strip("\"'`")
    if "%" in text:  # from an auth_redirect URL: payload=<urlencoded base64>
        text = unquote(text)
    if "payload=" in text:
        text = text.split("payload=", 1)[1].split("&", 1)[0]
    text = "".join(text.split())
    text = text.replace("-", "+").replace("_", "/")  # tolerate the URL-safe alphabet
    text += "=" * (-len(text) % 4)
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidPayload() from None
    if len(raw) != key_bytes:
        raise InvalidPayload()
    return raw


def _parse(plain: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(plain.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("key"), str) or not data["key"]:
        return None
    return data


def decrypt_payload(private_key: rsa.RSAPrivateKey | KeyPair, payload_b64: str, expected_nonce: str) -> str:
    """The user API key inside ``payload_b64``, after checking it answers our request (the nonce).

    OAEP(SHA-1) is tried first because its failure is reliable; then PKCS#1 v1.5, whose "success" on
    a wrong ciphertext is random bytes that fail the JSON check. Raises ``InvalidPayload`` or
    ``NonceMismatch``; never logs or echoes the payload.
    """
    key = private_key.private_key if isinstance(private_key, KeyPair) else private_key
    raw = _ciphertext(payload_b64, key.key_size // 8)
    data: dict[str, Any] | None = None
    for scheme in (_oaep(), rsa_padding.PKCS1v15()):
        try:
            data = _parse(key.decrypt(raw, scheme))
        except ValueError:
            continue
        if data is not None:
            break
    if data is None:
        raise InvalidPayload()
    nonce = data.get("nonce")
    if not isinstance(nonce, str) or not hmac.compare_digest(nonce.encode(), expected_nonce.encode()):
        raise NonceMismatch()
    SECRETS.register(data["key"])
    return str(data["key"])


# -- talking to the site ------------------------------------------------------------------------------


def _client(session: requests.Session, site: str, auth_headers: dict[str, str] | None = None) -> HttpClient:
    # Sign-in requests are a handful: no rate budget, no retry of POSTs (the HttpClient's default).
    return HttpClient(site, session=session, auth_headers=auth_headers)


def _session(http: requests.Session | None) -> tuple[requests.Session, bool]:
    return (http, False) if http is not None else (requests.Session(), True)


@dataclasses.dataclass(frozen=True, slots=True)
class AuthApiInfo:
    version: int | None
    device_flow: bool


def detect_auth_api(http: requests.Session | None, site: str) -> AuthApiInfo:
    """What ``HEAD /user-api-key/new`` advertises (Discourse answers it without a login)."""
    base = check_base_url(site)
    session, own = _session(http)
    timeouts = Timeouts()
    try:
        response = session.head(
            base + NEW_PATH,
            headers={"User-Agent": USER_AGENT},
            timeout=(timeouts.connect, timeouts.read),
            verify=True,
            allow_redirects=False,
        )
    except requests.exceptions.SSLError:
        raise InsecureConnection(
            template=QT_TRANSLATE_NOOP(
                "errors",
                "The security certificate of {host} could not be verified, so nothing was sent. Check the address.",
            ),
            host=urlsplit(base).hostname or "",
        ) from None
    except requests.RequestException:
        raise Offline(
            template=QT_TRANSLATE_NOOP(
                "errors", "{host} could not be reached: check the address and the network."
            ),
            tail="",
            host=urlsplit(base).hostname or "",
        ) from None
    finally:
        if own:
            session.close()
    if response.status_code == 404:
        raise NotFound(
            "This site does not offer user API keys (is it a Discourse forum?). Check the address, or use "
            "an admin API key."
        )
    version_text = response.headers.get("Auth-Api-Version", "")
    version = int(version_text) if version_text.strip().isdigit() else None
    device = response.headers.get("Auth-Api-Device-Code", "").strip().lower() == "true"
    return AuthApiInfo(version=version, device_flow=device and response.status_code < 400)


def detect_device_flow(http: requests.Session | None, site: str) -> bool:
    """True when the site offers the device-code flow (``Auth-Api-Device-Code: true``)."""
    return detect_auth_api(http, site).device_flow


def revoke(http: requests.Session | None, site: str, key: str, *, client_id: str = "") -> None:
    """Revoke ``key`` on the site (``POST /user-api-key/revoke`` authenticated by the key itself).

    A key the site no longer knows (already revoked, 404) counts as revoked; other failures are raised
    so the caller can tell the user to revoke it from their profile (Preferences → Apps).
    """
    session, own = _session(http)
    headers = {"User-Api-Key": key}
    if client_id:
        headers["User-Api-Client-Id"] = client_id
    try:
        _client(session, site, headers).post_json(REVOKE_PATH, {}, expect=None)
    except NotFound:
        log.info("The key was already unknown to %s: nothing to revoke", urlsplit(site).hostname)
    finally:
        if own:
            session.close()


# -- the device flow ------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class DeviceAuthorization:
    """What the user needs: a code to confirm at a URL, before ``expires_in`` seconds have passed."""

    device_code: str = dataclasses.field(repr=False)
    user_code: str
    verification_uri: str
    verification_uri_with_request: str
    expires_in: float
    interval: float

    @property
    def open_url(self) -> str:
        """The page to open: with the request token the site pre-fills the code."""
        return self.verification_uri_with_request or self.verification_uri


class PollStatus:
    PENDING = "authorization_pending"
    AUTHORIZED = "authorized"
    DENIED = "access_denied"
    EXPIRED = "expired_token"


class DeviceFlow:
    """One device-code sign-in: ``start()``, show the code, then ``wait()`` (or ``poll()`` in a loop).

    ``poll_interval`` overrides the server's interval (tests use 0); ``sleep`` and ``clock`` are
    injectable. ``wait`` sleeps on the cancel event, so a cancel wakes it at once.
    """

    def __init__(
        self,
        site: str,
        *,
        http: requests.Session | None = None,
        client_id: str | None = None,
        scopes: str = DEFAULT_SCOPES,
        application_name: str = APPLICATION_NAME,
        key_pair: KeyPair | None = None,
        padding: str = "oaep",
        poll_interval: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.site = check_base_url(site)
        self._session, self._own_session = _session(http)
        self.client_id = client_id or new_client_id()
        self.scopes = scopes
        self.application_name = application_name
        self.key_pair = key_pair or KeyPair.generate()
        self.nonce = new_nonce()
        self.padding = padding
        self.poll_interval = poll_interval
        self._clock = clock
        self.authorization: DeviceAuthorization | None = None
        self._deadline = 0.0
        self.polls = 0

    def __repr__(self) -> str:
        return f"DeviceFlow({self.site!r}, polls={self.polls})"

    def close(self) -> None:
        if self._own_session:
            self._session.close()

    def start(self) -> DeviceAuthorization:
        body = _request_params(
            client_id=self.client_id,
            public_key=self.key_pair.public_pem,
            nonce=self.nonce,
            scopes=self.scopes,
            application_name=self.application_name,
            padding=self.padding,
        )
        try:
            data = _client(self._session, self.site).post_json(DEVICE_PATH, body)
        except NotFound:
            raise DeviceFlowUnsupported() from None
        self.authorization = self._validated(data)
        self._deadline = self._clock() + self.authorization.expires_in
        return self.authorization

    def _validated(self, data: dict[str, Any]) -> DeviceAuthorization:
        """Refuse a malformed answer, and any verification URL that is not on the site itself."""
        try:
            authorization = DeviceAuthorization(
                device_code=str(data["device_code"]),
                user_code=str(data["user_code"]),
                verification_uri=str(data["verification_uri"]),
                verification_uri_with_request=str(data.get("verification_uri_with_request") or ""),
                expires_in=float(data.get("expires_in", 600)),
                interval=float(data.get("interval", 5)),
            )
        except (KeyError, TypeError, ValueError):
            raise SignInError("The site's answer to the sign-in request was incomplete. Try again.") from None
        site = urlsplit(self.site)
        for url in filter(
            None, (authorization.verification_uri, authorization.verification_uri_with_request)
        ):
            parts = urlsplit(url)
            if (parts.scheme, parts.netloc) != (site.scheme, site.netloc) or parts.username or parts.password:
                raise SignInError(
                    "The site asked to confirm the code on another web site; the sign-in was stopped to keep "
                    "your account safe. Check the address."
                )
        if (
            not authorization.device_code
            or not 4 <= len(authorization.user_code) <= 32
            or authorization.expires_in <= 0
        ):
            raise SignInError("The site's answer to the sign-in request was not valid. Try again.")
        return authorization

    @property
    def interval(self) -> float:
        if self.poll_interval is not None:
            return max(0.0, self.poll_interval)
        server = self.authorization.interval if self.authorization else 5.0
        return min(MAX_INTERVAL, max(1.0, server))

    @property
    def seconds_left(self) -> float:
        return max(0.0, self._deadline - self._clock())

    def poll(self) -> str | None:
        """Ask once. Returns the key when authorized, None while pending; raises when it is over."""
        if self.authorization is None:
            raise RuntimeError("start() first")
        if self.seconds_left <= 0:
            raise ExpiredToken()
        self.polls += 1
        data = _client(self._session, self.site).post_json(
            POLL_PATH, {"device_code": self.authorization.device_code}
        )
        status = data.get("status")
        if status == PollStatus.PENDING:
            return None
        if status == PollStatus.AUTHORIZED:
            payload = data.get("payload")
            if not isinstance(payload, str):
                raise InvalidPayload("The site authorized the sign-in but sent no key. Start again.")
            return decrypt_payload(self.key_pair, payload, self.nonce)
        if status == PollStatus.DENIED:
            raise AccessDenied()
        if status == PollStatus.EXPIRED:
            raise ExpiredToken()
        raise SignInError(f"The site answered the sign-in check with an unknown status ({status!s:.40}).")

    def wait(
        self,
        cancel: threading.Event | None = None,
        *,
        on_poll: Callable[[float], None] | None = None,
    ) -> str:
        """Poll every ``interval`` until the key arrives; raises on denial, expiry or cancel.

        ``on_poll(seconds_left)`` reports progress. A dropped connection or a 429 waits and tries
        again a few times: the user may be busy in the browser while the network hiccups.
        """
        cancel = cancel or threading.Event()
        failures = 0
        while True:
            delay = self.interval
            if cancel.wait(delay) if delay > 0 else cancel.is_set():
                raise Cancelled()
            try:
                key = self.poll()
            except (Offline, RateLimited) as exc:
                failures += 1
                if failures > MAX_TRANSIENT_POLL_FAILURES:
                    raise
                extra = getattr(exc, "wait_seconds", None) or 0.0
                if extra and cancel.wait(min(extra, MAX_INTERVAL)):
                    raise Cancelled() from None
                continue
            failures = 0
            if on_poll is not None:
                on_poll(self.seconds_left)
            if key is not None:
                return key
