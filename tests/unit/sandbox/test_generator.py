"""The sandbox community generator keeps its promises: sizes, ratios, planted truths, determinism."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from moderator.sandbox import SANDBOX_USERNAME, World, generate
from moderator.sandbox.entities import Post, Topic

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def world() -> World:
    return generate(seed=7, scale=1.0, now=NOW)


def members(world: World) -> list:  # type: ignore[type-arg]
    return [u for u in world.users.values() if u.id > 0]


def posts_by(world: World) -> Counter[int]:
    return Counter(p.user_id for p in world.posts.values())


def live(topic: Topic) -> list[Post]:
    return [p for p in topic.posts if p.deleted_at is None]


def digest(world: World) -> str:
    h = hashlib.sha256()
    for u in world.users.values():
        h.update(f"{u.id}|{u.username}|{u.created_at}|{u.role}|{u.trust_level}|{u.days_visited}".encode())
    for t in world.topics.values():
        h.update(f"{t.id}|{t.title}|{t.category_id}|{t.created_at}|{t.views}".encode())
    for p in world.posts.values():
        h.update(f"{p.id}|{p.topic_id}|{p.post_number}|{p.user_id}|{p.created_at}|{p.raw}|{p.likes}".encode())
    return h.hexdigest()


# ---------------------------------------------------------------- sizes and ratios


def test_scale_one_has_the_promised_size(world: World) -> None:
    assert len(members(world)) == 300
    regular_topics = [t for t in world.topics.values() if not t.is_pm]
    assert 600 <= len(regular_topics) <= 750
    assert 3000 <= len(world.posts) <= 4000


def test_about_a_quarter_of_members_ever_post(world: World) -> None:
    counts = posts_by(world)
    everyone = members(world)
    posters = [u for u in everyone if counts[u.id]]
    assert abs(len(posters) / len(everyone) - 0.25) <= 0.08


def test_a_few_members_write_most_posts(world: World) -> None:
    counts = sorted((n for uid, n in posts_by(world).items() if uid > 0), reverse=True)
    top = max(1, round(len(counts) * 0.1))
    assert sum(counts[:top]) > 0.5 * sum(counts)


def test_the_animation_team(world: World) -> None:
    staff = [u for u in members(world) if u.staff]
    assert 2 <= len(staff) <= 3
    camille = world.user_by_name(SANDBOX_USERNAME)
    assert camille is not None and camille.admin and camille.moderator
    assert set(world.planted["staff_usernames"]) == {u.username for u in staff}


def test_both_languages_are_present(world: World) -> None:
    langs = Counter(t.lang for t in world.topics.values() if not t.is_definition)
    assert langs["fr"] >= 0.35 * sum(langs.values()) and langs["en"] >= 0.35 * sum(langs.values())
    fr_text = " ".join(t.posts[0].raw for t in world.topics.values() if t.lang == "fr")
    en_text = " ".join(t.posts[0].raw for t in world.topics.values() if t.lang == "en")
    assert re.search(r"\b(vous|nous|pour|idée)\b", fr_text)
    assert re.search(r"\b(the|we|our|idea)\b", en_text)


def test_timestamps_cover_six_months_and_ids_follow_time(world: World) -> None:
    created = [p.created_at for p in sorted(world.posts.values(), key=lambda p: p.id)]
    assert created == sorted(created)
    assert all(c <= NOW for c in created)
    content = [p for p in world.posts.values() if not world.topics[p.topic_id].is_definition]
    oldest = min(p.created_at for p in content)
    assert NOW - timedelta(days=190) <= oldest <= NOW - timedelta(days=150)
    for topic in world.topics.values():
        assert [p.post_number for p in topic.posts] == list(range(1, len(topic.posts) + 1))
        assert all(p.created_at >= topic.created_at for p in topic.posts)


# ---------------------------------------------------------------- planted truths


def test_unanswered_topics_really_have_one_post(world: World) -> None:
    planted = world.planted
    assert len(planted["unanswered_question_ids"]) >= 15
    for tid in planted["unanswered_topic_ids"]:
        topic = world.topics[tid]
        assert topic.posts_count == 1 and len(live(topic)) == 1 and not topic.is_pm and not topic.closed
    ages = [(NOW - world.topics[t].created_at).days for t in planted["unanswered_question_ids"]]
    assert min(ages) <= 14 and max(ages) >= 60  # some recent, some old


def test_self_answered_and_staff_only_answered_topics(world: World) -> None:
    staff = {u.id for u in world.users.values() if u.staff}
    assert world.planted["self_answered_topic_ids"] and world.planted["staff_only_answered_topic_ids"]
    for tid in world.planted["self_answered_topic_ids"]:
        topic = world.topics[tid]
        assert topic.posts_count >= 2 and {p.user_id for p in live(topic)} == {topic.user_id}
    for tid in world.planted["staff_only_answered_topic_ids"]:
        topic = world.topics[tid]
        assert topic.user_id not in staff and topic.posts_count >= 2
        assert all(p.user_id in staff for p in live(topic)[1:])


def test_gone_quiet_members_fit_the_definition(world: World) -> None:
    quiet = world.planted["gone_quiet"]
    assert len(quiet) >= 8
    recent, window_start = NOW - timedelta(days=28), NOW - timedelta(days=28 + 90)
    for name in quiet:
        user = world.user_by_name(name)
        assert user is not None
        mine = [p.created_at for p in world.posts.values() if p.user_id == user.id]
        assert sum(1 for c in mine if window_start <= c < recent) >= 3, name
        assert all(c < recent for c in mine), name


def test_newcomers_joined_recently_and_did_not_post(world: World) -> None:
    counts = posts_by(world)
    assert len(world.planted["newcomers"]) >= 10
    for name in world.planted["newcomers"]:
        user = world.user_by_name(name)
        assert user is not None and NOW - user.created_at < timedelta(days=30)
        assert counts[user.id] == 0 and user.post_count == 0 and user.trust_level <= 1
    intro_cat = world.planted["category_ids"]["introductions"]
    assert world.planted["newcomers_with_intro"]
    for name in world.planted["newcomers_with_intro"]:
        user = world.user_by_name(name)
        assert user is not None and NOW - user.created_at < timedelta(days=30)
        assert any(t.user_id == user.id and t.category_id == intro_cat for t in world.topics.values())


def test_readers_read_a_lot_and_never_post(world: World) -> None:
    counts = posts_by(world)
    readers = [world.user_by_name(n) for n in world.planted["readers"]]
    assert readers
    for user in readers:
        assert user is not None and counts[user.id] == 0
        assert user.days_visited >= 30 and user.posts_read >= 500
        assert user.last_seen_at is not None and NOW - user.last_seen_at < timedelta(days=4)


def test_member_stats_are_consistent(world: World) -> None:
    for user in members(world):
        assert user.last_seen_at is not None and user.created_at <= user.last_seen_at <= NOW
        if user.last_posted_at is not None:
            assert user.last_seen_at >= user.last_posted_at
        assert 1 <= user.days_visited <= (NOW - user.created_at).days + 1
        assert 0 <= user.trust_level <= 4
        assert user.topics_entered <= len(world.topics)
    levels = Counter(u.trust_level for u in members(world))
    assert all(levels[n] for n in range(5))


def test_trending_ideas_have_a_burst_of_activity(world: World) -> None:
    burst_start = NOW - timedelta(days=5)
    ideas = world.planted["category_ids"]["ideas"]
    assert 3 <= len(world.planted["trending_topic_ids"]) <= 4
    for tid in world.planted["trending_topic_ids"]:
        topic = world.topics[tid]
        assert topic.category_id == ideas
        before = {p.user_id for p in topic.posts if p.created_at < burst_start}
        recent = [p for p in topic.posts if p.created_at >= burst_start]
        assert len(recent) >= 12
        assert len({p.user_id for p in recent} - before) >= 8
        recent_likes = sum(1 for p in topic.posts for _, at in p.likes if at >= burst_start)
        assert recent_likes >= 20


def test_trending_terms_rise_against_the_baseline(world: World) -> None:
    trending = set(world.planted["trending_topic_ids"])
    baseline = " ".join(p.raw.lower() for p in world.posts.values() if p.topic_id not in trending)
    for tid, terms in world.planted["trending_terms"].items():
        recent = " ".join(p.raw.lower() for p in world.topics[int(tid)].posts)
        for term in terms:
            assert recent.count(term.lower()) >= 5, term
            assert baseline.count(term.lower()) <= 1, term
    assert {"covoiturage", "jumeau numérique", "IA générative", "carpooling"} <= set(
        world.planted["rising_terms"]
    )


def test_topic_states_are_planted(world: World) -> None:
    p = world.planted
    for key in (
        "closed_topic_ids",
        "archived_topic_ids",
        "unlisted_topic_ids",
        "deleted_topic_ids",
        "pm_topic_ids",
        "pm_topic_ids_with_sandbox_user",
        "deleted_post_ids",
        "user_deleted_post_ids",
        "hidden_post_ids",
        "solved_topic_ids",
        "unsolved_question_ids",
        "restricted_topic_ids",
    ):
        assert p[key], key
    assert all(world.topics[t].closed for t in p["closed_topic_ids"])
    assert all(world.topics[t].archived for t in p["archived_topic_ids"])
    assert all(not world.topics[t].visible for t in p["unlisted_topic_ids"])
    assert all(world.topics[t].is_pm for t in p["pm_topic_ids"])
    camille = world.user_by_name(SANDBOX_USERNAME)
    assert camille is not None
    assert all(camille.id in world.topics[t].allowed_user_ids for t in p["pm_topic_ids_with_sandbox_user"])
    assert all(world.posts[i].deleted_at is not None for i in p["deleted_post_ids"])
    assert all(world.posts[i].user_deleted for i in p["user_deleted_post_ids"])
    assert all(world.posts[i].hidden for i in p["hidden_post_ids"])
    assert len(p["pinned_globally_topic_ids"]) == 1 and set(p["pinned_globally_topic_ids"]) <= set(
        p["pinned_topic_ids"]
    )
    questions = p["category_ids"]["questions"]
    assert all(world.topics[t].category_id == questions for t in p["solved_topic_ids"])
    assert all(world.topics[t].accepted_post is not None for t in p["solved_topic_ids"])


def test_long_topics_need_paging(world: World) -> None:
    long_ids = world.planted["long_topic_ids"]
    assert len(long_ids) >= 3 and all(world.topics[t].posts_count > 20 for t in long_ids)
    assert world.topics[world.planted["very_long_topic_id"]].posts_count > 60


def test_exactly_one_post_carries_a_script_for_the_sanitizer(world: World) -> None:
    dangerous = [
        p.id for p in world.posts.values() if "<script" in world.cooked(p) or "onerror=" in world.cooked(p)
    ]
    assert dangerous == [world.planted["xss_post_id"]]
    cooked = world.cooked(world.posts[dangerous[0]])
    assert "<script>" in cooked and "onerror=" in cooked


def test_cooked_html_has_discourse_markup(world: World) -> None:
    cooked = [world.cooked(p) for p in world.posts.values()]
    assert any('<a class="mention" href="/u/' in c for c in cooked)
    assert any('<aside class="quote no-group"' in c for c in cooked)
    assert any('<aside class="onebox' in c for c in cooked)
    assert any('<img src="https://' in c for c in cooked)
    assert all(c.startswith(("<p>", "<aside", "<ul>", "<h2>")) for c in cooked)


# ---------------------------------------------------------------- determinism and speed


def test_same_seed_same_world_other_seed_other_world(world: World) -> None:
    assert digest(generate(seed=7, scale=1.0, now=NOW)) == digest(world)
    other = generate(seed=8, scale=1.0, now=NOW)
    assert digest(other) != digest(world)
    assert [u.username for u in members(other)] != [u.username for u in members(world)]


def test_default_now_is_the_current_minute() -> None:
    small = generate(seed=1, scale=0.2)
    assert small.now.second == 0 and small.now.microsecond == 0
    assert abs((datetime.now(UTC) - small.now).total_seconds()) < 120
    with pytest.raises(ValueError):
        generate(seed=1, scale=0.2, now=datetime(2026, 1, 1))  # naive


def test_scale_multiplies_the_community() -> None:
    big = generate(seed=3, scale=4.0, now=NOW)
    assert len(members(big)) == 1200 and len(big.posts) > 12000


@pytest.mark.slow
def test_scale_thirty_generates_a_large_world() -> None:
    # How long it takes is the benchmarks' business (a timed test fails on a busy machine, not on slow code).
    huge = generate(seed=7, scale=30.0, now=NOW)
    assert len(huge.posts) >= 100_000


# ---------------------------------------------------------------- mutation helpers


def test_add_reply_bumps_and_counts() -> None:
    w = generate(seed=7, scale=0.3, now=NOW)
    tid = w.planted["unanswered_topic_ids"][0]
    topic = w.topics[tid]
    author = w.user_by_name(SANDBOX_USERNAME)
    assert author is not None
    before = author.post_count
    at = NOW + timedelta(minutes=5)
    post = w.add_reply(tid, SANDBOX_USERNAME, "Merci pour la question, je regarde ça !", at=at)
    assert post["post_number"] == 2 and post["topic_id"] == tid and post["raw"].startswith("Merci")
    assert topic.posts_count == 2 and topic.bumped_at == at and topic.last_posted_at == at
    assert author.post_count == before + 1 and w.posts[post["id"]].created_at == at
    version = w.version
    assert w.like(post["id"], w.planted["readers"][0]) == 1 and w.version > version
    assert w.like(post["id"], w.planted["readers"][0]) == 1  # once
    with pytest.raises(ValueError):
        w.like(post["id"], SANDBOX_USERNAME)


def test_add_topic_close_and_delete() -> None:
    w = generate(seed=7, scale=0.3, now=NOW)
    ideas = w.planted["category_ids"]["ideas"]
    item = w.add_topic(
        ideas, SANDBOX_USERNAME, "Une nouvelle idée pour tester", "Le corps de l'idée, assez long."
    )
    topic = w.topics[item["id"]]
    assert (
        item["posts_count"] == 1
        and topic.category_id == ideas
        and item["slug"] == "une-nouvelle-idee-pour-tester"
    )
    w.close_topic(topic.id)
    assert topic.closed
    reply = w.add_reply(topic.id, w.planted["readers"][0], "Une réponse suffisamment longue.")
    w.delete_post(reply["id"])
    assert topic.posts_count == 1 and w.posts[reply["id"]].deleted_at is not None
    w.delete_post(topic.posts[0].id)
    assert topic.deleted_at is not None
