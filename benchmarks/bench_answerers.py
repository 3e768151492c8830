"""How often "who could answer this?" names a real answerer, against "the 5 most active members".

    python -m benchmarks.bench_answerers [--scale 4] [--topical-members 1500] [--skip-topical]
        [--skip-all-topics] [--sandbox-seed 7] [--topical-seed 11] [--worlds-dir DIR]
        [--invite N] [--no-load-balancing] [--timing-store 200k]

Also reported: *won/lost*, the questions only the ranking found / only the baseline found (a paired
view: on the sandbox the two are close, and that column says how close); *distinct*, how many
different members all the top-5 lists name (the reach: "do not always ask the same three people");
the CPU time to rank one question. ``--invite N`` replays the questions as an animator who invites
the first N suggestions each time (they then rest 30 days and carry the load): what that costs in
hit rate and what it adds in reach. ``--timing-store`` times the pane's call on a benchmark store.

The ranking's weights were chosen on ``--sandbox-seed 3 --topical-seed 5``; the figures to quote are
those of the default seeds (7, 11), which were not looked at while tuning.

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
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from moderator.model import UTC, AuthKind, Category, Community, Member, Platform, Post, SyncBatch, Topic
from moderator.nudges import history
from moderator.nudges.answerers import most_active, rank_answerers
from moderator.store import Store

TOP = 5


def evaluate(
    store: Store, community: Community, *, category_ids: set[str] | None = None, invite: int = 0
) -> dict[str, float]:
    """Hit rates of the ranking and of the baseline over the answered questions of ``community``.

    ``invite``: play an animator who invites the first ``invite`` suggestions of every question (recorded
    in the nudge history as of the question, so they rest 30 days and then carry that load): what the
    "do not always ask the same people" rules cost and how many more people they reach. The history
    is emptied before and after.

    Also how varied the suggestions are (``*_distinct``: distinct members over all the top-5 lists) and
    the time to rank one question (median and 95th percentile, CPU time of this thread).
    """
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
    team_ids = {mid for mid, n in names.items() if n in team}
    hits = base_hits = questions = only_ranking = only_baseline = 0
    suggested: set[str] = set()
    base_suggested: set[str] = set()
    times: list[float] = []
    with store.write() as w:
        w.execute("DELETE FROM nudges WHERE community_id = ?", (community.id,))
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
        started = time.thread_time()
        ranked = rank_answerers(
            store, community.id, t["id"], limit=TOP, as_of=as_of, hide_topic_posts=True, now=as_of
        )
        times.append(time.thread_time() - started)
        baseline = most_active(
            store, community.id, as_of=as_of, exclude={t["author_id"], *team_ids}, limit=TOP
        )
        questions += 1
        hit, base_hit = any(s.member_id in real for s in ranked), any(m in real for m in baseline)
        hits += hit
        base_hits += base_hit
        only_ranking += hit and not base_hit
        only_baseline += base_hit and not hit
        suggested |= {s.member_id for s in ranked}
        base_suggested |= set(baseline)
        for s in ranked[:invite]:
            history.record(
                store,
                community.id,
                s.username,
                kind=history.Kind.INVITATION,
                channel=history.Channel.PRIVATE_MESSAGE,
                body="(benchmark)",
                topic_id=t["id"],
                member_id=s.member_id,
                now=as_of,
            )
    with store.write() as w:
        w.execute("DELETE FROM nudges WHERE community_id = ?", (community.id,))
    return {
        "questions": questions,
        "ranking": hits / questions if questions else 0.0,
        "baseline": base_hits / questions if questions else 0.0,
        "only_ranking": only_ranking,  # questions the ranking found and the baseline missed
        "only_baseline": only_baseline,
        "ranking_distinct": len(suggested),
        "baseline_distinct": len(base_suggested),
        "ms_median": 1000 * _percentile(times, 0.5),
        "ms_p95": 1000 * _percentile(times, 0.95),
    }


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def store_timing(database: Path, questions: int = 60) -> dict[str, float]:
    """Time to rank one question on a benchmark store (``benchmarks.stores``; a copy: opening migrates it).

    The questions are the newest topics of each community, ranked as the pane does (now, limit 8).
    """
    from benchmarks.bench_insights import NOW

    store = Store(database)
    try:
        db = store.read()
        communities = [r[0] for r in db.execute("SELECT id FROM communities ORDER BY id")]
        per = max(1, questions // max(1, len(communities)))
        picked = [
            (cid, r[0])
            for cid in communities
            for r in db.execute(
                "SELECT id FROM topics WHERE community_id=? ORDER BY created_at DESC LIMIT ?", (cid, per)
            )
        ]
        now = NOW + dt.timedelta(days=1)
        cpu: list[float] = []
        wall: list[float] = []
        for cid, tid in picked:
            w0, c0 = time.perf_counter(), time.thread_time()
            rank_answerers(store, cid, tid, limit=8, now=now)
            cpu.append(time.thread_time() - c0)
            wall.append(time.perf_counter() - w0)
    finally:
        store.close()
    return {
        "questions": len(picked),
        "cpu_median": 1000 * _percentile(cpu, 0.5),
        "cpu_p95": 1000 * _percentile(cpu, 0.95),
        "wall_median": 1000 * _percentile(wall, 0.5),
        "wall_p95": 1000 * _percentile(wall, 0.95),
    }


def _sandbox_store(directory: Path, scale: float, seed: int = 7) -> tuple[Store, Community, set[str]]:
    """The sandbox of ``(seed, scale)`` synced through the real connector (reused if ``directory`` has it)."""
    from moderator.platforms import make_connector
    from moderator.sandbox import SANDBOX_API_KEY, SANDBOX_USERNAME, SandboxServer
    from moderator.sync import sync_community

    name = f"sandbox-{seed}-{scale:g}"
    path, marker = directory / f"{name}.sqlite3", directory / f"{name}.json"
    if marker.exists():
        store = Store(path)
        community = store.community(name)
        assert community is not None
        return store, community, set(json.loads(marker.read_text())["questions"])
    path.unlink(missing_ok=True)
    server = SandboxServer(seed=seed, scale=scale).start()
    try:
        store = Store(path)
        community = store.add_community(
            Community(
                name=name,
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
    marker.write_text(json.dumps({"questions": sorted(questions)}))
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
    name = f"topical-{seed}-{n_members}"
    path, marker = directory / f"{name}.sqlite3", directory / f"{name}.json"
    if marker.exists():
        store = Store(path)
        found = store.community("topical")
        assert found is not None
        return store, found
    path.unlink(missing_ok=True)
    store, community = _build_topical(path, n_members, seed)
    marker.write_text("{}")
    return store, community


def _build_topical(path: Path, n_members: int, seed: int) -> tuple[Store, Community]:
    rng = random.Random(seed)
    store = Store(path)
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
    parser.add_argument("--skip-all-topics", action="store_true", help="the sandboxes' Questions only")
    parser.add_argument("--sandbox-seed", type=int, default=7, help="the sandbox's seed (7: the app's own)")
    parser.add_argument("--topical-seed", type=int, default=11)
    parser.add_argument(
        "--worlds-dir",
        type=Path,
        help="keep the synced/generated communities here and reuse them (default: temporary)",
    )
    parser.add_argument(
        "--timing-store",
        default="",
        help="also time one question on this benchmark store size (e.g. 200k; a COPY under $MODERATOR_BENCH_STORES:"
        " opening it migrates it)",
    )
    parser.add_argument(
        "--invite",
        type=int,
        default=0,
        help="also play an animator who invites the first N suggestions of every question (they rest 30 days)",
    )
    parser.add_argument(
        "--no-load-balancing",
        action="store_true",
        help="rank without the load factor (what the evidence alone finds; the app always balances);"
        " members invited in the last 30 days still rest",
    )
    args = parser.parse_args(argv)
    if args.no_load_balancing:
        from moderator.nudges import answerers

        answerers.LOAD_FREE, answerers.INVITATION_WEIGHT = 10**9, 0.0
    with tempfile.TemporaryDirectory(prefix="bench-answerers-") as tmp:
        directory = args.worlds_dir or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        runs: list[tuple[str, Store, Community, set[str] | None]] = []
        seed = args.sandbox_seed
        for scale in (1.0, args.scale):
            t0 = time.perf_counter()
            store, community, questions = _sandbox_store(directory, scale, seed)
            print(
                f"sandbox seed {seed} scale {scale:g}: ready in {time.perf_counter() - t0:.1f} s", flush=True
            )
            runs.append((f"sandbox {seed} x{scale:g}, Questions", store, community, questions))
            if not args.skip_all_topics:
                runs.append((f"sandbox {seed} x{scale:g}, all topics", store, community, None))
        if not args.skip_topical:
            t0 = time.perf_counter()
            store, community = _topical_store(directory, args.topical_members, args.topical_seed)
            print(f"topical community: ready in {time.perf_counter() - t0:.1f} s", flush=True)
            runs.append(
                (f"topical {args.topical_seed}, {args.topical_members} members", store, community, None)
            )
        print(
            f"\n{'community':<40} {'answered':>8} {'ranking top 5':>14} {'5 most active':>14}"
            f" {'won/lost':>9} {'distinct: ranking':>18} {'baseline':>9} {'ms median':>10} {'p95':>6}"
        )
        plays = [(label, store, community, cats, 0) for label, store, community, cats in runs]
        if args.invite:
            plays += [
                (f"{label}, invites {args.invite}", store, community, cats, args.invite)
                for label, store, community, cats in runs
                if cats is not None or label.startswith("topical")
            ]
        for label, store, community, cats, invite in plays:
            r = evaluate(store, community, category_ids=cats, invite=invite)
            print(
                f"{label:<40} {r['questions']:>8.0f} {r['ranking']:>14.1%} {r['baseline']:>14.1%}"
                f" {r['only_ranking']:>4.0f}/{r['only_baseline']:<4.0f}"
                f" {r['ranking_distinct']:>18.0f} {r['baseline_distinct']:>9.0f}"
                f" {r['ms_median']:>10.1f} {r['ms_p95']:>6.1f}",
                flush=True,
            )
        for _label, store, _c, _q in runs:
            store.close()
    if args.timing_store:
        from benchmarks import stores

        database = stores.DEFAULT_DIR / args.timing_store / "moderator.sqlite3"
        if not database.exists():
            print(f"no store at {database}: copy one there (see benchmarks/stores.py)")
            return 1
        t = store_timing(database)
        print(
            f"\none question on the {args.timing_store} store ({t['questions']:.0f} questions, CPU ms):"
            f" median {t['cpu_median']:.1f}, p95 {t['cpu_p95']:.1f} (wall: median {t['wall_median']:.1f},"
            f" p95 {t['wall_p95']:.1f}); goal: well under 100 ms",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
