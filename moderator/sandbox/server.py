"""The sandbox's HTTP side: a local Discourse on 127.0.0.1 with request recording and fault injection.

Why faults live here (and not in ``routes``): they imitate what sits *around* Discourse — nginx
errors, rate limiters, dropped connections, slow upstreams — so the app's connector is tested on the
failures it will meet in the field, byte for byte (headers, bodies, resets).
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
import secrets
import socket
import struct
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

from . import review_queue  # noqa: F401 - registers the /review routes
from .entities import UserApiKey
from .generator import generate
from .routes import HTML_TYPE, JSON_TYPE, Api, Reply, Request
from .world import World

log = logging.getLogger("moderator.sandbox")

FAULTS = (
    "429-retry-after",
    "429-json",
    "429-text",
    "429-html",
    "500",
    "502",
    "timeout",
    "truncated",
    "401",
    "403",
    "reset",
    "drop-after-accept",
)

NGINX_429 = (
    "<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n"
    "<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)
NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)
NGINX_401 = (
    "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n"
    "<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n"
    "</html>\r\n"
)
RAILS_500 = (
    '<!DOCTYPE html>\n<html>\n<head>\n  <title>Oops - Error 500</title>\n  <meta charset="utf-8">\n'
    "</head>\n<body>\n  <h1>Oops</h1>\n  <p>The software powering this discussion forum encountered an "
    "unexpected problem. We apologize for the inconvenience.</p>\n  <p>Detailed information about the "
    "error was logged, and an automatic notification generated. We'll take a look at it.</p>\n"
    "  <p>No further action is necessary. However, if the error condition persists, you can provide "
    "additional detail, including steps to reproduce the error, by posting a discussion topic in the "
    "site's feedback category.</p>\n</body>\n</html>\n"
)
TEXT_429 = (
    "Slow down, too many requests from this IP address.\nPlease retry again in {wait} seconds.\n"
    "Error code: ip_10_secs_limit.\n"
)


class RequestRecord(NamedTuple):
    """One request the sandbox received; ``headers`` keys are lower-case; ``status`` 0 = no answer."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    status: int


@dataclass(slots=True)
class _Fault:
    pattern: re.Pattern[str]
    kind: str
    remaining: int
    method: str | None


def rate_limited(wait: int, code: str) -> Reply:
    """Shape 1 of NOTES §2: the Rails limiter's JSON, ``Retry-After`` and the error-code header."""
    unit = "second" if wait == 1 else "seconds"
    body = {
        "errors": [
            f"You’ve performed this action too many times. Please wait {wait} {unit} before trying again."
        ],
        "error_type": "rate_limit",
        "extras": {"wait_seconds": wait, "time_left": f"{wait} {unit}"},
    }
    return Reply(429, body, headers={"Retry-After": str(wait), "Discourse-Rate-Limit-Error-Code": code})


def fault_reply(kind: str) -> Reply:
    """The canned answer of a fault that replies (everything but timeout/reset/drop/truncated)."""
    if kind == "429-retry-after":
        return rate_limited(2, "user_api_key_limiter_60_secs")
    if kind == "429-json":
        reply = rate_limited(2, "user_api_key_limiter_60_secs")
        reply.headers.pop("Retry-After")
        return reply
    if kind == "429-text":
        return Reply(
            429,
            TEXT_429.format(wait=2),
            content_type="text/plain; charset=utf-8",
            headers={"Retry-After": "2", "Discourse-Rate-Limit-Error-Code": "ip_10_secs_limit"},
        )
    if kind == "429-html":
        return Reply(429, NGINX_429, content_type="text/html")
    if kind == "500":
        return Reply(500, RAILS_500, content_type=HTML_TYPE)
    if kind == "502":
        return Reply(502, NGINX_502, content_type="text/html")
    if kind == "401":
        return Reply(
            401, NGINX_401, content_type="text/html", headers={"WWW-Authenticate": 'Basic realm="Restricted"'}
        )
    if kind == "403":
        return Reply(
            403,
            {
                "errors": [
                    "You are not permitted to view the requested resource. The API username or key "
                    "is invalid."
                ],
                "error_type": "invalid_access",
            },
        )
    raise ValueError(kind)


class _RateLimiter:
    """Sliding-window counters like Discourse's ``RateLimiter`` (per bucket, per window)."""

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, bucket: str, limit: int, window: float) -> int | None:
        """Record a hit; return the seconds to wait instead when the bucket is full."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(bucket, deque())
            while hits and now - hits[0] >= window:
                hits.popleft()
            if len(hits) >= limit:
                return max(1, math.ceil(hits[0] + window - now))
            hits.append(now)
            return None

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


class _HTTPServer(ThreadingHTTPServer):
    """Tracks open connections so ``stop()`` can cut idle keep-alives, and can reset sockets (RST)."""

    daemon_threads = True
    block_on_close = True

    def __init__(self, address: tuple[str, int], sandbox: SandboxServer) -> None:
        self.sandbox = sandbox
        self._open: set[socket.socket] = set()
        self._resets: set[socket.socket] = set()
        self._conn_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conn_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self._open.discard(request)
            reset = request in self._resets
            self._resets.discard(request)
        if reset:
            self.close_request(request)  # no FIN first: SO_LINGER 0 turns close() into a RST
        else:
            super().shutdown_request(request)

    def mark_reset(self, request: socket.socket) -> None:
        request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with self._conn_lock:
            self._resets.add(request)

    def close_open_connections(self) -> None:
        with self._conn_lock:
            conns = list(self._open)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("sandbox connection error from %s", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 60
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        # Headers and body are written separately: without NODELAY, Nagle + delayed ACK add ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def version_string(self) -> str:
        return "nginx"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - BaseHTTPRequestHandler's name
        log.debug("sandbox: " + format, *args)

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._serve()

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve()

    def do_POST(self) -> None:  # noqa: N802
        self._serve()

    def do_PUT(self) -> None:  # noqa: N802
        self._serve()

    def do_DELETE(self) -> None:  # noqa: N802
        self._serve()

    # ------------------------------------------------------------------ one request

    def _serve(self) -> None:
        sandbox = self.server.sandbox
        started = time.perf_counter()
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        headers = {k.lower(): v for k, v in self.headers.items()}
        length = int(headers.get("content-length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        record = RequestRecord(self.command, path, query, headers, 0)
        fault = sandbox._take_fault(self.command, path)

        if fault == "timeout":
            if sandbox._stopping.wait(sandbox.timeout_delay):
                sandbox._record(record)
                self._reset()
                return
        elif fault == "reset":
            sandbox._record(record)
            self._reset()
            return
        if fault in ("timeout", "truncated", "drop-after-accept", None):
            reply = sandbox._answer(Request(self.command, path, query, headers, body, sandbox.url))
        else:
            reply = fault_reply(fault)
        if fault == "drop-after-accept":
            sandbox._record(record)
            self._reset()
            return
        payload = reply.payload()
        if fault == "truncated":
            payload = payload[: len(payload) // 2]
        sandbox._record(record._replace(status=reply.status))
        self._send(reply, payload, time.perf_counter() - started)

    def _send(self, reply: Reply, payload: bytes, elapsed: float) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-cache, no-store")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Referrer-Policy", "strict-origin-when-cross-origin")
        self.send_header("X-Content-Type-Options", "nosniff")
        if reply.route:
            self.send_header("X-Discourse-Route", reply.route)
        if reply.username:
            self.send_header("X-Discourse-Username", reply.username)
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        self.send_header("X-Permitted-Cross-Domain-Policies", "none")
        self.send_header("X-Request-Id", str(uuid.uuid4()))
        self.send_header("X-Runtime", f"{elapsed:.6f}")
        self.send_header("X-Xss-Protection", "0")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def _reset(self) -> None:
        """Drop the connection without answering: RST, no response bytes."""
        self.close_connection = True
        self.server.mark_reset(self.connection)


class SandboxServer:
    """A local Discourse serving a generated community; see the package docstring for usage."""

    def __init__(
        self,
        world: World | None = None,
        seed: int = 7,
        scale: float = 1.0,
        port: int = 0,
        host: str = "127.0.0.1",
        now: datetime | None = None,
    ) -> None:
        self.world = world if world is not None else generate(seed=seed, scale=scale, now=now)
        self.host = host
        self.port = port
        self.timeout_delay = 3.0
        self.rate_limits = False
        self.rate_limit_config = {"admin_per_minute": 60, "user_per_minute": 20, "user_per_day": 2880}
        self.requests: list[RequestRecord] = []
        self._records_lock = threading.Lock()
        self._faults: list[_Fault] = []
        self._faults_lock = threading.Lock()
        self.fault_taken = threading.Event()  # set when a request meets an injected fault (tests wait on it)
        self._api = Api(self.world)
        self.user_api_key_state: Any = None  # key-creation flows (user_api_keys), created on first use
        self._limiter = _RateLimiter()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> SandboxServer:
        if self._httpd is not None:
            return self
        self._stopping.clear()
        self._httpd = _HTTPServer((self.host, self.port), self)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"sandbox-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, cut open connections (and pending timeouts), close the socket, join threads."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.close_open_connections()
        httpd.server_close()
        if thread is not None:
            thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # ------------------------------------------------------------------ test helpers

    def request_count(self, method: str | None = None, path_prefix: str | None = None) -> int:
        with self._records_lock:
            return sum(
                1
                for r in self.requests
                if (method is None or r.method == method.upper())
                and (path_prefix is None or r.path.startswith(path_prefix))
            )

    def reset_requests(self) -> None:
        with self._records_lock:
            self.requests.clear()

    def inject_fault(self, path_regex: str, fault: str, *, times: int = 1, method: str | None = None) -> None:
        """Make the next ``times`` requests whose path matches ``path_regex`` (``re.search``) fail.

        ``timeout`` holds the request ``timeout_delay`` seconds then answers normally (a slow upstream);
        ``drop-after-accept`` performs the request (e.g. creates the post) then resets the connection.
        """
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; expected one of {FAULTS}")
        with self._faults_lock:
            self._faults.append(
                _Fault(re.compile(path_regex), fault, times, method.upper() if method else None)
            )

    def clear_faults(self) -> None:
        with self._faults_lock:
            self._faults.clear()

    def create_user_api_key(
        self, username: str, *, client_id: str = "sandbox-client", scopes: tuple[str, ...] = ("read", "write")
    ) -> str:
        """Register a user API key acting as ``username`` (the key flows of ``user_api_keys`` call this)."""
        with self.world.lock:
            user = self.world.require_user(username)
            key = secrets.token_hex(16)
            self.world.user_api_keys[key] = UserApiKey(key, user.id, client_id, scopes)
            return key

    # ------------------------------------------------------------------ internals (used by the handler)

    def _record(self, record: RequestRecord) -> None:
        with self._records_lock:
            self.requests.append(record)

    def _take_fault(self, method: str, path: str) -> str | None:
        with self._faults_lock:
            for fault in self._faults:
                if (
                    fault.remaining > 0
                    and (fault.method is None or fault.method == method)
                    and fault.pattern.search(path)
                ):
                    fault.remaining -= 1
                    self.fault_taken.set()
                    return fault.kind
        return None

    def _rate_limit(self, headers: dict[str, str]) -> Reply | None:
        if not self.rate_limits:
            return None
        cfg = self.rate_limit_config
        if "api-key" in headers:
            wait = self._limiter.hit("admin_api_min", cfg["admin_per_minute"], 60)
            return rate_limited(wait, "admin_api_key_rate_limit") if wait else None
        key = headers.get("user-api-key")
        if key:
            wait = self._limiter.hit(f"user_api_min_{key}", cfg["user_per_minute"], 60)
            if wait:
                return rate_limited(wait, "user_api_key_limiter_60_secs")
            wait = self._limiter.hit(f"user_api_day_{key}", cfg["user_per_day"], 86400)
            if wait:
                return rate_limited(wait, "user_api_key_limiter_1_day")
        return None

    def _answer(self, req: Request) -> Reply:
        limited = self._rate_limit(req.headers)
        if limited is not None:
            return limited
        if req.path.startswith("/user-api-key") and req.path != "/user-api-key/revoke":
            from .user_api_keys import sandbox_answer  # lazy: the flows need RSA (cryptography)

            flow = sandbox_answer(self, req)
            if flow is not None:
                return flow
        try:
            with self.world.lock:
                return self._api.handle(req)
        except Exception:  # a sandbox bug must look like a Discourse 500, not kill the connection
            log.exception("sandbox error on %s %s", req.method, req.path)
            return Reply(
                500, {"errors": ["Internal Server Error"], "error_type": "unknown"}, content_type=JSON_TYPE
            )
