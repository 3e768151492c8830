"""Schema v2 (triage, topic snapshots, term index): a v1 database is upgraded in place, data intact.

Later migrations run too: the database ends at ``LATEST_VERSION``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from moderator.store import Store
from moderator.store.schema import LATEST_VERSION, MIGRATIONS, V2_INSIGHTS


def _v1_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(f"BEGIN;\n{MIGRATIONS[0]}\nPRAGMA user_version = 1;\nCOMMIT;")
    conn.execute(
        "INSERT INTO communities (id, name, platform, base_url, auth_kind, created_at) VALUES"
        " (1, 'acme', 'discourse', 'https://f.example.org', 'user_key', 0)"
    )
    conn.execute("INSERT INTO topics (community_id, id, title, posts_count) VALUES (1, '7', 'Hello', 2)")
    conn.execute(
        "INSERT INTO posts (community_id, id, topic_id, post_number, text) VALUES (1, '70', '7', 1, 'bonjour')"
    )
    conn.commit()
    conn.close()


def test_a_v1_database_opens_as_v2_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _v1_database(path)
    with Store(path) as store:
        assert MIGRATIONS[1] is V2_INSIGHTS
        assert store.version == LATEST_VERSION >= 2
        assert store.counts(1) == {"categories": 0, "members": 0, "topics": 1, "posts": 1}
        assert [r["id"] for r in store.search_posts("bonjour")] == ["70"]
        tables = {r[0] for r in store.read().execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"triage", "topic_snapshots", "term_totals", "term_index_state"} <= tables
        with store.write() as db:
            db.execute("INSERT INTO triage VALUES (1, '7', 'handled', NULL, 5)")
    with Store(path) as store:  # reopening migrates nothing twice
        assert store.version == LATEST_VERSION
        assert store.read().execute("SELECT state FROM triage").fetchone()[0] == "handled"


def test_triage_states_are_checked_and_cascade_with_the_community(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _v1_database(path)
    with Store(path) as store:
        with store.write() as db:
            db.execute("INSERT INTO triage VALUES (1, '7', 'snoozed', 100, 5)")
            db.execute("INSERT INTO topic_snapshots VALUES (1, '7', 5, 2, 0, 3, NULL, 1)")
        try:
            with store.write() as db:
                db.execute("INSERT INTO triage VALUES (1, '8', 'maybe', NULL, 5)")
        except sqlite3.IntegrityError:
            pass
        else:  # pragma: no cover
            raise AssertionError("a triage state outside handled/snoozed was accepted")
        store.remove_community(1)
        assert store.read().execute("SELECT COUNT(*) FROM triage").fetchone()[0] == 0
        assert store.read().execute("SELECT COUNT(*) FROM topic_snapshots").fetchone()[0] == 0
