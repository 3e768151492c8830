"""HumHub: every fault a real site produces ends retried, or with a clear typed error and the copy intact.

The same fault set as ``test_discourse_faults.py``, against the HumHub double; and posting (comments),
its refusals, and an answer lost after the server accepted.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.model import AuthKind, Community, Platform, utcnow
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
from moderator.platforms.humhub.connector import HumHubConnector
from moderator.sync import sync_community
from tests.helpers.discourse_double import closed_port
from tests.helpers.humhub_double import ADMIN_TOKEN, MEMBER_TOKEN
from tests.helpers.humhub_env import HumHubEnv, humhub_env


@pytest.fixture
def env(tmp_path: Path) -> Iterator[HumHubEnv]:
    with humhub_env(tmp_path) as e:
        yield e


@pytest.fixture
def synced(env: HumHubEnv) -> Iterator[tuple[Community, HumHubConnector]]:
    """A community synced once, with new comments waiting on the server."""
    community = env.community()
    connector = env.connector(community)
    assert sync_community(env.store, community, connector).ok
    for post_id in sorted(env.world.posts)[:3]:
        env.world.add_comment(post_id, 6, "A change waiting to be synced.")
    env.double.reset_requests()
    yield community, connector
    connector.close()


def comments_stored(env: HumHubEnv, community: Community) -> int:
    return int(
        env.store.read()
        .execute("SELECT COUNT(*) FROM posts WHERE community_id=? AND id NOT LIKE 'p%'", (community.id,))
        .fetchone()[0]
    )


def snapshot(env: HumHubEnv, community: Community) -> tuple[dict[str, int], dict[str, object]]:
    return env.store.counts(community.id), env.store.sync_cursor(community.id or 0)


RETRIED = ["429-retry-after", "429-json", "429-text", "429-html", "502", "timeout", "truncated", "reset"]


@pytest.mark.parametrize("fault", RETRIED)
@pytest.mark.parametrize("where", [r"^/api/v1/activity", r"^/api/v1/post$"])
def test_transient_faults_are_retried(
    env: HumHubEnv, synced: tuple[Community, HumHubConnector], fault: str, where: str
) -> None:
    community, connector = synced
    env.double.inject_fault(where, fault)
    report = sync_community(env.store, community, connector)
    assert report.ok, report.message
    assert comments_stored(env, community) == len(env.world.comments)
    waits = env.clock.sleeps
    if fault.startswith("429"):
        assert waits[0] == (11.0 if fault in ("429-json", "429-html") else 2.0)  # Retry-After, or 11 s
    elif fault != "timeout":
        assert waits[0] == 1.0  # one backoff step (jitter pinned to 0)


def test_rate_limited_for_too_long_ends_with_the_wait(
    env: HumHubEnv, synced: tuple[Community, HumHubConnector]
) -> None:
    community, connector = synced
    before = snapshot(env, community)
    env.double.inject_fault(r"^/api/v1/activity", "429-retry-after", times=10)
    report = sync_community(env.store, community, connector)
    assert isinstance(report.error, RateLimited) and report.error.wait_seconds == 2.0
    assert env.double.request_count("/api/v1/activity") == 4  # one try and three patient retries
    assert snapshot(env, community) == before


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("500", ServerError),
        ("401", AuthenticationError),
        ("403", PermissionDenied),
        ("html-200", MalformedResponse),
        ("wrong-shape", MalformedResponse),
        ("timeout", Offline),
        ("reset", Offline),
        ("502", ServerError),
        ("truncated", MalformedResponse),
    ],
)
@pytest.mark.parametrize("where", [r"^/api/v1/activity", r"^/api/v1/post$"])
def test_lasting_faults_end_with_a_typed_error_and_the_copy_intact(
    env: HumHubEnv,
    synced: tuple[Community, HumHubConnector],
    fault: str,
    error: type[PlatformError],
    where: str,
) -> None:
    community, connector = synced
    before = snapshot(env, community)
    env.double.inject_fault(where, fault, times=10)
    report = sync_community(env.store, community, connector)
    assert type(report.error) is error, report.message
    assert report.error.message in report.message
    assert snapshot(env, community) == before  # an update is one batch: all or nothing
    stored = env.store.community(community.id or 0)
    assert stored is not None and stored.last_sync_error == report.error.message
    env.double.clear_faults()
    assert sync_community(env.store, community, connector).ok
    assert comments_stored(env, community) == len(env.world.comments)


def test_a_fault_in_the_middle_of_a_first_sync_keeps_what_was_stored(env: HumHubEnv) -> None:
    community = env.community()
    connector = env.connector(community)
    env.double.inject_fault(r"^/api/v1/post$", "500", times=10)
    report = sync_community(env.store, community, connector)
    assert isinstance(report.error, ServerError)
    assert comments_stored(env, community) > 0  # the activity stream's comments were kept
    env.double.clear_faults()
    env.double.reset_requests()
    assert sync_community(env.store, community, connector).ok
    assert env.double.request_count("/api/v1/activity") == 0  # resumed at the posts
    assert comments_stored(env, community) == len(env.world.comments)


def test_connection_refused_is_offline(env: HumHubEnv) -> None:
    community = env.store.add_community(
        Community(
            name="dead", platform=Platform.HUMHUB, base_url=f"http://127.0.0.1:{closed_port()}", auth_kind=AuthKind.TOKEN
        )
    )
    connector = env.connector(community)
    report = sync_community(env.store, community, connector)
    connector.close()
    assert isinstance(report.error, Offline) and "refused" in report.error.message
    assert report.requests == 1 and env.clock.sleeps == []  # nobody listens: said at once, no retries


def test_wrong_token(env: HumHubEnv) -> None:
    community = env.community()
    connector = env.connector(community, token="not-the-token")
    report = sync_community(env.store, community, connector)
    connector.close()
    assert isinstance(report.error, AuthenticationError)


def test_no_token_in_any_log_line(env: HumHubEnv, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        community = env.community()
        connector = env.connector(community)
        env.double.inject_fault(r"^/api/v1/post$", "502")
        assert sync_community(env.store, community, connector).ok
        connector.post_reply(str(min(env.world.posts)), "A comment sent while logging at DEBUG.")
        connector.close()
    assert "urllib3" in caplog.text
    assert ADMIN_TOKEN not in caplog.text


# -- posting -------------------------------------------------------------------------------------------


def test_comment_created_and_refused_with_the_servers_reasons(env: HumHubEnv) -> None:
    connector = env.connector(env.community())
    post_id = next(p.id for p in env.world.posts.values() if not (p.archived or p.locked_comments))
    created = connector.post_reply(str(post_id), "Thanks, that helps a lot!")
    assert created.status is PostStatus.CREATED and created.post is not None
    assert created.post.topic_id == str(post_id) and created.post.raw == "Thanks, that helps a lot!"
    assert env.world.comments[int(created.post.id[1:])].message == "Thanks, that helps a lot!"
    blank = connector.post_reply(str(post_id), "   ")
    assert blank.status is PostStatus.REJECTED and blank.reasons == ("Message cannot be blank.",)
    env.world.posts[post_id].archived = True
    archived = connector.post_reply(str(post_id), "Another helpful reply.")
    assert archived.status is PostStatus.REJECTED and "archived" in archived.reasons[0]
    reply = connector.post_reply(str(post_id + 1), "A reply to a comment.", reply_to_post_number=1)
    assert reply.status is PostStatus.CREATED
    first = env.world.top_comments(post_id + 1)
    if first:
        sub = connector.post_reply(str(post_id + 1), "Answering you.", reply_to_post_number=1 + first[0].id)
        assert sub.post is not None and sub.post.reply_to_post_number == 1 + first[0].id
    connector.close()


def test_a_member_cannot_comment_in_a_space_it_cannot_read(env: HumHubEnv) -> None:
    connector = env.connector(env.community(), token=MEMBER_TOKEN)
    private = next(p for p in env.world.posts.values() if not env.world.can_read(2, p))
    refused = connector.post_reply(str(private.id), "May I?")
    assert refused.status is PostStatus.REJECTED and "HumHub does not let this account" in refused.reasons[0]
    connector.close()


def test_lost_answer_to_a_comment_then_find_reply(env: HumHubEnv) -> None:
    connector = env.connector(env.community())
    post_id = next(p.id for p in env.world.posts.values() if not (p.archived or p.locked_comments))
    since = utcnow() - dt.timedelta(days=3650)
    assert connector.find_reply(str(post_id), "Exactly once, please.", since=since) is None
    env.double.inject_fault(r"^/api/v1/comment$", "drop-after-accept", method="POST")
    with pytest.raises(Offline):
        connector.post_reply(str(post_id), "Exactly once, please.")
    assert env.double.request_count("/api/v1/comment", method="POST") == 1  # not retried: it had landed
    found = connector.find_reply(str(post_id), "Exactly  once, please.\n", since=since)
    assert found is not None and found.raw == "Exactly once, please."
    assert sum(1 for c in env.world.comments.values() if c.message == "Exactly once, please.") == 1
    assert connector.find_reply(str(post_id), "Something I never sent.", since=since) is None
    connector.close()


def test_find_reply_reads_the_last_pages_of_a_long_thread(env: HumHubEnv) -> None:
    connector = env.connector(env.community())
    post_id = min(env.world.posts)
    for n in range(230):
        env.world.add_comment(post_id, 3 + n % 5, f"Comment {n}")
    env.world.add_comment(post_id, 1, "Mine, at the very end.")
    env.double.reset_requests()
    found = connector.find_reply(str(post_id), "Mine, at the very end.", since=utcnow() - dt.timedelta(days=1))
    assert found is not None
    assert env.double.request_count("/api/v1/comment/find-by-object") == 3  # page 1, then the last two
    connector.close()


def test_fetch_topic_and_web_url(env: HumHubEnv) -> None:
    connector = env.connector(env.community())
    post_id = max(env.world.posts, key=lambda p: len(env.world.top_comments(p)))
    topic, posts = connector.fetch_topic(str(post_id))
    assert topic.id == str(post_id) and posts[0].post_number == 1
    assert [p.post_number for p in posts] == sorted(p.post_number for p in posts)
    assert len([p for p in posts if p.id.startswith("c")]) == len(env.world.top_comments(post_id))
    url = connector.web_url(str(post_id))
    assert url == f"{env.double.url}/content/perma?id={env.world.posts[post_id].content_id}"
    with pytest.raises(PlatformError):
        connector.fetch_topic("99999")
    connector.close()


def test_a_new_post_in_a_space_and_finding_it_after_a_lost_answer(env: HumHubEnv) -> None:
    connector = env.connector(env.community())
    assert connector.capabilities().new_topics
    space = env.world.spaces[1]
    since = utcnow() - dt.timedelta(minutes=1)
    created = connector.create_topic("Welcome week", "Say hello to the newcomers!", category_id=str(space.container_id))
    assert created.status is PostStatus.CREATED and created.post is not None
    topic_id = created.post.topic_id
    assert env.world.posts[int(topic_id)].message == "**Welcome week**\n\nSay hello to the newcomers!"
    topic, _posts = connector.fetch_topic(topic_id)
    assert topic.title == "Welcome week" and topic.category_id == str(space.container_id)
    assert connector.create_topic("No space", "Where?").status is PostStatus.REJECTED
    blank = connector.create_topic("", "  ", category_id=str(space.container_id))
    assert blank.status is PostStatus.REJECTED and blank.reasons == ("Message cannot be blank.",)
    env.double.inject_fault(r"^/api/v1/post/container/", "drop-after-accept", method="POST")
    with pytest.raises(Offline):
        connector.create_topic("Lunch talk", "Friday at noon.", category_id=str(space.container_id))
    found = connector.find_topic("Lunch talk", "Friday at noon.", since=since)
    assert found is not None and found.post_number == 1
    assert sum(1 for p in env.world.posts.values() if "Lunch talk" in p.message) == 1
    assert connector.find_topic("Never sent", "Nothing.", since=since) is None
    connector.close()
