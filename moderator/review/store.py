"""The local copy of each community's moderation queue, and the decisions waiting to go out.

Why decisions hide items at once: a moderator triaging on a train presses ``a`` and moves on; the
item must leave the list now, not when the network is back. An item is hidden while a decision on it
is queued, sending or done; a refused decision (409, gone, not allowed) hides nothing, so the item
comes back with the reason. The next listing replaces the whole pending set of the community.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from moderator.model import utcnow
from moderator.review.model import Flag, ReviewAction, ReviewItem
from moderator.store import Store, from_ts, to_ts


class ActionState(enum.StrEnum):
    QUEUED = "queued"  # waits for the network
    SENDING = "sending"  # a PUT is (or was, if the app died) under way: outcome unknown
    DONE = "done"  # the server performed it
    CONFLICT = "conflict"  # another moderator acted first, or the item changed: nothing sent twice
    REFUSED = "refused"  # the server said no (not allowed, action not offered any more)
    CANCELLED = "cancelled"  # the user took it back before it went out


LIVE_STATES = (ActionState.QUEUED, ActionState.SENDING)
HIDING_STATES = (ActionState.QUEUED, ActionState.SENDING, ActionState.DONE)


class AlreadyQueued(ValueError):
    """A decision on this item is already on its way."""


@dataclasses.dataclass(slots=True)
class QueuedAction:
    id: int
    community_id: int
    reviewable_id: str
    action: str
    label: str
    version: int
    state: ActionState
    attempts: int = 0
    detail: str = ""
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    unanswered_since: dt.datetime | None = None
    claimed_by: str | None = None
    claimed_until: int | None = None
    community_name: str = ""


@dataclasses.dataclass(slots=True)
class StoredItem:
    """A queue item as stored, with its community and the last decision's outcome, if any."""

    community_id: int
    community_name: str
    item: ReviewItem
    fetched_at: dt.datetime | None
    last_action: QueuedAction | None = None


# -- items -----------------------------------------------------------------------------------------


def _item_data(item: ReviewItem) -> str:
    return json.dumps(
        {
            "reasons": list(item.reasons),
            "flags": [
                {"username": f.username, "reason": f.reason, "created_at": to_ts(f.created_at)}
                for f in item.flags
            ],
            "actions": [a.to_json() for a in item.actions],
            "category_id": item.category_id,
            "topic_title": item.topic_title,
            "excerpt": item.excerpt,
            "cooked": item.cooked,
            "author": item.author,
            "url": item.url,
        },
        ensure_ascii=False,
    )


def _item_from_row(row: sqlite3.Row) -> ReviewItem:
    try:
        data: dict[str, Any] = json.loads(row["data"] or "{}")
    except ValueError:
        data = {}
    flags = tuple(
        Flag(str(f.get("username") or ""), str(f.get("reason") or ""), from_ts(f.get("created_at")))
        for f in data.get("flags") or []
        if isinstance(f, dict)
    )
    actions = tuple(a for a in (ReviewAction.from_json(x) for x in data.get("actions") or []) if a)
    return ReviewItem(
        id=row["id"],
        type=row["type"],
        status=row["status"],
        score=float(row["score"] or 0),
        version=int(row["version"] or 0),
        created_at=from_ts(row["created_at"]),
        reasons=tuple(str(r) for r in data.get("reasons") or []),
        flags=flags,
        actions=actions,
        target_post_id=row["target_post_id"],
        target_topic_id=row["target_topic_id"],
        target_post_number=row["target_post_number"],
        category_id=data.get("category_id"),
        topic_title=str(data.get("topic_title") or ""),
        excerpt=str(data.get("excerpt") or ""),
        cooked=str(data.get("cooked") or ""),
        author_id=row["author_id"],
        author_username=row["author_username"] or "",
        author=data["author"] if isinstance(data.get("author"), dict) else {},
        url=str(data.get("url") or ""),
    )


def _upsert(db: sqlite3.Connection, community_id: int, items: Iterable[ReviewItem], now: int) -> None:
    db.executemany(
        "INSERT INTO reviewables (community_id, id, type, status, score, version, created_at,"
        " target_post_id, target_topic_id, target_post_number, author_id, author_username, data,"
        " fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT (community_id, id) DO UPDATE SET type=excluded.type, status=excluded.status,"
        " score=excluded.score, version=excluded.version, created_at=excluded.created_at,"
        " target_post_id=excluded.target_post_id, target_topic_id=excluded.target_topic_id,"
        " target_post_number=excluded.target_post_number, author_id=excluded.author_id,"
        " author_username=excluded.author_username, data=excluded.data, fetched_at=excluded.fetched_at",
        [
            (
                community_id,
                item.id,
                item.type,
                item.status,
                item.score,
                item.version,
                to_ts(item.created_at),
                item.target_post_id,
                item.target_topic_id,
                item.target_post_number,
                item.author_id,
                item.author_username,
                _item_data(item),
                now,
            )
            for item in items
        ],
    )


def replace_queue(
    store: Store,
    community_id: int,
    items: Iterable[ReviewItem],
    *,
    count: int,
    now: dt.datetime | None = None,
) -> None:
    """The community's pending items are now exactly ``items`` (one transaction)."""
    stamp = to_ts(now or utcnow()) or 0
    pending = [i for i in items if i.status == "pending"]
    with store.write() as db:
        db.execute("DELETE FROM reviewables WHERE community_id=?", (community_id,))
        _upsert(db, community_id, pending, stamp)
        db.execute(
            "INSERT INTO review_sync (community_id, count, listed_at, counted_at) VALUES (?,?,?,?)"
            " ON CONFLICT (community_id) DO UPDATE SET count=excluded.count, listed_at=excluded.listed_at,"
            " counted_at=excluded.counted_at",
            (community_id, count, stamp, stamp),
        )


def update_item(store: Store, community_id: int, item: ReviewItem) -> None:
    """One item read again (after a conflict): kept if still pending, dropped otherwise."""
    with store.write() as db:
        if item.status == "pending":
            _upsert(db, community_id, [item], to_ts(utcnow()) or 0)
        else:
            db.execute("DELETE FROM reviewables WHERE community_id=? AND id=?", (community_id, item.id))
        _forget_count(db, community_id)


def remove_item(store: Store, community_id: int, item_id: str) -> None:
    with store.write() as db:
        db.execute("DELETE FROM reviewables WHERE community_id=? AND id=?", (community_id, item_id))
        _forget_count(db, community_id)


def _forget_count(db: sqlite3.Connection, community_id: int) -> None:
    """The local copy no longer mirrors the last listing: the next sync lists, whatever the count."""
    db.execute("UPDATE review_sync SET count=NULL WHERE community_id=?", (community_id,))


def sync_state(store: Store, community_id: int) -> tuple[int | None, dt.datetime | None]:
    """The pending count when the list was last read, and when."""
    row = (
        store.read()
        .execute("SELECT count, listed_at FROM review_sync WHERE community_id=?", (community_id,))
        .fetchone()
    )
    if row is None:
        return None, None
    return row["count"], from_ts(row["listed_at"])


def note_counted(store: Store, community_id: int, now: dt.datetime | None = None) -> None:
    with store.write() as db:
        db.execute(
            "UPDATE review_sync SET counted_at=? WHERE community_id=?", (to_ts(now or utcnow()), community_id)
        )


def _last_actions(store: Store, community_ids: list[int] | None) -> dict[tuple[int, str], QueuedAction]:
    where, args = "", []
    if community_ids is not None:
        where = (
            f" WHERE a.community_id IN ({','.join('?' * len(community_ids))})"
            if community_ids
            else " WHERE 0"
        )
        args = list(community_ids)
    rows = (
        store.read()
        .execute(
            "SELECT a.*, c.name AS community_name FROM review_actions a"
            f" JOIN communities c ON c.id = a.community_id{where} ORDER BY a.id",
            args,
        )
        .fetchall()
    )
    last: dict[tuple[int, str], QueuedAction] = {}
    for row in rows:
        action = action_from_row(row)
        last[(action.community_id, action.reviewable_id)] = action
    return last


def list_items(
    store: Store, *, community_ids: Iterable[int] | None = None, include_hidden: bool = False
) -> list[StoredItem]:
    """Pending items, highest score first; hidden while a decision on them is queued, sending or done."""
    ids = None if community_ids is None else list(community_ids)
    where, args = "", []
    if ids is not None:
        where = f" WHERE r.community_id IN ({','.join('?' * len(ids))})" if ids else " WHERE 0"
        args = ids
    rows = (
        store.read()
        .execute(
            "SELECT r.*, c.name AS community_name FROM reviewables r JOIN communities c ON c.id = r.community_id"
            f"{where} ORDER BY r.score DESC, r.created_at DESC, r.id",
            args,
        )
        .fetchall()
    )
    last = _last_actions(store, ids)
    out: list[StoredItem] = []
    for row in rows:
        action = last.get((row["community_id"], row["id"]))
        item = _item_from_row(row)
        if (
            not include_hidden
            and action is not None
            and action.state in HIDING_STATES
            and (action.state != ActionState.DONE or action.version >= item.version)
        ):
            continue
        out.append(
            StoredItem(row["community_id"], row["community_name"], item, from_ts(row["fetched_at"]), action)
        )
    return out


def get_item(store: Store, community_id: int, item_id: str) -> ReviewItem | None:
    row = (
        store.read()
        .execute("SELECT * FROM reviewables WHERE community_id=? AND id=?", (community_id, item_id))
        .fetchone()
    )
    return None if row is None else _item_from_row(row)


_SHOWN = """
NOT EXISTS (
    SELECT 1 FROM review_actions a
    WHERE a.id = (SELECT MAX(id) FROM review_actions
                  WHERE community_id = r.community_id AND reviewable_id = r.id)
      AND (a.state IN ('queued', 'sending') OR (a.state = 'done' AND a.version >= r.version))
)
"""


def pending_count(store: Store, community_ids: Iterable[int] | None = None) -> int:
    """The Review badge: items shown in the view (the same rule as ``list_items``, one indexed count)."""
    where, args = "", []
    if community_ids is not None:
        ids = list(community_ids)
        where = f" AND r.community_id IN ({','.join('?' * len(ids))})" if ids else " AND 0"
        args = ids
    row = store.read().execute(f"SELECT COUNT(*) FROM reviewables r WHERE {_SHOWN}{where}", args).fetchone()
    return int(row[0])


def counts_by_community(store: Store) -> dict[int, int]:
    counts: dict[int, int] = {}
    for stored in list_items(store):
        counts[stored.community_id] = counts.get(stored.community_id, 0) + 1
    return counts


def author_items(store: Store, community_id: int, username: str) -> list[ReviewItem]:
    """Every stored pending item about this author (their record in the queue)."""
    rows = (
        store.read()
        .execute(
            "SELECT * FROM reviewables WHERE community_id=? AND author_username=? COLLATE NOCASE",
            (community_id, username),
        )
        .fetchall()
    )
    return [_item_from_row(r) for r in rows]


# -- decisions -------------------------------------------------------------------------------------


def action_from_row(row: sqlite3.Row) -> QueuedAction:
    keys = row.keys()
    return QueuedAction(
        id=row["id"],
        community_id=row["community_id"],
        reviewable_id=row["reviewable_id"],
        action=row["action"],
        label=row["label"] or "",
        version=int(row["version"]),
        state=ActionState(row["state"]),
        attempts=int(row["attempts"]),
        detail=row["detail"] or "",
        created_at=from_ts(row["created_at"]),
        updated_at=from_ts(row["updated_at"]),
        unanswered_since=from_ts(row["unanswered_since"]),
        claimed_by=row["claimed_by"],
        claimed_until=row["claimed_until"],
        community_name=row["community_name"] if "community_name" in keys else "",
    )


def queue_action(
    store: Store,
    community_id: int,
    reviewable_id: str,
    action_id: str,
    *,
    now: dt.datetime | None = None,
) -> QueuedAction:
    """Queue a decision on a stored item, with the item's version as last read.

    Raises ``KeyError`` for an unknown item, ``ValueError`` for an action the item does not offer,
    ``AlreadyQueued`` when a decision on it is already on its way.
    """
    stamp = to_ts(now or utcnow())
    with store.write() as db:
        item = get_item(store, community_id, reviewable_id)
        if item is None:
            raise KeyError(reviewable_id)
        action = item.action(action_id)
        if action is None:
            offered = ", ".join(a.id for a in item.actions) or "none"
            raise ValueError(f"Item {reviewable_id} does not offer “{action_id}” (offered: {offered}).")
        try:
            cur = db.execute(
                "INSERT INTO review_actions (community_id, reviewable_id, action, label, version, state,"
                " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                (community_id, reviewable_id, action.id, action.label, item.version, "queued", stamp, stamp),
            )
        except sqlite3.IntegrityError:
            raise AlreadyQueued(f"A decision on item {reviewable_id} is already queued.") from None
        action_row_id = int(cur.lastrowid or 0)
    queued = get_action(store, action_row_id)
    assert queued is not None
    return queued


def cancel_action(store: Store, action_id: int) -> bool:
    """Take back a decision that has not left (undo); False when it is already sending or out."""
    with store.write() as db:
        cur = db.execute(
            "UPDATE review_actions SET state='cancelled', updated_at=? WHERE id=? AND state='queued'"
            " AND attempts=0 AND claimed_by IS NULL",
            (to_ts(utcnow()), action_id),
        )
        return cur.rowcount > 0


def get_action(store: Store, action_id: int) -> QueuedAction | None:
    row = store.read().execute("SELECT * FROM review_actions WHERE id=?", (action_id,)).fetchone()
    return None if row is None else action_from_row(row)


def list_actions(
    store: Store, *, states: Iterable[ActionState] | None = None, community_ids: Iterable[int] | None = None
) -> list[QueuedAction]:
    where: list[str] = ["1"]
    args: list[object] = []
    if states is not None:
        wanted = [str(s) for s in states]
        where.append(f"a.state IN ({','.join('?' * len(wanted))})" if wanted else "0")
        args += wanted
    if community_ids is not None:
        ids = list(community_ids)
        where.append(f"a.community_id IN ({','.join('?' * len(ids))})" if ids else "0")
        args += ids
    rows = (
        store.read()
        .execute(
            "SELECT a.*, c.name AS community_name FROM review_actions a JOIN communities c"
            f" ON c.id = a.community_id WHERE {' AND '.join(where)} ORDER BY a.community_id, a.id",
            args,
        )
        .fetchall()
    )
    return [action_from_row(r) for r in rows]


def live_count(store: Store) -> int:
    row = (
        store.read()
        .execute("SELECT COUNT(*) FROM review_actions WHERE state IN ('queued', 'sending')")
        .fetchone()
    )
    return int(row[0])
