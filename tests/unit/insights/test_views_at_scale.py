"""What makes the unanswered and silent views fast, checked to change nothing: rows built by
``row_maker``, queries run ahead in threads by ``rows_ahead``, and the definition paths their
queries rewrote (team names matched as SQLite lower-cases them, ties across communities, the last
post of a member who went quiet)."""

from __future__ import annotations

import dataclasses
import pickle
import sqlite3
from collections.abc import Callable

import pytest
from insights_world import NOW, Forum, ago

from moderator.insights import (
    Segment,
    Severity,
    SilentMemberRow,
    UnansweredRow,
    silent_members,
    unanswered_topics,
)
from moderator.insights.base import row_maker, rows_ahead
from moderator.store import Store


def test_row_maker_makes_the_same_frozen_rows() -> None:
    values = (1, "acme", "42", "how-to", "How to", "7", "Help", "10", "alice", None, NOW, 24.0, 3, 1, 0)
    values += (Severity.AMBER, "no_reply", "No reply for 1 day")
    made, built = row_maker(UnansweredRow)(*values), UnansweredRow(*values)
    assert type(made) is UnansweredRow
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert dataclasses.astuple(made) == values
    assert pickle.loads(pickle.dumps(made)) == built
    assert made.to_json_dict() == built.to_json_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.title = "changed"  # type: ignore[misc]
    member = tuple(range(17))
    assert row_maker(SilentMemberRow)(*member) == SilentMemberRow(*member)  # type: ignore[arg-type]

    @dataclasses.dataclass
    class Plain:
        x: int

    with pytest.raises(TypeError):
        row_maker(Plain)  # type: ignore[type-var]


def _queries(n: int) -> list[tuple[str, dict[str, int]]]:
    return [("SELECT :i * 10 + value FROM json_each('[1, 2, 3]') ORDER BY value", {"i": i}) for i in range(n)]


def test_rows_ahead_gives_each_querys_rows_in_order(store: Store) -> None:
    for n in (1, 2, 3, 7):
        got = [list(rows) for rows in rows_ahead(store, _queries(n))]
        assert got == [[(i * 10 + 1,), (i * 10 + 2,), (i * 10 + 3,)] for i in range(n)]


def test_rows_ahead_raises_a_querys_error_and_stays_usable(store: Store) -> None:
    queries = _queries(5)
    queries[2] = ("SELECT * FROM no_such_table", {})
    got = []
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        for rows in rows_ahead(store, queries):
            got.append(list(rows))
    assert len(got) == 2
    abandoned = rows_ahead(store, _queries(6))
    assert list(next(abandoned)) == [(1,), (2,), (3,)]
    abandoned.close()  # given up halfway: the queries not started never are
    assert len([list(rows) for rows in rows_ahead(store, _queries(4))]) == 4


def test_inside_a_write_the_views_see_its_changes(make_forum: Callable[..., Forum]) -> None:
    a, b, c = make_forum("a"), make_forum("b"), make_forum("c")
    for forum in (a, b, c):
        forum.topic("1", created=ago(days=2))
    with a.store.write() as db:
        db.execute("UPDATE topics SET closed = 1 WHERE community_id = ?", (b.id,))
        db.execute("UPDATE members SET days_visited = 3 WHERE community_id = ?", (c.id,))
        assert [r.community_name for r in unanswered_topics(a.store, now=NOW)] == ["a", "c"]
        assert [r.community_name for r in silent_members(a.store, now=NOW)] == []


def test_team_names_match_as_sqlite_lower_cases_them(make_forum: Callable[..., Forum]) -> None:
    # SQLite's lower() folds ASCII letters only: "ÉMILE" is "Émile" to it, the team's "Émile".
    forum = make_forum(unanswered_definition="last_word_not_team", team_usernames=["Émile"])
    last_words = [("21", "ÉMILE"), ("22", "émile"), ("23", "EMILE"), ("24", "Carol")]
    for tid, (author, name) in enumerate(last_words):
        forum.topic(str(tid), created=ago(days=5), replies=[(author, name, ago(days=4 - tid / 10))])
    forum.topic("9", created=ago(days=5), store_posts=False, posts_count=2, last_poster_username="ÉMILE")
    forum.topic("8", created=ago(days=5), store_posts=False, posts_count=2, last_poster_username="Dan")
    rows = unanswered_topics(forum.store, now=NOW)
    assert [(r.topic_id, r.why) for r in rows] == [
        ("8", "Last word from @Dan (not team) 5 days ago"),
        ("2", "Last word from @EMILE (not team) 3 days ago"),
        ("3", "Last word from @Carol (not team) 3 days ago"),
    ]
    old = ago(days=300)
    for mid, name in [("41", "ÉMILE"), ("42", "émile"), ("43", "EMILE"), ("44", "SyStEm"), ("45", "ANIM")]:
        forum.member(mid, name, created_at=old, post_count=0, days_visited=2)
    assert [r.username for r in silent_members(forum.store, now=NOW)] == ["EMILE"]


@pytest.mark.parametrize("definition", ["no_reply", "last_word_not_team", "unsolved"])
def test_equal_waits_are_ordered_by_community_then_topic(
    make_forum: Callable[..., Forum], definition: str
) -> None:
    b, a = make_forum("b"), make_forum("a")  # ids: b before a
    for forum in (a, b):
        for tid in ("2", "10", "1"):
            forum.topic(tid, created=ago(days=3), has_accepted_answer=False)
        forum.topic("0", created=ago(days=4), has_accepted_answer=False)
    rows = unanswered_topics(a.store, now=NOW, definition=definition)  # type: ignore[arg-type]
    # the oldest first; equal waits by community id (b, created first), then topic id as text
    expected = [("b", "0"), ("a", "0")] + [(name, tid) for name in "ba" for tid in ("1", "10", "2")]
    assert [(r.community_name, r.topic_id) for r in rows] == expected
    limited = unanswered_topics(a.store, now=NOW, definition=definition, limit=3)  # type: ignore[arg-type]
    assert [(r.community_name, r.topic_id) for r in limited] == expected[:3]


def test_gone_quiet_last_topic_is_the_last_post_stored_then_the_last_stored(forum: Forum) -> None:
    forum.member("1", "quiet", created_at=ago(days=400), post_count=9)
    forum.topic("t1", created=ago(days=100), author="1", username="quiet", title="First")
    forum.topic("t2", created=ago(days=90), author="1", username="quiet", title="Second")
    same = ago(days=40)
    forum.add_posts(forum.post("t2", 2, "1", "quiet", same), forum.post("t1", 2, "1", "quiet", same))
    (row,) = silent_members(forum.store, now=NOW)
    assert (row.segment, row.active_posts, row.last_topic, row.last_topic_title) == (
        Segment.GONE_QUIET,
        4,
        "t1",  # both at the same time: the one stored last
        "First",
    )
    assert row.posts == 9 and row.last_posted == same
