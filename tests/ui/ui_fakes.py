"""Hand-made data and stand-ins for the GUI tests: a store filled through ``apply_batch`` (the same
door the sync engine uses) and a fake sync whose timing and outcome the test controls."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

from moderator.model import (
    UTC,
    AuthKind,
    Category,
    Community,
    Member,
    Platform,
    Post,
    SyncBatch,
    Topic,
)
from moderator.platforms.base import AuthenticationError, Offline
from moderator.store import Store
from moderator.sync import SyncReport

NOW = dt.datetime.now(UTC).replace(microsecond=0)

HOSTILE_COOKED = (
    '<p onclick="steal()">Hello <img src="http://tracker.example/pixel.png" onerror="alert(1)" alt=":wave:">'
    "<script>alert('x')</script><a href=\"javascript:alert(2)\">bad</a>"
    ' <a href="https://example.org/ok" onmouseover="x()">good link</a></p>'
    '<iframe src="http://evil.example/"></iframe><p style="color:red">styled</p>'
)
QUOTE_COOKED = (
    '<aside class="quote no-group" data-username="alice" data-post="1" data-topic="1">'
    '<div class="title"><div class="quote-controls"></div>'
    '<img alt="" width="24" height="24" src="https://cdn.example/alice.png" class="avatar"> alice:</div>'
    "<blockquote><p>Where do I find the agenda?</p></blockquote></aside>"
    "<p>It is pinned in <strong>Announcements</strong>.</p>"
)


def add_community(
    store: Store, name: str = "acme", *, title: str = "", url: str = "https://forum.acme.test"
) -> Community:
    return store.add_community(
        Community(
            name=name,
            platform=Platform.DISCOURSE,
            base_url=url,
            username="mod",
            auth_kind=AuthKind.USER_KEY,
            title=title or name.title(),
        )
    )


def fill(store: Store, community: Community, *, topics: int = 12) -> list[Topic]:
    """A small, varied community: categories, members, answered and unanswered topics, quotes."""
    assert community.id is not None
    categories = [
        Category(id="1", name="General"),
        Category(id="2", name="Ideas"),
        Category(id="3", name="Help"),
    ]
    members = [
        Member(id=str(i), username=u, name=n, moderator=(u == "mod"))
        for i, (u, n) in enumerate(
            [("alice", "Alice Martin"), ("bob", "Bob Durand"), ("carol", ""), ("mod", "Moderator")], start=1
        )
    ]
    topic_list: list[Topic] = []
    posts: list[Post] = []
    for i in range(1, topics + 1):
        replies = 0 if i % 3 == 0 else i % 4
        created = NOW - dt.timedelta(hours=5 * i)
        topic = Topic(
            id=str(i),
            title="Welcome to the community"
            if i == 1
            else f"Topic number {i} about {'ideas' if i % 2 else 'help'}",
            slug=f"topic-{i}",
            category_id=str(1 + i % 3),
            author_id=str(1 + i % 4),
            created_at=created,
            bumped_at=created + dt.timedelta(hours=replies),
            last_posted_at=created + dt.timedelta(hours=replies),
            posts_count=replies + 1,
            reply_count=replies,
            highest_post_number=replies + 1,
            views=10 * i,
            like_count=i % 5,
            excerpt=f"Excerpt of topic {i}",
        )
        topic_list.append(topic)
        for n in range(1, replies + 2):
            cooked = f"<p>Post {n} of topic {i}.</p>"
            if i == 2 and n == 1:
                cooked = HOSTILE_COOKED
            elif i == 1 and n == 2:
                cooked = QUOTE_COOKED
            posts.append(
                Post(
                    id=f"{i}-{n}",
                    topic_id=str(i),
                    post_number=n,
                    author_id=str(1 + (i + n) % 4),
                    username=members[(i + n) % 4].username,
                    created_at=created + dt.timedelta(hours=n - 1),
                    cooked=cooked,
                    hidden=(i == 2 and n == 3),
                    deleted_at=(created if (i == 5 and n == 2) else None),
                )
            )
    store.apply_batch(
        community.id, SyncBatch(categories=categories, members=members, topics=topic_list, posts=posts)
    )
    store.record_sync(community.id, error=None, at=NOW)
    return topic_list


class FakeConnector:
    closed = False

    def close(self) -> None:
        self.closed = True

    def web_url(self, topic_id: str | None = None, post_number: int | None = None) -> str:
        return f"https://forum.acme.test/t/{topic_id}"


def fake_connect(_community: Community) -> FakeConnector:
    return FakeConnector()


class GatedSync:
    """A sync that reports progress, then waits for ``release`` (or a cancel) before finishing.

    ``outcome`` maps a community name to "offline", "error" or an exception to raise.
    """

    def __init__(self) -> None:
        self.release = threading.Event()
        self.entered = threading.Event()
        self.outcome: dict[str, Any] = {}
        self.calls: list[str] = []
        self.rechecks: list[bool] = []  # recheck=True: a manual sync
        self.gate = False

    def __call__(
        self,
        store: Store,
        community: Community,
        connector: Any,
        *,
        cancel: threading.Event | None = None,
        progress: Callable[[SyncBatch], None] | None = None,
        recheck: bool = False,
    ) -> SyncReport:
        self.calls.append(community.name)
        self.rechecks.append(recheck)
        self.entered.set()
        if progress is not None:
            progress(SyncBatch(label="Topics, page 1", done=1, total=4))
        while self.gate and not self.release.is_set():
            if cancel is not None and cancel.wait(0.005):
                return SyncReport(community.name, cancelled=True)
            self.release.wait(0.005)
        outcome = self.outcome.get(community.name)
        if isinstance(outcome, BaseException):
            raise outcome
        assert community.id is not None
        if outcome == "offline":
            store.record_sync(community.id, error=Offline().message)
            return SyncReport(community.name, error=Offline())
        if outcome == "error":
            store.record_sync(community.id, error=AuthenticationError().message)
            return SyncReport(community.name, error=AuthenticationError())
        store.record_sync(community.id, error=None)
        return SyncReport(community.name, topics=3, posts=7)
