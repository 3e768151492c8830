"""The server side of Discourse's user-API-key sign-in, for the sandbox and the tests.

It speaks what a real Discourse (2026 builds) answers, from ``user_api_keys_controller.rb`` and
``app/services/user_api_key/device_auth/*``:

- ``HEAD /user-api-key/new``: ``Auth-Api-Version: 4`` and, when the device flow is on,
  ``Auth-Api-Device-Code: true``;
- ``GET /user-api-key/new?...``: the approval page of the copy-paste flow;
  ``POST /user-api-key`` (what its "Authorize" button sends): a new key, encrypted with the client's
  public key, shown as a payload to copy (HTML) or answered as ``{"payload", "instructions"}`` (JSON);
- ``POST /user-api-key/device.json`` and ``POST /user-api-key/device/poll.json``: the device flow;
  ``GET``/``POST /user-api-key/activate``: the page where the user types or confirms the code;
- ``POST /user-api-key/revoke`` with the ``User-Api-Key`` header.

Why a separate module that shares nothing with ``moderator.platforms.discourse.auth``: a test of the
client against a server that imports the client's own helpers would pass even if both were wrong
the same way. This side has its own RSA encryption (``cryptography``), its own JSON and its own
base64, the latter with Ruby's ``Base64.encode64`` line breaks, as the real server sends them.

The sandbox has no login: whoever approves is ``state.username``. Tests drive approvals with
:meth:`UserApiKeyState.approve` / :meth:`deny` or ``auto_approve``, and move time with ``clock``.
"""

from __future__ import annotations

import base64
import dataclasses
import html
import json
import secrets
import string
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qs, urlencode

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding as rsa_padding
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

Response = tuple[int, dict[str, str], bytes]
IssueKey = Callable[[str, str, tuple[str, ...]], str]  # (username, client_id, scopes) -> the new key

AUTH_API_VERSION = 4
DEVICE_TTL_SECONDS = 600
DEVICE_INTERVAL_SECONDS = 5
USER_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ALLOWED_SCOPES = frozenset(
    {"read", "write", "message_bus", "push", "notifications", "session_info", "one_time_password"}
)
INSTRUCTIONS = "Copy this payload and paste it into %s to finish signing in."

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache", "Expires": "0"}


@dataclasses.dataclass(slots=True)
class IssuedKey:
    key: str
    username: str
    client_id: str
    application_name: str
    scopes: tuple[str, ...]
    revoked: bool = False


@dataclasses.dataclass(slots=True)
class DeviceRequest:
    device_code: str
    user_code: str
    request_token: str
    client_id: str
    application_name: str
    scopes: tuple[str, ...]
    nonce: str
    public_key: str
    padding: str
    expires_at: float
    status: str = "pending"  # pending | authorized | denied
    payload: str = ""
    polls: int = 0


class UserApiKeyState:
    """Pending device requests and issued keys of one server. Thread-safe (the server is threaded)."""

    def __init__(
        self,
        *,
        username: str = "animatrice",
        device_flow: bool = True,
        auto_approve: str | None = None,
        approve_after_polls: int = 1,
        ttl_seconds: int = DEVICE_TTL_SECONDS,
        interval_seconds: int = DEVICE_INTERVAL_SECONDS,
        clock: Callable[[], float] = time.time,
        key_factory: Callable[[], str] | None = None,
        issue: IssueKey | None = None,
        handle_revoke: bool = True,
    ) -> None:
        self.username = username
        self.device_flow = device_flow
        self.auto_approve = auto_approve  # None, "approve" or "deny": what the user "does" after some polls
        self.approve_after_polls = approve_after_polls
        self.ttl_seconds = ttl_seconds
        self.interval_seconds = interval_seconds
        self.clock = clock
        self.key_factory = key_factory or (lambda: secrets.token_hex(16))
        self.issue = issue  # a host server that keeps its own keys (the sandbox world) registers them here
        self.handle_revoke = handle_revoke  # False: the host server's own revoke route answers
        self.devices: dict[str, DeviceRequest] = {}
        self.keys: dict[str, IssuedKey] = {}
        self.requests: list[tuple[str, str]] = []  # (method, path), for tests that count
        self._lock = threading.RLock()

    # -- what the server (and tests) ask --------------------------------------------------------

    def user_for_key(self, key: str) -> str | None:
        """The username a live key acts as, or None (unknown or revoked): for the auth check."""
        with self._lock:
            issued = self.keys.get(key)
            return issued.username if issued and not issued.revoked else None

    def request_by_user_code(self, user_code: str) -> DeviceRequest | None:
        wanted = user_code.strip().upper()
        with self._lock:
            return next((d for d in self.devices.values() if d.user_code == wanted), None)

    def approve(self, user_code: str, username: str | None = None) -> str:
        """Approve a pending device request as ``username``; returns the key issued."""
        with self._lock:
            request = self._pending(user_code)
            issued = self._issue(
                username or self.username, request.client_id, request.application_name, request.scopes
            )
            request.payload = _encrypt_payload(request.public_key, request.padding, issued.key, request.nonce)
            request.status = "authorized"
            return issued.key

    def deny(self, user_code: str) -> None:
        with self._lock:
            self._pending(user_code).status = "denied"

    def expire_all(self) -> None:
        """Let every pending request run out of time (the user walked away)."""
        with self._lock:
            for request in self.devices.values():
                request.expires_at = self.clock() - 1

    def _pending(self, user_code: str) -> DeviceRequest:
        request = self.request_by_user_code(user_code)
        if request is None or request.status != "pending" or request.expires_at <= self.clock():
            raise KeyError(f"no pending device request with code {user_code}")
        return request

    def _issue(
        self, username: str, client_id: str, application_name: str, scopes: tuple[str, ...]
    ) -> IssuedKey:
        # As Discourse does: a new key for (client, user) replaces that user's previous keys for the client.
        for old in self.keys.values():
            if old.client_id == client_id and old.username == username:
                old.revoked = True
        key = self.issue(username, client_id, scopes) if self.issue else self.key_factory()
        issued = IssuedKey(key, username, client_id, application_name, scopes)
        self.keys[issued.key] = issued
        return issued


# -- encryption, JSON and base64 of this side --------------------------------------------------------


def _encode64(data: bytes) -> str:
    """Ruby's ``Base64.encode64``: lines of 60 characters, each ended by a newline."""
    text = base64.b64encode(data).decode("ascii")
    return "".join(text[i : i + 60] + "\n" for i in range(0, len(text), 60))


def _load_public_key(pem: str) -> RSAPublicKey:
    try:
        key = serialization.load_pem_public_key(pem.encode("utf-8"))
    except (ValueError, TypeError) as exc:
        raise _BadRequest("public_key is not an RSA public key in PEM format") from exc
    if not isinstance(key, RSAPublicKey) or not 2048 <= key.key_size <= 8192:
        raise _BadRequest("public_key must be an RSA key of 2048 to 8192 bits")
    return key


def _encrypt_payload(public_key_pem: str, padding: str, key: str, nonce: str) -> str:
    public_key = _load_public_key(public_key_pem)
    plain = json.dumps({"key": key, "nonce": nonce, "push": False, "api": AUTH_API_VERSION}).encode("utf-8")
    limit = public_key.key_size // 8 - (42 if padding == "oaep" else 11)
    if len(plain) > limit:
        raise _BadRequest(f"Payload too large for this key size: maximum {limit} bytes, got {len(plain)}.")
    if padding == "oaep":
        scheme: rsa_padding.AsymmetricPadding = rsa_padding.OAEP(
            mgf=rsa_padding.MGF1(algorithm=hashes.SHA1()), algorithm=hashes.SHA1(), label=None
        )
    else:
        scheme = rsa_padding.PKCS1v15()
    return _encode64(public_key.encrypt(plain, scheme))


# -- HTTP ----------------------------------------------------------------------------------------------


class _BadRequest(Exception):
    pass


def _json(status: int, data: Any, extra: Mapping[str, str] | None = None) -> Response:
    headers = {"Content-Type": "application/json; charset=utf-8", **_NO_STORE, **(extra or {})}
    return status, headers, json.dumps(data).encode("utf-8")


def _error(status: int, message: str, error_type: str = "invalid_parameters") -> Response:
    return _json(status, {"errors": [message], "error_type": error_type})


def _page(title: str, body_html: str, status: int = 200) -> Response:
    document = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body>{body_html}</body></html>"
    )
    return status, {"Content-Type": "text/html; charset=utf-8", **_NO_STORE}, document.encode("utf-8")


def _params(query: str | Mapping[str, Any], body: bytes, headers: Mapping[str, str]) -> dict[str, str]:
    """Query string, form or JSON body, flattened to single strings (Rails' ``params``)."""
    params: dict[str, str] = {}
    if isinstance(query, str):
        params.update({k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()})
    else:
        params.update({k: (v[-1] if isinstance(v, list) else str(v)) for k, v in query.items()})
    if body:
        content_type = _header(headers, "Content-Type")
        if "json" in content_type:
            try:
                data = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise _BadRequest("the body is not valid JSON") from exc
            if not isinstance(data, dict):
                raise _BadRequest("the body must be a JSON object")
            params.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()})
        else:
            text = body.decode("utf-8", errors="replace")
            params.update({k: v[-1] for k, v in parse_qs(text, keep_blank_values=True).items()})
    return params


def _header(headers: Mapping[str, str], name: str) -> str:
    wanted = name.lower()
    return next((str(v) for k, v in headers.items() if k.lower() == wanted), "")


def _origin(headers: Mapping[str, str]) -> str:
    host = _header(headers, "Host") or "127.0.0.1"
    scheme = _header(headers, "X-Forwarded-Proto") or "http"
    return f"{scheme}://{host}"


def _require(params: Mapping[str, str], *names: str) -> None:
    missing = [n for n in names if not params.get(n)]
    if missing:
        raise _BadRequest(f"param is missing or the value is empty: {', '.join(missing)}")


def _scopes(params: Mapping[str, str], *, device: bool) -> tuple[str, ...]:
    scopes = tuple(s for s in params["scopes"].split(",") if s)
    unknown = set(scopes) - ALLOWED_SCOPES
    if not scopes or unknown or (device and "one_time_password" in scopes):
        raise _BadRequest(f"scopes not allowed: {', '.join(sorted(unknown)) or params['scopes']}")
    return scopes


def _padding(params: Mapping[str, str]) -> str:
    padding = params.get("padding") or "pkcs1"
    if padding not in ("pkcs1", "oaep"):
        raise _BadRequest("padding must be pkcs1 or oaep")
    return padding


def handle(
    state: UserApiKeyState,
    method: str,
    path: str,
    query: str | Mapping[str, Any],
    body: bytes,
    headers: Mapping[str, str],
) -> Response | None:
    """Answer a ``/user-api-key...`` request, or None when the path is not one of ours."""
    if not path.startswith("/user-api-key"):
        return None
    method = method.upper()
    with state._lock:
        state.requests.append((method, path))
        try:
            return _route(state, method, path, query, body, headers)
        except _BadRequest as exc:
            return _error(400, str(exc))


def _route(
    state: UserApiKeyState,
    method: str,
    path: str,
    query: str | Mapping[str, Any],
    body: bytes,
    headers: Mapping[str, str],
) -> Response | None:
    if path == "/user-api-key/new" and method == "HEAD":
        extra = {"Auth-Api-Version": str(AUTH_API_VERSION)}
        if state.device_flow:
            extra["Auth-Api-Device-Code"] = "true"
        return 200, {"Content-Type": "text/html; charset=utf-8", **extra}, b""
    if path == "/user-api-key/new" and method == "GET":
        return _approval_page(state, _params(query, b"", headers))
    if path in ("/user-api-key", "/user-api-key.json") and method == "POST":
        wants_json = path.endswith(".json") or "json" in _header(headers, "Accept")
        return _create_key(state, _params(query, body, headers), wants_json=wants_json)
    if path == "/user-api-key/device.json" and method == "POST":
        if not state.device_flow:
            return _error(404, "The requested URL or resource could not be found.", "not_found")
        return _device_request(state, _params(query, body, headers), _origin(headers))
    if path == "/user-api-key/device/poll.json" and method == "POST":
        if not state.device_flow:
            return _error(404, "The requested URL or resource could not be found.", "not_found")
        return _poll(state, _params(query, body, headers))
    if path == "/user-api-key/activate" and method in ("GET", "POST"):
        return _activate(state, method, _params(query, body if method == "POST" else b"", headers))
    if path == "/user-api-key/revoke" and method == "POST" and state.handle_revoke:
        return _revoke(state, _header(headers, "User-Api-Key"))
    return None


# -- the copy-paste flow ---------------------------------------------------------------------------


def _approval_page(state: UserApiKeyState, params: dict[str, str]) -> Response:
    _require(params, "public_key", "nonce", "scopes", "client_id", "application_name")
    _scopes(params, device=False)
    _load_public_key(params["public_key"])
    fields = "".join(
        f"<input type='hidden' name='{html.escape(k)}' value='{html.escape(v)}'>"
        for k, v in params.items()
        if k in ("public_key", "nonce", "scopes", "client_id", "application_name", "padding")
    )
    body = (
        f"<h1>{html.escape(params['application_name'])} would like to access your account</h1>"
        f"<p>Signed in as <b>{html.escape(state.username)}</b>. Scopes: {html.escape(params['scopes'])}.</p>"
        f"<form method='post' action='/user-api-key'>{fields}<button type='submit'>Authorize</button></form>"
    )
    return _page("Authorize application", body)


def _create_key(state: UserApiKeyState, params: dict[str, str], *, wants_json: bool) -> Response:
    _require(params, "public_key", "nonce", "scopes", "client_id", "application_name")
    if params.get("auth_redirect"):
        return _error(403, "You are not permitted to view the requested resource.", "invalid_access")
    scopes = _scopes(params, device=False)
    padding = _padding(params)
    _load_public_key(params["public_key"])
    issued = state._issue(state.username, params["client_id"], params["application_name"], scopes)
    payload = _encrypt_payload(params["public_key"], padding, issued.key, params["nonce"])
    instructions = INSTRUCTIONS % params["application_name"]
    if wants_json:
        return _json(200, {"payload": payload, "instructions": instructions})
    body = (
        f"<p>{html.escape(instructions)}</p>"
        f"<textarea id='payload' rows='8' cols='64' readonly>{html.escape(payload)}</textarea>"
    )
    return _page("Application authorized", body)


# -- the device flow -------------------------------------------------------------------------------


def _user_code() -> str:
    chars = "".join(secrets.choice(USER_CODE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def _device_request(state: UserApiKeyState, params: dict[str, str], origin: str) -> Response:
    _require(params, "public_key", "nonce", "scopes", "client_id", "application_name")
    scopes = _scopes(params, device=True)
    padding = _padding(params)
    _load_public_key(params["public_key"])
    # Refuse up front what could not be encrypted later (Discourse checks with a placeholder key).
    _encrypt_payload(params["public_key"], padding, "x" * 32, params["nonce"])
    token_chars = string.ascii_letters + string.digits + "-_"
    request = DeviceRequest(
        device_code=secrets.token_hex(32),
        user_code=_user_code(),
        request_token="".join(secrets.choice(token_chars) for _ in range(8)),
        client_id=params["client_id"],
        application_name=params["application_name"],
        scopes=scopes,
        nonce=params["nonce"],
        public_key=params["public_key"],
        padding=padding,
        expires_at=state.clock() + state.ttl_seconds,
    )
    state.devices[request.device_code] = request
    verification = f"{origin}/user-api-key/activate"
    return _json(
        200,
        {
            "device_code": request.device_code,
            "user_code": request.user_code,
            "verification_uri": verification,
            "verification_uri_with_request": f"{verification}?{urlencode({'request': request.request_token})}",
            "expires_in": state.ttl_seconds,
            "interval": state.interval_seconds,
        },
    )


def _poll(state: UserApiKeyState, params: dict[str, str]) -> Response:
    _require(params, "device_code")
    request = state.devices.get(params["device_code"])
    if request is None or (request.status == "pending" and request.expires_at <= state.clock()):
        state.devices.pop(params["device_code"], None)
        return _json(200, {"status": "expired_token"})
    request.polls += 1
    if request.status == "pending" and state.auto_approve and request.polls > state.approve_after_polls:
        if state.auto_approve == "deny":
            state.deny(request.user_code)
        else:
            state.approve(request.user_code)
    if request.status == "authorized":
        del state.devices[request.device_code]  # the payload is handed out once
        return _json(200, {"status": "authorized", "payload": request.payload})
    if request.status == "denied":
        return _json(200, {"status": "access_denied"})
    return _json(200, {"status": "authorization_pending"})


def _activate(state: UserApiKeyState, method: str, params: dict[str, str]) -> Response:
    if method == "GET":
        token = params.get("request", "")
        known = next((d for d in state.devices.values() if token and d.request_token == token), None)
        code = known.user_code if known else ""
        body = (
            "<h1>Connect a device</h1>"
            f"<p>Signed in as <b>{html.escape(state.username)}</b>. Enter the code the application shows.</p>"
            "<form method='post' action='/user-api-key/activate'>"
            f"<input name='user_code' value='{html.escape(code)}' autocomplete='off'>"
            "<button name='decision' value='approve'>Authorize</button>"
            "<button name='decision' value='deny'>Deny</button></form>"
        )
        return _page("Connect a device", body)
    _require(params, "user_code")
    try:
        if params.get("decision") == "deny":
            state.deny(params["user_code"])
            return _page("Denied", "<p>The application was not given access.</p>")
        state.approve(params["user_code"])
    except KeyError:
        return _page("Unknown code", "<p>This code is unknown or has expired.</p>", status=404)
    return _page("Authorized", "<p>Done. You can go back to the application.</p>")


def _revoke(state: UserApiKeyState, key: str) -> Response | None:
    issued = state.keys.get(key) if key else None
    if issued is None:
        return None  # not one of ours: the host server's own keys (the sandbox key) are its business
    if issued.revoked:
        return _error(404, "The requested URL or resource could not be found.", "not_found")
    issued.revoked = True
    return _json(200, {"success": "OK"})


# -- the sandbox hook --------------------------------------------------------------------------------


def sandbox_answer(server: Any, req: Any) -> Any | None:
    """Answer a ``SandboxServer`` request for the key flows, or None to let its router go on.

    Keys approved here are registered in the sandbox world (``server.create_user_api_key``), so the
    sandbox's own authentication and ``/user-api-key/revoke`` know them. Whoever approves is the
    sandbox's animator (``SANDBOX_USERNAME``): the practice site has no login.
    """
    if not str(req.path).startswith("/user-api-key"):
        return None
    state = getattr(server, "user_api_key_state", None)
    if state is None:
        from .generator import SANDBOX_USERNAME

        def issue(username: str, client_id: str, scopes: tuple[str, ...]) -> str:
            return str(server.create_user_api_key(username, client_id=client_id, scopes=scopes))

        state = UserApiKeyState(username=SANDBOX_USERNAME, issue=issue, handle_revoke=False)
        server.user_api_key_state = state
    answer = handle(state, req.method, req.path, req.query, req.body, req.headers)
    if answer is None:
        return None
    from .routes import Reply

    status, headers, body = answer
    content_type = headers.pop("Content-Type", "application/json; charset=utf-8")
    headers.pop("Cache-Control", None)  # the sandbox sends its own
    return Reply(status, body, "user_api_keys", content_type, headers)
