"""How a Viva Engage network comes home within its budget: groups, members, feeds, threads.

``FeedSync`` is the half of ``VivaEngageConnector`` that ``pull`` drives (the connector's module docstring
describes the cursor and the costs); the other half (identity, on-demand reads, replies) is in
``connector``. Threads are numbered here: a thread's messages by id order (ids grow with time), its
starter first.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from moderator.model import Archetype, Category, Community, Member, Post, SyncBatch, Topic
from moderator.platforms.base import LocalView, NotFound, PermissionDenied
from moderator.platforms.http import HttpClient
from moderator.platforms.vivaengage import parse
from moderator.platforms.vivaengage.parse import Feed, Message

log = logging.getLogger(__name__)

PAGE_SIZE = 20  # messages per feed or thread page (the API's maximum)
USERS_PAGE_SIZE = 50
GROUPS_PAGE_SIZE = 50
MESSAGE_REQUESTS_PER_SECOND = 10 / 31  # the messages bucket, its safety second included (see http)


def num(message_id: str) -> int:
    return int(message_id) if message_id.isdigit() else 0


def _minutes(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    return f"{round(seconds / 60)} min"


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class FeedSync:
    """Reading feeds and threads into batches; mixed into ``VivaEngageConnector``."""

    community: Community
    http: HttpClient
    pace: float
    _skipped: int
    _expected_messages: int
    _fetched_messages: int
    _message_requests: int
    _usernames: dict[str, str]

    def _count(self, skipped: int) -> None:
        if skipped:
            self._skipped += skipped
            log.info("%s: skipped %d malformed item(s)", self.community.name, skipped)

    def _remember(self, users: Iterable[Member]) -> None:
        for user in users:
            self._usernames[user.id] = user.username

    def _groups(self, cancel: threading.Event | None, now: dt.datetime) -> SyncBatch:
        categories: list[Category] = [parse.all_company()]
        private: list[str] = []
        page = 1
        while True:
            body = self.http.get_json("/groups.json", {"mine": 1, "page": page}, cancel=cancel, expect=list)
            groups, skipped = parse.parse_groups_page(body)
            self._count(skipped)
            categories.extend(groups)
            private.extend(g.id for g in groups if g.read_restricted)
            if len(body) < GROUPS_PAGE_SIZE:
                break
            page += 1
        return SyncBatch(
            categories=categories,
            cursor={"groups_at": int(now.timestamp()), "private_groups": private},
            label="Communities",
        )

    def _users(
        self, cursor: dict[str, Any], cancel: threading.Event | None, now: dt.datetime, first_sync: bool
    ) -> Iterator[SyncBatch]:
        page = cursor.get("users_page")
        page = page if isinstance(page, int) and page > 0 else 1
        expected = int(cursor.get("users_messages") or 0) if page > 1 else 0
        while True:
            body = self.http.get_json("/users.json", {"page": page}, cancel=cancel, expect=list)
            members, skipped = parse.parse_users_page(body)
            self._count(skipped)
            expected += sum(m.post_count or 0 for m in members)
            last = len(body) < USERS_PAGE_SIZE
            update: dict[str, Any] = (
                {"users_page": None, "users_at": int(now.timestamp()), "users_messages": expected}
                if last
                else {"users_page": page + 1, "users_messages": expected}
            )
            cursor.update(update)
            yield SyncBatch(members=members, cursor=update, label=f"Members, page {page}")
            if last:
                break
            page += 1
        if first_sync:
            self._expected_messages = expected

    # -- feeds ---------------------------------------------------------------------------------

    def _feed_path(self, name: str) -> str:
        if name == "all":
            return "/messages.json"
        if name == "private":
            return "/messages/private.json"
        return f"/messages/in_group/{name.removeprefix('group:')}.json"

    def _feed_pass(
        self, name: str, cursor: dict[str, Any], local: LocalView, cancel: threading.Event | None
    ) -> Iterator[SyncBatch]:
        key = f"feed:{name}"
        state = _dict(cursor.get(key))
        top = state.get("top") if isinstance(state.get("top"), str) else None
        walk = _dict(state.get("walk")) or None
        path = self._feed_path(name)
        if top is None:
            yield from self._first_walk(name, key, path, walk, cursor, local, cancel)
            return
        while True:
            params: dict[str, Any] = {"threaded": "extended", "limit": PAGE_SIZE}
            if top is not None:
                params["newer_than"] = top
            if walk is not None and walk.get("older_than"):
                params["older_than"] = walk["older_than"]
            self._message_requests += 1
            try:
                feed = parse.parse_feed(self.http.get_json(path, params, cancel=cancel))
            except (NotFound, PermissionDenied):
                if name.startswith("group:"):  # left the community, or it was deleted: stop polling it
                    log.info("%s: %s is not readable any more", self.community.name, name)
                    return
                raise
            self._count(feed.skipped)
            latest = self._latest_by_thread(feed)
            if walk is None:
                if not feed.messages:
                    return  # nothing new: one request
                walk = {"older_than": None, "new_top": str(max(latest.values(), default=num(top or "0")))}
            batch = self._threads_batch(feed, latest, local, cancel, name)
            low = min(latest.values(), default=0)
            done = not feed.older_available or len(feed.messages) < PAGE_SIZE
            done = done or (top is not None and low <= num(top))
            if done:
                update = {key: {"top": walk["new_top"], "walk": None}}
            else:
                walk = {"older_than": str(low), "new_top": walk["new_top"]}
                update = {key: {"top": top, "walk": walk}}
            batch.cursor = update
            cursor.update(update)
            yield batch
            if done:
                return

    def _first_walk(
        self,
        name: str,
        key: str,
        path: str,
        walk: dict[str, Any] | None,
        cursor: dict[str, Any],
        local: LocalView,
        cancel: threading.Event | None,
    ) -> Iterator[SyncBatch]:
        """A feed's first pass: every message, newest first, 20 a request, whatever thread it is in.

        Cheaper than thread pages when threads have replies (a thread page brings a starter and two
        replies, and any longer thread costs a request of its own). Ids grow with time and a thread's
        starter is its oldest message, so a thread is complete once the walk reaches its starter: its
        messages wait in memory until then and are stored together, numbered. A thread still short of
        its reference's count (a walk resumed after a cut, messages hidden from the feed) is completed
        with ``in_thread`` pages, and so are threads whose starter the walk never reached.
        """
        older_than = walk.get("older_than") if walk else None
        new_top = walk.get("new_top") if walk else None
        pending: dict[str, dict[str, Message]] = {}
        infos: dict[str, parse.ThreadInfo] = {}
        while True:
            params: dict[str, Any] = {"limit": PAGE_SIZE}
            if older_than:
                params["older_than"] = older_than
            self._message_requests += 1
            try:
                feed = parse.parse_feed(self.http.get_json(path, params, cancel=cancel))
            except (NotFound, PermissionDenied):
                if name.startswith("group:"):
                    log.info("%s: %s is not readable any more", self.community.name, name)
                    return
                raise
            self._count(feed.skipped)
            self._remember(feed.users.values())
            infos.update(feed.threads)
            numbers = [m.number for m in feed.messages]
            if new_top is None:
                new_top = str(max(numbers, default=0)) if numbers else None
            complete: dict[str, dict[str, Message]] = {}
            for message in feed.messages:
                pending.setdefault(message.thread_id, {})[message.id] = message
                if message.id == message.thread_id:
                    complete[message.thread_id] = pending.pop(message.thread_id)
            done = not feed.messages or not feed.older_available
            if done:  # starters the walk never reached: complete those threads one by one
                complete.update(pending)
                pending = {}
            if feed.messages and not done:
                older_than = str(min(numbers))
            update: dict[str, Any] = (
                {key: {"top": new_top, "walk": None}}
                if done
                else {key: {"top": None, "walk": {"older_than": older_than, "new_top": new_top}}}
            )
            batch = self._complete_threads(complete, infos, feed, local, cancel, name)
            batch.cursor = update
            cursor.update(update)
            yield batch
            if done:
                return

    def _complete_threads(
        self,
        threads: Mapping[str, dict[str, Message]],
        infos: Mapping[str, parse.ThreadInfo],
        feed: Feed,
        local: LocalView,
        cancel: threading.Event | None,
        feed_name: str,
    ) -> SyncBatch:
        topics: list[Topic] = []
        posts: list[Post] = []
        members = dict(feed.users)
        for thread_id, received in threads.items():
            info = infos.get(thread_id)
            stored = local.post_ids(thread_id)
            expected = info.messages_count if info is not None else 0
            if len(stored | set(received)) < expected or thread_id not in received:
                for message in self._thread_gap(
                    thread_id, received, stored, max(expected, len(received) + 1), cancel, members
                ):
                    received.setdefault(message.id, message)
            topic, thread_posts = self._build(thread_id, received, stored, info)
            topics.append(topic)
            posts.extend(thread_posts)
        self._fetched_messages += len(posts)
        return SyncBatch(
            categories=list(feed.groups.values()),
            members=list(members.values()),
            topics=topics,
            posts=posts,
            label=self._label(feed_name),
            done=min(self._fetched_messages, self._expected_messages) if self._expected_messages else 0,
            total=self._expected_messages,
        )

    def _latest_by_thread(self, feed: Feed) -> dict[str, int]:
        latest: dict[str, int] = {}
        for message in feed.all_messages():
            latest[message.thread_id] = max(latest.get(message.thread_id, 0), message.number)
        for thread_id, info in feed.threads.items():
            if thread_id in latest and info.latest_reply_id:
                latest[thread_id] = max(latest[thread_id], num(info.latest_reply_id))
        return latest

    def _threads_batch(
        self,
        feed: Feed,
        latest: Mapping[str, int],
        local: LocalView,
        cancel: threading.Event | None,
        feed_name: str,
    ) -> SyncBatch:
        topics: list[Topic] = []
        posts: list[Post] = []
        self._remember(feed.users.values())
        members = dict(feed.users)
        categories = list(feed.groups.values())
        by_thread: dict[str, list[Message]] = {}
        for message in feed.all_messages():
            by_thread.setdefault(message.thread_id, []).append(message)
        for thread_id in latest:
            received = {m.id: m for m in by_thread.get(thread_id, [])}
            info = feed.threads.get(thread_id)
            stored = local.post_ids(thread_id)
            expected = info.messages_count if info is not None else 0
            if len(stored | set(received)) < expected:
                for message in self._thread_gap(thread_id, received, stored, expected, cancel, members):
                    received.setdefault(message.id, message)
            topic, thread_posts = self._build(thread_id, received, stored, info)
            topics.append(topic)
            posts.extend(thread_posts)
        self._fetched_messages += len(posts)
        return SyncBatch(
            categories=categories,
            members=list(members.values()),
            topics=topics,
            posts=posts,
            label=self._label(feed_name),
            done=min(self._fetched_messages, self._expected_messages) if self._expected_messages else 0,
            total=self._expected_messages,
        )

    def _label(self, feed_name: str) -> str:
        what = {"all": "Network feed", "private": "Direct messages"}.get(feed_name, "Private community")
        if not self._expected_messages or not self._fetched_messages:
            return what
        left_messages = max(0, self._expected_messages - self._fetched_messages)
        # A walk reads 20 messages a request; once a few pages are in, the measured ratio (long threads
        # completed one by one cost more, thread pages with their latest replies less) takes over.
        per_message = 1 / PAGE_SIZE
        if self._message_requests >= 5:
            per_message = self._message_requests / self._fetched_messages
        left_requests = left_messages * per_message
        seconds = left_requests / self.pace if self.pace > 0 else 0.0
        # The budget sets the pace (10 requests / 30 s): a first sync takes minutes, and says so.
        return f"{what}: {self._fetched_messages:,}/~{self._expected_messages:,} messages, ~{_minutes(seconds)} left"

    def _thread_gap(
        self,
        thread_id: str,
        received: Mapping[str, Message],
        stored: set[str],
        expected: int,
        cancel: threading.Event | None,
        members: dict[str, Member],
    ) -> Iterator[Message]:
        """The messages between what is stored and the page's latest replies, 20 per request."""
        replies = [num(i) for i in received if i != thread_id]
        older_than = min(replies) if replies else None
        floor = max((num(i) for i in stored), default=0)
        have = set(stored) | set(received)
        while len(have) < expected:
            params: dict[str, Any] = {"limit": PAGE_SIZE}
            if older_than is not None:
                params["older_than"] = older_than
            self._message_requests += 1
            feed = parse.parse_feed(
                self.http.get_json(f"/messages/in_thread/{thread_id}.json", params, cancel=cancel)
            )
            self._count(feed.skipped)
            members.update(feed.users)
            self._remember(feed.users.values())
            numbers = [m.number for m in feed.messages]
            for message in feed.messages:
                have.add(message.id)
                yield message
            if not feed.messages or not feed.older_available or min(numbers) <= floor:
                return
            older_than = min(numbers)

    def _build(
        self,
        thread_id: str,
        received: Mapping[str, Message],
        stored: set[str],
        info: parse.ThreadInfo | None,
    ) -> tuple[Topic, list[Post]]:
        ordered = sorted(set(stored) | set(received), key=num)
        number = {message_id: index + 1 for index, message_id in enumerate(ordered)}
        posts = [self._post(m, number) for m in received.values()]
        starter = received.get(thread_id)
        newest = max(received.values(), key=lambda m: m.number, default=None)
        count = max(len(ordered), info.messages_count if info else 0)
        group_id = (starter.group_id if starter else None) or (info.group_id if info else None)
        direct = (starter.direct_message if starter else False) or (info.direct_message if info else False)
        announcement = starter is not None and starter.message_type == parse.ANNOUNCEMENT
        bumped = (info.latest_reply_at if info else None) or (newest.created_at if newest else None)
        topic = Topic(
            id=thread_id,
            title=parse.thread_title(starter, thread_id),
            category_id=None if direct else (group_id or parse.ALL_COMPANY_ID),
            author_id=starter.sender_id if starter else None,
            created_at=starter.created_at if starter else None,
            bumped_at=bumped,
            last_posted_at=bumped,
            posts_count=count,
            reply_count=max(0, count - 1),
            highest_post_number=count,
            like_count=sum(m.likes for m in received.values()),
            pinned=announcement,
            archetype=Archetype.PRIVATE_MESSAGE if direct else Archetype.REGULAR,
            tags=(parse.ANNOUNCEMENT,) if announcement else (),
            excerpt=(starter.plain[:200] if starter else ""),
        )
        return topic, posts

    def _post(self, message: Message, number: Mapping[str, int]) -> Post:
        return Post(
            id=message.id,
            topic_id=message.thread_id,
            post_number=number.get(message.id, 0),
            author_id=message.sender_id,
            username=self._username(message.sender_id),
            created_at=message.created_at,
            raw=message.plain,
            cooked=message.rich,
            reply_to_post_number=number.get(message.replied_to_id) if message.replied_to_id else None,
            like_count=message.likes,
        )

    def _username(self, sender_id: str | None) -> str:
        return self._usernames.get(sender_id or "", "")
