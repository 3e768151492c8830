"""Results: every figure on hand-built histories whose answers are known (NOW is Wed 2026-05-20 12:00 UTC)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from insights_world import NOW, Forum

from moderator.insights import mark_handled, undo
from moderator.insights.results import (
    Contact,
    contact_outcomes,
    first_response,
    first_response_reading,
    ideas_by_month,
    months,
    own_activity,
    participation_by_month,
    percentile,
    weeks,
)
from moderator.model import UTC, Category, Member

MONDAY = dt.datetime(2026, 5, 18, tzinfo=UTC)  # the current ISO week, 2026-W21, starts here


def at(days: float, hours: float = 0) -> dt.datetime:
    """A time ``days`` after Monday of the current week (negative: the weeks before)."""
    return MONDAY + dt.timedelta(days=days, hours=hours)


def test_weeks_and_months_are_local_and_iso() -> None:
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    got = weeks(3, NOW, paris)
    assert [w.label for w in got] == ["2026-W19", "2026-W20", "2026-W21"]
    assert got[-1].start == dt.datetime(2026, 5, 17, 22, 0, tzinfo=UTC)  # Monday 00:00 in Paris (CEST)
    assert got[-1].end - got[-1].start == dt.timedelta(days=7)
    january = weeks(1, dt.datetime(2027, 1, 1, 12, tzinfo=UTC), UTC)[0]
    assert january.label == "2026-W53"  # ISO year of the week, not of the day
    assert [m.label for m in months(7, NOW, UTC)] == [
        "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
    ]


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([], 0.9) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9.1
    assert percentile([10, 0], 0.5) == 5


def test_first_response_per_week_with_known_answers(forum: Forum) -> None:
    forum.member("20", "mod", moderator=True)
    forum.categories(Category(id="1", name="General"), Category(id="9", name="Announcements"))
    # Two weeks ago (W19): answered after 2 h and after 30 h; one only answered by its author.
    forum.topic("a", created=at(-14), replies=[("30", "bob", at(-14, 2))])
    forum.topic("b", created=at(-13), replies=[("20", "mod", at(-13, 30))])
    forum.topic("c", created=at(-12), replies=[("10", "alice", at(-12, 1))])
    # Last week (W20): 4 answered topics after 1, 2, 3 and 10 h; whispers, hidden and deleted posts do not count.
    for i, hours in enumerate((1, 2, 3, 10)):
        forum.topic(f"d{i}", created=at(-7 + i), replies=[("30", "bob", at(-7 + i, hours))])
    forum.topic(
        "whisper",
        created=at(-3),
        replies=[
            ("20", "mod", at(-3, 1), {"post_type": 4}),
            ("30", "bob", at(-3, 1), {"hidden": True}),
            ("31", "eve", at(-3, 2), {"deleted_at": at(-3, 3)}),
        ],
    )
    # Excluded whatever their answers: pinned, private, announcements, deleted, unlisted.
    forum.topic("pinned", created=at(-6), pinned=True)
    forum.topic("news", created=at(-6), category_id="9")
    forum.topic("gone", created=at(-6), deleted_at=at(-5))
    forum.topic("hidden-topic", created=at(-6), visible=False)
    # This week: replies not synced, but the counts say someone answered: unknown.
    forum.topic("unsynced", created=at(1), posts_count=3, participant_count=2, store_posts=False)
    forum.topic("alone", created=at(1), store_posts=False)

    rows = first_response(forum.store, weeks_back=3, now=NOW, tz=UTC)
    by_week = {r.week: r for r in rows}
    w19, w20, w21 = by_week["2026-W19"], by_week["2026-W20"], by_week["2026-W21"]
    assert (w19.topics, w19.answered, w19.median_hours, w19.p90_hours) == (3, 2, 16.0, 27.2)
    assert (w19.answered_within, w19.within_share) == (1, 0.33)  # 2 h is within 24 h; 30 h is not
    assert (w20.topics, w20.answered, w20.median_hours, w20.p90_hours) == (5, 4, 2.5, 7.9)
    assert w20.within_share == 0.8
    assert (w21.topics, w21.answered, w21.unknown, w21.median_hours, w21.within_share) == (2, 0, 1, None, 0.0)
    assert w19.covered and w20.covered and w21.covered  # the first post is on Monday 4 May at 00:00


def test_history_before_the_local_copy_is_not_a_zero(forum: Forum) -> None:
    forum.topic("first", created=at(-7, 5), replies=[("30", "bob", at(-7, 6))])
    rows = first_response(forum.store, weeks_back=4, now=NOW, tz=UTC)
    assert [(r.week, r.covered) for r in rows] == [
        ("2026-W18", False),
        ("2026-W19", False),
        ("2026-W20", False),  # starts before the first stored post (Monday 05:00)
        ("2026-W21", True),
    ]
    json_row = rows[0].to_json_dict()
    assert {"week", "topics", "answered", "median_hours", "p90_hours", "community_name"} <= set(json_row)


def test_combined_pools_the_topics_of_every_community(make_forum) -> None:
    one, two = make_forum("one"), make_forum("two")
    one.topic("a", created=at(-6), replies=[("30", "bob", at(-6, 1))])
    two.topic("b", created=at(-5), replies=[("30", "bob", at(-5, 4))])
    two.topic("c", created=at(-5), replies=[("30", "bob", at(-5, 7))])
    rows = first_response(one.store, weeks_back=2, now=NOW, tz=UTC, combined=True)
    last_week = rows[0]
    assert (last_week.community_name, last_week.topics, last_week.answered, last_week.median_hours) == ("", 3, 3, 4.0)
    per = first_response(one.store, [two.id], weeks_back=2, now=NOW, tz=UTC)
    assert {r.community_name for r in per} == {"two"} and per[0].median_hours == 5.5


def test_publishers_silent_and_first_time_writers_per_month(forum: Forum) -> None:
    april = dt.datetime(2026, 4, 10, tzinfo=UTC)
    may = dt.datetime(2026, 5, 5, tzinfo=UTC)
    for mid, joined in (("10", april), ("30", april), ("31", april), ("32", may), ("33", None)):
        forum.member(mid, f"m{mid}", created_at=joined)
    forum.topic("t1", created=april, replies=[("30", "m30", april + dt.timedelta(days=1))])
    forum.topic("t2", created=may, author="32", username="m32", replies=[("30", "m30", may)])
    forum.topic(
        "t3", created=may + dt.timedelta(days=1), author="31", username="m31",
        op={"hidden": True},  # a hidden post publishes nothing
    )
    rows = {r.month: r for r in participation_by_month(forum.store, months_back=2, now=NOW, tz=UTC)}
    april_row, may_row = rows["2026-04"], rows["2026-05"]
    assert (april_row.members, april_row.publishers, april_row.first_time, april_row.silent) == (4, 2, 2, 2)
    assert (may_row.members, may_row.publishers, may_row.first_time, may_row.silent) == (5, 2, 1, 3)
    assert may_row.publisher_share == 0.4


def test_ideas_answered_by_the_team(make_forum) -> None:
    forum = make_forum(idea_category_ids=["5"], team_usernames=["Helper"])
    forum.categories(Category(id="5", name="Ideas"), Category(id="1", name="General"))
    forum.member("20", "mod", moderator=True)
    may = dt.datetime(2026, 5, 4, tzinfo=UTC)
    forum.topic("i1", created=may, category_id="5", replies=[("30", "bob", may + dt.timedelta(hours=1)),
                                                              ("20", "mod", may + dt.timedelta(hours=6))])
    forum.topic("i2", created=may, category_id="5", replies=[("40", "helper", may + dt.timedelta(hours=10))])
    forum.topic("i3", created=may, category_id="5", closed=True)  # closed ideas still count
    forum.topic("mine", created=may, category_id="5", author="20", username="mod",
                replies=[("20", "mod", may + dt.timedelta(hours=1))])  # the author never answers their own
    forum.topic("q", created=may, category_id="1", replies=[("20", "mod", may + dt.timedelta(hours=1))])
    row = {r.month: r for r in ideas_by_month(forum.store, months_back=1, now=NOW, tz=UTC)}["2026-05"]
    assert (row.ideas, row.answered, row.median_hours, row.answered_share) == (4, 2, 8.0, 0.5)


def test_own_activity_counts_each_handled_mark_sent_reply_and_done_reminder(forum: Forum) -> None:
    from moderator import outbox, reminders

    forum.topic("1", created=at(-10))
    forum.topic("2", created=at(-10))
    mark_handled(forum.store, forum.id, "1", now=at(-6))
    mark_handled(forum.store, forum.id, "1", now=at(1))  # marked again: both marks count
    token = mark_handled(forum.store, forum.id, "2", now=at(1, 1))
    assert undo(forum.store, token)  # an undone mark does not
    item = outbox.queue_reply(forum.store, forum.id, "1", "Thanks, here is how to do it.")
    with forum.store.write() as db:
        db.execute("UPDATE outbox SET state='sent', sent_at=? WHERE id=?", (int(at(2).timestamp()), item.id))
    reminder = reminders.add_reminder(
        forum.store, community_id=forum.id, kind="note", due_at=at(0), now=at(-2), note="Call Ann"
    )
    reminders.mark_done(forum.store, reminder.id, now=at(-1))
    rows = {r.week: r for r in own_activity(forum.store, weeks_back=2, now=NOW, tz=UTC)}
    assert (rows["2026-W20"].topics_handled, rows["2026-W20"].replies_sent, rows["2026-W20"].reminders_done) == (1, 0, 1)
    assert (rows["2026-W21"].topics_handled, rows["2026-W21"].replies_sent, rows["2026-W21"].reminders_done) == (1, 1, 0)


def test_contacts_that_worked_against_comparable_members(forum: Forum) -> None:
    long_ago = NOW - dt.timedelta(days=400)
    contact_day = NOW - dt.timedelta(days=60)
    # Readers at the contact: joined long ago, never posted before it.
    for i in range(1, 7):
        forum.batch(members=[Member(id=f"r{i}", username=f"reader{i}", created_at=long_ago)])
    forum.member("10", "alice", created_at=long_ago)
    forum.topic("old", created=long_ago + dt.timedelta(days=1))  # alice posted: she is not a reader
    # r1 and r2 were nudged; r1 posted 10 days later, r2 never. Of the 4 others, r3 posted within 30 days,
    # r4 posted after 40 days (too late), r5 and r6 never.
    forum.topic("t1", created=contact_day + dt.timedelta(days=10), author="r1", username="reader1")
    forum.topic("t3", created=contact_day + dt.timedelta(days=20), author="r3", username="reader3")
    forum.topic("t4", created=contact_day + dt.timedelta(days=40), author="r4", username="reader4")
    contacts = [
        Contact(forum.id, "r1", contact_day, "reader"),
        Contact(forum.id, "r2", contact_day, "reader"),
        Contact(forum.id, "r5", NOW - dt.timedelta(days=3), "reader"),  # too recent to judge
    ]
    (row,) = contact_outcomes(forum.store, contacts, now=NOW)
    assert (row.segment, row.contacted, row.contacted_posted, row.contacted_rate) == ("reader", 2, 1, 0.5)
    # r3 to r6 are comparable (r5's contact came 57 days later, outside the window); r3 posted in time.
    assert (row.comparable, row.comparable_posted) == (4 * 2, 1 * 2)  # once per judged contact
    assert row.comparable_rate == 0.25 and row.pending == 1
    # A member contacted within 30 days of the moment is not comparable.
    contacts.append(Contact(forum.id, "r6", contact_day + dt.timedelta(days=29), "reader"))
    (row,) = contact_outcomes(forum.store, contacts, now=NOW)
    assert row.contacted == 3  # r6's contact is judged too (it ended 1 day ago)


def test_the_reading_says_how_the_median_moved() -> None:
    def week(label: str, start: dt.datetime, median: float | None, covered: bool = True):
        from moderator.insights.results import ResponseWeek

        return ResponseWeek(1, "acme", label, start, 1, 1, 0, median, median, 24, 1, 1.0, covered)

    september = dt.datetime(2026, 9, 7, tzinfo=UTC)
    rows = [week(f"w{i}", september + dt.timedelta(weeks=i), m) for i, m in enumerate((30, 32, 31, 12, 9, 8))]
    rows.insert(0, week("w-1", september - dt.timedelta(weeks=1), 99, covered=False))
    assert first_response_reading(rows, span=3) == "Median first response fell from 31 h to 9 h since September 2026"
    assert first_response_reading(rows[:1]) == "No answered topic in this period yet"
    steady = [week(f"w{i}", september + dt.timedelta(weeks=i), m) for i, m in enumerate((10, 10.5))]
    assert first_response_reading(steady) == "Median first response held at about 10 h since September 2026"


def test_recorded_nudges_feed_the_contacts_and_the_activity(forum: Forum) -> None:
    from moderator.insights.results import recorded_contacts
    from moderator.nudges import history

    long_ago = NOW - dt.timedelta(days=400)
    forum.batch(members=[Member(id="r1", username="reader1", created_at=long_ago),
                         Member(id="r2", username="reader2", created_at=long_ago)])
    at_time = NOW - dt.timedelta(days=45)
    history.record(forum.store, forum.id, "reader1", kind=history.Kind.NUDGE,
                   channel=history.Channel.PRIVATE_MESSAGE, body="Hello!", segment="reader", now=at_time)
    history.record(forum.store, forum.id, "reader2", kind=history.Kind.INVITATION,
                   channel=history.Channel.PRIVATE_MESSAGE, body="Could you help?", now=NOW - dt.timedelta(days=2))
    forum.topic("t", created=at_time + dt.timedelta(days=3), author="r1", username="reader1")
    contacts = recorded_contacts(forum.store)
    assert [(c.member_id, c.segment) for c in contacts] == [("r1", "reader"), ("r2", "invitation")]
    rows = {r.segment: r for r in contact_outcomes(forum.store, contacts, now=NOW)}
    assert (rows["reader"].contacted, rows["reader"].contacted_posted, rows["reader"].comparable) == (1, 1, 1)
    assert rows["invitation"].pending == 1
    weeks_rows = own_activity(forum.store, weeks_back=1, now=NOW, tz=UTC)
    assert weeks_rows[0].members_contacted == 1  # the invitation, this week
