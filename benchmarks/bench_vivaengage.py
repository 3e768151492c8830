"""Viva Engage under its real rate budget: first sync, up-to-date sync, views, replies through faults.

    python -m benchmarks.bench_vivaengage                 # ~1,200 threads, 300 members, 10 per 30 s
    python -m benchmarks.bench_vivaengage --window 3      # the same, 10 requests per 3 s (a quick run)
    python -m benchmarks.bench_vivaengage --threads 200 --users 60 --window 1

A local Viva Engage server (``tests/helpers/vivaengage_server.py``, no code shared with the connector)
enforces ``10 requests per window`` per bucket (messages, other calls) and answers 429 beyond; the app
syncs into a real store through ``sync_community``. Printed: the first sync's requests, duration and
429s received; an up-to-date sync's; whether the three views agree with the server's own answer
(computed from its world, not from the store); 10 replies queued offline then sent through dropped
answers (exactly once on the server).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from moderator import outbox  # noqa: E402
from moderator.insights import silent, trending, unanswered  # noqa: E402
from moderator.model import AuthKind, Community, Platform, utcnow  # noqa: E402
from moderator.platforms import make_connector  # noqa: E402
from moderator.platforms.base import Connector  # noqa: E402
from moderator.platforms.http import Timeouts  # noqa: E402
from moderator.store import Store  # noqa: E402
from moderator.sync import sync_community  # noqa: E402
from tests.helpers.vivaengage_server import Network, VivaEngageServer  # noqa: E402

TOKEN = "token-me"


def _connector(community: Community, **options: Any) -> Connector:
    return make_connector(community, TOKEN, client_options={"timeouts": Timeouts(5.0, 2.0), **options})


def expected_unanswered(net: Network) -> set[str]:
    """no_reply, from the server's world: readable threads nobody but their author answered."""
    me = net.me
    result = set()
    for thread_id, ids in net.threads.items():
        starter = net.messages[thread_id]
        if starter.direct_to or starter.message_type == "announcement" or not net.can_read(starter, me):
            continue
        if all(net.messages[i].sender_id == starter.sender_id for i in ids):
            result.add(str(thread_id))
    return result


def expected_silent(net: Network) -> tuple[set[str], int]:
    """Members who never posted and were seen (newcomers or readers), and those never activated."""
    quiet = {
        str(u.id)
        for u in net.users.values()
        if u.state == "active" and not u.admin and u.id != net.me and net.updates(u.id) == 0
    }
    never = sum(1 for u in net.users.values() if u.state != "active" and not u.admin and u.id != net.me)
    return quiet, never


def check_views(store: Store, community: Community, net: Network, window_days: int = 14) -> dict[str, Any]:
    assert community.id is not None
    cids = [community.id]
    got_unanswered = {r.topic_id for r in unanswered.unanswered_topics(store, cids)}
    rows = silent.silent_members(store, cids)
    got_quiet = {r.member_id for r in rows if r.segment in (silent.Segment.READER, silent.Segment.NEWCOMER)}
    want_quiet, never_seen = expected_silent(net)
    headline = silent.participation(store, cids)
    trend = trending.trending_ideas(store, cids, ideas_only=False, window_days=window_days)
    since = utcnow() - dt.timedelta(days=window_days)
    trend_ok = all(
        row.replies
        == sum(1 for i in net.threads[int(row.topic_id)][1:] if net.messages[i].created_at >= since)
        for row in trend
    )
    want_unanswered = expected_unanswered(net)
    return {
        "unanswered": len(got_unanswered),
        "unanswered_agree": got_unanswered == want_unanswered,
        "silent_never_posted": len(got_quiet),
        "silent_agree": got_quiet == want_quiet,
        "never_seen": headline.never_seen,
        "never_seen_agree": headline.never_seen == never_seen,
        "trending": len(trend),
        "trending_agree": trend_ok,
    }


def replies_through_faults(
    store: Store, community: Community, srv: VivaEngageServer, count: int = 10
) -> dict[str, Any]:
    """Queue ``count`` replies offline, then send them while the server drops every other answer."""
    assert community.id is not None
    net = srv.network
    threads = sorted(net.public_thread_ids())[:count]
    bodies = [f"Merci pour ce fil, voici notre réponse numéro {i}." for i in range(count)]
    offline = dataclasses.replace(community, base_url="http://127.0.0.1:9/api/v1")
    for thread_id, body in zip(threads, bodies, strict=True):
        outbox.queue_reply(store, community.id, str(thread_id), body)
    first = outbox.OutboxSender().send_pending(store, lambda c: _connector(offline, budget=None))
    assert all(o.state == outbox.State.QUEUED for o in first), first
    srv.inject_fault(r"/messages\.json", "drop-answer", times=count // 2, method="POST")
    base = utcnow()
    rounds = 0
    started = time.monotonic()
    while outbox.pending_count(store) and rounds < 50:
        at = base + dt.timedelta(seconds=rounds * (outbox.SETTLE_SECONDS + 1))
        outbox.OutboxSender(clock=lambda at=at: at).send_pending(store, lambda c: _connector(community))
        rounds += 1
    on_server = Counter(m.body for m in net.messages.values() if m.body in set(bodies))
    return {
        "queued_offline": count,
        "rounds": rounds,
        "posts_sent": srv.request_count("POST", "/messages.json"),
        "answers_dropped": count // 2,
        "on_server_once": sum(on_server.values()) == count and set(on_server.values()) == {1},
        "seconds": round(time.monotonic() - started, 1),
    }


def run(threads: int, users: int, window: float) -> dict[str, Any]:
    net = Network(seed=2026, threads=threads, users=users, groups=8, private_groups=2, direct_threads=5)
    results: dict[str, Any] = {
        "threads": len(net.threads),
        "messages": len(net.messages),
        "members": len(net.users),
        "budget": f"10 per {window:g} s per bucket",
    }
    with tempfile.TemporaryDirectory() as tmp, VivaEngageServer(net, window=window) as srv:
        store = Store(Path(tmp) / "bench.sqlite3")
        settings: dict[str, Any] = {"network_permalink": "contoso.example"}
        if window != 30.0:
            settings["rate_limits"] = [[10, window + max(window / 30.0, 0.3)]]  # a margin for jitter
        community = store.add_community(
            Community(
                name="viva",
                platform=Platform.VIVAENGAGE,
                base_url=srv.url,
                username=net.users[net.me].name,
                auth_kind=AuthKind.TOKEN,
                settings=settings,
            )
        )
        connector = _connector(community)
        labels: list[str] = []
        report = sync_community(store, community, connector, progress=lambda b: labels.append(b.label))
        assert report.ok, report.message
        results["first_sync"] = {
            "requests": report.requests,
            "server_requests": srv.request_count(),
            "feed_pages": srv.request_count(path_prefix="/messages")
            - srv.request_count(path_prefix="/messages/in_thread"),
            "thread_pages": srv.request_count(path_prefix="/messages/in_thread"),
            "other_calls": srv.request_count() - srv.request_count(path_prefix="/messages"),
            "seconds": round(report.elapsed, 1),
            "rate_limited_429": srv.rate_limited,
            "first_estimate": next((label for label in labels if "left" in label), ""),
            "last_estimates": [label for label in labels if "left" in label][-3:],
        }
        stored = store.counts(community.id)
        results["stored"] = stored
        srv.reset_requests()
        report = sync_community(store, community, connector)
        assert report.ok, report.message
        results["up_to_date_sync"] = {
            "requests": report.requests,
            "seconds": round(report.elapsed, 2),
            "rate_limited_429": srv.rate_limited,
            "private_communities": sum(1 for g in net.groups.values() if g.private and net.me in g.members),
        }
        for index in range(3):  # new activity arrives by newer_than
            net.reply(sorted(net.public_thread_ids())[-1 - index], list(net.users)[3], f"New reply {index}")
        srv.reset_requests()
        report = sync_community(store, community, connector)
        results["sync_with_3_new_replies"] = {"requests": report.requests, "posts": report.posts}
        connector.close()
        results["views"] = check_views(store, community, net)
        srv.reset_requests()
        results["replies"] = replies_through_faults(store, community, srv)
        results["replies"]["rate_limited_429"] = srv.rate_limited
        store.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=1200)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--window", type=float, default=30.0, help="the budget window in seconds (real: 30)")
    args = parser.parse_args(argv)
    results = run(args.threads, args.users, args.window)
    for key, value in results.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for name, item in value.items():
                print(f"    {name}: {item}")
        else:
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
