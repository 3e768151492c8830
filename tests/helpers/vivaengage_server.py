"""A Viva Engage (Yammer v1 REST) network on 127.0.0.1, for tests and benchmarks.

Written from the captured responses in ``shared/platforms/vivaengage/samples`` (field names, the
``2012/12/08 01:23:16 +0000`` times, string booleans such as ``"admin": "false"``, ``references`` and
``threaded_extended``) and Microsoft's REST reference (``older_than``/``newer_than`` on message ids,
``threaded=extended`` = thread starters plus their two latest replies, 20 messages a page, 50 users or
groups a page, ``POST /messages.json`` with ``replied_to_id``, or ``direct_to_user_ids`` for a direct
message, listed in ``/messages/private.json``; ``/threads/{id}.json`` with its ``participants``). It
shares no code with the connector.

What it enforces, like the real service:

* bearer tokens (``Authorization: Bearer``), 401 ``{"response": {"message": "Token not found."...}}``;
* **the rate limits per user and app**: at most ``limit`` requests in any ``window`` seconds for message
  calls (``/api/v1/messages...``) and, separately, for every other call; beyond, 429 with no
  ``Retry-After`` (the reference promises none). ``rate_limited`` counts those 429s;
* private communities: their messages are not in ``/messages.json``; only members read them;
* faults (``inject_fault``): 429s, 500/502/503, HTML instead of JSON, a wrong shape, a timeout, a body
  cut off, a connection reset, 401, and ``drop-answer`` (a POST applied whose answer never arrives).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import http.server
import json
import random
import re
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

NETWORK = "contoso.example"
FIRST_ID = 1_234_567_890_123  # 64-bit-looking ids, as the service gives them
FAULTS = (
    "429",
    "429-retry-after",
    "500",
    "502",
    "503",
    "html-200",
    "wrong-shape",
    "timeout",
    "truncated",
    "reset",
    "401",
    "drop-answer",
)


def ytime(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y/%m/%d %H:%M:%S +0000")


@dataclasses.dataclass
class YUser:
    id: int
    name: str
    full_name: str
    state: str = "active"
    activated_at: dt.datetime | None = None
    admin: bool = False


@dataclasses.dataclass
class YGroup:
    id: int
    name: str
    full_name: str
    private: bool = False
    members: set[int] = dataclasses.field(default_factory=set)


@dataclasses.dataclass
class YMessage:
    id: int
    thread_id: int
    sender_id: int
    group_id: int | None
    body: str
    created_at: dt.datetime
    replied_to_id: int | None = None
    message_type: str = "update"
    direct_to: tuple[int, ...] = ()  # a direct-message thread's participants
    title: str = ""
    likes: int = 0


class Network:
    """The world: users, groups, threads. Deterministic from ``seed``; thread-safe through ``lock``."""

    def __init__(
        self,
        *,
        seed: int = 1,
        threads: int = 60,
        users: int = 30,
        groups: int = 6,
        private_groups: int = 2,
        direct_threads: int = 3,
        now: dt.datetime | None = None,
    ) -> None:
        self.lock = threading.RLock()
        rng = random.Random(seed)
        self.now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
        self._next_id = FIRST_ID
        self.users: dict[int, YUser] = {}
        self.groups: dict[int, YGroup] = {}
        self.messages: dict[int, YMessage] = {}
        self.threads: dict[int, list[int]] = {}  # thread id -> message ids, oldest first
        start = self.now - dt.timedelta(days=400)
        for index in range(users):
            uid = 1_500_000_000 + index * 13
            state = "pending" if index % 10 == 9 else "active"  # invited, never activated
            activated = None if state == "pending" else start + dt.timedelta(days=rng.randint(0, 300))
            self.users[uid] = YUser(uid, f"user{index}", f"User {index}", state, activated, admin=index == 0)
        self.me = next(iter(self.users))
        active = [u.id for u in self.users.values() if u.state == "active"]
        writers = active[: max(2, len(active) // 4)]  # about a quarter of the members ever write
        for index in range(groups):
            gid = 7_000_000 + index * 31
            private = index < private_groups
            members = (
                set(rng.sample(active, max(2, len(active) // 3))) | {self.me} if private else set(active)
            )
            self.groups[gid] = YGroup(gid, f"group-{index}", f"Community {index}", private, members)
        group_ids = [None, *self.groups]
        span = (self.now - start).total_seconds() - 3600
        times = sorted(start + dt.timedelta(seconds=rng.uniform(0, span)) for _ in range(threads))
        for index, at in enumerate(times):
            group_id = group_ids[index % len(group_ids)]
            pool = sorted(self.groups[group_id].members) if group_id else active
            pool_writers = [u for u in writers if u in pool] or pool
            kind = "announcement" if index % 40 == 7 else "update"
            starter = self._add(
                sender=rng.choice(pool_writers),
                group_id=group_id,
                body=f"Thread {index}: how do we handle topic {index}?\nMore details here.",
                at=at,
                message_type=kind,
                title=f"Announcement {index}" if kind == "announcement" else "",
            )
            replies = min(int(rng.expovariate(1 / 3.0)), 40)
            for r in range(replies):
                at = at + dt.timedelta(minutes=rng.randint(5, 600))
                if at >= self.now:
                    break
                to = rng.choice(self.threads[starter.id])
                self._add(
                    sender=rng.choice(pool_writers),
                    group_id=group_id,
                    body=f"Reply {r} in thread {index}.",
                    at=at,
                    thread_id=starter.id,
                    replied_to_id=to,
                    likes=rng.randint(0, 3),
                )
        for index in range(direct_threads):
            other = active[(index + 1) % len(active)]
            at = self.now - dt.timedelta(days=index + 1)
            starter = self._add(
                sender=other, group_id=None, body=f"Private word {index}", at=at, direct_to=(self.me, other)
            )
            self._add(
                sender=self.me,
                group_id=None,
                body=f"Private answer {index}",
                at=at + dt.timedelta(hours=1),
                thread_id=starter.id,
                replied_to_id=starter.id,
                direct_to=(self.me, other),
            )

    # -- changes -------------------------------------------------------------------------------

    def _add(
        self,
        *,
        sender: int,
        group_id: int | None,
        body: str,
        at: dt.datetime,
        thread_id: int | None = None,
        replied_to_id: int | None = None,
        message_type: str = "update",
        direct_to: tuple[int, ...] = (),
        title: str = "",
        likes: int = 0,
    ) -> YMessage:
        with self.lock:
            self._next_id += 7 + (self._next_id % 5)
            mid = self._next_id
            message = YMessage(
                mid,
                thread_id or mid,
                sender,
                group_id,
                body,
                at,
                replied_to_id,
                message_type,
                direct_to,
                title,
                likes,
            )
            self.messages[mid] = message
            self.threads.setdefault(message.thread_id, []).append(mid)
            return message

    def reply(self, thread_id: int, sender: int, body: str) -> YMessage:
        with self.lock:
            starter = self.messages[thread_id]
            self.now = max(self.now, dt.datetime.now(dt.UTC).replace(microsecond=0))
            return self._add(
                sender=sender,
                group_id=starter.group_id,
                body=body,
                at=self.now,
                thread_id=thread_id,
                replied_to_id=thread_id,
                direct_to=starter.direct_to,
            )

    def direct_message(self, sender: int, body: str, recipients: list[int]) -> YMessage:
        """A new direct-message thread between the sender and ``recipients``."""
        with self.lock:
            self.now = max(self.now, dt.datetime.now(dt.UTC).replace(microsecond=0))
            participants = tuple(dict.fromkeys([sender, *recipients]))
            return self._add(sender=sender, group_id=None, body=body, at=self.now, direct_to=participants)

    def new_thread(self, sender: int, body: str, group_id: int | None = None) -> YMessage:
        with self.lock:
            self.now = max(self.now, dt.datetime.now(dt.UTC).replace(microsecond=0))
            return self._add(sender=sender, group_id=group_id, body=body, at=self.now)

    # -- questions -----------------------------------------------------------------------------

    def can_read(self, message: YMessage, viewer: int) -> bool:
        if message.direct_to:
            return viewer in message.direct_to
        if message.group_id is not None and self.groups[message.group_id].private:
            return viewer in self.groups[message.group_id].members
        return True

    def updates(self, user_id: int) -> int:
        return sum(1 for m in self.messages.values() if m.sender_id == user_id)

    def public_thread_ids(self) -> list[int]:
        return [
            t
            for t, ids in self.threads.items()
            if not self.messages[t].direct_to
            and not (self.messages[t].group_id and self.groups[self.messages[t].group_id].private)
        ]


# -- the HTTP side ----------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    server: VivaEngageServer._Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return

    def do_GET(self) -> None:  # noqa: N802
        self.server.owner._handle(self, "GET")

    def do_POST(self) -> None:  # noqa: N802
        self.server.owner._handle(self, "POST")


@dataclasses.dataclass
class _Fault:
    pattern: re.Pattern[str]
    fault: str
    times: int
    method: str | None


class VivaEngageServer:
    class _Server(http.server.ThreadingHTTPServer):
        daemon_threads = True
        owner: VivaEngageServer

    def __init__(
        self,
        network: Network | None = None,
        *,
        tokens: dict[str, int] | None = None,
        limit: int = 10,
        window: float = 30.0,
        retry_after: float = 1.0,
        timeout_delay: float = 0.6,
    ) -> None:
        self.network = network or Network()
        self.tokens = dict(tokens) if tokens else {"token-me": self.network.me}
        self.limit = limit
        self.window = window
        self.retry_after = retry_after
        self.timeout_delay = timeout_delay
        self.requests: list[tuple[str, str, str]] = []
        self.rate_limited = 0
        self.posts_applied = 0
        # whether thread references list their participants (``/threads/{id}.json`` always does)
        self.thread_participants = True
        self._sent: dict[tuple[str, str], deque[float]] = {}
        self._faults: list[_Fault] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: VivaEngageServer._Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> VivaEngageServer:
        self._server = self._Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> VivaEngageServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/v1"

    def request_count(self, method: str | None = None, path_prefix: str | None = None) -> int:
        with self._lock:
            return sum(
                1
                for m, p, _ in self.requests
                if (method is None or m == method) and (path_prefix is None or p.startswith(path_prefix))
            )

    def reset_requests(self) -> None:
        with self._lock:
            self.requests.clear()
            self.rate_limited = 0

    def inject_fault(self, path_regex: str, fault: str, times: int = 1, method: str | None = None) -> None:
        assert fault in FAULTS, fault
        with self._lock:
            self._faults.append(_Fault(re.compile(path_regex), fault, times, method))

    # -- dispatch ------------------------------------------------------------------------------

    def _take_fault(self, method: str, target: str) -> str | None:
        with self._lock:
            for fault in self._faults:
                if fault.times > 0 and (fault.method in (None, method)) and fault.pattern.search(target):
                    fault.times -= 1
                    return fault.fault
        return None

    def _over_budget(self, token: str, path: str) -> bool:
        bucket = "messages" if path.startswith("/api/v1/messages") else "other"
        now = time.monotonic()
        with self._lock:
            sent = self._sent.setdefault((token, bucket), deque())
            while sent and sent[0] <= now - self.window:
                sent.popleft()
            if len(sent) >= self.limit:
                self.rate_limited += 1
                return True
            sent.append(now)
            return False

    def _handle(self, handler: _Handler, method: str) -> None:
        parts = urlsplit(handler.path)
        path, query = parts.path, parse_qs(parts.query)
        length = int(handler.headers.get("Content-Length") or 0)
        payload = handler.rfile.read(length) if length else b""
        with self._lock:
            self.requests.append((method, path.removeprefix("/api/v1"), parts.query))
        auth = handler.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ").strip() if auth.startswith("Bearer ") else ""
        viewer = self.tokens.get(token)
        if viewer is None:
            self._json(
                handler, 401, {"response": {"message": "Token not found.", "code": 16, "stat": "fail"}}
            )
            return
        if self.limit and self._over_budget(token, path):
            self._json(handler, 429, {"response": {"message": "Rate limited", "stat": "fail"}})
            return
        fault = self._take_fault(method, handler.path)
        if fault == "drop-answer":
            self._route(method, path, query, payload, viewer, handler.headers.get("Content-Type", ""))
            _reset(handler)
            return
        if fault is not None:
            self._fault(handler, fault)
            return
        try:
            status, body = self._route(
                method, path, query, payload, viewer, handler.headers.get("Content-Type", "")
            )
        except KeyError:
            status, body = 404, {"response": {"message": "Not found", "stat": "fail"}}
        self._json(handler, status, body)

    def _json(self, handler: _Handler, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        with contextlib.suppress(OSError):
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json; charset=utf-8")
            handler.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(data)

    def _text(self, handler: _Handler, status: int, text: str, content_type: str) -> None:
        data = text.encode()
        with contextlib.suppress(OSError):
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)

    def _fault(self, handler: _Handler, fault: str) -> None:
        if fault == "429":
            self._json(handler, 429, {"response": {"message": "Rate limited", "stat": "fail"}})
        elif fault == "429-retry-after":
            self._json(handler, 429, {}, {"Retry-After": f"{self.retry_after:g}"})
        elif fault in ("500", "502", "503"):
            self._text(handler, int(fault), f"<html><body><h1>{fault}</h1></body></html>", "text/html")
        elif fault == "html-200":
            self._text(handler, 200, "<html><body>Sign in to Viva Engage</body></html>", "text/html")
        elif fault == "wrong-shape":
            self._json(handler, 200, ["not", "an", "object"])
        elif fault == "timeout":
            self._stopping.wait(self.timeout_delay)
            self._json(handler, 200, {"messages": []})
        elif fault == "truncated":
            data = json.dumps({"messages": [{"id": 1, "body": {"plain": "x" * 200}}]}).encode()
            with contextlib.suppress(OSError):
                handler.send_response(200)
                handler.send_header("Content-Type", "application/json; charset=utf-8")
                handler.send_header("Content-Length", str(len(data)))
                handler.end_headers()
                handler.wfile.write(data[: len(data) // 2])
                handler.wfile.flush()
            handler.close_connection = True
        elif fault == "401":
            self._json(
                handler, 401, {"response": {"message": "Token not found.", "code": 16, "stat": "fail"}}
            )
        elif fault == "reset":
            _reset(handler)

    # -- routes --------------------------------------------------------------------------------

    def _route(
        self, method: str, path: str, query: dict[str, list[str]], payload: bytes, viewer: int, ctype: str
    ) -> tuple[int, Any]:
        net = self.network
        path = path.removeprefix("/api/v1")
        with net.lock:
            if method == "POST" and path == "/messages.json":
                return self._create(payload, ctype, viewer)
            if method != "GET":
                return 405, {"response": {"message": "Method not allowed"}}
            if path == "/users/current.json":
                return 200, self._user(net.users[viewer], full=True)
            if path == "/users.json":
                page = int(_q(query, "page") or 1)
                users = sorted(net.users.values(), key=lambda u: u.id)[(page - 1) * 50 : page * 50]
                return 200, [self._user(u, full=True) for u in users]
            if path == "/groups.json":
                page = int(_q(query, "page") or 1)
                mine = _q(query, "mine") in ("1", "true")
                groups = [
                    g
                    for g in sorted(net.groups.values(), key=lambda g: g.id)
                    if (not mine or viewer in g.members)
                    and (not g.private or viewer in g.members or not mine)
                ][(page - 1) * 50 : page * 50]
                return 200, [self._group(g) for g in groups]
            if path == "/messages.json":
                threads = [
                    t
                    for t in net.threads
                    if not net.messages[t].direct_to
                    and not (net.messages[t].group_id and net.groups[net.messages[t].group_id].private)
                ]
                return 200, self._feed(threads, query, viewer)
            if path == "/messages/private.json":
                threads = [t for t in net.threads if viewer in net.messages[t].direct_to]
                return 200, self._feed(threads, query, viewer)
            if path == "/messages/sent.json":
                mine = [m for m in net.messages.values() if m.sender_id == viewer]
                mine.sort(key=lambda m: m.id, reverse=True)
                limit = min(20, int(_q(query, "limit") or 20))
                return 200, {
                    "messages": [self._message(m) for m in mine[:limit]],
                    "references": self._references(mine[:limit]),
                    "meta": {"older_available": len(mine) > limit},
                }
            found = re.fullmatch(r"/threads/(\d+)\.json", path)
            if found:
                thread_id = int(found.group(1))
                if thread_id not in net.threads:
                    return 404, {"response": {"message": "Not found"}}
                if not net.can_read(net.messages[thread_id], viewer):
                    return 403, {"response": {"message": "Private"}}
                return 200, self._thread_ref(net.messages[thread_id], participants=True)
            found = re.fullmatch(r"/messages/in_group/(\d+)\.json", path)
            if found:
                group = net.groups.get(int(found.group(1)))
                if group is None:
                    return 404, {"response": {"message": "Not found"}}
                if group.private and viewer not in group.members:
                    return 403, {"response": {"message": "Private group"}}
                threads = [t for t in net.threads if net.messages[t].group_id == group.id]
                return 200, self._feed(threads, query, viewer)
            found = re.fullmatch(r"/messages/in_thread/(\d+)\.json", path)
            if found:
                thread_id = int(found.group(1))
                if thread_id not in net.threads:
                    return 404, {"response": {"message": "Not found"}}
                if not net.can_read(net.messages[thread_id], viewer):
                    return 403, {"response": {"message": "Private"}}
                return 200, self._thread_page(thread_id, query)
        return 404, {"response": {"message": "Not found", "stat": "fail"}}

    def _feed(self, thread_ids: list[int], query: dict[str, list[str]], viewer: int) -> dict[str, Any]:
        net = self.network
        limit = min(20, int(_q(query, "limit") or 20))
        newer = int(_q(query, "newer_than") or 0)
        older = int(_q(query, "older_than") or 0)
        threaded = _q(query, "threaded")
        if threaded in ("extended", "true"):
            latest = sorted(((net.threads[t][-1], t) for t in thread_ids), reverse=True)
            chosen = [(last, t) for last, t in latest if last > newer and (not older or last < older)]
            page = chosen[:limit]
            starters = [net.messages[t] for _, t in page]
            extended = {}
            if threaded == "extended":
                for _, t in page:
                    extended[str(t)] = [net.messages[i] for i in net.threads[t][1:][-2:]][::-1]
            refs = self._references(starters + [m for ms in extended.values() for m in ms])
            return {
                "messages": [self._message(m) for m in starters],
                "threaded_extended": {k: [self._message(m) for m in v] for k, v in extended.items()},
                "references": refs,
                "meta": {"older_available": len(chosen) > limit, "current_user_id": viewer},
            }
        all_ids = sorted((i for t in thread_ids for i in net.threads[t]), reverse=True)
        chosen_ids = [i for i in all_ids if i > newer and (not older or i < older)]
        messages = [net.messages[i] for i in chosen_ids[:limit]]
        return {
            "messages": [self._message(m) for m in messages],
            "references": self._references(messages),
            "meta": {"older_available": len(chosen_ids) > limit, "current_user_id": viewer},
        }

    def _thread_page(self, thread_id: int, query: dict[str, list[str]]) -> dict[str, Any]:
        net = self.network
        limit = min(20, int(_q(query, "limit") or 20))
        newer = int(_q(query, "newer_than") or 0)
        older = int(_q(query, "older_than") or 0)
        ids = [i for i in reversed(net.threads[thread_id]) if i > newer and (not older or i < older)]
        messages = [net.messages[i] for i in ids[:limit]]
        return {
            "messages": [self._message(m) for m in messages],
            "references": self._references(messages),
            "meta": {"older_available": len(ids) > limit, "feed_name": "Conversation"},
        }

    def _create(self, payload: bytes, ctype: str, viewer: int) -> tuple[int, Any]:
        net = self.network
        if "json" in ctype:
            try:
                data = json.loads(payload or b"{}")
            except ValueError:
                return 400, {"response": {"message": "Bad JSON"}}
        else:
            data = {k: v[0] for k, v in parse_qs(payload.decode()).items()}
        body = str(data.get("body") or "").strip()
        if not body:
            return 400, {"response": {"message": "Message body can't be blank"}}
        replied = data.get("replied_to_id")
        direct = data.get("direct_to_user_ids")
        if direct is not None and replied is None:
            recipients = _ids(direct)
            if not recipients or any(r not in net.users for r in recipients):
                return 400, {"response": {"message": "Invalid user in direct_to_user_ids", "stat": "fail"}}
            message = net.direct_message(viewer, body, recipients)
        elif replied is None:
            message = net.new_thread(viewer, body, int(data["group_id"]) if data.get("group_id") else None)
        else:
            target = net.messages.get(int(replied))
            if target is None or not net.can_read(target, viewer):
                return 404, {"response": {"message": "Not found"}}
            message = net.reply(target.thread_id, viewer, body)
            message.replied_to_id = target.id
        self.posts_applied += 1
        return 201, {
            "messages": [self._message(message)],
            "references": self._references([message]),
            "meta": {},
        }

    # -- serializers (field names and formats as in the samples) -------------------------------

    def _user(self, user: YUser, *, full: bool = False) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": "user",
            "id": user.id,
            "name": user.name,
            "full_name": user.full_name,
            "state": user.state,
            "activated_at": ytime(user.activated_at) if user.activated_at else None,
            "job_title": "",
            "url": f"https://www.yammer.com/api/v1/users/{user.id}",
            "web_url": f"https://www.yammer.com/{NETWORK}/users/{user.name}",
            "mugshot_url": "",
            "stats": {"following": 3, "followers": 4, "updates": self.network.updates(user.id)},
        }
        if full:
            body.update(
                {
                    "admin": "true" if user.admin else "false",
                    "verified_admin": "true" if user.admin else "false",
                    "network_name": NETWORK,
                    "network_domains": [NETWORK],
                    "contact": {
                        "email_addresses": [{"address": f"{user.name}@{NETWORK}", "type": "primary"}]
                    },
                }
            )
        return body

    def _group(self, group: YGroup) -> dict[str, Any]:
        messages = [m for m in self.network.messages.values() if m.group_id == group.id]
        return {
            "type": "group",
            "id": group.id,
            "name": group.name,
            "full_name": group.full_name,
            "privacy": "private" if group.private else "public",
            "show_in_directory": "true",
            "state": "active",
            "description": f"The {group.full_name} community",
            "web_url": f"https://www.yammer.com/{NETWORK}/groups/{group.name}",
            "stats": {"members": len(group.members), "updates": len(messages)},
        }

    def _message(self, m: YMessage) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": m.id,
            "thread_id": m.thread_id,
            "replied_to_id": m.replied_to_id,
            "sender_id": m.sender_id,
            "sender_type": "user",
            "network_id": 8,
            "message_type": m.message_type,
            "created_at": ytime(m.created_at),
            "privacy": "private" if m.direct_to else "public",
            "direct_message": bool(m.direct_to),
            "system_message": False,
            "content_excerpt": m.body[:100],
            "body": {"plain": m.body, "parsed": m.body, "rich": m.body.replace("\n", "<br>")},
            "liked_by": {"count": m.likes, "names": []},
            "attachments": [],
            "url": f"https://www.yammer.com/api/v1/messages/{m.id}",
            "web_url": f"https://www.yammer.com/{NETWORK}/messages/{m.id}",
            "client_type": "Web",
        }
        if m.group_id is not None:
            body["group_id"] = m.group_id
        if m.title:
            body["title"] = m.title
        return body

    def _references(self, messages: list[YMessage]) -> list[dict[str, Any]]:
        net = self.network
        refs: dict[tuple[str, int], dict[str, Any]] = {}
        for m in messages:
            refs.setdefault(("user", m.sender_id), self._user(net.users[m.sender_id]))
            if m.group_id is not None:
                refs.setdefault(("group", m.group_id), self._group(net.groups[m.group_id]))
            if ("thread", m.thread_id) not in refs:
                refs[("thread", m.thread_id)] = self._thread_ref(m, participants=self.thread_participants)
        return list(refs.values())

    def _thread_ref(self, m: YMessage, *, participants: bool) -> dict[str, Any]:
        """A thread as ``references`` and ``/threads/{id}.json`` show it (samples/private_thread.json);
        a direct-message thread lists its ``participants`` there."""
        net = self.network
        ids = net.threads[m.thread_id]
        last = net.messages[ids[-1]]
        starter = net.messages[m.thread_id]
        body: dict[str, Any] = {
            "type": "thread",
            "id": m.thread_id,
            "thread_starter_id": m.thread_id,
            "group_id": starter.group_id,
            "direct_message": bool(starter.direct_to),
            "privacy": "private" if starter.direct_to else "public",
            "web_url": f"https://www.yammer.com/{NETWORK}/threads/{m.thread_id}",
            "stats": {
                "updates": len(ids),
                "latest_reply_id": last.id,
                "latest_reply_at": ytime(last.created_at),
                "first_reply_id": ids[1] if len(ids) > 1 else None,
                "shares": 0,
            },
        }
        if participants:
            people = starter.direct_to or tuple(dict.fromkeys(net.messages[i].sender_id for i in ids))
            body["participants"] = [{"id": uid, "type": "user"} for uid in people]
            body["participants_count"] = len(people)
        return body


def _ids(value: Any) -> list[int]:
    """``direct_to_user_ids``: a JSON array of ids, one id, or a comma-separated string (form posts)."""
    items = value if isinstance(value, list) else str(value).split(",")
    result = []
    for item in items:
        text = str(item).strip()
        if not text.isdigit():
            return []
        result.append(int(text))
    return result


def _q(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def _reset(handler: _Handler) -> None:
    with contextlib.suppress(OSError):
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True
    with contextlib.suppress(OSError):
        handler.connection.close()


@contextlib.contextmanager
def running(network: Network | None = None, **options: Any) -> Iterator[VivaEngageServer]:
    server = VivaEngageServer(network, **options)
    server.start()
    try:
        yield server
    finally:
        server.stop()
