"""Quick picks in local wall time, across DST changes, with the zone pinned (never the machine's)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from moderator import quickpicks
from moderator.model import UTC
from moderator.quickpicks import QuickPick, WhenError, parse_when

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS).astimezone(UTC)


# -- the DST cases of the issue ----------------------------------------------------------------------


def test_tomorrow_on_spring_forward_day_is_nine_local_seven_utc() -> None:
    # 2026-03-29: Paris goes from CET (+1) to CEST (+2) at 02:00.
    now = paris(2026, 3, 28, 21, 30)
    assert quickpicks.tomorrow(now, PARIS) == dt.datetime(2026, 3, 29, 7, 0, tzinfo=UTC)


def test_tomorrow_on_fall_back_day_is_nine_local_eight_utc() -> None:
    # 2026-10-25: Paris goes from CEST (+2) back to CET (+1) at 03:00.
    now = paris(2026, 10, 24, 21, 30)
    assert quickpicks.tomorrow(now, PARIS) == dt.datetime(2026, 10, 25, 8, 0, tzinfo=UTC)


def test_tomorrow_set_after_midnight_utc_but_before_local_midnight() -> None:
    # 23:30 in Paris on the 28th is already 22:30 UTC; "tomorrow" is the local tomorrow, the 29th.
    now = paris(2026, 3, 28, 23, 30)
    assert quickpicks.tomorrow(now, PARIS) == dt.datetime(2026, 3, 29, 7, 0, tzinfo=UTC)


def test_in_a_week_keeps_the_wall_clock_across_dst() -> None:
    now = paris(2026, 3, 25, 14, 0)  # CET
    result = quickpicks.in_a_week(now, PARIS)
    assert result.astimezone(PARIS).replace(tzinfo=None) == dt.datetime(2026, 4, 1, 14, 0)
    assert result - now == dt.timedelta(days=7, hours=-1)  # 167 real hours, not 168


def test_in_a_week_is_on_the_hour() -> None:
    now = paris(2026, 12, 2, 14, 37, 12)
    assert quickpicks.in_a_week(now, PARIS).astimezone(PARIS).replace(tzinfo=None) == dt.datetime(
        2026, 12, 9, 14, 0
    )


def test_next_monday_across_fall_back() -> None:
    now = paris(2026, 10, 22, 18, 0)  # a Thursday in CEST
    assert quickpicks.next_monday(now, PARIS) == dt.datetime(2026, 10, 26, 8, 0, tzinfo=UTC)  # 9:00 CET


def test_next_monday_on_a_monday_is_a_week_later() -> None:
    now = paris(2026, 11, 23, 8, 0)  # Monday
    assert quickpicks.next_monday(now, PARIS).astimezone(PARIS).date() == dt.date(2026, 11, 30)


def test_next_monday_on_a_sunday_is_not_tomorrow_again() -> None:
    now = paris(2026, 12, 6, 12, 52)  # Sunday: tomorrow is a Monday already
    assert quickpicks.next_monday(now, PARIS).astimezone(PARIS).replace(tzinfo=None) == dt.datetime(
        2026, 12, 14, 9, 0
    )


@pytest.mark.parametrize("day", range(1, 8))  # Tuesday 2026-12-01 .. Monday 2026-12-07
def test_the_quick_picks_never_coincide(day: int) -> None:
    now = paris(2026, 12, day, 12, 52)
    times = [when for _pick, when in quickpicks.available(now, PARIS) if when is not None]
    assert len(times) == len(set(times))


def test_other_zone_other_rules() -> None:
    # New York changes on 2026-03-08; Paris three weeks later: the zone passed in decides.
    now = dt.datetime(2026, 3, 7, 20, 0, tzinfo=NEW_YORK)
    assert quickpicks.tomorrow(now, NEW_YORK) == dt.datetime(2026, 3, 8, 13, 0, tzinfo=UTC)  # EDT -4


# -- later today -----------------------------------------------------------------------------------


def test_later_today_is_about_three_hours_on_the_hour() -> None:
    now = paris(2026, 11, 27, 10, 40)
    assert quickpicks.later_today(now, PARIS) == paris(2026, 11, 27, 13, 0)


def test_later_today_is_not_offered_late_in_the_evening() -> None:
    now = paris(2026, 11, 27, 21, 5)
    assert quickpicks.later_today(now, PARIS) is None
    assert dict(quickpicks.available(now, PARIS))[QuickPick.LATER_TODAY] is None
    with pytest.raises(WhenError, match="too late"):
        parse_when("later-today", now, PARIS)


def test_later_today_through_the_spring_gap() -> None:
    # 00:30 CET + 3 real hours = 04:30 CEST (the 02:00-03:00 hour does not exist).
    now = paris(2026, 3, 29, 0, 30)
    assert quickpicks.later_today(now, PARIS) == paris(2026, 3, 29, 4, 0)


# -- wall times that do not exist or exist twice -------------------------------------------------------


def test_a_time_in_the_spring_gap_moves_forward() -> None:
    result = quickpicks.wall_time(dt.date(2026, 3, 29), dt.time(2, 30), PARIS)
    assert result == dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # = 03:30 CEST
    assert result.astimezone(PARIS).hour == 3


def test_a_repeated_autumn_time_takes_the_first() -> None:
    result = quickpicks.wall_time(dt.date(2026, 10, 25), dt.time(2, 30), PARIS)
    assert result == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST, the first one


# -- parse_when (the CLI's --at) --------------------------------------------------------------------


NOW = paris(2026, 11, 27, 10, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", paris(2026, 11, 28, 9, 0)),
        ("next-monday", paris(2026, 11, 30, 9, 0)),
        ("in-a-week", paris(2026, 12, 4, 10, 0)),
        ("later-today", paris(2026, 11, 27, 13, 0)),
        ("Tomorrow", paris(2026, 11, 28, 9, 0)),
        ("2026-12-01T09:30", paris(2026, 12, 1, 9, 30)),
        ("2026-12-01 09:30", paris(2026, 12, 1, 9, 30)),
        ("2026-12-01", paris(2026, 12, 1, 9, 0)),
        ("2026-12-01T09:30+00:00", dt.datetime(2026, 12, 1, 9, 30, tzinfo=UTC)),
        ("2026-12-01T09:30Z", dt.datetime(2026, 12, 1, 9, 30, tzinfo=UTC)),
        ("17:30", paris(2026, 11, 27, 17, 30)),
        ("8h15", paris(2026, 11, 28, 8, 15)),  # already past today: tomorrow
    ],
)
def test_parse_when(text: str, expected: dt.datetime) -> None:
    assert parse_when(text, NOW, PARIS) == expected


def test_parse_when_local_iso_on_a_dst_day() -> None:
    assert parse_when("2026-03-29T09:00", paris(2026, 3, 28, 20, 0), PARIS) == dt.datetime(
        2026, 3, 29, 7, 0, tzinfo=UTC
    )


@pytest.mark.parametrize("text", ["soon", "2026-13-01", "25:00", ""])
def test_parse_when_refuses_with_a_hint(text: str) -> None:
    with pytest.raises(WhenError):
        parse_when(text, NOW, PARIS)


def test_parse_when_refuses_the_past() -> None:
    with pytest.raises(WhenError, match="already past"):
        parse_when("2026-11-01T09:00", NOW, PARIS)
    assert parse_when("2026-11-01T09:00", NOW, PARIS, allow_past=True) == paris(2026, 11, 1, 9, 0)
