"""Trending ideas ("idées qui montent"): the topics gaining traction now, each rank explained in words.

Looked at: open, listed, non-deleted topics that are not private messages — only those of the
``idea_category_ids`` (and their sub-categories) or tagged with one of ``idea_tags`` when the
community sets either.

**Activity in the window** (``window_days``, 7 by default), per topic:

* ``R`` replies: regular posts after the first, written in the window;
* ``L`` likes gained. Posts carry like counts but not like times, so when sync snapshots cover the
  window (one taken at or before its start, one after) ``L`` is the growth of the topic's like count
  between them, pro rata of the part of each snapshot interval inside the window. Otherwise ``L`` is
  the likes on the posts written in the window. The explanation says which;
* ``P`` new participants: people other than the topic's author who posted in the window and never
  before in that topic;
* ``V`` views gained, from the snapshots only (unknown otherwise).

``A = R + L + 2·P + ln(1 + V)``: a new voice counts double, views count logarithmically as in
Discourse's top score, so a much-viewed topic does not drown the rest. (No platform synced so far
reports votes; they would add to ``L``.)

**Rising, not just busy.** The topic's own pace before the window, ``E`` (replies plus likes per
window length, over up to ``baseline_weeks`` = 8 weeks of its life before the window: replies from
the posts table; likes from the snapshots when they tell the like count at both ends of that span —
the last snapshot at or before the window start, and one at or before the span start, or the topic
was born inside the span — else the likes on the posts written in the span), is compared with now:
the *rising share* ``ρ = max(0, 1 − E / (R + L))`` is the part of this window's activity above the
usual pace — 1 for a topic with no past, 0 for a topic only as busy as it always was. A span
shorter than the window counts as a whole window, so a few days of history do not extrapolate.

**Time gravity**, as Hacker News and Discourse's hot score do::

    score = ρ · max(0, A − 1) / (age_hours + 2) ** GRAVITY

where ``age_hours`` is how long ago, on average, this window's activity happened (the weighted mean
time of its replies, likes, new participants and views), so a burst today outranks the same burst
five days ago. The ``− 1`` is Discourse's: a single reply or like is not a trend. ``GRAVITY`` is 0.8,
gentler than Discourse's 1.2 and Hacker News' 1.8: those decay from a topic's birth, ours only
within an already bounded window, where activity of yesterday should still weigh about a third of
activity of a few hours ago.

Each row explains its rank over the last ``explain_days`` (3): "+14 likes and 6 new participants in
3 days; +9 replies this week vs 1/week before", and says where its likes come from.

``topic_snapshots`` are written by ``Store.apply_batch`` (a row per topic whose counts changed, at
most one an hour) and thinned by ``prune_snapshots``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Iterable, Sequence
from itertools import pairwise
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
    counted,
    dict_rows,
    from_ts,
    identity,
    in_list,
    scopes,
    ts,
)
from moderator.store import Store

GRAVITY = 0.8
WINDOW_DAYS = 7
EXPLAIN_DAYS = 3
BASELINE_WEEKS = 8
PARTICIPANT_WEIGHT = 2.0

Series = list[tuple[int, int]]  # (taken_at, value), oldest first


@dataclasses.dataclass(frozen=True, slots=True)
class TrendingTopicRow(Row):
    """One rising topic with the figures its score and explanation come from."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("community_name", "topic_id", "title", "score", "why")

    community_id: int
    community_name: str
    topic_id: str
    slug: str
    title: str
    category_id: str | None
    category_name: str
    tags: tuple[str, ...]
    created_at: dt.datetime | None
    score: float
    replies: int  # in the window
    likes: int
    likes_source: str  # "snapshots" or "posts"
    new_participants: int
    views: int | None  # None: no snapshots to tell
    recent_replies: int  # in the explanation window
    recent_likes: int
    recent_participants: int
    recent_views: int | None
    past_per_window: float  # E: replies + likes per window before it
    past_replies_per_week: float
    rising_share: float  # ρ
    activity_age_hours: float
    why: str


def idea_category_ids(store: Store, scope: Scope) -> set[str]:
    """The idea categories of the settings and their sub-categories."""
    found = set(scope.settings.idea_category_ids)
    if not found:
        return found
    categories = store.categories(scope.id)
    while True:
        children = {c.id for c in categories if c.parent_id in found and c.id not in found}
        if not children:
            return found
        found |= children


def _topic_filter(store: Store, scope: Scope) -> tuple[str, dict[str, Any]]:
    where = (
        "t.archetype = 'regular' AND t.deleted_at IS NULL AND t.visible = 1 AND t.closed = 0"
        " AND t.archived = 0"
    )
    cats, tags = idea_category_ids(store, scope), [t.lower() for t in scope.settings.idea_tags]
    if cats or tags:
        where += (
            " AND (t.category_id IN (SELECT value FROM json_each(:idea_cats)) OR EXISTS (SELECT 1 FROM"
            " json_each(t.tags) j WHERE lower(j.value) IN (SELECT value FROM json_each(:idea_tags))))"
        )
    return where, {"idea_cats": in_list(sorted(cats)), "idea_tags": in_list(tags)}


def gained(series: Series, start: int, end: int) -> tuple[float, float]:
    """How much a counter grew within (start, end], and the growth-weighted sum of its times.

    Each interval between two snapshots contributes its growth pro rata of the part of it that lies
    in (start, end], placed at the middle of that part. A decrease (an unlike) counts as no growth.
    """
    amount = weighted = 0.0
    for (a, va), (b, vb) in pairwise(series):
        if b <= start or a >= end or vb <= va or b <= a:
            continue
        lo, hi = max(a, start), min(b, end)
        part = (vb - va) * (hi - lo) / (b - a)
        amount += part
        weighted += part * (lo + hi) / 2
    return amount, weighted


@dataclasses.dataclass
class _Topic:
    """What is gathered for one candidate topic before it is scored: sums over the window's posts
    (counted by SQL, so only one row a topic comes back), and the snapshots' series."""

    info: dict[str, Any]
    replies: int = 0  # in the window
    reply_times: int = 0  # their sum
    recent_replies: int = 0  # in the explanation window
    post_likes: int = 0  # likes on the posts written in the window
    post_like_times: int = 0  # sum of likes x time
    recent_post_likes: int = 0
    newcomers: int = 0  # new participants: people other than the author, posting there for the first time
    newcomer_times: int = 0  # sum of their first times
    recent_newcomers: int = 0
    likes: Series = dataclasses.field(default_factory=list)  # the anchor, then the window's snapshots
    views: Series = dataclasses.field(default_factory=list)
    anchored: bool = False  # a snapshot at or before the window start heads the series
    base_likes: int | None = None  # likes at the last snapshot at or before the baseline start
    past_replies: int = 0
    past_post_likes: int = 0


# Per topic that may trend: its window's replies, likes on posts, and new participants (an author
# other than the topic's who posted in the window and never before in it), summed.
_WINDOW_POSTS = f"""
WITH w AS MATERIALIZED (
    SELECT p.topic_id, p.author_id, p.created_at, p.like_count, p.post_number FROM posts p
    WHERE p.community_id = :cid AND p.created_at >= :since AND p.created_at <= :now AND {REGULAR.format(a="p")}
),
firsts AS (
    SELECT topic_id, author_id, MIN(created_at) AS first FROM w WHERE author_id IS NOT NULL
    GROUP BY topic_id, author_id
),
newcomers AS (
    SELECT f.topic_id, COUNT(*) AS n, SUM(f.first) AS times, SUM(f.first >= :explain) AS recent
    FROM firsts f JOIN topics o ON o.community_id = :cid AND o.id = f.topic_id
    WHERE f.author_id IS NOT o.author_id
      AND NOT EXISTS (SELECT 1 FROM posts e WHERE e.community_id = :cid AND e.topic_id = f.topic_id
                      AND e.author_id = f.author_id AND e.created_at < :since)
    GROUP BY f.topic_id
)
SELECT a.*, COALESCE(n.n, 0), COALESCE(n.times, 0), COALESCE(n.recent, 0)
FROM (SELECT topic_id, SUM(post_number > 1), COALESCE(SUM(CASE WHEN post_number > 1 THEN created_at END), 0),
             SUM(post_number > 1 AND created_at >= :explain), SUM(like_count), SUM(like_count * created_at),
             SUM(CASE WHEN created_at >= :explain THEN like_count ELSE 0 END)
      FROM w GROUP BY topic_id) a
JOIN topics t ON t.community_id = :cid AND t.id = a.topic_id AND {{where}}
LEFT JOIN newcomers n ON n.topic_id = a.topic_id
"""

_WINDOW_SNAPSHOTS = """
SELECT s.topic_id, s.taken_at, s.like_count, s.views FROM topic_snapshots s
WHERE s.community_id = :cid AND s.taken_at > :since AND s.taken_at <= :now
"""

_TOPICS = """
SELECT t.id, t.title, t.slug, t.category_id, t.tags, t.created_at, COALESCE(c.name, '') AS category_name,
       (SELECT json_array(s.taken_at, s.like_count, s.views) FROM topic_snapshots s
        WHERE s.community_id = :cid AND s.topic_id = t.id AND s.taken_at <= :since
        ORDER BY s.taken_at DESC LIMIT 1) AS anchor,
       (SELECT s.like_count FROM topic_snapshots s WHERE s.community_id = :cid AND s.topic_id = t.id
        AND s.taken_at <= :base_start ORDER BY s.taken_at DESC LIMIT 1) AS base_likes
FROM topics t LEFT JOIN categories c ON c.community_id = t.community_id AND c.id = t.category_id
WHERE t.community_id = :cid AND t.id IN (SELECT value FROM json_each(:ids)) AND {where}
"""

_PAST = f"""
SELECT p.topic_id, SUM(p.post_number > 1), SUM(p.like_count) FROM posts p
WHERE p.community_id = :cid AND p.topic_id IN (SELECT value FROM json_each(:ids))
  AND p.created_at >= :base_start AND p.created_at < :since AND {REGULAR.format(a="p")}
GROUP BY p.topic_id
"""


def _gather(
    store: Store, scope: Scope, now: int, since: int, base_start: int, explain_since: int
) -> dict[str, _Topic]:
    """The topics active in the window (posts or snapshots) that may trend, with their figures."""
    where, params = _topic_filter(store, scope)
    params |= {
        "cid": scope.id,
        "now": now,
        "since": since,
        "base_start": base_start,
        "explain": explain_since,
    }
    cursor = store.read().cursor()
    cursor.row_factory = None
    sums = {r[0]: r[1:] for r in cursor.execute(_WINDOW_POSTS.format(where=where), params)}
    snapshots: dict[str, list[tuple[int, int, int]]] = {}
    for topic_id, taken_at, likes, views in cursor.execute(_WINDOW_SNAPSHOTS, params):
        snapshots.setdefault(topic_id, []).append((taken_at, likes, views))
    params["ids"] = json.dumps(sorted(set(sums) | set(snapshots)))
    # Only the topics that may trend come back: the filter applies to the snapshots' topics too.
    topics = {r["id"]: _Topic(r) for r in dict_rows(store, _TOPICS.format(where=where), params)}
    for topic_id, figures in sums.items():
        topic = topics[topic_id]
        (
            topic.replies,
            topic.reply_times,
            topic.recent_replies,
            topic.post_likes,
            topic.post_like_times,
            topic.recent_post_likes,
            topic.newcomers,
            topic.newcomer_times,
            topic.recent_newcomers,
        ) = figures
    for topic_id, topic in topics.items():
        points = sorted(snapshots.get(topic_id, ()))
        if topic.info["anchor"] is not None:
            points.insert(0, tuple(json.loads(topic.info["anchor"])))
            topic.anchored = True
        topic.likes = [(at, likes) for at, likes, _ in points]
        topic.views = [(at, views) for at, _, views in points]
        topic.base_likes = topic.info["base_likes"]
    for topic_id, replies, likes in cursor.execute(_PAST, params):
        if topic_id in topics:  # not a topic that may trend (closed, private...)
            topics[topic_id].past_replies = replies or 0
            topics[topic_id].past_post_likes = likes or 0
    return topics


_AND = QT_TRANSLATE_NOOP("insights", "{list} and {last}")
_NONE = QT_TRANSLATE_NOOP("insights", "none")
_REPLIES = (QT_TRANSLATE_NOOP("insights", "+{n} reply"), QT_TRANSLATE_NOOP("insights", "+{n} replies"))
_LIKES = (QT_TRANSLATE_NOOP("insights", "+{n} like"), QT_TRANSLATE_NOOP("insights", "+{n} likes"))
_PARTICIPANTS = (
    QT_TRANSLATE_NOOP("insights", "{n} new participant"),
    QT_TRANSLATE_NOOP("insights", "{n} new participants"),
)
_VIEWS = QT_TRANSLATE_NOOP("insights", "+{n} views")
_THIS_WEEK = QT_TRANSLATE_NOOP("insights", "this week")
_IN_DAYS = QT_TRANSLATE_NOOP("insights", "in {n} days")
_FIGURES_IN_DAYS = QT_TRANSLATE_NOOP("insights", "{figures} in {n} days")
_NEW_IN_PERIOD = QT_TRANSLATE_NOOP("insights", "new {period}")
_REPLIES_VS_PACE = (
    QT_TRANSLATE_NOOP("insights", "+{n} reply {period} vs {pace}/week before"),
    QT_TRANSLATE_NOOP("insights", "+{n} replies {period} vs {pace}/week before"),
)
_REPLIES_VS_NONE = (
    QT_TRANSLATE_NOOP("insights", "+{n} reply {period} vs none before"),
    QT_TRANSLATE_NOOP("insights", "+{n} replies {period} vs none before"),
)
_LIKES_VS_PACE = QT_TRANSLATE_NOOP("insights", "+{n} likes {period} vs {pace} in a {days}-day span before")
_FIGURES_IN_PERIOD = QT_TRANSLATE_NOOP("insights", "{figures} {period}")
_LIKES_FROM_SNAPSHOTS = QT_TRANSLATE_NOOP("insights", " (likes from sync snapshots)")
_LIKES_ON_POSTS = QT_TRANSLATE_NOOP("insights", " (likes on posts written {period})")


def _and(parts: Sequence[str], tr: Translate = identity) -> str:
    return parts[0] if len(parts) == 1 else tr(_AND).format(list=", ".join(parts[:-1]), last=parts[-1])


def _pace(value: float, tr: Translate = identity) -> str:
    if value == 0:
        return tr(_NONE)
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _figures(
    replies: int, likes: int, participants: int, views: int | None, tr: Translate = identity
) -> list[str]:
    parts = []
    if replies:
        parts.append(counted(replies, *_REPLIES, tr))
    if likes:
        parts.append(counted(likes, *_LIKES, tr))
    if participants:
        parts.append(counted(participants, *_PARTICIPANTS, tr))
    if views:
        parts.append(tr(_VIEWS).format(n=views))
    return parts


@dataclasses.dataclass(frozen=True, slots=True)
class _Measure:
    """A topic's score and the figures its explanation is written from."""

    score: float
    likes: float
    recent_likes: float
    views: float
    recent_views: float | None
    from_snapshots: bool
    past: float
    past_replies_per_week: float
    rising: float
    age_hours: float


def _measure(t: _Topic, now: int, since: int, base_start: int, explain_since: int) -> _Measure | None:
    """The topic's score (None: not rising), without the words: every active topic is measured,
    only the shown ones are explained (``_score_topic``)."""
    info = t.info
    created = info["created_at"]
    window = now - since
    from_snapshots = t.anchored and len(t.likes) > 1
    if from_snapshots:
        likes, like_times = gained(t.likes, since, now)
        recent_likes = gained(t.likes, explain_since, now)[0]
        views, view_times = gained(t.views, since, now)
        recent_views: float | None = gained(t.views, explain_since, now)[0]
    else:
        likes = float(t.post_likes)
        like_times = float(t.post_like_times)
        recent_likes = float(t.recent_post_likes)
        views, view_times, recent_views = 0.0, 0.0, None
    replies = t.replies
    participants = t.newcomers

    # The topic's own pace before the window, per window length: replies from the posts; likes
    # from the snapshots when they tell the likes at the start of that span, else from the posts.
    past = past_replies_per_week = 0.0
    if created is None or created < since:
        span_start = max(base_start, created or base_start)
        span = since - span_start
        past_replies_per_week = t.past_replies * 7 * DAY / max(span, 7 * DAY)
        past = t.past_replies * window / max(span, window)
        likes_then = t.likes[0][1] if t.anchored else None
        likes_before = 0 if created is not None and created >= base_start else t.base_likes
        if likes_then is not None and likes_before is not None:
            past += max(0, likes_then - likes_before) * window / max(span, window)
        else:
            past += t.past_post_likes * window / max(span, window)
    units = replies + likes
    rising = max(0.0, 1 - past / units) if units else (1.0 if past == 0 else 0.0)

    view_weight = math.log1p(views)
    activity = replies + likes + PARTICIPANT_WEIGHT * participants + view_weight
    if activity <= 0:
        return None
    mean_time = (
        t.reply_times
        + like_times
        + PARTICIPANT_WEIGHT * t.newcomer_times
        + (view_weight * view_times / views if views else 0.0)
    ) / activity
    age_hours = max(0.0, (now - mean_time) / HOUR)
    score = rising * max(0.0, activity - 1) / (age_hours + 2) ** GRAVITY
    if score <= 0:
        return None
    return _Measure(
        score,
        likes,
        recent_likes,
        views,
        recent_views,
        from_snapshots,
        past,
        past_replies_per_week,
        rising,
        age_hours,
    )


def _score_topic(
    scope: Scope,
    t: _Topic,
    now: int,
    since: int,
    base_start: int,
    explain_since: int,
    window_days: int,
    tr: Translate = identity,
    measured: _Measure | None = None,
) -> TrendingTopicRow | None:
    m = measured or _measure(t, now, since, base_start, explain_since)
    if m is None:
        return None
    info = t.info
    created = info["created_at"]
    score, likes, recent_likes, views, recent_views = (
        m.score,
        m.likes,
        m.recent_likes,
        m.views,
        m.recent_views,
    )
    from_snapshots, past, past_replies_per_week = m.from_snapshots, m.past, m.past_replies_per_week
    rising, age_hours = m.rising, m.age_hours
    replies, participants = t.replies, t.newcomers
    period = tr(_THIS_WEEK) if window_days == 7 else tr(_IN_DAYS).format(n=window_days)
    recent_replies = t.recent_replies
    recent_participants = t.recent_newcomers
    explain_days = round((now - explain_since) / DAY)
    parts = _figures(recent_replies, round(recent_likes), recent_participants, round(recent_views or 0), tr)
    why = [tr(_FIGURES_IN_DAYS).format(figures=_and(parts, tr), n=explain_days)] if parts else []
    if created is not None and created >= since:
        why.append(tr(_NEW_IN_PERIOD).format(period=period))
    elif replies:
        if past_replies_per_week == 0:
            why.append(tr(_REPLIES_VS_NONE[replies != 1]).format(n=replies, period=period))
        else:
            pace = _pace(past_replies_per_week, tr)
            why.append(tr(_REPLIES_VS_PACE[replies != 1]).format(n=replies, period=period, pace=pace))
    elif likes:
        why.append(
            tr(_LIKES_VS_PACE).format(n=round(likes), period=period, pace=_pace(past, tr), days=window_days)
        )
    if not parts:
        figures = _and(_figures(replies, round(likes), participants, round(views), tr), tr)
        why.insert(0, tr(_FIGURES_IN_PERIOD).format(figures=figures, period=period))
    text = "; ".join(why)
    if likes >= 0.5:
        text += tr(_LIKES_FROM_SNAPSHOTS) if from_snapshots else tr(_LIKES_ON_POSTS).format(period=period)
    return TrendingTopicRow(
        community_id=scope.id,
        community_name=scope.name,
        topic_id=info["id"],
        slug=info["slug"],
        title=info["title"],
        category_id=info["category_id"],
        category_name=info["category_name"],
        tags=tuple(json.loads(info["tags"])),
        created_at=from_ts(created),
        score=round(score, 4),
        replies=replies,
        likes=round(likes),
        likes_source="snapshots" if from_snapshots else "posts",
        new_participants=participants,
        views=round(views) if from_snapshots else None,
        recent_replies=recent_replies,
        recent_likes=round(recent_likes),
        recent_participants=recent_participants,
        recent_views=None if recent_views is None else round(recent_views),
        past_per_window=round(past, 2),
        past_replies_per_week=round(past_replies_per_week, 2),
        rising_share=round(rising, 3),
        activity_age_hours=round(age_hours, 1),
        why=text,
    )


def trending_ideas(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    now: dt.datetime | None = None,
    window_days: int = WINDOW_DAYS,
    explain_days: int = EXPLAIN_DAYS,
    baseline_weeks: int = BASELINE_WEEKS,
    limit: int | None = 100,
    ideas_only: bool = True,
    tr: Translate = identity,
) -> list[TrendingTopicRow]:
    """The rising topics of the selected communities, highest score first (see the module docstring).

    ``ideas_only`` keeps each community's declared idea categories and tags; a community that declares
    none is left out, unless none of the selected communities declares any (then every category is
    looked at, as there is nothing to restrict to). False scores every category everywhere.
    ``tr`` translates the templates of the ``why`` texts (context "insights"); English by default.
    """
    at = ts(clock(now))
    since = at - window_days * DAY
    base_start = since - baseline_weeks * 7 * DAY
    explain_since = at - min(explain_days, window_days) * DAY
    rows: list[TrendingTopicRow] = []
    measured: list[tuple[float, int, str, Scope, _Topic, _Measure]] = []
    selected = scopes(store, community_ids)
    declared = [s for s in selected if s.settings.idea_category_ids or s.settings.idea_tags]
    for scope in selected:
        if ideas_only and declared and scope not in declared:
            continue  # "idea categories only": a community that declares none has no idea topics
        if not ideas_only:
            scope = dataclasses.replace(
                scope, settings=scope.settings.replace(idea_category_ids=(), idea_tags=())
            )
        for topic in _gather(store, scope, at, since, base_start, explain_since).values():
            m = _measure(topic, at, since, base_start, explain_since)
            if m is not None:
                measured.append((-round(m.score, 4), scope.id, topic.info["id"], scope, topic, m))
    measured.sort(key=lambda x: x[:3])
    for *_, scope, topic, m in measured if limit is None else measured[:limit]:
        row = _score_topic(scope, topic, at, since, base_start, explain_since, window_days, tr, m)
        if row is not None:
            rows.append(row)
    return rows


def prune_snapshots(store: Store, *, now: dt.datetime | None = None, keep_days: int = 90) -> int:
    """Thin out old topic snapshots: past ``keep_days``, keep one a day per topic. Rows deleted.

    Trending reads at most ``window_days + 7 * baseline_weeks`` days back, plus one older anchor.
    """
    cutoff = ts(clock(now)) - keep_days * DAY
    with store.write() as db:
        cur = db.execute(
            "DELETE FROM topic_snapshots WHERE taken_at < ? AND taken_at NOT IN (SELECT MAX(o.taken_at)"
            " FROM topic_snapshots o WHERE o.community_id = topic_snapshots.community_id"
            " AND o.topic_id = topic_snapshots.topic_id AND o.taken_at < ? GROUP BY o.taken_at / 86400)",
            (cutoff, cutoff),
        )
    return cur.rowcount
