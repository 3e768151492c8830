"""The HumHub parser on the JSON the REST module builds (tests/fixtures/humhub/PROVENANCE.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from moderator.platforms.base import MalformedResponse
from moderator.platforms.humhub import parse
from moderator.platforms.humhub.signin import _expiry

SHAPES = Path(__file__).resolve().parents[2] / "fixtures" / "humhub"
UTC = dt.UTC


def shape(name: str) -> Any:
    return json.loads((SHAPES / name).read_text(encoding="utf-8"))


def test_a_page_is_one_based_with_its_count() -> None:
    page = parse.page(shape("post_page.json"), "post list")
    assert (page.page, page.pages, page.total, len(page.results)) == (1, 38, 76, 2)
    assert page.more
    with pytest.raises(MalformedResponse):
        parse.page({"status": "maintenance"}, "post list")
    with pytest.raises(MalformedResponse):
        parse.page([1, 2], "post list")


def test_a_post_becomes_a_topic_with_its_first_post_and_latest_comments() -> None:
    bundle = parse.post(shape("post_page.json")["results"][0])
    assert bundle is not None
    topic, first = bundle.topic, bundle.first
    assert topic.id == "14" and first.id == "p14" and first.post_number == 1
    assert topic.title == "Calvin Klein – Between love and madness lies obsession."
    assert topic.category_id == "5"  # the space's content container
    assert topic.author_id == "14" and first.username == "j.doe"  # username from the profile URL
    assert topic.created_at == dt.datetime(2022, 4, 13, 5, 15, 43, tzinfo=UTC)
    assert topic.pinned and not topic.closed and not topic.archived and topic.visible
    assert (topic.posts_count, topic.reply_count, topic.like_count) == (4, 3, 4)  # 3 comments, 2 shown
    assert topic.tags == ("News",)
    assert [c.id for c in bundle.comments] == ["c2", "c3"] and bundle.comments_total == 3
    assert [c.post_number for c in bundle.comments] == [3, 4]  # 1 + comment id: order without renumbering
    assert topic.highest_post_number == 4 and topic.last_poster_username == "sara"
    assert topic.last_posted_at == dt.datetime(2022, 5, 22, 7, 0, tzinfo=UTC)
    assert topic.has_accepted_answer is None  # HumHub has no solved answers
    assert "@Sara Schuster" in topic.excerpt and "mention:" not in first.cooked
    assert first.raw is not None and first.raw.startswith("Calvin Klein")


def test_archived_content_is_closed() -> None:
    bundle = parse.post(shape("post_page.json")["results"][1])
    assert bundle is not None
    assert bundle.topic.archived and bundle.topic.closed and bundle.topic.posts_count == 1


def test_drafts_deleted_and_malformed_posts() -> None:
    item = shape("post_page.json")["results"][1]
    item["content"]["metadata"]["state"] = 10  # Content::STATE_DRAFT
    assert parse.post(item) is None
    item["content"]["metadata"]["state"] = 100  # Content::STATE_DELETED
    bundle = parse.post(item)
    assert bundle is not None and bundle.topic.deleted_at is not None
    assert parse.post({"id": 3, "message": None}) is None
    assert parse.post({"id": 3, "message": "x", "content": {}}) is None
    item["content"]["metadata"]["hidden"] = True
    item["content"]["metadata"]["state"] = 1
    hidden = parse.post(item)
    assert hidden is not None and not hidden.topic.visible


def test_the_openapi_name_of_the_latest_comments_is_read_too() -> None:
    item = shape("post_page.json")["results"][0]
    summary = item["content"]["comments"]
    summary["latestComments"] = summary.pop("latest")
    bundle = parse.post(item)
    assert bundle is not None and len(bundle.comments) == 2


def test_comments_and_their_replies() -> None:
    posts, members, skipped = parse.comments([shape("comment.json"), {"id": "x"}], "1")
    assert skipped == 1
    assert [(p.id, p.post_number, p.reply_to_post_number) for p in posts] == [("c1", 2, None), ("s5", 6, 2)]
    assert posts[0].created_at == dt.datetime(2018, 8, 9, 14, 22, 3, tzinfo=UTC)
    assert posts[0].like_count == 1 and posts[0].username == "admin"
    assert {m.username for m in members} == {"admin", "sara"}
    # a reply met on its own (an activity's source) still knows its parent
    alone, _m, _s = parse.comments([shape("comment.json")["comments"][0]], "1")
    assert alone[0].id == "s5" and alone[0].reply_to_post_number == 2


def test_a_full_user_has_its_username_and_last_login_but_no_join_date() -> None:
    member = parse.member(shape("user.json"))
    assert member is not None
    assert (member.id, member.username, member.name) == ("14", "john.doe", "John Doe")
    assert member.last_seen_at == dt.datetime(2023, 9, 11, 8, 46, 40, tzinfo=UTC)
    assert member.created_at is None and member.posts_read is None  # HumHub reports neither


def test_server_time_offset() -> None:
    member = parse.member(shape("user.json"), dt.timedelta(hours=2))
    assert member is not None and member.last_seen_at == dt.datetime(2023, 9, 11, 6, 46, 40, tzinfo=UTC)
    assert parse.when("garbage") is None and parse.when(None) is None


def test_user_short_without_pretty_urls_falls_back_to_the_guid() -> None:
    member = parse.member_short(
        {"id": 3, "guid": "abc", "display_name": "Peter", "url": "http://h/index.php?r=user%2Fprofile&cguid=abc"}
    )
    assert member is not None and member.username == "abc" and member.name == "Peter"
    assert parse.member_short({"guid": "no id"}) is None


def test_spaces_are_categories_keyed_by_content_container() -> None:
    spaces = [parse.space(s) for s in parse.page(shape("space_page.json"), "spaces").results]
    assert [(c.id, c.name, c.slug, c.read_restricted) for c in spaces if c] == [
        ("2", "Welcome Space", "welcome-space", False),
        ("6", "Board", "board", True),
    ]


def test_titles_are_first_lines_shortened_on_a_word() -> None:
    assert parse.title_of("\n\n## Hello *there*\nmore") == "Hello there"
    long = "word " * 40
    title = parse.title_of(long)
    assert title.endswith("…") and len(title) <= parse.TITLE_LENGTH + 1
    assert parse.title_of("   ") == "(no text)"


def test_plain_text_is_escaped_and_markup_rendered() -> None:
    assert parse.cooked("a < b & c").strip() == "<p>a &lt; b &amp; c</p>"
    assert parse.cooked("plain words") == "<p>plain words</p>"
    assert "<strong>" in parse.cooked("**bold**")
    assert "<script" not in parse.cooked("<script>alert(1)</script> *x*")


def test_jwt_expiry_as_the_source_sends_it_and_as_the_spec_shows_it() -> None:
    assert _expiry(shape("login.json")["expired_at"]) == dt.datetime.fromtimestamp(1552305077, UTC)
    assert _expiry(0) is None  # no expiry configured
    assert _expiry("2025-04-23T12:00:00Z") == dt.datetime(2025, 4, 23, 12, 0, tzinfo=UTC)
