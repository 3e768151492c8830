"""Who could answer this? The members most likely to answer one question, from the local copy only.

Signals, each measured before ``as_of`` (now, or the question's creation when evaluating):

- *similar topics* (text): the question's words (title first, then body; stop words and words in more
  than a fifth of all posts out, then the rarest up to ``FTS_POSTINGS`` matches) against what members
  wrote, through the local full-text index (FTS5, bm25 summed over their matching posts; a reply
  counts 1.5 times a topic started). Shown: how many similar topics they replied in, and the
  question's words found in their posts ("about onboarding and badge").
- *category*: their replies in the question's category over the last year (not to their own topics),
  recency-weighted (a reply today counts 1, one a year ago nearly 0). Shown: the topics they answered
  there and when the last one was.
- *tags*: the topics sharing a tag with the question they replied in (last year).
- *activity*: their posts anywhere over the last ``ACTIVITY_WINDOW_DAYS``, recency-weighted the same
  way (triangular). On a community where anyone answers anything it is the best guess there is
  (better than all-time counts: people join and go quiet). The ``ACTIVITY_CANDIDATES`` most active are
  candidates even without topical evidence. Shown: their posts in that window, and their last post.
- *load*: invitations to answer they received in the last ``INVITATION_DAYS`` (shown), and more than
  ``LOAD_FREE`` replies in the last 14 days (someone visibly swamped).

Left out: the author, whoever already replied, the synced account and the animation team, system
users, and members nudged or invited in the last 30 days (unless the user insists, ``insist=True``).

score = (activity + 0.5 category) × (1 + 2 text + 0.5 tags) × load, each signal divided by its best
value among the candidates: who answers here (recently, in this category) is the prior, and knowing
the subject multiplies it, so a member who answered three onboarding questions in the category comes
before one merely busier elsewhere. load = 1 / (1 + 0.5 × invitations) / (1 + max(0, replies in 14
days − LOAD_FREE) / 20). Tried and left out: a factor on the last post (the prior is already
recency-weighted: no gain), a weighted sum instead of the product (as good on the benchmark, but then
a busier member outranks one who knows the subject), reciprocal rank fusion (loses to the baseline on
the sandbox), reserving two of the five places for text experts (more people reached, lower hit
rate). The weights were chosen on other seeds than the
ones the benchmark reports (sandbox seed 3, topical seed 5; reported: 7 and 11).
``benchmarks/bench_answerers.py`` measures the hit rate against "the 5 most active members", how many
different members the suggestions reach, and what inviting the first suggestions (who then rest)
costs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
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
FTS_POSTINGS = 6000  # matching posts the full-text query may score (all communities), rarest words first
ABOUT_POSTS = 20  # of each member's matching posts, how many are read to say what they wrote about
FTS_CANDIDATES = 3000  # best full-text matches looked at (all communities), before the filters
REPLY_BOOST = 1.5  # a matching reply counts this much more than a matching topic started
EVIDENCE_DAYS = 365
CATEGORY_WINDOW_DAYS = 365.0
ACTIVITY_WINDOW_DAYS = 180.0
ACTIVITY_REPLIES_ONLY = False  # posts (the index answers alone); replies only: same hit rate, slower
ACTIVITY_CANDIDATES = 40  # the most active (recency-weighted) are candidates without topical evidence
W_ACTIVITY, W_CATEGORY = 1.0, 0.5  # who answers here: the prior
PRIOR_FLOOR = 0.02  # so that knowing the subject still orders those with no recent activity at all
W_TEXT, W_TAGS = 2.0, 0.5  # what they know: how much it multiplies the prior
LOAD_DAYS = 14
LOAD_FREE, LOAD_SCALE = 120, 20.0  # replies in LOAD_DAYS before the load starts to weigh, and how fast
INVITATION_DAYS = 90  # invitations to answer count in the load this long (a member rests 30 days after one)
INVITATION_WEIGHT = 0.5

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
    invitations: int  # invitations to answer received in the last INVITATION_DAYS
    rested_until: dt.datetime | None = None  # nudged recently (only listed when insisting)
    category_topics: int = 0  # distinct topics of the category they answered
    category_last: dt.datetime | None = None  # their last reply there
    active_posts: int = (
        0  # posts anywhere in the last ACTIVITY_WINDOW_DAYS (or replies: ACTIVITY_REPLIES_ONLY)
    )
    invitations_30d: int = 0

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
            "invitations_30d": self.invitations_30d,
            "invitations_90d": self.invitations,
            "category_topics": self.category_topics,
            "category_last": self.category_last.isoformat() if self.category_last else None,
            "active_posts": self.active_posts,
        }


# -- words -----------------------------------------------------------------------------------------------

_WORDS = {
    "en": {
        "similar": ("replied to {n} similar topic", "replied to {n} similar topics"),
        "about": "about {words}",
        "category": ("answered {n} topic in {category}", "answered {n} topics in {category}"),
        "category_last": "{text} (the last one {ago})",
        "tags": ("answered {n} topic with the same tags", "answered {n} topics with the same tags"),
        "started": ("started {n} topic on it", "started {n} topics on it"),
        "active": ("wrote {n} post in the last {span}", "wrote {n} posts in the last {span}"),
        "last": "last posted {ago}",
        "invited": (
            "were already asked {n} time in the last 3 months",
            "were already asked {n} times in the last 3 months",
        ),
        "today": "today",
        "days": ("{n} day ago", "{n} days ago"),
        "weeks": ("{n} week ago", "{n} weeks ago"),
        "months": ("{n} month ago", "{n} months ago"),
        "span_weeks": ("week", "{n} weeks"),
        "span_months": ("month", "{n} months"),
        "words_and": " and ",
        "and": ", ",
        "last_and": " and ",
        "nothing": "are active in this community",
    },
    "fr": {
        "similar": ("avez répondu à {n} sujet semblable", "avez répondu à {n} sujets semblables"),
        "about": "sur {words}",
        "category": ("avez répondu à {n} sujet dans {category}", "avez répondu à {n} sujets dans {category}"),
        "category_last": "{text} (le dernier {ago})",
        "tags": (
            "avez répondu à {n} sujet avec les mêmes étiquettes",
            "avez répondu à {n} sujets avec les mêmes étiquettes",
        ),
        "started": ("avez lancé {n} sujet là-dessus", "avez lancé {n} sujets là-dessus"),
        "active": ("avez écrit {n} message ces {span}", "avez écrit {n} messages ces {span}"),
        "last": "avez écrit pour la dernière fois {ago}",
        "invited": (
            "avez déjà été sollicité {n} fois ces 3 derniers mois",
            "avez déjà été sollicité {n} fois ces 3 derniers mois",
        ),
        "today": "aujourd'hui",
        "days": ("il y a {n} jour", "il y a {n} jours"),
        "weeks": ("il y a {n} semaine", "il y a {n} semaines"),
        "months": ("il y a {n} mois", "il y a {n} mois"),
        "span_weeks": ("derniers jours", "{n} dernières semaines"),
        "span_months": ("derniers mois", "{n} derniers mois"),
        "words_and": " et ",
        "and": ", ",
        "last_and": " et ",
        "nothing": "êtes actif dans cette communauté",
    },
}


# The same reasons told about the member (the animator's list) rather than to them (the invitation).
_THEY = {
    "en": {
        "invited": (
            "was already asked {n} time in the last 3 months",
            "was already asked {n} times in the last 3 months",
        ),
        "nothing": "is active in this community",
    },
    "fr": {
        "similar": ("a répondu à {n} sujet semblable", "a répondu à {n} sujets semblables"),
        "category": ("a répondu à {n} sujet dans {category}", "a répondu à {n} sujets dans {category}"),
        "tags": (
            "a répondu à {n} sujet avec les mêmes étiquettes",
            "a répondu à {n} sujets avec les mêmes étiquettes",
        ),
        "started": ("a lancé {n} sujet là-dessus", "a lancé {n} sujets là-dessus"),
        "active": ("a écrit {n} message ces {span}", "a écrit {n} messages ces {span}"),
        "last": "a écrit pour la dernière fois {ago}",
        "invited": (
            "a déjà été sollicité {n} fois ces 3 derniers mois",
            "a déjà été sollicité {n} fois ces 3 derniers mois",
        ),
        "nothing": "est actif dans cette communauté",
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


def _span(words: Mapping[str, Any], days: float) -> str:
    """``ACTIVITY_WINDOW_DAYS`` in words: "3 months", "6 weeks" (fr: "3 derniers mois")."""
    if days >= 56 and round(days / 30) * 30 == round(days):
        return _counted(words, "span_months", round(days / 30))
    return _counted(words, "span_weeks", max(1, round(days / 7)))


def explain(
    s: Suggestion, language: str, *, now: dt.datetime, load: bool = True, about_them: bool = False
) -> str:
    """Why this member, in words that continue "you …" (fr: "vous …"); English for the CLI.
    ``about_them`` tells it about the member instead, for the animator's list ("a répondu à …").

    e.g. "replied to 4 similar topics about onboarding and badge, answered 6 topics in Questions (the last
    one 3 weeks ago) and wrote 40 posts in the last 6 months (the last one 2 days ago)". Only the signals
    the score uses are named.
    ``load=False`` leaves out "were already asked … this month" (the text of an invitation to them).
    """
    words = _WORDS.get(language, _WORDS["en"])
    if about_them:
        words = {**words, **_THEY.get(language, _THEY["en"])}
    parts = []
    if s.similar_topics:
        text = _counted(words, "similar", s.similar_topics)
        if s.about:
            text += " " + str(words["about"]).format(words=str(words["words_and"]).join(s.about))
        parts.append(text)
    if s.category_topics and s.category_name:
        text = _counted(words, "category", s.category_topics, category=s.category_name)
        if s.category_last is not None:
            text = str(words["category_last"]).format(text=text, ago=_ago(words, s.category_last, now))
        parts.append(text)
    if s.tag_replies and not s.similar_topics:
        parts.append(_counted(words, "tags", s.tag_replies))
    if s.similar_started and not parts:
        parts.append(_counted(words, "started", s.similar_started))
    if s.active_posts:
        text = _counted(words, "active", s.active_posts, span=_span(words, ACTIVITY_WINDOW_DAYS))
        if s.last_active is not None:
            text = str(words["category_last"]).format(text=text, ago=_ago(words, s.last_active, now))
        parts.append(text)
    if not parts:
        parts.append(str(words["nothing"]))
    if s.last_active is not None and not s.active_posts:
        parts.append(str(words["last"]).format(ago=_ago(words, s.last_active, now)))
    if s.invitations and load:
        parts.append(_counted(words, "invited", s.invitations))
    if len(parts) == 1:
        return parts[0]
    return str(words["and"]).join(parts[:-1]) + str(words["last_and"]) + parts[-1]


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
    """Leave out the words found in more than ``COMMON_SHARE`` of all posts: they match everyone.

    Then keep the rarest words up to ``FTS_POSTINGS`` matching posts in all: bm25 is computed for every
    match, so this bounds the full-text query's time on a large store (the rarest words say the most).
    """
    if not terms:
        return terms
    total = db.execute("SELECT MAX(rowid) FROM posts").fetchone()[0] or 1
    if total < 200:  # too few posts to tell a common word from a topical one
        return terms
    found: list[tuple[str, int]] = []
    for term in terms:
        df = db.execute(
            "SELECT COUNT(*) FROM posts_fts WHERE posts_fts MATCH ?", (_fts_query([term]),)
        ).fetchone()[0]
        if 0 < df <= COMMON_SHARE * total:
            found.append((term, df))
    budget, chosen = FTS_POSTINGS, set[str]()
    for term, df in sorted(found, key=lambda kv: kv[1]):
        if df > budget and chosen:
            break
        chosen.add(term)
        budget -= df
    return [t for t, _df in found if t in chosen]


def _fts_query(terms: list[str]) -> str:
    return " OR ".join('"' + t.replace('"', "") + '"' for t in terms)


@dataclasses.dataclass
class _Evidence:
    member_id: str
    text: float = 0.0
    similar_topics: set[str] = dataclasses.field(default_factory=set)
    similar_started: set[str] = dataclasses.field(default_factory=set)
    matched: list[int] = dataclasses.field(default_factory=list)  # rowids of their best matching posts
    category: int = 0  # replies in the category (EVIDENCE_DAYS)
    category_topics: int = 0  # distinct topics answered there
    category_last: int | None = None
    category_weight: float = 0.0  # replies there, recency-weighted (CATEGORY_WINDOW_DAYS)
    tags: int = 0
    activity: float = 0.0  # posts anywhere, recency-weighted (ACTIVITY_WINDOW_DAYS)
    activity_posts: int = 0  # posts in the last ACTIVITY_WINDOW_DAYS


@dataclasses.dataclass
class _Gathered:
    """Everything the score is made of, for one question (kept apart so the benchmark can tune the mix)."""

    topic_id: str
    category_name: str
    cutoff: int
    candidates: list[tuple[_Evidence, Any]]  # evidence, member row
    recent: dict[str, int]  # member id -> replies in LOAD_DAYS
    invitations: dict[str, int]
    rested: dict[str, dt.datetime]
    terms: list[str] = dataclasses.field(default_factory=list)
    invitations_30d: dict[str, int] = dataclasses.field(default_factory=dict)


def _gather(
    store: Store,
    community_id: int,
    topic_id: str,
    *,
    as_of: dt.datetime | None,
    insist: bool,
    hide_topic_posts: bool,
    now: dt.datetime,
) -> _Gathered:
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
            SELECT p.rowid, p.author_id, p.topic_id, p.post_number, m.rank AS rank
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
            e.text += -float(r["rank"]) * (REPLY_BOOST if reply else 1.0)
            (e.similar_topics if reply else e.similar_started).add(r["topic_id"])
            if len(e.matched) < ABOUT_POSTS:
                e.matched.append(int(r["rowid"]))
    if topic["category_id"] is not None:
        window = CATEGORY_WINDOW_DAYS * 86400.0
        for r in db.execute(
            f"""SELECT p.author_id, COUNT(*), COUNT(DISTINCT p.topic_id), MAX(p.created_at),
                SUM(MAX(0.0, 1.0 - (? - p.created_at) / ?))
            FROM topics t CROSS JOIN posts p ON p.community_id = t.community_id AND p.topic_id = t.id
            WHERE t.community_id = ? AND t.category_id = ? AND t.id != ? AND (t.bumped_at >= ? OR t.bumped_at IS NULL)
              AND p.post_number > 1 AND p.created_at < ? AND p.created_at >= ? AND {_REGULAR}
              AND p.author_id IS NOT NULL AND p.author_id != t.author_id
            GROUP BY p.author_id""",
            (cutoff, window, community_id, topic["category_id"], topic_id, since, cutoff, since),
        ):
            e = ev(r[0])
            e.category, e.category_topics, e.category_last, e.category_weight = (
                int(r[1]),
                int(r[2]),
                int(r[3]),
                float(r[4] or 0.0),
            )
    tags = [t for t in json.loads(topic["tags"] or "[]") if isinstance(t, str)]
    if tags:
        for r in db.execute(
            f"""SELECT p.author_id, COUNT(DISTINCT p.topic_id)
            FROM topics t CROSS JOIN posts p ON p.community_id = t.community_id AND p.topic_id = t.id
            WHERE t.community_id = ? AND t.id != ? AND (t.bumped_at >= ? OR t.bumped_at IS NULL) AND t.tags != '[]'
              AND EXISTS (SELECT 1 FROM json_each(t.tags) j WHERE j.value IN ({",".join("?" * len(tags))}))
              AND p.post_number > 1 AND p.created_at < ? AND p.created_at >= ? AND {_REGULAR}
              AND p.author_id IS NOT NULL
            GROUP BY p.author_id""",
            (community_id, topic_id, since, *tags, cutoff, since),
        ):
            ev(r[0]).tags = int(r[1])
    if W_ACTIVITY or ACTIVITY_CANDIDATES:
        window = ACTIVITY_WINDOW_DAYS * 86400.0
        rows = db.execute(
            f"""SELECT p.author_id, COUNT(*) AS n, SUM(1.0 - (? - p.created_at) / ?) AS w FROM posts p
            WHERE p.community_id = ? AND p.created_at < ? AND p.created_at >= ?
              {"AND p.post_number > 1" if ACTIVITY_REPLIES_ONLY else ""} AND {_REGULAR} AND p.author_id IS NOT NULL
            GROUP BY p.author_id ORDER BY w DESC""",
            (cutoff, window, community_id, cutoff, cutoff - window),
        ).fetchall()
        for n, r in enumerate(rows):
            found = evidence.get(r[0])
            if found is None and n >= ACTIVITY_CANDIDATES:
                continue
            e = found or ev(r[0])
            e.activity, e.activity_posts = float(r[2] or 0.0), int(r[1])

    candidates = [e for mid, e in evidence.items() if mid not in excluded]
    category_name = ""
    if topic["category_id"] is not None:
        cat = db.execute(
            "SELECT name FROM categories WHERE community_id=? AND id=?", (community_id, topic["category_id"])
        ).fetchone()
        category_name = cat["name"] if cat else ""
    gathered = _Gathered(topic_id, category_name, cutoff, [], {}, {}, {}, terms=terms)
    if not candidates:
        return gathered
    members: dict[str, Any] = {}
    for chunk in range(0, len(candidates), 500):
        ids = [e.member_id for e in candidates[chunk : chunk + 500]]
        members.update(
            (r["id"], r)
            for r in db.execute(
                f"SELECT id, username, name FROM members WHERE community_id=? AND id IN ({','.join('?' * len(ids))})",
                (community_id, *ids),
            )
        )
    resting = {} if insist else history.resting(store, community_id, now=now)
    gathered.rested = history.resting(store, community_id, now=now) if insist else {}
    gathered.invitations = history.invitations_since(
        store, community_id, now - dt.timedelta(days=INVITATION_DAYS)
    )
    gathered.invitations_30d = history.invitations_since(store, community_id, now - dt.timedelta(days=30))
    for e in candidates:
        m = members.get(e.member_id)
        if m is None or not m["username"]:
            continue
        name = m["username"].casefold()
        if name in team or name == "system" or e.member_id.lstrip("-").isdigit() and int(e.member_id) <= 0:
            continue
        if name in resting:
            continue
        gathered.candidates.append((e, m))
    if not gathered.candidates:
        return gathered
    recent = {
        r[0]: int(r[1])
        for r in db.execute(  # their load: replies in the last LOAD_DAYS (a short range of the posts)
            f"SELECT p.author_id, COUNT(*) FROM posts p WHERE p.community_id = ? AND p.created_at >= ?"
            f" AND p.created_at < ? AND p.post_number > 1 AND {_REGULAR} GROUP BY p.author_id",
            (community_id, cutoff - LOAD_DAYS * 86400, cutoff),
        )
    }
    gathered.recent = recent
    return gathered


def _last_posts(
    store: Store, community_id: int, member_ids: list[str], cutoff: int
) -> dict[str, dt.datetime]:
    """Each member's last post before ``cutoff`` (from the posts_author index alone)."""
    if not member_ids:
        return {}
    rows = (
        store.read()
        .execute(
            f"SELECT p.author_id, MAX(p.created_at) FROM posts p WHERE p.community_id = ?"
            f" AND p.author_id IN ({','.join('?' * len(member_ids))}) AND p.created_at < ? AND {_REGULAR}"
            f" GROUP BY p.author_id",
            (community_id, *member_ids, cutoff),
        )
        .fetchall()
    )
    return {r[0]: at for r in rows if (at := from_ts(r[1])) is not None}


def _score(g: _Gathered) -> list[Suggestion]:
    kept = g.candidates
    if not kept:
        return []
    top_text = max(e.text for e, _ in kept) or 1.0
    top_cat = max(e.category_weight for e, _ in kept) or 1.0
    top_tags = max(e.tags for e, _ in kept) or 1
    top_activity = max(e.activity for e, _ in kept) or 1.0
    scored: list[Suggestion] = []
    for e, m in kept:
        recent = g.recent.get(e.member_id, 0)
        invited = g.invitations.get(m["username"].casefold(), 0)
        load = 1.0 / (1.0 + INVITATION_WEIGHT * invited) / (1.0 + max(0, recent - LOAD_FREE) / LOAD_SCALE)
        prior = (
            PRIOR_FLOOR + W_ACTIVITY * e.activity / top_activity + W_CATEGORY * e.category_weight / top_cat
        )
        topical = 1.0 + W_TEXT * e.text / top_text + W_TAGS * e.tags / top_tags
        score = prior * topical * load
        scored.append(
            Suggestion(
                username=m["username"],
                member_id=e.member_id,
                name=m["name"] or "",
                score=score,
                similar_topics=len(e.similar_topics),
                similar_started=len(e.similar_started - e.similar_topics),
                about=(),
                category_replies=e.category,
                category_name=g.category_name,
                tag_replies=e.tags,
                last_active=None,  # filled in for the best only (rank_answerers)
                recent_replies=recent,
                invitations=invited,
                invitations_30d=g.invitations_30d.get(m["username"].casefold(), 0),
                rested_until=(
                    g.rested[m["username"].casefold()] + dt.timedelta(days=history.REST_DAYS)
                    if m["username"].casefold() in g.rested
                    else None
                ),
                category_topics=e.category_topics,
                category_last=from_ts(e.category_last) if e.category_last is not None else None,
                active_posts=e.activity_posts,
            )
        )
    scored.sort(key=lambda s: (-s.score, s.username.casefold()))
    return scored


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
    gathered = _gather(
        store, community_id, topic_id, as_of=as_of, insist=insist, hide_topic_posts=hide_topic_posts, now=now
    )
    best = _score(gathered)[:limit]
    matched = {e.member_id: e.matched for e, _m in gathered.candidates}
    last = _last_posts(store, community_id, [s.member_id for s in best], gathered.cutoff)
    return [
        dataclasses.replace(
            s,
            about=_about(store, gathered.terms, matched.get(s.member_id, [])),
            last_active=last.get(s.member_id),
        )
        for s in best
    ]


def _about(store: Store, terms: list[str], rowids: list[int]) -> tuple[str, ...]:
    """The question's words (two at most, the most used first) found in these posts of a member."""
    if not terms or not rowids:
        return ()
    counts: dict[str, int] = {}
    for (text,) in store.read().execute(
        f"SELECT text FROM posts WHERE rowid IN ({','.join('?' * len(rowids))})", rowids
    ):
        folded = fold(text or "")
        for term in terms[:8]:
            if term in folded:
                counts[term] = counts.get(term, 0) + 1
    return tuple(t for t, _n in sorted(counts.items(), key=lambda kv: -kv[1])[:2])


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
