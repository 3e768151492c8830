"""How often "who could answer this?" names a real answerer, against "the 5 most active members".

    python -m benchmarks.bench_answerers [--scale 4] [--topical-members 1500] [--skip-topical]
                                         [--no-load-balancing]

For every question that did get answered, the ranking runs as of the question's creation with the
topic's own replies hidden (``as_of`` + ``hide_topic_posts``): only what was known when it was asked
counts. A *hit* is a real answerer (anyone but the author and the animation team who replied) in the
top 5. The baseline is the 5 members with the most posts before the question (author left out).

Three communities:

1. the built-in sandbox community (scale 1), synced through the real connector from the local server;
2. a larger sandbox (``--scale``, default 4), synced the same way. Its generator picks repliers by
   activity alone (heavy-tailed weights, no expertise), so there text says little and the baseline is
   strong: the number shows whether the ranking at least holds its own there;
3. a larger *topical* community generated here (``--topical-members``): members have two or three
   areas they know (a vocabulary each), questions belong to an area, and repliers are drawn from those
   who know it (weighted by activity) 80 % of the time, anyone active otherwise. It tests whether the
   ranking finds expertise where there is some — by construction of the generator, so read it as a
   check of the mechanism, not a promise about a real community.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from moderator.model import UTC, AuthKind, Category, Community, Member, Platform, Post, SyncBatch, Topic
from moderator.nudges.answerers import most_active, rank_answerers
from moderator.store import Store

TOP = 5


def evaluate(store: Store, community: Community, *, category_ids: set[str] | None = None) -> dict[str, float]:
    """Hit rates of the ranking and of the baseline over the answered questions of ``community``."""
    assert community.id is not None
    db = store.read()
    team = {community.username.casefold()}
    where = "t.community_id = ? AND t.archetype = 'regular' AND t.pinned = 0 AND t.author_id IS NOT NULL"
    topics = db.execute(
        f"SELECT t.id, t.author_id, t.created_at, t.category_id FROM topics t WHERE {where} ORDER BY t.created_at",
        (community.id,),
    ).fetchall()
    names = {
        r[0]: r[1].casefold()
        for r in db.execute("SELECT id, username FROM members WHERE community_id=?", (community.id,))
    }
    hits = base_hits = questions = 0
    started = time.perf_counter()
    for t in topics:
        if category_ids is not None and t["category_id"] not in category_ids:
            continue
        repliers = {
            r[0]
            for r in db.execute(
                "SELECT DISTINCT author_id FROM posts WHERE community_id=? AND topic_id=? AND post_number > 1"
                " AND post_type = 1 AND author_id IS NOT NULL",
                (community.id, t["id"]),
            )
        }
        real = {m for m in repliers if m != t["author_id"] and names.get(m, "") not in team}
        if not real:
            continue
        as_of = dt.datetime.fromtimestamp(t["created_at"] + 1, UTC)
        ranked = rank_answerers(
            store, community.id, t["id"], limit=TOP, as_of=as_of, hide_topic_posts=True, now=as_of
        )
        team_ids = {mid for mid, n in names.items() if n in team}
        baseline = most_active(
            store, community.id, as_of=as_of, exclude={t["author_id"], *team_ids}, limit=TOP
        )
        questions += 1
        hits += any(s.member_id in real for s in ranked)
        base_hits += any(m in real for m in baseline)
    elapsed = time.perf_counter() - started
    return {
        "questions": questions,
        "ranking": hits / questions if questions else 0.0,
        "baseline": base_hits / questions if questions else 0.0,
        "ms_per_question": 1000 * elapsed / questions if questions else 0.0,
    }


def _sandbox_store(directory: Path, scale: float) -> tuple[Store, Community, set[str]]:
    from moderator.platforms import make_connector
    from moderator.sandbox import SANDBOX_API_KEY, SANDBOX_USERNAME, SandboxServer
    from moderator.sync import sync_community

    server = SandboxServer(seed=7, scale=scale).start()
    try:
        store = Store(directory / f"sandbox-{scale}.sqlite3")
        community = store.add_community(
            Community(
                name=f"sandbox-{scale}",
                platform=Platform.DISCOURSE,
                base_url=server.url,
                username=SANDBOX_USERNAME,
                auth_kind=AuthKind.ADMIN_KEY,
            )
        )
        connector = make_connector(community, SANDBOX_API_KEY, client_options={"budget": None})
        try:
            report = sync_community(store, community, connector)
        finally:
            connector.close()
        if report.error:
            raise RuntimeError(report.error)
        questions = {str(server.world.planted["category_ids"]["questions"])}
    finally:
        server.stop()
    return store, community, questions


AREAS = {
    "onboarding": "onboarding badge arrival welcome desk laptop account training buddy",
    "expenses": "expenses receipt refund travel invoice reimbursement mileage hotel",
    "vpn": "vpn remote access certificate network wifi proxy tunnel",
    "payroll": "payroll payslip salary bonus overtime leave holidays contract",
    "printing": "printer printing toner scanner badge queue paper colour",
    "meetings": "meeting room booking projector teams calendar visio screen",
    "canteen": "canteen menu vegetarian lunch coffee machine allergy tray",
    "parking": "parking bike car spaces charging electric shuttle garage",
    "security": "password phishing security antivirus encryption mfa token",
    "recruiting": "recruiting interview candidate referral hiring offer internship",
    "sustainability": "recycling waste energy carbon sustainability compost solar",
    "intranet": "intranet search page wiki document sharepoint archive",
}
FILLER = [
    "hello",
    "please",
    "could",
    "somebody",
    "help",
    "with",
    "this",
    "question",
    "thanks",
    "again",
    "team",
    "everyone",
    "idea",
    "point",
]


def _topical_store(directory: Path, n_members: int, seed: int = 11) -> tuple[Store, Community]:
    rng = random.Random(seed)
    store = Store(directory / "topical.sqlite3")
    community = store.add_community(
        Community(
            name="topical",
            platform=Platform.DISCOURSE,
            base_url="https://example.invalid",
            username="animator",
            auth_kind=AuthKind.ADMIN_KEY,
        )
    )
    assert community.id is not None
    now = dt.datetime(2026, 6, 1, tzinfo=UTC)
    start = now - dt.timedelta(days=365)
    areas = list(AREAS)
    categories = [
        Category(id=str(i + 1), name=name) for i, name in enumerate(["Questions", "IT", "HR", "Life"])
    ]
    area_cat = {a: str(2 + i % 3) for i, a in enumerate(areas)}
    members = [
        Member(id=str(i + 1), username=f"member{i + 1}", name=f"Member {i + 1}") for i in range(n_members)
    ]
    weight = [12.0 / (i + 1) ** 0.9 for i in range(n_members)]  # heavy-tailed activity
    knows = [set(rng.sample(areas, rng.choice((2, 3)))) for _ in members]
    by_area = {a: [i for i in range(n_members) if a in knows[i]] for a in areas}

    def sentence(area: str, n: int) -> str:
        vocab = AREAS[area].split()
        return (
            " ".join(rng.choice(vocab) if rng.random() < 0.55 else rng.choice(FILLER) for _ in range(n)) + "."
        )

    topics: list[Topic] = []
    posts: list[Post] = []
    post_id = 0
    n_topics = n_members * 2
    for k in range(n_topics):
        area = rng.choice(areas)
        at = start + dt.timedelta(seconds=rng.uniform(0, 360 * 86400))
        author = rng.choices(range(n_members), weights=weight)[0]
        topic = Topic(
            id=str(k + 1),
            title=sentence(area, 6).rstrip(".").capitalize(),
            category_id=area_cat[area],
            author_id=members[author].id,
            created_at=at,
            bumped_at=at,
            tags=(area,) if rng.random() < 0.5 else (),
        )
        post_id += 1
        posts.append(
            Post(
                id=str(post_id),
                topic_id=topic.id,
                post_number=1,
                author_id=members[author].id,
                username=members[author].username,
                created_at=at,
                raw=None,
                cooked=f"<p>{sentence(area, 30)}</p>",
            )
        )
        replies = rng.choice((0, 1, 1, 2, 2, 3, 4))
        for n in range(replies):
            pool = by_area[area] if rng.random() < 0.8 else list(range(n_members))
            who = rng.choices(pool, weights=[weight[i] for i in pool])[0]
            if who == author:
                continue
            post_id += 1
            when = at + dt.timedelta(hours=rng.expovariate(1 / 20) + n)
            text = sentence(area, 25)
            posts.append(
                Post(
                    id=str(post_id),
                    topic_id=topic.id,
                    post_number=n + 2,
                    author_id=members[who].id,
                    username=members[who].username,
                    created_at=when,
                    cooked=f"<p>{text}</p>",
                )
            )
        topic.posts_count = sum(1 for p in posts[-(replies + 1) :] if p.topic_id == topic.id)
        topic.highest_post_number = topic.posts_count
        topics.append(topic)
    store.apply_batch(
        community.id, SyncBatch(categories=categories, members=members, topics=topics, posts=posts)
    )
    return store, community


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=4.0)
    parser.add_argument("--topical-members", type=int, default=1500)
    parser.add_argument("--skip-topical", action="store_true")
    parser.add_argument(
        "--no-load-balancing",
        action="store_true",
        help="rank without the load factor (what the evidence alone finds; the app always balances)",
    )
    args = parser.parse_args(argv)
    if args.no_load_balancing:
        from moderator.nudges import answerers

        answerers.LOAD_FREE = 10**9
    with tempfile.TemporaryDirectory(prefix="bench-answerers-") as tmp:
        directory = Path(tmp)
        runs: list[tuple[str, Store, Community, set[str] | None]] = []
        for scale in (1.0, args.scale):
            t0 = time.perf_counter()
            store, community, questions = _sandbox_store(directory, scale)
            print(f"sandbox scale {scale:g}: synced in {time.perf_counter() - t0:.1f} s", flush=True)
            runs.append((f"sandbox scale {scale:g}, Questions", store, community, questions))
            runs.append((f"sandbox scale {scale:g}, all topics", store, community, None))
        if not args.skip_topical:
            t0 = time.perf_counter()
            store, community = _topical_store(directory, args.topical_members)
            print(f"topical community: built in {time.perf_counter() - t0:.1f} s", flush=True)
            runs.append((f"topical, {args.topical_members} members", store, community, None))
        print(
            f"\n{'community':<34} {'answered':>8} {'ranking top 5':>14} {'5 most active':>14} {'ms/question':>12}"
        )
        for label, store, community, cats in runs:
            result = evaluate(store, community, category_ids=cats)
            print(
                f"{label:<34} {result['questions']:>8.0f} {result['ranking']:>14.1%} {result['baseline']:>14.1%}"
                f" {result['ms_per_question']:>12.1f}",
                flush=True,
            )
        for _label, store, _c, _q in runs:
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
