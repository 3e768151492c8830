"""``post``, ``planned`` and ``series``: animation posts on the command line.

    post COMMUNITY --category ID --title T --body-file F [--tag T]... [--at WHEN]
    planned list [--community NAME] [--days N]
    planned export --ics FILE [--days N]
    series add COMMUNITY --name N --rule "weekly MON 09:00" --title T --body-file F [--category ID] [--auto]
    series list | series pause ID | series resume ID | series remove ID

A post is queued like the composer's (``moderator.schedule.topics.queue_topic``) and sent by ``outbox
send`` or the app, exactly once, not before ``--at``. ``--at`` and rules are in this computer's time zone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from moderator.model import utcnow


def _fail(message: str) -> Exception:
    from moderator.cli import CliError

    return CliError(message)


def cmd_post(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.cli_replies import _community, _local, _read_body, _send_at
    from moderator.outbox import EmptyReply
    from moderator.schedule.topics import TopicError, queue_topic

    body = _read_body(args.body_file)
    ctx = open_context(with_sandbox=False)
    try:
        community = _community(ctx, args.community)
        assert community.id is not None
        categories = {c.id: c for c in ctx.store.categories(community.id)}
        category = categories.get(str(args.category))
        if category is None:
            known = ", ".join(f"{c.id} ({c.name})" for c in categories.values() if c.can_create_topic is not False)
            raise _fail(f"No category {args.category} in {community.name}. Categories you may post in: {known or 'none synced yet'}.")
        if category.can_create_topic is False:
            raise _fail(f"This account may not start topics in {category.name}; choose another category.")
        not_before = _send_at(args.at)
        try:
            item = queue_topic(ctx.store, community.id, args.title, body, category_id=category.id,
                               tags=args.tag or (), not_before=not_before)
        except (TopicError, EmptyReply) as exc:
            raise _fail(str(exc)) from None
    finally:
        ctx.close()
    when = f"at {_local(not_before)}" if not_before else "as soon as possible"
    print(f"Queued topic #{item.id} in {community.name} / {category.name}, to go out {when} (`outbox send` or the app).")
    return 0


def cmd_planned_list(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.cli import _print_table
    from moderator.cli_replies import _community, _local
    from moderator.schedule import planned
    from moderator.schedule.series import prepare_due

    ctx = open_context(with_sandbox=False)
    try:
        ids = None
        if args.community:
            community = _community(ctx, args.community)
            ids = [community.id] if community.id is not None else []
        prepare_due(ctx.store)
        entries = planned.timeline(ctx.store, now=utcnow(), horizon=dt.timedelta(days=args.days), community_ids=ids)
        names = {c.id: c.name for c in ctx.store.communities()}
    finally:
        ctx.close()
    words = {"scheduled": "planned", "awaiting_approval": "to approve", "upcoming": "recurring", "reminder": "reminder"}
    rows = [
        (_local(e.when) + (" (late)" if e.late else ""), words[e.kind.value], names.get(e.community_id, ""),
         e.outbox_id or "", e.title[:60])
        for e in entries
    ]
    _print_table(rows, ("when", "what", "community", "outbox id", "title"), sys.stdout)
    if not entries:
        print(f"Nothing planned in the next {args.days} days.")
    return 0


def cmd_planned_export(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.schedule import planned

    ctx = open_context(with_sandbox=False)
    try:
        try:
            count = planned.export_ics(ctx.store, args.ics, now=utcnow(), horizon=dt.timedelta(days=args.days))
        except OSError as exc:
            raise _fail(f"Cannot write {args.ics}: {exc.strerror or exc}.") from None
    finally:
        ctx.close()
    print(f"{count} events written to {args.ics}.")
    return 0


def cmd_series_add(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.cli_replies import _community, _local, _read_body
    from moderator.schedule.rules import RuleError
    from moderator.schedule.series import SeriesError, add_series
    from moderator.schedule.topics import TopicError
    from moderator.schedule.when import local_zone_name

    body = _read_body(args.body_file)
    ctx = open_context(with_sandbox=False)
    try:
        community = _community(ctx, args.community)
        assert community.id is not None
        try:
            series = add_series(ctx.store, community_id=community.id, name=args.name, title=args.title, body=body,
                                rule=args.rule, zone=args.zone or local_zone_name(), language=args.language,
                                category_id=args.category, auto_send=args.auto)
        except (RuleError, SeriesError, TopicError) as exc:
            raise _fail(str(exc)) from None
    finally:
        ctx.close()
    nxt = series.upcoming(utcnow(), 1)[0]
    how = "sent automatically" if series.auto_send else "prepared a day ahead for your approval (`outbox requeue ID`)"
    print(f"Series #{series.id} '{series.name}': next post {_local(nxt)}, {how}.")
    return 0


def cmd_series_list(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.cli import _print_table
    from moderator.cli_replies import _local
    from moderator.schedule.series import list_series

    ctx = open_context(with_sandbox=False)
    try:
        rows = [
            (s.id, s.name, s.rule.text(), s.zone, "auto" if s.auto_send else "approve", "yes" if s.active else "paused",
             _local(s.upcoming(utcnow(), 1)[0]) if s.active else "")
            for s in list_series(ctx.store)
        ]
    finally:
        ctx.close()
    _print_table(rows, ("id", "name", "rule", "zone", "sending", "active", "next"), sys.stdout)
    if not rows:
        print("No recurring series yet (`series add`).")
    return 0


def _series_change(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.schedule.series import delete_series, get_series, set_active

    ctx = open_context(with_sandbox=False)
    try:
        if get_series(ctx.store, args.id) is None:
            raise _fail(f"No series #{args.id}; `series list` shows them.")
        if args.verb == "remove":
            delete_series(ctx.store, args.id)
        else:
            set_active(ctx.store, args.id, args.verb == "resume")
    finally:
        ctx.close()
    print(f"Series #{args.id}: {args.verb}d." if args.verb != "pause" else f"Series #{args.id}: paused.")
    return 0


def cmd_categories(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.cli import _print_table
    from moderator.cli_replies import _community

    ctx = open_context(with_sandbox=False)
    try:
        community = _community(ctx, args.community)
        assert community.id is not None
        categories = ctx.store.categories(community.id)
    finally:
        ctx.close()
    by_id = {c.id: c for c in categories}
    words = {True: "yes", False: "no", None: "unknown"}
    rows = [
        (c.id, f"{by_id[c.parent_id].name} / {c.name}" if c.parent_id in by_id else c.name, words[c.can_create_topic])
        for c in categories
    ]
    _print_table(rows, ("id", "category", "may start topics"), sys.stdout)
    if not rows:
        print(f"No category in the local copy of {community.name}: run `sync {community.name}` first.")
    return 0


def register(subparsers: Any) -> None:
    cats = subparsers.add_parser("categories", help="a community's categories, and where you may start topics")
    cats.add_argument("community", metavar="COMMUNITY")
    cats.set_defaults(handler=cmd_categories)

    post = subparsers.add_parser("post", help="queue a new topic (sent by `outbox send` or the app, optionally later)")
    post.add_argument("community", metavar="COMMUNITY")
    post.add_argument("--category", required=True, metavar="ID", help="the category's id (see `categories`)")
    post.add_argument("--title", required=True, metavar="T")
    post.add_argument("--body-file", required=True, metavar="FILE", help="the first post's Markdown; - reads stdin")
    post.add_argument("--tag", action="append", metavar="TAG", help="a tag (repeat for several)")
    post.add_argument("--at", metavar="WHEN", help="send later (see `reply --help`)")
    post.set_defaults(handler=cmd_post)

    plan = subparsers.add_parser("planned", help="what is planned: scheduled posts, recurring posts, reminders")
    plan_actions = plan.add_subparsers(title="planned commands", metavar="ACTION", required=True)
    listing = plan_actions.add_parser("list", help="the timeline, soonest first")
    listing.add_argument("--community", metavar="NAME")
    listing.add_argument("--days", type=int, default=35, metavar="N", help="how far ahead (default 35)")
    listing.set_defaults(handler=cmd_planned_list)
    export = plan_actions.add_parser("export", help="write the timeline and the reminders as an .ics calendar")
    export.add_argument("--ics", required=True, metavar="FILE")
    export.add_argument("--days", type=int, default=90, metavar="N")
    export.set_defaults(handler=cmd_planned_export)

    series = subparsers.add_parser("series", help="recurring posts: a question of the week, a monthly welcome")
    series_actions = series.add_subparsers(title="series commands", metavar="ACTION", required=True)
    add = series_actions.add_parser("add", help="a new recurring post")
    add.add_argument("community", metavar="COMMUNITY")
    add.add_argument("--name", required=True)
    add.add_argument("--rule", required=True, help="'weekly MON 09:00', 'monthly 1 09:00', 'monthly first TUE 10:00'")
    add.add_argument("--title", required=True, help="placeholders: {date} {week} {month} {community}")
    add.add_argument("--body-file", required=True, metavar="FILE",
                     help="placeholders: {date} {week} {month} {community} {newcomers} {oldest_unanswered}")
    add.add_argument("--category", metavar="ID")
    add.add_argument("--language", choices=("en", "fr"), default="en", help="of dates and months in the text")
    add.add_argument("--zone", metavar="ZONE", help="IANA time zone (default: this computer's)")
    add.add_argument("--auto", action="store_true", help="send each post at its time without asking")
    add.set_defaults(handler=cmd_series_add)
    series_actions.add_parser("list", help="the series and their next post").set_defaults(handler=cmd_series_list)
    for verb, text in (("pause", "stop preparing posts"), ("resume", "prepare posts again"), ("remove", "forget it")):
        change = series_actions.add_parser(verb, help=text)
        change.add_argument("id", type=int, metavar="ID")
        change.set_defaults(handler=_series_change, verb=verb)
