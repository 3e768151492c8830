"""What every platform connector promises the rest of the app: the protocol, its capabilities, its errors.

The sync engine, the outbox, the CLI and the GUI only ever talk to a ``Connector``. A connector turns one
platform's API into the domain model (``moderator.model``) and nothing else: it never touches the store,
it never imports Qt, and all of the platform's paging, rate limits and quirks stay inside it.

The protocol (Discourse is the reference implementation, ``moderator.platforms.discourse``):

- ``capabilities()`` says what this *account* on this site can do, declared from what the platform
  documents and what ``whoami`` revealed (staff or not), never guessed from a failed call.
- ``whoami()`` is the member the app acts as.
- ``pull(cursor, *, local=None, cancel=None)`` yields ``SyncBatch`` objects. Each batch carries the cursor
  update that makes resuming correct once the batch is stored; the generator only continues after the
  engine has stored the previous batch, so ``local`` (a read-only ``LocalView`` of what is stored) already
  reflects it. ``local`` is an addition to the bare ``pull(cursor)``: a frugal connector must know which
  posts it already has to ask only for the missing ones, and keeping that in the cursor would mean
  rewriting a large JSON blob with every batch.
- ``fetch_topic`` reads one topic and all its posts on demand; ``post_reply`` answers with a
  ``PostResult`` (created, enqueued for approval, or rejected with the server's reasons); ``find_reply``
  looks for a reply already on the server, so that an outbox whose connection dropped mid-POST can tell
  "it was posted" from "it was not" before sending again (exactly once).
- ``send_private_message(recipients, title, raw, *, member_ids=None)`` starts a private conversation (a
  nudge, an invitation to answer) and answers with a ``PostResult`` like ``post_reply``;
  ``find_private_message`` is its exactly-once twin: the message already sent to those recipients with
  that text, if any. Recipients are usernames; ``member_ids`` maps them to the members' ids in the local
  copy (the outbox reads them from the store), for a platform that addresses people by id (Viva Engage).
  Only called when ``capabilities().private_messages`` is true; a platform without direct messages
  declares False (the UI then offers to copy the text) and may raise ``UnsupportedPlatform`` from both.
  A platform whose private messages have no title (Viva Engage) sends the title as the first line;
  ``moderator.platforms.private_message_titles`` tells the GUI so, without a connector.

How the other platforms map onto it (read from ``shared/platforms/``):

- **HumHub** (implemented: ``moderator.platforms.humhub``, see its connector's docstring): spaces →
  ``Category``; posts → ``Topic`` with their first ``Post``; comments → replies; ``pull`` follows the activity
  stream and the newest posts. Capabilities: posting, new_topics (a post in a space), likes; staff_member_list for ManageUsers tokens;
  private_messages when the site has the Messages (mail) module (a conversation: title, message,
  recipients by guid, ``Member.address``; probed by ``whoami``, kept in the community's settings as
  ``mail_module`` through ``account_settings``); no read_statistics, solved_answers, server bookmarks or drafts.
- **Viva Engage** (implemented: ``moderator.platforms.vivaengage``, whose docstring is the reference; the
  plan it followed): groups →
  ``Category``; threads → ``Topic``; messages → ``Post`` (``replied_to_id`` maps to reply_to_post_number
  through the thread's message order). Ids are 64-bit and stay strings. ``pull`` walks
  ``/messages.json?newer_than=<last id>`` (20 per page, ``older_than`` to page back) and fetches
  ``/messages/in_thread/{id}.json`` only for threads it cannot complete; users from ``/users.json`` pages
  (with ``stats``). Its ``HttpClient`` budget is two buckets (message calls, the rest) of 10 per 30 s.
  Capabilities: posting, likes, new_topics, private_messages (direct messages: ``POST /messages.json``
  with ``direct_to_user_ids``, found again in ``/messages/private.json``; no title of their own),
  staff_member_list for verified admins; no read_statistics, no solved_answers (questions exist but
  "best answer" is not in the v1 API), no votes.
- **NodeBB** (Read API ``/api/...`` + Write API ``/api/v3``, ``Authorization: Bearer``): categories →
  ``Category``; ``/api/recent`` pages (bumped order) until older than the cursor mark → ``Topic``;
  ``/api/topic/{tid}?page=`` for changed topics → ``Post`` (``postcount`` includes the first post, content
  is HTML, timestamps are epoch ms). Write answers wrap ``{"status", "response"}``; ``queued: true`` maps to
  ``PostStatus.ENQUEUED``. Members from ``/api/users``; admin tokens add ``/api/admin/manage/users/*``
  (staff_member_list). Capabilities: posting, likes, votes (upvotes), private_messages (chats, read only
  here), solved_answers only with the Q&A plugin; no read_statistics.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from moderator.messages import LOCAL_COPY_INTACT, QT_TRANSLATE_NOOP, Translatable
from moderator.model import Community, Member, Platform, Post, SyncBatch, Topic
from moderator.review.model import PerformResult, ReviewItem


@dataclasses.dataclass(frozen=True, slots=True)
class Capabilities:
    """What this account can do on this site. False means the feature is hidden, not that it failed."""

    read_statistics: bool = False  # posts read / days visited reported per member
    solved_answers: bool = False  # topics can have an accepted answer
    server_bookmarks: bool = False  # reminders can be mirrored as server bookmarks
    server_drafts: bool = False  # drafts can be kept on the server
    posting: bool = False
    likes: bool = False
    votes: bool = False
    staff_member_list: bool = False  # the full member list with private statistics (staff only)
    private_messages: bool = False  # can start a private conversation with a member (nudges)
    new_topics: bool = False  # the account may start topics (in the categories that allow it)
    review_queue: bool = False  # the moderation queue (flags, posts awaiting approval): staff only
    topic_recheck: bool = False  # queued topics can be re-checked cheaply (``TopicRechecker``)


class PostStatus(enum.StrEnum):
    CREATED = "created"
    ENQUEUED = "enqueued"  # waiting for a moderator's approval: not a failure
    REJECTED = "rejected"  # the server said no (too short, duplicate, closed topic...)


@dataclasses.dataclass(frozen=True, slots=True)
class PostResult:
    status: PostStatus
    post: Post | None = None
    reasons: tuple[str, ...] = ()  # the server's words, shown to the user as they are

    @property
    def ok(self) -> bool:
        return self.status is not PostStatus.REJECTED


# -- errors ------------------------------------------------------------------------------------------


class PlatformError(Translatable, Exception):
    """A remote call failed. ``message`` is for the user: what happened and what to do about it.

    Built from a template and parameters (``moderator.messages``) so the GUI can say it in the user's
    language; a ``message`` given as is (a connector's own words) is shown as is.
    """

    default_message = QT_TRANSLATE_NOOP(
        "errors", "The community's server could not be used. Try again later."
    )
    default_tail: str | None = None

    def __init__(
        self,
        message: str | None = None,
        *,
        template: str | None = None,
        tail: str | None = None,
        **params: Any,
    ) -> None:
        if message is not None:
            self.template, self.params, self.tail = None, {}, None
            self.message = message
        else:
            tail = self.default_tail if tail is None else tail  # "": no tail at all
            self.message = self._compose(template or self.default_message, params, tail or None)
        super().__init__(self.message)


class AuthenticationError(PlatformError):
    default_message = QT_TRANSLATE_NOOP(
        "errors",
        "The server did not accept this account's key. It may have been revoked or mistyped: "
        "open the account settings and enter a new key.",
    )


class SignInRequired(AuthenticationError):
    """No usable key on this computer for the account (kept for one session only, keyring gone or
    emptied): nothing was sent. The user signs in again; ``community`` names the account."""

    def __init__(self, community: str, message: str | None = None) -> None:
        self.community = community
        super().__init__(
            message
            or f"Sign in again to {community}: its key is not on this computer any more (it was kept for "
            "one session only, or the keyring was emptied)."
        )


class PermissionDenied(PlatformError):
    default_message = QT_TRANSLATE_NOOP(
        "errors",
        "This account is not allowed to do that on this community. Ask a site administrator for the "
        "permission, or use another account.",
    )


class NotFound(PlatformError):
    default_message = QT_TRANSLATE_NOOP(
        "errors", "The server says this no longer exists (deleted, moved or made private)."
    )


class RateLimited(PlatformError):
    def __init__(self, wait_seconds: float | None = None, message: str | None = None) -> None:
        self.wait_seconds = wait_seconds
        if message is not None:
            super().__init__(message)
            return
        minutes = max(1, round(wait_seconds / 60)) if wait_seconds else 0
        if wait_seconds and wait_seconds < 90:
            template = QT_TRANSLATE_NOOP(
                "errors",
                "The server asks the app to slow down (rate limit reached). Nothing was lost; sync again in "
                "about {seconds} seconds.",
            )
        elif wait_seconds:
            template = QT_TRANSLATE_NOOP(
                "errors",
                "The server asks the app to slow down (rate limit reached). Nothing was lost; sync again in "
                "about {minutes} minutes.",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "errors",
                "The server asks the app to slow down (rate limit reached). Nothing was lost; sync again in "
                "a few minutes.",
            )
        super().__init__(template=template, seconds=max(1, round(wait_seconds or 0)), minutes=minutes)


class Offline(PlatformError):
    """The server could not be reached. ``hint`` says why in a sentence; the tail (the local copy is
    intact) is left out where there is no local copy yet (adding a community)."""

    default_message = QT_TRANSLATE_NOOP(
        "errors", "The server could not be reached (no network, the address is wrong, or the site is down)."
    )
    default_tail = LOCAL_COPY_INTACT


class ServerError(PlatformError):
    default_message = QT_TRANSLATE_NOOP(
        "errors",
        "The server had an internal problem (HTTP {status}). Try again later, and tell the site's "
        "administrators if it persists.",
    )

    def __init__(self, status: int, message: str | None = None) -> None:
        self.status = status
        if message is not None:
            super().__init__(message)
        else:
            super().__init__(status=status)


class MalformedResponse(PlatformError):
    default_message = QT_TRANSLATE_NOOP(
        "errors",
        "The server answered with something the app does not understand (cut off or not the expected "
        "format). Try again; if it persists the site may run an incompatible version.",
    )


class RequestRejected(PlatformError):
    """The server refused the request as invalid (HTTP 400/409/422...), with its reasons."""

    def __init__(self, reasons: Iterable[str] = (), *, status: int = 422, message: str | None = None) -> None:
        self.reasons = tuple(reasons)
        self.status = status
        if message is not None:
            super().__init__(message)
        elif self.reasons:
            # The reasons are the server's words, in the site's language: passed through.
            super().__init__(
                template=QT_TRANSLATE_NOOP("errors", "The server refused: {reasons}"),
                reasons=" ".join(self.reasons),
            )
        else:
            super().__init__(template=QT_TRANSLATE_NOOP("errors", "The server refused the request."))


class PostRejected(RequestRejected):
    def __init__(self, reasons: Iterable[str] = (), *, status: int = 422) -> None:
        reasons = tuple(reasons)
        self.reasons = reasons
        self.status = status
        if reasons:
            PlatformError.__init__(
                self,
                template=QT_TRANSLATE_NOOP(
                    "errors", "The server did not accept the post: {reasons} Edit it and send it again."
                ),
                reasons=" ".join(reasons),
            )
        else:
            PlatformError.__init__(
                self,
                template=QT_TRANSLATE_NOOP(
                    "errors",
                    "The server did not accept the post (no reason given). Edit it and send it again.",
                ),
            )


class ReviewConflict(RequestRejected):
    """The moderation item changed on the server since it was read (Discourse: 409 on its version)."""

    def __init__(self, reasons: Iterable[str] = ()) -> None:
        super().__init__(
            reasons,
            status=409,
            message="Another moderator acted first: the item changed on the server since it was read.",
        )


class InsecureConnection(PlatformError, ValueError):
    """Refused before anything was sent: the address would expose the key (a ValueError for forms)."""

    default_message = QT_TRANSLATE_NOOP(
        "errors",
        "The address uses plain http://, which would send your key unencrypted. Use https:// "
        "(plain http is only allowed for this computer itself: localhost).",
    )


class UnsupportedPlatform(PlatformError):
    default_message = QT_TRANSLATE_NOOP(
        "errors", "This platform is not supported yet by this version of the app."
    )


class Cancelled(Exception):  # not a PlatformError: the user asked to stop
    """The user cancelled; raised between requests, never in the middle of storing a batch."""


# -- what the connector may know about the local copy ------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class StoredTopic:
    """What the local copy holds for one topic, as far as deciding what to fetch is concerned.

    The ``row_*`` fields are None when posts of the topic are stored but the topic itself is not yet
    (a sync stores a changed topic only together with, or after, its posts).
    """

    row_bumped_at: int | None  # epoch seconds, as stored
    row_posts_count: int | None
    row_highest_post_number: int | None
    stored_posts: int  # stored posts a topic's posts_count counts: regular (type 1), not deleted
    max_post_number: int  # highest post_number stored, whatever its type or state (0: none)


class LocalView(Protocol):
    """Read-only questions a connector may ask about the local copy of its community."""

    def topics(self, topic_ids: Iterable[str]) -> dict[str, StoredTopic]:
        """What is stored for these topics; topics with neither a row nor posts are left out."""
        ...

    def post_ids(self, topic_id: str) -> set[str]: ...

    def orphan_topic_ids(self) -> set[str]:
        """Topics whose posts are stored but not the topic itself (a pass that stopped midway, or
        topics the site's lists never show, like Discourse's category definition topics)."""
        ...

    # Optional (HumHub uses it when present): ``topic_row(topic_id) -> Topic | None``, the stored topic.


class MemoryLocalView:
    """A ``LocalView`` over batches kept in memory: for tests and tools that have no store."""

    def __init__(self) -> None:
        self.topics_by_id: dict[str, Topic] = {}
        self.posts_by_id: dict[str, Post] = {}
        self.members_by_id: dict[str, Member] = {}
        self.cursor: dict[str, Any] = {}

    def apply(self, batch: SyncBatch) -> None:
        for topic in batch.topics:
            self.topics_by_id[topic.id] = topic
        for post in batch.posts:
            self.posts_by_id[post.id] = post
        for member in batch.members:
            self.members_by_id[member.id] = member
        for post_id in batch.removed_post_ids:
            self.posts_by_id.pop(post_id, None)
        for topic_id in batch.unlisted_topic_ids:
            if topic_id in self.topics_by_id:
                self.topics_by_id[topic_id].visible = False
        self.cursor.update(batch.cursor)

    def topics(self, topic_ids: Iterable[str]) -> dict[str, StoredTopic]:
        wanted = set(topic_ids)
        counts: dict[str, list[int]] = {}
        for post in self.posts_by_id.values():
            if post.topic_id in wanted:
                entry = counts.setdefault(post.topic_id, [0, 0])
                entry[0] += post.post_type == 1 and post.deleted_at is None
                entry[1] = max(entry[1], post.post_number)
        result: dict[str, StoredTopic] = {}
        for topic_id in wanted:
            topic = self.topics_by_id.get(topic_id)
            if topic is None and topic_id not in counts:
                continue
            stored, highest = counts.get(topic_id, [0, 0])
            if topic is None:
                result[topic_id] = StoredTopic(None, None, None, stored, highest)
                continue
            bumped = None if topic.bumped_at is None else int(topic.bumped_at.timestamp())
            result[topic_id] = StoredTopic(
                bumped, topic.posts_count, topic.highest_post_number, stored, highest
            )
        return result

    def post_ids(self, topic_id: str) -> set[str]:
        return {p.id for p in self.posts_by_id.values() if p.topic_id == topic_id}

    def orphan_topic_ids(self) -> set[str]:
        return {p.topic_id for p in self.posts_by_id.values()} - set(self.topics_by_id)

    def topic_row(self, topic_id: str) -> Topic | None:
        topic = self.topics_by_id.get(topic_id)
        return None if topic is None else dataclasses.replace(topic)


# -- the protocol ------------------------------------------------------------------------------------


@runtime_checkable
class Connector(Protocol):
    """One account on one site. Thread-confined: use one connector per thread (``sync_all`` does)."""

    platform: Platform
    community: Community

    @property
    def requests_made(self) -> int:
        """HTTP requests sent so far (retries included): what the server's rate limits count."""
        ...

    @property
    def items_skipped(self) -> int:
        """Malformed items skipped while parsing (counted, never fatal)."""
        ...

    def capabilities(self) -> Capabilities: ...

    def whoami(self, *, cancel: threading.Event | None = None) -> Member: ...

    def pull(
        self,
        cursor: dict[str, Any],
        *,
        local: LocalView | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[SyncBatch]: ...

    def fetch_topic(self, topic_id: str) -> tuple[Topic, list[Post]]: ...

    def post_reply(
        self, topic_id: str, raw: str, *, reply_to_post_number: int | None = None
    ) -> PostResult: ...

    def find_reply(self, topic_id: str, raw: str, *, since: dt.datetime) -> Post | None: ...

    def create_topic(
        self, title: str, raw: str, *, category_id: str | None = None, tags: Sequence[str] = ()
    ) -> PostResult:
        """Start a topic (its first post is ``raw``); ``PostResult.post.topic_id`` is the new topic."""
        ...

    def find_topic(self, title: str, raw: str, *, since: dt.datetime) -> Post | None:
        """Our topic with this title and first post created after ``since``, if the server has it
        (the outbox asks before starting it again when an answer was lost)."""
        ...

    def send_private_message(
        self,
        recipients: Sequence[str],
        title: str,
        raw: str,
        *,
        member_ids: Mapping[str, str] | None = None,
    ) -> PostResult:
        """A new private conversation with ``recipients`` (usernames); ``PostResult.post`` is its first post.

        ``member_ids`` maps those usernames to the members' ids in the local copy (the platform's own
        ids, as ``pull`` gave them): a platform that addresses people by id uses them, the others ignore
        them. A recipient it cannot address is a ``REJECTED`` result whose reason says what to do."""
        ...

    def find_private_message(
        self,
        recipients: Sequence[str],
        title: str,
        raw: str,
        *,
        since: dt.datetime,
        member_ids: Mapping[str, str] | None = None,
    ) -> Post | None:
        """The private message this account already sent them with this text after ``since``, if any."""
        ...

    def web_url(self, topic_id: str | None = None, post_number: int | None = None) -> str: ...

    def close(self) -> None: ...


@runtime_checkable
class ReviewQueueConnector(Protocol):
    """The moderation queue, for connectors whose ``capabilities().review_queue`` can be True.

    Separate from ``Connector`` so that a platform without a queue implements nothing; callers check
    the capability (declared from ``whoami``: staff only) before calling any of these.

    - ``review_count`` is the cheap probe (one request): the number of pending items.
    - ``review_list`` reads every pending item (bounded), with the actions offered for each.
    - ``review_show`` reads one item, whatever its status, and who last changed it (``None``: unknown).
    - ``review_perform`` sends one decision with the item's ``version``; a stale version raises
      ``ReviewConflict``. Not retried by the HTTP layer: the review sender decides (exactly once).
    """

    def review_count(self, *, cancel: threading.Event | None = None) -> int: ...

    def review_list(self, *, cancel: threading.Event | None = None) -> list[ReviewItem]: ...

    def review_show(self, item_id: str) -> tuple[ReviewItem, str | None]: ...

    def review_perform(self, item_id: str, action_id: str, version: int) -> PerformResult: ...


@runtime_checkable
class TopicRechecker(Protocol):
    """Optional: re-read the current state of given topics, cheaply, without a topic pass.

    Why: a platform's "what changed" list may not show every change (on Discourse, closing, archiving,
    unlisting or deleting a topic does not bump it), so topics would wait in the unanswered queue or
    the trending list long after they left the site's lists. The sync engine asks for the topics
    those views show (``moderator.recheck``), every few minutes and at once on a manual refresh.

    ``recheck_topics`` yields ``SyncBatch``es like ``pull`` (a changed topic stored only with its
    posts), and lists in ``unlisted_topic_ids`` the topics the account can no longer see in the
    site's lists (deleted, unlisted, moved to a hidden category, muted). A connector that implements
    it says so with ``Capabilities.topic_recheck``; the cost should stay near one request per 100
    topics (Discourse: ``/latest.json?topic_ids=``).
    """

    def recheck_topics(
        self,
        topic_ids: Sequence[str],
        *,
        local: LocalView | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[SyncBatch]: ...


# -- finding what was sent before a retry (every connector's find_* methods) ----------------------

CLOCK_SKEW = dt.timedelta(minutes=5)  # a post found "since" an attempt may carry a server clock this far behind


def same_text(a: str, b: str) -> bool:
    """Equal once runs of whitespace are folded (servers trim and re-wrap what they store)."""
    return " ".join(a.split()) == " ".join(b.split())
