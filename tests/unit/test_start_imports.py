"""What the GUI imports before its first paint stays light: no HTTP stack, keyring or calendar library."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("requests", "urllib3", "keyring", "icalendar")


def test_platform_errors_and_capabilities_do_not_import_the_http_stack() -> None:
    # The views import these at start (typed errors, "can this platform do X?", the Planned timeline).
    code = (
        "import sys\n"
        "import moderator.platforms, moderator.platforms.base, moderator.review.sender\n"
        "import moderator.schedule.planned\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_making_a_connector_still_finds_the_http_layer() -> None:
    from moderator.model import AuthKind, Community, Platform
    from moderator.platforms import make_connector, rate_limits_for

    community = Community(
        name="acme",
        platform=Platform.DISCOURSE,
        base_url="https://forum.example",
        auth_kind=AuthKind.ADMIN_KEY,
    )
    assert rate_limits_for(community)  # the admin key's budget, from the HTTP layer
    community.username = "admin"
    connector = make_connector(community, "secret")
    try:
        assert connector is not None
    finally:
        connector.close()
