"""``results``: did the animation work? The Results view's figures on the command line.

    results [--community NAME] [--weeks N] [--months N]
            [--what response|participation|ideas|activity|contacts] [--format table|json|csv]

``--what response`` (the default) gives, per community and ISO week, ``week``, ``topics``,
``answered``, ``median_hours``, ``p90_hours`` and the rest of ``ResponseWeek`` (``covered`` is false
for weeks before the local copy starts: no data, not a zero). The definitions are in
``moderator.insights.results``; the numbers are those the GUI charts.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from typing import Any

from moderator import cli_insights
from moderator.bootstrap import open_context
from moderator.insights import results
from moderator.insights.export import Column

# The time zone that decides where weeks and months start (None: this computer's); tests pin it.
ZONE: dt.tzinfo | None = None

WHAT = ("response", "participation", "ideas", "activity", "contacts")

TABLES: dict[str, Sequence[Column]] = {
    "response": (
        ("community_name", "community"),
        ("week", "week"),
        ("topics", "topics"),
        ("answered", "answered"),
        ("median_hours", "median h"),
        ("p90_hours", "p90 h"),
        ("within_share", "within 1st threshold"),
        ("covered", "in local copy"),
    ),
    "participation": (
        ("community_name", "community"),
        ("month", "month"),
        ("members", "members"),
        ("publishers", "published"),
        ("first_time", "first time"),
        ("silent", "did not publish"),
        ("covered", "in local copy"),
    ),
    "ideas": (
        ("community_name", "community"),
        ("month", "month"),
        ("ideas", "ideas"),
        ("answered", "answered by team"),
        ("median_hours", "median h"),
        ("covered", "in local copy"),
    ),
    "activity": (
        ("community_name", "community"),
        ("week", "week"),
        ("replies_sent", "replies sent"),
        ("topics_handled", "topics handled"),
        ("reminders_done", "reminders done"),
        ("members_contacted", "members contacted"),
    ),
    "contacts": (
        ("community_name", "community"),
        ("segment", "segment"),
        ("contacted", "contacted"),
        ("contacted_posted", "posted within 30 d"),
        ("comparable", "comparable"),
        ("comparable_posted", "of them posted"),
        ("pending", "too recent"),
    ),
}


def cmd_results(args: argparse.Namespace) -> int:
    if args.weeks < 1 or args.weeks > 520:
        cli_insights._fail("--weeks takes a number of weeks from 1 to 520.")
    if args.months < 1 or args.months > 120:
        cli_insights._fail("--months takes a number of months from 1 to 120.")
    ctx = open_context(with_sandbox=False)
    try:
        ids = cli_insights._community_ids(ctx, args.community)
        now = cli_insights.CLOCK.now()
        store = ctx.store
        rows: list[Any]
        if args.what == "response":
            rows = results.first_response(store, ids, weeks_back=args.weeks, now=now, tz=ZONE)
        elif args.what == "participation":
            rows = results.participation_by_month(store, ids, months_back=args.months, now=now, tz=ZONE)
        elif args.what == "ideas":
            rows = results.ideas_by_month(store, ids, months_back=args.months, now=now, tz=ZONE)
        elif args.what == "activity":
            rows = results.own_activity(store, ids, weeks_back=args.weeks, now=now, tz=ZONE)
        else:
            rows = results.contact_outcomes(store, results.recorded_contacts(store), ids, now=now)
    finally:
        ctx.close()
    cli_insights._print(rows, args.format, TABLES[args.what], "Nothing to show yet for this period.")
    if args.format == "table" and args.what == "response":
        weekly = [r for r in rows if isinstance(r, results.ResponseWeek)]
        for name in sorted({r.community_name for r in weekly}):
            own = [r for r in weekly if r.community_name == name]
            print(f"{name}: {results.first_response_reading(own)}")
    return 0


def register(subparsers: Any) -> list[argparse.ArgumentParser]:
    parser = subparsers.add_parser(
        "results", help="did the animation work: first responses, publishers, ideas, your activity"
    )
    parser.add_argument(
        "--community", action="append", metavar="NAME", help="only this community (repeat for several)"
    )
    parser.add_argument("--format", choices=cli_insights.FORMATS, default="table")
    parser.add_argument("--weeks", type=int, default=12, metavar="N", help="weeks back, this one included")
    parser.add_argument("--months", type=int, default=6, metavar="N", help="months back, this one included")
    parser.add_argument(
        "--what",
        choices=WHAT,
        default="response",
        help="response: time to first response per week (default); participation: publishers per month;"
        " ideas: ideas answered by the team; activity: your own work per week; contacts: nudges that worked",
    )
    parser.set_defaults(handler=cmd_results)
    return [parser]
