"""Dates as people read them: one style everywhere, the exact local time in tooltips.

The store keeps UTC; conversion to local time happens only here, at display time, with the user's
locale (QLocale). The one style: within a week "3 h ago" / "2 d ago" (or "Today 14:00", "Tomorrow
09:00" for what is ahead), beyond it the day with its short month name, in the locale's order:
"Mon, Nov 30" in American English, "lun. 30 nov." in French, the year only when it is not this one.
Never a numeric "11/30/26", which reads differently on each side of the Atlantic.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from moderator.model import UTC

translate = QCoreApplication.translate


def to_qdatetime(when: dt.datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(when.timestamp())).toLocalTime()


def ago(when: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """How long ago, short: "just now", "5 min ago", "3 h ago", "2 d ago", then the local date."""
    if when is None:
        return ""
    now = now or dt.datetime.now(UTC)
    seconds = int((now - when).total_seconds())
    if seconds < 60:
        return translate("timefmt", "just now")
    minutes = seconds // 60
    if minutes < 60:
        return translate("timefmt", "%n min ago", None, minutes)
    hours = minutes // 60
    if hours < 24:
        return translate("timefmt", "%n h ago", None, hours)
    days = hours // 24
    if days < 7:
        return translate("timefmt", "%n d ago", None, days)
    return local_date(when, now)


def day_pattern(locale: QLocale | None = None, *, weekday: bool = True, year: bool = False) -> str:
    """A date pattern with the short month name, day and month in the order the locale writes them."""
    locale = locale or QLocale()
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    month_first = short.find("M") < short.find("d")
    if month_first:
        core = "MMM d" + (", yyyy" if year else "")
        return f"ddd, {core}" if weekday else core
    core = "d MMM" + (" yyyy" if year else "")
    return f"ddd {core}" if weekday else core


def day_text(day: dt.date, today: dt.date | None = None, *, weekday: bool = True) -> str:
    """A day in the app's one style ("Mon, Nov 30", "lun. 30 nov."), its year when not this year's."""
    today = today or dt.date.today()
    locale = QLocale()
    pattern = day_pattern(locale, weekday=weekday, year=day.year != today.year)
    return locale.toString(QDate(day.year, day.month, day.day), pattern)


def clock_text(hour: int, minute: int) -> str:
    return QLocale().toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)


def local_date(when: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """The local day of ``when`` in the app's one style (no weekday: a past date in a list)."""
    if when is None:
        return ""
    local = to_qdatetime(when).date()
    today = to_qdatetime(now).date() if now is not None else QDate.currentDate()
    return day_text(
        dt.date(local.year(), local.month(), local.day()),
        dt.date(today.year(), today.month(), today.day()),
        weekday=False,
    )


def exact(when: dt.datetime | None) -> str:
    """The exact local date and time, for tooltips."""
    if when is None:
        return ""
    return QLocale().toString(to_qdatetime(when), QLocale.FormatType.LongFormat)


def short_datetime(when: dt.datetime | None) -> str:
    """Local date and time, short (reading pane headers), in the app's one style."""
    if when is None:
        return ""
    local = to_qdatetime(when)
    date, time = local.date(), local.time()
    day = day_text(dt.date(date.year(), date.month(), date.day()), weekday=False)
    return f"{day} {clock_text(time.hour(), time.minute())}"
