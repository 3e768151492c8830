"""Rising terms ("mots qui montent"): the words and two-word phrases people use more than they used to.

**Recent** posts are those written in the window (``window_days``, 7 by default); the **baseline**
is the rest of the history. Both count *posts containing the term* (a word repeated ten times in one
post counts once), on regular posts outside private messages; hidden and deleted posts are not shown
nor counted as recent. Terms are words and two-word phrases with French and English stop words
removed, matched without case or accents (see ``moderator.insights.terms``) and displayed in the form
most often typed in the recent posts.

The score is a smoothed log-ratio of shares, weighted by how common the term is now::

    share_recent   = (r + 0.5) / (N_recent + 1)      r: recent posts with the term, N: recent posts
    share_baseline = (b + 0.5) / (N_baseline + 1)    b, N likewise over the baseline
    growth = share_recent / share_baseline
    score  = log2(growth) · log2(1 + r)

The ``+ 0.5`` (a Jeffreys-style prior) keeps a term never seen before from an infinite growth, and
the weight ``log2(1 + r)`` makes a term in 40 recent posts that tripled outrank one in 3 posts that
tripled. Terms in fewer than ``min_count`` recent posts are left out, and so is a word whose rise is
told by a phrase containing it (the phrase is in at least ``PHRASE_COVERS`` of the word's posts).

The baseline counts come from the cached term index (``moderator.insights.term_index``), brought up
to date at each call unless ``refresh=False``; only the recent posts are tokenized here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from typing import ClassVar

from moderator.insights import term_index
from moderator.insights.base import (
    DAY,
    QT_TRANSLATE_NOOP,
    Row,
    Scope,
    TopicRef,
    Translate,
    clock,
    identity,
    in_list,
    scopes,
    ts,
)
from moderator.insights.term_index import COUNTED
from moderator.insights.terms import terms_of
from moderator.store import Store

MIN_COUNT = 3
EXAMPLES = 3
PRIOR = 0.5
PHRASE_COVERS = 0.75

_WHY = QT_TRANSLATE_NOOP(
    "insights",
    "in {recent} of {recent_posts} recent posts ({recent_pct}%) vs {baseline} of {baseline_posts} before"
    " ({baseline_pct}%): ×{growth}",
)


@dataclasses.dataclass(frozen=True, slots=True)
class TermRow(Row):
    """One rising term with its counts and where it was used."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("term", "recent", "baseline", "growth", "why")

    term: str  # as most often typed
    key: str  # folded: how it is matched
    phrase: bool
    recent: int  # recent posts containing it
    baseline: int  # baseline posts containing it
    recent_posts: int  # all recent posts
    baseline_posts: int
    growth: float  # ratio of the smoothed shares
    score: float
    examples: tuple[TopicRef, ...]
    why: str


@dataclasses.dataclass
class _Tally:
    recent: Counter[str] = dataclasses.field(default_factory=Counter)
    posts: int = 0
    baseline: Counter[str] = dataclasses.field(default_factory=Counter)
    baseline_posts: int = 0
    counted: Counter[str] = dataclasses.field(default_factory=Counter)  # recent posts the index counted
    communities: list[int] = dataclasses.field(default_factory=list)
    # The visible recent posts: (created_at, rowid, community id, name, topic id, title, terms, forms).
    docs: list[tuple[int, int, int, str, str, str, list[str], list[str]]] = dataclasses.field(
        default_factory=list
    )


# The recent posts with their cached terms (post_terms), or their text when not cached.
_RECENT = f"""
SELECT p.created_at, p.rowid, p.topic_id, COALESCE(t.title, ''), {COUNTED},
       p.hidden = 0 AND p.deleted_at IS NULL AND p.user_deleted = 0,
       pt.terms, pt.forms, CASE WHEN pt.terms IS NULL THEN p.text END
FROM posts p
LEFT JOIN topics t ON t.community_id = p.community_id AND t.id = p.topic_id
LEFT JOIN post_terms pt ON pt.community_id = p.community_id AND pt.created_at = p.created_at
                        AND pt.post_rowid = p.rowid
WHERE p.community_id = ? AND p.created_at > ? AND p.created_at <= ? AND p.post_type = 1
"""


def _tally_community(store: Store, cid: int, name: str, since: int, now: int, tally: _Tally) -> None:
    """Count the recent posts of one community into ``tally``, and its baseline beside them."""
    counted: Counter[str] = Counter()  # recent posts as the index counts them, to subtract
    counted_posts = 0
    cursor = store.read().cursor()
    cursor.row_factory = None
    for created, rowid, topic, title, is_counted, visible, terms, forms, text in cursor.execute(
        _RECENT, (cid, since, now)
    ):
        if not is_counted:
            continue
        if terms is None:
            found = terms_of(text)
            keys, shapes = list(found), list(found.values())
        else:
            keys, shapes = (terms.split("\n"), forms.split("\n")) if terms else ([], [])
        counted.update(keys)
        counted_posts += 1
        if visible:
            tally.recent.update(keys)
            tally.posts += 1
            tally.docs.append((created, rowid, cid, name, topic, title, keys, shapes))
    tally.counted.update(counted)
    tally.communities.append(cid)
    tally.baseline_posts += max(0, term_index.counted_posts(store, cid) - counted_posts)


def _forms_and_examples(
    tally: _Tally, keys: set[str]
) -> tuple[dict[str, str], dict[str, tuple[TopicRef, ...]]]:
    """For the listed terms: the form most often typed, and the newest topics using them."""
    forms: dict[str, Counter[str]] = {key: Counter() for key in keys}
    examples: dict[str, list[TopicRef]] = {key: [] for key in keys}
    tally.docs.sort(key=lambda d: (-d[0], -d[1]))  # newest first, all communities together
    for _created, _rowid, cid, name, topic, title, terms, shapes in tally.docs:
        for key in keys.intersection(terms):
            forms[key][shapes[terms.index(key)]] += 1
            found = examples[key]
            if len(found) < EXAMPLES and all(e.topic_id != topic or e.community_id != cid for e in found):
                found.append(TopicRef(cid, name, topic, title))
    best = {key: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for key, c in forms.items() if c}
    return best, {key: tuple(found) for key, found in examples.items()}


def _pct(value: float) -> str:
    """A percentage that never reads 0.0 for a term that was used: 1 of 3,271 posts is 0.03%."""
    if value == 0 or value >= 1:
        return f"{value:.1f}"
    return f"{value:.1g}" if value >= 0.01 else "<0.01"


@dataclasses.dataclass
class _Counts:
    """What the score needs: each candidate's recent count (visible posts) and recent counted posts
    (hidden included: the index counted them), the posts on each side, and where totals come from."""

    recent: dict[str, int]  # candidates only (at least min_count)
    counted: Counter[str]  # recent posts the index counted, per term (to subtract from its totals)
    posts: int
    baseline_posts: int
    communities: list[int]
    totals: dict[str, int] | None = None  # the candidates' totals when known (else read from the index)


def _window_counts(
    store: Store, selected: list[Scope], since: int, now: int, min_count: int
) -> _Counts | None:
    """The recent counts from the sliding window the index keeps (``term_index.ensure_window``): the
    candidates are an index range, only the window's edges are read post by post. None when the
    window cannot serve this request (the caller counts the recent posts instead)."""
    ids = [s.id for s in selected]
    day = since // DAY
    if not ids or not term_index.ensure_window(store, ids, day):
        return None
    db = store.read().cursor()
    db.row_factory = None
    if len(ids) > 1:
        found = db.execute(
            "SELECT term, posts, total FROM term_window_all WHERE posts >= ?", (min_count,)
        ).fetchall()
        row = db.execute("SELECT posts FROM term_window_all WHERE term = ''").fetchone()
    else:
        found = db.execute(
            "SELECT term, posts, total FROM term_window WHERE community_id = ? AND posts >= ?",
            (ids[0], min_count),
        ).fetchall()
        row = db.execute("SELECT posts FROM term_window WHERE community_id = ? AND term = ''", ids).fetchone()
    window_posts = row[0] if row else 0
    # The window holds whole days and what came after ``now``: take out the posts outside (since, now].
    edges: list[tuple[str]] = []
    hidden: list[tuple[str]] = []
    docs = 0
    for cid in ids:
        edges += db.execute(
            "SELECT terms FROM post_terms WHERE community_id = ? AND created_at >= ?"
            " AND (created_at <= ? OR created_at > ?)",
            (cid, day * DAY, since, now),
        ).fetchall()
        # Hidden and deleted posts: counted by the index, not shown nor counted as recent.
        unseen = db.execute(
            "SELECT created_at, rowid FROM posts WHERE community_id = ? AND created_at > ? AND created_at <= ?"
            " AND post_type = 1 AND (hidden != 0 OR deleted_at IS NOT NULL OR user_deleted != 0)",
            (cid, since, now),
        ).fetchall()
        for created_at, rowid in unseen:
            hidden += db.execute(
                "SELECT terms FROM post_terms WHERE community_id = ? AND created_at = ? AND post_rowid = ?",
                (cid, created_at, rowid),
            ).fetchall()
        docs += term_index.counted_posts(store, cid)
    outside = _terms_in(edges)
    not_shown = _terms_in(hidden)
    counted: Counter[str] = Counter()
    recent = {}
    totals = {}
    for term, n, total in found:
        c = n - outside.get(term, 0)
        r = c - not_shown.get(term, 0)
        if r >= min_count and term:
            recent[term] = r
            counted[term] = c
            totals[term] = total
    counted_posts = window_posts - len(edges)
    return _Counts(recent, counted, counted_posts - len(hidden), max(0, docs - counted_posts), ids, totals)


def _terms_in(rows: list[tuple[str]]) -> Counter[str]:
    """How many of these posts (their post_terms.terms) contain each term."""
    found = Counter("\n".join(r[0] for r in rows).split("\n"))
    found.pop("", None)
    return found


def _scan_counts(
    store: Store, selected: list[Scope], since: int, now: int, min_count: int
) -> tuple[_Counts, _Tally]:
    """The recent counts by reading every recent post (any window, any state of the index)."""
    tally = _Tally()
    for scope in selected:
        _tally_community(store, scope.id, scope.name, since, now, tally)
    recent = {key: r for key, r in tally.recent.items() if r >= min_count}
    return _Counts(recent, tally.counted, tally.posts, tally.baseline_posts, tally.communities), tally


_Scored = tuple[float, str, int, int, float]  # score, key, recent, baseline, growth


def _rank(store: Store, counts: _Counts, limit: int | None) -> list[_Scored]:
    """The terms to show, best first: the candidates' baselines are read best possible score first,
    and reading stops when no candidate left could enter the list (its score with no baseline at
    all is below the last shown)."""
    n_recent, n_base = counts.posts + 1, counts.baseline_posts + 1

    def growth(r: int, b: int) -> float:
        return ((r + PRIOR) / n_recent) / ((b + PRIOR) / n_base)

    best = {}
    for key, r in counts.recent.items():
        g = growth(r, 0)
        if g > 1:
            best[key] = math.log2(g) * math.log2(1 + r)
    order = sorted(best, key=lambda k: (-best[k], k))
    phrases_of: dict[str, list[str]] = {}
    for key in best:
        if " " in key:
            for word in set(key.split(" ")):
                phrases_of.setdefault(word, []).append(key)
    scored: dict[str, _Scored | None] = {}

    def evaluate(keys: list[str]) -> None:
        totals = (
            counts.totals if counts.totals is not None else term_index.totals(store, counts.communities, keys)
        )
        for key in keys:
            r = counts.recent[key]
            b = max(0, totals.get(key, 0) - counts.counted[key])
            g = growth(r, b)
            scored[key] = (math.log2(g) * math.log2(1 + r), key, r, b, g) if g > 1 else None

    def kept() -> tuple[list[_Scored], list[str]]:
        """The shown rows among those scored, or the phrases still to score to tell them."""
        out: list[_Scored] = []
        for row in sorted((v for v in scored.values() if v), key=lambda x: (-x[0], x[1])):
            score, key, r, *_ = row
            if " " not in key:
                covering = [p for p in phrases_of.get(key, ()) if counts.recent[p] >= PHRASE_COVERS * r]
                unknown = [p for p in covering if p not in scored]
                if unknown:
                    return out, unknown
                if any(scored[p] for p in covering):
                    continue  # the phrase tells this word's rise
            out.append(row)
            if limit is not None and len(out) >= limit:
                break
        return out, []

    position, batch = 0, max(200, 4 * (limit or 0))
    rows: list[_Scored] = []
    while True:
        rows, unknown = kept()
        if unknown:
            evaluate(unknown)
            continue
        while position < len(order) and order[position] in scored:
            position += 1
        if position >= len(order):
            break
        if limit is not None and len(rows) >= limit and best[order[position]] < rows[-1][0]:
            break  # no candidate left can enter the list
        chunk = [k for k in order[position : position + batch] if k not in scored]
        position += batch
        batch *= 2
        evaluate(chunk)
    return rows


_EXAMPLES = """
SELECT tp.form, tp.community_id, p.topic_id, COALESCE(t.title, '')
FROM term_posts tp JOIN posts p ON p.rowid = tp.post_rowid
LEFT JOIN topics t ON t.community_id = p.community_id AND t.id = p.topic_id
WHERE tp.term = ? AND tp.created_at > ? AND tp.created_at <= ?
  AND tp.community_id IN (SELECT value FROM json_each(?))
  AND p.hidden = 0 AND p.deleted_at IS NULL AND p.user_deleted = 0
ORDER BY tp.created_at DESC, tp.post_rowid DESC
"""


def _window_forms_and_examples(
    store: Store, selected: list[Scope], keys: set[str], since: int, now: int
) -> tuple[dict[str, str], dict[str, tuple[TopicRef, ...]]]:
    """``_forms_and_examples`` for the shown terms only, from the window's posts per term."""
    names = {s.id: s.name for s in selected}
    ids = in_list(names)
    best: dict[str, str] = {}
    examples: dict[str, tuple[TopicRef, ...]] = {}
    db = store.read()
    for key in keys:
        forms: Counter[str] = Counter()
        found: list[TopicRef] = []
        for form, cid, topic, title in db.execute(_EXAMPLES, (key, since, now, ids)):
            forms[form] += 1
            if len(found) < EXAMPLES and all(e.topic_id != topic or e.community_id != cid for e in found):
                found.append(TopicRef(cid, names[cid], topic, title))
        if forms:
            best[key] = max(forms.items(), key=lambda kv: (kv[1], kv[0]))[0]
        examples[key] = tuple(found)
    return best, examples


def trending_terms(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    now: dt.datetime | None = None,
    window_days: int = 7,
    min_count: int = MIN_COUNT,
    limit: int | None = 50,
    refresh: bool = True,
    tr: Translate = identity,
) -> list[TermRow]:
    """The rising terms of the selected communities, taken together, highest score first.

    ``tr`` translates the template of the ``why`` texts (context "insights"); English by default.
    """
    at = ts(clock(now))
    since = at - window_days * DAY
    selected = scopes(store, community_ids)
    if refresh:
        term_index.refresh(store, [s.id for s in selected])
    counts = _window_counts(store, selected, since, at, min_count)
    tally = None
    if counts is None:
        counts, tally = _scan_counts(store, selected, since, at, min_count)
    kept = _rank(store, counts, limit)
    shown = {key for _, key, *_ in kept}
    if tally is None:
        forms, examples = _window_forms_and_examples(store, selected, shown, since, at)
    else:
        forms, examples = _forms_and_examples(tally, shown)
    why = tr(_WHY)
    out: list[TermRow] = []
    posts, baseline_posts = counts.posts, counts.baseline_posts
    for score, key, r, b, growth in kept:
        pct_recent, pct_base = 100 * r / max(posts, 1), 100 * b / max(baseline_posts, 1)
        out.append(
            TermRow(
                term=forms.get(key, key),
                key=key,
                phrase=" " in key,
                recent=r,
                baseline=b,
                recent_posts=posts,
                baseline_posts=baseline_posts,
                growth=round(growth, 3),
                score=round(score, 4),
                examples=examples.get(key, ()),
                why=why.format(
                    recent=r,
                    recent_posts=posts,
                    recent_pct=_pct(pct_recent),
                    baseline=b,
                    baseline_posts=baseline_posts,
                    baseline_pct=_pct(pct_base),
                    growth=f"{growth:.1f}",
                ),
            )
        )
    return out
