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

from moderator import accounts, signin
from moderator.model import AuthKind, Community, Platform
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

#: ``accounts add`` options that read a secret from standard input, to the sign-in method they mean.
SECRET_OPTIONS = {
    "api_key_stdin": "discourse.admin_key",
    "token_stdin": "humhub.token",
    "password_stdin": "humhub.password",
}


def _add_credentials(args: argparse.Namespace, site: str) -> signin.Credentials:
    """The credentials ``accounts add`` was given, through the platform-neutral sign-in interface."""
    platform = Platform(args.platform)
    if getattr(args, "user_api_key_stdin", False):
        if platform is not Platform.DISCOURSE:
            raise accounts.AccountError("--user-api-key-stdin is for Discourse accounts.")
        return signin.Credentials(_read_key(), AuthKind.USER_KEY, username=args.username or "")
    chosen = [option for option in SECRET_OPTIONS if getattr(args, option, False)]
    flag = "--" + chosen[0].replace("_", "-") if chosen else ""
    method = next(
        (m for m in signin.methods(platform) if m.kind is signin.MethodKind.FORM and m.cli_option == flag), None
    )
    if method is None or method.platform is not platform:
        offered = ", ".join(m.cli_option for m in signin.methods(platform) if m.kind is signin.MethodKind.FORM)
        raise accounts.AccountError(
            f"{signin.display_name(platform)} accounts are added with {offered or 'sign-in'}."
        )
    values = {"username": args.username or ""}
    if any(f.name == "username" for f in method.fields) and not values["username"].strip():
        raise accounts.AccountError(f"{method.cli_option} needs --username (the account the app acts as).")
    secret_field = next(f.name for f in method.fields if f.secret)
    values[secret_field] = _read_key()
    return signin.sign_in_with_fields(method, site, values)


def _site(args: argparse.Namespace) -> str:
    """``--url``, or the platform's one address when it has one (Viva Engage)."""
    url = args.url or signin.platform_sign_in(Platform(args.platform)).default_site
    if not url:
        raise accounts.AccountError("--url is needed: the site's address, like https://forum.example.org.")
    return accounts.normalize_site(url)


def cmd_add(args: argparse.Namespace) -> int:
    site = _site(args)
    ctx = _open_store()
    try:
        accounts.validate_name(ctx.store, args.name)
        credentials = _add_credentials(args, site)
        if getattr(args, "skip_test", False):
            community = accounts.new_community(
                name=args.name, site=site, auth_kind=credentials.auth_kind, username=credentials.username,
                title=args.title or "", platform=Platform(args.platform),
            )
            community.settings.update(credentials.settings)
        else:
            community, _check = accounts.account_from_credentials(
                name=args.name, site=site, platform=Platform(args.platform), credentials=credentials,
                title=args.title or "",
            )
        accounts.add_account(ctx.store, community, credentials.secret)
    finally:
        ctx.close()
    who = f" as {community.username}" if community.username else ""
    what = "token" if credentials.auth_kind is AuthKind.TOKEN else "key"
    print(f"Added {community.name} ({community.base_url}){who}; the {what} is in the system keyring.")
    if credentials.expires_at is not None:
        print(f"The token expires on {credentials.expires_at:%Y-%m-%d %H:%M} UTC; sign in again then.")
    print(f"Next: python main.py sync {community.name}")
    return 0


# -- sign-in ---------------------------------------------------------------------------------------


def _device_sign_in(method: signin.SignInMethod, site: str, args: argparse.Namespace) -> signin.Credentials:
    values = {f.name: getattr(args, f.name, None) or "" for f in method.fields}
    missing = [f.cli_option for f in method.fields if f.required and not values[f.name].strip()]
    if missing:
        raise accounts.AccountError(
            f"Signing in to {signin.display_name(method.platform)} needs {' and '.join(missing)}."
        )
    flow = signin.start_device_code(method, site, poll_interval=POLL_INTERVAL, values=values)
    try:
        print("To sign in, open this page and confirm the code:")
        print(f"    {flow.verification_url}")
        print()
        print(f"    Code: {flow.user_code}")
        print()
        if not args.no_browser:
            open_browser(flow.verification_url)
        print(
            f"Waiting for the confirmation (the code expires in {int(flow.expires_in // 60)} min;"
            " Ctrl+C to stop)..."
        )
        return flow.wait(threading.Event())
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


def _copy_paste_sign_in(method: signin.SignInMethod, site: str, args: argparse.Namespace) -> signin.Credentials:
    flow = signin.start_paste(method, site)
    print("To sign in, open this page, click Authorize, and copy the payload it shows:")
    print(f"    {flow.url}")
    if not args.no_browser:
        open_browser(flow.url)
    return flow.finish(_read_payload())


def _browser_methods(platform: Platform) -> tuple[signin.SignInMethod | None, signin.SignInMethod | None]:
    """The platform's device-code method and its copy-paste fallback (either may be missing)."""
    device = next((m for m in signin.methods(platform) if m.kind is signin.MethodKind.DEVICE_CODE), None)
    paste = signin.method(device.fallback) if device is not None and device.fallback else None
    paste = paste or next((m for m in signin.methods(platform) if m.kind is signin.MethodKind.PASTE), None)
    return device, paste


def cmd_sign_in(args: argparse.Namespace) -> int:
    platform = Platform(args.platform)
    site = _site(args)
    device, paste = _browser_methods(platform)
    if device is None and paste is None:
        raise accounts.AccountError(
            f"{signin.display_name(platform)} has no browser sign-in: use `accounts add {platform.value}`."
        )
    ctx = _open_store()
    try:
        accounts.validate_name(ctx.store, args.name)
        credentials = None
        if device is not None and not (args.copy_paste and paste is not None):
            try:
                credentials = _device_sign_in(device, site, args)
            except signin.DeviceCodeUnavailable:
                if paste is None:
                    raise
        if credentials is None:
            assert paste is not None
            credentials = _copy_paste_sign_in(paste, site, args)
        community, check = accounts.account_from_credentials(
            name=args.name, site=site, platform=platform, credentials=credentials, title=args.title or ""
        )
        accounts.add_account(ctx.store, community, credentials.secret)
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
        help="add an account by signing in from the browser (no key to copy by hand)",
        description="Gets a key: with a code to confirm when the site offers it, else by pasting "
        "the payload the site's approval page shows. The key goes to the system keyring.",
    )
    browser_platforms = tuple(
        p.platform.value
        for p in signin.platforms()
        if any(m.kind in (signin.MethodKind.DEVICE_CODE, signin.MethodKind.PASTE) for m in p.methods)
    )
    sign_in.add_argument("platform", choices=browser_platforms)
    sign_in.add_argument("name", help="a short name for this account, used by the other commands")
    sign_in.add_argument(
        "--url", help="the site address, https://forum.example.org (Viva Engage: the API's, by default)"
    )
    added: set[str] = set()
    for platform_sign_in in signin.platforms():
        for sign_in_method in platform_sign_in.methods:
            if sign_in_method.kind is not signin.MethodKind.DEVICE_CODE:
                continue
            for field in sign_in_method.fields:
                if field.cli_option and field.cli_option not in added:
                    added.add(field.cli_option)
                    sign_in.add_argument(
                        field.cli_option,
                        dest=field.name,
                        help=f"{platform_sign_in.display_name}: {field.label.replace('&', '').rstrip(':')}"
                        + ("" if field.required else " (optional)"),
                    )
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
