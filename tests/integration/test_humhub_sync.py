"""HumHub sync against the HumHub double: completeness, frugality, resumption, rights, the views."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.insights.silent import Segment, silent_members
from moderator.insights.trending import trending_ideas
from moderator.insights.unanswered import unanswered_topics
from moderator.model import Community
from moderator.platforms.base import Cancelled
from moderator.sync import sync_community
from tests.helpers.humhub_double import MEMBER_TOKEN, POST_MODEL, World
from tests.helpers.humhub_env import HumHubEnv, humhub_env


@pytest.fixture
def env(tmp_path: Path) -> Iterator[HumHubEnv]:
    with humhub_env(tmp_path) as e:
        yield e


def server_posts(world: World, user_id: int = 1) -> tuple[set[str], set[str]]:
    """The topic ids and post ids the server holds for this reader."""
    readable = [p for p in world.posts.values() if world.can_read(user_id, p)]
    topics = {str(p.id) for p in readable}
    posts = {f"p{p.id}" for p in readable}
    ids = {p.id for p in readable}
    for c in world.comments.values():
        if c.post_id in ids:
            posts.add(("s" if c.object_model != POST_MODEL else "c") + str(c.id))
    return topics, posts


def stored(env: HumHubEnv, community: Community) -> tuple[set[str], set[str]]:
    db = env.store.read()
    topics = {r[0] for r in db.execute("SELECT id FROM topics WHERE community_id=?", (community.id,))}
    posts = {r[0] for r in db.execute("SELECT id FROM posts WHERE community_id=?", (community.id,))}
    return topics, posts


def test_first_sync_brings_everything_then_an_up_to_date_sync_costs_two_requests(env: HumHubEnv) -> None:
    community = env.community()
    connector = env.connector(community)
    report = sync_community(env.store, community, connector)
    assert report.ok, report.message
    assert stored(env, community) == server_posts(env.world)
    categories = env.store.categories(community.id or 0)
    assert {c.name for c in categories} == {s.name for s in env.world.spaces.values()}
    assert any(c.read_restricted for c in categories)  # the members-only space
    members = {m.id: m for m in env.store.members(community.id or 0)}
    assert len(members) == len(env.world.users)
    assert members["3"].created_at is not None  # join date from the space memberships
    assert members["3"].username == "user3" and members["3"].posts_read is None
    assert connector.capabilities().staff_member_list and not connector.capabilities().read_statistics

    env.double.reset_requests()
    again = sync_community(env.store, community, connector)
    assert again.ok and env.double.request_count() == 2 and again.requests == 2
    assert (again.topics, again.posts) == (0, 0)  # nothing rewritten


def test_members_over_several_pages_keep_their_names_and_get_join_dates(tmp_path: Path) -> None:
    with humhub_env(tmp_path, World(seed=6, users=230, spaces=3, posts=20)) as env:
        community = env.community()
        assert sync_community(env.store, community, env.connector(community)).ok
        members = env.store.members(community.id or 0)
        assert len(members) == 230 and env.double.request_count("/api/v1/user") == 1 + 3
        assert all(m.username == env.world.users[int(m.id)].username for m in members)
        joined = {m.id: m.created_at for m in members}
        for user_id in (1, 150, 230):
            since = min(s.members[user_id] for s in env.world.spaces.values() if user_id in s.members)
            assert joined[str(user_id)] == since.replace(tzinfo=dt.UTC)


def test_new_comments_cost_at_most_four_requests_and_update_their_topics(env: HumHubEnv) -> None:
    community = env.community()
    connector = env.connector(community)
    assert sync_community(env.store, community, connector).ok
    oldest = sorted(env.world.posts)[:5]
    for n in range(10):
        env.world.add_comment(oldest[n % 5], 4 + n % 3, f"New comment number {n}.")
    before = {t: env.store.topic(community.id or 0, str(t)) for t in oldest}
    env.double.reset_requests()
    report = sync_community(env.store, community, connector)
    assert report.ok and env.double.request_count() <= 4, [r.path for r in env.double.requests]
    assert stored(env, community) == server_posts(env.world)
    for topic_id in oldest:
        topic, old = env.store.topic(community.id or 0, str(topic_id)), before[topic_id]
        assert topic is not None and old is not None
        assert topic.posts_count == old.posts_count + 2
        assert topic.posts_count == 1 + len(env.world.top_comments(topic_id))


def test_own_comments_and_new_posts_are_caught_on_the_first_post_page(env: HumHubEnv) -> None:
    community = env.community()
    connector = env.connector(community)
    assert sync_community(env.store, community, connector).ok
    newest = max(env.world.posts)
    env.world.add_comment(newest, 1, "My own comment, made on the web.")  # not in my activity stream
    env.world.add_post(1, 1, "My own new post.")
    env.world.add_post(2, 5, "Someone else's new post.")
    env.double.reset_requests()
    assert sync_community(env.store, community, connector).ok
    assert stored(env, community) == server_posts(env.world)
    assert env.double.request_count() <= 4


def test_a_deleted_comment_is_removed_when_its_post_is_read_again(env: HumHubEnv) -> None:
    community = env.community()
    connector = env.connector(community)
    assert sync_community(env.store, community, connector).ok
    post_id = max(p for p in env.world.posts if len(env.world.top_comments(p)) >= 3)
    gone = env.world.top_comments(post_id)[0]
    env.world.delete_comment(gone.id)
    assert sync_community(env.store, community, connector).ok
    assert f"c{gone.id}" not in stored(env, community)[1]


def test_a_member_token_sees_only_what_it_may_read(env: HumHubEnv) -> None:
    community = env.community()
    connector = env.connector(community, token=MEMBER_TOKEN)
    assert sync_community(env.store, community, connector).ok
    assert stored(env, community) == server_posts(env.world, user_id=2)
    assert stored(env, community)[0] < server_posts(env.world)[0]  # the private space's posts are not there
    assert not connector.capabilities().staff_member_list
    assert env.double.request_count("/api/v1/user") == 1  # the capability probe, not a member walk


def test_a_cancelled_first_sync_resumes_without_fetching_again(tmp_path: Path) -> None:
    world = World(seed=8, users=30, spaces=3, posts=350)
    with humhub_env(tmp_path, world) as env:
        community = env.community()
        connector = env.connector(community)
        cancel = threading.Event()
        seen: list[str] = []

        def progress(batch: object) -> None:
            seen.append(getattr(batch, "label", ""))
            if any(label.startswith("Posts, page 2") for label in seen):
                cancel.set()

        report = sync_community(env.store, community, connector, cancel=cancel, progress=progress)
        assert report.cancelled
        cursor = env.store.sync_cursor(community.id or 0)
        assert cursor["pass"]["stage"] == "posts" and cursor["pass"]["page"] == 3
        env.double.reset_requests()
        assert sync_community(env.store, community, connector).ok
        pages = [r.query.get("page") for r in env.double.requests if r.path == "/api/v1/post"]
        assert pages[0] == ["3"]  # resumed at the next page
        assert env.double.request_count("/api/v1/activity") == 0  # the stream was not walked again
        assert stored(env, community) == server_posts(env.world)


def test_the_views_agree_with_the_server(env: HumHubEnv) -> None:
    community = env.community()
    assert sync_community(env.store, community, env.connector(community)).ok
    w = env.world
    rows = unanswered_topics(env.store, [community.id or 0], definition="no_reply")
    expected = {
        str(p.id)
        for p in w.posts.values()
        if not (p.archived or p.locked_comments or p.pinned or p.hidden)
        and not any(c.user_id != p.user_id for c in w.comments.values() if c.post_id == p.id)
    }
    assert {r.topic_id for r in rows} == expected and rows
    assert all(r.community_name == "hub" for r in rows)
    writers = {p.user_id for p in w.posts.values()} | {c.user_id for c in w.comments.values()}
    silent = silent_members(env.store, [community.id or 0], segments=[Segment.READER, Segment.NEWCOMER])
    assert silent and all(int(r.member_id) not in writers for r in silent)
    trending = trending_ideas(env.store, [community.id or 0], ideas_only=False, limit=None)
    for row in trending:
        assert int(row.topic_id) in w.posts


def test_a_draft_or_cancel_is_not_an_error(env: HumHubEnv) -> None:
    community = env.community()
    connector = env.connector(community)
    first = min(env.world.posts)
    env.world.posts[first].state = 10  # a draft: not part of the conversation
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        list(connector.pull({}, cancel=cancel))
    assert sync_community(env.store, community, connector).ok
    assert str(first) not in stored(env, community)[0]
