"""Per-topic state kept up to date as posts are stored, so the Unanswered queues never read posts.

Each topic row carries what the three definitions of ``moderator.insights.unanswered`` need from its
posts (columns added by the V_TOPIC_STATE migration, NULL until the topic's posts were counted):

``st_posts``
    How many posts of the topic are stored, of any kind (0: none; the platform's counts then decide).
``st_reply_number``, ``st_reply_at``
    The first *regular* post (not a whisper, small action, hidden or deleted post) by someone other
    than the topic's author (``topics.author_id``, else the author of post 1): its number and time.
    NULL: nobody but the author has replied (``no_reply``).
``st_last_number``, ``st_last_author_id``, ``st_last_username``, ``st_last_at``, ``st_last_staff``
    The last regular post (highest post number): who wrote it, when, and whether it was flagged as
    written by staff (``last_word_not_team``). Whether its author is on the team is decided when the
    queue is read, against the team of that moment (settings and staff can change).
``st_active_at``
    The latest time of a regular post (a topic marked handled comes back when it is later than the mark).
``st_waiting_at`` (generated, not stored)
    When the last word was said: the last regular post's time when posts are stored, else the
    platform's ``last_posted_at``; the topic's creation when neither is known.

Partial indexes over the open topics (schema) give each queue in wait order, so a queue's first
screen and its count read index entries of waiting topics only, whatever the number of posts.

``refresh`` recomputes the state of the topics a write touched, from their posts, with the
``posts_topic_regular`` index (a few index entries per topic): exact after inserts, edits,
deletions, hidden posts and posts arriving in any order, because nothing is derived from the
previous state. ``Store.apply_batch`` calls it once per batch; code that writes posts directly
(generators, tests) calls ``refresh_all``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

# A regular post of the topic being updated (alias p), as moderator.insights.base.REGULAR says.
_OF_TOPIC = "p.community_id = topics.community_id AND p.topic_id = topics.id"
_REGULAR = "p.post_type = 1 AND p.hidden = 0 AND p.deleted_at IS NULL AND p.user_deleted = 0"
_AUTHOR = """COALESCE(topics.author_id, (SELECT q.author_id FROM posts q
    WHERE q.community_id = topics.community_id AND q.topic_id = topics.id AND q.post_number = 1))"""

STATE_COLUMNS = (
    "st_posts",
    "st_reply_number",
    "st_reply_at",
    "st_last_number",
    "st_last_author_id",
    "st_last_username",
    "st_last_at",
    "st_last_staff",
    "st_active_at",
)

# The new state of each topic the statement updates, from its posts only.
_SET = f"""SET st_posts = (SELECT COUNT(*) FROM posts p WHERE {_OF_TOPIC}),
    (st_reply_number, st_reply_at) = (SELECT p.post_number, p.created_at FROM posts p
        WHERE {_OF_TOPIC} AND {_REGULAR} AND p.author_id IS NOT {_AUTHOR}
        ORDER BY p.post_number LIMIT 1),
    (st_last_number, st_last_author_id, st_last_username, st_last_at, st_last_staff) = (
        SELECT p.post_number, p.author_id, p.username, p.created_at, p.staff FROM posts p
        WHERE {_OF_TOPIC} AND {_REGULAR} ORDER BY p.post_number DESC LIMIT 1),
    st_active_at = (SELECT MAX(p.created_at) FROM posts p INDEXED BY posts_topic_regular
        WHERE {_OF_TOPIC} AND {_REGULAR})"""

_REFRESH = f"UPDATE topics {_SET} WHERE community_id = ? AND id IN (SELECT value FROM json_each(?))"
_REFRESH_COMMUNITY = f"UPDATE topics {_SET} WHERE community_id = ?"
_REFRESH_ALL = f"UPDATE topics {_SET}"


def refresh(db: sqlite3.Connection, community_id: int, topic_ids: Iterable[str]) -> None:
    """Recompute the state of these topics of a community from their stored posts (inside the
    caller's write transaction). Topics not stored (yet) are skipped: their state is computed when
    they arrive, as a batch's topics are refreshed too."""

    ids = sorted(set(topic_ids))  # in key order: neighbouring topics share pages
    if ids:
        db.execute(_REFRESH, (community_id, json.dumps(ids)))


def refresh_all(db: sqlite3.Connection, community_id: int | None = None) -> None:
    """Recompute every topic's state (of one community, or all): after writing posts directly."""
    if community_id is None:
        db.execute(_REFRESH_ALL)
    else:
        db.execute(_REFRESH_COMMUNITY, (community_id,))


def stored_posts(db: sqlite3.Connection, community_id: int, post_ids: Iterable[str]) -> dict[str, str]:
    """The topic of each of these posts already stored (id -> topic id): a post moved to another
    topic, or removed, changes the state of the topic it leaves too. New posts are not in it."""
    ids = list(post_ids)
    if not ids:
        return {}
    rows = db.execute(
        "SELECT id, topic_id FROM posts WHERE community_id = ? AND id IN (SELECT value FROM json_each(?))",
        (community_id, json.dumps(ids)),
    )
    return dict(rows.fetchall())
