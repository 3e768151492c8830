"""Quick picks ("later today", "tomorrow", "next Monday", "in a week") and parsing "when" from the CLI.

Why wall-clock arithmetic: "tomorrow 9:00" means nine o'clock on the user's kitchen clock tomorrow,
even when tomorrow is the day the clocks change. Adding 24 hours to a UTC instant would give 8:00 or
10:00 on those days. So every pick is computed as a local *date and time* in an IANA zone, then turned
into the UTC instant that the store keeps.

Every function takes ``now`` (aware) and ``zone`` explicitly: they are pure, and the tests pin the
zone (Europe/Paris) whatever the machine's is. Callers pass ``clock.now()`` and ``clock.local_zone()``.

Local times that do not exist (the hour skipped in spring) are moved forward by the gap; local times
that happen twice (the hour repeated in autumn) take the first occurrence. That is what ``zoneinfo``
does with ``fold=0`` and what calendar apps do.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

from moderator.model import UTC

DEFAULT_HOUR = 9  # "tomorrow" and "next Monday" mean the start of a working day
LATER_TODAY_HOURS = 3


class QuickPick(enum.StrEnum):
    """The picks offered as buttons and accepted by ``--at`` (the values are the CLI words)."""

    LATER_TODAY = "later-today"
    TOMORROW = "tomorrow"
    NEXT_MONDAY = "next-monday"
    IN_A_WEEK = "in-a-week"


class WhenError(ValueError):
    """A "when" the user typed that cannot be used; the message says what to type instead."""


def wall_time(day: dt.date, at: dt.time, zone: dt.tzinfo) -> dt.datetime:
    """The UTC instant of ``at`` o'clock on ``day`` in ``zone`` (see the module doc for gaps/folds)."""
    local = dt.datetime.combine(day, at.replace(tzinfo=None, fold=0)).replace(tzinfo=zone)
    return local.astimezone(UTC)


def _local(now: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(zone)


def later_today(now: dt.datetime, zone: dt.tzinfo) -> dt.datetime | None:
    """About three hours from now, on the hour; None once that would fall on another local day."""
    target = _local(now + dt.timedelta(hours=LATER_TODAY_HOURS), zone)
    target = target.replace(minute=0, second=0, microsecond=0)
    if target.date() != _local(now, zone).date():
        return None
    return target.astimezone(UTC)


def tomorrow(now: dt.datetime, zone: dt.tzinfo, *, hour: int = DEFAULT_HOUR) -> dt.datetime:
    """Tomorrow at ``hour``:00 local wall time, DST changes included."""
    day = _local(now, zone).date() + dt.timedelta(days=1)
    return wall_time(day, dt.time(hour), zone)


def next_monday(now: dt.datetime, zone: dt.tzinfo, *, hour: int = DEFAULT_HOUR) -> dt.datetime:
    """The next Monday at ``hour``:00 local that is not already offered as "tomorrow".

    A week ahead on a Monday; on a Sunday the Monday after tomorrow's (8 days): the coming Monday
    *is* tomorrow, and two picks that land on the same minute are one choice shown twice.
    """
    today = _local(now, zone).date()
    days = (7 - today.weekday()) % 7 or 7
    if days == 1:
        days = 8
    return wall_time(today + dt.timedelta(days=days), dt.time(hour), zone)


def in_a_week(now: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """Seven calendar days later, on the hour (14:37 gives 14:00): a time people book, like the others.

    Wall time, not 168 hours: a DST change keeps the clock reading.
    """
    local = _local(now, zone)
    return wall_time(local.date() + dt.timedelta(days=7), dt.time(local.hour), zone)


def resolve(pick: QuickPick | str, now: dt.datetime, zone: dt.tzinfo) -> dt.datetime | None:
    """The UTC instant of a quick pick, or None when it is not available now (late "later today")."""
    pick = QuickPick(pick)
    if pick is QuickPick.LATER_TODAY:
        return later_today(now, zone)
    if pick is QuickPick.TOMORROW:
        return tomorrow(now, zone)
    if pick is QuickPick.NEXT_MONDAY:
        return next_monday(now, zone)
    return in_a_week(now, zone)


def available(now: dt.datetime, zone: dt.tzinfo) -> list[tuple[QuickPick, dt.datetime | None]]:
    """Every pick with its instant (None: not offered right now), in the order the UI shows them."""
    return [(pick, resolve(pick, now, zone)) for pick in QuickPick]


_CLOCK_RE = re.compile(r"^(\d{1,2})[:h](\d{2})$")


def parse_when(text: str, now: dt.datetime, zone: dt.tzinfo, *, allow_past: bool = False) -> dt.datetime:
    """What the CLI's ``--at`` accepts, as a UTC instant.

    - a quick-pick word: ``later-today``, ``tomorrow``, ``next-monday``, ``in-a-week``;
    - an ISO date-time in local time: ``2026-03-29T09:00`` or ``2026-03-29 09:00`` (an explicit offset
      such as ``+02:00`` or ``Z`` is honoured); a date alone means 9:00 that day;
    - a clock time alone, ``17:30`` (or ``17h30``): the next time the clock reads that.
    """
    word = text.strip().lower().replace("_", "-").replace(" ", "-")
    if word in {p.value for p in QuickPick}:
        when = resolve(word, now, zone)
        if when is None:
            raise WhenError("It is too late for 'later-today'; use 'tomorrow' or a time such as 22:30.")
        return when
    raw = text.strip()
    if match := _CLOCK_RE.match(raw):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise WhenError(f"{raw!r} is not a time of day; use HH:MM, for example 17:30.")
        today = _local(now, zone).date()
        when = wall_time(today, dt.time(hour, minute), zone)
        if when <= now:
            when = wall_time(today + dt.timedelta(days=1), dt.time(hour, minute), zone)
        return when
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            when = wall_time(dt.date.fromisoformat(raw), dt.time(DEFAULT_HOUR), zone)
        else:
            parsed = dt.datetime.fromisoformat(raw)
            if parsed.tzinfo is None:
                when = wall_time(parsed.date(), parsed.time(), zone)
            else:
                when = parsed.astimezone(UTC)
    except ValueError:
        words = ", ".join(p.value for p in QuickPick)
        raise WhenError(
            f"Cannot read {raw!r} as a time. Use one of {words}, a local date and time such as"
            " 2026-12-01T09:30, or a time of day such as 17:30."
        ) from None
    if not allow_past and when <= now:
        raise WhenError(f"{raw} is already past; give a time in the future.")
    return when
