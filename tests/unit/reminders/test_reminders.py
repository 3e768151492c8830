"""Reminders: due times, snooze, done, reopen, and conditions that resolve themselves and say why."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from moderator import quickpicks
from moderator import reminders as rem
from moderator.clock import FakeClock
from moderator.model import UTC, Community, Topic
from moderator.reminders import Condition, Kind, MirrorState, ResolutionCode, State
from moderator.store import Store

PARIS = ZoneInfo("Europe/Paris")
T0 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # Friday 11:00 in Paris


def _topic_reminder(
    store: Store, community: Community, clock: FakeClock, topic_id: str = "1", **kw: object
) -> rem.Reminder:
    assert community.id is not None
    return rem.add_reminder(
        store,
        community_id=community.id,
        kind=Kind.TOPIC,
        topic_id=topic_id,
        due_at=clock.now() + dt.timedelta(hours=2),
        now=clock.now(),
        **kw,
    )  # type: ignore[arg-type]


# -- creating and listing --------------------------------------------------------------------------


def test_kinds_round_trip(store: Store, community: Community, clock: FakeClock, add_topic) -> None:
    add_topic("1", replies=(("bob", T0 - dt.timedelta(hours=5)),))
    assert community.id is not None
    topic = _topic_reminder(store, community, clock, condition="no-new-reply")
    member = rem.add_reminder(
        store,
        community_id=community.id,
        kind="member",
        username="@zoe",
        member_id="u-zoe",
        due_at=quickpicks.tomorrow(clock.now(), PARIS),
        now=clock.now(),
    )
    note = rem.add_reminder(
        store,
        community_id=community.id,
        kind="note",
        note="  Plan the meetup  ",
        due_at=quickpicks.next_monday(clock.now(), PARIS),
        now=clock.now(),
    )
    assert (
        topic.title == "Topic 1"
        and topic.baseline_post_number == 2
        and topic.condition is Condition.NO_NEW_REPLY
    )
    assert topic.summary() == "Follow up: Topic 1"
    assert member.username == "zoe" and member.summary() == "Nudge @zoe"
    assert note.note == "Plan the meetup" and note.summary() == "Plan the meetup"
    assert [r.id for r in rem.list_reminders(store)] == [topic.id, member.id, note.id]  # soonest first
    assert all(r.state is State.OPEN and r.mirror_state is None for r in (topic, member, note))


def test_a_topic_not_yet_in_the_local_copy_can_be_reminded(
    store: Store, community: Community, clock: FakeClock
) -> None:
    reminder = _topic_reminder(store, community, clock, topic_id="999")
    assert reminder.title == "" and reminder.summary() == "Follow up: topic 999"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "topic"}, "topic's id"),
        ({"kind": "member"}, "username"),
        ({"kind": "note", "note": "  "}, "some text"),
        ({"kind": "note", "note": "x", "condition": "still-unanswered"}, "Only a topic"),
        ({"kind": "member", "username": "zoe", "mirror": True}, "Only a topic"),
        ({"kind": "note", "note": "x", "due_at": dt.datetime(2026, 12, 1)}, "time zone"),
    ],
)
def test_invalid_reminders_say_why(store: Store, community: Community, kwargs: dict, message: str) -> None:
    assert community.id is not None
    kwargs.setdefault("due_at", T0)
    with pytest.raises(rem.ReminderError, match=message):
        rem.add_reminder(store, community_id=community.id, now=T0, **kwargs)


def test_mirror_request_is_queued(store: Store, community: Community, clock: FakeClock) -> None:
    reminder = _topic_reminder(store, community, clock, mirror=True)
    assert reminder.mirror and reminder.mirror_state is MirrorState.PENDING


# -- due, snooze, done, reopen ---------------------------------------------------------------------


def test_due_times(store: Store, community: Community, clock: FakeClock) -> None:
    reminder = _topic_reminder(store, community, clock)  # due in 2 h
    assert rem.due_reminders(store, clock.now()) == []
    assert rem.next_due_at(store, clock.now()) == T0 + dt.timedelta(hours=2)
    clock.advance(hours=1, minutes=59, seconds=59)
    assert rem.count_due(store, clock.now()) == 0
    clock.advance(seconds=1)
    assert [r.id for r in rem.due_reminders(store, clock.now())] == [reminder.id]
    assert rem.count_due(store, clock.now()) == 1
    assert rem.next_due_at(store, clock.now()) is None
    assert rem.due_reminders(store, clock.now(), community_ids=[]) == []


def test_snooze_then_due_again(store: Store, community: Community, clock: FakeClock) -> None:
    reminder = _topic_reminder(store, community, clock)
    clock.advance(hours=3)
    until = quickpicks.tomorrow(clock.now(), PARIS)
    snoozed = rem.snooze(store, reminder.id, until, now=clock.now())
    assert snoozed.state is State.SNOOZED and snoozed.due_at == dt.datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
    assert rem.due_reminders(store, clock.now()) == []
    clock.set(until)
    assert [r.state for r in rem.due_reminders(store, clock.now())] == [State.SNOOZED]
    with pytest.raises(rem.ReminderError, match="future"):
        rem.snooze(store, reminder.id, clock.now() - dt.timedelta(minutes=1), now=clock.now())


def test_done_and_reopen(store: Store, community: Community, clock: FakeClock) -> None:
    reminder = _topic_reminder(store, community, clock)
    clock.advance(hours=3)
    done = rem.mark_done(store, reminder.id, now=clock.now())
    assert done.state is State.DONE and done.done_at == clock.now()
    assert rem.due_reminders(store, clock.now()) == [] and rem.list_reminders(store) == []
    assert [r.id for r in rem.list_reminders(store, states=None)] == [reminder.id]
    again = rem.reopen(store, reminder.id, now=clock.now())
    assert again.state is State.OPEN and again.done_at is None
    assert [r.id for r in rem.due_reminders(store, clock.now())] == [reminder.id]  # its time had passed
    later = rem.reopen(store, reminder.id, now=clock.now(), due_at=clock.now() + dt.timedelta(days=1))
    assert not later.is_due(clock.now())
    with pytest.raises(rem.ReminderError, match="#12345"):
        rem.mark_done(store, 12345, now=clock.now())


def test_changes_repend_the_mirror_but_keep_an_uncertain_send(
    store: Store, community: Community, clock: FakeClock
) -> None:
    reminder = _topic_reminder(store, community, clock, mirror=True)
    with store.write() as db:
        db.execute("UPDATE reminders SET mirror_state='sent' WHERE id=?", (reminder.id,))
    snoozed = rem.snooze(store, reminder.id, clock.now() + dt.timedelta(days=2), now=clock.now())
    assert snoozed.mirror_state is MirrorState.PENDING
    with store.write() as db:
        db.execute("UPDATE reminders SET mirror_state='sending' WHERE id=?", (reminder.id,))
    assert rem.mark_done(store, reminder.id, now=clock.now()).mirror_state is MirrorState.SENDING
    unmirrored = _topic_reminder(store, community, clock)
    assert rem.mark_done(store, unmirrored.id, now=clock.now()).mirror_state is None


# -- conditions ------------------------------------------------------------------------------------


def test_still_unanswered_resolves_with_who_and_when(
    store: Store, community: Community, clock: FakeClock, add_topic, add_reply
) -> None:
    add_topic("1", author="olga", replies=(("olga", T0 - dt.timedelta(hours=1)),))  # the author bumping
    reminder = _topic_reminder(store, community, clock, condition=Condition.STILL_UNANSWERED)
    assert rem.evaluate_conditions(store, clock.now()) == []  # the author's own reply is no answer
    add_reply("1", "bob", T0 + dt.timedelta(minutes=30))
    clock.advance(days=1)
    resolved = rem.evaluate_conditions(store, clock.now())
    assert [r.id for r in resolved] == [reminder.id]
    (r,) = resolved
    assert r.state is State.RESOLVED and r.resolution is not None
    assert r.resolution.code is ResolutionCode.ANSWERED and r.resolution.user == "bob"
    # 10:30 UTC = 11:30 in Paris, the day before "now"
    assert r.resolution.describe(now=clock.now(), zone=PARIS) == "answered by @bob yesterday at 11:30"
    assert rem.get_reminder(store, reminder.id).resolution == r.resolution  # type: ignore[union-attr]
    assert rem.evaluate_conditions(store, clock.now()) == []  # once


def test_no_new_reply_compares_the_highest_post_number(
    store: Store, community: Community, clock: FakeClock, add_topic, add_reply
) -> None:
    add_topic("1", replies=(("bob", T0 - dt.timedelta(hours=3)), ("carl", T0 - dt.timedelta(hours=2))))
    reminder = _topic_reminder(store, community, clock, condition="no-new-reply")
    assert reminder.baseline_post_number == 3
    assert rem.evaluate_conditions(store, clock.now()) == []  # replies before the reminder don't count
    add_reply("1", "dora", T0 + dt.timedelta(minutes=5))
    (r,) = rem.evaluate_conditions(store, clock.now())
    assert r.resolution is not None
    assert r.resolution.describe(now=clock.now(), zone=PARIS) == "new reply by @dora today at 11:05"


def test_no_author_reply_ignores_others(
    store: Store, community: Community, clock: FakeClock, add_topic, add_reply
) -> None:
    add_topic("1", author="olga", replies=(("bob", T0 - dt.timedelta(hours=3)),))
    reminder = _topic_reminder(store, community, clock, condition="no-author-reply")
    add_reply("1", "carl", T0 + dt.timedelta(minutes=5))
    assert rem.evaluate_conditions(store, clock.now()) == []
    add_reply("1", "olga", T0 + dt.timedelta(days=-3))  # clock skew: created_at is not what counts
    clock.advance(days=5)
    (r,) = rem.evaluate_conditions(store, clock.now())
    assert r.id == reminder.id and r.resolution is not None
    assert r.resolution.code is ResolutionCode.AUTHOR_REPLIED
    assert r.resolution.describe(now=clock.now(), zone=PARIS) == "the author, @olga, replied on 2026-11-17"


def test_a_deleted_topic_resolves_and_a_missing_one_does_not(
    store: Store, community: Community, clock: FakeClock, add_topic
) -> None:
    topic: Topic = add_topic("1")
    deleted = _topic_reminder(store, community, clock, condition="still-unanswered")
    missing = _topic_reminder(store, community, clock, topic_id="404", condition="still-unanswered")
    topic.deleted_at = T0
    from moderator.model import SyncBatch

    assert community.id is not None
    store.apply_batch(community.id, SyncBatch(topics=[topic]))
    (r,) = rem.evaluate_conditions(store, clock.now())
    assert r.id == deleted.id and r.resolution is not None
    assert r.resolution.describe(now=clock.now(), zone=PARIS) == "the topic was deleted"
    assert rem.get_reminder(store, missing.id).state is State.OPEN  # type: ignore[union-attr]


def test_whispers_and_small_actions_are_not_answers(
    store: Store, community: Community, clock: FakeClock, add_topic
) -> None:
    add_topic("1")
    _topic_reminder(store, community, clock, condition="still-unanswered")
    from moderator.model import Post, SyncBatch

    assert community.id is not None
    store.apply_batch(
        community.id,
        SyncBatch(
            posts=[
                Post(
                    id="w",
                    topic_id="1",
                    post_number=2,
                    author_id="u-mod",
                    username="mod",
                    post_type=4,
                    created_at=T0,
                ),
                Post(
                    id="s",
                    topic_id="1",
                    post_number=3,
                    author_id="u-mod",
                    username="mod",
                    post_type=3,
                    created_at=T0,
                ),
            ]
        ),
    )
    assert rem.evaluate_conditions(store, clock.now()) == []


def test_collect_due_resolves_before_ringing(
    store: Store, community: Community, clock: FakeClock, add_topic, add_reply
) -> None:
    add_topic("1")
    add_topic("2")
    answered = _topic_reminder(store, community, clock, topic_id="1", condition="still-unanswered")
    waiting = _topic_reminder(store, community, clock, topic_id="2", condition="still-unanswered")
    later = rem.add_reminder(
        store,
        community_id=community.id or 0,
        kind="note",
        note="later",
        due_at=clock.now() + dt.timedelta(days=3),
        now=clock.now(),
    )
    add_reply("1", "bob", T0 + dt.timedelta(hours=1))
    clock.advance(hours=2)
    check = rem.collect_due(store, clock.now())
    assert [r.id for r in check.resolved] == [answered.id]
    assert [r.id for r in check.due] == [waiting.id]
    assert later.id not in [r.id for r in check.due]
    assert rem.overdue_at_startup(store, clock.now()).due == check.due


def test_a_resolved_reminder_reopened_keeps_no_condition(
    store: Store, community: Community, clock: FakeClock, add_topic, add_reply
) -> None:
    add_topic("1")
    reminder = _topic_reminder(store, community, clock, condition="still-unanswered")
    add_reply("1", "bob", T0)
    rem.evaluate_conditions(store, clock.now())
    again = rem.reopen(store, reminder.id, now=clock.now())
    assert again.state is State.OPEN and again.condition is None and again.resolution is None
    assert rem.evaluate_conditions(store, clock.now()) == []


def test_resolution_words_can_be_translated() -> None:
    resolution = rem.Resolution(ResolutionCode.ANSWERED, "bob", T0)
    french = {
        "answered by @{user} {when}": "répondu par @{user} {when}",
        "today at {time}": "aujourd'hui à {time}",
    }
    text = resolution.describe(now=T0, zone=PARIS, tr=lambda s: french.get(s, s))
    assert text == "répondu par @bob aujourd'hui à 11:00"
    assert rem.Resolution.from_json(resolution.to_json()) == resolution
    assert rem.Resolution.from_json("{not json") is None


# -- nudges ----------------------------------------------------------------------------------------


def test_nudge_draft_speaks_the_community_language(
    store: Store, community: Community, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert rem.nudge_draft_text(store, community, "@zoe").startswith("Hi @zoe,")
    community.settings["language"] = "fr"
    text = rem.nudge_draft_text(store, community, "zoe")
    assert text.startswith("Bonjour @zoe,")


def test_nudge_draft_prefers_a_saved_nudge(
    store: Store, community: Community, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moderator import saved_replies
    from moderator.saved_replies import SavedReply

    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    # The shipped "invite a silent member" needs a topic: not used for a nudge without one.
    assert rem.nudge_draft_text(store, community, "zoe").startswith("Bonjour @zoe,")
    saved_replies.save_saved_reply(
        store, SavedReply("Relance douce", "Coucou {first_name}, {community} te salue !", "fr")
    )
    saved_replies.save_saved_reply(store, SavedReply("Nudge (English)", "Hey {username}", "en"))
    assert rem.nudge_draft_text(store, community, "zoe") == "Coucou zoe, Acme ideas te salue !"


def test_restore_undoes_done_and_snooze(
    store: Store, community: Community, clock: FakeClock, add_topic, add_reply
) -> None:
    add_topic("1")
    before = _topic_reminder(store, community, clock, condition="still-unanswered", mirror=True)
    rem.mark_done(store, before.id, now=clock.now())
    back = rem.restore(store, before)
    assert (back.state, back.due_at, back.done_at, back.condition) == (
        State.OPEN,
        before.due_at,
        None,
        Condition.STILL_UNANSWERED,
    )
    assert back.mirror_state is MirrorState.PENDING
    add_reply("1", "bob", T0)
    (resolved,) = rem.evaluate_conditions(store, clock.now())
    rem.reopen(store, resolved.id, now=clock.now())
    again = rem.restore(store, resolved)
    assert again.state is State.RESOLVED and again.resolution == resolved.resolution
