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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, ClassVar, overload

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
from moderator.store import Store, member_state

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


def _active_posts(member: str) -> str:
    """How many regular posts the member row aliased ``member`` wrote in the active window (before
    the quiet one): a range of the posts_author index (schema v6), read for the few candidates."""
    return f"""(SELECT COUNT(*) FROM posts p WHERE p.community_id = :cid AND p.author_id = {member}.id
                AND p.created_at >= :active_start AND p.created_at < :quiet_start AND {REGULAR.format(a="p")})"""


# Each counted member with their posting state (moderator.store.member_state): regular posts stored
# and the time of their latest post of type 1 (any state), one row per author, kept at ingest.
_STATE = f"""FROM members m
  LEFT JOIN member_posts st ON st.community_id = m.community_id AND st.member_id = m.id
  WHERE {_COUNTED}"""

# "Posted" needs one post: the platform's count, or a regular post stored.
_POSTED = "COALESCE(m.post_count, 0) > 0 OR COALESCE(st.regular_posts, 0) > 0"

# Each counted member's segment before the gone-quiet count (0 newcomer, -1 gone-quiet candidate,
# 2 reader, NULL none), as the module docstring defines them. A candidate posted, was not seen
# posting since the quiet window opened (the platform's last_posted_at, and no post of type 1
# stored since, hidden or deleted ones included), and wrote a post of type 1 in the active window;
# only candidates have their regular posts of the active window counted (_active_posts).
_PRE_SEGMENT = f"""CASE
    WHEN {_POSTED}
    THEN CASE WHEN (m.last_posted_at IS NULL OR m.last_posted_at < :quiet_start)
                   AND (st.last_typed_at IS NULL OR st.last_typed_at < :quiet_start)
                   AND (:min_posts <= 0 OR st.last_typed_at >= :active_start)
              THEN -1 END
    WHEN m.created_at >= :newcomer_start THEN 0
    WHEN {_READS} THEN 2
  END"""

# One community's silent members in the wanted segments, with the facts of their row, each row
# starting with its sort key (_KEY), in the list's order. The nested subqueries are co-routines
# (LIMIT -1 keeps SQLite from flattening them, which would work out each segment again at every
# mention): rows flow through them, nothing is stored. The last post's topic is looked up for the
# few gone quiet only (of two posts at the same second, the one stored last).
_SCOPE = f"""
SELECT r.segment, r.k1, r.k2, r.k3, r.cid, lower(r.username) AS lname, r.id,
       r.username, r.name, r.created_at, r.last_seen_at, r.last_posted_at, r.posts,
       r.posts_read, r.days_visited, r.likes_given, r.active_posts, r.last_at, lt.topic_id,
       COALESCE(t.title, '') AS title
FROM (
  SELECT q.*,
         CASE q.segment WHEN 0 THEN -q.created_at WHEN 1 THEN -q.active_posts
              ELSE -COALESCE(q.days_visited, 0) END AS k1,
         CASE q.segment WHEN 2 THEN -COALESCE(q.posts_read, 0) ELSE 0 END AS k2,
         CASE q.segment WHEN 2 THEN -COALESCE(q.last_seen_at, 0) ELSE 0 END AS k3
  FROM (
    SELECT CASE WHEN q.pre = -1 THEN 1 ELSE q.pre END AS segment, :cid AS cid, q.id, q.username, q.name,
           q.created_at, q.last_seen_at, q.last_posted_at,
           CASE WHEN q.pre != -1 THEN 0 WHEN COALESCE(q.post_count, 0) > 0 THEN q.post_count
                ELSE COALESCE(q.regular_posts, 0) END AS posts,
           q.posts_read, q.days_visited, q.likes_given, q.active_posts,
           CASE WHEN q.pre = -1 THEN q.last_typed_at END AS last_at,
           CASE WHEN q.pre = -1 THEN (SELECT p.rowid FROM posts p
                                      WHERE p.community_id = :cid AND p.author_id = q.id
                                      ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1) END AS last_rowid
    FROM (
      SELECT s.*, CASE WHEN s.pre = -1 THEN {_active_posts("s")} END AS active_posts
      FROM (
        SELECT m.id, m.username, m.name, m.created_at, m.last_seen_at, m.last_posted_at, m.post_count,
               m.posts_read, m.days_visited, m.likes_given, st.regular_posts, st.last_typed_at,
               {_PRE_SEGMENT} AS pre
        {_STATE}
        LIMIT -1
      ) s
      WHERE s.pre IS NOT NULL
        AND (CASE WHEN s.pre = -1 THEN 1 ELSE s.pre END) IN (SELECT value FROM json_each(:segments))
      LIMIT -1
    ) q
    WHERE q.pre != -1 OR q.active_posts >= :min_posts
    LIMIT -1
  ) q
) r
LEFT JOIN posts lt ON lt.rowid = r.last_rowid
LEFT JOIN topics t ON t.community_id = :cid AND t.id = lt.topic_id
ORDER BY r.segment, r.k1, r.k2, r.k3, lname, r.id"""

# The sort key of a row is its first seven columns (segment, the segment's three keys, community,
# SQLite's lower() of the name: ASCII only, member id). Each community's rows come sorted by it.

# The participation split's input: how many counted members wrote each number of posts, and of
# those who wrote none, how many showed signs of reading.
_PARTICIPATION = f"""
SELECT posts, SUM(reads), COUNT(*) FROM (
  SELECT CASE WHEN COALESCE(m.post_count, 0) > 0 THEN m.post_count ELSE COALESCE(st.regular_posts, 0) END
             AS posts,
         CASE WHEN {_POSTED} THEN 0 ELSE {_READS} END AS reads
  {_STATE}
  LIMIT -1
)
GROUP BY posts"""

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


_make_row = row_maker(SilentMemberRow)


def _query(scope: Scope, now: int, segments: set[Segment], limit: int | None) -> Query:
    """The query of one community's silent members in the wanted segments, in the list's order."""
    params = _params(scope, now) | {
        "segments": in_list(_SEGMENTS.index(s) for s in segments),
        "limit": -1 if limit is None else limit,
    }
    # An ORDER BY with a LIMIT keeps the first rows in a b-tree, row by row: right for a first
    # screen, slower than SQLite's sorter for all rows.
    return (_SCOPE if limit is None else f"{_SCOPE}\nLIMIT :limit"), params


class _RowBuilder:
    """Makes a SilentMemberRow from a row of the query, its next step written in the caller's
    language. Thousands of readers share a few hundred facts ("visited 12 days"): each piece is
    worked out once."""

    def __init__(self, chosen: Sequence[Scope], now: int, tr: Translate) -> None:
        self.scopes = {scope.id: scope for scope in chosen}
        self.now = now
        self.tr = tr
        self.invite = tr(_INVITE)
        self.pieces: dict[tuple[str, int], str] = {}
        self.newcomer_steps: dict[tuple[Any, ...], str] = {}  # many newcomers share days and counts

    def _piece(self, kind: str, n: int) -> str:
        text = self.pieces.get((kind, n))
        if text is None:
            forms = {"v": _VISITED, "r": _READ, "l": _GAVE}[kind]
            text = self.pieces[(kind, n)] = counted(n, *forms, self.tr)
        return text

    def __call__(self, raw: tuple[Any, ...]) -> SilentMemberRow:
        (code, _, _, _, cid, _, mid, username, name, joined, seen, posted, posts, read, visited, likes, active,
         last_at, last_topic, title) = raw  # fmt: skip
        now, tr = self.now, self.tr
        scope = self.scopes[cid]
        if code == 2:
            if visited or read or likes:  # _reader_step's text, its pieces worked out once each
                facts = []
                if visited:
                    facts.append(self._piece("v", visited))
                if read:
                    facts.append(self._piece("r", read))
                if likes:
                    facts.append(self._piece("l", likes))
                step = self.invite.format(facts=", ".join(facts))
            else:
                step = _reader_step(now, visited, read, likes, seen, tr)
        elif code == 0:
            if (key := ((now - joined) // DAY, read, likes)) not in self.newcomer_steps:
                self.newcomer_steps[key] = _newcomer_step(now, joined, read, likes, tr)
            step = self.newcomer_steps[key]
        else:
            step = _quiet_step(now, active, last_at, title, seen, scope, tr)
        if not posted:
            posted = last_at
        fromtimestamp = dt.datetime.fromtimestamp
        return _make_row(  # the fields of SilentMemberRow, in order
            cid,
            scope.name,
            mid,
            username,
            name,
            _SEGMENTS[code],
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


class SilentMembers(Sequence[SilentMemberRow]):
    """The silent members in the list's order, as ``silent_members`` returns them.

    A list of ``SilentMemberRow``, except that each row is made when it is first read (then kept):
    the query's facts are all fetched at once, but the words of a row (its next step, in the
    caller's language) are written only for the rows read, so a view showing 30 rows of 50,000
    writes 30 steps. ``segment(i)``, ``community_id(i)`` and ``segment_counts()`` answer without
    making rows. Needs no store once returned.
    """

    __slots__ = ("_build", "_raw", "_rows")

    def __init__(
        self, raw: list[tuple[Any, ...]], build: Callable[[tuple[Any, ...]], SilentMemberRow]
    ) -> None:
        self._raw = raw
        self._rows: list[SilentMemberRow | None] = [None] * len(raw)
        self._build = build

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> SilentMemberRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[SilentMemberRow]: ...

    def __getitem__(self, index: int | slice) -> SilentMemberRow | list[SilentMemberRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._raw)))]
        row = self._rows[index]
        if row is None:
            row = self._rows[index] = self._build(self._raw[index])
        return row

    def __iter__(self) -> Iterator[SilentMemberRow]:
        rows, build, raw = self._rows, self._build, self._raw
        for i, row in enumerate(rows):
            if row is None:
                row = rows[i] = build(raw[i])
            yield row

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SilentMembers | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable cache, compared by value like a list

    def __repr__(self) -> str:
        return f"SilentMembers({len(self._raw)} rows)"

    def segment(self, index: int) -> Segment:
        return _SEGMENTS[self._raw[index][0]]

    def community_id(self, index: int) -> int:
        return int(self._raw[index][4])

    def segment_counts(self, community_id: int | None = None) -> Counter[Segment]:
        """How many rows each segment has (of one community, or of all)."""
        codes = Counter(r[0] for r in self._raw if community_id is None or r[4] == community_id)
        return Counter({_SEGMENTS[code]: n for code, n in codes.items()})


def silent_members(
    store: Store,
    community_ids: Iterable[int] | None = None,
    *,
    now: dt.datetime | None = None,
    segments: Iterable[Segment] | None = None,
    limit: int | None = None,
    tr: Translate = identity,
) -> SilentMembers:
    """The silent members of the selected communities: newcomers, then gone quiet, then readers.

    Within a segment: newcomers newest first, gone quiet most active first, readers most engaged
    first (days visited, posts read, last seen). ``limit`` keeps the first rows only (a first
    screen: SQLite then keeps only those while it sorts). ``tr`` translates the templates of the
    ``next_step`` texts (context "insights"); English by default. The rows are made as they are read
    (``SilentMembers``).
    """
    at = ts(clock(now))
    wanted = set(Segment) if segments is None else set(segments)
    chosen = scopes(store, community_ids)
    if not chosen or not wanted or limit == 0:
        return SilentMembers([], _RowBuilder(chosen, at, tr))
    member_state.refresh(store)
    # One query per community (each with its windows and team), the next ones running in the query
    # threads while this thread reads the rows of the one before; each comes sorted, and sorting
    # their concatenation only merges those runs.
    raw: list[tuple[Any, ...]] = []
    for rows in rows_ahead(store, [_query(scope, at, wanted, limit) for scope in chosen]):
        raw += rows
    if len(chosen) > 1:
        raw.sort()  # by _KEY: its columns come first and (community, member id) is unique
        if limit is not None:
            del raw[limit:]
    return SilentMembers(raw, _RowBuilder(chosen, at, tr))


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _split(community_id: int | None, name: str, histogram: Sequence[tuple[int, int, int]]) -> Participation:
    """The split of one community from its members' (posts, of whom showed signs of reading, members)."""
    read_only = sum(reads for posts, reads, _ in histogram if not posts)
    lurkers = sum(members for posts, _, members in histogram if not posts)
    posted = sorted(((p, n) for p, _, n in histogram if p > 0), reverse=True)
    total = sum(p * n for p, n in posted)
    heavy = heavy_posts = heavy_min = 0
    for count, members in posted:  # members tied with the last one taken are all taken
        if heavy_posts >= HEAVY_SHARE * total and count < heavy_min:
            break
        heavy, heavy_posts, heavy_min = heavy + members, heavy_posts + members * count, count
    return _participation(
        community_id,
        name,
        sum(n for _, _, n in histogram),
        read_only,
        lurkers - read_only,
        sum(n for _, n in posted) - heavy,
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
    chosen = scopes(store, community_ids)
    if chosen:
        member_state.refresh(store)
    for scope in chosen:
        cursor = store.read().cursor()
        cursor.row_factory = None
        histogram = cursor.execute(_PARTICIPATION, _params(scope, at)).fetchall()
        parts.append(_split(scope.id, scope.name, histogram))
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
