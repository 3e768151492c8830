"""What is planned, on one timeline: scheduled outbox items, upcoming recurring posts, reminders.

``timeline`` gives the entries in time order for the Planned view and ``planned list``; ``export_ics``
writes them with the open reminders as one iCalendar file (the reminders' events are
``moderator.ics``'s own, so their UIDs stay stable across exports).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable
from pathlib import Path

from moderator.outbox import UNSENT_STATES, OutboxItem, State, list_items
from moderator.reminders import ACTIVE_STATES, list_reminders
from moderator.schedule.series import list_series
from moderator.store import Store, to_ts

EVENT_MINUTES = 15


class EntryKind(enum.StrEnum):
    SCHEDULED = "scheduled"  # an outbox item waiting for its time (topic, reply, private message)
    AWAITING_APPROVAL = "awaiting_approval"  # a recurring post prepared, to approve
    UPCOMING = "upcoming"  # a recurring post not prepared yet
    REMINDER = "reminder"


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    when: dt.datetime
    kind: EntryKind
    community_id: int
    title: str
    outbox_id: int | None = None
    series_id: int | None = None
    reminder_id: int | None = None
    late: bool = False  # its time has passed and it has not gone out yet


def timeline(
    store: Store,
    *,
    now: dt.datetime,
    horizon: dt.timedelta = dt.timedelta(days=35),
    community_ids: Iterable[int] | None = None,
) -> list[Entry]:
    """Everything planned until ``now + horizon``, in time order (late items first)."""
    ids = None if community_ids is None else list(community_ids)
    end = now + horizon
    entries: list[Entry] = []
    prepared: set[tuple[int, int]] = set()
    for item in list_items(store, states=UNSENT_STATES, community_ids=ids):
        if item.not_before is None:
            continue
        if item.series_id is not None:
            prepared.add((item.series_id, int(item.not_before.timestamp())))
        if item.not_before > end:
            continue
        kind = EntryKind.AWAITING_APPROVAL if item.state == State.HELD and item.series_id else EntryKind.SCHEDULED
        entries.append(
            Entry(item.not_before, kind, item.community_id, _title(item), outbox_id=item.id,
                  series_id=item.series_id, late=item.not_before <= now)
        )
    for series in list_series(store, ids):
        if not series.active:
            continue
        for when in series.rule.occurrences(now, end, series.tz):
            if (series.id, to_ts(when)) in prepared:
                continue
            entries.append(Entry(when, EntryKind.UPCOMING, series.community_id, series.name, series_id=series.id))
    for reminder in list_reminders(store, community_ids=ids, states=ACTIVE_STATES):
        if reminder.due_at <= end:
            entries.append(
                Entry(reminder.due_at, EntryKind.REMINDER, reminder.community_id, reminder.summary(),
                      reminder_id=reminder.id, late=reminder.due_at <= now)
            )
    entries.sort(key=lambda e: (e.when, e.kind.value, e.title))
    return entries


def _title(item: OutboxItem) -> str:
    if item.is_new_topic:
        return item.new_topic_title or ""
    return item.topic_title or item.body.splitlines()[0][:80]


def export_ics(
    store: Store,
    path: str | Path,
    *,
    now: dt.datetime,
    community_ids: Iterable[int] | None = None,
    horizon: dt.timedelta = dt.timedelta(days=90),
) -> int:
    """The reminders' calendar plus one event per scheduled or upcoming post; returns the event count."""
    from icalendar import Event  # here, not at the top: the Planned view imports this module at start

    from moderator.ics import build_calendar

    calendar = build_calendar(store, now=now, community_ids=community_ids)
    names = {c.id: c.title or c.name for c in store.communities()}
    for entry in timeline(store, now=now, horizon=horizon, community_ids=community_ids):
        if entry.kind is EntryKind.REMINDER:
            continue  # already there, as moderator.ics writes them
        event = Event()
        key = f"outbox-{entry.outbox_id}" if entry.outbox_id else f"series-{entry.series_id}-{to_ts(entry.when)}"
        event.add("uid", f"{key}@community-moderator")
        event.add("dtstamp", now)
        event.add("dtstart", entry.when)
        event.add("duration", dt.timedelta(minutes=EVENT_MINUTES))
        prefix = {"scheduled": "Planned post", "awaiting_approval": "To approve", "upcoming": "Recurring post"}
        event.add("summary", f"{prefix[entry.kind.value]}: {entry.title} · {names.get(entry.community_id, '')}")
        event.add("categories", [names.get(entry.community_id, "")])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    target = Path(path)
    temporary = target.with_name(target.name + ".part")
    temporary.write_bytes(calendar.to_ical())
    temporary.replace(target)
    return len(calendar.walk("VEVENT"))
