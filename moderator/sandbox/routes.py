"""Discourse endpoints of the sandbox, independent of the HTTP plumbing (``server`` does sockets).

Why a plain ``Request -> Reply`` layer: auth, routing and Discourse's answers (status codes, error
shapes, quirks) are testable and readable without sockets, and faults/rate limits stay in the server.

Behaviour chosen to match Discourse (DC) where the brief was loose:
- ``/admin/*`` for non-staff (or a bad key) is a 404: DC's ``StaffConstraint`` makes the route not match.
- Replies to unknown, closed (non-staff) or read-only topics are 422 ``topic_not_found`` (PostCreator);
  a new topic in a category you cannot create in is 403 ``invalid_access`` (TopicCreator).
- With an admin API key, POST /posts.json is memoised 120 s per (params, user): an identical retry
  returns the same post (DC ``DistributedMemoizer``); user API keys are not memoised.
- ``/u/{u}/bookmarks.json`` answers ``{"bookmarks": []}`` when empty (DC users_controller quirk).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

from . import queries, serializers
from .entities import Bookmark, PendingPost, Topic, User, Viewer, iso
from .generator import SANDBOX_API_KEY
from .queries import InvalidParameter, one
from .world import World

JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
CHUNK_SIZE = 20
MEMO_SECONDS = 120
UNIQUE_POST_SECONDS = 5 * 60
MIN_POST_LENGTH = 20
MIN_PM_LENGTH = 10
MIN_TITLE_LENGTH = 15
MAX_POST_LENGTH = 32000

MSG_NOT_FOUND = "The requested URL or resource could not be found."
MSG_INVALID_ACCESS = "You are not permitted to view the requested resource."
MSG_BAD_KEY = "You are not permitted to view the requested resource. The API username or key is invalid."
MSG_NOT_LOGGED_IN = "You need to be logged in to do that."
MSG_TOPIC_NOT_FOUND = (
    "Something has gone wrong. Perhaps this topic was closed or deleted while you were looking at it?"
)


@dataclass(slots=True)
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes = b""
    base_url: str = "http://127.0.0.1"


@dataclass(slots=True)
class Reply:
    status: int
    body: Any = None
    route: str = ""
    content_type: str = JSON_TYPE
    headers: dict[str, str] = field(default_factory=dict)
    username: str | None = None

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        if self.body is None and self.content_type != JSON_TYPE:
            return b""
        return json.dumps(self.body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def error(status: int, message: str, error_type: str, route: str = "") -> Reply:
    return Reply(status, {"errors": [message], "error_type": error_type}, route)


def not_found(route: str = "") -> Reply:
    return error(404, MSG_NOT_FOUND, "not_found", route)


def invalid_access(route: str = "", message: str = MSG_INVALID_ACCESS) -> Reply:
    return error(403, message, "invalid_access", route)


def not_logged_in(route: str = "") -> Reply:
    return error(403, MSG_NOT_LOGGED_IN, "not_logged_in", route)


def invalid_parameter(name: str, route: str = "") -> Reply:
    return error(400, f"You supplied invalid parameters to the request: {name}", "invalid_parameters", route)


def missing_parameter(name: str, route: str = "") -> Reply:
    return error(400, f"param is missing or the value is empty: {name}", "invalid_parameters", route)


def html_page(title: str, status: int = 200, route: str = "") -> Reply:
    body = (
        f'<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8"><title>{title}</title></head>\n'
        f"<body><noscript><p>{title}</p></noscript></body>\n</html>\n"
    )
    return Reply(status, body, route, HTML_TYPE)


Handler = Callable[["Api", Request, Viewer, re.Match[str]], Reply]


@dataclass(slots=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler
    name: str


ROUTES: list[Route] = []


def route(method: str, pattern: str, name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        ROUTES.append(Route(method, re.compile(f"^{pattern}$"), fn, name))
        return fn

    return register


class Api:
    """The sandbox's Discourse: authentication, routing, and the endpoints' server-side state."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._memo: dict[str, tuple[float, Reply]] = {}

    # ------------------------------------------------------------------ entry point

    def authenticate(self, req: Request) -> Viewer | Reply:
        """``Api-Key``/``Api-Username`` (admin key acting as anyone) or ``User-Api-Key``; else anonymous."""
        headers = req.headers
        if "api-key" in headers:
            if headers["api-key"] != SANDBOX_API_KEY:
                return invalid_access(message=MSG_BAD_KEY)
            user = self.world.user_by_name(headers.get("api-username") or "system")
            if user is None:
                return invalid_access(message=MSG_BAD_KEY)
            return Viewer(user, "api_key")
        if "user-api-key" in headers:
            record = self.world.user_api_keys.get(headers["user-api-key"])
            if record is None or record.revoked:
                return invalid_access()
            scope = "read" if req.method in ("GET", "HEAD") else "write"
            if scope not in record.scopes and "write" not in record.scopes:
                return invalid_access()
            return Viewer(self.world.users[record.user_id], "user_api_key")
        return Viewer()

    def handle(self, req: Request) -> Reply:
        path = req.path
        wants_json = path.endswith(".json") or "application/json" in req.headers.get("accept", "")
        if path.endswith(".json"):
            path = path[: -len(".json")]
        path = path.rstrip("/") or "/"
        viewer = self.authenticate(req)
        if path.startswith("/admin/") and (isinstance(viewer, Reply) or not viewer.staff):
            return not_found()  # StaffConstraint: the route does not exist for non-staff
        if isinstance(viewer, Reply):
            return viewer
        method = "GET" if req.method == "HEAD" and not path.startswith("/user-api-key") else req.method
        for r in ROUTES:
            if r.method != method:
                continue
            match = r.pattern.match(path)
            if match is None:
                continue
            if method == "GET" and not wants_json and not r.name.startswith("user_api_keys"):
                return html_page("Communauté Innovation", route=r.name)
            try:
                reply = r.handler(self, req, viewer, match)
            except InvalidParameter as exc:
                reply = invalid_parameter(exc.name)
            reply.route = reply.route or r.name
            if viewer.user is not None:
                reply.username = viewer.user.username
            return reply
        return not_found() if wants_json or method != "GET" else html_page("Page introuvable", 404)

    # ------------------------------------------------------------------ shared helpers

    def params(self, req: Request) -> dict[str, Any]:
        """Rails-style params: query string merged with a JSON or form body."""
        out: dict[str, Any] = {k: (v if k.endswith("[]") else v[-1]) for k, v in req.query.items()}
        if not req.body:
            return out
        if "json" in req.headers.get("content-type", ""):
            try:
                body = json.loads(req.body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                raise InvalidParameter("body") from None
            if isinstance(body, dict):
                out.update(body)
        else:
            for key, values in parse_qs(req.body.decode("utf-8"), keep_blank_values=True).items():
                out[key] = values if key.endswith("[]") else values[-1]
        return out

    def memoized(self, key: str, build: Callable[[], Reply]) -> Reply:
        now = time.monotonic()
        self._memo = {k: v for k, v in self._memo.items() if now - v[0] < MEMO_SECONDS}
        if key not in self._memo:
            self._memo[key] = (now, build())
        return self._memo[key][1]


# ====================================================================== site, categories


@route("GET", r"/site", "site/site")
def get_site(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    return Reply(200, serializers.site_json(api.world, viewer))


@route("GET", r"/site/basic-info", "site/basic_info")
def get_basic_info(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    return Reply(200, serializers.basic_info(req.base_url))


@route("GET", r"/categories", "categories/index")
def get_categories(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    world = api.world
    cats = []
    for cat in sorted(world.categories.values(), key=lambda c: c.position):
        if not world.category_visible(cat.id, viewer):
            continue
        item = serializers.category_json(world, cat, viewer, for_site=False)
        if cat.key == "uncategorized" and item["topic_count"] == 0:
            continue
        candidates = (
            t
            for t in queries.sorted_topics(world, "activity")
            if t.category_id == cat.id and world.listable(t, viewer)
        )
        featured = list(itertools.islice(candidates, 3))
        item["topics"] = [serializers.category_featured_topic(world, t, viewer) for t in featured]
        cats.append(item)
    return Reply(
        200,
        {
            "category_list": {
                "can_create_category": viewer.admin,
                "can_create_topic": viewer.logged_in,
                "categories": cats,
            }
        },
    )


# ====================================================================== topic lists


def _topic_list_reply(api: Api, viewer: Viewer, page: queries.TopicPage) -> Reply:
    return Reply(
        200,
        serializers.topic_list(
            api.world, page.topics, viewer, per_page=page.per_page, more_topics_url=page.more_url
        ),
    )


@route("GET", r"/latest", "list/latest")
def get_latest(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    return _topic_list_reply(api, viewer, queries.latest(api.world, viewer, req.query))


@route("GET", r"/c/(?:[^/]+/)?(\d+)(?:/l/latest)?", "list/category_default")
def get_category_latest(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    cat = api.world.categories.get(int(m.group(1)))
    if cat is None or not api.world.category_visible(cat.id, viewer):
        return not_found()
    page = queries.latest(
        api.world, viewer, req.query, base_path=f"/c/{cat.slug}/{cat.id}/l/latest", category_id=cat.id
    )
    return _topic_list_reply(api, viewer, page)


def _pm_owner(api: Api, viewer: Viewer, username: str) -> User | Reply:
    if not viewer.logged_in:
        return not_logged_in()
    user = api.world.user_by_name(username)
    if user is None:
        return not_found()
    if not (viewer.admin or viewer.user_id == user.id):
        return invalid_access()
    return user


@route("GET", r"/topics/private-messages/([^/]+)", "list/private_messages")
def get_private_messages(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    owner = _pm_owner(api, viewer, m.group(1))
    if isinstance(owner, Reply):
        return owner
    return _topic_list_reply(api, viewer, queries.private_messages(api.world, owner, req.query, sent=False))


@route("GET", r"/topics/private-messages-sent/([^/]+)", "list/private_messages_sent")
def get_private_messages_sent(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    owner = _pm_owner(api, viewer, m.group(1))
    if isinstance(owner, Reply):
        return owner
    return _topic_list_reply(api, viewer, queries.private_messages(api.world, owner, req.query, sent=True))


# ====================================================================== topics and posts


def _find_topic(api: Api, viewer: Viewer, topic_id: int) -> Topic | Reply:
    topic = api.world.topics.get(topic_id)
    if topic is None or (topic.deleted_at is not None and not viewer.staff):
        return not_found()
    if not api.world.topic_visible(topic, viewer):
        return invalid_access()
    return topic


def _flag(req: Request, name: str) -> bool:
    return one(req.query, name) in ("true", "1")


def _show_topic(api: Api, req: Request, viewer: Viewer, topic_id: int, post_number: int | None) -> Reply:
    topic = _find_topic(api, viewer, topic_id)
    if isinstance(topic, Reply):
        return topic
    posts = api.world.visible_posts(topic, viewer)
    page = queries.int_param(req.query, "page", 1, lo=1)
    start = (page - 1) * CHUNK_SIZE
    if post_number is not None:
        index = next((i for i, p in enumerate(posts) if p.post_number >= post_number), len(posts) - 1)
        start = max(0, min(index - 4, len(posts) - CHUNK_SIZE))
    if start >= len(posts) and start > 0:
        return not_found()
    suggested = [] if topic.is_pm else queries.suggested(api.world, topic, viewer)
    body = serializers.topic_view(
        api.world,
        topic,
        viewer,
        posts=posts[start : start + CHUNK_SIZE],
        stream=[p.id for p in posts],
        include_raw=_flag(req, "include_raw"),
        suggested=suggested,
    )
    return Reply(200, body)


@route("GET", r"/t/(\d+)", "topics/show")
def get_topic(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    return _show_topic(api, req, viewer, int(m.group(1)), None)


@route("GET", r"/t/(\d+)/posts", "topics/posts")
def get_topic_posts(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    topic = _find_topic(api, viewer, int(m.group(1)))
    if isinstance(topic, Reply):
        return topic
    visible = api.world.visible_posts(topic, viewer)
    wanted = req.query.get("post_ids[]") or req.query.get("post_ids")
    if wanted:
        ids = set()
        for value in wanted:
            if not value.strip().isdigit():
                return invalid_parameter("post_ids")
            ids.add(int(value))
        chosen = [p for p in visible if p.id in ids]
    else:
        chosen = visible[:CHUNK_SIZE]
    include_raw = _flag(req, "include_raw")
    posts = [serializers.post_json(api.world, p, viewer, include_raw=include_raw) for p in chosen]
    return Reply(200, {"post_stream": {"posts": posts}, "id": topic.id})


@route("GET", r"/t/(\d+)/(\d+)", "topics/show")
def get_topic_near(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    return _show_topic(api, req, viewer, int(m.group(1)), int(m.group(2)))


@route("GET", r"/t/[^/]*[^/\d][^/]*/(\d+)", "topics/show")
def get_topic_by_slug(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    return _show_topic(api, req, viewer, int(m.group(1)), None)


@route("GET", r"/t/[^/]*[^/\d][^/]*/(\d+)/(\d+)", "topics/show")
def get_topic_by_slug_near(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    return _show_topic(api, req, viewer, int(m.group(1)), int(m.group(2)))


@route("GET", r"/posts", "posts/latest")
def get_latest_posts(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    raw = one(req.query, "before") or ""
    before = int(raw) if raw.strip().lstrip("-").isdigit() else None
    posts = queries.latest_posts(api.world, viewer, before)
    return Reply(
        200,
        {
            "latest_posts": [
                serializers.post_json(api.world, p, viewer, include_raw=True, latest=True) for p in posts
            ]
        },
    )


@route("GET", r"/posts/(\d+)", "posts/show")
def get_post(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    post = api.world.posts.get(int(m.group(1)))
    if post is None:
        return not_found()
    topic = api.world.topics[post.topic_id]
    if (post.deleted_at is not None or topic.deleted_at is not None) and not viewer.staff:
        return not_found()
    if not api.world.topic_visible(topic, viewer):
        return invalid_access()
    return Reply(200, serializers.post_json(api.world, post, viewer, include_raw=True))


# ====================================================================== creating posts


def _post_error(*messages: str) -> Reply:
    return Reply(422, {"action": "create_post", "errors": list(messages)})


def _stripped(raw: str) -> str:
    return " ".join(raw.split())


def _raw_errors(raw: str, minimum: int) -> list[str]:
    text = _stripped(raw)
    if not text:
        return ["Body can't be blank"]
    if len(text) < minimum:
        return [f"Body is too short (minimum is {minimum} characters)"]
    if len(text) > MAX_POST_LENGTH:
        return [f"Body is too long (maximum is {MAX_POST_LENGTH} characters)"]
    return []


def _raw_hash(raw: str) -> str:
    return hashlib.sha1("".join(raw.split()).lower().encode("utf-8")).hexdigest()


def _recent_duplicate(world: World, user: User, raw: str) -> bool:
    """UniquePostValidator: same normalised raw by the same non-staff user within 5 minutes."""
    if user.staff:
        return False
    since = world.clock().timestamp() - UNIQUE_POST_SECONDS
    wanted = _raw_hash(raw)
    for post_id in sorted(world.posts, reverse=True)[:500]:
        post = world.posts[post_id]
        if post.created_at.timestamp() < since:
            break
        if post.user_id == user.id and _raw_hash(post.raw) == wanted:
            return True
    return False


def _needs_approval(world: World, user: User, category_id: int | None) -> bool:
    if user.staff:
        return False
    if user.username.lower() in {name.lower() for name in world.require_approval}:
        return True
    cat = world.categories.get(category_id) if category_id else None
    return bool(cat and cat.requires_approval)


def _enqueue(
    world: World, user: User, raw: str, topic: Topic | None, title: str | None, category_id: int | None
) -> Reply:
    pending = PendingPost(
        len(world.pending_posts) + 1,
        user.id,
        raw,
        world.clock(),
        topic.id if topic else None,
        title,
        category_id,
    )
    world.pending_posts.append(pending)
    world.touch()
    count = sum(1 for p in world.pending_posts if p.user_id == user.id)
    return Reply(
        200,
        {
            "action": "enqueued",
            "success": True,
            "pending_count": count,
            "pending_post": {"id": pending.id, "raw": raw, "created_at": iso(pending.created_at)},
        },
    )


def _category_param(world: World, value: Any) -> int | None:
    if value in (None, ""):
        return 1
    text = str(value)
    if text.isdigit():
        return int(text) if int(text) in world.categories else None
    for cat in world.categories.values():
        if cat.name.lower() == text.lower() or cat.slug == text.lower():
            return cat.id
    return None


def _create_topic(api: Api, viewer: Viewer, params: dict[str, Any]) -> Reply:
    world, user = api.world, viewer.user
    assert user is not None
    title = str(params.get("title") or "").strip()
    raw = str(params.get("raw") or "")
    is_pm = params.get("archetype") == "private_message"
    recipients: list[User] = []
    category_id: int | None = None
    if is_pm:
        names = str(params.get("target_recipients") or params.get("target_usernames") or "")
        for name in filter(None, (n.strip() for n in names.split(","))):
            target = world.user_by_name(name)
            if target is None:
                return _post_error(f"Sorry, there is no user named {name}.")
            recipients.append(target)
        if not recipients:
            return _post_error("You must choose a valid user.")
    else:
        category_id = _category_param(world, params.get("category"))
        cat = world.categories.get(category_id) if category_id else None
        if (
            cat is None
            or not world.category_visible(cat.id, viewer)
            or (cat.staff_only_create and not viewer.staff)
        ):
            return invalid_access()
    errors = [] if title else ["Title can't be blank"]
    if title and len(_stripped(title)) < MIN_TITLE_LENGTH:
        errors.append(f"Title is too short (minimum is {MIN_TITLE_LENGTH} characters)")
    errors += _raw_errors(raw, MIN_PM_LENGTH if is_pm else MIN_POST_LENGTH)
    if errors:
        return _post_error(*errors)
    if _recent_duplicate(world, user, raw):
        return _post_error("Body is too similar to what you recently posted")
    if not is_pm and _needs_approval(world, user, category_id):
        return _enqueue(world, user, raw, None, title, category_id)
    tags = params.get("tags[]") or params.get("tags") or []
    topic = world.create_topic(
        category_id,
        user,
        title,
        raw,
        world.clock(),
        tags=[str(t) for t in tags] if isinstance(tags, list) else [],
        archetype="private_message" if is_pm else "regular",
        allowed_user_ids=sorted({user.id, *(r.id for r in recipients)}) if is_pm else None,
    )
    return Reply(200, serializers.post_json(world, topic.posts[0], viewer, include_raw=True, created=True))


def _create_reply(api: Api, viewer: Viewer, params: dict[str, Any]) -> Reply:
    world, user = api.world, viewer.user
    assert user is not None
    raw = str(params.get("raw") or "")
    topic_ref = str(params.get("topic_id"))
    topic = world.topics.get(int(topic_ref)) if topic_ref.isdigit() else None
    usable = (
        topic is not None
        and topic.deleted_at is None
        and world.topic_visible(topic, viewer)
        and serializers.can_reply(world, topic, viewer)
    )
    if topic is not None and usable and _needs_approval(world, user, topic.category_id):
        errors = _raw_errors(raw, MIN_POST_LENGTH)
        return _post_error(*errors) if errors else _enqueue(world, user, raw, topic, None, None)
    if topic is None or not usable:
        return _post_error(MSG_TOPIC_NOT_FOUND)
    errors = _raw_errors(raw, MIN_PM_LENGTH if topic.is_pm else MIN_POST_LENGTH)
    if errors:
        return _post_error(*errors)
    if _recent_duplicate(world, user, raw):
        return _post_error("Body is too similar to what you recently posted")
    reply_to = str(params.get("reply_to_post_number") or "")
    number = int(reply_to) if reply_to.isdigit() and 0 < int(reply_to) <= topic.highest_post_number else None
    post = world.create_post(topic, user, raw, world.clock(), number)
    return Reply(200, serializers.post_json(world, post, viewer, include_raw=True, created=True))


@route("POST", r"/posts", "posts/create")
def post_posts(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    if viewer.user is None:
        return not_logged_in()
    params = api.params(req)

    def perform() -> Reply:
        if params.get("topic_id") in (None, ""):
            return _create_topic(api, viewer, params)
        return _create_reply(api, viewer, params)

    if viewer.via != "api_key":
        return perform()
    signature = json.dumps(sorted((k, str(v)) for k, v in params.items()), ensure_ascii=False)
    key = hashlib.sha1(f"{signature}|user:{viewer.user.id}".encode()).hexdigest()
    return api.memoized(key, perform)


# ====================================================================== users, directory, admin


@route("GET", r"/directory_items", "directory_items/index")
def get_directory(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    period = one(req.query, "period")
    if not period:
        return missing_parameter("period")
    if period not in queries.PERIOD_DAYS:
        return invalid_access()
    page = queries.directory(api.world, viewer, req.query)
    items = [serializers.directory_item(api.world, u, s, period == "all") for u, s in page.items]
    return Reply(
        200,
        {
            "directory_items": items,
            "meta": {
                "last_updated_at": iso(api.world.now),
                "total_rows_directory_items": page.total,
                "load_more_directory_items": page.load_more,
            },
        },
    )


@route("GET", r"/admin/users/list/([a-z_]+)", "admin/users/index")
def get_admin_users(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    show_emails = one(req.query, "show_emails") == "true"
    now = api.world.clock()
    users = queries.admin_users(api.world, m.group(1), req.query)
    return Reply(200, [serializers.admin_user_row(api.world, u, now, show_emails) for u in users])


@route("GET", r"/u/([^/]+)", "users/show")
def get_user(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    user = api.world.user_by_name(m.group(1))
    if user is None:
        return not_found()
    return Reply(200, {"user_badges": [], "user": serializers.user_json(api.world, user, viewer)})


@route("GET", r"/u/([^/]+)/summary", "users/summary")
def get_user_summary(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    user = api.world.user_by_name(m.group(1))
    if user is None:
        return not_found()
    posts = queries.posts_by_user(api.world).get(user.id, [])
    return Reply(200, serializers.user_summary(api.world, user, viewer, posts))


@route("GET", r"/session/current", "session/current")
def get_current_session(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    if viewer.user is None:
        return not_found()
    return Reply(200, serializers.current_user(api.world, viewer.user))


# ====================================================================== bookmarks


BOOKMARKS_PER_PAGE = 20


def _parse_time(value: Any) -> datetime | None | str:
    """An ISO time, None when absent, or the string "invalid"."""
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return "invalid"
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _bookmark_failure(message: str) -> Reply:
    return Reply(400, {"failed": "FAILED", "errors": [message]})


def _bookmark_fields(world: World, params: dict[str, Any]) -> dict[str, Any] | Reply:
    fields: dict[str, Any] = {}
    if "name" in params:
        name = params.get("name")
        if name is not None and len(str(name)) > 100:
            return _bookmark_failure("Name is too long (maximum is 100 characters)")
        fields["name"] = str(name) if name not in (None, "") else None
    if "reminder_at" in params:
        when = _parse_time(params.get("reminder_at"))
        if when == "invalid":
            return _bookmark_failure("Reminder at is invalid")
        if isinstance(when, datetime) and when <= world.clock():
            return _bookmark_failure("You cannot set a bookmark reminder in the past.")
        fields["reminder_at"] = when
    if params.get("auto_delete_preference") not in (None, ""):
        value = str(params["auto_delete_preference"])
        if value not in ("0", "1", "2", "3"):
            return _bookmark_failure("Auto delete preference is not included in the list")
        fields["auto_delete_preference"] = int(value)
    return fields


def _bookmarkable_visible(world: World, viewer: Viewer, kind: str, target_id: int) -> bool:
    if kind == "Post":
        post = world.posts.get(target_id)
        topic = world.topics.get(post.topic_id) if post else None
        return (
            post is not None
            and post.deleted_at is None
            and topic is not None
            and world.topic_visible(topic, viewer)
        )
    topic = world.topics.get(target_id)
    return topic is not None and topic.deleted_at is None and world.topic_visible(topic, viewer)


@route("POST", r"/bookmarks", "bookmarks/create")
def post_bookmark(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    if viewer.user is None:
        return not_logged_in()
    world = api.world
    params = api.params(req)
    kind, target = str(params.get("bookmarkable_type") or ""), str(params.get("bookmarkable_id") or "")
    if not target:
        return missing_parameter("bookmarkable_id")
    if not kind:
        return missing_parameter("bookmarkable_type")
    if kind not in ("Post", "Topic") or not target.isdigit():
        return invalid_parameter("bookmarkable_type" if kind not in ("Post", "Topic") else "bookmarkable_id")
    if not _bookmarkable_visible(world, viewer, kind, int(target)):
        return not_found()
    if any(
        b.user_id == viewer.user.id and b.bookmarkable_type == kind and b.bookmarkable_id == int(target)
        for b in world.bookmarks.values()
    ):
        return _bookmark_failure(f"You cannot bookmark the same {kind.lower()} twice.")
    fields = _bookmark_fields(world, params)
    if isinstance(fields, Reply):
        return fields
    now = world.clock()
    bookmark = Bookmark(
        max(world.bookmarks, default=0) + 1, viewer.user.id, kind, int(target), now, now, **fields
    )
    world.bookmarks[bookmark.id] = bookmark
    world.touch()
    return Reply(200, {"success": "OK", "id": bookmark.id})


def _own_bookmark(api: Api, viewer: Viewer, bookmark_id: int) -> Bookmark | Reply:
    if viewer.user is None:
        return not_logged_in()
    bookmark = api.world.bookmarks.get(bookmark_id)
    if bookmark is None:
        return not_found()
    if bookmark.user_id != viewer.user.id:
        return invalid_access()
    return bookmark


@route("PUT", r"/bookmarks/(\d+)", "bookmarks/update")
def put_bookmark(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    bookmark = _own_bookmark(api, viewer, int(m.group(1)))
    if isinstance(bookmark, Reply):
        return bookmark
    fields = _bookmark_fields(api.world, api.params(req))
    if isinstance(fields, Reply):
        return fields
    for key, value in fields.items():
        setattr(bookmark, key, value)
    bookmark.updated_at = api.world.clock()
    api.world.touch()
    return Reply(200, {"success": "OK"})


@route("DELETE", r"/bookmarks/(\d+)", "bookmarks/destroy")
def delete_bookmark(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    bookmark = _own_bookmark(api, viewer, int(m.group(1)))
    if isinstance(bookmark, Reply):
        return bookmark
    world = api.world
    del world.bookmarks[bookmark.id]
    world.touch()
    topic_id = (
        bookmark.bookmarkable_id
        if bookmark.bookmarkable_type == "Topic"
        else world.posts[bookmark.bookmarkable_id].topic_id
    )
    still = serializers.topic_bookmarked(world, world.topics[topic_id], viewer)
    return Reply(200, {"success": "OK", "topic_bookmarked": bool(still)})


@route("GET", r"/u/([^/]+)/bookmarks", "users/bookmarks")
def get_user_bookmarks(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    if viewer.user is None:
        return not_logged_in()
    user = api.world.user_by_name(m.group(1))
    if user is None:
        return not_found()
    if not (viewer.admin or viewer.user_id == user.id):
        return invalid_access()
    page = queries.int_param(req.query, "page", 0)
    mine = sorted(
        (b for b in api.world.bookmarks.values() if b.user_id == user.id),
        key=lambda b: (not b.pinned, -(b.updated_at.timestamp()), -b.id),
    )
    chunk = mine[page * BOOKMARKS_PER_PAGE : (page + 1) * BOOKMARKS_PER_PAGE]
    if not chunk:
        return Reply(200, {"bookmarks": []})
    listing: dict[str, Any] = {}
    if len(mine) > (page + 1) * BOOKMARKS_PER_PAGE:
        listing["more_bookmarks_url"] = f"/u/{user.username}/bookmarks.json?page={page + 1}"
    listing["bookmarks"] = [serializers.bookmark_json(api.world, b) for b in chunk]
    return Reply(200, {"user_bookmark_list": listing})


# ====================================================================== user API keys


@route("HEAD", r"/user-api-key/new", "user_api_keys/new")
def head_user_api_key(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    """Feature detection; a fallback only: ``user_api_keys`` (hooked in the server) answers the flows."""
    return Reply(
        200, None, content_type=HTML_TYPE, headers={"Auth-Api-Version": "4", "Auth-Api-Device-Code": "true"}
    )


@route("POST", r"/user-api-key/revoke", "user_api_keys/revoke")
def post_revoke_user_api_key(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    if viewer.via != "user_api_key":
        return invalid_access() if viewer.logged_in else not_logged_in()
    record = api.world.user_api_keys[req.headers["user-api-key"]]
    record.revoked = True
    api.world.touch()
    return Reply(200, {"success": "OK"})
