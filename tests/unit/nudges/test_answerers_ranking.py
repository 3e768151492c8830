"""Who could answer this? The ranking's behaviour on small hand-built histories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from moderator.model import UTC, AuthKind, Category, Community, Member, Platform, Post, SyncBatch, Topic
from moderator.nudges import answerers, history
from moderator.store import Store

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=UTC)


class History:
    """A community written topic by topic: ``topic(...)`` then ``save()``."""

    def __init__(self, store: Store, names: list[str]) -> None:
        self.store = store
        self.community = store.add_community(
            Community(
                name="c",
                platform=Platform.DISCOURSE,
                base_url="https://f.test",
                username="anim",
                auth_kind=AuthKind.USER_KEY,
            )
        )
        self.m = {
            n: Member(id=str(i + 1), username=n, name=n.title()) for i, n in enumerate(["anim", *names])
        }
        self.topics: list[Topic] = []
        self.posts: list[Post] = []

    @property
    def cid(self) -> int:
        assert self.community.id is not None
        return self.community.id

    def topic(
        self,
        tid: str,
        cat: str,
        title: str,
        author: str,
        days_ago: float,
        replies: list[tuple[str, str]] = (),
    ) -> None:
        created = NOW - dt.timedelta(days=days_ago)
        self.topics.append(
            Topic(
                id=tid,
                title=title,
                category_id=cat,
                author_id=self.m[author].id,
                created_at=created,
                posts_count=1 + len(replies),
                highest_post_number=1 + len(replies),
            )
        )
        for n, (who, text) in enumerate([(author, title), *replies], start=1):
            self.posts.append(
                Post(
                    id=str(len(self.posts) + 1),
                    topic_id=tid,
                    post_number=n,
                    author_id=self.m[who].id,
                    username=who,
                    created_at=created + dt.timedelta(hours=n - 1),
                    cooked=f"<p>{text}</p>",
                )
            )

    def save(self) -> None:
        self.store.apply_batch(
            self.cid,
            SyncBatch(  # type: ignore[arg-type]
                categories=[Category(id="1", name="Questions"), Category(id="2", name="Life")],
                members=list(self.m.values()),
                topics=self.topics,
                posts=self.posts,
            ),
        )

    def rank(self, tid: str, **kw: object) -> list[answerers.Suggestion]:
        return answerers.rank_answerers(self.store, self.cid, tid, limit=10, now=NOW, **kw)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "a.sqlite3")


ONBOARDING = "Welcome desk: ask for your badge on arrival, then the buddy shows the onboarding training."


def test_an_expert_of_the_category_outranks_someone_merely_more_active_elsewhere(store: Store) -> None:
    h = History(store, ["asker", "onboarder", "busy", "other"])
    for i in range(3):
        h.topic(
            f"o{i}", "1", f"Onboarding badge question {i}", "asker", 40 - 10 * i, [("onboarder", ONBOARDING)]
        )
    for i in range(15):  # busy writes five times as much, about something else, elsewhere
        h.topic(
            f"l{i}",
            "2",
            f"Canteen menu {i}",
            "other",
            30 - i,
            [("busy", "The vegetarian lunch was lovely today.")],
        )
    h.topic("q", "1", "Where do I get my onboarding badge?", "asker", 0.5)
    h.save()
    ranked = h.rank("q")
    names = [s.username for s in ranked]
    assert names[0] == "onboarder"
    assert "busy" in names and names.index("busy") > 0
    top = ranked[0]
    assert (top.similar_topics, top.category_topics, top.category_name) == (3, 3, "Questions")
    why = answerers.explain(top, "en", now=NOW)
    assert why.startswith("replied to 3 similar topics about onboarding")
    assert "answered 3 topics in Questions (the last one 3 weeks ago)" in why
    assert why.endswith(" and wrote 3 posts in the last 6 months (the last one 3 weeks ago)")
    busy = next(s for s in ranked if s.username == "busy")
    # busy is only suggested for being active: the explanation says so and nothing more.
    assert busy.similar_topics == busy.category_topics == 0
    assert (
        answerers.explain(busy, "en", now=NOW)
        == "wrote 15 posts in the last 6 months (the last one 2 weeks ago)"
    )
    fr = answerers.explain(top, "fr", now=NOW)
    assert fr.startswith("avez répondu à 3 sujets semblables sur onboarding")
    assert "avez répondu à 3 sujets dans Questions (le dernier il y a 3 semaines)" in fr


def test_the_author_and_those_who_already_replied_never_appear(store: Store) -> None:
    h = History(store, ["asker", "expert", "second", "third"])
    for i in range(4):  # the author and 'expert' are the community's onboarding people
        h.topic(
            f"o{i}",
            "1",
            f"Onboarding badge {i}",
            "third",
            20 + i,
            [("expert", ONBOARDING), ("asker", ONBOARDING)],
        )
        h.topic(f"p{i}", "1", f"Onboarding laptop {i}", "asker", 10 + i, [("second", ONBOARDING)])
    h.topic("q", "1", "Onboarding badge lost", "asker", 1, [("expert", "Ask the welcome desk.")])
    h.save()
    names = [s.username for s in h.rank("q")]
    assert names and "asker" not in names and "expert" not in names and "anim" not in names
    assert names[0] == "second"
    # Evaluating as of the question's creation hides its replies: then 'expert' is one to ask.
    hidden = {s.username for s in h.rank("q", hide_topic_posts=True, as_of=NOW - dt.timedelta(days=1))}
    assert "expert" in hidden and "asker" not in hidden


@pytest.mark.parametrize(
    ("kind", "days_ago", "left_out"),
    [
        (history.Kind.NUDGE, 10, True),
        (history.Kind.INVITATION, 29, True),
        (history.Kind.INVITATION, 31, False),
    ],
)
def test_someone_nudged_or_asked_within_30_days_is_left_out_unless_insisted(
    store: Store, kind: history.Kind, days_ago: int, left_out: bool
) -> None:
    h = History(store, ["asker", "expert", "second"])
    for i in range(3):
        h.topic(f"o{i}", "1", f"Onboarding badge {i}", "asker", 60 + i, [("expert", ONBOARDING)])
    h.topic("s", "1", "Onboarding laptop", "asker", 50, [("second", ONBOARDING)])
    h.topic("q", "1", "Onboarding badge lost", "asker", 1)
    h.save()
    history.record(
        store,
        h.cid,
        "expert",
        kind=kind,
        channel=history.Channel.PRIVATE_MESSAGE,
        body="x",
        now=NOW - dt.timedelta(days=days_ago),
    )
    names = [s.username for s in h.rank("q")]
    assert ("expert" not in names) is left_out and "second" in names
    insisted = h.rank("q", insist=True)
    assert insisted[0].username == "expert"
    assert (insisted[0].rested_until is not None) is left_out


def test_recent_answerers_outrank_those_who_were_active_long_ago(store: Store) -> None:
    """The activity prior is recency-weighted: all-time counts ("the most active") are not what matters."""
    h = History(store, ["asker", "veteran", "regular"])
    for i in range(20):  # veteran answered a lot, ten months ago
        h.topic(
            f"v{i}",
            "1",
            f"Printer jam {i}",
            "asker",
            300 + i,
            [("veteran", "Open the tray and pull gently.")],
        )
    for i in range(6):  # regular answers a little, these weeks
        h.topic(
            f"r{i}", "1", f"Meeting room {i}", "asker", 5 + 3 * i, [("regular", "Book it in the calendar.")]
        )
    h.topic("q", "1", "Coffee machine broken on floor three", "asker", 0.5)  # no word in common with anything
    h.save()
    names = [s.username for s in h.rank("q")]
    assert names[0] == "regular" and "asker" not in names


def test_members_already_asked_this_month_make_room_for_others(store: Store) -> None:
    h = History(store, ["asker", "first", "twin"])
    for who in ("first", "twin"):
        for i in range(3):
            h.topic(f"{who}{i}", "1", f"Onboarding badge {who} {i}", "asker", 60 + i, [(who, ONBOARDING)])
    h.topic("q", "1", "Onboarding badge lost", "asker", 1)
    h.save()
    assert {s.username for s in h.rank("q")[:2]} == {"first", "twin"}
    for days in (40, 35):  # asked twice, more than 30 days ago: not resting, but still carrying a load
        history.record(
            store,
            h.cid,
            "first",
            kind=history.Kind.INVITATION,
            channel=history.Channel.PRIVATE_MESSAGE,
            body="x",
            now=NOW - dt.timedelta(days=days),
        )
    ranked = h.rank("q")
    assert [s.username for s in ranked[:2]] == ["twin", "first"]


def test_the_explanation_names_only_the_signals_behind_the_score() -> None:
    s = answerers.Suggestion(
        username="old",
        member_id="9",
        name="Old",
        score=0.1,
        similar_topics=2,
        similar_started=0,
        about=("vpn",),
        category_replies=0,
        category_name="IT",
        tag_replies=0,
        last_active=NOW - dt.timedelta(days=200),
        recent_replies=0,
        invitations=2,
    )
    # No post in the activity window: no activity claimed, only when they last posted.
    assert answerers.explain(s, "en", now=NOW) == (
        "replied to 2 similar topics about vpn, last posted 7 months ago and were already asked 2 times"
        " in the last 3 months"
    )
    # An invitation sent to them does not tell them how often they were asked.
    assert answerers.explain(s, "fr", now=NOW, load=False) == (
        "avez répondu à 2 sujets semblables sur vpn et avez écrit pour la dernière fois il y a 7 mois"
    )
    # The animator's list tells the same reasons about the member, in the third person.
    assert answerers.explain(s, "en", now=NOW, about_them=True) == (
        "replied to 2 similar topics about vpn, last posted 7 months ago and was already asked 2 times"
        " in the last 3 months"
    )
    assert answerers.explain(s, "fr", now=NOW, about_them=True) == (
        "a répondu à 2 sujets semblables sur vpn, a écrit pour la dernière fois il y a 7 mois et a déjà"
        " été sollicité 2 fois ces 3 derniers mois"
    )
