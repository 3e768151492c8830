"""HumHub sync and replies against the local HumHub double (tests/helpers/humhub_double.py).

    python -m benchmarks.bench_humhub                  # ~1,500 posts, 300 members, 8 spaces
    python -m benchmarks.bench_humhub --posts 300      # smaller

Measured, each request counted twice (by the connector and by the server, which must agree):

1. the first sync of the whole community (requests, seconds);
2. an up-to-date sync (target: at most 2 requests);
3. 10 new comments by other members on 10 random posts, mostly old ones (target: at most 4 requests);
4. 10 replies queued offline, then sent while the server drops every answer after accepting the
   comment: how many POSTs, how many found on the server instead of re-sent, how many copies each.

Then the three views over the synced copy, and a check that the copy equals what the server holds.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import re
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from moderator import outbox
from moderator.insights.silent import silent_members
from moderator.insights.trending import trending_ideas
from moderator.insights.unanswered import unanswered_topics
from moderator.model import AuthKind, Community, Platform, utcnow
from moderator.outbox import OutboxSender
from moderator.platforms import make_connector
from moderator.platforms.base import Connector
from moderator.platforms.http import Timeouts
from moderator.store import Store
from moderator.sync import sync_community
from tests.helpers.discourse_double import closed_port
from tests.helpers.humhub_double import ADMIN_TOKEN, POST_MODEL, World, running
from tests.helpers.memory_keyring import memory_keyring


def _connector(community: Community) -> Connector:
    return make_connector(community, ADMIN_TOKEN, client_options={"timeouts": Timeouts(connect=2.0, read=10.0)})


def _server_ids(world: World) -> tuple[set[str], set[str]]:
    topics = {str(p.id) for p in world.posts.values() if p.state == 1}
    posts = {f"p{p}" for p in topics}
    for comment in world.comments.values():
        posts.add(("c" if comment.object_model == POST_MODEL else "s") + str(comment.id))
    return topics, posts


def _stored_ids(store: Store, community_id: int) -> tuple[set[str], set[str]]:
    db = store.read()
    topics = {r[0] for r in db.execute("SELECT id FROM topics WHERE community_id=?", (community_id,))}
    posts = {r[0] for r in db.execute("SELECT id FROM posts WHERE community_id=?", (community_id,))}
    return topics, posts


def _sync(store: Store, community: Community, double: Any) -> dict[str, Any]:
    connector = _connector(community)
    double.reset_requests()
    started = time.perf_counter()
    report = sync_community(store, community, connector)
    elapsed = time.perf_counter() - started
    connector.close()
    assert report.ok, report.message
    assert report.requests == double.request_count(), (report.requests, double.request_count())
    paths = Counter(re.sub(r"/\d+", "/{id}", r.path) for r in double.requests)
    return {
        "requests": report.requests,
        "seconds": round(elapsed, 2),
        "topics": report.topics,
        "posts": report.posts,
        "by_path": dict(paths.most_common()),
    }


def run(posts: int, users: int, spaces: int, seed: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    started = time.perf_counter()
    world = World(seed=seed, users=users, spaces=spaces, posts=posts)
    results["server"] = {
        "posts": len(world.posts),
        "comments": len(world.comments),
        "members": len(world.users),
        "spaces": len(world.spaces),
        "activities": len(world.activities),
        "generated_in_s": round(time.perf_counter() - started, 1),
    }
    with memory_keyring(), tempfile.TemporaryDirectory() as tmp, running(world) as double:
        store = Store(Path(tmp) / "bench.sqlite3")
        community = store.add_community(
            Community(name="hub", platform=Platform.HUMHUB, base_url=double.url, auth_kind=AuthKind.TOKEN)
        )
        assert community.id is not None
        results["first_sync"] = _sync(store, community, double)
        results["first_sync"]["copy_equals_server"] = _stored_ids(store, community.id) == _server_ids(world)
        results["up_to_date_sync"] = _sync(store, community, double)

        rng = random.Random(seed)
        targets = rng.sample(sorted(world.posts), 10)
        for n, post_id in enumerate(targets):
            world.add_comment(post_id, 2 + n, f"New comment {n} from a colleague.")
        results["ten_new_comments"] = _sync(store, community, double)
        results["ten_new_comments"]["copy_equals_server"] = _stored_ids(store, community.id) == _server_ids(world)
        newest = max(world.posts)
        results["ten_new_comments"]["posts_oldest_to_newest_rank"] = sorted(newest - p for p in targets)

        # Ten replies queued offline, then sent while every answer is dropped after the server accepted.
        open_posts = [p.id for p in world.posts.values() if not (p.archived or p.locked_comments)]
        chosen = rng.sample(open_posts, 10)
        bodies = [f"Merci pour ce message ({n}), j'en parle à l'équipe demain." for n in range(10)]
        for post_id, body in zip(chosen, bodies, strict=True):
            outbox.queue_reply(store, community.id, str(post_id), body)
        offline = dataclasses.replace(community, base_url=f"http://127.0.0.1:{closed_port()}")
        OutboxSender().send_pending(store, lambda c: _connector(offline))
        queued_while_offline = outbox.pending_count(store)
        double.reset_requests()
        double.inject_fault(r"^/api/v1/comment$", "drop-after-accept", times=10, method="POST")
        base = utcnow()
        rounds, found = 0, 0
        while outbox.pending_count(store) and rounds < 20:
            at = base + dt.timedelta(seconds=rounds * (outbox.SETTLE_SECONDS + 1))
            found += sum(o.found_on_server for o in OutboxSender(clock=lambda at=at: at).send_pending(store, _connector))
            rounds += 1
        copies = Counter(c.message for c in world.comments.values() if c.message in bodies)
        results["ten_replies_through_lost_answers"] = {
            "queued_while_offline": queued_while_offline,
            "comment_posts": double.request_count("/api/v1/comment", method="POST"),
            "answers_dropped": 10,
            "found_on_server_instead_of_resent": found,
            "copies_on_server": sorted(set(copies.values())),
            "replies_on_server": sum(copies.values()),
            "sent": sum(1 for i in outbox.list_items(store) if i.state == outbox.State.SENT),
            "sender_rounds": rounds,
            "requests": double.request_count(),
        }

        views: dict[str, Any] = {}
        for name, fn in (
            ("unanswered", lambda: unanswered_topics(store, [community.id or 0])),
            ("silent", lambda: silent_members(store, [community.id or 0])),
            ("trending", lambda: trending_ideas(store, [community.id or 0], ideas_only=False)),
        ):
            t = time.perf_counter()
            rows = fn()
            views[name] = {"rows": len(rows), "ms": round((time.perf_counter() - t) * 1000, 1)}
        results["views"] = views
        store.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1500)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--spaces", type=int, default=8)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    results = run(args.posts, args.users, args.spaces, args.seed)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    s = results["server"]
    print(f"HumHub double: {s['posts']} posts, {s['comments']} comments, {s['members']} members, {s['spaces']} spaces")
    for key, title in (
        ("first_sync", "first sync"),
        ("up_to_date_sync", "up-to-date sync (target <= 2 requests)"),
        ("ten_new_comments", "10 new comments (target <= 4 requests)"),
    ):
        r = results[key]
        extra = f", copy equals server: {r['copy_equals_server']}" if "copy_equals_server" in r else ""
        print(f"  {title:42} {r['requests']:5d} requests {r['seconds']:7.2f} s{extra}")
        print(f"      {r['by_path']}")
    o = results["ten_replies_through_lost_answers"]
    print(
        f"  10 replies queued offline ({o['queued_while_offline']} waited), every answer dropped after accepting: "
        f"{o['comment_posts']} POSTs, {o['found_on_server_instead_of_resent']} found instead of re-sent, "
        f"{o['replies_on_server']} on the server, copies each {o['copies_on_server']}, {o['sent']} marked sent"
    )
    for name, v in results["views"].items():
        print(f"  view {name:10} {v['rows']:5d} rows {v['ms']:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
