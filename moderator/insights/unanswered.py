"""Unanswered: the topics waiting for a response, oldest wait first.

What "unanswered" means is chosen per community (setting ``unanswered_definition``):

``no_reply`` (default)
    Nobody but the author has replied: the topic has no regular, non-deleted, non-hidden post by
    anyone other than its author. This is Discourse's own "topics with no response" definition
    (``WITH_NO_RESPONSE_SQL``), so an author replying to themselves is still unanswered, while any
    reply from someone else (a staff member included) answers it. Waiting since: the topic's creation.
    When a topic's posts are not in the local copy yet, the platform's counts decide: one post, or a
    single participant.
``last_word_not_team``
    The last regular post is not from the animation team. The team is the staff (admins and
    moderators, or a post flagged as written by staff), the members listed in the ``team_usernames``
    setting and the account the community is synced with. Waiting since: that last post.
``unsolved``
    A question not marked solved, on platforms that have solved answers (``has_accepted_answer`` is
    known and false). Waiting since: the topic's creation.

Never listed, whatever the definition: closed, archived, unlisted, pinned and deleted topics,
private messages, and topics of announcement categories (a category or sub-category named or slugged
like "announcements" or "annonces", or listed in the ``announcement_category_ids`` setting). Deleted,
hidden, whisper and small-action posts never count as a reply.

Triage removes a topic too: *handled* until new activity arrives after it was marked, *snoozed* until
its time (see ``moderator.insights.triage``).

Severity colours the wait: *calm*, *amber* past the first of the ``thresholds_hours`` (24 h by
default), *red* past the second (72 h).

Nothing here reads every post: each topic's state (first reply by someone else, last regular post)
is kept up to date as posts are stored (``moderator.store.topic_state``), and a partial index per
definition lists the open topics in wait order. ``limit``/``offset`` build the rows of one window
only; ``unanswered_count`` counts the queue from the same indexes. The team, the announcement
categories and the triage are applied when the queue is read, so a change of settings shows at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any, ClassVar

from moderator.insights.base import (
    DAY,
    HOUR,
    QT_TRANSLATE_NOOP,
    REGULAR,
    Row,
    Scope,
    Translate,
    clock,
    counted,
    duration,
    identity,
    in_list,
    row_maker,
    rows_ahead,
    scopes,
    team_names,
    ts,
)
from moderator.insights.terms import fold
from moderator.model import UTC, Category
from moderator.settings import UnansweredDefinition
from moderator.store import Store

ANNOUNCEMENT_WORDS = ("announce", "annonce")  # folded name or slug containing one of these


class Severity(enum.StrEnum):
    CALM = "calm"
    AMBER = "amber"
    RED = "red"


@dataclasses.dataclass(frozen=True, slots=True)
class UnansweredRow(Row):
    """One topic waiting for a response."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("community_name", "topic_id", "title", "severity", "why")

    community_id: int
    community_name: str
    topic_id: str
    slug: str
    title: str
    category_id: str | None
    category_name: str
    author_id: str | None
    author_username: str
    created_at: dt.datetime | None
    waiting_since: dt.datetime
    hours_waiting: float
    views: int
    likes: int
    replies: int
    severity: Severity
    definition: UnansweredDefinition
    why: str


def severity(hours: float, thresholds: tuple[int, int]) -> Severity:
    if hours >= thresholds[1]:
        return Severity.RED
    if hours >= thresholds[0]:
        return Severity.AMBER
    return Severity.CALM


def announcement_category_ids(
    store: Store, scope: Scope, categories: Sequence[Category] | None = None
) -> set[str]:
    """Categories never listed: named or slugged like announcements, declared, or under one of those."""
    if categories is None:
        categories = store.categories(scope.id)
    found = set(scope.settings.announcement_category_ids)
    found |= {c.id for c in categories if any(w in fold(f"{c.name} {c.slug}") for w in ANNOUNCEMENT_WORDS)}
    while True:  # sub-categories of an announcement category are announcements too
        children = {c.id for c in categories if c.parent_id in found and c.id not in found}
        if not children:
            return found
        found |= children


# An open topic, word for word as the partial indexes of the queues say it (schema V_TOPIC_STATE):
# SQLite uses a partial index only for a query that repeats its condition's terms.
_OPEN = (
    "t.archetype = 'regular' AND t.deleted_at IS NULL AND t.closed = 0 AND t.archived = 0"
    " AND t.visible = 1 AND t.pinned = 0"
)

# What the settings leave out, decided when the queue is read: announcement categories.
_KEPT = "(t.category_id IS NULL OR t.category_id NOT IN (SELECT value FROM json_each(:announcements)))"

# What the user's triage hides: a topic marked handled until a post arrives after the mark, a snoozed
# one until its time has come. A handful of topics, found once per community and left out of the
# queue's index scan in Python, so that the scan itself looks nothing up for the many others.
_HIDDEN = """SELECT tr.topic_id FROM triage tr
JOIN topics h ON h.community_id = tr.community_id AND h.id = tr.topic_id
WHERE tr.community_id = :cid
  AND NOT ((tr.state = 'snoozed' AND COALESCE(tr.until, 0) <= :now)
           OR (tr.state = 'handled'
               AND MAX(COALESCE(h.last_posted_at, 0), COALESCE(h.st_active_at, 0)) > tr.changed_at))"""

_TRIAGE = "LEFT JOIN triage tr ON tr.community_id = t.community_id AND tr.topic_id = t.id"

# The last word is the team's: staff (flagged on the post, or an admin or moderator now), a name of
# team_usernames or the synced account. Without stored posts, the topic list's last poster decides.
# ("COLLATE NOCASE" folds ASCII letters as lower() does: the team's names are lower-cased already.)
_TEAMS_WORD = """CASE WHEN t.st_posts > 0
    THEN COALESCE(t.st_last_staff = 1 OR t.st_last_author_id IN (SELECT value FROM json_each(:staff))
                  OR t.st_last_username COLLATE NOCASE IN (SELECT value FROM json_each(:team)), 0)
    ELSE COALESCE(lower(t.last_poster_username) IN (SELECT value FROM json_each(:team)), 0) END"""


@dataclasses.dataclass(frozen=True)
class _Definition:
    index: str  # the partial index that lists the definition's topics in wait order
    condition: str  # on topics t, besides _OPEN and _KEPT
    waiting: str  # waiting since: the index's second column
    last_username: str
    followups: str  # how many times the author posted again (no_reply's "why")


_AUTHOR = """COALESCE(t.author_id, (SELECT p.author_id FROM posts p WHERE p.community_id = :cid
                                 AND p.topic_id = t.id AND p.post_number = 1))"""
_FOLLOWUPS = f"""CASE WHEN t.st_posts > 0
       THEN (SELECT COUNT(*) FROM posts p WHERE p.community_id = :cid AND p.topic_id = t.id
             AND {REGULAR.format(a="p")} AND p.post_number > 1 AND p.author_id IS {_AUTHOR})
       ELSE MAX(t.posts_count - 1, 0) END"""

# Per definition, from the per-topic state (moderator.store.topic_state): nobody but the author
# replied (the platform's counts decide while no post is stored: one post, or a single participant);
# the last word not the team's; a question not marked solved.
_DEFINITIONS: dict[str, _Definition] = {
    "no_reply": _Definition(
        "topics_no_reply",
        "t.st_reply_number IS NULL AND (t.st_posts > 0 OR t.posts_count <= 1 OR t.participant_count = 1)"
        " AND t.created_at IS NOT NULL",
        "t.created_at",
        "NULL",
        _FOLLOWUPS,
    ),
    "last_word_not_team": _Definition(
        "topics_last_word",
        f"t.st_waiting_at IS NOT NULL AND NOT {_TEAMS_WORD}",
        "t.st_waiting_at",
        "CASE WHEN t.st_posts > 0 THEN t.st_last_username ELSE NULLIF(t.last_poster_username, '') END",
        "0",
    ),
    "unsolved": _Definition(
        "topics_unsolved",
        "t.has_accepted_answer = 0 AND t.created_at IS NOT NULL",
        "t.created_at",
        "NULL",
        "0",
    ),
}


def _where(d: _Definition) -> str:
    """The topics of a definition in a community (read in wait order: the index's order)."""
    return f"WHERE t.community_id = :cid AND {_OPEN} AND {d.condition} AND {_KEPT}"


# What a row shows: (topic_id, author_id, triage_state, waiting_since, last_username, title, slug,
# category_id, created_at, views, likes, posts_count, author_username, followups). Category names are
# looked up in Python: a handful per community, read once.
def _columns(d: _Definition) -> str:
    return f"""SELECT t.id, {_AUTHOR} AS author_id, tr.state, {d.waiting} AS waiting_since,
       {d.last_username} AS last_username, t.title, t.slug, t.category_id, t.created_at, t.views,
       t.like_count, t.posts_count,
       COALESCE(m.username, (SELECT p.username FROM posts p WHERE p.community_id = :cid
                AND p.topic_id = t.id AND p.post_number = 1), '') AS author_username,
       {d.followups} AS author_followups"""


_MEMBER = f"LEFT JOIN members m ON m.community_id = :cid AND m.id = {_AUTHOR}"


@dataclasses.dataclass(frozen=True)
class _Sql:
    keys: str  # (waiting_since, topic_id) in queue order, LIMIT :limit
    count: str  # announcement categories and triage aside
    count_announcements: str
    count_of: str  # how many of the topics :ids (a JSON list) the queue would list, triage aside
    rows: str  # every row, in queue order
    rows_of: str  # the rows of the topics :ids (a JSON list), in any order


def _sql(d: _Definition) -> _Sql:
    table = f"FROM topics t INDEXED BY {d.index}"
    order = f"ORDER BY {d.waiting}, t.id"
    return _Sql(
        keys=f"SELECT {d.waiting}, t.id {table}\n{_where(d)}\n{order} LIMIT :limit",
        # Counted as all the definition's topics less those of announcement categories (a few,
        # found by category): the filter costs more per index entry than the count itself.
        count=f"SELECT COUNT(*) {table}\nWHERE t.community_id = :cid AND {_OPEN} AND {d.condition}",
        count_announcements=f"""SELECT COUNT(*) FROM topics t INDEXED BY topics_category
WHERE t.community_id = :cid AND t.category_id IN (SELECT value FROM json_each(:announcements))
  AND {_OPEN} AND {d.condition}""",
        count_of=f"SELECT COUNT(*) FROM topics t INDEXED BY sqlite_autoindex_topics_1\n{_where(d)}"
        " AND t.id IN (SELECT value FROM json_each(:ids))",
        rows=f"{_columns(d)}\n{table}\n{_TRIAGE}\n{_MEMBER}\n{_where(d)}\n{order}",
        rows_of=f"""{_columns(d)}
FROM topics t
{_TRIAGE}
{_MEMBER}
WHERE t.community_id = :cid AND t.id IN (SELECT value FROM json_each(:ids))""",
    )


_QUERIES: dict[str, _Sql] = {name: _sql(d) for name, d in _DEFINITIONS.items()}


def _lowered(names: Iterable[str]) -> set[str]:
    """Names as Python's lower() and SQLite's ASCII-only lower() spell them."""
    out = set()
    for name in filter(None, names):
        out.add(name.lower())
        out.add("".join(ch.lower() if ch.isascii() else ch for ch in name))
    return out


_NO_REPLY_FOR = QT_TRANSLATE_NOOP("insights", "No reply for {wait}")
_AUTHOR_AGAIN = QT_TRANSLATE_NOOP("insights", "; only the author posted again ({n}×)")
_LAST_WORD_FROM = QT_TRANSLATE_NOOP("insights", "Last word from @{user} (not team) {wait} ago")
_LAST_WORD_NOT_TEAM = QT_TRANSLATE_NOOP("insights", "Last word not from the team, {wait} ago")
_NOT_SOLVED = QT_TRANSLATE_NOOP("insights", "Not marked solved, asked {wait} ago")
_REPLY_COUNT = (
    QT_TRANSLATE_NOOP("insights", " ({n} reply)"),
    QT_TRANSLATE_NOOP("insights", " ({n} replies)"),
)
_HANDLED = QT_TRANSLATE_NOOP("insights", " · new activity since marked handled")


def _why(
    definition: str,
    wait: str,
    last_username: str | None,
    followups: int,
    replies: int,
    triage: str | None,
    *,
    tr: Translate = identity,
) -> str:
    """Why the topic is listed, ``wait`` being the wait in words (duration())."""
    if definition == "no_reply":
        text = tr(_NO_REPLY_FOR).format(wait=wait)
        if followups:
            text += tr(_AUTHOR_AGAIN).format(n=followups)
    elif definition == "last_word_not_team":
        text = (
            tr(_LAST_WORD_FROM).format(user=last_username, wait=wait)
            if last_username
            else tr(_LAST_WORD_NOT_TEAM).format(wait=wait)
        )
    else:
        text = tr(_NOT_SOLVED).format(wait=wait)
        if replies:
            text += counted(replies, *_REPLY_COUNT, tr)
    if triage == "handled":
        text += tr(_HANDLED)
    return text


# From two days on, duration() words a wait in whole days only: one text per day count.
_DAYS_WORDING = 48 * HOUR
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
_make_row = row_maker(UnansweredRow)


@dataclasses.dataclass(frozen=True)
class _Plan:
    """One community's queue: its definition, the parameters of its queries, its categories' names."""

    scope: Scope
    definition: UnansweredDefinition
    sql: _Sql
    params: dict[str, Any]
    category_names: dict[str, str]
    hidden: frozenset[str]  # the topics triage hides


def _plan(store: Store, scope: Scope, definition: UnansweredDefinition, now: dt.datetime) -> _Plan:
    cid = scope.id
    categories = store.categories(cid)
    staff = store.read().execute(_STAFF, (cid,)).fetchall()
    params = {
        "cid": cid,
        "now": ts(now),
        "limit": -1,
        "announcements": in_list(announcement_category_ids(store, scope, categories)),
        "staff": in_list(row[0] for row in staff),
        "team": in_list(sorted(_lowered(row[1] for row in staff) | set(team_names(scope)))),
    }
    hidden = frozenset(row[0] for row in store.read().execute(_HIDDEN, params))
    return _Plan(scope, definition, _QUERIES[definition], params, {c.id: c.name for c in categories}, hidden)


def _plans(
    store: Store,
    community_ids: Iterable[int] | None,
    definition: UnansweredDefinition | None,
    now: dt.datetime,
) -> list[_Plan]:
    """Each selected community's queue, by community id (ties in wait are listed in that order)."""
    return [
        _plan(store, scope, definition or scope.settings.unanswered_definition, now)
        for scope in sorted(scopes(store, community_ids), key=attrgetter("id"))
    ]


def _rows(
    rows: Iterable[tuple[Any, ...]],
    scope: Scope,
    definition: UnansweredDefinition,
    now: dt.datetime,
    category_names: dict[str, str],
    tr: Translate = identity,
) -> list[UnansweredRow]:
    """The rows of one community, from the rows of its query."""
    cid, community = scope.id, scope.name
    amber, red = scope.settings.thresholds_hours
    # Thousands of rows: what many of them share is worked out once, the rest with as few calls as
    # possible (the same values as severity(), duration() and (now - since).total_seconds()).
    now_us = (now - _EPOCH) // _MICROSECOND
    fromtimestamp = dt.datetime.fromtimestamp
    days_wording: dict[int, str] = {}
    calm, amber_, red_ = Severity.CALM, Severity.AMBER, Severity.RED
    last_word = definition == "last_word_not_team"
    last_word_from, last_word_not_team, handled = tr(_LAST_WORD_FROM), tr(_LAST_WORD_NOT_TEAM), tr(_HANDLED)
    out: list[UnansweredRow] = []
    append = out.append
    for (topic_id, author_id, triage_state, waiting_since, last_username, title, slug, category_id, created_at,
         views, likes, posts_count, author_username, author_followups) in rows:  # fmt: skip
        if waiting_since is None:
            continue  # no date at all: nothing honest to say about how long it waits
        since = fromtimestamp(waiting_since, UTC)
        if type(waiting_since) is int:
            waited = (now_us - waiting_since * 1_000_000) / 1_000_000
        else:
            waited = (now - since).total_seconds()
        if waited >= _DAYS_WORDING:
            wait = days_wording.get(days := int(waited // DAY))
            if wait is None:
                wait = days_wording[days] = duration(waited, tr=tr)
        else:
            wait = duration(waited, tr=tr)
        hours = waited / HOUR
        replies = posts_count - 1 if posts_count > 1 else 0
        if last_word:  # most rows, when a community uses it: _why() inlined
            why = (
                last_word_from.format(user=last_username, wait=wait)
                if last_username
                else last_word_not_team.format(wait=wait)
            )
            if triage_state == "handled":
                why += handled
        else:
            why = _why(definition, wait, last_username, author_followups, replies, triage_state, tr=tr)
        append(
            _make_row(  # the fields of UnansweredRow, in order
                cid,
                community,
                topic_id,
                slug,
                title,
                category_id,
                category_names.get(category_id, ""),
                author_id,
                author_username,
                since
                if created_at == waiting_since
                else (None if created_at is None else fromtimestamp(created_at, UTC)),
                since,
                round(hours, 2),
                views,
                likes,
                replies,
                red_ if hours >= red else amber_ if hours >= amber else calm,
                definition,
                why,
            )
        )
    return out


_WAITING_SINCE = attrgetter("waiting_since")

_STAFF = "SELECT id, username FROM members WHERE community_id = ? AND (admin = 1 OR moderator = 1)"


FIRST_SCREEN = 200  # rows a view asks for first (then more as the list is scrolled)


@dataclasses.dataclass(frozen=True, slots=True)
class UnansweredPage:
    """One window of the queue and the queue's length, read from one snapshot of the store."""

    total: int  # topics in the whole queue
    offset: int
    rows: list[UnansweredRow]  # rows offset .. offset + len(rows) - 1 of the queue


def unanswered_topics(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    now: dt.datetime | None = None,
    definition: UnansweredDefinition | None = None,
    limit: int | None = None,
    offset: int = 0,
    tr: Translate = identity,
) -> list[UnansweredRow]:
    """The topics waiting for a response in the selected communities (all if None), oldest wait first.

    Each community uses its own ``unanswered_definition`` unless ``definition`` forces one.
    ``limit`` and ``offset`` give one window of the queue (a screen, a page of a lazy list): only
    its rows are built, its topics found by index (``unanswered_count`` gives the queue's length,
    ``unanswered_page`` both at once). ``tr`` translates the templates of the ``why`` texts (context
    "insights"); English by default.
    """
    at = clock(now)
    _check_window(limit, offset)
    plans = _plans(store, community_ids, definition, at)
    if limit is None and offset == 0:
        return _all_rows(store, plans, at, tr)
    return _window(store, plans, at, offset, limit, tr)


def unanswered_count(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    now: dt.datetime | None = None,
    definition: UnansweredDefinition | None = None,
) -> int:
    """How many topics ``unanswered_topics`` lists with the same arguments (a badge, a lazy list's
    length), counted from the queues' indexes without building a row."""
    return _count(store, _plans(store, community_ids, definition, clock(now)))


def unanswered_page(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    now: dt.datetime | None = None,
    definition: UnansweredDefinition | None = None,
    offset: int = 0,
    limit: int = FIRST_SCREEN,
    tr: Translate = identity,
) -> UnansweredPage:
    """Rows ``offset`` to ``offset + limit - 1`` of the queue and the queue's length, consistent with
    each other (one read transaction): what a lazy list shows first, then asks for as it scrolls."""
    at = clock(now)
    _check_window(limit, offset)
    db = store.read()
    snapshot = not db.in_transaction
    if snapshot:
        db.execute("BEGIN")
    try:
        plans = _plans(store, community_ids, definition, at)
        return UnansweredPage(_count(store, plans), offset, _window(store, plans, at, offset, limit, tr))
    finally:
        if snapshot:
            db.execute("COMMIT")


def _check_window(limit: int | None, offset: int) -> None:
    if offset < 0 or (limit is not None and limit < 0):
        raise ValueError("limit and offset cannot be negative")


def _count(store: Store, plans: list[_Plan]) -> int:
    db = store.read()
    total = 0
    for plan in plans:
        total += int(db.execute(plan.sql.count, plan.params).fetchone()[0])
        if plan.params["announcements"] != "[]":
            total -= int(db.execute(plan.sql.count_announcements, plan.params).fetchone()[0])
        if plan.hidden:
            hidden = plan.params | {"ids": in_list(sorted(plan.hidden))}
            total -= int(db.execute(plan.sql.count_of, hidden).fetchone()[0])
    return total


def _window(
    store: Store, plans: list[_Plan], at: dt.datetime, offset: int, limit: int | None, tr: Translate
) -> list[UnansweredRow]:
    """Rows offset .. offset + limit - 1 (all from offset if limit is None), building those only."""
    if limit == 0:
        return []
    # The window's topics: each community's first offset + limit keys, in queue order, merged.
    wanted = -1 if limit is None else offset + limit
    keys: list[tuple[int, int, int, str]] = []
    db = store.read()
    for rank, plan in enumerate(plans):
        cursor = db.cursor()
        cursor.row_factory = None
        more = -1 if wanted < 0 else wanted + len(plan.hidden)
        found = cursor.execute(plan.sql.keys, plan.params | {"limit": more}).fetchall()
        if plan.hidden:
            found = [key for key in found if key[1] not in plan.hidden]
        if wanted >= 0:
            del found[wanted:]
        keys.extend((since, rank, seq, topic_id) for seq, (since, topic_id) in enumerate(found))
    keys.sort()  # by wait, then community, then the community's own order (ties by topic id)
    window = keys[offset:] if limit is None else keys[offset : offset + limit]
    # Then the rows of those topics only, in the window's order.
    by_rank: dict[int, list[str]] = {}
    for _since, rank, _seq, topic_id in window:
        by_rank.setdefault(rank, []).append(topic_id)
    built: dict[tuple[int, str], UnansweredRow] = {}
    for rank, topic_ids in by_rank.items():
        plan = plans[rank]
        cursor = db.cursor()
        cursor.row_factory = None
        cursor.execute(plan.sql.rows_of, plan.params | {"ids": in_list(topic_ids)})
        for made in _rows(cursor, plan.scope, plan.definition, at, plan.category_names, tr):
            built[(rank, made.topic_id)] = made
    return [row for _s, rank, _q, topic_id in window if (row := built.get((rank, topic_id))) is not None]


def _all_rows(store: Store, plans: list[_Plan], at: dt.datetime, tr: Translate) -> list[UnansweredRow]:
    """Every row of the queues (the CLI, an export): each community's query runs while the rows of
    the one before are built."""
    rows: list[UnansweredRow] = []
    fetched = rows_ahead(store, [(plan.sql.rows, plan.params) for plan in plans])
    for plan, community_rows in zip(plans, fetched, strict=True):
        if plan.hidden:
            community_rows = (row for row in community_rows if row[0] not in plan.hidden)
        rows.extend(_rows(community_rows, plan.scope, plan.definition, at, plan.category_names, tr))
    # Oldest wait first, then by community, then by topic: each community's rows come in order of
    # wait then topic (the queries' ORDER BY: SQLite compares ids as Python does), one community
    # after the other by id, so a stable sort on the wait alone puts ties in that order.
    rows.sort(key=_WAITING_SINCE)
    return rows
