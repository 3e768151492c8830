"""Recurring prompts: a question of the week, a monthly welcome thread, from a template.

Each occurrence is prepared ``lead_hours`` ahead (a day by default) as a new topic in the outbox:
held for the user's approval, or queued for its time when the series sends automatically. Exactly one
item per occurrence, however often ``prepare_due`` runs and from however many processes: the
``series_occurrences`` row (key: series and instant) and the item are written in one transaction.

Placeholders, filled when the occurrence is prepared:

``{date}``              the occurrence's local date, in the series' language ("lundi 7 décembre 2026")
``{week}``              its ISO week number
``{month}``             its month's name ("décembre")
``{community}``         the community's title
``{newcomers}``         @mentions of the members who joined this calendar month (up to 30)
``{oldest_unanswered}`` the three oldest unanswered questions, as a Markdown list of links
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import zoneinfo
from collections.abc import Iterable, Mapping

from moderator.model import utcnow
from moderator.outbox import OutboxItem
from moderator.schedule.rules import Rule
from moderator.schedule.topics import check_title, queue_topic
from moderator.store import Store, from_ts, to_ts

PLACEHOLDERS = ("date", "week", "month", "community", "newcomers", "oldest_unanswered")
LATE_WINDOW = dt.timedelta(days=1)  # an occurrence missed by more than this (app closed) is not prepared
MAX_NEWCOMERS = 30

_DAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}


class SeriesError(ValueError):
    """A series that cannot be saved as it is; the message says what to change."""


@dataclasses.dataclass(frozen=True, slots=True)
class Series:
    id: int
    community_id: int
    name: str
    title: str
    body: str
    rule: Rule
    zone: str
    language: str = "en"
    category_id: str | None = None
    tags: tuple[str, ...] = ()
    auto_send: bool = False
    lead_hours: int = 24
    active: bool = True
    created_at: dt.datetime | None = None

    @property
    def tz(self) -> dt.tzinfo:
        return zoneinfo.ZoneInfo(self.zone)

    def upcoming(self, now: dt.datetime, count: int = 4) -> list[dt.datetime]:
        """The next ``count`` occurrences after ``now``."""
        out: list[dt.datetime] = []
        when = now
        for _ in range(count):
            when = self.rule.next_after(when, self.tz)
            out.append(when)
        return out


def _from_row(row: sqlite3.Row) -> Series:
    return Series(
        id=row["id"],
        community_id=row["community_id"],
        name=row["name"],
        title=row["title"],
        body=row["body"],
        rule=Rule.parse(row["rule"]),
        zone=row["zone"],
        language=row["language"],
        category_id=row["category_id"],
        tags=tuple(json.loads(row["tags"] or "[]")),
        auto_send=bool(row["auto_send"]),
        lead_hours=row["lead_hours"],
        active=bool(row["active"]),
        created_at=from_ts(row["created_at"]),
    )


def add_series(
    store: Store,
    *,
    community_id: int,
    name: str,
    title: str,
    body: str,
    rule: Rule | str,
    zone: str,
    language: str = "en",
    category_id: str | None = None,
    tags: Iterable[str] = (),
    auto_send: bool = False,
    lead_hours: int = 24,
    now: dt.datetime | None = None,
) -> Series:
    rule = Rule.parse(rule) if isinstance(rule, str) else rule
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SeriesError(f"Unknown time zone {zone!r}: use a name like Europe/Paris.") from None
    if not body.strip():
        raise SeriesError("The series needs a text for its posts.")
    check_title(fill(title, _sample_values(language)))  # the title must be usable once filled
    if not 1 <= lead_hours <= 24 * 14:
        raise SeriesError("Prepare each post between 1 hour and 14 days ahead.")
    with store.write() as db:
        cur = db.execute(
            "INSERT INTO series (community_id, name, category_id, title, body, tags, rule, zone, language,"
            " auto_send, lead_hours, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                community_id,
                name.strip() or title.strip(),
                category_id,
                title.strip(),
                body.strip(),
                json.dumps([t for t in tags if t.strip()]),
                rule.text(),
                zone,
                language if language in _DAYS else "en",
                int(auto_send),
                lead_hours,
                to_ts(now or utcnow()),
            ),
        )
        series_id = int(cur.lastrowid or 0)
    found = get_series(store, series_id)
    assert found is not None
    return found


def get_series(store: Store, series_id: int) -> Series | None:
    row = store.read().execute("SELECT * FROM series WHERE id=?", (series_id,)).fetchone()
    return None if row is None else _from_row(row)


def list_series(store: Store, community_ids: Iterable[int] | None = None) -> list[Series]:
    rows = store.read().execute("SELECT * FROM series ORDER BY community_id, name, id").fetchall()
    wanted = None if community_ids is None else set(community_ids)
    return [_from_row(r) for r in rows if wanted is None or r["community_id"] in wanted]


def set_active(store: Store, series_id: int, active: bool) -> None:
    with store.write() as db:
        db.execute("UPDATE series SET active=? WHERE id=?", (int(active), series_id))


def delete_series(store: Store, series_id: int) -> None:
    """Forget the series; posts it already prepared stay in the outbox (the user may still send them)."""
    with store.write() as db:
        db.execute("DELETE FROM series WHERE id=?", (series_id,))


# -- placeholders ------------------------------------------------------------------------------------


def fill(template: str, values: Mapping[str, str]) -> str:
    """``{name}`` replaced by its value; unknown names and lone braces are left as typed."""
    out = template
    for name, value in values.items():
        out = out.replace("{" + name + "}", value)
    return out


def _sample_values(language: str) -> dict[str, str]:
    return {name: "x" * 8 for name in PLACEHOLDERS}


def values_for(store: Store, series: Series, due: dt.datetime) -> dict[str, str]:
    """The placeholders' values for one occurrence (read from the local copy when it is prepared)."""
    from moderator.insights import unanswered_topics
    from moderator.links import topic_url

    local = due.astimezone(series.tz)
    language = series.language if series.language in _DAYS else "en"
    month = _MONTHS[language][local.month - 1]
    if language == "fr":
        date = f"{_DAYS['fr'][local.weekday()]} {local.day} {month} {local.year}"
    else:
        date = f"{_DAYS['en'][local.weekday()]} {local.day} {month} {local.year}"
    community = store.community(series.community_id)
    month_start = dt.datetime(local.year, local.month, 1, tzinfo=series.tz)
    rows = store.read().execute(
        "SELECT username FROM members WHERE community_id=? AND created_at >= ? AND created_at <= ?"
        " ORDER BY created_at LIMIT ?",
        (series.community_id, to_ts(month_start), to_ts(due), MAX_NEWCOMERS),
    ).fetchall()
    newcomers = " ".join(f"@{r[0]}" for r in rows)
    waiting = unanswered_topics(store, [series.community_id], now=due, limit=3) if community else []
    links = "\n".join(
        f"- [{row.title}]({topic_url(community, row.topic_id, row.slug)})" for row in waiting if community
    )
    return {
        "date": date,
        "week": str(local.isocalendar()[1]),
        "month": month,
        "community": (community.title or community.name) if community else "",
        "newcomers": newcomers,
        "oldest_unanswered": links,
    }


# -- preparing occurrences ---------------------------------------------------------------------------


def prepare_due(store: Store, *, now: dt.datetime | None = None) -> list[OutboxItem]:
    """Prepare every occurrence due within its series' lead time, exactly once; returns the new items.

    An occurrence missed by more than a day (the app was closed all that time) is not prepared: a
    "question of the week" a week late would do more harm than good.
    """
    moment = now or utcnow()
    made: list[OutboxItem] = []
    for series in list_series(store):
        if not series.active or series.created_at is None:
            continue
        start = max(series.created_at, moment - LATE_WINDOW)
        end = moment + dt.timedelta(hours=series.lead_hours)
        for due in series.rule.occurrences(start, end, series.tz):
            item = _prepare(store, series, due, moment)
            if item is not None:
                made.append(item)
    return made


def next_preparation(store: Store, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """When ``prepare_due`` next has something to prepare (the app sets a timer on it)."""
    moment = now or utcnow()
    times = [
        s.rule.next_after(moment, s.tz) - dt.timedelta(hours=s.lead_hours)
        for s in list_series(store)
        if s.active
    ]
    return max(min(times), moment) if times else None


def _prepare(store: Store, series: Series, due: dt.datetime, now: dt.datetime) -> OutboxItem | None:
    with store.write() as db:
        inserted = db.execute(
            "INSERT OR IGNORE INTO series_occurrences (series_id, due_at, prepared_at) VALUES (?,?,?)",
            (series.id, to_ts(due), to_ts(now)),
        ).rowcount
        if not inserted:
            return None  # prepared before (by this process or another)
        values = values_for(store, series, due)
        item = queue_topic(
            store,
            series.community_id,
            fill(series.title, values),
            fill(series.body, values),
            category_id=series.category_id,
            tags=series.tags,
            not_before=due,
            series_id=series.id,
            awaiting_approval=not series.auto_send,
            now=now,
        )
        db.execute(
            "UPDATE series_occurrences SET outbox_id=? WHERE series_id=? AND due_at=?",
            (item.id, series.id, to_ts(due)),
        )
    return item
