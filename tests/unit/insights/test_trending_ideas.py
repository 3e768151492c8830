"""Trending ideas: rising beats big, old activity is not a trend, likes from snapshots or posts."""

from __future__ import annotations

import pytest
from insights_world import NOW, Forum, ago

from moderator.insights import trending_ideas
from moderator.insights.trending import gained
from moderator.model import Category


def _replies(
    forum: Forum, topic: str, start: int, times: list, *, likes: int = 0, authors: list | None = None
) -> None:
    posts = []
    for n, at in enumerate(times, start=start):
        author = authors[(n - start) % len(authors)] if authors else "50"
        posts.append(forum.post(topic, n, author, f"user{author}", at, like_count=likes))
    forum.add_posts(*posts)


def test_a_rising_topic_beats_an_old_big_one_and_old_activity_is_not_a_trend(forum: Forum) -> None:
    regulars = ["61", "62", "63", "64", "65"]
    forum.topic("big", created=ago(days=200), views=9000, like_count=800, title="Big old idea")
    _replies(forum, "big", 2, [ago(days=d) for d in range(63, 7, -1)], likes=2, authors=regulars)  # 1 a day
    _replies(
        forum, "big", 58, [ago(days=d / 2) for d in range(13, -1, -1)], likes=2, authors=regulars
    )  # 2 a day
    forum.topic("rising", created=ago(days=40), title="Dark mode")
    _replies(
        forum,
        "rising",
        2,
        [ago(hours=h) for h in (40, 30, 20, 12, 6, 2)],
        likes=3,
        authors=["71", "72", "73", "74", "75", "76"],
    )
    forum.topic("stale", created=ago(days=100))
    _replies(forum, "stale", 2, [ago(days=d) for d in (90, 80, 70, 60)], likes=5, authors=["81", "82"])
    forum.topic("lonely", created=ago(days=2))  # an opening post alone is no trend
    rows = trending_ideas(forum.store, now=NOW)
    assert [r.topic_id for r in rows] == ["rising", "big"]
    rising, big = rows
    assert (rising.replies, rising.likes, rising.new_participants, rising.likes_source) == (6, 18, 6, "posts")
    assert rising.rising_share == 1.0 and big.rising_share == pytest.approx(0.5, abs=0.05)
    assert rising.why == (
        "+6 replies, +18 likes and 6 new participants in 3 days; +6 replies this week vs none before"
        " (likes on posts written this week)"
    )
    assert big.new_participants == 0
    assert "vs 7/week before" in big.why


def test_steady_topic_is_not_rising(forum: Forum) -> None:
    forum.topic("steady", created=ago(days=100))
    _replies(forum, "steady", 2, [ago(days=d) for d in range(63, 0, -1)], authors=["61", "62"])
    assert trending_ideas(forum.store, now=NOW) == []


def test_pace_before_the_window_is_explained(forum: Forum) -> None:
    forum.topic("t", created=ago(days=100))
    _replies(forum, "t", 2, [ago(days=7 * w + 3) for w in range(8, 0, -1)], authors=["61"])  # 1 a week
    _replies(forum, "t", 10, [ago(hours=8 * h + 1) for h in range(9)], authors=["61"])  # 9 this week
    (row,) = trending_ideas(forum.store, now=NOW)
    assert row.past_replies_per_week == 1
    assert "+9 replies this week vs 1/week before" in row.why
    assert row.rising_share == pytest.approx(1 - 1 / 9, abs=0.01)


def test_a_new_topic_says_so(forum: Forum) -> None:
    forum.topic("new", created=ago(days=2))
    _replies(forum, "new", 2, [ago(days=1), ago(hours=5)], authors=["61", "62"])
    (row,) = trending_ideas(forum.store, now=NOW)
    assert row.why == "+2 replies and 2 new participants in 3 days; new this week"
    assert row.views is None


def test_likes_and_views_from_snapshots(forum: Forum) -> None:
    forum.topic("snap", created=ago(days=60), like_count=24, views=300)
    forum.snapshot("snap", ago(days=7), likes=10, views=100)
    forum.snapshot("snap", ago(hours=1), likes=24, views=300)
    (row,) = trending_ideas(forum.store, now=NOW)
    assert (row.likes_source, row.likes, row.views, row.replies) == ("snapshots", 14, 200, 0)
    assert row.recent_likes == 6  # 14 likes over 7 days less an hour, pro rata of the last 3 days
    assert row.why.endswith("(likes from sync snapshots)")
    assert "+14 likes this week" in row.why


def test_one_snapshot_is_not_enough_and_likes_fall_back_to_posts(forum: Forum) -> None:
    forum.topic("t", created=ago(days=30))
    forum.snapshot("t", ago(days=1), likes=50, views=10)
    _replies(forum, "t", 2, [ago(days=1), ago(hours=3)], likes=4, authors=["61", "62"])
    (row,) = trending_ideas(forum.store, now=NOW)
    assert (row.likes_source, row.likes) == ("posts", 8)


def test_gained_is_pro_rata_of_each_interval() -> None:
    series = [(0, 10), (100, 20), (200, 15), (300, 35)]
    assert gained(series, 50, 300)[0] == pytest.approx(5 + 0 + 20)
    assert gained(series, 250, 300)[0] == pytest.approx(10)
    assert gained(series, 300, 400) == (0.0, 0.0)


def test_only_idea_categories_and_tags_when_set(make_forum) -> None:
    forum = make_forum(idea_category_ids=["5"], idea_tags=["Idea"])
    forum.categories(
        Category(id="5", name="Ideas"),
        Category(id="6", name="UI", parent_id="5"),
        Category(id="7", name="Help"),
    )
    for tid, fields in [
        ("cat", {"category_id": "5"}),
        ("sub", {"category_id": "6"}),
        ("tag", {"category_id": "7", "tags": ("idea",)}),
        ("help", {"category_id": "7"}),
    ]:
        forum.topic(tid, created=ago(days=1), **fields)
        _replies(forum, tid, 2, [ago(hours=5), ago(hours=4)], authors=["61", "62"])
    assert sorted(r.topic_id for r in trending_ideas(forum.store, now=NOW)) == ["cat", "sub", "tag"]


def test_closed_and_private_topics_do_not_trend(forum: Forum) -> None:
    from moderator.model import Archetype

    forum.topic("closed", created=ago(days=1), closed=True)
    forum.topic("pm", created=ago(days=1), archetype=Archetype.PRIVATE_MESSAGE)
    for tid in ("closed", "pm"):
        _replies(forum, tid, 2, [ago(hours=5), ago(hours=4)], authors=["61", "62"])
    assert trending_ideas(forum.store, now=NOW) == []


def test_communities_are_filtered(make_forum) -> None:
    a, b = make_forum("a"), make_forum("b")
    for forum in (a, b):
        forum.topic("t", created=ago(days=1))
        _replies(forum, "t", 2, [ago(hours=5), ago(hours=4)], authors=["61", "62"])
    assert [r.community_name for r in trending_ideas(a.store, [b.id], now=NOW)] == ["b"]
    assert len(trending_ideas(a.store, now=NOW)) == 2


def test_idea_categories_only_respects_each_community(make_forum) -> None:
    """Two communities, one declaring its ideas: the other's Questions topics are not ideas."""
    ideas = make_forum("ideas", idea_category_ids=["5"])
    ideas.categories(Category(id="5", name="Ideas"), Category(id="7", name="Questions"))
    other = make_forum("other")
    other.categories(Category(id="9", name="Questions"))
    for forum, tid, category in [
        (ideas, "idea", "5"),
        (ideas, "question", "7"),
        (other, "their-question", "9"),
    ]:
        forum.topic(tid, created=ago(days=1), category_id=category)
        _replies(forum, tid, 2, [ago(hours=5), ago(hours=4)], authors=["61", "62"])
    assert [r.topic_id for r in trending_ideas(ideas.store, now=NOW)] == ["idea"]
    everything = trending_ideas(ideas.store, now=NOW, ideas_only=False)
    assert sorted(r.topic_id for r in everything) == ["idea", "question", "their-question"]
    # With no community declaring ideas, there is nothing to restrict to: every category is looked at.
    assert [r.topic_id for r in trending_ideas(ideas.store, [other.id], now=NOW)] == ["their-question"]
