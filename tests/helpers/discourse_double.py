"""A small Discourse on 127.0.0.1 for tests: real response shapes, a world to mutate, counted requests, faults.

Every JSON answer starts from a real recorded response (``shared/platforms/discourse/recordings``) and
overrides only the fields the world decides, so the connector is tested against what Discourse really
sends (extra plugin fields included). It serves the endpoints the connector uses, counts every request,
and injects the faults a real site produces (each 429 shape, HTML 500/502 pages, timeouts, cut-off JSON,
401/403, connection resets, a POST applied but never answered).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as dt
import functools
import http.server
import json
import random
import re
import socket
import struct
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.helpers import recordings as rec

API_KEY = "double-admin-key-5f1e9c0b7a"
USER_API_KEY = "double-user-key-c3a9d2e817"
EPOCH = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

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
    "403-denied",
    "reset",
    "drop-after-accept",
    "html-200",
    "wrong-shape",
)


@functools.cache
def _template(name: str, *path: str | int) -> Any:
    """A recorded object to build answers from (cached; callers copy it shallowly and override)."""
    value = rec.body(name)
    for step in path:
        value = value[step]
    return value


def iso(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


@dataclasses.dataclass
class WorldTopic:
    id: int
    title: str
    category_id: int
    user_id: int
    created_at: dt.datetime
    bumped_at: dt.datetime
    archetype: str = "regular"
    closed: bool = False
    archived: bool = False
    pinned: bool = False
    deleted: bool = False
    visible: bool = True  # False: unlisted (only staff see it in lists)
    definition: bool = False  # a category's "About the … category" topic: in /posts.json, not in lists
    has_accepted_answer: bool = False
    allowed_user_ids: tuple[int, ...] = ()
    views: int = 0


@dataclasses.dataclass
class WorldPost:
    id: int
    topic_id: int
    post_number: int
    user_id: int
    raw: str
    created_at: dt.datetime
    post_type: int = 1
    reply_to_post_number: int | None = None
    hidden: bool = False
    deleted: bool = False
    like_count: int = 0
    accepted_answer: bool = False


class World:
    """What the double's forum holds. Mutators advance a clock so every change has a later time."""

    def __init__(
        self,
        *,
        seed: int = 1,
        topics: int = 10,
        max_replies: int = 4,
        users: int = 8,
        start: dt.datetime = EPOCH,
    ) -> None:
        self.lock = threading.RLock()
        self.clock = start
        self.enqueue_posts = False
        self.users: dict[int, dict[str, Any]] = {
            -1: {
                "id": -1,
                "username": "system",
                "name": "system",
                "admin": True,
                "moderator": True,
                "trust_level": 4,
            }
        }
        for n in range(1, users + 1):
            self.users[n] = {
                "id": n,
                "username": f"member{n}",
                "name": f"Member {n}",
                "admin": False,
                "moderator": n == 1,
                "trust_level": 1 + n % 3,
            }
        self.categories = {
            1: {"id": 1, "name": "Uncategorized", "slug": "uncategorized", "read_restricted": False},
            2: {"id": 2, "name": "Ideas", "slug": "ideas", "read_restricted": False},
            3: {"id": 3, "name": "Staff", "slug": "staff", "read_restricted": True},
            4: {"id": 4, "name": "Help", "slug": "help", "read_restricted": False, "parent_category_id": 2},
        }
        self.topics: dict[int, WorldTopic] = {}
        self.posts: dict[int, WorldPost] = {}
        self.by_topic: dict[int, list[WorldPost]] = {}
        self._next_topic = 1
        self._next_post = 1
        rng = random.Random(seed)
        user_ids = [u for u in self.users if u > 0]
        for n in range(topics):
            category = rng.choice([1, 2, 2, 3, 4])
            topic_id = self.add_topic(
                rng.choice(user_ids), f"Topic number {n} about things", category_id=category
            )
            for _ in range(rng.randint(0, max_replies)):
                self.add_reply(topic_id, rng.choice(user_ids), f"A reply with some words {rng.random():.6f}")

    def tick(self) -> dt.datetime:
        self.clock += dt.timedelta(minutes=1)
        return self.clock

    def user_by_name(self, username: str) -> dict[str, Any] | None:
        return next((u for u in self.users.values() if u["username"].lower() == username.lower()), None)

    def add_topic(
        self,
        user_id: int,
        title: str,
        raw: str = "The first post of this topic, long enough.",
        *,
        category_id: int = 2,
        private_to: tuple[int, ...] = (),
    ) -> int:
        with self.lock:
            now = self.tick()
            topic = WorldTopic(
                id=self._next_topic,
                title=title,
                category_id=category_id,
                user_id=user_id,
                created_at=now,
                bumped_at=now,
                archetype="private_message" if private_to else "regular",
                allowed_user_ids=(user_id, *private_to) if private_to else (),
            )
            self._next_topic += 1
            self.topics[topic.id] = topic
            self._add_post(topic, user_id, raw, now)
            return topic.id

    def _add_post(
        self, topic: WorldTopic, user_id: int, raw: str, now: dt.datetime, **fields: Any
    ) -> WorldPost:
        siblings = self.by_topic.setdefault(topic.id, [])
        post = WorldPost(
            id=self._next_post,
            topic_id=topic.id,
            post_number=siblings[-1].post_number + 1 if siblings else 1,
            user_id=user_id,
            raw=raw,
            created_at=now,
            **fields,
        )
        self._next_post += 1
        self.posts[post.id] = post
        siblings.append(post)
        return post

    def add_reply(self, topic_id: int, user: int | str, raw: str, *, bump: bool = True) -> WorldPost:
        with self.lock:
            user_id = user if isinstance(user, int) else self.user_by_name(user)["id"]  # type: ignore[index]
            topic = self.topics[topic_id]
            now = self.tick()
            post = self._add_post(topic, user_id, raw, now)
            if bump:
                topic.bumped_at = now
            return post

    def add_small_action(self, topic_id: int, raw: str = "closed") -> WorldPost:
        with self.lock:
            topic = self.topics[topic_id]
            return self._add_post(topic, -1, raw, self.tick(), post_type=3)

    def close_topic(self, topic_id: int) -> None:
        with self.lock:
            self.topics[topic_id].closed = True
            self.add_small_action(topic_id, "closed this topic")
            self.topics[topic_id].bumped_at = self.clock

    def delete_post(self, post_id: int) -> None:
        with self.lock:
            self.posts[post_id].deleted = True

    def accept_answer(self, post_id: int) -> None:
        with self.lock:
            post = self.posts[post_id]
            post.accepted_answer = True
            self.topics[post.topic_id].has_accepted_answer = True
            self.topics[post.topic_id].bumped_at = self.tick()

    # -- what a viewer sees --------------------------------------------------------------------

    def can_see(self, topic: WorldTopic, viewer: dict[str, Any]) -> bool:
        if topic.deleted:
            return False
        if topic.archetype == "private_message":
            return viewer["id"] in topic.allowed_user_ids
        staff = viewer["admin"] or viewer["moderator"]
        return staff or not self.categories[topic.category_id]["read_restricted"]

    def visible_posts(self, topic: WorldTopic) -> list[WorldPost]:
        return [p for p in self.by_topic.get(topic.id, []) if not p.deleted]

    def counts(self, topic: WorldTopic) -> tuple[int, int]:
        """posts_count and highest_post_number as Discourse reports them (deleted posts excluded)."""
        posts = self.visible_posts(topic)
        return len(posts), max((p.post_number for p in posts), default=0)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: DiscourseDouble._Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's signature
        return

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self.server.double._handle(self, "GET")

    def do_POST(self) -> None:  # noqa: N802
        self.server.double._handle(self, "POST")


@dataclasses.dataclass
class _Fault:
    pattern: re.Pattern[str]
    fault: str
    times: int
    method: str | None
    skip: int = 0


class DiscourseDouble:
    """``with DiscourseDouble(world) as double: ... double.url ...``"""

    class _Server(http.server.ThreadingHTTPServer):
        daemon_threads = False
        block_on_close = True
        double: DiscourseDouble

    def __init__(
        self,
        world: World | None = None,
        *,
        acting_username: str = "system",
        retry_after: float = 1.0,
        timeout_delay: float = 0.6,
    ) -> None:
        self.world = world or World()
        self.acting_username = acting_username
        self.retry_after = retry_after
        self.timeout_delay = timeout_delay
        self.requests: list[tuple[str, str, str]] = []  # method, path, query
        self._faults: list[_Fault] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: DiscourseDouble._Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> DiscourseDouble:
        self._server = self._Server(("127.0.0.1", 0), _Handler)
        self._server.double = self
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
        self._server = None

    def __enter__(self) -> DiscourseDouble:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- counting and faults -------------------------------------------------------------------

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

    def inject_fault(
        self, path_regex: str, fault: str, times: int = 1, method: str | None = None, *, skip: int = 0
    ) -> None:
        """Answer the next ``times`` matching requests (after ``skip`` good ones) with ``fault``."""
        assert fault in FAULTS, fault
        with self._lock:
            self._faults.append(_Fault(re.compile(path_regex), fault, times, method, skip))

    def _take_fault(self, method: str, target: str) -> str | None:
        with self._lock:
            for fault in self._faults:
                if fault.times > 0 and (fault.method in (None, method)) and fault.pattern.search(target):
                    if fault.skip > 0:
                        fault.skip -= 1
                        continue
                    fault.times -= 1
                    return fault.fault
        return None

    # -- plumbing ------------------------------------------------------------------------------

    def _handle(self, handler: _Handler, method: str) -> None:
        parts = urlsplit(handler.path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        with self._lock:
            self.requests.append((method, path, parts.query))
        length = int(handler.headers.get("Content-Length") or 0)
        payload = handler.rfile.read(length) if length else b""
        fault = self._take_fault(method, handler.path)
        try:
            if fault is not None and fault != "drop-after-accept":
                self._fault(handler, fault)
                return
            viewer = self._authenticate(handler)
            if viewer is None:
                self._json(handler, 403, _error("invalid_access", rec_invalid_key()))
                return
            status, answer = self._route(method, path, query, payload, viewer)
            if fault == "drop-after-accept":
                _reset(handler)
                return
            self._json(handler, status, answer)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _authenticate(self, handler: _Handler) -> dict[str, Any] | None:
        if handler.headers.get("Api-Key") == API_KEY:
            return self.world.user_by_name(handler.headers.get("Api-Username") or "")
        if handler.headers.get("User-Api-Key") == USER_API_KEY:
            return self.world.user_by_name(self.acting_username)
        return None

    def _json(
        self, handler: _Handler, status: int, answer: Any, headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(answer).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)

    def _text(
        self,
        handler: _Handler,
        status: int,
        text: str,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        data = text.encode()
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)

    def _fault(self, handler: _Handler, fault: str) -> None:
        rate = {"Discourse-Rate-Limit-Error-Code": "user_api_key_limiter_60_secs"}
        wait = self.retry_after
        if fault == "429-retry-after":
            body = _error("rate_limit", f"Please wait {wait:g} seconds before trying again.")
            self._json(handler, 429, body, {"Retry-After": f"{wait:g}", **rate})
        elif fault == "429-json":
            body = _error("rate_limit", "You’ve performed this action too many times.")
            body["extras"] = {"wait_seconds": wait, "time_left": f"{wait:g} seconds"}
            self._json(handler, 429, body, rate)
        elif fault == "429-text":
            self._text(handler, 429, "Slow down, too many requests from this IP address.", "text/plain")
        elif fault == "429-html":
            self._text(handler, 429, _nginx_page(429, "Too Many Requests"), "text/html")
        elif fault == "500":
            self._text(
                handler,
                500,
                rec.body(rec.NOT_FOUND_HTML).replace("Page Not Found", "Oops"),
                "text/html; charset=utf-8",
            )
        elif fault == "502":
            self._text(handler, 502, _nginx_page(502, "Bad Gateway"), "text/html")
        elif fault == "html-200":
            self._text(handler, 200, rec.body(rec.NOT_FOUND_HTML), "text/html; charset=utf-8")
        elif fault == "wrong-shape":
            self._json(handler, 200, ["not", "an", "object"])
        elif fault == "timeout":
            self._stopping.wait(self.timeout_delay)
            with contextlib.suppress(OSError):
                self._json(handler, 200, {})
        elif fault == "truncated":
            data = json.dumps(rec.body(rec.LATEST)).encode()
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json; charset=utf-8")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data[: len(data) // 2])
            handler.wfile.flush()
            handler.close_connection = True
        elif fault == "401":
            self._json(handler, 401, _error("not_logged_in", "You need to be logged in to do that."))
        elif fault == "403":
            self._json(handler, 403, _error("invalid_access", rec_invalid_key()))
        elif fault == "403-denied":
            self._json(
                handler,
                403,
                _error("invalid_access", "You are not permitted to view the requested resource."),
            )
        elif fault == "reset":
            _reset(handler)

    # -- routes --------------------------------------------------------------------------------

    def _route(
        self, method: str, path: str, query: dict[str, list[str]], payload: bytes, viewer: dict[str, Any]
    ) -> tuple[int, Any]:
        w = self.world
        with w.lock:
            if method == "POST" and path == "/posts.json":
                return self._create_post(json.loads(payload or b"{}"), viewer)
            if method != "GET":
                return 404, _error("not_found")
            if m := re.fullmatch(r"/u/([^/]+)\.json", path):
                user = w.user_by_name(m.group(1))
                return (200, self._user(user)) if user else (404, _error("not_found"))
            if path == "/session/current.json":
                return 200, {"current_user": dict(viewer)}
            if path == "/site.json":
                return 200, self._site()
            if path == "/latest.json":
                return 200, self._latest(query, viewer)
            if path == "/posts.json":
                return 200, self._latest_posts(query, viewer)
            if m := re.fullmatch(r"/t/(\d+)\.json", path):
                return self._topic(int(m.group(1)), viewer)
            if m := re.fullmatch(r"/t/(\d+)/posts\.json", path):
                return self._topic_posts(int(m.group(1)), query, viewer)
            if m := re.fullmatch(r"/posts/(\d+)\.json", path):
                post = w.posts.get(int(m.group(1)))
                if post is None or post.deleted or not w.can_see(w.topics[post.topic_id], viewer):
                    return 404, _error("not_found")
                return 200, self._post(post)
            if m := re.fullmatch(r"/topics/private-messages/([^/]+)\.json", path):
                return 200, self._private_messages(m.group(1), query, viewer)
            if path == "/admin/users/list/active.json":
                if not (viewer["admin"] or viewer["moderator"]):
                    return 404, _error("not_found")
                return 200, self._admin_users(query)
            if path == "/directory_items.json":
                return self._directory(query)
            return 404, _error("not_found")

    def _user(self, user: dict[str, Any]) -> dict[str, Any]:
        body = rec.body("localhost__u__test-user.json--headers_2b7bece.json")
        body["user"].update(user)
        return body

    def _site(self) -> dict[str, Any]:
        body = rec.body(rec.SITE)
        template = body["categories"][0]
        body["categories"] = [{**copy.deepcopy(template), **c} for c in self.world.categories.values()]
        return body

    def _topic_item(self, topic: WorldTopic) -> dict[str, Any]:
        item = dict(_template(rec.LATEST, "topic_list", "topics", 1))
        posts_count, highest = self.world.counts(topic)
        last = self.world.visible_posts(topic)
        item.update(
            id=topic.id,
            title=topic.title,
            fancy_title=topic.title,
            slug=re.sub(r"[^a-z0-9]+", "-", topic.title.lower()).strip("-"),
            posts_count=posts_count,
            reply_count=max(0, posts_count - 1),
            highest_post_number=highest,
            created_at=iso(topic.created_at),
            last_posted_at=iso(last[-1].created_at) if last else None,
            bumped_at=iso(topic.bumped_at),
            archetype=topic.archetype,
            pinned=topic.pinned,
            closed=topic.closed,
            archived=topic.archived,
            visible=topic.visible,
            views=topic.views,
            category_id=topic.category_id,
            has_accepted_answer=topic.has_accepted_answer,
            last_poster_username=self.world.users[last[-1].user_id]["username"] if last else "",
        )
        item["posters"] = [{"extras": "latest", "description": "Original Poster", "user_id": topic.user_id}]
        return item

    def _listed(
        self, topics: list[WorldTopic], query: dict[str, list[str]], base: str, default_per_page: int
    ) -> dict[str, Any]:
        per_page = min(100, int(query.get("per_page", [default_per_page])[0]))
        page = int(query.get("page", ["0"])[0])
        topics.sort(key=lambda t: (t.bumped_at, t.id), reverse=True)
        chunk = topics[page * per_page : (page + 1) * per_page]
        body = rec.body(rec.LATEST)
        user_ids = {t.user_id for t in chunk}
        body["users"] = [dict(self.world.users[u]) for u in sorted(user_ids)]
        body["topic_list"]["per_page"] = per_page
        body["topic_list"]["topics"] = [self._topic_item(t) for t in chunk]
        body["topic_list"].pop("more_topics_url", None)
        if len(chunk) == per_page:
            body["topic_list"]["more_topics_url"] = f"{base}?page={page + 1}&per_page={per_page}"
        return body

    def _latest(self, query: dict[str, list[str]], viewer: dict[str, Any]) -> dict[str, Any]:
        staff = viewer["admin"] or viewer["moderator"]
        wanted = None
        if "topic_ids" in query:  # comma-separated, as Discourse's param_to_integer_list reads it
            wanted = {int(x) for x in query["topic_ids"][0].split(",") if x.strip().isdigit()}
        topics = [
            t
            for t in self.world.topics.values()
            if t.archetype == "regular"
            and not t.definition
            and self.world.can_see(t, viewer)
            and (t.visible or staff)
            and (wanted is None or t.id in wanted)
        ]
        return self._listed(topics, query, "/latest", 30)

    def _private_messages(
        self, username: str, query: dict[str, list[str]], viewer: dict[str, Any]
    ) -> dict[str, Any]:
        topics = [
            t
            for t in self.world.topics.values()
            if t.archetype == "private_message" and self.world.can_see(t, viewer)
        ]
        return self._listed(topics, query, f"/topics/private-messages/{username}", 30)

    def _post(self, post: WorldPost) -> dict[str, Any]:
        item = dict(_template(rec.LATEST_POSTS, "latest_posts", 0))
        topic = self.world.topics[post.topic_id]
        user = self.world.users[post.user_id]
        item.update(
            id=post.id,
            topic_id=post.topic_id,
            topic_title=topic.title,
            category_id=topic.category_id,
            post_number=post.post_number,
            post_type=post.post_type,
            user_id=user["id"],
            username=user["username"],
            name=user["name"],
            admin=user["admin"],
            moderator=user["moderator"],
            staff=user["admin"] or user["moderator"],
            trust_level=user["trust_level"],
            raw=post.raw,
            cooked=f"<p>{post.raw}</p>",
            created_at=iso(post.created_at),
            updated_at=iso(post.created_at),
            reply_to_post_number=post.reply_to_post_number,
            hidden=post.hidden,
            accepted_answer=post.accepted_answer,
        )
        item["actions_summary"] = [{"id": 2, "count": post.like_count}] if post.like_count else []
        return item

    def _latest_posts(self, query: dict[str, list[str]], viewer: dict[str, Any]) -> dict[str, Any]:
        before = int(query["before"][0]) if "before" in query else None
        chosen = []
        for post in sorted(self.world.posts.values(), key=lambda p: p.id, reverse=True):
            if before is not None and post.id > before:
                continue
            topic = self.world.topics[post.topic_id]
            if post.deleted or post.hidden or post.post_type != 1 or topic.archetype != "regular":
                continue
            if not self.world.can_see(topic, viewer):
                continue
            chosen.append(self._post(post))
            if len(chosen) == 50:
                break
        return {"latest_posts": chosen}

    def _topic(self, topic_id: int, viewer: dict[str, Any]) -> tuple[int, Any]:
        topic = self.world.topics.get(topic_id)
        if topic is None or not self.world.can_see(topic, viewer):
            return 404, _error("not_found")
        body = rec.body(rec.TOPIC_4)
        item = self._topic_item(topic)
        for key in (
            "id",
            "title",
            "fancy_title",
            "slug",
            "posts_count",
            "reply_count",
            "highest_post_number",
            "created_at",
            "last_posted_at",
            "archetype",
            "pinned",
            "closed",
            "archived",
            "views",
            "category_id",
        ):
            body[key] = item[key]
        body["user_id"] = topic.user_id
        posts = self.world.visible_posts(topic)
        body["post_stream"] = {"posts": [self._post(p) for p in posts[:20]], "stream": [p.id for p in posts]}
        return 200, body

    def _topic_posts(
        self, topic_id: int, query: dict[str, list[str]], viewer: dict[str, Any]
    ) -> tuple[int, Any]:
        topic = self.world.topics.get(topic_id)
        if topic is None or not self.world.can_see(topic, viewer):
            return 404, _error("not_found")
        wanted = {int(i) for i in query.get("post_ids[]", [])}
        posts = [self._post(p) for p in self.world.visible_posts(topic) if p.id in wanted]
        return 200, {"post_stream": {"posts": posts}, "id": topic_id}

    def _admin_users(self, query: dict[str, list[str]]) -> list[dict[str, Any]]:
        page = int(query.get("page", ["1"])[0])
        template = _template(rec.ADMIN_USERS, 0)
        # AdminUserIndexQuery: order=created sorts by creation (ids grow with it), newest first unless asc.
        newest_first = query.get("order") == ["created"] and query.get("asc") != ["true"]
        ordered = sorted(self.world.users.values(), key=lambda u: u["id"], reverse=newest_first)
        users = ordered[(page - 1) * 100 : page * 100]
        rows = []
        for user in users:
            posts = sum(1 for p in self.world.posts.values() if p.user_id == user["id"] and not p.deleted)
            rows.append({**template, **user, "post_count": posts, "days_visited": 3, "posts_read_count": 7})
        return rows

    def _directory(self, query: dict[str, list[str]]) -> tuple[int, Any]:
        page = int(query.get("page", ["0"])[0])
        if page > 10:
            return 400, _error("invalid_parameters", "page is too large")
        body = rec.body(rec.DIRECTORY)
        template = body["directory_items"][0]
        users = sorted(self.world.users.values(), key=lambda u: u["id"])
        chunk = users[page * 50 : (page + 1) * 50]
        items = []
        for user in chunk:
            posts = sum(1 for p in self.world.posts.values() if p.user_id == user["id"] and not p.deleted)
            item = copy.deepcopy(template)
            item.update(id=user["id"], post_count=posts, days_visited=2, posts_read=5)
            item["user"] = {**item["user"], **user}
            items.append(item)
        body["directory_items"] = items
        body["meta"]["total_rows_directory_items"] = len(users)
        more = (page + 1) * 50 < len(users)
        body["meta"]["load_more_directory_items"] = (
            f"/directory_items.json?page={page + 1}&period=all" if more else None
        )
        return 200, body

    def _create_post(self, data: dict[str, Any], viewer: dict[str, Any]) -> tuple[int, Any]:
        raw = str(data.get("raw") or "")
        topic = self.world.topics.get(int(data.get("topic_id") or 0))
        if topic is None or not self.world.can_see(topic, viewer):
            return 403, _error("invalid_access", "You are not permitted to view the requested resource.")
        if len(raw.strip()) < 5:
            return 422, _error("record_invalid", "Body is too short (minimum is 5 characters)")
        if topic.closed:
            return 422, _error("record_invalid", "This topic is closed; no new replies are allowed.")
        if self.world.enqueue_posts:
            return 200, {"action": "enqueued", "pending_post": {"id": 1, "raw": raw}, "pending_count": 1}
        post = self.world.add_reply(topic.id, viewer["id"], raw)
        post.reply_to_post_number = data.get("reply_to_post_number")
        body = rec.body("localhost__posts.json--method_POST_headers_6ea7183_body_ab9e1ce.json")
        body.update(self._post(post))
        return 200, body


def _error(
    error_type: str, message: str = "The requested URL or resource could not be found."
) -> dict[str, Any]:
    return {"errors": [message], "error_type": error_type}


def rec_invalid_key() -> str:
    return "You are not permitted to view the requested resource. The API username or key is invalid."


def _nginx_page(status: int, reason: str) -> str:
    return f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"


def _reset(handler: _Handler) -> None:
    """Close the connection with a TCP RST, as a crashed proxy or a dropped link does."""
    with contextlib.suppress(OSError):
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True
    with contextlib.suppress(OSError):
        handler.connection.close()


def closed_port() -> int:
    """A local port with nothing listening (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running(world: World | None = None, **options: Any) -> Iterator[DiscourseDouble]:
    double = DiscourseDouble(world, **options)
    double.start()
    try:
        yield double
    finally:
        double.stop()
