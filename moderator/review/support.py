"""Whether a community can show a moderation queue, answered from the local copy (no network).

The GUI and the CLI ask this to say *why* a community has no items (not staff, platform without a
queue, not synced yet) instead of showing an empty list. It must agree with the connectors'
``capabilities().review_queue``:

- Discourse: the review queue (``/review``) for staff accounts; staff is known once the account has
  been synced (the member row of the account carries admin/moderator).
- HumHub (REST module): the API has no reported-content or approval endpoints (``openapi/*.yaml``
  in ``shared/platforms/humhub``): no queue.
- Viva Engage (v1 REST): no endpoint for reported messages: no queue.
- NodeBB: a post queue and flags exist over HTTP (NOTES), not mapped yet: no queue in this version.
"""

from __future__ import annotations

import enum

from moderator.model import Community, Platform
from moderator.store import Store


class QueueSupport(enum.StrEnum):
    AVAILABLE = "available"
    NOT_STAFF = "not_staff"  # the platform has a queue, this account may not see it
    NOT_SYNCED = "not_synced"  # the account's role is not known yet
    UNSUPPORTED = "unsupported"  # the platform's API does not expose reported content


_PLATFORMS_WITH_QUEUE = {Platform.DISCOURSE}

_WORDS = {
    QueueSupport.AVAILABLE: "",
    QueueSupport.NOT_STAFF: "this account is not a moderator there",
    QueueSupport.NOT_SYNCED: "not synced yet",
    QueueSupport.UNSUPPORTED: "the platform does not expose reported content to apps",
}


def queue_support(store: Store, community: Community) -> QueueSupport:
    if community.platform not in _PLATFORMS_WITH_QUEUE:
        return QueueSupport.UNSUPPORTED
    if community.id is None:
        return QueueSupport.NOT_SYNCED
    row = (
        store.read()
        .execute(
            "SELECT admin, moderator FROM members WHERE community_id=? AND username=? COLLATE NOCASE",
            (community.id, community.username),
        )
        .fetchone()
    )
    if row is None:
        listed = (
            store.read().execute("SELECT 1 FROM review_sync WHERE community_id=?", (community.id,)).fetchone()
        )
        return QueueSupport.AVAILABLE if listed else QueueSupport.NOT_SYNCED
    return QueueSupport.AVAILABLE if (row["admin"] or row["moderator"]) else QueueSupport.NOT_STAFF


def describe_support(support: QueueSupport) -> str:
    """English words for the CLI (the GUI has its own translations)."""
    return _WORDS[support]
