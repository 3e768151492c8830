"""The moderation queue: requests per sync against the sandbox, and the Review view's reads at size.

Prints: the requests of a first queue sync and of an unchanged one (the count only), and the time to
store 2,000 items, list them (the view's refresh) and count them (the sidebar badge).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from moderator.model import AuthKind, Community, Platform
from moderator.platforms import make_connector
from moderator.review import store as review_store
from moderator.review.model import Flag, ReviewAction, ReviewItem
from moderator.review.sync import sync_review
from moderator.sandbox import SANDBOX_API_KEY, SANDBOX_USERNAME, SandboxServer
from moderator.store import Store

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def _items(n: int) -> list[ReviewItem]:
    actions = tuple(
        ReviewAction(a, a.replace("_", " "), "agree") for a in ("agree_and_hide", "disagree", "ignore")
    )
    return [
        ReviewItem(
            id=str(i),
            type="flagged_post",
            score=float(i % 17),
            version=i % 3,
            created_at=NOW - dt.timedelta(minutes=i),
            reasons=("Spam",),
            flags=(Flag(f"user{i % 50}", "Spam", NOW),),
            actions=actions,
            target_post_id=str(10_000 + i),
            target_topic_id=str(i // 5),
            author_username=f"author{i % 300}",
            excerpt="Buy cheap watches " * 10,
        )
        for i in range(n)
    ]


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp, SandboxServer(seed=7) as srv:
        store = Store(Path(tmp) / "bench.sqlite3")
        community = store.add_community(
            Community("bench", Platform.DISCOURSE, srv.url, SANDBOX_USERNAME, AuthKind.ADMIN_KEY)
        )
        assert community.id is not None
        connector = make_connector(community, SANDBOX_API_KEY, client_options={"budget": None})
        connector.whoami()
        srv.reset_requests()
        first = sync_review(store, community, connector)
        first_requests = srv.request_count(path_prefix="/review")
        srv.reset_requests()
        sync_review(store, community, connector)
        again_requests = srv.request_count(path_prefix="/review")
        connector.close()
        print(
            f"queue sync: first {first_requests} requests ({first.items} items), unchanged {again_requests}"
        )

        items = _items(2000)
        started = time.perf_counter()
        review_store.replace_queue(store, community.id, items, count=len(items))
        stored_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        listed = review_store.list_items(store)
        list_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        badge = review_store.pending_count(store)
        badge_ms = (time.perf_counter() - started) * 1000
        store.close()
    print(
        f"2000 items: stored in {stored_ms:.0f} ms, listed ({len(listed)}) in {list_ms:.0f} ms,"
        f" badge ({badge}) in {badge_ms:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
