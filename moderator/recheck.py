"""Re-checking the queues: topics that left the site's lists must leave the app's queues soon.

A "what changed" list does not show every change: on Discourse, closing, archiving, unlisting or
deleting a topic does not bump it, so a closed topic would wait in the unanswered queue until someone
posts in it. Animators close topics on the web all day, so the sync engine asks the connector (when it
can: ``Capabilities.topic_recheck``, the ``TopicRechecker`` protocol) for the current state of the
topics the queues show: the unanswered queue and the trending list (likes and title edits too).

When: at most every ``RECHECK_MINUTES`` (10) while syncs run on their schedule, so a topic closed on
the web leaves the queue within 10 minutes of sync; at once on a manual refresh (the GUI's "Sync now",
the ``sync`` command). A community's very first sync has just read everything, so it only starts the
clock. Between re-checks an up-to-date sync costs what it did (2 requests on Discourse); a re-check
costs about one request per 100 queued topics (plus the posts of topics that did change).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from moderator.model import SyncBatch, utcnow
from moderator.platforms.base import Connector, LocalView, TopicRechecker
from moderator.store import Store

log = logging.getLogger(__name__)

RECHECK_MINUTES = 10.0
# Syncs are scheduled every 10 minutes by default: a re-check due "10 minutes after the last" must not
# miss the sync that comes a few seconds early, so that sync re-checks too.
SLACK_SECONDS = 60.0
CURSOR_KEY = "recheck_at"  # epoch seconds of the last re-check, kept in the community's sync cursor
TRENDING_LIMIT = 100


def can_recheck(connector: Connector) -> bool:
    return isinstance(connector, TopicRechecker) and connector.capabilities().topic_recheck


def due(cursor: dict[str, object], now: dt.datetime, *, force: bool) -> bool | None:
    """True: re-check now. False: not yet. None: never re-checked (just start the clock: the first
    sync, which has just read every topic, even when asked for by hand)."""
    last = cursor.get(CURSOR_KEY)
    if not isinstance(last, int | float):
        return None
    return force or now.timestamp() - last >= RECHECK_MINUTES * 60 - SLACK_SECONDS


def queued_topic_ids(store: Store, community_id: int, now: dt.datetime) -> list[str]:
    """The topics the queues show for this community: unanswered, then trending (ideas and all)."""
    from moderator import insights

    ids = [row.topic_id for row in insights.unanswered_topics(store, [community_id], now=now)]
    for ideas_only in (True, False):
        rows = insights.trending_ideas(
            store, [community_id], now=now, limit=TRENDING_LIMIT, ideas_only=ideas_only
        )
        ids.extend(row.topic_id for row in rows)
    return list(dict.fromkeys(ids))


def run(
    store: Store,
    community_id: int,
    connector: Connector,
    local: LocalView,
    *,
    force: bool,
    cancel: threading.Event | None = None,
    on_batch: Callable[[SyncBatch], None] | None = None,
) -> int:
    """Re-check the queued topics if due; store what comes back. Returns how many were re-checked."""
    if not can_recheck(connector):
        return 0
    now = utcnow()
    when = due(store.sync_cursor(community_id), now, force=force)
    stamp = SyncBatch(cursor={CURSOR_KEY: int(now.timestamp())}, label="Queues re-checked")
    if when is None:
        store.apply_batch(community_id, stamp)
        return 0
    if not when:
        return 0
    ids = queued_topic_ids(store, community_id, now)
    assert isinstance(connector, TopicRechecker)
    batches = connector.recheck_topics(ids, local=local, cancel=cancel)
    try:
        for batch in batches:
            store.apply_batch(community_id, batch)
            if on_batch is not None:
                on_batch(batch)
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()
    store.apply_batch(community_id, stamp)
    log.info("Re-checked %d queued topic(s) of community %d", len(ids), community_id)
    return len(ids)
