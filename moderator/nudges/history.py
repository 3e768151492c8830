"""Every nudge and invitation, remembered: who, when, why, which text, and how it went out.

Shown on the member card and in the silent-members list ("nudged 5 days ago"); a member nudged or
invited in the last ``REST_DAYS`` is not suggested again (answerers) and the composer asks before a
second nudge, unless the user insists. The results view can count what came of them (a post by the
member after ``created_at``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import sqlite3
from collections.abc import Iterable

from moderator.model import utcnow
from moderator.store import Store, from_ts, to_ts

REST_DAYS = 30


class Kind(enum.StrEnum):
    NUDGE = "nudge"
    INVITATION = "invitation"


class Channel(enum.StrEnum):
    PRIVATE_MESSAGE = "private_message"  # through the outbox
    MENTION = "mention"  # an @mention reply in the topic (through the composer and the outbox)
    COPIED = "copied"  # the platform has no private messages: the user copied the text


@dataclasses.dataclass(frozen=True, slots=True)
class NudgeRecord:
    id: int
    community_id: int
    username: str
    kind: Kind
    channel: Channel
    created_at: dt.datetime
    segment: str = ""
    topic_id: str | None = None
    title: str = ""
    body: str = ""
    language: str = ""
    why: str = ""
    member_id: str | None = None
    outbox_id: int | None = None


def record(
    store: Store,
    community_id: int,
    username: str,
    *,
    kind: Kind,
    channel: Channel,
    body: str,
    segment: str = "",
    title: str = "",
    topic_id: str | None = None,
    language: str = "",
    why: str = "",
    member_id: str | None = None,
    outbox_id: int | None = None,
    now: dt.datetime | None = None,
) -> NudgeRecord:
    stamp = to_ts(now or utcnow())
    with store.write() as db:
        if member_id is None:
            row = db.execute(
                "SELECT id FROM members WHERE community_id=? AND username=? COLLATE NOCASE",
                (community_id, username),
            ).fetchone()
            member_id = row[0] if row else None
        cur = db.execute(
            "INSERT INTO nudges (community_id, member_id, username, kind, segment, channel, topic_id, title,"
            " body, language, why, outbox_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                community_id,
                member_id,
                username,
                kind,
                segment,
                channel,
                topic_id,
                title,
                body,
                language,
                why,
                outbox_id,
                stamp,
            ),
        )
        new_id = int(cur.lastrowid or 0)
    found = for_member(store, community_id, username, limit=1)
    assert found and found[0].id == new_id
    return found[0]


def _from_row(r: sqlite3.Row) -> NudgeRecord:
    created = from_ts(r["created_at"])
    assert created is not None
    return NudgeRecord(
        id=r["id"],
        community_id=r["community_id"],
        username=r["username"],
        kind=Kind(r["kind"]),
        channel=Channel(r["channel"]),
        created_at=created,
        segment=r["segment"],
        topic_id=r["topic_id"],
        title=r["title"],
        body=r["body"],
        language=r["language"],
        why=r["why"],
        member_id=r["member_id"],
        outbox_id=r["outbox_id"],
    )


def for_member(store: Store, community_id: int, username: str, *, limit: int = 20) -> list[NudgeRecord]:
    """Newest first."""
    rows = (
        store.read()
        .execute(
            "SELECT * FROM nudges WHERE community_id=? AND username=? COLLATE NOCASE"
            " ORDER BY created_at DESC, id DESC LIMIT ?",
            (community_id, username, limit),
        )
        .fetchall()
    )
    return [_from_row(r) for r in rows]


def last_nudged(
    store: Store, community_id: int, usernames: Iterable[str] | None = None
) -> dict[str, dt.datetime]:
    """When each member (casefolded username) was last nudged or invited."""
    rows = (
        store.read()
        .execute(
            "SELECT lower(username), MAX(created_at) FROM nudges WHERE community_id=? GROUP BY lower(username)",
            (community_id,),
        )
        .fetchall()
    )
    wanted = None if usernames is None else {u.casefold() for u in usernames}
    result = {}
    for name, at in rows:
        if wanted is None or name in wanted:
            when = from_ts(at)
            if when is not None:
                result[name] = when
    return result


def resting(
    store: Store, community_id: int, *, now: dt.datetime | None = None, days: int = REST_DAYS
) -> dict[str, dt.datetime]:
    """Members nudged or invited in the last ``days`` (casefolded username -> last time)."""
    since = (now or utcnow()) - dt.timedelta(days=days)
    return {u: at for u, at in last_nudged(store, community_id).items() if at >= since}


def invitations_since(store: Store, community_id: int, since: dt.datetime) -> dict[str, int]:
    """How many invitations to answer each member received since ``since`` (their load)."""
    rows = (
        store.read()
        .execute(
            "SELECT lower(username), COUNT(*) FROM nudges WHERE community_id=? AND kind='invitation'"
            " AND created_at >= ? GROUP BY lower(username)",
            (community_id, to_ts(since)),
        )
        .fetchall()
    )
    return {r[0]: int(r[1]) for r in rows}


def recently_nudged(
    store: Store, community_id: int, username: str, *, now: dt.datetime | None = None, days: int = REST_DAYS
) -> NudgeRecord | None:
    """The last nudge or invitation of this member if it is less than ``days`` old."""
    found = for_member(store, community_id, username, limit=1)
    if found and found[0].created_at >= (now or utcnow()) - dt.timedelta(days=days):
        return found[0]
    return None
