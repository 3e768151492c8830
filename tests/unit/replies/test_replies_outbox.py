"""The outbox: queueing replaces the draft atomically; sending is exactly once whatever the network
does; refusals, approvals, conflicts and closed topics end in states the user can act on."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest

from moderator import drafts, outbox
from moderator.model import Community
from moderator.outbox import OutboxSender, Reason, State
from moderator.platforms.base import AuthenticationError, NotFound, Offline
from tests.helpers.posting_double import FakeConnector, World

BODY = "Thanks Bob, a four-day week is worth a pilot. Who wants to join?"


def queue(world: World, body: str = BODY, **kwargs: object) -> outbox.OutboxItem:
    return outbox.queue_reply(world.store, world.cid, "10", body, **kwargs)  # type: ignore[arg-type]


def send(world: World, sender: OutboxSender | None = None, **kwargs: object) -> list[outbox.SendOutcome]:
    return (sender or OutboxSender()).send_pending(world.store, world.connector_for, **kwargs)  # type: ignore[arg-type]


def server_copies(world: World, body: str = BODY) -> int:
    return sum(p.raw == body for p in world.server.posts)


# -- queueing ------------------------------------------------------------------------------------------


def test_queueing_deletes_the_draft_in_the_same_transaction(world: World) -> None:
    drafts.save_draft(world.store, world.cid, "10", "draft text", last_seen_post_number=1)
    item = queue(world)
    assert drafts.get_draft(world.store, world.cid, "10") is None
    assert item.state == State.QUEUED and item.attempts == 0
    assert item.last_seen_post_number == 1  # from the draft: when the user started
    assert len(item.client_token) == 36
    assert outbox.pending_count(world.store) == 1


def test_queueing_rolls_back_with_the_draft_intact(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    drafts.save_draft(world.store, world.cid, "10", "draft text")
    with pytest.raises(outbox.EmptyReply):
        queue(world, "  \n ")
    assert drafts.get_draft(world.store, world.cid, "10") is not None
    assert outbox.list_items(world.store) == []


# -- sending -------------------------------------------------------------------------------------------


def test_sent_reply_is_stored_and_the_topic_bumped(world: World) -> None:
    item = queue(world)
    [outcome] = send(world)
    assert outcome.state == State.SENT and not outcome.found_on_server
    sent = outbox.get_item(world.store, item.id)
    assert (
        sent is not None and sent.state == State.SENT and sent.server_post_number == 3 and sent.attempts == 1
    )
    topic = world.store.topic(world.cid, "10")
    assert topic is not None
    assert (topic.posts_count, topic.reply_count, topic.highest_post_number) == (3, 1, 3)
    assert topic.last_poster_username == "ann"
    assert world.store.posts(world.cid, "10")[-1].raw == BODY
    assert outbox.pending_count(world.store) == 0


def test_dropped_answer_after_accept_is_found_not_reposted(world: World) -> None:
    queue(world)
    world.server.script = ["drop"]
    [first] = send(world)
    assert first.state == State.QUEUED and first.reason == Reason.OFFLINE
    assert server_copies(world) == 1  # the server has it, the app does not know yet
    [second] = send(world)
    assert second.state == State.SENT and second.found_on_server
    assert world.server.post_calls == 1  # looked, found, did not post again
    assert server_copies(world) == 1


def test_unanswered_post_is_reposted_only_after_it_settled(world: World) -> None:
    """No answer and not on the server: it may still be in flight there; post again only later."""
    queue(world)
    world.server.script = ["offline"]
    send(world)
    [early] = send(world)
    assert early.state == State.QUEUED and early.reason == Reason.UNCONFIRMED
    assert world.server.post_calls == 1 and world.server.find_calls == 1
    later = OutboxSender(
        clock=lambda: dt.datetime.now(dt.UTC) + dt.timedelta(seconds=outbox.SETTLE_SECONDS + 1)
    )
    [again] = send(world, later)
    assert again.state == State.SENT and not again.found_on_server
    assert world.server.find_calls == 2 and server_copies(world) == 1


def test_after_a_server_error_it_is_posted_again_at_once(world: World) -> None:
    queue(world)
    world.server.script = ["500"]
    send(world)
    [again] = send(world)
    assert again.state == State.SENT and world.server.find_calls == 1 and server_copies(world) == 1


def test_crash_between_mark_sending_and_answer_is_resolved_by_looking(world: World) -> None:
    """The app died mid-POST: the item is 'sending' with attempts 1 and no claim holder alive."""
    item = queue(world)
    world.server.add_post("10", "ann", BODY)  # the POST had landed
    with world.store.write() as db:
        db.execute(
            "UPDATE outbox SET state='sending', attempts=1, claimed_by='elsewhere:1:x', claimed_until=0 WHERE id=?",
            (item.id,),
        )
    [outcome] = send(world)
    assert outcome.state == State.SENT and outcome.found_on_server
    assert world.server.post_calls == 0 and server_copies(world) == 1


def test_server_error_keeps_it_queued_and_stops_that_community(world: World) -> None:
    first = queue(world)
    second = queue(world, BODY + " (second)")
    world.server.script = ["500"]
    outcomes = send(world)
    assert [o.item_id for o in outcomes] == [first.id]  # the second waits: order is kept
    assert outcomes[0].state == State.QUEUED and outcomes[0].reason == Reason.SERVER_ERROR
    assert outbox.get_item(world.store, second.id).attempts == 0  # type: ignore[union-attr]
    assert [o.state for o in send(world)] == [State.SENT, State.SENT]
    assert [p.raw for p in world.server.posts[-2:]] == [BODY, BODY + " (second)"]


def test_no_connector_says_why_without_touching_the_items(world: World) -> None:
    queue(world)

    def broken(_c: Community) -> FakeConnector:
        raise AuthenticationError()

    [outcome] = OutboxSender().send_pending(world.store, broken)
    item = outbox.list_items(world.store)[0]
    assert outcome.reason == Reason.SIGN_IN and item.state == State.QUEUED and item.attempts == 0


def test_cancel_stops_between_items(world: World) -> None:
    queue(world)
    cancel = threading.Event()
    cancel.set()
    assert send(world, cancel=cancel) == []
    assert world.server.post_calls == 0


# -- refusals, approval, conflicts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "reason", "detail"),
    [
        ("reject:Body is too short (minimum is 20 characters)", Reason.REJECTED, "too short"),
        ("raise-reject:Body is too similar to what you recently posted", Reason.REJECTED, "similar"),
        ("permission", Reason.NOT_ALLOWED, "not allowed"),
    ],
)
def test_rejections_stay_editable_with_the_servers_reason(
    world: World, script: str, reason: Reason, detail: str
) -> None:
    item = queue(world)
    world.server.script = [script]
    [outcome] = send(world)
    stored = outbox.get_item(world.store, item.id)
    assert stored is not None
    assert outcome.state == stored.state == State.REJECTED and stored.reason == reason
    assert detail in stored.last_error
    assert stored.editable
    assert outbox.pending_count(world.store) == 1  # still the user's to deal with
    again = outbox.requeue(world.store, item.id, body=BODY + " edited")
    assert again.state == State.QUEUED and again.reason is None and again.body.endswith("edited")
    [retry] = send(world)
    assert retry.state == State.SENT


def test_enqueued_for_approval_is_not_a_failure(world: World) -> None:
    item = queue(world)
    world.server.script = ["enqueue"]
    [outcome] = send(world)
    assert outcome.state == State.ENQUEUED
    assert "Awaiting approval" in outcome.describe()
    assert outbox.pending_count(world.store) == 0
    assert outbox.get_item(world.store, item.id).state == State.ENQUEUED  # type: ignore[union-attr]
    assert send(world) == []  # never sent again


def test_new_replies_since_the_draft_started_hold_it(world: World) -> None:
    item = queue(world)  # last seen: post 2
    world.server.add_post("10", "dave", "Actually we tried it last year.")
    [outcome] = send(world)
    assert outcome.state == State.HELD and outcome.reason == Reason.NEW_REPLIES
    assert "@dave" in outcome.detail
    assert world.server.post_calls == 0
    assert world.store.topic(world.cid, "10").highest_post_number == 3  # type: ignore[union-attr]  # refreshed
    assert "new replies since you started" in outcome.describe()
    outbox.requeue(world.store, item.id, send_anyway=True)
    [sent] = send(world)
    assert sent.state == State.SENT


def test_my_own_posts_are_not_new_replies(world: World) -> None:
    queue(world)
    world.server.add_post("10", "ann", "something I posted from the web meanwhile")
    [outcome] = send(world)
    assert outcome.state == State.SENT


def test_closed_topic_holds_until_the_user_says_send_anyway(world: World) -> None:
    item = queue(world)
    world.server.topics["10"].closed = True
    [outcome] = send(world)
    assert outcome.state == State.HELD and outcome.reason == Reason.TOPIC_CLOSED
    assert world.store.topic(world.cid, "10").closed  # type: ignore[union-attr]
    outbox.requeue(world.store, item.id, send_anyway=True)
    assert send(world)[0].state == State.SENT


def test_deleted_topic_holds_it(world: World) -> None:
    queue(world)
    world.server.fail_reads = [NotFound()]
    [outcome] = send(world)
    assert outcome.state == State.HELD and outcome.reason == Reason.TOPIC_GONE


def test_offline_while_checking_keeps_it_queued_without_an_attempt(world: World) -> None:
    item = queue(world)
    world.server.fail_reads = [Offline()]
    [outcome] = send(world)
    stored = outbox.get_item(world.store, item.id)
    assert (
        outcome.reason == Reason.OFFLINE and stored is not None and stored.attempts == 0 and stored.editable
    )


# -- editing, deleting, leases -------------------------------------------------------------------------


def test_to_draft_moves_it_back_and_merges_with_an_existing_draft(world: World) -> None:
    item = queue(world)
    drafts.save_draft(world.store, world.cid, "10", "Started another one")
    draft = outbox.to_draft(world.store, item.id)
    assert draft.body == f"Started another one\n\n{BODY}"
    assert outbox.get_item(world.store, item.id) is None


def test_to_draft_refuses_when_the_server_may_have_it(world: World) -> None:
    item = queue(world)
    world.server.script = ["drop"]
    send(world)
    with pytest.raises(ValueError, match="already have reached"):
        outbox.to_draft(world.store, item.id)


def test_delete_and_restore(world: World) -> None:
    item = queue(world)
    deleted = outbox.delete_item(world.store, item.id)
    assert deleted is not None and outbox.list_items(world.store) == []
    outbox.restore_item(world.store, deleted)
    restored = outbox.get_item(world.store, item.id)
    assert restored is not None and restored.client_token == item.client_token


def test_a_live_lease_keeps_a_second_sender_away(world: World) -> None:
    item = queue(world)
    holder = OutboxSender()
    assert holder._claim(world.store, item.id) is not None
    [outcome] = send(world)  # another sender, same process: the holder is alive
    assert outcome.skipped and world.server.post_calls == 0
    holder._release(world.store, item.id)
    assert send(world)[0].state == State.SENT


def test_an_expired_lease_is_taken_over(world: World) -> None:
    item = queue(world)
    now = dt.datetime.now(dt.UTC)
    early = OutboxSender(clock=lambda: now - dt.timedelta(hours=1))
    assert early._claim(world.store, item.id) is not None
    assert send(world)[0].state == State.SENT


def test_unsent_counts_and_describe(world: World) -> None:
    queue(world)
    counts = outbox.unsent_counts(world.store)
    assert counts[State.QUEUED] == 1 and sum(counts.values()) == 1
    assert outbox.describe(State.QUEUED, None) == "Queued — will be sent when online"
    assert outbox.describe(State.QUEUED, Reason.OFFLINE, "long message") == (
        "Queued, not sent yet: the community could not be reached"
    )
    assert outbox.describe(State.REJECTED, Reason.REJECTED, "Body too short") == (
        "Rejected: the server refused it: Body too short"
    )


def test_sent_post_counts_once_even_if_sync_brought_it_first(world: World) -> None:
    queue(world)
    world.server.script = ["drop"]
    send(world)
    topic, posts = world.connector_for(world.community).fetch_topic("10")
    from moderator.model import SyncBatch

    world.store.apply_batch(world.cid, SyncBatch(topics=[topic], posts=posts))  # a sync ran meanwhile
    send(world)
    stored = world.store.topic(world.cid, "10")
    assert stored is not None and stored.posts_count == 3
    assert dataclasses.asdict(stored)["highest_post_number"] == 3
