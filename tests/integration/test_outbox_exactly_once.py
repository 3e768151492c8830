"""Exactly once against a real (local) Discourse: the sandbox server, the real connector and HTTP layer.

The account posts with a *user* API key as a staff member: Discourse neither memoizes such POSTs nor
rejects staff duplicates, so a careless retry would show up as a second post. Before each POST, a
seeded draw decides whether the server misbehaves on it: ``drop-after-accept`` (the post is created,
the connection reset before the answer), ``reset`` (reset before anything is created), ``500``, or
``timeout`` (the client gives up; the server still creates the post a moment later). The sender is
run round after round (its clock advanced past the settle delay each round, no sleeps) until the
outbox is empty; the server must then hold each of the 100 replies exactly once.

Between rounds the test waits until the server has finished every POST it received (a timed-out
POST is still running there): that is what a real retry two minutes later would see.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from moderator import outbox
from moderator.model import AuthKind, Community, Platform, SyncBatch, utcnow
from moderator.outbox import OutboxSender, Reason, State
from moderator.platforms import make_connector
from moderator.platforms.base import Connector, PostResult
from moderator.platforms.http import Timeouts
from moderator.sandbox import (
    SANDBOX_API_KEY,
    SANDBOX_USER_API_CLIENT_ID,
    SANDBOX_USER_API_KEY,
    SANDBOX_USERNAME,
    SandboxServer,
)
from moderator.store import Store

FAULT_KINDS = ("drop-after-accept", "reset", "500", "timeout")
REPLIES = 100
FAULT_RATE = 0.4
CLIENT_READ_TIMEOUT = 0.5
SERVER_TIMEOUT_DELAY = 1.0  # the "timeout" fault answers (and creates the post) after this


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for a condition (not a fixed delay); fails the test when it never comes."""
    event = threading.Event()
    deadline = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=timeout)
    while not predicate():
        assert dt.datetime.now(dt.UTC) < deadline, "condition not reached in time"
        event.wait(0.01)


class FaultyPosting:
    """The real connector; before each POST a seeded draw may arm one server fault for it."""

    def __init__(
        self, inner: Connector, srv: SandboxServer, rng: random.Random, faults: Counter[str]
    ) -> None:
        self.inner = inner
        self.srv = srv
        self.rng = rng
        self.faults = faults

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def post_reply(self, topic_id: str, raw: str, *, reply_to_post_number: int | None = None) -> PostResult:
        if self.rng.random() < FAULT_RATE:
            kind = self.rng.choice(FAULT_KINDS)
            self.faults[kind] += 1
            self.srv.inject_fault(r"^/posts\.json$", kind, times=1, method="POST")
        return self.inner.post_reply(topic_id, raw, reply_to_post_number=reply_to_post_number)


@pytest.fixture
def srv() -> Iterator[SandboxServer]:
    server = SandboxServer(seed=7).start()
    server.timeout_delay = SERVER_TIMEOUT_DELAY
    yield server
    server.stop()


def _store_with(tmp_path: Path, community: Community) -> tuple[Store, Community]:
    store = Store(tmp_path / "outbox.sqlite3")
    return store, store.add_community(community)


def _connector(community: Community, secret: str) -> Connector:
    return make_connector(
        community,
        secret,
        client_options={"timeouts": Timeouts(connect=2.0, read=CLIENT_READ_TIMEOUT), "budget": None},
    )


def _load_topics(store: Store, community: Community, topic_ids: list[str]) -> None:
    assert community.id is not None
    connector = _connector(
        community, SANDBOX_USER_API_KEY if community.auth_kind == AuthKind.USER_KEY else SANDBOX_API_KEY
    )
    try:
        for topic_id in topic_ids:
            topic, posts = connector.fetch_topic(topic_id)
            store.apply_batch(community.id, SyncBatch(topics=[topic], posts=posts))
    finally:
        connector.close()


def test_100_sends_through_faults_give_exactly_100_posts(srv: SandboxServer, tmp_path: Path) -> None:
    store, community = _store_with(
        tmp_path,
        Community(
            name="sandbox-user-key",
            platform=Platform.DISCOURSE,
            base_url=srv.url,
            username=SANDBOX_USERNAME,
            auth_kind=AuthKind.USER_KEY,
            settings={"user_api_client_id": SANDBOX_USER_API_CLIENT_ID},
        ),
    )
    assert community.id is not None
    topic_ids = [str(t) for t in srv.world.planted["unanswered_topic_ids"][:10]]
    _load_topics(store, community, topic_ids)
    bodies = [
        f"Réponse {i:03d} : merci pour ce sujet, nous en reparlons à la prochaine réunion."
        for i in range(REPLIES)
    ]
    for i, body in enumerate(bodies):
        outbox.queue_reply(store, community.id, topic_ids[i % len(topic_ids)], body)

    rng, faults = random.Random(20261127), Counter[str]()
    wrapped: list[FaultyPosting] = []

    def connector_for(c: Community) -> Connector:
        connector = FaultyPosting(_connector(c, SANDBOX_USER_API_KEY), srv, rng, faults)
        wrapped.append(connector)
        return connector  # type: ignore[return-value]

    base = utcnow()
    rounds = 0
    outcomes: list[outbox.SendOutcome] = []
    srv.reset_requests()
    try:
        while outbox.pending_count(store) and rounds < 400:
            clock_at = base + dt.timedelta(seconds=rounds * (outbox.SETTLE_SECONDS + 1))
            sender = OutboxSender(clock=lambda at=clock_at: at)
            outcomes += sender.send_pending(store, connector_for)
            rounds += 1
            started = sum(i.attempts for i in outbox.list_items(store))
            wait_until(lambda started=started: srv.request_count("POST", "/posts.json") >= started)
    finally:
        store_items = outbox.list_items(store)
        store.close()

    on_server = Counter(p.raw for p in srv.world.posts.values() if p.raw in set(bodies))
    assert sum(on_server.values()) == REPLIES, on_server.most_common(3)
    assert set(on_server.values()) == {1}
    assert all(item.state == State.SENT for item in store_items)
    posts_sent = srv.request_count("POST", "/posts.json")
    assert posts_sent == sum(item.attempts for item in store_items)

    found = sum(o.found_on_server for o in outcomes)
    unconfirmed = sum(o.reason == Reason.UNCONFIRMED for o in outcomes)
    # every fault kind happened, and every accepted-but-unanswered POST was found, not re-sent
    assert set(faults) == set(FAULT_KINDS), faults
    assert found == faults["drop-after-accept"] + faults["timeout"]
    assert posts_sent == REPLIES + faults["reset"] + faults["500"]
    print(
        f"\n{REPLIES} replies, {posts_sent} POSTs, {rounds} rounds, faults {dict(faults)},"
        f" {found} found on the server instead of re-sent, {unconfirmed} waits for an unanswered POST"
    )


# -- refusals and approval, against the sandbox ----------------------------------------------------------


@pytest.fixture
def member_world(srv: SandboxServer, tmp_path: Path) -> Iterator[tuple[Store, Community]]:
    """A non-staff member (admin key acting as them): duplicates, approval and closed topics apply."""
    member = next(u for u in srv.world.users.values() if not u.staff and u.username == "jess_jackson")
    store, community = _store_with(
        tmp_path,
        Community(
            name="sandbox-member",
            platform=Platform.DISCOURSE,
            base_url=srv.url,
            username=member.username,
            auth_kind=AuthKind.ADMIN_KEY,
        ),
    )
    topics = srv.world.planted["unanswered_topic_ids"][:2] + srv.world.planted["closed_topic_ids"][:1]
    _load_topics(store, community, [str(t) for t in topics])
    yield store, community
    store.close()


def _send(store: Store) -> list[outbox.SendOutcome]:
    return OutboxSender().send_pending(store, lambda c: _connector(c, SANDBOX_API_KEY))


def test_sandbox_rejections_enqueued_and_closed(
    srv: SandboxServer, member_world: tuple[Store, Community]
) -> None:
    store, community = member_world
    assert community.id is not None
    open_a, open_b = (str(t) for t in srv.world.planted["unanswered_topic_ids"][:2])
    closed = str(srv.world.planted["closed_topic_ids"][0])

    short = outbox.queue_reply(store, community.id, open_a, "Trop court.")
    [outcome] = _send(store)
    assert outcome.item_id == short.id and outcome.state == State.REJECTED
    assert "too short" in outcome.detail

    same = "Je partage exactement le même avis que vous sur ce point précis."
    outbox.queue_reply(store, community.id, open_a, same)
    outbox.queue_reply(store, community.id, open_b, same)
    first, second = _send(store)
    assert first.state == State.SENT
    assert second.state == State.REJECTED and second.detail  # the server's duplicate message

    held = outbox.queue_reply(
        store, community.id, closed, "Une réponse à un sujet qui a été fermé entre-temps."
    )
    [outcome] = _send(store)
    assert outcome.state == State.HELD and outcome.reason == Reason.TOPIC_CLOSED
    outbox.requeue(store, held.id, send_anyway=True)
    [outcome] = _send(store)
    assert outcome.state == State.REJECTED  # a member may not post in a closed topic: the server says so

    srv.world.require_approval.add(community.username)
    waiting = outbox.queue_reply(
        store, community.id, open_b, "Une idée qui passera d'abord par la modération."
    )
    [outcome] = _send(store)
    assert outcome.item_id == waiting.id and outcome.state == State.ENQUEUED
    assert outbox.pending_count(store) == 3  # short, duplicate, closed: the user's to deal with
