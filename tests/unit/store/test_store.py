"""The local store: schema versions, atomic batches, merges that never lose what a source did not say."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from moderator.model import UTC, AuthKind, Category, Community, Member, Platform, Post, SyncBatch, Topic
from moderator.store import Store, StoreError
from moderator.store.schema import LATEST_VERSION

T0 = dt.datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def _community(store: Store, name: str = "acme") -> int:
    c = store.add_community(
        Community(
            name=name,
            platform=Platform.DISCOURSE,
            base_url="https://forum.example.org",
            username="ann",
            auth_kind=AuthKind.USER_KEY,
        )
    )
    assert c.id is not None
    return c.id


def _batch(n_topics: int = 2, cursor: dict | None = None) -> SyncBatch:
    topics = [
        Topic(
            id=str(i), title=f"Topic {i}", created_at=T0, bumped_at=T0 + dt.timedelta(hours=i), posts_count=2
        )
        for i in range(1, n_topics + 1)
    ]
    posts = [
        Post(
            id=str(100 + i),
            topic_id=str(i),
            post_number=1,
            author_id="7",
            username="bob",
            created_at=T0,
            cooked=f"<p>Idée numéro {i} sur le t&eacute;l&eacute;travail</p>",
        )
        for i in range(1, n_topics + 1)
    ]
    return SyncBatch(
        categories=[Category(id="3", name="Idées")],
        topics=topics,
        posts=posts,
        members=[Member(id="7", username="bob", post_count=2)],
        cursor=cursor or {},
    )


def test_new_database_is_at_latest_version_in_wal_mode(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        assert store.version == LATEST_VERSION
        assert store.read().execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_database_from_a_newer_app_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        Store(path)


def test_batch_and_cursor_round_trip(store: Store) -> None:
    cid = _community(store)
    store.apply_batch(cid, _batch(cursor={"topics_bumped_at": 123}))
    assert store.counts(cid) == {"categories": 1, "members": 1, "topics": 2, "posts": 2}
    assert store.sync_cursor(cid) == {"topics_bumped_at": 123}
    store.apply_batch(cid, SyncBatch(cursor={"posts_before": 9}))
    assert store.sync_cursor(cid) == {"topics_bumped_at": 123, "posts_before": 9}
    topic = store.topic(cid, "2")
    assert topic is not None and topic.bumped_at == T0 + dt.timedelta(hours=2)
    assert topic.bumped_at.tzinfo is not None
    assert [p.id for p in store.posts(cid, "1")] == ["101"]


def test_a_failing_batch_leaves_nothing_behind(store: Store) -> None:
    cid = _community(store)
    bad = _batch(cursor={"topics_bumped_at": 999})
    bad.posts.append(Post(id="bad", topic_id="1", post_number=None, cooked=""))  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        store.apply_batch(cid, bad)
    assert store.counts(cid)["topics"] == 0
    assert store.sync_cursor(cid) == {}


def test_member_fields_one_source_does_not_report_are_kept(store: Store) -> None:
    cid = _community(store)
    store.apply_batch(cid, SyncBatch(members=[Member(id="7", username="bob", name="Bob", posts_read=40)]))
    store.apply_batch(cid, SyncBatch(members=[Member(id="7", username="bob", post_count=3)]))
    member = store.member(cid, "7")
    assert member is not None
    assert (member.name, member.posts_read, member.post_count) == ("Bob", 40, 3)


def test_full_text_search_folds_accents_and_follows_updates(store: Store) -> None:
    cid = _community(store)
    store.apply_batch(cid, _batch())
    assert {r["id"] for r in store.search_posts("teletravail")} == {"101", "102"}
    store.apply_batch(
        cid, SyncBatch(posts=[Post(id="101", topic_id="1", post_number=1, cooked="<p>covoiturage</p>")])
    )
    assert {r["id"] for r in store.search_posts("télétravail")} == {"102"}
    assert {r["id"] for r in store.search_posts("covoiturage")} == {"101"}
    store.apply_batch(cid, SyncBatch(removed_post_ids=["101"]))
    assert store.search_posts("covoiturage") == []


def test_full_text_index_stays_consistent_through_bulk_inserts_updates_and_duplicates(store: Store) -> None:
    """New posts are indexed in bulk after the upsert (schema v5): check the index against the table."""
    cid = _community(store)
    twice = [Post(id="9", topic_id="1", post_number=2, cooked="<p>premier jet</p>"),
             Post(id="9", topic_id="1", post_number=2, cooked="<p>version finale</p>")]
    store.apply_batch(cid, SyncBatch(posts=twice + _batch().posts))
    same_text = Post(id="101", topic_id="1", post_number=1, cooked=store.posts(cid, "1")[0].cooked, like_count=5)
    store.apply_batch(cid, SyncBatch(posts=[same_text, Post(id="10", topic_id="2", post_number=2, cooked="jet")]))
    with store.write() as db:  # raises SQLITE_CORRUPT_VTAB if the index and the table disagree
        db.execute("INSERT INTO posts_fts (posts_fts, rank) VALUES ('integrity-check', 1)")
    assert {r["id"] for r in store.search_posts("jet")} == {"10"}
    assert {r["id"] for r in store.search_posts("finale")} == {"9"}


def test_removing_a_community_removes_its_data_only(store: Store) -> None:
    a, b = _community(store, "a"), _community(store, "b")
    store.apply_batch(a, _batch())
    store.apply_batch(b, _batch())
    store.remove_community(a)
    assert store.counts(a)["posts"] == 0
    assert store.counts(b)["posts"] == 2
    assert [c.name for c in store.communities()] == ["b"]


def test_readers_on_other_threads_see_committed_data(store: Store) -> None:
    import threading

    cid = _community(store)
    store.apply_batch(cid, _batch())
    seen: list[int] = []
    thread = threading.Thread(target=lambda: seen.append(store.counts(cid)["topics"]))
    thread.start()
    thread.join()
    assert seen == [2]


def test_a_process_killed_mid_sync_leaves_a_consistent_database(tmp_path: Path) -> None:
    """Kill -9 a writer in the middle of its transactions: what is on disk is whole batches only."""
    path = tmp_path / "db.sqlite3"
    script = textwrap.dedent(f"""
        import datetime as dt, os, signal, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[3])!r})
        from moderator.model import *
        from moderator.store import Store
        store = Store({str(path)!r})
        cid = store.add_community(Community(name="x", platform=Platform.DISCOURSE, base_url="http://127.0.0.1",
                                            auth_kind=AuthKind.SANDBOX)).id
        for b in range(50):
            topics = [Topic(id=f"{{b}}-{{i}}", title="t") for i in range(20)]
            if b == 30:
                with store.write() as db:  # die with a half-written batch in flight
                    store._upsert_topics(db, cid, topics[:10])
                    os.kill(os.getpid(), signal.SIGKILL)
            store.apply_batch(cid, SyncBatch(topics=topics, cursor={{"batches": b + 1}}))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    with Store(path) as store:
        (community,) = store.communities()
        assert community.id is not None
        assert store.sync_cursor(community.id) == {"batches": 30}
        assert store.counts(community.id)["topics"] == 30 * 20
        assert store.read().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
