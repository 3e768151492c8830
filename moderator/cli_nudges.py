"""``nudge`` and ``answerers``: a private nudge queued from a script, and who could answer a question.

``nudge COMMUNITY USERNAME`` queues a private message (sent by ``outbox send`` or the app, exactly
once) with the saved nudge of the member's segment (``--segment-text``, the default) or the text of
``--body-file``; it is recorded in the nudges history like one sent from the app, and refused when
the member was nudged less than 30 days ago unless ``--insist``. ``answerers COMMUNITY TOPIC_ID``
ranks the members most likely to answer, from the local copy only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

from moderator import outbox

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


def _ui_language() -> str:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def cmd_nudge(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.cli_replies import _read_body
    from moderator.nudges import language, send, texts

    username = args.username.strip().removeprefix("@")
    body_text = _read_body(args.body_file).strip() if args.body_file else None
    if args.body_file and not body_text:
        raise _cli_error("The message is empty: write something in the file (or on standard input) first.")
    ctx = open_context(with_sandbox=False)
    try:
        community = _community(ctx, args.community)
        assert community.id is not None
        member = (
            ctx.store.read()
            .execute(
                "SELECT username FROM members WHERE community_id=? AND username=? COLLATE NOCASE",
                (community.id, username),
            )
            .fetchone()
        )
        if member is None:
            raise _cli_error(
                f"No member @{username} in the local copy of {community.name}."
                f" Check the spelling, or run `sync {community.name}` first."
            )
        username = member[0]
        purpose = (
            texts.Purpose(args.segment) if args.segment else send.segment_of(ctx.store, community, username)
        )
        lang = (
            args.language
            or language.choose_language(
                ctx.store,
                community.id,
                username,
                ui_language=_ui_language(),
                setting=str(community.settings.get("language") or ""),
            ).language
        )
        prepared = texts.prepare(ctx.store, community, username, purpose, lang)
        title = args.title or prepared.title
        body = body_text or prepared.body
        try:
            queued = send.queue_private(
                ctx.store,
                community,
                username,
                title=title,
                body=body,
                purpose=purpose,
                language=lang,
                insist=args.insist,
            )
        except send.RecentlyNudged as exc:
            raise _cli_error(str(exc)) from None
        except (outbox.EmptyReply, ValueError) as exc:
            raise _cli_error(str(exc)) from None
    finally:
        ctx.close()
    print(
        f"Queued private message #{queued.item.id} to @{username} in {community.name} ({purpose}, {lang}):"
        f" “{queued.item.pm_title}”. It will be sent by `outbox send` or the app."
    )
    return 0


def cmd_answerers(args: argparse.Namespace) -> int:
    from moderator.bootstrap import open_context
    from moderator.cli import _print_table
    from moderator.nudges.answerers import TopicNotFound, rank_answerers

    ctx = open_context(with_sandbox=False)
    try:
        community = _community(ctx, args.community)
        assert community.id is not None
        try:
            ranked = rank_answerers(
                ctx.store, community.id, str(args.topic_id), limit=args.limit, insist=args.insist
            )
        except TopicNotFound:
            raise _cli_error(
                f"Topic {args.topic_id} is not in the local copy of {community.name}."
                f" Check the number with `topics --community {community.name}`, or run `sync {community.name}` first."
            ) from None
    finally:
        ctx.close()
    if args.format == "json":
        json.dump([s.as_dict() for s in ranked], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = [
        (n + 1, s.username, f"{s.score:.3f}", s.similar_topics, s.category_replies, s.tag_replies, s.why)
        for n, s in enumerate(ranked)
    ]
    _print_table(rows, ("#", "username", "score", "similar", "category", "tags", "why"), sys.stdout)
    if not ranked:
        print(
            "Nobody in the local copy wrote about this yet (or everyone likely was asked this month: --insist)."
        )
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    nudge = subparsers.add_parser(
        "nudge", help="queue a private nudge to a member (sent by `outbox send` or the app)"
    )
    nudge.add_argument("community", metavar="COMMUNITY", help="the community's name (see `accounts list`)")
    nudge.add_argument("username", metavar="USERNAME")
    source = nudge.add_mutually_exclusive_group()
    source.add_argument(
        "--segment-text",
        action="store_true",
        help="the saved nudge for the member's segment (reader, gone quiet, newcomer): the default",
    )
    source.add_argument("--body-file", metavar="FILE", help="the message's text; - reads standard input")
    nudge.add_argument("--title", metavar="T", help="the private message's title (default: the saved one)")
    nudge.add_argument(
        "--segment", choices=["reader", "gone_quiet", "newcomer"], help="use this segment's text"
    )
    nudge.add_argument("--language", choices=["fr", "en"], help="default: the member's, else the community's")
    nudge.add_argument("--insist", action="store_true", help="send even if nudged less than 30 days ago")
    nudge.set_defaults(handler=cmd_nudge)

    answerers = subparsers.add_parser("answerers", help="who could answer this topic? ranked, with reasons")
    answerers.add_argument("community", metavar="COMMUNITY")
    answerers.add_argument("topic_id", metavar="TOPIC_ID")
    answerers.add_argument("--format", choices=["table", "json"], default="table")
    answerers.add_argument("--limit", type=int, default=5)
    answerers.add_argument(
        "--insist", action="store_true", help="include members nudged or invited in the last 30 days"
    )
    answerers.set_defaults(handler=cmd_answerers)
