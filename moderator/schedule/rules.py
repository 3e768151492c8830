"""When a recurring prompt comes back: "weekly MON 09:00", "monthly 1 09:00", "monthly first MON 09:00".

Occurrences are local wall times in the series' IANA zone, turned into UTC instants by
``quickpicks.wall_time``: "every Monday at 9:00" stays 9:00 on the kitchen clock across daylight-saving
changes (a skipped hour moves forward by the gap, a repeated hour takes its first occurrence).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from moderator.model import UTC
from moderator.quickpicks import wall_time

DAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
ORDINALS = ("first", "second", "third", "fourth", "last")


class RuleError(ValueError):
    """A rule that cannot be read; the message shows the accepted forms."""


class Kind(enum.StrEnum):
    WEEKLY = "weekly"  # every <weekday>
    MONTHLY = "monthly"  # the <day>th of every month (1-28)
    MONTHLY_WEEKDAY = "monthly-weekday"  # the first/second/third/fourth/last <weekday> of every month


FORMS = "'weekly MON 09:00', 'monthly 1 09:00' or 'monthly first MON 09:00'"


@dataclasses.dataclass(frozen=True, slots=True)
class Rule:
    kind: Kind
    at: dt.time
    weekday: int = 0  # 0 Monday .. 6 Sunday
    day: int = 1  # day of the month, 1 to 28 (every month has it)
    nth: int = 1  # 1..4, or 5 for the last

    def text(self) -> str:
        """The stored form, which ``parse`` reads back."""
        clock = self.at.strftime("%H:%M")
        if self.kind is Kind.WEEKLY:
            return f"weekly {DAYS[self.weekday]} {clock}"
        if self.kind is Kind.MONTHLY:
            return f"monthly {self.day} {clock}"
        return f"monthly {ORDINALS[self.nth - 1]} {DAYS[self.weekday]} {clock}"

    @classmethod
    def parse(cls, text: str) -> Rule:
        words = text.strip().split()
        if len(words) < 3:
            raise RuleError(f"A rule reads like {FORMS}.")
        at = _clock(words[-1])
        head = [w.lower() for w in words[:-1]]
        if head[0] == "weekly" and len(head) == 2:
            return cls(Kind.WEEKLY, at, weekday=_weekday(head[1]))
        if head[0] == "monthly" and len(head) == 2:
            if not head[1].isdigit() or not 1 <= int(head[1]) <= 28:
                raise RuleError("A monthly day is 1 to 28 (every month has it); for the end, say 'monthly last FRI'.")
            return cls(Kind.MONTHLY, at, day=int(head[1]))
        if head[0] == "monthly" and len(head) == 3 and head[1] in ORDINALS:
            return cls(Kind.MONTHLY_WEEKDAY, at, weekday=_weekday(head[2]), nth=ORDINALS.index(head[1]) + 1)
        raise RuleError(f"A rule reads like {FORMS}.")

    def matches(self, day: dt.date) -> bool:
        if self.kind is Kind.WEEKLY:
            return day.weekday() == self.weekday
        if self.kind is Kind.MONTHLY:
            return day.day == self.day
        if day.weekday() != self.weekday:
            return False
        if self.nth == 5:  # the last one: a week later is next month
            return (day + dt.timedelta(days=7)).month != day.month
        return (day.day - 1) // 7 + 1 == self.nth

    def next_after(self, after: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
        """The first occurrence strictly after ``after`` (aware), as a UTC instant."""
        day = after.astimezone(zone).date()
        for _ in range(400):
            if self.matches(day):
                when = wall_time(day, self.at, zone)
                if when > after:
                    return when
            day += dt.timedelta(days=1)
        raise RuleError("This rule has no occurrence within a year.")  # cannot happen with valid rules

    def occurrences(self, start: dt.datetime, end: dt.datetime, zone: dt.tzinfo) -> list[dt.datetime]:
        """Every occurrence in (start, end], oldest first."""
        out = []
        when = self.next_after(start, zone)
        while when <= end:
            out.append(when)
            when = self.next_after(when, zone)
        return out


def _clock(text: str) -> dt.time:
    try:
        hours, minutes = text.replace("h", ":").split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise RuleError(f"The time of day reads like 09:00, not {text!r}.") from None


def _weekday(text: str) -> int:
    key = text.upper()[:3]
    if key not in DAYS:
        raise RuleError(f"A weekday is one of {', '.join(DAYS)}, not {text!r}.")
    return DAYS.index(key)


__all__ = ["DAYS", "FORMS", "Kind", "Rule", "RuleError", "UTC"]
