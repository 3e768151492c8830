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
    TopicRef,
    Translate,
    clock,
    identity,
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
    # The visible recent posts, newest first: (community id, name, topic id, title, terms, forms).
    docs: list[tuple[int, str, str, str, list[str], list[str]]] = dataclasses.field(default_factory=list)


# The recent posts with their cached terms (post_terms), or their text when not cached.
_RECENT = f"""
SELECT p.topic_id, COALESCE(t.title, ''), {COUNTED},
       p.hidden = 0 AND p.deleted_at IS NULL AND p.user_deleted = 0,
       pt.terms, pt.forms, CASE WHEN pt.terms IS NULL THEN p.text END
FROM posts p
LEFT JOIN topics t ON t.community_id = p.community_id AND t.id = p.topic_id
LEFT JOIN post_terms pt ON pt.community_id = p.community_id AND pt.created_at = p.created_at
                        AND pt.post_rowid = p.rowid
WHERE p.community_id = ? AND p.created_at > ? AND p.created_at <= ? AND p.post_type = 1
ORDER BY p.created_at DESC
"""


def _tally_community(store: Store, cid: int, name: str, since: int, now: int, tally: _Tally) -> None:
    """Count the recent posts of one community into ``tally``, and its baseline beside them."""
    counted: Counter[str] = Counter()  # recent posts as the index counts them, to subtract
    counted_posts = 0
    cursor = store.read().cursor()
    cursor.row_factory = None
    for topic, title, is_counted, visible, terms, forms, text in cursor.execute(_RECENT, (cid, since, now)):
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
            tally.docs.append((cid, name, topic, title, keys, shapes))
    tally.counted.update(counted)
    tally.communities.append(cid)
    tally.baseline_posts += max(0, term_index.counted_posts(store, cid) - counted_posts)


def _baselines(store: Store, tally: _Tally, keys: list[str]) -> None:
    """Baseline counts of ``keys``: the index's totals minus the recent posts it counted."""
    for key, total in term_index.totals(store, tally.communities, keys).items():
        tally.baseline[key] = max(0, total - tally.counted[key])


def _forms_and_examples(
    tally: _Tally, keys: set[str]
) -> tuple[dict[str, str], dict[str, tuple[TopicRef, ...]]]:
    """For the listed terms: the form most often typed, and the newest topics using them."""
    forms: dict[str, Counter[str]] = {key: Counter() for key in keys}
    examples: dict[str, list[TopicRef]] = {key: [] for key in keys}
    for cid, name, topic, title, terms, shapes in tally.docs:
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
    tally = _Tally()
    for scope in selected:
        _tally_community(store, scope.id, scope.name, since, at, tally)
    candidates = {key: r for key, r in tally.recent.items() if r >= min_count}
    _baselines(store, tally, list(candidates))
    rows = []
    for key, r in candidates.items():
        b = tally.baseline[key]
        share_recent = (r + PRIOR) / (tally.posts + 1)
        share_baseline = (b + PRIOR) / (tally.baseline_posts + 1)
        growth = share_recent / share_baseline
        if growth <= 1:
            continue
        rows.append((math.log2(growth) * math.log2(1 + r), key, r, b, growth, share_recent, share_baseline))
    rows.sort(key=lambda x: (-x[0], x[1]))
    phrases = [(key, r) for _, key, r, *_ in rows if " " in key]
    kept = []
    for score, key, r, b, growth, *_ in rows:
        if " " not in key and any(
            n >= PHRASE_COVERS * r and key in phrase.split(" ") for phrase, n in phrases
        ):
            continue  # the phrase tells this word's rise
        kept.append((score, key, r, b, growth))
        if limit is not None and len(kept) >= limit:
            break
    forms, examples = _forms_and_examples(tally, {key for _, key, *_ in kept})
    why = tr(_WHY)
    out: list[TermRow] = []
    for score, key, r, b, growth in kept:
        pct_recent, pct_base = 100 * r / max(tally.posts, 1), 100 * b / max(tally.baseline_posts, 1)
        out.append(
            TermRow(
                term=forms.get(key, key),
                key=key,
                phrase=" " in key,
                recent=r,
                baseline=b,
                recent_posts=tally.posts,
                baseline_posts=tally.baseline_posts,
                growth=round(growth, 3),
                score=round(score, 4),
                examples=examples.get(key, ()),
                why=why.format(
                    recent=r,
                    recent_posts=tally.posts,
                    recent_pct=_pct(pct_recent),
                    baseline=b,
                    baseline_posts=tally.baseline_posts,
                    baseline_pct=_pct(pct_base),
                    growth=f"{growth:.1f}",
                ),
            )
        )
    return out
