"""The cached counts behind trending terms, per community.

Trending terms compares the recent posts with the rest of the history. Tokenizing the whole history
at each call would not fit the time budget of a view, nor would tokenizing the recent posts, so two
things are kept up to date incrementally:

* ``term_totals``: in how many posts each term (word or two-word phrase, folded) appears, over all
  the counted posts. The baseline of a term is its total minus its recent count.
* ``post_terms``: the terms of each post of the last ``RECENT_DAYS`` (counted back from the
  community's newest post), with the forms they were typed in. Older rows are dropped as time goes.

``Store.apply_batch`` flags a community's index *pending* when it adds posts (code writing posts
directly calls ``moderator.store.mark_terms_pending``) and a trigger on ``posts`` (schema v2) flags
it *stale* when a counted post is removed. Bringing the index up to date is then one read when nothing
changed; else it counts the posts with a ``rowid`` past the last one counted, in chunks, each chunk
one write transaction, so a sync can interleave. Everything is recounted when the index is stale (a
clear, a removal, a re-sync) or the tokenizer or the stop words changed (``TOKENIZER_VERSION``).
Edited posts keep the terms of their first text until a recount — a small drift.

Counted posts: regular posts (``post_type`` 1) outside private messages, hidden or deleted or not
(their state can change later; the recent side subtracts them in the same way, see ``COUNTED``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable

from moderator.insights.base import DAY, in_list
from moderator.insights.terms import TOKENIZER_VERSION, terms_of
from moderator.store import Store

CHUNK = 5000
RECENT_DAYS = 35  # post_terms keeps this much: windows of trending terms up to a month are served

# The posts the index counts (alias p for posts, t for their topic, maybe missing).
COUNTED = "p.post_type = 1 AND (t.archetype IS NULL OR t.archetype != 'private_message')"

Progress = Callable[[int, int], None]


def _state(db: sqlite3.Connection, cid: int) -> tuple[int, int] | None:
    """(last counted rowid, counted posts) when the index can be built on; None: count from scratch."""
    row = db.execute(
        "SELECT last_rowid, docs FROM term_index_state WHERE community_id = ? AND version = ? AND stale = 0",
        (cid, TOKENIZER_VERSION),
    ).fetchone()
    return None if row is None else (row[0], row[1])


def _up_to_date(db: sqlite3.Connection, cid: int) -> bool:
    """No post added or removed since the last count (the store keeps the flags)."""
    row = db.execute(
        "SELECT pending = 0 AND stale = 0 FROM term_index_state WHERE community_id = ? AND version = ?",
        (cid, TOKENIZER_VERSION),
    ).fetchone()
    return bool(row and row[0])


def _index_chunk(db: sqlite3.Connection, cid: int, horizon: int) -> int:
    """Count the terms of the next chunk of posts; the number of post rows it covered (0: up to date)."""
    last_rowid, docs = _state(db, cid) or (0, 0)
    rows = db.execute(
        f"SELECT p.rowid, p.created_at, p.text, {COUNTED} AS counted FROM posts p"
        " LEFT JOIN topics t ON t.community_id = p.community_id AND t.id = p.topic_id"
        " WHERE p.community_id = ? AND p.rowid > ? ORDER BY p.rowid LIMIT ?",
        (cid, last_rowid, CHUNK),
    ).fetchall()
    if not rows:
        return 0
    counts: Counter[str] = Counter()
    recent = []
    for rowid, created_at, text, counted in rows:
        if not counted:
            continue
        found = terms_of(text)
        counts.update(found.keys())
        docs += 1
        if created_at is not None and created_at >= horizon:
            recent.append((cid, created_at, rowid, "\n".join(found.keys()), "\n".join(found.values())))
    db.executemany(
        "INSERT INTO term_totals (term, community_id, posts) VALUES (?, ?, ?)"
        " ON CONFLICT (term, community_id) DO UPDATE SET posts = posts + excluded.posts",
        [(term, cid, n) for term, n in counts.items()],
    )
    db.executemany("INSERT OR REPLACE INTO post_terms VALUES (?, ?, ?, ?, ?)", recent)
    db.execute(
        "UPDATE term_index_state SET last_rowid = ?, docs = ? WHERE community_id = ?",
        (rows[-1][0], docs, cid),
    )
    return len(rows)


def _horizon(db: sqlite3.Connection, cid: int) -> int:
    newest = db.execute("SELECT MAX(created_at) FROM posts WHERE community_id = ?", (cid,)).fetchone()[0]
    return (newest or 0) - RECENT_DAYS * DAY


def _start(db: sqlite3.Connection, cid: int) -> tuple[int, int]:
    """Begin a count: from scratch if needed, else from the last post counted. (horizon, posts to count)."""
    if _state(db, cid) is None:
        for table in ("term_totals", "post_terms", "term_index_state"):
            db.execute(f"DELETE FROM {table} WHERE community_id = ?", (cid,))
        db.execute(
            "INSERT INTO term_index_state (community_id, last_rowid, docs, version) VALUES (?, 0, 0, ?)",
            (cid, TOKENIZER_VERSION),
        )
    db.execute("UPDATE term_index_state SET pending = 0 WHERE community_id = ?", (cid,))
    horizon = _horizon(db, cid)
    db.execute("DELETE FROM post_terms WHERE community_id = ? AND created_at < ?", (cid, horizon))
    last = db.execute("SELECT last_rowid FROM term_index_state WHERE community_id = ?", (cid,)).fetchone()[0]
    total = db.execute(
        "SELECT COUNT(*) FROM posts WHERE community_id = ? AND rowid > ?", (cid, last)
    ).fetchone()
    return horizon, total[0]


def refresh(store: Store, community_ids: Iterable[int], *, progress: Progress | None = None) -> int:
    """Bring the term index of these communities up to date; the number of posts counted now.

    Cheap when nothing changed (one read). ``progress(done, total)`` is called after each chunk of a
    community, for a first count over a large history.
    """
    done = 0
    for cid in community_ids:
        if _up_to_date(store.read(), cid):
            continue
        with store.write() as db:
            horizon, total = _start(db, cid)
        counted = 0
        while True:
            with store.write() as db:
                n = _index_chunk(db, cid, horizon)
            if not n:
                break
            counted += n
            if progress is not None:
                progress(counted, total)
        done += counted
    return done


def totals(store: Store, community_ids: Iterable[int], terms: Iterable[str]) -> dict[str, int]:
    """In how many counted posts of these communities each of ``terms`` appears (all history)."""
    return dict(
        store.read()
        .execute(
            "SELECT tt.term, SUM(tt.posts) FROM json_each(?) j JOIN term_totals tt ON tt.term = j.value"
            " AND tt.community_id IN (SELECT value FROM json_each(?)) GROUP BY tt.term",
            (in_list(terms), in_list(community_ids)),
        )
        .fetchall()
    )


def counted_posts(store: Store, community_id: int) -> int:
    """How many posts of the community the index counted terms of."""
    state = _state(store.read(), community_id)
    return 0 if state is None else state[1]
