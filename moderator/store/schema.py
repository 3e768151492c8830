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

V2_INSIGHTS = """
-- The animator's triage: a topic marked handled (until new activity arrives) or snoozed until a time.
CREATE TABLE triage (
    community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    topic_id        TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('handled', 'snoozed')),
    until           INTEGER,
    changed_at      INTEGER NOT NULL,
    PRIMARY KEY (community_id, topic_id)
) WITHOUT ROWID;

-- A topic's counts as seen by successive syncs (one row when they changed, at most one an hour), so
-- trending can tell likes and views gained in a window: posts carry like counts but no like times.
CREATE TABLE topic_snapshots (
    community_id      INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    topic_id          TEXT NOT NULL,
    taken_at          INTEGER NOT NULL,
    posts_count       INTEGER NOT NULL,
    like_count        INTEGER NOT NULL,
    views             INTEGER NOT NULL,
    participant_count INTEGER,
    reply_count       INTEGER NOT NULL,
    PRIMARY KEY (community_id, topic_id, taken_at)
) WITHOUT ROWID;
CREATE INDEX topic_snapshots_taken ON topic_snapshots (community_id, taken_at);

-- Trending terms' baseline: in how many posts each term (word or two-word phrase, accents folded)
-- appears, per community, kept up to date incrementally (moderator.insights.terms_index).
CREATE TABLE term_totals (  -- keyed by term first: a term's counts in all communities in one lookup
    term            TEXT NOT NULL,
    community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    posts           INTEGER NOT NULL,
    PRIMARY KEY (term, community_id)
) WITHOUT ROWID;
-- The terms of each recent post (the last weeks of each community), so that trending terms does
-- not tokenize the window's posts at every call. Terms and their typed forms, newline-separated.
CREATE TABLE post_terms (
    community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    created_at      INTEGER NOT NULL,
    post_rowid      INTEGER NOT NULL,
    terms           TEXT NOT NULL,
    forms           TEXT NOT NULL,
    PRIMARY KEY (community_id, created_at, post_rowid)
) WITHOUT ROWID;
CREATE TABLE term_index_state (
    community_id    INTEGER PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    last_rowid      INTEGER NOT NULL,            -- posts up to this rowid are counted
    docs            INTEGER NOT NULL,            -- of them, the posts whose terms were counted
    version         INTEGER NOT NULL,            -- tokenizer version: a new one recounts everything
    pending         INTEGER NOT NULL DEFAULT 0,  -- posts were added since (set by a trigger)
    stale           INTEGER NOT NULL DEFAULT 0   -- counted posts were removed: recount (set by a trigger)
);
CREATE TRIGGER posts_term_index_insert AFTER INSERT ON posts BEGIN
    UPDATE term_index_state SET pending = 1 WHERE community_id = new.community_id AND pending = 0;
END;
CREATE TRIGGER posts_term_index_delete AFTER DELETE ON posts BEGIN
    UPDATE term_index_state SET stale = 1
    WHERE community_id = old.community_id AND stale = 0 AND old.rowid <= last_rowid;
END;

-- The views' questions answered from indexes alone (moderator.insights):
-- who posted in a topic before a time (trending's new participants);
CREATE INDEX posts_topic_author ON posts (community_id, topic_id, author_id, created_at);
-- the regular posts of a topic in order, with their authors (unanswered: replies, last word);
CREATE INDEX posts_topic_regular ON posts (community_id, topic_id, post_type, hidden, user_deleted, deleted_at,
    post_number, author_id, created_at, staff, username);
-- who posted in a time range (silent members: gone quiet).
CREATE INDEX posts_created_author ON posts
    (community_id, created_at, author_id, post_type, hidden, user_deleted, deleted_at);
"""

V3_REPLIES = """
-- What the user is writing: one draft per topic, saved continuously by the composer (moderator.drafts).
-- last_seen_post_number is the topic's highest post number when the draft started: replies that arrive
-- after it are a conflict the user is shown before sending.
CREATE TABLE drafts (
    community_id          INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    topic_id              TEXT NOT NULL,
    body                  TEXT NOT NULL,
    reply_to_post_number  INTEGER,
    last_seen_post_number INTEGER NOT NULL DEFAULT 0,
    started_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    PRIMARY KEY (community_id, topic_id)
) WITHOUT ROWID;

-- Replies on their way out, sent exactly once (moderator.outbox). attempts > 0 means a POST may have
-- reached the server: the next attempt looks for the reply on the server before posting again.
-- unanswered_since: set when a POST starts, cleared when any answer arrives; while set and recent,
-- the server may still be processing a POST we never heard back about.
-- claimed_by/claimed_until: a lease, so two senders (the app and the CLI) never send the same item.
CREATE TABLE outbox (
    id                    INTEGER PRIMARY KEY,
    community_id          INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    topic_id              TEXT NOT NULL,
    body                  TEXT NOT NULL,
    reply_to_post_number  INTEGER,
    client_token          TEXT NOT NULL UNIQUE,
    state                 TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'sent', 'enqueued', 'rejected', 'held')),
    reason                TEXT,
    last_error            TEXT,
    attempts              INTEGER NOT NULL DEFAULT 0,
    last_seen_post_number INTEGER NOT NULL DEFAULT 0,
    allow_closed          INTEGER NOT NULL DEFAULT 0,
    server_post_id        TEXT,
    server_post_number    INTEGER,
    claimed_by            TEXT,
    claimed_until         INTEGER,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    unanswered_since      INTEGER,
    sent_at               INTEGER
);
CREATE INDEX outbox_state ON outbox (state, community_id, created_at);

-- The user's own saved replies, and their edits or removals of the shipped ones (shipped_key).
CREATE TABLE saved_replies (
    id          INTEGER PRIMARY KEY,
    shipped_key TEXT UNIQUE,
    language    TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    hidden      INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
"""

V4_REMINDERS = """
-- Reminders and follow-ups (moderator.reminders): a topic to look at again (optionally only while a
-- condition holds), a member to nudge, or a free note. due_at is the UTC instant (quick picks are
-- computed in local wall time before they get here). baseline_post_number is the topic's highest post
-- number when the reminder was set ("no new reply since"). resolved_reason is JSON ({"code", "user",
-- "at"}) so the words ("answered by @ann yesterday") are written at display time, in the user's language.
-- mirror_*: the optional copy as a server bookmark (Discourse reminder_at); mirror_state 'pending' means
-- the server must be brought in line, 'sending' means a create may have reached it (look before resending).
CREATE TABLE reminders (
    id                   INTEGER PRIMARY KEY,
    community_id         INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL CHECK (kind IN ('topic', 'member', 'note')),
    topic_id             TEXT,
    member_id            TEXT,
    username             TEXT NOT NULL DEFAULT '',
    note                 TEXT NOT NULL DEFAULT '',
    title                TEXT NOT NULL DEFAULT '',
    due_at               INTEGER NOT NULL,
    condition            TEXT CHECK (condition IN ('still-unanswered', 'no-new-reply', 'no-author-reply')),
    baseline_post_number INTEGER NOT NULL DEFAULT 0,
    state                TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'resolved', 'snoozed')),
    resolved_reason      TEXT,
    created_at           INTEGER NOT NULL,
    done_at              INTEGER,
    mirror               INTEGER NOT NULL DEFAULT 0,
    mirror_bookmark_id   TEXT,
    mirror_state         TEXT CHECK (mirror_state IN ('pending', 'sending', 'sent', 'failed')),
    mirror_reminder_at   INTEGER,
    mirror_owned         INTEGER NOT NULL DEFAULT 1,
    mirror_error         TEXT,
    mirror_attempts      INTEGER NOT NULL DEFAULT 0,
    CHECK (kind != 'topic' OR topic_id IS NOT NULL),
    CHECK (kind != 'member' OR username != '')
);
CREATE INDEX reminders_due ON reminders (state, due_at);
CREATE INDEX reminders_topic ON reminders (community_id, topic_id);
CREATE INDEX reminders_mirror ON reminders (mirror_state) WHERE mirror_state IS NOT NULL;
"""

V5_FAST_INGEST = """
-- Ingest speed (benchmarks/bench_sync.py): a per-row FTS5 insert trigger cost half of the ingest
-- time, while one INSERT ... SELECT of a whole batch into the index is ~30x cheaper per post. New
-- posts are now indexed in bulk by Store._upsert_posts, in the same transaction; changed texts of
-- indexed posts still go through the update trigger, now only when the text really changed.
DROP TRIGGER posts_fts_insert;
DROP TRIGGER posts_fts_update;
CREATE TRIGGER posts_fts_update AFTER UPDATE OF text ON posts WHEN old.text IS NOT new.text BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO posts_fts (rowid, text) VALUES (new.rowid, new.text);
END;
-- posts_created_author (v2) starts with the same columns and serves the same queries.
DROP INDEX posts_created;
"""

V6_AUTHOR_POSTS = """
-- Silent members (moderator.insights.silent) count each member's regular posts in the active window
-- and look for any post since the quiet one opened: with the posts' type and state in posts_author,
-- the index answers alone instead of reading thousands of posts' rows (most of that view's time).
-- Only wider: an insert maintains as many indexes as before.
DROP INDEX posts_author;
CREATE INDEX posts_author ON posts
    (community_id, author_id, created_at, post_type, hidden, user_deleted, deleted_at);
"""

V_RESULTS_HANDLED_LOG = """
-- Results (moderator.insights.results) count the topics the user marked handled each week. The triage
-- table keeps only a topic's latest decision, so each mark is also logged here (an undone mark is
-- removed again). Marks made before this table existed are taken from the triage table once.
CREATE TABLE handled_log (
    community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    topic_id        TEXT NOT NULL,
    at              INTEGER NOT NULL,
    PRIMARY KEY (community_id, at, topic_id)
) WITHOUT ROWID;
INSERT INTO handled_log (community_id, topic_id, at)
    SELECT community_id, topic_id, changed_at FROM triage WHERE state = 'handled';
"""

V_SCHEDULED_POSTS = """
-- Animation posts (moderator.schedule): new topics go out through the outbox like replies, and any
-- outbox item may wait for a time. not_before: the UTC instant before which the sender leaves the item
-- alone (NULL: as soon as possible). new_topic_*: the item creates a topic (topic_id is '' until it is
-- sent, then the new topic's id). series_id: the recurring series this occurrence belongs to.
ALTER TABLE outbox ADD COLUMN not_before INTEGER;
ALTER TABLE outbox ADD COLUMN new_topic_title TEXT;
ALTER TABLE outbox ADD COLUMN new_topic_category_id TEXT;
ALTER TABLE outbox ADD COLUMN new_topic_tags TEXT;
ALTER TABLE outbox ADD COLUMN series_id INTEGER;
CREATE INDEX outbox_not_before ON outbox (not_before) WHERE not_before IS NOT NULL;
-- Whether the synced account may start topics in a category (Discourse's per-user "permission": 1 may
-- create topics, 2 only reply, 3 only see); NULL: the platform did not say.
ALTER TABLE categories ADD COLUMN can_create INTEGER;

-- Recurring prompts: a template sent on a rule ("weekly MON 09:00" in the user's zone). Each occurrence
-- is prepared lead_hours ahead as an outbox item held for approval (or queued when auto_send), exactly
-- once: series_occurrences' key is the series and the occurrence's instant.
CREATE TABLE series (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    category_id     TEXT,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    tags            TEXT NOT NULL DEFAULT '[]',
    rule            TEXT NOT NULL,
    zone            TEXT NOT NULL,
    language        TEXT NOT NULL DEFAULT 'en',
    auto_send       INTEGER NOT NULL DEFAULT 0,
    lead_hours      INTEGER NOT NULL DEFAULT 24,
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL
);
-- The new topic being written in a community (one at a time), saved as the user types.
CREATE TABLE topic_drafts (
    community_id    INTEGER PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    title           TEXT NOT NULL DEFAULT '',
    category_id     TEXT,
    tags            TEXT NOT NULL DEFAULT '[]',
    body            TEXT NOT NULL DEFAULT '',
    updated_at      INTEGER NOT NULL
);
CREATE TABLE series_occurrences (
    series_id       INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    due_at          INTEGER NOT NULL,
    outbox_id       INTEGER,
    prepared_at     INTEGER NOT NULL,
    PRIMARY KEY (series_id, due_at)
) WITHOUT ROWID;
"""

V_REVIEW_QUEUE = """
-- The moderation queue (moderator.review): each staff community's pending items as last listed,
-- the probe that decides whether to list again, and the decisions on their way out.
CREATE TABLE reviewables (
    community_id       INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    id                 TEXT NOT NULL,
    type               TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'pending',
    score              REAL NOT NULL DEFAULT 0,
    version            INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER,
    target_post_id     TEXT,
    target_topic_id    TEXT,
    target_post_number INTEGER,
    author_id          TEXT,
    author_username    TEXT NOT NULL DEFAULT '',
    data               TEXT NOT NULL DEFAULT '{}',  -- reasons, flags, actions, author history, text (JSON)
    fetched_at         INTEGER NOT NULL,
    PRIMARY KEY (community_id, id)
) WITHOUT ROWID;
CREATE INDEX reviewables_author ON reviewables (community_id, author_username);

CREATE TABLE review_sync (
    community_id INTEGER PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    count        INTEGER,           -- the server's pending count when the list was last read
    listed_at    INTEGER,
    counted_at   INTEGER
);

-- Decisions queue like replies: 'sending' means a PUT may have reached the server (look first).
CREATE TABLE review_actions (
    id               INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    reviewable_id    TEXT NOT NULL,
    action           TEXT NOT NULL,
    label            TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL,
    state            TEXT NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'sending', 'done', 'conflict', 'refused', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    unanswered_since INTEGER,
    claimed_by       TEXT,
    claimed_until    INTEGER,
    detail           TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    done_at          INTEGER
);
-- One live decision per item: a second key press, the CLI and the app cannot queue two.
CREATE UNIQUE INDEX review_actions_live ON review_actions (community_id, reviewable_id)
    WHERE state IN ('queued', 'sending');
CREATE INDEX review_actions_state ON review_actions (state, community_id);
CREATE INDEX review_actions_item ON review_actions (community_id, reviewable_id, id);
"""

V_LEANER_POSTS = """
-- Ingest speed (issue 17): each index of posts costs a share of every insert (this one about a
-- quarter of the store's time). posts_topic_regular (v2) starts with the same two columns and serves
-- a topic's posts as well: the reading pane sorts the few dozen posts of a topic itself. The views'
-- results and times are unchanged (benchmarks/figures.py).
DROP INDEX IF EXISTS posts_topic;
"""

V_DATA_ID = """
-- The data directory's identity: a random id, given once. Keyring entries are named with it
-- (moderator.secrets.SecretOwner), so two data directories never share, overwrite or delete each
-- other's keys, even for communities of the same name.
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO app_meta (key, value) VALUES ('data_id', lower(hex(randomblob(16))));
"""


def _strip_bidi(table: str, columns: tuple[str, ...]) -> str:
    """SQL removing the direction controls of ``moderator.textsafety`` from ``columns`` of ``table``."""
    codes = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    statements = []
    for column in columns:
        value = column
        for code in codes:
            value = f"replace({value}, char({code}), '')"
        found = " OR ".join(f"instr({column}, char({code})) > 0" for code in codes)
        statements.append(f"UPDATE {table} SET {column} = {value} WHERE {found};")
    return "\n".join(statements)


V_NO_BIDI_CONTROLS = f"""
-- Direction overrides and isolates (U+202A-U+202E, U+2066-U+2069) let a stranger's title, name or
-- post display in another order than it reads; a sync no longer stores them (moderator.textsafety)
-- and this takes them out of what older versions stored. Only rows that have one are rewritten.
{_strip_bidi("topics", ("title",))}
{_strip_bidi("members", ("username", "name"))}
{_strip_bidi("categories", ("name", "description"))}
{_strip_bidi("posts", ("raw", "cooked", "text", "username"))}
"""

V_NUDGES = """
-- A private message waiting in the outbox (a nudge, an invitation to answer): pm_recipients is the
-- comma-separated usernames, pm_title the conversation's title; topic_id is '' until it is sent, then
-- the new conversation's id. NULL pm_recipients: a reply, as before.
ALTER TABLE outbox ADD COLUMN pm_recipients TEXT;
ALTER TABLE outbox ADD COLUMN pm_title TEXT;

-- Every nudge and invitation to answer (moderator.nudges.history): who, when, why, which text, how it
-- went out (a private message through the outbox, an @mention reply, or copied by hand), so that
-- nobody is nudged twice in a month and the results view can measure what came of it.
CREATE TABLE nudges (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    member_id    TEXT,
    username     TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('nudge', 'invitation')),
    segment      TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL CHECK (channel IN ('private_message', 'mention', 'copied')),
    topic_id     TEXT,
    title        TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    language     TEXT NOT NULL DEFAULT '',
    why          TEXT NOT NULL DEFAULT '',
    outbox_id    INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX nudges_member ON nudges (community_id, username COLLATE NOCASE, created_at);
"""

# How a platform addresses a member in a private message when not by its id (HumHub's mail module
# wants the user's guid): kept with the member, reported by the connector (``Member.address``).
V_MEMBER_ADDRESS = """
ALTER TABLE members ADD COLUMN address TEXT;
"""

_OPEN_TOPIC = "archetype = 'regular' AND deleted_at IS NULL AND closed = 0 AND archived = 0 AND visible = 1 AND pinned = 0"

V_TOPIC_STATE = f"""
-- The Unanswered queues (issue 17) read per-topic state kept up to date when a batch is stored
-- (moderator.store.topic_state says what each column means) instead of every post of every topic.
ALTER TABLE topics ADD COLUMN st_posts INTEGER;
ALTER TABLE topics ADD COLUMN st_reply_number INTEGER;
ALTER TABLE topics ADD COLUMN st_reply_at INTEGER;
ALTER TABLE topics ADD COLUMN st_last_number INTEGER;
ALTER TABLE topics ADD COLUMN st_last_author_id TEXT;
ALTER TABLE topics ADD COLUMN st_last_username TEXT;
ALTER TABLE topics ADD COLUMN st_last_at INTEGER;
ALTER TABLE topics ADD COLUMN st_last_staff INTEGER;
ALTER TABLE topics ADD COLUMN st_active_at INTEGER;
ALTER TABLE topics ADD COLUMN st_waiting_at INTEGER GENERATED ALWAYS AS (
    CASE WHEN st_posts > 0 THEN COALESCE(st_last_at, created_at) ELSE COALESCE(last_posted_at, created_at) END
) VIRTUAL;
UPDATE topics SET st_posts = (SELECT COUNT(*) FROM posts p
        WHERE p.community_id = topics.community_id AND p.topic_id = topics.id),
    (st_reply_number, st_reply_at) = (SELECT p.post_number, p.created_at FROM posts p
        WHERE p.community_id = topics.community_id AND p.topic_id = topics.id
          AND p.post_type = 1 AND p.hidden = 0 AND p.deleted_at IS NULL AND p.user_deleted = 0
          AND p.author_id IS NOT COALESCE(topics.author_id, (SELECT q.author_id FROM posts q
              WHERE q.community_id = topics.community_id AND q.topic_id = topics.id AND q.post_number = 1))
        ORDER BY p.post_number LIMIT 1),
    (st_last_number, st_last_author_id, st_last_username, st_last_at, st_last_staff) = (
        SELECT p.post_number, p.author_id, p.username, p.created_at, p.staff FROM posts p
        WHERE p.community_id = topics.community_id AND p.topic_id = topics.id
          AND p.post_type = 1 AND p.hidden = 0 AND p.deleted_at IS NULL AND p.user_deleted = 0
        ORDER BY p.post_number DESC LIMIT 1),
    st_active_at = (SELECT MAX(p.created_at) FROM posts p INDEXED BY posts_topic_regular
        WHERE p.community_id = topics.community_id AND p.topic_id = topics.id
          AND p.post_type = 1 AND p.hidden = 0 AND p.deleted_at IS NULL AND p.user_deleted = 0);
-- Each queue in wait order, over the open topics only (moderator.insights.unanswered): nobody but
-- the author replied (the platform's counts decide for topics without stored posts), not solved,
-- and every open topic by the time of its last word (whether that was the team's is decided when
-- the queue is read, from the covered columns).
CREATE INDEX topics_no_reply ON topics (community_id, created_at, id, category_id)
    WHERE {_OPEN_TOPIC} AND st_reply_number IS NULL AND (st_posts > 0 OR posts_count <= 1 OR participant_count = 1);
CREATE INDEX topics_unsolved ON topics (community_id, created_at, id, category_id)
    WHERE {_OPEN_TOPIC} AND has_accepted_answer = 0;
CREATE INDEX topics_last_word ON topics (community_id, st_waiting_at, id, category_id, st_posts, st_last_staff,
    st_last_author_id, st_last_username, last_poster_username) WHERE {_OPEN_TOPIC};
-- The staff of a community (part of the team), without reading every member.
CREATE INDEX members_staff ON members (community_id, id, username) WHERE admin = 1 OR moderator = 1;
"""

V_NO_INSERT_TRIGGER = """
-- Ingest speed (issue 17): a trigger on posts makes every row of the insert a statement of its own
-- (a statement journal, pages copied for each row): about half of the insert's time. Marking the
-- community's term index pending is one statement per batch instead (Store._upsert_posts).
DROP TRIGGER posts_term_index_insert;
"""

V_MEMBER_POSTS = """
-- Each member's posting state (moderator.store.member_state): regular posts stored and the time of
-- their latest post of type 1, kept up to date as posts are stored, so that the silent-members view
-- reads one row per member instead of seeking into their posts.
CREATE TABLE member_posts (
    community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    member_id       TEXT NOT NULL,
    regular_posts   INTEGER NOT NULL,
    last_typed_at   INTEGER,
    PRIMARY KEY (community_id, member_id)
) WITHOUT ROWID;
-- Members to count again (a stored post of theirs changed or went). No foreign key: the posts of a
-- community being removed mark their authors while the community's row is already gone.
CREATE TABLE member_posts_dirty (
    community_id    INTEGER NOT NULL,
    member_id       TEXT NOT NULL,
    PRIMARY KEY (community_id, member_id)
) WITHOUT ROWID;
-- Posts up to this rowid are counted in member_posts.
CREATE TABLE member_posts_mark (
    id              INTEGER PRIMARY KEY CHECK (id = 0),
    last_rowid      INTEGER NOT NULL
);
CREATE TRIGGER posts_member_state_update
AFTER UPDATE OF community_id, author_id, created_at, post_type, hidden, deleted_at, user_deleted ON posts
WHEN old.author_id IS NOT new.author_id OR old.community_id != new.community_id
  OR old.created_at IS NOT new.created_at OR old.post_type != new.post_type OR old.hidden != new.hidden
  OR old.deleted_at IS NOT new.deleted_at OR old.user_deleted != new.user_deleted
BEGIN
    -- (no INSERT OR IGNORE: in a trigger, the conflict policy of the outer upsert would apply)
    INSERT INTO member_posts_dirty (community_id, member_id)
        SELECT c, a FROM (SELECT old.community_id AS c, old.author_id AS a
                          UNION SELECT new.community_id, new.author_id)
        WHERE a IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM member_posts_dirty d WHERE d.community_id = c AND d.member_id = a);
END;
CREATE TRIGGER posts_member_state_delete AFTER DELETE ON posts BEGIN
    INSERT INTO member_posts_dirty (community_id, member_id)
        SELECT old.community_id, old.author_id
        WHERE old.author_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM member_posts_dirty d
                                    WHERE d.community_id = old.community_id AND d.member_id = old.author_id);
    UPDATE member_posts_mark SET last_rowid = (SELECT COALESCE(MAX(rowid), 0) FROM posts)
        WHERE last_rowid > (SELECT COALESCE(MAX(rowid), 0) FROM posts);
END;
-- The posts stored so far, counted once (the posts_author index alone answers).
INSERT INTO member_posts (community_id, member_id, regular_posts, last_typed_at)
    SELECT p.community_id, p.author_id,
           SUM(p.post_type = 1 AND p.hidden = 0 AND p.deleted_at IS NULL AND p.user_deleted = 0),
           MAX(CASE WHEN p.post_type = 1 THEN p.created_at END)
    FROM posts p WHERE p.author_id IS NOT NULL GROUP BY p.community_id, p.author_id;
INSERT INTO member_posts_mark (id, last_rowid) VALUES (0, (SELECT COALESCE(MAX(rowid), 0) FROM posts));
"""

V_TERM_WINDOW = """
-- Rising terms at any size (issue 17): the view compared the last days' posts with the history by
-- counting the terms of every recent post at each call (~370k terms at 1M posts). These keep, as
-- posts are counted (moderator.insights.term_index), the counts of a sliding window starting at
-- day term_window_state.day (UTC days, ts // 86400), which the view moves forward as days pass:
-- its candidates are then an index range (posts >= the minimum count), its edges a few posts.
CREATE TABLE term_window (  -- per community; term '' counts the window's counted posts
    community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    term            TEXT NOT NULL,
    posts           INTEGER NOT NULL,
    total           INTEGER NOT NULL DEFAULT 0,  -- = term_totals.posts: the baseline with no lookup
    PRIMARY KEY (community_id, term)
) WITHOUT ROWID;
CREATE INDEX term_window_posts ON term_window (community_id, posts);
-- The same summed over the communities listed in term_window_state.members (the "all" view).
CREATE TABLE term_window_all (
    term            TEXT PRIMARY KEY,
    posts           INTEGER NOT NULL,
    total           INTEGER NOT NULL DEFAULT 0  -- term_totals.posts summed over the members
) WITHOUT ROWID;
CREATE INDEX term_window_all_posts ON term_window_all (posts);
-- Each window post under each of its terms, with the form it was typed in: the shown terms' forms
-- and example topics in a few index reads. Term '' has a row per post.
CREATE TABLE term_posts (
    term            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    community_id    INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    post_rowid      INTEGER NOT NULL,
    form            TEXT NOT NULL,
    PRIMARY KEY (term, created_at, community_id, post_rowid)
) WITHOUT ROWID;
CREATE TABLE term_window_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    day             INTEGER NOT NULL,           -- the window holds the posts of this day and later
    members         TEXT NOT NULL DEFAULT '[]'  -- JSON: the communities summed in term_window_all
);
"""

MIGRATIONS: list[str] = [
    V1_CORE,
    V2_INSIGHTS,
    V3_REPLIES,
    V4_REMINDERS,
    V5_FAST_INGEST,
    V6_AUTHOR_POSTS,
    V_RESULTS_HANDLED_LOG,
    V_SCHEDULED_POSTS,
    V_REVIEW_QUEUE,
    V_LEANER_POSTS,
    V_DATA_ID,
    V_NO_BIDI_CONTROLS,
    V_NUDGES,
    V_MEMBER_ADDRESS,
    V_TOPIC_STATE,
    V_NO_INSERT_TRIGGER,
    V_MEMBER_POSTS,
    V_TERM_WINDOW,
]

LATEST_VERSION = len(MIGRATIONS)
