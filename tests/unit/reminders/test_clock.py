"""The injectable clock and the local zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from moderator import clock
from moderator.clock import Clock, FakeClock, SystemClock
from moderator.model import UTC


def test_fake_clock_moves_only_when_told() -> None:
    fake = FakeClock(dt.datetime(2026, 1, 1, 12, tzinfo=UTC))
    assert isinstance(fake, Clock)
    assert fake.now() == dt.datetime(2026, 1, 1, 12, tzinfo=UTC)
    fake.advance(minutes=5)
    assert fake.now() == dt.datetime(2026, 1, 1, 12, 5, tzinfo=UTC)
    fake.advance(dt.timedelta(days=1))
    fake.set(dt.datetime(2026, 6, 1, 14, tzinfo=ZoneInfo("Europe/Paris")))
    assert fake.now() == dt.datetime(2026, 6, 1, 12, tzinfo=UTC)
    assert fake.now().tzinfo is UTC


def test_fake_clock_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="aware"):
        FakeClock(dt.datetime(2026, 1, 1))


def test_system_clock_is_aware_utc() -> None:
    now = SystemClock().now()
    assert now.tzinfo is UTC
    assert abs((now - dt.datetime.now(UTC)).total_seconds()) < 5


def test_local_zone_from_tz_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    assert clock.local_zone() == ZoneInfo("Europe/Paris")
    monkeypatch.setenv("TZ", ":/usr/share/zoneinfo/America/New_York")
    assert clock.local_zone() == ZoneInfo("America/New_York")


def test_local_zone_override_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    clock.set_local_zone("Asia/Tokyo")
    try:
        assert clock.local_zone() == ZoneInfo("Asia/Tokyo")
    finally:
        clock.set_local_zone(None)
    assert clock.local_zone() == ZoneInfo("Europe/Paris")


def test_local_zone_always_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "No/Such_Zone")
    assert clock.local_zone().utcoffset(dt.datetime(2026, 1, 1)) is not None
