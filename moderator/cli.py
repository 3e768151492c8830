"""The command-line front end, over the same core as the GUI.

Every command prints what it did in words and exits 0 on success, 1 when something went wrong that
the user can fix (the message says how), 2 on a usage error. A user's mistake never shows a
traceback. Secrets are read from standard input only, never from arguments (they would end up in the
shell history and the process list).
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from moderator import __version__, paths
from moderator.bootstrap import AppContext, open_context
from moderator.cli_args import row_count
from moderator.model import AuthKind, Community
from moderator.store import StoreError

Handler = Callable[[argparse.Namespace], int]

# The modules that add the other commands (their ``register``), in the order of the help, with the
# commands each adds. A command's module alone is imported when it runs: a read-only query such as
# `silent --format json` loads neither the platforms, the keyring nor an HTTP library.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "cli_replies": ("reply", "outbox"),
    "cli_schedule": ("categories", "post", "planned", "series"),
    "cli_remind": ("remind",),
    "cli_insights": ("unanswered", "silent", "trending"),
    "cli_results": ("results",),
    "cli_review": ("review",),
    "cli_nudges": ("nudge", "answerers"),
}
_MODULE_OF = {command: module for module, commands in COMMAND_MODULES.items() for command in commands}


class CliError(Exception):
    """A message for the user; the command exits 1 without a traceback."""


def _print_table(rows: Sequence[Sequence[Any]], headers: Sequence[str], out: TextIO) -> None:
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
        if n == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")


def _select(ctx: AppContext, names: Sequence[str] | None) -> list[Community]:
    communities = ctx.store.communities()
    if not names:
        return communities
    by_name = {c.name: c for c in communities}
    missing = [n for n in names if n not in by_name]
    if missing:
        known = ", ".join(sorted(by_name)) or "none yet"
        raise CliError(f"No community named {', '.join(missing)}. Known communities: {known}.")
    return [by_name[n] for n in names]


# -- commands ------------------------------------------------------------------------------------


def cmd_sandbox_serve(args: argparse.Namespace) -> int:
    from moderator.sandbox import serve

    serve(port=args.port, seed=args.seed, scale=args.scale, host="127.0.0.1")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from moderator.sync import sync_community

    ctx = open_context()
    failures = 0
    try:
        for community in _select(ctx, args.names):
            try:
                connector = ctx.connector_for(community)
            except Exception as exc:  # a missing secret or an unusable keyring: say it, go on
                print(f"{community.name}: cannot connect: {exc}", file=sys.stderr)
                failures += 1
                continue
            try:
                # A sync asked for by hand also re-checks the queued topics (moderator.recheck).
                report = sync_community(ctx.store, community, connector, recheck=True)
            except Exception as exc:  # a bug: logged with its traceback, the other communities go on
                print(
                    f"{community.name}: the sync stopped on an internal error ({type(exc).__name__});"
                    " the local copy is intact. Run with -v and report it.",
                    file=sys.stderr,
                )
                failures += 1
                continue
            finally:
                connector.close()
            if report.error:
                failures += 1
                print(f"{community.name}: sync failed: {report.error} (local copy kept)", file=sys.stderr)
            else:
                print(
                    f"{community.name}: {report.topics} topics, {report.posts} posts, {report.members} members,"
                    f" {report.categories} categories received in {report.requests} requests"
                    f" ({report.elapsed:.1f} s)"
                )
    finally:
        ctx.close()
    return 1 if failures else 0


def cmd_topics(args: argparse.Namespace) -> int:
    ctx = open_context()
    try:
        communities = _select(ctx, [args.community] if args.community else None)
        rows = ctx.store.topic_rows([c.id for c in communities if c.id is not None])
        rows = rows[: args.limit] if args.limit else rows
        if args.format == "json":
            from moderator.store import from_ts

            payload = [
                {
                    "community": r["community_name"],
                    "topic_id": r["id"],
                    "title": r["title"],
                    "category": r["category_name"],
                    "author": r["author_username"],
                    "posts_count": r["posts_count"],
                    "views": r["views"],
                    "like_count": r["like_count"],
                    "created_at": (t.isoformat() if (t := from_ts(r["created_at"])) else None),
                    "bumped_at": (t.isoformat() if (t := from_ts(r["bumped_at"])) else None),
                    "closed": bool(r["closed"]),
                    "archived": bool(r["archived"]),
                    "archetype": r["archetype"],
                }
                for r in rows
            ]
            json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            _print_table(
                [
                    (
                        r["community_name"],
                        r["id"],
                        r["category_name"] or "",
                        r["title"][:60],
                        r["posts_count"] - 1,
                    )
                    for r in rows
                ],
                ("community", "id", "category", "title", "replies"),
                sys.stdout,
            )
            if not rows:
                print("No topics in the local copy yet. Run `python main.py sync` first.")
    finally:
        ctx.close()
    return 0


def cmd_accounts_list(args: argparse.Namespace) -> int:
    ctx = open_context()
    try:
        rows = [
            (
                c.name,
                c.platform,
                c.base_url if c.auth_kind != AuthKind.SANDBOX else "(built-in sandbox)",
                c.username,
                c.auth_kind,
                c.last_sync_at.isoformat(timespec="minutes") if c.last_sync_at else "never",
                c.last_sync_error or "",
            )
            for c in ctx.store.communities()
        ]
    finally:
        ctx.close()
    _print_table(
        rows, ("name", "platform", "url", "username", "sign-in", "last sync", "last error"), sys.stdout
    )
    return 0


# -- parser --------------------------------------------------------------------------------------


def _register(module: str, sub: Any) -> None:
    importlib.import_module(f"moderator.{module}").register(sub)


def command_of(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (None: none, or help or the version is asked first)."""
    args = iter(argv)
    for arg in args:
        if arg == "--data-dir":
            next(args, None)
        elif arg.startswith("--data-dir=") or arg in ("-v", "--verbose"):
            continue
        elif arg.startswith("-"):
            return None  # --help, --version, or a mistake the whole parser explains
        else:
            return arg
    return None


def build_parser(
    *, gui: Handler | None = None, screenshots: Handler | None = None, only: str | None = None
) -> argparse.ArgumentParser:
    """The command line's parser; with ``only`` (a command of ``COMMAND_MODULES``), the global
    options and that command alone (the other commands' modules are not imported)."""
    parser = argparse.ArgumentParser(
        prog="community-moderator",
        description="Community Moderator: unanswered posts, silent members and rising ideas, in one place."
        " Without a subcommand, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep the local copy and settings in DIR (default: ${paths.ENV_VAR} or the user data directory)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens to standard error")
    parser.set_defaults(handler=gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    if only in _MODULE_OF:
        _register(_MODULE_OF[only], sub)
        return parser
    from moderator import cli_accounts, signin

    if gui is not None:
        sub.add_parser("gui", help="open the app (the default)").set_defaults(handler=gui)

    sync = sub.add_parser("sync", help="bring the local copy up to date")
    sync.add_argument("names", nargs="*", metavar="NAME", help="communities to sync (default: all)")
    sync.set_defaults(handler=cmd_sync)

    topics = sub.add_parser("topics", help="list the topics of the local copy")
    topics.add_argument("--community", metavar="NAME")
    topics.add_argument("--format", choices=("table", "json"), default="table")
    topics.add_argument("--limit", type=row_count, default=0, help="at most this many rows (0: all)")
    topics.set_defaults(handler=cmd_topics)

    accounts = sub.add_parser("accounts", help="the communities you moderate and how you sign in")
    acc = accounts.add_subparsers(title="accounts commands", metavar="ACTION", required=True)
    add = acc.add_parser(
        "add",
        help="add a community account (the key, token or password is read from standard input)",
        description="Discourse: --api-key-stdin with --username, or --user-api-key-stdin. HumHub: "
        "--token-stdin (a Bearer token from the site's REST API settings), or --username with "
        "--password-stdin (exchanged once for a token; the password is not kept).",
    )
    add.add_argument("platform", choices=tuple(p.platform.value for p in signin.platforms()))
    add.add_argument("name", help="a short name for this account, used by the other commands")
    add.add_argument(
        "--url", help="the site address, https://forum.example.org (Viva Engage: the API's, by default)"
    )
    add.add_argument("--username", help="the account the app acts as (admin keys, HumHub password sign-in)")
    add.add_argument("--title", help="how the app names this community (default: NAME)")
    key = add.add_mutually_exclusive_group(required=True)
    key.add_argument(
        "--api-key-stdin", action="store_true", help="Discourse: an admin API key, read from standard input"
    )
    key.add_argument(
        "--user-api-key-stdin", action="store_true", help="Discourse: a user API key, read from standard input"
    )
    key.add_argument(
        "--token-stdin",
        action="store_true",
        help="HumHub, Viva Engage: a Bearer access token, read from standard input",
    )
    key.add_argument(
        "--password-stdin",
        action="store_true",
        help="HumHub: the password of --username, read from standard input, exchanged for a token",
    )
    acc.add_parser("list", help="list the accounts").set_defaults(handler=cmd_accounts_list)
    rm = acc.add_parser("remove", help="remove an account, its key and its local data")
    rm.add_argument("name")
    cli_accounts.register(acc)  # test, sign-in, edit; the handlers of add and remove

    for module in COMMAND_MODULES:
        _register(module, sub)

    sandbox = sub.add_parser("sandbox", help="the built-in practice community")
    sb = sandbox.add_subparsers(title="sandbox commands", metavar="ACTION", required=True)
    serve = sb.add_parser("serve", help="run the sandbox Discourse server alone, until Ctrl+C")
    serve.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    serve.add_argument("--seed", type=int, default=7, help="which generated community (default: 7)")
    serve.add_argument("--scale", type=float, default=1.0, help="size multiplier (30 gives 100k+ posts)")
    serve.set_defaults(handler=cmd_sandbox_serve)

    if screenshots is not None:
        shots = sub.add_parser("screenshots", help="render the main views to PNG files, offscreen")
        shots.add_argument("--out", default="docs/screenshots", metavar="DIR")
        shots.set_defaults(handler=screenshots)
    return parser


def main(
    argv: Sequence[str] | None = None, *, gui: Handler | None = None, screenshots: Handler | None = None
) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(gui=gui, screenshots=screenshots, only=command_of(argv))
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    if args.handler is None:
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (StoreError, paths.DataDirError) as exc:  # the local data cannot be opened: say why, touch nothing
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `... | head`: the reader left. Point stdout at devnull so the interpreter's own flush at
        # exit does not raise again (the recipe of Python's signal documentation).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
