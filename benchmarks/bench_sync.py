"""Sync benchmarks against the sandbox: requests and wall time, first sync and up-to-date sync, ingest rate.

    python -m benchmarks.bench_sync            # ~2k and ~20k topics, plus ingest throughput
    python -m benchmarks.bench_sync --quick    # ~2k topics only

Requests are counted twice, by the connector (``requests_made``, retries included) and by the sandbox
(``request_count``); they must agree. Ingest throughput replays real ``/posts.json`` pages fetched from
the sandbox: JSON decoding, ``discourse_parse`` and ``Store.apply_batch`` in batches of 500 posts, as the
post walk stores them.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from moderator.model import AuthKind, Community, Platform, SyncBatch
from moderator.platforms import make_connector
from moderator.platforms.discourse import parse as discourse_parse
from moderator.platforms.http import decode_json
from moderator.store import Store
from moderator.sync import sync_community

SCALES = {"~2k topics": 3.0, "~20k topics": 30.0}


def _community(store: Store, url: str, username: str) -> Community:
    community = Community(
        name="bench", platform=Platform.DISCOURSE, base_url=url, username=username, auth_kind=AuthKind.SANDBOX
    )
    return store.add_community(community)


def bench_scale(label: str, scale: float, *, rate_limits: bool = False) -> dict[str, Any]:
    from moderator.sandbox import SANDBOX_USERNAME, SandboxServer

    started = time.perf_counter()
    with SandboxServer(seed=7, scale=scale, port=0) as srv, tempfile.TemporaryDirectory() as tmp:
        built = time.perf_counter() - started
        srv.rate_limits = rate_limits  # Discourse's limits (admin 60 requests a minute): a user's wait
        world_topics, world_posts = len(srv.world.topics), len(srv.world.posts)
        with Store(Path(tmp) / "bench.sqlite3") as store:
            community = _community(store, srv.url, SANDBOX_USERNAME)
            connector = make_connector(community, None)
            try:
                first = sync_community(store, community, connector)
                first_served = srv.request_count()
                srv.reset_requests()
                again = sync_community(store, community, connector)
                again_served = srv.request_count()
            finally:
                connector.close()
            counts = store.counts(community.id)
    for report in (first, again):
        if not report.ok:
            raise SystemExit(f"{label}: sync failed: {report.message}")
    return {
        "label": label,
        "world": f"{world_topics} topics, {world_posts} posts (built in {built:.1f} s)",
        "stored": f"{counts['topics']} topics, {counts['posts']} posts, {counts['members']} members",
        "first": (first.requests, first_served, first.elapsed),
        "again": (again.requests, again_served, again.elapsed),
        "first_posts_per_s": counts["posts"] / first.elapsed if first.elapsed else 0.0,
    }


def bench_recheck(scale: float = 2.2) -> dict[str, Any]:
    """What the queue re-check (moderator.recheck) adds to an up-to-date sync of a ~1,500-topic community."""
    from moderator import recheck
    from moderator.model import utcnow
    from moderator.sandbox import SANDBOX_USERNAME, SandboxServer

    with SandboxServer(seed=7, scale=scale, port=0) as srv, tempfile.TemporaryDirectory() as tmp:
        topics = len(srv.world.topics)
        with Store(Path(tmp) / "bench.sqlite3") as store:
            community = _community(store, srv.url, SANDBOX_USERNAME)
            connector = make_connector(community, None)
            try:
                sync_community(store, community, connector)  # first sync: starts the re-check clock
                plain = sync_community(store, community, connector)  # between re-checks
                queued = len(recheck.queued_topic_ids(store, community.id or 0, utcnow()))
                srv.reset_requests()
                started = time.perf_counter()
                checked = sync_community(store, community, connector, recheck=True)  # a manual refresh
                elapsed = time.perf_counter() - started
                served = srv.request_count()
            finally:
                connector.close()
    for report in (plain, checked):
        if not report.ok:
            raise SystemExit(f"re-check: sync failed: {report.message}")
    return {
        "topics": topics,
        "queued": queued,
        "plain": plain.requests,
        "checked": checked.requests,
        "served": served,
        "elapsed": elapsed,
    }


def _walk_pages(scale: float) -> list[bytes]:
    from moderator.sandbox import SANDBOX_API_KEY, SANDBOX_USERNAME, SandboxServer

    pages: list[bytes] = []
    headers = {"Api-Key": SANDBOX_API_KEY, "Api-Username": SANDBOX_USERNAME}
    with SandboxServer(seed=7, scale=scale, port=0) as srv, requests.Session() as session:
        before: int | None = None
        while True:
            params = {} if before is None else {"before": before}
            answer = session.get(srv.url + "/posts.json", params=params, headers=headers, timeout=30)
            answer.raise_for_status()
            posts = answer.json()["latest_posts"]
            if not posts:
                break
            pages.append(answer.content)
            before = min(p["id"] for p in posts) - 1
            if len(posts) < 50:
                break
    return pages


def bench_ingest(scale: float = 3.0, batch_posts: int = 500) -> dict[str, float]:
    pages = _walk_pages(scale)
    cpu_at = time.process_time()
    decoded_at = time.perf_counter()
    bodies = [decode_json(page) for page in pages]  # as the connector decodes a page
    decode = time.perf_counter() - decoded_at
    parsed_at = time.perf_counter()
    parsed = [discourse_parse.parse_latest_posts(body) for body in bodies]
    parse = time.perf_counter() - parsed_at
    posts = [p for page in parsed for p in page.posts]
    members = {m.id: m for page in parsed for m in page.members}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "ingest.sqlite3") as store:
        community = _community(store, "http://127.0.0.1:1", "bench")
        stored_at = time.perf_counter()
        store.apply_batch(community.id or 0, SyncBatch(members=list(members.values())))
        for start in range(0, len(posts), batch_posts):
            chunk = posts[start : start + batch_posts]
            store.apply_batch(
                community.id or 0, SyncBatch(posts=chunk, cursor={"pass": {"walk_before": start}})
            )
        store_time = time.perf_counter() - stored_at
    cpu = time.process_time() - cpu_at  # all three stages (less sensitive to other processes)
    n = len(posts)
    total = decode + parse + store_time
    return {
        "posts": n,
        "end_to_end": n / total,
        "end_to_end_cpu": n / cpu,
        "parse_and_store": n / (parse + store_time),
        "decode": n / decode,
        "parse": n / parse,
        "store": n / store_time,
    }


def bench_term_count(scale: float = 3.0, batch_posts: int = 500) -> dict[str, float]:
    """What counting the rising terms adds to an ingest, per post: the posts of ``bench_ingest``
    stored, then counted once as a sync does after storing them (``moderator.sync``), with the
    sliding window open (as once the view was shown) from 7 days before the newest post."""
    import json

    from moderator.insights import term_index
    from moderator.insights.base import DAY

    parsed = [discourse_parse.parse_latest_posts(decode_json(page)) for page in _walk_pages(scale)]
    posts = [p for page in parsed for p in page.posts]
    newest = max(int(p.created_at.timestamp()) for p in posts if p.created_at is not None)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "terms.sqlite3") as store:
        cid = _community(store, "http://127.0.0.1:1", "bench").id or 0
        with store.write() as db:
            db.execute(
                "INSERT INTO term_window_state (id, day, members) VALUES (1, ?, ?)",
                ((newest - 7 * DAY) // DAY, json.dumps([cid])),
            )
        term_index.refresh(store, [cid])  # the community's state row: an up-to-date index
        for start in range(0, len(posts), batch_posts):
            store.apply_batch(cid, SyncBatch(posts=posts[start : start + batch_posts]))
        cpu_at, wall_at = time.process_time(), time.perf_counter()
        counted = term_index.refresh(store, [cid])
        cpu, wall = time.process_time() - cpu_at, time.perf_counter() - wall_at
        (windowed,) = store.read().execute("SELECT posts FROM term_window WHERE term = ''").fetchone() or (0,)
    return {
        "posts": counted,
        "in_window": windowed,
        "us_per_post": wall / counted * 1e6,
        "cpu_us_per_post": cpu / counted * 1e6,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the ~2k-topic sandbox")
    args = parser.parse_args(argv)
    scales = {k: v for k, v in SCALES.items() if not args.quick or v < 10}
    for label, scale in scales.items():
        result = bench_scale(label, scale)
        (r1, s1, t1), (r2, s2, t2) = result["first"], result["again"]
        print(f"sandbox {label} (scale {scale:g}): {result['world']}")
        print(f"  first sync     : {r1:5d} requests (server saw {s1}), {t1:7.2f} s -> {result['stored']}")
        print(f"  up-to-date sync: {r2:5d} requests (server saw {s2}), {t2:7.3f} s")
    rc = bench_recheck()
    print(
        f"queue re-check, sandbox of {rc['topics']} topics, {rc['queued']} topics in the queues: up-to-date"
        f" sync {rc['plain']} requests; with the re-check {rc['checked']} (server saw {rc['served']}),"
        f" {rc['elapsed']:.2f} s"
    )
    ingest = bench_ingest()
    print(f"ingest of {ingest['posts']} real /posts.json posts (batches of 500):")
    print(
        f"  parse + store {ingest['parse_and_store']:,.0f} posts/s; with JSON decoding {ingest['end_to_end']:,.0f}"
        f" posts/s  [decode {ingest['decode']:,.0f}/s, parse {ingest['parse']:,.0f}/s, store {ingest['store']:,.0f}/s]"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
