"""Dates as people read them: "3 h ago" in lists, the exact local time in tooltips.

The store keeps UTC; conversion to local time happens only here, at display time, with the user's
locale (QLocale), so a French system reads "il y a 3 h" and "27/11/2026 14:05".
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

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
    return local_date(when)


def local_date(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    return QLocale().toString(to_qdatetime(when).date(), QLocale.FormatType.ShortFormat)


def exact(when: dt.datetime | None) -> str:
    """The exact local date and time, for tooltips."""
    if when is None:
        return ""
    return QLocale().toString(to_qdatetime(when), QLocale.FormatType.LongFormat)


def short_datetime(when: dt.datetime | None) -> str:
    """Local date and time, short (reading pane headers)."""
    if when is None:
        return ""
    return QLocale().toString(to_qdatetime(when), QLocale.FormatType.ShortFormat)
