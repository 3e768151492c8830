"""The domain model shared by every platform, the store, the views and both front ends.

Platform ids are kept as strings: Discourse and NodeBB use small integers, Viva Engage uses 64-bit
integers that JSON tools mangle, HumHub uses integers and GUIDs. A string holds them all without loss.

Every timestamp is a timezone-aware ``datetime`` in UTC. Connectors convert on the way in; the store
keeps epoch seconds; the UI converts to local time for display only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

UTC = dt.UTC
_fromisoformat = dt.datetime.fromisoformat


def utcnow() -> dt.datetime:
    return dt.datetime.now(UTC)


def parse_time(value: Any) -> dt.datetime | None:
    """Parse an ISO-8601 timestamp as platforms send it (``2025-10-11T12:13:17.873Z``).

    Returns None for missing or unparseable values: a malformed date must never stop a sync.
    Naive timestamps are taken as UTC.
    """
    if type(value) is str:  # the usual case, thousands per sync: "2025-10-11T12:13:17.873Z"
        try:
            parsed = _fromisoformat(value)  # Python 3.11 reads the "Z"
        except ValueError:
            pass
        else:
            zone = parsed.tzinfo
            if zone is None:
                return parsed.replace(tzinfo=UTC)
            return parsed if zone is UTC else parsed.astimezone(UTC)
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(value, UTC)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


class Platform(enum.StrEnum):
    DISCOURSE = "discourse"
    HUMHUB = "humhub"
    VIVAENGAGE = "vivaengage"
    NODEBB = "nodebb"


class AuthKind(enum.StrEnum):
    """How an account signs in. The secret itself lives only in the OS keyring."""

    SANDBOX = "sandbox"  # the built-in practice community: a fixed, public, non-secret key
    ADMIN_KEY = "admin_key"  # Discourse Api-Key + Api-Username
    USER_KEY = "user_key"  # Discourse User-Api-Key + User-Api-Client-Id
    TOKEN = "token"  # bearer token (HumHub, NodeBB, Viva Engage)


class Archetype(enum.StrEnum):
    REGULAR = "regular"
    PRIVATE_MESSAGE = "private_message"


@dataclasses.dataclass(slots=True)
class Community:
    """One account on one site. Two accounts on the same site are two communities."""

    name: str  # unique, chosen by the user, used by the CLI ("sandbox", "acme-ideas")
    platform: Platform
    base_url: str
    username: str = ""
    auth_kind: AuthKind = AuthKind.USER_KEY
    title: str = ""
    settings: dict[str, Any] = dataclasses.field(default_factory=dict)
    id: int | None = None  # local row id, set by the store
    last_sync_at: dt.datetime | None = None
    last_sync_error: str | None = None


@dataclasses.dataclass(slots=True)
class Category:
    id: str
    name: str
    slug: str = ""
    parent_id: str | None = None
    color: str = ""
    position: int = 0
    read_restricted: bool = False
    description: str = ""
    topic_count: int = 0
    can_create_topic: bool | None = None  # may the synced account start topics here (None: unknown)


@dataclasses.dataclass(slots=True)
class Member:
    id: str
    username: str
    name: str = ""
    trust_level: int | None = None
    admin: bool = False
    moderator: bool = False
    created_at: dt.datetime | None = None
    last_seen_at: dt.datetime | None = None
    last_posted_at: dt.datetime | None = None
    post_count: int | None = None
    topic_count: int | None = None
    posts_read: int | None = None  # None: the platform does not report reads
    days_visited: int | None = None
    topics_entered: int | None = None
    likes_given: int | None = None
    likes_received: int | None = None
    time_read: int | None = None  # seconds
    # How the platform addresses this member in a private message when not by ``id`` (HumHub's guid);
    # None when the platform uses the id or did not say.
    address: str | None = None

    @property
    def staff(self) -> bool:
        return self.admin or self.moderator

    def merged(self, newer: Member) -> Member:
        """This member updated with every field ``newer`` knows (None means "not reported")."""
        values = {}
        for field in dataclasses.fields(self):
            new_value = getattr(newer, field.name)
            values[field.name] = getattr(self, field.name) if new_value in (None, "") else new_value
        return Member(**values)


@dataclasses.dataclass(slots=True)
class Topic:
    id: str
    title: str
    slug: str = ""
    category_id: str | None = None
    author_id: str | None = None
    created_at: dt.datetime | None = None
    bumped_at: dt.datetime | None = None
    last_posted_at: dt.datetime | None = None
    posts_count: int = 0  # the first post included
    reply_count: int = 0
    highest_post_number: int = 0
    views: int = 0
    like_count: int = 0
    participant_count: int | None = None
    closed: bool = False
    archived: bool = False
    pinned: bool = False
    visible: bool = True  # False: unlisted
    archetype: Archetype = Archetype.REGULAR
    has_accepted_answer: bool | None = None  # None: the platform has no solved answers
    tags: tuple[str, ...] = ()
    deleted_at: dt.datetime | None = None
    last_poster_username: str = ""
    excerpt: str = ""


@dataclasses.dataclass(slots=True)
class Post:
    id: str
    topic_id: str
    post_number: int
    author_id: str | None = None
    username: str = ""
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    raw: str | None = None  # markup as typed, when the platform gives it
    cooked: str = ""  # HTML as the platform renders it: never shown without sanitizing
    reply_to_post_number: int | None = None
    like_count: int = 0
    post_type: int = 1  # Discourse: 1 regular, 2 moderator action, 3 small action, 4 whisper
    hidden: bool = False
    deleted_at: dt.datetime | None = None
    user_deleted: bool = False
    staff: bool = False  # author was staff when the post was served

    @property
    def is_regular(self) -> bool:
        return self.post_type == 1 and not self.hidden and self.deleted_at is None and not self.user_deleted


@dataclasses.dataclass(slots=True)
class SyncBatch:
    """What one step of a sync brings home, stored in one transaction together with ``cursor``.

    A connector's ``pull`` yields these; the sync engine writes each one atomically, so a sync cut at
    any point resumes from the cursor of the last batch stored without refetching what it already has.
    """

    categories: list[Category] = dataclasses.field(default_factory=list)
    members: list[Member] = dataclasses.field(default_factory=list)
    topics: list[Topic] = dataclasses.field(default_factory=list)
    posts: list[Post] = dataclasses.field(default_factory=list)
    removed_post_ids: list[str] = dataclasses.field(default_factory=list)  # gone from the server
    # Topics the account no longer sees in the site's lists (deleted, unlisted, hidden): stored as not
    # visible, so no view lists them (a topic pass that lists one again makes it visible again).
    unlisted_topic_ids: list[str] = dataclasses.field(default_factory=list)
    cursor: dict[str, Any] = dataclasses.field(default_factory=dict)  # merged into the stored cursor
    label: str = ""  # what this step was, for progress ("Topics, page 3")
    done: int = 0  # progress: steps done so far / expected total (0 when unknown)
    total: int = 0
