"""Newcomers arrive with the next scheduled sync (staff accounts), not only at the daily member refresh."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.model import Community, SyncBatch
from moderator.sync import sync_community
from tests.helpers.discourse_double import USER_API_KEY, DiscourseDouble, World, running
from tests.helpers.sync_env import SyncEnv, sync_env


@pytest.fixture
def env(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path) as e:
        yield e


@pytest.fixture
def double() -> Iterator[DiscourseDouble]:
    with running(World(seed=4, topics=20, users=150)) as d:  # two admin-list pages of members
        yield d


def join(double: DiscourseDouble, user_id: int) -> None:
    with double.world.lock:
        double.world.users[user_id] = {
            "id": user_id,
            "username": f"newcomer{user_id}",
            "name": "Newcomer",
            "admin": False,
            "moderator": False,
            "trust_level": 0,
        }


def member_ids(env: SyncEnv, community: Community) -> set[str]:
    return {m.id for m in env.store.members(community.id or 0)}


def age(env: SyncEnv, community: Community, key: str, minutes: float) -> None:
    cursor = env.store.sync_cursor(community.id or 0)
    env.store.apply_batch(community.id or 0, SyncBatch(cursor={key: cursor[key] - minutes * 60}))


def test_newcomers_arrive_with_the_next_scheduled_sync(env: SyncEnv, double: DiscourseDouble) -> None:
    community = env.community(double.url)  # the admin key acts as system: staff
    connector = env.connector(community)
    assert sync_community(env.store, community, connector).ok
    assert len(member_ids(env, community)) >= 150
    join(double, 500)
    join(double, 501)

    double.reset_requests()
    report = sync_community(env.store, community, connector)  # a minute later: still 2 requests
    reviews = double.request_count(path_prefix="/review")  # the staff account's review count (issue 18)
    assert report.requests - reviews == 2 and "500" not in member_ids(env, community)

    age(env, community, "new_members_at", 10)
    double.reset_requests()
    report = sync_community(env.store, community, connector)
    assert report.ok, report.message
    assert {"500", "501"} <= member_ids(env, community)
    assert double.request_count("GET", "/admin/users/list/") == 1, "one page: it already shows known members"
    assert report.requests - double.request_count(path_prefix="/review") == 3
    connector.close()


def test_an_account_that_is_not_staff_pays_nothing_more(env: SyncEnv, double: DiscourseDouble) -> None:
    from moderator.model import AuthKind

    community = env.community(double.url, auth_kind=AuthKind.USER_KEY, username="member2")
    double.acting_username = "member2"
    connector = env.connector(community, secret=USER_API_KEY)
    assert sync_community(env.store, community, connector).ok
    age(env, community, "new_members_at", 10)
    double.reset_requests()
    assert sync_community(env.store, community, connector).requests - double.request_count(path_prefix="/review") == 2
    connector.close()
