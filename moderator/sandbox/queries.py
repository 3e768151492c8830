"""The read queries behind the endpoints: topic lists, latest posts, directory, admin user list.

Why separate from the HTTP layer: these are Discourse's own rules (TopicQuery ordering and pinned
prioritisation, PostsController#latest, DirectoryItemsQuery, AdminUserIndexQuery), written once,
cached per world version so a page answers in milliseconds even at scale 30.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from .entities import REGULAR, Post, Topic, User, Viewer
from .world import World

PER_PAGE_DEFAULT = 30
PER_PAGE_MAX = 100
LATEST_POSTS = 50
DIRECTORY_PAGE_SIZE = 50
DIRECTORY_PAGE_LIMIT = 10
ADMIN_PAGE_SIZE = 100

TOPIC_ORDERS: dict[str, Callable[[Topic], Any]] = {
    "activity": lambda t: t.bumped_at,
    "default": lambda t: t.bumped_at,
    "created": lambda t: t.created_at,
    "views": lambda t: t.views,
    "likes": lambda t: t.like_count,
    "op_likes": lambda t: t.op_like_count,
    "posts": lambda t: t.posts_count,
    "posters": lambda t: t.participant_count,
    "category": lambda t: t.category_id or 0,
}
LIST_PARAMS = ("ascending", "category", "max_posts", "min_posts", "order", "per_page", "status", "topic_ids")
DIRECTORY_COLUMNS = (
    "likes_received",
    "likes_given",
    "topic_count",
    "post_count",
    "topics_entered",
    "posts_read",
    "days_visited",
)
PERIOD_DAYS = {"all": None, "yearly": 365, "quarterly": 90, "monthly": 30, "weekly": 7, "daily": 1}
ADMIN_ORDERS: dict[str, Callable[[User], Any]] = {
    "created": lambda u: u.created_at,
    "last_emailed": lambda u: 0,
    "seen": lambda u: u.last_seen_at.timestamp() if u.last_seen_at else 0.0,
    "username": lambda u: u.username.lower(),
    "email": lambda u: u.username.lower(),
    "trust_level": lambda u: u.trust_level,
    "days_visited": lambda u: u.days_visited,
    "posts_read": lambda u: u.posts_read,
    "topics_viewed": lambda u: u.topics_entered,
    "posts": lambda u: u.post_count,
    "read_time": lambda u: u.time_read,
}
TRUST_FLAGS = {"newuser": 0, "basic": 1, "member": 2, "regular": 3, "leader": 4}


class InvalidParameter(ValueError):
    """A query parameter Discourse would reject with 400 ``invalid_parameters``."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def int_param(
    query: dict[str, list[str]], name: str, default: int, *, lo: int = 0, hi: int | None = None
) -> int:
    raw = query.get(name, [""])[-1].strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidParameter(name) from None
    if value < lo or (hi is not None and value > hi):
        raise InvalidParameter(name)
    return value


def one(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[-1] if values else None


# ====================================================================== topic lists


@dataclass(slots=True)
class TopicPage:
    topics: list[Topic]
    per_page: int
    more_url: str | None


def sorted_topics(world: World, order: str) -> list[Topic]:
    """All topics by ``order`` descending (id as tie-break), cached until the next mutation."""
    key = TOPIC_ORDERS[order]
    return world.cached(
        ("sorted", order), lambda: sorted(world.topics.values(), key=lambda t: (key(t), t.id), reverse=True)
    )


def _category_id(world: World, value: str | None) -> int | None:
    if value is None or value == "":
        return None
    if value.isdigit():
        return int(value)
    for cat in world.categories.values():
        if cat.slug == value:
            return cat.id
    return -1


def _status_ok(topic: Topic, status: str | None) -> bool:
    if status in (None, "", "public"):
        return True
    return {
        "open": not topic.closed and not topic.archived,
        "closed": topic.closed,
        "archived": topic.archived,
        "listed": topic.visible,
        "unlisted": not topic.visible,
    }.get(status, True)


def latest(
    world: World,
    viewer: Viewer,
    query: dict[str, list[str]],
    *,
    base_path: str = "/latest",
    category_id: int | None = None,
) -> TopicPage:
    """``/latest.json`` (TopicQuery#list_latest): filters, ordering, pinned first on page 0."""
    order = one(query, "order") or "activity"
    if order not in TOPIC_ORDERS:
        order = "activity"
    ascending = one(query, "ascending") == "true"
    per_page = min(int_param(query, "per_page", PER_PAGE_DEFAULT, lo=1), PER_PAGE_MAX)
    page = int_param(query, "page", 0)
    if category_id is None:
        category_id = _category_id(world, one(query, "category"))
    min_posts = int_param(query, "min_posts", -1, lo=-1)
    max_posts = int_param(query, "max_posts", -1, lo=-1)
    status = one(query, "status")
    hide_all = status == "unlisted" and not viewer.staff  # only staff can list unlisted topics
    # ``topic_ids=1,2,3`` (ListController#param_to_integer_list): only these, every other rule kept.
    wanted = _id_list(one(query, "topic_ids"))

    def keep(t: Topic) -> bool:
        return (
            not hide_all
            and (wanted is None or t.id in wanted)
            and world.listable(t, viewer)
            and (category_id is None or t.category_id == category_id)
            and (min_posts < 0 or t.posts_count >= min_posts)
            and (max_posts < 0 or t.posts_count <= max_posts)
            and _status_ok(t, status)
        )

    ordered = sorted_topics(world, order)
    pinned = world.cached(("pinned", order), lambda: [t for t in ordered if t.pinned_at is not None])
    if ascending:
        ordered, pinned = ordered[::-1], pinned[::-1]
    topics = _page_with_pins(
        ordered, pinned, keep, page, per_page, category_id, prioritize=order in ("activity", "default")
    )
    more = None
    if len(topics) == per_page:
        params = {k: one(query, k) for k in LIST_PARAMS if one(query, k) not in (None, "")}
        params["page"] = str(page + 1)
        more = f"{base_path}?{urlencode(sorted(params.items()))}"
    return TopicPage(topics, per_page, more)


def _id_list(text: str | None) -> set[int] | None:
    if text is None:
        return None
    ids = set()
    for part in text.split(","):
        try:
            ids.add(int(part.strip()))
        except ValueError:
            ids.add(0)  # Ruby's to_i: not a number is 0, which is no topic
    return ids


def _page_with_pins(
    ordered: list[Topic],
    pinned_topics: list[Topic],
    keep: Callable[[Topic], bool],
    page: int,
    per_page: int,
    category_id: int | None,
    *,
    prioritize: bool,
) -> list[Topic]:
    """TopicQuery#prioritize_pinned_topics: page 0 = pinned + unpinned; later pages offset by the pins."""
    if not prioritize:
        return _slice(t for t in ordered if keep(t))(page * per_page, per_page)

    def pinned(t: Topic) -> bool:
        if t.pinned_at is None:
            return False
        return t.category_id == category_id if category_id is not None else t.pinned_globally

    pins = [t for t in pinned_topics if pinned(t) and keep(t)]
    rest = (t for t in ordered if not pinned(t) and keep(t))
    if page == 0:
        return (pins + _slice(rest)(0, per_page))[:per_page]
    return _slice(rest)(max(0, page * per_page - len(pins)), per_page)


def _slice(items: Iterator[Topic]) -> Callable[[int, int], list[Topic]]:
    def take(offset: int, limit: int) -> list[Topic]:
        out: list[Topic] = []
        for index, item in enumerate(items):
            if index >= offset:
                out.append(item)
                if len(out) == limit:
                    break
        return out

    return take


def private_messages(world: World, user: User, query: dict[str, list[str]], *, sent: bool) -> TopicPage:
    """``/topics/private-messages[-sent]/{username}.json``: the user's PMs by ``bumped_at``."""
    page = int_param(query, "page", 0)
    per_page = PER_PAGE_DEFAULT
    pms = [
        t
        for t in sorted_topics(world, "activity")
        if t.is_pm
        and user.id in t.allowed_user_ids
        and t.deleted_at is None
        and (not sent or user.id in t.poster_counts)
    ]
    topics = pms[page * per_page : (page + 1) * per_page]
    kind = "private-messages-sent" if sent else "private-messages"
    more = f"/topics/{kind}/{user.username}?page={page + 1}" if len(topics) == per_page else None
    return TopicPage(topics, per_page, more)


def suggested(world: World, topic: Topic, viewer: Viewer, limit: int = 5) -> list[Topic]:
    out = []
    for t in sorted_topics(world, "activity"):
        if t.id != topic.id and world.listable(t, viewer) and t.visible:
            out.append(t)
            if len(out) == limit:
                break
    return out


# ====================================================================== posts


def posts_by_user(world: World) -> dict[int, list[Post]]:
    """Every user's posts (any topic), cached until the next mutation."""

    def build() -> dict[int, list[Post]]:
        index: dict[int, list[Post]] = {}
        for post in world.posts.values():
            index.setdefault(post.user_id, []).append(post)
        return index

    return world.cached("posts_by_user", build)


def _post_ids(world: World) -> list[int]:
    return world.cached("post_ids", lambda: sorted(world.posts))


def latest_posts(world: World, viewer: Viewer, before: int | None) -> list[Post]:
    """PostsController#latest: regular, visible, public-category posts, id desc, ``id <= before``."""
    ids = _post_ids(world)
    end = len(ids) if before is None or before <= 0 else bisect.bisect_right(ids, before)
    out: list[Post] = []
    for index in range(end - 1, -1, -1):
        post = world.posts[ids[index]]
        topic = world.topics[post.topic_id]
        if (
            post.post_type != REGULAR
            or post.hidden
            or post.deleted_at is not None
            or topic.is_pm
            or topic.deleted_at is not None
            or not world.category_visible(topic.category_id, viewer)
        ):
            continue
        out.append(post)
        if len(out) == LATEST_POSTS:
            break
    return out


# ====================================================================== directory


def _window_share(user: User, start: datetime | None, end: datetime) -> float:
    """Share of a member's visits falling in the window, visits being spread over their active span."""
    if start is None:
        return 1.0
    first, last = user.created_at, max(user.last_seen_at or user.created_at, user.created_at)
    span = (last - first).total_seconds()
    if span <= 0:
        return 1.0 if start <= last <= end else 0.0
    overlap = (min(last, end) - max(first, start)).total_seconds()
    return max(0.0, min(1.0, overlap / span))


def period_stats(world: World, period: str) -> dict[int, dict[str, int]]:
    """Directory columns for every member over ``period`` (counted from posts, likes and visits)."""

    def build() -> dict[int, dict[str, int]]:
        days = PERIOD_DAYS[period]
        end = world.now
        start = end - timedelta(days=days) if days else None
        stats: dict[int, dict[str, int]] = {}
        for user in world.users.values():
            if user.id <= 0:
                continue
            share = _window_share(user, start, end)
            stats[user.id] = {
                "likes_received": 0,
                "likes_given": 0,
                "topic_count": 0,
                "post_count": 0,
                "topics_entered": round(user.topics_entered * share),
                "posts_read": round(user.posts_read * share),
                "days_visited": round(user.days_visited * share),
                "time_read": round(user.time_read * share),
            }
        for topic in world.topics.values():
            if topic.is_pm or topic.deleted_at is not None:
                continue
            op_stats = stats.get(topic.user_id)
            if (
                op_stats is not None
                and not topic.is_definition
                and (start is None or topic.created_at >= start)
            ):
                op_stats["topic_count"] += 1
            for post in topic.posts:
                author = stats.get(post.user_id)
                if (
                    author is not None
                    and post.deleted_at is None
                    and (start is None or post.created_at >= start)
                ):
                    author["post_count"] += 1
                for liker, at in post.likes:
                    if start is None or at >= start:
                        if author is not None:
                            author["likes_received"] += 1
                        if liker in stats:
                            stats[liker]["likes_given"] += 1
        for values in stats.values():
            if values["post_count"] and not values["days_visited"]:
                values["days_visited"] = 1
        return stats

    return world.cached(("directory", period), build)


@dataclass(slots=True)
class DirectoryPage:
    items: list[tuple[User, dict[str, int]]]
    total: int
    load_more: str


def directory(world: World, viewer: Viewer, query: dict[str, list[str]]) -> DirectoryPage:
    """DirectoryItemsController#index: 50 per page, ``page`` 0..10, you first on page 0."""
    period = one(query, "period")
    if period not in PERIOD_DAYS:
        raise InvalidParameter("period")
    page = int_param(query, "page", 0, hi=DIRECTORY_PAGE_LIMIT)
    limit = int_param(query, "limit", DIRECTORY_PAGE_SIZE, lo=1, hi=DIRECTORY_PAGE_SIZE)
    order = one(query, "order") or "likes_received"
    column = order if order in DIRECTORY_COLUMNS or order == "time_read" else "likes_received"
    ascending = bool(one(query, "asc"))
    stats = period_stats(world, period)
    ranked = sorted(
        stats.items(),
        key=lambda kv: (kv[1][column] if ascending else -kv[1][column], world.users[kv[0]].username.lower()),
    )
    chunk = ranked[page * limit : (page + 1) * limit]
    items = [(world.users[uid], s) for uid, s in chunk]
    me = viewer.user_id
    if page == 0 and me is not None and me in stats and items:
        position = next((i for i, (u, _) in enumerate(items) if u.id == me), None)
        if position is None or position >= 10:
            items.insert(0, (world.users[me], stats[me]))
    more: dict[str, str] = {
        k: v
        for k in ("period", "order", "asc", "group", "user_field_ids", "name")
        if (v := one(query, k)) is not None
    }
    more["page"] = str(page + 1)
    return DirectoryPage(items, len(ranked), f"/directory_items.json?{urlencode(sorted(more.items()))}")


# ====================================================================== admin user list


def admin_users(world: World, flag: str, query: dict[str, list[str]]) -> list[User]:
    """AdminUserIndexQuery: flag filter, ``order``/``asc``, 100 per page, ``page`` 1-based."""
    users = list(world.users.values())
    if flag in TRUST_FLAGS:
        users = [u for u in users if u.trust_level == TRUST_FLAGS[flag]]
    elif flag == "staff":
        users = [u for u in users if u.staff]
    elif flag == "admins":
        users = [u for u in users if u.admin]
    elif flag == "moderators":
        users = [u for u in users if u.moderator]
    elif flag in ("suspended", "silenced", "staged", "pending"):
        users = []
    term = (one(query, "filter") or "").strip().lower()
    if term:
        users = [u for u in users if term in u.username.lower()]
    order = (one(query, "order") or "").lower()
    ascending = bool(one(query, "asc"))
    if order in ADMIN_ORDERS:
        key = ADMIN_ORDERS[order]
        users.sort(key=lambda u: u.id)
        users.sort(key=key, reverse=not ascending)
    elif flag == "active":
        users.sort(key=lambda u: (-(u.last_seen_at.timestamp() if u.last_seen_at else 0.0), u.username))
    else:
        users.sort(key=lambda u: (-u.created_at.timestamp(), u.username))
    page = max(0, int_param(query, "page", 1, lo=-(10**9)) - 1)
    return users[page * ADMIN_PAGE_SIZE : (page + 1) * ADMIN_PAGE_SIZE]
