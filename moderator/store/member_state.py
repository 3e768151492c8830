"""Each member's posting state, kept up to date as posts are stored (issue 17).

The silent-members view and the participation headline (``moderator.insights.silent``) ask, for
every member, whether they ever posted, how many regular posts they wrote and when they last wrote a
post of the regular type. Asked of the posts at each call, that was a few index seeks per member
(a second at 100k members). ``member_posts`` keeps the answers, one row per author who has any post
stored in a community:

``regular_posts``
    their regular posts stored: ``post_type = 1``, not hidden, not deleted (``insights.base.REGULAR``);
``last_typed_at``
    the ``created_at`` of their latest post of type 1, whatever its state (hidden and deleted
    included): "none since the quiet window opened" is ``last_typed_at < quiet_start``.

How it stays exact, whatever a sync does:

* **new posts** (the common case, counted in bulk): posts above ``member_posts_mark.last_rowid``
  are not counted yet; ``catch_up`` adds them to their authors' rows (a sum and a max per author)
  and moves the mark to the newest post. ``Store.apply_batch`` calls it at the end of each batch,
  in the batch's transaction; the views call ``refresh`` first, so posts stored another way (a
  generated store, a test) are counted too before they are read.
* **a stored post that changes** what the state counts (its author, time, type, hidden, deleted)
  or **is deleted**: a trigger puts its author(s) in ``member_posts_dirty`` (no per-row work on a
  plain insert); ``catch_up`` counts those members again from the ``posts_author`` index. A
  deleted newest post lowers the mark, since SQLite gives its rowid to the next post.

The tables and triggers are schema ``V_MEMBER_POSTS`` (``moderator.store.schema``), whose
backfill counts the posts already stored. ``expected`` computes the same rows from scratch (the tests compare both after random batches).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from moderator.store import Store

# The regular posts of insights.base.REGULAR, for a posts table aliased p.
_REGULAR = "p.post_type = 1 AND p.hidden = 0 AND p.deleted_at IS NULL AND p.user_deleted = 0"

# The posts above the mark, added to their authors' rows.
_ADD_NEW = f"""
INSERT INTO member_posts (community_id, member_id, regular_posts, last_typed_at)
SELECT p.community_id, p.author_id, SUM({_REGULAR}), MAX(CASE WHEN p.post_type = 1 THEN p.created_at END)
FROM posts p WHERE p.rowid > :mark AND p.author_id IS NOT NULL
GROUP BY p.community_id, p.author_id
ON CONFLICT (community_id, member_id) DO UPDATE SET
    regular_posts = member_posts.regular_posts + excluded.regular_posts,
    last_typed_at = CASE WHEN member_posts.last_typed_at IS NULL
                           OR excluded.last_typed_at > member_posts.last_typed_at
                         THEN excluded.last_typed_at ELSE member_posts.last_typed_at END
"""

# One member counted from their posts: (count of regular posts, latest type-1 post), NULL row when
# they have none (the posts_author index answers).
_COUNT = f"""
SELECT d.community_id, d.member_id,
       (SELECT COUNT(*) FROM posts p WHERE p.community_id = d.community_id AND p.author_id = d.member_id
                                       AND {_REGULAR}),
       (SELECT MAX(p.created_at) FROM posts p WHERE p.community_id = d.community_id
                                                AND p.author_id = d.member_id AND p.post_type = 1)
FROM {{source}} d
WHERE EXISTS (SELECT 1 FROM posts p WHERE p.community_id = d.community_id AND p.author_id = d.member_id)
"""

_RECOUNT = [
    "DELETE FROM member_posts WHERE (community_id, member_id) IN"
    " (SELECT community_id, member_id FROM member_posts_dirty)",
    "INSERT INTO member_posts (community_id, member_id, regular_posts, last_typed_at)"
    + _COUNT.format(source="member_posts_dirty"),
    "DELETE FROM member_posts_dirty",
]


def _newest(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT COALESCE(MAX(rowid), 0) FROM posts").fetchone()[0])


def pending(db: sqlite3.Connection) -> bool:
    """Whether posts were stored or changed since the state was last brought up to date."""
    mark = db.execute("SELECT last_rowid FROM member_posts_mark").fetchone()
    if mark is None or _newest(db) != mark[0]:
        return True
    return db.execute("SELECT 1 FROM member_posts_dirty LIMIT 1").fetchone() is not None


def catch_up(db: sqlite3.Connection) -> None:
    """Bring ``member_posts`` up to date with the posts, inside the caller's write transaction.

    New posts first (added), then the members marked dirty (counted again from their posts, which
    includes any new post of theirs: a recount is absolute)."""
    row = db.execute("SELECT last_rowid FROM member_posts_mark").fetchone()
    mark = 0 if row is None else int(row[0])
    newest = _newest(db)
    if newest > mark:
        db.execute(_ADD_NEW, {"mark": mark})
    if newest != mark or row is None:
        db.execute("INSERT OR REPLACE INTO member_posts_mark (id, last_rowid) VALUES (0, ?)", (newest,))
    if db.execute("SELECT 1 FROM member_posts_dirty LIMIT 1").fetchone() is not None:
        for statement in _RECOUNT:
            db.execute(statement)


def refresh(store: Store) -> None:
    """Make sure the state counts every stored post before a view reads it (a write only when
    something is pending: posts stored without ``apply_batch``)."""
    if pending(store.read()):
        with store.write() as db:
            catch_up(db)


def expected(db: sqlite3.Connection) -> set[tuple[int, str, int, int | None]]:
    """The state computed from scratch from the posts (for the tests and for checking a store)."""
    source = "(SELECT DISTINCT community_id, author_id AS member_id FROM posts WHERE author_id IS NOT NULL)"
    return {tuple(r) for r in db.execute(_COUNT.format(source=source))}  # type: ignore[misc]


def stored(db: sqlite3.Connection) -> set[tuple[int, str, int, int | None]]:
    """The state as kept."""
    rows = db.execute("SELECT community_id, member_id, regular_posts, last_typed_at FROM member_posts")
    return {tuple(r) for r in rows}  # type: ignore[misc]
