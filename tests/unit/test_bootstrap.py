"""The sandbox community row a first launch creates, without generating the practice world."""

from __future__ import annotations

from pathlib import Path

from moderator.bootstrap import SANDBOX_SEED, ensure_sandbox_community, sandbox_anchor
from moderator.sandbox import generate
from moderator.store import Store


def test_first_launch_declares_the_worlds_ideas_and_announcements_categories(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        community = ensure_sandbox_community(store)
        again = ensure_sandbox_community(store)
    planted = generate(seed=SANDBOX_SEED, now=sandbox_anchor()).planted["category_ids"]
    assert community.settings["idea_category_ids"] == [str(planted["ideas"])]
    assert community.settings["announcement_category_ids"] == [str(planted["announcements"])]
    assert again.id == community.id
