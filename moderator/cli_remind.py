"""``remind``: reminders and follow-ups from the command line (the lead calls ``register`` from cli.py).

    remind add COMMUNITY (--topic ID | --member USERNAME | --note TEXT) --at WHEN
               [--if still-unanswered|no-new-reply|no-author-reply] [--mirror]
    remind list [--due] [--all] [--community NAME]
    remind done ID            remind reopen ID [--at WHEN]        remind snooze ID --until WHEN
    remind export --ics FILE [--community NAME]
    remind mirror             (send the bookmark copies still waiting, e.g. after being offline)

WHEN is a quick pick (later-today, tomorrow, next-monday, in-a-week), a local date-time
(2026-12-01T09:30), a date (9:00 that day) or a time of day (17:30). Times are shown in local time.

Why ``CLOCK``/``ZONE`` are module attributes: tests replace them (a ``FakeClock``, Europe/Paris) so
nothing depends on the machine's clock or zone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any, NoReturn

from moderator import quickpicks
from moderator import reminders as rem
from moderator.bootstrap import AppContext, open_context
from moderator.clock import Clock, SystemClock, local_zone
from moderator.model import Community
from moderator.reminders import Condition, Kind, Reminder, State

CLOCK: Clock = SystemClock()
ZONE: dt.tzinfo | None = None  # None: the user's zone (``clock.local_zone()``)

WHEN_HELP = (
    "later-today, tomorrow (9:00), next-monday (9:00), in-a-week, a local date-time such as"
    " 2026-12-01T09:30, a date, or a time of day such as 17:30"
)


def _zone() -> dt.tzinfo:
    return ZONE or local_zone()


def _fail(message: str) -> NoReturn:
    from moderator.cli import CliError  # late: cli.py imports this module

    raise CliError(message)


def _community(ctx: AppContext, name: str) -> Community:
    community = ctx.store.community(name)
    if community is None:
        known = ", ".join(c.name for c in ctx.store.communities()) or "none yet"
        _fail(f"No community named {name}. Known communities: {known}.")
    return community


def _when(text: str, now: dt.datetime) -> dt.datetime:
    try:
        return quickpicks.parse_when(text, now, _zone())
    except quickpicks.WhenError as exc:
        _fail(str(exc))


def _local(when: dt.datetime) -> str:
    return when.astimezone(_zone()).strftime("%a %Y-%m-%d %H:%M")


def _relative(when: dt.datetime, now: dt.datetime) -> str:
    seconds = int((when - now).total_seconds())
    past, seconds = seconds < 0, abs(seconds)
    if seconds < 3600:
        amount = f"{max(1, seconds // 60)} min"
    elif seconds < 86400 * 2:
        amount = f"{seconds // 3600} h"
    else:
        amount = f"{seconds // 86400} d"
    return f"overdue {amount}" if past else f"in {amount}"


def _describe(reminder: Reminder, now: dt.datetime) -> str:
    if reminder.state is State.RESOLVED and reminder.resolution is not None:
        return "resolved: " + reminder.resolution.describe(now=now, zone=_zone())
    if reminder.condition is not None:
        return rem.CONDITION_LABELS[reminder.condition]
    return ""


def _mirror_words(reminder: Reminder) -> str:
    if not reminder.mirror or reminder.mirror_state is None:
        return ""
    return {
        rem.MirrorState.PENDING: "bookmark: waiting to be sent",
        rem.MirrorState.SENDING: "bookmark: being sent",
        rem.MirrorState.SENT: "bookmark: on the community" if reminder.active else "bookmark: removed",
        rem.MirrorState.FAILED: f"bookmark failed: {reminder.mirror_error or 'refused'}",
    }[reminder.mirror_state]


def _flush(ctx: AppContext, community: Community, now: dt.datetime) -> None:
    """Send the bookmark copy now if we can; offline, say that it waits (it is kept, not lost)."""
    from moderator.reminder_mirror import flush_mirrors

    assert community.id is not None
    report = flush_mirrors(ctx.store, ctx.connector_for, now=now, community_ids=[community.id])
    if report.pending:
        reason = report.errors[0] if report.errors else "not reachable"
        print(f"The bookmark copy will be sent when {community.name} can be reached ({reason}).")
    elif report.failed:
        print(f"The community refused the bookmark copy: {'; '.join(report.errors)}", file=sys.stderr)
    elif report.synced:
        print(f"Bookmark on {community.name} updated.")


# -- commands -------------------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    now = CLOCK.now()
    due = _when(args.at, now)
    ctx = open_context()
    try:
        community = _community(ctx, args.community)
        assert community.id is not None
        kind = Kind.TOPIC if args.topic else Kind.MEMBER if args.member else Kind.NOTE
        if args.condition and kind is not Kind.TOPIC:
            _fail("--if only applies to a topic reminder (--topic ID).")
        if args.mirror and kind is not Kind.TOPIC:
            _fail("--mirror only applies to a topic reminder (--topic ID).")
        member_id, username = None, ""
        if kind is Kind.MEMBER:
            username = args.member.removeprefix("@")
            row = (
                ctx.store.read()
                .execute(
                    "SELECT id, username FROM members WHERE community_id=? AND username=? COLLATE NOCASE",
                    (community.id, username),
                )
                .fetchone()
            )
            if row is None:
                print(f"Note: @{username} is not in the local copy of {community.name} (yet).")
            else:
                member_id, username = row["id"], row["username"]
        if kind is Kind.TOPIC and ctx.store.topic(community.id, args.topic) is None:
            print(
                f"Note: topic {args.topic} is not in the local copy of {community.name} (yet); sync to see it."
            )
        try:
            reminder = rem.add_reminder(
                ctx.store,
                community_id=community.id,
                kind=kind,
                due_at=due,
                now=now,
                topic_id=args.topic,
                member_id=member_id,
                username=username,
                note=args.note or "",
                condition=args.condition,
                mirror=args.mirror,
            )
        except rem.ReminderError as exc:
            _fail(str(exc))
        print(f"Reminder #{reminder.id} set for {_local(due)} ({_relative(due, now)}): {reminder.summary()}")
        if reminder.condition is not None:
            print(
                f"It will resolve itself unless it still holds: {rem.CONDITION_LABELS[reminder.condition]}."
            )
        if kind is Kind.MEMBER:
            print("Suggested message: " + rem.nudge_draft_text(ctx.store, community, username))
        if args.mirror:
            _flush(ctx, community, now)
    finally:
        ctx.close()
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    now = CLOCK.now()
    ctx = open_context()
    try:
        ids = None
        if args.community:
            community = _community(ctx, args.community)
            ids = [community.id or 0]
        for reminder in rem.evaluate_conditions(ctx.store, now, community_ids=ids):
            print(f"#{reminder.id} resolved itself: {_describe(reminder, now).removeprefix('resolved: ')}")
        names = {c.id: c.name for c in ctx.store.communities()}
        if args.due:
            found = rem.due_reminders(ctx.store, now, community_ids=ids)
        else:
            found = rem.list_reminders(
                ctx.store, community_ids=ids, states=None if args.all else rem.ACTIVE_STATES
            )
        rows = [
            (
                f"#{r.id}",
                names.get(r.community_id, "?"),
                _local(r.due_at),
                _relative(r.due_at, now) if r.active else "",
                str(r.state),
                r.summary()[:60],
                "; ".join(p for p in (_describe(r, now), _mirror_words(r)) if p),
            )
            for r in found
        ]
    finally:
        ctx.close()
    if not rows:
        print("No reminder is due." if args.due else "No reminders. Add one with `remind add`.")
        return 0
    from moderator.cli import _print_table

    _print_table(rows, ("id", "community", "due", "", "state", "what", "notes"), sys.stdout)
    return 0


def _change(args: argparse.Namespace, verb: str) -> int:
    now = CLOCK.now()
    ctx = open_context()
    try:
        try:
            if verb == "done":
                reminder = rem.mark_done(ctx.store, args.id, now=now)
                print(f"Reminder #{reminder.id} done: {reminder.summary()}")
            elif verb == "snooze":
                reminder = rem.snooze(ctx.store, args.id, _when(args.until, now), now=now)
                print(f"Reminder #{reminder.id} snoozed until {_local(reminder.due_at)}.")
            else:
                due = _when(args.at, now) if args.at else None
                reminder = rem.reopen(ctx.store, args.id, now=now, due_at=due)
                print(f"Reminder #{reminder.id} reopened, due {_local(reminder.due_at)}.")
        except rem.ReminderError as exc:
            _fail(str(exc))
        if reminder.mirror:
            community = ctx.store.community(reminder.community_id)
            if community is not None:
                _flush(ctx, community, now)
    finally:
        ctx.close()
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    return _change(args, "done")


def cmd_snooze(args: argparse.Namespace) -> int:
    return _change(args, "snooze")


def cmd_reopen(args: argparse.Namespace) -> int:
    return _change(args, "reopen")


def cmd_export(args: argparse.Namespace) -> int:
    now = CLOCK.now()
    ctx = open_context()
    try:
        ids = [_community(ctx, args.community).id or 0] if args.community else None
        try:
            from moderator import ics  # icalendar: only for this command

            count = ics.export_ics(ctx.store, args.ics, now=now, community_ids=ids)
        except OSError as exc:
            _fail(f"Cannot write {args.ics}: {exc.strerror or exc}. Choose another file or folder.")
    finally:
        ctx.close()
    print(f"Exported {count} open reminder{'s' if count != 1 else ''} to {args.ics}.")
    return 0


def cmd_mirror(args: argparse.Namespace) -> int:
    from moderator.reminder_mirror import flush_mirrors

    ctx = open_context()
    try:
        report = flush_mirrors(ctx.store, ctx.connector_for, now=CLOCK.now())
    finally:
        ctx.close()
    print(f"Bookmarks: {report.synced} up to date, {report.pending} waiting, {report.failed} refused.")
    for error in report.errors:
        print(error, file=sys.stderr)
    return 1 if report.failed or report.pending else 0


# -- parser ---------------------------------------------------------------------------------------


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``remind`` command to ``subparsers`` (what ``add_subparsers()`` returned)."""
    remind = subparsers.add_parser("remind", help="reminders and follow-ups")
    sub = remind.add_subparsers(title="remind commands", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="remind me of a topic, a member or a note at a time")
    add.add_argument("community", help="the community's name (see `accounts list`)")
    target = add.add_mutually_exclusive_group(required=True)
    target.add_argument("--topic", metavar="ID", help="follow up on this topic")
    target.add_argument("--member", metavar="USERNAME", help="nudge this member (a message is suggested)")
    target.add_argument("--note", metavar="TEXT", help="a free note about the community")
    add.add_argument("--at", required=True, metavar="WHEN", help=WHEN_HELP)
    add.add_argument(
        "--if",
        dest="condition",
        choices=[c.value for c in Condition],
        help="only remind if this still holds when due (else it resolves itself and says why)",
    )
    add.add_argument(
        "--mirror", action="store_true", help="also bookmark the topic on the community (Discourse)"
    )
    add.set_defaults(handler=cmd_add)

    ls = sub.add_parser("list", help="open reminders, soonest first")
    ls.add_argument("--due", action="store_true", help="only those due now")
    ls.add_argument("--all", action="store_true", help="done and resolved ones too")
    ls.add_argument("--community", metavar="NAME")
    ls.set_defaults(handler=cmd_list)

    done = sub.add_parser("done", help="mark a reminder done")
    done.add_argument("id", type=int)
    done.set_defaults(handler=cmd_done)

    snooze = sub.add_parser("snooze", help="remind me again later")
    snooze.add_argument("id", type=int)
    snooze.add_argument("--until", required=True, metavar="WHEN", help=WHEN_HELP)
    snooze.set_defaults(handler=cmd_snooze)

    reopen = sub.add_parser("reopen", help="bring back a done or resolved reminder")
    reopen.add_argument("id", type=int)
    reopen.add_argument("--at", metavar="WHEN", help="a new time (default: the old one)")
    reopen.set_defaults(handler=cmd_reopen)

    export = sub.add_parser("export", help="write open reminders to an iCalendar file")
    export.add_argument("--ics", required=True, metavar="FILE", help="the .ics file to write")
    export.add_argument("--community", metavar="NAME")
    export.set_defaults(handler=cmd_export)

    mirror = sub.add_parser("mirror", help="send the bookmark copies still waiting (after being offline)")
    mirror.set_defaults(handler=cmd_mirror)
    return remind
