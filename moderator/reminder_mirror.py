"""Mirror topic reminders as server bookmarks (Discourse ``reminder_at``), so the phone rings too.

Why a reconciliation and not a log of operations: each mirrored reminder row says what the server
*should* hold (a bookmark at ``due_at`` while the reminder is open or snoozed, nothing once it is done
or resolved) and what we know it *does* hold (``mirror_bookmark_id``, ``mirror_reminder_at``). A flush
brings the second in line with the first. Offline, rows simply stay ``pending``; ten snoozes while
offline cost one PUT when the connection is back; nothing is ever sent twice because of a queue.

Exactly once, for the one request that is not idempotent (the POST that creates the bookmark): the row
is marked ``sending`` (and ``mirror_attempts`` counted) in its own transaction *before* the POST. If
the answer is lost (dropped connection, crash), the next flush sees ``sending`` and first lists
``/u/{me}/bookmarks.json``: if the bookmark is there it is adopted, else it is created. A 400 "already
bookmarked" also means it exists (one bookmark per user and topic on Discourse).

A bookmark the user had made themselves before (found, but not named by us) is adopted without being
owned: we set its reminder time, and when the reminder is done we clear that time instead of deleting
the user's bookmark.

The outbox (``moderator.outbox``) only sends replies; this module is the small persistent queue for
mirror operations that the issue asks for when the outbox cannot carry them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from moderator.model import Community, utcnow
from moderator.platforms.base import (
    AuthenticationError,
    Cancelled,
    NotFound,
    Offline,
    PlatformError,
    RateLimited,
    RequestRejected,
    ServerError,
)
from moderator.reminders import Kind, MirrorState, Reminder, get_reminder
from moderator.store import Store, to_ts

log = logging.getLogger(__name__)

ConnectorFor = Callable[[Community], Any]  # -> moderator.platforms.base.Connector


class BookmarkService(Protocol):
    """What a platform must offer to mirror reminders (the Discourse one is ``DiscourseBookmarks``)."""

    def find(self, topic_id: str) -> Any | None: ...  # a Bookmark: .id, .name, .reminder_at

    def create(self, topic_id: str, *, name: str, reminder_at: dt.datetime | None) -> str: ...

    def update(self, bookmark_id: str, *, name: str, reminder_at: dt.datetime | None) -> None: ...

    def delete(self, bookmark_id: str) -> bool: ...


class DiscourseBookmarks:
    """``BookmarkService`` over a Discourse connector's HTTP client."""

    def __init__(self, http: Any, username: str) -> None:
        self.http = http
        self.username = username

    def find(self, topic_id: str) -> Any | None:
        from moderator.platforms.discourse import bookmarks as api

        return api.find_topic_bookmark(self.http, self.username, topic_id)

    def create(self, topic_id: str, *, name: str, reminder_at: dt.datetime | None) -> str:
        from moderator.platforms.discourse import bookmarks as api

        return api.create_topic_bookmark(self.http, topic_id, name=name, reminder_at=reminder_at)

    def update(self, bookmark_id: str, *, name: str, reminder_at: dt.datetime | None) -> None:
        from moderator.platforms.discourse import bookmarks as api

        api.update_bookmark(self.http, bookmark_id, name=name, reminder_at=reminder_at)

    def delete(self, bookmark_id: str) -> bool:
        from moderator.platforms.discourse import bookmarks as api

        return api.delete_bookmark(self.http, bookmark_id)


def bookmark_service_for(connector: Any) -> BookmarkService | None:
    """The connector's bookmark service, or None when its community cannot hold server bookmarks.

    Uses ``connector.bookmarks()`` when a connector offers one (the protocol extension proposed to the
    lead), else the Discourse functions over ``connector.http``.
    """
    try:
        if not connector.capabilities().server_bookmarks:
            return None
    except AttributeError:
        return None
    own = getattr(connector, "bookmarks", None)
    if callable(own):
        service: BookmarkService = own()
        return service
    http = getattr(connector, "http", None)
    if http is None:
        return None
    username = getattr(connector, "acting_username", "") or connector.community.username
    return DiscourseBookmarks(http, username)


def mirror_supported(connector: Any) -> bool:
    """For the remind dialog's "also on the community" checkbox."""
    try:
        return bool(connector.capabilities().server_bookmarks)
    except AttributeError:
        return False


def bookmark_name(reminder: Reminder) -> str:
    """The name we give our bookmarks: readable on the phone, and how we recognise ours later."""
    return f"Community Moderator · reminder #{reminder.id}"


@dataclasses.dataclass(slots=True)
class MirrorReport:
    synced: int = 0  # rows brought in line with the server
    pending: int = 0  # rows still waiting (offline, rate limited, no connector)
    failed: int = 0  # rows the server refused (mirror_error says why)
    errors: list[str] = dataclasses.field(default_factory=list)  # user-facing, one per problem

    @property
    def offline(self) -> bool:
        return self.pending > 0


# Errors after which nothing more is tried for this community in this flush (rows stay pending).
_STOP = (Offline, RateLimited, AuthenticationError, ServerError, Cancelled)


def pending_mirrors(store: Store, *, community_ids: Iterable[int] | None = None) -> list[Reminder]:
    rows = (
        store.read()
        .execute(
            "SELECT * FROM reminders WHERE mirror_state IN ('pending', 'sending') ORDER BY community_id, id"
        )
        .fetchall()
    )
    wanted = None if community_ids is None else set(community_ids)
    found = [Reminder.from_row(r) for r in rows]
    return [r for r in found if wanted is None or r.community_id in wanted]


def flush_mirrors(
    store: Store,
    connector_for: ConnectorFor,
    *,
    now: dt.datetime | None = None,
    community_ids: Iterable[int] | None = None,
    close_connectors: bool = True,
) -> MirrorReport:
    """Bring every pending mirror in line with its reminder. Safe to call any time, from any thread."""
    now = now or utcnow()
    report = MirrorReport()
    by_community: dict[int, list[Reminder]] = {}
    for reminder in pending_mirrors(store, community_ids=community_ids):
        by_community.setdefault(reminder.community_id, []).append(reminder)
    for community_id, items in by_community.items():
        community = store.community(community_id)
        if community is None:
            continue
        try:
            connector = connector_for(community)
        except Exception as exc:  # noqa: BLE001 - a missing key or keyring: say it, keep the rows
            report.pending += len(items)
            report.errors.append(f"{community.name}: {getattr(exc, 'message', None) or exc}")
            continue
        try:
            _flush_community(store, connector, community, items, now, report)
        finally:
            if close_connectors:
                connector.close()
    return report


def _flush_community(
    store: Store,
    connector: Any,
    community: Community,
    items: list[Reminder],
    now: dt.datetime,
    report: MirrorReport,
) -> None:
    service = bookmark_service_for(connector)
    if service is None:
        for reminder in items:
            _set(
                store, reminder.id, state=MirrorState.FAILED, error="This community has no server bookmarks."
            )
        report.failed += len(items)
        return
    for n, reminder in enumerate(items):
        current = get_reminder(store, reminder.id)  # the user may have changed it meanwhile
        if current is None:
            continue
        try:
            reconcile(store, service, current, now=now)
            report.synced += 1
        except _STOP as exc:
            report.pending += len(items) - n
            report.errors.append(f"{community.name}: {getattr(exc, 'message', exc)}")
            return
        except PlatformError as exc:
            _set(store, current.id, state=MirrorState.FAILED, error=exc.message)
            report.failed += 1
            report.errors.append(f"{community.name}: {exc.message}")


def reconcile(store: Store, service: BookmarkService, reminder: Reminder, *, now: dt.datetime) -> None:
    """Make the server hold what this reminder says it should (see the module doc)."""
    if reminder.kind is not Kind.TOPIC or reminder.topic_id is None:
        _set(store, reminder.id, state=None)
        return
    wanted = reminder.mirror and reminder.active
    # Discourse refuses a reminder_at in the past: an overdue reminder is bookmarked without a time.
    at = reminder.due_at if reminder.due_at > now else None
    if wanted:
        _ensure(store, service, reminder, at)
    else:
        _remove(store, service, reminder)


def _ensure(store: Store, service: BookmarkService, reminder: Reminder, at: dt.datetime | None) -> None:
    assert reminder.topic_id is not None
    name = bookmark_name(reminder)
    if reminder.mirror_bookmark_id is not None:
        if _same_time(reminder.mirror_reminder_at, at):
            _set(store, reminder.id, state=MirrorState.SENT, expect=reminder)
            return
        try:
            _update(service, reminder.mirror_bookmark_id, reminder, name=name, at=at)
        except NotFound:  # deleted on the phone or the web: make it again
            _set(
                store, reminder.id, state=MirrorState.PENDING, bookmark_id=None, reminder_at=None, owned=True
            )
            fresh = get_reminder(store, reminder.id)
            assert fresh is not None
            _ensure(store, service, fresh, at)
            return
        _set(store, reminder.id, state=MirrorState.SENT, reminder_at=at, expect=reminder)
        return

    existing = None
    if reminder.mirror_state is MirrorState.SENDING or reminder.mirror_attempts > 0:
        existing = service.find(reminder.topic_id)  # a create may have landed: look before sending
    if existing is None:
        _mark_sending(store, reminder.id)
        try:
            bookmark_id = service.create(reminder.topic_id, name=name, reminder_at=at)
        except RequestRejected:
            # One bookmark per user and topic: a refusal may mean "it is already there" (worded in the
            # account's language, so we do not read the words: we look).
            existing = service.find(reminder.topic_id)
            if existing is None:
                raise
        else:
            _set(
                store,
                reminder.id,
                state=MirrorState.SENT,
                bookmark_id=bookmark_id,
                reminder_at=at,
                owned=True,
                expect=reminder,
            )
            return
    owned = existing.name == name
    if not _same_time(existing.reminder_at, at) or not owned:
        service.update(existing.id, name=name if owned else existing.name, reminder_at=at)
    _set(
        store,
        reminder.id,
        state=MirrorState.SENT,
        bookmark_id=existing.id,
        reminder_at=at,
        owned=owned,
        expect=reminder,
    )


def _remove(store: Store, service: BookmarkService, reminder: Reminder) -> None:
    assert reminder.topic_id is not None
    bookmark_id, owned = reminder.mirror_bookmark_id, reminder.mirror_owned
    if bookmark_id is None and (reminder.mirror_state is MirrorState.SENDING or reminder.mirror_attempts > 0):
        existing = service.find(reminder.topic_id)  # a create may have landed after all
        if existing is not None and existing.name == bookmark_name(reminder):
            bookmark_id, owned = existing.id, True
    if bookmark_id is not None:
        if owned:
            service.delete(bookmark_id)
        else:
            with contextlib.suppress(NotFound):  # gone already: nothing left to clear
                _update(service, bookmark_id, reminder, name=None, at=None)
    _set(
        store,
        reminder.id,
        state=MirrorState.SENT,
        bookmark_id=None,
        reminder_at=None,
        owned=True,
        expect=reminder,
    )


def _update(
    service: BookmarkService,
    bookmark_id: str,
    reminder: Reminder,
    *,
    name: str | None,
    at: dt.datetime | None,
) -> None:
    """PUT a new time; a bookmark that is not ours keeps its own name (a PUT without one would clear it)."""
    if reminder.mirror_owned and name is not None:
        service.update(bookmark_id, name=name, reminder_at=at)
        return
    assert reminder.topic_id is not None
    existing = service.find(reminder.topic_id)
    if existing is None or existing.id != bookmark_id:
        raise NotFound()
    service.update(bookmark_id, name=existing.name, reminder_at=at)


def _same_time(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    return to_ts(a) == to_ts(b)


def _mark_sending(store: Store, reminder_id: int) -> None:
    with store.write() as db:
        db.execute(
            "UPDATE reminders SET mirror_state='sending', mirror_attempts = mirror_attempts + 1 WHERE id=?",
            (reminder_id,),
        )


_UNSET: Any = object()


def _set(
    store: Store,
    reminder_id: int,
    *,
    state: MirrorState | None,
    error: str | None = None,
    bookmark_id: str | None = _UNSET,
    reminder_at: dt.datetime | None = _UNSET,
    owned: bool = _UNSET,
    expect: Reminder | None = None,
) -> None:
    """Record what the server holds. ``expect``: the reminder as it was when the request was decided;
    if the user changed it meanwhile (snoozed it while the PUT was on its way), the row stays pending,
    so the next flush sends the newer time."""
    values: list[Any] = []
    if state is MirrorState.SENT and expect is not None:
        columns = [
            "mirror_state = CASE WHEN due_at=? AND state=? AND mirror=? THEN 'sent' ELSE 'pending' END"
        ]
        values += [to_ts(expect.due_at), str(expect.state), int(expect.mirror)]
    else:
        columns = ["mirror_state=?"]
        values.append(None if state is None else str(state))
    columns.append("mirror_error=?")
    values.append(error)
    if bookmark_id is not _UNSET:
        columns.append("mirror_bookmark_id=?")
        values.append(bookmark_id)
    if reminder_at is not _UNSET:
        columns.append("mirror_reminder_at=?")
        values.append(to_ts(reminder_at))
    if owned is not _UNSET:
        columns.append("mirror_owned=?")
        values.append(int(owned))
    if state is MirrorState.SENT:
        columns.append("mirror_attempts=0")
    with store.write() as db:
        db.execute(f"UPDATE reminders SET {', '.join(columns)} WHERE id=?", [*values, reminder_id])
