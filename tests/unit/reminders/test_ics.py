"""The calendar export, checked by parsing it back with icalendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar

from moderator import ics
from moderator import reminders as rem
from moderator.clock import FakeClock
from moderator.model import UTC, Community
from moderator.store import Store

T0 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def test_export_parses_back(
    tmp_path: Path, store: Store, community: Community, clock: FakeClock, add_topic
) -> None:
    assert community.id is not None
    add_topic("7")
    topic = rem.add_reminder(
        store,
        community_id=community.id,
        kind="topic",
        topic_id="7",
        due_at=T0 + dt.timedelta(hours=3),
        now=T0,
        condition="still-unanswered",
    )
    member = rem.add_reminder(
        store,
        community_id=community.id,
        kind="member",
        username="zoe",
        due_at=T0 + dt.timedelta(days=1),
        now=T0,
    )
    done = rem.add_reminder(
        store,
        community_id=community.id,
        kind="note",
        note="Old news",
        due_at=T0 + dt.timedelta(days=2),
        now=T0,
    )
    rem.mark_done(store, done.id, now=T0)
    snoozed = rem.add_reminder(
        store,
        community_id=community.id,
        kind="note",
        note="Meetup; bring slides, chairs",
        due_at=T0 + dt.timedelta(hours=1),
        now=T0,
    )
    rem.snooze(store, snoozed.id, T0 + dt.timedelta(days=3), now=T0)

    path = tmp_path / "reminders.ics"
    assert ics.export_ics(store, path, now=T0) == 3
    calendar = Calendar.from_ical(path.read_bytes())
    assert str(calendar["version"]) == "2.0" and "Community Moderator" in str(calendar["prodid"])
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {ics.reminder_uid(r) for r in (topic, member, snoozed)}

    first = events[ics.reminder_uid(topic)]
    assert first.decoded("dtstart") == T0 + dt.timedelta(hours=3)
    assert first.decoded("dtstart").utcoffset() == dt.timedelta(0)
    assert "DTSTART:20261120T130000Z" in path.read_text()
    assert str(first["summary"]) == "Follow up: Topic 7 · Acme ideas"
    assert "https://forum.example.org/t/topic-7/7" in str(first["description"])
    assert "if still unanswered" in str(first["description"])
    assert str(first["url"]) == "https://forum.example.org/t/topic-7/7"
    (alarm,) = first.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY" and alarm.decoded("trigger") == dt.timedelta(0)

    nudge = events[ics.reminder_uid(member)]
    assert "Nudge @zoe" in str(nudge["summary"]) and "@zoe" in str(nudge["description"])
    assert str(events[ics.reminder_uid(snoozed)]["summary"]).startswith("Meetup; bring slides, chairs")
    assert events[ics.reminder_uid(snoozed)].decoded("dtstart") == T0 + dt.timedelta(days=3)


def test_uids_are_stable_across_exports(tmp_path: Path, store: Store, community: Community) -> None:
    assert community.id is not None
    rem.add_reminder(store, community_id=community.id, kind="note", note="n", due_at=T0, now=T0)
    one = Calendar.from_ical(ics.build_calendar(store, now=T0).to_ical())
    two = Calendar.from_ical(ics.build_calendar(store, now=T0 + dt.timedelta(days=1)).to_ical())
    assert [str(e["uid"]) for e in one.walk("VEVENT")] == [str(e["uid"]) for e in two.walk("VEVENT")]


def test_a_custom_url_resolver(store: Store, community: Community) -> None:
    assert community.id is not None
    rem.add_reminder(store, community_id=community.id, kind="topic", topic_id="3", due_at=T0, now=T0)
    calendar = ics.build_calendar(store, now=T0, url_for=lambda r: f"http://127.0.0.1:5555/t/{r.topic_id}")
    (event,) = calendar.walk("VEVENT")
    assert str(event["url"]) == "http://127.0.0.1:5555/t/3"


def test_empty_export_is_still_a_valid_calendar(tmp_path: Path, store: Store, clock: FakeClock) -> None:
    path = tmp_path / "empty.ics"
    assert ics.export_ics(store, path, now=clock.now()) == 0
    assert Calendar.from_ical(path.read_bytes()).walk("VEVENT") == []
