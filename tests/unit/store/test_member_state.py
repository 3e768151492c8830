"""Each member's posting state (moderator.store.member_state) equals a count from scratch, whatever
the batches do: new posts, old posts arriving late, edits that hide, delete, retype or re-attribute
a post, removals, several communities, the community's data cleared or the community removed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sqlite3
from pathlib import Path

from moderator.model import UTC, AuthKind, Community, Platform, Post, SyncBatch
from moderator.store import Store, member_state
from moderator.store.schema import LATEST_VERSION, MIGRATIONS, V_MEMBER_POSTS

START = dt.datetime(2026, 1, 1, tzinfo=UTC)


def _community(store: Store, name: str) -> int:
    community = store.add_community(
        Community(
            name=name,
            platform=Platform.DISCOURSE,
            base_url=f"https://{name}.example.org",
            auth_kind=AuthKind.USER_KEY,
        )
    )
    assert community.id is not None
    return community.id


def _post(rng: random.Random, pid: int, authors: list[str]) -> Post:
    author = rng.choice(authors)
    return Post(
        id=str(pid),
        topic_id=str(rng.randint(1, 20)),
        post_number=rng.randint(1, 50),
        author_id=None if author == "-" else author,
        username=author,
        # Out of order: any time of four months, often the same second as another post.
        created_at=None if rng.random() < 0.02 else START + dt.timedelta(hours=rng.randint(0, 3000)),
        cooked=f"<p>post {pid}</p>",
        post_type=rng.choice([1, 1, 1, 1, 2, 3, 4]),
        hidden=rng.random() < 0.1,
        deleted_at=START if rng.random() < 0.1 else None,
        user_deleted=rng.random() < 0.05,
    )


def _assert_exact(store: Store) -> None:
    with store.write() as db:  # the views refresh before they read; apply_batch caught up already
        assert not member_state.pending(db)
        assert member_state.stored(db) == member_state.expected(db)


def test_randomized_batches_keep_the_state_exact(store: Store) -> None:
    rng = random.Random(17)
    cids = [_community(store, "acme"), _community(store, "globex")]
    authors = [str(n) for n in range(12)] + ["-"]  # "-": a post without an author (a deleted account)
    known: dict[int, list[str]] = {cid: [] for cid in cids}
    next_id = 1
    for step in range(120):
        cid = rng.choice(cids)
        posts, removed = [], []
        for _ in range(rng.randint(0, 12)):  # new posts
            posts.append(_post(rng, next_id, authors))
            known[cid].append(str(next_id))
            next_id += 1
        for _ in range(rng.randint(0, 4)):  # a stored post again, changed (or not)
            if known[cid]:
                again = _post(rng, 0, authors)
                posts.append(dataclasses.replace(again, id=rng.choice(known[cid])))
        if known[cid] and rng.random() < 0.3:  # removals, the newest post often among them
            for pid in {known[cid][-1], rng.choice(known[cid])}:
                removed.append(pid)
        store.apply_batch(cid, SyncBatch(posts=posts, removed_post_ids=removed))
        known[cid] = [p for p in known[cid] if p not in removed]
        if step % 10 == 0:
            _assert_exact(store)
    _assert_exact(store)
    with store.write() as db:
        assert len(member_state.stored(db)) > 15  # the test exercised many members

    store.clear_synced_data(cids[0])
    store.apply_batch(cids[1], SyncBatch(posts=[_post(rng, next_id, authors)]))
    _assert_exact(store)
    store.remove_community(cids[1])
    member_state.refresh(store)
    _assert_exact(store)
    with store.write() as db:
        assert member_state.stored(db) == set()


def test_a_removed_newest_post_does_not_hide_the_next_one(store: Store) -> None:
    """SQLite gives the rowid of a deleted newest row to the next insert: the mark steps back."""
    cid = _community(store, "acme")
    rng = random.Random(1)
    first = dataclasses.replace(
        _post(rng, 1, ["a"]), post_type=1, hidden=False, deleted_at=None, user_deleted=False
    )
    second = dataclasses.replace(first, id="2")
    store.apply_batch(cid, SyncBatch(posts=[first, second]))
    store.apply_batch(cid, SyncBatch(removed_post_ids=["2"]))
    store.apply_batch(cid, SyncBatch(posts=[dataclasses.replace(first, id="3", author_id="b")]))
    _assert_exact(store)
    with store.write() as db:
        assert {(m, n) for _, m, n, _ in member_state.stored(db)} == {("a", 1), ("b", 1)}


def test_posts_stored_directly_are_counted_before_a_view_reads(store: Store) -> None:
    cid = _community(store, "acme")
    with store.write() as db:
        db.execute(
            "INSERT INTO posts (community_id, id, topic_id, post_number, author_id, created_at)"
            " VALUES (?, 'x', '1', 1, 'a', 100)",
            (cid,),
        )
    assert member_state.pending(store.read())
    member_state.refresh(store)
    _assert_exact(store)
    with store.write() as db:
        assert member_state.stored(db) == {(cid, "a", 1, 100)}


def test_the_migration_counts_the_posts_already_stored(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    # The store as the version before this migration left it.
    for version, script in enumerate(MIGRATIONS[: MIGRATIONS.index(V_MEMBER_POSTS)]):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version + 1};\nCOMMIT;")
    conn.execute(
        "INSERT INTO communities (id, name, platform, base_url, auth_kind, created_at)"
        " VALUES (1, 'acme', 'discourse', 'https://acme.example.org', 'user_key', 0)"
    )
    rows = [
        ("1", "a", 1, 0, None, 0, 100),
        ("2", "a", 1, 1, None, 0, 200),  # hidden: not regular, still the latest of type 1
        ("3", "a", 2, 0, None, 0, 300),  # a small action: neither
        ("4", "b", 1, 0, 50, 0, 400),  # deleted
        ("5", None, 1, 0, None, 0, 500),
    ]
    conn.executemany(
        "INSERT INTO posts (community_id, id, topic_id, post_number, author_id, post_type, hidden,"
        " deleted_at, user_deleted, created_at) VALUES (1, ?, '1', 1, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.close()
    store = Store(path)
    try:
        assert store.version == LATEST_VERSION
        _assert_exact(store)
        with store.write() as db:
            assert member_state.stored(db) == {(1, "a", 1, 200), (1, "b", 0, 400)}
    finally:
        store.close()
