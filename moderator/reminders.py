"""Reminders and follow-ups: what they are, how they are stored, and when they resolve themselves.

Three kinds: look at a *topic* again at a time (optionally only while a condition still holds), nudge a
*member*, or a free *note* about a community. States: ``open`` → ``snoozed`` (due again later) →
``done`` by the user, or ``resolved`` by the app when a condition stopped holding. ``reopen`` brings a
done or resolved reminder back.

Why conditions are evaluated from the local store only: a reminder must work offline, and after each
sync the store is as fresh as anything we could ask the server. The lead's sync calls
``evaluate_conditions`` after every sync; the notifier calls ``collect_due`` when reminders fall due, so
a topic answered while the app was closed never rings.

Why the resolution is stored as data (``Resolution``) and worded at display time: "answered by @ann
yesterday" is only true on the day it is read, and the GUI words it in the user's language. Source
strings are marked with ``QT_TRANSLATE_NOOP`` so ``pyside6-lupdate`` extracts them; the GUI translates
them with ``QCoreApplication.translate(TR_CONTEXT, ...)``; the CLI prints them in English.

Mirroring to the platform (Discourse bookmarks) lives in ``moderator.reminder_mirror``; this module only
marks rows as needing it (``mirror_state = 'pending'``) whenever what the server should hold changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import locale
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from moderator.model import UTC, Community, Member, Post, Topic
from moderator.store import Store, from_ts, to_ts

log = logging.getLogger(__name__)

TR_CONTEXT = "reminders"
Translate = Callable[[str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for extraction into ``context``; returns it unchanged (the GUI translates)."""
    return text


def _identity(text: str) -> str:
    return text


class Kind(enum.StrEnum):
    TOPIC = "topic"
    MEMBER = "member"
    NOTE = "note"


class State(enum.StrEnum):
    OPEN = "open"
    SNOOZED = "snoozed"
    DONE = "done"
    RESOLVED = "resolved"


ACTIVE_STATES = (State.OPEN, State.SNOOZED)


class Condition(enum.StrEnum):
    """Only remind if this still holds when due (the values are the CLI's ``--if`` words)."""

    STILL_UNANSWERED = "still-unanswered"  # no reply from anyone but the author
    NO_NEW_REPLY = "no-new-reply"  # nothing posted since the reminder was set
    NO_AUTHOR_REPLY = "no-author-reply"  # the author has not replied since


CONDITION_LABELS: dict[Condition, str] = {
    Condition.STILL_UNANSWERED: QT_TRANSLATE_NOOP(TR_CONTEXT, "if still unanswered"),
    Condition.NO_NEW_REPLY: QT_TRANSLATE_NOOP(TR_CONTEXT, "if no new reply"),
    Condition.NO_AUTHOR_REPLY: QT_TRANSLATE_NOOP(TR_CONTEXT, "if the author has not replied"),
}


class MirrorState(enum.StrEnum):
    PENDING = "pending"  # the server must be brought in line with the reminder
    SENDING = "sending"  # a create may have reached the server: look before sending again
    SENT = "sent"  # the server holds what it should
    FAILED = "failed"  # the server refused; mirror_error says why (retried on the next change)


class ResolutionCode(enum.StrEnum):
    ANSWERED = "answered"
    NEW_REPLY = "new_reply"
    AUTHOR_REPLIED = "author_replied"
    TOPIC_DELETED = "topic_deleted"


_RESOLUTION_TEMPLATES: dict[ResolutionCode, str] = {
    ResolutionCode.ANSWERED: QT_TRANSLATE_NOOP(TR_CONTEXT, "answered by @{user} {when}"),
    ResolutionCode.NEW_REPLY: QT_TRANSLATE_NOOP(TR_CONTEXT, "new reply by @{user} {when}"),
    ResolutionCode.AUTHOR_REPLIED: QT_TRANSLATE_NOOP(TR_CONTEXT, "the author, @{user}, replied {when}"),
    ResolutionCode.TOPIC_DELETED: QT_TRANSLATE_NOOP(TR_CONTEXT, "the topic was deleted"),
}
_TODAY = QT_TRANSLATE_NOOP(TR_CONTEXT, "today at {time}")
_YESTERDAY = QT_TRANSLATE_NOOP(TR_CONTEXT, "yesterday at {time}")
_ON_DATE = QT_TRANSLATE_NOOP(TR_CONTEXT, "on {date}")


@dataclasses.dataclass(frozen=True, slots=True)
class Resolution:
    """Why a conditional reminder resolved itself: what happened, who did it, when."""

    code: ResolutionCode
    user: str = ""
    at: dt.datetime | None = None

    def to_json(self) -> str:
        return json.dumps({"code": str(self.code), "user": self.user, "at": to_ts(self.at)})

    @classmethod
    def from_json(cls, text: str | None) -> Resolution | None:
        if not text:
            return None
        try:
            data = json.loads(text)
            return cls(ResolutionCode(data["code"]), str(data.get("user") or ""), from_ts(data.get("at")))
        except (ValueError, KeyError, TypeError):
            log.warning("Unreadable reminder resolution %r", text)
            return None

    def describe(self, *, now: dt.datetime, zone: dt.tzinfo, tr: Translate = _identity) -> str:
        """The words for the user: "answered by @ann yesterday at 14:05" (``tr`` translates)."""
        when = relative_day(self.at, now=now, zone=zone, tr=tr)
        text = tr(_RESOLUTION_TEMPLATES[self.code]).format(user=self.user, when=when)
        return text.strip()


def relative_day(
    when: dt.datetime | None, *, now: dt.datetime, zone: dt.tzinfo, tr: Translate = _identity
) -> str:
    """ "today at 14:05", "yesterday at 09:12", or "on 2026-11-20", in the user's zone."""
    if when is None:
        return ""
    local, today = when.astimezone(zone), now.astimezone(zone).date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return tr(_TODAY).format(time=clock)
    if local.date() == today - dt.timedelta(days=1):
        return tr(_YESTERDAY).format(time=clock)
    return tr(_ON_DATE).format(date=local.date().isoformat())


@dataclasses.dataclass(slots=True)
class Reminder:
    id: int
    community_id: int
    kind: Kind
    due_at: dt.datetime
    created_at: dt.datetime
    state: State = State.OPEN
    topic_id: str | None = None
    member_id: str | None = None
    username: str = ""
    note: str = ""
    title: str = ""  # the topic's title when the reminder was set (the topic may leave the local copy)
    condition: Condition | None = None
    baseline_post_number: int = 0
    resolution: Resolution | None = None
    done_at: dt.datetime | None = None
    mirror: bool = False
    mirror_bookmark_id: str | None = None
    mirror_state: MirrorState | None = None
    mirror_reminder_at: dt.datetime | None = None
    mirror_owned: bool = True
    mirror_error: str | None = None
    mirror_attempts: int = 0

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_STATES

    def is_due(self, now: dt.datetime) -> bool:
        return self.active and self.due_at <= now

    def summary(self, tr: Translate = _identity) -> str:
        """One line saying what to do: the topic's title, "Nudge @ann", or the note."""
        if self.kind is Kind.TOPIC:
            title = self.title or tr(QT_TRANSLATE_NOOP(TR_CONTEXT, "topic {id}")).format(id=self.topic_id)
            return tr(QT_TRANSLATE_NOOP(TR_CONTEXT, "Follow up: {title}")).format(title=title)
        if self.kind is Kind.MEMBER:
            return tr(QT_TRANSLATE_NOOP(TR_CONTEXT, "Nudge @{user}")).format(user=self.username)
        return self.note

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Reminder:
        return cls(
            id=row["id"],
            community_id=row["community_id"],
            kind=Kind(row["kind"]),
            due_at=_dt(row["due_at"]),
            created_at=_dt(row["created_at"]),
            state=State(row["state"]),
            topic_id=row["topic_id"],
            member_id=row["member_id"],
            username=row["username"],
            note=row["note"],
            title=row["title"],
            condition=Condition(row["condition"]) if row["condition"] else None,
            baseline_post_number=row["baseline_post_number"],
            resolution=Resolution.from_json(row["resolved_reason"]),
            done_at=from_ts(row["done_at"]),
            mirror=bool(row["mirror"]),
            mirror_bookmark_id=row["mirror_bookmark_id"],
            mirror_state=MirrorState(row["mirror_state"]) if row["mirror_state"] else None,
            mirror_reminder_at=from_ts(row["mirror_reminder_at"]),
            mirror_owned=bool(row["mirror_owned"]),
            mirror_error=row["mirror_error"],
            mirror_attempts=row["mirror_attempts"],
        )


def _dt(ts: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, UTC)


class ReminderError(ValueError):
    """A reminder that cannot be made or changed as asked; the message says why and what to do."""


# -- creating -------------------------------------------------------------------------------------


def add_reminder(
    store: Store,
    *,
    community_id: int,
    kind: Kind | str,
    due_at: dt.datetime,
    now: dt.datetime,
    topic_id: str | None = None,
    member_id: str | None = None,
    username: str = "",
    note: str = "",
    condition: Condition | str | None = None,
    mirror: bool = False,
) -> Reminder:
    """Store a new reminder. For a topic, the title and the highest post number are taken now."""
    kind = Kind(kind)
    condition = Condition(condition) if condition else None
    if due_at.tzinfo is None:
        raise ReminderError("A reminder's time must say its time zone (an aware datetime).")
    if kind is Kind.TOPIC and not topic_id:
        raise ReminderError("A topic reminder needs the topic's id.")
    if kind is Kind.MEMBER and not username:
        raise ReminderError("A member reminder needs the member's username.")
    if kind is Kind.NOTE and not note.strip():
        raise ReminderError("A note reminder needs some text.")
    if condition is not None and kind is not Kind.TOPIC:
        raise ReminderError("Only a topic reminder can have a condition.")
    if mirror and kind is not Kind.TOPIC:
        raise ReminderError("Only a topic reminder can be copied to the community as a bookmark.")
    title, baseline = "", 0
    if kind is Kind.TOPIC:
        assert topic_id is not None
        topic = store.topic(community_id, topic_id)
        if topic is not None:
            title = topic.title
            baseline = max(topic.highest_post_number, _max_post_number(store, community_id, topic_id))
    username = username.removeprefix("@")
    with store.write() as db:
        cur = db.execute(
            "INSERT INTO reminders (community_id, kind, topic_id, member_id, username, note, title, due_at,"
            " condition, baseline_post_number, state, created_at, mirror, mirror_state)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                community_id,
                str(kind),
                topic_id,
                member_id,
                username,
                note.strip(),
                title,
                to_ts(due_at),
                None if condition is None else str(condition),
                baseline,
                str(State.OPEN),
                to_ts(now),
                int(mirror),
                str(MirrorState.PENDING) if mirror else None,
            ),
        )
        reminder_id = int(cur.lastrowid or 0)
    reminder = get_reminder(store, reminder_id)
    assert reminder is not None
    return reminder


def _max_post_number(store: Store, community_id: int, topic_id: str) -> int:
    row = (
        store.read()
        .execute(
            "SELECT MAX(post_number) FROM posts WHERE community_id=? AND topic_id=?", (community_id, topic_id)
        )
        .fetchone()
    )
    return int(row[0] or 0)


# -- reading --------------------------------------------------------------------------------------


def get_reminder(store: Store, reminder_id: int) -> Reminder | None:
    row = store.read().execute("SELECT * FROM reminders WHERE id=?", (reminder_id,)).fetchone()
    return None if row is None else Reminder.from_row(row)


def list_reminders(
    store: Store,
    *,
    community_ids: Iterable[int] | None = None,
    states: Sequence[State] | None = ACTIVE_STATES,
) -> list[Reminder]:
    """Reminders soonest first (``states=None``: every state, done and resolved included)."""
    where, args = _filters(community_ids, states)
    rows = store.read().execute(f"SELECT * FROM reminders WHERE {where} ORDER BY due_at, id", args).fetchall()
    return [Reminder.from_row(r) for r in rows]


def due_reminders(
    store: Store, now: dt.datetime, *, community_ids: Iterable[int] | None = None
) -> list[Reminder]:
    """Open or snoozed reminders whose time has come, the oldest first (a plain read: no evaluation)."""
    where, args = _filters(community_ids, ACTIVE_STATES)
    rows = (
        store.read()
        .execute(
            f"SELECT * FROM reminders WHERE {where} AND due_at <= ? ORDER BY due_at, id", [*args, to_ts(now)]
        )
        .fetchall()
    )
    return [Reminder.from_row(r) for r in rows]


def count_due(store: Store, now: dt.datetime, *, community_ids: Iterable[int] | None = None) -> int:
    """The sidebar badge: how many reminders are due now."""
    where, args = _filters(community_ids, ACTIVE_STATES)
    row = (
        store.read()
        .execute(f"SELECT COUNT(*) FROM reminders WHERE {where} AND due_at <= ?", [*args, to_ts(now)])
        .fetchone()
    )
    return int(row[0])


def next_due_at(store: Store, now: dt.datetime) -> dt.datetime | None:
    """When the next active reminder falls due (after ``now``), to schedule the notifier's timer."""
    where, args = _filters(None, ACTIVE_STATES)
    row = (
        store.read()
        .execute(f"SELECT MIN(due_at) FROM reminders WHERE {where} AND due_at > ?", [*args, to_ts(now)])
        .fetchone()
    )
    return from_ts(row[0])


def _filters(community_ids: Iterable[int] | None, states: Sequence[State] | None) -> tuple[str, list[Any]]:
    clauses: list[str] = ["1"]
    args: list[Any] = []
    if community_ids is not None:
        ids = list(community_ids)
        clauses.append(f"community_id IN ({','.join('?' * len(ids))})" if ids else "0")
        args.extend(ids)
    if states is not None:
        clauses.append(f"state IN ({','.join('?' * len(states))})" if states else "0")
        args.extend(str(s) for s in states)
    return " AND ".join(clauses), args


# -- changing -------------------------------------------------------------------------------------

# Whenever what the server should hold changes (time, or whether the bookmark should exist), a mirrored
# reminder is marked 'pending'. 'sending' stays: the flush must still look before it sends again.
_REPEND_MIRROR = (
    "mirror_state = CASE WHEN mirror = 1 AND (mirror_state IS NULL OR mirror_state != 'sending')"
    " THEN 'pending' ELSE mirror_state END"
)


def _require(store: Store, reminder_id: int) -> Reminder:
    reminder = get_reminder(store, reminder_id)
    if reminder is None:
        raise ReminderError(f"There is no reminder #{reminder_id}.")
    return reminder


def snooze(store: Store, reminder_id: int, until: dt.datetime, *, now: dt.datetime) -> Reminder:
    """Due again at ``until`` (a quick pick or a chosen time); a done reminder is reopened by snoozing."""
    _require(store, reminder_id)
    if until <= now:
        raise ReminderError("Snooze until a time in the future.")
    with store.write() as db:
        db.execute(
            f"UPDATE reminders SET state='snoozed', due_at=?, done_at=NULL, resolved_reason=NULL, {_REPEND_MIRROR}"
            " WHERE id=?",
            (to_ts(until), reminder_id),
        )
    return _require(store, reminder_id)


def mark_done(store: Store, reminder_id: int, *, now: dt.datetime) -> Reminder:
    """The user dealt with it. Its server bookmark, if any, is removed on the next mirror flush."""
    _require(store, reminder_id)
    with store.write() as db:
        db.execute(
            f"UPDATE reminders SET state='done', done_at=?, {_REPEND_MIRROR} WHERE id=? AND state != 'done'",
            (to_ts(now), reminder_id),
        )
    return _require(store, reminder_id)


def reopen(
    store: Store, reminder_id: int, *, now: dt.datetime, due_at: dt.datetime | None = None
) -> Reminder:
    """Back to open (undo of done, or "remind me anyway" for a resolved one), due at ``due_at`` if given.

    A reopened conditional reminder loses its condition: the user has seen it no longer holds and still
    wants the reminder, so evaluating it again would resolve it again at once.
    """
    reminder = _require(store, reminder_id)
    due = due_at or reminder.due_at
    condition = (
        None
        if reminder.state is State.RESOLVED
        else (str(reminder.condition) if reminder.condition else None)
    )
    with store.write() as db:
        db.execute(
            f"UPDATE reminders SET state='open', due_at=?, done_at=NULL, resolved_reason=NULL, condition=?,"
            f" {_REPEND_MIRROR} WHERE id=?",
            (to_ts(due), condition, reminder_id),
        )
    return _require(store, reminder_id)


def restore(store: Store, snapshot: Reminder) -> Reminder:
    """Put a reminder back exactly as ``snapshot`` had it (the GUI's undo of done, snooze or reopen)."""
    _require(store, snapshot.id)
    with store.write() as db:
        db.execute(
            f"UPDATE reminders SET state=?, due_at=?, done_at=?, resolved_reason=?, condition=?, {_REPEND_MIRROR}"
            " WHERE id=?",
            (
                str(snapshot.state),
                to_ts(snapshot.due_at),
                to_ts(snapshot.done_at),
                snapshot.resolution.to_json() if snapshot.resolution else None,
                str(snapshot.condition) if snapshot.condition else None,
                snapshot.id,
            ),
        )
    return _require(store, snapshot.id)


def delete_reminder(store: Store, reminder_id: int) -> None:
    """Forget a reminder entirely (a mirrored one should be marked done first, to remove its bookmark)."""
    with store.write() as db:
        db.execute("DELETE FROM reminders WHERE id=?", (reminder_id,))


# -- conditions -----------------------------------------------------------------------------------


def _same_person(post: Post, author_id: str | None, author_username: str) -> bool:
    if author_id and post.author_id:
        return post.author_id == author_id
    return bool(author_username) and post.username.casefold() == author_username.casefold()


def check_condition(reminder: Reminder, topic: Topic | None, posts: Sequence[Post]) -> Resolution | None:
    """Why ``reminder``'s condition no longer holds, or None while it holds (or cannot be told).

    Pure: works on the topic and posts as stored. A topic missing from the local copy decides nothing
    (it may just not be synced yet, or the sandbox was reset): the reminder stays.
    """
    if reminder.condition is None or topic is None:
        return None
    if topic.deleted_at is not None:
        return Resolution(ResolutionCode.TOPIC_DELETED, at=topic.deleted_at)
    first = next((p for p in posts if p.post_number == 1), None)
    author_id = topic.author_id or (first.author_id if first else None)
    author_username = first.username if first else ""
    replies = sorted((p for p in posts if p.post_number > 1 and p.is_regular), key=lambda p: p.post_number)
    if reminder.condition is Condition.STILL_UNANSWERED:
        hit = next((p for p in replies if not _same_person(p, author_id, author_username)), None)
        code = ResolutionCode.ANSWERED
    else:
        newer = [p for p in replies if p.post_number > reminder.baseline_post_number]
        if reminder.condition is Condition.NO_NEW_REPLY:
            hit, code = (newer[0] if newer else None), ResolutionCode.NEW_REPLY
        else:
            hit = next((p for p in newer if _same_person(p, author_id, author_username)), None)
            code = ResolutionCode.AUTHOR_REPLIED
    if hit is None:
        return None
    return Resolution(code, hit.username, hit.created_at)


def evaluate_conditions(
    store: Store,
    now: dt.datetime,
    *,
    community_ids: Iterable[int] | None = None,
    due_only: bool = False,
) -> list[Reminder]:
    """Resolve every active conditional reminder whose condition stopped holding; returns those resolved.

    Called after each sync (everything) and when reminders fall due (``due_only``).
    """
    where, args = _filters(community_ids, ACTIVE_STATES)
    sql = f"SELECT * FROM reminders WHERE {where} AND condition IS NOT NULL"
    if due_only:
        sql += " AND due_at <= ?"
        args.append(to_ts(now))
    candidates = [Reminder.from_row(r) for r in store.read().execute(sql, args).fetchall()]
    resolved: list[Reminder] = []
    for reminder in candidates:
        assert reminder.topic_id is not None
        topic = store.topic(reminder.community_id, reminder.topic_id)
        posts = store.posts(reminder.community_id, reminder.topic_id) if topic is not None else []
        resolution = check_condition(reminder, topic, posts)
        if resolution is None:
            continue
        with store.write() as db:
            cur = db.execute(
                f"UPDATE reminders SET state='resolved', resolved_reason=?, done_at=?, {_REPEND_MIRROR}"
                " WHERE id=? AND state IN ('open', 'snoozed')",
                (resolution.to_json(), to_ts(now), reminder.id),
            )
        if cur.rowcount:
            updated = get_reminder(store, reminder.id)
            if updated is not None:
                resolved.append(updated)
    return resolved


@dataclasses.dataclass(frozen=True, slots=True)
class DueCheck:
    """What checking the clock found: reminders due now, and those that resolved themselves instead."""

    due: list[Reminder]
    resolved: list[Reminder]


def collect_due(store: Store, now: dt.datetime, *, community_ids: Iterable[int] | None = None) -> DueCheck:
    """Evaluate the conditions of the reminders that fell due, then list those still due."""
    ids = None if community_ids is None else list(community_ids)
    resolved = evaluate_conditions(store, now, community_ids=ids, due_only=True)
    return DueCheck(due=due_reminders(store, now, community_ids=ids), resolved=resolved)


def overdue_at_startup(store: Store, now: dt.datetime) -> DueCheck:
    """At start-up: every reminder that fell due while the app was closed (conditions evaluated first)."""
    return collect_due(store, now)


# -- links and words ------------------------------------------------------------------------------


_NUDGE = {
    "fr": (
        "Bonjour @{username}, cela fait un moment qu'on ne vous a pas lu par ici ! Votre regard nous manque :"
        " passez dire bonjour ou partager une idée quand vous voulez. À bientôt !"
    ),
    "en": (
        "Hi @{username}, we haven't heard from you in a while! We miss your point of view: drop by to say"
        " hello or share an idea whenever you like. See you soon!"
    ),
}


def community_language(community: Community) -> str:
    """``fr`` or ``en``: the community's ``language`` setting, else the user's locale."""
    configured = str(community.settings.get("language") or "")
    if configured:
        return "fr" if configured.lower().startswith("fr") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    current = locale.getlocale()[0] or ""
    return "fr" if current.lower().startswith("fr") else "en"


def nudge_draft_text(store: Store, community: Community, member: Member | str) -> str:
    """A friendly first message for a quiet member: the user's own saved reply for nudges when there
    is one (titled "Nudge…", "Relance…" or "Encouragement…", or shipped as ``nudge_member``), else a
    built-in sentence in the community's language.
    """
    from moderator import saved_replies

    username = (member if isinstance(member, str) else member.username).removeprefix("@")
    language = community_language(community)
    values = {"username": username, "community": community.title or community.name}
    try:
        values = {
            **values,
            **saved_replies.placeholder_values(store, community, None, member_username=username),
        }
        for reply in saved_replies.list_saved_replies(store, language=language):
            if reply.language not in ("", language) or not _is_nudge(reply.title, reply.shipped_key):
                continue
            text = saved_replies.fill(reply.body, values)
            if not any("{" + name + "}" in text for name in saved_replies.PLACEHOLDERS):
                return text  # every placeholder could be filled without a topic
    except Exception:  # noqa: BLE001 - another module's failure must not stop a reminder
        log.exception("Saved replies could not be read; using the built-in nudge")
    return saved_replies.fill(_NUDGE[language], values)


_NUDGE_WORDS = ("nudge", "relance", "encouragement")


def _is_nudge(title: str, shipped_key: str | None) -> bool:
    if shipped_key and shipped_key.startswith("nudge_member:"):
        return True
    folded = title.casefold()
    return any(word in folded for word in _NUDGE_WORDS)
