"""``review list`` and ``review act``: the moderation queue from scripts, offline.

``review list`` reads the local copy (synced with the other changes); ``review act`` queues a
decision exactly like the app's Review view, with the item's version, and ``outbox send`` (or the
app) sends it once. Registered in ``moderator.cli`` with ``cli_review.register(sub)``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from moderator.review import store as review_store
from moderator.review.support import QueueSupport, describe_support, queue_support

FIELDS = (
    "community_name",
    "reviewable_id",
    "type",
    "status",
    "score",
    "reasons",
    "target_post_id",
    "target_topic_id",
    "actions",
)


def _cli_error(message: str) -> Exception:
    from moderator.cli import CliError

    return CliError(message)


def _row(community_name: str, stored: review_store.StoredItem) -> dict[str, Any]:
    item = stored.item
    return {
        "community_name": community_name,
        "reviewable_id": item.id,
        "type": item.type,
        "status": item.status,
        "score": item.score,
        "reasons": list(item.reasons),
        "target_post_id": item.target_post_id,
        "target_topic_id": item.target_topic_id,
        "actions": [a.id for a in item.actions],
    }


def _table(rows: list[dict[str, Any]]) -> str:
    def cell(value: Any) -> str:
        text = (
            ", ".join(str(v) for v in value)
            if isinstance(value, list)
            else ("" if value is None else str(value))
        )
        text = " ".join(text.split())
        return text if len(text) <= 48 else text[:47] + "…"

    cells = [list(FIELDS)] + [[cell(r[f]) for f in FIELDS] for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(FIELDS))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() for line in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def cmd_review_list(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.cli import _select

    ctx = open_context(with_sandbox=False)
    try:
        communities = _select(ctx, args.community)
        notes = []
        for community in communities:
            support = queue_support(ctx.store, community)
            if support is not QueueSupport.AVAILABLE:
                notes.append(f"{community.name}: no moderation queue ({describe_support(support)}).")
        ids = [c.id for c in communities if c.id is not None]
        stored = review_store.list_items(ctx.store, community_ids=ids)
        queued = review_store.live_count(ctx.store)
    finally:
        ctx.close()
    rows = [_row(s.community_name, s) for s in stored]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        for note in notes:
            print(note, file=sys.stderr)
        return 0
    if rows:
        sys.stdout.write(_table(rows))
    else:
        print("Nothing waiting for a moderator.")
    for note in notes:
        print(note)
    if queued:
        print(f"{queued} decision{'s' if queued != 1 else ''} queued; `outbox send` sends them.")
    return 0


def cmd_review_act(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.cli import _select

    ctx = open_context(with_sandbox=False)
    try:
        (community,) = _select(ctx, [args.community])
        assert community.id is not None
        try:
            action = review_store.queue_action(ctx.store, community.id, str(args.reviewable_id), args.action)
        except KeyError:
            raise _cli_error(
                f"Item {args.reviewable_id} is not in the local copy of {community.name}'s queue."
                f" `review list --community {community.name}` shows the items; `sync {community.name}` refreshes them."
            ) from None
        except review_store.AlreadyQueued as exc:
            raise _cli_error(f"{exc} `outbox send` sends it.") from None
        except ValueError as exc:
            raise _cli_error(str(exc)) from None
    finally:
        ctx.close()
    print(
        f"Queued “{action.label or action.action}” on item {action.reviewable_id} of {community.name}"
        f" (version {action.version}); `outbox send` sends it, or the app when it is online."
    )
    return 0


def register(subparsers: Any) -> argparse.ArgumentParser:
    review = subparsers.add_parser("review", help="the moderation queue: flags and posts awaiting approval")
    sub = review.add_subparsers(title="review commands", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="pending items of the communities where you moderate (local copy)")
    listing.add_argument(
        "--community", action="append", metavar="NAME", help="only this community (repeat for several)"
    )
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(handler=cmd_review_list)
    act = sub.add_parser("act", help="queue a decision on an item (sent by `outbox send` or the app)")
    act.add_argument("community", metavar="COMMUNITY")
    act.add_argument("reviewable_id", metavar="REVIEWABLE_ID")
    act.add_argument("action", metavar="ACTION", help="one of the item's actions (see `review list`)")
    act.set_defaults(handler=cmd_review_act)
    return review
