"""JSON payloads with the field sets and value types real Discourse sends (see the recordings).

Why so many fields the app ignores: a client parser tested only against the fields it reads would
never meet the real payloads' noise (plugin keys, viewer-dependent keys, nulls). Key order follows
the captures. Viewer-dependent keys follow Discourse: anonymous viewers get ``null`` for
``bookmarked``/``liked`` and no read state; logged-in viewers get read state on topics they posted in.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from . import shapes
from .cook import excerpt
from .entities import Bookmark, Category, Post, Topic, User, Viewer, iso
from .world import World

GROUP_ANIMATION = {
    "id": 41,
    "name": "animation",
    "flair_url": None,
    "flair_bg_color": None,
    "flair_color": None,
}
FLAG_ACTIONS = (3, 4, 8, 10, 7)
LIKE = 2


def fancy_title(title: str) -> str:
    """Discourse's ``fancy_title``: HTML-escaped with typographic apostrophes."""
    return html.escape(title, quote=False).replace("'", "&rsquo;").replace('"', "&quot;")


def basic_user(world: World, user: User) -> dict[str, Any]:
    """The side-loaded user of topic lists: ``admin``/``moderator`` only when true (as in the captures)."""
    out: dict[str, Any] = {
        "id": user.id,
        "username": user.username,
        "name": user.name,
        "avatar_template": world.avatar_template(user),
    }
    if user.admin:
        out["admin"] = True
    if user.moderator:
        out["moderator"] = True
    out["trust_level"] = user.trust_level
    if user.primary_group_id:
        out["primary_group_name"] = GROUP_ANIMATION["name"]
    return out


def name_user(world: World, user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "name": user.name,
        "avatar_template": world.avatar_template(user),
    }


# ====================================================================== topic lists


def poster_ids(topic: Topic) -> tuple[list[int], set[int], int]:
    """Original poster, up to three frequent posters, the most recent poster (TopicPostersSummary)."""
    last = topic.last_post_user_id
    ranked = sorted(
        (uid for uid in topic.poster_counts if uid not in (topic.user_id, last)),
        key=lambda uid: (-topic.poster_counts[uid], uid),
    )
    frequent = ranked[:3]
    ids = [topic.user_id, *frequent]
    if last not in ids:
        ids.append(last)
    return ids, set(frequent), last


def posters(world: World, topic: Topic, *, embed: bool = False) -> list[dict[str, Any]]:
    """``posters[]`` of a list item; suggested topics embed the user object instead of its id."""
    ids, frequent, last = poster_ids(topic)
    out = []
    for uid in ids:
        desc = []
        if uid == topic.user_id:
            desc.append("Original Poster")
        if uid in frequent:
            desc.append("Frequent Poster")
        if uid == last:
            desc.append("Most Recent Poster")
        extras = ("latest single" if len(ids) == 1 else "latest") if uid == last else None
        entry: dict[str, Any] = {"extras": extras, "description": ", ".join(desc)}
        if embed:
            entry["user"] = basic_user(world, world.users[uid])
        else:
            entry.update(
                {
                    "user_id": uid,
                    "primary_group_id": world.users[uid].primary_group_id,
                    "flair_group_id": None,
                }
            )
        out.append(entry)
    return out


def _read_state(world: World, topic: Topic, viewer: Viewer) -> dict[str, Any] | None:
    if viewer.user_id is None or viewer.user_id not in topic.poster_counts:
        return None
    return {
        "last_read_post_number": topic.highest_post_number,
        "unread": 0,
        "new_posts": 0,
        "unread_posts": 0,
        "notification_level": 3 if topic.user_id == viewer.user_id else 2,
    }


def _liked(topic: Topic, viewer: Viewer) -> bool | None:
    if viewer.user_id is None:
        return None
    return any(uid == viewer.user_id for p in topic.posts for uid, _ in p.likes)


def topic_bookmarked(world: World, topic: Topic, viewer: Viewer) -> bool | None:
    if viewer.user_id is None:
        return None
    post_ids = {p.id for p in topic.posts}
    for b in world.bookmarks.values():
        if b.user_id == viewer.user_id and (
            (b.bookmarkable_type == "Topic" and b.bookmarkable_id == topic.id)
            or (b.bookmarkable_type == "Post" and b.bookmarkable_id in post_ids)
        ):
            return True
    return False


def _solved_fields(world: World, topic: Topic) -> tuple[bool, bool]:
    """discourse-solved's ``has_accepted_answer`` and ``can_have_answer`` (false once closed/archived)."""
    cat = world.categories.get(topic.category_id) if topic.category_id else None
    solvable = bool(cat and cat.solved_enabled and not topic.is_pm)
    has = solvable and topic.accepted_post is not None
    return has, solvable and not topic.closed and not topic.archived


def topic_list_item(world: World, topic: Topic, viewer: Viewer) -> dict[str, Any]:
    state = _read_state(world, topic, viewer)
    has_answer, can_have = _solved_fields(world, topic)
    out: dict[str, Any] = {
        "id": topic.id,
        "title": topic.title,
        "fancy_title": fancy_title(topic.title),
        "slug": topic.slug,
        "posts_count": topic.posts_count,
        "reply_count": topic.reply_count,
        "highest_post_number": topic.highest_post_number,
        "image_url": topic.image_url,
        "created_at": iso(topic.created_at),
        "last_posted_at": iso(topic.last_posted_at),
        "bumped": True,
        "bumped_at": iso(topic.bumped_at),
        "archetype": topic.archetype,
        "unseen": False,
    }
    if state:
        out.update({k: state[k] for k in ("last_read_post_number", "unread", "new_posts", "unread_posts")})
    out.update({"pinned": topic.pinned, "unpinned": None})
    if topic.pinned:
        out["excerpt"] = excerpt(world.cooked(topic.posts[0]), 220)[0]
    out.update({"visible": topic.visible, "closed": topic.closed, "archived": topic.archived})
    if state:
        out["notification_level"] = state["notification_level"]
    out.update(
        {
            "bookmarked": topic_bookmarked(world, topic, viewer),
            "liked": _liked(topic, viewer),
            "tags": list(topic.tags),
            "tags_descriptions": {},
            "views": topic.views,
            "like_count": topic.like_count,
            "has_summary": False,
            "last_poster_username": world.users[topic.last_post_user_id].username,
            "category_id": topic.category_id,
            "pinned_globally": topic.pinned_globally,
            "featured_link": None,
            "has_accepted_answer": has_answer,
            "can_have_answer": can_have,
            "is_ticket": False,
            "can_vote": False,
            "op_like_count": topic.op_like_count,
            "posters": posters(world, topic),
        }
    )
    if topic.is_pm:
        out["allowed_user_count"] = len(topic.allowed_user_ids)
        out["participants"] = [p for p in posters(world, topic) if p["user_id"] in topic.allowed_user_ids]
        out["participant_groups"] = []
    return out


def topic_list(
    world: World,
    topics: list[Topic],
    viewer: Viewer,
    *,
    per_page: int,
    more_topics_url: str | None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``{"users", "primary_groups", "flair_groups", "topic_list"}`` like ``/latest.json``."""
    items = [topic_list_item(world, t, viewer) for t in topics]
    seen: dict[int, None] = {}
    for t in topics:
        for uid in poster_ids(t)[0]:
            seen.setdefault(uid, None)
    users = [basic_user(world, world.users[uid]) for uid in seen]
    groups = [dict(GROUP_ANIMATION)] if any(world.users[uid].primary_group_id for uid in seen) else []
    tl: dict[str, Any] = {"can_create_topic": viewer.logged_in}
    if more_topics_url:
        tl["more_topics_url"] = more_topics_url
    tl.update(extra or {})
    tl["per_page"] = per_page
    tl["top_tags"] = []
    tl["topics"] = items
    return {"users": users, "primary_groups": groups, "flair_groups": [], "topic_list": tl}


# ====================================================================== posts


def actions_summary(post: Post, viewer: Viewer) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    mine = viewer.user_id == post.user_id
    liked = viewer.user_id is not None and any(uid == viewer.user_id for uid, _ in post.likes)
    like: dict[str, Any] = {"id": LIKE}
    if post.likes:
        like["count"] = len(post.likes)
    if liked:
        like.update({"acted": True, "can_undo": True})
    elif viewer.logged_in and not mine:
        like["can_act"] = True
    if len(like) > 1:
        out.append(like)
    if (viewer.logged_in and not mine) or viewer.staff:
        out.extend({"id": a, "can_act": True} for a in FLAG_ACTIONS)
    return out


def _cooked_for(world: World, post: Post, viewer: Viewer) -> tuple[str, bool]:
    """Hidden posts are not cooked for people other than staff and the author (``cooked_hidden``)."""
    if post.hidden and not viewer.staff and viewer.user_id != post.user_id:
        return "", True
    return world.cooked(post), False


def post_json(
    world: World,
    post: Post,
    viewer: Viewer,
    *,
    include_raw: bool = False,
    latest: bool = False,
    created: bool = False,
) -> dict[str, Any]:
    """A post as ``/t/{id}.json`` sends it; ``latest`` adds the ``/posts.json`` keys, ``created`` the
    ``POST /posts.json`` ones (``draft_sequence``)."""
    topic = world.topics[post.topic_id]
    author = world.users[post.user_id]
    cooked, hidden_for_viewer = _cooked_for(world, post, viewer)
    staff_view = viewer.staff
    mine = viewer.user_id == post.user_id
    accepted = topic.accepted_post
    category = world.categories.get(topic.category_id) if topic.category_id else None
    solvable = bool(category and category.solved_enabled)
    out: dict[str, Any] = {
        "id": post.id,
        "name": author.name,
        "username": author.username,
        "avatar_template": world.avatar_template(author),
        "created_at": iso(post.created_at),
        "cooked": cooked,
        "post_number": post.post_number,
        "post_type": post.post_type,
        "posts_count": topic.posts_count,
        "updated_at": iso(post.updated_at or post.created_at),
        "reply_count": post.reply_count,
        "reply_to_post_number": post.reply_to_post_number,
        "quote_count": post.raw.count("[quote="),
        "incoming_link_count": 0,
        "reads": post.reads,
        "readers_count": max(0, post.reads - 1),
        "score": round(post.reply_count * 5 + len(post.likes) * 15 + post.reads * 0.2, 1),
        "yours": mine,
        "topic_id": topic.id,
        "topic_slug": topic.slug,
    }
    if latest:
        out.update(
            {
                "topic_title": topic.title,
                "topic_html_title": fancy_title(topic.title),
                "category_id": topic.category_id,
            }
        )
    out.update(
        {
            "display_username": author.name or author.username,
            "primary_group_name": GROUP_ANIMATION["name"] if author.primary_group_id else None,
            "flair_name": None,
            "flair_url": None,
            "flair_bg_color": None,
            "flair_color": None,
            "flair_group_id": None,
            "badges_granted": [],
            "version": post.version,
            "can_edit": staff_view or mine,
            "can_delete": (staff_view or mine) and post.post_number > 1,
            "can_recover": staff_view and post.deleted_at is not None,
            "can_see_hidden_post": staff_view,
            "can_wiki": staff_view,
        }
    )
    links = _link_counts(world.cooked(post))
    if links:
        out["link_counts"] = links
    out.update(
        {"read": True, "user_title": author.title, "bookmarked": _post_bookmarked(world, post, viewer)}
    )
    if include_raw:
        out["raw"] = post.raw
    out.update(
        {
            "actions_summary": actions_summary(post, viewer),
            "moderator": author.moderator,
            "admin": author.admin,
            "staff": author.staff,
            "user_id": author.id,
        }
    )
    if created:
        out["draft_sequence"] = 0
    out["hidden"] = post.hidden
    if hidden_for_viewer:
        out["cooked_hidden"] = True
    out.update(
        {
            "trust_level": author.trust_level,
            "deleted_at": iso(post.deleted_at),
            "user_deleted": post.user_deleted,
            "edit_reason": None,
            "can_view_edit_history": True,
            "wiki": False,
        }
    )
    if latest:
        text, truncated = excerpt(cooked, 300)
        out.update({"excerpt": text, "truncated": truncated})
    out.update(
        {
            "reviewable_id": None if (latest or created) else 0,
            "reviewable_score_count": 0,
            "reviewable_score_pending_count": 0,
            "mentioned_users": [],
            "has_post_localizations": False,
            "post_localizations": [],
            "category_expert_approved_group": None,
            "needs_category_expert_approval": None,
            "can_manage_category_expert_posts": False,
            "post_url": f"/t/{topic.slug}/{topic.id}/{post.post_number}",
            "can_accept_answer": solvable
            and post.post_number > 1
            and (staff_view or viewer.user_id == topic.user_id)
            and not post.accepted_answer,
            "can_unaccept_answer": post.accepted_answer and (staff_view or viewer.user_id == topic.user_id),
            "accepted_answer": post.accepted_answer,
            "topic_accepted_answer": True if accepted is not None else None,
            "can_vote": False,
        }
    )
    if post.reply_to_post_number:
        target = next((p for p in topic.posts if p.post_number == post.reply_to_post_number), None)
        if target is not None:
            replied = world.users[target.user_id]
            out["reply_to_user"] = {
                "id": replied.id,
                "username": replied.username,
                "name": replied.name,
                "avatar_template": world.avatar_template(replied),
            }
    return out


def _link_counts(cooked: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    start = 0
    while True:
        i = cooked.find('<a href="', start)
        if i < 0:
            return out
        j = cooked.find('"', i + 9)
        url = html.unescape(cooked[i + 9 : j])
        internal = url.startswith("/")
        out.append({"url": url, "internal": internal, "reflection": False, "title": None, "clicks": 0})
        start = j


def _post_bookmarked(world: World, post: Post, viewer: Viewer) -> bool:
    return viewer.user_id is not None and any(
        b.user_id == viewer.user_id and b.bookmarkable_type == "Post" and b.bookmarkable_id == post.id
        for b in world.bookmarks.values()
    )


# ====================================================================== topic view


def timeline_lookup(topic: Topic, posts: list[Post], now: datetime) -> list[list[int]]:
    out: list[list[int]] = []
    last_days = None
    for index, post in enumerate(posts, start=1):
        days = max(0, (now - post.created_at).days)
        if days != last_days:
            out.append([index, days])
            last_days = days
    return out


def participants(world: World, topic: Topic) -> list[dict[str, Any]]:
    ranked = sorted(topic.poster_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:24]
    out = []
    for uid, count in ranked:
        user = world.users[uid]
        out.append(
            {
                **name_user(world, user),
                "post_count": count,
                "primary_group_name": GROUP_ANIMATION["name"] if user.primary_group_id else None,
                "flair_name": None,
                "flair_url": None,
                "flair_color": None,
                "flair_bg_color": None,
                "flair_group_id": None,
                "admin": user.admin,
                "moderator": user.moderator,
                "trust_level": user.trust_level,
            }
        )
    return out


def topic_details(world: World, topic: Topic, viewer: Viewer) -> dict[str, Any]:
    creator = world.users[topic.user_id]
    last = world.users[topic.last_post_user_id]
    can_post = can_reply(world, topic, viewer)
    details: dict[str, Any] = {
        "can_edit": viewer.staff or viewer.user_id == topic.user_id,
        "notification_level": 1,
    }
    if viewer.logged_in:
        details["notification_level"] = 3 if viewer.user_id == topic.user_id else 1
        details["notifications_reason_id"] = 1 if viewer.user_id == topic.user_id else None
    if viewer.staff:
        details.update(
            {
                "can_move_posts": True,
                "can_delete": True,
                "can_remove_allowed_users": True,
                "can_create_post": can_post,
                "can_reply_as_new_topic": True,
                "can_flag_topic": True,
                "can_convert_topic": True,
                "can_review_topic": True,
                "can_close_topic": True,
                "can_archive_topic": True,
                "can_split_merge_topic": True,
                "can_edit_staff_notes": True,
                "can_toggle_topic_visibility": True,
                "can_pin_unpin_topic": True,
                "can_moderate_category": True,
                "can_remove_self_id": viewer.user_id,
            }
        )
    elif viewer.logged_in:
        details.update({"can_create_post": can_post, "can_reply_as_new_topic": True, "can_flag_topic": True})
    details["participants"] = participants(world, topic)
    details["created_by"] = name_user(world, creator)
    details["last_poster"] = name_user(world, last)
    if topic.is_pm:
        details["allowed_users"] = [name_user(world, world.users[u]) for u in topic.allowed_user_ids]
        details["allowed_groups"] = []
    return details


def can_reply(world: World, topic: Topic, viewer: Viewer) -> bool:
    if viewer.user is None:
        return False
    if viewer.admin:
        return True
    trusted = viewer.staff or viewer.user.trust_level >= 4
    cat = world.categories.get(topic.category_id) if topic.category_id else None
    if cat is not None and cat.staff_only_create and not viewer.staff:
        return False
    return trusted or not (topic.closed or topic.archived)


def topic_view(
    world: World,
    topic: Topic,
    viewer: Viewer,
    *,
    posts: list[Post],
    stream: list[int],
    include_raw: bool,
    suggested: list[Topic],
) -> dict[str, Any]:
    """``/t/{id}.json``: a chunk of posts, the full stream of ids, and the topic's fields."""
    has_answer, _ = _solved_fields(world, topic)
    logged = viewer.logged_in
    out: dict[str, Any] = {
        "post_stream": {
            "posts": [post_json(world, p, viewer, include_raw=include_raw) for p in posts],
            "stream": stream,
        },
        "timeline_lookup": timeline_lookup(topic, world.visible_posts(topic, viewer), world.now),
        "suggested_topics": [suggested_item(world, t, viewer) for t in suggested],
        "tags": list(topic.tags),
        "tags_descriptions": {},
        "fancy_title": fancy_title(topic.title),
        "id": topic.id,
        "title": topic.title,
        "posts_count": topic.posts_count,
        "created_at": iso(topic.created_at),
        "views": topic.views,
        "reply_count": topic.reply_count,
        "like_count": topic.like_count,
        "last_posted_at": iso(topic.last_posted_at),
        "visible": topic.visible,
        "closed": topic.closed,
        "archived": topic.archived,
        "has_summary": False,
        "archetype": topic.archetype,
        "slug": topic.slug,
        "category_id": topic.category_id,
        "word_count": topic.word_count,
        "deleted_at": iso(topic.deleted_at),
        "user_id": topic.user_id,
        "featured_link": None,
        "pinned_globally": topic.pinned_globally,
        "pinned_at": iso(topic.pinned_at),
        "pinned_until": None,
        "image_url": topic.image_url,
        "slow_mode_seconds": 0,
        "draft": None,
        "draft_key": f"topic_{topic.id}",
        "draft_sequence": 0 if logged else None,
    }
    if logged:
        out["posted"] = viewer.user_id in topic.poster_counts
    out.update(
        {
            "unpinned": None,
            "pinned": topic.pinned,
            "current_post_number": 1,
            "highest_post_number": topic.highest_post_number,
        }
    )
    if logged:
        last = topic.posts[-1]
        out.update({"last_read_post_number": topic.highest_post_number, "last_read_post_id": last.id})
    out["deleted_by"] = None
    if logged:
        out["has_deleted"] = any(p.deleted_at is not None for p in topic.posts) and viewer.staff
    out["actions_summary"] = [
        {"id": a, "count": 0, "hidden": False, "can_act": logged} for a in (4, 8, 10, 7)
    ]
    out.update(
        {
            "chunk_size": 20,
            "bookmarked": bool(topic_bookmarked(world, topic, viewer)),
            "topic_timer": None,
            "message_bus_last_id": topic.highest_post_number,
            "participant_count": topic.participant_count,
        }
    )
    if logged:
        out["queued_posts_count"] = sum(1 for p in world.pending_posts if p.topic_id == topic.id)
    out.update(
        {
            "show_read_indicator": False,
            "thumbnails": None,
            "slow_mode_enabled_until": None,
            "is_category_expert_question": None,
            "is_ticket": False,
            "can_vote": False,
            "vote_count": 0,
            "user_voted": False,
            "discourse_zendesk_plugin_zendesk_id": None,
            "discourse_zendesk_plugin_zendesk_url": "https://your-url.zendesk.com/agent/tickets/",
            "external_id": None,
            "has_accepted_answer": has_answer,
            "details": topic_details(world, topic, viewer),
        }
    )
    accepted = topic.accepted_post
    if accepted is not None and has_answer:
        answerer = world.users[accepted.user_id]
        op = world.users[topic.user_id]
        out["accepted_answer"] = {
            "post_number": accepted.post_number,
            "username": answerer.username,
            "name": answerer.name,
            "excerpt": excerpt(world.cooked(accepted), 200)[0],
            "accepter_username": op.username,
            "accepter_name": op.name,
        }
    if logged:
        out["pending_posts"] = []
    out["bookmarks"] = []
    return out


def suggested_item(world: World, topic: Topic, viewer: Viewer) -> dict[str, Any]:
    """Suggested topics embed their posters' user objects (unlike list items)."""
    state = _read_state(world, topic, viewer)
    has_answer, can_have = _solved_fields(world, topic)
    out: dict[str, Any] = {
        "fancy_title": fancy_title(topic.title),
        "id": topic.id,
        "title": topic.title,
        "slug": topic.slug,
        "posts_count": topic.posts_count,
        "reply_count": topic.reply_count,
        "highest_post_number": topic.highest_post_number,
        "image_url": topic.image_url,
        "created_at": iso(topic.created_at),
        "last_posted_at": iso(topic.last_posted_at),
        "bumped": True,
        "bumped_at": iso(topic.bumped_at),
        "archetype": topic.archetype,
        "unseen": False,
    }
    if state:
        out.update({k: state[k] for k in ("last_read_post_number", "unread", "new_posts", "unread_posts")})
    out.update(
        {
            "pinned": topic.pinned,
            "unpinned": None,
            "visible": topic.visible,
            "closed": topic.closed,
            "archived": topic.archived,
        }
    )
    if state:
        out["notification_level"] = state["notification_level"]
    out.update(
        {
            "bookmarked": topic_bookmarked(world, topic, viewer),
            "liked": _liked(topic, viewer),
            "tags": list(topic.tags),
            "tags_descriptions": {},
            "like_count": topic.like_count,
            "views": topic.views,
            "category_id": topic.category_id,
            "featured_link": None,
            "has_accepted_answer": has_answer,
            "can_have_answer": can_have,
            "posters": posters(world, topic, embed=True),
        }
    )
    return out


# ====================================================================== categories and site


def _category_counts(world: World, cat: Category) -> dict[str, int]:
    def build() -> dict[str, int]:
        counts = {"topic_count": 0, "post_count": 0, "day": 0, "week": 0, "month": 0, "year": 0}
        for t in world.topics.values():
            if t.category_id != cat.id or t.is_pm or t.deleted_at is not None or t.is_definition:
                continue
            counts["topic_count"] += 1
            counts["post_count"] += t.posts_count
            age = (world.now - t.created_at).days
            for key, days in (("day", 1), ("week", 7), ("month", 30), ("year", 365)):
                if age < days:
                    counts[key] += 1
        return counts

    return world.cached(("category_counts", cat.id), build)


def _permission(cat: Category, viewer: Viewer) -> int | None:
    if not viewer.logged_in:
        return None
    return 3 if cat.staff_only_create and not viewer.staff else 1


def category_json(world: World, cat: Category, viewer: Viewer, *, for_site: bool) -> dict[str, Any]:
    counts = _category_counts(world, cat)
    definition = world.topics.get(cat.definition_topic_id) if cat.definition_topic_id else None
    out: dict[str, Any] = {
        "id": cat.id,
        "name": cat.name,
        "color": cat.color,
        "text_color": cat.text_color,
        "style_type": "emoji" if cat.emoji else "square",
        "icon": None,
        "emoji": cat.emoji or None,
        "slug": cat.slug,
        "topic_count": counts["topic_count"],
        "post_count": counts["post_count"],
        "position": cat.position,
        "description": f"<p>{html.escape(cat.description_text, quote=False)}</p>",
        "description_text": cat.description_text,
        "description_excerpt": cat.description_text,
        "topic_url": f"/t/{definition.slug}/{definition.id}" if definition else None,
        "read_restricted": cat.read_restricted,
        "permission": _permission(cat, viewer),
        "notification_level": 1,
    }
    if not for_site:
        out["can_edit"] = viewer.staff
    out.update(
        {
            "topic_template": None,
            "has_children": False,
            "subcategory_count": None,
            "sort_order": None,
            "sort_ascending": None,
            "show_subcategory_list": False,
            "num_featured_topics": 3,
            "default_view": None,
            "subcategory_list_style": "rows_with_featured_topics",
            "default_top_period": "all",
            "default_list_filter": "all",
            "minimum_required_tags": 0,
            "navigate_to_first_post_after_read": False,
            "custom_fields": {
                "has_chat_enabled": None,
                "enable_unassigned_filter": None,
                "sort_topics_by_event_start_date": None,
                "disable_topic_resorting": None,
                "create_as_post_voting_default": None,
                "only_post_voting_in_this_category": None,
                "enable_accepted_answers": "true" if cat.solved_enabled else None,
            },
            "parent_category_id": None,
        }
    )
    if for_site:
        out.update(
            {
                "allowed_tags": [],
                "allowed_tag_groups": [],
                "allow_global_tags": False,
                "read_only_banner": None,
                "form_template_ids": [],
                "uploaded_logo": None,
                "uploaded_logo_dark": None,
                "uploaded_background": None,
                "uploaded_background_dark": None,
                "required_tag_groups": [],
                "can_edit": viewer.staff,
            }
        )
    else:
        out.update(
            {
                "topics_day": counts["day"],
                "topics_week": counts["week"],
                "topics_month": counts["month"],
                "topics_year": counts["year"],
                "topics_all_time": counts["topic_count"],
                "subcategory_ids": [],
                "uploaded_logo": None,
                "uploaded_logo_dark": None,
                "uploaded_background": None,
                "uploaded_background_dark": None,
            }
        )
    return out


def category_featured_topic(world: World, topic: Topic, viewer: Viewer) -> dict[str, Any]:
    item = suggested_item(world, topic, viewer)
    for key in (
        "tags",
        "tags_descriptions",
        "like_count",
        "views",
        "category_id",
        "featured_link",
        "posters",
        "can_have_answer",
    ):
        item.pop(key, None)
    item["last_poster"] = name_user(world, world.users[topic.last_post_user_id])
    return item


def site_groups() -> list[dict[str, Any]]:
    names = [
        (1, "admins"),
        (0, "everyone"),
        (2, "moderators"),
        (3, "staff"),
        (10, "trust_level_0"),
        (11, "trust_level_1"),
        (12, "trust_level_2"),
        (13, "trust_level_3"),
        (14, "trust_level_4"),
    ]
    out: list[dict[str, Any]] = [
        {
            "id": gid,
            "name": name,
            "flair_url": None,
            "flair_bg_color": None,
            "flair_color": None,
            "automatic": True,
        }
        for gid, name in names
    ]
    out.append({**GROUP_ANIMATION, "automatic": False})
    return out


def site_json(world: World, viewer: Viewer) -> dict[str, Any]:
    out = dict(shapes.SITE_STATIC)
    cats = [
        c
        for c in sorted(world.categories.values(), key=lambda c: c.position)
        if world.category_visible(c.id, viewer)
    ]
    out["groups"] = site_groups()
    out["uncategorized_category_id"] = 1
    out["topic_featured_link_allowed_category_ids"] = [c.id for c in cats]
    out["categories"] = [category_json(world, c, viewer, for_site=True) for c in cats]
    return out


def basic_info(base_url: str) -> dict[str, Any]:
    out = {
        k: (v.replace("http://localhost", base_url) if isinstance(v, str) else v)
        for k, v in shapes.BASIC_INFO_STATIC.items()
    }
    out["title"] = "Communauté Innovation (bac à sable)"
    out["description"] = (
        "Communauté d'innovation participative / Participatory innovation community — sandbox"
    )
    out["locale"] = "fr"
    return out


# ====================================================================== users


def user_json(world: World, user: User, viewer: Viewer) -> dict[str, Any]:
    """``/u/{username}.json``'s ``user``: the capture's field set with this member's values."""
    self_or_staff = viewer.staff or viewer.user_id == user.id
    groups = [_group(10 + lvl, f"trust_level_{lvl}") for lvl in range(0, user.trust_level + 1)]
    if user.primary_group_id:
        groups.append(_group(41, "animation"))
    out: dict[str, Any] = {
        **name_user(world, user),
        "last_posted_at": iso(user.last_posted_at),
        "last_seen_at": iso(user.last_seen_at),
        "created_at": iso(user.created_at),
        "ignored": False,
        "muted": False,
        "can_ignore_user": viewer.logged_in and not user.staff,
        "can_mute_user": viewer.logged_in,
        "can_send_private_messages": viewer.logged_in,
        "can_send_private_message_to_user": viewer.logged_in,
        "trust_level": user.trust_level,
        "moderator": user.moderator,
        "admin": user.admin,
        "title": user.title,
        "badge_count": 0,
        "custom_fields": {},
        "time_read": user.time_read,
        "recent_time_read": user.recent_time_read,
        "primary_group_id": user.primary_group_id,
        "primary_group_name": "animation" if user.primary_group_id else None,
        "flair_group_id": None,
        "flair_name": None,
        "flair_url": None,
        "flair_bg_color": None,
        "flair_color": None,
        "featured_topic": None,
        "pending_posts_count": 0,
        "staged": False,
        "can_edit": self_or_staff,
        "can_edit_username": self_or_staff,
        "can_edit_email": self_or_staff,
        "can_edit_name": self_or_staff,
        "uploaded_avatar_id": None,
        "has_title_badges": False,
        "pending_count": 0,
        "profile_view_count": user.profile_view_count,
        "second_factor_enabled": False,
        "second_factor_backup_enabled": False,
        "can_upload_profile_header": self_or_staff,
        "can_upload_user_card_background": self_or_staff,
        "post_count": user.post_count,
        "topic_count": user.topic_count,
        "can_be_deleted": viewer.admin and user.post_count == 0,
        "can_delete_all_posts": viewer.admin,
        "locale": user.lang,
        "muted_category_ids": [],
        "regular_category_ids": [],
        "watched_tags": [],
        "watching_first_post_tags": [],
        "tracked_tags": [],
        "muted_tags": [],
        "tracked_category_ids": [],
        "watched_category_ids": [],
        "watched_first_post_category_ids": [],
        "system_avatar_upload_id": None,
        "system_avatar_template": world.avatar_template(user),
        "muted_usernames": [],
        "can_mute_users": True,
        "ignored_usernames": [],
        "can_ignore_users": True,
        "allowed_pm_usernames": [],
        "mailing_list_posts_per_day": 0,
        "can_change_bio": True,
        "can_change_location": True,
        "can_change_website": True,
        "can_change_tracking_preferences": True,
        "user_api_keys": None,
        "user_auth_tokens": [],
        "user_passkeys": [],
        "user_fields": {},
        "user_notification_schedule": dict(shapes.USER_NOTIFICATION_SCHEDULE),
        "use_logo_small_as_avatar": False,
        "sidebar_tags": [],
        "sidebar_category_ids": [2, 4, 5],
        "display_sidebar_tags": False,
        "can_pick_theme_with_custom_homepage": False,
        "can_chat_user": True,
        "accepted_answers": _accepted_count(world, user),
        "featured_user_badge_ids": [],
        "invited_by": None,
        "groups": groups,
        "group_users": [{"group_id": g["id"], "user_id": user.id, "notification_level": 3} for g in groups],
        "user_option": {"user_id": user.id, **shapes.USER_OPTION_DEFAULTS},
    }
    return out


def _group(gid: int, name: str) -> dict[str, Any]:
    out = dict(shapes.GROUP_TEMPLATE)
    out.update({"id": gid, "name": name, "display_name": name, "automatic": gid != 41})
    return out


def _accepted_count(world: World, user: User) -> int:
    return world.cached(
        ("accepted", user.id),
        lambda: sum(1 for p in world.posts.values() if p.accepted_answer and p.user_id == user.id),
    )


def user_summary(world: World, user: User, viewer: Viewer, posts: list[Post]) -> dict[str, Any]:
    """``/u/{username}/summary.json`` from all the member's ``posts`` (filtered for the viewer here)."""
    mine = []
    for p in posts:
        t = world.topics[p.topic_id]
        if not t.is_pm and t.deleted_at is None and p.deleted_at is None and world.topic_visible(t, viewer):
            mine.append(p)
    topics = [world.topics[p.topic_id] for p in mine if p.post_number == 1]
    top_topics = sorted(topics, key=lambda t: (-t.like_count, t.id))[:6]
    replies = sorted((p for p in mine if p.post_number > 1), key=lambda p: (-len(p.likes), p.id))[:6]
    summary: dict[str, Any] = {
        "likes_given": user.likes_given,
        "likes_received": user.likes_received,
        "topics_entered": user.topics_entered,
        "posts_read_count": user.posts_read,
        "days_visited": user.days_visited,
        "topic_count": user.topic_count,
        "post_count": user.post_count,
        "time_read": user.time_read,
        "recent_time_read": user.recent_time_read,
        "bookmark_count": sum(1 for b in world.bookmarks.values() if b.user_id == user.id),
        "can_see_summary_stats": True,
        "can_see_user_actions": True,
        "solved_count": _accepted_count(world, user),
        "topic_ids": [t.id for t in top_topics],
        "replies": [
            {
                "post_number": p.post_number,
                "like_count": len(p.likes),
                "created_at": iso(p.created_at),
                "topic_id": p.topic_id,
            }
            for p in replies
        ],
        "links": [],
        "most_liked_by_users": [],
        "most_liked_users": [],
        "most_replied_to_users": [],
        "badges": [],
        "top_categories": [],
    }
    return {
        "topics": [
            {
                "id": t.id,
                "title": t.title,
                "fancy_title": fancy_title(t.title),
                "slug": t.slug,
                "posts_count": t.posts_count,
                "category_id": t.category_id,
                "like_count": t.like_count,
                "created_at": iso(t.created_at),
            }
            for t in top_topics
        ],
        "badges": [],
        "badge_types": [],
        "users": [],
        "user_summary": summary,
    }


def current_user(world: World, user: User) -> dict[str, Any]:
    return {
        "current_user": {
            **name_user(world, user),
            "last_posted_at": iso(user.last_posted_at),
            "last_seen_at": iso(user.last_seen_at),
            "created_at": iso(user.created_at),
            "unread_notifications": 0,
            "unread_high_priority_notifications": 0,
            "all_unread_notifications_count": 0,
            "read_first_notification": True,
            "admin": user.admin,
            "moderator": user.moderator,
            "staff": user.staff,
            "whisperer": user.staff,
            "title": user.title,
            "any_posts": user.post_count > 0,
            "trust_level": user.trust_level,
            "can_send_private_email_messages": user.staff,
            "can_send_private_messages": True,
            "can_edit": True,
            "can_invite_to_forum": user.staff,
            "can_create_topic": True,
            "can_create_group": user.admin,
            "can_review": user.staff,
            "reviewable_count": 0,
            "unseen_reviewable_count": 0,
            "new_personal_messages_notifications_count": 0,
            "locale": user.lang,
            "timezone": "Europe/Paris",
            "skip_new_user_tips": True,
            "groups": [{"id": 10 + lvl, "name": f"trust_level_{lvl}"} for lvl in range(user.trust_level + 1)],
            "user_option": {"user_id": user.id, **shapes.USER_OPTION_DEFAULTS},
        }
    }


def directory_item(world: World, user: User, stats: dict[str, int], with_time_read: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"id": user.id}
    for key in (
        "likes_received",
        "likes_given",
        "topic_count",
        "post_count",
        "topics_entered",
        "posts_read",
        "days_visited",
    ):
        out[key] = stats[key]
    if with_time_read:
        out["time_read"] = stats["time_read"]
    u: dict[str, Any] = {**name_user(world, user), "title": user.title}
    if user.admin:
        u["admin"] = True
    if user.moderator:
        u["moderator"] = True
    u["trust_level"] = user.trust_level
    out["user"] = u
    return out


def _age(now: datetime, dt: datetime | None) -> float | None:
    return round((now - dt).total_seconds(), 6) if dt is not None else None


def admin_user_row(world: World, user: User, now: datetime, show_emails: bool) -> dict[str, Any]:
    out: dict[str, Any] = name_user(world, user)
    if show_emails:
        out["email"] = f"{user.username.lower()}@example.com" if user.id > 0 else f"{user.username}_email"
        out["secondary_emails"] = []
    out.update(
        {
            "active": True,
            "admin": user.admin,
            "moderator": user.moderator,
            "last_seen_at": iso(user.last_seen_at),
            "last_emailed_at": None,
            "created_at": iso(user.created_at),
            "last_seen_age": _age(now, user.last_seen_at),
            "last_emailed_age": None,
            "created_at_age": _age(now, user.created_at),
            "trust_level": user.trust_level,
            "manual_locked_trust_level": None,
            "title": user.title,
            "time_read": user.time_read,
            "staged": False,
            "can_be_deleted": user.post_count == 0 and not user.admin,
            "silence_reason": None,
            "days_visited": user.days_visited,
            "posts_read_count": user.posts_read,
            "topics_entered": user.topics_entered,
            "post_count": user.post_count,
        }
    )
    return out


def bookmark_json(world: World, bookmark: Bookmark) -> dict[str, Any]:
    if bookmark.bookmarkable_type == "Post":
        post = world.posts[bookmark.bookmarkable_id]
        topic = world.topics[post.topic_id]
        linked, url = post.post_number, f"/t/{topic.slug}/{topic.id}/{post.post_number}"
    else:
        topic = world.topics[bookmark.bookmarkable_id]
        post = topic.posts[0]
        linked, url = None, f"/t/{topic.slug}/{topic.id}"
    author = world.users[post.user_id]
    text, truncated = excerpt(world.cooked(post), 300)
    return {
        "id": bookmark.id,
        "created_at": iso(bookmark.created_at),
        "updated_at": iso(bookmark.updated_at),
        "name": bookmark.name,
        "reminder_at": iso(bookmark.reminder_at),
        "reminder_at_ics_start": bookmark.reminder_at.strftime("%Y%m%dT%H%M%SZ")
        if bookmark.reminder_at
        else None,
        "reminder_at_ics_end": bookmark.reminder_at.strftime("%Y%m%dT%H%M%SZ")
        if bookmark.reminder_at
        else None,
        "pinned": bookmark.pinned,
        "title": topic.title,
        "fancy_title": fancy_title(topic.title),
        "excerpt": text,
        "truncated": truncated,
        "bookmarkable_id": bookmark.bookmarkable_id,
        "bookmarkable_type": bookmark.bookmarkable_type,
        "bookmarkable_url": url,
        "tags": list(topic.tags),
        "tags_descriptions": {},
        "auto_delete_preference": bookmark.auto_delete_preference,
        "topic_id": topic.id,
        "linked_post_number": linked,
        "deleted": post.deleted_at is not None,
        "hidden": post.hidden,
        "category_id": topic.category_id,
        "closed": topic.closed,
        "archived": topic.archived,
        "archetype": topic.archetype,
        "highest_post_number": topic.highest_post_number,
        "last_read_post_number": topic.highest_post_number,
        "bumped_at": iso(topic.bumped_at),
        "slug": topic.slug,
        "user": name_user(world, author),
    }
