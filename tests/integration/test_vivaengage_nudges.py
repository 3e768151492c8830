"""Nudges on Viva Engage are direct messages, sent exactly once: the real connector against the local network.

The network performs every direct message and then resets the connection before answering
(``drop-answer``): the sender cannot know the message arrived, so it must look in
``/messages/private.json`` before sending again. Five readers nudged must give exactly five direct
messages, each to its reader, no public message, no duplicate, within the network's rate limits.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moderator import outbox
from moderator.model import AuthKind, Community, Platform, utcnow
from moderator.nudges import history, send, texts
from moderator.outbox import OutboxSender, Reason, State
from moderator.platforms import make_connector, private_message_titles, supports_private_messages
from moderator.platforms.base import Connector
from moderator.platforms.http import Timeouts
from moderator.store import Store
from moderator.sync import sync_community
from tests.helpers.memory_keyring import memory_keyring
from tests.helpers.vivaengage_server import Network, VivaEngageServer, running

WINDOW = 0.4  # the server's budget window: 10 requests per 0.4 s (the real one is 30 s)


@pytest.fixture
def srv() -> Iterator[VivaEngageServer]:
    with running(Network(seed=8, threads=40, users=30), window=WINDOW) as server:
        yield server


@pytest.fixture
def world(srv: VivaEngageServer, tmp_path: Path) -> Iterator[tuple[Store, Community]]:
    with memory_keyring(), Store(tmp_path / "moderator.sqlite3") as store:
        community = store.add_community(
            Community(
                name="viva",
                platform=Platform.VIVAENGAGE,
                base_url=srv.url,
                username=srv.network.users[srv.network.me].name,
                auth_kind=AuthKind.TOKEN,
                settings={"rate_limits": [[10, WINDOW + 0.3]]},  # 0.3 s for jitter under load
            )
        )
        report = sync_community(store, community, _connector(community))
        assert report.ok, report.message
        yield store, community


def _connector(community: Community, **options: Any) -> Connector:
    return make_connector(community, "token-me", client_options={"timeouts": Timeouts(2.0, 1.0), **options})


def _readers(srv: VivaEngageServer) -> list[str]:
    """Active members who never wrote anything (the network's silent majority)."""
    net = srv.network
    return [
        u.name
        for u in sorted(net.users.values(), key=lambda u: u.id)
        if u.state == "active" and u.id != net.me and net.updates(u.id) == 0
    ]


def _send_until_done(store: Store, rounds: int = 10) -> list[outbox.SendOutcome]:
    base = utcnow()
    outcomes: list[outbox.SendOutcome] = []
    for index in range(rounds):
        if not outbox.pending_count(store):
            break
        at = base + dt.timedelta(seconds=index * (outbox.SETTLE_SECONDS + 1))
        outcomes += OutboxSender(clock=lambda at=at: at).send_pending(store, _connector)
    return outcomes


@pytest.mark.parametrize("references_name_participants", [True, False])
def test_five_readers_nudged_through_dropped_answers_give_five_direct_messages(
    srv: VivaEngageServer, world: tuple[Store, Community], references_name_participants: bool
) -> None:
    store, community = world
    assert community.id is not None
    assert supports_private_messages(community) and not private_message_titles(community)
    net = srv.network
    readers = _readers(srv)[:5]
    assert len(readers) == 5
    for name in readers:
        assert send.segment_of(store, community, name) is texts.Purpose.READER
        prepared = texts.prepare(store, community, name, texts.Purpose.READER, "fr")
        assert "/t/-/" not in prepared.body  # a quoted thread is a Viva Engage address
        send.queue_private(
            store,
            community,
            name,
            title=prepared.title,
            body=prepared.body,
            purpose=texts.Purpose.READER,
            language="fr",
        )
    assert outbox.pending_count(store) == 5
    messages_before = set(net.messages)
    srv.thread_participants = references_name_participants  # else /threads/{id}.json tells them
    srv.reset_requests()

    # Every POST is performed by the network, then the connection is reset before the answer.
    srv.inject_fault(r"^/api/v1/messages\.json", "drop-answer", times=5, method="POST")
    outcomes = _send_until_done(store)

    new = [net.messages[i] for i in sorted(set(net.messages) - messages_before)]
    direct = [m for m in new if m.direct_to]
    public = [m for m in new if not m.direct_to]
    by_id = {u.id: u.name for u in net.users.values()}
    recipients = Counter(by_id[u] for m in direct for u in m.direct_to if u != net.me)
    assert len(direct) == 5
    assert public == []
    assert recipients == Counter(readers)  # the right people, each exactly once: no duplicate
    assert all(m.sender_id == net.me and len(m.direct_to) == 2 for m in direct)
    assert all(m.thread_id == m.id for m in direct)  # each one a new direct-message thread
    assert srv.request_count("POST", "/messages.json") == 5  # never posted twice
    assert sum(o.found_on_server for o in outcomes) == 5  # every dropped answer was found, not re-sent
    assert srv.rate_limited == 0  # the connector kept to the network's budget
    if not references_name_participants:
        assert srv.request_count("GET", "/threads/") >= 5
    items = outbox.list_items(store)
    assert [i.state for i in items] == [State.SENT] * 5
    assert {i.topic_id for i in items} == {str(m.id) for m in direct}
    for message, item in zip(direct, sorted(items, key=lambda i: int(i.topic_id)), strict=True):
        # a direct message has no title: the title is its first line
        assert message.body.startswith(item.pm_title + "\n\n")
    for name in readers:
        [record] = history.for_member(store, community.id, name)
        assert record.channel is history.Channel.PRIVATE_MESSAGE and record.segment == "reader"


def test_same_text_to_two_members_is_two_messages(
    srv: VivaEngageServer, world: tuple[Store, Community]
) -> None:
    """The look before a retry matches the recipients too: one member's message is not another's."""
    store, community = world
    first, second = _readers(srv)[:2]
    for name in (first, second):
        send.queue_private(
            store, community, name, title="Bonjour", body="Un petit mot.", purpose=texts.Purpose.READER
        )
    srv.inject_fault(r"^/api/v1/messages\.json", "drop-answer", times=2, method="POST")
    _send_until_done(store)
    net = srv.network
    direct = [m for m in net.messages.values() if m.body == "Bonjour\n\nUn petit mot."]
    by_id = {u.id: u.name for u in net.users.values()}
    assert sorted(by_id[u] for m in direct for u in m.direct_to if u != net.me) == sorted([first, second])
    assert [i.state for i in outbox.list_items(store)] == [State.SENT] * 2


def test_unknown_recipient_is_refused_with_what_to_do(
    srv: VivaEngageServer, world: tuple[Store, Community]
) -> None:
    store, community = world
    assert community.id is not None
    send.queue_private(
        store, community, "nobody.here", title="Bonjour", body="Un petit mot.", purpose=texts.Purpose.READER
    )
    srv.reset_requests()
    [outcome] = OutboxSender().send_pending(store, _connector)
    assert outcome.state is State.REJECTED
    [item] = outbox.list_items(store)
    assert item.state is State.REJECTED and item.reason is Reason.REJECTED
    assert "@nobody.here" in (item.last_error or "")
    assert "no such member in the local copy of viva" in (item.last_error or "")
    assert "sync the community" in (item.last_error or "")
    assert srv.request_count("POST") == 0  # nothing was sent to a guessed address


def test_a_network_that_refuses_the_recipient_is_a_refusal(
    srv: VivaEngageServer, world: tuple[Store, Community]
) -> None:
    """A member of the local copy the network no longer knows: its 400 is shown, nothing retried."""
    store, community = world
    assert community.id is not None
    name = _readers(srv)[0]
    user = next(u for u in srv.network.users.values() if u.name == name)
    del srv.network.users[user.id]
    send.queue_private(store, community, name, title="Bonjour", body="Un mot.", purpose=texts.Purpose.READER)
    [outcome] = OutboxSender().send_pending(store, _connector)
    assert outcome.state is State.REJECTED
    [item] = outbox.list_items(store)
    assert "Invalid user in direct_to_user_ids" in (item.last_error or "")  # the network's words
    assert f"Check that @{name} can still receive direct messages" in (item.last_error or "")
    assert srv.request_count("POST", "/messages.json") == 1
