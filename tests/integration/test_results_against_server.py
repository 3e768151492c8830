"""Results after a real sync from the local Discourse server agree with the server's own data.

The expected weekly figures are computed here from the server's world objects (its users, topics and
posts as it holds them), with the definitions written out again, not through the app's store or SQL.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.insights.results import first_response, weeks
from moderator.model import UTC, AuthKind
from moderator.sandbox import SANDBOX_USERNAME, SandboxServer
from moderator.sync import sync_community
from tests.helpers.sync_env import SyncEnv, sync_env

NOW = dt.datetime(2026, 5, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def env(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path) as e:
        yield e


def _expected(server: SandboxServer, week_count: int) -> dict[str, tuple[int, int, float | None]]:
    world = server.world
    announcements = {
        c.id for c in world.categories.values()
        if any(w in f"{c.name} {c.slug}".lower() for w in ("announce", "annonce"))
    }
    out = {}
    for period in weeks(week_count, NOW, UTC):
        hours = []
        topics = 0
        for topic in world.topics.values():
            if topic.is_pm or topic.deleted_at or not topic.visible or topic.pinned:
                continue
            if topic.category_id in announcements or not (period.start <= topic.created_at < period.end):
                continue
            topics += 1
            replies = [
                p.created_at for p in topic.posts
                if p.user_id != topic.user_id and p.post_type == 1 and not p.hidden
                and p.deleted_at is None and not p.user_deleted
            ]
            if replies:
                hours.append((min(replies) - topic.created_at).total_seconds() / 3600)
        median = round(statistics.median(hours), 2) if hours else None
        out[period.label] = (topics, len(hours), median)
    return out


def test_weekly_medians_agree_with_the_servers_data(env: SyncEnv) -> None:
    with SandboxServer(seed=7, scale=0.3, now=NOW) as server:
        community = env.community(server.url, name="sandbox", auth_kind=AuthKind.SANDBOX, username=SANDBOX_USERNAME)
        report = sync_community(env.store, community, env.connector(community))
        assert report.error is None
        expected = _expected(server, 12)
    rows = first_response(env.store, weeks_back=12, now=NOW, tz=UTC)
    got = {r.week: (r.topics, r.answered, r.median_hours) for r in rows}
    assert got == expected
    assert sum(t for t, _a, _m in expected.values()) > 20  # the comparison is not over empty weeks
