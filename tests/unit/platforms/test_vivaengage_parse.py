"""The Viva Engage parser on the captured responses (``shared/platforms/vivaengage/samples``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from moderator.platforms.base import MalformedResponse
from moderator.platforms.vivaengage import parse

SAMPLES = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "platforms" / "vivaengage" / "samples"
).resolve()


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def test_messages_feed_sample() -> None:
    feed = parse.parse_feed(sample("messages.json"))
    first, system = feed.messages
    assert first.id == "305298242" and first.thread_id == "305298242"
    assert first.created_at == dt.datetime(2013, 6, 25, 18, 14, 45, tzinfo=dt.UTC)
    assert first.likes == 1 and first.plain == "Testing yammer API..."
    assert first.group_id is None and not first.direct_message
    assert system.message_type == "system"
    assert feed.older_available is False and feed.skipped == 0


def test_message_in_thread_sample_is_a_direct_message() -> None:
    feed = parse.parse_feed(sample("messages_in_thread.json"))
    [message] = feed.messages
    assert message.direct_message
    assert "<a href=" in message.rich  # rich is HTML: the reading pane sanitizes it


def test_users_sample_and_states() -> None:
    members, skipped = parse.parse_users_page(sample("users.json"))
    [joe] = members
    assert skipped == 0
    assert (joe.id, joe.username, joe.name) == ("123456", "jcamel", "Joe Camel")
    assert joe.admin is False  # "false" as a string
    assert joe.post_count == 2
    assert joe.last_seen_at == joe.created_at == dt.datetime(2009, 6, 4, 19, 56, 21, tzinfo=dt.UTC)
    pending = parse.parse_user(
        {"type": "user", "id": 9, "name": "new", "state": "pending", "activated_at": None}
    )
    assert pending is not None and pending.last_seen_at is None  # never seen


def test_user_current_sample_and_group_sample() -> None:
    user = parse.parse_user(sample("user.json"))
    assert user is not None and user.username == "jsmith" and not user.admin
    group = parse.parse_group(sample("group.json"))
    assert group is not None
    assert (group.id, group.name, group.slug, group.read_restricted) == (
        "2528",
        "RAILS TEAM",
        "railsteam",
        False,
    )


def test_thread_reference_counts_messages() -> None:
    thread = parse.parse_thread(sample("portal_thread.json"))
    assert thread is not None
    assert thread.messages_count == 2 and thread.direct_message
    assert thread.latest_reply_at == dt.datetime(2013, 3, 14, 20, 24, 27, tzinfo=dt.UTC)


def test_bad_items_are_skipped_and_a_bad_shape_refused() -> None:
    feed = parse.parse_feed({"messages": [{"id": "x"}, 5, {"id": 7, "body": {"plain": "ok"}}]})
    assert [m.id for m in feed.messages] == ["7"] and feed.skipped == 2
    with pytest.raises(MalformedResponse):
        parse.parse_feed(["not", "a", "feed"])
    with pytest.raises(MalformedResponse):
        parse.parse_users_page({"users": []})


def test_titles_from_the_starter() -> None:
    message = parse.parse_message({"id": 1, "body": {"plain": "\n  First line here\nsecond"}})
    assert parse.thread_title(message, "1") == "First line here"
    announcement = parse.parse_message({"id": 2, "title": "Town hall", "body": {"plain": "x"}})
    assert parse.thread_title(announcement, "2") == "Town hall"
    long = parse.parse_message({"id": 3, "body": {"plain": "word " * 50}})
    assert len(parse.thread_title(long, "3")) <= parse.TITLE_LENGTH


def test_network_permalink_for_web_addresses() -> None:
    assert parse.network_permalink(sample("user.json")) == "yammer-inc.com"
    assert parse.network_permalink({"web_url": "https://www.yammer.com/redhat.com/users/jcamel"}) == "redhat.com"
    assert parse.network_permalink([]) == ""
