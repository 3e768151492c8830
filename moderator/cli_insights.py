"""``unanswered``, ``silent`` and ``trending``: the animator's three views on the command line.

    unanswered [--community NAME] [--format table|json|csv] [--definition no_reply|last_word_not_team|unsolved]
    silent     [--community NAME] [--format ...] [--segment readers|gone-quiet|newcomers]...
    trending   [--community NAME] [--format ...] [--terms]

The rows are exactly those the GUI lists (the same ``moderator.insights`` functions), so a script
can act on them: JSON and CSV carry the platform ids (``community_name``, ``topic_id``, ``member_id``)
and every field of the row; the table shows the few columns a person reads. ``--community`` may be
given several times; an unknown name exits 1 and lists the known ones.

Why ``CLOCK`` is a module attribute: tests replace it (a ``FakeClock``), so "waiting 3 days" does not
depend on the day the tests run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from moderator import insights
from moderator.bootstrap import AppContext, open_context
from moderator.cli_args import row_count
from moderator.clock import Clock, SystemClock
from moderator.insights import Row, Segment
from moderator.insights.export import Column, to_csv, to_json, to_json_bytes, to_table
from moderator.settings import UNANSWERED_DEFINITIONS

CLOCK: Clock = SystemClock()

FORMATS = ("table", "json", "csv")

# The words of UX.md on the command line, and the core's own values, both accepted.
SEGMENT_WORDS = {
    "readers": Segment.READER,
    "reader": Segment.READER,
    "gone-quiet": Segment.GONE_QUIET,
    "gone_quiet": Segment.GONE_QUIET,
    "newcomers": Segment.NEWCOMER,
    "newcomer": Segment.NEWCOMER,
}

# What the table shows (a person's columns); JSON and CSV have every field.
UNANSWERED_TABLE: Sequence[Column] = (
    ("community_name", "community"),
    ("topic_id", "id"),
    ("severity", "wait"),
    ("title", "title"),
    ("why", "why"),
)
SILENT_TABLE: Sequence[Column] = (
    ("community_name", "community"),
    ("username", "username"),
    ("segment", "segment"),
    ("next_step", "suggested next step"),
)
TRENDING_TABLE: Sequence[Column] = (
    ("community_name", "community"),
    ("topic_id", "id"),
    ("title", "title"),
    ("why", "why it rises"),
)
TERMS_TABLE: Sequence[Column] = (
    ("term", "term"),
    ("recent", "recent"),
    ("baseline", "before"),
    ("growth", "growth"),
    ("why", "why"),
)


def _fail(message: str) -> NoReturn:
    from moderator.cli import CliError  # late: cli.py imports this module

    raise CliError(message)


def _community_ids(ctx: AppContext, names: Sequence[str] | None) -> list[int] | None:
    """The local ids of the named communities (None: all); an unknown name is the user's to fix."""
    if not names:
        return None
    communities = ctx.store.communities()
    by_name = {c.name: c for c in communities}
    missing = [n for n in names if n not in by_name]
    if missing:
        known = ", ".join(sorted(by_name)) or "none yet (add one with `accounts add`)"
        _fail(f"No community named {', '.join(missing)}. Known communities: {known}.")
    return [c.id for n in names if (c := by_name[n]).id is not None]


def _print(rows: Sequence[Row], fmt: str, table: Sequence[Column], empty: str) -> None:
    """Rows in the chosen format; a table with no rows says why in words instead."""
    if fmt == "json":
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None and (sys.stdout.encoding or "").lower().replace("-", "") == "utf8":
            sys.stdout.flush()
            buffer.write(to_json_bytes(rows) + b"\n")
            buffer.flush()
        else:
            sys.stdout.write(to_json(rows) + "\n")
    elif fmt == "csv":
        to_csv(rows, sys.stdout)
    elif rows:
        sys.stdout.write(to_table(rows, table))
    else:
        print(empty)


# -- commands -------------------------------------------------------------------------------------


def cmd_unanswered(args: argparse.Namespace) -> int:
    ctx = open_context(with_sandbox=False)
    try:
        ids = _community_ids(ctx, args.community)
        rows = insights.unanswered_topics(
            ctx.store, ids, now=CLOCK.now(), definition=args.definition, limit=args.limit or None
        )
    finally:
        ctx.close()
    _print(rows, args.format, UNANSWERED_TABLE, "Nothing waiting. Everything has an answer.")
    return 0


def cmd_silent(args: argparse.Namespace) -> int:
    segments = [SEGMENT_WORDS[s] for s in args.segment] if args.segment else None
    ctx = open_context(with_sandbox=False)
    try:
        ids = _community_ids(ctx, args.community)
        now = CLOCK.now()
        rows = insights.silent_members(ctx.store, ids, now=now, segments=segments, limit=args.limit or None)
        headline = insights.participation(ctx.store, ids, now=now) if args.format == "table" else None
    finally:
        ctx.close()
    _print(rows, args.format, SILENT_TABLE, "Nobody is silent in this segment.")
    if headline is not None and headline.members:
        print(
            f"\n{headline.published_share:.0%} of {headline.members} members ever published"
            f" ({headline.published}); {headline.read_only_share:.0%} only read ({headline.read_only})."
            f" 90-9-1 here: {headline.lurker_share:.0%} lurkers, {headline.contributor_share:.0%}"
            f" contributors, {headline.heavy_share:.0%} heavy contributors"
            f" ({headline.heavy} people, {headline.heavy_posts_share:.0%} of all posts)."
        )
    return 0


def cmd_trending(args: argparse.Namespace) -> int:
    ctx = open_context(with_sandbox=False)
    try:
        ids = _community_ids(ctx, args.community)
        now = CLOCK.now()
        limit = args.limit or None
        if args.terms:
            rows: list[Any] = insights.trending_terms(ctx.store, ids, now=now, limit=limit)
        else:
            rows = insights.trending_ideas(ctx.store, ids, now=now, limit=limit)
    finally:
        ctx.close()
    if args.terms:
        _print(rows, args.format, TERMS_TABLE, "No rising terms this week.")
    else:
        _print(rows, args.format, TRENDING_TABLE, "Nothing is rising this week.")
    return 0


# -- parser ---------------------------------------------------------------------------------------


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--community",
        action="append",
        metavar="NAME",
        help="only this community (repeat for several; default: all, see `accounts list`)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table for reading; json or csv (every field, platform ids included) for scripts",
    )
    parser.add_argument("--limit", type=row_count, default=0, metavar="N", help="at most N rows (0: all)")


def register(subparsers: Any) -> list[argparse.ArgumentParser]:
    """Add ``unanswered``, ``silent`` and ``trending`` to ``subparsers`` (``add_subparsers()``'s result)."""
    unanswered = subparsers.add_parser(
        "unanswered", help="topics waiting for an answer, the longest wait first"
    )
    _common(unanswered)
    unanswered.add_argument(
        "--definition",
        choices=UNANSWERED_DEFINITIONS,
        help="what unanswered means (default: each community's setting)",
    )
    unanswered.set_defaults(handler=cmd_unanswered)

    silent = subparsers.add_parser(
        "silent", help="readers, members gone quiet and newcomers, with a next step"
    )
    _common(silent)
    silent.add_argument(
        "--segment",
        action="append",
        choices=sorted(SEGMENT_WORDS),
        metavar="SEGMENT",
        help="readers, gone-quiet or newcomers (repeat for several; default: all)",
    )
    silent.set_defaults(handler=cmd_silent)

    trending = subparsers.add_parser("trending", help="ideas gaining traction, each rank explained")
    _common(trending)
    trending.add_argument("--terms", action="store_true", help="the rising terms instead of the topics")
    trending.set_defaults(handler=cmd_trending)
    return [unanswered, silent, trending]
