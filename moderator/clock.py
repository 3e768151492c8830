"""Time as the reminders see it: an injectable clock and the user's local time zone.

Why a clock object instead of ``datetime.now()``: reminders are all about "is it due yet?", and tests
must move time forward without sleeping. Every module that asks for the time takes a ``Clock``;
production passes ``SystemClock()``, tests a ``FakeClock`` they advance by hand.

Why ``local_zone()`` returns a ``zoneinfo.ZoneInfo`` when it can: quick picks ("tomorrow 9:00") are
wall-clock times, and only a real IANA zone knows the DST rules of tomorrow. ``datetime.astimezone()``
gives today's fixed offset, which is wrong one day in ~180. The GUI, which can ask Qt for the IANA id
(``QTimeZone.systemTimeZoneId()``), may pass it to ``set_local_zone`` on platforms where we cannot find
it ourselves (Windows).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from pathlib import Path
from typing import Protocol, runtime_checkable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from moderator.model import UTC

log = logging.getLogger(__name__)


@runtime_checkable
class Clock(Protocol):
    """Something that tells the time: an aware datetime in UTC."""

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The real time."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to (tests). Thread-safe, so a worker may read it."""

    def __init__(self, start: dt.datetime) -> None:
        self._lock = threading.Lock()
        self._now = _aware_utc(start)

    def now(self) -> dt.datetime:
        with self._lock:
            return self._now

    def set(self, when: dt.datetime) -> None:
        with self._lock:
            self._now = _aware_utc(when)

    def advance(self, delta: dt.timedelta | None = None, **kwargs: float) -> dt.datetime:
        """Move forward by ``delta`` or by ``timedelta(**kwargs)`` (``advance(minutes=5)``)."""
        step = delta if delta is not None else dt.timedelta(**kwargs)
        with self._lock:
            self._now = self._now + step
            return self._now


def _aware_utc(when: dt.datetime) -> dt.datetime:
    if when.tzinfo is None:
        raise ValueError("FakeClock needs an aware datetime (a naive one has no defined instant)")
    return when.astimezone(UTC)


# -- the local zone -------------------------------------------------------------------------------

_override: dt.tzinfo | None = None


def set_local_zone(zone: dt.tzinfo | str | None) -> None:
    """Force the zone used for quick picks and display (a setting, the GUI, tests); None: detect."""
    global _override
    _override = ZoneInfo(zone) if isinstance(zone, str) else zone


def local_zone() -> dt.tzinfo:
    """The user's time zone, as an IANA ``ZoneInfo`` whenever it can be found (see the module doc)."""
    if _override is not None:
        return _override
    name = _detect_zone_name()
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            log.debug("Time zone %r not found in the zone database", name)
    # Last resort: today's fixed offset. Correct until the next DST change; logged, because it is a
    # degraded mode the user would not otherwise notice.
    fallback = dt.datetime.now().astimezone().tzinfo
    log.info("No IANA time zone found; using a fixed offset (%s) for reminders", fallback)
    return fallback or UTC


def _detect_zone_name() -> str | None:
    tz = os.environ.get("TZ", "").strip()
    if tz:
        tz = tz.removeprefix(":")
        if tz.startswith("/"):  # TZ=/usr/share/zoneinfo/Europe/Paris
            return _name_from_path(Path(tz))
        return tz
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        name = _name_from_path(localtime.resolve())
        if name:
            return name
    timezone_file = Path("/etc/timezone")  # Debian's older convention
    if timezone_file.is_file():
        text = timezone_file.read_text(encoding="utf-8", errors="replace").strip()
        if text:
            return text
    return None


def _name_from_path(path: Path) -> str | None:
    parts = path.parts
    if "zoneinfo" in parts:
        return "/".join(parts[parts.index("zoneinfo") + 1 :]) or None
    return None
