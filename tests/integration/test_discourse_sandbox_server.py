"""The Discourse connector and the sync engine against the sandbox server (``moderator.sandbox``).

The sandbox is written independently of the connector; expectations come only from its ``world`` (truth
data), never from its serializers or queries. Select or skip these with ``-k sandbox_server``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moderator.model import AuthKind, Community, utcnow
from moderator.platforms.base import AuthenticationError, Offline, PlatformError, PostStatus
from moderator.platforms.discourse import DiscourseConnector
from moderator.platforms.discourse import connector as discourse
from moderator.sync import SyncReport, sync_community
from tests.helpers.sync_env import SyncEnv, sync_env

sandbox = pytest.importorskip("moderator.sandbox")
if not hasattr(sandbox, "SandboxServer"):
    pytest.skip("the sandbox server is not there yet", allow_module_level=True)

SCALE = 0.3  # about 200 topics and 1,200 posts: every code path, in well under a second


@pytest.fixture
def env(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path) as e:
        yield e


@pytest.fixture
def srv() -> Iterator[Any]:
    server = sandbox.SandboxServer(seed=7, scale=SCALE, port=0).start()
    server.timeout_delay = 0.6
    try:
        yield server
    finally:
        server.stop()


def community_for(env: SyncEnv, srv: Any, **fields: Any) -> Community:
    return env.community(
        srv.url,
        name=fields.pop("name", "sandbox"),
        auth_kind=AuthKind.SANDBOX,
        username=sandbox.SANDBOX_USERNAME,
        **fields,
    )


def run(env: SyncEnv, community: Community, connector: DiscourseConnector, **kwargs: Any) -> SyncReport:
    report = sync_community(env.store, community, connector, **kwargs)
    assert report.error is None and report.bug is None, report.message
    return report


def world_truth(world: Any, username: str) -> tuple[set[str], set[str], set[str]]:
    """Topics the account can sync, the live regular posts it must have, every live post it may have."""
    me = world.user_by_name(username)
    staff = me.admin or me.moderator
    topics = set()
    for topic in world.topics.values():
        if topic.deleted_at is not None:
            continue
        if topic.archetype == "private_message":
            if me.id in topic.allowed_user_ids:
                topics.add(str(topic.id))
            continue
        category = world.categories.get(topic.category_id)
        if (category is None or not category.read_restricted or staff) and (topic.visible or staff):
            topics.add(str(topic.id))
    live = [p for p in world.posts.values() if str(p.topic_id) in topics and p.deleted_at is None]
    must = {str(p.id) for p in live if p.post_type == 1 and (not p.hidden or staff)}
    may = {str(p.id) for p in live}
    return topics, must, may


def stored(env: SyncEnv, community: Community) -> tuple[set[str], set[str]]:
    db = env.store.read()
    topics = {r[0] for r in db.execute("SELECT id FROM topics WHERE community_id=?", (community.id,))}
    posts = {
        r[0]
        for r in db.execute(
            "SELECT id FROM posts WHERE community_id=? AND deleted_at IS NULL", (community.id,)
        )
    }
    return topics, posts


def assert_complete(env: SyncEnv, community: Community, world: Any) -> None:
    topics, must, may = world_truth(world, sandbox.SANDBOX_USERNAME)
    got_topics, got_posts = stored(env, community)
    assert got_topics == topics
    assert must <= got_posts <= may, (sorted(must - got_posts)[:5], sorted(got_posts - may)[:5])


def test_sandbox_server_first_sync_stores_what_the_world_has(env: SyncEnv, srv: Any) -> None:
    community = community_for(env, srv)
    connector = env.connector(community)
    report = run(env, community, connector)
    connector.close()
    assert_complete(env, community, srv.world)
    assert report.requests == srv.request_count()
    cid = community.id or 0
    assert {c.id for c in env.store.categories(cid)} == {str(c) for c in srv.world.categories}
    usernames = {m.username for m in env.store.members(cid)}
    assert {u.username for u in srv.world.users.values() if u.id > 0} <= usernames
    me = srv.world.user_by_name(sandbox.SANDBOX_USERNAME)
    assert connector.capabilities().staff_member_list is (me.admin or me.moderator)
    for topic in srv.world.topics.values():
        if str(topic.id) in stored(env, community)[0] and topic.closed:
            local = env.store.topic(cid, str(topic.id))
            assert local is not None and local.closed


def test_sandbox_server_up_to_date_sync_costs_at_most_two_requests(env: SyncEnv, srv: Any) -> None:
    community = community_for(env, srv)
    connector = env.connector(community)
    run(env, community, connector)
    srv.reset_requests()
    report = run(env, community, connector)
    connector.close()
    # Two for the topics and messages, plus the review queue's count for a staff account (the list
    # itself is not read again while the count is unchanged).
    assert connector.capabilities().review_queue
    assert srv.request_count(path_prefix="/review") == srv.request_count("GET", "/review/count") == 1
    assert report.requests == srv.request_count() <= 3


@pytest.mark.parametrize("k", [1, 30, 90])
def test_sandbox_server_k_changes_cost_about_k_over_30(env: SyncEnv, srv: Any, k: int) -> None:
    community = community_for(env, srv)
    connector = env.connector(community)
    run(env, community, connector)
    world = srv.world
    open_topics = [
        t.id
        for t in sorted(world.topics.values(), key=lambda t: t.id)
        if t.archetype == "regular" and t.deleted_at is None and not t.closed and not t.archived
    ][:k]
    authors = [u.username for u in world.users.values() if u.id > 0][:7]
    for n, topic_id in enumerate(open_topics):
        world.add_reply(
            topic_id, authors[n % len(authors)], f"A fresh thought, number {n}, for the sync test."
        )
    srv.reset_requests()
    report = run(env, community, connector)
    connector.close()
    paths = Counter(r.path.split("?")[0] for r in srv.requests)
    assert report.requests <= k / 30 + 4, paths
    assert_complete(env, community, world)


def test_sandbox_server_world_changes(env: SyncEnv, srv: Any) -> None:
    community = community_for(env, srv)
    connector = env.connector(community)
    run(env, community, connector)
    world = srv.world
    cid = community.id or 0
    recent = sorted(
        (
            t
            for t in world.topics.values()
            if t.archetype == "regular" and t.deleted_at is None and len(t.posts) >= 3
        ),
        key=lambda t: t.bumped_at or t.created_at,
        reverse=True,
    )
    bumped, closing = recent[0], recent[1]
    reply = world.add_reply(
        bumped.id, world.users[bumped.user_id].username, "Replying to my own topic again."
    )
    victim = bumped.posts[1]
    world.delete_post(victim.id)
    world.close_topic(closing.id)
    liked = next(p for p in closing.posts if p.user_id != world.user_by_name(sandbox.SANDBOX_USERNAME).id)
    liker = next(u.username for u in world.users.values() if u.id > 0 and u.id != liked.user_id)
    world.like(liked.id, liker)
    run(env, community, connector)
    connector.close()
    posts = {p.id: p for p in env.store.posts(cid, str(bumped.id))}
    assert str(reply["id"]) in posts
    assert str(victim.id) not in posts or posts[str(victim.id)].deleted_at is not None
    local = env.store.topic(cid, str(closing.id))
    assert local is not None and local.closed  # on page 0: numbers refreshed each sync
    assert_complete(env, community, world)


def _cancel_after(env: SyncEnv, community: Community, connector: DiscourseConnector, cut: int) -> SyncReport:
    import threading

    cancel = threading.Event()
    seen = [0]

    def progress(batch: Any) -> None:
        seen[0] += 1
        if seen[0] >= cut:
            cancel.set()

    return sync_community(env.store, community, connector, cancel=cancel, progress=progress)


@pytest.mark.parametrize("cut", [1, 2, 3, 5, 8, 13, 21, 34])
def test_sandbox_server_resume_after_cancel(
    tmp_path: Path, srv: Any, cut: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discourse, "WALK_BATCH_POSTS", 1)  # a batch per request: cancel between any two
    with sync_env(tmp_path / "full") as env:
        community = community_for(env, srv)
        connector = env.connector(community)
        full = run(env, community, connector)
        connector.close()
    if cut >= full.batches:
        pytest.skip(f"only {full.batches} batches")
    srv.reset_requests()
    with sync_env(tmp_path / "cut") as env:
        community = community_for(env, srv)
        connector = env.connector(community)
        first = _cancel_after(env, community, connector, cut)
        assert first.cancelled
        second = run(env, community, connector)
        connector.close()
        assert_complete(env, community, srv.world)
    walked = Counter(str(sorted(r.query.items())) for r in srv.requests if r.path == "/posts.json")
    assert max(walked.values()) == 1, walked
    details = Counter(r.path.split("?")[0] for r in srv.requests if r.path.startswith("/t/"))
    assert max(details.values(), default=1) == 1
    assert first.requests + second.requests <= full.requests + 3


RETRIED = ["429-retry-after", "429-json", "429-text", "429-html", "502", "timeout", "truncated", "reset"]
LASTING = {
    "500": PlatformError,
    "401": AuthenticationError,
    "403": PlatformError,
    "timeout": Offline,
    "reset": Offline,
}


@pytest.mark.parametrize("fault", RETRIED)
def test_sandbox_server_transient_faults_are_retried(env: SyncEnv, srv: Any, fault: str) -> None:
    community = community_for(env, srv)
    connector = env.connector(community)
    run(env, community, connector)
    srv.world.add_reply(next(iter(srv.world.topics)), sandbox.SANDBOX_USERNAME, "One more reply to pull in.")
    srv.inject_fault(r"^/(latest|posts)\.json", fault, times=1)
    run(env, community, connector)
    connector.close()
    assert_complete(env, community, srv.world)


@pytest.mark.parametrize("fault", sorted(LASTING))
def test_sandbox_server_lasting_faults_end_typed_and_keep_the_copy(
    env: SyncEnv, srv: Any, fault: str
) -> None:
    community = community_for(env, srv)
    connector = env.connector(community)
    run(env, community, connector)
    before = env.store.counts(community.id)
    srv.world.add_reply(
        next(iter(srv.world.topics)), sandbox.SANDBOX_USERNAME, "A reply the failing sync misses."
    )
    srv.inject_fault(r"^/latest\.json", fault, times=10)
    report = sync_community(env.store, community, connector)
    assert isinstance(report.error, LASTING[fault]) and report.error.message in report.message
    after = env.store.counts(community.id)
    assert after["topics"] == before["topics"] and after["posts"] >= before["posts"]
    srv.clear_faults()
    run(env, community, connector)
    connector.close()
    assert_complete(env, community, srv.world)


def test_sandbox_server_exactly_once_reply(env: SyncEnv, srv: Any) -> None:
    community = community_for(env, srv)
    connector = env.connector(community)
    topic = next(
        t
        for t in srv.world.topics.values()
        if t.archetype == "regular" and not t.closed and t.deleted_at is None
    )
    text = "Thank you, this is exactly what the community needed today."
    since = utcnow() - dt.timedelta(days=1)
    srv.inject_fault(r"^/posts", "drop-after-accept", method="POST")
    with pytest.raises(Offline):
        connector.post_reply(str(topic.id), text)
    found = connector.find_reply(str(topic.id), text, since=since)
    assert found is not None and found.topic_id == str(topic.id)
    assert sum(1 for p in srv.world.posts.values() if p.raw == text) == 1
    result = connector.post_reply(str(topic.id), "Too short")
    assert result.status is PostStatus.REJECTED and result.reasons
    connector.close()
