"""Nudges are private messages, sent exactly once: against the sandbox server with the real connector.

The server accepts every private message and then drops the connection before answering
(``drop-after-accept``): the sender cannot know the message arrived, so it must look on the server
(the sent private messages) before sending again. Five readers nudged must give exactly five private
messages, each to its reader, and no public post at all.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator import outbox
from moderator.model import AuthKind, Community, Platform, utcnow
from moderator.nudges import history, send, texts
from moderator.outbox import OutboxSender, State
from moderator.platforms import make_connector
from moderator.platforms.base import Connector
from moderator.platforms.http import Timeouts
from moderator.sandbox import (
    SANDBOX_USER_API_CLIENT_ID,
    SANDBOX_USER_API_KEY,
    SANDBOX_USERNAME,
    SandboxServer,
)
from moderator.store import Store


@pytest.fixture
def srv() -> Iterator[SandboxServer]:
    server = SandboxServer(seed=11).start()
    yield server
    server.stop()


@pytest.fixture
def world(srv: SandboxServer, tmp_path: Path) -> Iterator[tuple[Store, Community]]:
    store = Store(tmp_path / "nudges.sqlite3")
    community = store.add_community(
        Community(
            name="sandbox",
            platform=Platform.DISCOURSE,
            base_url=srv.url,
            username=SANDBOX_USERNAME,
            auth_kind=AuthKind.USER_KEY,
            settings={"user_api_client_id": SANDBOX_USER_API_CLIENT_ID},
        )
    )
    yield store, community
    store.close()


def _connector(community: Community) -> Connector:
    return make_connector(
        community,
        SANDBOX_USER_API_KEY,
        client_options={"timeouts": Timeouts(connect=2.0, read=2.0), "budget": None},
    )


def _readers(srv: SandboxServer) -> list[str]:
    names = []
    for ref in srv.world.planted["readers"]:
        user = srv.world.users[ref] if isinstance(ref, int) else srv.world.require_user(str(ref))
        names.append(user.username)
    return names


def test_five_readers_nudged_through_dropped_answers_give_five_private_messages(
    srv: SandboxServer, world: tuple[Store, Community]
) -> None:
    store, community = world
    assert community.id is not None
    readers = _readers(srv)[:5]
    assert len(readers) == 5
    topics_before = set(srv.world.topics)
    posts_before = set(srv.world.posts)
    for name in readers:
        prepared = texts.prepare(store, community, name, texts.Purpose.READER, "fr")
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

    # Every POST is performed by the server, then the connection is reset before the answer.
    srv.inject_fault(r"^/posts\.json$", "drop-after-accept", times=5, method="POST")
    base = utcnow()
    outcomes: list[outbox.SendOutcome] = []
    rounds = 0
    while outbox.pending_count(store) and rounds < 10:
        at = base + dt.timedelta(seconds=rounds * (outbox.SETTLE_SECONDS + 1))
        outcomes += OutboxSender(clock=lambda at=at: at).send_pending(store, _connector)
        rounds += 1

    new_topics = [srv.world.topics[t] for t in set(srv.world.topics) - topics_before]
    new_posts = [srv.world.posts[p] for p in set(srv.world.posts) - posts_before]
    private = [t for t in new_topics if t.archetype == "private_message"]
    public_posts = [p for p in new_posts if srv.world.topics[p.topic_id].archetype != "private_message"]
    me = srv.world.require_user(SANDBOX_USERNAME)
    recipients = Counter(
        srv.world.users[u].username for t in private for u in t.allowed_user_ids if u != me.id
    )
    assert len(private) == 5
    assert public_posts == []
    assert recipients == Counter(readers)  # the right people, each exactly once: no duplicate
    assert all(len(t.allowed_user_ids) == 2 for t in private)
    assert srv.request_count("POST", "/posts.json") == 5  # never posted twice
    assert sum(o.found_on_server for o in outcomes) == 5  # every dropped answer was found, not re-sent
    items = outbox.list_items(store)
    assert [i.state for i in items] == [State.SENT] * 5
    assert {i.topic_id for i in items} == {str(t.id) for t in private}
    for name in readers:
        [record] = history.for_member(store, community.id, name)
        assert record.channel is history.Channel.PRIVATE_MESSAGE and record.segment == "reader"


def test_second_nudge_within_30_days_needs_insisting(
    srv: SandboxServer, world: tuple[Store, Community]
) -> None:
    store, community = world
    assert community.id is not None
    name = _readers(srv)[0]
    now = utcnow()
    send.queue_private(
        store,
        community,
        name,
        title="Bonjour",
        body="Un petit mot pour vous.",
        purpose=texts.Purpose.READER,
        now=now - dt.timedelta(days=5),
    )
    with pytest.raises(send.RecentlyNudged, match="5 days ago"):
        send.queue_private(
            store, community, name, title="Encore", body="Un autre petit mot.", purpose=texts.Purpose.READER
        )
    send.queue_private(
        store,
        community,
        name,
        title="Encore",
        body="Un autre petit mot.",
        purpose=texts.Purpose.READER,
        insist=True,
    )
    assert len(history.for_member(store, community.id, name)) == 2
