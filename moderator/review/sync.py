"""Frugal sync of the moderation queue: the count first, the list only when it changed.

Costs, per staff community and sync: 1 request (``review_count``) when nothing changed, else 1 + one
per 10 pending items. A non-staff account never asks (the capability is declared from ``whoami``).
The list is also read again when the last listing is older than ``LIST_MAX_AGE``, because an item
can be handled and another arrive between two syncs, leaving the count the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading

from moderator.model import Community, utcnow
from moderator.platforms.base import (
    Connector,
    NotFound,
    PermissionDenied,
    ReviewQueueConnector,
)
from moderator.review import store as review_store
from moderator.store import Store

log = logging.getLogger(__name__)

LIST_MAX_AGE = dt.timedelta(hours=6)


@dataclasses.dataclass(slots=True)
class ReviewSyncReport:
    asked: bool = False  # False: not staff, or the platform has no queue
    count: int | None = None
    listed: bool = False
    items: int = 0


def sync_review(
    store: Store,
    community: Community,
    connector: Connector,
    *,
    cancel: threading.Event | None = None,
    now: dt.datetime | None = None,
    max_age: dt.timedelta = LIST_MAX_AGE,
) -> ReviewSyncReport:
    """Bring the community's pending items home if the account is staff; raises ``PlatformError``."""
    report = ReviewSyncReport()
    if community.id is None or not connector.capabilities().review_queue:
        return report
    if not isinstance(connector, ReviewQueueConnector):
        return report
    now = now or utcnow()
    report.asked = True
    try:
        count = connector.review_count(cancel=cancel)
    except (PermissionDenied, NotFound):
        # Staff no longer (or reviewing disabled): what was stored is not ours to act on any more.
        log.info("%s: the review queue is not readable with this account", community.name)
        review_store.replace_queue(store, community.id, [], count=0, now=now)
        return report
    report.count = count
    stored, listed_at = review_store.sync_state(store, community.id)
    fresh = listed_at is not None and now - listed_at < max_age
    if stored == count and fresh:
        review_store.note_counted(store, community.id, now)
        return report
    items = connector.review_list(cancel=cancel) if count > 0 else []
    review_store.replace_queue(store, community.id, items, count=count, now=now)
    report.listed = True
    report.items = len(items)
    return report
