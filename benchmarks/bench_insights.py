"""How long the animator's views take on a large local copy.

    python -m benchmarks.bench_insights [--posts 200000] [--members 20000] [--communities 5] [--runs 5]

Builds a store in a temporary directory with direct ``executemany`` inserts (the FTS triggers run,
as in real use): 5 communities, 20k members, 200k posts over 18 months (about 2.5k a week), topics
of about ten posts, text drawn from a 4000-word vocabulary with Zipf frequencies, the staff and team
writing about a quarter of the posts, a quarter of the members posting at all,
a topic snapshot in the hour after each post of the last 70 days (as syncs would take them).
``--db PATH`` keeps the built store there (and reuses it when it exists) for profiling. Then times each view over all communities, median of
``--runs`` runs. The target is under 100 ms per view.

Trending terms needs its term index (``moderator.insights.term_index``); building it over the whole
history is a one-time cost, timed and printed separately, as is an incremental refresh after a
sync brought a few posts. The timed runs of ``trending_terms`` include the (no-op) refresh check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from moderator.insights import (
    participation,
    silent_members,
    term_index,
    trending_ideas,
    trending_terms,
    unanswered_topics,
)
from moderator.model import UTC, AuthKind, Community, Platform
from moderator.store import Store, mark_terms_pending, topic_state

NOW = dt.datetime(2026, 5, 20, 12, 0, tzinfo=UTC)
DAY = 86400

WORDS = [
    "idée",
    "thème",
    "sombre",
    "mode",
    "application",
    "mobile",
    "bénévoles",
    "réunion",
    "newsletter",
    "projet",
    "atelier",
    "formation",
    "événement",
    "inscription",
    "calendrier",
    "cotisation",
    "adhésion",
    "forum",
    "discussion",
    "proposition",
    "vote",
    "budget",
    "association",
    "jardin",
    "partagé",
    "compost",
    "recette",
    "cuisine",
    "vélo",
    "réparation",
    "covoiturage",
    "école",
    "parents",
    "bibliothèque",
    "lecture",
    "livre",
    "club",
    "photo",
    "concours",
    "exposition",
    "musique",
    "concert",
    "répétition",
    "chorale",
    "theme",
    "dark",
    "mode",
    "app",
    "release",
    "feature",
    "request",
    "bug",
    "report",
    "login",
    "password",
    "email",
    "notification",
    "dashboard",
    "export",
    "import",
    "settings",
    "profile",
    "avatar",
    "privacy",
    "security",
    "update",
    "version",
    "mobile",
    "desktop",
    "meeting",
    "volunteers",
    "workshop",
    "training",
    "event",
    "calendar",
    "membership",
    "fee",
    "garden",
    "recipe",
    "bike",
    "repair",
    "carpool",
    "school",
    "library",
    "reading",
    "book",
    "photo",
    "contest",
    "exhibition",
    "music",
    "concert",
    "rehearsal",
    "choir",
    "le",
    "la",
    "les",
    "de",
    "des",
    "un",
    "une",
    "et",
    "est",
    "pour",
    "que",
    "qui",
    "dans",
    "sur",
    "avec",
    "pas",
    "plus",
    "merci",
    "bonjour",
    "the",
    "and",
    "of",
    "to",
    "is",
    "in",
    "it",
    "for",
    "that",
    "this",
    "with",
    "on",
    "you",
    "are",
    "be",
    "thanks",
    "hello",
    "please",
]


def _vocabulary(rng: random.Random, size: int = 4000) -> tuple[list[str], list[float]]:
    """Real words and made-up ones, with Zipf weights (the commonest words are the stop words)."""
    syllables = [
        "ba",
        "be",
        "bi",
        "bo",
        "bu",
        "da",
        "de",
        "di",
        "do",
        "du",
        "fa",
        "fe",
        "fi",
        "fo",
        "la",
        "le",
        "li",
        "lo",
        "ma",
        "me",
        "mi",
        "mo",
        "na",
        "ne",
        "ni",
        "no",
        "ra",
        "re",
        "ri",
        "ro",
        "sa",
        "se",
        "si",
        "so",
        "ta",
        "te",
        "ti",
        "to",
        "va",
        "ve",
        "vi",
    ]
    words = list(WORDS)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    stop = [w for w in words if w in STOPS]
    rest = [w for w in words if w not in STOPS]
    ordered = stop + rest
    cumulative, total = [], 0.0
    for rank in range(1, len(ordered) + 1):
        total += 1 / rank
        cumulative.append(total)
    return ordered, cumulative


STOPS = set(
    [
        "le",
        "la",
        "les",
        "de",
        "des",
        "un",
        "une",
        "et",
        "est",
        "pour",
        "que",
        "qui",
        "dans",
        "sur",
        "avec",
        "pas",
        "plus",
        "merci",
        "bonjour",
        "the",
        "and",
        "of",
        "to",
        "is",
        "in",
        "it",
        "for",
        "that",
        "this",
        "with",
        "on",
        "you",
        "are",
        "be",
        "thanks",
        "hello",
        "please",
    ]
)


def _text(rng: random.Random, vocabulary: tuple[list[str], list[float]]) -> str:
    words, cumulative = vocabulary
    sentences = []
    for _ in range(rng.randint(1, 4)):
        picked = rng.choices(words, cum_weights=cumulative, k=rng.randint(6, 16))
        sentences.append(" ".join(picked).capitalize() + ".")
    return " ".join(sentences)


def build(path: Path, *, communities: int, members: int, posts: int, seed: int = 7) -> Store:
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    store = Store(path)
    now = int(NOW.timestamp())
    per_members, per_posts = members // communities, posts // communities
    per_topics = per_posts // 10
    for c in range(communities):
        community = store.add_community(
            Community(
                name=f"c{c}",
                platform=Platform.DISCOURSE,
                base_url=f"https://c{c}.example.org",
                username="anim",
                auth_kind=AuthKind.USER_KEY,
                settings={"team_usernames": ["helper"]},
            )
        )
        cid = community.id
        assert cid is not None
        # Members: a few heavy writers, some contributors, most only read or never came back.
        member_rows = []
        weights = []
        for m in range(1, per_members + 1):
            kind = rng.random()
            weight = 0.0 if kind < 0.75 else (50.0 if kind > 0.99 else rng.uniform(0.2, 3))
            if m <= 7:  # the staff and the animation team answer a good share of the topics
                weight = 150.0
            weights.append(weight)
            reads = rng.randint(0, 400) if kind > 0.3 else 0
            member_rows.append(
                (
                    cid,
                    str(m),
                    f"user{m}",
                    f"User {m}",
                    rng.randint(0, 3),
                    int(m <= 3),
                    int(3 < m <= 6),
                    now - rng.randint(0, 700) * DAY,
                    now - rng.randint(0, 120) * DAY,
                    None,
                    None,
                    0,
                    reads,
                    reads // 10,
                    reads // 5,
                    rng.randint(0, 20) if reads else 0,
                    0,
                    reads * 30,
                )
            )
        topic_rows = []
        topic_times = []
        post_rows = []
        authors = list(range(1, per_members + 1))
        post_id = 0
        for t in range(1, per_topics + 1):
            created = now - int(rng.random() * 540 * DAY)  # 18 months: about 2.5k posts a week
            n = max(1, int(rng.expovariate(1 / 10)))
            closed = rng.random() < 0.05
            times = sorted(created + int(rng.expovariate(1 / (3 * DAY))) for _ in range(n - 1))
            times = [created] + [min(x, now) for x in times]
            chosen = rng.choices(authors, weights=weights, k=n)
            topic_times.append(times)
            likes_total = 0
            for number, (at, author) in enumerate(zip(times, chosen, strict=True), start=1):
                post_id += 1
                likes = int(rng.expovariate(1 / 2))
                likes_total += likes
                post_rows.append(
                    (
                        cid,
                        str(post_id),
                        str(t),
                        number,
                        str(author),
                        f"user{author}",
                        at,
                        at,
                        None,
                        "",
                        _text(rng, vocabulary),
                        None,
                        likes,
                        1 if rng.random() > 0.02 else 3,
                        int(rng.random() < 0.01),
                        None,
                        0,
                        int(author <= 6),
                    )
                )
            topic_rows.append(
                (
                    cid,
                    str(t),
                    f"Topic {t}",
                    f"topic-{t}",
                    str(rng.randint(1, 12)),
                    str(chosen[0]),
                    created,
                    times[-1],
                    times[-1],
                    n,
                    n - 1,
                    n,
                    rng.randint(10, 3000),
                    likes_total,
                    len(set(chosen)),
                    int(closed),
                    0,
                    int(rng.random() < 0.002),
                    1,
                    "private_message" if rng.random() < 0.03 else "regular",
                    None if rng.random() < 0.5 else int(rng.random() < 0.4),
                    "[]",
                    None,
                    f"user{chosen[-1]}",
                    "",
                )
            )
        counts: dict[str, int] = {}
        for row in post_rows:
            counts[row[4]] = counts.get(row[4], 0) + 1
        member_rows = [r[:10] + (counts.get(r[1], 0),) + r[11:] for r in member_rows]
        # A sync sees a topic again when it is bumped: one snapshot in the hour after each post of the
        # last 70 days, with the counts of that time (likes and views grow with the topic's posts).
        snapshot_rows = {}
        for row, times in zip(topic_rows, topic_times, strict=True):
            for number, at in enumerate(times, start=1):
                if at >= now - 70 * DAY:
                    taken = (at // 3600 + 1) * 3600
                    grow = number / len(times)
                    snapshot_rows[(row[1], taken)] = (
                        cid,
                        row[1],
                        taken,
                        number,
                        int(row[13] * grow),
                        int(row[12] * grow),
                        None,
                        number - 1,
                    )
        with store.write() as db:
            db.executemany(
                "INSERT INTO categories (community_id, id, name, slug) VALUES (?, ?, ?, ?)",
                [
                    (cid, str(i), "Announcements" if i == 1 else f"Category {i}", f"cat-{i}")
                    for i in range(1, 13)
                ],
            )
            db.executemany(
                "INSERT INTO members (community_id, id, username, name, trust_level, admin, moderator,"
                " created_at, last_seen_at, last_posted_at, post_count, topic_count, posts_read, days_visited,"
                " topics_entered, likes_given, likes_received, time_read) VALUES (" + ",".join("?" * 18) + ")",
                member_rows,
            )
            db.executemany(
                "INSERT INTO topics (community_id, id, title, slug, category_id, author_id, created_at, bumped_at,"
                " last_posted_at, posts_count, reply_count, highest_post_number, views, like_count,"
                " participant_count, closed, archived, pinned, visible, archetype, has_accepted_answer, tags,"
                " deleted_at, last_poster_username, excerpt) VALUES (" + ",".join("?" * 25) + ")",
                topic_rows,
            )
            db.executemany(
                "INSERT INTO posts (community_id, id, topic_id, post_number, author_id, username, created_at,"
                " updated_at, raw, cooked, text, reply_to_post_number, like_count, post_type, hidden, deleted_at,"
                " user_deleted, staff) VALUES (" + ",".join("?" * 18) + ")",
                post_rows,
            )
            db.executemany(
                f"INSERT OR IGNORE INTO topic_snapshots VALUES ({','.join('?' * 8)})",
                list(snapshot_rows.values()),
            )
            db.executemany(
                "INSERT INTO triage VALUES (?, ?, ?, ?, ?)",
                [(cid, str(t), "handled", None, now - DAY) for t in range(1, per_topics, 50)],
            )
            topic_state.refresh_all(db, cid)  # posts written directly: their topics' state too
    with store.write() as db:
        db.execute("ANALYZE")
    return store


def median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--communities", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="keep the store in this file, reuse it if it exists")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        path = args.db or Path(tmp) / "bench.sqlite3"
        if path.exists():
            store = Store(path)
        else:
            store = build(path, communities=args.communities, members=args.members, posts=args.posts)
        counts = store.counts()
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f}, SQLite {sqlite3.sqlite_version}")
        print(
            f"store: {counts['posts']} posts, {counts['topics']} topics, {counts['members']} members,"
            f" {args.communities} communities, built in {time.perf_counter() - start:.1f} s"
        )
        try:
            ids = [c.id for c in store.communities() if c.id is not None]
            start = time.perf_counter()
            indexed = term_index.refresh(store, ids)
            print(
                f"term index, first build over {indexed} posts: {time.perf_counter() - start:.1f} s (one time)"
            )
            cases: list[tuple[str, Callable[[], Any]]] = [
                ("unanswered (no_reply)", lambda: unanswered_topics(store, now=NOW)),
                (
                    "unanswered (last_word_not_team)",
                    lambda: unanswered_topics(store, now=NOW, definition="last_word_not_team"),
                ),
                ("unanswered (unsolved)", lambda: unanswered_topics(store, now=NOW, definition="unsolved")),
                ("silent members", lambda: silent_members(store, now=NOW)),
                ("participation", lambda: participation(store, now=NOW)),
                ("trending ideas", lambda: trending_ideas(store, now=NOW)),
                ("trending terms", lambda: trending_terms(store, now=NOW)),
                ("unanswered, one community", lambda: unanswered_topics(store, ids[:1], now=NOW)),
                ("first screen: unanswered (200)", lambda: unanswered_topics(store, now=NOW, limit=200)),
                (
                    "first screen: last word (200)",
                    lambda: unanswered_topics(store, now=NOW, definition="last_word_not_team", limit=200),
                ),
                ("first screen: silent (200)", lambda: silent_members(store, now=NOW, limit=200)),
            ]
            worst = 0.0
            for name, fn in cases:
                ms, rows = median_ms(fn, args.runs)
                size = len(rows) if isinstance(rows, list) else rows.members
                worst = max(worst, ms)
                print(f"{name:34} {ms:8.1f} ms   ({size} rows)")
            with store.write() as db:  # a sync brings 100 posts: the term index catches up
                db.execute(
                    "INSERT INTO posts (community_id, id, topic_id, post_number, text, created_at)"
                    " SELECT community_id, 'new' || id, topic_id, post_number + 1000, text, created_at"
                    " FROM posts WHERE community_id = ? LIMIT 100",
                    (ids[0],),
                )
                mark_terms_pending(db, ids[0])
            start = time.perf_counter()
            term_index.refresh(store, ids)
            print(f"term index, refresh after 100 new posts: {(time.perf_counter() - start) * 1000:.1f} ms")
            print(f"slowest view: {worst:.1f} ms (target < 100 ms)")
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
