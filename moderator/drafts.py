"""Drafts: what the user is writing, one per topic, saved continuously so that nothing typed is lost.

Why every save is its own committed transaction, and why that is enough against ``kill -9``: the store
runs SQLite in WAL mode with ``synchronous=NORMAL``. At COMMIT, SQLite has already ``write()``-n the
transaction's pages into the ``-wal`` file; NORMAL only skips the ``fsync`` of the WAL at commit. Data
handed to the kernel with ``write()`` lives in the OS page cache, which belongs to the kernel, not to
the process: when the process is killed (``kill -9``, a segfault, the OOM killer) the kernel still
writes those pages out, and the next connection replays the WAL. So a process kill can never lose a
committed transaction in WAL/NORMAL; only an OS crash or a power cut can lose the last few (and even
then the database stays consistent: it rolls back to an earlier commit, never to a torn state).

What bounds the loss is therefore only how often we commit: :class:`DraftAutosaver` debounces saves
(one second after the last keystroke) but never lets a change wait more than ``max_delay`` (1.5 s),
so someone typing without pause is saved too, and a kill loses at most the last ~2 seconds of typing.
The autosaver is plain Python with an injectable clock; the composer drives it with a ``QTimer``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import time
from collections.abc import Callable

from moderator.model import utcnow
from moderator.store import Store, from_ts, to_ts

DEBOUNCE_SECONDS = 1.0
MAX_DELAY_SECONDS = 1.5


@dataclasses.dataclass(slots=True)
class Draft:
    community_id: int
    topic_id: str
    body: str
    reply_to_post_number: int | None = None
    last_seen_post_number: int = 0  # the topic's highest post number when the draft started
    started_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    # Filled by list_drafts for display only.
    community_name: str = ""
    topic_title: str = ""


def _from_row(row: sqlite3.Row) -> Draft:
    keys = row.keys()
    return Draft(
        community_id=row["community_id"],
        topic_id=row["topic_id"],
        body=row["body"],
        reply_to_post_number=row["reply_to_post_number"],
        last_seen_post_number=row["last_seen_post_number"],
        started_at=from_ts(row["started_at"]),
        updated_at=from_ts(row["updated_at"]),
        community_name=row["community_name"] if "community_name" in keys else "",
        topic_title=(row["topic_title"] or "") if "topic_title" in keys else "",
    )


def topic_high_water(store: Store, community_id: int, topic_id: str) -> int:
    """The highest post number the local copy knows for a topic (0 when unknown)."""
    row = (
        store.read()
        .execute(
            "SELECT MAX(COALESCE((SELECT highest_post_number FROM topics WHERE community_id=? AND id=?), 0),"
            " COALESCE((SELECT MAX(post_number) FROM posts WHERE community_id=? AND topic_id=?), 0))",
            (community_id, topic_id, community_id, topic_id),
        )
        .fetchone()
    )
    return int(row[0] or 0)


def save_draft(
    store: Store,
    community_id: int,
    topic_id: str,
    body: str,
    *,
    reply_to_post_number: int | None = None,
    last_seen_post_number: int | None = None,
    now: dt.datetime | None = None,
) -> Draft | None:
    """Save (or, for an empty body, delete) the topic's draft in one committed transaction.

    ``started_at`` and ``last_seen_post_number`` are set by the first save and kept afterwards: they
    date the draft's start, which is what conflict detection compares against.
    """
    if not body.strip():
        delete_draft(store, community_id, topic_id)
        return None
    stamp = to_ts(now or utcnow())
    with store.write() as db:
        if last_seen_post_number is None:
            last_seen_post_number = topic_high_water(store, community_id, topic_id)
        db.execute(
            "INSERT INTO drafts (community_id, topic_id, body, reply_to_post_number, last_seen_post_number,"
            " started_at, updated_at) VALUES (?,?,?,?,?,?,?)"
            " ON CONFLICT (community_id, topic_id) DO UPDATE SET body=excluded.body,"
            " reply_to_post_number=excluded.reply_to_post_number, updated_at=excluded.updated_at",
            (community_id, topic_id, body, reply_to_post_number, last_seen_post_number, stamp, stamp),
        )
    return get_draft(store, community_id, topic_id)


def get_draft(store: Store, community_id: int, topic_id: str) -> Draft | None:
    row = (
        store.read()
        .execute("SELECT * FROM drafts WHERE community_id=? AND topic_id=?", (community_id, topic_id))
        .fetchone()
    )
    return None if row is None else _from_row(row)


def list_drafts(store: Store, community_ids: list[int] | None = None) -> list[Draft]:
    """Every draft, most recently edited first, with its community and topic names."""
    where, args = "1", []
    if community_ids is not None:
        where = f"d.community_id IN ({','.join('?' * len(community_ids))})" if community_ids else "0"
        args = list(community_ids)
    rows = (
        store.read()
        .execute(
            "SELECT d.*, c.name AS community_name, t.title AS topic_title FROM drafts d"
            " JOIN communities c ON c.id = d.community_id"
            " LEFT JOIN topics t ON t.community_id = d.community_id AND t.id = d.topic_id"
            f" WHERE {where} ORDER BY d.updated_at DESC, d.topic_id",
            args,
        )
        .fetchall()
    )
    return [_from_row(r) for r in rows]


def count_drafts(store: Store) -> int:
    return int(store.read().execute("SELECT COUNT(*) FROM drafts").fetchone()[0])


def delete_draft(store: Store, community_id: int, topic_id: str) -> Draft | None:
    """Delete a draft; returns what was deleted so that the caller can offer an undo."""
    with store.write() as db:
        old = get_draft(store, community_id, topic_id)
        db.execute("DELETE FROM drafts WHERE community_id=? AND topic_id=?", (community_id, topic_id))
    return old


def restore_draft(store: Store, draft: Draft) -> None:
    """Put back a deleted draft exactly as it was (undo). A newer draft on the same topic wins."""
    with store.write() as db:
        db.execute(
            "INSERT OR IGNORE INTO drafts (community_id, topic_id, body, reply_to_post_number,"
            " last_seen_post_number, started_at, updated_at) VALUES (?,?,?,?,?,?,?)",
            (
                draft.community_id,
                draft.topic_id,
                draft.body,
                draft.reply_to_post_number,
                draft.last_seen_post_number,
                to_ts(draft.started_at or utcnow()),
                to_ts(draft.updated_at or utcnow()),
            ),
        )


class DraftAutosaver:
    """Debounced saving with a ceiling: saves ``delay`` after the last change, or ``max_delay`` after
    the first unsaved change, whichever comes first.

    A pure debounce would never save while someone types steadily; the ceiling bounds what a crash
    can lose. The owner calls :meth:`changed` on each edit, asks :meth:`due_in` when to wake up, and
    calls :meth:`tick` then (the composer uses a single-shot ``QTimer``; tests use a fake clock).
    """

    def __init__(
        self,
        save: Callable[[str], None],
        *,
        delay: float = DEBOUNCE_SECONDS,
        max_delay: float = MAX_DELAY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._save = save
        self.delay = delay
        self.max_delay = max_delay
        self._clock = clock
        self._pending: str | None = None
        self._first_change: float = 0.0
        self._last_change: float = 0.0
        self.saves = 0

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def changed(self, text: str) -> float:
        """Record the new text; returns the seconds until the next save is due."""
        now = self._clock()
        if self._pending is None:
            self._first_change = now
        self._pending = text
        self._last_change = now
        due = self.due_in()
        assert due is not None
        return due

    def due_in(self) -> float | None:
        """Seconds until the pending text must be saved (0 when overdue), None when nothing is pending."""
        if self._pending is None:
            return None
        deadline = min(self._last_change + self.delay, self._first_change + self.max_delay)
        return max(0.0, deadline - self._clock())

    def tick(self) -> bool:
        """Save if a save is due. Returns True when it saved."""
        due = self.due_in()
        if due is None or due > 0:
            return False
        return self.flush()

    def flush(self) -> bool:
        """Save now whatever is pending (closing the composer, quitting). Returns True when it saved."""
        if self._pending is None:
            return False
        text, self._pending = self._pending, None
        self._save(text)
        self.saves += 1
        return True

    def cancel(self) -> None:
        """Forget the pending text (the reply was sent: saving it would resurrect the draft)."""
        self._pending = None
