"""An in-memory posting double: a server that can accept-then-drop, refuse, hold for approval or
close topics, the connector the outbox talks to, and a store with one community and one topic.

The exactly-once integration test runs against the real sandbox server; the unit tests use this
double, which scripts each POST's fate precisely."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

from moderator.model import UTC, AuthKind, Community, Member, Platform, Post, SyncBatch, Topic, utcnow
from moderator.platforms.base import (
    Offline,
    PermissionDenied,
    PostRejected,
    PostResult,
    PostStatus,
    ServerError,
)
from moderator.store import Store

T0 = dt.datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


class FakeServer:
    """The server side: topics, posts, and a script of what the next POSTs do.

    Script entries: "ok", "drop" (create, then lose the answer), "offline" (never reached), "500",
    "reject:<reason>", "enqueue", "permission", "notfound".
    """

    def __init__(self) -> None:
        self.topics: dict[str, Topic] = {}
        self.posts: list[Post] = []
        self.script: list[str] = []
        self.post_calls = 0
        self.find_calls = 0
        self.fetch_calls = 0
        self.fail_reads: list[Exception] = []
        self._ids = itertools.count(1000)

    def add_post(self, topic_id: str, username: str, raw: str) -> Post:
        topic = self.topics[topic_id]
        number = max((p.post_number for p in self.posts if p.topic_id == topic_id), default=0) + 1
        post = Post(
            id=str(next(self._ids)),
            topic_id=topic_id,
            post_number=number,
            username=username,
            raw=raw,
            cooked=f"<p>{raw}</p>",
            created_at=utcnow(),
        )
        self.posts.append(post)
        topic.posts_count += 1
        topic.highest_post_number = number
        return post


class FakeConnector:
    def __init__(self, server: FakeServer, username: str) -> None:
        self.server = server
        self.username = username
        self.closed = False

    def _read(self) -> None:
        if self.server.fail_reads:
            raise self.server.fail_reads.pop(0)

    def fetch_topic(self, topic_id: str) -> tuple[Topic, list[Post]]:
        self.server.fetch_calls += 1
        self._read()
        topic = self.server.topics[topic_id]
        return dataclasses.replace(topic), [
            dataclasses.replace(p) for p in self.server.posts if p.topic_id == topic_id
        ]

    def find_reply(self, topic_id: str, raw: str, *, since: dt.datetime) -> Post | None:
        self.server.find_calls += 1
        self._read()
        for post in self.server.posts:
            if post.topic_id == topic_id and post.username == self.username and post.raw == raw:
                assert post.created_at is not None and post.created_at >= since
                return dataclasses.replace(post)
        return None

    def post_reply(self, topic_id: str, raw: str, *, reply_to_post_number: int | None = None) -> PostResult:
        self.server.post_calls += 1
        action = self.server.script.pop(0) if self.server.script else "ok"
        if action == "offline":
            raise Offline()
        if action == "500":
            raise ServerError(500)
        if action == "permission":
            raise PermissionDenied()
        if action.startswith("reject:"):
            return PostResult(PostStatus.REJECTED, reasons=(action.split(":", 1)[1],))
        if action.startswith("raise-reject:"):
            raise PostRejected([action.split(":", 1)[1]])
        if action == "enqueue":
            return PostResult(PostStatus.ENQUEUED)
        post = self.server.add_post(topic_id, self.username, raw)
        if action == "drop":
            raise Offline("connection reset after the server accepted the post")
        return PostResult(PostStatus.CREATED, post=dataclasses.replace(post))

    def close(self) -> None:
        self.closed = True


@dataclasses.dataclass
class World:
    store: Store
    community: Community
    server: FakeServer
    cid: int

    def connector_for(self, community: Community) -> FakeConnector:
        return FakeConnector(self.server, community.username)


def make_world(tmp_path: Path, db_path: Path | None = None) -> World:
    store = Store(db_path or tmp_path / "replies.sqlite3")
    community = store.add_community(
        Community(
            name="acme",
            platform=Platform.DISCOURSE,
            base_url="https://forum.example.org",
            username="ann",
            auth_kind=AuthKind.USER_KEY,
            title="Acme Ideas",
        )
    )
    assert community.id is not None
    server = FakeServer()
    server.topics["10"] = Topic(
        id="10", title="Remote work ideas", author_id="2", created_at=T0, bumped_at=T0
    )
    server.add_post("10", "bob", "Shall we try a four-day week?")
    server.add_post("10", "carol", "I like it, but how do we measure it?")
    topic, posts = FakeConnector(server, "ann").fetch_topic("10")
    members = [
        Member(id="1", username="ann", name="Ann Animator", post_count=50),
        Member(id="2", username="bob", name="Bob Martin", post_count=3),
        Member(id="3", username="carol", name="", post_count=7),
    ]
    topic.author_id = "2"
    store.apply_batch(community.id, SyncBatch(topics=[topic], posts=posts, members=members))
    return World(store, community, server, community.id)
