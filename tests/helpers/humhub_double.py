"""A small HumHub (REST module 0.11.5 on HumHub 1.18) on 127.0.0.1 for tests and benchmarks.

Written from the module's OpenAPI files (``shared/platforms/humhub/openapi``) and, where they disagree,
its source (humhub/rest @ 1f69b3f): routes of ``Events.php``; pages of ``BaseController``
(``limit`` default 100, capped at 100; ``page`` 1-based; ``{total, page, pages, links, results}``);
shapes of ``definitions/*.php``; ``/post`` newest created first; ``/activity`` newest first, without the
caller's own actions, default limit 10, ``source`` the whole post or comment; comments oldest first;
``/user`` for users with ManageUsers only; memberships for space admins only (400 otherwise); errors as
``returnError`` (``{"code", "message", ...}``) or Yii's exceptions (``{"name", "message", "code": 0,
"status"}``); JWT login with ``expired_at`` in epoch seconds. A new comment does not touch its content's
``updated_at`` (HumHub's ``Comment::afterSave`` only moves the stream sort date).

It shares no code with ``moderator.platforms.humhub``: it builds answers from its own world.
Faults imitate what sits around a site (see ``FAULTS``); requests are recorded and counted.

Run one by hand (for the app, screenshots, benchmarks)::

    python -m tests.helpers.humhub_double --port 8765 --posts 1500 --users 300
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import math
import random
import re
import socket
import struct
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from tests.helpers.humhub_mail import MailModule

ADMIN_TOKEN = "hh-admin-token-7d2f9a"
MEMBER_TOKEN = "hh-member-token-3c81e0"
PASSWORD = "correct horse battery staple"
POST_MODEL = "humhub\\modules\\post\\models\\Post"
COMMENT_MODEL = "humhub\\modules\\comment\\models\\Comment"
SPACE_CLASS = "humhub\\modules\\space\\models\\Space"

FAULTS = (
    "429-retry-after",  # Retry-After header (a proxy's limiter)
    "429-json",  # JSON body, no header
    "429-text",
    "429-html",
    "500",
    "502",
    "401",
    "403",  # Yii's ForbiddenHttpException
    "html-200",  # a login or maintenance page answered with 200
    "wrong-shape",  # JSON that is not a result page
    "timeout",
    "truncated",
    "reset",
    "drop-after-accept",  # the request is applied, the answer never arrives
)

WORDS = tuple(
    [
        "budget",
        "onboarding",
        "intranet",
        "wiki",
        "mentoring",
        "télétravail",
        "badge",
        "cafeteria",
        "parking",
        "security",
        "training",
        "newsletter",
        "sustainability",
        "hackathon",
        "recruitment",
        "quarterly",
        "roadmap",
        "feedback",
        "survey",
        "workshop",
        "agile",
        "holiday",
        "payroll",
        "printer",
        "meeting",
        "colleagues",
        "project",
        "customer",
        "support",
        "release",
        "policy",
        "ideas",
    ]
)


def stamp(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S")


@dataclasses.dataclass
class User:
    id: int
    username: str
    display_name: str
    admin: bool = False
    last_login: dt.datetime | None = None

    @property
    def guid(self) -> str:
        return f"u-{self.id:08d}-0000-4000-8000-000000000000"


@dataclasses.dataclass
class Space:
    id: int
    container_id: int
    name: str
    url_name: str
    visibility: int  # 2 everyone, 1 registered, 0 members only
    members: dict[int, dt.datetime]  # user id -> member since
    admins: set[int]


@dataclasses.dataclass
class Comment:
    id: int
    post_id: int  # the post the thread belongs to
    object_model: str
    object_id: int  # the post, or the parent comment
    user_id: int
    message: str
    created_at: dt.datetime
    likes: int = 0


@dataclasses.dataclass
class PostItem:
    id: int
    content_id: int
    container_id: int
    user_id: int
    message: str
    created_at: dt.datetime
    updated_at: dt.datetime
    visibility: int = 1
    archived: bool = False
    pinned: bool = False
    hidden: bool = False
    locked_comments: bool = False
    state: int = 1
    likes: int = 0
    topics: tuple[str, ...] = ()


@dataclasses.dataclass
class Activity:
    id: int
    user_id: int
    kind: str  # "post" or "comment"
    object_id: int
    container_id: int
    created_at: dt.datetime


class World:
    """Spaces, users, posts, comments and the activity stream, generated from a seed."""

    def __init__(
        self,
        *,
        seed: int = 3,
        users: int = 40,
        spaces: int = 4,
        posts: int = 60,
        max_comments: int = 5,
        now: dt.datetime | None = None,
    ) -> None:
        rng = random.Random(seed)
        self.lock = threading.RLock()
        # Server time, naive (HumHub's dates carry no zone; a default install runs in UTC).
        self.now = (now or dt.datetime.now(dt.UTC)).replace(tzinfo=None, microsecond=0)
        EPOCH = self.now - dt.timedelta(days=200)  # noqa: N806
        self.users: dict[int, User] = {}
        for n in range(1, users + 1):
            first = rng.choice(
                ["Anna", "Bruno", "Chloé", "David", "Emma", "Farid", "Gaëlle", "Hugo", "Inès", "Jules"]
            )
            self.users[n] = User(
                n,
                f"user{n}",
                f"{first} {chr(64 + n % 26 + 1)}.",
                admin=n == 1,
                last_login=None if n % 7 == 0 else self.now - dt.timedelta(hours=rng.randint(1, 2000)),
            )
        self.users[1].username, self.users[1].display_name = "admin", "Alice Admin"
        self.tokens = {ADMIN_TOKEN: 1, MEMBER_TOKEN: 2}
        self.passwords = {"admin": PASSWORD, "admin@example.org": PASSWORD, "user2": PASSWORD}
        self.jwt_enabled = True
        self.spaces: dict[int, Space] = {}
        for n in range(1, spaces + 1):
            visibility = 0 if n == spaces and spaces > 1 else 2
            members = {
                u: EPOCH + dt.timedelta(days=rng.randint(0, 150))
                for u in self.users
                if visibility != 0 or u in (1, 3, 4, 5) or rng.random() < 0.1
            }
            members.pop(
                2, None
            ) if visibility == 0 else None  # the member token cannot read the private space
            self.spaces[n] = Space(
                n, 100 + n, f"Space {n}: {rng.choice(WORDS).title()}", f"space-{n}", visibility, members, {1}
            )
        self.posts: dict[int, PostItem] = {}
        self.comments: dict[int, Comment] = {}
        self.replies: dict[tuple[str, int], list[Comment]] = {}  # (object model, object id) -> comments
        self.activities: list[Activity] = []
        self.next_content_id = 1000
        self.next_comment_id = 1
        start = EPOCH
        step = (self.now - dt.timedelta(hours=2) - EPOCH) / max(1, posts)  # the newest a couple of hours old
        for n in range(1, posts + 1):
            created = start + step * n
            space = self.spaces[rng.randint(1, spaces)]
            author = rng.choice(list(space.members))
            post = self.add_post(space.id, author, self._text(rng, 8, 30), created)
            post.likes = rng.randint(0, 6)
            post.archived = rng.random() < 0.03
            post.pinned = rng.random() < 0.01
            post.locked_comments = rng.random() < 0.02
            post.topics = tuple(rng.sample(["News", "Question", "Idea"], rng.randint(0, 1)))
            for k in range(rng.randint(0, max_comments)):
                when = created + dt.timedelta(hours=1 + k * rng.randint(1, 30))
                if when >= self.now:
                    break
                commenter = rng.choice(list(space.members))
                parent = None
                if k and rng.random() < 0.15:
                    parent = rng.choice(self.replies.get((POST_MODEL, post.id)) or [None])
                self.add_comment(
                    post.id, commenter, self._text(rng, 4, 20), when, parent=parent.id if parent else None
                )
        self.activities.sort(key=lambda a: a.created_at)
        for index, activity in enumerate(self.activities, start=1):
            activity.id = index

    @staticmethod
    def _text(rng: random.Random, low: int, high: int) -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
        words[0] = words[0].capitalize()
        return " ".join(words) + rng.choice([".", "?", "!"])

    # -- mutations (tests use them too) ------------------------------------------------------------

    def add_post(
        self, space_id: int, user_id: int, message: str, when: dt.datetime | None = None
    ) -> PostItem:
        with self.lock:
            when = when or self.tick()
            post_id = max(self.posts, default=0) + 1
            self.next_content_id += 1
            post = PostItem(
                post_id,
                self.next_content_id,
                self.spaces[space_id].container_id,
                user_id,
                message,
                when,
                when,
            )
            self.posts[post_id] = post
            self._activity(user_id, "post", post_id, post.container_id, when)
            return post

    def add_comment(
        self,
        post_id: int,
        user_id: int,
        message: str,
        when: dt.datetime | None = None,
        *,
        parent: int | None = None,
    ) -> Comment:
        with self.lock:
            when = when or self.tick()
            comment = Comment(
                self.next_comment_id,
                post_id,
                COMMENT_MODEL if parent else POST_MODEL,
                parent if parent else post_id,
                user_id,
                message,
                when,
            )
            self.next_comment_id += 1
            self.comments[comment.id] = comment
            self.replies.setdefault((comment.object_model, comment.object_id), []).append(comment)
            self._activity(user_id, "comment", comment.id, self.posts[post_id].container_id, when)
            return comment

    def delete_comment(self, comment_id: int) -> None:
        """Delete a comment with its replies and their activities (as HumHub's ``afterDelete`` does)."""
        with self.lock:
            comment = self.comments.pop(comment_id)
            self.replies[(comment.object_model, comment.object_id)].remove(comment)
            for reply in list(self.replies.get((COMMENT_MODEL, comment_id), [])):
                self.delete_comment(reply.id)
            self.activities = [a for a in self.activities if not (a.kind == "comment" and a.object_id == comment_id)]

    def tick(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now

    def _activity(
        self, user_id: int, kind: str, object_id: int, container_id: int, when: dt.datetime
    ) -> None:
        next_id = max((a.id for a in self.activities), default=0) + 1
        self.activities.append(Activity(next_id, user_id, kind, object_id, container_id, when))

    # -- reading rights ----------------------------------------------------------------------------

    def space_of(self, container_id: int) -> Space | None:
        return next((s for s in self.spaces.values() if s.container_id == container_id), None)

    def can_read(self, user_id: int, post: PostItem) -> bool:
        if post.state != 1:
            return False
        space = self.space_of(post.container_id)
        if space is None:
            return True
        if self.users[user_id].admin:
            return True
        return space.visibility != 0 or user_id in space.members

    def top_comments(self, post_id: int) -> list[Comment]:
        return sorted(self.replies.get((POST_MODEL, post_id), []), key=lambda c: (c.created_at, c.id))

    # -- definitions (definitions/*.php) -----------------------------------------------------------

    def user_short(self, user_id: int, base: str) -> dict[str, Any]:
        user = self.users[user_id]
        return {
            "id": user.id,
            "guid": user.guid,
            "display_name": user.display_name,
            "url": f"{base}/u/{user.username}/",
        }

    def user_full(self, user_id: int, base: str) -> dict[str, Any]:
        user = self.users[user_id]
        first, _, last = user.display_name.partition(" ")
        return {
            **self.user_short(user_id, base),
            "account": {
                "id": user.id,
                "guid": user.guid,
                "username": user.username,
                "email": f"{user.username}@example.org",
                "visibility": 1,
                "status": 1,
                "tags": "",
                "language": "",
                "time_zone": "Europe/Paris",
                "contentcontainer_id": 1000 + user.id,
                "authclient": "local",
                "authclient_id": None,
                "last_login": stamp(user.last_login) if user.last_login else None,
            },
            "profile": {
                "firstname": first,
                "lastname": last,
                "title": "",
                "gender": None,
                "street": None,
                "city": "Lyon",
                "country": "FR",
                "image_url": f"{base}/static/img/default_user.jpg",
                "banner_url": f"{base}/static/img/default_banner.jpg",
            },
        }

    def comment_def(self, comment: Comment, base: str) -> dict[str, Any]:
        result: dict[str, Any] = {
            "id": comment.id,
            "message": comment.message,
            "objectModel": comment.object_model,
            "objectId": comment.object_id,
            "createdBy": self.user_short(comment.user_id, base),
            "createdAt": stamp(comment.created_at),
            "likes": {"total": comment.likes},
            "files": [],
        }
        if comment.object_model == POST_MODEL:
            subs = sorted(
                self.replies.get((COMMENT_MODEL, comment.id), []), key=lambda c: (c.created_at, c.id)
            )
            if subs:
                result["commentsCount"] = len(subs)
                result["comments"] = [self.comment_def(c, base) for c in subs]
        return result

    def post_def(self, post: PostItem, base: str) -> dict[str, Any]:
        top = self.top_comments(post.id)
        return {
            "id": post.id,
            "message": post.message,
            "content": {
                "id": post.content_id,
                "metadata": {
                    "id": post.content_id,
                    "guid": f"c-{post.content_id:08d}-0000-4000-8000-000000000000",
                    "object_model": POST_MODEL,
                    "object_id": post.id,
                    "visibility": post.visibility,
                    "state": post.state,
                    "archived": post.archived,
                    "hidden": post.hidden,
                    "pinned": post.pinned,
                    "locked_comments": post.locked_comments,
                    "created_by": self.user_short(post.user_id, base),
                    "created_at": stamp(post.created_at),
                    "updated_by": self.user_short(post.user_id, base),
                    "updated_at": stamp(post.updated_at),
                    "scheduled_at": None,
                    "url": f"{base}/content/perma?id={post.content_id}",
                    "contentcontainer_id": post.container_id,
                    "stream_channel": "default",
                },
                "comments": {"total": len(top), "latest": [self.comment_def(c, base) for c in top[-2:]]},
                "likes": {"total": post.likes},
                "topics": [{"id": 10 + i, "name": name} for i, name in enumerate(post.topics)],
                "files": [],
            },
        }

    def space_def(self, space: Space, base: str) -> dict[str, Any]:
        return {
            "id": space.id,
            "guid": f"s-{space.id:08d}-0000-4000-8000-000000000000",
            "name": space.name,
            "description": f"About {space.name}",
            "url": f"{base}/s/{space.url_name}/",
            "contentcontainer_id": space.container_id,
            "visibility": space.visibility,
            "join_policy": 1,
            "status": 1,
            "tags": "",
            "owner": self.user_short(1, base),
            "hideMembers": 0,
            "hideAbout": 0,
            "hideActivities": 0,
            "hideFollowers": 0,
            "indexUrl": "",
            "indexGuestUrl": "",
        }


@dataclasses.dataclass
class Reply:
    status: int
    body: Any
    content_type: str = "application/json; charset=UTF-8"
    headers: dict[str, str] = dataclasses.field(default_factory=dict)

    def payload(self) -> bytes:
        if isinstance(self.body, bytes | str):
            return self.body.encode() if isinstance(self.body, str) else self.body
        return json.dumps(self.body).encode()


def yii_error(status: int, name: str, message: str) -> Reply:
    return Reply(status, {"name": name, "message": message, "code": 0, "status": status})


def api_error(status: int, message: str, **extra: Any) -> Reply:
    return Reply(status, {"code": status, "message": message, **extra})


def fault_reply(kind: str) -> Reply:
    if kind == "429-retry-after":
        return Reply(
            429,
            {"name": "Too Many Requests", "message": "Rate limit exceeded.", "code": 0, "status": 429},
            headers={"Retry-After": "2"},
        )
    if kind == "429-json":
        return Reply(
            429, {"name": "Too Many Requests", "message": "Rate limit exceeded.", "code": 0, "status": 429}
        )
    if kind == "429-text":
        return Reply(429, "Too many requests, slow down.", "text/plain", {"Retry-After": "2"})
    if kind == "429-html":
        return Reply(429, "<html><body><h1>429 Too Many Requests</h1></body></html>", "text/html")
    if kind == "500":
        return Reply(
            500,
            "<html><body><h1>Internal Server Error</h1><p>An internal server error occurred.</p></body></html>",
            "text/html",
        )
    if kind == "502":
        return Reply(
            502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "text/html"
        )
    if kind == "401":
        return yii_error(401, "Unauthorized", "Your request was made with invalid credentials.")
    if kind == "403":
        return yii_error(403, "Forbidden", "You are not allowed to perform this action.")
    if kind == "html-200":
        return Reply(
            200,
            "<!DOCTYPE html><html><body><form id='login-form'>Please sign in</form></body></html>",
            "text/html; charset=UTF-8",
        )
    if kind == "wrong-shape":
        return Reply(200, {"status": "maintenance"})
    raise ValueError(kind)


@dataclasses.dataclass
class _Fault:
    pattern: re.Pattern[str]
    kind: str
    remaining: int
    method: str | None


@dataclasses.dataclass(frozen=True)
class Record:
    method: str
    path: str
    query: dict[str, list[str]]
    status: int


class HumHubDouble:
    """The HTTP side: routes, auth, pages, faults, counters."""

    def __init__(
        self, world: World | None = None, *, port: int = 0, timeout_delay: float = 0.5, mail: bool = False
    ) -> None:
        self.world = world or World()
        # the Messages module (``humhub_mail``), when this site has it; without it /mail is a 404
        self.mail = MailModule(self.world) if mail else None
        self.timeout_delay = timeout_delay
        self.requests: list[Record] = []
        self._faults: list[_Fault] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.fault_taken = threading.Event()
        self._server = _Server(("127.0.0.1", port), self)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="humhub-double", daemon=True)

    def start(self) -> HumHubDouble:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.close_all()
        self._server.server_close()

    # -- faults and counters -------------------------------------------------------------------------

    def inject_fault(self, path_regex: str, kind: str, *, times: int = 1, method: str | None = None) -> None:
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}")
        with self._lock:
            self._faults.append(_Fault(re.compile(path_regex), kind, times, method))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def _take_fault(self, method: str, path: str) -> str | None:
        with self._lock:
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

    def reset_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    def request_count(self, path_prefix: str = "", method: str | None = None) -> int:
        with self._lock:
            return sum(
                1
                for r in self.requests
                if r.path.startswith(path_prefix) and (method is None or r.method == method)
            )

    def _record(self, record: Record) -> None:
        with self._lock:
            self.requests.append(record)

    # -- routing (Events.php) -----------------------------------------------------------------------

    def answer(
        self, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str], body: bytes
    ) -> Reply:
        if not path.startswith("/api/v1/"):
            return Reply(404, "<html><body>Page not found</body></html>", "text/html")
        route = path[len("/api/v1/") :].rstrip("/")
        w = self.world
        with w.lock:
            if route == "auth/login" and method == "POST":
                return self._login(body)
            user_id = self._caller(headers, query)
            if user_id is None:
                return yii_error(401, "Unauthorized", "Your request was made with invalid credentials.")
            base = self.url
            q = {k: v[-1] for k, v in query.items()}
            if route == "auth/current" and method == "GET":
                return Reply(200, w.user_full(user_id, base))
            if route == "user" and method == "GET":
                if not w.users[user_id].admin:
                    return yii_error(403, "Forbidden", "You are not allowed to perform this action.")
                return self._page(q, [w.user_full(u, base) for u in sorted(w.users)], default=100)
            if (m := re.fullmatch(r"user/(\d+)", route)) and method == "GET":  # ManageUsers, like /user
                if not w.users[user_id].admin:
                    return yii_error(403, "Forbidden", "You are not allowed to perform this action.")
                if int(m.group(1)) not in w.users:
                    return api_error(404, "User not found!")
                return Reply(200, w.user_full(int(m.group(1)), base))
            if route == "space" and method == "GET":
                visible = [
                    s
                    for s in w.spaces.values()
                    if s.visibility != 0 or user_id in s.members or w.users[user_id].admin
                ]
                return self._page(q, [w.space_def(s, base) for s in sorted(visible, key=lambda s: s.id)])
            if m := re.fullmatch(r"space/(\d+)/membership", route):
                space = w.spaces.get(int(m.group(1)))
                if space is None:
                    return api_error(404, "Space  not found!")
                if user_id not in space.admins:
                    return api_error(400, "You cannot administer this space!")
                rows = [
                    {
                        "user": w.user_short(u, base),
                        "role": "member",
                        "status": 3,
                        "can_cancel_membership": 1,
                        "send_notifications": 0,
                        "show_at_dashboard": 1,
                        "originator_user": None,
                        "member_since": stamp(since),
                        "request_message": None,
                        "updated_at": stamp(since),
                        "last_visit": None,
                    }
                    for u, since in sorted(space.members.items())
                ]
                return self._page(q, rows)
            if route == "post" and method == "GET":
                readable = [p for p in w.posts.values() if w.can_read(user_id, p)]
                readable.sort(key=lambda p: (p.created_at, p.id), reverse=True)
                return self._page(q, readable, build=lambda p: w.post_def(p, base))
            if (m := re.fullmatch(r"post/(\d+)", route)) and method == "GET":
                post = w.posts.get(int(m.group(1)))
                if post is None:
                    return api_error(404, "Requested content not found!")
                if not w.can_read(user_id, post):
                    return api_error(403, "You cannot view this content!")
                return Reply(200, w.post_def(post, base))
            if route == "activity" and method == "GET":
                mine = [
                    a for a in w.activities if a.user_id != user_id and self._activity_readable(user_id, a)
                ]
                mine.sort(key=lambda a: (a.created_at, a.id), reverse=True)
                return self._page(q, mine, default=10, build=lambda a: self._activity_def(a, base))
            if route == "comment/find-by-object" and method == "GET":
                post = (
                    w.posts.get(int(q.get("objectId", "0") or 0))
                    if q.get("objectModel") == POST_MODEL
                    else None
                )
                if post is None:
                    return api_error(404, "Content not found!")
                if not w.can_read(user_id, post):
                    return api_error(403, "You cannot view this content!")
                return self._page(q, w.top_comments(post.id), build=lambda c: w.comment_def(c, base))
            if (m := re.fullmatch(r"comment/(\d+)", route)) and method == "GET":
                comment = w.comments.get(int(m.group(1)))
                if comment is None:
                    return api_error(404, "Comment not found!")
                return Reply(200, w.comment_def(comment, base))
            if route == "comment" and method == "POST":
                return self._create_comment(user_id, body, base)
            if (m := re.fullmatch(r"post/container/(\d+)", route)) and method == "POST":
                return self._create_post(user_id, int(m.group(1)), body, base)
            if self.mail is not None and (route == "mail" or route.startswith("mail/")):
                reply = self.mail.answer(method, route, q, user_id, body, base, self._page)
                if reply is not None:
                    return reply
        return yii_error(404, "Not Found", "Page not found.")

    def _caller(self, headers: dict[str, str], query: dict[str, list[str]]) -> int | None:
        auth = headers.get("authorization", "")
        token = (
            auth[7:].strip()
            if auth.lower().startswith("bearer ")
            else (query.get("access-token") or [""])[-1]
        )
        return self.world.tokens.get(token)

    def _login(self, body: bytes) -> Reply:
        if not self.world.jwt_enabled:
            return yii_error(404, "Not Found", "Page not found.")
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            data = {}
        username, password = str(data.get("username") or ""), str(data.get("password") or "")
        if self.world.passwords.get(username) != password:
            return api_error(400, "Wrong username or password")
        user = next(u for u in self.world.users.values() if u.username == username.split("@")[0])
        token = f"eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.jwt-{user.id}-{len(self.world.tokens)}.sig"
        self.world.tokens[token] = user.id
        expires = int(time.time()) + 86400
        return Reply(200, {"code": 200, "message": "Success", "auth_token": token, "expired_at": expires})

    def _activity_readable(self, user_id: int, activity: Activity) -> bool:
        w = self.world
        post_id = activity.object_id if activity.kind == "post" else w.comments[activity.object_id].post_id
        post = w.posts.get(post_id)
        return post is not None and w.can_read(user_id, post)

    def _activity_def(self, activity: Activity, base: str) -> dict[str, Any]:
        w = self.world
        if activity.kind == "post":
            source, cls = (
                w.post_def(w.posts[activity.object_id], base),
                "humhub\\modules\\content\\activities\\ContentCreated",
            )
        else:
            source, cls = (
                w.comment_def(w.comments[activity.object_id], base),
                "humhub\\modules\\comment\\activities\\NewComment",
            )
        return {
            "id": activity.id,
            "class": cls,
            "content": {
                "id": 50000 + activity.id,
                "guid": f"a-{activity.id:08d}",
                "pinned": False,
                "archived": False,
                "output": '<div class="media">…</div>',
            },
            "originator": w.user_short(activity.user_id, base),
            "source": source,
            "createdAt": stamp(activity.created_at),
        }

    def _create_comment(self, user_id: int, body: bytes, base: str) -> Reply:
        w = self.world
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return api_error(400, "Validation failed", comment={"message": ["Message cannot be blank."]})
        model, object_id = data.get("objectModel"), int(data.get("objectId") or 0)
        if model == POST_MODEL:
            post = w.posts.get(object_id)
            parent = None
        elif model == COMMENT_MODEL:
            parent = w.comments.get(object_id)
            post = w.posts.get(parent.post_id) if parent else None
        else:
            return yii_error(400, "Bad Request", "Invalid object model!")
        if post is None:
            return yii_error(404, "Not Found", "Could not find underlying content or content addon record!")
        if not w.can_read(user_id, post):
            return yii_error(403, "Forbidden", "You cannot view the content record!")
        if post.archived or post.locked_comments:
            return yii_error(403, "Forbidden", "You cannot comment the content!")
        message = str((data.get("Comment") or {}).get("message") or "")
        if not message.strip():
            return api_error(400, "Validation failed", comment={"message": ["Message cannot be blank."]})
        comment = w.add_comment(post.id, user_id, message, parent=parent.id if parent else None)
        return Reply(200, w.comment_def(comment, base))

    def _create_post(self, user_id: int, container_id: int, body: bytes, base: str) -> Reply:
        """``BaseContentController::actionCreate``: ``{"data": {"message"}}``, the post's definition back."""
        w = self.world
        space = w.space_of(container_id)
        if space is None:
            return api_error(404, "Content container not found!")
        if user_id not in space.members and not w.users[user_id].admin:
            return yii_error(403, "Forbidden", "You are not allowed to create content here!")
        try:
            data = json.loads(body or b"{}").get("data") or {}
        except (ValueError, AttributeError):
            data = {}
        message = str(data.get("message") or "") if isinstance(data, dict) else ""
        if not message.strip():
            return api_error(400, "Validation failed", post={"message": ["Message cannot be blank."]})
        post = w.add_post(space.id, user_id, message)
        return Reply(200, w.post_def(post, base))

    def _page(self, q: dict[str, str], rows: list[Any], *, default: int = 100, build: Any = None) -> Reply:
        try:
            limit = int(q.get("limit", default))
            page = int(q.get("page", 1))
        except ValueError:
            return yii_error(400, "Bad Request", "Invalid parameter.")
        limit = max(1, min(100, limit))
        page = max(1, page)
        total = len(rows)
        pages = math.ceil(total / limit) if total else 0
        chunk = rows[(page - 1) * limit : page * limit]
        results = [build(r) for r in chunk] if build else chunk
        link = lambda n: f"{self.url}/api/v1/?{urlencode({'page': n, 'per-page': limit})}"  # noqa: E731
        links = {"self": link(page), "first": link(1), "last": link(max(1, pages))}
        if page < pages:
            links["next"] = link(page + 1)
        return Reply(200, {"total": total, "page": page, "pages": pages, "links": links, "results": results})


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], double: HumHubDouble) -> None:
        self.double = double
        self.conns: set[socket.socket] = set()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.conns.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        self.conns.discard(request)
        super().shutdown_request(request)

    def close_all(self) -> None:
        for conn in list(self.conns):
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._serve()

    def do_POST(self) -> None:  # noqa: N802
        self._serve()

    def _serve(self) -> None:
        double = self.server.double
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        headers = {k.lower(): v for k, v in self.headers.items()}
        length = int(headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        fault = double._take_fault(self.command, path)
        if fault == "timeout":
            double._stopping.wait(double.timeout_delay)
            double._record(Record(self.command, path, query, 0))
            self._reset()
            return
        if fault == "reset":
            double._record(Record(self.command, path, query, 0))
            self._reset()
            return
        if fault in (None, "truncated", "drop-after-accept"):
            reply = double.answer(self.command, path, query, headers, body)
        else:
            reply = fault_reply(fault)
        double._record(Record(self.command, path, query, reply.status))
        if fault == "drop-after-accept":
            self._reset()
            return
        payload = reply.payload()
        if fault == "truncated":
            payload = payload[: len(payload) // 2]
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Powered-By", "PHP/8.2")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _reset(self) -> None:
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with contextlib.suppress(OSError):
            self.connection.close()


@contextlib.contextmanager
def running(world: World | None = None, **options: Any) -> Iterator[HumHubDouble]:
    double = HumHubDouble(world, **options).start()
    try:
        yield double
    finally:
        double.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="A local HumHub REST double on 127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--posts", type=int, default=1500)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--spaces", type=int, default=8)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    world = World(seed=args.seed, users=args.users, spaces=args.spaces, posts=args.posts)
    double = HumHubDouble(world, port=args.port).start()
    print(
        f"HumHub double on {double.url} (admin token {ADMIN_TOKEN}, member token {MEMBER_TOKEN})", flush=True
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        double.stop()


if __name__ == "__main__":
    main()
