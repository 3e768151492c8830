"""Pure functions from Discourse JSON to the domain model: no I/O, so every real recording can test them.

Defensive by design (NOTES §5.8): plugins add fields and old versions lack some, so a missing optional
field falls back to the model's default, never fails; an item that is not an object or lacks its id is
skipped and counted in ``Parsed.skipped``, never fatal. Only a body whose top level has the wrong shape
is an error (``MalformedResponse``), because then nothing in it can be trusted.
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any

from moderator.model import Archetype, Category, Member, Post, Topic, parse_time
from moderator.platforms.base import MalformedResponse, PostResult, PostStatus

LIKE_ACTION_ID = 2  # Discourse post action type "like"


@dataclasses.dataclass(slots=True)
class TopicPage:
    topics: list[Topic]
    members: list[Member]
    more_url: str | None  # next page (without .json, as Discourse sends it); None on the last page
    skipped: int = 0


@dataclasses.dataclass(slots=True)
class PostsPage:
    posts: list[Post]
    members: list[Member]
    skipped: int = 0


@dataclasses.dataclass(slots=True)
class TopicDetail:
    topic: Topic
    posts: list[Post]
    stream: list[str]  # every post id of the topic the viewer may see, in order
    members: list[Member]
    skipped: int = 0


@dataclasses.dataclass(slots=True)
class MembersPage:
    members: list[Member]
    more: bool
    skipped: int = 0


# -- small defensive readers ------------------------------------------------------------------------


def _id(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return default
    return default


def _opt_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _top(body: Any, what: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise MalformedResponse(f"The server's {what} was not a JSON object.")
    return body


# -- members ----------------------------------------------------------------------------------------


def parse_member(item: Any) -> Member | None:
    """A member from any user object Discourse sends (sideloads, posts, admin list, /u/, directory)."""
    if not isinstance(item, dict):
        return None
    member_id = _id(item.get("id"))
    username = _str(item.get("username"))
    if member_id is None or not username:
        return None
    return Member(
        id=member_id,
        username=username,
        name=_str(item.get("name")),
        trust_level=_opt_int(item.get("trust_level")),
        admin=item.get("admin") is True,
        moderator=item.get("moderator") is True,
        created_at=parse_time(item.get("created_at")),
        last_seen_at=parse_time(item.get("last_seen_at")),
        last_posted_at=parse_time(item.get("last_posted_at")),
        post_count=_opt_int(item.get("post_count")),
        topic_count=_opt_int(item.get("topic_count")),
        posts_read=_opt_int(item.get("posts_read_count", item.get("posts_read"))),
        days_visited=_opt_int(item.get("days_visited")),
        topics_entered=_opt_int(item.get("topics_entered")),
        likes_given=_opt_int(item.get("likes_given", item.get("like_given_count"))),
        likes_received=_opt_int(item.get("likes_received", item.get("like_count"))),
        time_read=_opt_int(item.get("time_read")),
    )


def _post_author(item: dict[str, Any]) -> Member | None:
    member_id = _id(item.get("user_id"))
    username = _str(item.get("username"))
    if member_id is None or not username:
        return None
    return Member(
        id=member_id,
        username=username,
        name=_str(item.get("name")),
        trust_level=_opt_int(item.get("trust_level")),
        admin=item.get("admin") is True,
        moderator=item.get("moderator") is True,
    )


def parse_user(body: Any) -> Member:
    """``/u/{username}.json`` (``user``) or ``/session/current.json`` (``current_user``)."""
    body = _top(body, "user profile")
    member = parse_member(body.get("user") or body.get("current_user"))
    if member is None:
        raise MalformedResponse("The server's user profile did not name a user.")
    return member


def parse_admin_users(body: Any) -> MembersPage:
    """``/admin/users/list/{flag}.json``: a bare list of up to 100 rows (``page`` is 1-based)."""
    if not isinstance(body, list):
        raise MalformedResponse("The server's member list was not a JSON list.")
    members, skipped = [], 0
    for item in body:
        member = parse_member(item)
        if member is None:
            skipped += 1
            continue
        members.append(member)
    return MembersPage(members, more=len(body) >= 100, skipped=skipped)


def parse_directory(body: Any) -> MembersPage:
    """``/directory_items.json``: period statistics per user (``page`` is 0-based, 50 per page)."""
    body = _top(body, "member directory")
    items = _list(body.get("directory_items"))
    members, skipped = [], 0
    for item in items:
        if not isinstance(item, dict):
            skipped += 1
            continue
        user = _dict(item.get("user"))
        merged = {**item, **{k: v for k, v in user.items() if k != "id"}}
        merged["id"] = user.get("id", item.get("id"))
        member = parse_member(merged)
        if member is None:
            skipped += 1
            continue
        members.append(member)
    meta = _dict(body.get("meta"))
    total = _opt_int(meta.get("total_rows_directory_items"))
    more = bool(items) and bool(meta.get("load_more_directory_items"))
    if total is not None and more:
        more = total > 0
    return MembersPage(members, more=more, skipped=skipped)


# -- categories -------------------------------------------------------------------------------------


def _category(item: Any, parent_id: str | None = None) -> Category | None:
    if not isinstance(item, dict):
        return None
    category_id = _id(item.get("id"))
    name = _str(item.get("name"))
    if category_id is None or not name:
        return None
    description = _str(item.get("description_text")) or html.unescape(_str(item.get("description")))
    return Category(
        id=category_id,
        name=name,
        slug=_str(item.get("slug")),
        parent_id=_id(item.get("parent_category_id")) or parent_id,
        color=_str(item.get("color")),
        position=_int(item.get("position")),
        read_restricted=item.get("read_restricted") is True,
        description=description,
        topic_count=_int(item.get("topic_count")),
        can_create_topic=_can_create(item.get("permission")),
    )


def _can_create(permission: Any) -> bool | None:
    """Discourse's per-user category permission: 1 full (start topics), 2 reply only, 3 see only."""
    if isinstance(permission, bool) or not isinstance(permission, int):
        return None
    return permission == 1


def parse_categories(body: Any) -> tuple[list[Category], int]:
    """``/site.json`` (flat ``categories``) or ``/categories.json`` (nested ``category_list``)."""
    body = _top(body, "category list")
    found: dict[str, Category] = {}
    skipped = 0

    def visit(items: list[Any], parent: str | None) -> None:
        nonlocal skipped
        for item in items:
            category = _category(item, parent)
            if category is None:
                skipped += 1
                continue
            found.setdefault(category.id, category)
            subs = _dict(item.get("subcategory_list")) if isinstance(item, dict) else {}
            nested = _list(item.get("subcategory_list")) if isinstance(item, dict) else []
            visit(nested or _list(subs.get("categories")), category.id)

    if isinstance(body.get("categories"), list):
        visit(body["categories"], None)
    visit(_list(_dict(body.get("category_list")).get("categories")), None)
    return list(found.values()), skipped


# -- topics -----------------------------------------------------------------------------------------


def _tags(value: Any) -> tuple[str, ...]:
    tags = []
    for tag in _list(value):
        if isinstance(tag, str):
            tags.append(tag)
        elif isinstance(tag, dict) and isinstance(tag.get("name"), str):
            tags.append(tag["name"])
    return tuple(tags)


def _archetype(value: Any) -> Archetype:
    return Archetype.PRIVATE_MESSAGE if value == "private_message" else Archetype.REGULAR


def parse_topic_item(item: Any) -> Topic | None:
    """One topic of a topic list (``/latest.json``, private messages, ``/top.json`` ...)."""
    if not isinstance(item, dict):
        return None
    topic_id = _id(item.get("id"))
    if topic_id is None:
        return None
    posters = _list(item.get("posters"))
    author_id = None
    if posters and isinstance(posters[0], dict):
        # The original poster is listed first; "description" is translated, so it is not used.
        author_id = _id(posters[0].get("user_id")) or _id(_dict(posters[0].get("user")).get("id"))
    accepted = item.get("has_accepted_answer")
    created = parse_time(item.get("created_at"))
    last_posted = parse_time(item.get("last_posted_at"))
    return Topic(
        id=topic_id,
        title=html.unescape(_str(item.get("title")) or _str(item.get("fancy_title"))),
        slug=_str(item.get("slug")),
        category_id=_id(item.get("category_id")),
        author_id=author_id,
        created_at=created,
        bumped_at=parse_time(item.get("bumped_at")) or last_posted or created,
        last_posted_at=last_posted,
        posts_count=_int(item.get("posts_count")),
        reply_count=_int(item.get("reply_count")),
        highest_post_number=_int(item.get("highest_post_number")),
        views=_int(item.get("views")),
        like_count=_int(item.get("like_count")),
        participant_count=_opt_int(item.get("participant_count")),
        closed=item.get("closed") is True,
        archived=item.get("archived") is True,
        pinned=item.get("pinned") is True or item.get("pinned_globally") is True,
        visible=item.get("visible") is not False,
        archetype=_archetype(item.get("archetype")),
        has_accepted_answer=accepted if isinstance(accepted, bool) else None,
        tags=_tags(item.get("tags")),
        deleted_at=parse_time(item.get("deleted_at")),
        last_poster_username=_str(item.get("last_poster_username")),
        excerpt=html.unescape(_str(item.get("excerpt"))),
    )


def parse_topic_list(body: Any) -> TopicPage:
    body = _top(body, "topic list")
    topic_list = body.get("topic_list")
    if not isinstance(topic_list, dict):
        raise MalformedResponse("The server's topic list had no topic_list object.")
    topics, skipped = [], 0
    for item in _list(topic_list.get("topics")):
        topic = parse_topic_item(item)
        if topic is None:
            skipped += 1
        else:
            topics.append(topic)
    members = []
    for user in _list(body.get("users")):
        member = parse_member(user)
        if member is None:
            skipped += 1
        else:
            members.append(member)
    more = topic_list.get("more_topics_url")
    return TopicPage(topics, members, more if isinstance(more, str) and more else None, skipped)


# -- posts ------------------------------------------------------------------------------------------


def _like_count(item: dict[str, Any]) -> int:
    count = item.get("like_count")
    if isinstance(count, int) and not isinstance(count, bool):
        return count
    for action in _list(item.get("actions_summary")):
        if isinstance(action, dict) and action.get("id") == LIKE_ACTION_ID:
            return _int(action.get("count"))
    return 0


def parse_post(item: Any, topic_id: str | None = None) -> Post | None:
    """One post, from ``/posts.json``, ``post_stream.posts`` or a create answer. The hot path of a sync."""
    if not isinstance(item, dict):
        return None
    raw_id = item.get("id")
    post_id = str(raw_id) if isinstance(raw_id, int) and not isinstance(raw_id, bool) else _id(raw_id)
    owner = item.get("topic_id")
    owner = str(owner) if isinstance(owner, int) and not isinstance(owner, bool) else _id(owner) or topic_id
    number = item.get("post_number")
    if post_id is None or owner is None or not isinstance(number, int) or isinstance(number, bool):
        return None
    user_id = item.get("user_id")
    raw = item.get("raw")
    reply_to = item.get("reply_to_post_number")
    post_type = item.get("post_type")
    deleted = item.get("deleted_at")
    return Post(
        id=post_id,
        topic_id=owner,
        post_number=number,
        author_id=str(user_id)
        if isinstance(user_id, int) and not isinstance(user_id, bool)
        else _id(user_id),
        username=_str(item.get("username")),
        created_at=parse_time(item.get("created_at")),
        updated_at=parse_time(item.get("updated_at")),
        raw=raw if isinstance(raw, str) else None,
        cooked=_str(item.get("cooked")),
        reply_to_post_number=reply_to
        if isinstance(reply_to, int) and not isinstance(reply_to, bool)
        else None,
        like_count=_like_count(item),
        post_type=post_type if isinstance(post_type, int) and not isinstance(post_type, bool) else 1,
        hidden=item.get("hidden") is True,
        deleted_at=None if deleted is None else parse_time(deleted),
        user_deleted=item.get("user_deleted") is True,
        staff=item.get("staff") is True or item.get("admin") is True or item.get("moderator") is True,
    )


def _posts(items: list[Any], topic_id: str | None = None) -> PostsPage:
    posts: list[Post] = []
    authors: dict[str, Member] = {}
    skipped = 0
    for item in items:
        post = parse_post(item, topic_id)
        if post is None:
            skipped += 1
            continue
        posts.append(post)
        if post.author_id is not None and post.author_id not in authors:
            author = _post_author(item)
            if author is not None:
                authors[author.id] = author
    return PostsPage(posts, list(authors.values()), skipped)


def parse_latest_posts(body: Any) -> PostsPage:
    """``/posts.json?before=``: the newest 50 regular posts, id descending."""
    body = _top(body, "latest posts")
    items = body.get("latest_posts")
    if not isinstance(items, list):
        raise MalformedResponse("The server's latest posts had no latest_posts list.")
    return _posts(items)


def parse_post_stream(body: Any, topic_id: str | None = None) -> PostsPage:
    """``/t/{id}/posts.json?post_ids[]=``: ``post_stream.posts``."""
    body = _top(body, "posts of a topic")
    stream = body.get("post_stream")
    if not isinstance(stream, dict):
        raise MalformedResponse("The server's posts of a topic had no post_stream.")
    return _posts(_list(stream.get("posts")), topic_id or _id(body.get("id")))


def parse_topic_detail(body: Any) -> TopicDetail:
    """``/t/{id}.json``: the topic, its first 20 posts and ``post_stream.stream`` (every post id)."""
    body = _top(body, "topic")
    topic = parse_topic_item(body)
    stream_obj = body.get("post_stream")
    if topic is None or not isinstance(stream_obj, dict):
        raise MalformedResponse("The server's topic had no id or no post stream.")
    details = _dict(body.get("details"))
    topic.author_id = _id(body.get("user_id")) or _id(_dict(details.get("created_by")).get("id"))
    last_poster = _dict(details.get("last_poster"))
    if not topic.last_poster_username:
        topic.last_poster_username = _str(last_poster.get("username"))
    page = _posts(_list(stream_obj.get("posts")), topic.id)
    if topic.has_accepted_answer is None:
        if isinstance(body.get("accepted_answer"), dict) or any(
            isinstance(p, dict) and p.get("accepted_answer") is True for p in _list(stream_obj.get("posts"))
        ):
            topic.has_accepted_answer = True
        elif any(isinstance(p, dict) and "accepted_answer" in p for p in _list(stream_obj.get("posts"))):
            topic.has_accepted_answer = False
    if topic.reply_count == 0 and topic.posts_count > 1:
        topic.reply_count = topic.posts_count - 1
    stream = [s for s in (_id(x) for x in _list(stream_obj.get("stream"))) if s is not None]
    members = page.members
    for participant in _list(details.get("participants")):
        member = parse_member(participant)
        if member is not None:
            member.post_count = None  # "post_count" there counts posts in this topic only
            members.append(member)
    return TopicDetail(topic, page.posts, stream, members, page.skipped)


def parse_allowed_usernames(body: Any) -> set[str]:
    """``details.allowed_users`` of a private message's ``/t/{id}.json``: who is in it (casefolded)."""
    details = _dict(_dict(body).get("details"))
    return {
        _str(u.get("username")).casefold() for u in _list(details.get("allowed_users")) if isinstance(u, dict)
    } - {""}


def parse_post_created(body: Any) -> PostResult:
    """The answer to ``POST /posts.json``: the post, or ``{"action": "enqueued", ...}``."""
    body = _top(body, "answer to the new post")
    if body.get("action") == "enqueued" or "pending_post" in body:
        reasons = tuple(str(r) for r in _list(body.get("errors")) if r)
        return PostResult(PostStatus.ENQUEUED, reasons=reasons)
    item = body.get("post") if isinstance(body.get("post"), dict) else body
    post = parse_post(item)
    if post is None:
        raise MalformedResponse("The server's answer to the new post did not describe a post.")
    return PostResult(PostStatus.CREATED, post=post)
