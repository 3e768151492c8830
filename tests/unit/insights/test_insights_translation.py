"""The views' explanations go through the ``tr`` they are given (the GUI's translator), placeholders filled."""

from __future__ import annotations

from insights_world import NOW, Forum, ago

from moderator.insights import silent_members, trending_ideas, unanswered_topics

FRENCH = {
    "No reply for {wait}": "Sans réponse depuis {wait}",
    "; only the author posted again ({n}×)": " ; seul l’auteur a reposté ({n}×)",
    "{n} days": "{n} jours",
    "Welcome them: newcomer since {since}, never posted": "Bienvenue : nouveau venu depuis {since}, jamais posté",
    ", has read {n} posts": ", a lu {n} messages",
}


def french(text: str) -> str:
    return FRENCH.get(text, text)


def bracketed(seen: list[str]):
    def tr(text: str) -> str:
        seen.append(text)
        return f"<{text}>"

    return tr


def test_unanswered_why_goes_through_tr(forum: Forum) -> None:
    forum.topic("alone", created=ago(days=5))
    forum.topic("self", created=ago(days=4), replies=[("10", "alice", ago(days=3))])
    rows = unanswered_topics(forum.store, now=NOW, tr=french)
    assert [r.why for r in rows] == [
        "Sans réponse depuis 5 jours",
        "Sans réponse depuis 4 jours ; seul l’auteur a reposté (1×)",
    ]
    forum.topic("asked", created=ago(days=3), has_accepted_answer=False, replies=[("30", "bob", ago(days=2))])
    seen: list[str] = []
    rows = unanswered_topics(forum.store, now=NOW, definition="unsolved", tr=bracketed(seen))
    assert {r.topic_id: r.why for r in rows}["asked"] == "<Not marked solved, asked <3 days> ago>< (1 reply)>"
    assert "{n} days" in seen
    # the default stays English, as the CLI and JSON show it
    assert unanswered_topics(forum.store, now=NOW)[0].why == "No reply for 5 days"


def test_silent_next_step_goes_through_tr(forum: Forum) -> None:
    forum.member("3", "fresh", created_at=ago(days=4), post_count=0, days_visited=1, posts_read=4)
    (row,) = silent_members(forum.store, now=NOW, tr=french)
    assert row.next_step == "Bienvenue : nouveau venu depuis 4 jours, jamais posté, a lu 4 messages"
    (row,) = silent_members(forum.store, now=NOW)
    assert row.next_step == "Welcome them: newcomer since 4 days, never posted, has read 4 posts"


def test_trending_why_goes_through_tr(forum: Forum) -> None:
    forum.topic("new", created=ago(days=2), title="Dark mode")
    forum.add_posts(
        *(
            forum.post("new", n, str(60 + n), f"user{n}", ago(hours=40 - 5 * n), like_count=2)
            for n in range(2, 6)
        )
    )
    (english,) = trending_ideas(forum.store, now=NOW)
    seen: list[str] = []
    (row,) = trending_ideas(forum.store, now=NOW, tr=bracketed(seen))
    assert "{" not in row.why and "<+{n} replies>" not in row.why
    assert "<+4 replies>" in row.why
    assert row.why.replace("<", "").replace(">", "") == english.why
    assert "+{n} replies" in seen and "new {period}" in seen
