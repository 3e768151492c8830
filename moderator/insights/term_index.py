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

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable

from moderator.insights.base import DAY, in_list
from moderator.insights.terms import TOKENIZER_VERSION, terms_of
from moderator.store import Store

CHUNK = 10000  # posts read and tokenized at a time, written in one short transaction
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


def _count_chunk(store: Store, cid: int, horizon: int) -> int | None:
    """Count the terms of the next chunk of posts; the number of post rows it covered (0: up to date,
    None: another thread counted them meanwhile, try again).

    The posts are read and tokenized outside the write lock (the long part); the counts are then
    written in one short transaction, sorted by key so that SQLite walks its B-trees in order.
    """
    db = store.read()
    last_rowid, _docs = _state(db, cid) or (0, 0)
    window_day = _window_day(db)
    rows = db.execute(
        f"SELECT p.rowid, p.created_at, p.text, {COUNTED} AS counted FROM posts p"
        " LEFT JOIN topics t ON t.community_id = p.community_id AND t.id = p.topic_id"
        " WHERE p.community_id = ? AND p.rowid > ? ORDER BY p.rowid LIMIT ?",
        (cid, last_rowid, CHUNK),
    ).fetchall()
    if not rows:
        return 0
    window_from = None if window_day is None else window_day * DAY
    counts: Counter[str] = Counter()
    window: Counter[str] = Counter()
    recent = []
    posted = []  # term_posts rows
    docs = 0
    for rowid, created_at, text, counted in rows:
        if not counted:
            continue
        found = terms_of(text)
        counts.update(found.keys())
        docs += 1
        if created_at is not None and created_at >= horizon:
            recent.append((cid, created_at, rowid, "\n".join(found.keys()), "\n".join(found.values())))
        if window_from is not None and created_at is not None and created_at >= window_from:
            window.update(found.keys())
            window[""] += 1
            posted.append(("", created_at, cid, rowid, ""))
            posted.extend((term, created_at, cid, rowid, form) for term, form in found.items())
    with store.write() as db:
        if _state(db, cid) != (last_rowid, _docs) or _window_day(db) != window_day:
            return None  # counted meanwhile (another refresh) or the window moved: read again
        db.executemany(
            "INSERT INTO term_totals (term, community_id, posts) VALUES (?, ?, ?)"
            " ON CONFLICT (term, community_id) DO UPDATE SET posts = posts + excluded.posts",
            [(term, cid, n) for term, n in sorted(counts.items())],
        )
        db.executemany("INSERT OR REPLACE INTO post_terms VALUES (?, ?, ?, ?, ?)", recent)
        if window_day is not None:
            _add_window(db, cid, window, posted, counts)
        db.execute(
            "UPDATE term_index_state SET last_rowid = ?, docs = docs + ? WHERE community_id = ?",
            (rows[-1][0], docs, cid),
        )
    return len(rows)


# -- the sliding window (schema: V_TERM_WINDOW) --------------------------------------------------


def _window_day(db: sqlite3.Connection) -> int | None:
    row = db.execute("SELECT day FROM term_window_state WHERE id = 1").fetchone()
    return None if row is None else row[0]


def window_members(db: sqlite3.Connection) -> list[int]:
    """The communities whose window counts are summed in term_window_all."""
    row = db.execute("SELECT members FROM term_window_state WHERE id = 1").fetchone()
    return [] if row is None else json.loads(row[0])


def _add_window(
    db: sqlite3.Connection,
    cid: int,
    counts: Counter[str],
    posted: list[tuple[str, int, int, int, str]],
    totals: Counter[str] | None = None,
) -> None:
    """Add posts' terms to the window of ``cid`` (and to the summed window when it is a member).

    ``totals``: what was just added to term_totals for ``cid``, carried to the window rows' totals
    (before the new rows are added: those read their total from term_totals).
    """
    summed = cid in window_members(db)
    if totals:  # only the terms in the window: a chunk of old posts has many more
        present = {r[0] for r in db.execute("SELECT term FROM term_window WHERE community_id = ?", (cid,))}
        db.executemany(
            "UPDATE term_window SET total = total + ? WHERE community_id = ? AND term = ?",
            [(n, cid, term) for term, n in sorted(totals.items()) if term in present],
        )
        if summed:
            present = {r[0] for r in db.execute("SELECT term FROM term_window_all")}
            db.executemany(
                "UPDATE term_window_all SET total = total + ? WHERE term = ?",
                [(n, term) for term, n in sorted(totals.items()) if term in present],
            )
    rows = sorted(counts.items())
    db.executemany(
        "INSERT INTO term_window (community_id, term, posts, total) VALUES (?1, ?2, ?3,"
        " COALESCE((SELECT posts FROM term_totals WHERE term = ?2 AND community_id = ?1), 0))"
        " ON CONFLICT (community_id, term) DO UPDATE SET posts = posts + excluded.posts",
        [(cid, term, n) for term, n in rows],
    )
    if summed:
        members = _members_sql(db)
        db.executemany(
            "INSERT INTO term_window_all (term, posts, total) VALUES (?1, ?2,"
            f" COALESCE((SELECT SUM(posts) FROM term_totals WHERE term = ?1 AND community_id IN ({members})), 0))"
            " ON CONFLICT (term) DO UPDATE SET posts = posts + excluded.posts",
            rows,
        )
    posted.sort()
    db.executemany("INSERT OR REPLACE INTO term_posts VALUES (?, ?, ?, ?, ?)", posted)


def _members_sql(db: sqlite3.Connection) -> str:
    return ", ".join(str(int(cid)) for cid in window_members(db)) or "NULL"


def _drop_window(db: sqlite3.Connection, cid: int) -> None:
    """Forget the window of ``cid`` (it is counted again); the summed window is rebuilt when asked."""
    db.execute("DELETE FROM term_window WHERE community_id = ?", (cid,))
    db.execute("DELETE FROM term_posts WHERE community_id = ?", (cid,))
    if cid in window_members(db):
        db.execute("DELETE FROM term_window_all")
        db.execute("UPDATE term_window_state SET members = '[]'")


def _init_window(db: sqlite3.Connection, day: int) -> None:
    """Start the window at ``day``, from the terms of the recent posts already counted (post_terms)."""
    for table in ("term_window", "term_window_all", "term_posts", "term_window_state"):
        db.execute(f"DELETE FROM {table}")
    db.execute("INSERT INTO term_window_state (id, day, members) VALUES (1, ?, '[]')", (day,))
    by_community: dict[int, tuple[Counter[str], list[tuple[str, int, int, int, str]]]] = {}
    rows = db.execute(
        "SELECT community_id, created_at, post_rowid, terms, forms FROM post_terms WHERE created_at >= ?",
        (day * DAY,),
    )
    for cid, created_at, rowid, terms, forms in rows:
        counts, posted = by_community.setdefault(cid, (Counter(), []))
        keys, shapes = (terms.split("\n"), forms.split("\n")) if terms else ([], [])
        counts.update(keys)
        counts[""] += 1
        posted.append(("", created_at, cid, rowid, ""))
        posted.extend((term, created_at, cid, rowid, form) for term, form in zip(keys, shapes, strict=True))
    for cid, (counts, posted) in by_community.items():
        _add_window(db, cid, counts, posted)


def _advance_window(db: sqlite3.Connection, day: int) -> None:
    """Move the window's start forward to ``day``: the posts of the days before it leave."""
    cutoff = day * DAY
    gone = db.execute(
        "SELECT community_id, term, COUNT(*) FROM term_posts WHERE created_at < ? GROUP BY community_id, term",
        (cutoff,),
    ).fetchall()
    members = set(window_members(db))
    db.executemany(
        "UPDATE term_window SET posts = posts - ? WHERE community_id = ? AND term = ?",
        [(n, cid, term) for cid, term, n in gone],
    )
    summed: Counter[str] = Counter()
    for cid, term, n in gone:
        if cid in members:
            summed[term] += n
    db.executemany(
        "UPDATE term_window_all SET posts = posts - ? WHERE term = ?", [(n, t) for t, n in summed.items()]
    )
    db.execute("DELETE FROM term_window WHERE posts <= 0")
    db.execute("DELETE FROM term_window_all WHERE posts <= 0")
    db.execute("DELETE FROM term_posts WHERE created_at < ?", (cutoff,))
    db.execute("UPDATE term_window_state SET day = ?", (day,))


def _sum_window(db: sqlite3.Connection, members: list[int]) -> None:
    """Rebuild the summed window over ``members`` from their own windows and totals."""
    db.execute("DELETE FROM term_window_all")
    db.execute("UPDATE term_window_state SET members = ?", (json.dumps(sorted(members)),))
    ids = _members_sql(db)
    db.execute(
        "INSERT INTO term_window_all (term, posts, total) SELECT w.term, w.posts,"
        " COALESCE((SELECT SUM(posts) FROM term_totals tt WHERE tt.term = w.term"
        f" AND tt.community_id IN ({ids})), 0)"
        f" FROM (SELECT term, SUM(posts) AS posts FROM term_window WHERE community_id IN ({ids})"
        " GROUP BY term) w ORDER BY w.term"
    )


def ensure_window(store: Store, community_ids: list[int], day: int) -> bool:
    """Make the sliding window start at ``day`` for these communities, counted and up to date; False
    when it cannot serve them (a window starting later, posts not yet counted, a day older than the
    recent posts' terms kept): the caller then counts the recent posts itself."""
    db = store.read()
    if not all(_up_to_date(db, cid) for cid in community_ids):
        return False
    current = _window_day(db)
    if current is not None and current > day:
        return False
    for cid in community_ids:  # the window's edges are read from post_terms: it must reach back
        if _horizon(db, cid) > day * DAY:
            return False
    wanted = sorted(community_ids)
    summed = len(wanted) > 1  # several communities: their sum is kept in term_window_all
    if current == day and (not summed or window_members(db) == wanted):
        return True
    with store.write() as db:
        current = _window_day(db)
        if current is None or day - current > RECENT_DAYS:
            _init_window(db, day)
        elif current < day:
            _advance_window(db, day)
        elif current > day:
            return False
        if summed and window_members(db) != wanted:
            _sum_window(db, wanted)
    return True


def _horizon(db: sqlite3.Connection, cid: int) -> int:
    newest = db.execute("SELECT MAX(created_at) FROM posts WHERE community_id = ?", (cid,)).fetchone()[0]
    return (newest or 0) - RECENT_DAYS * DAY


def _start(db: sqlite3.Connection, cid: int) -> tuple[int, int]:
    """Begin a count: from scratch if needed, else from the last post counted. (horizon, posts to count)."""
    if _state(db, cid) is None:
        for table in ("term_totals", "post_terms", "term_index_state"):
            db.execute(f"DELETE FROM {table} WHERE community_id = ?", (cid,))
        _drop_window(db, cid)
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
            n = _count_chunk(store, cid, horizon)
            if n is None:
                continue
            if not n:
                break
            counted += n
            if progress is not None:
                progress(counted, total)
        done += counted
    return done


def totals(store: Store, community_ids: Iterable[int], terms: Iterable[str]) -> dict[str, int]:
    """In how many counted posts of these communities each of ``terms`` appears (all history).

    The terms are looked up in key order (neighbouring pages of term_totals); the communities are
    written into the query as integers (a sub-select per term costs twice as much).
    """
    ids = sorted({int(cid) for cid in community_ids})
    if not ids:
        return {}
    where = f"community_id = {ids[0]}" if len(ids) == 1 else f"community_id IN ({', '.join(map(str, ids))})"
    rows = store.read().execute(
        f"SELECT j.value, (SELECT SUM(posts) FROM term_totals WHERE term = j.value AND {where})"
        " FROM json_each(?) j",
        (in_list(sorted(set(terms))),),
    )
    return {term: n for term, n in rows if n is not None}


def counted_posts(store: Store, community_id: int) -> int:
    """How many posts of the community the index counted terms of."""
    state = _state(store.read(), community_id)
    return 0 if state is None else state[1]
