"""Export open reminders as an iCalendar file, so they show up in the user's calendar and on the phone.

Why VEVENT (and not VTODO): every calendar app imports events, while many ignore to-dos. Each event is
a short, "free" (TRANSPARENT) slot at the due time with a display alarm at the start. Times are written
in UTC (``...Z``): the calendar shows them in whatever zone the phone is in, DST included.

The UID is stable per reminder (its id plus its creation time, so a rebuilt database does not collide
with an old export): importing a newer export updates the same events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from moderator import __version__
from moderator.links import topic_url
from moderator.model import Community
from moderator.reminders import (
    ACTIVE_STATES,
    CONDITION_LABELS,
    QT_TRANSLATE_NOOP,
    TR_CONTEXT,
    Kind,
    Reminder,
    Translate,
    list_reminders,
    nudge_draft_text,
)
from moderator.store import Store, to_ts

PRODID = f"-//Community Moderator//Reminders {__version__}//EN"
EVENT_MINUTES = 15
UrlFor = Callable[[Reminder], str | None]


def reminder_uid(reminder: Reminder) -> str:
    return f"reminder-{reminder.id}-{to_ts(reminder.created_at)}@community-moderator"


def build_calendar(
    store: Store,
    *,
    now: dt.datetime,
    community_ids: Iterable[int] | None = None,
    url_for: UrlFor | None = None,
    tr: Translate = lambda s: s,
) -> Calendar:
    """A calendar holding one event per open (or snoozed) reminder."""
    communities = {c.id: c for c in store.communities()}
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", tr(QT_TRANSLATE_NOOP(TR_CONTEXT, "Community Moderator reminders")))
    for reminder in list_reminders(store, community_ids=community_ids, states=ACTIVE_STATES):
        community = communities.get(reminder.community_id)
        if community is None:
            continue
        url = url_for(reminder) if url_for else _default_url(store, community, reminder)
        calendar.add_component(_event(store, reminder, community, url, now=now, tr=tr))
    return calendar


def _default_url(store: Store, community: Community, reminder: Reminder) -> str | None:
    if reminder.kind is not Kind.TOPIC or reminder.topic_id is None:
        return None
    topic = store.topic(reminder.community_id, reminder.topic_id)
    return topic_url(community, reminder.topic_id, topic.slug if topic else "")


def _event(
    store: Store,
    reminder: Reminder,
    community: Community,
    url: str | None,
    *,
    now: dt.datetime,
    tr: Translate,
) -> Event:
    summary = f"{reminder.summary(tr)} · {community.title or community.name}"
    lines: list[str] = []
    if url:
        lines.append(url)
    if reminder.condition is not None:
        lines.append(
            tr(QT_TRANSLATE_NOOP(TR_CONTEXT, "Only if it still holds: {condition}")).format(
                condition=tr(CONDITION_LABELS[reminder.condition])
            )
        )
    if reminder.kind is Kind.MEMBER:
        lines.append(tr(QT_TRANSLATE_NOOP(TR_CONTEXT, "Suggested message:")))
        lines.append(nudge_draft_text(store, community, reminder.username))
    if reminder.kind is not Kind.NOTE and reminder.note:
        lines.append(reminder.note)

    event = Event()
    event.add("uid", reminder_uid(reminder))
    event.add("dtstamp", now)
    event.add("created", reminder.created_at)
    event.add("dtstart", reminder.due_at)
    event.add("duration", dt.timedelta(minutes=EVENT_MINUTES))
    event.add("summary", summary)
    event.add("description", "\n".join(lines))
    event.add("categories", [community.title or community.name])
    event.add("transp", "TRANSPARENT")
    event.add("status", "CONFIRMED")
    if url:
        event.add("url", url)

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(0))
    alarm.add("description", summary)
    event.add_component(alarm)
    return event


def export_ics(
    store: Store,
    path: str | Path,
    *,
    now: dt.datetime,
    community_ids: Iterable[int] | None = None,
    url_for: UrlFor | None = None,
    tr: Translate = lambda s: s,
) -> int:
    """Write the calendar to ``path`` (atomically: a temporary file renamed); returns the event count."""
    calendar = build_calendar(store, now=now, community_ids=community_ids, url_for=url_for, tr=tr)
    target = Path(path)
    temporary = target.with_name(target.name + ".part")
    temporary.write_bytes(calendar.to_ical())
    temporary.replace(target)
    return len(calendar.walk("VEVENT"))
