"""The Discourse parsers against every relevant real recording, plus the damage plugins and old versions do."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from moderator.model import UTC, Archetype
from moderator.platforms.base import MalformedResponse, PostStatus
from moderator.platforms.discourse import parse
from tests.helpers import recordings as rec


def test_recordings_are_where_ci_puts_them() -> None:
    assert rec.DISCOURSE_RECORDINGS.is_dir(), rec.DISCOURSE_RECORDINGS
    assert (rec.DISCOURSE_RECORDINGS / "INDEX.md").exists()


@pytest.mark.parametrize("name", [rec.LATEST, rec.LATEST_KIRI, rec.TOP])
def test_topic_lists_parse_every_topic(name: str) -> None:
    body = rec.body(name)
    page = parse.parse_topic_list(body)
    items = body["topic_list"]["topics"]
    assert [t.id for t in page.topics] == [str(i["id"]) for i in items]
    assert page.skipped == 0
    for topic, item in zip(page.topics, items, strict=True):
        assert topic.title
        assert topic.posts_count == item["posts_count"]
        assert topic.highest_post_number == item["highest_post_number"]
        assert topic.bumped_at is not None and topic.bumped_at.tzinfo is not None
        assert topic.archetype is Archetype.REGULAR
        assert topic.has_accepted_answer is item.get("has_accepted_answer")
    assert {m.id for m in page.members} == {str(u["id"]) for u in body.get("users", [])}


def test_latest_localhost_pinned_topic_and_no_next_page() -> None:
    page = parse.parse_topic_list(rec.body(rec.LATEST))
    welcome = next(t for t in page.topics if t.id == "5")
    assert welcome.pinned  # pinned_globally, injected on page 0
    assert welcome.author_id == "-1"
    assert welcome.bumped_at == dt.datetime(2025, 10, 11, 12, 12, 39, 758000, tzinfo=UTC)
    assert "&hellip;" not in welcome.excerpt and welcome.excerpt.endswith("…")
    assert page.more_url is None


def test_latest_from_a_plugin_heavy_site() -> None:
    page = parse.parse_topic_list(rec.body(rec.LATEST_KIRI))
    assert page.more_url == "/latest?no_definitions=true&page=1"  # no .json, as NOTES §5.1 warns
    assert len(page.topics) == 30
    tagged = next(t for t in page.topics if t.id == "702")
    assert tagged.tags == ("experimental",)
    system = next(m for m in page.members if m.username == "gadicc")
    assert system.admin and system.trust_level == 2 and system.name == ""


@pytest.mark.parametrize("name", [rec.TOPIC_4, rec.TOPIC_23, rec.TOPIC_KIRI_3])
def test_topic_details(name: str) -> None:
    body = rec.body(name)
    detail = parse.parse_topic_detail(body)
    assert detail.topic.id == str(body["id"])
    assert detail.stream == [str(i) for i in body["post_stream"]["stream"]]
    assert [p.id for p in detail.posts] == [str(p["id"]) for p in body["post_stream"]["posts"]]
    assert all(p.topic_id == detail.topic.id for p in detail.posts)
    assert detail.topic.author_id == str(body["user_id"])
    assert detail.topic.participant_count == body["participant_count"]
    assert detail.topic.has_accepted_answer is False  # discourse-solved fields present, nothing accepted
    assert detail.topic.bumped_at is not None  # details carry no bumped_at: last post or creation time


def test_topic_4_posts_and_authors() -> None:
    detail = parse.parse_topic_detail(rec.body(rec.TOPIC_4))
    first, second = detail.posts
    assert (first.post_number, second.post_number) == (1, 2)
    assert first.staff and first.username == "system" and first.author_id == "-1"
    assert first.cooked.startswith("<p>") and first.raw is None  # /t/{id}.json has no raw without include_raw
    assert first.is_regular
    assert any(m.username == "system" and m.admin for m in detail.members)
    assert detail.topic.highest_post_number == 2 and detail.topic.posts_count == 2


def test_topic_without_last_posted_at_falls_back_to_creation() -> None:
    detail = parse.parse_topic_detail(rec.body(rec.TOPIC_KIRI_3))
    assert detail.topic.last_posted_at is None
    assert detail.topic.bumped_at == detail.topic.created_at
    assert detail.topic.pinned


def test_posts_of_a_topic_by_ids() -> None:
    page = parse.parse_post_stream(rec.body(rec.TOPIC_4_POSTS))
    assert [(p.id, p.topic_id, p.post_number) for p in page.posts] == [("5", "4", 2)]


def test_latest_posts_carry_raw_and_topics() -> None:
    body = rec.body(rec.LATEST_POSTS)
    page = parse.parse_latest_posts(body)
    assert len(page.posts) == len(body["latest_posts"]) == 8
    ids = [int(p.id) for p in page.posts]
    assert ids == sorted(ids, reverse=True)
    for post, item in zip(page.posts, body["latest_posts"], strict=True):
        assert post.raw == item["raw"]
        assert post.topic_id == str(item["topic_id"])
        assert post.created_at is not None
    assert {m.id for m in page.members} == {"-1"}


def test_single_post() -> None:
    post = parse.parse_post(rec.body(rec.SINGLE_POST))
    assert post is not None and post.id == "1" and post.post_number == 1


@pytest.mark.parametrize("name", rec.names("localhost__posts.json--method_POST_*.json"))
def test_created_post_answers(name: str) -> None:
    recorded = rec.recording(name)
    result = parse.parse_post_created(recorded["response"]["bodyJson"])
    assert result.status is PostStatus.CREATED and result.ok
    assert result.post is not None
    assert result.post.raw == recorded["request"]["bodyJson"]["raw"]
    assert result.post.topic_id == str(recorded["response"]["bodyJson"]["topic_id"])


def test_enqueued_and_nested_post_answers() -> None:
    enqueued = parse.parse_post_created({"action": "enqueued", "pending_post": {"id": 3}, "pending_count": 1})
    assert enqueued.status is PostStatus.ENQUEUED and enqueued.ok and enqueued.post is None
    created = rec.body("localhost__posts.json--method_POST_headers_6ea7183_body_ab9e1ce.json")
    nested = parse.parse_post_created({"post": created})
    assert nested.post is not None and nested.post.id == "12"
    with pytest.raises(MalformedResponse):
        parse.parse_post_created({"success": "OK"})


def test_directory_items() -> None:
    page = parse.parse_directory(rec.body(rec.DIRECTORY))
    (admin,) = page.members
    assert (admin.id, admin.username, admin.admin, admin.moderator) == ("1", "admin", True, True)
    assert admin.posts_read == 0 and admin.days_visited == 0 and admin.likes_received == 0
    assert admin.time_read == 0
    assert page.more is True  # load_more_directory_items is present even on a one-row directory


def test_admin_users_list() -> None:
    body = rec.body(rec.ADMIN_USERS)
    page = parse.parse_admin_users(body)
    assert [m.id for m in page.members] == [str(u["id"]) for u in body]
    system = page.members[0]
    assert system.posts_read == 16 and system.post_count == 1 and system.days_visited == 0
    assert system.created_at is not None and system.last_seen_at is None
    assert page.more is False
    with pytest.raises(MalformedResponse):
        parse.parse_admin_users({"users": body})


@pytest.mark.parametrize("name", [rec.SITE, rec.CATEGORIES])
def test_categories(name: str) -> None:
    categories, skipped = parse.parse_categories(rec.body(name))
    assert skipped == 0
    by_id = {c.id: c for c in categories}
    assert by_id["3"].name == "Staff" and by_id["3"].read_restricted
    assert by_id["4"].description.startswith("Create topics here")
    assert "<p>" not in by_id["4"].description
    if name == rec.SITE:
        assert set(by_id) == {"1", "2", "3", "4"}  # site.json also lists Uncategorized


def test_nested_subcategories() -> None:
    body = rec.body(rec.CATEGORIES)
    parent = body["category_list"]["categories"][0]
    child = copy.deepcopy(body["category_list"]["categories"][1])
    child.update(id=99, name="Child")
    parent["subcategory_list"] = [child]
    categories, _ = parse.parse_categories(body)
    assert next(c for c in categories if c.id == "99").parent_id == parent["id"].__str__()


@pytest.mark.parametrize("name", [rec.PRIVATE_MESSAGES, rec.PRIVATE_MESSAGES_SENT])
def test_private_message_lists(name: str) -> None:
    page = parse.parse_topic_list(rec.body(name))
    assert page.topics == [] and page.more_url is None


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in rec.names("localhost__u__*--headers_2b7bece.json")
        if rec.recording(n)["response"]["status"] == 200
    ]
    + ["updateUserCustom-3-getUser.json"],
)
def test_user_profiles(name: str) -> None:
    body = rec.body(name)
    if "user" not in body:  # /u/{name}/emails.json is not a profile
        return
    member = parse.parse_user(body)
    assert member.id == str(body["user"]["id"]) and member.username == body["user"]["username"]
    assert member.admin is bool(body["user"].get("admin"))


def test_session_current_shape() -> None:
    member = parse.parse_user({"current_user": {"id": 7, "username": "ann", "moderator": True}})
    assert member.staff and member.id == "7"


# -- defensive parsing -----------------------------------------------------------------------------


def test_malformed_items_are_skipped_and_counted() -> None:
    body = rec.body(rec.LATEST_KIRI)
    body["topic_list"]["topics"][3:3] = [None, "x", {"title": "no id"}, {"id": True}]
    body["users"].append({"id": 5})
    page = parse.parse_topic_list(body)
    assert len(page.topics) == 30 and page.skipped == 5


def test_missing_optional_fields_never_fail() -> None:
    body = rec.body(rec.LATEST)
    minimal = {"id": 77}
    body["topic_list"]["topics"] = [minimal]
    (topic,) = parse.parse_topic_list(body).topics
    assert topic.id == "77" and topic.title == "" and topic.bumped_at is None
    assert topic.has_accepted_answer is None and topic.tags == () and topic.visible


def test_old_version_and_plugin_noise() -> None:
    body = rec.body(rec.LATEST_POSTS)
    item = body["latest_posts"][0]
    for key in ("raw", "hidden", "user_deleted", "accepted_answer", "can_vote", "reviewable_id"):
        item.pop(key, None)
    item["created_at"] = "not a date"
    item["polls"] = [{"name": "poll"}]
    item["topic_id"] = "8"
    item["actions_summary"] = [{"id": 2, "count": 4}, "junk"]
    post = parse.parse_latest_posts(body).posts[0]
    assert post.raw is None and post.created_at is None and post.like_count == 4 and post.topic_id == "8"


def test_deleted_and_hidden_posts() -> None:
    body = rec.body(rec.TOPIC_4_POSTS)
    item = body["post_stream"]["posts"][0]
    item.update(hidden=True, deleted_at="2025-10-12T00:00:00.000Z", user_deleted=True, post_type=3)
    post = parse.parse_post_stream(body).posts[0]
    assert post.hidden and post.user_deleted and post.deleted_at is not None and post.post_type == 3
    assert not post.is_regular


def test_wrong_top_level_shapes_are_malformed() -> None:
    for parser in (
        parse.parse_topic_list,
        parse.parse_latest_posts,
        parse.parse_topic_detail,
        parse.parse_directory,
    ):
        with pytest.raises(MalformedResponse):
            parser(["a", "list"])
    with pytest.raises(MalformedResponse):
        parse.parse_topic_list({"users": []})
    with pytest.raises(MalformedResponse):
        parse.parse_topic_detail({"id": 1})


def test_private_message_archetype_and_accepted_answer() -> None:
    body = rec.body(rec.TOPIC_4)
    body["archetype"] = "private_message"
    body["post_stream"]["posts"][1]["accepted_answer"] = True
    body.pop("has_accepted_answer", None)
    detail = parse.parse_topic_detail(body)
    assert detail.topic.archetype is Archetype.PRIVATE_MESSAGE
    assert detail.topic.has_accepted_answer is True


def test_recorded_bodies_are_json_round_trippable() -> None:
    # Guards the loader: the tests above must see the recorded JSON, not a Python-altered copy.
    assert json.loads(json.dumps(rec.body(rec.LATEST))) == rec.body(rec.LATEST)
