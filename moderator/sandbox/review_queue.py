"""The sandbox's review queue: Discourse's ``/review`` endpoints over a seeded set of reviewables.

Behaviour follows Discourse (DC ``app/controllers/reviewables_controller.rb`` and the reviewable
serializers, ``rest_serializer`` side-loads):

- ``GET /review.json``: pending reviewables, ``score DESC, created_at DESC``, 10 per page by
  ``offset``; each names ``reviewable_score_ids`` and ``bundled_action_ids``; ``users``, ``topics``,
  ``reviewable_scores``, ``score_types``, ``bundled_actions`` (with ``action_ids``) and ``actions``
  are side-loaded; ``meta`` has ``total_rows_reviewables``, ``reviewable_count`` and, when more,
  ``load_more_reviewables``.
- ``GET /review/count.json`` → ``{"count": N}``; ``GET /review/{id}.json`` → ``{"reviewable": ...}``
  with its ``reviewable_histories``.
- ``PUT /review/{id}/perform/{action}?version=N``: 422 without ``version``, 409 when it is stale,
  403 when the action is not offered (already handled), else ``reviewable_perform_result``.
- Only staff may see the queue (``ensure_can_see_review_queue!`` → 403 ``invalid_access``).

The queue is seeded lazily from the world's seed (flagged posts of members, posts of newcomers held
for approval), so it is the same all day; posts held by ``POST /posts.json`` join it as queued posts.
Performing changes the world (hide, delete, create the approved post). ``act_as`` lets a test be the
"other moderator". Shares no code with the app's connector.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from . import serializers
from .entities import REGULAR, User, Viewer, iso
from .routes import Api, Reply, Request, error, invalid_access, not_found, route
from .world import World

PER_PAGE = 10
STATUSES = {"pending": 0, "approved": 1, "rejected": 2, "ignored": 3, "deleted": 4}
TRANSITIONED = 1  # ReviewableHistory.types[:transitioned]
MSG_CONFLICT = "There was an update conflict preventing you from doing that. Please try again."
MSG_MISSING_VERSION = "You must supply a version parameter"

# PostActionType ids and their titles (DC post_action_types / ReviewableScore.types)
FLAG_TYPES = {
    3: ("off_topic", "Off-Topic"),
    4: ("inappropriate", "Inappropriate"),
    7: ("notify_moderators", "Something Else"),
    8: ("spam", "Spam"),
    10: ("illegal", "Illegal"),
    9: ("needs_approval", "Needs Approval"),
}
NEEDS_APPROVAL = 9

# action -> (label, bundle, transition, confirm)
FLAG_ACTIONS = {
    "agree_and_hide": ("Agree and hide post", "agree", "approved", False),
    "agree_and_keep_hidden": ("Agree and keep hidden", "agree", "approved", False),
    "agree_and_keep": ("Agree and keep post", "agree", "approved", False),
    "delete_and_agree": ("Delete post", "agree", "approved", False),
    "delete_and_agree_replies": ("Delete post and replies", "agree", "approved", True),
    "disagree": ("Disagree", "disagree", "rejected", False),
    "disagree_and_restore": ("Disagree and restore post", "disagree", "rejected", False),
    "ignore_and_do_nothing": ("Ignore flag", "disagree", "ignored", False),
    "delete_and_ignore": ("Ignore and delete post", "disagree", "ignored", False),
}
QUEUED_ACTIONS = {
    "approve_post": ("Approve post", "approve", "approved", False),
    "reject_post": ("Reject post", "reject", "rejected", False),
    "delete_user": ("Delete user", "reject", "rejected", True),
}

# DC config/locales/server.en.yml reviewables.reasons.*, with the setting's link staff see.
REASONS = {
    "new_user": (
        'Posts by new users need approval, as set by <a href="/admin/site_settings/category/all_results'
        '?filter=approve_unless_trust_level">approve unless trust level</a>.'
    ),
    "new_topics_unless_trust_level": (
        'New topics by users of this trust level need approval, as set by <a href="/admin/site_settings/'
        'category/all_results?filter=approve_new_topics_unless_trust_level">approve new topics unless trust'
        " level</a>."
    ),
}

NEWCOMER_TEXTS = (
    (
        "Bonjour à tous, je découvre la communauté et je voulais partager un lien vers mon site "
        "de formation en ligne, n'hésitez pas à me contacter pour des tarifs préférentiels !"
    ),
    (
        "Merci pour ce sujet ! Chez nous, l'équipe logistique a testé la même idée l'an dernier : "
        "le plus dur a été de garder le rythme des points hebdomadaires. Je peux partager notre modèle."
    ),
    (
        "Hello everyone, I'm new here. We tried something similar in the Lyon plant and I can share "
        "the checklist we used for the pilot if that helps."
    ),
)
NEWCOMER_TOPIC = (
    "Proposition : un café des nouveaux arrivants chaque mois",
    "Je suis arrivée il y a trois semaines et je trouve difficile de rencontrer les autres équipes. "
    "Un café mensuel des nouveaux arrivants, animé par un ancien, pourrait aider. Qu'en pensez-vous ?",
)


@dataclass(slots=True, eq=False)
class Score:
    id: int
    user_id: int
    type_id: int
    created_at: datetime
    reason: str | None = None


@dataclass(slots=True, eq=False)
class History:
    id: int
    status: int
    created_by_id: int
    created_at: datetime


@dataclass(slots=True, eq=False)
class Reviewable:
    id: int
    type: str  # ReviewableFlaggedPost | ReviewableQueuedPost
    created_by_id: int
    created_at: datetime
    target_created_by_id: int
    topic_id: int | None
    category_id: int | None
    post_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    status: int = 0
    version: int = 0
    scores: list[Score] = field(default_factory=list)
    histories: list[History] = field(default_factory=list)
    pending_post_id: int | None = None

    @property
    def score(self) -> float:
        bonus = {8: 3.0, 10: 5.0, 4: 2.0, 3: 1.0, 7: 1.5, 9: 1.0}
        return round(sum(1.0 + bonus.get(s.type_id, 0.0) for s in self.scores), 1)


class ReviewQueue:
    """The reviewables of one sandbox world."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.items: dict[int, Reviewable] = {}
        self._score_id = 0
        self._history_id = 0
        self._seed()

    # ------------------------------------------------------------------ seeding

    def _next_score(self) -> int:
        self._score_id += 1
        return self._score_id

    def _add(self, r: Reviewable) -> Reviewable:
        self.items[r.id] = r
        return r

    def _seed(self) -> None:
        world = self.world
        rng = random.Random(world.seed * 1009 + 18)
        members = [u for u in world.users.values() if u.id > 0 and not u.staff]
        flaggers = [u for u in members if u.role in ("regular", "gone_quiet")] or members
        public = {c.id for c in world.categories.values() if not c.read_restricted}
        candidates = [
            p
            for p in world.posts.values()
            if p.post_number > 1
            and p.deleted_at is None
            and not p.hidden
            and p.post_type == REGULAR
            and not world.users[p.user_id].staff
            and p.user_id > 0
            and world.topics[p.topic_id].category_id in public
            and not world.topics[p.topic_id].is_pm
            and world.topics[p.topic_id].deleted_at is None
        ]
        candidates.sort(key=lambda p: p.id)
        picked = rng.sample(candidates, min(6, len(candidates)))
        kinds = [8, 4, 3, 7, 10, 4]
        next_id = 1
        for post, kind in zip(picked, kinds, strict=False):
            topic = world.topics[post.topic_id]
            who = [u for u in flaggers if u.id != post.user_id]
            n = 1 + (next_id % 3)
            chosen = rng.sample(who, min(n, len(who)))
            when = min(world.now, post.created_at + timedelta(hours=rng.randint(1, 40)))
            r = Reviewable(
                next_id,
                "ReviewableFlaggedPost",
                chosen[0].id,
                when,
                post.user_id,
                topic.id,
                topic.category_id,
                post_id=post.id,
            )
            for i, flagger in enumerate(chosen):
                type_id = kind if i == 0 else rng.choice([kind, 4, 7])
                r.scores.append(
                    Score(self._next_score(), flagger.id, type_id, when + timedelta(minutes=13 * i))
                )
            self._add(r)
            next_id += 1
        newcomers = (
            sorted((u for u in members if u.role in ("newcomer", "newcomer_intro")), key=lambda u: u.id)
            or members
        )
        topics = sorted(
            (
                t
                for t in world.topics.values()
                if not t.is_pm and t.category_id in public and t.deleted_at is None
            ),
            key=lambda t: t.id,
        )
        for i, raw in enumerate(NEWCOMER_TEXTS):
            author = newcomers[(i * 7) % len(newcomers)]
            topic = topics[rng.randrange(len(topics))]
            when = world.now - timedelta(hours=2 + 5 * i)
            r = Reviewable(
                next_id,
                "ReviewableQueuedPost",
                author.id,
                when,
                author.id,
                topic.id,
                topic.category_id,
                payload={"raw": raw},
            )
            r.scores.append(Score(self._next_score(), -1, NEEDS_APPROVAL, when, "new_user"))
            self._add(r)
            next_id += 1
        author = newcomers[3 % len(newcomers)]
        cat = min(public)
        when = world.now - timedelta(hours=1)
        r = Reviewable(
            next_id,
            "ReviewableQueuedPost",
            author.id,
            when,
            author.id,
            None,
            cat,
            payload={"title": NEWCOMER_TOPIC[0], "raw": NEWCOMER_TOPIC[1]},
        )
        r.scores.append(Score(self._next_score(), -1, NEEDS_APPROVAL, when, "new_topics_unless_trust_level"))
        self._add(r)

    def absorb_pending_posts(self) -> None:
        """Posts held by ``POST /posts.json`` become queued-post reviewables (once)."""
        known = {r.pending_post_id for r in self.items.values() if r.pending_post_id}
        for pending in self.world.pending_posts:
            if pending.id in known:
                continue
            topic = self.world.topics.get(pending.topic_id) if pending.topic_id else None
            payload: dict[str, Any] = {"raw": pending.raw}
            if pending.title:
                payload["title"] = pending.title
            r = Reviewable(
                max(self.items, default=0) + 1,
                "ReviewableQueuedPost",
                pending.user_id,
                pending.created_at,
                pending.user_id,
                topic.id if topic else None,
                topic.category_id if topic else pending.category_id,
                payload=payload,
                pending_post_id=pending.id,
            )
            r.scores.append(Score(self._next_score(), -1, NEEDS_APPROVAL, pending.created_at, "new_user"))
            self._add(r)

    # ------------------------------------------------------------------ queries

    def pending(self) -> list[Reviewable]:
        self.absorb_pending_posts()
        items = [r for r in self.items.values() if r.status == 0]
        items.sort(key=lambda r: (-r.score, -r.created_at.timestamp(), r.id))
        return items

    def actions_for(self, r: Reviewable) -> dict[str, tuple[str, str, str, bool]]:
        if r.status != 0:
            return {}
        if r.type == "ReviewableQueuedPost":
            return dict(QUEUED_ACTIONS)
        post = self.world.posts.get(r.post_id or 0)
        if post is None:
            return {}
        names = ["agree_and_keep_hidden"] if post.hidden else ["agree_and_hide", "agree_and_keep"]
        names.append("delete_and_agree")
        if post.reply_count > 0:
            names.append("delete_and_agree_replies")
        names += ["disagree_and_restore" if post.hidden else "disagree", "ignore_and_do_nothing"]
        names.append("delete_and_ignore")
        return {n: FLAG_ACTIONS[n] for n in names}

    # ------------------------------------------------------------------ performing

    def perform(self, r: Reviewable, action: str, user: User) -> str:
        """Do it to the world; returns the new status name."""
        label, _bundle, transition, _confirm = self.actions_for(r)[action]
        world = self.world
        post = world.posts.get(r.post_id or 0)
        if action == "agree_and_hide" and post is not None:
            post.hidden = True
        elif action in ("disagree_and_restore",) and post is not None:
            post.hidden = False
        elif action.startswith("delete_and_") and post is not None:
            world.delete_post(post.id)
        elif action == "approve_post":
            author = world.users[r.target_created_by_id]
            if r.topic_id is None:
                topic = world.create_topic(
                    r.category_id,
                    author,
                    str(r.payload.get("title") or ""),
                    str(r.payload["raw"]),
                    world.clock(),
                )
                r.topic_id = topic.id
                r.post_id = topic.posts[0].id
            else:
                created = world.create_post(
                    world.topics[r.topic_id], author, str(r.payload["raw"]), world.clock()
                )
                r.post_id = created.id
        if r.pending_post_id is not None:
            world.pending_posts[:] = [p for p in world.pending_posts if p.id != r.pending_post_id]
        r.status = STATUSES[transition]
        r.version += 1
        self._history_id += 1
        r.histories.append(History(self._history_id, r.status, user.id, world.clock()))
        world.touch()
        return transition

    def act_as(self, username: str, reviewable_id: int, action: str) -> str:
        """Another moderator decides in the browser (tests: the concurrent moderator)."""
        with self.world.lock:
            return self.perform(self.items[reviewable_id], action, self.world.require_user(username))

    def edit_as(self, username: str, reviewable_id: int, raw: str) -> int:
        """Another moderator edits a held post (DC ``update_fields``): the version moves on."""
        with self.world.lock:
            self.world.require_user(username)
            r = self.items[reviewable_id]
            r.payload["raw"] = raw
            r.version += 1
            self.world.touch()
            return r.version

    def flag(self, post_id: int, username: str, type_id: int = 4) -> Reviewable:
        """A member flags a post (joins its pending reviewable, or opens one)."""
        with self.world.lock:
            world = self.world
            post = world.posts[post_id]
            user = world.require_user(username)
            existing = next(
                (
                    r
                    for r in self.items.values()
                    if r.post_id == post_id and r.type == "ReviewableFlaggedPost"
                ),
                None,
            )
            if existing is None:
                topic = world.topics[post.topic_id]
                existing = self._add(
                    Reviewable(
                        max(self.items, default=0) + 1,
                        "ReviewableFlaggedPost",
                        user.id,
                        world.clock(),
                        post.user_id,
                        topic.id,
                        topic.category_id,
                        post_id=post.id,
                    )
                )
            existing.status = 0
            existing.scores.append(Score(self._next_score(), user.id, type_id, world.clock()))
            world.touch()
            return existing


def queue_for(world: World) -> ReviewQueue:
    queue = world.planted.get("review_queue")
    if not isinstance(queue, ReviewQueue):
        queue = ReviewQueue(world)
        world.planted["review_queue"] = queue
    return queue


# ====================================================================== serialization


def _flagged_user(world: World, user: User, queue: ReviewQueue) -> dict[str, Any]:
    """DC ``FlaggedUserSerializer`` (the author of the item), as staff sees it."""
    out = serializers.name_user(world, user)
    agreed = sum(
        1
        for r in queue.items.values()
        if r.status == 1 and r.type == "ReviewableFlaggedPost" and any(s.user_id == user.id for s in r.scores)
    )
    rejected = sum(
        1
        for r in queue.items.values()
        if r.status == 2 and r.type == "ReviewableQueuedPost" and r.target_created_by_id == user.id
    )
    out.update(
        {
            "can_delete_all_posts": not user.admin,
            "can_be_deleted": not user.admin,
            "post_count": user.post_count,
            "topic_count": user.topic_count,
            "email": f"{user.username}@example.invalid",
            "ip_address": "127.0.0.1",
            "custom_fields": {},
            "flags_agreed": agreed,
            "flags_disagreed": 0,
            "flags_ignored": 0,
            "created_at": iso(user.created_at),
            "trust_level": user.trust_level,
            "silenced_count": 0,
            "suspended_count": 0,
            "rejected_posts_count": rejected,
        }
    )
    return out


def _topic(world: World, topic_id: int) -> dict[str, Any] | None:
    topic = world.topics.get(topic_id)
    if topic is None:
        return None
    return {
        "id": topic.id,
        "title": topic.title,
        "fancy_title": topic.title,
        "slug": topic.slug,
        "posts_count": topic.posts_count,
        "reply_count": topic.reply_count,
        "created_at": iso(topic.created_at),
        "category_id": topic.category_id,
        "closed": topic.closed,
        "archived": topic.archived,
        "visible": topic.visible,
        "archetype": topic.archetype,
    }


class _Side:
    """What one answer side-loads (each record once per answer)."""

    def __init__(self) -> None:
        self.users: dict[int, dict[str, Any]] = {}
        self.topics: dict[int, dict[str, Any]] = {}
        self.scores: list[dict[str, Any]] = []
        self.score_types: dict[int, dict[str, Any]] = {}
        self.bundles: list[dict[str, Any]] = []
        self.actions: list[dict[str, Any]] = []
        self.histories: list[dict[str, Any]] = []

    def user(self, world: World, user_id: int, full: dict[str, Any] | None = None) -> None:
        if user_id in self.users and full is None:
            return
        user = world.users.get(user_id)
        if user is not None:
            self.users[user_id] = full or serializers.name_user(world, user)


def _serialize(api: Api, queue: ReviewQueue, r: Reviewable, side: _Side, base_url: str) -> dict[str, Any]:
    world = api.world
    post = world.posts.get(r.post_id or 0)
    topic = world.topics.get(r.topic_id or 0)
    d: dict[str, Any] = {
        "id": r.id,
        "type": r.type,
        "type_source": "core",
        "status": r.status,
        "created_at": iso(r.created_at),
        "score": r.score,
        "version": r.version,
        "can_edit": False,
        "editable_fields": [],
        "created_by_id": r.created_by_id,
        "target_created_by_id": r.target_created_by_id,
        "target_created_by_trust_level": world.users[r.target_created_by_id].trust_level,
        "claimed_by_id": None,
    }
    if r.topic_id is not None:
        d["topic_id"] = r.topic_id
    if r.category_id is not None:
        d["category_id"] = r.category_id
    if topic is not None:
        d["topic_url"] = f"{base_url}/t/{topic.slug}/{topic.id}"
        d["target_url"] = d["topic_url"] + (f"/{post.post_number}" if post else "")
        side.topics.setdefault(topic.id, _topic(world, topic.id) or {})
    if r.type == "ReviewableFlaggedPost":
        d["target_type"] = "Post"
        d["target_id"] = r.post_id
        if post is not None:
            d["post_id"] = post.id
            d["raw"] = post.raw
            d["cooked"] = world.cooked(post)
            d["reply_count"] = post.reply_count
            if post.reply_to_post_number:
                d["reply_to_post_number"] = post.reply_to_post_number
            d["post_updated_at"] = iso(post.updated_at or post.created_at)
            d["post_version"] = post.version
            if post.deleted_at is not None:
                d["deleted_at"] = iso(post.deleted_at)
        else:
            d["blank_post"] = True
    else:
        d["payload"] = dict(r.payload)
        if r.post_id is not None:
            d["target_type"] = "Post"
            d["target_id"] = r.post_id
    side.user(world, r.target_created_by_id, _flagged_user(world, world.users[r.target_created_by_id], queue))
    side.user(world, r.created_by_id)
    score_ids = []
    for s in sorted(r.scores, key=lambda s: s.created_at, reverse=True):
        key, title = FLAG_TYPES[s.type_id]
        side.scores.append(
            {
                "id": s.id,
                "score": 1.0,
                "agree_stats": {"agreed": 0, "disagreed": 0, "ignored": 0},
                "reason": REASONS.get(s.reason, s.reason) if s.reason else None,
                "created_at": iso(s.created_at),
                "reviewed_at": None,
                "status": 0,
                "user_id": s.user_id,
                "score_type_id": s.type_id,
                "reviewed_by_id": None,
            }
        )
        side.user(world, s.user_id)
        side.score_types[s.type_id] = {"id": s.type_id, "title": title, "icon": "flag", "type": key}
        score_ids.append(s.id)
    d["reviewable_score_ids"] = score_ids
    bundles: dict[str, dict[str, Any]] = {}
    for name, (label, bundle, _transition, confirm) in queue.actions_for(r).items():
        action_id = f"{r.id}-{name}"
        action: dict[str, Any] = {
            "id": action_id,
            "action_name": name,
            "icon": "thumbs-up",
            "button_class": None,
            "label": label,
            "server_action": name,
        }
        if confirm:
            action["confirm_message"] = "Are you sure?"
        side.actions.append(action)
        entry = bundles.setdefault(
            bundle, {"id": f"{r.id}-{bundle}", "icon": "thumbs-up", "label": bundle.title(), "action_ids": []}
        )
        entry["action_ids"].append(action_id)
    side.bundles.extend(bundles.values())
    d["bundled_action_ids"] = [b["id"] for b in bundles.values()]
    history_ids = []
    for h in r.histories:
        side.histories.append(
            {
                "id": h.id,
                "created_at": iso(h.created_at),
                "reviewable_history_type": TRANSITIONED,
                "status": h.status,
                "created_by_id": h.created_by_id,
            }
        )
        side.user(world, h.created_by_id)
        history_ids.append(h.id)
    d["reviewable_history_ids"] = history_ids
    return d


def _side_loads(side: _Side) -> dict[str, Any]:
    return {
        "users": list(side.users.values()),
        "topics": list(side.topics.values()),
        "reviewable_scores": side.scores,
        "score_types": list(side.score_types.values()),
        "bundled_actions": side.bundles,
        "actions": side.actions,
        "reviewable_histories": side.histories,
        "__rest_serializer": "1",
    }


# ====================================================================== routes


def _guard(viewer: Viewer) -> Reply | None:
    if viewer.user is None:
        return error(403, "You need to be logged in to do that.", "not_logged_in")
    if not viewer.staff:
        return invalid_access()
    return None


@route("GET", r"/review", "reviewables/index")
def get_review(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    refused = _guard(viewer)
    if refused is not None:
        return refused
    params = api.params(req)
    status = str(params.get("status") or "pending")
    if status not in (*STATUSES, "all", "reviewed"):
        return error(400, "You supplied invalid parameters to the request: status", "invalid_parameters")
    queue = queue_for(api.world)
    queue.absorb_pending_posts()
    items = sorted(queue.items.values(), key=lambda r: (-r.score, -r.created_at.timestamp(), r.id))
    if status == "reviewed":
        items = [r for r in items if r.status != 0]
    elif status != "all":
        items = [r for r in items if r.status == STATUSES[status]]
    offset = int(str(params.get("offset") or "0")) if str(params.get("offset") or "0").isdigit() else 0
    page = items[offset : offset + PER_PAGE]
    side = _Side()
    reviewables = [_serialize(api, queue, r, side, req.base_url) for r in page]
    meta: dict[str, Any] = {
        "ids": None,
        "status": status,
        "category_id": None,
        "topic_id": None,
        "additional_filters": {},
        "total_rows_reviewables": len(items),
        "types": {
            "created_by": "user",
            "target_created_by": "user",
            "reviewed_by": "user",
            "claimed_by": "user",
        },
        "reviewable_types": [
            "ReviewableFlaggedPost",
            "ReviewableQueuedPost",
            "ReviewableUser",
            "ReviewablePost",
        ],
        "reviewable_count": len(queue.pending()),
        "unseen_reviewable_count": 0,
    }
    if offset + PER_PAGE < len(items):
        meta["load_more_reviewables"] = f"/review?offset={offset + PER_PAGE}&status={status}"
    body: dict[str, Any] = {"reviewables": reviewables, "meta": meta}
    if reviewables:
        body.update(_side_loads(side))
    return Reply(200, body)


@route("GET", r"/review/count", "reviewables/count")
def get_review_count(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    refused = _guard(viewer)
    if refused is not None:
        return refused
    return Reply(200, {"count": len(queue_for(api.world).pending())})


@route("GET", r"/review/(\d+)", "reviewables/show")
def get_reviewable(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    refused = _guard(viewer)
    if refused is not None:
        return refused
    queue = queue_for(api.world)
    queue.absorb_pending_posts()
    r = queue.items.get(int(m.group(1)))
    if r is None:
        return not_found()
    side = _Side()
    body: dict[str, Any] = {"reviewable": _serialize(api, queue, r, side, req.base_url)}
    body.update(_side_loads(side))
    body["meta"] = {"types": {"created_by": "user", "target_created_by": "user"}}
    return Reply(200, body)


@route("PUT", r"/review/(\d+)/perform/([a-z_]+)", "reviewables/perform")
def put_perform(api: Api, req: Request, viewer: Viewer, m: re.Match[str]) -> Reply:
    refused = _guard(viewer)
    if refused is not None:
        return refused
    assert viewer.user is not None
    params = api.params(req)
    version = str(params.get("version") or "")
    if not version:
        return error(422, MSG_MISSING_VERSION, "invalid_parameters")
    queue = queue_for(api.world)
    queue.absorb_pending_posts()
    r = queue.items.get(int(m.group(1)))
    if r is None:
        return not_found()
    action = m.group(2)
    # DC Reviewable#perform: the action must be offered (none are once handled: 403), then the
    # version must match (``increment_version!``: 409 when someone changed the item meanwhile).
    if action not in queue.actions_for(r):
        return invalid_access()
    if not version.lstrip("-").isdigit() or int(version) != r.version:
        return error(409, MSG_CONFLICT, "invalid_parameters")
    transition = queue.perform(r, action, viewer.user)
    return Reply(
        200,
        {
            "reviewable_perform_result": {
                "success": True,
                "transition_to": transition,
                "transition_to_id": STATUSES[transition],
                "remove_reviewable_ids": [r.id],
                "version": r.version,
                "reviewable_count": len(queue.pending()),
                **({"created_post_id": r.post_id} if action == "approve_post" and r.post_id else {}),
            }
        },
    )
