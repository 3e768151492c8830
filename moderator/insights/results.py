"""Results ("résultats"): did the animation work? The community's figures over weeks and months.

Everything is derived from the synced posts and the app's own records (outbox, triage log, reminders,
contacts), so it works offline and the history is the local copy's. Definitions:

*Time to first response* (per ISO week of the topic's creation, in the user's time zone)
    The topics of a week are the regular topics created that week that the Unanswered view could list:
    not private messages, not deleted, not unlisted, not pinned, not in an announcement category.
    A topic's first response is the first regular post (not a whisper, not hidden, not deleted) by
    anyone other than its author — the Unanswered view's default definition (``no_reply``). A topic
    whose posts are not in the local copy and whose counts say someone replied is *unknown* and left
    out of every figure but ``unknown``. ``median_hours`` and ``p90_hours`` are over the answered
    topics (the 90th percentile interpolates linearly between ranks, the "inclusive" method of
    ``statistics.quantiles``); ``within_share`` is the share of the known topics answered within the
    community's first threshold (24 h by default), whenever that happened.
*Publishers and silent members* (per calendar month)
    ``members``: members who had joined by the month's end (unknown join dates count as joined);
    ``publishers``: distinct authors of at least one regular post that month; ``first_time``: members
    whose first regular post in the local copy was that month; ``silent`` = members − publishers.
*Ideas answered by the team* (per month of the idea's creation)
    Ideas are the topics of the community's idea categories or tags (as in Trending ideas; every
    topic when none is declared). The team is the staff (admins and moderators, or a post flagged
    as staff), the ``team_usernames`` setting and the synced account; the idea's own author never
    answers it. ``median_hours`` is from the idea's creation to the team's first post.
*The user's own activity* (per week)
    Replies sent through the app (the outbox's sent or awaiting-approval replies, by the time they
    left), topics marked handled (each mark, kept even when the mark is later replaced), reminders
    marked done, and members contacted (nudges and invitations) when the app records them.
*Contacts that worked*
    Of the members nudged or invited through the app whose 30 days are over, how many posted within
    30 days, against comparable members who were not contacted: for each contact, the members of the
    same community who were in the same segment at that moment (reader who never posted, member gone
    quiet, newcomer — the Silent members definitions applied at that time) and were not contacted
    within 30 days either side. Contacts less than 30 days old are counted as ``pending``.

*Honest history*: each community's local copy starts at its first stored post (``history_start``).
A week or month that begins before it is marked ``covered = False``: front ends say "no data" there
instead of drawing a zero.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

from moderator.insights.base import (
    DAY,
    HOUR,
    QT_TRANSLATE_NOOP,
    REGULAR,
    Row,
    Scope,
    Translate,
    clock,
    from_ts,
    identity,
    in_list,
    scopes,
    team_names,
    ts,
)
from moderator.insights.trending import idea_category_ids
from moderator.insights.unanswered import announcement_category_ids
from moderator.model import UTC
from moderator.store import Store

CONTACT_WINDOW_DAYS = 30


# -- periods --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Period:
    """One week or month, in the user's time zone, as UTC instants [start, end)."""

    label: str  # "2026-W49" or "2026-11"
    start: dt.datetime
    end: dt.datetime


def local_zone(tz: dt.tzinfo | None = None) -> dt.tzinfo:
    """``tz``, else this computer's time zone."""
    if tz is not None:
        return tz
    local = dt.datetime.now().astimezone().tzinfo
    return local or UTC


def _local_midnight(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)


def weeks(count: int, now: dt.datetime, tz: dt.tzinfo) -> list[Period]:
    """The last ``count`` ISO weeks, oldest first, the current (unfinished) one last."""
    today = now.astimezone(tz).date()
    monday = today - dt.timedelta(days=today.weekday())
    out = []
    for back in range(count - 1, -1, -1):
        start = monday - dt.timedelta(weeks=back)
        year, week, _ = start.isocalendar()
        out.append(
            Period(
                f"{year}-W{week:02d}",
                _local_midnight(start, tz),
                _local_midnight(start + dt.timedelta(days=7), tz),
            )
        )
    return out


def months(count: int, now: dt.datetime, tz: dt.tzinfo) -> list[Period]:
    """The last ``count`` calendar months, oldest first, the current one last."""
    local = now.astimezone(tz).date()
    year, month = local.year, local.month
    starts = []
    for _ in range(count):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    out = []
    for start in reversed(starts):
        nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        out.append(Period(f"{start.year}-{start.month:02d}", _local_midnight(start, tz), _local_midnight(nxt, tz)))
    return out


def history_start(store: Store, community_id: int) -> dt.datetime | None:
    """When the community's local copy starts: its first stored post (None: no post yet)."""
    row = store.read().execute(
        "SELECT MIN(created_at) FROM posts WHERE community_id = ? AND created_at IS NOT NULL", (community_id,)
    ).fetchone()
    return from_ts(row[0]) if row and row[0] is not None else None


def _covered(period: Period, start: dt.datetime | None) -> bool:
    return start is not None and period.start >= start


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The ``fraction`` quantile by linear interpolation between ranks (``statistics`` "inclusive")."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# -- time to first response -----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ResponseWeek(Row):
    """Time to first response for the topics created in one week."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "community_name", "week", "topics", "answered", "median_hours", "p90_hours", "within_share",
    )

    community_id: int  # 0: all the selected communities together
    community_name: str  # "" for all
    week: str
    week_start: dt.datetime
    topics: int
    answered: int
    unknown: int
    median_hours: float | None
    p90_hours: float | None
    within_hours: int  # the first threshold
    answered_within: int
    within_share: float | None
    covered: bool


# The topics first (their author read once each), then each one's first response by a seek of the
# posts_topic_regular index, which holds every column the condition reads.
_TOPICS = f"""
WITH c AS MATERIALIZED (
  SELECT t.id, t.created_at, t.posts_count, t.participant_count,
         COALESCE(t.author_id, (SELECT p1.author_id FROM posts p1 WHERE p1.community_id = :cid
                                AND p1.topic_id = t.id AND p1.post_number = 1)) AS author_id
  FROM topics t
  WHERE t.community_id = :cid AND t.created_at >= :start AND t.created_at < :end
    AND t.archetype = 'regular' AND t.deleted_at IS NULL AND t.visible = 1 AND t.pinned = 0
    AND (t.category_id IS NULL OR t.category_id NOT IN (SELECT value FROM json_each(:announcements)))
)
SELECT c.created_at,
       (SELECT MIN(p.created_at) FROM posts p INDEXED BY posts_topic_regular
          WHERE p.community_id = :cid AND p.topic_id = c.id AND {REGULAR.format(a="p")}
            AND p.author_id IS NOT c.author_id) AS first_at,
       EXISTS (SELECT 1 FROM posts p WHERE p.community_id = :cid AND p.topic_id = c.id) AS has_posts,
       c.posts_count, c.participant_count
FROM c
"""


@dataclasses.dataclass(slots=True)
class _Bucket:
    topics: int = 0
    unknown: int = 0
    within: int = 0
    hours: list[float] = dataclasses.field(default_factory=list)


def _response_buckets(
    store: Store, scope: Scope, periods: Sequence[Period], threshold: int
) -> list[_Bucket]:
    buckets = [_Bucket() for _ in periods]
    if not periods:
        return buckets
    starts = [ts(p.start) for p in periods]
    params = {
        "cid": scope.id,
        "start": starts[0],
        "end": ts(periods[-1].end),
        "announcements": in_list(sorted(announcement_category_ids(store, scope))),
    }
    for created, first_at, has_posts, posts_count, participants in store.read().execute(_TOPICS, params):
        index = _period_index(starts, periods, created)
        if index is None:
            continue
        bucket = buckets[index]
        bucket.topics += 1
        if first_at is None:
            if not has_posts and posts_count > 1 and participants != 1:
                bucket.unknown += 1  # someone replied, but the replies are not stored here
            continue
        hours = max(0, first_at - created) / HOUR
        bucket.hours.append(hours)
        bucket.within += hours <= threshold
    return buckets


def _period_index(starts: Sequence[int], periods: Sequence[Period], when: int) -> int | None:
    import bisect

    index = bisect.bisect_right(starts, when) - 1
    if index < 0 or when >= ts(periods[index].end):
        return None
    return index


def _response_row(
    scope: Scope | None, period: Period, bucket: _Bucket, threshold: int, covered: bool
) -> ResponseWeek:
    known = bucket.topics - bucket.unknown
    return ResponseWeek(
        community_id=scope.id if scope else 0,
        community_name=scope.name if scope else "",
        week=period.label,
        week_start=period.start,
        topics=bucket.topics,
        answered=len(bucket.hours),
        unknown=bucket.unknown,
        median_hours=_round(statistics.median(bucket.hours)) if bucket.hours else None,
        p90_hours=_round(percentile(bucket.hours, 0.9)),
        within_hours=threshold,
        answered_within=bucket.within,
        within_share=_round(bucket.within / known) if known else None,
        covered=covered,
    )


def first_response(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    weeks_back: int = 12,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
    combined: bool = False,
) -> list[ResponseWeek]:
    """Per community (or, ``combined``, all of them pooled), one row per week, oldest first."""
    moment = clock(now)
    periods = weeks(weeks_back, moment, local_zone(tz))
    out: list[ResponseWeek] = []
    pooled = [_Bucket() for _ in periods]
    earliest: list[dt.datetime | None] = []
    selected = scopes(store, community_ids)
    thresholds = {s.settings.thresholds_hours[0] for s in selected}
    for scope in selected:
        threshold = scope.settings.thresholds_hours[0]
        start = history_start(store, scope.id)
        earliest.append(start)
        buckets = _response_buckets(store, scope, periods, threshold)
        if combined:
            for total, bucket in zip(pooled, buckets, strict=True):
                total.topics += bucket.topics
                total.unknown += bucket.unknown
                total.within += bucket.within
                total.hours.extend(bucket.hours)
            continue
        out.extend(
            _response_row(scope, p, b, threshold, _covered(p, start))
            for p, b in zip(periods, buckets, strict=True)
        )
    if combined:
        # Pooled communities keep their own thresholds for "within"; the row names the first one.
        threshold = min(thresholds) if thresholds else 24
        known = [s for s in earliest if s is not None]
        start = min(known) if known else None
        out = [_response_row(None, p, b, threshold, _covered(p, start)) for p, b in zip(periods, pooled, strict=True)]
    return out


# -- publishers and silent members ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ParticipationMonth(Row):
    COLUMNS: ClassVar[tuple[str, ...]] = (
        "community_name", "month", "members", "publishers", "first_time", "silent",
    )

    community_id: int
    community_name: str
    month: str
    month_start: dt.datetime
    members: int
    publishers: int
    first_time: int
    silent: int
    publisher_share: float | None
    covered: bool


_PUBLISHERS = f"""
SELECT COUNT(DISTINCT p.author_id) FROM posts p
WHERE p.community_id = :cid AND p.created_at >= :start AND p.created_at < :end AND {REGULAR.format(a="p")}
  AND p.author_id IS NOT NULL
"""
_FIRST_POSTS = f"""
SELECT MIN(p.created_at) FROM posts p
WHERE p.community_id = :cid AND {REGULAR.format(a="p")} AND p.author_id IS NOT NULL
GROUP BY p.author_id
"""
_MEMBERS_BY = "SELECT COUNT(*) FROM members WHERE community_id = :cid AND (created_at IS NULL OR created_at < :end)"


def participation_by_month(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    months_back: int = 6,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> list[ParticipationMonth]:
    moment = clock(now)
    periods = months(months_back, moment, local_zone(tz))
    db = store.read()
    out = []
    for scope in scopes(store, community_ids):
        start = history_start(store, scope.id)
        firsts = sorted(r[0] for r in db.execute(_FIRST_POSTS, {"cid": scope.id}) if r[0] is not None)
        for period in periods:
            params = {"cid": scope.id, "start": ts(period.start), "end": ts(period.end)}
            publishers = db.execute(_PUBLISHERS, params).fetchone()[0]
            members = max(db.execute(_MEMBERS_BY, params).fetchone()[0], publishers)
            first_time = sum(1 for f in firsts if params["start"] <= f < params["end"])
            out.append(
                ParticipationMonth(
                    scope.id,
                    scope.name,
                    period.label,
                    period.start,
                    members,
                    publishers,
                    first_time,
                    members - publishers,
                    _round(publishers / members) if members else None,
                    _covered(period, start),
                )
            )
    return out


# -- ideas answered by the team -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class IdeaMonth(Row):
    COLUMNS: ClassVar[tuple[str, ...]] = ("community_name", "month", "ideas", "answered", "median_hours")

    community_id: int
    community_name: str
    month: str
    month_start: dt.datetime
    ideas: int
    answered: int
    median_hours: float | None
    answered_share: float | None
    covered: bool


def _idea_filter(store: Store, scope: Scope) -> tuple[str, dict[str, Any]]:
    """The community's ideas, open or not: Trending ideas' categories and tags (every topic if none)."""
    where = "t.archetype = 'regular' AND t.deleted_at IS NULL AND t.visible = 1"
    cats, tags = idea_category_ids(store, scope), [t.lower() for t in scope.settings.idea_tags]
    if cats or tags:
        where += (
            " AND (t.category_id IN (SELECT value FROM json_each(:idea_cats)) OR EXISTS (SELECT 1 FROM"
            " json_each(t.tags) j WHERE lower(j.value) IN (SELECT value FROM json_each(:idea_tags))))"
        )
    return where, {"idea_cats": in_list(sorted(cats)), "idea_tags": in_list(tags)}


def _ideas_sql(where: str) -> str:
    """Each idea's creation and its team's first answer (the same index seeks as ``_TOPICS``)."""
    return f"""
WITH c AS MATERIALIZED (
  SELECT t.id, t.created_at,
         COALESCE(t.author_id, (SELECT p1.author_id FROM posts p1 WHERE p1.community_id = :cid
                                AND p1.topic_id = t.id AND p1.post_number = 1)) AS author_id
  FROM topics t
  WHERE t.community_id = :cid AND t.created_at >= :start AND t.created_at < :end AND {where}
),
staff AS MATERIALIZED (
  SELECT id FROM members WHERE community_id = :cid AND (admin = 1 OR moderator = 1)
)
SELECT c.created_at,
       (SELECT MIN(p.created_at) FROM posts p INDEXED BY posts_topic_regular
          WHERE p.community_id = :cid AND p.topic_id = c.id AND {REGULAR.format(a="p")}
            AND p.author_id IS NOT c.author_id
            AND (p.staff = 1 OR p.author_id IN staff
                 OR lower(p.username) IN (SELECT value FROM json_each(:team)))) AS team_at
FROM c
"""


def ideas_by_month(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    months_back: int = 6,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> list[IdeaMonth]:
    moment = clock(now)
    periods = months(months_back, moment, local_zone(tz))
    if not periods:
        return []
    starts = [ts(p.start) for p in periods]
    out = []
    for scope in scopes(store, community_ids):
        start = history_start(store, scope.id)
        where, extra = _idea_filter(store, scope)
        params: dict[str, Any] = {
            "cid": scope.id,
            "start": starts[0],
            "end": ts(periods[-1].end),
            "team": in_list(team_names(scope)),
            **extra,
        }
        ideas = [0] * len(periods)
        hours: list[list[float]] = [[] for _ in periods]
        for created, team_at in store.read().execute(_ideas_sql(where), params):
            index = _period_index(starts, periods, created)
            if index is None:
                continue
            ideas[index] += 1
            if team_at is not None:
                hours[index].append(max(0, team_at - created) / HOUR)
        for i, period in enumerate(periods):
            out.append(
                IdeaMonth(
                    scope.id,
                    scope.name,
                    period.label,
                    period.start,
                    ideas[i],
                    len(hours[i]),
                    _round(statistics.median(hours[i])) if hours[i] else None,
                    _round(len(hours[i]) / ideas[i]) if ideas[i] else None,
                    _covered(period, start),
                )
            )
    return out


# -- the user's own activity ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ActivityWeek(Row):
    COLUMNS: ClassVar[tuple[str, ...]] = (
        "community_name", "week", "replies_sent", "topics_handled", "reminders_done", "members_contacted",
    )

    community_id: int
    community_name: str
    week: str
    week_start: dt.datetime
    replies_sent: int
    topics_handled: int
    reminders_done: int
    members_contacted: int


# Each source: SQL giving one time per event for community :cid between :start and :end.
ACTIVITY_SOURCES: dict[str, str] = {
    "replies_sent": (
        "SELECT sent_at FROM outbox WHERE community_id = :cid AND state IN ('sent', 'enqueued')"
        " AND sent_at >= :start AND sent_at < :end"
    ),
    "topics_handled": (
        "SELECT at FROM handled_log WHERE community_id = :cid AND at >= :start AND at < :end"
    ),
    "reminders_done": (
        "SELECT done_at FROM reminders WHERE community_id = :cid AND state = 'done'"
        " AND done_at >= :start AND done_at < :end"
    ),
}


_CONTACTS = (
    "SELECT created_at FROM nudges WHERE community_id = :cid AND created_at >= :start AND created_at < :end"
)


def own_activity(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    weeks_back: int = 12,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> list[ActivityWeek]:
    moment = clock(now)
    periods = weeks(weeks_back, moment, local_zone(tz))
    if not periods:
        return []
    starts = [ts(p.start) for p in periods]
    db = store.read()
    sources = {**ACTIVITY_SOURCES, "members_contacted": _CONTACTS}
    out = []
    for scope in scopes(store, community_ids):
        counts: dict[str, list[int]] = {}
        params = {"cid": scope.id, "start": starts[0], "end": ts(periods[-1].end)}
        for name, sql in sources.items():
            per = [0] * len(periods)
            for (when,) in db.execute(sql, params):
                index = _period_index(starts, periods, when)
                if index is not None:
                    per[index] += 1
            counts[name] = per
        for i, period in enumerate(periods):
            out.append(
                ActivityWeek(
                    scope.id,
                    scope.name,
                    period.label,
                    period.start,
                    counts["replies_sent"][i],
                    counts["topics_handled"][i],
                    counts["reminders_done"][i],
                    counts["members_contacted"][i],
                )
            )
    return out


# -- contacts that worked -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Contact:
    """A member the user nudged or invited through the app."""

    community_id: int
    member_id: str
    at: dt.datetime
    segment: str  # "reader", "gone_quiet" or "newcomer" (the member's segment then); "" unknown


@dataclasses.dataclass(frozen=True, slots=True)
class ContactOutcome(Row):
    COLUMNS: ClassVar[tuple[str, ...]] = (
        "community_name", "segment", "contacted", "contacted_posted", "comparable", "comparable_posted",
    )

    community_id: int
    community_name: str
    segment: str
    contacted: int  # contacts whose 30 days are over
    contacted_posted: int
    contacted_rate: float | None
    comparable: int  # member-moments of the comparison group
    comparable_posted: int
    comparable_rate: float | None
    pending: int  # contacts less than 30 days old


def recorded_contacts(store: Store) -> list[Contact]:
    """Every member the user nudged or invited through the app (``moderator.nudges`` records them).

    A nudge carries the member's segment then; an invitation to answer is its own group
    (``"invitation"``), which has no comparison group.
    """
    rows = store.read().execute(
        "SELECT community_id, member_id, created_at, kind, segment FROM nudges WHERE member_id IS NOT NULL"
        " ORDER BY created_at"
    )
    out = []
    for cid, member_id, created, kind, segment in rows:
        at = from_ts(created)
        assert at is not None
        out.append(Contact(cid, member_id, at, "invitation" if kind == "invitation" else segment))
    return out


def _segment_members(store: Store, scope: Scope, segment: str, at: int) -> set[str]:
    """The members of ``scope`` who were in ``segment`` at ``at`` (the Silent members definitions)."""
    windows = scope.settings.silent_windows
    quiet_start = at - windows.quiet_days * DAY
    active_start = quiet_start - windows.active_days * DAY
    newcomer_start = at - windows.newcomer_days * DAY
    regular = REGULAR.format(a="p")
    before = f"EXISTS (SELECT 1 FROM posts p WHERE p.community_id = :cid AND p.author_id = m.id AND {regular} AND p.created_at < :at)"
    joined = "(m.created_at IS NULL OR m.created_at <= :at)"
    if segment == "newcomer":
        where = f"m.created_at >= :newcomer_start AND m.created_at <= :at AND NOT {before}"
    elif segment == "reader":
        where = f"{joined} AND (m.created_at IS NULL OR m.created_at < :newcomer_start) AND NOT {before}"
    elif segment == "gone_quiet":
        where = (
            f"{joined} AND (SELECT COUNT(*) FROM posts p WHERE p.community_id = :cid AND p.author_id = m.id"
            f" AND {regular} AND p.created_at >= :active_start AND p.created_at < :quiet_start) >= :min_posts"
            f" AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.community_id = :cid AND p.author_id = m.id"
            f" AND {regular} AND p.created_at >= :quiet_start AND p.created_at < :at)"
        )
    else:
        return set()
    params = {
        "cid": scope.id,
        "at": at,
        "quiet_start": quiet_start,
        "active_start": active_start,
        "newcomer_start": newcomer_start,
        "min_posts": windows.min_contributions,
    }
    sql = f"SELECT m.id FROM members m WHERE m.community_id = :cid AND {where}"
    return {r[0] for r in store.read().execute(sql, params)}


def _posted_between(store: Store, community_id: int, start: int, end: int) -> set[str]:
    sql = f"""SELECT DISTINCT p.author_id FROM posts p WHERE p.community_id = ? AND {REGULAR.format(a="p")}
              AND p.created_at > ? AND p.created_at <= ? AND p.author_id IS NOT NULL"""
    return {r[0] for r in store.read().execute(sql, (community_id, start, end))}


def contact_outcomes(
    store: Store,
    contacts: Iterable[Contact],
    community_ids: Iterable[int] | None = None,
    *,
    now: dt.datetime | None = None,
) -> list[ContactOutcome]:
    """Per community and segment: how many contacted members posted within 30 days, against the
    comparable members who were not contacted (see the module's docstring)."""
    moment = ts(clock(now))
    window = CONTACT_WINDOW_DAYS * DAY
    selected = {s.id: s for s in scopes(store, community_ids)}
    by_community: dict[int, list[Contact]] = defaultdict(list)
    for contact in contacts:
        if contact.community_id in selected:
            by_community[contact.community_id].append(contact)
    out = []
    for cid, items in sorted(by_community.items()):
        scope = selected[cid]
        contacted_at: dict[str, list[int]] = defaultdict(list)
        for c in items:
            contacted_at[c.member_id].append(ts(c.at))
        tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
        groups: dict[tuple[str, int], list[Contact]] = defaultdict(list)
        for c in items:
            groups[(c.segment, ts(c.at) // DAY)].append(c)
        for (segment, _day), group in sorted(groups.items()):
            counts = tally[segment]
            for c in group:
                at = ts(c.at)
                if at + window > moment:
                    counts[4] += 1
                    continue
                counts[0] += 1
                counts[1] += c.member_id in _posted_between(store, cid, at, at + window)
            judged = [c for c in group if ts(c.at) + window <= moment]
            if not judged or not segment:
                continue
            at = ts(judged[0].at)
            peers = {
                m
                for m in _segment_members(store, scope, segment, at)
                if not any(abs(t - at) <= window for t in contacted_at.get(m, ()))
            }
            posted = _posted_between(store, cid, at, at + window)
            weight = len(judged)
            counts[2] += len(peers) * weight
            counts[3] += len(peers & posted) * weight
        for segment, (n, n_posted, peers_n, peers_posted, pending) in sorted(tally.items()):
            out.append(
                ContactOutcome(
                    cid,
                    scope.name,
                    segment,
                    n,
                    n_posted,
                    _round(n_posted / n) if n else None,
                    peers_n,
                    peers_posted,
                    _round(peers_posted / peers_n) if peers_n else None,
                    pending,
                )
            )
    return out


# -- the one-line readings ------------------------------------------------------------------------

_FELL = QT_TRANSLATE_NOOP("insights", "Median first response fell from {before} to {after} since {since}")
_ROSE = QT_TRANSLATE_NOOP("insights", "Median first response rose from {before} to {after} since {since}")
_STEADY = QT_TRANSLATE_NOOP("insights", "Median first response held at about {after} since {since}")
_NO_RESPONSE_DATA = QT_TRANSLATE_NOOP("insights", "No answered topic in this period yet")


def hours_text(hours: float, tr: Translate = identity) -> str:
    """"45 min", "9 h", "3 d": the short forms the charts use."""
    if hours < 1:
        return tr("{n} min").format(n=max(1, round(hours * 60)))
    if hours < 48:
        return tr("{n} h").format(n=round(hours))
    return tr("{n} d").format(n=round(hours / 24))


QT_TRANSLATE_NOOP("insights", "{n} min")
QT_TRANSLATE_NOOP("insights", "{n} h")
QT_TRANSLATE_NOOP("insights", "{n} d")


def first_response_reading(
    rows: Sequence[ResponseWeek],
    *,
    tr: Translate = identity,
    month_name: Callable[[dt.datetime], str] | None = None,
    span: int = 4,
) -> str:
    """One sentence on the trend: the median of the first ``span`` covered weeks with answers
    against the last ``span`` ones (each the median of the weekly medians)."""
    series = [r for r in rows if r.covered and r.median_hours is not None]
    if not series:
        return tr(_NO_RESPONSE_DATA)
    span = max(1, min(span, len(series) // 2 or 1))
    before = statistics.median(r.median_hours for r in series[:span] if r.median_hours is not None)
    after = statistics.median(r.median_hours for r in series[-span:] if r.median_hours is not None)
    since_at = series[0].week_start
    since = month_name(since_at) if month_name else since_at.strftime("%B %Y")
    values = {"before": hours_text(before, tr), "after": hours_text(after, tr), "since": since}
    if len(series) < 2 or abs(after - before) <= 0.1 * max(before, 1e-9):
        return tr(_STEADY).format(**values)
    return tr(_FELL if after < before else _ROSE).format(**values)
