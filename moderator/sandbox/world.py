"""The sandbox world: indexed records, derived counters, visibility rules and thread-safe mutations.

Why one lock and a version counter: the HTTP server reads the world from many threads while tests
mutate it (``add_reply``...) to exercise incremental sync. Every mutation bumps ``version``, which
invalidates the per-version caches (sorted topic lists, directory stats) that keep requests fast
at scale 30.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from .cook import cook
from .entities import (
    REGULAR,
    Bookmark,
    Category,
    PendingPost,
    Post,
    Topic,
    User,
    UserApiKey,
    Viewer,
)
from .text import slugify

SYSTEM_AVATAR = "/images/discourse-logo-sketch-small.png"
LETTER_COLORS = ("e99b99", "3ec8ea", "bcef8e", "278dde", "f0a95f", "a87137", "8e8cff", "5ac59a", "e47a80")


class World:
    """Everything the sandbox community contains, plus what was planted on purpose (``planted``)."""

    def __init__(self, seed: int, scale: float, now: datetime) -> None:
        self.seed = seed
        self.scale = scale
        self.now = now
        self.users: dict[int, User] = {}
        self.categories: dict[int, Category] = {}
        self.topics: dict[int, Topic] = {}
        self.posts: dict[int, Post] = {}
        self.bookmarks: dict[int, Bookmark] = {}
        self.user_api_keys: dict[str, UserApiKey] = {}
        self.pending_posts: list[PendingPost] = []
        self.require_approval: set[str] = set()
        self.planted: dict[str, Any] = {}
        self.lock = threading.RLock()
        self.version = 0
        self._by_name: dict[str, User] = {}
        self._cache: dict[Any, tuple[int, Any]] = {}
        self._t0 = time.monotonic()

    # ------------------------------------------------------------------ lookups

    def add_user(self, user: User) -> None:
        self.users[user.id] = user
        self._by_name[user.username.lower()] = user

    def user_by_name(self, username: str) -> User | None:
        return self._by_name.get(username.lower())

    def require_user(self, username: str) -> User:
        user = self.user_by_name(username)
        if user is None:
            raise KeyError(f"unknown user {username!r}")
        return user

    def category_by_key(self, key: str) -> Category:
        for cat in self.categories.values():
            if cat.key == key:
                return cat
        raise KeyError(key)

    def clock(self) -> datetime:
        """The world's "now": the anchor plus real elapsed time, so new posts sort after generated ones."""
        return self.now + timedelta(seconds=time.monotonic() - self._t0)

    def cached(self, key: Any, build: Callable[[], Any]) -> Any:
        """Memoise ``build()`` until the next mutation."""
        hit = self._cache.get(key)
        if hit is not None and hit[0] == self.version:
            return hit[1]
        value = build()
        self._cache[key] = (self.version, value)
        return value

    def touch(self) -> None:
        self.version += 1

    # ------------------------------------------------------------------ presentation helpers

    def avatar_template(self, user: User) -> str:
        if user.id <= 0:
            return SYSTEM_AVATAR
        digest = hashlib.md5(user.username.encode("utf-8")).hexdigest()
        color = LETTER_COLORS[int(digest[:4], 16) % len(LETTER_COLORS)]
        return f"/letter_avatar_proxy/v4/letter/{user.username[0].lower()}/{color}/{{size}}.png"

    def avatar_for_name(self, username: str) -> str:
        user = self.user_by_name(username)
        return self.avatar_template(user) if user else SYSTEM_AVATAR

    def cooked(self, post: Post) -> str:
        if post.cooked_override is not None:
            return post.cooked_override
        if post.cooked_cache is None:
            post.cooked_cache = cook(
                post.raw, is_user=lambda n: n.lower() in self._by_name, avatar_for=self.avatar_for_name
            )
        return post.cooked_cache

    # ------------------------------------------------------------------ visibility

    def category_visible(self, category_id: int | None, viewer: Viewer) -> bool:
        cat = self.categories.get(category_id) if category_id is not None else None
        return cat is None or not cat.read_restricted or viewer.staff

    def topic_visible(self, topic: Topic, viewer: Viewer) -> bool:
        """Can ``viewer`` open the topic at all (deleted topics are a separate 404 check)."""
        if topic.is_pm:
            return viewer.admin or (viewer.user_id is not None and viewer.user_id in topic.allowed_user_ids)
        return self.category_visible(topic.category_id, viewer)

    def listable(self, topic: Topic, viewer: Viewer) -> bool:
        """Appears in topic lists: no PMs, no deleted topics, unlisted only for staff (as DC)."""
        if topic.is_pm or topic.deleted_at is not None:
            return False
        if not topic.visible and not viewer.staff:
            return False
        return self.category_visible(topic.category_id, viewer)

    def visible_posts(self, topic: Topic, viewer: Viewer) -> list[Post]:
        """Posts in the stream: staff also see deleted ones (DC ``can_see_deleted_posts``)."""
        if viewer.staff:
            return topic.posts
        return [p for p in topic.posts if p.deleted_at is None]

    # ------------------------------------------------------------------ derived counters

    def refresh_topic(self, topic: Topic) -> None:
        """Recompute a topic's counters from its posts, as Discourse's ``Topic.reset_highest`` does."""
        live = [p for p in topic.posts if p.deleted_at is None and p.post_type == REGULAR]
        topic.posts_count = len(live)
        topic.reply_count = max(0, len([p for p in live if p.post_number > 1]))
        topic.highest_post_number = max((p.post_number for p in topic.posts), default=0)
        last = max(live, key=lambda p: p.created_at, default=None)
        topic.last_posted_at = last.created_at if last else None
        topic.last_post_user_id = last.user_id if last else topic.user_id
        topic.like_count = sum(len(p.likes) for p in live)
        first = topic.posts[0] if topic.posts else None
        topic.op_like_count = len(first.likes) if first else 0
        counts: dict[int, int] = {}
        for p in live:
            counts[p.user_id] = counts.get(p.user_id, 0) + 1
        topic.poster_counts = counts
        topic.word_count = sum(len(p.raw.split()) for p in live)
        replies: dict[int, int] = {}
        for p in live:
            if p.reply_to_post_number:
                replies[p.reply_to_post_number] = replies.get(p.reply_to_post_number, 0) + 1
        for p in topic.posts:
            p.reply_count = replies.get(p.post_number, 0)

    def refresh_user_stats(self, users: Iterable[User] | None = None) -> None:
        """Recompute post/topic/like counters of ``users`` (all when None) from the posts."""
        targets = {u.id: u for u in (users if users is not None else self.users.values())}
        for u in targets.values():
            u.post_count = u.topic_count = u.likes_given = u.likes_received = 0
            u.last_posted_at = None
        for topic in self.topics.values():
            public = not topic.is_pm and topic.deleted_at is None
            if public and topic.user_id in targets and not topic.is_definition:
                targets[topic.user_id].topic_count += 1
            for post in topic.posts:
                author = targets.get(post.user_id)
                if author is not None:
                    if author.last_posted_at is None or post.created_at > author.last_posted_at:
                        author.last_posted_at = post.created_at
                    if public and post.deleted_at is None and post.post_type == REGULAR:
                        author.post_count += 1
                    author.likes_received += len(post.likes)
                for liker_id, _ in post.likes:
                    liker = targets.get(liker_id)
                    if liker is not None:
                        liker.likes_given += 1

    # ------------------------------------------------------------------ mutations (tests, POST /posts.json)

    def next_post_id(self) -> int:
        return max(self.posts, default=0) + 1

    def next_topic_id(self) -> int:
        return max(self.topics, default=0) + 1

    def create_post(
        self, topic: Topic, user: User, raw: str, at: datetime, reply_to_post_number: int | None = None
    ) -> Post:
        """Append a reply like ``PostCreator``: next id and post number, bump, counters."""
        post = Post(
            id=self.next_post_id(),
            topic_id=topic.id,
            post_number=topic.highest_post_number + 1,
            user_id=user.id,
            created_at=at,
            raw=raw,
            updated_at=at,
            reply_to_post_number=reply_to_post_number,
        )
        topic.posts.append(post)
        self.posts[post.id] = post
        topic.bumped_at = at
        self.refresh_topic(topic)
        if not topic.is_pm:
            user.post_count += 1
        user.last_posted_at = at
        user.last_seen_at = max(user.last_seen_at or at, at)
        self.touch()
        return post

    def create_topic(
        self,
        category_id: int | None,
        user: User,
        title: str,
        raw: str,
        at: datetime,
        *,
        tags: list[str] | None = None,
        archetype: str = "regular",
        allowed_user_ids: list[int] | None = None,
    ) -> Topic:
        topic = Topic(
            id=self.next_topic_id(),
            title=title,
            slug=slugify(title),
            category_id=category_id,
            user_id=user.id,
            created_at=at,
            lang="fr",
            archetype=archetype,
            tags=list(tags or []),
            bumped_at=at,
            allowed_user_ids=list(allowed_user_ids or []),
        )
        self.topics[topic.id] = topic
        if not topic.is_pm:
            user.topic_count += 1
        self.create_post(topic, user, raw, at)
        return topic

    def add_reply(
        self,
        topic_id: int,
        username: str,
        raw: str,
        *,
        at: datetime | None = None,
        reply_to_post_number: int | None = None,
    ) -> dict[str, Any]:
        """Add a reply (bumps the topic); returns the post as ``POST /posts.json`` would."""
        from .serializers import post_json

        with self.lock:
            user = self.require_user(username)
            post = self.create_post(
                self.topics[topic_id], user, raw, at or self.clock(), reply_to_post_number
            )
            return post_json(self, post, Viewer(user, "api_key"), include_raw=True, created=True)

    def add_topic(
        self,
        category_id: int,
        username: str,
        title: str,
        raw: str,
        *,
        at: datetime | None = None,
        tags: list[str] | None = None,
    ) -> dict[str, Any]:
        """Create a topic with its first post; returns the topic as a ``/latest.json`` item."""
        from .serializers import topic_list_item

        with self.lock:
            user = self.require_user(username)
            topic = self.create_topic(category_id, user, title, raw, at or self.clock(), tags=tags)
            return topic_list_item(self, topic, Viewer(user, "api_key"))

    def like(self, post_id: int, username: str, *, at: datetime | None = None) -> int:
        """Like a post once (idempotent); returns the post's like count."""
        with self.lock:
            user = self.require_user(username)
            post = self.posts[post_id]
            if post.user_id == user.id:
                raise ValueError("Discourse does not let users like their own posts")
            if all(uid != user.id for uid, _ in post.likes):
                post.likes.append((user.id, at or self.clock()))
                user.likes_given += 1
                self.users[post.user_id].likes_received += 1
                self.refresh_topic(self.topics[post.topic_id])
                self.touch()
            return len(post.likes)

    def close_topic(self, topic_id: int, closed: bool = True) -> None:
        with self.lock:
            self.topics[topic_id].closed = closed
            self.touch()

    def archive_topic(self, topic_id: int, archived: bool = True) -> None:
        with self.lock:
            self.topics[topic_id].archived = archived
            self.touch()

    def delete_post(self, post_id: int, *, at: datetime | None = None) -> None:
        """Soft-delete a post; deleting post 1 deletes the topic too (``PostDestroyer``)."""
        with self.lock:
            post = self.posts[post_id]
            when = at or self.clock()
            post.deleted_at = when
            topic = self.topics[post.topic_id]
            if post.post_number == 1:
                topic.deleted_at = when
            self.refresh_topic(topic)
            self.refresh_user_stats([self.users[post.user_id]])
            self.touch()
