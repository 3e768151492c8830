"""``moderator.cli.main`` with ``cli_accounts.register`` wired in, as the lead will wire it.

Until ``cli.build_parser`` calls ``register`` itself, tests patch it in; once it does, this changes
nothing (``register`` is not called twice).
"""

from __future__ import annotations

import argparse
from typing import Any

import pytest

from moderator import cli, cli_accounts


def _accounts_subparsers(parser: argparse.ArgumentParser) -> Any:
    """The ``accounts`` subcommands, or None in a parser built for another command alone
    (``cli.build_parser(only=...)``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and "accounts" in action.choices:
            accounts = action.choices["accounts"]
            for inner in accounts._actions:
                if isinstance(inner, argparse._SubParsersAction):
                    return inner
    if any(isinstance(a, argparse._SubParsersAction) and a.choices for a in parser._actions):
        return None
    raise AssertionError("no subcommands at all")


def wire_register(monkeypatch: pytest.MonkeyPatch) -> None:
    original = cli.build_parser

    def build_parser(**kwargs: Any) -> argparse.ArgumentParser:
        parser = original(**kwargs)
        sub = _accounts_subparsers(parser)
        if sub is not None and "test" not in sub.choices:
            cli_accounts.register(sub)
        return parser

    monkeypatch.setattr(cli, "build_parser", build_parser)
