"""Unanswered: the topics waiting for a response, oldest wait first.

What "unanswered" means is chosen per community (setting ``unanswered_definition``):

``no_reply`` (default)
    Nobody but the author has replied: the topic has no regular, non-deleted, non-hidden post by
    anyone other than its author. This is Discourse's own "topics with no response" definition
    (``WITH_NO_RESPONSE_SQL``), so an author replying to themselves is still unanswered, while any
    reply from someone else (a staff member included) answers it. Waiting since: the topic's creation.
    When a topic's posts are not in the local copy yet, the platform's counts decide: one post, or a
    single participant.
``last_word_not_team``
    The last regular post is not from the animation team. The team is the staff (admins and
    moderators, or a post flagged as written by staff), the members listed in the ``team_usernames``
    setting and the account the community is synced with. Waiting since: that last post.
``unsolved``
    A question not marked solved, on platforms that have solved answers (``has_accepted_answer`` is
    known and false). Waiting since: the topic's creation.

Never listed, whatever the definition: closed, archived, unlisted, pinned and deleted topics,
private messages, and topics of announcement categories (a category or sub-category named or slugged
like "announcements" or "annonces", or listed in the ``announcement_category_ids`` setting). Deleted,
hidden, whisper and small-action posts never count as a reply.

Triage removes a topic too: *handled* until new activity arrives after it was marked, *snoozed* until
its time (see ``moderator.insights.triage``).

Severity colours the wait: *calm*, *amber* past the first of the ``thresholds_hours`` (24 h by
default), *red* past the second (72 h).

Most of the work is SQL over the ``posts_topic_regular`` index (schema v2), so a large community's
queue comes back without reading posts' text; ``limit`` gives a first screen without building the
rows of the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any, ClassVar

from moderator.insights.base import (
    DAY,
    HOUR,
    QT_TRANSLATE_NOOP,
    REGULAR,
    Query,
    Row,
    Scope,
    Translate,
    clock,
    counted,
    duration,
    identity,
    in_list,
    row_maker,
    rows_ahead,
    scopes,
    team_names,
    ts,
)
from moderator.insights.terms import fold
from moderator.model import UTC, Category
from moderator.settings import UnansweredDefinition
from moderator.store import Store

ANNOUNCEMENT_WORDS = ("announce", "annonce")  # folded name or slug containing one of these


class Severity(enum.StrEnum):
    CALM = "calm"
    AMBER = "amber"
    RED = "red"


@dataclasses.dataclass(frozen=True, slots=True)
class UnansweredRow(Row):
    """One topic waiting for a response."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("community_name", "topic_id", "title", "severity", "why")

    community_id: int
    community_name: str
    topic_id: str
    slug: str
    title: str
    category_id: str | None
    category_name: str
    author_id: str | None
    author_username: str
    created_at: dt.datetime | None
    waiting_since: dt.datetime
    hours_waiting: float
    views: int
    likes: int
    replies: int
    severity: Severity
    definition: UnansweredDefinition
    why: str


def severity(hours: float, thresholds: tuple[int, int]) -> Severity:
    if hours >= thresholds[1]:
        return Severity.RED
    if hours >= thresholds[0]:
        return Severity.AMBER
    return Severity.CALM


def announcement_category_ids(
    store: Store, scope: Scope, categories: Sequence[Category] | None = None
) -> set[str]:
    """Categories never listed: named or slugged like announcements, declared, or under one of those."""
    if categories is None:
        categories = store.categories(scope.id)
    found = set(scope.settings.announcement_category_ids)
    found |= {c.id for c in categories if any(w in fold(f"{c.name} {c.slug}") for w in ANNOUNCEMENT_WORDS)}
    while True:  # sub-categories of an announcement category are announcements too
        children = {c.id for c in categories if c.parent_id in found and c.id not in found}
        if not children:
            return found
        found |= children


# The open topics of one community that may wait for an answer, as a condition on topics t left
# joined with triage tr. A handled topic is kept only if a post arrived after it was marked; a
# snoozed one once its time has come.
_CANDIDATE = f"""t.community_id = :cid AND t.archetype = 'regular' AND t.deleted_at IS NULL AND t.closed = 0
    AND t.archived = 0 AND t.visible = 1 AND t.pinned = 0
    AND (t.category_id IS NULL OR t.category_id NOT IN (SELECT value FROM json_each(:announcements)))
    AND (tr.state IS NULL
         OR (tr.state = 'snoozed' AND COALESCE(tr.until, 0) <= :now)
         OR (tr.state = 'handled' AND MAX(COALESCE(t.last_posted_at, 0), COALESCE(
               (SELECT MAX(p.created_at) FROM posts p WHERE p.community_id = :cid
                AND p.topic_id = t.id AND {REGULAR.format(a="p")}), 0)) > tr.changed_at))"""

# The candidates, materialized once: every later reference reads the row instead of running its
# subqueries again.
_CANDIDATES = f"""
c AS MATERIALIZED (
  SELECT t.id, t.created_at, t.posts_count, t.participant_count, t.has_accepted_answer,
         t.last_poster_username, t.last_posted_at, tr.state AS triage_state,
         COALESCE(t.author_id, (SELECT p.author_id FROM posts p WHERE p.community_id = :cid
                                AND p.topic_id = t.id AND p.post_number = 1)) AS author_id
  FROM topics t
  LEFT JOIN triage tr ON tr.community_id = t.community_id AND tr.topic_id = t.id
  WHERE {_CANDIDATE}
)"""

_HAS_POSTS = "EXISTS (SELECT 1 FROM posts p WHERE p.community_id = :cid AND p.topic_id = c.id)"

# Each definition selects (id, author_id, triage_state, waiting_since, last_username) from c.
_NO_REPLY = f"""
SELECT c.id, c.author_id, c.triage_state, c.created_at AS waiting_since, NULL AS last_username FROM c
WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.community_id = :cid AND p.topic_id = c.id
                  AND {REGULAR.format(a="p")} AND p.author_id IS NOT c.author_id)
  AND ({_HAS_POSTS} OR c.posts_count <= 1 OR c.participant_count = 1)
"""

# The last word, in one pass over the candidate topics, in topic order (neighbouring topics' posts
# are neighbours in the index: seeks stay in the same pages), with no intermediate table: the last
# regular post is found by a descending seek of the posts_topic_regular index and read from that
# index (author, name, time, staff flag). Without posts stored yet, the topic list's last poster
# decides. Topics whose last word is the team's are left out before their author is looked up.
# (The primary key's index gives the topic order; "lp.username COLLATE NOCASE" folds ASCII letters
# as lower() does, without making a lowered copy: the team's names are lower-cased already.)
_AUTHOR = """COALESCE(t.author_id, (SELECT p.author_id FROM posts p WHERE p.community_id = :cid
                                 AND p.topic_id = t.id AND p.post_number = 1))"""
_LAST = f"""(SELECT p.post_number FROM posts p WHERE p.community_id = :cid AND p.topic_id = t.id
              AND {REGULAR.format(a="p")} ORDER BY p.post_number DESC LIMIT 1)"""
_LAST_HAS_POSTS = """(lp.post_number IS NOT NULL
  OR EXISTS (SELECT 1 FROM posts p WHERE p.community_id = :cid AND p.topic_id = t.id))"""
_LAST_WORD_QUERY = f"""
SELECT t.id, {_AUTHOR} AS author_id, tr.state AS triage_state,
       COALESCE(lp.created_at, CASE WHEN {_LAST_HAS_POSTS} THEN NULL ELSE t.last_posted_at END, t.created_at)
         AS waiting_since,
       CASE WHEN {_LAST_HAS_POSTS} THEN lp.username ELSE NULLIF(t.last_poster_username, '') END AS last_username,
       t.title, t.slug, t.category_id, t.created_at, t.views, t.like_count, t.posts_count,
       COALESCE(m.username, (SELECT p.username FROM posts p WHERE p.community_id = :cid
                AND p.topic_id = t.id AND p.post_number = 1), '') AS author_username,
       0 AS author_followups
FROM topics t INDEXED BY sqlite_autoindex_topics_1
LEFT JOIN triage tr ON tr.community_id = t.community_id AND tr.topic_id = t.id
LEFT JOIN posts lp ON lp.community_id = :cid AND lp.topic_id = t.id AND {REGULAR.format(a="lp")}
     AND lp.post_number = {_LAST}
LEFT JOIN members m ON m.community_id = :cid AND m.id = {_AUTHOR}
WHERE {_CANDIDATE}
  AND NOT CASE WHEN {_LAST_HAS_POSTS}
               THEN COALESCE(lp.staff = 1 OR lp.author_id IN (SELECT value FROM json_each(:staff))
                             OR lp.username COLLATE NOCASE IN (SELECT value FROM json_each(:team)), 0)
               ELSE COALESCE(lower(t.last_poster_username) IN (SELECT value FROM json_each(:team)), 0)
          END
ORDER BY waiting_since, t.id
"""

_UNSOLVED = """
SELECT c.id, c.author_id, c.triage_state, c.created_at AS waiting_since, NULL AS last_username FROM c
WHERE c.has_accepted_answer = 0
"""

# How many times the author posted again in their unanswered topic (definition no_reply).
_FOLLOWUPS = f"""CASE WHEN EXISTS (SELECT 1 FROM posts p WHERE p.community_id = :cid AND p.topic_id = r.id)
       THEN (SELECT COUNT(*) FROM posts p WHERE p.community_id = :cid AND p.topic_id = r.id
             AND {REGULAR.format(a="p")} AND p.post_number > 1 AND p.author_id IS r.author_id)
       ELSE MAX(t.posts_count - 1, 0) END"""

# The oldest waits first (LIMIT -1: all), then what the rows show, for the rows shown only.
_QUERY = f"""
WITH {_CANDIDATES},
r AS ({{definition}} ORDER BY waiting_since, id LIMIT :limit)
SELECT r.*, t.title, t.slug, t.category_id, t.created_at, t.views, t.like_count, t.posts_count,
       COALESCE(m.username, (SELECT p.username FROM posts p WHERE p.community_id = :cid
                AND p.topic_id = r.id AND p.post_number = 1), '') AS author_username,
       {{followups}} AS author_followups
FROM r
JOIN topics t ON t.community_id = :cid AND t.id = r.id
LEFT JOIN members m ON m.community_id = :cid AND m.id = r.author_id
ORDER BY r.waiting_since, r.id
"""

# An ORDER BY with a LIMIT keeps the first rows in a b-tree, row by row: right for a first screen,
# slower than SQLite's sorter for all rows. So the last word's query takes one only when asked to.
_LIMIT = "LIMIT :limit\n"

# Per definition, the query: (topic_id, author_id, triage_state, waiting_since, last_username, title,
# slug, category_id, created_at, views, likes, posts_count, author_username, followups). Category
# names are looked up in Python: a handful per community, read once.
_QUERIES: dict[str, str] = {
    "no_reply": _QUERY.format(definition=_NO_REPLY, followups=_FOLLOWUPS),
    "last_word_not_team": _LAST_WORD_QUERY,
    "unsolved": _QUERY.format(definition=_UNSOLVED, followups="0"),
}


def _lowered(names: Iterable[str]) -> set[str]:
    """Names as Python's lower() and SQLite's ASCII-only lower() spell them."""
    out = set()
    for name in filter(None, names):
        out.add(name.lower())
        out.add("".join(ch.lower() if ch.isascii() else ch for ch in name))
    return out


_NO_REPLY_FOR = QT_TRANSLATE_NOOP("insights", "No reply for {wait}")
_AUTHOR_AGAIN = QT_TRANSLATE_NOOP("insights", "; only the author posted again ({n}×)")
_LAST_WORD_FROM = QT_TRANSLATE_NOOP("insights", "Last word from @{user} (not team) {wait} ago")
_LAST_WORD_NOT_TEAM = QT_TRANSLATE_NOOP("insights", "Last word not from the team, {wait} ago")
_NOT_SOLVED = QT_TRANSLATE_NOOP("insights", "Not marked solved, asked {wait} ago")
_REPLY_COUNT = (
    QT_TRANSLATE_NOOP("insights", " ({n} reply)"),
    QT_TRANSLATE_NOOP("insights", " ({n} replies)"),
)
_HANDLED = QT_TRANSLATE_NOOP("insights", " · new activity since marked handled")


def _why(
    definition: str,
    wait: str,
    last_username: str | None,
    followups: int,
    replies: int,
    triage: str | None,
    *,
    tr: Translate = identity,
) -> str:
    """Why the topic is listed, ``wait`` being the wait in words (duration())."""
    if definition == "no_reply":
        text = tr(_NO_REPLY_FOR).format(wait=wait)
        if followups:
            text += tr(_AUTHOR_AGAIN).format(n=followups)
    elif definition == "last_word_not_team":
        text = (
            tr(_LAST_WORD_FROM).format(user=last_username, wait=wait)
            if last_username
            else tr(_LAST_WORD_NOT_TEAM).format(wait=wait)
        )
    else:
        text = tr(_NOT_SOLVED).format(wait=wait)
        if replies:
            text += counted(replies, *_REPLY_COUNT, tr)
    if triage == "handled":
        text += tr(_HANDLED)
    return text


# From two days on, duration() words a wait in whole days only: one text per day count.
_DAYS_WORDING = 48 * HOUR
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
_make_row = row_maker(UnansweredRow)


def _query(
    store: Store, scope: Scope, definition: UnansweredDefinition, now: dt.datetime, limit: int | None
) -> tuple[Query, dict[str, str]]:
    """The query of one community, and its categories' names."""
    cid = scope.id
    categories = store.categories(cid)
    staff = store.read().execute(_STAFF, (cid,)).fetchall()
    params = {
        "cid": cid,
        "now": ts(now),
        "limit": -1 if limit is None else limit,
        "announcements": in_list(announcement_category_ids(store, scope, categories)),
        "staff": in_list(row[0] for row in staff),
        "team": in_list(sorted(_lowered(row[1] for row in staff) | set(team_names(scope)))),
    }
    sql = _QUERIES[definition]
    if definition == "last_word_not_team" and limit is not None:
        sql += _LIMIT
    return (sql, params), {c.id: c.name for c in categories}


def _rows(
    rows: Iterable[tuple[Any, ...]],
    scope: Scope,
    definition: UnansweredDefinition,
    now: dt.datetime,
    category_names: dict[str, str],
    tr: Translate = identity,
) -> list[UnansweredRow]:
    """The rows of one community, from the rows of its query."""
    cid, community = scope.id, scope.name
    amber, red = scope.settings.thresholds_hours
    # Thousands of rows: what many of them share is worked out once, the rest with as few calls as
    # possible (the same values as severity(), duration() and (now - since).total_seconds()).
    now_us = (now - _EPOCH) // _MICROSECOND
    fromtimestamp = dt.datetime.fromtimestamp
    days_wording: dict[int, str] = {}
    calm, amber_, red_ = Severity.CALM, Severity.AMBER, Severity.RED
    last_word = definition == "last_word_not_team"
    last_word_from, last_word_not_team, handled = tr(_LAST_WORD_FROM), tr(_LAST_WORD_NOT_TEAM), tr(_HANDLED)
    out: list[UnansweredRow] = []
    append = out.append
    for (topic_id, author_id, triage_state, waiting_since, last_username, title, slug, category_id, created_at,
         views, likes, posts_count, author_username, author_followups) in rows:  # fmt: skip
        if waiting_since is None:
            continue  # no date at all: nothing honest to say about how long it waits
        since = fromtimestamp(waiting_since, UTC)
        if type(waiting_since) is int:
            waited = (now_us - waiting_since * 1_000_000) / 1_000_000
        else:
            waited = (now - since).total_seconds()
        if waited >= _DAYS_WORDING:
            wait = days_wording.get(days := int(waited // DAY))
            if wait is None:
                wait = days_wording[days] = duration(waited, tr=tr)
        else:
            wait = duration(waited, tr=tr)
        hours = waited / HOUR
        replies = posts_count - 1 if posts_count > 1 else 0
        if last_word:  # most rows, when a community uses it: _why() inlined
            why = (
                last_word_from.format(user=last_username, wait=wait)
                if last_username
                else last_word_not_team.format(wait=wait)
            )
            if triage_state == "handled":
                why += handled
        else:
            why = _why(definition, wait, last_username, author_followups, replies, triage_state, tr=tr)
        append(
            _make_row(  # the fields of UnansweredRow, in order
                cid,
                community,
                topic_id,
                slug,
                title,
                category_id,
                category_names.get(category_id, ""),
                author_id,
                author_username,
                since
                if created_at == waiting_since
                else (None if created_at is None else fromtimestamp(created_at, UTC)),
                since,
                round(hours, 2),
                views,
                likes,
                replies,
                red_ if hours >= red else amber_ if hours >= amber else calm,
                definition,
                why,
            )
        )
    return out


_WAITING_SINCE = attrgetter("waiting_since")

_STAFF = "SELECT id, username FROM members WHERE community_id = ? AND (admin = 1 OR moderator = 1)"


def unanswered_topics(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    now: dt.datetime | None = None,
    definition: UnansweredDefinition | None = None,
    limit: int | None = None,
    tr: Translate = identity,
) -> list[UnansweredRow]:
    """The topics waiting for a response in the selected communities (all if None), oldest wait first.

    Each community uses its own ``unanswered_definition`` unless ``definition`` forces one.
    ``limit`` keeps the first rows only (a first screen, or paging), computed without the others.
    ``tr`` translates the templates of the ``why`` texts (context "insights"); English by default.
    """
    at = clock(now)
    plans = [
        (scope, definition or scope.settings.unanswered_definition)
        for scope in sorted(scopes(store, community_ids), key=attrgetter("id"))
    ]
    queries = [_query(store, scope, used, at, limit) for scope, used in plans]
    rows: list[UnansweredRow] = []
    fetched = rows_ahead(store, [query for query, _ in queries])
    for (scope, used), (_, category_names), community_rows in zip(plans, queries, fetched, strict=True):
        rows.extend(_rows(community_rows, scope, used, at, category_names, tr))
    # Oldest wait first, then by community, then by topic: each community's rows come in order of
    # wait then topic (the queries' ORDER BY: SQLite compares ids as Python does), one community
    # after the other by id, so a stable sort on the wait alone puts ties in that order.
    rows.sort(key=_WAITING_SINCE)
    return rows if limit is None else rows[:limit]
