"""Topics closed, archived, unlisted or deleted on the site leave the queues without being bumped.

Against the Discourse double on 127.0.0.1: closing a topic there does not bump it (as on Discourse),
so only the re-check (``/latest.json?topic_ids=``) can see it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator import insights, recheck
from moderator.model import Community, SyncBatch, utcnow
from moderator.platforms.base import Capabilities, TopicRechecker
from moderator.platforms.discourse import DiscourseConnector
from moderator.sync import sync_community
from tests.helpers.discourse_double import DiscourseDouble, World, running
from tests.helpers.sync_env import SyncEnv, sync_env


@pytest.fixture
def env(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path) as e:
        yield e


@pytest.fixture
def double() -> Iterator[DiscourseDouble]:
    with running(World(seed=5, topics=260, max_replies=1)) as d:
        yield d


def queue(env: SyncEnv, community: Community) -> set[str]:
    assert community.id is not None
    return {row.topic_id for row in insights.unanswered_topics(env.store, [community.id])}


def rechecks(double: DiscourseDouble) -> list[str]:
    return [q for m, p, q in double.requests if p == "/latest.json" and "topic_ids=" in q]


def age_the_last_recheck(env: SyncEnv, community: Community, minutes: float) -> None:
    assert community.id is not None
    at = env.store.sync_cursor(community.id)[recheck.CURSOR_KEY]
    env.store.apply_batch(community.id, SyncBatch(cursor={recheck.CURSOR_KEY: at - minutes * 60}))


def review_probes(double: DiscourseDouble) -> int:
    """The staff account's review-queue count (issue 18), one per sync: not part of what is measured here."""
    return int(double.request_count(path_prefix="/review"))


def test_a_closed_topic_leaves_the_queue_on_refresh_and_within_ten_minutes(
    env: SyncEnv, double: DiscourseDouble
) -> None:
    community = env.community(double.url)
    connector = env.connector(community)
    assert isinstance(connector, TopicRechecker) and connector.capabilities().topic_recheck
    assert sync_community(env.store, community, connector).ok
    waiting = queue(env, community)
    assert len(waiting) > 100, "enough queued topics for two re-check requests"
    closed, archived, unlisted, deleted = sorted(waiting, key=int)[:4]
    with double.world.lock:  # done on the web: none of these bumps the topic
        double.world.topics[int(closed)].closed = True
        double.world.topics[int(archived)].archived = True
        double.world.topics[int(unlisted)].visible = False
        double.world.topics[int(deleted)].deleted = True

    # A scheduled sync right after: up to date, 2 requests (and the staff account's review count), no
    # re-check yet (the queue still lies).
    double.reset_requests()
    report = sync_community(env.store, community, connector)
    assert report.ok and report.requests - review_probes(double) == 2 and rechecks(double) == []
    assert closed in queue(env, community)

    # A manual refresh re-checks at once: about one request per 100 queued topics.
    double.reset_requests()
    report = sync_community(env.store, community, connector, recheck=True)
    assert report.ok, report.message
    queued = len(recheck.queued_topic_ids(env.store, community.id or 0, utcnow())) + 4
    assert len(rechecks(double)) == math.ceil(queued / 100)
    assert report.requests - review_probes(double) == 2 + len(rechecks(double))
    assert not {closed, archived, unlisted, deleted} & queue(env, community)
    stored = env.store.topic(community.id or 0, closed)
    assert stored is not None and stored.closed

    # Then every sync stays at 2 requests until ten minutes have passed...
    double.reset_requests()
    assert sync_community(env.store, community, connector).requests - review_probes(double) == 2
    # ...and the first sync after that re-checks by itself.
    another = min(queue(env, community), key=int)
    with double.world.lock:
        double.world.topics[int(another)].closed = True
    age_the_last_recheck(env, community, 9.5)  # a 10-minute schedule may fire a little early
    double.reset_requests()
    report = sync_community(env.store, community, connector)
    assert report.requests > 2 and rechecks(double)
    assert another not in queue(env, community)
    connector.close()


def test_the_first_sync_only_starts_the_clock(env: SyncEnv, double: DiscourseDouble) -> None:
    community = env.community(double.url)
    connector = env.connector(community)
    assert sync_community(env.store, community, connector, recheck=True).ok  # it has just read it all
    assert rechecks(double) == []
    assert recheck.CURSOR_KEY in env.store.sync_cursor(community.id or 0)
    connector.close()


def test_a_changed_topic_is_stored_with_its_posts(env: SyncEnv, double: DiscourseDouble) -> None:
    community = env.community(double.url)
    connector = env.connector(community)
    assert sync_community(env.store, community, connector).ok
    target = min(queue(env, community), key=int)
    double.world.add_reply(int(target), 3, "An answer posted without bumping, found by the re-check.")
    with double.world.lock:
        topic = double.world.topics[int(target)]
        topic.bumped_at = topic.created_at  # as a no_bump post: the pass does not see it
    assert sync_community(env.store, community, connector, recheck=True).ok
    assert target not in queue(env, community)
    posts = env.store.posts(community.id or 0, target)
    assert any("found by the re-check" in (p.raw or p.cooked) for p in posts)
    connector.close()


class _NoRecheck(DiscourseConnector):
    def capabilities(self) -> Capabilities:
        import dataclasses

        return dataclasses.replace(super().capabilities(), topic_recheck=False)


def test_a_platform_without_the_capability_is_left_alone(env: SyncEnv, double: DiscourseDouble) -> None:
    community = env.community(double.url)
    plain = env.connector(community)
    connector = _NoRecheck(community, plain.http)
    assert sync_community(env.store, community, connector).ok
    double.reset_requests()
    assert sync_community(env.store, community, connector, recheck=True).requests - review_probes(double) == 2
    assert rechecks(double) == []
    connector.close()
