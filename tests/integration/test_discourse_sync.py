"""Full syncs against the Discourse double: completeness, request budgets, resume after cancel."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.model import Archetype, AuthKind, Community, SyncBatch, utcnow
from moderator.platforms.discourse import DiscourseConnector
from moderator.platforms.discourse import connector as discourse
from moderator.platforms.http import USER_KEY_LIMITS, RateBudget
from moderator.sync import SyncReport, sync_community
from tests.helpers.discourse_double import USER_API_KEY, DiscourseDouble, World, running
from tests.helpers.sync_env import SyncEnv, sync_env


@pytest.fixture
def env(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path) as e:
        yield e


def rich_world(topics: int = 60, seed: int = 3) -> World:
    world = World(seed=seed, topics=topics, max_replies=5)
    world.add_topic(2, "A private question", "Can we talk about this privately?", private_to=(-1,))
    world.add_topic(-1, "Staff only plans", "Plans for the staff team.", category_id=3)
    world.close_topic(4)
    first_of_5 = min(p.id for p in world.posts.values() if p.topic_id == 5)
    world.add_reply(5, 3, "This is the answer you need.")
    world.accept_answer(max(p.id for p in world.posts.values() if p.topic_id == 5))
    world.delete_post(max(p.id for p in world.posts.values() if p.topic_id == 6 and p.id != first_of_5))
    return world


def expected(world: World, viewer_name: str = "system") -> tuple[set[str], set[str]]:
    viewer = world.user_by_name(viewer_name)
    assert viewer is not None
    topics = {str(t.id) for t in world.topics.values() if world.can_see(t, viewer)}
    posts = {str(p.id) for p in world.posts.values() if not p.deleted and str(p.topic_id) in topics}
    return topics, posts


def stored_ids(env: SyncEnv, community: Community) -> tuple[set[str], set[str]]:
    db = env.store.read()
    topics = {r[0] for r in db.execute("SELECT id FROM topics WHERE community_id=?", (community.id,))}
    posts = {r[0] for r in db.execute("SELECT id FROM posts WHERE community_id=?", (community.id,))}
    return topics, posts


def run(env: SyncEnv, community: Community, connector: DiscourseConnector, **kwargs: object) -> SyncReport:
    report = sync_community(env.store, community, connector, **kwargs)  # type: ignore[arg-type]
    assert report.error is None and report.bug is None, report.message
    return report


def test_first_sync_stores_what_the_world_has(env: SyncEnv) -> None:
    world = rich_world()
    with running(world) as double:
        community = env.community(double.url)
        connector = env.connector(community)
        report = run(env, community, connector)
        connector.close()
    topics, posts = expected(world)
    assert stored_ids(env, community) == (topics, posts)
    assert report.topics >= len(topics) and report.requests == connector.requests_made
    cid = community.id or 0
    assert {c.id for c in env.store.categories(cid)} == {"1", "2", "3", "4"}
    assert next(c for c in env.store.categories(cid) if c.id == "4").parent_id == "2"
    members = {m.username: m for m in env.store.members(cid)}
    assert set(members) == {u["username"] for u in world.users.values()}
    assert members["member1"].moderator and members["member3"].posts_read == 7  # the staff list
    closed = env.store.topic(cid, "4")
    assert closed is not None and closed.closed
    assert any(p.post_type == 3 for p in env.store.posts(cid, "4"))  # the small action, via /t/4.json
    solved = env.store.topic(cid, "5")
    assert solved is not None and solved.has_accepted_answer
    pm = next(t for t in world.topics.values() if t.archetype == "private_message")
    stored_pm = env.store.topic(cid, str(pm.id))
    assert stored_pm is not None and stored_pm.archetype is Archetype.PRIVATE_MESSAGE
    assert [p.raw for p in env.store.posts(cid, str(pm.id))] == ["Can we talk about this privately?"]
    assert connector.capabilities().staff_member_list


def test_an_up_to_date_community_costs_at_most_two_requests(env: SyncEnv) -> None:
    with running(rich_world(topics=250)) as double:
        community = env.community(double.url)
        connector = env.connector(community)
        run(env, community, connector)
        double.reset_requests()
        report = run(env, community, connector)
        # Two for topics and messages; the staff account also probes the review queue's count.
        assert report.requests == double.request_count() <= 3
        assert double.request_count(path_prefix="/review") == 1
        assert double.request_count(path_prefix="/latest.json") == 1
        connector.close()


@pytest.mark.parametrize("k", [1, 30, 90])
def test_k_changed_topics_cost_about_k_over_30(env: SyncEnv, k: int) -> None:
    world = rich_world(topics=400)
    with running(world) as double:
        community = env.community(double.url)
        connector = env.connector(community)
        run(env, community, connector)
        targets = [t.id for t in world.topics.values() if t.archetype == "regular" and not t.closed][:k]
        for n, topic_id in enumerate(targets):
            world.add_reply(topic_id, 2 + n % 5, f"Fresh reply number {n}")
        double.reset_requests()
        report = run(env, community, connector)
        assert report.requests <= k / 30 + 4, Counter(p for _, p, _ in double.requests)
        assert double.request_count(path_prefix="/t/") == 0  # the walk completed every topic
        connector.close()
    assert stored_ids(env, community) == expected(world)


def test_changes_the_walk_cannot_see(env: SyncEnv) -> None:
    world = rich_world()
    with running(world) as double:
        community = env.community(double.url)
        connector = env.connector(community)
        run(env, community, connector)
        cid = community.id or 0
        world.add_reply(10, 3, "A reply that will vanish.")
        run(env, community, connector)
        vanishing = max(world.posts)
        world.delete_post(vanishing)
        world.topics[10].bumped_at = world.tick()  # Discourse re-bumps when the last post goes
        world.close_topic(11)
        world.add_reply(2, 4, "Unbumped reply", bump=False)
        double.reset_requests()
        run(env, community, connector)
        assert str(vanishing) not in {p.id for p in env.store.posts(cid, "10")}
        assert any(p.post_type == 3 for p in env.store.posts(cid, "11"))
        connector.close()


def test_members_directory_for_a_non_staff_user_key(env: SyncEnv) -> None:
    world = rich_world()
    with running(world, acting_username="member4") as double:
        community = env.community(double.url, auth_kind=AuthKind.USER_KEY, username="member4")
        connector = env.connector(community, secret=USER_API_KEY)
        run(env, community, connector)
        assert double.request_count(path_prefix="/directory_items.json") == 1
        assert double.request_count(path_prefix="/admin/") == 0
        assert double.request_count(path_prefix="/session/current.json") == 1
        assert not connector.capabilities().staff_member_list
        connector.close()
    assert stored_ids(env, community) == expected(world, "member4")
    members = {m.username: m for m in env.store.members(community.id or 0)}
    assert members["member2"].posts_read == 5


def test_user_key_budget_paces_a_large_first_sync(env: SyncEnv) -> None:
    with running(World(seed=9, topics=300, max_replies=6)) as double:
        community = env.community(double.url, auth_kind=AuthKind.USER_KEY, username="member4")
        budget = RateBudget(USER_KEY_LIMITS, monotonic=env.clock.monotonic)
        double.acting_username = "member4"
        connector = env.connector(community, secret=USER_API_KEY, budget=budget)
        report = run(env, community, connector)
        connector.close()
    assert report.requests > 20
    # 20 at once, then one every 3 s: never more than 20 in any minute of (fake) time.
    assert sum(env.clock.sleeps) == pytest.approx((report.requests - 20) * 3.0, abs=0.01)


def test_history_window_limits_the_first_sync(env: SyncEnv) -> None:
    world = World(seed=5, topics=80, max_replies=3, start=utcnow() - dt.timedelta(days=30))
    old = list(world.topics.values())[:10]
    for topic in old:
        topic.bumped_at = topic.created_at = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
        for post in world.posts.values():
            if post.topic_id == topic.id:
                post.created_at = topic.created_at
    with running(world) as double:
        community = env.community(double.url, settings={"history_days": 365})
        connector = env.connector(community)
        run(env, community, connector)
        connector.close()
        walked = double.request_count(path_prefix="/posts.json")
    topics, posts = stored_ids(env, community)
    assert topics == {str(t.id) for t in world.topics.values()} - {str(t.id) for t in old}
    assert not any(p.topic_id in {t.id for t in old} for p in world.posts.values() if str(p.id) in posts)
    assert walked <= len(world.posts) // 50 + 1


def _sync_with_cancel_after(
    env: SyncEnv, community: Community, connector: DiscourseConnector, batches: int
) -> SyncReport:
    cancel = threading.Event()
    seen = 0

    def progress(batch: SyncBatch) -> None:
        nonlocal seen
        seen += 1
        if seen >= batches:
            cancel.set()

    return sync_community(env.store, community, connector, cancel=cancel, progress=progress)


RESUME_TOPICS = 120


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, int]]:
    """Batches and requests of an uninterrupted first sync of the resume tests' world.

    The walk is stored page by page here (``WALK_BATCH_POSTS = 1``) so that a cancel can fall between
    any two requests; ``test_an_error_mid_walk_keeps_the_pages_fetched`` covers the default batching.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(discourse, "WALK_BATCH_POSTS", 1)
        yield _first_sync_counts(tmp_path_factory.mktemp("baseline"))


def _first_sync_counts(path: Path) -> tuple[int, int]:
    with sync_env(path) as env, running(rich_world(RESUME_TOPICS)) as double:
        community = env.community(double.url)
        connector = env.connector(community)
        report = run(env, community, connector)
        connector.close()
        return report.batches, report.requests


@pytest.mark.parametrize("cut", range(1, 19))
def test_resume_after_cancel(
    tmp_path: Path, baseline: tuple[int, int], cut: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discourse, "WALK_BATCH_POSTS", 1)
    batches, baseline_requests = baseline
    if cut >= batches:
        pytest.skip(f"the first sync has only {batches} batches")
    with sync_env(tmp_path) as env, running(rich_world(RESUME_TOPICS)) as double:
        community = env.community(double.url)
        connector = env.connector(community)
        first = _sync_with_cancel_after(env, community, connector, cut)
        assert first.cancelled and first.batches == cut
        stored_after_cancel = stored_ids(env, community)
        second = run(env, community, connector)
        connector.close()
        assert stored_ids(env, community) == expected(double.world)
        assert stored_after_cancel[1] <= stored_ids(env, community)[1]
        walked = Counter(q for _, p, q in double.requests if p == "/posts.json")
        details = Counter(p for _, p, _ in double.requests if p.startswith("/t/"))
        assert max(walked.values()) == 1, f"a walk page was fetched twice: {walked}"
        assert max(details.values(), default=1) == 1, "a topic was fetched twice"
        assert first.requests + second.requests <= baseline_requests + 3


def test_resume_tests_cover_every_batch(baseline: tuple[int, int]) -> None:
    assert 15 < baseline[0] <= 19


def test_an_error_mid_walk_keeps_the_pages_fetched(env: SyncEnv) -> None:
    world = rich_world(RESUME_TOPICS)
    with running(world) as double:
        community = env.community(double.url)
        connector = env.connector(community)
        double.inject_fault(r"^/posts\.json", "500", skip=3)
        failed = sync_community(env.store, community, connector)
        assert failed.error is not None and failed.posts == 150  # three pages, stored in one batch
        failed_at = [q for _, p, q in double.requests if p == "/posts.json"][-1]
        double.reset_requests()
        run(env, community, connector)
        walked = [q for _, p, q in double.requests if p == "/posts.json"]
        assert walked[0] == failed_at  # resumed where it failed, nothing fetched twice
        connector.close()
    assert stored_ids(env, community) == expected(world)


def test_pull_without_a_local_view_tracks_itself() -> None:
    with running(World(seed=2, topics=30)) as double:
        from moderator.platforms import make_connector

        community = Community(
            name="x",
            platform=DiscourseConnector.platform,
            base_url=double.url,
            username="system",
            auth_kind=AuthKind.ADMIN_KEY,
            settings={"rate_limits": None},
        )
        from tests.helpers.discourse_double import API_KEY

        connector = make_connector(community, API_KEY)
        batches = list(connector.pull({}))
        connector.close()
    posts = {p.id for b in batches for p in b.posts}
    assert posts == {str(p) for p in double.world.posts}
    assert batches[-1].cursor.get("members_at") is not None


def test_double_serves_the_recorded_shapes() -> None:
    with DiscourseDouble(World(topics=3)) as double:
        import requests

        with requests.Session() as session:
            answer = session.get(double.url + "/latest.json", headers={"Api-Key": "wrong"}, timeout=5)
        assert answer.status_code == 403 and answer.json()["error_type"] == "invalid_access"
