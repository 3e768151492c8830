""""Send later" quick picks, in the user's local wall time (see ``moderator.quickpicks``).

- *Next working morning*: the next Monday-to-Friday day at 9:00 (today, if it is a working day before 9);
- *Tuesday 9:00*: the coming Tuesday at 9:00 (the animators' favourite: people read on Tuesday mornings);
- *Tomorrow 9:00* and *Monday 9:00*;
- anything else through ``quickpicks.parse_when`` (``2026-03-29 09:00``, ``17:30``...).
"""

from __future__ import annotations

import datetime as dt
import enum

from moderator.quickpicks import DEFAULT_HOUR, WhenError, parse_when, wall_time


class SendPick(enum.StrEnum):
    NEXT_WORKING_MORNING = "next-working-morning"
    TOMORROW_MORNING = "tomorrow-morning"
    TUESDAY_MORNING = "tuesday-morning"
    MONDAY_MORNING = "monday-morning"


def _next_weekday(now: dt.datetime, zone: dt.tzinfo, weekday: int) -> dt.datetime:
    """The coming ``weekday`` at 9:00 local, today included when 9:00 is still ahead."""
    local = now.astimezone(zone)
    for offset in range(8):
        day = local.date() + dt.timedelta(days=offset)
        if day.weekday() == weekday:
            when = wall_time(day, dt.time(DEFAULT_HOUR), zone)
            if when > now:
                return when
    raise AssertionError("unreachable: a weekday comes within 8 days")


def resolve(pick: SendPick | str, now: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    pick = SendPick(pick)
    if pick is SendPick.TUESDAY_MORNING:
        return _next_weekday(now, zone, 1)
    if pick is SendPick.MONDAY_MORNING:
        return _next_weekday(now, zone, 0)
    local = now.astimezone(zone)
    if pick is SendPick.TOMORROW_MORNING:
        return wall_time(local.date() + dt.timedelta(days=1), dt.time(DEFAULT_HOUR), zone)
    for offset in range(8):  # next working morning
        day = local.date() + dt.timedelta(days=offset)
        if day.weekday() < 5:
            when = wall_time(day, dt.time(DEFAULT_HOUR), zone)
            if when > now:
                return when
    raise AssertionError("unreachable: a working day comes within 8 days")


def picks(now: dt.datetime, zone: dt.tzinfo) -> list[tuple[SendPick, dt.datetime]]:
    """Every pick with its instant, in the order a menu shows them, without duplicates of one instant
    (on a Monday evening, "next working morning" and "tomorrow" are the same Tuesday 9:00)."""
    out: list[tuple[SendPick, dt.datetime]] = []
    for pick in SendPick:
        when = resolve(pick, now, zone)
        if all(when != seen for _p, seen in out):
            out.append((pick, when))
    return out


def parse_send_at(text: str, now: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """What ``--at`` accepts for sending: a pick word above, or what ``parse_when`` reads; never the past."""
    word = text.strip().lower().replace("_", "-").replace(" ", "-")
    if word in {p.value for p in SendPick}:
        return resolve(word, now, zone)
    when = parse_when(text, now, zone)
    if when <= now:
        raise WhenError("That time has passed: give a time to come, or leave --at out to send now.")
    return when


def local_zone_name() -> str:
    """This computer's IANA zone name (what a recurring series is kept in), else "UTC"."""
    import os
    from pathlib import Path

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            target = str(Path("/etc/localtime").resolve())
        except OSError:
            target = ""
        name = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
    return name or "UTC"
