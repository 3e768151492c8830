"""Shared fixtures for the reminder tests: a community with a few topics, and a Paris clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from moderator.clock import FakeClock
from moderator.model import UTC, AuthKind, Community, Member, Platform, Post, SyncBatch, Topic
from moderator.store import Store

PARIS = ZoneInfo("Europe/Paris")
T0 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@pytest.fixture
def community(store: Store) -> Community:
    return store.add_community(
        Community(
            name="acme",
            platform=Platform.DISCOURSE,
            base_url="https://forum.example.org",
            username="animator",
            auth_kind=AuthKind.USER_KEY,
            title="Acme ideas",
        )
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


AddTopic = Callable[..., Topic]


@pytest.fixture
def add_topic(store: Store, community: Community) -> AddTopic:
    """Store a topic by ``author`` with replies given as (username, at) pairs."""

    def add(
        topic_id: str, *, author: str = "olga", replies: tuple[tuple[str, dt.datetime], ...] = ()
    ) -> Topic:
        assert community.id is not None
        people = {author, *(u for u, _ in replies)}
        members = [Member(id=f"u-{name}", username=name) for name in people]
        posts = [
            Post(
                id=f"{topic_id}-1",
                topic_id=topic_id,
                post_number=1,
                author_id=f"u-{author}",
                username=author,
                created_at=T0 - dt.timedelta(days=2),
                cooked="<p>Question</p>",
            )
        ]
        for n, (name, at) in enumerate(replies, start=2):
            posts.append(
                Post(
                    id=f"{topic_id}-{n}",
                    topic_id=topic_id,
                    post_number=n,
                    author_id=f"u-{name}",
                    username=name,
                    created_at=at,
                    cooked=f"<p>Reply {n}</p>",
                )
            )
        topic = Topic(
            id=topic_id,
            title=f"Topic {topic_id}",
            slug=f"topic-{topic_id}",
            author_id=f"u-{author}",
            created_at=T0 - dt.timedelta(days=2),
            posts_count=len(posts),
            highest_post_number=len(posts),
        )
        store.apply_batch(community.id, SyncBatch(members=members, topics=[topic], posts=posts))
        return topic

    return add


@pytest.fixture
def add_reply(store: Store, community: Community) -> Callable[[str, str, dt.datetime], None]:
    """A sync brings one more reply to a stored topic."""
    return lambda topic_id, username, at: _reply(store, community, topic_id, username, at)


def _reply(store: Store, community: Community, topic_id: str, username: str, at: dt.datetime) -> None:
    assert community.id is not None
    topic = store.topic(community.id, topic_id)
    assert topic is not None
    number = topic.highest_post_number + 1
    topic.highest_post_number = number
    topic.posts_count += 1
    post = Post(
        id=f"{topic_id}-{number}",
        topic_id=topic_id,
        post_number=number,
        author_id=f"u-{username}",
        username=username,
        created_at=at,
        cooked="<p>More</p>",
    )
    store.apply_batch(
        community.id,
        SyncBatch(members=[Member(id=f"u-{username}", username=username)], topics=[topic], posts=[post]),
    )
