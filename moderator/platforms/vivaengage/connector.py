"""The Viva Engage connector: one network (legacy Yammer v1 REST API) as one community.

Mapping: the network's communities (Yammer "groups", public and private) and the All Company feed are
the categories; a thread is a topic (its id is its starter's id); its messages are the posts, numbered by
id order (ids grow with time); ``liked_by.count`` gives likes; an announcement thread is pinned and tagged
``announcement`` (never "unanswered"); a direct-message thread is a private message. Members come from
``/users.json`` with ``state`` and ``activated_at``: an active member who never posted is a reader, one
never activated was never seen.

The budget (Microsoft's rate limits, per user and app): **10 requests per 30 seconds** for message calls
and, separately, 10 per 30 s for every other call; ``make_connector`` gives the ``HttpClient`` one
sliding-window bucket for each, so a sync waits instead of being answered 429.

``pull`` and the cursor (merged key by key into the stored cursor with every batch):

``me``, ``me_at``               who the token acts as, re-read daily (``/users/current.json``)
``groups_at``, ``private_groups`` the account's groups (``/groups.json?mine=1``), daily; private ones
                                are polled one by one (their messages are not in the network feed)
``users_at``, ``users_page``    member pages (``/users.json?page=``, 50 a page), daily, resumable
``feed:<name>``                 per feed (``all`` = ``/messages.json``, ``private`` = direct messages,
                                ``group:<id>`` = a private community): ``top``, the newest message id
                                processed, and ``walk`` (``older_than``, ``new_top``) while a pass runs

A feed pass reads ``threaded=extended`` pages (20 threads a page, each with its starter and its two
latest replies, newest activity first) with ``newer_than=top`` and pages back with ``older_than`` until
it reaches ``top``. A thread whose reference says it has more messages than the page and the local copy
hold is completed with ``/messages/in_thread/{id}.json?older_than=`` (20 a page) — only those threads.
So a first sync costs about threads/20 feed pages + one request per long thread, never one per thread;
an up-to-date sync costs 2 requests (network feed, direct messages) + 1 per private community.
The first sync's progress counts messages against the members' message counts (``stats.updates``, read
first, on the other bucket) and its label gives the time left at the budget's pace: it is minutes.

Writing: a reply is ``POST /messages.json`` with ``replied_to_id`` (``find_reply`` reads the thread's
latest page before a retry); a new conversation is the same without it, in a community or All Company
(``find_topic`` reads ``/messages/sent.json``). A private message (a nudge) is a direct message: the same
``POST`` with ``direct_to_user_ids``, the recipients' user ids taken from the local copy (the outbox passes
``member_ids``; the v1 API has no lookup by username); a direct message has no title, so a title
becomes its first line. ``find_private_message`` pages back through ``/messages/private.json`` (at
most 5 pages) for our message with that text whose thread has those participants.

Not seen until a thread has new activity or is opened: likes and edits of older messages, deletions.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from moderator.links import site_url, topic_url
from moderator.model import Community, Member, Platform, Post, SyncBatch, Topic, utcnow
from moderator.platforms.base import (
    CLOCK_SKEW,
    Capabilities,
    LocalView,
    MemoryLocalView,
    NotFound,
    PostResult,
    PostStatus,
    RequestRejected,
    same_text,
)
from moderator.platforms.http import HttpClient
from moderator.platforms.vivaengage import parse
from moderator.platforms.vivaengage.feeds import MESSAGE_REQUESTS_PER_SECOND, PAGE_SIZE, FeedSync
from moderator.platforms.vivaengage.parse import Feed

log = logging.getLogger(__name__)

DAILY = 24 * 3600
PRIVATE_FIND_PAGES = 5  # a lost direct message is among the newest: 100 messages is plenty


def _stale(cursor: Mapping[str, Any], key: str, now: dt.datetime, seconds: float = DAILY) -> bool:
    at = cursor.get(key)
    return not isinstance(at, int | float) or now.timestamp() - at >= seconds


def _composed(title: str, raw: str) -> str:
    return f"{title.strip()}\n\n{raw.strip()}" if title.strip() else raw.strip()



class VivaEngageConnector(FeedSync):
    """See the module docstring. Thread-confined, like its ``HttpClient``."""

    platform = Platform.VIVAENGAGE

    def __init__(
        self,
        community: Community,
        http: HttpClient,
        *,
        pace: float = MESSAGE_REQUESTS_PER_SECOND,
        tokens: object = None,
    ) -> None:
        self.community = community
        self.http = http
        self.pace = pace  # message requests per second the budget allows: for the time-left estimate
        self._tokens = tokens
        self._me: Member | None = None
        self._skipped = 0
        # progress of a first sync: messages brought home against the members' message counts
        self._expected_messages = 0
        self._fetched_messages = 0
        self._started = 0.0
        self._requests_at_start = 0
        self._message_requests = 0  # message calls of this pull: what the estimate's pace counts
        self._usernames: dict[str, str] = {}  # sender id -> username, from the answers' references
        self._network = str(community.settings.get("network_permalink") or "")

    # -- bookkeeping ---------------------------------------------------------------------------

    @property
    def requests_made(self) -> int:
        return self.http.requests_made

    @property
    def items_skipped(self) -> int:
        return self._skipped

    @property
    def rate_limited_answers(self) -> int:
        return self.http.rate_limited_answers

    def close(self) -> None:
        self.http.close()

    # -- identity and capabilities -------------------------------------------------------------

    def persist_secret(self, save: Callable[[str], None]) -> None:
        """Where a renewed secret goes (the account's keyring entry): the MSAL cache after a renewal."""
        if hasattr(self._tokens, "save"):
            self._tokens.save = save

    def account_settings(self) -> dict[str, Any]:
        """What the account row keeps after ``whoami``: the network's name in web addresses."""
        return {"network_permalink": self._network} if self._network else {}

    def site_title(self) -> str:
        return self._network

    def capabilities(self) -> Capabilities:
        admin = self._me is not None and self._me.admin
        return Capabilities(
            read_statistics=False,  # the v1 API reports no reads nor visits
            solved_answers=False,  # questions exist, "best answer" is not in the v1 API
            server_bookmarks=False,
            server_drafts=False,
            posting=True,
            likes=True,  # liked_by counts are synced
            votes=False,
            staff_member_list=admin,
            # direct messages (``direct_to_user_ids``), which have no title of their own
            private_messages=self.community.settings.get("private_messages", True) is not False,
            new_topics=True,  # a new conversation in a community or All Company
        )

    def whoami(self, *, cancel: threading.Event | None = None) -> Member:
        body = self.http.get_json("/users/current.json", cancel=cancel)
        self._network = parse.network_permalink(body) or self._network
        member = parse.parse_user(body)
        if member is None:
            raise RequestRejected(message="Viva Engage did not say who this account is. Sign in again.")
        self._me = member
        return member

    # -- pull ----------------------------------------------------------------------------------

    def pull(
        self,
        cursor: dict[str, Any],
        *,
        local: LocalView | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[SyncBatch]:
        cursor = dict(cursor)
        if local is None:
            local = _TrackingView()
        tracking = local if isinstance(local, _TrackingView) else None
        for batch in self._pull(cursor, local, cancel):
            cursor.update(batch.cursor)
            yield batch
            if tracking is not None:
                tracking.apply(batch)

    def _pull(
        self, cursor: dict[str, Any], local: LocalView, cancel: threading.Event | None
    ) -> Iterator[SyncBatch]:
        now = utcnow()
        self._started = time.monotonic()
        self._requests_at_start = self.http.requests_made
        self._message_requests = 0
        me_row = cursor.get("me")
        if isinstance(me_row, dict) and me_row.get("id") and not _stale(cursor, "me_at", now):
            self._me = Member(
                id=str(me_row["id"]),
                username=str(me_row.get("username", "")),
                admin=bool(me_row.get("admin")),
            )
        else:
            me = self.whoami(cancel=cancel)
            yield SyncBatch(
                members=[me],
                cursor={
                    "me": {"id": me.id, "username": me.username, "admin": me.admin},
                    "me_at": int(now.timestamp()),
                },
                label="Account",
            )
        if _stale(cursor, "groups_at", now) or not isinstance(cursor.get("private_groups"), list):
            batch = self._groups(cancel, now)
            cursor.update(batch.cursor)
            yield batch
        first_sync = not isinstance(_dict(cursor.get("feed:all")).get("top"), str)
        if cursor.get("users_page") is not None or _stale(cursor, "users_at", now):
            yield from self._users(cursor, cancel, now, first_sync)
        feeds = ["all", "private"] + [f"group:{g}" for g in cursor.get("private_groups") or []]
        for name in feeds:
            yield from self._feed_pass(name, cursor, local, cancel)

    # -- groups and members --------------------------------------------------------------------

    # -- on demand -----------------------------------------------------------------------------

    def _whole_thread(self, topic_id: str) -> Feed:
        """Every message of a thread, 20 per request, newest first."""
        merged: Feed | None = None
        older_than: int | None = None
        while True:
            params: dict[str, Any] = {"limit": PAGE_SIZE}
            if older_than is not None:
                params["older_than"] = older_than
            feed = parse.parse_feed(self.http.get_json(f"/messages/in_thread/{topic_id}.json", params))
            self._count(feed.skipped)
            if merged is None:
                merged = feed
            else:
                merged.messages.extend(feed.messages)
                merged.users.update(feed.users)
                merged.threads.update(feed.threads)
                merged.groups.update(feed.groups)
            if not feed.messages or not feed.older_available:
                return merged
            older_than = min(m.number for m in feed.messages)

    def fetch_topic(self, topic_id: str) -> tuple[Topic, list[Post]]:
        feed = self._whole_thread(topic_id)
        self._remember(feed.users.values())
        received = {m.id: m for m in feed.messages if m.thread_id == topic_id}
        if not received:
            raise NotFound()
        topic, posts = self._build(topic_id, received, set(), feed.threads.get(topic_id))
        posts.sort(key=lambda p: p.post_number)
        return topic, posts

    def post_reply(self, topic_id: str, raw: str, *, reply_to_post_number: int | None = None) -> PostResult:
        replied_to = topic_id  # a thread's id is its starter's id
        if reply_to_post_number is not None and reply_to_post_number > 1:
            _topic, posts = self.fetch_topic(topic_id)
            target = next((p for p in posts if p.post_number == reply_to_post_number), None)
            if target is not None:
                replied_to = target.id
        try:
            answer = self.http.post_json("/messages.json", {"body": raw, "replied_to_id": replied_to})
        except RequestRejected as exc:
            return PostResult(PostStatus.REJECTED, reasons=exc.reasons or (exc.message,))
        feed = parse.parse_feed(answer)
        self._remember(feed.users.values())
        created = next((m for m in feed.messages if m.thread_id == topic_id), None)
        if created is None:
            return PostResult(PostStatus.CREATED, None)
        info = feed.threads.get(topic_id)
        number = info.messages_count if info is not None and info.messages_count else 0
        return PostResult(PostStatus.CREATED, self._post(created, {created.id: number}))

    def find_reply(self, topic_id: str, raw: str, *, since: dt.datetime) -> Post | None:
        """Our reply with this text posted after ``since`` (minus clock skew), among the thread's latest."""
        me = self._me or self.whoami()
        feed = parse.parse_feed(
            self.http.get_json(f"/messages/in_thread/{topic_id}.json", {"limit": PAGE_SIZE})
        )
        self._remember(feed.users.values())
        earliest = since - CLOCK_SKEW
        for message in sorted(feed.messages, key=lambda m: m.number, reverse=True):
            if message.sender_id != me.id or (message.created_at and message.created_at < earliest):
                continue
            if same_text(message.plain, raw):
                info = feed.threads.get(topic_id)
                number = info.messages_count if info is not None else 0
                return self._post(message, {message.id: number})
        return None

    def create_topic(
        self, title: str, raw: str, *, category_id: str | None = None, tags: Sequence[str] = ()
    ) -> PostResult:
        """A new conversation: ``POST /messages.json`` without ``replied_to_id`` (in a community, or All
        Company). Threads have no title: it becomes the message's first line. Tags are not sent (topics,
        as Viva Engage calls them, are a separate API)."""
        body: dict[str, Any] = {"body": _composed(title, raw)}
        if category_id and category_id != parse.ALL_COMPANY_ID:
            body["group_id"] = int(category_id) if category_id.isdigit() else category_id
        try:
            answer = self.http.post_json("/messages.json", body)
        except RequestRejected as exc:
            return PostResult(PostStatus.REJECTED, reasons=exc.reasons or (exc.message,))
        feed = parse.parse_feed(answer)
        self._remember(feed.users.values())
        created = next(iter(feed.messages), None)
        if created is None:
            return PostResult(PostStatus.CREATED, None)
        return PostResult(PostStatus.CREATED, self._post(created, {created.id: 1}))

    def find_topic(self, title: str, raw: str, *, since: dt.datetime) -> Post | None:
        """Our conversation with this text started after ``since``, among our latest sent messages."""
        feed = parse.parse_feed(self.http.get_json("/messages/sent.json", {"limit": PAGE_SIZE}))
        self._remember(feed.users.values())
        earliest = since - CLOCK_SKEW
        wanted = _composed(title, raw)
        for message in feed.messages:
            if message.id != message.thread_id or (message.created_at and message.created_at < earliest):
                continue
            if same_text(message.plain, wanted):
                return self._post(message, {message.id: 1})
        return None

    def _recipient_ids(
        self, recipients: Sequence[str], member_ids: Mapping[str, str] | None
    ) -> tuple[list[int], list[str]]:
        """Viva Engage addresses people by user id: the local copy's (``member_ids``), else the users
        this connector has seen in answers. No request is made: the users API has no lookup by name."""
        known = {name.removeprefix("@").casefold(): uid for name, uid in (member_ids or {}).items()}
        seen = {name.casefold(): uid for uid, name in self._usernames.items() if name}
        ids: list[int] = []
        unknown: list[str] = []
        for recipient in recipients:
            name = recipient.strip().removeprefix("@")
            uid = known.get(name.casefold()) or seen.get(name.casefold()) or ""
            if uid.isdigit():
                ids.append(int(uid))
            else:
                unknown.append(name)
        return ids, unknown

    def send_private_message(
        self,
        recipients: Sequence[str],
        title: str,
        raw: str,
        *,
        member_ids: Mapping[str, str] | None = None,
    ) -> PostResult:
        """A direct message: ``POST /messages.json`` with ``direct_to_user_ids`` (the recipients' user
        ids). A direct message has no title: a title becomes its first line, as for a new conversation."""
        ids, unknown = self._recipient_ids(recipients, member_ids)
        if unknown:
            names = ", ".join(f"@{n}" for n in unknown)
            return PostResult(
                PostStatus.REJECTED,
                reasons=(
                    f"{names}: no such member in the local copy of {self.community.name}, so Viva Engage"
                    " cannot be told whom to send it to. Check the name, sync the community, then send"
                    " it again.",
                ),
            )
        if not ids:
            return PostResult(PostStatus.REJECTED, reasons=("A direct message needs a recipient.",))
        try:
            answer = self.http.post_json(
                "/messages.json", {"body": _composed(title, raw), "direct_to_user_ids": ids}
            )
        except RequestRejected as exc:
            names = ", ".join(f"@{r.strip().removeprefix('@')}" for r in recipients)
            hint = f"Check that {names} can still receive direct messages in this network."
            return PostResult(PostStatus.REJECTED, reasons=(*(exc.reasons or (exc.message,)), hint))
        feed = parse.parse_feed(answer)
        self._remember(feed.users.values())
        created = next(iter(feed.messages), None)
        if created is None:
            return PostResult(PostStatus.CREATED, None)
        return PostResult(PostStatus.CREATED, self._post(created, {created.id: 1}))

    def find_private_message(
        self,
        recipients: Sequence[str],
        title: str,
        raw: str,
        *,
        since: dt.datetime,
        member_ids: Mapping[str, str] | None = None,
    ) -> Post | None:
        """Our direct message with this text to these recipients sent after ``since`` (minus clock
        skew), among the newest of ``/messages/private.json``: paged back with ``older_than`` until the
        messages are older than that, at most ``PRIVATE_FIND_PAGES`` pages (message calls, counted in
        the budget like the rest). The recipients are checked against the thread's participants (its
        reference, or ``/threads/{id}.json`` when the reference does not list them)."""
        ids, unknown = self._recipient_ids(recipients, member_ids)
        if unknown or not ids:
            return None  # never sent: send_private_message refuses unknown recipients
        me = self._me or self.whoami()
        wanted = {str(i) for i in ids}
        text = _composed(title, raw)
        earliest = since - CLOCK_SKEW
        older_than: int | None = None
        for _page in range(PRIVATE_FIND_PAGES):
            params: dict[str, Any] = {"limit": PAGE_SIZE}
            if older_than is not None:
                params["older_than"] = older_than
            feed = parse.parse_feed(self.http.get_json("/messages/private.json", params))
            self._remember(feed.users.values())
            for message in sorted(feed.all_messages(), key=lambda m: m.number, reverse=True):
                if message.sender_id != me.id or (message.created_at and message.created_at < earliest):
                    continue
                if not same_text(message.plain, text):
                    continue
                if self._participants(message.thread_id, feed) - {me.id} == wanted:
                    return self._post(message, {message.id: 1} if message.id == message.thread_id else {})
            if not feed.messages or not feed.older_available:
                return None
            oldest = min(feed.messages, key=lambda m: m.number)
            if oldest.created_at is not None and oldest.created_at < earliest:
                return None
            older_than = oldest.number
        return None

    def _participants(self, thread_id: str, feed: Feed) -> frozenset[str]:
        info = feed.threads.get(thread_id)
        if info is not None and info.participants is not None:
            return info.participants
        thread = parse.parse_thread(self.http.get_json(f"/threads/{thread_id}.json"))
        if thread is None or thread.participants is None:
            return frozenset()
        return thread.participants

    def web_url(self, topic_id: str | None = None, post_number: int | None = None) -> str:
        """The thread's page: ``https://www.yammer.com/<network>/threads/<id>`` (``moderator.links``)."""
        return site_url(self.community) if topic_id is None else topic_url(self.community, topic_id)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class _TrackingView(MemoryLocalView):
    """The local view of a ``pull`` called without one: what this pull itself has yielded."""
