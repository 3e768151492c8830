"""A small local server on 127.0.0.1 for the sign-in tests, built on the sandbox's key-flow handler.

``/user-api-key...`` goes to ``moderator.sandbox.user_api_keys.handle``. Everything else is either
proxied to ``upstream`` (a running ``SandboxServer``), with a key this server issued swapped for the
upstream's own key (so the whole app works with it, as on a real site), or answered by a tiny
identity API when there is no upstream (``/session/current.json`` for the keys it issued,
``/u/{username}.json`` for its admin key, ``/site/basic-info.json``). Until the handler is hooked into
the sandbox's router, this is how the client meets the real protocol.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import requests

from moderator.sandbox.user_api_keys import UserApiKeyState, handle

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "host"}


class UserApiKeyServer:
    def __init__(
        self,
        state: UserApiKeyState | None = None,
        *,
        upstream: str | None = None,
        upstream_headers: Mapping[str, str] | None = None,
        admin_key: str = "",
        site_title: str = "Forum des idées",
    ) -> None:
        self.state = state or UserApiKeyState()
        self.admin_key = admin_key
        self.site_title = site_title
        self.upstream = upstream.rstrip("/") if upstream else None
        self.upstream_headers = dict(upstream_headers or {})
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._session = requests.Session()

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> UserApiKeyServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet tests
                pass

            def _any(self) -> None:
                owner._serve(self)

            do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = _any

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="user-api-key-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._session.close()

    def __enter__(self) -> UserApiKeyServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- one request ------------------------------------------------------------------------------

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        headers = {k: v for k, v in request.headers.items()}
        self.requests.append((request.command, parts.path, headers))
        answer = handle(self.state, request.command, parts.path, parts.query, body, headers)
        if answer is None:
            answer = self._other(request.command, request.path, body, headers)
        status, out_headers, payload = answer
        request.send_response(status)
        for name, value in out_headers.items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(payload)))
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(payload)

    def _other(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        key = next((v for k, v in headers.items() if k.lower() == "user-api-key"), "")
        username = self.state.user_for_key(key) if key else None
        if key and username is None:
            return _json(403, {"errors": ["You are not logged in."], "error_type": "not_logged_in"})
        if self.upstream is None:
            return self._identity(urlsplit(path).path, username, headers)
        forward = {k: v for k, v in headers.items() if k.lower() not in _HOP_BY_HOP}
        if username:  # one of our keys: act upstream with the upstream's own key
            forward = {k: v for k, v in forward.items() if not k.lower().startswith("user-api-")}
            forward.update(self.upstream_headers)
        response = self._session.request(
            method,
            self.upstream + path,
            data=body or None,
            headers=forward,
            allow_redirects=False,
            timeout=30,
        )
        kept = {k: v for k, v in response.headers.items() if k.lower() not in _HOP_BY_HOP}
        return response.status_code, kept, response.content

    def _identity(
        self, path: str, username: str | None, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        """Just enough of Discourse to say who a key acts as (no upstream)."""
        lowered = {k.lower(): v for k, v in headers.items()}
        if path == "/site/basic-info.json":
            return _json(200, {"title": self.site_title, "description": "A practice forum"})
        if path == "/session/current.json" and username:
            return _json(200, {"current_user": _user(username, moderator=True)})
        if "api-key" in lowered:
            if not self.admin_key or lowered["api-key"] != self.admin_key:
                return _json(403, {"errors": ["You are not logged in."], "error_type": "not_logged_in"})
            if path.startswith("/u/") and path.endswith(".json"):
                return _json(200, {"user": _user(path[3:-5], admin=True)})
        if username or "api-key" in lowered:
            return _json(404, {"errors": ["Not found"], "error_type": "not_found"})
        return _json(403, {"errors": ["You are not logged in."], "error_type": "not_logged_in"})


def _user(username: str, *, admin: bool = False, moderator: bool = False) -> dict[str, Any]:
    return {"id": 7, "username": username, "name": username.title(), "admin": admin, "moderator": moderator}


def _json(status: int, data: Any) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "application/json; charset=utf-8"}, json.dumps(data).encode("utf-8")
