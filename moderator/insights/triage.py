"""The animator's triage of the unanswered queue: *handled* and *snoozed*, persisted, with undo.

* **Handled** ("marquer comme traité"): the topic leaves the queue until new activity arrives after
  the moment it was marked (a new post in the topic); then it comes back by itself.
* **Snoozed** ("reporter"): the topic leaves the queue until the given time, whatever happens in it
  meanwhile; at that time it comes back if it still waits for an answer.
* **Clear**: forget the triage, the topic is judged by its content alone.

Each change returns an ``UndoToken``; ``undo(store, token)`` puts back the state that was there
before, provided nobody changed it since (then undo does nothing and says so by returning False).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import sqlite3
from collections.abc import Iterable

from moderator.insights.base import clock, from_ts, ts
from moderator.store import Store


class TriageState(enum.StrEnum):
    HANDLED = "handled"
    SNOOZED = "snoozed"


@dataclasses.dataclass(frozen=True, slots=True)
class Triage:
    community_id: int
    topic_id: str
    state: TriageState
    changed_at: dt.datetime
    until: dt.datetime | None = None  # snoozed: when it comes back


@dataclasses.dataclass(frozen=True, slots=True)
class UndoToken:
    """What a triage change replaced (``previous``) and what it set (``applied``; None: cleared)."""

    community_id: int
    topic_id: str
    previous: Triage | None
    applied: Triage | None


def _from_row(row: sqlite3.Row) -> Triage:
    changed_at = from_ts(row["changed_at"])
    assert changed_at is not None
    return Triage(
        row["community_id"], row["topic_id"], TriageState(row["state"]), changed_at, from_ts(row["until"])
    )


_SELECT = "SELECT community_id, topic_id, state, until, changed_at FROM triage"


def get(store: Store, community_id: int, topic_id: str) -> Triage | None:
    """The triage of one topic, or None."""
    row = (
        store.read()
        .execute(f"{_SELECT} WHERE community_id=? AND topic_id=?", (community_id, topic_id))
        .fetchone()
    )
    return None if row is None else _from_row(row)


def triaged(store: Store, community_ids: Iterable[int] | None = None) -> list[Triage]:
    """Every triage decision stored, for the selected communities, oldest first."""
    rows = store.read().execute(f"{_SELECT} ORDER BY changed_at, community_id, topic_id").fetchall()
    wanted = None if community_ids is None else set(community_ids)
    return [_from_row(r) for r in rows if wanted is None or r["community_id"] in wanted]


@dataclasses.dataclass(frozen=True, slots=True)
class SnoozedTopic:
    """A topic snoozed and not yet back: what the Unanswered view lists under "Snoozed"."""

    community_id: int
    topic_id: str
    title: str
    until: dt.datetime


def snoozed(
    store: Store, community_ids: Iterable[int] | None = None, *, now: dt.datetime | None = None
) -> list[SnoozedTopic]:
    """Topics snoozed until a time still to come, the soonest back first (so they can be found and woken)."""
    rows = (
        store.read()
        .execute(
            "SELECT tr.community_id, tr.topic_id, tr.until, COALESCE(t.title, '') AS title FROM triage tr"
            " LEFT JOIN topics t ON t.community_id = tr.community_id AND t.id = tr.topic_id"
            " WHERE tr.state = 'snoozed' AND tr.until > ? ORDER BY tr.until, tr.community_id, tr.topic_id",
            (ts(clock(now)),),
        )
        .fetchall()
    )
    wanted = None if community_ids is None else set(community_ids)
    out = []
    for r in rows:
        until = from_ts(r["until"])
        if until is not None and (wanted is None or r["community_id"] in wanted):
            out.append(SnoozedTopic(r["community_id"], r["topic_id"], r["title"], until))
    return out


def _put(store: Store, community_id: int, topic_id: str, new: Triage | None) -> UndoToken:
    with store.write() as db:
        previous = get(store, community_id, topic_id)
        _write(db, community_id, topic_id, new)
        if new is not None and new.state is TriageState.HANDLED:
            _log_handled(db, new, add=True)
    return UndoToken(community_id, topic_id, previous, new)


def _log_handled(db: sqlite3.Connection, mark: Triage, *, add: bool) -> None:
    """Keep every "handled" mark for the Results view (``handled_log``), or take an undone one back."""
    key = (mark.community_id, mark.topic_id, ts(mark.changed_at))
    if add:
        db.execute("INSERT OR IGNORE INTO handled_log (community_id, topic_id, at) VALUES (?,?,?)", key)
    else:
        db.execute("DELETE FROM handled_log WHERE community_id=? AND topic_id=? AND at=?", key)


def _write(db: sqlite3.Connection, community_id: int, topic_id: str, triage: Triage | None) -> None:
    if triage is None:
        db.execute("DELETE FROM triage WHERE community_id=? AND topic_id=?", (community_id, topic_id))
        return
    db.execute(
        "INSERT INTO triage (community_id, topic_id, state, until, changed_at) VALUES (?,?,?,?,?)"
        " ON CONFLICT (community_id, topic_id) DO UPDATE SET state=excluded.state, until=excluded.until,"
        " changed_at=excluded.changed_at",
        (
            community_id,
            topic_id,
            str(triage.state),
            None if triage.until is None else ts(triage.until),
            ts(triage.changed_at),
        ),
    )


def _second(value: dt.datetime) -> dt.datetime:
    """Stored times are whole seconds: compare what undo finds with what was written."""
    return value.replace(microsecond=0)


def mark_handled(
    store: Store, community_id: int, topic_id: str, *, now: dt.datetime | None = None
) -> UndoToken:
    """Take the topic out of the unanswered queue until new activity arrives in it."""
    at = _second(clock(now))
    return _put(store, community_id, topic_id, Triage(community_id, topic_id, TriageState.HANDLED, at))


def snooze(
    store: Store, community_id: int, topic_id: str, until: dt.datetime, *, now: dt.datetime | None = None
) -> UndoToken:
    """Take the topic out of the unanswered queue until ``until`` (an aware time)."""
    if until.tzinfo is None:
        raise ValueError("until must be a timezone-aware datetime")
    at = _second(clock(now))
    triage = Triage(community_id, topic_id, TriageState.SNOOZED, at, _second(clock(until)))
    return _put(store, community_id, topic_id, triage)


def clear(store: Store, community_id: int, topic_id: str) -> UndoToken:
    """Forget the triage of the topic: the queue judges it by its content alone."""
    return _put(store, community_id, topic_id, None)


def undo(store: Store, token: UndoToken) -> bool:
    """Put back the triage ``token`` replaced. False (and nothing changed) if it was changed since."""
    with store.write() as db:
        if get(store, token.community_id, token.topic_id) != token.applied:
            return False
        _write(db, token.community_id, token.topic_id, token.previous)
        if token.applied is not None and token.applied.state is TriageState.HANDLED:
            _log_handled(db, token.applied, add=False)
    return True
