"""The local copy: one SQLite database per user, the source of every view, online or not.

Concurrency model (Anki's and qutebrowser's, adapted): a single writer connection guarded by a lock,
so writes are serialized whatever thread they come from, and one read connection per thread. WAL
mode lets readers (the GUI, the views) run while a sync writes. Every group of writes that belongs
together goes through ``with store.write() as db:``, one ``BEGIN IMMEDIATE`` transaction: a crash at
any point leaves the database as it was before or after the group, never in between.

Feature modules (drafts, outbox, reminders, insights) keep their own queries next to their logic and
use ``write()`` / ``read()``; this module holds the shared tables' reads and writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

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
    utcnow,
)
from moderator.store import member_state, topic_state
from moderator.store.schema import LATEST_VERSION, MIGRATIONS
from moderator.textsafety import neutralize_batch


class StoreError(Exception):
    """The database cannot be used (newer schema than this app, corrupt file, disk full)."""


def to_ts(value: dt.datetime | None) -> int | None:
    return None if value is None else int(value.timestamp())


def from_ts(value: int | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromtimestamp(value, UTC)


_TAG_RE = re.compile(r"<[^>]*>")


def plain_text(cooked: str) -> str:
    """The words of a rendered post, for full-text search and term statistics."""
    text = _TAG_RE.sub(" ", cooked)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


SQLITE_MAGIC = b"SQLite format 3\x00"
_LEAVE_IT = (
    "The file was left as it is: move it away (a new local copy is then created and synced again; "
    "drafts, reminders and the outbox are in that file) or start the app with another --data-dir."
)


def check_openable(path: Path) -> None:
    """Refuse, in words and without writing anything, a database path that cannot be a good store.

    Only the file's 100-byte header is read: random bytes or another kind of file, a file cut short
    (shorter than its header says), a directory in its place, no permission. SQLite itself would
    either fail with a bare "file is not a database" or, for a truncated file, open it and fail later.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"The folder {path.parent} cannot be used for the local data ({exc.strerror or exc}). Start "
            "the app with another --data-dir."
        ) from None
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(
            f"{path} is a folder where the local database should be a file. Move that folder away or "
            "start the app with another --data-dir. Nothing was changed."
        )
    if not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(
            f"The local database {path} cannot be read or written with your permissions. Fix its "
            "permissions or start the app with another --data-dir. Nothing was changed."
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            header = file.read(100)
    except OSError as exc:
        raise StoreError(
            f"The local database {path} cannot be read ({exc.strerror or exc}). {_LEAVE_IT}"
        ) from None
    if size == 0:
        return  # created but never written: a new, empty database
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise StoreError(
            f"{path} is not a Community Moderator database (it is damaged or another file). {_LEAVE_IT}"
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_size_valid = header[24:28] == header[92:96] and pages > 0
    # A write-ahead log may hold pages a checkpoint cut by a crash had not yet copied: SQLite recovers
    # those, so the size is only judged without one.
    wal = path.with_name(path.name + "-wal")
    recoverable = wal.exists() and wal.stat().st_size > 0
    if page_size < 512 or (header_size_valid and not recoverable and size < pages * page_size):
        raise StoreError(
            f"The local database {path} is cut short (damaged, perhaps by a full disk or a copy that did not finish). {_LEAVE_IT}"
        )


def mark_terms_pending(db: sqlite3.Connection, community_id: int) -> None:
    """Posts were added to a community: its rising terms' index has posts to count (what the trigger
    posts_term_index_insert did for each row before V_NO_INSERT_TRIGGER). Call it after writing
    posts directly."""
    db.execute(
        "UPDATE term_index_state SET pending = 1 WHERE community_id = ? AND pending = 0", (community_id,)
    )


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        check_openable(self.path)
        self._write_lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._closed = False
        self._writer_thread: int | None = None
        try:
            self._writer = self._connect()
            self._writer.execute("PRAGMA journal_mode=WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"The local database {self.path} cannot be opened ({exc}). It was left as it is: move it "
                "away (a new one is then created) or start the app with another --data-dir."
            ) from exc

    # -- connections ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One atomic group of writes. Re-entrant: a nested ``write()`` joins the outer one."""
        with self._write_lock:
            conn = self._writer
            if conn.in_transaction:
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            self._writer_thread = threading.get_ident()
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
            finally:
                self._writer_thread = None

    def read(self) -> sqlite3.Connection:
        """This thread's read connection (the writer's, inside a write, to see its own changes)."""
        if self._writer_thread == threading.get_ident():
            return self._writer
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            conn.execute("PRAGMA query_only=ON")
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with self._readers_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        with self._write_lock:
            self._writer.execute("PRAGMA optimize")
            self._writer.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema --------------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return int(self._writer.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.version
        if current > LATEST_VERSION:
            raise StoreError(
                f"The local database {self.path} was written by a newer version of Community Moderator "
                f"(schema {current}, this version knows {LATEST_VERSION}). Update the app, or start it with "
                "another --data-dir."
            )
        for version in range(current, LATEST_VERSION):
            script = MIGRATIONS[version]
            with self._write_lock:
                try:
                    self._writer.executescript(
                        f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version + 1};\nCOMMIT;"
                    )
                except BaseException:
                    if self._writer.in_transaction:
                        self._writer.execute("ROLLBACK")
                    raise

    @property
    def data_id(self) -> str:
        """This data directory's random identity (names its keyring entries, see ``moderator.secrets``)."""
        cached = getattr(self, "_data_id", None)
        if cached is None:
            row = self.read().execute("SELECT value FROM app_meta WHERE key = 'data_id'").fetchone()
            cached = self._data_id = str(row[0])
        return cached

    # -- communities ---------------------------------------------------------------------------

    def add_community(self, community: Community) -> Community:
        with self.write() as db:
            cur = db.execute(
                "INSERT INTO communities (name, platform, base_url, username, auth_kind, title, settings,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    community.name,
                    str(community.platform),
                    community.base_url,
                    community.username,
                    str(community.auth_kind),
                    community.title,
                    json.dumps(community.settings),
                    to_ts(utcnow()),
                ),
            )
        community.id = int(cur.lastrowid or 0)
        return community

    def update_community(self, community: Community) -> None:
        with self.write() as db:
            db.execute(
                "UPDATE communities SET name=?, base_url=?, username=?, auth_kind=?, title=?, settings=?"
                " WHERE id=?",
                (
                    community.name,
                    community.base_url,
                    community.username,
                    str(community.auth_kind),
                    community.title,
                    json.dumps(community.settings),
                    community.id,
                ),
            )

    def merge_community_settings(self, community_id: int, values: Mapping[str, Any]) -> None:
        """Set these keys of a community's settings, keeping the others as they are in the store (a
        sync thread records what it learned without overwriting what the user changed meanwhile)."""
        with self.write() as db:
            row = db.execute("SELECT settings FROM communities WHERE id=?", (community_id,)).fetchone()
            if row is None:
                return
            current = json.loads(row[0] or "{}")
            current.update(values)
            db.execute("UPDATE communities SET settings=? WHERE id=?", (json.dumps(current), community_id))

    def clear_synced_data(self, community_id: int) -> None:
        """Forget what sync brought for a community (not what the user wrote) and restart its sync."""
        with self.write() as db:
            # The term caches and snapshots are derived from the synced data: they go with it.
            derived: tuple[str, ...] = ("topic_snapshots", "post_terms", "term_totals", "term_index_state")
            derived += ("term_window", "term_posts")  # term_window_all: rebuilt (members below)
            derived += ("reviewables", "review_sync")  # the moderation queue's local copy
            for table in ("posts", "topics", "members", "categories", *derived):
                db.execute(f"DELETE FROM {table} WHERE community_id=?", (community_id,))
            db.execute("DELETE FROM term_window_all")
            db.execute("UPDATE term_window_state SET members = '[]'")
            db.execute(
                "UPDATE communities SET sync_cursor='{}', last_sync_at=NULL, last_sync_error=NULL WHERE id=?",
                (community_id,),
            )

    def remove_community(self, community_id: int) -> None:
        """Delete a community and everything stored for it (the foreign keys cascade)."""
        with self.write() as db:
            db.execute("DELETE FROM communities WHERE id=?", (community_id,))

    @staticmethod
    def _community(row: sqlite3.Row) -> Community:
        return Community(
            id=row["id"],
            name=row["name"],
            platform=Platform(row["platform"]),
            base_url=row["base_url"],
            username=row["username"],
            auth_kind=AuthKind(row["auth_kind"]),
            title=row["title"],
            settings=json.loads(row["settings"]),
            last_sync_at=from_ts(row["last_sync_at"]),
            last_sync_error=row["last_sync_error"],
        )

    def communities(self) -> list[Community]:
        rows = self.read().execute("SELECT * FROM communities ORDER BY id").fetchall()
        return [self._community(r) for r in rows]

    def community(self, name_or_id: str | int) -> Community | None:
        column = "id" if isinstance(name_or_id, int) else "name"
        row = self.read().execute(f"SELECT * FROM communities WHERE {column}=?", (name_or_id,)).fetchone()
        return None if row is None else self._community(row)

    # -- sync ----------------------------------------------------------------------------------

    def sync_cursor(self, community_id: int) -> dict[str, Any]:
        row = (
            self.read().execute("SELECT sync_cursor FROM communities WHERE id=?", (community_id,)).fetchone()
        )
        return {} if row is None else dict(json.loads(row[0]))

    def reset_sync_cursor(self, community_id: int) -> None:
        with self.write() as db:
            db.execute("UPDATE communities SET sync_cursor='{}' WHERE id=?", (community_id,))

    def apply_batch(self, community_id: int, batch: SyncBatch) -> None:
        """Store one sync step and advance the cursor, all or nothing."""
        batch = neutralize_batch(batch)  # no direction controls in anything shown (moderator.textsafety)
        with self.write() as db:
            # The topics whose state (moderator.store.topic_state) this batch may change: its own,
            # its posts', and those its posts leave (a post moved or removed).
            stored = topic_state.stored_posts(db, community_id, [p.id for p in batch.posts])
            touched = set(stored.values())
            if batch.removed_post_ids:
                touched |= set(topic_state.stored_posts(db, community_id, batch.removed_post_ids).values())
            self._upsert_categories(db, community_id, batch.categories)
            self._upsert_members(db, community_id, batch.members)
            self._upsert_topics(db, community_id, batch.topics)
            self._upsert_posts(db, community_id, batch.posts, stored)
            self._snapshot_topics(db, community_id, [t.id for t in batch.topics])
            if batch.removed_post_ids:
                db.executemany(
                    "DELETE FROM posts WHERE community_id=? AND id=?",
                    [(community_id, pid) for pid in batch.removed_post_ids],
                )
            topic_state.refresh(
                db,
                community_id,
                touched.union((t.id for t in batch.topics), (p.topic_id for p in batch.posts)),
            )
            if batch.unlisted_topic_ids:
                db.executemany(
                    "UPDATE topics SET visible=0 WHERE community_id=? AND id=?",
                    [(community_id, tid) for tid in batch.unlisted_topic_ids],
                )
            if batch.cursor:
                row = db.execute("SELECT sync_cursor FROM communities WHERE id=?", (community_id,)).fetchone()
                cursor = dict(json.loads(row[0])) if row else {}
                cursor.update(batch.cursor)
                db.execute(
                    "UPDATE communities SET sync_cursor=? WHERE id=?", (json.dumps(cursor), community_id)
                )
            member_state.catch_up(db)  # each member's posting state (silent members)

    # A topic's counts, kept when a sync sees them change, for trending (moderator.insights.trending).
    # Resolution one hour: within an hour of the latest snapshot, that row is refreshed in place.
    _SNAPSHOT_REFRESH = (
        "UPDATE topic_snapshots SET (posts_count, like_count, views, participant_count, reply_count) ="
        " (SELECT posts_count, like_count, views, participant_count, reply_count FROM topics"
        "  WHERE community_id=?1 AND id=?2)"
        " WHERE community_id=?1 AND topic_id=?2 AND taken_at > ?4 AND taken_at ="
        " (SELECT MAX(taken_at) FROM topic_snapshots WHERE community_id=?1 AND topic_id=?2)"
    )
    _SNAPSHOT_INSERT = (
        "INSERT INTO topic_snapshots (community_id, topic_id, taken_at, posts_count, like_count, views,"
        " participant_count, reply_count) SELECT t.community_id, t.id, ?3, t.posts_count, t.like_count,"
        " t.views, t.participant_count, t.reply_count FROM topics t LEFT JOIN (SELECT * FROM topic_snapshots"
        "  WHERE community_id=?1 AND topic_id=?2 ORDER BY taken_at DESC LIMIT 1) s ON 1"
        " WHERE t.community_id=?1 AND t.id=?2 AND (s.taken_at IS NULL OR (s.taken_at <= ?4 AND"
        " (s.posts_count != t.posts_count OR s.like_count != t.like_count OR s.views != t.views"
        "  OR s.reply_count != t.reply_count OR s.participant_count IS NOT t.participant_count)))"
    )

    @classmethod
    def _snapshot_topics(cls, db: sqlite3.Connection, cid: int, topic_ids: list[str]) -> None:
        now = int(utcnow().timestamp())
        args = [(cid, tid, now, now - 3600) for tid in topic_ids]
        db.executemany(cls._SNAPSHOT_REFRESH, args)
        db.executemany(cls._SNAPSHOT_INSERT, args)

    def record_sync(self, community_id: int, *, error: str | None, at: dt.datetime | None = None) -> None:
        """Remember how the last sync ended. ``last_sync_at`` only moves on success: it dates the data."""
        with self.write() as db:
            if error is None:
                db.execute(
                    "UPDATE communities SET last_sync_at=?, last_sync_error=NULL WHERE id=?",
                    (to_ts(at or utcnow()), community_id),
                )
            else:
                db.execute("UPDATE communities SET last_sync_error=? WHERE id=?", (error, community_id))

    @staticmethod
    def _upsert_categories(db: sqlite3.Connection, cid: int, categories: Iterable[Category]) -> None:
        db.executemany(
            "INSERT INTO categories (community_id, id, name, slug, parent_id, color, position,"
            " read_restricted, description, topic_count, can_create) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (community_id, id) DO UPDATE SET name=excluded.name, slug=excluded.slug,"
            " parent_id=excluded.parent_id, color=excluded.color, position=excluded.position,"
            " read_restricted=excluded.read_restricted, description=excluded.description,"
            " topic_count=excluded.topic_count, can_create=excluded.can_create",
            [
                (
                    cid,
                    c.id,
                    c.name,
                    c.slug,
                    c.parent_id,
                    c.color,
                    c.position,
                    int(c.read_restricted),
                    c.description,
                    c.topic_count,
                    None if c.can_create_topic is None else int(c.can_create_topic),
                )
                for c in categories
            ],
        )

    _MEMBER_NULLABLE = (
        "trust_level",
        "created_at",
        "last_seen_at",
        "last_posted_at",
        "post_count",
        "topic_count",
        "posts_read",
        "days_visited",
        "topics_entered",
        "likes_given",
        "likes_received",
        "time_read",
        "address",
    )

    @classmethod
    def _upsert_members(cls, db: sqlite3.Connection, cid: int, members: Iterable[Member]) -> None:
        # A member is reported piecemeal (the directory, the admin list, a post's author): a field one
        # source does not report (None) must not erase what another source said.
        keep = ", ".join(f"{c}=COALESCE(excluded.{c}, members.{c})" for c in cls._MEMBER_NULLABLE)
        db.executemany(
            "INSERT INTO members (community_id, id, username, name, admin, moderator, "
            + ", ".join(cls._MEMBER_NULLABLE)
            + ") VALUES (?,?,?,?,?,?,"
            + ",".join("?" * len(cls._MEMBER_NULLABLE))
            + ") ON CONFLICT (community_id, id) DO UPDATE SET username=excluded.username,"
            " name=CASE WHEN excluded.name != '' THEN excluded.name ELSE members.name END,"
            " admin=excluded.admin, moderator=excluded.moderator, " + keep,
            [
                (
                    cid,
                    m.id,
                    m.username,
                    m.name,
                    int(m.admin),
                    int(m.moderator),
                    m.trust_level,
                    to_ts(m.created_at),
                    to_ts(m.last_seen_at),
                    to_ts(m.last_posted_at),
                    m.post_count,
                    m.topic_count,
                    m.posts_read,
                    m.days_visited,
                    m.topics_entered,
                    m.likes_given,
                    m.likes_received,
                    m.time_read,
                    m.address or None,
                )
                for m in members
            ],
        )

    @staticmethod
    def _upsert_topics(db: sqlite3.Connection, cid: int, topics: Iterable[Topic]) -> None:
        db.executemany(
            "INSERT INTO topics (community_id, id, title, slug, category_id, author_id, created_at,"
            " bumped_at, last_posted_at, posts_count, reply_count, highest_post_number, views, like_count,"
            " participant_count, closed, archived, pinned, visible, archetype, has_accepted_answer, tags,"
            " deleted_at, last_poster_username, excerpt)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (community_id, id) DO UPDATE SET title=excluded.title, slug=excluded.slug,"
            " category_id=excluded.category_id, author_id=COALESCE(excluded.author_id, topics.author_id),"
            " created_at=COALESCE(excluded.created_at, topics.created_at), bumped_at=excluded.bumped_at,"
            " last_posted_at=excluded.last_posted_at, posts_count=excluded.posts_count,"
            " reply_count=excluded.reply_count, highest_post_number=excluded.highest_post_number,"
            " views=excluded.views, like_count=excluded.like_count,"
            " participant_count=COALESCE(excluded.participant_count, topics.participant_count),"
            " closed=excluded.closed, archived=excluded.archived, pinned=excluded.pinned,"
            " visible=excluded.visible, archetype=excluded.archetype,"
            " has_accepted_answer=COALESCE(excluded.has_accepted_answer, topics.has_accepted_answer),"
            " tags=excluded.tags, deleted_at=excluded.deleted_at,"
            " last_poster_username=CASE WHEN excluded.last_poster_username != ''"
            "   THEN excluded.last_poster_username ELSE topics.last_poster_username END,"
            " excerpt=CASE WHEN excluded.excerpt != '' THEN excluded.excerpt ELSE topics.excerpt END",
            [
                (
                    cid,
                    t.id,
                    t.title,
                    t.slug,
                    t.category_id,
                    t.author_id,
                    to_ts(t.created_at),
                    to_ts(t.bumped_at),
                    to_ts(t.last_posted_at),
                    t.posts_count,
                    t.reply_count,
                    t.highest_post_number,
                    t.views,
                    t.like_count,
                    t.participant_count,
                    int(t.closed),
                    int(t.archived),
                    int(t.pinned),
                    int(t.visible),
                    str(t.archetype),
                    None if t.has_accepted_answer is None else int(t.has_accepted_answer),
                    json.dumps(list(t.tags)),
                    to_ts(t.deleted_at),
                    t.last_poster_username,
                    t.excerpt,
                )
                for t in topics
            ],
        )

    _POST_COLUMNS = (
        "INSERT INTO posts (community_id, id, topic_id, post_number, author_id, username, created_at,"
        " updated_at, raw, cooked, text, reply_to_post_number, like_count, post_type, hidden,"
        " deleted_at, user_deleted, staff) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    _POST_UPDATE = (
        " ON CONFLICT (community_id, id) DO UPDATE SET topic_id=excluded.topic_id,"
        " post_number=excluded.post_number, author_id=excluded.author_id, username=excluded.username,"
        " created_at=excluded.created_at, updated_at=excluded.updated_at,"
        " raw=COALESCE(excluded.raw, posts.raw), cooked=excluded.cooked, text=excluded.text,"
        " reply_to_post_number=excluded.reply_to_post_number, like_count=excluded.like_count,"
        " post_type=excluded.post_type, hidden=excluded.hidden, deleted_at=excluded.deleted_at,"
        " user_deleted=excluded.user_deleted, staff=excluded.staff"
    )

    @classmethod
    def _upsert_posts(
        cls, db: sqlite3.Connection, cid: int, posts: Iterable[Post], stored: Mapping[str, str]
    ) -> None:
        """Insert or update posts, and index the new ones' text in one statement (see schema v5).

        ``stored``: the posts of the batch already in the store (id -> topic). New posts go in with a
        plain INSERT: the upsert's update arm fires the FTS update trigger, which makes every row of
        the statement a statement of its own (a statement journal): twice the time per row.
        New rows get rowids above the largest before the insert (INTEGER PRIMARY KEY without
        AUTOINCREMENT takes max + 1); rows updated in place keep theirs and are already indexed.
        A post given twice is stored once (the last wins), so no row is both new and updated.
        """
        unique = list({p.id: p for p in posts}.values())
        if not unique:
            return
        watermark = db.execute("SELECT COALESCE(MAX(rowid), 0) FROM posts").fetchone()[0]
        new: list[tuple[Any, ...]] = []
        known: list[tuple[Any, ...]] = []
        for p in unique:
            cooked = p.cooked
            (known if p.id in stored else new).append(
                (
                    cid,
                    p.id,
                    p.topic_id,
                    p.post_number,
                    p.author_id,
                    p.username,
                    None if p.created_at is None else int(p.created_at.timestamp()),
                    None if p.updated_at is None else int(p.updated_at.timestamp()),
                    p.raw,
                    cooked,
                    plain_text(cooked) if cooked else (p.raw or ""),
                    p.reply_to_post_number,
                    p.like_count,
                    p.post_type,
                    int(p.hidden),
                    None if p.deleted_at is None else int(p.deleted_at.timestamp()),
                    int(p.user_deleted),
                    int(p.staff),
                )
            )
        if new:
            db.executemany(cls._POST_COLUMNS, new)
        if known:
            db.executemany(cls._POST_COLUMNS + cls._POST_UPDATE, known)
        added = db.execute(
            "INSERT INTO posts_fts (rowid, text) SELECT rowid, text FROM posts WHERE rowid > ?", (watermark,)
        ).rowcount
        if added:  # the rising terms' index has posts to count (moderator.insights.term_index)
            mark_terms_pending(db, cid)

    # -- reads for the views -------------------------------------------------------------------

    @staticmethod
    def topic_from_row(row: sqlite3.Row) -> Topic:
        return Topic(
            id=row["id"],
            title=row["title"],
            slug=row["slug"],
            category_id=row["category_id"],
            author_id=row["author_id"],
            created_at=from_ts(row["created_at"]),
            bumped_at=from_ts(row["bumped_at"]),
            last_posted_at=from_ts(row["last_posted_at"]),
            posts_count=row["posts_count"],
            reply_count=row["reply_count"],
            highest_post_number=row["highest_post_number"],
            views=row["views"],
            like_count=row["like_count"],
            participant_count=row["participant_count"],
            closed=bool(row["closed"]),
            archived=bool(row["archived"]),
            pinned=bool(row["pinned"]),
            visible=bool(row["visible"]),
            archetype=Archetype(row["archetype"]),
            has_accepted_answer=None
            if row["has_accepted_answer"] is None
            else bool(row["has_accepted_answer"]),
            tags=tuple(json.loads(row["tags"])),
            deleted_at=from_ts(row["deleted_at"]),
            last_poster_username=row["last_poster_username"],
            excerpt=row["excerpt"],
        )

    @staticmethod
    def post_from_row(row: sqlite3.Row) -> Post:
        return Post(
            id=row["id"],
            topic_id=row["topic_id"],
            post_number=row["post_number"],
            author_id=row["author_id"],
            username=row["username"],
            created_at=from_ts(row["created_at"]),
            updated_at=from_ts(row["updated_at"]),
            raw=row["raw"],
            cooked=row["cooked"],
            reply_to_post_number=row["reply_to_post_number"],
            like_count=row["like_count"],
            post_type=row["post_type"],
            hidden=bool(row["hidden"]),
            deleted_at=from_ts(row["deleted_at"]),
            user_deleted=bool(row["user_deleted"]),
            staff=bool(row["staff"]),
        )

    @staticmethod
    def member_from_row(row: sqlite3.Row) -> Member:
        return Member(
            id=row["id"],
            username=row["username"],
            name=row["name"],
            trust_level=row["trust_level"],
            admin=bool(row["admin"]),
            moderator=bool(row["moderator"]),
            created_at=from_ts(row["created_at"]),
            last_seen_at=from_ts(row["last_seen_at"]),
            last_posted_at=from_ts(row["last_posted_at"]),
            post_count=row["post_count"],
            topic_count=row["topic_count"],
            posts_read=row["posts_read"],
            days_visited=row["days_visited"],
            topics_entered=row["topics_entered"],
            likes_given=row["likes_given"],
            likes_received=row["likes_received"],
            time_read=row["time_read"],
            address=row["address"],
        )

    def topic_rows(
        self,
        community_ids: Iterable[int] | None = None,
        *,
        include_private: bool = True,
        limit: int | None = None,
    ) -> list[sqlite3.Row]:
        """Every topic with its community and category names, most recently active first
        (the ``limit`` most recent only: a first screen)."""
        where, args = self._community_filter("t", community_ids)
        if not include_private:
            where += " AND t.archetype = 'regular'"
        tail = ""
        if limit is not None:
            tail, args = " LIMIT ?", [*args, limit]
        return (
            self.read()
            .execute(
                "SELECT t.*, c.name AS community_name, cat.name AS category_name,"
                " m.username AS author_username"
                " FROM topics t JOIN communities c ON c.id = t.community_id"
                " LEFT JOIN categories cat ON cat.community_id = t.community_id AND cat.id = t.category_id"
                " LEFT JOIN members m ON m.community_id = t.community_id AND m.id = t.author_id"
                f" WHERE {where} ORDER BY t.bumped_at DESC{tail}",
                args,
            )
            .fetchall()
        )

    def topic(self, community_id: int, topic_id: str) -> Topic | None:
        row = (
            self.read()
            .execute("SELECT * FROM topics WHERE community_id=? AND id=?", (community_id, topic_id))
            .fetchone()
        )
        return None if row is None else self.topic_from_row(row)

    def posts(self, community_id: int, topic_id: str) -> list[Post]:
        rows = (
            self.read()
            .execute(
                "SELECT * FROM posts WHERE community_id=? AND topic_id=? ORDER BY post_number",
                (community_id, topic_id),
            )
            .fetchall()
        )
        return [self.post_from_row(r) for r in rows]

    def categories(self, community_id: int) -> list[Category]:
        rows = (
            self.read()
            .execute("SELECT * FROM categories WHERE community_id=? ORDER BY position, name", (community_id,))
            .fetchall()
        )
        return [
            Category(
                id=r["id"],
                name=r["name"],
                slug=r["slug"],
                parent_id=r["parent_id"],
                color=r["color"],
                position=r["position"],
                read_restricted=bool(r["read_restricted"]),
                description=r["description"],
                topic_count=r["topic_count"],
                can_create_topic=None if r["can_create"] is None else bool(r["can_create"]),
            )
            for r in rows
        ]

    def members(self, community_id: int) -> list[Member]:
        rows = (
            self.read()
            .execute("SELECT * FROM members WHERE community_id=? ORDER BY username", (community_id,))
            .fetchall()
        )
        return [self.member_from_row(r) for r in rows]

    def member(self, community_id: int, member_id: str) -> Member | None:
        row = (
            self.read()
            .execute("SELECT * FROM members WHERE community_id=? AND id=?", (community_id, member_id))
            .fetchone()
        )
        return None if row is None else self.member_from_row(row)

    def counts(self, community_id: int | None = None) -> dict[str, int]:
        where, args = self._community_filter("x", None if community_id is None else [community_id])
        db = self.read()
        return {
            table: int(db.execute(f"SELECT COUNT(*) FROM {table} x WHERE {where}", args).fetchone()[0])
            for table in ("categories", "members", "topics", "posts")
        }

    def search_posts(self, query: str, *, limit: int = 100) -> list[sqlite3.Row]:
        """Posts whose text matches ``query`` (words, all required), best match first."""
        terms = [t for t in re.findall(r"\w+", query) if t]
        if not terms:
            return []
        match = " ".join(f'"{t}"' for t in terms)
        return (
            self.read()
            .execute(
                "SELECT p.* FROM posts_fts f JOIN posts p ON p.rowid = f.rowid"
                " WHERE posts_fts MATCH ? ORDER BY rank LIMIT ?",
                (match, limit),
            )
            .fetchall()
        )

    @staticmethod
    def _community_filter(alias: str, community_ids: Iterable[int] | None) -> tuple[str, list[Any]]:
        if community_ids is None:
            return "1", []
        ids = list(community_ids)
        if not ids:
            return "0", []
        return f"{alias}.community_id IN ({','.join('?' * len(ids))})", ids
