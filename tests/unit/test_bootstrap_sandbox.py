"""The practice community is named like a real one: no English "Sandbox ·" in what is written to members."""

from __future__ import annotations

from pathlib import Path

from moderator import saved_replies
from moderator.bootstrap import SANDBOX_TITLE, ensure_sandbox_community
from moderator.store import Store


def test_the_sandbox_title_is_the_sites_name_and_replies_use_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "m.sqlite3")
    try:
        community = ensure_sandbox_community(store)
        assert community.title == SANDBOX_TITLE == "Communauté Innovation"
        idea = next(
            r for r in saved_replies.list_saved_replies(store) if r.shipped_key == "thanks_for_idea:en"
        )
        body = saved_replies.fill(idea.body, saved_replies.placeholder_values(store, community, None))
        assert "makes Communauté Innovation better" in body and "Sandbox" not in body
    finally:
        store.close()


def test_an_old_sandbox_title_loses_its_prefix(tmp_path: Path) -> None:
    store = Store(tmp_path / "m.sqlite3")
    try:
        community = ensure_sandbox_community(store)
        community.title = "Sandbox · Communauté Innovation"
        store.update_community(community)
        assert ensure_sandbox_community(store).title == "Communauté Innovation"
    finally:
        store.close()
