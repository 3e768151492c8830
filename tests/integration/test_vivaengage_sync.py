"""Viva Engage against the local test server: what a sync costs, what it stores, replies exactly once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bench_vivaengage import check_views
from moderator import outbox
from moderator.model import Archetype, AuthKind, Community, Platform, utcnow
from moderator.platforms import make_connector
from moderator.platforms.base import AuthenticationError, Connector
from moderator.platforms.http import Timeouts
from moderator.store import Store
from moderator.sync import sync_community
from tests.helpers.memory_keyring import memory_keyring
from tests.helpers.vivaengage_server import Network, VivaEngageServer, running

WINDOW = 0.4  # the server's budget window: 10 requests per 0.4 s (the real one is 30 s)


@pytest.fixture
def srv() -> Iterator[VivaEngageServer]:
    with running(Network(seed=5, threads=90, users=40), window=WINDOW) as server:
        yield server


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with memory_keyring(), Store(tmp_path / "moderator.sqlite3") as s:
        yield s


def _community(store: Store, srv: VivaEngageServer, **settings: Any) -> Community:
    return store.add_community(
        Community(
            name="viva",
            platform=Platform.VIVAENGAGE,
            base_url=srv.url,
            username=srv.network.users[srv.network.me].name,
            auth_kind=AuthKind.TOKEN,
            settings={"rate_limits": [[10, WINDOW + 0.3]], **settings},  # 0.3 s for jitter under load
        )
    )


def _connector(community: Community, token: str = "token-me", **options: Any) -> Connector:
    return make_connector(community, token, client_options={"timeouts": Timeouts(2.0, 1.0), **options})


def test_first_sync_stores_the_network_within_the_budget(srv: VivaEngageServer, store: Store) -> None:
    community = _community(store, srv)
    connector = _connector(community)
    report = sync_community(store, community, connector)
    assert report.ok, report.message
    net = srv.network
    assert community.id is not None
    counts = store.counts(community.id)
    assert counts["topics"] == len(net.threads)
    assert counts["posts"] == len(net.messages)
    assert counts["members"] == len(net.users)
    assert srv.rate_limited == 0  # the client waited instead of being refused
    # never one request per thread: the walk reads 20 messages a request
    assert report.requests < len(net.threads) / 2
    assert report.requests == srv.request_count()
    # numbering follows the server's order; replies point at the message they answer
    db = store.read()
    thread_id = max(net.threads, key=lambda t: len(net.threads[t]))
    rows = db.execute(
        "SELECT id, post_number, reply_to_post_number FROM posts WHERE community_id=? AND topic_id=?"
        " ORDER BY post_number",
        (community.id, str(thread_id)),
    ).fetchall()
    assert [r["id"] for r in rows] == [str(i) for i in net.threads[thread_id]]
    number = {r["id"]: r["post_number"] for r in rows}
    for row in rows[1:]:
        replied = net.messages[int(row["id"])].replied_to_id
        assert row["reply_to_post_number"] == number[str(replied)]
    # announcements are pinned (never "unanswered"), direct messages are private messages
    announcement = next(t for t in net.threads if net.messages[t].message_type == "announcement")
    direct = next(t for t in net.threads if net.messages[t].direct_to)
    topics = {r["id"]: r for r in db.execute("SELECT * FROM topics WHERE community_id=?", (community.id,))}
    assert topics[str(announcement)]["pinned"] == 1
    assert topics[str(direct)]["archetype"] == Archetype.PRIVATE_MESSAGE.value
    views = check_views(store, community, net)
    assert all(views[k] for k in views if k.endswith("_agree")), views
    connector.close()


def test_up_to_date_sync_costs_two_requests_plus_one_per_private_community(
    srv: VivaEngageServer, store: Store
) -> None:
    community = _community(store, srv)
    connector = _connector(community)
    assert sync_community(store, community, connector).ok
    srv.reset_requests()
    report = sync_community(store, community, connector)
    private = sum(1 for g in srv.network.groups.values() if g.private and srv.network.me in g.members)
    assert report.ok and report.requests == 2 + private
    assert all("newer_than=" in query for _, _, query in srv.requests)

    target = srv.network.public_thread_ids()[0]
    for index in range(4):  # more than the two replies a thread page carries
        srv.network.reply(target, list(srv.network.users)[5], f"Late reply {index}")
    srv.reset_requests()
    report = sync_community(store, community, connector)
    assert report.ok
    assert report.requests == 2 + private + 1  # the thread's gap, in one in_thread page
    assert community.id is not None
    assert store.counts(community.id)["posts"] == len(srv.network.messages)
    connector.close()


def test_a_cut_first_sync_resumes_without_losing_threads(srv: VivaEngageServer, store: Store) -> None:
    community = _community(store, srv)
    connector = _connector(community)
    srv.inject_fault(r"/messages\.json\?limit=20&older_than", "500", times=1)
    report = sync_community(store, community, connector)
    assert not report.ok and report.error is not None
    report = sync_community(store, community, connector)
    assert report.ok, report.message
    assert community.id is not None
    assert store.counts(community.id)["posts"] == len(srv.network.messages)
    connector.close()


def test_the_server_enforces_the_budget_and_the_client_honours_429(
    srv: VivaEngageServer, store: Store
) -> None:
    community = _community(store, srv)
    srv.window = 2.0  # the server counts a longer window than the client believes
    connector = _connector(community, untold_429_wait=0.5)
    report = sync_community(store, community, connector)
    assert report.ok, report.message
    assert srv.rate_limited > 0  # it was refused, waited, and finished
    assert community.id is not None
    assert store.counts(community.id)["posts"] == len(srv.network.messages)
    connector.close()


def test_a_refused_token_says_sign_in_again(srv: VivaEngageServer, store: Store) -> None:
    community = _community(store, srv)
    report = sync_community(store, community, _connector(community, token="expired"))
    assert isinstance(report.error, AuthenticationError)
    assert "Sign in again" in report.error.message


def test_ten_replies_queued_offline_go_out_exactly_once(srv: VivaEngageServer, store: Store) -> None:
    community = _community(store, srv)
    assert community.id is not None
    net = srv.network
    threads = net.public_thread_ids()[:10]
    bodies = [f"Réponse {i} : merci, nous en parlons jeudi." for i in range(10)]
    for thread_id, body in zip(threads, bodies, strict=True):
        outbox.queue_reply(store, community.id, str(thread_id), body)
    offline = dataclasses.replace(community, base_url="http://127.0.0.1:9/api/v1")
    outcomes = outbox.OutboxSender().send_pending(store, lambda c: _connector(offline, max_retries=0))
    assert {o.state for o in outcomes} == {outbox.State.QUEUED}
    srv.inject_fault(r"/messages\.json", "drop-answer", times=5, method="POST")
    base = utcnow()
    rounds = 0
    while outbox.pending_count(store) and rounds < 40:
        at = base + dt.timedelta(seconds=rounds * (outbox.SETTLE_SECONDS + 1))
        outbox.OutboxSender(clock=lambda at=at: at).send_pending(store, lambda c: _connector(community))
        rounds += 1
    on_server = Counter(m.body for m in net.messages.values() if m.body in set(bodies))
    assert sum(on_server.values()) == 10 and set(on_server.values()) == {1}
    assert srv.request_count("POST", "/messages.json") == 10  # the dropped ones were found, not re-sent
    assert all(item.state == outbox.State.SENT for item in outbox.list_items(store))
    sent = [m for m in net.messages.values() if m.body in set(bodies)]
    assert all(m.replied_to_id == m.thread_id for m in sent)


def test_a_new_conversation_is_started_once_even_when_its_answer_is_lost(
    srv: VivaEngageServer, store: Store
) -> None:
    from moderator.platforms.base import Offline, PostStatus

    community = _community(store, srv)
    connector = _connector(community)
    assert connector.capabilities().new_topics
    group = next(g for g in srv.network.groups.values() if not g.private)
    since = utcnow()
    srv.inject_fault(r"/messages\.json", "drop-answer", times=1, method="POST")
    with pytest.raises(Offline):
        connector.create_topic("Afterwork jeudi", "Qui vient ?", category_id=str(group.id))
    found = connector.find_topic("Afterwork jeudi", "Qui vient ?", since=since)
    assert found is not None and found.post_number == 1
    started = [m for m in srv.network.messages.values() if m.body == "Afterwork jeudi\n\nQui vient ?"]
    assert len(started) == 1 and started[0].group_id == group.id
    assert str(started[0].id) == found.topic_id
    result = connector.create_topic("Hors groupe", "Pour tout le monde")
    assert result.status is PostStatus.CREATED and result.post is not None
    assert srv.network.messages[int(result.post.topic_id)].group_id is None  # All Company
    assert connector.find_topic("Jamais envoyé", "rien", since=since) is None
    connector.close()


def test_a_token_stored_for_another_site_is_never_sent(srv: VivaEngageServer, store: Store) -> None:
    from moderator.platforms.http import KeyForAnotherSite
    from moderator.secrets import BoundSecret

    community = _community(store, srv)
    with pytest.raises(KeyForAnotherSite):
        make_connector(community, BoundSecret("token-me", "https://www.yammer.com"))
    assert srv.request_count() == 0
