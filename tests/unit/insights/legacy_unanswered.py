"""The Unanswered queues as they were computed before the per-topic state (from every post, at each
call): the oracle the state-backed queries are compared with (test_topic_state.py). Frozen SQL; only
the function at the end is new."""

from __future__ import annotations

import datetime as dt

from moderator.insights import unanswered
from moderator.insights.base import REGULAR
from moderator.insights.unanswered import UnansweredRow
from moderator.store import Store

# ruff: noqa: E501

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


def legacy_unanswered(
    store: Store, now: dt.datetime, definition: str, community_ids: list[int] | None = None
) -> list[UnansweredRow]:
    """Every row of the queue, computed the old way (same parameters, same row builder)."""
    rows: list[UnansweredRow] = []
    for plan in unanswered._plans(store, community_ids, definition, now):  # type: ignore[arg-type]
        cursor = store.read().cursor()
        cursor.row_factory = None
        cursor.execute(_QUERIES[definition], plan.params | {"limit": -1})
        rows.extend(unanswered._rows(cursor, plan.scope, plan.definition, now, plan.category_names))
    rows.sort(key=lambda r: r.waiting_since)
    return rows
