"""Argument types the command line shares: numbers are checked when parsed, with a message that says
what is expected (``argparse`` then exits 2 with it, like any other usage error)."""

from __future__ import annotations

import argparse


def row_count(text: str) -> int:
    """``--limit``: a whole number, 0 (meaning all) or more."""
    value = _integer(text, "--limit")
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"{text} is negative: give how many rows at most, or 0 for all of them."
        )
    return value


def post_number(text: str) -> int:
    """``--reply-to``: a post's number in its topic, 1 or more."""
    value = _integer(text, "--reply-to")
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"{text} is not a post number: posts are numbered from 1 (the topic's first post)."
        )
    return value


def _integer(text: str, option: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{option} takes a whole number, not {text!r}.") from None
