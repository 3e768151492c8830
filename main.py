#!/usr/bin/env python3
"""Community Moderator: the desktop app by default, the command line with a subcommand.

    python main.py                      # the app, on the built-in sandbox community at first launch
    python main.py --help               # the subcommands (sync, topics, accounts, sandbox serve, ...)

This file only joins the two front ends: the command line lives in ``moderator.cli`` (no Qt), the
GUI in ``ui``. The core may not import ``ui``, so the GUI commands are handed to the CLI from here.
"""

from __future__ import annotations

import argparse
import sys


def _run_gui(args: argparse.Namespace) -> int:
    from ui import platform_libs

    if not platform_libs.check():  # Qt would abort with its raw "could not load the Qt platform plugin"
        return 1
    from ui.app import main as gui_main

    return gui_main([])


def _run_screenshots(args: argparse.Namespace) -> int:
    from ui.screenshots import main as screenshots_main

    return screenshots_main(args.out)


def main(argv: list[str] | None = None) -> int:
    from moderator import cli

    return cli.main(
        sys.argv[1:] if argv is None else argv,
        gui=_run_gui,
        screenshots=_run_screenshots,
    )


if __name__ == "__main__":
    sys.exit(main())
