"""The moderation queue against the sandbox server (a local Discourse) through the real connector.

The sandbox is seeded with flagged posts and posts held for approval; it performs decisions, answers
409 on a stale version and 403 on an item already handled, and can drop its answer after performing
(``drop-after-accept``). The connector, the sync and the sender share no code with it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.model import AuthKind, Community, Platform, utcnow
from moderator.platforms import make_connector
from moderator.platforms.base import Connector
from moderator.platforms.http import Timeouts
from moderator.review import store as review_store
from moderator.review.sender import SETTLE_SECONDS, ReviewSender, Why
from moderator.review.store import ActionState
from moderator.review.sync import sync_review
from moderator.sandbox import SANDBOX_API_KEY, SANDBOX_USERNAME, SandboxServer
from moderator.sandbox.review_queue import queue_for
from moderator.store import Store
from moderator.sync import sync_community


@pytest.fixture
def srv() -> Iterator[SandboxServer]:
    server = SandboxServer(seed=7).start()
    yield server
    server.stop()


def _community(store: Store, srv: SandboxServer, username: str = SANDBOX_USERNAME) -> Community:
    return store.add_community(
        Community(
            name=f"sandbox-{username}",
            platform=Platform.DISCOURSE,
            base_url=srv.url,
            username=username,
            auth_kind=AuthKind.ADMIN_KEY,
        )
    )


def _connector(community: Community) -> Connector:
    return make_connector(
        community,
        SANDBOX_API_KEY,
        client_options={"timeouts": Timeouts(connect=2.0, read=5.0), "budget": None},
    )


@pytest.fixture
def world(srv: SandboxServer, tmp_path: Path) -> Iterator[tuple[Store, Community]]:
    store = Store(tmp_path / "review.sqlite3")
    community = _community(store, srv)
    connector = _connector(community)
    connector.whoami()
    sync_review(store, community, connector)
    connector.close()
    yield store, community
    store.close()


def _server_pending(srv: SandboxServer) -> dict[str, int]:
    return {str(r.id): r.version for r in queue_for(srv.world).pending()}


def test_the_list_matches_what_the_server_holds(srv: SandboxServer, world: tuple[Store, Community]) -> None:
    store, community = world
    stored = review_store.list_items(store)
    assert {s.item.id: s.item.version for s in stored} == _server_pending(srv)
    kinds = Counter(s.item.type for s in stored)
    assert kinds["flagged_post"] >= 5 and kinds["queued_post"] >= 3
    flagged = next(s.item for s in stored if s.item.type == "flagged_post")
    server_item = queue_for(srv.world).items[int(flagged.id)]
    post = srv.world.posts[server_item.post_id or 0]
    assert flagged.target_post_id == str(post.id)
    assert flagged.target_topic_id == str(post.topic_id)
    assert flagged.target_post_number == post.post_number
    assert flagged.author_username == srv.world.users[post.user_id].username
    assert [f.username for f in flagged.flags] and all(f.reason for f in flagged.flags)
    assert {f.username for f in flagged.flags} == {
        srv.world.users[s.user_id].username for s in server_item.scores
    }
    assert flagged.author["post_count"] == srv.world.users[post.user_id].post_count
    assert {a.id for a in flagged.actions} >= {"agree_and_hide", "disagree", "ignore_and_do_nothing"}
    queued = next(s.item for s in stored if s.item.type == "queued_post")
    assert {a.id for a in queued.actions} >= {"approve_post", "reject_post"}
    assert queued.excerpt and queued.reasons


def test_a_non_staff_account_never_asks(srv: SandboxServer, tmp_path: Path) -> None:
    member = next(u for u in srv.world.users.values() if u.id > 0 and not u.staff)
    store = Store(tmp_path / "member.sqlite3")
    community = _community(store, srv, member.username)
    connector = _connector(community)
    srv.reset_requests()
    report = sync_community(store, community, connector)
    connector.close()
    assert report.ok, report.message
    assert srv.request_count(path_prefix="/review") == 0
    assert review_store.list_items(store) == []
    store.close()


def test_count_first_list_only_when_it_changed(srv: SandboxServer, world: tuple[Store, Community]) -> None:
    store, community = world
    connector = _connector(community)
    connector.whoami()
    srv.reset_requests()
    report = sync_review(store, community, connector)
    assert not report.listed
    assert srv.request_count(path_prefix="/review") == 1  # the count only
    post = next(p for p in srv.world.posts.values() if p.post_number > 1 and p.deleted_at is None)
    flagger = next(u for u in srv.world.users.values() if u.id > 0 and not u.staff and u.id != post.user_id)
    queue_for(srv.world).flag(post.id, flagger.username, 8)
    srv.reset_requests()
    report = sync_review(store, community, connector)
    connector.close()
    assert report.listed
    assert srv.request_count("GET", "/review/count") == 1
    assert srv.request_count("GET", "/review.json") == 2  # 11 items: two pages of 10
    assert {s.item.id for s in review_store.list_items(store)} == set(_server_pending(srv))


def _decide(store: Store, community: Community, item_id: str, action: str) -> None:
    assert community.id is not None
    review_store.queue_action(store, community.id, item_id, action)


def test_approve_reject_delete_through_dropped_answers_each_exactly_once(
    srv: SandboxServer, world: tuple[Store, Community]
) -> None:
    store, community = world
    assert community.id is not None
    stored = {s.item.id: s.item for s in review_store.list_items(store)}
    queued_posts = [i for i in stored.values() if i.type == "queued_post"]
    flagged = [i for i in stored.values() if i.type == "flagged_post"]
    plan = [
        (queued_posts[0].id, "approve_post"),
        (queued_posts[1].id, "reject_post"),
        (flagged[0].id, "delete_and_agree"),
        (flagged[1].id, "agree_and_hide"),
        (flagged[2].id, "disagree"),
    ]
    for item_id, action in plan:
        _decide(store, community, item_id, action)
    # The decided items leave the list at once, before anything is sent.
    assert {s.item.id for s in review_store.list_items(store)}.isdisjoint({i for i, _ in plan})

    approved_raw = queued_posts[0].excerpt
    srv.inject_fault(r"^/review/\d+/perform/", "drop-after-accept", times=len(plan), method="PUT")
    base = utcnow()
    rounds = 0
    while review_store.live_count(store) and rounds < 10:
        at = base + dt.timedelta(seconds=rounds * (SETTLE_SECONDS + 1))
        ReviewSender(clock=lambda at=at: at).send_pending(store, lambda c: _connector(c))
        rounds += 1

    actions = review_store.list_actions(store)
    assert [a.state for a in actions] == [ActionState.DONE] * len(plan), [
        (a.state, a.detail) for a in actions
    ]
    # Every answer was dropped, yet each decision reached the server once: one PUT each, confirmed
    # afterwards by reading the item, never sent a second time.
    assert srv.request_count("PUT", "/review/") == len(plan)
    queue = queue_for(srv.world)
    for item_id, _action in plan:
        r = queue.items[int(item_id)]
        assert (
            len(r.histories) == 1
            and r.histories[0].created_by_id == srv.world.require_user(SANDBOX_USERNAME).id
        )
    assert sum(1 for p in srv.world.posts.values() if p.raw == approved_raw) == 1
    assert srv.world.posts[queue.items[int(flagged[0].id)].post_id or 0].deleted_at is not None
    assert srv.world.posts[queue.items[int(flagged[1].id)].post_id or 0].hidden


def test_another_moderator_first_is_shown_as_such(srv: SandboxServer, world: tuple[Store, Community]) -> None:
    store, community = world
    assert community.id is not None
    items = [s.item for s in review_store.list_items(store) if s.item.type == "queued_post"]
    handled, edited = items[0], items[1]
    _decide(store, community, handled.id, "approve_post")
    _decide(store, community, edited.id, "approve_post")
    # Meanwhile, in a browser: Julien approves the first and edits the second (its version moves on).
    queue_for(srv.world).act_as("julien.moderation", int(handled.id), "reject_post")
    queue_for(srv.world).edit_as("julien.moderation", int(edited.id), edited.excerpt + " (edited)")

    srv.reset_requests()
    outcomes = ReviewSender().send_pending(store, lambda c: _connector(c))
    by_item = {o.reviewable_id: o for o in outcomes}
    assert by_item[handled.id].state == ActionState.CONFLICT
    assert by_item[handled.id].why == Why.HANDLED and by_item[handled.id].by == "julien.moderation"
    assert by_item[handled.id].new_status == "rejected"
    assert "another moderator acted first (@julien.moderation, rejected)" in by_item[handled.id].message
    assert by_item[edited.id].state == ActionState.CONFLICT and by_item[edited.id].why == Why.CHANGED
    assert "another moderator acted first" in by_item[edited.id].detail
    # The edited item answered 409 and comes back, with its new version, for a new decision.
    back = {s.item.id: s for s in review_store.list_items(store)}
    assert edited.id in back and back[edited.id].item.version == edited.version + 1
    assert back[edited.id].last_action is not None
    assert back[edited.id].last_action.state == ActionState.CONFLICT
    assert handled.id not in back
    queue = queue_for(srv.world)
    assert queue.items[int(handled.id)].status == 2  # Julien's rejection stands, nothing approved twice
    assert queue.items[int(edited.id)].status == 0
    assert srv.request_count("PUT", "/review/") == 2


def test_decisions_wait_offline_and_one_per_item(srv: SandboxServer, world: tuple[Store, Community]) -> None:
    store, community = world
    assert community.id is not None
    item = review_store.list_items(store)[0].item
    _decide(store, community, item.id, item.actions[0].id)
    with pytest.raises(review_store.AlreadyQueued):
        _decide(store, community, item.id, item.actions[-1].id)
    srv.stop()
    outcomes = ReviewSender().send_pending(store, lambda c: _connector(c))
    assert [o.state for o in outcomes] == [ActionState.QUEUED]
    assert item.id not in {s.item.id for s in review_store.list_items(store)}
