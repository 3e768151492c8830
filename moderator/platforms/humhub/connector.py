"""The HumHub connector: one account on one HumHub site (REST module ``/api/v1``), frugal and resumable.

What the API offers, read from the module's source (humhub/rest @ 1f69b3f) and HumHub's (see PROVENANCE
in ``tests/fixtures/humhub/``): pages of at most **100** (``BaseController::handlePagination``; the OpenAPI
file says 50), 1-based; ``/post`` lists readable posts newest *created* first, each with its comment
total and its **last two comments**; ``/activity`` lists what others did (never the account's own
actions) newest first, and an activity's ``source`` is the whole new post or comment. A new comment does
**not** change its content's ``updated_at`` (only the stream sort date, which the API does not show), so
``content/find-by-container?orderBy=lastUpdate`` cannot find commented posts; the activity stream can.

The cursor (stored with every batch):

``me``, ``me_at``              who the token acts as, and ``staff`` (may list users: ``ManageUsers``)
``spaces_at``, ``spaces``      last space refresh; content container id → space id
``members_at``, ``members_page`` last member refresh (staff only, ``/user`` pages), resume point
``activity_mark``              highest activity id already applied
``posts_mark``                 highest post id of a completed pass
``pass``                       a first pass in progress: next ``/post`` page, its future marks

A first sync reads the top activity id (1 request), then every ``/post`` page (P/100 requests) and the
comments of the posts that have more than the two shown (``/comment/find-by-object``, 100 per page).
Later syncs cost 2 requests when nothing changed: ``/activity`` page 1 (nothing newer than the mark) and
``/post`` page 1 (new posts, and the numbers, state and latest comments of the 100 newest posts, which
also catches the account's own comments there). k new comments by others cost k/100 + 2 requests: their
text comes in the activity stream; their post's row is updated from the stored one (``topic_row``) or,
when not stored, from ``/post/{id}``. A post whose comment total grew by more than what was seen is
completed with its comments; comments missing from a full comment list are removed locally.

Private messages (nudges) are conversations of the optional Messages (mail) module: see
``moderator.platforms.humhub.mail``. ``whoami`` probes ``/mail`` (404 without the module) and
``account_settings`` reports it (``mail_module``), which the sync engine keeps in the community's settings.

Not seen until the post shows on ``/post`` page 1 again or is opened: likes and edits of older posts,
the account's own comments on older posts, comments deleted on older posts. Members (staff tokens) are
refreshed once a day; a non-staff token knows the people it sees writing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from moderator.model import Category, Community, Member, Platform, Post, SyncBatch, Topic, utcnow
from moderator.platforms.base import (
    CLOCK_SKEW,
    Capabilities,
    LocalView,
    MalformedResponse,
    MemoryLocalView,
    NotFound,
    PermissionDenied,
    PlatformError,
    PostResult,
    PostStatus,
    RequestRejected,
    UnsupportedPlatform,
    same_text,
)
from moderator.platforms.http import HttpClient
from moderator.platforms.humhub import mail, parse

log = logging.getLogger(__name__)

API = "/api/v1"
PAGE_SIZE = 100  # BaseController::handlePagination caps limit at 100
MAX_COMMENT_PAGES = 50  # 5,000 comments on one post is enough for a moderator's copy


@dataclasses.dataclass(frozen=True, slots=True)
class SyncOptions:
    history_days: int | None = None  # a first sync stops at posts older than this (None: everything)
    spaces_refresh_hours: float = 24.0
    members_refresh_hours: float = 24.0
    me_refresh_hours: float = 24.0
    server_utc_offset_minutes: int = 0  # HumHub dates are server time without a zone

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> SyncOptions:
        values = {f.name: settings[f.name] for f in dataclasses.fields(cls) if f.name in settings}
        return cls(**values)


def _stale(cursor: Mapping[str, Any], key: str, hours: float, now: dt.datetime) -> bool:
    at = cursor.get(key)
    return not isinstance(at, int | float) or now.timestamp() - at >= hours * 3600



class HumHubConnector:
    """See the module docstring. Thread-confined, like its ``HttpClient``."""

    platform = Platform.HUMHUB

    def __init__(self, community: Community, http: HttpClient, *, options: SyncOptions | None = None) -> None:
        self.community = community
        self.http = http
        self.options = options or SyncOptions.from_settings(community.settings)
        self._offset = dt.timedelta(minutes=self.options.server_utc_offset_minutes)
        self._me: Member | None = None
        self._staff = False
        self._skipped = 0
        learned = community.settings.get("mail_module")
        self._mail_module: bool | None = learned if isinstance(learned, bool) else None
        self._mail = mail.Mail(http, community.name, self._offset)

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

    def _get(
        self, path: str, params: Mapping[str, Any] | None = None, cancel: threading.Event | None = None
    ) -> Any:
        return self.http.get_json(API + path, params, cancel=cancel)

    # -- identity and capabilities -------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities(
            read_statistics=False,  # HumHub reports no reads: readers are members who log in and never write
            solved_answers=False,
            server_bookmarks=False,
            server_drafts=False,
            posting=True,  # comments; a space that forbids it answers 403, shown as the server's refusal
            likes=True,
            votes=False,
            staff_member_list=self._staff,  # /user needs the ManageUsers permission
            # the mail module (conversations), when the site has it: probed by whoami, kept in settings
            private_messages=self._mail_module is True
            and self.community.settings.get("private_messages", True) is not False,
            new_topics=True,  # posts in a space (POST /post/container/{id}); a space that forbids it says so
            review_queue=False,  # the REST module has no moderation queue (reported content has no API)
            topic_recheck=False,  # no read-by-ids: one request per post, far above the re-check's budget
        )

    def whoami(self, *, cancel: threading.Event | None = None) -> Member:
        me = parse.member(self._get("/auth/current", cancel=cancel), self._offset)
        if me is None:
            raise MalformedResponse("The server's answer to “who am I” did not name a user.")
        try:
            self._get("/user", {"page": 1, "limit": 1}, cancel)
            self._staff = True
        except (PermissionDenied, NotFound):
            self._staff = False
        me.admin = self._staff
        found = mail.probe(self.http, cancel)
        if found is not None:
            self._mail_module = found
        self._me = me
        return me

    def account_settings(self) -> dict[str, Any]:
        """What the account row keeps (the sync engine and the account check store it): whether the
        site has the mail module, once known."""
        return {} if self._mail_module is None else {"mail_module": self._mail_module}

    def site_title(self) -> str | None:
        return None  # the REST API does not give the site's name: the account's name is kept

    # -- pull ----------------------------------------------------------------------------------

    def pull(
        self,
        cursor: dict[str, Any],
        *,
        local: LocalView | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[SyncBatch]:
        cursor = dict(cursor)
        tracking = MemoryLocalView() if local is None else None
        view: LocalView = tracking if tracking is not None else local  # type: ignore[assignment]
        for batch in self._pull(cursor, view, cancel):
            cursor.update(batch.cursor)
            yield batch
            if tracking is not None:
                tracking.apply(batch)

    def _pull(
        self, cursor: dict[str, Any], local: LocalView, cancel: threading.Event | None
    ) -> Iterator[SyncBatch]:
        now = utcnow()
        me_data = cursor.get("me")
        if (
            isinstance(me_data, dict)
            and me_data.get("id")
            and not _stale(cursor, "me_at", self.options.me_refresh_hours, now)
        ):
            self._me = Member(
                id=str(me_data["id"]),
                username=str(me_data.get("username") or ""),
                admin=bool(me_data.get("staff")),
            )
            self._staff = bool(me_data.get("staff"))
        else:
            me = self.whoami(cancel=cancel)
            yield SyncBatch(
                members=[me],
                cursor={
                    "me": {"id": me.id, "username": me.username, "staff": self._staff},
                    "me_at": int(now.timestamp()),
                },
                label="Account",
            )
        if _stale(cursor, "spaces_at", self.options.spaces_refresh_hours, now):
            yield self._spaces(cancel, now)
        if "activity_mark" not in cursor or isinstance(cursor.get("pass"), dict):
            yield from self._first_pass(cursor, local, cancel)
        else:
            yield from self._update(cursor, local, cancel)
        if self._staff and (
            cursor.get("members_page") is not None
            or _stale(cursor, "members_at", self.options.members_refresh_hours, now)
        ):
            yield from self._members(cursor, cancel, now)

    # -- spaces --------------------------------------------------------------------------------

    def _spaces(self, cancel: threading.Event | None, now: dt.datetime) -> SyncBatch:
        categories: list[Category] = []
        ids: dict[str, int] = {}
        number = 1
        while True:
            result = parse.page(
                self._get("/space", {"page": number, "limit": PAGE_SIZE}, cancel), "space list"
            )
            for item in result.results:
                category = parse.space(item)
                if category is None:
                    self._count(1)
                    continue
                categories.append(category)
                if isinstance(item.get("id"), int):
                    ids[category.id] = item["id"]
            if not result.more or not result.results:
                break
            number += 1
        return SyncBatch(
            categories=categories, cursor={"spaces_at": int(now.timestamp()), "spaces": ids}, label="Spaces"
        )

    # -- posts and comments --------------------------------------------------------------------

    def _post_page(
        self, number: int, cancel: threading.Event | None
    ) -> tuple[list[parse.PostBundle], parse.Page]:
        result = parse.page(self._get("/post", {"page": number, "limit": PAGE_SIZE}, cancel), "post list")
        bundles = []
        for item in result.results:
            bundle = parse.post(item, self._offset)
            if bundle is None:
                if not (isinstance(item, dict) and isinstance(item.get("id"), int)):
                    self._count(1)
                continue
            bundles.append(bundle)
        return bundles, result

    def _top_activity(self, cancel: threading.Event | None) -> int:
        result = parse.page(self._get("/activity", {"page": 1, "limit": 1}, cancel), "activity stream")
        return max(
            (
                item["id"]
                for item in result.results
                if isinstance(item, dict) and isinstance(item.get("id"), int)
            ),
            default=0,
        )

    def _comments(self, topic_id: str, cancel: threading.Event | None) -> tuple[list[Post], list[Member]]:
        """Every comment of a post (``/comment/find-by-object``, oldest first, 100 per page)."""
        posts: list[Post] = []
        members: list[Member] = []
        number = 1
        while number <= MAX_COMMENT_PAGES:
            body = self._get(
                "/comment/find-by-object",
                {"objectModel": parse.POST_MODEL, "objectId": topic_id, "page": number, "limit": PAGE_SIZE},
                cancel,
            )
            result = parse.page(body, "comment list")
            more, people, skipped = parse.comments(result.results, topic_id, self._offset)
            self._count(skipped)
            posts += more
            members += people
            if not result.more or not result.results:
                break
            number += 1
        return posts, members

    def _complete(
        self, bundle: parse.PostBundle, local: LocalView, cancel: threading.Event | None, seen: set[str]
    ) -> tuple[list[Post], list[Member], list[str]]:
        """The posts to store for one listed post: its first post and comments, fetched only when the
        stored ones and those shown with it (or in the activity stream, ``seen``) cannot add up."""
        topic = bundle.topic
        stored_ids = local.post_ids(topic.id)
        known = stored_ids | {i for i in seen if i.startswith("c")} | {c.id for c in bundle.comments}
        top_level = sum(1 for i in known if i.startswith("c"))
        posts = [bundle.first, *bundle.comments]
        if top_level == bundle.comments_total:
            return (
                posts,
                bundle.members,
                [],
            )  # nothing missing, nothing deleted (comment totals count top level)
        comments, members = self._comments(topic.id, cancel)
        fetched = {c.id for c in comments}
        removed = sorted(i for i in stored_ids if i[:1] in ("c", "s") and i not in fetched)
        if comments:
            topic.highest_post_number = max(topic.highest_post_number, *(c.post_number for c in comments))
            newest = max((c.created_at for c in comments if c.created_at), default=None)
            if newest is not None:
                topic.last_posted_at = max(filter(None, (topic.last_posted_at, newest)))
        return [bundle.first, *comments], bundle.members + members, removed

    def _bundle_batch(
        self,
        bundles: list[parse.PostBundle],
        local: LocalView,
        cancel: threading.Event | None,
        label: str,
        cursor_update: dict[str, Any],
        seen: Mapping[str, set[str]] | None = None,
    ) -> SyncBatch:
        batch = SyncBatch(cursor=cursor_update, label=label)
        people: dict[str, Member] = {}
        for bundle in bundles:
            posts, members, removed = self._complete(
                bundle, local, cancel, (seen or {}).get(bundle.topic.id, set())
            )
            batch.topics.append(bundle.topic)
            batch.posts += posts
            batch.removed_post_ids += removed
            people.update((m.id, m) for m in members)
        batch.members = list(people.values())
        return batch

    def _activity_page(
        self, number: int, cancel: threading.Event | None
    ) -> tuple[parse.Page, list[tuple[int, dict[str, Any]]]]:
        """One ``/activity`` page: the page and its ``(activity id, source)`` pairs."""
        result = parse.page(
            self._get("/activity", {"page": number, "limit": PAGE_SIZE}, cancel), "activity stream"
        )
        items = []
        for item in result.results:
            # HumHub answers null for an activity it cannot render (ActivityDefinitions' catch)
            if (
                isinstance(item, dict)
                and isinstance(item.get("id"), int)
                and isinstance(item.get("source"), dict)
            ):
                items.append((item["id"], item["source"]))
        return result, items

    def _comments_of(
        self, sources: list[dict[str, Any]], cancel: threading.Event | None, *, resolve_replies: bool = True
    ) -> tuple[dict[str, Post], dict[str, Member], dict[str, parse.PostBundle]]:
        """The comments (with their authors) and posts an activity page carries as sources.

        A reply to a comment names only its parent comment. The parent's own definition carries its
        replies, so a reply whose parent is on the same page needs nothing more; otherwise the parent is
        read once (``/comment/{id}``) when ``resolve_replies``. A whole-stream walk passes False: every
        parent is in the stream, or is the account's own and its post is completed from its comments.
        """
        comments: dict[str, Post] = {}
        authors: dict[str, Member] = {}
        posted: dict[str, parse.PostBundle] = {}
        parents: set[str] = set()
        for source in sources:
            if "content" in source and "message" in source:
                if not resolve_replies:
                    continue  # a whole-stream walk reads the posts from /post
                bundle = parse.post(source, self._offset)
                if bundle is not None:
                    posted[bundle.topic.id] = bundle
            elif source.get("objectModel") == parse.POST_MODEL:
                posts, people, skipped = parse.comments([source], str(source.get("objectId")), self._offset)
                self._count(skipped)
                comments.update((p.id, p) for p in posts)
                authors.update((m.id, m) for m in people)
            elif source.get("objectModel") == parse.COMMENT_MODEL:
                parents.add(str(source.get("objectId")))
        for parent in sorted(parents) if resolve_replies else ():
            if f"c{parent}" in comments:
                continue
            try:
                body = self._get(f"/comment/{parent}", cancel=cancel)
            except (NotFound, PermissionDenied):
                continue
            if body.get("objectModel") == parse.POST_MODEL:
                posts, people, _skipped = parse.comments([body], str(body.get("objectId")), self._offset)
                comments.update((p.id, p) for p in posts)
                authors.update((m.id, m) for m in people)
        return comments, authors, posted

    def _first_pass(
        self, cursor: dict[str, Any], local: LocalView, cancel: threading.Event | None
    ) -> Iterator[SyncBatch]:
        """Everything: the activity stream first (other people's comments, 100 per request, stored
        before their posts), then every ``/post`` page; a post whose comments still do not add up (the
        account's own, or older than the stream keeps) is completed with its comment list."""
        state = cursor.get("pass")
        if not isinstance(state, dict):
            state = {"stage": "activity", "page": 1, "activity_top": None, "post_top": None}
        cutoff = (
            utcnow() - dt.timedelta(days=self.options.history_days) if self.options.history_days else None
        )
        if state.get("stage") == "activity":
            number = int(state.get("page") or 1)
            while True:
                result, items = self._activity_page(number, cancel)
                if state.get("activity_top") is None:
                    state["activity_top"] = max((i for i, _ in items), default=0)
                comments, authors, _posted = self._comments_of(
                    [source for _, source in items], cancel, resolve_replies=False
                )
                kept = [
                    c
                    for c in comments.values()
                    if cutoff is None or c.created_at is None or c.created_at >= cutoff
                ]
                old = cutoff is not None and len(kept) < len(comments)
                last = not result.more or not result.results or old
                step = {
                    "pass": {**state, "stage": "posts", "page": 1} if last else {**state, "page": number + 1}
                }
                yield SyncBatch(
                    posts=kept,
                    members=list(authors.values()),
                    cursor=step,
                    label=f"Comments, page {number} of {result.pages}",
                    done=number,
                    total=result.pages,
                )
                state = dict(step["pass"])
                if last:
                    break
                number += 1
        number = int(state.get("page") or 1)
        while True:
            bundles, result = self._post_page(number, cancel)
            if state.get("post_top") is None:
                state["post_top"] = max((int(b.topic.id) for b in bundles if b.topic.id.isdigit()), default=0)
            if cutoff is not None:
                bundles = [b for b in bundles if b.topic.created_at is None or b.topic.created_at >= cutoff]
            last = (
                not result.more
                or not result.results
                or (cutoff is not None and len(bundles) < len(result.results))
            )
            update: dict[str, Any] = (
                {
                    "pass": None,
                    "activity_mark": int(state["activity_top"] or 0),
                    "posts_mark": int(state["post_top"] or 0),
                }
                if last
                else {"pass": {**state, "page": number + 1}}
            )
            batch = self._bundle_batch(
                bundles, local, cancel, f"Posts, page {number} of {result.pages}", update
            )
            batch.done, batch.total = number, result.pages
            yield batch
            if last:
                return
            number += 1

    def _update(
        self, cursor: dict[str, Any], local: LocalView, cancel: threading.Event | None
    ) -> Iterator[SyncBatch]:
        activity_mark = int(cursor.get("activity_mark") or 0)
        posts_mark = int(cursor.get("posts_mark") or 0)
        # 1. What others did since the mark: new posts and comments, with their text.
        new_comments: dict[str, Post] = {}
        authors: dict[str, Member] = {}
        posted: dict[str, parse.PostBundle] = {}
        top = activity_mark
        number = 1
        while True:
            result, items = self._activity_page(number, cancel)
            fresh = [source for activity_id, source in items if activity_id > activity_mark]
            top = max([top] + [activity_id for activity_id, _ in items])
            comments, people, bundles = self._comments_of(fresh, cancel)
            new_comments.update(comments)
            authors.update(people)
            posted.update(bundles)
            reached = len(fresh) < len(items)
            if reached or not result.more or not result.results:
                break
            number += 1
        # 2. The newest posts (ours too), until the posts mark.
        listed: dict[str, parse.PostBundle] = {}
        number = 1
        post_top = posts_mark
        while True:
            page_bundles, page = self._post_page(number, cancel)
            for item in page_bundles:
                listed.setdefault(item.topic.id, item)
                if item.topic.id.isdigit():
                    post_top = max(post_top, int(item.topic.id))
            ids = [int(r["id"]) for r in page.results if isinstance(r, dict) and isinstance(r.get("id"), int)]
            if not page.more or not ids or min(ids) <= posts_mark:
                break
            number += 1
        for topic_id, item in posted.items():
            listed.setdefault(topic_id, item)
        # 3. One batch: the listed posts that changed (completed when needed), then older posts that got
        #    comments, their rows updated from the stored ones.
        by_topic: dict[str, list[Post]] = {}
        for comment in new_comments.values():
            by_topic.setdefault(comment.topic_id, []).append(comment)
        batch = SyncBatch(cursor={"activity_mark": top, "posts_mark": post_top}, label="Posts: changes")
        everyone: dict[str, Member] = dict(authors)
        for topic_id, item in listed.items():
            arrived = by_topic.get(topic_id, [])
            posts, members, removed = self._complete(item, local, cancel, {c.id for c in arrived})
            unchanged = not removed and not arrived and self._stored_topic(local, topic_id) == item.topic
            if unchanged and local.post_ids(topic_id) >= {p.id for p in posts}:
                continue  # the same numbers, state and comments as stored: nothing to write
            batch.topics.append(item.topic)
            have = {p.id for p in posts}
            batch.posts += posts + [c for c in arrived if c.id not in have]
            batch.removed_post_ids += removed
            everyone.update((m.id, m) for m in members)
        for topic_id, arrived in sorted(by_topic.items()):
            if topic_id in listed:
                continue
            stored_topic = self._stored_topic(local, topic_id)
            if stored_topic is None:
                try:
                    fetched = parse.post(self._get(f"/post/{topic_id}", cancel=cancel), self._offset)
                except (NotFound, PermissionDenied):
                    continue
                if fetched is None:
                    continue
                posts, members, removed = self._complete(fetched, local, cancel, {c.id for c in arrived})
                have = {p.id for p in posts}
                batch.topics.append(fetched.topic)
                batch.posts += posts + [c for c in arrived if c.id not in have]
                batch.removed_post_ids += removed
                everyone.update((m.id, m) for m in members)
                continue
            known = local.post_ids(topic_id)
            new = [c for c in arrived if c.id not in known]
            top_level = [c for c in new if c.id.startswith("c")]
            stored_topic.posts_count += len(top_level)
            stored_topic.reply_count += len(top_level)
            if new:
                newest = max(new, key=lambda c: c.post_number)
                stored_topic.highest_post_number = max(stored_topic.highest_post_number, newest.post_number)
                if newest.created_at is not None:
                    stored_topic.last_posted_at = max(
                        filter(None, (stored_topic.last_posted_at, newest.created_at))
                    )
                    stored_topic.bumped_at = max(filter(None, (stored_topic.bumped_at, newest.created_at)))
                stored_topic.last_poster_username = newest.username
            batch.topics.append(stored_topic)
            batch.posts += arrived
        batch.members = list(everyone.values())
        yield batch

    def _stored_topic(self, local: LocalView, topic_id: str) -> Topic | None:
        row = getattr(local, "topic_row", None)
        if row is None:
            return None
        topic = row(topic_id)
        return topic if isinstance(topic, Topic) else None

    # -- members -------------------------------------------------------------------------------

    def _members(self, cursor: dict[str, Any], cancel: threading.Event | None, now: dt.datetime) -> Iterator[SyncBatch]:
        """``/user`` pages (ManageUsers only), then join dates from the spaces' member lists."""
        number = cursor.get("members_page")
        number = number if isinstance(number, int) and number > 0 else 1
        everyone: dict[str, Member] = {}  # this refresh's members (bounded by the site's member count)
        while True:
            try:
                result = parse.page(self._get("/user", {"page": number, "limit": PAGE_SIZE}, cancel), "user list")
            except (PermissionDenied, NotFound):
                yield SyncBatch(cursor={"members_page": None, "members_at": int(now.timestamp())}, label="Members")
                return
            members = []
            for item in result.results:
                member = parse.member(item, self._offset)
                if member is None:
                    self._count(1)
                    continue
                members.append(member)
                everyone[member.id] = member
            last = not result.more or not result.results
            if last:
                joined = self._join_dates(cursor, cancel)
                dated = [m for m in everyone.values() if m.id in joined]
                for member in dated:
                    member.created_at = joined[member.id]
                members = list({m.id: m for m in [*members, *dated]}.values())
            update: dict[str, Any] = (
                {"members_page": None, "members_at": int(now.timestamp())} if last else {"members_page": number + 1}
            )
            yield SyncBatch(members=members, cursor=update, label=f"Members, page {number} of {result.pages}")
            if last:
                return
            number += 1

    def _join_dates(self, cursor: Mapping[str, Any], cancel: threading.Event | None) -> dict[str, dt.datetime]:
        """Join dates (the REST user has none): the earliest ``member_since`` over the spaces' member
        lists, for the spaces this account administers (others answer 400 and are skipped)."""
        spaces = cursor.get("spaces")
        spaces = spaces if isinstance(spaces, dict) else {}
        joined: dict[str, dt.datetime] = {}
        for space_id in sorted(set(spaces.values())):
            number = 1
            while True:
                try:
                    body = self._get(f"/space/{space_id}/membership", {"page": number, "limit": PAGE_SIZE}, cancel)
                    result = parse.page(body, "space member list")
                except (PermissionDenied, NotFound, RequestRejected):
                    break
                for item in result.results:
                    if not isinstance(item, dict):
                        continue
                    user = parse.member_short(item.get("user"))
                    since = parse.when(item.get("member_since"), self._offset)
                    if user is not None and since is not None and (user.id not in joined or since < joined[user.id]):
                        joined[user.id] = since
                if not result.more or not result.results:
                    break
                number += 1
        return joined

    # -- on demand -----------------------------------------------------------------------------

    def fetch_topic(self, topic_id: str) -> tuple[Topic, list[Post]]:
        bundle = parse.post(self._get(f"/post/{topic_id}"), self._offset)
        if bundle is None:
            raise NotFound("This post is not published (a draft, scheduled, or no longer readable).")
        comments, _members = self._comments(topic_id, None)
        posts = sorted([bundle.first, *comments], key=lambda p: p.post_number)
        return bundle.topic, posts

    def post_reply(self, topic_id: str, raw: str, *, reply_to_post_number: int | None = None) -> PostResult:
        if reply_to_post_number is not None and reply_to_post_number > 1:
            target = {"objectModel": parse.COMMENT_MODEL, "objectId": reply_to_post_number - 1}
        else:
            target = {
                "objectModel": parse.POST_MODEL,
                "objectId": int(topic_id) if topic_id.isdigit() else topic_id,
            }
        try:
            answer = self.http.post_json(API + "/comment", {**target, "Comment": {"message": raw}})
        except RequestRejected as exc:
            reasons = (
                tuple(r for r in exc.reasons if r != "Validation failed") or exc.reasons or (exc.message,)
            )
            return PostResult(PostStatus.REJECTED, reasons=reasons)
        except PermissionDenied:
            return PostResult(
                PostStatus.REJECTED,
                reasons=(
                    "HumHub does not let this account comment here (the post is archived or its comments "
                    "are locked, or the space does not allow you to comment).",
                ),
            )
        posts, _people, _skipped = parse.comments([answer], topic_id, self._offset)
        if not posts:
            raise MalformedResponse("The server accepted the comment but did not show it back.")
        return PostResult(PostStatus.CREATED, post=posts[0])

    @staticmethod
    def _topic_message(title: str, raw: str) -> str:
        """HumHub posts have no title: it becomes the post's first line, in bold (and comes back as the
        topic's title, ``parse.title_of``)."""
        title = " ".join(title.split())
        return f"**{title}**\n\n{raw.strip()}" if title else raw.strip()

    def create_topic(
        self, title: str, raw: str, *, category_id: str | None = None, tags: Sequence[str] = ()
    ) -> PostResult:
        """A new post in a space (``category_id`` is the space's content container). HumHub's topics
        (its tags) are not set: the platform declares no tags (``platforms.supports_tags``)."""
        if not category_id:
            return PostResult(PostStatus.REJECTED, reasons=("Choose a space: on HumHub every post is made in a space.",))
        body = {"data": {"message": self._topic_message(title, raw)}}
        try:
            answer = self.http.post_json(f"{API}/post/container/{category_id}", body)
        except RequestRejected as exc:
            reasons = tuple(r for r in exc.reasons if r != "Validation failed") or exc.reasons or (exc.message,)
            return PostResult(PostStatus.REJECTED, reasons=reasons)
        except PermissionDenied:
            return PostResult(
                PostStatus.REJECTED,
                reasons=("HumHub does not let this account post in this space (ask its administrators).",),
            )
        bundle = parse.post(answer, self._offset)
        if bundle is None:
            raise MalformedResponse("The server accepted the post but did not show it back.")
        return PostResult(PostStatus.CREATED, post=bundle.first)

    def find_topic(self, title: str, raw: str, *, since: dt.datetime) -> Post | None:
        """Our post with this text, among the newest posts (``/post`` page 1, newest created first)."""
        me = self._me or self.whoami()
        wanted = self._topic_message(title, raw)
        earliest = since - CLOCK_SKEW
        bundles, _page = self._post_page(1, None)
        for bundle in bundles:
            first = bundle.first
            recent = first.created_at is None or first.created_at >= earliest
            if first.author_id == me.id and recent and first.raw is not None and same_text(first.raw, wanted):
                return first
        return None

    _NO_MESSAGES = (
        "This HumHub site has no Messages (mail) module the app can use. Copy the text and send it from"
        " HumHub yourself."
    )

    def send_private_message(
        self,
        recipients: Sequence[str],
        title: str,
        raw: str,
        *,
        member_ids: Mapping[str, str] | None = None,
    ) -> PostResult:
        """A new conversation of the mail module (``moderator.platforms.humhub.mail``)."""
        if self._mail_module is False:
            raise UnsupportedPlatform(self._NO_MESSAGES)
        return self._mail.send(self._me, recipients, title, raw, member_ids)

    def find_private_message(
        self,
        recipients: Sequence[str],
        title: str,
        raw: str,
        *,
        since: dt.datetime,
        member_ids: Mapping[str, str] | None = None,
    ) -> Post | None:
        if self._mail_module is False:
            raise UnsupportedPlatform(self._NO_MESSAGES)
        me = self._me or self.whoami()
        return self._mail.find(me, recipients, title, raw, since, member_ids)

    def find_reply(self, topic_id: str, raw: str, *, since: dt.datetime) -> Post | None:
        """Our comment with this text made after ``since`` (minus clock skew), if the server has it.

        Comments come oldest first: the first page says how many pages there are, the last one (and
        the one before, in case the page boundary fell between) holds the newest.
        """
        me = self._me or self.whoami()
        earliest = since - CLOCK_SKEW
        params = {"objectModel": parse.POST_MODEL, "objectId": topic_id, "limit": PAGE_SIZE}
        first = parse.page(self._get("/comment/find-by-object", {**params, "page": 1}), "comment list")
        pages = [first]
        if first.pages > 1:
            for number in sorted({max(1, first.pages - 1), first.pages} - {1}):
                pages.append(
                    parse.page(
                        self._get("/comment/find-by-object", {**params, "page": number}), "comment list"
                    )
                )
        for result in reversed(pages):
            posts, _people, _skipped = parse.comments(result.results, topic_id, self._offset)
            for post in sorted(posts, key=lambda p: p.post_number, reverse=True):
                mine = post.author_id == me.id or post.username.lower() == me.username.lower()
                recent = post.created_at is None or post.created_at >= earliest
                if mine and recent and post.raw is not None and same_text(post.raw, raw):
                    return post
        return None

    def web_url(self, topic_id: str | None = None, post_number: int | None = None) -> str:
        """The post's permalink (``metadata.url``, asked once), else the site."""
        if topic_id is None:
            return self.http.base_url
        try:
            url = parse.url_of(self._get(f"/post/{topic_id}"))
        except PlatformError:
            return self.http.base_url
        if url.startswith(self.http.base_url + "/") or url == self.http.base_url:
            return url
        return self.http.base_url
