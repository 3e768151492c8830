"""The one HTTP layer every connector goes through.

Why one layer: the rules that keep an account in good standing with a site (rate budgets, backoff after
a 429, no retry of a POST that may have landed), the rules that keep the user safe (TLS always verified,
no key over plain http, no key in a log line) and the mapping of failures to typed, user-facing errors
must hold for every platform, so they live here once.

Rules, in the order a request meets them:

1. Rate budget (client side, per key, token buckets, nothing persisted): a request waits for a token
   (interruptibly, through the cancel event) instead of exceeding the budget. Discourse defaults: a user
   API key has 20/min and 2,880/day of its own; every admin key of one site shares 60/min (keyed by host).
   ``None`` means unlimited (the local sandbox). A client may route paths to separate buckets
   (``budget_for``): Viva Engage counts messages and other calls apart, 10 per 30 s each.
2. Timeouts on every call: connect 5 s, read 20 s (between two bytes), and a total deadline of 30 s
   for each HTTP exchange (headers and body), enforced by a watchdog that cuts the connection, so a
   server that drips one byte every few seconds cannot hold a sync. A missed deadline is not retried
   (a server that slow will not be faster a second later): it ends with ``Offline``.
   Bodies are streamed with a cap (``max_body_bytes``, 16 MiB by default, about 30 times the largest
   real page): past it the connection is dropped and the answer is a ``MalformedResponse``, so an
   endless or huge body costs bounded memory. JSON nested too deeply to decode is a
   ``MalformedResponse`` too (never a ``RecursionError``).
3. Retries with exponential backoff and jitter for idempotent methods on connection errors, timeouts,
   cut-off bodies and 502/503/504. A POST is never retried unless the caller says it is safe: a POST whose
   answer was lost may have been applied (the outbox asks ``find_reply`` instead).
4. 429: wait ``Retry-After``, else the JSON ``extras.wait_seconds``, else (plain text or an HTML page)
   11 s doubling; the wait also holds off every other client of the same budget. At most
   ``max_rate_limit_retries`` times, or immediately when the wait is longer than ``max_rate_limit_wait``,
   it gives up with ``RateLimited(wait)``. It never hammers. (``untold_429_wait`` replaces the 11 s for
   sites with longer windows: Viva Engage's is 30 s.)
4b. 401 with an ``auth_provider`` (expiring bearer tokens): the provider renews the token silently and
   the request is sent once more; a second 401 is an ``AuthenticationError``.
5. Errors: 401 and Discourse's invalid-key 403 → ``AuthenticationError``; other 403 → ``PermissionDenied``;
   404 → ``NotFound``; 400/409/422 → ``RequestRejected`` with the server's reasons; 5xx → ``ServerError``;
   undecodable, cut-off or wrongly shaped JSON → ``MalformedResponse``; no connection → ``Offline``.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import datetime as dt
import email.utils
import hashlib
import ipaddress
import json
import logging
import random
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

import orjson
import requests
import urllib3
from requests.adapters import HTTPAdapter

from moderator import __version__
from moderator.messages import LOCAL_COPY_INTACT, QT_TRANSLATE_NOOP
from moderator.platforms.base import (
    AuthenticationError,
    Cancelled,
    InsecureConnection,
    MalformedResponse,
    NotFound,
    Offline,
    PermissionDenied,
    PlatformError,
    RateLimited,
    RequestRejected,
    ServerError,
)
from moderator.secrets import origin_of

log = logging.getLogger(__name__)

USER_AGENT = f"CommunityModerator/{__version__} (+desktop)"
RETRY_STATUSES = frozenset({502, 503, 504})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
TEXT_429_BACKOFF = 11.0  # pydiscourse's pause when a 429 carries no wait: Discourse's 10 s window + 1
MAX_BODY_BYTES = 16 * 1024 * 1024  # the largest real Discourse page is well under 1 MB (a topic with raw)
CHUNK_BYTES = 64 * 1024

Sleep = Callable[[float], None]
AuthProvider = Callable[[bool], Mapping[str, str]]  # renew -> headers (bearer tokens that expire)
Clock = Callable[[], float]


def decode_json(content: bytes) -> Any:
    """A JSON body, decoded by orjson (several times faster than the standard library: most of a big
    sync's pages are JSON to decode); what orjson refuses and the standard library reads (integers
    beyond 64 bits, a UTF-16 body) still decodes. Raises ValueError when it is not JSON at all."""
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        return json.loads(content)


# -- secrets never reach a log ----------------------------------------------------------------------


class _SecretRegistry(logging.Filter):
    """A logging filter that blanks every registered secret, wherever a record carries it.

    The layer never formats a key into a message in the first place; this is the safety net for
    third-party loggers (urllib3) and for mistakes.
    """

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def register(self, secret: str) -> None:
        if secret and len(secret) >= 4:
            with self._lock:
                self._secrets.add(secret)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, "[REDACTED]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if self._secrets:
            message = self.redact(record.getMessage())
            record.msg, record.args = message, None
        return True


SECRETS = _SecretRegistry()
# Logger filters do not apply to child loggers' records: name every logger that might see a request.
for _name in (
    __name__,
    "moderator",
    "moderator.platforms.discourse.connector",
    "moderator.platforms.discourse.auth",
    "moderator.platforms.discourse.bookmarks",
    "moderator.platforms.vivaengage.connector",
    "moderator.platforms.vivaengage.feeds",
    "moderator.platforms.vivaengage.auth",
    "msal",
    "moderator.sync",
    "urllib3",
    "urllib3.connectionpool",
    "requests",
):
    logging.getLogger(_name).addFilter(SECRETS)


class SecretHeaders:
    """Authentication headers with a repr that shows names only, so a stray debug print leaks nothing."""

    __slots__ = ("_headers",)

    SECRET_NAMES = ("key", "authorization", "token", "secret")  # not Api-Username, not the client id

    def __init__(self, headers: Mapping[str, str]) -> None:
        self._headers = dict(headers)
        for name, value in self._headers.items():
            if any(part in name.lower() for part in self.SECRET_NAMES):
                SECRETS.register(value)

    def items(self) -> Iterable[tuple[str, str]]:
        return self._headers.items()

    def __repr__(self) -> str:
        return f"SecretHeaders({', '.join(self._headers)})"

    __str__ = __repr__


# -- rate budget ------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class RateLimit:
    requests: int
    per_seconds: float
    window: bool = False  # a sliding window (never more than ``requests`` in any ``per_seconds``)


USER_KEY_LIMITS: tuple[RateLimit, ...] = (RateLimit(20, 60.0), RateLimit(2880, 86400.0))
ADMIN_KEY_LIMITS: tuple[RateLimit, ...] = (RateLimit(60, 60.0),)
# Viva Engage: 10 per 30 s per user and app, messages and other calls apart. One second of margin:
# the server counts arrivals, and a request delayed on the way would otherwise land inside the window.
VIVAENGAGE_LIMITS: tuple[RateLimit, ...] = (RateLimit(10, 31.0, window=True),)


class _Bucket:
    __slots__ = ("capacity", "rate", "tokens", "updated")

    def __init__(self, limit: RateLimit, now: float) -> None:
        self.capacity = float(limit.requests)
        self.rate = limit.requests / limit.per_seconds
        self.tokens = self.capacity
        self.updated = now

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait(self) -> float:
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        self.tokens -= 1.0


class _Window:
    """At most ``requests`` sends in any ``per_seconds``: what a server counting a sliding window allows.

    A token bucket that starts full lets 2n-1 requests through in the first window (n at once, then one
    every per/n seconds); a server that counts n per window answers the second half with 429s.
    """

    __slots__ = ("capacity", "per", "sent", "now")

    def __init__(self, limit: RateLimit, now: float) -> None:
        self.capacity = limit.requests
        self.per = limit.per_seconds
        self.sent: collections.deque[float] = collections.deque()
        self.now = now

    def refill(self, now: float) -> None:
        self.now = now
        while self.sent and self.sent[0] + self.per <= now:
            self.sent.popleft()

    def wait(self) -> float:
        return 0.0 if len(self.sent) < self.capacity else self.sent[0] + self.per - self.now

    def take(self, now: float) -> None:
        self.sent.append(now)

    @property
    def tokens(self) -> float:
        return float(self.capacity - len(self.sent))


class RateBudget:
    """Token buckets for one key (or one site's shared admin bucket), shared by all its clients.

    Starts full (a fresh app may use the whole minute), refills continuously. Thread-safe: several
    connectors of the same key in parallel threads draw from the same buckets.
    """

    def __init__(self, limits: Iterable[RateLimit], *, monotonic: Clock = time.monotonic) -> None:
        self._monotonic = monotonic
        now = monotonic()
        self.limits = tuple(limits)
        self._buckets: list[_Bucket | _Window] = [
            _Window(limit, now) if limit.window else _Bucket(limit, now) for limit in self.limits
        ]
        self._blocked_until = now
        self._lock = threading.Lock()

    def _reserve(self) -> float:
        """Take a token from every bucket and return 0, or return how long to wait first."""
        with self._lock:
            now = self._monotonic()
            for bucket in self._buckets:
                bucket.refill(now)
            wait = max([self._blocked_until - now] + [b.wait() for b in self._buckets])
            if wait > 0:
                return wait
            for bucket in self._buckets:
                bucket.take(now)
            return 0.0

    def acquire(self, wait: Sleep) -> None:
        """Block (through ``wait``, which may raise ``Cancelled``) until a request may be sent."""
        while (delay := self._reserve()) > 0:
            wait(delay)

    def hold_off(self, seconds: float) -> None:
        """The server said "slow down": no client of this budget sends before ``seconds`` have passed."""
        with self._lock:
            self._blocked_until = max(self._blocked_until, self._monotonic() + seconds)

    def available(self) -> float:
        with self._lock:
            now = self._monotonic()
            for bucket in self._buckets:
                bucket.refill(now)
            return min((b.tokens for b in self._buckets), default=float("inf"))


_shared_budgets: dict[str, RateBudget] = {}
_shared_lock = threading.Lock()


def shared_budget(key: str, limits: Iterable[RateLimit] | None) -> RateBudget | None:
    """The process-wide budget for ``key`` (created on first use). ``None`` limits: unlimited."""
    if limits is None:
        return None
    with _shared_lock:
        budget = _shared_budgets.get(key)
        if budget is None:
            budget = _shared_budgets[key] = RateBudget(limits)
        return budget


def budget_key(kind: str, base_url: str, secret: str = "") -> str:
    """A budget key that names the site and, for per-key limits, a hash of the key (never the key)."""
    host = (urlsplit(base_url).hostname or "").lower()
    if not secret:
        return f"{kind}:{host}"
    return f"{kind}:{host}:{hashlib.sha256(secret.encode()).hexdigest()[:16]}"


# -- the client -------------------------------------------------------------------------------------


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(base_url: str) -> str:
    """The normalized site address; refuses anything but https (plain http on loopback only)."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureConnection(
            template=QT_TRANSLATE_NOOP(
                "errors",
                "“{address}” is not a web address. Use the site's address, like https://forum.example.org.",
            ),
            address=base_url,
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InsecureConnection()
    return base_url.strip().rstrip("/")


check_url = check_base_url  # the name the CLI uses


class KeyForAnotherSite(AuthenticationError):
    """Refused before anything was sent: the key belongs to another site."""

    def __init__(self, key_origin: str, site_origin: str) -> None:
        super().__init__(
            f"The key stored for this account was created for {key_origin}, not {site_origin}, so it was "
            "not sent. Open the account settings and enter this site's key."
        )
        self.key_origin = key_origin
        self.site_origin = site_origin


@dataclasses.dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 5.0
    read: float = 20.0  # the longest silence between two bytes
    total: float = 30.0  # the longest one HTTP exchange may take, however the bytes trickle


# -- the total deadline -------------------------------------------------------------------------------
#
# urllib3's read timeout bounds each recv(), not the exchange: a server sending a byte every 5 s never
# trips it, even while the status line and headers are read. So each exchange gets a watchdog timer;
# the connections it uses register themselves (thread-local) when they send or wait for an answer, and
# when the deadline passes the watchdog shuts their sockets down, which wakes the blocked read at once.

_watch = threading.local()


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._connections: list[Any] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        _watch.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _watch.deadline = None

    def add(self, connection: Any) -> None:
        with self._lock:
            self._connections.append(connection)
            expired = self.expired
        if expired:
            self._cut(connection)

    def check(self) -> None:
        if self.expired:
            raise _DeadlineExpired()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            connections = list(self._connections)
        for connection in connections:
            self._cut(connection)

    @staticmethod
    def _cut(connection: Any) -> None:
        # A connection or the socket it had when it started waiting (http.client forgets its socket
        # once a "Connection: close" answer begins; the answer still reads from it).
        sock = connection if isinstance(connection, socket.socket) else getattr(connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _DeadlineExpired(Exception):
    """Internal: the exchange's total deadline passed."""


class _Watched:
    """Mixed into urllib3's connections: register with the running exchange's watchdog."""

    def _register(self) -> None:
        deadline = getattr(_watch, "deadline", None)
        if deadline is not None:
            deadline.add(self)

    def request(self, *args: Any, **kwargs: Any) -> Any:
        self._register()
        return super().request(*args, **kwargs)  # type: ignore[misc]

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        self._register()
        deadline = getattr(_watch, "deadline", None)
        sock = getattr(self, "sock", None)
        if deadline is not None and sock is not None:
            deadline.add(sock)
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _WatchedHTTPConnection(_Watched, urllib3.connection.HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, urllib3.connection.HTTPSConnection):
    pass


class _WatchedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


def _install_watchdog(session: requests.Session) -> None:
    for prefix in ("https://", "http://"):
        if not isinstance(session.adapters.get(prefix), _WatchedAdapter):
            session.mount(prefix, _WatchedAdapter())


class HttpClient:
    """JSON over HTTPS for one site and one account; see the module docstring for the rules."""

    def __init__(
        self,
        base_url: str,
        *,
        auth_headers: Mapping[str, str] | None = None,
        key_origin: str | None = None,
        budget: RateBudget | None = None,
        session: requests.Session | None = None,
        timeouts: Timeouts = Timeouts(),
        max_body_bytes: int = MAX_BODY_BYTES,
        max_retries: int = 3,
        backoff_base: float = 1.0,
        backoff_cap: float = 30.0,
        max_rate_limit_retries: int = 3,
        max_rate_limit_wait: float = 120.0,
        sleep: Sleep | None = None,
        monotonic: Clock = time.monotonic,
        jitter: Callable[[], float] = random.random,
        budget_for: Callable[[str], RateBudget | None] | None = None,
        untold_429_wait: float = TEXT_429_BACKOFF,
        auth_provider: AuthProvider | None = None,
    ) -> None:
        self.base_url = check_base_url(base_url)
        self._origin = urlsplit(self.base_url)
        if key_origin is not None and auth_headers and key_origin != origin_of(self.base_url):
            # The key was stored for another site (the account's address changed, or an entry was
            # mixed up): sending it here would hand one site's key to another.
            raise KeyForAnotherSite(key_origin, origin_of(self.base_url))
        self._auth = SecretHeaders(auth_headers or {})
        self.budget = budget
        self._own_session = session is None
        self._session = session if session is not None else requests.Session()
        self._session.verify = True
        if type(self._session) is requests.Session:  # not a test's scripted session
            _install_watchdog(self._session)
        self.timeouts = timeouts
        self.max_body_bytes = max_body_bytes
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_rate_limit_retries = max_rate_limit_retries
        self.max_rate_limit_wait = max_rate_limit_wait
        self._sleep = sleep
        self._monotonic = monotonic
        self._jitter = jitter
        self._budget_for = budget_for
        self.untold_429_wait = untold_429_wait
        self._auth_provider = auth_provider
        self._auth_loaded = auth_provider is None
        self.requests_made = 0
        self.rate_limited_answers = 0  # 429s received: a frugal client keeps this at zero

    def budget_for_path(self, path: str) -> RateBudget | None:
        """The bucket a request to ``path`` draws from: per-route (Viva Engage) or the one budget."""
        if self._budget_for is not None:
            return self._budget_for(path)
        return self.budget

    def _load_auth(self, renew: bool) -> None:
        """Headers from the provider: lazily before the first request, renewed once after a 401."""
        if self._auth_provider is not None:
            self._auth = SecretHeaders(self._auth_provider(renew))
            self._auth_loaded = True

    def __repr__(self) -> str:
        return f"HttpClient({self.base_url!r}, auth={self._auth!r})"

    def close(self) -> None:
        if self._own_session:
            self._session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public calls --------------------------------------------------------------------------

    def get_json(
        self,
        path: str,
        params: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
        *,
        cancel: threading.Event | None = None,
        expect: type | None = dict,
    ) -> Any:
        return self.request_json("GET", path, params=params, cancel=cancel, expect=expect)

    def post_json(
        self,
        path: str,
        body: Mapping[str, Any],
        *,
        cancel: threading.Event | None = None,
        retry_safe: bool = False,
        expect: type | None = dict,
    ) -> Any:
        return self.request_json(
            "POST", path, json_body=body, cancel=cancel, retry_safe=retry_safe, expect=expect
        )

    def request_json(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
        json_body: Mapping[str, Any] | None = None,
        cancel: threading.Event | None = None,
        retry_safe: bool | None = None,
        expect: type | None = dict,
    ) -> Any:
        """Send one logical request (several HTTP requests if retried) and return the decoded JSON."""
        method = method.upper()
        retryable = method in IDEMPOTENT_METHODS if retry_safe is None else retry_safe
        url = self._url(path)
        transport_failures = 0
        rate_limited = 0
        text_backoff = self.untold_429_wait
        redirects = 0
        renewed = False
        budget = self.budget_for_path(_path(url))
        while True:
            self._check_cancel(cancel)
            if not self._auth_loaded:
                self._load_auth(False)
            if budget is not None:
                budget.acquire(lambda s: self._wait(s, cancel))
            self._check_cancel(cancel)
            try:
                response = self._send(method, url, params, json_body)
            except _DeadlineExpired:
                raise Offline(
                    f"{self._origin.hostname} took longer than {self.timeouts.total:.0f} s to answer "
                    f"{_path(url)} and was cut off: the site or the network is far too slow. Your local copy "
                    "is intact; sync again later."
                ) from None
            except _TooLarge:
                raise MalformedResponse(
                    f"The server's answer to {_path(url)} was larger than "
                    f"{self.max_body_bytes // (1024 * 1024)} MB, far more than any real page, and was "
                    "dropped. Your local copy is intact; if this persists the site is misbehaving."
                ) from None
            except requests.exceptions.SSLError:
                raise InsecureConnection(
                    template=QT_TRANSLATE_NOOP(
                        "errors",
                        "The security certificate of {host} could not be verified, so nothing was sent. Check "
                        "the address; if it is right, the site's certificate is invalid or something on the "
                        "network intercepts the connection.",
                    ),
                    host=self._origin.hostname or "",
                ) from None
            except (
                requests.ConnectionError,
                requests.Timeout,
                requests.exceptions.ChunkedEncodingError,
            ) as exc:
                failure = _describe_transport(exc)
                # Nobody listening, or no such host: a definite answer, reported at once (retrying would
                # only make the user wait 5-10 s for the same verdict; the sync tries again later anyway).
                definite = failure in DEFINITE_FAILURES
                if retryable and not definite and transport_failures < self.max_retries:
                    transport_failures += 1
                    self._backoff(transport_failures, cancel, f"{method} {_path(url)}: {failure}")
                    continue
                if isinstance(exc, requests.exceptions.ChunkedEncodingError):
                    raise MalformedResponse(template=CUT_OFF, tail=LOCAL_COPY_INTACT) from None
                raise offline_error(self._origin.hostname or "", failure) from None

            status = response.status_code
            if status == 429:
                wait = _rate_limit_wait(response)
                if wait is None:
                    wait, text_backoff = text_backoff, text_backoff * 2
                rate_limited += 1
                self.rate_limited_answers += 1
                code = response.headers.get("Discourse-Rate-Limit-Error-Code", "")
                log.info("429 from %s %s (%s): waiting %.1f s", method, _path(url), code or "no code", wait)
                if rate_limited > self.max_rate_limit_retries or wait > self.max_rate_limit_wait:
                    raise RateLimited(wait)
                if budget is not None:
                    budget.hold_off(wait)
                else:
                    self._wait(wait, cancel)
                continue
            if status == 401 and self._auth_provider is not None and not renewed:
                # An expired access token: renew it silently (the provider raises AuthenticationError
                # with "sign in again" when it cannot) and send the same request once more.
                renewed = True
                self._load_auth(True)
                continue
            if status in RETRY_STATUSES and retryable and transport_failures < self.max_retries:
                transport_failures += 1
                self._backoff(transport_failures, cancel, f"{method} {_path(url)}: HTTP {status}")
                continue
            if 300 <= status < 400 and method == "GET" and redirects < 5:
                url = self._redirect_target(url, response)
                redirects += 1
                continue
            try:
                return self._decode(method, url, response, expect)
            except _CutJson:
                # JSON announced but undecodable: a body cut by a proxy or a dropped link. Retryable.
                if retryable and transport_failures < self.max_retries:
                    transport_failures += 1
                    self._backoff(transport_failures, cancel, f"{method} {_path(url)}: JSON cut off")
                    continue
                raise MalformedResponse(template=CUT_OFF, tail=LOCAL_COPY_INTACT) from None

    # -- internals -----------------------------------------------------------------------------

    def _url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return self._same_origin(path)
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def _same_origin(self, url: str) -> str:
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != (self._origin.scheme, self._origin.netloc):
            raise PlatformError(
                template=QT_TRANSLATE_NOOP(
                    "errors",
                    "The server pointed the app to another site ({host}); the request was not sent there, to "
                    "keep the account's key private.",
                ),
                host=parts.netloc or url,
            )
        return url

    def _redirect_target(self, url: str, response: requests.Response) -> str:
        location = response.headers.get("Location")
        if not location:
            raise MalformedResponse(
                template=QT_TRANSLATE_NOOP("errors", "The server redirected {path} without saying where."),
                path=_path(url),
            )
        return self._same_origin(urljoin(url, location))

    def _send(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | Iterable[tuple[str, Any]] | None,
        json_body: Mapping[str, Any] | None,
    ) -> requests.Response:
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        headers.update(self._auth.items())
        started = self._monotonic()
        self.requests_made += 1
        response: requests.Response | None = None
        with _Deadline(self.timeouts.total) as deadline:
            try:
                response = self._session.request(
                    method,
                    url,
                    params=params,
                    json=json_body,
                    headers=headers,
                    timeout=(self.timeouts.connect, self.timeouts.read),
                    verify=True,
                    allow_redirects=False,
                    stream=True,
                )
                deadline.check()
                # Read the body now, so a cut-off body fails here (retryable); never more than the cap.
                self._read_body(response, deadline)
            except _DeadlineExpired:
                if response is not None:
                    response.close()
                raise
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError):
                log.debug(
                    "%s %s failed after %.0f ms", method, _path(url), (self._monotonic() - started) * 1000
                )
                deadline.check()
                raise
        log.debug(
            "%s %s -> %s in %.0f ms",
            method,
            _path(response.url or url),
            response.status_code,
            (self._monotonic() - started) * 1000,
        )
        return response

    def _read_body(self, response: requests.Response, deadline: _Deadline) -> None:
        """Stream the body into ``response`` up to ``max_body_bytes``; drop the connection past it."""
        if isinstance(getattr(response, "_content", False), bytes):
            return  # already read (a test's scripted session)
        limit = self.max_body_bytes
        announced = response.headers.get("Content-Length", "")
        if announced.strip().isdigit() and int(announced) > limit:
            response.close()
            raise _TooLarge()
        body = bytearray()
        try:
            for chunk in response.iter_content(CHUNK_BYTES):
                deadline.check()
                body += chunk
                if len(body) > limit:
                    raise _TooLarge()
            deadline.check()
        except BaseException:
            response.close()  # closes the socket: an endless body is not drained
            raise
        response._content = bytes(body)
        response._content_consumed = True  # type: ignore[attr-defined]

    def _decode(self, method: str, url: str, response: requests.Response, expect: type | None) -> Any:
        status = response.status_code
        body: Any = None
        decode_error = False
        if response.content:
            try:
                body = decode_json(response.content)
            except RecursionError:
                raise MalformedResponse(
                    f"The server's answer to {_path(url)} was nested too deeply to be read (no real page "
                    "is). Your local copy is intact; if this persists the site is misbehaving."
                ) from None
            except ValueError:
                decode_error = True
        if 200 <= status < 300:
            if decode_error:
                if "json" in response.headers.get("Content-Type", "").lower():
                    raise _CutJson()
                raise MalformedResponse()
            if expect is not None and not isinstance(body, expect):
                shapes: dict[type, str] = {
                    dict: QT_TRANSLATE_NOOP(
                        "errors",
                        "The server's answer to {path} did not have the expected shape (expected a JSON object).",
                    ),
                    list: QT_TRANSLATE_NOOP(
                        "errors",
                        "The server's answer to {path} did not have the expected shape (expected a JSON list).",
                    ),
                }
                raise MalformedResponse(
                    template=shapes.get(expect, MalformedResponse.default_message), path=_path(url)
                )
            return body
        reasons = _error_reasons(body)
        error_type = body.get("error_type") if isinstance(body, dict) else None
        if status == 401 or (status == 403 and _is_bad_key(error_type, reasons)):
            raise AuthenticationError()
        if status == 403:
            raise PermissionDenied()
        if status in (404, 410):
            raise NotFound()
        if status in (400, 409, 413, 422):
            raise RequestRejected(reasons, status=status)
        if status >= 500:
            raise ServerError(status)
        raise PlatformError(
            template=QT_TRANSLATE_NOOP(
                "errors", "The server answered {method} {path} with an unexpected HTTP {status}."
            ),
            method=method,
            path=_path(url),
            status=status,
        )

    def _check_cancel(self, cancel: threading.Event | None) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled()

    def _wait(self, seconds: float, cancel: threading.Event | None) -> None:
        """Sleep, but wake up and raise ``Cancelled`` as soon as the user cancels."""
        if seconds <= 0:
            return
        if self._sleep is None:
            if cancel is None:
                time.sleep(seconds)
            elif cancel.wait(seconds):
                raise Cancelled()
        else:
            self._sleep(seconds)
        self._check_cancel(cancel)

    def _backoff(self, attempt: int, cancel: threading.Event | None, why: str) -> None:
        delay = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        delay += self._jitter() * self.backoff_base
        log.info("%s; retry %d/%d in %.1f s", why, attempt, self.max_retries, delay)
        self._wait(delay, cancel)


# -- helpers ----------------------------------------------------------------------------------------


class _CutJson(Exception):
    """Internal: a 2xx answer labelled JSON that does not decode."""


class _TooLarge(Exception):
    """Internal: the body passed ``max_body_bytes``."""


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _describe_transport(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.Timeout):
        return "timed out"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "answer cut off"
    text = str(exc).lower()
    if "name or service" in text or "nodename" in text or "resolve" in text or "getaddrinfo" in text:
        return "unknown host"
    if "refused" in text:
        return "connection refused"
    if "reset" in text or "aborted" in text or "remotedisconnected" in text:
        return "connection reset"
    return "connection failed"


DEFINITE_FAILURES = frozenset({"unknown host", "connection refused"})
CUT_OFF = QT_TRANSLATE_NOOP("errors", "The server's answer was cut off before it was complete.")
_OFFLINE_HINTS = {
    "unknown host": QT_TRANSLATE_NOOP(
        "errors", "The address {host} could not be found: check it, and check the network."
    ),
    "connection refused": QT_TRANSLATE_NOOP(
        "errors", "{host} refused the connection: the site may be down, or the address wrong."
    ),
    "timed out": QT_TRANSLATE_NOOP(
        "errors", "{host} did not answer in time: the network or the site may be slow or down."
    ),
    "connection reset": QT_TRANSLATE_NOOP(
        "errors", "The connection to {host} was cut: the network or the site may be unstable."
    ),
}
_OFFLINE_OTHER = QT_TRANSLATE_NOOP("errors", "{host} could not be reached.")


def offline_error(host: str, failure: str) -> Offline:
    """Why ``host`` could not be reached, in a sentence; the tail says the local copy is intact."""
    return Offline(template=_OFFLINE_HINTS.get(failure, _OFFLINE_OTHER), host=host)


def _rate_limit_wait(response: requests.Response) -> float | None:
    header = response.headers.get("Retry-After")
    if header:
        header = header.strip()
        try:
            return max(0.0, float(header))
        except ValueError:
            with contextlib.suppress(TypeError, ValueError, IndexError):
                when = email.utils.parsedate_to_datetime(header)
                if when.tzinfo is None:
                    when = when.replace(tzinfo=dt.UTC)
                return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
    try:
        body = json.loads(response.content or b"null")
    except (ValueError, RecursionError):
        return None
    if isinstance(body, dict):
        extras = body.get("extras")
        if isinstance(extras, dict):
            wait = extras.get("wait_seconds")
            if isinstance(wait, int | float) and not isinstance(wait, bool):
                return max(0.0, float(wait))
    return None


def _error_reasons(body: Any) -> list[str]:
    if not isinstance(body, dict):
        return []
    errors = body.get("errors")
    if isinstance(errors, list):
        return [str(e) for e in errors if e]
    if isinstance(errors, str):
        return [errors]
    reasons: list[str] = []
    for key in ("error", "message"):
        if isinstance(body.get(key), str):
            reasons = [body[key]]
            break
    # Yammer/Viva Engage: {"response": {"message": "...", "code": 16, "stat": "fail"}}
    response = body.get("response")
    if not reasons and isinstance(response, dict) and isinstance(response.get("message"), str):
        reasons = [response["message"]] if response["message"] else []
    # Yii/HumHub validation errors: {"message": "Validation failed", "comment": {"message": ["..."]}}
    for value in body.values():
        if isinstance(value, dict):
            for messages in value.values():
                if isinstance(messages, list):
                    reasons += [str(m) for m in messages if isinstance(m, str) and m]
    return reasons


def _is_bad_key(error_type: Any, reasons: list[str]) -> bool:
    """Discourse answers an unknown key with 403: ``not_logged_in``, or ``invalid_access`` + this message."""
    if error_type == "not_logged_in":
        return True
    text = " ".join(reasons).lower()
    return error_type == "invalid_access" and ("api username or key is invalid" in text or "api key" in text)
