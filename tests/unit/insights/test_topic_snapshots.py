"""The store keeps a topic's counts when a sync sees them change, in the batch's own transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from insights_world import NOW, Forum

import moderator.store
from moderator.insights import prune_snapshots
from moderator.model import Post, SyncBatch, Topic


def _snapshots(forum: Forum) -> list[tuple]:
    return [
        tuple(r)
        for r in forum.store.read().execute(
            "SELECT topic_id, taken_at - ?, like_count, views FROM topic_snapshots ORDER BY topic_id, taken_at",
            (int(NOW.timestamp()),),
        )
    ]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    now = [NOW]
    monkeypatch.setattr(moderator.store, "utcnow", lambda: now[0])
    return now


def _sync(forum: Forum, *, likes: int, views: int, topic_id: str = "1") -> None:
    forum.batch(topics=[Topic(id=topic_id, title="t", like_count=likes, views=views, posts_count=1)])


def test_a_snapshot_when_counts_change_at_most_one_an_hour(forum: Forum, clock: list[dt.datetime]) -> None:
    _sync(forum, likes=1, views=10)
    _sync(forum, likes=1, views=10)  # unchanged: nothing new
    clock[0] = NOW + dt.timedelta(minutes=10)
    _sync(forum, likes=2, views=12)  # changed within the hour: the latest row is refreshed
    assert _snapshots(forum) == [("1", 0, 2, 12)]
    clock[0] = NOW + dt.timedelta(hours=2)
    _sync(forum, likes=2, views=12)  # unchanged
    _sync(forum, likes=5, views=30)  # changed, an hour later: a new row
    assert _snapshots(forum) == [("1", 0, 2, 12), ("1", 7200, 5, 30)]


def test_snapshots_are_written_with_the_batch_or_not_at_all(forum: Forum, clock: list[dt.datetime]) -> None:
    bad = SyncBatch(
        topics=[Topic(id="9", title="t", like_count=3)],
        posts=[Post(id="x", topic_id="9", post_number=None)],  # type: ignore[arg-type]
    )
    with pytest.raises(sqlite3.IntegrityError):
        forum.store.apply_batch(forum.id, bad)
    assert _snapshots(forum) == []


def test_prune_keeps_one_a_day_past_the_horizon(forum: Forum, clock: list[dt.datetime]) -> None:
    for hours in range(0, 48, 2):
        clock[0] = NOW + dt.timedelta(hours=hours)
        _sync(forum, likes=hours, views=hours)
    assert len(_snapshots(forum)) == 24
    later = NOW + dt.timedelta(days=200)
    deleted = prune_snapshots(forum.store, now=later, keep_days=90)
    kept = _snapshots(forum)
    assert deleted == 24 - len(kept) and 2 <= len(kept) <= 3  # one per UTC day touched
