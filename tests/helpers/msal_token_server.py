"""A Microsoft identity platform token endpoint on 127.0.0.1, for the MSAL device-code flow in tests.

Speaks what MSAL asks of a tenant (OAuth 2.0 device authorization grant, RFC 8628, and the refresh
token grant) with Microsoft's field names: ``/{tenant}/v2.0/.well-known/openid-configuration``,
``/{tenant}/oauth2/v2.0/devicecode`` and ``/{tenant}/oauth2/v2.0/token`` answering
``authorization_pending`` until the test (the "user") approves the code, ``authorization_declined``,
``expired_token``, and ``invalid_grant`` for a revoked or expired refresh token.

MSAL only accepts an https authority, so the app is pointed at ``AUTHORITY`` (a made-up https host)
and ``RoutingSession`` sends that host's requests here over plain http.
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

AUTHORITY = "https://login.test.invalid"
TENANT_ID = "11111111-2222-3333-4444-555555555555"


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


class TokenServer:
    def __init__(self, *, on_access_token: Callable[[str], None] | None = None, lifetime: int = 3600) -> None:
        self.on_access_token = on_access_token
        self.lifetime = lifetime
        self.codes: dict[str, dict[str, Any]] = {}  # device_code -> {user_code, state, client_id}
        self.refresh_tokens: set[str] = set()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- the "user" ----------------------------------------------------------------------------

    def approve(self, user_code: str) -> None:
        self._set(user_code, "approved")

    def decline(self, user_code: str) -> None:
        self._set(user_code, "declined")

    def expire(self, user_code: str) -> None:
        self._set(user_code, "expired")

    def revoke_refresh_tokens(self) -> None:
        with self._lock:
            self.refresh_tokens.clear()

    def _set(self, user_code: str, state: str) -> None:
        with self._lock:
            for code in self.codes.values():
                if code["user_code"] == user_code:
                    code["state"] = state

    def grants(self, grant_type: str) -> int:
        return sum(1 for path, form in self.requests if form.get("grant_type", "").endswith(grant_type))

    # -- HTTP ----------------------------------------------------------------------------------

    def start(self) -> TokenServer:
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

            def do_GET(self) -> None:  # noqa: N802
                owner._get(self)

            def do_POST(self) -> None:  # noqa: N802
                owner._post(self)

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def _send(self, handler: http.server.BaseHTTPRequestHandler, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _get(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path).path
        tenant = path.strip("/").split("/")[0]
        if path.endswith("/v2.0/.well-known/openid-configuration"):
            base = f"{AUTHORITY}/{tenant}/oauth2/v2.0"
            self._send(
                handler,
                200,
                {
                    "authorization_endpoint": f"{base}/authorize",
                    "token_endpoint": f"{base}/token",
                    "device_authorization_endpoint": f"{base}/devicecode",
                    "issuer": f"{AUTHORITY}/{TENANT_ID}/v2.0",
                    "response_types_supported": ["code"],
                },
            )
            return
        self._send(handler, 404, {"error": "not_found"})

    def _post(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path).path
        length = int(handler.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(handler.rfile.read(length).decode()).items()}
        with self._lock:
            self.requests.append((path, form))
        if path.endswith("/oauth2/v2.0/devicecode"):
            device_code = secrets.token_urlsafe(24)
            user_code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(9))
            with self._lock:
                self.codes[device_code] = {
                    "user_code": user_code,
                    "state": "pending",
                    "client_id": form.get("client_id"),
                }
            self._send(
                handler,
                200,
                {
                    "device_code": device_code,
                    "user_code": user_code,
                    "verification_uri": "https://microsoft.com/devicelogin",
                    "expires_in": 900,
                    "interval": 1,
                    "message": f"To sign in, use a web browser to open the page https://microsoft.com/devicelogin "
                    f"and enter the code {user_code} to authenticate.",
                },
            )
            return
        if path.endswith("/oauth2/v2.0/token"):
            self._token(handler, form)
            return
        self._send(handler, 404, {"error": "not_found"})

    def _token(self, handler: http.server.BaseHTTPRequestHandler, form: dict[str, str]) -> None:
        grant = form.get("grant_type", "")
        if grant.endswith("device_code"):
            with self._lock:
                code = self.codes.get(form.get("device_code", ""))
            state = code["state"] if code else "expired"
            errors = {
                "pending": "authorization_pending",
                "declined": "authorization_declined",
                "expired": "expired_token",
            }
            if state != "approved":
                self._send(
                    handler, 400, {"error": errors[state], "error_description": f"AADSTS: {errors[state]}"}
                )
                return
            with self._lock:
                code["state"] = "used"
            self._send(handler, 200, self._tokens(form.get("client_id", "")))
            return
        if grant == "refresh_token":
            with self._lock:
                known = form.get("refresh_token") in self.refresh_tokens
            if not known:
                self._send(
                    handler,
                    400,
                    {
                        "error": "invalid_grant",
                        "error_description": "AADSTS700082: The refresh token has expired.",
                    },
                )
                return
            self._send(handler, 200, self._tokens(form.get("client_id", "")))
            return
        self._send(handler, 400, {"error": "unsupported_grant_type"})

    def _tokens(self, client_id: str) -> dict[str, Any]:
        access = "at-" + secrets.token_urlsafe(16)
        refresh = "rt-" + secrets.token_urlsafe(16)
        with self._lock:
            self.refresh_tokens.add(refresh)
        if self.on_access_token is not None:
            self.on_access_token(access)
        now = int(time.time())
        claims = {
            "iss": f"{AUTHORITY}/{TENANT_ID}/v2.0",
            "aud": client_id,
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "oid": "aaaaaaaa-0000-0000-0000-000000000001",
            "sub": "subject-1",
            "tid": TENANT_ID,
            "preferred_username": "camille@contoso.example",
            "name": "Camille",
        }
        id_token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}.sig"
        return {
            "token_type": "Bearer",
            "scope": "https://api.yammer.com/user_impersonation",
            "expires_in": self.lifetime,
            "ext_expires_in": self.lifetime,
            "access_token": access,
            "refresh_token": refresh,
            "id_token": id_token,
            "client_info": _b64({"uid": claims["oid"], "utid": TENANT_ID}),
        }


class RoutingSession(requests.Session):
    """A requests session that sends the made-up authority's requests to the local token server."""

    def __init__(self, token_server_url: str) -> None:
        super().__init__()
        self._target = token_server_url

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        text = url.decode() if isinstance(url, bytes) else url
        if text.startswith(AUTHORITY):
            text = self._target + text[len(AUTHORITY) :]
        return super().request(method, text, *args, **kwargs)


@contextlib.contextmanager
def running(**options: Any) -> Iterator[TokenServer]:
    server = TokenServer(**options).start()
    try:
        yield server
    finally:
        server.stop()
