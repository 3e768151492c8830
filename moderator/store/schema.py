"""The SQLite schema, versioned with ``PRAGMA user_version`` and migrated forward only.

Each entry of ``MIGRATIONS`` brings the database from version ``i`` to ``i + 1`` and runs in the same
transaction as the ``user_version`` bump, so a crash mid-migration leaves the previous version intact.
Never edit a released migration: append a new one.

Timestamps are INTEGER epoch seconds (UTC); platform ids are TEXT (see ``moderator.model``).
"""

from __future__ import annotations

V1_CORE = """
CREATE TABLE communities (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    platform        TEXT NOT NULL,
    base_url        TEXT NOT NULL,
    username        TEXT NOT NULL DEFAULT '',
    auth_kind       TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    settings        TEXT NOT NULL DEFAULT '{}',
    created_at      INTEGER NOT NULL,
    sync_cursor     TEXT NOT NULL DEFAULT '{}',
    last_sync_at    INTEGER,
    last_sync_error TEXT
);

CREATE TABLE categories (
    community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    id              TEXT NOT NULL,
    name            TEXT NOT NULL,
    slug            TEXT NOT NULL DEFAULT '',
    parent_id       TEXT,
    color           TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL DEFAULT 0,
    read_restricted INTEGER NOT NULL DEFAULT 0,
    description     TEXT NOT NULL DEFAULT '',
    topic_count     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (community_id, id)
) WITHOUT ROWID;

CREATE TABLE members (
    community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    id              TEXT NOT NULL,
    username        TEXT NOT NULL,
    name            TEXT NOT NULL DEFAULT '',
    trust_level     INTEGER,
    admin           INTEGER NOT NULL DEFAULT 0,
    moderator       INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER,
    last_seen_at    INTEGER,
    last_posted_at  INTEGER,
    post_count      INTEGER,
    topic_count     INTEGER,
    posts_read      INTEGER,
    days_visited    INTEGER,
    topics_entered  INTEGER,
    likes_given     INTEGER,
    likes_received  INTEGER,
    time_read       INTEGER,
    PRIMARY KEY (community_id, id)
) WITHOUT ROWID;
CREATE INDEX members_username ON members (community_id, username);

CREATE TABLE topics (
    community_id        INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    id                  TEXT NOT NULL,
    title               TEXT NOT NULL,
    slug                TEXT NOT NULL DEFAULT '',
    category_id         TEXT,
    author_id           TEXT,
    created_at          INTEGER,
    bumped_at           INTEGER,
    last_posted_at      INTEGER,
    posts_count         INTEGER NOT NULL DEFAULT 0,
    reply_count         INTEGER NOT NULL DEFAULT 0,
    highest_post_number INTEGER NOT NULL DEFAULT 0,
    views               INTEGER NOT NULL DEFAULT 0,
    like_count          INTEGER NOT NULL DEFAULT 0,
    participant_count   INTEGER,
    closed              INTEGER NOT NULL DEFAULT 0,
    archived            INTEGER NOT NULL DEFAULT 0,
    pinned              INTEGER NOT NULL DEFAULT 0,
    visible             INTEGER NOT NULL DEFAULT 1,
    archetype           TEXT NOT NULL DEFAULT 'regular',
    has_accepted_answer INTEGER,
    tags                TEXT NOT NULL DEFAULT '[]',
    deleted_at          INTEGER,
    last_poster_username TEXT NOT NULL DEFAULT '',
    excerpt             TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (community_id, id)
);
CREATE INDEX topics_bumped ON topics (community_id, bumped_at);
CREATE INDEX topics_created ON topics (community_id, created_at);
CREATE INDEX topics_category ON topics (community_id, category_id);

CREATE TABLE posts (
    rowid               INTEGER PRIMARY KEY,
    community_id        INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    id                  TEXT NOT NULL,
    topic_id            TEXT NOT NULL,
    post_number         INTEGER NOT NULL,
    author_id           TEXT,
    username            TEXT NOT NULL DEFAULT '',
    created_at          INTEGER,
    updated_at          INTEGER,
    raw                 TEXT,
    cooked              TEXT NOT NULL DEFAULT '',
    text                TEXT NOT NULL DEFAULT '',
    reply_to_post_number INTEGER,
    like_count          INTEGER NOT NULL DEFAULT 0,
    post_type           INTEGER NOT NULL DEFAULT 1,
    hidden              INTEGER NOT NULL DEFAULT 0,
    deleted_at          INTEGER,
    user_deleted        INTEGER NOT NULL DEFAULT 0,
    staff               INTEGER NOT NULL DEFAULT 0,
    UNIQUE (community_id, id)
);
CREATE INDEX posts_topic ON posts (community_id, topic_id, post_number);
CREATE INDEX posts_author ON posts (community_id, author_id, created_at);
CREATE INDEX posts_created ON posts (community_id, created_at);

-- Full-text index over the plain text of posts (external content: the text lives once, in posts).
CREATE VIRTUAL TABLE posts_fts USING fts5(
    text, content='posts', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER posts_fts_update AFTER UPDATE OF text ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO posts_fts (rowid, text) VALUES (new.rowid, new.text);
END;
"""

MIGRATIONS: list[str] = [V1_CORE]

LATEST_VERSION = len(MIGRATIONS)
