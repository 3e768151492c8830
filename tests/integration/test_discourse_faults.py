"""Every fault a real site produces ends retried, or with a clear typed error and the local copy intact."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.model import AuthKind, Community, utcnow
from moderator.platforms.base import (
    AuthenticationError,
    MalformedResponse,
    Offline,
    PermissionDenied,
    PlatformError,
    PostStatus,
    RateLimited,
    ServerError,
)
from moderator.platforms.discourse import DiscourseConnector
from moderator.sync import sync_community
from tests.helpers.discourse_double import API_KEY, USER_API_KEY, DiscourseDouble, World, closed_port, running
from tests.helpers.sync_env import SyncEnv, sync_env


@pytest.fixture
def env(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path) as e:
        yield e


@pytest.fixture
def double() -> Iterator[DiscourseDouble]:
    with running(World(seed=11, topics=40, max_replies=3), retry_after=2.0, timeout_delay=0.5) as d:
        yield d


@pytest.fixture
def synced(env: SyncEnv, double: DiscourseDouble) -> Iterator[tuple[Community, DiscourseConnector]]:
    """A community already synced once, with changes waiting on the server."""
    community = env.community(double.url)
    connector = env.connector(community)
    assert sync_community(env.store, community, connector).ok
    for topic_id in (3, 7, 9):
        double.world.add_reply(topic_id, 2, "A change waiting to be synced.")
    double.reset_requests()
    yield community, connector
    connector.close()


def snapshot(env: SyncEnv, community: Community) -> tuple[dict[str, int], dict[str, object]]:
    return env.store.counts(community.id), env.store.sync_cursor(community.id or 0)


RETRIED = ["429-retry-after", "429-json", "429-text", "429-html", "502", "timeout", "truncated", "reset"]


@pytest.mark.parametrize("fault", RETRIED)
@pytest.mark.parametrize("where", [r"^/latest\.json", r"^/posts\.json", r"^/topics/private-messages/"])
def test_transient_faults_are_retried(
    env: SyncEnv,
    double: DiscourseDouble,
    synced: tuple[Community, DiscourseConnector],
    fault: str,
    where: str,
) -> None:
    community, connector = synced
    double.inject_fault(where, fault)
    report = sync_community(env.store, community, connector)
    assert report.ok, report.message
    assert env.store.counts(community.id)["posts"] == sum(
        1 for p in double.world.posts.values() if not p.deleted
    )
    waits = env.clock.sleeps
    if fault.startswith("429"):
        assert waits[-1] == (11.0 if fault in ("429-text", "429-html") else 2.0)  # the server's wait, or 11 s
    elif fault != "timeout":
        assert waits == [1.0]  # one backoff step (jitter pinned to 0)


def test_rate_limited_for_too_long_ends_with_the_wait(
    env: SyncEnv, double: DiscourseDouble, synced: tuple[Community, DiscourseConnector]
) -> None:
    community, connector = synced
    before = snapshot(env, community)
    double.inject_fault(r"^/latest\.json", "429-json", times=10)
    report = sync_community(env.store, community, connector)
    assert isinstance(report.error, RateLimited) and report.error.wait_seconds == 2.0
    assert double.request_count(path_prefix="/latest.json") == 4  # one try and three patient retries
    assert snapshot(env, community) == before


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("500", ServerError),
        ("401", AuthenticationError),
        ("403", AuthenticationError),
        ("403-denied", PermissionDenied),
        ("html-200", MalformedResponse),
        ("wrong-shape", MalformedResponse),
        ("timeout", Offline),
        ("reset", Offline),
        ("502", ServerError),
        ("truncated", MalformedResponse),
    ],
)
@pytest.mark.parametrize("where", [r"^/latest\.json", r"^/posts\.json"])
def test_lasting_faults_end_with_a_typed_error_and_the_copy_intact(
    env: SyncEnv,
    double: DiscourseDouble,
    synced: tuple[Community, DiscourseConnector],
    fault: str,
    error: type[PlatformError],
    where: str,
) -> None:
    community, connector = synced
    before = snapshot(env, community)
    double.inject_fault(where, fault, times=10)
    report = sync_community(env.store, community, connector)
    assert type(report.error) is error, report.message
    assert report.error.message in report.message
    counts, cursor = snapshot(env, community)
    assert counts["topics"] == before[0]["topics"] and counts["posts"] >= before[0]["posts"]
    stored = env.store.community(community.id or 0)
    assert stored is not None and stored.last_sync_error == report.error.message
    # the next sync, with the server healthy again, completes what was left
    double.inject_fault(".", "500", times=0)
    double._faults.clear()
    assert sync_community(env.store, community, connector).ok
    assert env.store.counts(community.id)["posts"] == sum(
        1 for p in double.world.posts.values() if not p.deleted
    )


def test_connection_refused_is_offline(env: SyncEnv) -> None:
    community = env.community(f"http://127.0.0.1:{closed_port()}")
    connector = env.connector(community)
    report = sync_community(env.store, community, connector)
    connector.close()
    assert isinstance(report.error, Offline) and "refused" in report.error.message
    assert report.requests == 1 and env.clock.sleeps == []  # nobody listens: said at once, no retries


def test_wrong_key(env: SyncEnv, double: DiscourseDouble) -> None:
    community = env.community(double.url)
    connector = env.connector(community, secret="not-the-key")
    report = sync_community(env.store, community, connector)
    connector.close()
    assert isinstance(report.error, AuthenticationError) and "new key" in report.message


def test_no_secret_in_any_log_line(
    env: SyncEnv, double: DiscourseDouble, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        for kind, secret, user in (
            (AuthKind.ADMIN_KEY, API_KEY, "system"),
            (AuthKind.USER_KEY, USER_API_KEY, "system"),
        ):
            community = env.community(double.url, name=f"c-{kind}", auth_kind=kind, username=user)
            connector = env.connector(community, secret=secret)
            double.inject_fault(r"^/latest\.json", "502")
            assert sync_community(env.store, community, connector).ok
            connector.post_reply("3", "A reply sent while logging at DEBUG.")
            connector.close()
    assert "urllib3" in caplog.text  # the debug logs did run
    assert API_KEY not in caplog.text and USER_API_KEY not in caplog.text


# -- posting -----------------------------------------------------------------------------------------


def test_reply_created_enqueued_rejected(env: SyncEnv, double: DiscourseDouble) -> None:
    connector = env.connector(env.community(double.url))
    created = connector.post_reply("3", "Thanks, that helps a lot!", reply_to_post_number=1)
    assert created.status is PostStatus.CREATED and created.post is not None
    assert created.post.topic_id == "3" and created.post.raw == "Thanks, that helps a lot!"
    assert double.world.posts[int(created.post.id)].reply_to_post_number == 1
    rejected = connector.post_reply("3", "hi")
    assert rejected.status is PostStatus.REJECTED and not rejected.ok
    assert rejected.reasons == ("Body is too short (minimum is 5 characters)",)
    double.world.close_topic(3)
    closed = connector.post_reply("3", "Another helpful reply.")
    assert closed.status is PostStatus.REJECTED and "closed" in closed.reasons[0]
    double.world.enqueue_posts = True
    queued = connector.post_reply("5", "A first post that needs approval.")
    assert queued.status is PostStatus.ENQUEUED and queued.ok and queued.post is None
    connector.close()


def test_lost_answer_to_a_post_then_find_reply(env: SyncEnv, double: DiscourseDouble) -> None:
    connector = env.connector(env.community(double.url))
    since = utcnow() - dt.timedelta(days=3650)
    assert connector.find_reply("3", "Exactly once, please.", since=since) is None
    double.inject_fault(r"^/posts\.json", "drop-after-accept", method="POST")
    with pytest.raises(Offline):
        connector.post_reply("3", "Exactly once, please.")
    assert double.request_count("POST") == 1  # not retried: it had landed
    found = connector.find_reply("3", "Exactly  once, please.\n", since=since)
    assert found is not None and found.raw == "Exactly once, please."
    assert sum(1 for p in double.world.posts.values() if p.raw == "Exactly once, please.") == 1
    assert connector.find_reply("3", "Something I never sent.", since=since) is None
    connector.close()


def test_fetch_topic_reads_every_post_in_batches(env: SyncEnv, double: DiscourseDouble) -> None:
    for n in range(75):
        double.world.add_reply(8, 2 + n % 4, f"Reply {n} in a long thread")
    connector = env.connector(env.community(double.url))
    double.reset_requests()
    topic, posts = connector.fetch_topic("8")
    assert topic.id == "8" and len(posts) == topic.posts_count == len(
        double.world.visible_posts(double.world.topics[8])
    )
    assert [p.post_number for p in posts] == sorted(p.post_number for p in posts)
    assert double.request_count() == 1 + 2  # 20 posts with the topic, then 50 + the rest by id
    connector.close()


def test_fetch_missing_topic(env: SyncEnv, double: DiscourseDouble) -> None:
    connector = env.connector(env.community(double.url))
    with pytest.raises(PlatformError) as info:
        connector.fetch_topic("9999")
    assert "no longer exists" in info.value.message
    connector.close()
