"""Unanswered: each definition, each exclusion, severity, triage and community filtering."""

from __future__ import annotations

import datetime as dt

from insights_world import NOW, Forum, ago

from moderator.insights import Severity, mark_handled, snooze, unanswered_topics
from moderator.model import Archetype, Category


def ids(rows: list) -> list[str]:
    return [r.topic_id for r in rows]


def test_no_reply_follows_discourse_with_no_response(forum: Forum) -> None:
    forum.member("20", "mod", moderator=True)
    forum.topic("alone", created=ago(days=5))
    forum.topic("self", created=ago(days=4), replies=[("10", "alice", ago(days=3))])
    forum.topic("staff", created=ago(days=3), replies=[("20", "mod", ago(days=2))])
    forum.topic("member", created=ago(days=3), replies=[("30", "bob", ago(days=2))])
    forum.topic(
        "deleted", created=ago(days=2), replies=[("30", "bob", ago(days=1), {"deleted_at": ago(days=1)})]
    )
    forum.topic("userdel", created=ago(days=2), replies=[("30", "bob", ago(days=1), {"user_deleted": True})])
    forum.topic("hidden", created=ago(days=2), replies=[("30", "bob", ago(days=1), {"hidden": True})])
    forum.topic("whisper", created=ago(days=1), replies=[("20", "mod", ago(hours=20), {"post_type": 4})])
    rows = unanswered_topics(forum.store, now=NOW)
    assert ids(rows) == [
        "alone",
        "self",
        "deleted",
        "hidden",
        "userdel",
        "whisper",
    ]  # oldest wait first, then id
    assert rows[0].why == "No reply for 5 days"
    assert rows[1].why == "No reply for 4 days; only the author posted again (1×)"
    assert rows[1].waiting_since == ago(days=4)  # since the topic was created, not the self-reply
    assert {r.definition for r in rows} == {"no_reply"}


def test_closed_archived_unlisted_pinned_deleted_pm_and_announcements_are_never_listed(forum: Forum) -> None:
    forum.categories(
        Category(id="1", name="General"),
        Category(id="2", name="Site Announcements", slug="announcements"),
        Category(id="3", name="Nouvelles", slug="annonces-officielles"),
        Category(id="4", name="Releases", parent_id="3"),
        Category(id="5", name="News"),
    )
    forum.community.settings = {"announcement_category_ids": ["5"]}
    forum.store.update_community(forum.community)
    forum.topic("open", created=ago(days=2), category_id="1")
    forum.topic("closed", created=ago(days=2), closed=True)
    forum.topic("archived", created=ago(days=2), archived=True)
    forum.topic("unlisted", created=ago(days=2), visible=False)
    forum.topic("pinned", created=ago(days=2), pinned=True)
    forum.topic("deleted", created=ago(days=2), deleted_at=ago(days=1))
    forum.topic("pm", created=ago(days=2), archetype=Archetype.PRIVATE_MESSAGE)
    forum.topic("announce", created=ago(days=2), category_id="2")
    forum.topic("annonce", created=ago(days=2), category_id="3")
    forum.topic("sub", created=ago(days=2), category_id="4")
    forum.topic("declared", created=ago(days=2), category_id="5")
    for definition in ("no_reply", "last_word_not_team"):
        assert ids(unanswered_topics(forum.store, now=NOW, definition=definition)) == ["open"]


def test_topics_whose_posts_are_not_synced_yet_use_the_platform_counts(forum: Forum) -> None:
    forum.topic("one", created=ago(days=2), store_posts=False)
    forum.topic("single", created=ago(days=2), posts_count=3, participant_count=1, store_posts=False)
    forum.topic("busy", created=ago(days=2), posts_count=3, participant_count=2, store_posts=False)
    assert ids(unanswered_topics(forum.store, now=NOW)) == ["one", "single"]


def test_last_word_not_team(make_forum) -> None:
    forum = make_forum(unanswered_definition="last_word_not_team", team_usernames=["Helper"])
    forum.member("20", "mod", moderator=True)
    forum.member("21", "boss", admin=True)
    forum.member("22", "helper")
    forum.topic("q", created=ago(days=6))
    forum.topic("staff-last", created=ago(days=6), replies=[("21", "boss", ago(days=5))])
    forum.topic("flag-staff", created=ago(days=6), replies=[("99", "former", ago(days=5), {"staff": True})])
    forum.topic("team-last", created=ago(days=6), replies=[("22", "helper", ago(days=5))])
    forum.topic("account-last", created=ago(days=6), replies=[("23", "anim", ago(days=5))])
    forum.topic(
        "member-after-staff",
        created=ago(days=6),
        replies=[("20", "mod", ago(days=5)), ("30", "carol", ago(days=2))],
    )
    forum.topic(
        "staff-then-hidden",
        created=ago(days=6),
        replies=[("20", "mod", ago(days=5)), ("30", "carol", ago(days=1), {"hidden": True})],
    )
    rows = unanswered_topics(forum.store, now=NOW)
    assert ids(rows) == ["q", "member-after-staff"]
    assert (
        rows[0].waiting_since == ago(days=6) and rows[0].why == "Last word from @alice (not team) 6 days ago"
    )
    assert rows[1].waiting_since == ago(days=2)
    assert rows[1].why == "Last word from @carol (not team) 2 days ago"
    assert rows[1].definition == "last_word_not_team"


def test_last_word_without_stored_posts_uses_the_last_poster(make_forum) -> None:
    forum = make_forum(unanswered_definition="last_word_not_team")
    forum.member("20", "mod", moderator=True)
    forum.topic("a", created=ago(days=3), store_posts=False, posts_count=2, last_poster_username="mod")
    forum.topic("b", created=ago(days=3), store_posts=False, posts_count=2, last_poster_username="dan")
    assert ids(unanswered_topics(forum.store, now=NOW)) == ["b"]


def test_unsolved_only_where_the_platform_has_solved_answers(make_forum) -> None:
    forum = make_forum(unanswered_definition="unsolved")
    forum.topic(
        "open-q", created=ago(days=4), has_accepted_answer=False, replies=[("30", "bob", ago(days=3))]
    )
    forum.topic("solved", created=ago(days=4), has_accepted_answer=True)
    forum.topic("no-plugin", created=ago(days=4))
    (row,) = unanswered_topics(forum.store, now=NOW)
    assert row.topic_id == "open-q"
    assert row.waiting_since == ago(days=4)
    assert row.why == "Not marked solved, asked 4 days ago (1 reply)"


def test_severity_follows_the_thresholds(make_forum) -> None:
    forum = make_forum()
    forum.topic("fresh", created=ago(hours=10))
    forum.topic("amber", created=ago(hours=30))
    forum.topic("red", created=ago(hours=80))
    rows = {r.topic_id: r for r in unanswered_topics(forum.store, now=NOW)}
    assert rows["fresh"].severity is Severity.CALM
    assert rows["amber"].severity is Severity.AMBER
    assert rows["red"].severity is Severity.RED
    assert rows["amber"].hours_waiting == 30
    assert rows["fresh"].why == "No reply for 10 hours"
    other = make_forum("strict", thresholds_hours=[2, 12])
    other.topic("x", created=ago(hours=10))
    (row,) = unanswered_topics(other.store, [other.id], now=NOW)
    assert row.severity is Severity.AMBER


def test_rows_carry_what_the_front_ends_show(forum: Forum) -> None:
    forum.categories(Category(id="7", name="Help"))
    forum.member("10", "alice")
    forum.topic("42", created=ago(days=1), category_id="7", views=12, like_count=3, slug="how-to")
    (row,) = unanswered_topics(forum.store, now=NOW)
    assert (row.community_id, row.community_name, row.topic_id, row.slug) == (
        forum.id,
        "acme",
        "42",
        "how-to",
    )
    assert (row.category_name, row.author_username, row.views, row.likes) == ("Help", "alice", 12, 3)
    data = row.to_json_dict()
    assert (
        data["waiting_since"] == "2026-05-19T12:00:00Z" and data["severity"] == "amber"
    )  # 24 h: the first threshold


def test_handled_comes_back_when_new_activity_arrives(forum: Forum) -> None:
    forum.topic("t", created=ago(days=3))
    mark_handled(forum.store, forum.id, "t", now=ago(days=1))
    assert unanswered_topics(forum.store, now=NOW) == []
    # The author bumps the topic: still no answer, and now there is something new to look at.
    forum.add_posts(forum.post("t", 2, "10", "alice", ago(hours=2)))
    (row,) = unanswered_topics(forum.store, now=NOW)
    assert row.why.endswith("new activity since marked handled")


def test_handled_topic_stays_hidden_without_new_activity_even_if_the_topic_is_resynced(forum: Forum) -> None:
    forum.topic("t", created=ago(days=3))
    mark_handled(forum.store, forum.id, "t", now=ago(days=1))
    forum.topic("t", created=ago(days=3), views=99)
    assert unanswered_topics(forum.store, now=NOW) == []


def test_snooze_expires(forum: Forum) -> None:
    forum.topic("t", created=ago(days=3))
    snooze(forum.store, forum.id, "t", NOW + dt.timedelta(hours=4), now=NOW)
    assert unanswered_topics(forum.store, now=NOW) == []
    assert ids(unanswered_topics(forum.store, now=NOW + dt.timedelta(hours=5))) == ["t"]


def test_multi_community_filtering(make_forum) -> None:
    a, b = make_forum("a"), make_forum("b")
    a.topic("1", created=ago(days=2))
    b.topic("1", created=ago(days=3))
    b.topic("2", created=ago(days=1))
    assert [(r.community_name, r.topic_id) for r in unanswered_topics(a.store, now=NOW)] == [
        ("b", "1"),
        ("a", "1"),
        ("b", "2"),
    ]
    assert [(r.community_name, r.topic_id) for r in unanswered_topics(a.store, [a.id], now=NOW)] == [
        ("a", "1")
    ]
    assert unanswered_topics(a.store, [], now=NOW) == []


def test_per_community_definitions(make_forum) -> None:
    a = make_forum("a")
    b = make_forum("b", unanswered_definition="last_word_not_team")
    for forum in (a, b):
        forum.member("20", "mod", moderator=True)
        forum.topic(
            "x", created=ago(days=2), replies=[("20", "mod", ago(days=1)), ("30", "bob", ago(hours=5))]
        )
    assert [(r.community_name, r.definition) for r in unanswered_topics(a.store, now=NOW)] == [
        ("b", "last_word_not_team")
    ]


def test_member_flags_do_not_leak_between_communities(make_forum) -> None:
    a = make_forum("a", unanswered_definition="last_word_not_team")
    b = make_forum("b", unanswered_definition="last_word_not_team")
    b.member("20", "mod", moderator=True)
    a.topic("x", created=ago(days=2), replies=[("20", "mod", ago(days=1))])
    assert ids(unanswered_topics(a.store, [a.id], now=NOW)) == ["x"]


def test_limit_keeps_the_oldest_waits(make_forum) -> None:
    a, b = make_forum("a"), make_forum("b")
    for days, forum, tid in [(5, a, "a5"), (4, b, "b4"), (3, a, "a3"), (2, b, "b2"), (1, a, "a1")]:
        forum.topic(tid, created=ago(days=days))
    assert ids(unanswered_topics(a.store, now=NOW, limit=3)) == ["a5", "b4", "a3"]
    assert ids(unanswered_topics(a.store, now=NOW, limit=3, definition="last_word_not_team")) == [
        "a5",
        "b4",
        "a3",
    ]
