"""Rising terms: phrases and words that grew against the baseline, stop words out, accents folded."""

from __future__ import annotations

from insights_world import NOW, Forum, ago

from moderator.insights import term_index, trending_terms
from moderator.insights.terms import STOP_WORDS
from moderator.model import SyncBatch

BASELINE = [
    "La newsletter du mois est publiée, merci à tous pour vos contributions !",
    "The newsletter is out: thanks everyone for the contributions.",
    "Réunion des bénévoles jeudi soir, pensez à vous inscrire.",
    "Volunteers meeting on Thursday evening, please register.",
    "Le thème clair est très lisible sur mobile.",
]
RECENT = [
    "Le thème sombre serait génial, merci !",
    "Un Thème Sombre pour l'application, svp.",
    "I would love a theme sombre too, thanks!",
    "Thème sombre please, my eyes hurt at night.",
    "Est-ce que le thème sombre arrive bientôt ?",
    "The newsletter is out, thanks everyone.",
    "Night reading needs a thème sombre and bigger fonts.",
    "Bigger fonts would help too.",
    "Bigger fonts on mobile please.",
]


def _fill(forum: Forum, prefix: str = "") -> None:
    posts = []
    forum.topic(f"{prefix}old", created=ago(days=120), title="Old news")
    for i in range(40):
        text = BASELINE[i % len(BASELINE)]
        posts.append(
            forum.post(f"{prefix}old", i + 2, "20", "bob", ago(days=100 - 2 * i), cooked=f"<p>{text}</p>")
        )
    forum.topic(f"{prefix}new", created=ago(days=6), title="Dark theme")
    for i, text in enumerate(RECENT):
        posts.append(
            forum.post(f"{prefix}new", i + 2, "30", "carol", ago(days=5, hours=-i), cooked=f"<p>{text}</p>")
        )
    forum.add_posts(*posts)


def test_rising_phrase_in_its_most_common_form_with_stop_words_out(forum: Forum) -> None:
    _fill(forum)
    rows = trending_terms(forum.store, now=NOW)
    assert rows[0].term == "thème sombre" and rows[0].key == "theme sombre" and rows[0].phrase
    assert rows[0].recent == 6  # "theme sombre" and "Thème Sombre" are the same term
    assert rows[0].baseline == 0
    assert rows[0].examples[0].topic_id == "new" and rows[0].examples[0].title == "Dark theme"
    keys = [r.key for r in rows]
    assert "bigger fonts" in keys
    assert not [k for k in keys if set(k.split()) & STOP_WORDS]
    for word in ("merci", "thanks", "le", "the", "svp", "please", "pour", "would"):
        assert word not in keys
    assert "sombre" not in keys and "theme" not in keys  # told by the phrase "thème sombre"
    assert "newsletter" not in keys  # as common before as now
    assert rows[0].why.startswith("in 6 of 10 recent posts")


def test_min_count_and_hidden_or_deleted_posts(forum: Forum) -> None:
    _fill(forum)

    def add(n: int, **fields: object) -> None:
        forum.add_posts(forum.post("new", n, "31", "dan", ago(days=1), cooked="<p>Zorglub!</p>", **fields))

    add(50, hidden=True)
    add(51, deleted_at=ago(hours=3))
    add(52)
    add(53)
    assert "zorglub" not in {r.key for r in trending_terms(forum.store, now=NOW)}  # 2 visible posts: below 3
    add(54)
    (row,) = [r for r in trending_terms(forum.store, now=NOW) if r.key == "zorglub"]
    assert (row.recent, row.baseline, row.recent_posts) == (3, 0, 13)  # 9 + the opening post + 3


def test_the_index_follows_new_and_removed_posts(forum: Forum) -> None:
    _fill(forum)
    trending_terms(forum.store, now=NOW)
    assert term_index.totals(forum.store, [forum.id], ["newsletter"]) == {"newsletter": 17}
    forum.add_posts(forum.post("old", 99, "20", "bob", ago(days=50), cooked="<p>newsletter</p>"))
    assert term_index.refresh(forum.store, [forum.id]) == 1
    assert term_index.totals(forum.store, [forum.id], ["newsletter"]) == {"newsletter": 18}
    removed = forum.store.posts(forum.id, "old")[1]
    forum.store.apply_batch(forum.id, SyncBatch(removed_post_ids=[removed.id]))
    term_index.refresh(forum.store, [forum.id])  # a removal is noticed: everything is counted again
    assert term_index.totals(forum.store, [forum.id], ["newsletter"]) == {"newsletter": 17}


def test_communities_are_pooled_or_filtered(make_forum) -> None:
    a, b = make_forum("a"), make_forum("b")
    _fill(a)
    b.topic("x", created=ago(days=30))
    b.add_posts(
        *(b.post("x", n, "40", "eve", ago(days=1), cooked="<p>Thème sombre</p>") for n in range(2, 5))
    )
    pooled = trending_terms(a.store, now=NOW)
    assert pooled[0].key == "theme sombre" and pooled[0].recent == 9
    assert {e.community_name for e in pooled[0].examples} == {"a", "b"}
    only_b = trending_terms(a.store, [b.id], now=NOW)
    assert [r.recent for r in only_b if r.key == "theme sombre"] == [3]


def test_cached_and_fresh_tokenizing_agree(forum: Forum) -> None:
    _fill(forum)
    fresh = trending_terms(forum.store, now=NOW, refresh=False)  # nothing counted yet: no baseline
    assert fresh[0].key == "theme sombre" and fresh[0].baseline_posts == 0
    cached = trending_terms(forum.store, now=NOW)
    assert term_index.refresh(forum.store, [forum.id]) == 0  # up to date: nothing to count
    assert {r.key: r.recent for r in cached}.get("theme sombre") == 6 == fresh[0].recent
    (count,) = forum.store.read().execute("SELECT COUNT(*) FROM post_terms").fetchone()
    assert count == 10 + 9  # 35 days back from the newest post: the new topic, and 9 old posts (22..38 days)


def test_a_small_share_before_is_not_written_as_zero() -> None:
    from moderator.insights.trending_terms import _pct

    assert _pct(100 / 3271) == "0.03" and _pct(8.695) == "8.7" and _pct(0) == "0.0" and _pct(0.001) == "<0.01"
