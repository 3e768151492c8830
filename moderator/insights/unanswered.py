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
from collections.abc import Iterable
from typing import ClassVar

from moderator.insights.base import (
    HOUR,
    REGULAR,
    Row,
    Scope,
    clock,
    duration,
    from_ts,
    in_list,
    scopes,
    team_names,
    ts,
)
from moderator.insights.terms import fold
from moderator.model import UTC
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


def announcement_category_ids(store: Store, scope: Scope) -> set[str]:
    """Categories never listed: named or slugged like announcements, declared, or under one of those."""
    categories = store.categories(scope.id)
    found = set(scope.settings.announcement_category_ids)
    found |= {c.id for c in categories if any(w in fold(f"{c.name} {c.slug}") for w in ANNOUNCEMENT_WORDS)}
    while True:  # sub-categories of an announcement category are announcements too
        children = {c.id for c in categories if c.parent_id in found and c.id not in found}
        if not children:
            return found
        found |= children


# The open topics of one community that may wait for an answer (materialized once: every later
# reference reads the row instead of running its subqueries again). A handled topic is kept only if
# a post arrived after it was marked; a snoozed one once its time has come.
_CANDIDATES = f"""
c AS MATERIALIZED (
  SELECT t.id, t.created_at, t.posts_count, t.participant_count, t.has_accepted_answer,
         t.last_poster_username, t.last_posted_at, tr.state AS triage_state,
         COALESCE(t.author_id, (SELECT p.author_id FROM posts p WHERE p.community_id = :cid
                                AND p.topic_id = t.id AND p.post_number = 1)) AS author_id
  FROM topics t
  LEFT JOIN triage tr ON tr.community_id = t.community_id AND tr.topic_id = t.id
  WHERE t.community_id = :cid AND t.archetype = 'regular' AND t.deleted_at IS NULL AND t.closed = 0
    AND t.archived = 0 AND t.visible = 1 AND t.pinned = 0
    AND (t.category_id IS NULL OR t.category_id NOT IN (SELECT value FROM json_each(:announcements)))
    AND (tr.state IS NULL
         OR (tr.state = 'snoozed' AND COALESCE(tr.until, 0) <= :now)
         OR (tr.state = 'handled' AND MAX(COALESCE(t.last_posted_at, 0), COALESCE(
               (SELECT MAX(p.created_at) FROM posts p WHERE p.community_id = :cid
                AND p.topic_id = t.id AND {REGULAR.format(a="p")}), 0)) > tr.changed_at))
)"""

_HAS_POSTS = "EXISTS (SELECT 1 FROM posts p WHERE p.community_id = :cid AND p.topic_id = c.id)"

# Each definition selects (id, author_id, triage_state, waiting_since, last_username) from c.
_NO_REPLY = f"""
SELECT c.id, c.author_id, c.triage_state, c.created_at AS waiting_since, NULL AS last_username FROM c
WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.community_id = :cid AND p.topic_id = c.id
                  AND {REGULAR.format(a="p")} AND p.author_id IS NOT c.author_id)
  AND ({_HAS_POSTS} OR c.posts_count <= 1 OR c.participant_count = 1)
"""

# The last regular post is read from the posts_topic_regular index alone (author, name, time, staff
# flag). Without posts stored yet, the topic list's last poster decides.
_LAST_WORD_CTE = f""",
w0 AS MATERIALIZED (
  SELECT c.*, (SELECT p.post_number FROM posts p WHERE p.community_id = :cid AND p.topic_id = c.id
               AND {REGULAR.format(a="p")} ORDER BY p.post_number DESC LIMIT 1) AS last_number
  FROM c
),
w AS MATERIALIZED (
  SELECT w0.*, CASE WHEN w0.last_number IS NULL
                    THEN EXISTS (SELECT 1 FROM posts p WHERE p.community_id = :cid AND p.topic_id = w0.id)
                    ELSE 1 END AS has_posts
  FROM w0
)"""

_LAST_WORD = """
SELECT w.id AS id, w.author_id AS author_id, w.triage_state AS triage_state,
       COALESCE(lp.created_at, CASE WHEN w.has_posts THEN NULL ELSE w.last_posted_at END, w.created_at)
         AS waiting_since,
       CASE WHEN w.has_posts THEN lp.username ELSE NULLIF(w.last_poster_username, '') END AS last_username
FROM w
LEFT JOIN posts lp ON lp.community_id = :cid AND lp.topic_id = w.id AND lp.post_type = 1 AND lp.hidden = 0
     AND lp.user_deleted = 0 AND lp.deleted_at IS NULL AND lp.post_number = w.last_number
WHERE NOT CASE WHEN w.has_posts
               THEN COALESCE(lp.staff = 1 OR lp.author_id IN (SELECT value FROM json_each(:staff))
                             OR lower(lp.username) IN (SELECT value FROM json_each(:team)), 0)
               ELSE COALESCE(lower(w.last_poster_username) IN (SELECT value FROM json_each(:team)), 0)
          END
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

# Per definition: more common table expressions, the selection, the author's follow-ups.
_DEFINITIONS: dict[str, tuple[str, str, str]] = {
    "no_reply": ("", _NO_REPLY, _FOLLOWUPS),
    "last_word_not_team": (_LAST_WORD_CTE, _LAST_WORD, "0"),
    "unsolved": ("", _UNSOLVED, "0"),
}

# The oldest waits first (LIMIT -1: all), then what the rows show, for the rows shown only.
_QUERY = f"""
WITH {_CANDIDATES}{{ctes}},
r AS ({{definition}} ORDER BY waiting_since, id LIMIT :limit)
SELECT r.*, t.title, t.slug, t.category_id, t.created_at, t.views, t.like_count, t.posts_count,
       COALESCE(cat.name, '') AS category_name,
       COALESCE(m.username, (SELECT p.username FROM posts p WHERE p.community_id = :cid
                AND p.topic_id = r.id AND p.post_number = 1), '') AS author_username,
       {{followups}} AS author_followups
FROM r
JOIN topics t ON t.community_id = :cid AND t.id = r.id
LEFT JOIN categories cat ON cat.community_id = :cid AND cat.id = t.category_id
LEFT JOIN members m ON m.community_id = :cid AND m.id = r.author_id
ORDER BY r.waiting_since, r.id
"""


def _lowered(names: Iterable[str]) -> set[str]:
    """Names as Python's lower() and SQLite's ASCII-only lower() spell them."""
    out = set()
    for name in filter(None, names):
        out.add(name.lower())
        out.add("".join(ch.lower() if ch.isascii() else ch for ch in name))
    return out


def _why(
    definition: str,
    waited: float,
    last_username: str | None,
    followups: int,
    replies: int,
    triage: str | None,
) -> str:
    wait = duration(waited)
    if definition == "no_reply":
        text = f"No reply for {wait}"
        if followups:
            text += f"; only the author posted again ({followups}×)"
    elif definition == "last_word_not_team":
        who = last_username
        text = (
            f"Last word from @{who} (not team) {wait} ago"
            if who
            else f"Last word not from the team, {wait} ago"
        )
    else:
        text = f"Not marked solved, asked {wait} ago"
        if replies:
            text += f" ({replies} {'reply' if replies == 1 else 'replies'})"
    if triage == "handled":
        text += " · new activity since marked handled"
    return text


def _rows(
    store: Store, scope: Scope, definition: UnansweredDefinition, now: dt.datetime, limit: int | None
) -> list[UnansweredRow]:
    staff = store.read().execute(_STAFF, (scope.id,)).fetchall()
    params = {
        "cid": scope.id,
        "now": ts(now),
        "limit": -1 if limit is None else limit,
        "announcements": in_list(announcement_category_ids(store, scope)),
        "staff": in_list(row[0] for row in staff),
        "team": in_list(sorted(_lowered(row[1] for row in staff) | set(team_names(scope)))),
    }
    thresholds = scope.settings.thresholds_hours
    ctes, selection, followups = _DEFINITIONS[definition]
    cursor = store.read().cursor()
    cursor.row_factory = None  # plain tuples: thousands of rows
    cursor.execute(_QUERY.format(ctes=ctes, definition=selection, followups=followups), params)
    out = []
    for row in cursor:
        (topic_id, author_id, triage_state, waiting_since, last_username, title, slug, category_id, created_at,
         views, likes, posts_count, category_name, author_username, author_followups) = row  # fmt: skip
        if waiting_since is None:
            continue  # no date at all: nothing honest to say about how long it waits
        since = dt.datetime.fromtimestamp(waiting_since, UTC)
        waited = (now - since).total_seconds()
        hours = waited / HOUR
        replies = max(posts_count - 1, 0)
        out.append(
            UnansweredRow(
                community_id=scope.id,
                community_name=scope.name,
                topic_id=topic_id,
                slug=slug,
                title=title,
                category_id=category_id,
                category_name=category_name,
                author_id=author_id,
                author_username=author_username,
                created_at=from_ts(created_at),
                waiting_since=since,
                hours_waiting=round(hours, 2),
                views=views,
                likes=likes,
                replies=replies,
                severity=severity(hours, thresholds),
                definition=definition,
                why=_why(definition, waited, last_username, author_followups, replies, triage_state),
            )
        )
    return out


_STAFF = "SELECT id, username FROM members WHERE community_id = ? AND (admin = 1 OR moderator = 1)"


def unanswered_topics(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    now: dt.datetime | None = None,
    definition: UnansweredDefinition | None = None,
    limit: int | None = None,
) -> list[UnansweredRow]:
    """The topics waiting for a response in the selected communities (all if None), oldest wait first.

    Each community uses its own ``unanswered_definition`` unless ``definition`` forces one.
    ``limit`` keeps the first rows only (a first screen, or paging), computed without the others.
    """
    at = clock(now)
    rows: list[UnansweredRow] = []
    for scope in scopes(store, community_ids):
        rows.extend(_rows(store, scope, definition or scope.settings.unanswered_definition, at, limit))
    rows.sort(key=lambda r: (r.waiting_since, r.community_id, r.topic_id))
    return rows if limit is None else rows[:limit]
