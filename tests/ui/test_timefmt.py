"""One locale-aware date style across the app: no numeric 11/30/26 beside "Mon 7 Dec" and "2 d ago"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale

from moderator.model import UTC
from ui import timefmt
from ui.reminders_view import wall_text

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 12, 6, 11, 0, tzinfo=UTC)


@pytest.fixture
def locale(request: pytest.FixtureRequest) -> Iterator[QLocale]:
    previous = QLocale()
    chosen = QLocale(request.param)
    QLocale.setDefault(chosen)
    yield chosen
    QLocale.setDefault(previous)


@pytest.mark.parametrize(
    ("locale", "past", "other_year", "ahead"),
    [
        ("en_US", "Nov 13", "Nov 13, 2025", "Mon, Dec 14 9:00\u202fAM"),
        ("fr_FR", "13 nov.", "13 nov. 2025", "lun. 14 déc. 09:00"),
    ],
    indirect=["locale"],
)
def test_dates_read_the_same_way_everywhere(locale: QLocale, past: str, other_year: str, ahead: str) -> None:
    assert timefmt.ago(NOW - dt.timedelta(days=23), NOW) == past
    assert timefmt.local_date(NOW - dt.timedelta(days=23), NOW) == past
    assert timefmt.local_date(NOW - dt.timedelta(days=388), NOW) == other_year
    later = wall_text(dt.datetime(2026, 12, 14, 8, 0, tzinfo=UTC), NOW, PARIS)
    assert later.replace("\u202f", " ") == ahead.replace("\u202f", " ")  # Qt may use a narrow space before AM
    for text in (past, other_year):
        assert "/" not in text


@pytest.mark.parametrize("locale", ["en_US"], indirect=True)
def test_recent_is_relative(locale: QLocale) -> None:
    assert timefmt.ago(NOW - dt.timedelta(days=2), NOW) == "2 d ago"
    assert "/" not in timefmt.short_datetime(NOW - dt.timedelta(days=40))
