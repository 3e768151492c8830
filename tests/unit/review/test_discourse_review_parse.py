"""Parsing Discourse's review answers: the current rest_serializer shape and the older one.

The bodies are written from DC's serializers (``ReviewableSerializer``, ``ReviewableScoreSerializer``,
``ReviewableBundledActionSerializer``, ``ReviewableActionSerializer``) and
``ReviewablesController#index``, not from the sandbox.
"""

from __future__ import annotations

from typing import Any

import pytest

from moderator.platforms.base import MalformedResponse
from moderator.platforms.discourse.review import parse_review_page

CURRENT: dict[str, Any] = {
    "reviewables": [
        {
            "id": 42,
            "type": "ReviewableFlaggedPost",
            "status": 0,
            "topic_id": 7,
            "target_type": "Post",
            "target_id": 301,
            "post_id": 301,
            "target_url": "https://forum.example.org/t/welcome/7/3",
            "topic_url": "https://forum.example.org/t/welcome/7",
            "category_id": 4,
            "created_at": "2026-11-30T10:00:00.000Z",
            "score": 9.5,
            "version": 3,
            "raw": "Buy cheap watches",
            "cooked": "<p>Buy cheap watches</p>",
            "target_created_by_id": 12,
            "created_by_id": 13,
            "target_created_by_trust_level": 0,
            "reviewable_score_ids": [5, 6],
            "bundled_action_ids": ["42-agree", "42-disagree"],
        },
        {"type": "ReviewableFlaggedPost"},  # no id: skipped, counted
    ],
    "meta": {
        "total_rows_reviewables": 11,
        "load_more_reviewables": "/review?offset=10",
        "reviewable_count": 11,
    },
    "users": [
        {
            "id": 12,
            "username": "spammer",
            "post_count": 1,
            "created_at": "2026-11-29T09:00:00Z",
            "trust_level": 0,
            "silenced_count": 1,
            "rejected_posts_count": 2,
        },
        {"id": 13, "username": "alice"},
        {"id": 14, "username": "bob"},
    ],
    "topics": [{"id": 7, "title": "Welcome", "fancy_title": "Welcome &amp; hello"}],
    "reviewable_scores": [
        {"id": 5, "score": 5.0, "user_id": 13, "score_type_id": 8, "created_at": "2026-11-30T10:00:00Z"},
        {"id": 6, "score": 4.5, "user_id": 14, "score_type_id": 4, "reason": "<b>watched</b> word"},
    ],
    "score_types": [{"id": 8, "title": "Spam", "type": "spam"}, {"id": 4, "title": "Inappropriate"}],
    "bundled_actions": [
        {"id": "42-agree", "label": "Agree…", "action_ids": ["42-agree_and_hide", "42-agree_and_suspend"]},
        {"id": "42-disagree", "action_ids": ["42-disagree", "42-delete_and_agree_replies"]},
    ],
    "actions": [
        {"id": "42-agree_and_hide", "server_action": "agree_and_hide", "label": "Hide post"},
        {
            "id": "42-agree_and_suspend",
            "server_action": "agree_and_suspend",
            "label": "Suspend",
            "client_action": "suspend",
        },
        {"id": "42-disagree", "server_action": "disagree", "label": "Disagree"},
        {
            "id": "42-delete_and_agree_replies",
            "server_action": "delete_and_agree_replies",
            "label": "Delete post and replies",
            "confirm_message": "Are you sure?",
        },
    ],
}


def test_current_shape() -> None:
    items, more, skipped = parse_review_page(CURRENT)
    assert more and skipped == 1
    (item,) = items
    assert (item.id, item.type, item.status, item.version, item.score) == (
        "42",
        "flagged_post",
        "pending",
        3,
        9.5,
    )
    assert (item.target_post_id, item.target_topic_id, item.target_post_number) == ("301", "7", 3)
    assert item.topic_title == "Welcome & hello"
    assert [(f.username, f.reason) for f in item.flags] == [("alice", "Spam"), ("bob", "Inappropriate")]
    assert item.reasons == ("Spam", "Inappropriate", "watched word")
    assert item.author_username == "spammer"
    assert item.author["silenced_count"] == 1 and item.author["trust_level"] == 0
    # The suspension needs Discourse's own dialog (client_action): not offered here.
    assert [a.id for a in item.actions] == ["agree_and_hide", "disagree", "delete_and_agree_replies"]
    assert [a.group for a in item.actions] == ["agree", "disagree", "disagree"]
    assert not item.action("agree_and_hide").destructive  # type: ignore[union-attr]
    assert item.action("delete_and_agree_replies").destructive  # type: ignore[union-attr]


def test_older_shape_nested_score_types_plain_action_ids_and_status_names() -> None:
    body = {
        "reviewables": [
            {
                "id": 9,
                "type": "ReviewableQueuedPost",
                "status": "pending",
                "version": 0,
                "created_by_id": 20,
                "payload": {"raw": "Hello, I am new", "title": "A new topic"},
                "reviewable_score_ids": [1],
                "bundled_action_ids": ["approve", "reject"],
            }
        ],
        "meta": {},
        "users": [{"id": 20, "username": "newbie"}],
        "reviewable_scores": [
            {"id": 1, "user_id": -1, "score_type": {"id": 9, "title": "Needs Approval"}, "reason": "new_user"}
        ],
        "bundled_actions": [
            {"id": "approve", "actions": [{"id": "approve_post", "label": "Approve"}]},
            {"id": "reject", "action_ids": ["reject_post"]},
        ],
        "actions": [{"id": "reject_post", "label": "Reject"}],
    }
    items, more, skipped = parse_review_page(body)
    (item,) = items
    assert not more and skipped == 0
    assert item.type == "queued_post" and item.author_username == "newbie"
    assert item.excerpt == "Hello, I am new" and item.topic_title == "A new topic"
    assert [f.username for f in item.flags] == [""]  # the system, not a member
    assert item.reasons == ("Needs Approval", "new_user")
    assert [a.id for a in item.actions] == ["approve_post", "reject_post"]


@pytest.mark.parametrize("body", [[], {"reviewables": "x"}, "<html>"])
def test_not_a_queue(body: object) -> None:
    with pytest.raises(MalformedResponse):
        parse_review_page(body)
