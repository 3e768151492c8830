"""The outbox: replies on their way out, kept in the store until the server has them, each sent once.

State machine (``outbox.state``)::

    queued ─claim─▶ [attempts>0: find_reply] ─▶ [fetch_topic: conflicts] ─▶ sending ─POST─▶ sent
      ▲                │ found ──────▶ sent        │ new replies, closed, gone          ├─▶ enqueued
      │                │ not found, last POST      ▼                                    ├─▶ rejected
      │                │ unanswered < 90 s ago   held                                   └─▶ queued
      │                ▼                           │                                (no answer, 5xx,
      │              queued (unconfirmed)          │                                 429, sign-in)
      └──── requeue: retry / edit / "send anyway" ◀┴── rejected

Exactly once. User API keys are not memoized by Discourse, so a POST retried after a dropped
connection can post twice. Before each POST the item is marked ``sending`` with ``attempts + 1`` in a
committed transaction; from then on the outcome is unknown until recorded. Any later attempt on an
item with ``attempts > 0`` first asks the server (``connector.find_reply``) whether the reply is
already there and, if so, records it as sent instead of posting again. If it is not there but the
last POST got no answer less than ``SETTLE_SECONDS`` ago, the server may still be processing it (a
timed-out request keeps running server-side), so the item waits instead of posting a second copy.
A crash at any point leaves either ``attempts`` unchanged (nothing left the machine) or incremented
(look before re-sending).

Scheduled items (``not_before``) are left alone until their time, then go out like any other, even
when the app was closed at that moment (at the next start; the outcome says it is late). New topics
(``new_topic_title`` set, ``topic_id`` empty until sent) are items too: ``moderator.schedule.topics``
sends them with the same claim, ``sending`` mark and look-before-resending (``connector.find_topic``).

Private messages (nudges, invitations to answer) are items too: ``pm_recipients`` set, ``topic_id``
empty until sent. They go through the same claim, ``sending`` mark and look-before-resending
(``connector.find_private_message``), but have no topic to check for conflicts (``_send_private``).

Two senders (the app and ``outbox send`` in a terminal) never work on the same item: an item is
claimed with a lease (``claimed_by``/``claimed_until``) in a compare-and-set transaction; a lease of
a process that no longer runs on this machine is taken over at once, others when they expire.

This module is plain Python: the GUI runs :meth:`OutboxSender.send_pending` through its task
manager, the CLI calls it directly. Messages here are English for the CLI; the GUI words items from
``state`` and ``reason`` with its own translations.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from moderator.drafts import Draft, get_draft, topic_high_water
from moderator.leases import LEASE_SECONDS, SETTLE_SECONDS, held_by_another, owner_id
from moderator.model import Community, Post, SyncBatch, utcnow
from moderator.store import Store, from_ts, to_ts

if TYPE_CHECKING:
    from moderator.platforms.base import Connector

log = logging.getLogger(__name__)

MIN_REPLY_LENGTH = 20  # Discourse's default min_post_length; the sandbox enforces it too
MAX_REPLY_LENGTH = 32_000  # Discourse's default max_post_length (/site.json does not carry a site's own)
FIND_WINDOW = dt.timedelta(minutes=15)  # clock skew allowance when looking for our reply on the server


class State(enum.StrEnum):
    QUEUED = "queued"  # will be sent when the community is reachable
    SENDING = "sending"  # a POST is (or was, if the app died) under way: outcome unknown
    SENT = "sent"
    ENQUEUED = "enqueued"  # the server holds it for a moderator's approval
    REJECTED = "rejected"  # the server said no; editable and re-queueable
    HELD = "held"  # not sent: the user must look first (new replies, topic closed or gone)


PENDING_STATES = (State.QUEUED, State.SENDING)
UNSENT_STATES = (State.QUEUED, State.SENDING, State.HELD, State.REJECTED)


class Reason(enum.StrEnum):
    """Why an item is held, rejected or still queued; ``last_error`` carries the details."""

    NEW_REPLIES = "new_replies"
    TOPIC_CLOSED = "topic_closed"
    TOPIC_GONE = "topic_gone"
    REJECTED = "rejected"
    NOT_ALLOWED = "not_allowed"
    OFFLINE = "offline"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    SIGN_IN = "sign_in"
    UNCONFIRMED = "unconfirmed"  # the last attempt got no answer and the reply is not on the server yet
    UNEXPECTED = "unexpected"
    AWAITING_APPROVAL = "awaiting_approval"  # a recurring post prepared ahead: the user approves it first


TRANSIENT_REASONS = (
    Reason.OFFLINE,
    Reason.RATE_LIMITED,
    Reason.SERVER_ERROR,
    Reason.SIGN_IN,
    Reason.UNCONFIRMED,
    Reason.UNEXPECTED,
)

_REASON_WORDS = {
    Reason.NEW_REPLIES: "new replies since you started",
    Reason.TOPIC_CLOSED: "the topic was closed",
    Reason.TOPIC_GONE: "the topic was deleted or you can no longer see it",
    Reason.REJECTED: "the server refused it",
    Reason.NOT_ALLOWED: "this account may not reply there",
    Reason.OFFLINE: "the community could not be reached",
    Reason.RATE_LIMITED: "the server asked to slow down",
    Reason.SERVER_ERROR: "the server had a problem",
    Reason.SIGN_IN: "the server did not accept the account's key",
    Reason.UNCONFIRMED: "checking whether the server received the last attempt",
    Reason.UNEXPECTED: "an unexpected error",
    Reason.AWAITING_APPROVAL: "prepared from a recurring series; approve it to send it",
}

LATE_AFTER = dt.timedelta(minutes=5)  # a scheduled item sent later than this after its time is "late"


class EmptyReply(ValueError):
    """A reply with nothing in it cannot be queued."""


@dataclasses.dataclass(slots=True)
class OutboxItem:
    id: int
    community_id: int
    topic_id: str
    body: str
    client_token: str
    state: State
    reply_to_post_number: int | None = None
    reason: Reason | None = None
    last_error: str = ""
    attempts: int = 0
    last_seen_post_number: int = 0
    allow_closed: bool = False
    server_post_id: str | None = None
    server_post_number: int | None = None
    claimed_by: str | None = None
    claimed_until: int | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    unanswered_since: dt.datetime | None = None  # a POST started and got no answer yet
    sent_at: dt.datetime | None = None
    community_name: str = ""  # for display
    topic_title: str = ""
    not_before: dt.datetime | None = None  # send later: not before this instant
    new_topic_title: str | None = None  # a new topic (``topic_id`` is '' until it is sent)
    new_topic_category_id: str | None = None
    new_topic_tags: tuple[str, ...] = ()
    series_id: int | None = None

    @property
    def is_new_topic(self) -> bool:
        return self.new_topic_title is not None

    def due(self, now: dt.datetime) -> bool:
        """Whether the sender may send it now (scheduled items wait for their time)."""
        return self.not_before is None or self.not_before <= now
    pm_recipients: str | None = None  # a private message to these usernames (comma-separated)
    pm_title: str = ""

    @property
    def is_private_message(self) -> bool:
        return bool(self.pm_recipients)

    @property
    def recipients(self) -> list[str]:
        return [r.strip() for r in (self.pm_recipients or "").split(",") if r.strip()]

    @property
    def editable(self) -> bool:
        """Editing is safe only when the server surely does not have it (see :func:`to_draft`)."""
        return self.state in (State.REJECTED, State.HELD) or (
            self.state == State.QUEUED and self.attempts == 0
        )


def _from_row(row: sqlite3.Row) -> OutboxItem:
    keys = row.keys()
    item = OutboxItem(
        id=row["id"],
        community_id=row["community_id"],
        topic_id=row["topic_id"],
        body=row["body"],
        client_token=row["client_token"],
        state=State(row["state"]),
        reply_to_post_number=row["reply_to_post_number"],
        reason=Reason(row["reason"]) if row["reason"] else None,
        last_error=row["last_error"] or "",
        attempts=row["attempts"],
        last_seen_post_number=row["last_seen_post_number"],
        allow_closed=bool(row["allow_closed"]),
        server_post_id=row["server_post_id"],
        server_post_number=row["server_post_number"],
        claimed_by=row["claimed_by"],
        claimed_until=row["claimed_until"],
        created_at=from_ts(row["created_at"]),
        updated_at=from_ts(row["updated_at"]),
        unanswered_since=from_ts(row["unanswered_since"]),
        sent_at=from_ts(row["sent_at"]),
        community_name=row["community_name"] if "community_name" in keys else "",
        topic_title=(row["topic_title"] or "") if "topic_title" in keys else "",
        not_before=from_ts(row["not_before"]) if "not_before" in keys else None,
        new_topic_title=row["new_topic_title"] if "new_topic_title" in keys else None,
        new_topic_category_id=row["new_topic_category_id"] if "new_topic_category_id" in keys else None,
        new_topic_tags=tuple(json.loads(row["new_topic_tags"] or "[]")) if "new_topic_tags" in keys else (),
        series_id=row["series_id"] if "series_id" in keys else None,
        pm_recipients=row["pm_recipients"] if "pm_recipients" in keys else None,
        pm_title=(row["pm_title"] or "") if "pm_title" in keys else "",
    )
    if item.is_new_topic and not item.topic_title:
        item.topic_title = item.new_topic_title or ""
    if item.is_private_message:
        item.topic_title = item.pm_title
    return item


def describe(state: State, reason: Reason | None, detail: str = "") -> str:
    """The item's situation in English words (the CLI; the GUI translates its own)."""
    why = _REASON_WORDS.get(reason, "") if reason else ""
    if detail and (reason in (Reason.REJECTED, Reason.NEW_REPLIES, Reason.UNEXPECTED) or not why):
        why = f"{why}: {detail}" if why else detail
    match state:
        case State.QUEUED:
            return f"Queued, not sent yet: {why}" if why else "Queued — will be sent when online"
        case State.SENDING:
            return "Sending"
        case State.SENT:
            return "Sent"
        case State.ENQUEUED:
            return "Awaiting approval by the community's moderators"
        case State.REJECTED:
            return f"Rejected: {why or 'the server refused it'}"
        case State.HELD:
            return f"Held: {why}"
    return str(state)


# -- queueing and editing ----------------------------------------------------------------------------


def queue_reply(
    store: Store,
    community_id: int,
    topic_id: str,
    body: str,
    *,
    reply_to_post_number: int | None = None,
    last_seen_post_number: int | None = None,
    allow_closed: bool = False,
    remove_draft: bool = True,
    not_before: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> OutboxItem:
    """Put a reply in the outbox and, in the same transaction, delete the topic's draft.

    ``not_before``: send later, not before this (aware) instant.

    One transaction, so a crash leaves either the draft or the queued reply, never both or neither.
    ``last_seen_post_number`` defaults to the draft's (when the user started writing) or the topic's.
    ``allow_closed``: the user chose to reply to a closed topic (staff may); the sender will not hold it.
    """
    body = body.strip()
    if not body:
        raise EmptyReply("The reply is empty.")
    stamp = to_ts(now or utcnow())
    with store.write() as db:
        draft = get_draft(store, community_id, topic_id)
        if last_seen_post_number is None:
            last_seen_post_number = (
                draft.last_seen_post_number if draft else topic_high_water(store, community_id, topic_id)
            )
        cur = db.execute(
            "INSERT INTO outbox (community_id, topic_id, body, reply_to_post_number, client_token, state,"
            " last_seen_post_number, allow_closed, created_at, updated_at, not_before)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                community_id,
                topic_id,
                body,
                reply_to_post_number,
                str(uuid.uuid4()),
                State.QUEUED,
                last_seen_post_number,
                int(allow_closed),
                stamp,
                stamp,
                to_ts(not_before),
            ),
        )
        if remove_draft:
            db.execute("DELETE FROM drafts WHERE community_id=? AND topic_id=?", (community_id, topic_id))
        item_id = int(cur.lastrowid or 0)
    item = get_item(store, item_id)
    assert item is not None
    return item


def reschedule(store: Store, item_id: int, not_before: dt.datetime | None) -> OutboxItem:
    """Change when a waiting item goes out (None: as soon as possible). Only before it leaves."""
    with store.write() as db:
        item = get_item(store, item_id)
        if item is None:
            raise KeyError(item_id)
        if not item.editable:
            raise ValueError("This item is already on its way; it can no longer be rescheduled.")
        db.execute(
            "UPDATE outbox SET not_before=?, updated_at=? WHERE id=?", (to_ts(not_before), to_ts(utcnow()), item_id)
        )
    updated = get_item(store, item_id)
    assert updated is not None
    return updated


def next_due(store: Store) -> dt.datetime | None:
    """The earliest time a scheduled, still queued item waits for (the app sets a timer on it)."""
    row = store.read().execute(
        "SELECT MIN(not_before) FROM outbox WHERE state='queued' AND not_before IS NOT NULL"
    ).fetchone()
    return from_ts(row[0]) if row and row[0] is not None else None


def queue_private_message(
    store: Store,
    community_id: int,
    recipients: Iterable[str],
    title: str,
    body: str,
    *,
    now: dt.datetime | None = None,
) -> OutboxItem:
    """Put a private message (a nudge, an invitation) in the outbox: sent once, when online."""
    names = [r.strip().removeprefix("@") for r in recipients if r.strip().removeprefix("@")]
    body, title = body.strip(), " ".join(title.split())
    if not body:
        raise EmptyReply("The message is empty.")
    if not names:
        raise ValueError("A private message needs a recipient.")
    if not title:
        raise ValueError("A private message needs a title.")
    stamp = to_ts(now or utcnow())
    with store.write() as db:
        cur = db.execute(
            "INSERT INTO outbox (community_id, topic_id, body, client_token, state, created_at, updated_at,"
            " pm_recipients, pm_title) VALUES (?,?,?,?,?,?,?,?,?)",
            (community_id, "", body, str(uuid.uuid4()), State.QUEUED, stamp, stamp, ",".join(names), title),
        )
        item_id = int(cur.lastrowid or 0)
    item = get_item(store, item_id)
    assert item is not None
    return item


def _member_ids(store: Store, community: Community, usernames: Iterable[str]) -> dict[str, str]:
    """How the platform addresses each recipient, by username as written in the item: the member's
    ``address`` in the local copy when the platform gave one (HumHub's guid), else its id (Viva Engage
    addresses people by id; Discourse by username and ignores these)."""
    ids: dict[str, str] = {}
    db = store.read()
    for name in usernames:
        row = db.execute(
            "SELECT COALESCE(address, id) FROM members WHERE community_id=? AND username=? COLLATE NOCASE",
            (community.id, name),
        ).fetchone()
        if row is not None:
            ids[name] = str(row[0])
    return ids


def get_item(store: Store, item_id: int) -> OutboxItem | None:
    row = store.read().execute("SELECT * FROM outbox WHERE id=?", (item_id,)).fetchone()
    return None if row is None else _from_row(row)


def list_items(
    store: Store,
    *,
    states: Iterable[State] | None = None,
    community_ids: Iterable[int] | None = None,
    sent_since: dt.datetime | None = None,
) -> list[OutboxItem]:
    """Items oldest first (the sending order), with community and topic names.

    ``sent_since`` keeps sent items only when sent after it (the view shows recent history only).
    """
    where: list[str] = ["1"]
    args: list[object] = []
    if states is not None:
        wanted = [str(s) for s in states]
        where.append(f"o.state IN ({','.join('?' * len(wanted))})" if wanted else "0")
        args += wanted
    if community_ids is not None:
        ids = list(community_ids)
        where.append(f"o.community_id IN ({','.join('?' * len(ids))})" if ids else "0")
        args += ids
    if sent_since is not None:
        where.append("(o.state != 'sent' OR o.sent_at >= ?)")
        args.append(to_ts(sent_since))
    rows = (
        store.read()
        .execute(
            "SELECT o.*, c.name AS community_name, t.title AS topic_title FROM outbox o"
            " JOIN communities c ON c.id = o.community_id"
            " LEFT JOIN topics t ON t.community_id = o.community_id AND t.id = o.topic_id"
            f" WHERE {' AND '.join(where)} ORDER BY o.community_id, o.created_at, o.id",
            args,
        )
        .fetchall()
    )
    return [_from_row(r) for r in rows]


def unsent_counts(store: Store) -> dict[State, int]:
    rows = store.read().execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall()
    counts = {State(r[0]): int(r[1]) for r in rows}
    return {s: counts.get(s, 0) for s in UNSENT_STATES}


def pending_count(store: Store) -> int:
    """Replies not out yet (queued, sending, held or rejected): the Outbox badge."""
    return sum(unsent_counts(store).values())


def requeue(store: Store, item_id: int, *, body: str | None = None, send_anyway: bool = False) -> OutboxItem:
    """Queue a held or rejected item again (retry, or after an edit).

    ``send_anyway``: the user has seen what arrived meanwhile; the replies known now stop counting
    as new, and a closed topic no longer holds the reply (staff may post in closed topics).
    ``attempts`` is kept: if an earlier POST's fate was unknown, the next send still looks first.
    """
    stamp = to_ts(utcnow())
    with store.write() as db:
        item = get_item(store, item_id)
        if item is None:
            raise KeyError(item_id)
        if item.state in (State.SENT, State.ENQUEUED, State.SENDING):
            return item
        sets = ["state='queued'", "reason=NULL", "last_error=NULL", "updated_at=?"]
        args: list[object] = [stamp]
        if body is not None:
            if not body.strip():
                raise EmptyReply("The reply is empty.")
            sets.append("body=?")
            args.append(body.strip())
        if send_anyway:
            sets += ["last_seen_post_number=?", "allow_closed=1"]
            args.append(
                max(item.last_seen_post_number, topic_high_water(store, item.community_id, item.topic_id))
            )
        db.execute(f"UPDATE outbox SET {', '.join(sets)} WHERE id=?", (*args, item_id))
    updated = get_item(store, item_id)
    assert updated is not None
    return updated


def delete_item(store: Store, item_id: int) -> OutboxItem | None:
    """Remove an item; returns it so that the caller can offer an undo (:func:`restore_item`)."""
    with store.write() as db:
        item = get_item(store, item_id)
        db.execute("DELETE FROM outbox WHERE id=?", (item_id,))
    return item


def restore_item(store: Store, item: OutboxItem) -> None:
    """Undo a delete: the item comes back with its id, token and history (a 'sending' one as queued)."""
    state = State.QUEUED if item.state == State.SENDING else item.state
    with store.write() as db:
        db.execute(
            "INSERT OR IGNORE INTO outbox (id, community_id, topic_id, body, reply_to_post_number, client_token,"
            " state, reason, last_error, attempts, last_seen_post_number, allow_closed, server_post_id,"
            " server_post_number, created_at, updated_at, unanswered_since, sent_at, pm_recipients, pm_title)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                item.id,
                item.community_id,
                item.topic_id,
                item.body,
                item.reply_to_post_number,
                item.client_token,
                state,
                item.reason,
                item.last_error or None,
                item.attempts,
                item.last_seen_post_number,
                int(item.allow_closed),
                item.server_post_id,
                item.server_post_number,
                to_ts(item.created_at or utcnow()),
                to_ts(utcnow()),
                to_ts(item.unanswered_since),
                to_ts(item.sent_at),
                item.pm_recipients,
                item.pm_title if item.is_private_message else None,
            ),
        )
        db.execute(  # what a scheduled item or a new topic adds (moderator.schedule)
            "UPDATE outbox SET not_before=?, new_topic_title=?, new_topic_category_id=?, new_topic_tags=?,"
            " series_id=? WHERE id=?",
            (
                to_ts(item.not_before),
                item.new_topic_title,
                item.new_topic_category_id,
                json.dumps(list(item.new_topic_tags)) if item.is_new_topic else None,
                item.series_id,
                item.id,
            ),
        )


def to_draft(store: Store, item_id: int) -> Draft:
    """Take an item out of the outbox back into the topic's draft, to edit it (one transaction).

    Refused (ValueError) while the server might already have it (sending, or queued after an attempt
    whose outcome is unknown): editing then would post a second, different reply. An existing draft on
    the same topic is kept, the item's text appended below it: nothing typed is dropped.
    """
    with store.write() as db:
        item = get_item(store, item_id)
        if item is None:
            raise KeyError(item_id)
        if not item.editable:
            raise ValueError("This reply may already have reached the server; send it first to find out.")
        if item.is_new_topic:
            raise ValueError("A new topic has no topic draft yet: edit it in the outbox.")
        if item.is_private_message:
            raise ValueError(
                "A private message is not edited as a topic draft: delete it here and write it again from"
                " the member's card (Private nudge)."
            )
        existing = get_draft(store, item.community_id, item.topic_id)
        body = item.body if existing is None else f"{existing.body.rstrip()}\n\n{item.body}"
        stamp = to_ts(utcnow())
        db.execute(
            "INSERT INTO drafts (community_id, topic_id, body, reply_to_post_number, last_seen_post_number,"
            " started_at, updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (community_id, topic_id) DO UPDATE"
            " SET body=excluded.body, updated_at=excluded.updated_at",
            (
                item.community_id,
                item.topic_id,
                body,
                item.reply_to_post_number,
                item.last_seen_post_number,
                to_ts(item.created_at) or stamp,
                stamp,
            ),
        )
        db.execute("DELETE FROM outbox WHERE id=?", (item_id,))
        draft = get_draft(store, item.community_id, item.topic_id)
    assert draft is not None
    return draft


# -- sending -------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class SendOutcome:
    """What one send attempt did to one item (``skipped``: another sender holds it)."""

    item_id: int
    community_name: str
    topic_id: str
    state: State
    reason: Reason | None = None
    detail: str = ""
    found_on_server: bool = False  # recorded as sent because the server already had it
    skipped: bool = False
    late_by: dt.timedelta | None = None  # a scheduled item sent well after its time (the app was closed)

    def describe(self) -> str:
        if self.skipped:
            return "Skipped: another sender (the app or a terminal) is working on it"
        text = describe(self.state, self.reason, self.detail)
        if self.found_on_server:
            text += " (it had reached the server already; not sent twice)"
        if self.late_by is not None:
            text += f" ({_late_words(self.late_by)} late: the app was not running at its time)"
        return text


def _late_words(delay: dt.timedelta) -> str:
    minutes = int(delay.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // 1440} days"


def late_by(item: OutboxItem, sent_at: dt.datetime) -> dt.timedelta | None:
    """How late a scheduled item went out, when more than ``LATE_AFTER``."""
    if item.not_before is None or sent_at - item.not_before <= LATE_AFTER:
        return None
    return sent_at - item.not_before


class OutboxSender:
    """Sends queued replies, per community, oldest first, each exactly once.

    One instance per process is enough (it is cheap); each has its own lease owner id, so the GUI's
    periodic send and a "Send now" click never work on the same item at once either.
    """

    def __init__(
        self,
        *,
        lease_seconds: int = LEASE_SECONDS,
        find_window: dt.timedelta = FIND_WINDOW,
        settle_seconds: float = SETTLE_SECONDS,
        clock: Callable[[], dt.datetime] = utcnow,
        close_connectors: bool = True,
    ) -> None:
        self.owner = owner_id()
        self.lease_seconds = lease_seconds
        self.find_window = find_window
        self.settle_seconds = settle_seconds
        self._clock = clock
        self.close_connectors = close_connectors

    # -- the loop ----------------------------------------------------------------------------------

    def send_pending(
        self,
        store: Store,
        connector_for: Callable[[Community], Connector],
        *,
        cancel: threading.Event | None = None,
        item_ids: Iterable[int] | None = None,
        community_ids: Iterable[int] | None = None,
        progress: Callable[[SendOutcome], None] | None = None,
    ) -> list[SendOutcome]:
        """Send what is queued (or only ``item_ids``); returns what happened to each item tried.

        A community that cannot be reached stops at its first failing item (the rest keep their order
        and wait); other communities go on. ``cancel`` is checked between items, never mid-POST.
        """
        now = self._clock()
        items = [i for i in list_items(store, states=PENDING_STATES, community_ids=community_ids) if i.due(now)]
        if item_ids is not None:
            wanted = set(item_ids)
            items = [i for i in items if i.id in wanted]
        outcomes: list[SendOutcome] = []
        by_community: dict[int, list[OutboxItem]] = {}
        for item in items:
            by_community.setdefault(item.community_id, []).append(item)
        for community_id, queue in by_community.items():
            if cancel is not None and cancel.is_set():
                break
            community = store.community(community_id)
            if community is None:
                continue
            try:
                connector = connector_for(community)
            except Exception as exc:  # a missing key, an unusable keyring: say it on the items
                log.warning("No connector for %s: %s", community.name, exc)
                for item in queue:
                    outcome = self._note_error(store, community, item, _reason_for(exc), _message(exc))
                    outcomes.append(outcome)
                    if progress:
                        progress(outcome)
                continue
            try:
                for item in queue:
                    if cancel is not None and cancel.is_set():
                        break
                    outcome, stop = self._send_item(store, community, connector, item)
                    outcomes.append(outcome)
                    if progress:
                        progress(outcome)
                    if stop:
                        break
            finally:
                if self.close_connectors:
                    connector.close()
        return outcomes

    # -- one item -------------------------------------------------------------------------------------

    def _send_item(
        self, store: Store, community: Community, connector: Connector, item: OutboxItem
    ) -> tuple[SendOutcome, bool]:
        """Returns the outcome and whether the rest of the community's queue must wait."""
        from moderator.platforms.base import PlatformError

        claimed = self._claim(store, item.id)
        if claimed is None:
            return SendOutcome(item.id, community.name, item.topic_id, item.state, skipped=True), True
        try:
            outcome = self._send_claimed(store, community, connector, claimed)
        except PlatformError as exc:
            outcome = self._after_error(store, community, claimed, exc)
        except Exception as exc:  # a bug must not lose the reply: it stays queued, attempts recorded
            log.exception("Unexpected error while sending outbox item %s", item.id)
            outcome = self._set_state(store, community, claimed, State.QUEUED, Reason.UNEXPECTED, str(exc))
        finally:
            self._release(store, item.id)
        # Still queued (offline, rate limited, server trouble, unconfirmed): the community's later
        # items wait, so that replies go out in the order they were written. A refusal or a hold
        # concerns one item or topic only: the others go on.
        return outcome, outcome.state == State.QUEUED

    def _send_claimed(
        self, store: Store, community: Community, connector: Connector, item: OutboxItem
    ) -> SendOutcome:
        from moderator.platforms.base import NotFound, Offline, PermissionDenied, PlatformError, PostStatus

        assert item.created_at is not None
        if item.is_new_topic:
            from moderator.schedule.topics import send_new_topic

            return send_new_topic(self, store, community, connector, item)
        if item.is_private_message:
            return self._send_private(store, community, connector, item)
        if item.attempts > 0 or item.state == State.SENDING:
            # An earlier POST may have reached the server: look before posting again.
            self._renew(store, item.id)
            found = connector.find_reply(item.topic_id, item.body, since=item.created_at - self.find_window)
            if found is not None:
                return self._record_sent(store, community, item, found, found_on_server=True)
            if self._may_be_in_flight(item):
                # Not there *yet*: a POST that got no answer may still be processed by the server
                # (a timed-out request keeps running there). Posting now could make a second copy.
                return self._set_state(store, community, item, State.QUEUED, Reason.UNCONFIRMED, "")

        held = self._check_conflicts(store, community, connector, item)
        if held is not None:
            return held

        self._mark_sending(store, item.id)
        try:
            result = connector.post_reply(
                item.topic_id, item.body, reply_to_post_number=item.reply_to_post_number
            )
        except PlatformError as exc:
            if not isinstance(exc, Offline):  # the server answered, with an error: nothing in flight
                self._mark_answered(store, item.id)
            if isinstance(exc, NotFound):
                return self._set_state(store, community, item, State.HELD, Reason.TOPIC_GONE, _message(exc))
            if isinstance(exc, PermissionDenied):
                return self._set_state(
                    store, community, item, State.REJECTED, Reason.NOT_ALLOWED, _message(exc)
                )
            raise
        self._mark_answered(store, item.id)
        if result.status == PostStatus.CREATED:
            if result.post is None:  # a server that answered "ok" without the post: find it next time
                return self._set_state(
                    store, community, item, State.QUEUED, Reason.UNEXPECTED, "no post returned"
                )
            return self._record_sent(store, community, item, result.post)
        if result.status == PostStatus.ENQUEUED:
            return self._set_state(store, community, item, State.ENQUEUED, None, "")
        return self._set_state(
            store, community, item, State.REJECTED, Reason.REJECTED, " ".join(result.reasons)
        )

    def _send_private(
        self, store: Store, community: Community, connector: Connector, item: OutboxItem
    ) -> SendOutcome:
        """A private message: look first if an earlier attempt may have arrived, then POST once."""
        from moderator.platforms.base import Offline, PermissionDenied, PlatformError, PostStatus

        assert item.created_at is not None
        recipients = item.recipients
        member_ids = _member_ids(store, community, recipients)
        if item.attempts > 0 or item.state == State.SENDING:
            self._renew(store, item.id)
            found = connector.find_private_message(
                recipients,
                item.pm_title,
                item.body,
                since=item.created_at - self.find_window,
                member_ids=member_ids,
            )
            if found is not None:
                return self._record_private_sent(store, community, item, found, found_on_server=True)
            if self._may_be_in_flight(item):
                return self._set_state(store, community, item, State.QUEUED, Reason.UNCONFIRMED, "")
        if not connector.capabilities().private_messages:
            return self._set_state(
                store,
                community,
                item,
                State.REJECTED,
                Reason.NOT_ALLOWED,
                "no private messages on this platform",
            )
        self._mark_sending(store, item.id)
        try:
            result = connector.send_private_message(
                recipients, item.pm_title, item.body, member_ids=member_ids
            )
        except PlatformError as exc:
            if not isinstance(exc, Offline):
                self._mark_answered(store, item.id)
            if isinstance(exc, PermissionDenied):
                return self._set_state(
                    store, community, item, State.REJECTED, Reason.NOT_ALLOWED, _message(exc)
                )
            raise
        self._mark_answered(store, item.id)
        if result.status == PostStatus.CREATED and result.post is not None:
            return self._record_private_sent(store, community, item, result.post)
        if result.status == PostStatus.CREATED:
            return self._set_state(
                store, community, item, State.QUEUED, Reason.UNEXPECTED, "no post returned"
            )
        if result.status == PostStatus.ENQUEUED:
            return self._set_state(store, community, item, State.ENQUEUED, None, "")
        return self._set_state(
            store, community, item, State.REJECTED, Reason.REJECTED, " ".join(result.reasons)
        )

    def _record_private_sent(
        self,
        store: Store,
        community: Community,
        item: OutboxItem,
        post: Post,
        *,
        found_on_server: bool = False,
    ) -> SendOutcome:
        """Sent: the item now names the new conversation (the next sync brings it into the copy)."""
        now = to_ts(self._clock())
        with store.write() as db:
            db.execute(
                "UPDATE outbox SET state='sent', reason=NULL, last_error=NULL, unanswered_since=NULL,"
                " topic_id=?, server_post_id=?, server_post_number=?, sent_at=?, updated_at=? WHERE id=?",
                (post.topic_id or "", post.id, post.post_number, now, now, item.id),
            )
        return SendOutcome(
            item.id, community.name, post.topic_id or "", State.SENT, found_on_server=found_on_server
        )

    def _may_be_in_flight(self, item: OutboxItem) -> bool:
        """Whether the last POST may still be running on the server (it got no answer, recently)."""
        if item.unanswered_since is None:
            return False
        return (self._clock() - item.unanswered_since).total_seconds() < self.settle_seconds

    def _check_conflicts(
        self, store: Store, community: Community, connector: Connector, item: OutboxItem
    ) -> SendOutcome | None:
        """Refresh the topic from the server; hold the reply if it is closed, gone, or has new replies."""
        from moderator.platforms.base import NotFound, PermissionDenied

        self._renew(store, item.id)
        try:
            topic, posts = connector.fetch_topic(item.topic_id)
        except (NotFound, PermissionDenied) as exc:
            return self._set_state(store, community, item, State.HELD, Reason.TOPIC_GONE, _message(exc))
        assert community.id is not None
        store.apply_batch(community.id, SyncBatch(topics=[topic], posts=posts))
        if topic.deleted_at is not None:
            return self._set_state(store, community, item, State.HELD, Reason.TOPIC_GONE, "")
        if (topic.closed or topic.archived) and not item.allow_closed:
            return self._set_state(store, community, item, State.HELD, Reason.TOPIC_CLOSED, "")
        if item.last_seen_post_number <= 0:
            # Queued for a topic the local copy did not know: what is there now is what the user answers.
            with store.write() as db:
                db.execute(
                    "UPDATE outbox SET last_seen_post_number=? WHERE id=?",
                    (max(topic.highest_post_number, max((p.post_number for p in posts), default=0)), item.id),
                )
            return None
        me = community.username.casefold()
        new = [
            p
            for p in posts
            if p.post_number > item.last_seen_post_number and p.is_regular and p.username.casefold() != me
        ]
        if new:
            names = ", ".join(dict.fromkeys(f"@{p.username}" for p in new if p.username))
            detail = f"{len(new)} new {'reply' if len(new) == 1 else 'replies'}" + (
                f" by {names}" if names else ""
            )
            return self._set_state(store, community, item, State.HELD, Reason.NEW_REPLIES, detail)
        return None

    # -- writes -------------------------------------------------------------------------------------------

    def _now_ts(self) -> int:
        return int(self._clock().timestamp())

    def _claim(self, store: Store, item_id: int) -> OutboxItem | None:
        """Compare-and-set the lease; None when the item is gone, done, or held by a live sender."""
        now = self._now_ts()
        with store.write() as db:
            item = get_item(store, item_id)
            if item is None or item.state not in PENDING_STATES:
                return None
            if held_by_another(item.claimed_by, item.claimed_until, self.owner, now):
                return None
            db.execute(
                "UPDATE outbox SET claimed_by=?, claimed_until=? WHERE id=?",
                (self.owner, now + self.lease_seconds, item_id),
            )
        return get_item(store, item_id)

    def _renew(self, store: Store, item_id: int) -> None:
        with store.write() as db:
            db.execute(
                "UPDATE outbox SET claimed_until=? WHERE id=? AND claimed_by=?",
                (self._now_ts() + self.lease_seconds, item_id, self.owner),
            )

    def _release(self, store: Store, item_id: int) -> None:
        with store.write() as db:
            db.execute(
                "UPDATE outbox SET claimed_by=NULL, claimed_until=NULL WHERE id=? AND claimed_by=?",
                (item_id, self.owner),
            )

    def _mark_sending(self, store: Store, item_id: int) -> None:
        """Committed before the POST: from here on, the next attempt looks on the server first."""
        now = self._now_ts()
        with store.write() as db:
            db.execute(
                "UPDATE outbox SET state='sending', attempts=attempts+1, unanswered_since=?, updated_at=?,"
                " claimed_until=? WHERE id=?",
                (now, now, now + self.lease_seconds, item_id),
            )

    def _mark_answered(self, store: Store, item_id: int) -> None:
        with store.write() as db:
            db.execute("UPDATE outbox SET unanswered_since=NULL WHERE id=?", (item_id,))

    def _set_state(
        self,
        store: Store,
        community: Community,
        item: OutboxItem,
        state: State,
        reason: Reason | None,
        detail: str,
    ) -> SendOutcome:
        with store.write() as db:
            db.execute(
                "UPDATE outbox SET state=?, reason=?, last_error=?, updated_at=? WHERE id=?",
                (state, reason, detail or None, self._now_ts(), item.id),
            )
        return SendOutcome(item.id, community.name, item.topic_id, state, reason, detail)

    def _note_error(
        self, store: Store, community: Community, item: OutboxItem, reason: Reason, detail: str
    ) -> SendOutcome:
        """Say why a queued item could not even be tried, without touching one another sender holds."""
        with store.write() as db:
            db.execute(
                "UPDATE outbox SET reason=?, last_error=?, updated_at=? WHERE id=? AND state='queued'"
                " AND claimed_by IS NULL",
                (reason, detail or None, self._now_ts(), item.id),
            )
        return SendOutcome(item.id, community.name, item.topic_id, item.state, reason, detail)

    def _record_sent(
        self,
        store: Store,
        community: Community,
        item: OutboxItem,
        post: Post,
        *,
        found_on_server: bool = False,
    ) -> SendOutcome:
        """Mark sent, store the post and bump the topic, in one transaction: the topic leaves the
        unanswered queue and the reading pane shows the reply at once, before the next sync."""
        assert community.id is not None
        now = self._clock()
        post = dataclasses.replace(
            post,
            topic_id=post.topic_id or item.topic_id,
            username=post.username or community.username,
            created_at=post.created_at or now,
            raw=post.raw if post.raw is not None else item.body,
        )
        with store.write() as db:
            known = db.execute(
                "SELECT 1 FROM posts WHERE community_id=? AND id=?", (community.id, post.id)
            ).fetchone()
            store.apply_batch(community.id, SyncBatch(posts=[post]))
            if known is None:
                posted = to_ts(post.created_at)
                db.execute(
                    "UPDATE topics SET posts_count=posts_count+1, reply_count=reply_count+1,"
                    " highest_post_number=MAX(highest_post_number, ?), last_posted_at=?,"
                    " bumped_at=MAX(COALESCE(bumped_at, 0), ?), last_poster_username=?"
                    " WHERE community_id=? AND id=?",
                    (post.post_number, posted, posted, post.username, community.id, item.topic_id),
                )
            db.execute(
                "UPDATE outbox SET state='sent', reason=NULL, last_error=NULL, unanswered_since=NULL, server_post_id=?,"
                " server_post_number=?, sent_at=?, updated_at=? WHERE id=?",
                (post.id, post.post_number, to_ts(now), to_ts(now), item.id),
            )
        return SendOutcome(
            item.id,
            community.name,
            item.topic_id,
            State.SENT,
            found_on_server=found_on_server,
            late_by=late_by(item, now),
        )

    def _after_error(
        self, store: Store, community: Community, item: OutboxItem, exc: Exception
    ) -> SendOutcome:
        """An error from a read before the POST or from the POST itself."""
        from moderator.platforms.base import NotFound, PermissionDenied, RequestRejected

        if isinstance(exc, RequestRejected):
            detail = " ".join(exc.reasons) or _message(exc)
            return self._set_state(store, community, item, State.REJECTED, Reason.REJECTED, detail)
        if isinstance(exc, NotFound | PermissionDenied):  # the topic went away or out of sight
            return self._set_state(store, community, item, State.HELD, Reason.TOPIC_GONE, _message(exc))
        return self._set_state(store, community, item, State.QUEUED, _reason_for(exc), _message(exc))


def _message(exc: BaseException) -> str:
    return str(getattr(exc, "message", "") or exc)


def _reason_for(exc: BaseException) -> Reason:
    from moderator.platforms.base import (
        AuthenticationError,
        NotFound,
        Offline,
        PermissionDenied,
        RateLimited,
        ServerError,
    )

    if isinstance(exc, Offline):
        return Reason.OFFLINE
    if isinstance(exc, RateLimited):
        return Reason.RATE_LIMITED
    if isinstance(exc, AuthenticationError):
        return Reason.SIGN_IN
    if isinstance(exc, PermissionDenied):
        return Reason.NOT_ALLOWED
    if isinstance(exc, NotFound):
        return Reason.TOPIC_GONE
    if isinstance(exc, ServerError):
        return Reason.SERVER_ERROR
    return Reason.UNEXPECTED
