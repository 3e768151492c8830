"""What a moderation queue holds, platform-neutral: the items, their actions, what a perform answered.

A connector that declares ``Capabilities.review_queue`` turns its platform's queue into these; the
store keeps them (``moderator.review.store``), the views and the CLI read them from there. Plain data,
no platform names in it: Discourse's reviewables map one to one, other platforms' "reported content"
would map the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

PENDING = "pending"

# Words in an action's server name that make it destructive: the UI asks before queueing it.
DESTRUCTIVE_WORDS = ("delete", "suspend", "silence", "block", "destroy")


@dataclasses.dataclass(frozen=True, slots=True)
class ReviewAction:
    """One decision the platform offers for one item (Discourse: an action of a bundle)."""

    id: str  # what the perform call names (Discourse: ``server_action``, e.g. "agree_and_hide")
    label: str  # the platform's words ("Agree and hide post")
    group: str = ""  # the bundle it belongs to ("agree", "disagree", "ignore"...)
    description: str = ""
    confirm_message: str = ""  # the platform asks to confirm this one

    @property
    def destructive(self) -> bool:
        name = self.id.lower()
        return bool(self.confirm_message) or any(word in name for word in DESTRUCTIVE_WORDS)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> ReviewAction | None:
        if not isinstance(data, dict) or not data.get("id"):
            return None
        return cls(
            id=str(data["id"]),
            label=str(data.get("label") or data["id"]),
            group=str(data.get("group") or ""),
            description=str(data.get("description") or ""),
            confirm_message=str(data.get("confirm_message") or ""),
        )


@dataclasses.dataclass(frozen=True, slots=True)
class Flag:
    """One member's report on the item (Discourse: a reviewable score)."""

    username: str
    reason: str  # the flag type's title ("Spam", "Inappropriate") or the platform's reason text
    created_at: dt.datetime | None = None


@dataclasses.dataclass(slots=True)
class ReviewItem:
    """One pending item of a moderation queue."""

    id: str  # the platform's id of the item (Discourse: the reviewable's id)
    type: str  # "flagged_post", "queued_post", "user" or the platform's own name
    status: str = PENDING
    score: float = 0.0
    version: int = 0  # what an action must name so that a stale decision is refused
    created_at: dt.datetime | None = None
    reasons: tuple[str, ...] = ()  # why it is there: flag types, or "new user's first post"...
    flags: tuple[Flag, ...] = ()
    actions: tuple[ReviewAction, ...] = ()
    target_post_id: str | None = None
    target_topic_id: str | None = None
    target_post_number: int | None = None
    category_id: str | None = None
    topic_title: str = ""
    excerpt: str = ""  # the flagged or queued text, as the platform's raw (rendered by the app)
    cooked: str = ""  # the platform's HTML for it, when given (sanitized before display)
    author_id: str | None = None
    author_username: str = ""
    author: dict[str, Any] = dataclasses.field(default_factory=dict)  # history: see AUTHOR_FIELDS
    url: str = ""

    def action(self, action_id: str) -> ReviewAction | None:
        return next((a for a in self.actions if a.id == action_id), None)


# What ``ReviewItem.author`` may hold about the author's history (all optional).
AUTHOR_FIELDS = (
    "trust_level",
    "created_at",  # ISO 8601: the account's age
    "post_count",
    "topic_count",
    "flags_agreed",  # flags this member made that moderators agreed with
    "silenced_count",
    "suspended_count",
    "rejected_posts_count",
)


@dataclasses.dataclass(frozen=True, slots=True)
class PerformResult:
    """What the platform answered to an action."""

    transition_to: str = ""  # the item's new status ("approved", "rejected", "ignored", "deleted")
    version: int | None = None
    remaining: int | None = None  # the queue's size after it, when the platform says
