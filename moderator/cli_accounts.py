"""The ``accounts`` commands that sign in, test and revoke: ``register(accounts_subparsers)``.

``moderator.cli`` builds the ``accounts`` group; ``register`` adds to it:

- ``accounts test NAME``: who the app acts as on the site and what it can see;
- ``accounts sign-in discourse NAME --url URL``: get a user API key from a terminal, with the
  device-code flow when the site offers it, else the copy-paste flow;
- ``accounts edit NAME``: change the address, username, title or name, or give a new key;
- and it upgrades ``accounts add`` (the key is tested before it is saved) and ``accounts remove``
  (the user API key is revoked on the site; ``--keep-data`` keeps the local copy readable).

Keys are read from standard input only and never printed, whatever happens. Every failure is one
sentence on standard error and exit status 1.
"""

from __future__ import annotations

import argparse
import sys
import threading
import webbrowser
from collections.abc import Callable
from typing import Any

from moderator import accounts
from moderator.model import AuthKind, Community
from moderator.platforms.base import PlatformError
from moderator.secrets import SecretStoreUnavailable

Handler = Callable[[argparse.Namespace], int]

#: Seconds between two device-flow polls; None follows the site (tests set 0).
POLL_INTERVAL: float | None = None
#: Opens the approval page (tests replace it; ``--no-browser`` skips it).
open_browser: Callable[[str], Any] = webbrowser.open

_NO_KEYRING_HINT = (
    " (The desktop app can keep a key for one session without a keyring; the command line cannot.)"
)


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _guarded(handler: Handler) -> Handler:
    """Every expected failure becomes one sentence and exit status 1, never a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except accounts.AccountError as exc:
            return _error(exc.message)
        except SecretStoreUnavailable as exc:
            return _error(exc.message + _NO_KEYRING_HINT)
        except PlatformError as exc:
            return _error(exc.message)

    run.__name__ = handler.__name__
    return run


def _open_store() -> Any:
    from moderator.bootstrap import open_context

    return open_context(with_sandbox=False)


def _community(ctx: Any, name: str) -> Community:
    community = ctx.store.community(name)
    if community is None:
        known = ", ".join(sorted(c.name for c in ctx.store.communities())) or "none yet"
        raise accounts.AccountError(f"No community named {name}. Known communities: {known}.")
    return community


def _read_key() -> str:
    key = sys.stdin.readline().strip()
    if not key:
        raise accounts.AccountError(
            "Expected the key on standard input (for example: `pass show forum | main.py accounts ...`)."
        )
    return key


def _print_check(check: accounts.AccountCheck) -> None:
    for line in check.lines():
        print(line)


# -- test -------------------------------------------------------------------------------------------


def cmd_test(args: argparse.Namespace) -> int:
    from moderator.bootstrap import SANDBOX_NAME, open_context

    ctx = open_context(with_sandbox=args.name == SANDBOX_NAME)
    try:
        community = _community(ctx, args.name)
        check = accounts.test_account(ctx, community)
    finally:
        ctx.close()
    print(f"{args.name}: the key works.")
    _print_check(check)
    return 0


# -- add (upgraded) -----------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    if args.platform != "discourse":
        raise accounts.AccountError(f"{args.platform} accounts are coming; Discourse works today.")
    kind = AuthKind.ADMIN_KEY if args.api_key_stdin else AuthKind.USER_KEY
    community = accounts.new_community(
        name=args.name, site=args.url, auth_kind=kind, username=args.username, title=args.title or ""
    )
    key = _read_key()
    ctx = _open_store()
    try:
        accounts.validate_name(ctx.store, community.name)
        if not getattr(args, "skip_test", False):
            check = accounts.check_credentials(community, key)
            if kind is AuthKind.USER_KEY:
                community.username = check.username
            if not args.title and check.site_title:
                community.title = check.site_title
        accounts.add_account(ctx.store, community, key)
    finally:
        ctx.close()
    who = f" as {community.username}" if community.username else ""
    print(f"Added {community.name} ({community.base_url}){who}; the key is in the system keyring.")
    print(f"Next: python main.py sync {community.name}")
    return 0


# -- sign-in ---------------------------------------------------------------------------------------


def _device_sign_in(site: str, args: argparse.Namespace) -> tuple[str, str]:
    from moderator.platforms.discourse.auth import DeviceFlow

    flow = DeviceFlow(site, poll_interval=POLL_INTERVAL)
    try:
        authorization = flow.start()
        print("To sign in, open this page and confirm the code:")
        print(f"    {authorization.open_url}")
        print()
        print(f"    Code: {authorization.user_code}")
        print()
        if not args.no_browser:
            open_browser(authorization.open_url)
        print(
            f"Waiting for the confirmation (the code expires in {int(authorization.expires_in // 60)} min;"
            " Ctrl+C to stop)..."
        )
        return flow.wait(threading.Event()), flow.client_id
    finally:
        flow.close()


def _read_payload() -> str:
    if sys.stdin.isatty():
        print("Paste the payload the site shows, then press Enter on an empty line:")
    lines: list[str] = []
    for line in sys.stdin:
        if not line.strip():
            if lines:
                break
            continue
        lines.append(line.strip())
    if not lines:
        raise accounts.AccountError("No payload was pasted. Run the command again when you have it.")
    return "".join(lines)


def _copy_paste_sign_in(site: str, args: argparse.Namespace) -> tuple[str, str]:
    from moderator.platforms.discourse import auth

    key_pair = auth.KeyPair.generate()
    nonce = auth.new_nonce()
    client_id = auth.new_client_id()
    url = auth.build_authorization_url(site, client_id, key_pair.public_pem, nonce)
    print("To sign in, open this page, click Authorize, and copy the payload it shows:")
    print(f"    {url}")
    if not args.no_browser:
        open_browser(url)
    return auth.decrypt_payload(key_pair, _read_payload(), nonce), client_id


def cmd_sign_in(args: argparse.Namespace) -> int:
    from moderator.platforms.discourse.auth import DeviceFlowUnsupported, detect_device_flow

    site = accounts.normalize_site(args.url)
    ctx = _open_store()
    try:
        accounts.validate_name(ctx.store, args.name)
        key = client_id = ""
        if not args.copy_paste and detect_device_flow(None, site):
            try:
                key, client_id = _device_sign_in(site, args)
            except DeviceFlowUnsupported:
                key = ""
        if not key:
            key, client_id = _copy_paste_sign_in(site, args)
        community, check = accounts.user_key_account(
            name=args.name, site=site, key=key, client_id=client_id, title=args.title or ""
        )
        accounts.add_account(ctx.store, community, key)
    finally:
        ctx.close()
    print(f"Signed in: added {community.name} ({community.base_url}); the key is in the system keyring.")
    _print_check(check)
    print(f"Next: python main.py sync {community.name}")
    return 0


# -- edit -------------------------------------------------------------------------------------------


def cmd_edit(args: argparse.Namespace) -> int:
    ctx = _open_store()
    try:
        community = _community(ctx, args.name)
        if community.auth_kind is AuthKind.SANDBOX and (args.url or args.username or args.key_kind):
            raise accounts.AccountError("The built-in sandbox has no address, username or key to change.")
        if args.url:
            community.base_url = args.url
        if args.username is not None:
            community.username = args.username.strip().removeprefix("@")
        if args.title is not None:
            community.title = args.title
        if args.rename:
            community.name = args.rename
        secret = None
        if args.key_kind:
            community.auth_kind = AuthKind.ADMIN_KEY if args.key_kind == "admin" else AuthKind.USER_KEY
            secret = _read_key()
        accounts.update_account(ctx.store, community, secret=secret)
    finally:
        ctx.close()
    print(f"Saved {community.name}.")
    return 0


# -- remove (upgraded) -----------------------------------------------------------------------------


def cmd_remove(args: argparse.Namespace) -> int:
    ctx = _open_store()
    try:
        community = _community(ctx, args.name)
        removal = accounts.remove_account(ctx.store, community, delete_local_data=not args.keep_data)
    finally:
        ctx.close()
    if removal.revoked:
        print(f"Revoked {args.name}'s key on the site.")
    if removal.revoke_error:
        print(f"warning: {removal.revoke_error}", file=sys.stderr)
    if removal.data_deleted:
        print(f"Removed {args.name} and its local data.")
    else:
        print(f"Signed out of {args.name}; its local copy stays readable. Add a key again to sync it.")
    return 0


# -- wiring -----------------------------------------------------------------------------------------


def register(accounts_subparsers: Any) -> None:
    """Add ``test``, ``sign-in`` and ``edit`` to the ``accounts`` group; upgrade ``add`` and ``remove``."""
    sub = accounts_subparsers
    choices = getattr(sub, "choices", {}) or {}

    test = sub.add_parser("test", help="check an account's key: who the app acts as and what it can see")
    test.add_argument("name")
    test.set_defaults(handler=_guarded(cmd_test))

    sign_in = sub.add_parser(
        "sign-in",
        help="add a Discourse account by signing in from the browser (no key to copy by hand)",
        description="Gets a user API key: with a code to confirm when the site offers it, else by pasting "
        "the payload the site's approval page shows. The key goes to the system keyring.",
    )
    sign_in.add_argument("platform", choices=("discourse",))
    sign_in.add_argument("name", help="a short name for this account, used by the other commands")
    sign_in.add_argument("--url", required=True, help="the site address, https://forum.example.org")
    sign_in.add_argument("--title", help="how the app names this community (default: the site's title)")
    sign_in.add_argument(
        "--copy-paste", action="store_true", help="use the copy-paste flow even if a code is offered"
    )
    sign_in.add_argument("--no-browser", action="store_true", help="only print the page to open")
    sign_in.set_defaults(handler=_guarded(cmd_sign_in))

    edit = sub.add_parser("edit", help="change an account's address, username, title or name, or its key")
    edit.add_argument("name")
    edit.add_argument("--url", help="a new site address")
    edit.add_argument("--username", help="the account the app acts as (admin keys)")
    edit.add_argument("--title", help="how the app names this community")
    edit.add_argument("--rename", metavar="NEW_NAME", help="a new short name")
    edit.add_argument(
        "--key-stdin",
        dest="key_kind",
        choices=("admin", "user"),
        help="replace the key with one read from standard input: an admin or a user API key",
    )
    edit.set_defaults(handler=_guarded(cmd_edit))

    if "add" in choices:
        add = choices["add"]
        add.add_argument(
            "--skip-test", action="store_true", help="save the key without checking it on the site"
        )
        add.set_defaults(handler=_guarded(cmd_add))
    if "remove" in choices:
        remove = choices["remove"]
        remove.add_argument(
            "--keep-data", action="store_true", help="keep the local copy (readable offline); only sign out"
        )
        remove.set_defaults(handler=_guarded(cmd_remove))
