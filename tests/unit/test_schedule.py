"""Animation posts: send later, recurring series, the planned timeline — with an injectable clock."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import pytest
from icalendar import Calendar

from moderator import outbox, reminders
from moderator.model import UTC, AuthKind, Community, Member, Platform, Post, SyncBatch, Topic
from moderator.outbox import OutboxSender, Reason, State
from moderator.platforms.base import PostResult, PostStatus
from moderator.schedule import planned, series, topics, when
from moderator.schedule.rules import Rule, RuleError
from moderator.store import Store

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def community(store: Store) -> Community:
    return store.add_community(
        Community(name="acme", platform=Platform.DISCOURSE, base_url="https://acme.example.org",
                  username="anim", auth_kind=AuthKind.USER_KEY, title="Acme")
    )


class FakeConnector:
    """Records what is created; ``lose_answer`` makes the next create reach the server but raise."""

    def __init__(self) -> None:
        self.topics: list[tuple[str, str, str | None, tuple[str, ...]]] = []
        self.replies: list[tuple[str, str]] = []
        self.lose_answer = False

    def create_topic(self, title, raw, *, category_id=None, tags=()):  # type: ignore[no-untyped-def]
        self.topics.append((title, raw, category_id, tuple(tags)))
        post = Post(id=f"p{len(self.topics)}", topic_id=f"t{len(self.topics)}", post_number=1, username="anim",
                    raw=raw)
        if self.lose_answer:
            self.lose_answer = False
            from moderator.platforms.base import Offline

            raise Offline()
        return PostResult(PostStatus.CREATED, post)

    def find_topic(self, title, raw, *, since):  # type: ignore[no-untyped-def]
        for i, (t, r, _c, _tags) in enumerate(self.topics, start=1):
            if t == title and r == raw:
                return Post(id=f"p{i}", topic_id=f"t{i}", post_number=1, username="anim", raw=raw)
        return None

    def fetch_topic(self, topic_id):  # type: ignore[no-untyped-def]
        return Topic(id=topic_id, title="T", highest_post_number=1), []

    def post_reply(self, topic_id, raw, *, reply_to_post_number=None):  # type: ignore[no-untyped-def]
        self.replies.append((topic_id, raw))
        return PostResult(PostStatus.CREATED, Post(id=f"r{len(self.replies)}", topic_id=topic_id, post_number=2,
                                                   username="anim", raw=raw))

    def close(self) -> None:
        pass


def sender_at(moment: dt.datetime) -> OutboxSender:
    return OutboxSender(clock=lambda: moment, close_connectors=False)


BODY = "Quelle est votre meilleure astuce pour animer une réunion à distance ?"
TITLE = "Question de la semaine : vos astuces de réunion"


def test_a_topic_scheduled_while_the_app_is_closed_goes_out_once_at_next_start(
    store: Store, community: Community
) -> None:
    tuesday_9 = dt.datetime(2026, 12, 8, 8, 0, tzinfo=UTC)  # 9:00 in Paris
    item = topics.queue_topic(store, community.id, TITLE, BODY, category_id="5", tags=["semaine"],
                              not_before=tuesday_9, now=tuesday_9 - dt.timedelta(days=2))
    server = FakeConnector()
    # Monday: the app runs, nothing is due.
    assert sender_at(tuesday_9 - dt.timedelta(hours=20)).send_pending(store, lambda c: server) == []
    assert outbox.next_due(store) == tuesday_9
    # The app was closed on Tuesday morning; it starts at 11:30.
    late_start = tuesday_9 + dt.timedelta(hours=2, minutes=30)
    (outcome,) = sender_at(late_start).send_pending(store, lambda c: server)
    assert outcome.state == State.SENT and outcome.late_by == dt.timedelta(hours=2, minutes=30)
    assert "2 h late" in outcome.describe()
    assert server.topics == [(TITLE, BODY, "5", ("semaine",))]
    assert sender_at(late_start + dt.timedelta(minutes=1)).send_pending(store, lambda c: server) == []
    sent = outbox.get_item(store, item.id)
    assert sent is not None and sent.topic_id == "t1" and sent.state == State.SENT
    stored = store.topic(community.id, "t1")
    assert stored is not None and stored.title == TITLE and stored.category_id == "5"
    assert outbox.next_due(store) is None


def test_a_lost_answer_is_found_on_the_server_not_sent_twice(store: Store, community: Community) -> None:
    now = dt.datetime(2026, 12, 8, 8, 0, tzinfo=UTC)
    topics.queue_topic(store, community.id, TITLE, BODY, now=now)
    server = FakeConnector()
    server.lose_answer = True
    (first,) = sender_at(now).send_pending(store, lambda c: server)
    assert first.state == State.QUEUED and first.reason == Reason.OFFLINE
    (second,) = sender_at(now + dt.timedelta(minutes=5)).send_pending(store, lambda c: server)
    assert second.state == State.SENT and second.found_on_server
    assert len(server.topics) == 1


def test_replies_can_be_sent_later_rescheduled_and_cancelled(store: Store, community: Community) -> None:
    now = dt.datetime(2026, 12, 7, 17, 0, tzinfo=UTC)
    store.apply_batch(community.id, SyncBatch(topics=[Topic(id="42", title="Parking", highest_post_number=1)]))
    later = outbox.queue_reply(store, community.id, "42", "Merci, je regarde ça demain matin sans faute.",
                               not_before=now + dt.timedelta(hours=15), now=now)
    server = FakeConnector()
    assert sender_at(now).send_pending(store, lambda c: server) == []
    outbox.reschedule(store, later.id, now + dt.timedelta(hours=1))
    assert outbox.next_due(store) == now + dt.timedelta(hours=1)
    assert sender_at(now + dt.timedelta(minutes=59)).send_pending(store, lambda c: server) == []
    (outcome,) = sender_at(now + dt.timedelta(hours=1, minutes=1)).send_pending(store, lambda c: server)
    assert outcome.state == State.SENT and outcome.late_by is None and server.replies == [("42", later.body)]
    with pytest.raises(ValueError, match="already on its way"):
        outbox.reschedule(store, later.id, None)


def test_titles_are_checked_before_queueing(store: Store, community: Community) -> None:
    with pytest.raises(topics.TopicError, match="too short"):
        topics.queue_topic(store, community.id, "Hello", BODY)
    with pytest.raises(outbox.EmptyReply):
        topics.queue_topic(store, community.id, TITLE, "   ")


def test_rules_keep_local_time_across_daylight_saving() -> None:
    monday = Rule.parse("weekly MON 09:00")
    before = dt.datetime(2026, 3, 20, tzinfo=UTC)
    got = monday.occurrences(before, before + dt.timedelta(days=14), PARIS)
    assert got == [dt.datetime(2026, 3, 23, 8, 0, tzinfo=UTC), dt.datetime(2026, 3, 30, 7, 0, tzinfo=UTC)]
    autumn = monday.occurrences(dt.datetime(2026, 10, 20, tzinfo=UTC), dt.datetime(2026, 11, 3, tzinfo=UTC), PARIS)
    assert autumn == [dt.datetime(2026, 10, 26, 8, 0, tzinfo=UTC), dt.datetime(2026, 11, 2, 8, 0, tzinfo=UTC)]
    assert [d.astimezone(PARIS).hour for d in got + autumn] == [9, 9, 9, 9]
    first = Rule.parse("monthly first TUE 10:30")
    assert first.next_after(dt.datetime(2026, 12, 6, tzinfo=UTC), PARIS) == dt.datetime(2027, 1, 5, 9, 30, tzinfo=UTC)
    last = Rule.parse("monthly last FRI 16:00")
    assert last.next_after(dt.datetime(2026, 12, 6, tzinfo=UTC), PARIS).astimezone(PARIS).day == 25
    assert Rule.parse("monthly 1 09:00").next_after(dt.datetime(2026, 12, 6, tzinfo=UTC), PARIS).day == 1
    assert Rule.parse(first.text()) == first
    for bad in ("weekly XYZ 09:00", "monthly 31 09:00", "daily 09:00", "weekly MON nine"):
        with pytest.raises(RuleError):
            Rule.parse(bad)


def test_a_series_prepares_exactly_one_draft_per_occurrence(store: Store, community: Community) -> None:
    created = dt.datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # a Monday noon
    store.apply_batch(community.id, SyncBatch(members=[
        Member(id="7", username="nina", created_at=dt.datetime(2026, 12, 2, tzinfo=UTC)),
        Member(id="8", username="old", created_at=dt.datetime(2025, 1, 2, tzinfo=UTC)),
    ]))
    weekly = series.add_series(
        store, community_id=community.id, name="Question de la semaine",
        title="Semaine {week} : quelle est votre question ?",
        body="Bonjour à tous, et bienvenue à {newcomers} ! Nous sommes le {date}.\n\n{oldest_unanswered}",
        rule="weekly MON 09:00", zone="Europe/Paris", language="fr", category_id="5", now=created,
    )
    # Run every hour for two weeks: each Monday's occurrence is prepared once, a day ahead.
    moment = created
    made = []
    while moment < created + dt.timedelta(days=14):
        made += series.prepare_due(store, now=moment)
        made += series.prepare_due(store, now=moment)  # twice: nothing more
        moment += dt.timedelta(hours=1)
    assert [i.not_before for i in made] == [dt.datetime(2026, 12, 7, 8, 0, tzinfo=UTC),
                                           dt.datetime(2026, 12, 14, 8, 0, tzinfo=UTC)]
    first = made[0]
    assert first.created_at == dt.datetime(2026, 12, 6, 8, 0, tzinfo=UTC)  # 24 h ahead
    assert first.state == State.HELD and first.reason == Reason.AWAITING_APPROVAL
    assert first.new_topic_title == "Semaine 50 : quelle est votre question ?"
    assert "bienvenue à @nina !" in first.body and "lundi 7 décembre 2026" in first.body
    # Not sent before approval, even when due; approved, it goes out once.
    server = FakeConnector()
    due = dt.datetime(2026, 12, 7, 8, 1, tzinfo=UTC)
    assert sender_at(due).send_pending(store, lambda c: server) == []
    topics.approve(store, first.id)
    (outcome,) = sender_at(due).send_pending(store, lambda c: server)
    assert outcome.state == State.SENT and len(server.topics) == 1
    assert weekly.upcoming(due, 2) == [dt.datetime(2026, 12, 14, 8, 0, tzinfo=UTC),
                                       dt.datetime(2026, 12, 21, 8, 0, tzinfo=UTC)]


def test_an_automatic_series_queues_for_its_time_and_a_long_gap_is_skipped(store: Store, community: Community) -> None:
    created = dt.datetime(2026, 11, 1, tzinfo=UTC)
    series.add_series(store, community_id=community.id, name="Idées du mois", title="Les idées du mois de {month}",
                      body="Quelles idées pour {community} ce mois-ci ?", rule="monthly 1 09:00",
                      zone="Europe/Paris", language="fr", auto_send=True, now=created)
    # The app was closed from 1 November to 20 December: 1 December is not prepared a month late.
    made = series.prepare_due(store, now=dt.datetime(2026, 12, 20, tzinfo=UTC))
    assert made == []
    made = series.prepare_due(store, now=dt.datetime(2026, 12, 31, 10, tzinfo=UTC))
    (item,) = made
    assert item.state == State.QUEUED and item.new_topic_title == "Les idées du mois de janvier"
    assert item.body == "Quelles idées pour Acme ce mois-ci ?"


def test_send_later_picks_in_local_time() -> None:
    sunday_evening = dt.datetime(2026, 12, 6, 19, 0, tzinfo=UTC)
    got = dict(when.picks(sunday_evening, PARIS))
    assert got[when.SendPick.NEXT_WORKING_MORNING] == dt.datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    assert got[when.SendPick.TUESDAY_MORNING] == dt.datetime(2026, 12, 8, 8, 0, tzinfo=UTC)
    assert when.SendPick.TOMORROW_MORNING not in got  # the same Monday 9:00 as "next working morning"
    friday_evening = dt.datetime(2026, 12, 11, 19, 0, tzinfo=UTC)
    assert when.resolve("next-working-morning", friday_evening, PARIS) == dt.datetime(2026, 12, 14, 8, 0, tzinfo=UTC)
    assert when.parse_send_at("tuesday-morning", friday_evening, PARIS).astimezone(PARIS).weekday() == 1
    with pytest.raises(ValueError, match="past"):
        when.parse_send_at("2026-12-01 09:00", friday_evening, PARIS)


def test_the_timeline_and_its_calendar_export(store: Store, community: Community, tmp_path: Path) -> None:
    now = dt.datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    topics.queue_topic(store, community.id, TITLE, BODY, not_before=now + dt.timedelta(days=2), now=now)
    topics.queue_topic(store, community.id, "Ceci part maintenant, sans attendre", BODY, now=now)  # not planned
    series.add_series(store, community_id=community.id, name="Lundi", title="Question du lundi {week}",
                      body="Votre question ?", rule="weekly MON 09:00", zone="Europe/Paris", now=now)
    reminders.add_reminder(store, community_id=community.id, kind="note", due_at=now + dt.timedelta(days=1),
                           now=now, note="Appeler Ann")
    entries = planned.timeline(store, now=now, horizon=dt.timedelta(days=10))
    assert [(e.kind.value, e.when.astimezone(PARIS).strftime("%a %d %H:%M")) for e in entries] == [
        ("upcoming", "Mon 07 09:00"),
        ("reminder", "Mon 07 13:00"),
        ("scheduled", "Tue 08 13:00"),
        ("upcoming", "Mon 14 09:00"),
    ]
    kinds = [e.kind.value for e in entries]
    assert kinds == ["upcoming", "reminder", "scheduled", "upcoming"]
    assert [e.when for e in entries] == sorted(e.when for e in entries)
    path = tmp_path / "planned.ics"
    assert planned.export_ics(store, path, now=now, horizon=dt.timedelta(days=10)) == 4
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    summaries = sorted(str(e["summary"]) for e in events)
    assert any(s.startswith("Planned post: " + TITLE) for s in summaries)
    assert sum(s.startswith("Recurring post: Lundi") for s in summaries) == 2
