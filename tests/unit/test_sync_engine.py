"""The sync engine with scripted connectors: atomic batches, progress, cancel, errors, parallel syncs."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moderator.model import UTC, Category, Community, Member, Platform, Post, SyncBatch, Topic
from moderator.platforms.base import Cancelled, Capabilities, LocalView, Offline, PostResult, RateLimited
from moderator.store import Store
from moderator.sync import CANCELLED_MESSAGE, StoreLocalView, sync_all, sync_community
from tests.helpers.sync_env import SyncEnv, sync_env

T0 = dt.datetime(2025, 5, 1, tzinfo=UTC)


@pytest.fixture
def env(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path) as e:
        yield e


def topic(n: int) -> Topic:
    return Topic(
        id=str(n), title=f"T{n}", bumped_at=T0 + dt.timedelta(minutes=n), posts_count=2, highest_post_number=2
    )


def post(n: int, topic_id: int, number: int) -> Post:
    return Post(id=str(n), topic_id=str(topic_id), post_number=number, cooked=f"<p>post {n}</p>")


class ScriptedConnector:
    """Yields a fixed script of batches; an exception in the script is raised at that point."""

    platform = Platform.DISCOURSE

    def __init__(self, community: Community, script: list[SyncBatch | BaseException]) -> None:
        self.community = community
        self.script = script
        self.requests_made = 0
        self.items_skipped = 0
        self.cursors: list[dict[str, Any]] = []
        self.locals: list[LocalView | None] = []

    def pull(
        self, cursor: dict[str, Any], *, local: LocalView | None = None, cancel: threading.Event | None = None
    ) -> Iterator[SyncBatch]:
        self.cursors.append(dict(cursor))
        self.locals.append(local)
        for step in self.script:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            self.requests_made += 1
            if isinstance(step, BaseException):
                raise step
            yield step

    def capabilities(self) -> Capabilities:
        return Capabilities()

    def close(self) -> None:
        pass

    # unused by the engine
    def whoami(self, *, cancel: threading.Event | None = None) -> Member:
        raise NotImplementedError

    def fetch_topic(self, topic_id: str) -> tuple[Topic, list[Post]]:
        raise NotImplementedError

    def post_reply(self, topic_id: str, raw: str, *, reply_to_post_number: int | None = None) -> PostResult:
        raise NotImplementedError

    def find_reply(self, topic_id: str, raw: str, *, since: dt.datetime) -> Post | None:
        raise NotImplementedError

    def web_url(self, topic_id: str | None = None, post_number: int | None = None) -> str:
        return ""


def script() -> list[SyncBatch | BaseException]:
    return [
        SyncBatch(
            categories=[Category(id="1", name="General")], cursor={"categories_at": 1}, label="Categories"
        ),
        SyncBatch(posts=[post(1, 1, 1), post(2, 1, 2)], cursor={"walk": 1}, label="Posts", done=1, total=2),
        SyncBatch(
            topics=[topic(1)], members=[Member(id="9", username="ann")], cursor={"walk": None}, label="Topics"
        ),
    ]


def test_batches_are_stored_with_their_cursor(env: SyncEnv) -> None:
    c = env.community("https://x.example")
    seen: list[str] = []
    report = sync_community(
        env.store, c, ScriptedConnector(c, script()), progress=lambda b: seen.append(b.label)
    )
    assert report.ok and report.error is None and not report.cancelled
    assert (report.categories, report.posts, report.topics, report.members) == (1, 2, 1, 1)
    assert report.requests == 3 and report.elapsed >= 0
    assert seen == ["Categories", "Posts", "Topics"]
    assert env.store.sync_cursor(c.id or 0) == {"categories_at": 1, "walk": None}
    assert env.store.counts(c.id) == {"categories": 1, "members": 1, "topics": 1, "posts": 2}
    stored = env.store.community(c.id or 0)
    assert stored is not None and stored.last_sync_at is not None and stored.last_sync_error is None
    assert "1 topics, 2 posts" in report.message


def test_a_platform_error_keeps_what_was_stored(env: SyncEnv) -> None:
    c = env.community("https://x.example")
    steps = script()
    steps.insert(2, Offline())
    report = sync_community(env.store, c, ScriptedConnector(c, steps))
    assert isinstance(report.error, Offline) and not report.ok
    assert env.store.counts(c.id)["posts"] == 2 and env.store.counts(c.id)["topics"] == 0
    assert env.store.sync_cursor(c.id or 0) == {"categories_at": 1, "walk": 1}  # resumes from here
    stored = env.store.community(c.id or 0)
    assert stored is not None and stored.last_sync_error == Offline().message and stored.last_sync_at is None
    assert report.message.endswith(Offline().message)


def test_rate_limited_message(env: SyncEnv) -> None:
    c = env.community("https://x.example")
    report = sync_community(env.store, c, ScriptedConnector(c, [RateLimited(1800)]))
    assert isinstance(report.error, RateLimited) and "30 minutes" in report.message


def test_cancel_between_batches(env: SyncEnv) -> None:
    c = env.community("https://x.example")
    cancel = threading.Event()

    def progress(batch: SyncBatch) -> None:
        if batch.label == "Posts":
            cancel.set()

    report = sync_community(env.store, c, ScriptedConnector(c, script()), cancel=cancel, progress=progress)
    assert report.cancelled and report.error is None and not report.ok
    assert report.posts == 2 and report.topics == 0
    assert env.store.sync_cursor(c.id or 0) == {"categories_at": 1, "walk": 1}
    stored = env.store.community(c.id or 0)
    assert stored is not None and stored.last_sync_error == CANCELLED_MESSAGE


def test_a_bug_is_recorded_and_raised(env: SyncEnv) -> None:
    c = env.community("https://x.example")
    with pytest.raises(ZeroDivisionError):
        sync_community(env.store, c, ScriptedConnector(c, [SyncBatch(cursor={"a": 1}), ZeroDivisionError()]))
    stored = env.store.community(c.id or 0)
    assert stored is not None and "ZeroDivisionError" in (stored.last_sync_error or "")
    assert env.store.sync_cursor(c.id or 0) == {"a": 1}


def test_the_engine_resumes_from_the_stored_cursor(env: SyncEnv) -> None:
    c = env.community("https://x.example")
    connector = ScriptedConnector(c, [SyncBatch(cursor={"page": 3})])
    sync_community(env.store, c, connector)
    sync_community(env.store, c, connector)
    assert connector.cursors == [{}, {"page": 3}]
    assert isinstance(connector.locals[0], StoreLocalView)


def test_store_local_view(env: SyncEnv) -> None:
    c = env.community("https://x.example")
    cid = c.id or 0
    small_action = post(4, 1, 4)
    small_action.post_type = 3
    posts = [post(1, 1, 1), post(2, 1, 3), post(3, 2, 1), small_action]
    env.store.apply_batch(cid, SyncBatch(topics=[topic(1)], posts=posts))
    view = StoreLocalView(env.store, cid)
    found = view.topics(["1", "2", "3"])
    assert set(found) == {"1", "2"}
    one, two = found["1"], found["2"]
    assert (one.row_posts_count, one.row_highest_post_number) == (2, 2)
    assert (one.stored_posts, one.max_post_number) == (2, 4)  # the small action is not counted
    assert one.row_bumped_at == int(topic(1).bumped_at.timestamp())  # type: ignore[union-attr]
    assert two.row_posts_count is None and two.stored_posts == 1
    assert view.post_ids("1") == {"1", "2", "4"}
    many = view.topics(str(n) for n in range(1200))  # chunked IN lists
    assert set(many) == {"1", "2"}


def test_sync_all_runs_in_parallel_and_isolates_failures(env: SyncEnv) -> None:
    communities = [env.community(f"https://{n}.example", name=n) for n in ("a", "b", "c")]
    barrier = threading.Barrier(3, timeout=5)

    class Waiting(ScriptedConnector):
        def pull(self, cursor: dict[str, Any], **kwargs: Any) -> Iterator[SyncBatch]:
            barrier.wait()  # all three pulls run at the same time, or this times out
            yield from super().pull(cursor, **kwargs)

    connectors = [
        Waiting(communities[0], script()),
        Waiting(communities[1], [Offline()]),
        Waiting(communities[2], [SyncBatch(cursor={"x": 1}), KeyError("bug")]),
    ]
    seen: list[tuple[str, str]] = []
    lock = threading.Lock()

    def progress(community: Community, batch: SyncBatch) -> None:
        with lock:
            seen.append((community.name, batch.label))

    reports = sync_all(env.store, connectors, progress=progress)
    assert [r.community for r in reports] == ["a", "b", "c"]
    assert reports[0].ok and isinstance(reports[1].error, Offline) and isinstance(reports[2].bug, KeyError)
    assert ("a", "Topics") in seen
    assert env.store.counts(communities[0].id)["posts"] == 2
    assert sync_all(env.store, []) == []


def test_engine_rejects_a_community_outside_the_store(tmp_path: Path) -> None:
    with Store(tmp_path / "x.sqlite3") as store:
        c = Community(name="n", platform=Platform.DISCOURSE, base_url="https://x.example")
        with pytest.raises(ValueError, match="not in the store"):
            sync_community(store, c, ScriptedConnector(c, []))
