"""Deterministic generator of the sandbox's bilingual innovation community.

Why a generator rather than fixtures: the app's features (unanswered queue, silent members, trending
ideas) need a *living* community with known truths, at several sizes (``scale``), identical for a
given ``(seed, scale, now)``. Everything draws from one ``random.Random(seed)``; ids follow creation
time like a real database; ``world.planted`` records the truths tests assert against.

Shape of the community (scale 1): ~300 members, ~650 topics, ~3,500 posts over six months; a quarter
of members ever post, heavy-tailed; staff (the animation team), readers, members gone quiet,
newcomers; and ideas taking off in the last days.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from . import text
from .entities import Bookmark, Category, Post, Topic, User, UserApiKey
from .text import EN, FR
from .world import World

SANDBOX_API_KEY = "sandbox-practice-key-not-a-secret"
SANDBOX_USER_API_KEY = "sandbox-user-api-key-not-a-secret"
SANDBOX_USER_API_CLIENT_ID = "sandbox-client"
SANDBOX_USERNAME = "camille.animation"

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
WINDOW_DAYS = 182
QUIET_DAYS = 28  # "gone quiet": nothing in the last 28 days...
QUIET_LOOKBACK_DAYS = 90  # ...but >= 3 posts in the 90 days before that.
ANIMATION_GROUP_ID = 41

STAFF = (
    (SANDBOX_USERNAME, "Camille Moreau", FR, True, True, "Équipe animation"),
    ("julien.moderation", "Julien Petit", FR, False, True, "Modération"),
    ("emily.community", "Emily Clarke", EN, True, False, "Community team"),
)

CATEGORIES = (
    # id, key, name, color, emoji, description, read_restricted, solved, staff_only, position
    (
        1,
        "uncategorized",
        "Non classé / Uncategorized",
        "0088CC",
        "",
        "Sujets qui ne rentrent dans aucune catégorie. Topics that don't fit anywhere else.",
        False,
        False,
        False,
        0,
    ),
    (
        2,
        "ideas",
        "Idées / Ideas",
        "F1592A",
        "bulb",
        "Proposez vos idées pour améliorer notre quotidien. Share ideas to improve how we work.",
        False,
        False,
        False,
        1,
    ),
    (
        3,
        "staff",
        "Équipe d'animation / Staff",
        "E45735",
        "shield",
        "Catégorie privée de l'équipe d'animation. Private category for the animation team.",
        True,
        False,
        False,
        6,
    ),
    (
        4,
        "general",
        "Général / General",
        "25AAE2",
        "speech_balloon",
        "Discussions, retours d'expérience et bonnes pratiques. Discussions and good practice.",
        False,
        False,
        False,
        3,
    ),
    (
        5,
        "questions",
        "Questions",
        "12A89D",
        "question",
        "Posez vos questions, la communauté vous répond. Ask, and the community answers.",
        False,
        True,
        False,
        2,
    ),
    (
        6,
        "announcements",
        "Annonces / Announcements",
        "BF1E2E",
        "mega",
        "Annonces officielles de l'équipe d'animation. Official announcements.",
        False,
        False,
        True,
        4,
    ),
    (
        7,
        "introductions",
        "Présentations / Introductions",
        "8C6238",
        "wave",
        "Présentez-vous ! Introduce yourself!",
        False,
        False,
        False,
        5,
    ),
)


def generate(seed: int = 7, scale: float = 1.0, now: datetime | None = None) -> World:
    """Build the world for ``(seed, scale, now)``; ``now`` defaults to the current minute (UTC)."""
    if now is None:
        now = datetime.now(UTC).replace(second=0, microsecond=0)
    elif now.tzinfo is None:
        raise ValueError("now must be an aware UTC datetime")
    return _Generator(seed, scale, now.astimezone(UTC)).run()


@dataclass(slots=True)
class _Actor:
    """Generation-only facts about a member: when they may post and how much."""

    user: User
    weight: float
    active_from: datetime
    active_to: datetime


class _Generator:
    def __init__(self, seed: int, scale: float, now: datetime) -> None:
        if scale <= 0:
            raise ValueError("scale must be positive")
        self.rng = random.Random(seed)
        self.scale = scale
        self.now = now
        self.start = now - timedelta(days=WINDOW_DAYS)
        self.world = World(seed, scale, now)
        self.topics: list[Topic] = []
        self.frozen: set[int] = set()  # id(topic) of topics whose shape is planted: no random posts
        self.long_topics: set[int] = set()
        self.trending: list[tuple[Topic, text.Trend]] = []
        self.actors: dict[int, _Actor] = {}
        self.posters: list[_Actor] = []
        self.staff: list[User] = []
        self.cats: dict[str, Category] = {}
        self._cum: list[float] = []
        self._uid = 0

    # ================================================================== driver

    def run(self) -> World:
        self._categories()
        self._users()
        self._definition_topics()
        self._welcome_topic()
        self._main_topics()
        self._plant_unanswered()
        self._plant_self_answered()
        self._plant_staff_only()
        self._plant_long_topics()
        self._plant_intros()
        self._plant_trending()
        self._plant_pms()
        self._top_up_gone_quiet()
        self._top_up_posters()
        self._plant_xss()
        self._number_and_index()
        self._decorate()
        self._likes()
        self._views()
        self._user_activity()
        self._bookmarks_and_keys()
        self.world.planted = _truths(self.world, self)
        return self.world

    # ================================================================== categories and people

    def _categories(self) -> None:
        for cid, key, name, color, emoji, desc, restricted, solved, staff_only, pos in CATEGORIES:
            cat = Category(
                id=cid,
                key=key,
                name=name,
                slug=text.slugify(name),
                color=color,
                text_color="FFFFFF",
                emoji=emoji,
                description_text=desc,
                position=pos,
                read_restricted=restricted,
                solved_enabled=solved,
                staff_only_create=staff_only,
            )
            self.world.categories[cid] = cat
            self.cats[key] = cat

    def _users(self) -> None:
        world = self.world
        ancient = self.start - timedelta(days=900)
        world.add_user(
            User(-1, "system", "system", EN, ancient, "system", admin=True, moderator=True, trust_level=4)
        )
        world.add_user(
            User(-2, "discobot", "discobot", EN, ancient + HOUR, "system", admin=True, trust_level=4)
        )
        for i, (username, name, lang, admin, mod, title) in enumerate(STAFF):
            user = User(
                i + 1,
                username,
                name,
                lang,
                ancient + timedelta(days=30 * i, hours=9),
                "staff",
                admin=admin,
                moderator=mod,
                trust_level=4,
                title=title,
                primary_group_id=ANIMATION_GROUP_ID,
            )
            world.add_user(user)
            self.staff.append(user)
            self.actors[user.id] = _Actor(user, 4.0, self.start, self.now)
        self._members()

    def _role_counts(self) -> dict[str, int]:
        n = max(60, round(300 * self.scale)) - len(STAFF)
        counts = {
            "newcomer": max(10, round(0.05 * n)),
            "newcomer_intro": max(4, round(0.02 * n)),
            "gone_quiet": max(8, round(0.034 * n)),
            "reader": max(10, round(0.10 * n)),
        }
        posters_target = round(0.25 * (n + len(STAFF)))
        counts["regular"] = max(
            10, posters_target - len(STAFF) - counts["newcomer_intro"] - counts["gone_quiet"]
        )
        counts["lurker"] = max(0, n - sum(counts.values()))
        return counts

    def _join_date(self, role: str) -> datetime:
        r = self.rng
        if role in ("newcomer", "newcomer_intro"):
            return self.now - timedelta(
                days=r.uniform(1.5 if role == "newcomer" else 4, 29), minutes=r.randint(0, 600)
            )
        if role == "regular" and r.random() < 0.3:
            return self.start + timedelta(days=r.uniform(0, 140), minutes=r.randint(0, 1440))
        if role == "lurker" and r.random() < 0.4:
            return self.start + timedelta(days=r.uniform(0, WINDOW_DAYS - 32))
        return self.start - timedelta(days=r.uniform(5, 720), minutes=r.randint(0, 1440))

    def _members(self) -> None:
        rng = self.rng
        people: list[tuple[datetime, str, str, str | None, str]] = []
        taken = {u.username.lower() for u in self.world.users.values()}
        for role, count in self._role_counts().items():
            for _ in range(count):
                lang = FR if rng.random() < 0.55 else EN
                first, last = text.full_name(rng, lang)
                username = text.username_for(rng, first, last)
                while username.lower() in taken:
                    username = f"{username}{rng.randint(2, 99)}"
                taken.add(username.lower())
                name = None if rng.random() < 0.08 else f"{first} {last}"
                people.append((self._join_date(role), username, lang, name, role))
        people.sort(key=lambda p: (p[0], p[1]))
        next_id = len(STAFF) + 1
        for joined, username, lang, name, role in people:
            user = User(next_id, username, name, lang, joined, role)
            self.world.add_user(user)
            next_id += 1
        self._actors()

    def _actors(self) -> None:
        """Posting windows and heavy-tailed (Zipf-like) weights of the members who ever post."""
        rng = self.rng
        regular = [u for u in self.world.users.values() if u.role == "regular"]
        ranks = list(range(len(regular)))
        rng.shuffle(ranks)
        for user, rank in zip(regular, ranks, strict=True):
            weight = 14.0 / (rank + 1) ** 1.25
            self.actors[user.id] = _Actor(user, weight, max(user.created_at, self.start) + HOUR, self.now)
        quiet_to = self.now - timedelta(days=QUIET_DAYS + 1)
        for user in self.world.users.values():
            if user.role == "gone_quiet":
                self.actors[user.id] = _Actor(user, 0.35, self.start, quiet_to)
        self.posters = [a for a in self.actors.values() if a.user.role in ("regular", "gone_quiet", "staff")]
        total = 0.0
        for actor in self.posters:
            total += actor.weight
            self._cum.append(total)

    def pick_author(self, at: datetime, *, exclude: int | None = None, staff_ok: bool = True) -> User:
        """Weighted pick among members allowed to post at ``at`` (rejection sampling)."""
        for _ in range(40):
            idx = bisect.bisect_left(self._cum, self.rng.random() * self._cum[-1])
            actor = self.posters[min(idx, len(self.posters) - 1)]
            if actor.user.id == exclude or (not staff_ok and actor.user.staff):
                continue
            if actor.active_from <= at <= actor.active_to:
                return actor.user
        candidates = [s for s in self.staff if s.id != exclude]
        return self.rng.choice(candidates)

    def pick_staff(self, exclude: int | None = None) -> User:
        return self.rng.choice([s for s in self.staff if s.id != exclude])

    # ================================================================== topic helpers

    def _new_topic(
        self,
        cat: str | None,
        author: User,
        at: datetime,
        title: str,
        raw: str,
        lang: str,
        tags: list[str] | None = None,
        *,
        archetype: str = "regular",
    ) -> Topic:
        category_id = self.cats[cat].id if cat else None
        topic = Topic(
            id=0,
            title=title,
            slug=text.slugify(title),
            category_id=category_id,
            user_id=author.id,
            created_at=at,
            lang=lang,
            archetype=archetype,
            tags=list(tags or []),
            bumped_at=at,
        )
        topic.posts.append(Post(0, 0, 0, author.id, at, raw))
        self.topics.append(topic)
        return topic

    def _reply(self, topic: Topic, author: User, at: datetime, raw: str) -> Post:
        post = Post(0, 0, 0, author.id, at, raw)
        topic.posts.append(post)
        if at > (topic.bumped_at or at):
            topic.bumped_at = at
        return post

    def _when(self, days_ago_max: float = WINDOW_DAYS - 1, days_ago_min: float = 0.02) -> datetime:
        """A creation time, denser towards now (the community is growing)."""
        span = days_ago_max - days_ago_min
        days = days_ago_min + span * (self.rng.random() ** 1.2)
        return self.now - timedelta(days=days, seconds=self.rng.randint(0, 3599))

    def _lang_of(self, user: User) -> str:
        if self.rng.random() < 0.9:
            return user.lang
        return EN if user.lang == FR else FR

    def _first_name(self, user: User) -> str:
        return (user.name or user.username).split(" ")[0].split(".")[0].capitalize()

    def _reply_kind(self, cat: str | None, replier: User, op: User) -> str:
        if replier.id == op.id:
            if cat == "questions":
                return "self" if self.rng.random() < 0.2 else "thanks"
            return "thanks" if cat == "introductions" else "op"
        if cat == "questions":
            return "staff_answer" if replier.staff else "answer"
        if cat == "ideas":
            return "staff_idea" if replier.staff else "idea"
        if cat == "introductions":
            return "welcome"
        if cat == "announcements":
            return "announcement"
        if cat == "staff":
            return "staff"
        return "general"

    def _reply_text(self, topic: Topic, cat: str | None, replier: User) -> str:
        op = self.world.users[topic.user_id]
        kind = self._reply_kind(cat, replier, op)
        mention = op.username if replier.id != op.id and self.rng.random() < 0.12 else None
        return text.reply(self.rng, topic.lang, kind, op_first=self._first_name(op), mention=mention)

    def _replies(
        self,
        topic: Topic,
        cat: str | None,
        count: int,
        *,
        mean_gap_hours: float = 18.0,
        staff_share: float = 0.12,
        op_share: float = 0.15,
        until: datetime | None = None,
    ) -> None:
        """Add ``count`` replies after the topic's creation, stopping at ``until``/now."""
        op = self.world.users[topic.user_id]
        t = topic.created_at
        limit = until or self.now - timedelta(minutes=5)
        for i in range(count):
            gap = self.rng.expovariate(1 / (5.0 if i == 0 else mean_gap_hours))
            t = t + timedelta(hours=gap, seconds=self.rng.randint(1, 600))
            if t > limit:
                break
            r = self.rng.random()
            if r < staff_share:
                author = self.pick_staff()
            elif r < staff_share + op_share and i > 0 and self._can_post(op, t):
                author = op
            else:
                author = self.pick_author(t, exclude=op.id)
            self._reply(topic, author, t, self._reply_text(topic, cat, author))

    def _can_post(self, user: User, at: datetime) -> bool:
        actor = self.actors.get(user.id)
        if actor is None:
            return user.role == "newcomer_intro" and at >= user.created_at
        return actor.active_from <= at <= actor.active_to

    # ================================================================== topics

    def _definition_topics(self) -> None:
        """Discourse's "About the … category" topics, by system, pinned in their category."""
        system = self.world.users[-1]
        at = self.start - timedelta(days=30)
        for cat in self.cats.values():
            if cat.key == "uncategorized":
                continue
            title = f"À propos de la catégorie {cat.name}"
            topic = self._new_topic(cat.key, system, at, title, cat.description_text, FR)
            topic.is_definition = True
            topic.pinned_at = at
            self.frozen.add(id(topic))
            at += timedelta(minutes=3)

    def _welcome_topic(self) -> None:
        camille = self.world.require_user(SANDBOX_USERNAME)
        at = self.start + timedelta(hours=2)
        raw = (
            "Bienvenue sur la communauté Innovation ! :wave:\n\nCet espace est le vôtre : proposez des idées, "
            "posez vos questions, partagez vos retours d'expérience. Les échanges se font en français "
            "comme en anglais.\n\n- Présentez-vous dans la catégorie Présentations\n- Déposez vos idées "
            "dans la catégorie Idées\n- Posez vos questions dans la catégorie Questions\n\nBelle découverte !"
        )
        topic = self._new_topic(
            "announcements", camille, at, "Bienvenue sur la communauté Innovation !", raw, FR, ["annonce"]
        )
        topic.pinned_at = at
        topic.pinned_globally = True
        self.frozen.add(id(topic))

    def _main_topics(self) -> None:
        s = self.scale
        n_main = round(650 * s)
        n_ann = max(6, round(10 * math.sqrt(s)))
        n_staff = max(8, round(16 * math.sqrt(s)))
        n_uncat = max(2, round(0.02 * n_main))
        rest = max(
            30, n_main - n_ann - n_staff - n_uncat - self._expected_intros() - self._planted_topic_count()
        )
        plan = (
            ["announcements"] * n_ann
            + ["staff"] * n_staff
            + ["uncategorized"] * n_uncat
            + ["ideas"] * round(rest * 0.38)
            + ["questions"] * round(rest * 0.34)
            + ["general"] * (rest - round(rest * 0.38) - round(rest * 0.34))
        )
        for cat in plan:
            self._random_topic(cat)
        self._regular_intros()

    def _expected_intros(self) -> int:
        return (
            sum(1 for u in self.world.users.values() if u.role == "regular" and u.created_at > self.start)
            // 2
        )

    def _planted_topic_count(self) -> int:
        s = self.scale
        return (
            max(15, round(15 * s))
            + max(5, round(5 * s))
            + max(6, round(6 * s))
            + 5
            + round(s)
            + len(text.TRENDS)
        )

    def _random_topic(self, cat: str) -> None:
        rng = self.rng
        at = self._when()
        if cat in ("announcements", "staff") or rng.random() < 0.08:
            author = self.pick_staff()
        else:
            author = self.pick_author(at)
        lang = self._lang_of(author)
        if cat == "ideas":
            title, raw, tags = text.idea_topic(rng, lang)
        elif cat == "questions":
            title, raw, tags = text.question_topic(rng, lang)
        elif cat == "announcements":
            title, raw, tags = text.announcement_topic(rng, lang)
        elif cat == "staff":
            title, raw, tags = text.staff_topic(rng, lang, at.month)
        else:
            title, raw, tags = text.general_topic(rng, lang)
        topic = self._new_topic(cat, author, at, title, raw, lang, tags)
        self._random_replies(topic, cat)

    def _random_replies(self, topic: Topic, cat: str) -> None:
        rng = self.rng
        if cat == "announcements":
            count = 1 if rng.random() < 0.3 else 0
            self._replies(topic, cat, count, staff_share=1.0)
            return
        if cat == "staff":
            self._replies(topic, cat, rng.randint(1, 4), staff_share=1.0)
            return
        p_zero = {"questions": 0.06, "ideas": 0.04}.get(cat, 0.05)
        count = 0 if rng.random() < p_zero else 1 + int(rng.expovariate(1 / 4.2))
        staff_share = 0.22 if cat == "questions" else 0.1
        self._replies(topic, cat, min(count, 18), staff_share=staff_share)

    def _regular_intros(self) -> None:
        """Members who joined during the window introduced themselves (about half of them)."""
        for user in list(self.world.users.values()):
            if user.role != "regular" or user.created_at <= self.start or self.rng.random() < 0.5:
                continue
            at = user.created_at + timedelta(hours=self.rng.uniform(2, 72))
            if at > self.now - HOUR:
                continue
            self._intro(user, at)

    def _intro(self, user: User, at: datetime) -> Topic:
        title, raw, _ = text.intro_topic(self.rng, user.lang, self._first_name(user))
        topic = self._new_topic("introductions", user, at, title, raw, user.lang)
        if self.rng.random() < 0.85:
            welcome_at = at + timedelta(hours=self.rng.uniform(0.5, 20))
            if welcome_at < self.now:
                staff = self.pick_staff()
                self._reply(topic, staff, welcome_at, self._reply_text(topic, "introductions", staff))
        return topic

    # ================================================================== planted shapes

    def _question(self, at: datetime, author: User) -> Topic:
        lang = self._lang_of(author)
        title, raw, tags = text.question_topic(self.rng, lang)
        return self._new_topic("questions", author, at, title, raw, lang, tags)

    def _plant_unanswered(self) -> None:
        """Questions nobody answered: half old (2-6 months), half recent (last two weeks)."""
        n = max(15, round(15 * self.scale))
        for i in range(n):
            at = self._when(170, 60) if i % 2 == 0 else self._when(14, 0.1)
            topic = self._question(at, self.pick_author(at, staff_ok=False))
            self.frozen.add(id(topic))

    def _plant_self_answered(self) -> None:
        for _ in range(max(5, round(5 * self.scale))):
            at = self._when(150, 3)
            author = self.pick_author(at, staff_ok=False)
            topic = self._question(at, author)
            t = at
            for _ in range(self.rng.randint(1, 2)):
                t += timedelta(hours=self.rng.uniform(2, 40))
                if t >= self.now or not self._can_post(author, t):
                    break
                self._reply(topic, author, t, text.reply(self.rng, topic.lang, "self"))
            if len(topic.posts) == 1:
                self._reply(
                    topic, author, at + timedelta(minutes=45), text.reply(self.rng, topic.lang, "self")
                )
            self.frozen.add(id(topic))

    def _plant_staff_only(self) -> None:
        for _ in range(max(6, round(6 * self.scale))):
            at = self._when(150, 2)
            topic = self._question(at, self.pick_author(at, staff_ok=False))
            self._replies(topic, "questions", self.rng.randint(1, 2), staff_share=1.0)
            if len(topic.posts) == 1:
                staff = self.pick_staff()
                self._reply(
                    topic, staff, at + timedelta(hours=1), self._reply_text(topic, "questions", staff)
                )
            self.frozen.add(id(topic))

    def _plant_long_topics(self) -> None:
        """Several topics with more than 20 posts, one with more than 60 (paging of /t/{id}.json)."""
        sizes = [self.rng.randint(22, 45) for _ in range(4 + round(self.scale))] + [self.rng.randint(70, 90)]
        for size in sizes:
            at = self._when(150, 45)
            author = self.pick_author(at)
            cat = self.rng.choice(["general", "ideas"])
            lang = self._lang_of(author)
            maker = text.general_topic if cat == "general" else text.idea_topic
            title, raw, tags = maker(self.rng, lang)
            topic = self._new_topic(cat, author, at, title, raw, lang, tags)
            span = (self.now - HOUR) - (at + HOUR)
            for t in sorted(at + HOUR + span * self.rng.random() for _ in range(size - 1)):
                replier = (
                    self.pick_staff() if self.rng.random() < 0.08 else self.pick_author(t, exclude=author.id)
                )
                self._reply(topic, replier, t, self._reply_text(topic, cat, replier))
            self.long_topics.add(id(topic))

    def _plant_intros(self) -> None:
        for user in self.world.users.values():
            if user.role == "newcomer_intro":
                at = min(user.created_at + timedelta(hours=self.rng.uniform(1, 48)), self.now - 2 * HOUR)
                topic = self._intro(user, at)
                self.frozen.add(id(topic))

    def _plant_trending(self) -> None:
        """Ideas taking off: a quiet start, then a burst of replies, likes and new people in 3-5 days."""
        rng = self.rng
        for trend in text.TRENDS:
            created = self.now - timedelta(days=rng.uniform(8, 14), hours=rng.randint(0, 12))
            author = self.pick_author(created, staff_ok=False)
            topic = self._new_topic(
                "ideas", author, created, trend.title, trend.body, trend.lang, list(trend.tags)
            )
            used: set[int] = {author.id}
            for _ in range(rng.randint(1, 3)):  # the quiet start
                t = created + timedelta(days=rng.uniform(0.2, 4))
                replier = self.pick_author(t, exclude=author.id)
                used.add(replier.id)
                self._reply(topic, replier, t, rng.choice(trend.replies))
            burst_days = rng.uniform(3, 4.8)
            for _ in range(rng.randint(16, 24)):  # the burst: mostly people new to the topic
                t = self.now - timedelta(days=rng.uniform(0.05, burst_days))
                replier = self._fresh_participant(t, used)
                self._reply(topic, replier, t, self._trend_reply(trend))
            self.frozen.add(id(topic))
            self.trending.append((topic, trend))

    def _fresh_participant(self, at: datetime, used: set[int]) -> User:
        for _ in range(12):
            user = self.pick_author(at, staff_ok=False)
            if user.id not in used:
                used.add(user.id)
                return user
        return self.pick_author(at, staff_ok=False)

    def _trend_reply(self, trend: text.Trend) -> str:
        first = self.rng.choice(trend.replies)
        if self.rng.random() < 0.4:
            second = self.rng.choice(trend.replies)
            if second != first:
                return f"{first} {second}"
        return first

    def _plant_pms(self) -> None:
        """Private messages, half of them involving the sandbox account."""
        rng = self.rng
        camille = self.world.require_user(SANDBOX_USERNAME)
        regulars = [a.user for a in self.posters if a.user.role == "regular"]
        for i in range(max(12, round(20 * self.scale))):
            at = self._when(120, 0.5)
            member = rng.choice([u for u in regulars if u.created_at < at] or regulars)
            other = (
                camille
                if i % 2 == 0
                else (self.pick_staff(camille.id) if i % 4 == 1 else rng.choice(regulars))
            )
            if other.id == member.id:
                other = camille
            starter, recipient = (other, member) if rng.random() < 0.5 else (member, other)
            lang = starter.lang
            title, raw = text.pm_topic(rng, lang, self._first_name(recipient))
            topic = self._new_topic(None, starter, at, title, raw, lang, archetype="private_message")
            topic.allowed_user_ids = sorted({starter.id, recipient.id})
            t = at
            speakers = (recipient, starter)
            for k in range(rng.randint(0, 4)):
                t += timedelta(hours=rng.uniform(1, 30))
                if t > self.now - timedelta(minutes=10):
                    break
                self._reply(topic, speakers[k % 2], t, text.reply(rng, lang, "pm"))
            self.frozen.add(id(topic))

    def _open_topics_between(self, lo: datetime, hi: datetime) -> list[Topic]:
        cats = {self.cats[k].id for k in ("ideas", "questions", "general")}
        return [
            t
            for t in self.topics
            if lo <= t.created_at <= hi and t.category_id in cats and id(t) not in self.frozen and not t.is_pm
        ]

    def _top_up_gone_quiet(self) -> None:
        """Guarantee the definition: >= 3 posts in the 90 days before the last 28, none after."""
        hi = self.now - timedelta(days=QUIET_DAYS + 1)
        lo = self.now - timedelta(days=QUIET_DAYS + QUIET_LOOKBACK_DAYS - 1)
        pool = self._open_topics_between(lo - 10 * DAY, hi - 2 * DAY)
        have: dict[int, int] = {}
        for t in self.topics:
            for p in t.posts:
                if lo <= p.created_at <= hi:
                    have[p.user_id] = have.get(p.user_id, 0) + 1
        for user in self.world.users.values():
            if user.role != "gone_quiet":
                continue
            for _ in range(max(0, self.rng.randint(3, 6) - have.get(user.id, 0))):
                topic = self.rng.choice(pool)
                t_lo = max(topic.created_at + HOUR, lo)
                at = t_lo + (hi - t_lo) * self.rng.random()
                cat = self._cat_key(topic)
                self._reply(topic, user, at, self._reply_text(topic, cat, user))

    def _top_up_posters(self) -> None:
        """Every regular poster posted at least once (the weighted draw may have skipped the tail)."""
        counts: dict[int, int] = {}
        for t in self.topics:
            for p in t.posts:
                counts[p.user_id] = counts.get(p.user_id, 0) + 1
        pool = sorted(self._open_topics_between(self.start, self.now - DAY), key=lambda t: t.created_at)
        created = [t.created_at for t in pool]
        for actor in self.posters:
            if actor.user.role != "regular" or counts.get(actor.user.id):
                continue
            first = min(bisect.bisect_left(created, actor.active_from), len(pool) - 1)
            topic = pool[self.rng.randrange(first, len(pool))]
            lo = max(topic.created_at, actor.active_from) + HOUR
            at = lo + (self.now - HOUR - lo) * self.rng.random()
            self._reply(topic, actor.user, at, self._reply_text(topic, self._cat_key(topic), actor.user))

    def _plant_xss(self) -> None:
        pool = [
            t
            for t in self._open_topics_between(self.start, self.now - 20 * DAY)
            if self._cat_key(t) == "general" and len(t.posts) > 1
        ]
        topic = self.rng.choice(pool)
        at = min(
            max(p.created_at for p in topic.posts) + timedelta(minutes=7), self.now - timedelta(minutes=2)
        )
        author = self.pick_author(at, exclude=topic.user_id, staff_ok=False)
        post = self._reply(topic, author, at, text.XSS_RAW)
        post.cooked_override = text.XSS_COOKED
        self.xss_post = post

    def _cat_key(self, topic: Topic) -> str | None:
        cat = self.world.categories.get(topic.category_id) if topic.category_id else None
        return cat.key if cat else None

    # ================================================================== ids, numbering, decoration

    def _number_and_index(self) -> None:
        """Ids follow creation time (like a database); post numbers follow time within a topic."""
        world = self.world
        self.topics.sort(key=lambda t: t.created_at)
        for tid, topic in enumerate(self.topics, start=1):
            topic.id = tid
            topic.posts.sort(key=lambda p: p.created_at)
            for number, post in enumerate(topic.posts, start=1):
                post.topic_id, post.post_number = tid, number
                post.updated_at = post.created_at
            world.topics[tid] = topic
        all_posts = sorted(
            (p for t in self.topics for p in t.posts), key=lambda p: (p.created_at, p.topic_id)
        )
        for pid, post in enumerate(all_posts, start=1):
            post.id = pid
            world.posts[pid] = post
        for cat in world.categories.values():
            for topic in self.topics:
                if topic.is_definition and topic.category_id == cat.id:
                    cat.definition_topic_id = topic.id

    def _decorate(self) -> None:
        """Reply threading, quotes, moderation states, solved answers, pins: things real topics carry."""
        self._threads_and_quotes()
        self._moderation_states()
        self._solved()
        self._pins()
        for topic in self.topics:
            self.world.refresh_topic(topic)

    def _threads_and_quotes(self) -> None:
        rng = self.rng
        for topic in self.topics:
            for post in topic.posts[2:]:
                r = rng.random()
                if r < 0.25:
                    post.reply_to_post_number = rng.randint(2, post.post_number - 1)
                elif r < 0.29 and post.cooked_override is None:
                    quoted = topic.posts[rng.randint(1, post.post_number - 2)]
                    if quoted.cooked_override is not None or quoted.raw.startswith("[quote"):
                        continue
                    sentence = quoted.raw.split("\n")[0].split(". ")[0].strip()
                    name = self.world.users[quoted.user_id].username
                    post.raw = (
                        f'[quote="{name}, post:{quoted.post_number}, topic:{topic.id}"]\n{sentence}\n'
                        f"[/quote]\n\n{post.raw}"
                    )
                    post.reply_to_post_number = quoted.post_number

    def _free_topics(self, cat_keys: tuple[str, ...] = ("ideas", "questions", "general")) -> list[Topic]:
        cats = {self.cats[k].id for k in cat_keys}
        return [
            t
            for t in self.topics
            if id(t) not in self.frozen
            and t.category_id in cats
            and id(t) not in self.long_topics
            and t.created_at < self.now - 10 * DAY
        ]

    def _moderation_states(self) -> None:
        rng, s = self.rng, self.scale
        free = self._free_topics()
        rng.shuffle(free)
        n_closed, n_archived = max(8, round(8 * s)), max(4, round(4 * s))
        picked = free[: n_closed + n_archived + 3]
        for topic in picked[:n_closed]:
            topic.closed = True
        for topic in picked[n_closed : n_closed + n_archived]:
            topic.archived = True
            topic.closed = rng.random() < 0.5
        for topic in picked[n_closed + n_archived : n_closed + n_archived + 2]:
            topic.visible = False
        deleted = picked[-1]
        deleted.deleted_at = deleted.posts[0].deleted_at = deleted.created_at + timedelta(days=2)
        self.deleted_topic = deleted
        self._post_states([t for t in free if t not in picked and len(t.posts) >= 3])

    def _post_states(self, topics: list[Topic]) -> None:
        rng, s = self.rng, self.scale
        replies = [p for t in topics for p in t.posts[1:] if p.cooked_override is None]
        rng.shuffle(replies)
        n_del, n_udel, n_hidden = max(10, round(10 * s)), max(3, round(3 * s)), max(3, round(3 * s))
        for post in replies[:n_del]:
            post.deleted_at = post.created_at + timedelta(hours=rng.uniform(1, 72))
        for post in replies[n_del : n_del + n_udel]:
            post.user_deleted = True
            post.raw = "(post deleted by author)"
            post.version = 2
            post.updated_at = post.created_at + timedelta(hours=rng.uniform(1, 48))
        for post in replies[n_del + n_udel : n_del + n_udel + n_hidden]:
            post.hidden = True

    def _solved(self) -> None:
        questions = self.cats["questions"].id
        for topic in self.topics:
            if (
                topic.category_id != questions
                or id(topic) in self.frozen
                or topic.deleted_at is not None
                or self.rng.random() > 0.45
            ):
                continue
            answers = [
                p
                for p in topic.posts[1:]
                if p.user_id != topic.user_id
                and p.deleted_at is None
                and not p.hidden
                and not p.user_deleted
                and p.cooked_override is None
            ]
            if answers:
                self.rng.choice(answers[:3]).accepted_answer = True

    def _pins(self) -> None:
        ann = self.cats["announcements"].id
        announcements = [
            t for t in self.topics if t.category_id == ann and not t.is_definition and not t.pinned
        ]
        latest = max(announcements, key=lambda t: t.created_at)
        latest.pinned_at = latest.created_at

    # ================================================================== likes, views, activity

    def _likers(self) -> tuple[list[User], list[float]]:
        people, weights = [], []
        for user in self.world.users.values():
            if user.id <= 0 or user.role in ("newcomer", "lurker"):
                continue
            actor = self.actors.get(user.id)
            people.append(user)
            weights.append(1.5 if user.role == "reader" else (actor.weight**0.5 if actor else 0.5))
        return people, weights

    def _likes(self) -> None:
        rng = self.rng
        people, weights = self._likers()
        cum = []
        total = 0.0
        for w in weights:
            total += w
            cum.append(total)
        trending = {id(t) for t, _ in self.trending}
        for topic in self.topics:
            if topic.is_pm or topic.is_definition:
                continue
            hot = id(topic) in trending
            for post in topic.posts:
                if post.deleted_at is not None or post.user_deleted:
                    continue
                mean = (6.0 if hot else 1.0) * (2.2 if post.post_number == 1 else 1.0)
                n = int(rng.expovariate(1 / mean)) if rng.random() < 0.75 or hot else 0
                self._like_post(post, n, people, cum, total, hot)

    def _like_post(
        self, post: Post, n: int, people: list[User], cum: list[float], total: float, hot: bool
    ) -> None:
        seen = {post.user_id}
        for _ in range(n * 3):
            if len(post.likes) >= n:
                break
            user = people[min(bisect.bisect_left(cum, self.rng.random() * total), len(people) - 1)]
            if user.id in seen or user.created_at > post.created_at:
                continue
            seen.add(user.id)
            if hot:
                at = self.now - timedelta(hours=self.rng.uniform(0.5, 90))
                at = max(at, post.created_at + timedelta(minutes=5))
            else:
                at = post.created_at + timedelta(hours=self.rng.expovariate(1 / 14))
            at = min(at, self.now - timedelta(minutes=1))
            if at > post.created_at:
                post.likes.append((user.id, at))

    def _views(self) -> None:
        trending = {id(t) for t, _ in self.trending}
        for topic in self.topics:
            base = len(topic.posts) * self.rng.randint(6, 20) + self.rng.randint(4, 60)
            if id(topic) in trending:
                base *= 4
            if topic.is_pm:
                base = len(topic.posts) * 2
            topic.views = base
            readers = max(1, int(base * 0.6))
            for post in topic.posts:
                post.reads = max(1, readers - post.post_number * self.rng.randint(0, 3))

    def _user_activity(self) -> None:
        """Visits, reading and trust levels consistent with what each member did."""
        world = self.world
        world.refresh_user_stats()
        visible_topics = sum(1 for t in self.topics if not t.is_pm)
        post_days: dict[int, set[int]] = {}
        last_like: dict[int, datetime] = {}
        for post in world.posts.values():
            post_days.setdefault(post.user_id, set()).add((self.now - post.created_at).days)
            for uid, at in post.likes:
                if at > last_like.get(uid, at - DAY):
                    last_like[uid] = at
        for user in world.users.values():
            if user.id > 0:
                _activity(
                    self.rng,
                    user,
                    self.now,
                    len(post_days.get(user.id, ())),
                    last_like.get(user.id),
                    visible_topics,
                )
                user.trust_level = _trust_level(user, self.now)
        world.require_user("julien.moderation").trust_level = 3

    def _bookmarks_and_keys(self) -> None:
        world = self.world
        camille = world.require_user(SANDBOX_USERNAME)
        trend_topic = self.trending[0][0]
        target_post = trend_topic.posts[0]
        world.bookmarks[1] = Bookmark(
            1,
            camille.id,
            "Post",
            target_post.id,
            self.now - 2 * DAY,
            self.now - 2 * DAY,
            name="Relancer le comité sur cette idée",
            reminder_at=self.now + 3 * DAY,
            auto_delete_preference=3,
        )
        public = [t for t in self.topics if not t.is_pm and t.category_id != self.cats["staff"].id]
        world.bookmarks[2] = Bookmark(2, camille.id, "Topic", public[-1].id, self.now - DAY, self.now - DAY)
        world.user_api_keys[SANDBOX_USER_API_KEY] = UserApiKey(
            SANDBOX_USER_API_KEY, camille.id, SANDBOX_USER_API_CLIENT_ID
        )


# ====================================================================== module helpers


def _activity(
    rng: random.Random,
    user: User,
    now: datetime,
    posting_days: int,
    last_like: datetime | None,
    topic_total: int,
) -> None:
    days_member = max(1, math.ceil((now - user.created_at).total_seconds() / 86400))
    last_act = max((d for d in (user.last_posted_at, last_like) if d is not None), default=None)
    role = user.role
    seen: datetime | None
    if role == "staff":
        visits, seen = min(days_member, rng.randint(150, 178)), now - timedelta(minutes=rng.randint(5, 300))
    elif role == "reader":
        visits, seen = min(days_member, rng.randint(60, 170)), now - timedelta(hours=rng.uniform(1, 70))
    elif role in ("newcomer", "newcomer_intro"):
        visits = min(days_member, rng.randint(1, 6))
        seen = user.created_at + (now - user.created_at) * rng.uniform(0.3, 1.0)
    elif role == "gone_quiet":
        visits = min(days_member, posting_days + rng.randint(10, 60))
        seen = now - timedelta(days=rng.uniform(0.5, 6)) if rng.random() < 0.5 else None
    elif role == "regular":
        visits = min(days_member, posting_days + rng.randint(5, 90))
        seen = now - timedelta(hours=rng.expovariate(1 / 60))
    else:  # lurker
        visits = min(days_member, rng.choice([1, 1, 2, 3, 5, 8, 13]))
        seen = user.created_at + timedelta(days=rng.uniform(0, min(days_member, visits * 7)))
    user.days_visited = max(visits, posting_days, 1)
    if seen is None:
        seen = (last_act or user.created_at) + timedelta(days=rng.uniform(0.1, 3))
    user.last_seen_at = min(max(seen, last_act or seen, user.created_at), now - timedelta(minutes=1))
    per_visit = {"reader": 35, "staff": 60, "regular": 14, "gone_quiet": 10}.get(role, 6)
    user.posts_read = user.days_visited * rng.randint(per_visit // 2, per_visit) + user.post_count * 3
    user.topics_entered = min(topic_total, max(1, user.posts_read // rng.randint(4, 9)))
    user.time_read = user.posts_read * rng.randint(12, 30)
    recent_share = 0.4 if role in ("reader", "staff", "regular", "newcomer", "newcomer_intro") else 0.05
    user.recent_time_read = int(user.time_read * recent_share)
    user.profile_view_count = rng.randint(0, 4 + user.post_count)


def _trust_level(user: User, now: datetime) -> int:
    """Discourse's automatic promotions, simplified (TL2 needs replies and likes both ways)."""
    if user.staff or user.id <= 0:
        return 4
    if (
        user.days_visited >= 50
        and user.post_count >= 40
        and user.likes_given >= 30
        and user.likes_received >= 20
    ):
        return 3
    if (
        user.days_visited >= 15
        and user.posts_read >= 100
        and user.topics_entered >= 20
        and user.post_count >= 3
        and user.likes_given >= 1
        and user.likes_received >= 1
    ):
        return 2
    if user.days_visited >= 3 and user.posts_read >= 30:
        return 1
    return 0


def _truths(world: World, gen: _Generator) -> dict[str, Any]:
    """What was planted, recomputed from the final data so every set is exactly true."""
    cats = {c.key: c.id for c in world.categories.values()}
    excluded_cats = {cats["announcements"], cats["staff"]}
    normal = [
        t
        for t in world.topics.values()
        if not t.is_pm
        and not t.is_definition
        and t.deleted_at is None
        and t.visible
        and not t.closed
        and not t.archived
        and not t.pinned
        and t.category_id not in excluded_cats
    ]

    def live(t: Topic) -> list[Post]:
        return [p for p in t.posts if p.deleted_at is None]

    def staff_ids() -> set[int]:
        return {u.id for u in world.users.values() if u.staff}

    staff = staff_ids()
    unanswered = [t.id for t in normal if t.posts_count == 1]
    self_answered = [
        t.id for t in normal if len(live(t)) >= 2 and all(p.user_id == t.user_id for p in live(t))
    ]
    staff_only = [
        t.id
        for t in normal
        if t.user_id not in staff and len(live(t)) >= 2 and all(p.user_id in staff for p in live(t)[1:])
    ]
    questions = [
        t for t in world.topics.values() if t.category_id == cats["questions"] and t.deleted_at is None
    ]
    pms = [t for t in world.topics.values() if t.is_pm]
    camille = world.require_user(SANDBOX_USERNAME)
    by_role: dict[str, list[str]] = {}
    for user in world.users.values():
        by_role.setdefault(user.role, []).append(user.username)
    return {
        "staff_usernames": by_role.get("staff", []),
        "readers": by_role.get("reader", []),
        "gone_quiet": by_role.get("gone_quiet", []),
        "newcomers": by_role.get("newcomer", []),
        "newcomers_with_intro": by_role.get("newcomer_intro", []),
        "category_ids": cats,
        "category_definition_topic_ids": [t.id for t in world.topics.values() if t.is_definition],
        "unanswered_topic_ids": unanswered,
        "unanswered_question_ids": [
            i for i in unanswered if world.topics[i].category_id == cats["questions"]
        ],
        "self_answered_topic_ids": self_answered,
        "staff_only_answered_topic_ids": staff_only,
        "solved_topic_ids": [t.id for t in questions if t.accepted_post is not None],
        "unsolved_question_ids": [
            t.id
            for t in questions
            if t.accepted_post is None and t.posts_count > 1 and not t.closed and not t.archived
        ],
        "closed_topic_ids": [t.id for t in world.topics.values() if t.closed],
        "archived_topic_ids": [t.id for t in world.topics.values() if t.archived],
        "unlisted_topic_ids": [t.id for t in world.topics.values() if not t.visible],
        "deleted_topic_ids": [t.id for t in world.topics.values() if t.deleted_at is not None],
        "pinned_topic_ids": [t.id for t in world.topics.values() if t.pinned and not t.is_definition],
        "pinned_globally_topic_ids": [t.id for t in world.topics.values() if t.pinned_globally],
        "restricted_topic_ids": [t.id for t in world.topics.values() if t.category_id == cats["staff"]],
        "pm_topic_ids": [t.id for t in pms],
        "pm_topic_ids_with_sandbox_user": [t.id for t in pms if camille.id in t.allowed_user_ids],
        "deleted_post_ids": [p.id for p in world.posts.values() if p.deleted_at is not None],
        "user_deleted_post_ids": [p.id for p in world.posts.values() if p.user_deleted],
        "hidden_post_ids": [p.id for p in world.posts.values() if p.hidden],
        "accepted_answer_post_ids": [p.id for p in world.posts.values() if p.accepted_answer],
        "long_topic_ids": [t.id for t in world.topics.values() if t.posts_count > 20 and not t.is_pm],
        "very_long_topic_id": max(world.topics.values(), key=lambda t: len(t.posts)).id,
        "trending_topic_ids": [t.id for t, _ in gen.trending],
        "trending_terms": {t.id: list(tr.terms) for t, tr in gen.trending},
        "rising_terms": [term for _, tr in gen.trending for term in tr.terms],
        "trending_burst_days": 5,
        "xss_post_id": gen.xss_post.id,
        "bookmark_ids": sorted(world.bookmarks),
    }
