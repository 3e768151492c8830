"""What ``DiscourseConnector`` writes, and how it finds what it wrote before a retry.

Replies, new topics and private messages go out through ``POST /posts.json``; a 422 is a
``PostResult`` with the server's reasons, never an exception. Each ``find_*`` is what the outbox calls
before sending again after an attempt that got no answer: it looks where a post that reached the
server must be (the topic's last posts, the newest topics, the sent private messages), by this
account, since the attempt (minus five minutes of clock skew), with the same text once whitespace is
folded. A post whose list entry carries no raw text is opened to read it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from moderator.model import Member, Post
from moderator.platforms.base import CLOCK_SKEW, PostResult, PostStatus, RequestRejected, same_text
from moderator.platforms.discourse import parse
from moderator.platforms.http import HttpClient

IDS_PER_REQUEST = 50  # post_ids[] per /t/{id}/posts.json


class WritingMixin:
    """The posting methods of ``DiscourseConnector`` (see the module docstring)."""

    http: HttpClient
    _me: Member | None

    if TYPE_CHECKING:

        def whoami(self, *, cancel: threading.Event | None = None) -> Member: ...

    def _has_text(self, post: Post, raw: str) -> bool:
        """Whether ``post`` says ``raw`` (reading its raw text from the server when the list had none)."""
        text = post.raw
        if text is None:
            single = self.http.get_json(f"/posts/{quote(post.id)}.json")
            text = single.get("raw") if isinstance(single.get("raw"), str) else None
        if text is None or not same_text(text, raw):
            return False
        post.raw = text
        return True

    def post_reply(self, topic_id: str, raw: str, *, reply_to_post_number: int | None = None) -> PostResult:
        body: dict[str, Any] = {"topic_id": int(topic_id) if topic_id.isdigit() else topic_id, "raw": raw}
        if reply_to_post_number is not None:
            body["reply_to_post_number"] = reply_to_post_number
        try:
            answer = self.http.post_json("/posts.json", body)
        except RequestRejected as exc:
            return PostResult(PostStatus.REJECTED, reasons=exc.reasons or (exc.message,))
        return parse.parse_post_created(answer)

    def find_reply(self, topic_id: str, raw: str, *, since: dt.datetime) -> Post | None:
        """Our reply with this text posted after ``since`` (minus clock skew), if the server has it."""
        me = self._me or self.whoami()
        detail = parse.parse_topic_detail(
            self.http.get_json(f"/t/{quote(topic_id)}.json", {"include_raw": "true"})
        )
        tail = detail.stream[-IDS_PER_REQUEST:]
        by_id = {p.id: p for p in detail.posts}
        missing = [post_id for post_id in tail if post_id not in by_id]
        if missing:
            params: list[tuple[str, Any]] = [("post_ids[]", post_id) for post_id in missing]
            params.append(("include_raw", "true"))
            more = parse.parse_post_stream(
                self.http.get_json(f"/t/{quote(topic_id)}/posts.json", params), topic_id
            )
            by_id.update({p.id: p for p in more.posts})
        earliest = since - CLOCK_SKEW
        candidates = [
            p
            for post_id in reversed(tail)
            if (p := by_id.get(post_id)) is not None
            and p.username.lower() == me.username.lower()
            and (p.created_at is None or p.created_at >= earliest)
        ]
        for post in candidates:
            if self._has_text(post, raw):
                return post
        return None

    # -- new topics (animation posts) ------------------------------------------------------------------

    def create_topic(
        self, title: str, raw: str, *, category_id: str | None = None, tags: Sequence[str] = ()
    ) -> PostResult:
        """``POST /posts.json`` with a ``title`` (and ``category``, ``tags[]``): a new topic."""
        body: dict[str, Any] = {"title": title, "raw": raw}
        if category_id:
            body["category"] = int(category_id) if category_id.isdigit() else category_id
        if tags:
            body["tags"] = list(tags)
        try:
            answer = self.http.post_json("/posts.json", body)
        except RequestRejected as exc:
            return PostResult(PostStatus.REJECTED, reasons=exc.reasons or (exc.message,))
        return parse.parse_post_created(answer)

    def find_topic(self, title: str, raw: str, *, since: dt.datetime) -> Post | None:
        """Our topic with this title and first post, among the newest topics (``/latest.json?order=created``).

        A topic that reached the server is among the newest (a retry comes minutes later at most), so
        the first page is enough; each candidate with the same title created since ``since`` is opened
        to compare its first post's author and text.
        """
        me = self._me or self.whoami()
        page = parse.parse_topic_list(self.http.get_json("/latest.json", {"order": "created"}))
        earliest = since - CLOCK_SKEW
        for topic in page.topics:
            if not same_text(topic.title, title):
                continue
            if topic.created_at is not None and topic.created_at < earliest:
                continue
            detail = parse.parse_topic_detail(
                self.http.get_json(f"/t/{quote(topic.id)}.json", {"include_raw": "true"})
            )
            first = next((p for p in detail.posts if p.post_number == 1), None)
            if first is None or first.username.casefold() != me.username.casefold():
                continue
            if self._has_text(first, raw):
                return first
        return None

    # -- private messages (nudges, invitations) ------------------------------------------------

    def send_private_message(
        self,
        recipients: Sequence[str],
        title: str,
        raw: str,
        *,
        member_ids: Mapping[str, str] | None = None,
    ) -> PostResult:
        """``POST /posts.json`` with ``archetype=private_message``: a new PM topic and its first post.
        Discourse addresses members by username: ``member_ids`` is not needed."""
        body = {
            "title": title,
            "raw": raw,
            "archetype": "private_message",
            "target_recipients": ",".join(r.removeprefix("@") for r in recipients),
        }
        try:
            answer = self.http.post_json("/posts.json", body)
        except RequestRejected as exc:
            return PostResult(PostStatus.REJECTED, reasons=exc.reasons or (exc.message,))
        return parse.parse_post_created(answer)

    def find_private_message(
        self,
        recipients: Sequence[str],
        title: str,
        raw: str,
        *,
        since: dt.datetime,
        member_ids: Mapping[str, str] | None = None,
    ) -> Post | None:
        """Our PM with this title and text to these recipients, among the sent PMs' first page.

        A PM that reached the server is the newest of our sent messages (a retry comes minutes later
        at most), so page 0 of ``private-messages-sent`` is enough; each candidate with the same title
        created since ``since`` is opened to compare its first post's text and its recipients.
        """
        me = self._me or self.whoami()
        page = parse.parse_topic_list(
            self.http.get_json(f"/topics/private-messages-sent/{quote(me.username)}.json", {"page": 0})
        )
        earliest = since - CLOCK_SKEW
        wanted = {r.removeprefix("@").casefold() for r in recipients}
        for topic in page.topics:
            if not same_text(topic.title, title):
                continue
            if topic.created_at is not None and topic.created_at < earliest:
                continue
            body = self.http.get_json(f"/t/{quote(topic.id)}.json", {"include_raw": "true"})
            detail = parse.parse_topic_detail(body)
            if not wanted <= parse.parse_allowed_usernames(body):
                continue
            first = next((p for p in detail.posts if p.post_number == 1), None)
            if first is None or first.username.casefold() != me.username.casefold():
                continue
            if self._has_text(first, raw):
                return first
        return None
