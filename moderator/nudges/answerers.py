"""Who could answer this? The members most likely to answer one question, from the local copy only.

Evidence, each measured before ``as_of`` (now, or the question's creation when evaluating):

- *similar topics*: the question's words (title first, then body; stop words out) against everything
  members wrote, through the local full-text index (FTS5, bm25). A reply counts more than a topic
  started: answering is what we look for. Kept: how many similar topics they replied in, and the
  question's words found in their posts ("about onboarding, badge").
- *same category* and *same tags*: their replies in topics of the question's category / sharing a tag.
- *recency*: their last post; someone silent for months is an unlikely answerer today.
- *load*: how much they already carry, so that the same three people are not always asked:
  invitations received in the last 30 days and replies written in the last 14.

Left out: the author, whoever already replied, the synced account and the animation team, system
users, and members nudged or invited in the last 30 days (unless the user insists, ``insist=True``).

score = (0.55 text + 0.25 category + 0.20 tags) × (0.3 + 0.7 recency) × load, each part in [0, 1];
load = 1 / (1 + 0.5 × invitations) / (1 + max(0, replies in 14 days − 40) / 20). A general activity
prior (``W_ACTIVITY``) was tried and left at 0: it brought the ranking back towards "the most active",
which is what the load balancing is there to avoid, for no gain in hit rate.
``benchmarks/bench_answerers.py`` measures the hit rate against "the 5 most active members".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Mapping
from typing import Any

from moderator.insights.terms import fold, terms_of
from moderator.model import utcnow
from moderator.nudges import history
from moderator.settings import CommunitySettings
from moderator.store import Store, from_ts, to_ts

QUERY_TERMS = 16
COMMON_SHARE = 0.2  # a word in more posts than this says nothing about who knows the topic
TEXT_MATCHES = 400
FTS_CANDIDATES = 3000  # best full-text matches looked at (all communities), before the filters
RECENCY_DAYS = 45.0
EVIDENCE_DAYS = 365
LOAD_DAYS = 14
W_TEXT, W_CATEGORY, W_TAGS, W_ACTIVITY = 0.55, 0.25, 0.20, 0.0
ACTIVITY_DAYS = 90
LOAD_FREE, LOAD_SCALE = 40, 20.0  # replies in LOAD_DAYS before the load starts to weigh, and how fast

_REGULAR = "p.post_type = 1 AND p.hidden = 0 AND p.deleted_at IS NULL AND p.user_deleted = 0"


class TopicNotFound(LookupError):
    pass


@dataclasses.dataclass(frozen=True, slots=True)
class Suggestion:
    """One member who could answer, with the counts behind the score."""

    username: str
    member_id: str
    name: str
    score: float
    similar_topics: int  # similar topics they replied in
    similar_started: int  # similar topics they started
    about: tuple[str, ...]  # the question's words found in what they wrote
    category_replies: int
    category_name: str
    tag_replies: int
    last_active: dt.datetime | None
    recent_replies: int  # in the last LOAD_DAYS
    invitations: int  # received in the last 30 days
    rested_until: dt.datetime | None = None  # nudged recently (only listed when insisting)

    @property
    def why(self) -> str:
        return explain(self, "en", now=utcnow())

    def as_dict(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "score": round(self.score, 4),
            "why": self.why,
            "similar_topics": self.similar_topics,
            "similar_started": self.similar_started,
            "about": list(self.about),
            "category_replies": self.category_replies,
            "category": self.category_name,
            "tag_replies": self.tag_replies,
            "last_active": self.last_active.isoformat() if self.last_active else None,
            "recent_replies": self.recent_replies,
            "invitations_30d": self.invitations,
        }


# -- words -----------------------------------------------------------------------------------------------

_WORDS = {
    "en": {
        "similar": ("replied to {n} similar topic", "replied to {n} similar topics"),
        "about": "about {words}",
        "in": "in {category}",
        "category": ("replied {n} time in {category}", "replied {n} times in {category}"),
        "tags": ("answered {n} topic with the same tags", "answered {n} topics with the same tags"),
        "started": ("started {n} topic on it", "started {n} topics on it"),
        "last": "last one {ago}",
        "invited": ("already invited {n} time this month", "already invited {n} times this month"),
        "today": "today",
        "days": ("{n} day ago", "{n} days ago"),
        "weeks": ("{n} week ago", "{n} weeks ago"),
        "months": ("{n} month ago", "{n} months ago"),
        "and": ", ",
        "nothing": "is active in this community",
    },
    "fr": {
        "similar": ("avez répondu à {n} sujet semblable", "avez répondu à {n} sujets semblables"),
        "about": "sur {words}",
        "in": "dans {category}",
        "category": ("avez répondu {n} fois dans {category}", "avez répondu {n} fois dans {category}"),
        "tags": (
            "avez répondu à {n} sujet avec les mêmes étiquettes",
            "avez répondu à {n} sujets avec les mêmes étiquettes",
        ),
        "started": ("avez lancé {n} sujet là-dessus", "avez lancé {n} sujets là-dessus"),
        "last": "le dernier {ago}",
        "invited": ("déjà sollicité {n} fois ce mois-ci", "déjà sollicité {n} fois ce mois-ci"),
        "today": "aujourd'hui",
        "days": ("il y a {n} jour", "il y a {n} jours"),
        "weeks": ("il y a {n} semaine", "il y a {n} semaines"),
        "months": ("il y a {n} mois", "il y a {n} mois"),
        "and": ", ",
        "nothing": "êtes actif dans cette communauté",
    },
}


def _counted(words: Mapping[str, Any], key: str, n: int, **values: str) -> str:
    one, many = words[key]
    return str(one if n == 1 else many).format(n=n, **values)


def _ago(words: Mapping[str, Any], when: dt.datetime, now: dt.datetime) -> str:
    days = max(0, (now - when).days)
    if days == 0:
        return str(words["today"])
    if days < 14:
        return _counted(words, "days", days)
    if days < 60:
        return _counted(words, "weeks", round(days / 7))
    return _counted(words, "months", round(days / 30))


def explain(s: Suggestion, language: str, *, now: dt.datetime) -> str:
    """Why this member, in words that continue "you …" (fr: "vous …"); English for the CLI.

    e.g. "replied to 4 similar topics about onboarding, badge in Questions, last one 3 weeks ago".
    """
    words = _WORDS.get(language, _WORDS["en"])
    parts = []
    if s.similar_topics:
        text = _counted(words, "similar", s.similar_topics)
        if s.about:
            text += " " + str(words["about"]).format(words=", ".join(s.about))
        parts.append(text)
    if s.category_replies and s.category_name:
        parts.append(_counted(words, "category", s.category_replies, category=s.category_name))
    if s.tag_replies and not s.similar_topics:
        parts.append(_counted(words, "tags", s.tag_replies))
    if s.similar_started and not parts:
        parts.append(_counted(words, "started", s.similar_started))
    if not parts:
        parts.append(str(words["nothing"]))
    if s.last_active is not None:
        parts[-1] += ", " + str(words["last"]).format(ago=_ago(words, s.last_active, now))
    if s.invitations:
        parts.append(_counted(words, "invited", s.invitations))
    return str(words["and"]).join(parts)


# -- ranking ---------------------------------------------------------------------------------------------


def _query_terms(title: str, body: str) -> list[str]:
    """Single words of the question (title first, then the body's commonest), FTS5-quoted."""
    ordered: list[str] = []
    for word in terms_of(title):
        if " " not in word and len(word) >= 3 and word not in ordered:
            ordered.append(word)
    counts: dict[str, int] = {}
    for word in terms_of(body):
        if " " not in word and len(word) >= 3:
            counts[word] = counts.get(word, 0) + body.lower().count(word[:5])
    for word, _n in sorted(counts.items(), key=lambda kv: -kv[1]):
        if word not in ordered:
            ordered.append(word)
    return ordered[:QUERY_TERMS]


def _distinctive(db: Any, terms: list[str]) -> list[str]:
    """Leave out the words found in more than ``COMMON_SHARE`` of all posts: they match everyone."""
    if not terms:
        return terms
    total = db.execute("SELECT MAX(rowid) FROM posts").fetchone()[0] or 1
    if total < 200:  # too few posts to tell a common word from a topical one
        return terms
    kept = []
    for term in terms:
        df = db.execute(
            "SELECT COUNT(*) FROM posts_fts WHERE posts_fts MATCH ?", (_fts_query([term]),)
        ).fetchone()[0]
        if 0 < df <= COMMON_SHARE * total:
            kept.append(term)
    return kept


def _fts_query(terms: list[str]) -> str:
    return " OR ".join('"' + t.replace('"', "") + '"' for t in terms)


@dataclasses.dataclass
class _Evidence:
    member_id: str
    text: float = 0.0
    similar_topics: set[str] = dataclasses.field(default_factory=set)
    similar_started: set[str] = dataclasses.field(default_factory=set)
    about: dict[str, int] = dataclasses.field(default_factory=dict)
    category: int = 0
    tags: int = 0


def rank_answerers(
    store: Store,
    community_id: int,
    topic_id: str,
    *,
    limit: int = 5,
    as_of: dt.datetime | None = None,
    insist: bool = False,
    hide_topic_posts: bool = False,
    now: dt.datetime | None = None,
) -> list[Suggestion]:
    """The ``limit`` best answerers of the topic, best first (see the module docstring).

    ``as_of``: only evidence from before it (evaluation: the question's creation). ``hide_topic_posts``:
    the topic's own replies are neither evidence nor a reason to leave someone out (evaluation).
    """
    now = now or utcnow()
    cutoff = to_ts(as_of or now)
    assert cutoff is not None
    db = store.read()
    community = store.community(community_id)
    topic = db.execute(
        "SELECT id, title, category_id, tags, author_id FROM topics WHERE community_id=? AND id=?",
        (community_id, topic_id),
    ).fetchone()
    if community is None or topic is None:
        raise TopicNotFound(topic_id)
    first = db.execute(
        "SELECT text FROM posts WHERE community_id=? AND topic_id=? ORDER BY post_number LIMIT 1",
        (community_id, topic_id),
    ).fetchone()
    settings = CommunitySettings.from_dict(community.settings)
    excluded: set[str] = set()
    if topic["author_id"]:
        excluded.add(topic["author_id"])
    if not hide_topic_posts:
        excluded |= {
            r[0]
            for r in db.execute(
                "SELECT DISTINCT author_id FROM posts WHERE community_id=? AND topic_id=? AND author_id IS NOT NULL",
                (community_id, topic_id),
            )
        }
    team = {n.casefold() for n in (*settings.team_usernames, community.username) if n}

    evidence: dict[str, _Evidence] = {}

    def ev(member_id: str) -> _Evidence:
        found = evidence.get(member_id)
        if found is None:
            found = evidence[member_id] = _Evidence(member_id)
        return found

    terms = _distinctive(db, _query_terms(topic["title"], first["text"] if first else ""))
    since = cutoff - EVIDENCE_DAYS * 86400
    if terms:
        rows = db.execute(
            f"""WITH m AS MATERIALIZED (
                SELECT rowid, rank FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rank LIMIT ?)
            SELECT p.author_id, p.topic_id, p.post_number, p.text, m.rank AS rank
            FROM m JOIN posts p ON p.rowid = m.rowid
            JOIN topics t ON t.community_id = p.community_id AND t.id = p.topic_id
            WHERE p.community_id = ? AND p.topic_id != ? AND p.created_at < ?
              AND p.created_at >= ? AND {_REGULAR} AND t.archetype = 'regular' AND p.author_id IS NOT NULL
            ORDER BY m.rank LIMIT ?""",
            (_fts_query(terms), FTS_CANDIDATES, community_id, topic_id, cutoff, since, TEXT_MATCHES),
        ).fetchall()
        for r in rows:
            e = ev(r["author_id"])
            reply = r["post_number"] > 1
            e.text += -float(r["rank"]) * (1.5 if reply else 1.0)
            (e.similar_topics if reply else e.similar_started).add(r["topic_id"])
            folded = fold(r["text"] or "")
            for term in terms[:8]:
                if term in folded:
                    e.about[term] = e.about.get(term, 0) + 1
    if topic["category_id"] is not None:
        for r in db.execute(
            f"""SELECT p.author_id, COUNT(*) FROM posts p JOIN topics t
                ON t.community_id = p.community_id AND t.id = p.topic_id
            WHERE p.community_id = ? AND t.category_id = ? AND p.post_number > 1 AND p.topic_id != ?
              AND p.created_at < ? AND p.created_at >= ? AND {_REGULAR} AND p.author_id IS NOT NULL
              AND p.author_id != t.author_id
            GROUP BY p.author_id""",
            (community_id, topic["category_id"], topic_id, cutoff, since),
        ):
            ev(r[0]).category = int(r[1])
    tags = [t for t in json.loads(topic["tags"] or "[]") if isinstance(t, str)]
    if tags:
        for r in db.execute(
            f"""SELECT p.author_id, COUNT(DISTINCT p.topic_id) FROM posts p JOIN topics t
                ON t.community_id = p.community_id AND t.id = p.topic_id
            WHERE p.community_id = ? AND p.post_number > 1 AND p.topic_id != ? AND p.created_at < ?
              AND p.created_at >= ? AND {_REGULAR} AND p.author_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM json_each(t.tags) j WHERE j.value IN ({",".join("?" * len(tags))}))
            GROUP BY p.author_id""",
            (community_id, topic_id, cutoff, since, *tags),
        ):
            ev(r[0]).tags = int(r[1])

    candidates = [e for mid, e in evidence.items() if mid not in excluded]
    if not candidates:
        return []
    members = {
        r["id"]: r
        for r in db.execute(
            f"SELECT id, username, name, admin, moderator FROM members WHERE community_id=?"
            f" AND id IN ({','.join('?' * len(candidates))})",
            (community_id, *(e.member_id for e in candidates)),
        )
    }
    resting = {} if insist else history.resting(store, community_id, now=now)
    rested = history.resting(store, community_id, now=now) if insist else {}
    invitations = history.invitations_since(store, community_id, now - dt.timedelta(days=30))
    category_name = ""
    if topic["category_id"] is not None:
        cat = db.execute(
            "SELECT name FROM categories WHERE community_id=? AND id=?", (community_id, topic["category_id"])
        ).fetchone()
        category_name = cat["name"] if cat else ""

    kept: list[tuple[_Evidence, Any]] = []
    for e in candidates:
        m = members.get(e.member_id)
        if m is None or not m["username"]:
            continue
        name = m["username"].casefold()
        if name in team or name == "system" or e.member_id.lstrip("-").isdigit() and int(e.member_id) <= 0:
            continue
        if name in resting:
            continue
        kept.append((e, m))
    if not kept:
        return []
    top_text = max(e.text for e, _ in kept) or 1.0
    top_cat = max(e.category for e, _ in kept) or 1
    top_tags = max(e.tags for e, _ in kept) or 1
    ids = [e.member_id for e, _ in kept]
    marks = ",".join("?" * len(ids))
    last_rows = db.execute(
        f"SELECT p.author_id, MAX(p.created_at), SUM(p.created_at >= ? AND p.post_number > 1),"
        f" SUM(p.created_at >= ? AND p.post_number > 1)"
        f" FROM posts p WHERE p.community_id = ? AND p.author_id IN ({marks}) AND p.created_at < ? AND {_REGULAR}"
        f" GROUP BY p.author_id",
        (cutoff - LOAD_DAYS * 86400, cutoff - ACTIVITY_DAYS * 86400, community_id, *ids, cutoff),
    ).fetchall()
    last = {r[0]: (from_ts(r[1]), int(r[2] or 0)) for r in last_rows}
    activity = {r[0]: int(r[3] or 0) for r in last_rows}
    top_activity = max(activity.values(), default=0) or 1

    scored: list[Suggestion] = []
    for e, m in kept:
        last_at, recent = last.get(e.member_id, (None, 0))
        days = (cutoff - to_ts(last_at)) / 86400 if last_at is not None else 365.0  # type: ignore[operator]
        recency = math.exp(-max(0.0, days) / RECENCY_DAYS)
        invited = invitations.get(m["username"].casefold(), 0)
        load = 1.0 / (1.0 + 0.5 * invited) / (1.0 + max(0, recent - LOAD_FREE) / LOAD_SCALE)
        base = (
            W_TEXT * e.text / top_text
            + W_CATEGORY * e.category / top_cat
            + W_TAGS * e.tags / top_tags
            + W_ACTIVITY * activity.get(e.member_id, 0) / top_activity
        )
        score = base * (0.3 + 0.7 * recency) * load
        about = tuple(t for t, _n in sorted(e.about.items(), key=lambda kv: -kv[1])[:2])
        scored.append(
            Suggestion(
                username=m["username"],
                member_id=e.member_id,
                name=m["name"] or "",
                score=score,
                similar_topics=len(e.similar_topics),
                similar_started=len(e.similar_started - e.similar_topics),
                about=about,
                category_replies=e.category,
                category_name=category_name,
                tag_replies=e.tags,
                last_active=last_at,
                recent_replies=recent,
                invitations=invited,
                rested_until=(
                    rested[m["username"].casefold()] + dt.timedelta(days=history.REST_DAYS)
                    if m["username"].casefold() in rested
                    else None
                ),
            )
        )
    scored.sort(key=lambda s: (-s.score, s.username.casefold()))
    return scored[:limit]


def most_active(
    store: Store, community_id: int, *, as_of: dt.datetime, exclude: set[str], limit: int = 5
) -> list[str]:
    """The baseline: the members with the most posts before ``as_of`` (member ids), ``exclude`` left out."""
    rows = (
        store.read()
        .execute(
            f"SELECT p.author_id, COUNT(*) AS n FROM posts p WHERE p.community_id = ? AND p.created_at < ?"
            f" AND {_REGULAR} AND p.author_id IS NOT NULL GROUP BY p.author_id ORDER BY n DESC LIMIT ?",
            (community_id, to_ts(as_of), limit + len(exclude) + 5),
        )
        .fetchall()
    )
    return [r[0] for r in rows if r[0] not in exclude][:limit]
