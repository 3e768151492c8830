"""The views against the sandbox's planted truths: its world copied straight into a store, no sync.

The sandbox generator (``moderator.sandbox``) records what it planted on purpose; each view must
find it. Only inclusions and exclusions that follow from both definitions are checked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from moderator.insights import Segment, silent_members, trending_ideas, trending_terms, unanswered_topics
from moderator.insights.terms import fold
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

sandbox = pytest.importorskip("moderator.sandbox")

NOW = dt.datetime(2026, 5, 20, 12, 0, tzinfo=UTC)


def _copy(world: Any, store: Store) -> int:
    community = store.add_community(
        Community(
            name="sandbox",
            platform=Platform.DISCOURSE,
            base_url="http://127.0.0.1",
            username=sandbox.SANDBOX_USERNAME,
            auth_kind=AuthKind.SANDBOX,
        )
    )
    assert community.id is not None
    solved = {c.id for c in world.categories.values() if c.solved_enabled}
    batch = SyncBatch(
        categories=[
            Category(id=str(c.id), name=c.name, slug=c.slug, read_restricted=c.read_restricted)
            for c in world.categories.values()
        ],
        members=[
            Member(
                id=str(u.id),
                username=u.username,
                name=u.name or "",
                admin=u.admin,
                moderator=u.moderator,
                created_at=u.created_at,
                last_seen_at=u.last_seen_at,
                last_posted_at=u.last_posted_at,
                post_count=u.post_count,
                topic_count=u.topic_count,
                posts_read=u.posts_read,
                days_visited=u.days_visited,
                topics_entered=u.topics_entered,
                likes_given=u.likes_given,
                likes_received=u.likes_received,
                time_read=u.time_read,
            )
            for u in world.users.values()
        ],
        topics=[
            Topic(
                id=str(t.id),
                title=t.title,
                slug=t.slug,
                category_id=None if t.category_id is None else str(t.category_id),
                author_id=str(t.user_id),
                created_at=t.created_at,
                bumped_at=t.bumped_at,
                last_posted_at=t.last_posted_at,
                posts_count=t.posts_count,
                reply_count=t.reply_count,
                views=t.views,
                like_count=t.like_count,
                participant_count=t.participant_count,
                closed=t.closed,
                archived=t.archived,
                pinned=t.pinned,
                visible=t.visible,
                archetype=Archetype(t.archetype),
                has_accepted_answer=(t.accepted_post is not None) if t.category_id in solved else None,
                tags=tuple(t.tags),
                deleted_at=t.deleted_at,
            )
            for t in world.topics.values()
        ],
        posts=[
            Post(
                id=str(p.id),
                topic_id=str(p.topic_id),
                post_number=p.post_number,
                author_id=str(p.user_id),
                username=world.users[p.user_id].username,
                created_at=p.created_at,
                raw=p.raw,
                like_count=p.like_count,
                post_type=p.post_type,
                hidden=p.hidden,
                deleted_at=p.deleted_at,
                user_deleted=p.user_deleted,
                staff=world.users[p.user_id].staff,
            )
            for p in world.posts.values()
        ],
    )
    store.apply_batch(community.id, batch)
    return community.id


@pytest.fixture(scope="module")
def world() -> Any:
    return sandbox.generate(seed=7, now=NOW)


@pytest.fixture
def copied(world: Any, store: Store) -> Store:
    _copy(world, store)
    return store


def _ids(values: list[int]) -> set[str]:
    return {str(v) for v in values}


def test_unanswered_finds_what_was_planted(world: Any, copied: Store) -> None:
    planted = world.planted
    found = {r.topic_id for r in unanswered_topics(copied, now=NOW)}
    assert _ids(planted["unanswered_topic_ids"]) - _ids(planted["restricted_topic_ids"]) <= found
    assert _ids(planted["self_answered_topic_ids"]) - _ids(planted["restricted_topic_ids"]) <= found
    assert not found & _ids(planted["staff_only_answered_topic_ids"])  # a staff reply is a reply
    never = (
        "closed_topic_ids",
        "archived_topic_ids",
        "unlisted_topic_ids",
        "deleted_topic_ids",
        "pinned_topic_ids",
        "pm_topic_ids",
        "category_definition_topic_ids",
    )
    for key in never:
        assert not found & _ids(planted[key]), key
    announcements = str(planted["category_ids"]["announcements"])
    assert all(r.category_id != announcements for r in unanswered_topics(copied, now=NOW))


def test_unsolved_finds_the_open_questions(world: Any, copied: Store) -> None:
    found = {r.topic_id for r in unanswered_topics(copied, now=NOW, definition="unsolved")}
    pinned_or_hidden = _ids(world.planted["pinned_topic_ids"]) | _ids(world.planted["unlisted_topic_ids"])
    assert _ids(world.planted["unsolved_question_ids"]) - pinned_or_hidden <= found
    assert not found & _ids(world.planted["solved_topic_ids"])


def test_silent_segments_find_the_planted_members(world: Any, copied: Store) -> None:
    rows = silent_members(copied, now=NOW)
    by_segment: dict[Segment, set[str]] = {}
    for row in rows:
        by_segment.setdefault(row.segment, set()).add(row.username)
    planted = world.planted
    assert set(planted["readers"]) <= by_segment[Segment.READER]
    assert set(planted["newcomers"]) <= by_segment[Segment.NEWCOMER]
    assert set(planted["gone_quiet"]) <= by_segment[Segment.GONE_QUIET]
    listed = {row.username for row in rows}
    assert not listed & set(planted["staff_usernames"])
    assert not listed & set(planted["newcomers_with_intro"]) - set(planted["readers"])  # they posted


def test_trending_ideas_and_terms_find_what_takes_off(world: Any, copied: Store) -> None:
    top = [r.topic_id for r in trending_ideas(copied, now=NOW, limit=10)]
    assert _ids(world.planted["trending_topic_ids"]) <= set(top)
    keys = {r.key for r in trending_terms(copied, now=NOW, limit=40)}
    rising = {" ".join(fold(w) for w in term.split()) for term in world.planted["rising_terms"]}
    assert rising <= keys, rising - keys
