"""The offline-first sync engine: bring each community's changes home, one atomic batch at a time.

The engine knows no platform. It asks a connector for batches (``Connector.pull``), stores each with
``Store.apply_batch`` (one transaction, the batch's cursor update included) and only then asks for the
next, so a sync cut anywhere (cancel, crash, network loss) leaves a consistent local copy and a cursor
from which the next sync resumes without fetching again what was stored.

Errors never destroy data: a ``PlatformError`` ends the sync of that community, its message is recorded
(``Store.record_sync``) and returned in the ``SyncReport``; what was stored stays. Anything else is a bug:
it is recorded too, then re-raised (``sync_all`` turns it into a report so other communities go on).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

from moderator.model import Community, SyncBatch, Topic
from moderator.platforms.base import Cancelled, Connector, PlatformError, StoredTopic
from moderator.recheck import run as recheck_queues
from moderator.store import Store

log = logging.getLogger(__name__)

CANCELLED_MESSAGE = (
    "The last sync was cancelled before it finished; the next sync continues where it stopped."
)

Progress = Callable[[SyncBatch], None]


@dataclasses.dataclass(slots=True)
class SyncReport:
    """How one community's sync went; what the GUI's status line and the CLI print."""

    community: str
    categories: int = 0
    members: int = 0
    topics: int = 0
    posts: int = 0
    removed_posts: int = 0
    batches: int = 0
    skipped_items: int = 0  # malformed items the connector skipped
    requests: int = 0
    elapsed: float = 0.0
    cancelled: bool = False
    error: PlatformError | None = None
    bug: BaseException | None = None

    @property
    def stored(self) -> bool:
        """Whether this sync changed the local copy (else the views have nothing to recompute)."""
        return bool(self.categories or self.members or self.topics or self.posts or self.removed_posts)

    @property
    def ok(self) -> bool:
        return self.error is None and self.bug is None and not self.cancelled

    @property
    def message(self) -> str:
        """One line for the user."""
        if self.bug is not None:
            return f"{self.community}: the sync stopped on an internal error ({type(self.bug).__name__})."
        if self.error is not None:
            return f"{self.community}: {self.error.message}"
        if self.cancelled:
            return f"{self.community}: cancelled; {self.topics} topics and {self.posts} posts were stored."
        return (
            f"{self.community}: {self.topics} topics, {self.posts} posts, {self.members} members updated "
            f"with {self.requests} requests in {self.elapsed:.1f} s."
        )

    def add(self, batch: SyncBatch) -> None:
        self.batches += 1
        self.categories += len(batch.categories)
        self.members += len(batch.members)
        self.topics += len(batch.topics)
        self.posts += len(batch.posts)
        self.removed_posts += len(batch.removed_post_ids)


class StoreLocalView:
    """``LocalView`` over the store: what a connector may ask to avoid fetching what is stored."""

    def __init__(self, store: Store, community_id: int) -> None:
        self._store = store
        self._cid = community_id

    def topics(self, topic_ids: Iterable[str]) -> dict[str, StoredTopic]:
        ids = list(dict.fromkeys(topic_ids))
        result: dict[str, StoredTopic] = {}
        db = self._store.read()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = {
                r["id"]: r
                for r in db.execute(
                    "SELECT id, bumped_at, posts_count, highest_post_number FROM topics"
                    f" WHERE community_id=? AND id IN ({marks})",
                    [self._cid, *chunk],
                )
            }
            counts = {
                r["topic_id"]: (r["n"], r["top"])
                for r in db.execute(
                    "SELECT topic_id, SUM(post_type = 1 AND deleted_at IS NULL) AS n,"
                    " MAX(post_number) AS top FROM posts"
                    f" WHERE community_id=? AND topic_id IN ({marks}) GROUP BY topic_id",
                    [self._cid, *chunk],
                )
            }
            for topic_id in chunk:
                row = rows.get(topic_id)
                if row is None and topic_id not in counts:
                    continue
                stored, top = counts.get(topic_id, (0, 0))
                result[topic_id] = StoredTopic(
                    row_bumped_at=None if row is None else row["bumped_at"],
                    row_posts_count=None if row is None else row["posts_count"],
                    row_highest_post_number=None if row is None else row["highest_post_number"],
                    stored_posts=int(stored or 0),
                    max_post_number=int(top or 0),
                )
        return result

    def topic_row(self, topic_id: str) -> Topic | None:
        """The stored topic itself (a connector that learns of new replies without the topic's own
        answer, like HumHub's activity stream, updates its numbers from it)."""
        return self._store.topic(self._cid, topic_id)

    def post_ids(self, topic_id: str) -> set[str]:
        rows = self._store.read().execute(
            "SELECT id FROM posts WHERE community_id=? AND topic_id=?", (self._cid, topic_id)
        )
        return {r[0] for r in rows}

    def orphan_topic_ids(self) -> set[str]:
        rows = self._store.read().execute(
            "SELECT DISTINCT p.topic_id FROM posts p WHERE p.community_id=?1 AND NOT EXISTS"
            " (SELECT 1 FROM topics t WHERE t.community_id=?1 AND t.id=p.topic_id)",
            (self._cid,),
        )
        return {r[0] for r in rows}


def _count_terms(store: Store, cid: int) -> None:
    """Bring the rising terms' index up to date with the posts just stored, here in the sync's
    thread: a view opened later finds it counted instead of counting a whole history first. A
    failure only delays the count (the view catches up), it never fails the sync."""
    from moderator.insights import term_index

    try:
        term_index.refresh(store, [cid])
    except Exception:  # noqa: BLE001 - the posts are stored; the index catches up on the next call
        log.exception("Counting the terms of the new posts failed")


def _keep_learned_settings(store: Store, community: Community, connector: Connector) -> None:
    """What the connector learned about the account during the pull and the account row keeps
    (``account_settings``: HumHub's mail module, Viva Engage's network name), stored when it changed,
    so the GUI thread can answer capability questions without a connector."""
    learned = getattr(connector, "account_settings", None)
    if not callable(learned) or community.id is None:
        return
    values = learned()
    if values and any(community.settings.get(key) != value for key, value in values.items()):
        store.merge_community_settings(community.id, values)
        community.settings.update(values)


def sync_community(
    store: Store,
    community: Community,
    connector: Connector,
    *,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
    recheck: bool = False,
) -> SyncReport:
    """Sync one community; never raises a ``PlatformError`` (it is in the report).

    After the pull, the topics the queues show are re-checked when due (``moderator.recheck``), or
    at once with ``recheck=True`` (a manual refresh).
    """
    if community.id is None:
        raise ValueError(f"Community {community.name!r} is not in the store")
    cid = community.id
    report = SyncReport(community=community.name)
    started = time.monotonic()
    requests_before = connector.requests_made
    skipped_before = connector.items_skipped
    error_text: str | None = None
    local = StoreLocalView(store, cid)

    def stored(batch: SyncBatch) -> None:
        report.add(batch)
        if progress is not None:
            progress(batch)
        if cancel is not None and cancel.is_set():
            raise Cancelled()

    try:
        batches = connector.pull(store.sync_cursor(cid), local=local, cancel=cancel)
        try:
            for batch in batches:
                store.apply_batch(cid, batch)
                stored(batch)
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                close()
        _keep_learned_settings(store, community, connector)
        recheck_queues(store, cid, connector, local, force=recheck, cancel=cancel, on_batch=stored)
        # The moderation queue, staff accounts only: one count request when nothing changed.
        from moderator.review.sync import sync_review

        sync_review(store, community, connector, cancel=cancel)
        if report.posts or report.removed_posts:
            _count_terms(store, cid)
    except Cancelled:
        report.cancelled = True
        error_text = CANCELLED_MESSAGE
    except PlatformError as exc:
        report.error = exc
        error_text = exc.message
        log.warning("Sync of %s failed: %s", community.name, exc.message)
    except Exception as exc:
        report.bug = exc
        error_text = f"Internal error during sync ({type(exc).__name__}); the local copy is intact."
        log.exception("Sync of %s failed with an internal error", community.name)
    finally:
        report.requests = connector.requests_made - requests_before
        report.skipped_items = connector.items_skipped - skipped_before
        report.elapsed = time.monotonic() - started
    store.record_sync(cid, error=error_text)
    if report.bug is not None:
        raise report.bug
    return report


def sync_all(
    store: Store,
    connectors: Sequence[Connector],
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[Community, SyncBatch], None] | None = None,
    max_workers: int = 4,
) -> list[SyncReport]:
    """Sync several communities in parallel threads (HTTP in parallel, writes serialized by the store).

    One community failing, even on a bug, never stops the others; the reports come back in the order
    of ``connectors``.
    """

    def one(connector: Connector) -> SyncReport:
        community = connector.community
        each: Progress | None = None
        if progress is not None:

            def each(batch: SyncBatch) -> None:
                progress(community, batch)

        try:
            return sync_community(store, community, connector, cancel=cancel, progress=each)
        except Exception as exc:
            return SyncReport(community=community.name, bug=exc)

    if not connectors:
        return []
    with ThreadPoolExecutor(
        max_workers=max(1, min(max_workers, len(connectors))), thread_name_prefix="sync"
    ) as pool:
        return list(pool.map(one, connectors))
