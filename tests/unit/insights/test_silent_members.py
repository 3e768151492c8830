"""Silent members: readers, gone quiet, newcomers, who is left out, and the 90-9-1 headline."""

from __future__ import annotations

from insights_world import NOW, Forum, ago

from moderator.insights import Segment, participation, silent_members


def segments(forum: Forum) -> dict[str, Segment]:
    return {r.username: r.segment for r in silent_members(forum.store, now=NOW)}


def test_readers_newcomers_and_who_is_left_out(make_forum) -> None:
    forum = make_forum(team_usernames=["helper"])
    old = ago(days=300)
    forum.member(
        "1", "reader", created_at=old, post_count=0, days_visited=40, posts_read=230, last_seen_at=ago(days=2)
    )
    forum.member(
        "2", "liker", created_at=old, post_count=0, days_visited=0, posts_read=0, time_read=0, likes_given=3
    )
    forum.member("3", "fresh", created_at=ago(days=1), post_count=0, days_visited=1, posts_read=4)
    forum.member(
        "4", "ghost", created_at=old, post_count=0, days_visited=0, posts_read=0, time_read=0, likes_given=0
    )
    forum.member("5", "seen", created_at=old, post_count=0, last_seen_at=ago(days=9))  # reads not reported
    forum.member("6", "unknown", created_at=old, post_count=0)  # reads not reported, never seen
    forum.member("7", "boss", admin=True, created_at=old, post_count=0, days_visited=9)
    forum.member("8", "mod", moderator=True, created_at=ago(days=2), post_count=0)
    forum.member("-1", "system", created_at=old, post_count=0, days_visited=9)
    forum.member("-2", "discobot", created_at=old, post_count=0, days_visited=9)
    forum.member("9", "System", created_at=old, post_count=0, days_visited=9)
    forum.member("10", "helper", created_at=old, post_count=0, days_visited=9)
    forum.member("11", "anim", created_at=old, post_count=0, days_visited=9)  # the synced account
    forum.member("12", "writer", created_at=old, post_count=12, days_visited=9)
    forum.member("13", "newwriter", created_at=ago(days=3), post_count=1)
    assert segments(forum) == {
        "fresh": Segment.NEWCOMER,
        "reader": Segment.READER,
        "liker": Segment.READER,
        "seen": Segment.READER,
    }
    rows = silent_members(forum.store, now=NOW)
    # Newcomers first, then the readers most engaged: days visited, posts read, last seen.
    assert [r.username for r in rows] == ["fresh", "reader", "seen", "liker"]
    fresh, reader, seen, liker = rows
    assert fresh.next_step == "Welcome them: newcomer since 1 day, never posted, has read 4 posts"
    assert reader.next_step == "Invite them into a discussion: visited 40 days, read 230 posts, never posted"
    assert liker.next_step == "Invite them into a discussion: gave 3 likes, never posted"
    assert (
        seen.next_step
        == "Invite them into a discussion: last seen 9 days ago (reads not reported), never posted"
    )
    assert (reader.reads, reader.days_visited, reader.posts) == (230, 40, 0)
    assert reader.to_json_dict()["segment"] == "reader"


def test_newcomer_window_is_a_setting(make_forum) -> None:
    forum = make_forum(silent_windows={"newcomer_days": 7})
    forum.member("1", "week", created_at=ago(days=6), post_count=0)
    forum.member("2", "fortnight", created_at=ago(days=10), post_count=0, days_visited=3)
    forum.member("3", "today", created_at=ago(hours=3), post_count=0)
    assert segments(forum) == {
        "week": Segment.NEWCOMER,
        "today": Segment.NEWCOMER,
        "fortnight": Segment.READER,
    }
    rows = silent_members(forum.store, now=NOW, segments=[Segment.NEWCOMER])
    assert [r.username for r in rows] == ["today", "week"]
    assert rows[0].next_step == "Welcome them: newcomer since today, never posted"


def _post_days(forum: Forum, topic: str, author: str, username: str, days: list[float]) -> None:
    forum.topic(topic, created=ago(days=days[0]), author=author, username=username, title=f"About {topic}")
    forum.add_posts(
        *(forum.post(topic, n, author, username, ago(days=d)) for n, d in enumerate(days[1:], start=2))
    )


def test_gone_quiet_from_stored_posts(forum: Forum) -> None:
    old = ago(days=400)
    for mid, name in [("1", "quiet"), ("2", "active"), ("3", "few"), ("4", "elsewhere"), ("5", "veryold")]:
        forum.member(mid, name, created_at=old, post_count=20, last_seen_at=ago(days=3))
    _post_days(forum, "q", "1", "quiet", [100, 80, 60, 35])  # 4 in the active window, none since
    _post_days(forum, "a", "2", "active", [100, 80, 60, 10])  # posted 10 days ago
    _post_days(forum, "f", "3", "few", [100, 50])  # only 2
    _post_days(forum, "e", "4", "elsewhere", [100, 80, 60])
    forum.member("4", "elsewhere", last_posted_at=ago(days=5))  # the platform saw a post we did not sync
    _post_days(forum, "v", "5", "veryold", [200, 150, 130])  # before the active window
    (row,) = silent_members(forum.store, now=NOW)
    assert (row.username, row.segment, row.active_posts, row.last_topic) == (
        "quiet",
        Segment.GONE_QUIET,
        4,
        "q",
    )
    assert row.last_posted == ago(days=35)
    assert row.next_step == (
        "Check in: 4 posts in the 90 days before the last 28, none for 35 days; last in “About q”;"
        " still visits (seen 3 days ago)"
    )


def test_gone_quiet_windows_are_settings(make_forum) -> None:
    forum = make_forum(silent_windows={"active_days": 30, "quiet_days": 7, "min_contributions": 2})
    forum.member("1", "quiet", post_count=5)
    _post_days(forum, "q", "1", "quiet", [20, 10])
    (row,) = silent_members(forum.store, now=NOW)
    assert row.segment is Segment.GONE_QUIET and row.next_step.startswith(
        "Check in: 2 posts in the 30 days before the last 7"
    )


def test_post_count_falls_back_to_stored_posts(forum: Forum) -> None:
    forum.member("1", "unreported", days_visited=4)  # no post_count from the platform
    forum.member("2", "silent", days_visited=4)
    forum.topic("t", created=ago(days=2), author="1", username="unreported")
    assert segments(forum) == {"silent": Segment.READER}


def test_participation_split(forum: Forum) -> None:
    old = ago(days=300)
    for i, posts in enumerate([50, 10, 5, 1]):
        forum.member(f"w{i}", f"writer{i}", created_at=old, post_count=posts)
    forum.member("r1", "reader1", created_at=old, post_count=0, days_visited=3)
    forum.member("r2", "reader2", created_at=old, post_count=0, likes_given=1)
    forum.member("g1", "ghost", created_at=old, post_count=0, days_visited=0, posts_read=0, time_read=0)
    forum.member("s1", "boss", admin=True, post_count=500)
    p = participation(forum.store, now=NOW)
    assert (p.members, p.published, p.read_only, p.never_seen, p.lurkers) == (7, 4, 2, 1, 3)
    assert (p.heavy, p.contributors, p.posts, p.heavy_posts, p.heavy_min_posts) == (1, 3, 66, 50, 50)
    assert round(p.published_share, 3) == round(4 / 7, 3)
    assert round(p.heavy_posts_share, 3) == round(50 / 66, 3)


def test_heavy_contributors_include_ties_and_reach_half_the_posts(forum: Forum) -> None:
    for i, posts in enumerate([10, 10, 10, 5, 1], start=1):
        forum.member(str(i), f"m{i}", post_count=posts)
    p = participation(forum.store, now=NOW)
    assert (p.heavy, p.heavy_posts, p.contributors) == (3, 30, 2)  # 20 of 36 reached after two; the tie joins


def test_participation_of_several_communities(make_forum) -> None:
    a, b = make_forum("a"), make_forum("b")
    a.member("1", "x", post_count=3)
    a.member("2", "y", post_count=0, days_visited=1)
    b.member("1", "x", post_count=1)
    p = participation(a.store, now=NOW)
    assert p.community_id is None and [c.community_name for c in p.by_community] == ["a", "b"]
    assert (p.members, p.published, p.read_only, p.heavy) == (3, 2, 1, 2)
    assert participation(a.store, [b.id], now=NOW).members == 1
    assert p.to_json_dict()["by_community"][0]["community_name"] == "a"


def test_silent_members_of_one_community_only(make_forum) -> None:
    a, b = make_forum("a"), make_forum("b")
    a.member("1", "ra", post_count=0, days_visited=2)
    b.member("1", "rb", post_count=0, days_visited=2)
    assert [(r.community_name, r.member_id) for r in silent_members(a.store, [b.id], now=NOW)] == [("b", "1")]


def test_limit_keeps_the_first_rows_in_order(make_forum) -> None:
    a, b = make_forum("a"), make_forum("b")
    a.member("1", "new-a", created_at=ago(days=2), post_count=0)
    b.member("1", "new-b", created_at=ago(days=1), post_count=0)
    a.member("2", "keen", created_at=ago(days=300), post_count=0, days_visited=50)
    b.member("2", "casual", created_at=ago(days=300), post_count=0, days_visited=5)
    everyone = [r.username for r in silent_members(a.store, now=NOW)]
    assert everyone == ["new-b", "new-a", "keen", "casual"]
    assert [r.username for r in silent_members(a.store, now=NOW, limit=3)] == everyone[:3]


def test_rows_are_made_when_read(make_forum, monkeypatch) -> None:
    """The next steps of 30 shown rows are written, not those of every silent member (issue 17)."""
    from moderator.insights import silent

    forum = make_forum()
    old = ago(days=300)
    for n in range(40):
        forum.member(str(100 + n), f"reader{n:02}", created_at=old, post_count=0, days_visited=40 - n)
    forum.member("1", "fresh", created_at=ago(days=2), post_count=0)
    made: list[str] = []
    make = silent._RowBuilder.__call__

    def counting(builder, raw):  # type: ignore[no-untyped-def]
        row = make(builder, raw)
        made.append(row.username)
        return row

    monkeypatch.setattr(silent._RowBuilder, "__call__", counting)
    rows = silent_members(forum.store, now=NOW)
    assert len(rows) == 41 and made == []
    assert rows.segment_counts() == {Segment.NEWCOMER: 1, Segment.READER: 40}
    assert rows.segment_counts(forum.id + 1) == {}
    assert [rows.segment(i) for i in (0, 1)] == [Segment.NEWCOMER, Segment.READER]
    assert rows.community_id(40) == forum.id
    first = rows[1:3]
    assert [r.username for r in first] == ["reader00", "reader01"] and made == ["reader00", "reader01"]
    assert rows[1] is first[0] and rows[-1].username == "reader39"  # made once, then kept
    assert made == ["reader00", "reader01", "reader39"]
    assert rows == list(rows) and len(made) == 41
