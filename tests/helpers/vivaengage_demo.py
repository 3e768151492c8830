"""Run the app against a local Viva Engage network and a local Microsoft token endpoint (demos, screenshots).

    python -m tests.helpers.vivaengage_demo --data-dir /tmp/demo-data [--approve-after 20] [--window 3]

The Accounts dialog's Viva Engage address is this network's; "Sign in with Microsoft" asks the local
token endpoint, which approves every code ``--approve-after`` seconds after it was shown (the user
confirming it on Microsoft's page). Nothing reaches the internet.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import threading
import time

import main as app_main
from moderator.platforms.vivaengage import auth
from moderator.platforms.vivaengage import signin as ve_signin
from tests.helpers import msal_token_server
from tests.helpers.msal_token_server import AUTHORITY, RoutingSession
from tests.helpers.vivaengage_server import Network, VivaEngageServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--approve-after", type=float, default=20.0)
    parser.add_argument("--window", type=float, default=3.0, help="the network's budget window (real: 30)")
    parser.add_argument("--threads", type=int, default=300)
    args = parser.parse_args(argv)
    with VivaEngageServer(Network(seed=2026, threads=args.threads, users=80), window=args.window) as api:

        def issued(token: str) -> None:
            api.tokens[token] = api.network.me

        with msal_token_server.running(on_access_token=issued) as tokens:
            ve_signin.authority_host = AUTHORITY
            auth.test_http_client = RoutingSession(tokens.url)
            ve_signin.PLATFORM = dataclasses.replace(ve_signin.PLATFORM, default_site=api.url)
            stop = threading.Event()

            def approver() -> None:
                seen: dict[str, float] = {}
                while not stop.wait(0.5):
                    for code in list(tokens.codes.values()):
                        if code["state"] == "pending":
                            first = seen.setdefault(code["user_code"], time.monotonic())
                            if time.monotonic() - first >= args.approve_after:
                                tokens.approve(code["user_code"])

            threading.Thread(target=approver, daemon=True).start()
            print(f"Viva Engage network: {api.url}", flush=True)
            try:
                return int(app_main.main(["--data-dir", args.data_dir]) or 0)
            finally:
                stop.set()


if __name__ == "__main__":
    sys.exit(main())
