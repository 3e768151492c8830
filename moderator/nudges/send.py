"""One nudge or invitation, queued and remembered in one transaction (the composer and the CLI).

A private nudge goes into the outbox as a private message (sent exactly once, when online) and is
recorded in the nudges history in the same transaction: a crash leaves both or neither. A member
nudged less than 30 days ago is refused (``RecentlyNudged``) unless the caller insists.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from moderator import outbox
from moderator.model import Community, utcnow
from moderator.nudges import history
from moderator.nudges.texts import Purpose
from moderator.settings import CommunitySettings
from moderator.store import Store, from_ts


class RecentlyNudged(Exception):
    """This member was nudged or invited less than 30 days ago; ``insist=True`` sends anyway."""

    def __init__(self, last: history.NudgeRecord) -> None:
        self.last = last
        days = max(0, (utcnow() - last.created_at).days)
        when = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
        super().__init__(
            f"@{last.username} was already {'invited' if last.kind is history.Kind.INVITATION else 'nudged'} "
            f"{when}. Wait a little, or insist (--insist) to send anyway."
        )


class NoPrivateMessages(Exception):
    """The platform (or this account) cannot send private messages: copy the text instead."""


@dataclasses.dataclass(frozen=True, slots=True)
class Queued:
    item: outbox.OutboxItem
    record: history.NudgeRecord


def segment_of(
    store: Store, community: Community, username: str, *, now: dt.datetime | None = None
) -> Purpose:
    """Which saved nudge fits: a newcomer (joined recently, no post), a reader (never posted), or a
    member gone quiet (posted before). The silent-members view says the same with more care; this is
    the quick answer for a member opened from anywhere."""
    assert community.id is not None
    row = (
        store.read()
        .execute(
            "SELECT m.created_at, m.post_count, (SELECT COUNT(*) FROM posts p WHERE p.community_id = m.community_id"
            " AND p.author_id = m.id AND p.post_type = 1 AND p.deleted_at IS NULL) AS stored"
            " FROM members m WHERE m.community_id=? AND m.username=? COLLATE NOCASE",
            (community.id, username),
        )
        .fetchone()
    )
    if row is None:
        return Purpose.READER
    if (row["post_count"] or 0) > 0 or row["stored"] > 0:
        return Purpose.GONE_QUIET
    joined = from_ts(row["created_at"])
    days = CommunitySettings.from_dict(community.settings).silent_windows.newcomer_days
    if joined is not None and (now or utcnow()) - joined <= dt.timedelta(days=days):
        return Purpose.NEWCOMER
    return Purpose.READER


def queue_private(
    store: Store,
    community: Community,
    username: str,
    *,
    title: str,
    body: str,
    purpose: Purpose,
    language: str = "",
    why: str = "",
    topic_id: str | None = None,
    insist: bool = False,
    now: dt.datetime | None = None,
) -> Queued:
    """Queue a private message to ``username`` and record it; refused if nudged in the last 30 days."""
    assert community.id is not None
    username = username.strip().removeprefix("@")
    with store.write():
        last = history.recently_nudged(store, community.id, username, now=now)
        if last is not None and not insist:
            raise RecentlyNudged(last)
        item = outbox.queue_private_message(store, community.id, [username], title, body, now=now)
        rec = history.record(
            store,
            community.id,
            username,
            kind=history.Kind.INVITATION if purpose is Purpose.INVITATION else history.Kind.NUDGE,
            channel=history.Channel.PRIVATE_MESSAGE,
            body=item.body,
            segment="" if purpose is Purpose.INVITATION else str(purpose),
            title=item.pm_title,
            topic_id=topic_id,
            language=language,
            why=why,
            outbox_id=item.id,
            now=now,
        )
    return Queued(item, rec)
