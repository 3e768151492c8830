"""The per-topic state behind the Unanswered queues (moderator.store.topic_state) stays exact.

After randomized batches (new posts in any order, edits that hide, delete, whisper or move a post,
removed posts, topics arriving after their posts, authors changing), every topic's state equals a
recount from its posts, and the three queues list exactly what the former computation from every
post listed (legacy_unanswered.py), windows and counts included. Seeded: a failure replays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from legacy_unanswered import legacy_unanswered

from moderator.insights import (
    mark_handled,
    snooze,
    unanswered_count,
    unanswered_page,
    unanswered_topics,
)
from moderator.model import (
    UTC,
    Archetype,
    AuthKind,
    Category,
    Community,
    Member,
    Platform,
    Post,
    SyncBatch,
    Topic,
)
from moderator.store import Store, topic_state
from moderator.store.schema import LATEST_VERSION, MIGRATIONS, V_TOPIC_STATE

NOW = dt.datetime(2026, 5, 20, 12, 0, tzinfo=UTC)
DEFINITIONS = ("no_reply", "last_word_not_team", "unsolved")
MEMBERS = [("1", "ann"), ("2", "Bob"), ("3", "carla"), ("4", "dan"), ("5", "eve"), ("6", "Zoé")]


def _recount(store: Store, cid: int) -> dict[str, tuple[Any, ...]]:
    """Every topic's state computed in Python from the posts table, as topic_state defines it."""
    db = store.read()
    posts: dict[str, list[sqlite3.Row]] = {}
    for p in db.execute("SELECT * FROM posts WHERE community_id = ?", (cid,)):
        posts.setdefault(p["topic_id"], []).append(p)
    out = {}
    for t in db.execute("SELECT id, author_id FROM topics WHERE community_id = ?", (cid,)):
        mine = posts.get(t["id"], [])
        author = t["author_id"]
        if author is None:
            author = next((p["author_id"] for p in mine if p["post_number"] == 1), None)
        regular = sorted(
            (
                p
                for p in mine
                if p["post_type"] == 1
                and not p["hidden"]
                and p["deleted_at"] is None
                and not p["user_deleted"]
            ),
            key=lambda p: p["post_number"],
        )
        reply = next((p for p in regular if p["author_id"] != author), None)
        last = regular[-1] if regular else None
        times = [p["created_at"] for p in regular if p["created_at"] is not None]
        out[t["id"]] = (
            len(mine),
            reply and reply["post_number"],
            reply and reply["created_at"],
            last and last["post_number"],
            last and last["author_id"],
            last and last["username"],
            last and last["created_at"],
            last and last["staff"],
            max(times) if times else None,
        )
    return out


def _stored_state(store: Store, cid: int) -> dict[str, tuple[Any, ...]]:
    columns = ", ".join(topic_state.STATE_COLUMNS)
    rows = store.read().execute(f"SELECT id, {columns} FROM topics WHERE community_id = ?", (cid,))
    return {r[0]: tuple(r[1:]) for r in rows}


def _assert_queues_match(store: Store, label: str) -> None:
    for definition in DEFINITIONS:
        expected = legacy_unanswered(store, NOW, definition)
        got = unanswered_topics(store, now=NOW, definition=definition)
        assert got == expected, f"{label}: {definition}"
        assert unanswered_count(store, now=NOW, definition=definition) == len(expected), (
            f"{label}: {definition}"
        )
        for offset, limit in ((0, 1), (0, 7), (3, 5), (len(expected) - 2, 10), (len(expected) + 3, 4)):
            offset = max(offset, 0)
            window = unanswered_topics(store, now=NOW, definition=definition, offset=offset, limit=limit)
            assert window == expected[offset : offset + limit], f"{label}: {definition} [{offset}:+{limit}]"
        page = unanswered_page(store, now=NOW, definition=definition, offset=2, limit=6)
        assert (page.total, page.rows) == (len(expected), expected[2:8])


class _World:
    """A community fed random batches; remembers the posts it sent so it can edit and remove them."""

    def __init__(self, store: Store, name: str, rng: random.Random) -> None:
        community = store.add_community(
            Community(
                name=name,
                platform=Platform.DISCOURSE,
                base_url=f"https://{name}.example.org",
                username="eve",  # the synced account: part of the team
                auth_kind=AuthKind.USER_KEY,
                settings={"team_usernames": ["bob"], "announcement_category_ids": ["9"]},
            )
        )
        assert community.id is not None
        self.store, self.cid, self.rng = store, community.id, rng
        self.posts: dict[str, Post] = {}
        self.next_post = 1
        self.next_number: dict[str, int] = {}
        store.apply_batch(
            self.cid,
            SyncBatch(
                categories=[Category(id="1", name="Questions"), Category(id="9", name="News")],
                members=[
                    Member(id=mid, username=name, admin=mid == "3", moderator=mid == "4")
                    for mid, name in MEMBERS
                ],
            ),
        )

    def _time(self) -> dt.datetime:
        return NOW - dt.timedelta(hours=self.rng.randrange(1, 24 * 40), minutes=self.rng.randrange(60))

    def _topic(self, topic_id: str) -> Topic:
        rng = self.rng
        created = self._time()
        return Topic(
            id=topic_id,
            title=f"Topic {topic_id}",
            category_id=rng.choice(["1", "1", "1", "9", None]),
            author_id=rng.choice([None, "1", "2", "5", "6"]),
            created_at=rng.choice([created, created, created, None]),
            last_posted_at=rng.choice([created, None]),
            posts_count=rng.randrange(0, 4),
            participant_count=rng.choice([None, 1, 2]),
            closed=rng.random() < 0.1,
            pinned=rng.random() < 0.05,
            archetype=Archetype.PRIVATE_MESSAGE if rng.random() < 0.05 else Archetype.REGULAR,
            has_accepted_answer=rng.choice([None, False, False, True]),
            last_poster_username=rng.choice(["", "ann", "BOB", "dan"]),
        )

    def _post(self, topic_id: str, post_id: str | None = None) -> Post:
        rng = self.rng
        if post_id is None:
            post_id = str(self.next_post)
            self.next_post += 1
        number = self.next_number.get(topic_id, 1)
        if number == 1 or rng.random() < 0.8:
            self.next_number[topic_id] = number + 1
        else:  # an older post arriving late: a number below the highest seen, never one taken
            number = -number - rng.randrange(10)
        member_id, username = rng.choice(MEMBERS)
        return Post(
            id=post_id,
            topic_id=topic_id,
            post_number=number if number > 0 else 1000 + self.next_post,
            author_id=rng.choice([member_id] * 9 + [None]),
            username=username.upper() if rng.random() < 0.1 else username,
            created_at=rng.choice([self._time()] * 12 + [None]),
            post_type=rng.choice([1] * 8 + [2, 3, 4]),
            hidden=rng.random() < 0.08,
            deleted_at=self._time() if rng.random() < 0.06 else None,
            user_deleted=rng.random() < 0.04,
            staff=rng.random() < 0.1,
            cooked="<p>text</p>",
        )

    def random_batch(self, topic_count: int) -> None:
        rng = self.rng
        topic_ids = [str(t) for t in range(1, topic_count + 1)]
        topics = [self._topic(tid) for tid in rng.sample(topic_ids, rng.randrange(0, 4))]
        posts = [self._post(rng.choice(topic_ids)) for _ in range(rng.randrange(0, 12))]
        known = list(self.posts)
        for post_id in rng.sample(known, min(len(known), rng.randrange(0, 4))):  # edits, moves
            old = self.posts[post_id]
            edited = self._post(old.topic_id, post_id)
            if rng.random() < 0.2:  # moved to another topic (Discourse renumbers it there)
                moved_to = rng.choice(topic_ids)
                edited = dataclasses.replace(self._post(moved_to, post_id), post_number=10_000 + int(post_id))
            posts.append(edited)
        removed = rng.sample(known, min(len(known), rng.randrange(0, 3) if rng.random() < 0.3 else 0))
        removed = [pid for pid in removed if pid not in {p.id for p in posts}]
        self.store.apply_batch(self.cid, SyncBatch(topics=topics, posts=posts, removed_post_ids=removed))
        for post in posts:
            self.posts[post.id] = post
        for pid in removed:
            self.posts.pop(pid, None)


def test_state_matches_a_recount_and_queues_the_former_computation_after_random_batches(store: Store) -> None:
    rng = random.Random(20261206)
    worlds = [_World(store, "acme", rng), _World(store, "beta", rng)]
    for step in range(120):
        world = rng.choice(worlds)
        world.random_batch(topic_count=18)
        for w in worlds:
            assert _stored_state(store, w.cid) == _recount(store, w.cid), f"step {step}, {w.cid}"
        if step % 10 == 9:  # the user's triage and the team change between syncs
            w = rng.choice(worlds)
            topic_id = str(rng.randrange(1, 19))
            if rng.random() < 0.5:
                mark_handled(store, w.cid, topic_id, now=NOW - dt.timedelta(days=rng.randrange(0, 30)))
            else:
                snooze(store, w.cid, topic_id, NOW + dt.timedelta(days=rng.choice([-1, 1])), now=NOW)
            _assert_queues_match(store, f"step {step}")
    community = store.community("acme")
    assert community is not None
    community.settings["team_usernames"] = ["ANN", "carla"]
    store.update_community(community)
    _assert_queues_match(store, "team changed")


def test_a_post_arriving_before_its_topic_counts_once_the_topic_arrives(store: Store) -> None:
    world = _World(store, "acme", random.Random(1))
    reply = Post(
        id="p2", topic_id="7", post_number=2, author_id="1", username="ann", created_at=NOW, cooked="x"
    )
    store.apply_batch(world.cid, SyncBatch(posts=[reply]))
    topic = Topic(id="7", title="Late", author_id="6", created_at=NOW - dt.timedelta(days=2), posts_count=2)
    store.apply_batch(world.cid, SyncBatch(topics=[topic]))
    assert _stored_state(store, world.cid)["7"][:2] == (1, 2)  # one post stored, answered by #2
    assert "7" not in {r.topic_id for r in unanswered_topics(store, now=NOW, definition="no_reply")}


def test_the_migration_computes_the_state_of_an_existing_store(tmp_path: Path) -> None:
    """A store from before the state (posts written by older versions) gets it at its first open."""
    path = tmp_path / "old.sqlite3"
    before = MIGRATIONS.index(V_TOPIC_STATE)
    conn = sqlite3.connect(path, isolation_level=None)
    for version in range(before):
        conn.executescript(f"BEGIN;\n{MIGRATIONS[version]}\nPRAGMA user_version = {version + 1};\nCOMMIT;")
    conn.execute(
        "INSERT INTO communities (id, name, platform, base_url, username, auth_kind, created_at)"
        " VALUES (1, 'old', 'discourse', 'https://old.example.org', 'eve', 'user_key', 0)"
    )
    day = 86_400
    at = int(NOW.timestamp())
    for tid, author in (("1", "1"), ("2", "2"), ("3", None)):
        conn.execute(
            "INSERT INTO topics (community_id, id, title, author_id, created_at, posts_count)"
            " VALUES (1, ?, 'T', ?, ?, 2)",
            (tid, author, at - 10 * day),
        )
    posts = [  # (topic, number, author, type, hidden): 1 answered; 2 only its author; 3 the last word hidden
        ("1", 1, "1", 1, 0),
        ("1", 2, "2", 1, 0),
        ("2", 1, "2", 1, 0),
        ("2", 2, "2", 1, 0),
        ("2", 3, "5", 4, 0),
        ("3", 1, "6", 1, 0),
        ("3", 2, "5", 1, 1),
    ]
    for n, (tid, number, author, post_type, hidden) in enumerate(posts):
        conn.execute(
            "INSERT INTO posts (community_id, id, topic_id, post_number, author_id, username, created_at,"
            " post_type, hidden) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
            (str(n), tid, number, author, f"user{author}", at - (9 - number) * day, post_type, hidden),
        )
    conn.close()
    with Store(path) as store:
        assert store.version == LATEST_VERSION
        assert _stored_state(store, 1) == _recount(store, 1)
        for definition in DEFINITIONS:
            assert unanswered_topics(store, now=NOW, definition=definition) == legacy_unanswered(
                store, NOW, definition
            )
        assert [r.topic_id for r in unanswered_topics(store, now=NOW, definition="no_reply")] == ["2", "3"]


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_each_queue_reads_its_partial_index(store: Store, definition: str) -> None:
    """The queries repeat the partial indexes' conditions word for word: else SQLite refuses them."""
    from moderator.insights.unanswered import _QUERIES

    sql = _QUERIES[definition]
    params = {"cid": 1, "now": 0, "limit": 5, "announcements": "[]", "staff": "[]", "team": "[]", "ids": "[]"}
    for query in (sql.keys, sql.count, sql.rows):
        plan = " ".join(r[3] for r in store.read().execute("EXPLAIN QUERY PLAN " + query, params))
        assert "USING INDEX topics_" in plan and "SCAN t" not in plan, plan


def test_queues_on_the_sandbox_world_are_those_of_the_former_computation(store: Store) -> None:
    """The sandbox's world (seeded, as the app's practice community) copied in one batch: every
    queue, whole, windowed and counted, is what the computation from every post gave."""
    sandbox = pytest.importorskip("moderator.sandbox")
    from test_sandbox_truths import _copy

    cid = _copy(sandbox.generate(seed=7, now=NOW), store)
    assert _stored_state(store, cid) == _recount(store, cid)
    _assert_queues_match(store, "sandbox")
    listed = unanswered_topics(store, now=NOW, definition="last_word_not_team")
    assert len(listed) > 20
    mark_handled(store, cid, listed[0].topic_id, now=NOW)
    snooze(store, cid, listed[1].topic_id, NOW + dt.timedelta(days=1), now=NOW)
    _assert_queues_match(store, "sandbox, triaged")
    assert {listed[0].topic_id, listed[1].topic_id}.isdisjoint(
        r.topic_id for r in unanswered_topics(store, now=NOW, definition="last_word_not_team")
    )
