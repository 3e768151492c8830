"""Silent members: the people who read but do not write, those who stopped, those who just arrived.

Segments (one per member; a newcomer is never also counted as a reader):

*newcomers* ("nouveaux venus")
    Joined in the last ``newcomer_days`` (30 by default) and no post yet.
*readers* ("lecteurs")
    Never posted, yet came to read: days visited, posts read, time read, topics entered or likes
    given above zero. A member who only liked is a reader: a like needs a read. When the platform
    does not report reads at all (all four read counters unknown), having been seen at all
    (``last_seen_at``) is taken as the sign instead.
*gone quiet* ("devenus silencieux")
    At least ``min_contributions`` (3) posts in the ``active_days`` (90) before the last
    ``quiet_days`` (28), and none in the last ``quiet_days`` — counted from the posts stored
    locally, and confirmed by the platform's ``last_posted_at`` when it reports one (a post we did
    not sync, say in a private category, still counts as not quiet).

"Posted" means the platform's ``post_count`` when it reports more than zero, otherwise the regular
posts stored locally. Staff (admins, moderators), the animation team (``team_usernames`` and the
synced account) and system users (id zero or negative, as Discourse's ``system`` and bots, or the
username ``system``) are never listed nor counted. Suspended members cannot be told apart: the
platforms' member lists used by sync do not report it.

The participation headline (``participation``) splits the same members the 90-9-1 way
(Nielsen, "Participation Inequality", 2006):

* *lurkers*: no post at all (``read_only`` of them showed signs of reading, ``never_seen`` did not);
* *heavy contributors*: the smallest group of the most prolific members who together wrote at least
  half of all posts (members tied with the last one taken are taken too). This measures the "1 %"
  directly — the few who write most — instead of cutting at an arbitrary percentile;
* *contributors*: everybody else who posted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar

from moderator.insights.base import (
    DAY,
    QT_TRANSLATE_NOOP,
    REGULAR,
    Query,
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
from moderator.model import UTC
from moderator.store import Store

HEAVY_SHARE = 0.5  # heavy contributors: the fewest members who together wrote this share of the posts


class Segment(enum.StrEnum):
    NEWCOMER = "newcomer"
    GONE_QUIET = "gone_quiet"
    READER = "reader"


@dataclasses.dataclass(frozen=True, slots=True)
class SilentMemberRow(Row):
    """One silent member, with the facts the suggestion rests on."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("community_name", "username", "segment", "next_step")

    community_id: int
    community_name: str
    member_id: str
    username: str
    name: str
    segment: Segment
    joined: dt.datetime | None
    last_seen: dt.datetime | None
    last_posted: dt.datetime | None
    posts: int
    reads: int | None  # posts read; None when the platform does not report it
    days_visited: int | None
    likes_given: int | None
    active_posts: int | None  # gone quiet: posts in the active window
    last_topic: str | None  # gone quiet: the topic of their last stored post (platform id)
    last_topic_title: str
    next_step: str


@dataclasses.dataclass(frozen=True, slots=True)
class Participation(Row):
    """The participation split of the selected communities, as numbers a chart can draw."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "community_name",
        "members",
        "published",
        "read_only",
        "never_seen",
        "contributors",
        "heavy",
    )

    community_id: int | None  # None: several communities added up
    community_name: str
    members: int  # counted members (staff, team and system users left out)
    published: int  # ever posted = contributors + heavy
    read_only: int  # never posted, showed signs of reading
    never_seen: int  # never posted, no sign of reading
    lurkers: int  # no post at all = read_only + never_seen
    contributors: int
    heavy: int
    posts: int  # all posts of the counted members
    heavy_posts: int  # of which by the heavy contributors
    heavy_min_posts: int  # the fewest posts of a heavy contributor (0 when nobody posted)
    published_share: float  # shares of members, 0..1
    read_only_share: float
    lurker_share: float
    contributor_share: float
    heavy_share: float
    heavy_posts_share: float  # share of all posts written by the heavy contributors
    by_community: tuple[Participation, ...] = ()


# The members counted: staff, team and system users left out (on members m). "COLLATE NOCASE" folds
# ASCII letters as SQLite's lower() does, without making a lowered copy of each name: the team's
# names are lower-cased already (team_names).
_COUNTED = """m.community_id = :cid AND m.admin = 0 AND m.moderator = 0
    AND m.id != '0' AND m.id NOT GLOB '-[0-9]*' AND m.username COLLATE NOCASE != 'system'
    AND m.username COLLATE NOCASE NOT IN (SELECT value FROM json_each(:team))"""

# Whether member m showed signs of reading, as the module docstring defines it.
_READS = """(COALESCE(m.days_visited, 0) > 0 OR COALESCE(m.posts_read, 0) > 0 OR COALESCE(m.time_read, 0) > 0
          OR COALESCE(m.topics_entered, 0) > 0 OR COALESCE(m.likes_given, 0) > 0
          OR (m.days_visited IS NULL AND m.posts_read IS NULL AND m.time_read IS NULL
              AND m.topics_entered IS NULL AND m.last_seen_at IS NOT NULL))"""


def _own_posts(member: str) -> str:
    """The regular posts stored of the member row aliased ``member`` (FROM and WHERE)."""
    return (
        f"FROM posts p WHERE p.community_id = :cid AND p.author_id = {member}.id AND {REGULAR.format(a='p')}"
    )


def _active_posts(member: str) -> str:
    """How many regular posts the member wrote in the active window (before the quiet one): the
    posts_author index (schema v6) answers without reading the posts."""
    return f"""(SELECT COUNT(*) {_own_posts(member)} AND p.created_at >= :active_start
                                     AND p.created_at < :quiet_start)"""


# The members counted, with their post count and whether they showed signs of reading.
_MEMBERS = f"""
m AS MATERIALIZED (
  SELECT m.id, m.username, m.name, m.created_at, m.last_seen_at, m.last_posted_at, m.posts_read,
         m.days_visited, m.likes_given,
         CASE WHEN COALESCE(m.post_count, 0) > 0 THEN m.post_count
              ELSE (SELECT COUNT(*) {_own_posts("m")}) END AS posts,
         {_READS} AS reads
  FROM members m
  WHERE {_COUNTED}
)"""

# Each counted member's segment (0 newcomer, 1 gone quiet, 2 reader, NULL none), as the module
# docstring defines them. "Posted" needs one post: the platform's count, or a regular post stored.
# Gone quiet is answered member by member from the posts_author index (a seek for any post since
# the quiet window opened, a count of the few in the active window) rather than by grouping all the
# posts of the last months by author: only members who posted and were not seen posting lately
# are looked at.
_SEGMENT = f"""CASE
    WHEN COALESCE(m.post_count, 0) > 0 OR EXISTS (SELECT 1 {_own_posts("m")})
    THEN CASE WHEN (m.last_posted_at IS NULL OR m.last_posted_at < :quiet_start)
                   AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.community_id = :cid AND p.author_id = m.id
                                   AND p.created_at >= :quiet_start AND p.post_type = 1)
                   AND {_active_posts("m")} >= :min_posts
              THEN 1 END
    WHEN m.created_at >= :newcomer_start THEN 0
    WHEN {_READS} THEN 2
  END"""

# The order within a segment: newcomers newest first, gone quiet most active first, readers most
# engaged first (days visited, posts read, last seen), then by name. _scope_rows builds the same key
# in Python, for silent_members to sort the communities' rows together.
_ORDER = """ORDER BY s.segment,
         CASE s.segment WHEN 0 THEN -s.created_at WHEN 1 THEN -s.active_posts
              ELSE -COALESCE(s.days_visited, 0) END,
         CASE s.segment WHEN 2 THEN -COALESCE(s.posts_read, 0) ELSE 0 END,
         CASE s.segment WHEN 2 THEN -COALESCE(s.last_seen_at, 0) ELSE 0 END,
         lower(s.username)"""

# One pass over the counted members in id order. The subqueries s and g are co-routines (LIMIT -1
# keeps SQLite from flattening them, which would work out each segment again at every mention):
# rows flow through them, nothing is stored. The last post's topic is looked up for the few gone
# quiet only (of two posts at the same second, the one stored last).
_SILENT = f"""
WITH s AS (
  SELECT m.id, m.username, m.name, m.created_at, m.last_seen_at, m.last_posted_at, m.post_count,
         m.posts_read, m.days_visited, m.likes_given, {_SEGMENT} AS segment
  FROM members m
  WHERE {_COUNTED}
  LIMIT -1
), g AS (
  SELECT s.*, CASE WHEN s.segment = 1 THEN {_active_posts("s")} END AS active_posts
  FROM s
  WHERE s.segment IN (SELECT value FROM json_each(:segments))
  LIMIT -1
)
SELECT s.segment, s.id, s.username, s.name, s.created_at, s.last_seen_at, s.last_posted_at,
       CASE WHEN s.segment != 1 THEN 0 WHEN COALESCE(s.post_count, 0) > 0 THEN s.post_count
            ELSE (SELECT COUNT(*) {_own_posts("s")}) END AS posts,
       s.posts_read, s.days_visited, s.likes_given, s.active_posts,
       CASE WHEN s.segment = 1 THEN (SELECT MAX(p.created_at) FROM posts p WHERE p.community_id = :cid
                                     AND p.author_id = s.id AND p.created_at >= :active_start
                                     AND p.post_type = 1) END AS last_at,
       lt.topic_id, COALESCE(t.title, '')
FROM g s
LEFT JOIN posts lt ON lt.rowid = CASE WHEN s.segment = 1 THEN
    (SELECT p.rowid FROM posts p WHERE p.community_id = :cid AND p.author_id = s.id
     ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1) END
LEFT JOIN topics t ON t.community_id = :cid AND t.id = lt.topic_id
{_ORDER}
"""

_PARTICIPATION = f"WITH {_MEMBERS} SELECT m.posts, m.reads FROM m"

# The codes 0, 1, 2 of _SILENT, which are also the order of the segments in the list.
_SEGMENTS = (Segment.NEWCOMER, Segment.GONE_QUIET, Segment.READER)


_NEVER = QT_TRANSLATE_NOOP("insights", "never")
_AGO = QT_TRANSLATE_NOOP("insights", "{wait} ago")
_TODAY = QT_TRANSLATE_NOOP("insights", "today")
_DAYS = (QT_TRANSLATE_NOOP("insights", "{n} day"), QT_TRANSLATE_NOOP("insights", "{n} days"))
_POSTS = (QT_TRANSLATE_NOOP("insights", "{n} post"), QT_TRANSLATE_NOOP("insights", "{n} posts"))
_WELCOME = QT_TRANSLATE_NOOP("insights", "Welcome them: newcomer since {since}, never posted")
_HAS_READ = (
    QT_TRANSLATE_NOOP("insights", ", has read {n} post"),
    QT_TRANSLATE_NOOP("insights", ", has read {n} posts"),
)
_GAVE_TAIL = (
    QT_TRANSLATE_NOOP("insights", ", gave {n} like"),
    QT_TRANSLATE_NOOP("insights", ", gave {n} likes"),
)
_VISITED = (
    QT_TRANSLATE_NOOP("insights", "visited {n} day"),
    QT_TRANSLATE_NOOP("insights", "visited {n} days"),
)
_READ = (QT_TRANSLATE_NOOP("insights", "read {n} post"), QT_TRANSLATE_NOOP("insights", "read {n} posts"))
_GAVE = (QT_TRANSLATE_NOOP("insights", "gave {n} like"), QT_TRANSLATE_NOOP("insights", "gave {n} likes"))
_LAST_SEEN = QT_TRANSLATE_NOOP("insights", "last seen {ago} (reads not reported)")
_INVITE = QT_TRANSLATE_NOOP("insights", "Invite them into a discussion: {facts}, never posted")
_CHECK_IN = QT_TRANSLATE_NOOP(
    "insights", "Check in: {posts} in the {active_days} days before the last {quiet_days}, none for {wait}"
)
_LAST_IN = QT_TRANSLATE_NOOP("insights", "; last in “{title}”")
_STILL_VISITS = QT_TRANSLATE_NOOP("insights", "; still visits (seen {ago})")


def _ago(now: int, when: int | None, tr: Translate = identity) -> str:
    return tr(_NEVER) if when is None else tr(_AGO).format(wait=duration(now - when, tr=tr))


def _newcomer_step(
    now: int, joined: int, read: int | None, likes: int | None, tr: Translate = identity
) -> str:
    days = (now - joined) // DAY
    since = tr(_TODAY) if days == 0 else counted(days, *_DAYS, tr)
    text = tr(_WELCOME).format(since=since)
    if read:
        text += counted(read, *_HAS_READ, tr)
    if likes:
        text += counted(likes, *_GAVE_TAIL, tr)
    return text


def _reader_step(
    now: int,
    visited: int | None,
    read: int | None,
    likes: int | None,
    seen: int | None,
    tr: Translate = identity,
) -> str:
    facts = []
    if visited:
        facts.append(counted(visited, *_VISITED, tr))
    if read:
        facts.append(counted(read, *_READ, tr))
    if likes:
        facts.append(counted(likes, *_GAVE, tr))
    if not facts:
        facts.append(tr(_LAST_SEEN).format(ago=_ago(now, seen, tr)))
    return tr(_INVITE).format(facts=", ".join(facts))


def _quiet_step(
    now: int, active: int, last: int, title: str, seen: int | None, scope: Scope, tr: Translate = identity
) -> str:
    windows = scope.settings.silent_windows
    text = tr(_CHECK_IN).format(
        posts=counted(active, *_POSTS, tr),
        active_days=windows.active_days,
        quiet_days=windows.quiet_days,
        wait=duration(now - last, tr=tr),
    )
    if title:
        text += tr(_LAST_IN).format(title=title)
    if seen is not None and now - seen < windows.quiet_days * DAY:
        text += tr(_STILL_VISITS).format(ago=_ago(now, seen, tr))
    return text


def _params(scope: Scope, now: int) -> dict[str, Any]:
    windows = scope.settings.silent_windows
    quiet_start = now - windows.quiet_days * DAY
    return {
        "cid": scope.id,
        "team": in_list(team_names(scope)),
        "quiet_start": quiet_start,
        "active_start": quiet_start - windows.active_days * DAY,
        "min_posts": windows.min_contributions,
        "newcomer_start": now - windows.newcomer_days * DAY,
    }


Ranked = tuple[Any, ...]  # (the sort key's six items, a sequence number, the row)

_make_row = row_maker(SilentMemberRow)
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}  # SQLite's lower(): ASCII only


def _query(scope: Scope, now: int, segments: set[Segment], limit: int | None) -> Query:
    """The query of one community's silent members in the wanted segments."""
    params = _params(scope, now) | {
        "segments": in_list(_SEGMENTS.index(s) for s in segments),
        "limit": -1 if limit is None else limit,
    }
    # An ORDER BY with a LIMIT keeps the first rows in a b-tree, row by row: right for a first
    # screen, slower than SQLite's sorter for all rows.
    return (_SILENT if limit is None else f"{_SILENT}LIMIT :limit\n"), params


def _scope_rows(
    fetched: Iterable[tuple[Any, ...]],
    scope: Scope,
    now: int,
    sequence: Iterator[int],
    tr: Translate = identity,
) -> list[Ranked]:
    """The silent members of one community, from its query's rows, each with its sort key."""
    cid, community = scope.id, scope.name
    newcomer, gone_quiet, reader = _SEGMENTS
    fromtimestamp = dt.datetime.fromtimestamp
    lower_ascii = _ASCII_LOWER
    newcomer_steps: dict[tuple[Any, ...], str] = {}  # many newcomers share their days and counts
    # Readers' facts ("visited 12 days", "read 40 posts"): thousands of rows, a few hundred counts.
    pieces: dict[tuple[str, int], str] = {}
    forms = {"v": _VISITED, "r": _READ, "l": _GAVE}
    invite = tr(_INVITE)

    def piece(kind: str, n: int) -> str:
        text = pieces[(kind, n)] = counted(n, *forms[kind], tr)
        return text

    rows: list[Ranked] = []
    append = rows.append
    for (code, mid, username, name, joined, seen, posted, posts, read, visited, likes, active, last_at, last_topic,
         title) in fetched:  # fmt: skip
        # The sort key: the SQL order (_ORDER), then the community, then SQLite's lower(username).
        if code == 2:
            segment = reader
            if visited or read or likes:  # _reader_step's text, its pieces worked out once each
                facts = []
                if visited:
                    facts.append(pieces.get(("v", visited)) or piece("v", visited))
                if read:
                    facts.append(pieces.get(("r", read)) or piece("r", read))
                if likes:
                    facts.append(pieces.get(("l", likes)) or piece("l", likes))
                step = invite.format(facts=", ".join(facts))
            else:
                step = _reader_step(now, visited, read, likes, seen, tr)
            first, second, third = -(visited or 0), -(read or 0), -(seen or 0)
        elif code == 0:
            segment = newcomer
            if (key := ((now - joined) // DAY, read, likes)) not in newcomer_steps:
                newcomer_steps[key] = _newcomer_step(now, joined, read, likes, tr)
            step = newcomer_steps[key]
            first, second, third = -joined, 0, 0
        else:
            segment = gone_quiet
            step = _quiet_step(now, active, last_at, title, seen, scope, tr)
            first, second, third = -active, 0, 0
        if not posted:
            posted = last_at
        row = _make_row(  # the fields of SilentMemberRow, in order
            cid,
            community,
            mid,
            username,
            name,
            segment,
            None if joined is None else fromtimestamp(joined, UTC),
            None if seen is None else fromtimestamp(seen, UTC),
            None if posted is None else fromtimestamp(posted, UTC),
            posts,
            read,
            visited,
            likes,
            active if code == 1 else None,
            last_topic,
            title,
            step,
        )
        lowered = username.lower() if username.isascii() else username.translate(lower_ascii)
        # The key and the row in one tuple; the sequence number keeps ties in their order.
        append((code, first, second, third, cid, lowered, next(sequence), row))
    return rows


def silent_members(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    now: dt.datetime | None = None,
    segments: Iterable[Segment] | None = None,
    limit: int | None = None,
    tr: Translate = identity,
) -> list[SilentMemberRow]:
    """The silent members of the selected communities: newcomers, then gone quiet, then readers.

    Within a segment: newcomers newest first, gone quiet most active first, readers most engaged
    first (days visited, posts read, last seen). ``limit`` keeps the first rows only. ``tr``
    translates the templates of the ``next_step`` texts (context "insights"); English by default.
    """
    at = ts(clock(now))
    wanted = set(Segment) if segments is None else set(segments)
    chosen = scopes(store, community_ids)
    fetched = rows_ahead(store, [_query(scope, at, wanted, limit) for scope in chosen])
    sequence = itertools.count()
    ranked = [
        item
        for scope, rows in zip(chosen, fetched, strict=True)
        for item in _scope_rows(rows, scope, at, sequence, tr)
    ]
    ranked.sort()
    return [item[-1] for item in (ranked if limit is None else ranked[:limit])]


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _split(
    community_id: int | None, name: str, counts: Sequence[int], read_only: int, never_seen: int
) -> Participation:
    posted = sorted((c for c in counts if c > 0), reverse=True)
    total = sum(posted)
    heavy = heavy_posts = heavy_min = 0
    for count in posted:
        if heavy_posts >= HEAVY_SHARE * total and count < heavy_min:
            break
        heavy, heavy_posts, heavy_min = heavy + 1, heavy_posts + count, count
    return _participation(
        community_id,
        name,
        len(counts),
        read_only,
        never_seen,
        len(posted) - heavy,
        heavy,
        total,
        heavy_posts,
        heavy_min,
    )


def _participation(
    community_id: int | None,
    name: str,
    members: int,
    read_only: int,
    never_seen: int,
    contributors: int,
    heavy: int,
    posts: int,
    heavy_posts: int,
    heavy_min: int,
    by_community: tuple[Participation, ...] = (),
) -> Participation:
    lurkers = read_only + never_seen
    return Participation(
        community_id=community_id,
        community_name=name,
        members=members,
        published=contributors + heavy,
        read_only=read_only,
        never_seen=never_seen,
        lurkers=lurkers,
        contributors=contributors,
        heavy=heavy,
        posts=posts,
        heavy_posts=heavy_posts,
        heavy_min_posts=heavy_min,
        published_share=_share(contributors + heavy, members),
        read_only_share=_share(read_only, members),
        lurker_share=_share(lurkers, members),
        contributor_share=_share(contributors, members),
        heavy_share=_share(heavy, members),
        heavy_posts_share=_share(heavy_posts, posts),
        by_community=by_community,
    )


def participation(
    store: Store, community_ids: Iterable[int] | None = None, *, now: dt.datetime | None = None
) -> Participation:
    """The participation headline of the selected communities.

    Heavy contributors are found per community (the few who write most of *that* community's posts);
    with several communities the counts are added up and each one's split is in ``by_community``.
    """
    at = ts(clock(now))
    parts = []
    for scope in scopes(store, community_ids):
        cursor = store.read().cursor()
        cursor.row_factory = None
        members = cursor.execute(_PARTICIPATION, _params(scope, at)).fetchall()
        read_only = sum(1 for posts, reads in members if not posts and reads)
        parts.append(
            _split(
                scope.id,
                scope.name,
                [p for p, _ in members],
                read_only,
                sum(1 for p, _ in members if not p) - read_only,
            )
        )
    if len(parts) == 1:
        return parts[0]

    def total(field: str) -> int:
        return sum(getattr(p, field) for p in parts)

    return _participation(
        None,
        "All communities",
        total("members"),
        total("read_only"),
        total("never_seen"),
        total("contributors"),
        total("heavy"),
        total("posts"),
        total("heavy_posts"),
        min((p.heavy_min_posts for p in parts if p.heavy), default=0),
        tuple(parts),
    )
