"""Hand-built communities for the insights tests: every fact dated relative to a fixed ``NOW``.

Imported by the tests as ``insights_world`` (a unique name: pytest puts this directory on sys.path).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

from moderator.model import (
    UTC,
    Archetype,
    AuthKind,
    Category,
    Community,
    Member,
    Platform,
    Post,
    SyncBatch,
    Topic,
)
from moderator.store import Store

NOW = dt.datetime(2026, 5, 20, 12, 0, tzinfo=UTC)

# A reply as tests write it: (author id, username, when) or (author id, username, when, {Post fields}).
ReplySpec = tuple[Any, ...]


def ago(days: float = 0, hours: float = 0) -> dt.datetime:
    return NOW - dt.timedelta(days=days, hours=hours)


class Forum:
    """One community of the store, with terse ways to add what a sync would bring."""

    def __init__(self, store: Store, name: str = "acme", *, username: str = "anim", **settings: Any) -> None:
        self.store = store
        self.community = store.add_community(
            Community(
                name=name,
                platform=Platform.DISCOURSE,
                base_url=f"https://{name}.example.org",
                username=username,
                auth_kind=AuthKind.USER_KEY,
                settings=settings,
            )
        )
        assert self.community.id is not None
        self.id: int = self.community.id
        self._post_ids = itertools.count(1000)

    def batch(self, **parts: Any) -> None:
        self.store.apply_batch(self.id, SyncBatch(**parts))

    def categories(self, *categories: Category) -> None:
        self.batch(categories=list(categories))

    def member(self, member_id: str, username: str, **fields: Any) -> Member:
        member = Member(id=member_id, username=username, **fields)
        self.batch(members=[member])
        return member

    def post(
        self, topic_id: str, number: int, author: str, username: str, at: dt.datetime, **fields: Any
    ) -> Post:
        fields.setdefault("cooked", f"<p>Post {number} of topic {topic_id}</p>")
        return Post(
            id=str(next(self._post_ids)),
            topic_id=topic_id,
            post_number=number,
            author_id=author,
            username=username,
            created_at=at,
            **fields,
        )

    def topic(
        self,
        topic_id: str,
        *,
        created: dt.datetime,
        author: str = "10",
        username: str = "alice",
        replies: Sequence[ReplySpec] = (),
        op: dict[str, Any] | None = None,
        store_posts: bool = True,
        **fields: Any,
    ) -> Topic:
        """A topic, its opening post and its replies, stored in one batch."""
        posts = [self.post(topic_id, 1, author, username, created, **(op or {}))]
        for number, spec in enumerate(replies, start=2):
            extra = spec[3] if len(spec) > 3 else {}
            posts.append(self.post(topic_id, number, spec[0], spec[1], spec[2], **extra))
        last = max(p.created_at for p in posts if p.created_at is not None)
        fields.setdefault("title", f"Topic {topic_id}")
        fields.setdefault("posts_count", len(posts))
        fields.setdefault("reply_count", len(posts) - 1)
        fields.setdefault("archetype", Archetype.REGULAR)
        fields.setdefault("last_poster_username", posts[-1].username)
        topic = Topic(
            id=topic_id,
            author_id=author,
            created_at=created,
            bumped_at=last,
            last_posted_at=last,
            **fields,
        )
        self.batch(topics=[topic], posts=posts if store_posts else [])
        return topic

    def add_posts(self, *posts: Post) -> None:
        self.batch(posts=list(posts))

    def snapshot(self, topic_id: str, at: dt.datetime, *, likes: int, views: int, posts: int = 1) -> None:
        """A topic snapshot as a sync at ``at`` would have taken it."""
        with self.store.write() as db:
            db.execute(
                "INSERT OR REPLACE INTO topic_snapshots (community_id, topic_id, taken_at, posts_count,"
                " like_count, views, participant_count, reply_count) VALUES (?,?,?,?,?,?,?,?)",
                (self.id, topic_id, int(at.timestamp()), posts, likes, views, None, max(posts - 1, 0)),
            )
