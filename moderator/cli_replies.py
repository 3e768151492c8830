"""``reply`` and ``outbox``: queue a reply from a file or a pipe, list the outbox, send it.

The CLI queues exactly like the composer (``moderator.outbox.queue_reply``) and sends with the same
exactly-once sender as the app, so a reply queued here may be sent by the app and the other way
round; the two never send the same item (the outbox's lease). The lead wires it in ``moderator.cli``
with ``cli_replies.register(sub)``. ``moderator.cli`` is imported lazily, at call time, so that
``cli`` can import this module at its top without a cycle.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from moderator import outbox
from moderator.cli_args import post_number
from moderator.model import utcnow

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from moderator.model import Community


def _cli_error(message: str) -> Exception:
    from moderator.cli import CliError

    return CliError(message)


def _community(ctx: AppContext, name: str) -> Community:
    from moderator.cli import _select

    (community,) = _select(ctx, [name])
    return community


def _read_body(source: str, limit: int = outbox.MAX_REPLY_LENGTH) -> str:
    """The text of a post, refused past ``limit`` characters (a 50 MB file is never read whole)."""
    text = _read_text(source, limit * 2)
    if len(text.strip()) > limit:
        raise _cli_error(
            f"The text is longer than {limit:,} characters, the most a Discourse post may have. "
            "Shorten it (or split it into several posts) and try again."
        )
    return text


def _read_text(source: str, most: int) -> str:
    if source == "-":
        return sys.stdin.read(most + 1)
    path = Path(source).expanduser()
    try:
        with path.open(encoding="utf-8") as file:
            return file.read(most + 1)
    except FileNotFoundError:
        raise _cli_error(
            f"No file named {source}. Give the path of the reply's text, or - to read it from standard input."
        ) from None
    except IsADirectoryError:
        raise _cli_error(f"{source} is a folder; give the path of a text file.") from None
    except UnicodeDecodeError:
        raise _cli_error(f"{source} is not UTF-8 text. Save it as UTF-8 and try again.") from None
    except OSError as exc:
        raise _cli_error(f"Cannot read {source}: {exc.strerror or exc}.") from None


def cmd_reply(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context

    body = _read_body(args.body_file).strip()
    if not body:
        raise _cli_error("The reply is empty: write something in the file (or on standard input) first.")
    if len(body) < outbox.MIN_REPLY_LENGTH:
        raise _cli_error(
            f"The reply has {len(body)} characters; the community needs at least {outbox.MIN_REPLY_LENGTH}."
            " Write a little more."
        )
    ctx = open_context(with_sandbox=False)
    try:
        community = _community(ctx, args.community)
        assert community.id is not None
        topic = ctx.store.topic(community.id, str(args.topic_id))
        if topic is None:
            raise _cli_error(
                f"Topic {args.topic_id} is not in the local copy of {community.name}."
                f" Check the number with `topics --community {community.name}`, or run `sync {community.name}` first."
            )
        not_before = _send_at(args.at)
        if (
            args.reply_to is not None
            and topic.highest_post_number
            and args.reply_to > topic.highest_post_number
        ):
            raise _cli_error(
                f"Topic {topic.id} has posts 1 to {topic.highest_post_number}: there is no post {args.reply_to}"
                " to answer. Check the number on the site, or run `sync` if the post is new."
            )
        item = outbox.queue_reply(
            ctx.store,
            community.id,
            topic.id,
            body,
            reply_to_post_number=args.reply_to,
            remove_draft=False,  # the app's draft for this topic, if any, is the user's: keep it
            not_before=not_before,
        )
    finally:
        ctx.close()
    when = f" at {_local(not_before)}" if not_before else ""
    print(
        f"Queued reply #{item.id} for topic {topic.id} in {community.name}; it will be sent{when} by `outbox send`"
        " or the app."
    )
    return 0


def _send_at(text: str | None) -> dt.datetime | None:
    """``--at``: when to send (None: as soon as possible), in this computer's local time."""
    if not text:
        return None
    from moderator.quickpicks import WhenError
    from moderator.schedule.when import parse_send_at

    try:
        return parse_send_at(text, utcnow(), _zone())
    except WhenError as exc:
        raise _cli_error(str(exc)) from None


def _zone() -> dt.tzinfo:
    return dt.datetime.now().astimezone().tzinfo or dt.UTC


def _local(when: dt.datetime | None) -> str:
    return when.astimezone(_zone()).strftime("%a %Y-%m-%d %H:%M") if when else ""


def cmd_outbox_list(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.cli import _print_table

    ctx = open_context(with_sandbox=False)
    try:
        ids = None
        if args.community:
            community = _community(ctx, args.community)
            ids = [community.id] if community.id is not None else []
        states = None if args.all else [s for s in outbox.State if s != outbox.State.SENT]
        items = outbox.list_items(ctx.store, states=states, community_ids=ids)
    finally:
        ctx.close()
    rows = [
        (
            i.id,
            i.community_name,
            i.topic_id,
            (i.topic_title or "")[:40],
            "Planned — goes out at its time" if not i.due(utcnow()) and i.state == outbox.State.QUEUED
            else outbox.describe(i.state, i.reason, i.last_error),
            i.attempts,
            i.created_at.isoformat(timespec="minutes") if i.created_at else "",
            _local(i.not_before),
            " ".join(i.body.split())[:40],
        )
        for i in items
    ]
    _print_table(
        rows, ("id", "community", "topic", "title", "state", "tries", "written", "planned", "text"), sys.stdout
    )
    if not items:
        print(
            "The outbox is empty."
            if args.all
            else "Nothing waiting in the outbox (`outbox list --all` shows sent replies)."
        )
    return 0


def cmd_outbox_send(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.schedule.series import prepare_due

    ctx = open_context(with_sandbox=False)
    try:
        ids = None
        if args.community:
            community = _community(ctx, args.community)
            ids = [community.id] if community.id is not None else []
        prepare_due(ctx.store)  # recurring posts due within their lead time
        outcomes = outbox.OutboxSender().send_pending(
            ctx.store, ctx.connector_for, community_ids=ids, item_ids=args.ids or None
        )
        left = outbox.unsent_counts(ctx.store)
        later = [i for i in outbox.list_items(ctx.store, states=[outbox.State.QUEUED]) if not i.due(utcnow())]
        decisions, decisions_waiting = _send_review_decisions(ctx, ids, args.ids)
    finally:
        ctx.close()
    for outcome in outcomes:
        print(f"#{outcome.item_id} {outcome.community_name} topic {outcome.topic_id}: {outcome.describe()}")
    for line in decisions:
        print(line)
    if not outcomes and not decisions:
        print("Nothing to send.")
    if decisions_waiting:
        print(f"{decisions_waiting} moderation decision(s) still waiting; run `outbox send` again later.")
    if later:
        first = min(i.not_before for i in later if i.not_before)
        print(f"{len(later)} planned for later (the next at {_local(first)}); the app or `outbox send` sends them then.")
    waiting = left[outbox.State.QUEUED] + left[outbox.State.SENDING] - len(later)
    attention = left[outbox.State.HELD] + left[outbox.State.REJECTED]
    if waiting:
        print(f"{waiting} repl{'y' if waiting == 1 else 'ies'} still waiting; run `outbox send` again later.")
    if attention:
        print(
            f"{attention} repl{'y' if attention == 1 else 'ies'} held or rejected: see `outbox list`, then `outbox requeue ID`."
        )
    return 1 if waiting or attention or decisions_waiting else 0


def _send_review_decisions(
    ctx: AppContext, community_ids: list[int] | None, item_ids: object
) -> tuple[list[str], int]:
    """Moderation decisions (``review act``, the Review view) go out with the replies."""
    if item_ids:  # reply ids were named: only those
        return [], 0
    from moderator.review import store as review_store
    from moderator.review.sender import ReviewSender

    outcomes = ReviewSender().send_pending(ctx.store, ctx.connector_for, community_ids=community_ids)
    return [f"review {o.message}" for o in outcomes], review_store.live_count(ctx.store)


def cmd_outbox_requeue(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context

    ctx = open_context(with_sandbox=False)
    try:
        item = outbox.get_item(ctx.store, args.id)
        if item is None:
            raise _cli_error(f"No reply #{args.id} in the outbox. `outbox list` shows them.")
        if item.state not in (outbox.State.HELD, outbox.State.REJECTED):
            raise _cli_error(
                f"Reply #{args.id} is {outbox.describe(item.state, None).lower()}; only held or rejected replies are requeued."
            )
        outbox.requeue(ctx.store, item.id, send_anyway=args.send_anyway)
    finally:
        ctx.close()
    print(f"Reply #{args.id} is queued again; `outbox send` sends it.")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``reply`` and ``outbox`` to the main parser's subcommands."""
    reply = subparsers.add_parser("reply", help="queue a reply to a topic (sent by `outbox send` or the app)")
    reply.add_argument("community", metavar="COMMUNITY", help="the community's name (see `accounts list`)")
    reply.add_argument("topic_id", metavar="TOPIC_ID", help="the topic's number (see `topics`)")
    reply.add_argument(
        "--body-file", required=True, metavar="FILE", help="the reply's Markdown text; - reads standard input"
    )
    reply.add_argument(
        "--reply-to", type=post_number, metavar="N", help="answer post number N of the topic (1 or more)"
    )
    reply.add_argument(
        "--at",
        metavar="WHEN",
        help="send later: next-working-morning, tuesday-morning, tomorrow-morning, monday-morning,"
        " '2026-12-08 09:00' or 17:30 (local time)",
    )
    reply.set_defaults(handler=cmd_reply)

    box = subparsers.add_parser("outbox", help="replies waiting to be sent")
    actions = box.add_subparsers(title="outbox commands", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the replies not sent yet (--all: sent ones too)")
    listing.add_argument("--community", metavar="NAME")
    listing.add_argument("--all", action="store_true", help="include sent replies")
    listing.set_defaults(handler=cmd_outbox_list)
    send = actions.add_parser("send", help="send the queued replies now, each exactly once")
    send.add_argument(
        "ids", nargs="*", type=int, metavar="ID", help="only these replies (default: all queued)"
    )
    send.add_argument("--community", metavar="NAME")
    send.set_defaults(handler=cmd_outbox_send)
    requeue = actions.add_parser("requeue", help="queue a held or rejected reply again")
    requeue.add_argument("id", type=int, metavar="ID")
    requeue.add_argument(
        "--send-anyway", action="store_true", help="send even though the topic got new replies or was closed"
    )
    requeue.set_defaults(handler=cmd_outbox_requeue)
