"""The rising terms' sliding window (term_index.ensure_window) against counts taken from scratch.

Randomized batches with a fixed seed: posts old and new, hidden, deleted, in private messages,
removed, in several communities, with the view's clock moving forward. After each step the kept
counts must equal a count from the posts themselves, and the view's rows must equal those of the
path that reads every recent post.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter
from collections.abc import Callable

import pytest
from insights_world import NOW, Forum

from moderator.insights import term_index, trending_terms
from moderator.insights.base import DAY
from moderator.insights.terms import terms_of
from moderator.model import Archetype, SyncBatch

WORDS = [
    "thème",
    "sombre",
    "clair",
    "police",
    "mobile",
    "réunion",
    "bénévoles",
    "newsletter",
    "projet",
    "vélo",
    "atelier",
    "jardin",
    "forum",
    "compost",
    "recette",
    "soirée",
    "école",
    "budget",
    "vote",
    "idée",
    "Idée",
    "THÈME",
    "café",
    "musique",
    "lecture",
]


def _text(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(0, 9))]
    return " ".join(w + (rng.choice([".", ",", ""]) if rng.random() < 0.2 else "") for w in words)


def _recount(forum: Forum) -> Counter[str]:
    """Term totals of a community counted from its posts, from scratch."""
    rows = forum.store.read().execute(
        f"SELECT p.text FROM posts p LEFT JOIN topics t ON t.community_id = p.community_id"
        f" AND t.id = p.topic_id WHERE p.community_id = ? AND {term_index.COUNTED}",
        (forum.id,),
    )
    counts: Counter[str] = Counter()
    for (text,) in rows:
        counts.update(terms_of(text).keys())
    return counts


def _check_index(forums: list[Forum]) -> None:
    db = forums[0].store.read()
    for forum in forums:
        kept = dict(db.execute("SELECT term, posts FROM term_totals WHERE community_id = ?", (forum.id,)))
        assert kept == dict(_recount(forum))
    state = db.execute("SELECT day, members FROM term_window_state").fetchone()
    if state is None:
        return
    start = state[0] * DAY
    expected: dict[int, Counter[str]] = {}
    for forum in forums:
        counts: Counter[str] = Counter()
        rows = db.execute(
            f"SELECT p.text FROM posts p LEFT JOIN topics t ON t.community_id = p.community_id"
            f" AND t.id = p.topic_id WHERE p.community_id = ? AND p.created_at >= ? AND {term_index.COUNTED}",
            (forum.id, start),
        )
        for (text,) in rows:
            counts.update(terms_of(text).keys())
            counts[""] += 1
        expected[forum.id] = counts
        totals = dict(db.execute("SELECT term, posts FROM term_totals WHERE community_id = ?", (forum.id,)))
        window = {
            term: (n, total)
            for term, n, total in db.execute(
                "SELECT term, posts, total FROM term_window WHERE community_id = ?", (forum.id,)
            )
        }
        assert window == {term: (n, totals.get(term, 0)) for term, n in counts.items()}
        (posted,) = db.execute(
            "SELECT COUNT(*) FROM term_posts WHERE community_id = ?", (forum.id,)
        ).fetchone()
        assert posted == sum(counts.values())
    members = term_index.window_members(db)
    if members:
        summed: Counter[str] = Counter()
        for cid in members:
            summed.update(expected[cid])
        totals = dict(
            db.execute(
                "SELECT term, SUM(posts) FROM term_totals WHERE community_id IN"
                f" ({', '.join(map(str, members))}) GROUP BY term"
            )
        )
        kept_all = {
            t: (n, total) for t, n, total in db.execute("SELECT term, posts, total FROM term_window_all")
        }
        assert kept_all == {term: (n, totals.get(term, 0)) for term, n in summed.items()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_window_counts_and_rows_match_a_count_from_scratch(
    make_forum: Callable[..., Forum], monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(seed)
    forums = [make_forum(name) for name in ("a", "b", "c")]
    store = forums[0].store
    topics: dict[int, list[str]] = {f.id: [] for f in forums}
    posts: dict[int, list] = {f.id: [] for f in forums}
    clock = NOW - dt.timedelta(days=20)

    def add_batch() -> None:
        forum = rng.choice(forums)
        if not topics[forum.id] or rng.random() < 0.3:
            topic_id = f"t{len(topics[forum.id])}"
            archetype = Archetype.PRIVATE_MESSAGE if rng.random() < 0.1 else Archetype.REGULAR
            created = clock - dt.timedelta(days=rng.uniform(0, 60))
            forum.topic(topic_id, created=created, archetype=archetype, op={"cooked": f"<p>{_text(rng)}</p>"})
            topics[forum.id].append(topic_id)
        batch = []
        for _ in range(rng.randint(1, 25)):
            at = clock - dt.timedelta(hours=rng.uniform(-30, 24 * 45))  # some after the view's clock
            extra: dict = {}
            roll = rng.random()
            if roll < 0.08:
                extra["hidden"] = True
            elif roll < 0.14:
                extra["deleted_at"] = at + dt.timedelta(hours=1)
            elif roll < 0.17:
                extra["post_type"] = 3
            number = 2 + len(posts[forum.id])
            post = forum.post(
                rng.choice(topics[forum.id]), number, "7", "x", at, cooked=f"<p>{_text(rng)}</p>", **extra
            )
            batch.append(post)
        posts[forum.id].extend(batch)
        forum.add_posts(*batch)

    def change_one() -> None:
        forum = rng.choice(forums)
        if not posts[forum.id]:
            return
        post = rng.choice(posts[forum.id])
        if rng.random() < 0.5:  # hidden (or shown again) by a later sync
            changed = dataclasses.replace(post, hidden=not post.hidden)
            posts[forum.id][posts[forum.id].index(post)] = changed
            forum.add_posts(changed)
        else:  # removed: the index counts the community again
            posts[forum.id].remove(post)
            store.apply_batch(forum.id, SyncBatch(removed_post_ids=[post.id]))

    served = []
    ensure = term_index.ensure_window

    def ensure_and_note(*args: object) -> bool:
        served.append(ensure(*args))  # type: ignore[arg-type]
        return served[-1]

    monkeypatch.setattr(term_index, "ensure_window", ensure_and_note)
    selections = [None, [forums[0].id], [forums[1].id, forums[2].id], [f.id for f in forums]]
    for _step in range(14):
        for _ in range(rng.randint(1, 4)):
            add_batch()
        if rng.random() < 0.4:
            change_one()
        clock += dt.timedelta(hours=rng.uniform(0, 40))
        ids = rng.choice(selections)
        limit = rng.choice([None, 3, 50])
        term_index.refresh(store, [f.id for f in forums])
        fast = trending_terms(store, ids, now=clock, min_count=2, limit=limit, refresh=False)
        _check_index(forums)
        with monkeypatch.context() as patched:
            patched.setattr(term_index, "ensure_window", lambda *args: False)
            slow = trending_terms(store, ids, now=clock, min_count=2, limit=limit, refresh=False)
        assert fast == slow
    assert served.count(True) >= 10  # the window served most steps (else the test proves little)


def test_the_window_serves_the_view_and_moves_with_the_clock(forum: Forum) -> None:
    forum.topic("t", created=NOW - dt.timedelta(days=40), op={"cooked": "<p>Vélo cargo</p>"})
    forum.add_posts(
        *(
            forum.post("t", 50 + n, "7", "x", NOW - dt.timedelta(days=20 + n), cooked="<p>Jardin</p>")
            for n in range(15)
        )
    )
    for day in range(12):
        forum.add_posts(
            forum.post(
                "t", 2 + day, "7", "x", NOW - dt.timedelta(days=day, hours=1), cooked="<p>Vélo cargo</p>"
            )
        )
    rows = trending_terms(forum.store, now=NOW, min_count=2)
    db = forum.store.read()
    (day,) = db.execute("SELECT day FROM term_window_state").fetchone()
    assert day == (int(NOW.timestamp()) - 7 * DAY) // DAY
    assert [r.key for r in rows][:1] == ["velo cargo"] and rows[0].recent == 7
    later = NOW + dt.timedelta(days=2)
    assert trending_terms(forum.store, now=later, min_count=2)[0].recent == 5
    (moved,) = db.execute("SELECT day FROM term_window_state").fetchone()
    assert moved == day + 2
    (oldest,) = db.execute("SELECT MIN(created_at) FROM term_posts").fetchone()
    assert oldest >= moved * DAY  # the days that left the window left its rows
    # An earlier window than the kept one is still answered (by reading the recent posts).
    assert trending_terms(forum.store, now=NOW, min_count=2)[0].recent == 7
