"""The Discourse connector: one account on one Discourse site, frugal enough for a user API key.

A user API key may send 20 requests a minute and 2,880 a day (NOTES §2), so ``pull`` is built around
not asking twice. The cursor (stored with every batch, see ``moderator.model.SyncBatch``) holds:

``me``, ``me_at``            who the key acts as (staff or not), re-read every ``me_refresh_hours``
``categories_at``            last category refresh (``/site.json``), every ``categories_refresh_hours``
``members_at``               last completed member refresh, every ``members_refresh_hours``
``members_page``             next member page of a refresh in progress (resume)
``members_top``, ``new_members_at``   the highest member id seen, and the last look for newer members
                             (staff only: ``/admin/users/list/active.json?order=created``, newest first,
                             every ``new_members_minutes``, usually 1 request; the public directory
                             cannot be ordered by join date, so a non-staff account sees newcomers when
                             they post, or at the daily refresh)
``topics_mark``              ``bumped_at`` high-water mark of the last completed topic pass (ISO 8601)
``last_post_id``             every post up to this id that ``/posts.json`` shows is stored
``pass``                     a topic pass in progress: ``mark`` (its future ``topics_mark``), ``post_top``
                             (its future ``last_post_id``), ``walk_before`` (next ``before=`` of the post
                             walk, None when done), ``list_page`` (next ``/latest.json`` page to process)
``pm_mark``, ``pm_pass``     the same for the account's private messages

A topic pass (only when page 0 of ``/latest.json?order=activity&per_page=100`` shows a change):

1. **Walk** ``/posts.json?before=`` (50 regular posts per request, id descending) down to ``last_post_id``:
   new posts of every topic at 50 per request, whatever topic they are in. Pages that come fast are
   stored together (up to 500 posts or 1 s per batch); what is buffered is stored before an error or a
   cancel propagates.
2. **List** ``/latest.json`` pages until a non-pinned topic is older than ``topics_mark``. A listed topic
   whose numbers (bumped_at, posts_count, highest_post_number) differ from its stored row and whose
   stored posts do not match them after the walk — fewer regular posts than ``posts_count`` or a gap
   below ``highest_post_number`` (restricted categories, small actions, hidden posts, history older than
   the walk), or more (a post deleted or moved) — is completed with ``/t/{id}.json`` (20 posts + the
   stream of all ids) and ``/t/{id}/posts.json?post_ids[]=`` for the missing ids only, 50 per request;
   stored posts missing from the stream are removed.

A changed topic row is stored only with, or after, its posts: a pass cut at any point resumes from the
cursor and re-checks against what is stored, so nothing stored is fetched again.

Costs: an up-to-date community costs 2 requests (page 0 of the topic list, page 0 of the private
messages); k changed topics about k/50 + k/100 + 3 (+1 per topic the walk cannot complete); a first sync
T/100 + P/50 + a few, plus whoami, categories and member pages once a day. ``history_days`` (community
setting, default None = everything the walk reaches) bounds a first sync: older topics are not listed
and older posts not walked; an old topic bumped later is then completed through ``/t/{id}.json`` — cheap
for a recent window, expensive if most history is wanted later.

Not seen until their topic is bumped again, shows on page 0 (whose numbers are refreshed every sync),
is opened (``fetch_topic``) or is re-checked: edits and likes, status changes (closed, archived,
solved) of older topics, posts made with ``no_bump``. Topics deleted on the server stay in the local copy.

**Re-check** (``recheck_topics``, the ``TopicRechecker`` protocol; the engine calls it for the topics the
queues show, see ``moderator.recheck``): ``/latest.json?topic_ids=a,b,...&per_page=100``, 100 topics per
request (Discourse's ``TopicQuery`` filters any list by ``topic_ids``, comma-separated, and still
applies its own rules: deleted topics, unlisted ones for non-staff, topics in categories the account
cannot see or has muted are left out). A listed topic is stored like in a pass (its posts fetched if
its numbers changed); a topic left out is stored as not visible, so the queues drop it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from moderator.model import (
    AuthKind,
    Community,
    Member,
    Platform,
    Post,
    SyncBatch,
    Topic,
    parse_time,
    utcnow,
)
from moderator.platforms.base import (
    Capabilities,
    LocalView,
    MemoryLocalView,
    NotFound,
    PermissionDenied,
    RequestRejected,
    StoredTopic,
)
from moderator.platforms.discourse import parse
from moderator.platforms.discourse.review import ReviewQueueMixin
from moderator.platforms.discourse.writing import IDS_PER_REQUEST, WritingMixin
from moderator.platforms.http import HttpClient

log = logging.getLogger(__name__)

LIST_PAGE_SIZE = 100  # /latest.json per_page maximum
WALK_PAGE_SIZE = 50  # /posts.json answers 50 posts
RECHECK_PER_REQUEST = 100  # topic_ids per /latest.json re-check (its per_page maximum)
WALK_BATCH_POSTS = 500  # walk pages stored together, up to this many posts...
WALK_FLUSH_SECONDS = 1.0  # ...or this long since the last batch (progress stays live on slow links)
ADMIN_PAGE_SIZE = 100  # /admin/users/list: 1-based pages of 100
DIRECTORY_LAST_PAGE = 10  # /directory_items.json: 0-based pages of 50, page <= 10
NEW_MEMBER_PAGES = 5  # newest members per look: 500 at most (more waits for the daily refresh)


@dataclasses.dataclass(frozen=True, slots=True)
class SyncOptions:
    """Tunable per community (``Community.settings``); the defaults suit a user API key."""

    history_days: int | None = None
    categories_refresh_hours: float = 24.0
    members_refresh_hours: float = 24.0
    me_refresh_hours: float = 24.0
    new_members_minutes: float = 9.0  # with a 10-minute sync schedule: every scheduled sync
    private_messages: bool = True

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> SyncOptions:
        values: dict[str, Any] = {}
        for field in dataclasses.fields(cls):
            if field.name in settings:
                values[field.name] = settings[field.name]
        return cls(**values)


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _ts(value: dt.datetime | None) -> int | None:
    return None if value is None else int(value.timestamp())


def _stale(cursor: Mapping[str, Any], key: str, hours: float, now: dt.datetime) -> bool:
    at = cursor.get(key)
    return not isinstance(at, int | float) or now.timestamp() - at >= hours * 3600


def _row_changed(topic: Topic, stored: StoredTopic | None) -> bool:
    if stored is None or stored.row_posts_count is None:
        return True
    return (
        stored.row_bumped_at != _ts(topic.bumped_at)
        or stored.row_posts_count != topic.posts_count
        or stored.row_highest_post_number != topic.highest_post_number
    )


def _needs_posts(topic: Topic, stored: StoredTopic | None) -> bool:
    """A changed topic whose stored posts cannot match the server's numbers (gaps or deletions)."""
    if not _row_changed(topic, stored):
        return False
    if stored is None:
        return topic.posts_count > 0 or topic.highest_post_number > 0
    gap = stored.stored_posts < topic.posts_count or stored.max_post_number < topic.highest_post_number
    excess = stored.stored_posts > topic.posts_count  # deleted, hidden from us, or moved away
    return gap or excess


def _member_id(member: Member) -> int:
    return int(member.id) if member.id.lstrip("-").isdigit() else 0


class DiscourseConnector(ReviewQueueMixin, WritingMixin):
    """See the module docstring. Thread-confined, like its ``HttpClient``."""

    platform = Platform.DISCOURSE

    def __init__(
        self,
        community: Community,
        http: HttpClient,
        *,
        acting_username: str = "",
        options: SyncOptions | None = None,
    ) -> None:
        self.community = community
        self.http = http
        self.acting_username = acting_username or community.username
        self.options = options or SyncOptions.from_settings(community.settings)
        self._me: Member | None = None
        self._skipped = 0

    # -- bookkeeping ---------------------------------------------------------------------------

    @property
    def requests_made(self) -> int:
        return self.http.requests_made

    @property
    def items_skipped(self) -> int:
        return self._skipped

    def close(self) -> None:
        self.http.close()

    def _count(self, skipped: int) -> None:
        if skipped:
            self._skipped += skipped
            log.info("%s: skipped %d malformed item(s)", self.community.name, skipped)

    # -- identity and capabilities -------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        staff = self._me is not None and self._me.staff
        return Capabilities(
            read_statistics=True,  # directory_items (everyone) and the admin list (staff) report reads
            solved_answers=True,  # discourse-solved ships with core; has_accepted_answer stays None if off
            server_bookmarks=True,
            server_drafts=self.community.auth_kind is AuthKind.USER_KEY,  # API-key posts skip drafts
            posting=True,
            likes=True,
            votes=False,
            staff_member_list=staff,
            private_messages=self.options.private_messages,
            new_topics=True,
            review_queue=staff,  # /review is for staff (and reviewer groups, which whoami cannot tell)
            topic_recheck=True,
        )

    def whoami(self, *, cancel: threading.Event | None = None) -> Member:
        if self.community.auth_kind is AuthKind.USER_KEY:
            try:
                body = self.http.get_json("/session/current.json", cancel=cancel)
            except (NotFound, PermissionDenied):
                if not self.acting_username:
                    raise
                body = self.http.get_json(f"/u/{quote(self.acting_username)}.json", cancel=cancel)
        else:
            body = self.http.get_json(f"/u/{quote(self.acting_username or 'system')}.json", cancel=cancel)
        self._me = parse.parse_user(body)
        return self._me

    def _me_from_cursor(self, cursor: Mapping[str, Any]) -> Member | None:
        me = cursor.get("me")
        if not isinstance(me, dict) or not me.get("id") or not me.get("username"):
            return None
        return Member(
            id=str(me["id"]),
            username=str(me["username"]),
            admin=bool(me.get("admin")),
            moderator=bool(me.get("moderator")),
        )

    # -- pull ----------------------------------------------------------------------------------

    def pull(
        self,
        cursor: dict[str, Any],
        *,
        local: LocalView | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[SyncBatch]:
        """Yield what changed since ``cursor``; see the module docstring for the order and the costs."""
        cursor = dict(cursor)
        if local is None:
            local = _TrackingView()
        tracking = local if isinstance(local, _TrackingView) else None
        seen: dict[str, Member] = {}
        for batch in self._pull(cursor, local, cancel):
            if batch.members:  # an author of 500 posts is stored once per pull, not 500 times
                fresh = [m for m in batch.members if seen.get(m.id) != m]
                seen.update((m.id, m) for m in fresh)
                batch.members = fresh
            cursor.update(batch.cursor)
            yield batch
            if tracking is not None:
                tracking.apply(batch)

    def _pull(
        self, cursor: dict[str, Any], local: LocalView, cancel: threading.Event | None
    ) -> Iterator[SyncBatch]:
        now = utcnow()
        me = self._me_from_cursor(cursor)
        if me is None or _stale(cursor, "me_at", self.options.me_refresh_hours, now):
            me = self.whoami(cancel=cancel)
            yield SyncBatch(
                members=[me],
                cursor={
                    "me": {
                        "id": me.id,
                        "username": me.username,
                        "admin": me.admin,
                        "moderator": me.moderator,
                    },
                    "me_at": int(now.timestamp()),
                },
                label="Account",
            )
        self._me = me

        if "categories_at" not in cursor or _stale(
            cursor, "categories_at", self.options.categories_refresh_hours, now
        ):
            yield self._categories(cancel, now)

        yield from self._topic_passes(cursor, local, cancel)
        if self.options.private_messages:
            yield from self._private_messages(cursor, local, cancel, me.username)
        resuming_members = cursor.get("members_page") is not None
        if resuming_members or _stale(cursor, "members_at", self.options.members_refresh_hours, now):
            yield from self._members(cursor, cancel, now, me)
        elif me.staff and _stale(cursor, "new_members_at", self.options.new_members_minutes / 60, now):
            yield from self._new_members(cursor, cancel, now)

    def _categories(self, cancel: threading.Event | None, now: dt.datetime) -> SyncBatch:
        try:
            body = self.http.get_json("/site.json", cancel=cancel)
        except NotFound:
            body = self.http.get_json("/categories.json", {"include_subcategories": "true"}, cancel=cancel)
        categories, skipped = parse.parse_categories(body)
        self._count(skipped)
        return SyncBatch(
            categories=categories, cursor={"categories_at": int(now.timestamp())}, label="Categories"
        )

    # -- topics and posts ----------------------------------------------------------------------

    def _history_cutoff(self) -> dt.datetime | None:
        if self.options.history_days is None:
            return None
        return utcnow() - dt.timedelta(days=self.options.history_days)

    def _list_page(self, page: int, cancel: threading.Event | None) -> parse.TopicPage:
        body = self.http.get_json(
            "/latest.json",
            {"order": "activity", "per_page": LIST_PAGE_SIZE, "page": page},
            cancel=cancel,
        )
        result = parse.parse_topic_list(body)
        self._count(result.skipped)
        return result

    def _topic_passes(
        self, cursor: dict[str, Any], local: LocalView, cancel: threading.Event | None
    ) -> Iterator[SyncBatch]:
        resumed = isinstance(cursor.get("pass"), dict)
        while True:
            state = cursor.get("pass")
            probe: parse.TopicPage | None = None
            if not isinstance(state, dict):
                probe = self._list_page(0, cancel)
                mark = parse_time(cursor.get("topics_mark"))
                if not self._pass_needed(probe, local, mark):
                    # Nothing new: still refresh the numbers (views, likes) of what page 0 shows.
                    yield SyncBatch(topics=probe.topics, members=probe.members, label="Topics: up to date")
                    return
                newest = max((t.bumped_at for t in probe.topics if t.bumped_at), default=None)
                state = {
                    "mark": _iso(newest) or cursor.get("topics_mark"),
                    "post_top": None,
                    "walk_before": None,
                    "walk_done": False,
                    "list_page": 0,
                }
            yield from self._run_pass(cursor, dict(state), local, cancel, probe)
            if not resumed:
                return
            resumed = False  # a resumed pass is followed by a fresh one, for what changed meanwhile

    def _pass_needed(self, page: parse.TopicPage, local: LocalView, mark: dt.datetime | None) -> bool:
        if mark is None:
            return True
        stored = local.topics(t.id for t in page.topics)
        return any(_row_changed(t, stored.get(t.id)) for t in page.topics)

    def _run_pass(
        self,
        cursor: dict[str, Any],
        state: dict[str, Any],
        local: LocalView,
        cancel: threading.Event | None,
        probe: parse.TopicPage | None,
    ) -> Iterator[SyncBatch]:
        last_post_id = int(cursor.get("last_post_id") or 0)
        cutoff = self._history_cutoff() if "topics_mark" not in cursor else None
        if not state.get("walk_done"):
            yield from self._walk(state, last_post_id, cutoff, cancel)
        mark = parse_time(cursor.get("topics_mark"))
        stop_at = max(filter(None, (mark, cutoff)), default=None)
        page_number = int(state.get("list_page") or 0)
        while True:
            page = probe if (probe is not None and page_number == 0) else self._list_page(page_number, cancel)
            state["list_page"] = page_number + 1
            label = f"Topics, page {page_number + 1}"
            wanted = page.topics
            if cutoff is not None:  # a first sync's history window: older topics are left out entirely
                wanted = [t for t in page.topics if t.bumped_at is None or t.bumped_at >= cutoff]
            yield from self._complete(wanted, page.members, local, cancel, label, {"pass": dict(state)})
            older = [t for t in page.topics if not t.pinned and t.bumped_at is not None]
            reached = stop_at is not None and any(t.bumped_at < stop_at for t in older if t.bumped_at)
            if page.more_url is None or not page.topics or reached:
                break
            page_number += 1
        post_top = state.get("post_top")
        yield SyncBatch(
            removed_post_ids=self._orphan_posts(local),
            cursor={
                "pass": None,
                "topics_mark": state.get("mark"),
                "last_post_id": max(last_post_id, int(post_top or 0)),
            },
            label="Topics done",
        )
        cursor.update({"pass": None, "topics_mark": state.get("mark")})
        cursor["last_post_id"] = max(last_post_id, int(post_top or 0))

    def _orphan_posts(self, local: LocalView) -> list[str]:
        """Posts the walk stored for topics no list of this pass showed: dropped, never kept alone.

        The walk reads every public post; the topic lists leave some topics out (category definition
        topics on recent versions, muted categories, unlisted topics). A post without its topic is
        of no use to any view and breaks "a topic with its posts, or neither".
        """
        find = getattr(local, "orphan_topic_ids", None)
        if find is None:
            return []
        orphans = sorted(find())
        if orphans:
            log.info(
                "%s: %d topic(s) not listed; their walked posts are not kept",
                self.community.name,
                len(orphans),
            )
        return [post_id for topic_id in orphans for post_id in sorted(local.post_ids(topic_id))]

    def _walk(
        self,
        state: dict[str, Any],
        last_post_id: int,
        cutoff: dt.datetime | None,
        cancel: threading.Event | None,
    ) -> Iterator[SyncBatch]:
        """``/posts.json?before=`` down to ``last_post_id``, several pages per batch when they come fast.

        Fewer, larger transactions store faster (the full-text index flushes once per transaction);
        a batch is yielded at least every ``WALK_FLUSH_SECONDS`` for progress, and whatever is buffered
        is yielded before an error or a cancel propagates, so nothing fetched is fetched again.
        """
        before = state.get("walk_before")
        done_pages = 0
        buffered: list[Post] = []
        authors: dict[str, Member] = {}
        flushed_at = time.monotonic()
        cursor_state: dict[str, Any] | None = None

        def flush(label: str) -> SyncBatch:
            nonlocal buffered, authors, flushed_at, cursor_state
            span = max(1, int(state["post_top"]) - last_post_id)
            walked = int(state["post_top"]) - int(state.get("walk_before") or last_post_id)
            batch = SyncBatch(
                posts=buffered,
                members=list(authors.values()),
                cursor={"pass": cursor_state},
                label=label,
                done=max(0, min(walked, span)),
                total=span,
            )
            buffered, authors, flushed_at, cursor_state = [], {}, time.monotonic(), None
            return batch

        while True:
            params = {} if before is None else {"before": before}
            try:
                body = self.http.get_json("/posts.json", params, cancel=cancel)
            except BaseException:
                if cursor_state is not None:
                    yield flush(f"New posts, page {done_pages}")
                raise
            page = parse.parse_latest_posts(body)
            self._count(page.skipped)
            ids = [int(p.id) for p in page.posts if p.id.isdigit()]
            if state.get("post_top") is None:
                state["post_top"] = max(ids, default=last_post_id)
            buffered.extend(
                p
                for p in page.posts
                if (not p.id.isdigit() or int(p.id) > last_post_id)
                and (cutoff is None or p.created_at is None or p.created_at >= cutoff)
            )
            authors.update((m.id, m) for m in page.members)
            lowest = min(ids, default=0)
            oldest = min((p.created_at for p in page.posts if p.created_at), default=None)
            finished = (
                len(page.posts) + page.skipped < WALK_PAGE_SIZE
                or lowest <= last_post_id + 1
                or (cutoff is not None and oldest is not None and oldest < cutoff)
            )
            before = None if finished else lowest - 1
            state["walk_before"] = before
            state["walk_done"] = finished
            cursor_state = dict(state)
            done_pages += 1
            if (
                finished
                or len(buffered) >= WALK_BATCH_POSTS
                or time.monotonic() - flushed_at >= WALK_FLUSH_SECONDS
            ):
                yield flush(f"New posts, page {done_pages}")
            if finished:
                return

    def _complete(
        self,
        topics: list[Topic],
        members: list[Member],
        local: LocalView,
        cancel: threading.Event | None,
        label: str,
        cursor_update: dict[str, Any],
    ) -> Iterator[SyncBatch]:
        """Store ``topics``, first fetching the posts of those the local copy cannot complete."""
        stored = local.topics(t.id for t in topics)
        ready = []
        for topic in topics:
            if _needs_posts(topic, stored.get(topic.id)):
                yield self._topic_batch(topic, local, cancel, label)
            else:
                ready.append(topic)
        yield SyncBatch(topics=ready, members=members, cursor=cursor_update, label=label)

    def _topic_batch(
        self, listed: Topic, local: LocalView, cancel: threading.Event | None, label: str
    ) -> SyncBatch:
        detail, posts, missing_members = self._read_topic(listed.id, local.post_ids(listed.id), cancel)
        topic = listed
        if topic.participant_count is None:
            topic.participant_count = detail.topic.participant_count
        if topic.has_accepted_answer is None:
            topic.has_accepted_answer = detail.topic.has_accepted_answer
        topic.author_id = topic.author_id or detail.topic.author_id
        topic.deleted_at = detail.topic.deleted_at
        stream = set(detail.stream)
        removed = sorted(local.post_ids(listed.id) - stream) if detail.stream else []
        return SyncBatch(
            topics=[topic],
            posts=posts,
            members=missing_members,
            removed_post_ids=removed,
            label=f"{label}: “{topic.title[:40]}”",
        )

    def _read_topic(
        self, topic_id: str, known: set[str], cancel: threading.Event | None
    ) -> tuple[parse.TopicDetail, list[Post], list[Member]]:
        """``/t/{id}.json`` plus the stream's ids that are neither known nor in its first chunk."""
        body = self.http.get_json(f"/t/{quote(topic_id)}.json", {"include_raw": "true"}, cancel=cancel)
        detail = parse.parse_topic_detail(body)
        self._count(detail.skipped)
        posts = list(detail.posts)
        members = list(detail.members)
        have = known | {p.id for p in posts}
        missing = [post_id for post_id in detail.stream if post_id not in have]
        for start in range(0, len(missing), IDS_PER_REQUEST):
            chunk = missing[start : start + IDS_PER_REQUEST]
            params: list[tuple[str, Any]] = [("post_ids[]", post_id) for post_id in chunk]
            params.append(("include_raw", "true"))
            more = parse.parse_post_stream(
                self.http.get_json(f"/t/{quote(topic_id)}/posts.json", params, cancel=cancel), topic_id
            )
            self._count(more.skipped)
            posts.extend(more.posts)
            members.extend(more.members)
        return detail, posts, members

    # -- re-check ------------------------------------------------------------------------------

    def recheck_topics(
        self,
        topic_ids: Sequence[str],
        *,
        local: LocalView | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[SyncBatch]:
        """The current state of ``topic_ids`` (see the module docstring), 100 topics per request."""
        if local is None:
            local = _TrackingView()
        ids = sorted({t for t in topic_ids if t.isdigit()}, key=int)
        total = len(ids)
        for start in range(0, total, RECHECK_PER_REQUEST):
            chunk = ids[start : start + RECHECK_PER_REQUEST]
            body = self.http.get_json(
                "/latest.json",
                {"topic_ids": ",".join(chunk), "per_page": RECHECK_PER_REQUEST, "order": "activity"},
                cancel=cancel,
            )
            page = parse.parse_topic_list(body)
            self._count(page.skipped)
            wanted = set(chunk)
            listed = [t for t in page.topics if t.id in wanted]
            seen = {t.id for t in listed}
            label = f"Re-checking the queues, {min(start + len(chunk), total)} of {total}"
            yield from self._complete(listed, page.members, local, cancel, label, {})
            gone = [t for t in chunk if t not in seen]
            if gone:
                log.info("%s: %d queued topic(s) no longer listed", self.community.name, len(gone))
                yield SyncBatch(unlisted_topic_ids=gone, label=label)

    # -- private messages ----------------------------------------------------------------------

    def _private_messages(
        self, cursor: dict[str, Any], local: LocalView, cancel: threading.Event | None, username: str
    ) -> Iterator[SyncBatch]:
        state = cursor.get("pm_pass") if isinstance(cursor.get("pm_pass"), dict) else None
        mark = parse_time(cursor.get("pm_mark"))
        page_number = int(state["page"]) if state else 0
        new_mark = state["mark"] if state else None
        path = f"/topics/private-messages/{quote(username)}.json"
        while True:
            try:
                body = self.http.get_json(path, {"page": page_number}, cancel=cancel)
            except (NotFound, PermissionDenied):
                log.info("%s: private messages not readable with this account", self.community.name)
                return
            page = parse.parse_topic_list(body)
            self._count(page.skipped)
            for topic in page.topics:
                topic.archetype = parse.Archetype.PRIVATE_MESSAGE
            if new_mark is None:
                new_mark = _iso(max((t.bumped_at for t in page.topics if t.bumped_at), default=None))
            reached = mark is not None and any(t.bumped_at and t.bumped_at < mark for t in page.topics)
            last = page.more_url is None or not page.topics or reached
            update: dict[str, Any] = (
                {"pm_pass": None, "pm_mark": new_mark or cursor.get("pm_mark")}
                if last
                else {"pm_pass": {"mark": new_mark, "page": page_number + 1}}
            )
            label = f"Private messages, page {page_number + 1}"
            yield from self._complete(page.topics, page.members, local, cancel, label, update)
            cursor.update(update)
            if last:
                return
            page_number += 1

    # -- members -------------------------------------------------------------------------------

    def _members(
        self, cursor: dict[str, Any], cancel: threading.Event | None, now: dt.datetime, me: Member
    ) -> Iterator[SyncBatch]:
        staff = me.staff
        page_number = cursor.get("members_page")
        if not isinstance(page_number, int):
            page_number = 1 if staff else 0
        while True:
            try:
                if staff:
                    body = self.http.get_json(
                        "/admin/users/list/active.json",
                        {
                            "order": "created",
                            "asc": "true",
                            "stats": "true",
                            "show_emails": "false",
                            "page": page_number,
                        },
                        cancel=cancel,
                        expect=list,
                    )
                    page = parse.parse_admin_users(body)
                else:
                    body = self.http.get_json(
                        "/directory_items.json",
                        {"period": "all", "order": "post_count", "page": page_number},
                        cancel=cancel,
                    )
                    page = parse.parse_directory(body)
            except (NotFound, PermissionDenied, RequestRejected):
                # Directory disabled, or the page limit of newer versions (400): what we have is all.
                page = parse.MembersPage([], more=False)
            self._count(page.skipped)
            last = not page.more or (not staff and page_number >= DIRECTORY_LAST_PAGE)
            top = max([_member_id(m) for m in page.members] + [int(cursor.get("members_top") or 0)])
            update: dict[str, Any] = (
                {
                    "members_page": None,
                    "members_at": int(now.timestamp()),
                    "new_members_at": int(now.timestamp()),
                    "members_top": top,
                }
                if last
                else {"members_page": page_number + 1, "members_top": top}
            )
            shown = page_number if staff else page_number + 1
            yield SyncBatch(members=page.members, cursor=update, label=f"Members, page {shown}")
            cursor.update(update)
            if last:
                return
            page_number += 1

    def _new_members(
        self, cursor: dict[str, Any], cancel: threading.Event | None, now: dt.datetime
    ) -> Iterator[SyncBatch]:
        """Members who joined since the highest id seen: newest first, until a known one (staff only)."""
        known_top = int(cursor.get("members_top") or 0)
        first_look = "members_top" not in cursor  # a copy from before this mark: one page sets it
        top = known_top
        for page_number in range(1, NEW_MEMBER_PAGES + 1):
            try:
                body = self.http.get_json(
                    "/admin/users/list/active.json",
                    {"order": "created", "stats": "true", "show_emails": "false", "page": page_number},
                    cancel=cancel,
                    expect=list,
                )
            except (NotFound, PermissionDenied):
                page = parse.MembersPage([], more=False)
            else:
                page = parse.parse_admin_users(body)
            self._count(page.skipped)
            new = [m for m in page.members if _member_id(m) > known_top]
            top = max([top] + [_member_id(m) for m in new])
            reached = first_look or len(new) < len(page.members) or not page.more
            update: dict[str, Any] = {"members_top": top}
            if reached or page_number == NEW_MEMBER_PAGES:
                update["new_members_at"] = int(now.timestamp())
            yield SyncBatch(members=new, cursor=update, label="New members")
            if reached:
                return

    # -- on demand -----------------------------------------------------------------------------

    def fetch_topic(self, topic_id: str) -> tuple[Topic, list[Post]]:
        detail, posts, _members = self._read_topic(topic_id, set(), None)
        posts.sort(key=lambda p: p.post_number)
        return detail.topic, posts

    def web_url(self, topic_id: str | None = None, post_number: int | None = None) -> str:
        if topic_id is None:
            return self.http.base_url
        url = f"{self.http.base_url}/t/{quote(topic_id)}"
        return url if post_number is None else f"{url}/{post_number}"


class _TrackingView(MemoryLocalView):
    """The local view of a ``pull`` called without one: what this pull itself has yielded."""
