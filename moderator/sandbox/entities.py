"""The sandbox world's records: plain slotted dataclasses, no behaviour beyond tiny helpers.

Why dataclasses and not dicts: at scale 30 the world holds 100k+ posts, and slots keep it small and
fast; JSON is built lazily per request from these records (``serializers``), never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

REGULAR = 1
SMALL_ACTION = 3


def iso(dt: datetime | None) -> str | None:
    """Discourse timestamp format: UTC, milliseconds, ``Z`` suffix."""
    if dt is None:
        return None
    dt = dt.astimezone(UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


@dataclass(slots=True, eq=False)
class User:
    id: int
    username: str
    name: str | None
    lang: str
    created_at: datetime
    role: str  # staff | regular | reader | gone_quiet | newcomer | newcomer_intro | lurker | system
    admin: bool = False
    moderator: bool = False
    trust_level: int = 1
    last_seen_at: datetime | None = None
    days_visited: int = 0
    posts_read: int = 0
    topics_entered: int = 0
    time_read: int = 0
    recent_time_read: int = 0
    title: str | None = None
    primary_group_id: int | None = None
    profile_view_count: int = 0
    # Maintained by World from posts/likes (never set by hand).
    post_count: int = 0
    topic_count: int = 0
    likes_given: int = 0
    likes_received: int = 0
    last_posted_at: datetime | None = None

    @property
    def staff(self) -> bool:
        return self.admin or self.moderator


@dataclass(slots=True, eq=False)
class Category:
    id: int
    key: str
    name: str
    slug: str
    color: str
    text_color: str
    emoji: str
    description_text: str
    position: int
    read_restricted: bool = False
    solved_enabled: bool = False
    staff_only_create: bool = False
    requires_approval: bool = False
    definition_topic_id: int | None = None


@dataclass(slots=True, eq=False)
class Post:
    id: int
    topic_id: int
    post_number: int
    user_id: int
    created_at: datetime
    raw: str
    reply_to_post_number: int | None = None
    likes: list[tuple[int, datetime]] = field(default_factory=list)
    deleted_at: datetime | None = None
    user_deleted: bool = False
    hidden: bool = False
    post_type: int = REGULAR
    accepted_answer: bool = False
    cooked_override: str | None = None
    updated_at: datetime | None = None
    reads: int = 0
    version: int = 1
    # Derived (World.refresh_topic)
    reply_count: int = 0
    cooked_cache: str | None = None

    @property
    def like_count(self) -> int:
        return len(self.likes)


@dataclass(slots=True, eq=False)
class Topic:
    id: int
    title: str
    slug: str
    category_id: int | None
    user_id: int
    created_at: datetime
    lang: str
    archetype: str = "regular"
    tags: list[str] = field(default_factory=list)
    views: int = 0
    pinned_at: datetime | None = None
    pinned_globally: bool = False
    closed: bool = False
    archived: bool = False
    visible: bool = True
    deleted_at: datetime | None = None
    allowed_user_ids: list[int] = field(default_factory=list)
    is_definition: bool = False
    image_url: str | None = None
    bumped_at: datetime | None = None
    posts: list[Post] = field(default_factory=list)
    # Derived (World.refresh_topic)
    posts_count: int = 0
    reply_count: int = 0
    highest_post_number: int = 0
    last_posted_at: datetime | None = None
    last_post_user_id: int = 0
    like_count: int = 0
    op_like_count: int = 0
    poster_counts: dict[int, int] = field(default_factory=dict)
    word_count: int = 0

    @property
    def is_pm(self) -> bool:
        return self.archetype == "private_message"

    @property
    def pinned(self) -> bool:
        return self.pinned_at is not None

    @property
    def participant_count(self) -> int:
        return len(self.poster_counts)

    @property
    def accepted_post(self) -> Post | None:
        for post in self.posts:
            if post.accepted_answer and post.deleted_at is None:
                return post
        return None


@dataclass(slots=True, eq=False)
class Bookmark:
    id: int
    user_id: int
    bookmarkable_type: str  # "Post" | "Topic"
    bookmarkable_id: int
    created_at: datetime
    updated_at: datetime
    name: str | None = None
    reminder_at: datetime | None = None
    auto_delete_preference: int = 3
    pinned: bool = False


@dataclass(slots=True, eq=False)
class UserApiKey:
    key: str
    user_id: int
    client_id: str
    scopes: tuple[str, ...] = ("read", "write")
    revoked: bool = False


@dataclass(slots=True, eq=False)
class PendingPost:
    """A post queued for approval (``{"action": "enqueued"}``), kept so tests can inspect it."""

    id: int
    user_id: int
    raw: str
    created_at: datetime
    topic_id: int | None
    title: str | None = None
    category_id: int | None = None


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking: decides visibility and the viewer-dependent fields of every payload."""

    user: User | None = None
    via: str = "anonymous"  # "api_key" | "user_api_key" | "anonymous"

    @property
    def logged_in(self) -> bool:
        return self.user is not None

    @property
    def staff(self) -> bool:
        return self.user is not None and self.user.staff

    @property
    def admin(self) -> bool:
        return self.user is not None and self.user.admin

    @property
    def user_id(self) -> int | None:
        return self.user.id if self.user is not None else None
