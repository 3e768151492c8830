"""The saved nudges: one text per purpose (reader, gone quiet, newcomer, invitation, @mention) and
language, shipped in ``moderator/data/nudges.json``, editable by the user.

A newcomer is welcomed, a reader is offered an easy first step (an open question they could answer),
a quiet member is reminded of what they brought (their last topic). The user's own version of a text
is a row of the ``saved_replies`` table with the ``shipped_key`` ``nudge.<purpose>:<language>``: the
saved replies list ignores keys it does not ship, so nudges never show among public replies, and an
update of the app never overwrites what the user wrote.

Placeholders are filled from the local copy (``placeholder_values``). A paragraph whose topic
placeholder cannot be filled (no open question, no last topic) is left out rather than sent with a
visible ``{open_topic}``; any other unknown placeholder stays visible for the user to fix.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from moderator import saved_replies
from moderator.links import topic_url
from moderator.model import Community, utcnow
from moderator.nudges.language import detect
from moderator.store import Store, to_ts

_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
OPTIONAL_PLACEHOLDERS = ("open_topic", "open_topic_url", "last_topic", "last_topic_url")


class Purpose(enum.StrEnum):
    READER = "reader"  # never posted
    GONE_QUIET = "gone_quiet"
    NEWCOMER = "newcomer"
    INVITATION = "invitation"  # a private invitation to answer one question
    MENTION = "mention"  # the same, as a public @mention reply in the topic

    @property
    def private(self) -> bool:
        return self is not Purpose.MENTION


SEGMENTS = (Purpose.READER, Purpose.GONE_QUIET, Purpose.NEWCOMER)


@dataclasses.dataclass(frozen=True, slots=True)
class NudgeText:
    purpose: Purpose
    language: str
    title: str
    body: str
    edited: bool = False  # the user's own version

    @property
    def key(self) -> str:
        return f"nudge.{self.purpose}:{self.language}"


@cache
def _shipped() -> dict[tuple[Purpose, str], NudgeText]:
    raw = resources.files("moderator").joinpath("data", "nudges.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return {
        (Purpose(t["segment"]), t["language"]): NudgeText(
            Purpose(t["segment"]), t["language"], t["title"], t["body"]
        )
        for t in data["texts"]
    }


def placeholders() -> tuple[str, ...]:
    raw = resources.files("moderator").joinpath("data", "nudges.json").read_text(encoding="utf-8")
    return tuple(json.loads(raw)["placeholders"])


def get_text(store: Store, purpose: Purpose, language: str) -> NudgeText:
    """The user's version of this text when they saved one, else the shipped one (English if none)."""
    shipped = _shipped().get((purpose, language)) or _shipped()[(purpose, "en")]
    row = (
        store.read()
        .execute("SELECT title, body, hidden FROM saved_replies WHERE shipped_key=?", (shipped.key,))
        .fetchone()
    )
    if row is None or row["hidden"]:
        return shipped
    return dataclasses.replace(shipped, title=row["title"], body=row["body"], edited=True)


def save_text(store: Store, purpose: Purpose, language: str, title: str, body: str) -> NudgeText:
    """Keep the user's version of a saved nudge (it replaces the shipped one from now on)."""
    text = NudgeText(purpose, language, title.strip(), body.strip(), edited=True)
    stamp = to_ts(utcnow())
    with store.write() as db:
        db.execute(
            "INSERT INTO saved_replies (shipped_key, language, title, body, hidden, created_at, updated_at)"
            " VALUES (?,?,?,?,0,?,?) ON CONFLICT (shipped_key) DO UPDATE SET title=excluded.title,"
            " body=excluded.body, hidden=0, updated_at=excluded.updated_at",
            (text.key, language, text.title, text.body, stamp, stamp),
        )
    return text


def reset_text(store: Store, purpose: Purpose, language: str) -> NudgeText:
    """Back to the shipped text."""
    with store.write() as db:
        db.execute("DELETE FROM saved_replies WHERE shipped_key=?", (f"nudge.{purpose}:{language}",))
    return get_text(store, purpose, language)


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill the placeholders; drop the paragraphs whose optional topic cannot be named.

    An unknown signature (``{my_name}``: an account without a name) is left out rather than sent as
    the raw placeholder; a paragraph it leaves empty goes too.
    """
    paragraphs = template.split("\n\n")
    kept = []
    for paragraph in paragraphs:
        names = set(_PLACEHOLDER_RE.findall(paragraph))
        if any(n in OPTIONAL_PLACEHOLDERS and not values.get(n) for n in names):
            continue
        if "my_name" in names and not values.get("my_name"):
            paragraph = paragraph.replace("{my_name}", "").rstrip(" ,")
            if not paragraph.strip():
                continue
        kept.append(saved_replies.fill(paragraph, values))
    return "\n\n".join(kept)


def fill_title(template: str, values: Mapping[str, str]) -> str:
    return " ".join(saved_replies.fill(template, values).split())


# -- the values -----------------------------------------------------------------------------------------

_OPEN_QUESTION = """
SELECT t.id, t.title, t.slug FROM topics t
WHERE t.community_id = :cid AND t.archetype = 'regular' AND t.closed = 0 AND t.archived = 0
  AND t.visible = 1 AND t.deleted_at IS NULL AND t.reply_count = 0 AND t.pinned = 0
  AND (t.author_id IS NULL OR t.author_id != :member_id) AND t.id != :exclude
ORDER BY (t.category_id IN (SELECT t2.category_id FROM posts p JOIN topics t2
              ON t2.community_id = p.community_id AND t2.id = p.topic_id
          WHERE p.community_id = :cid AND p.author_id = :member_id)) DESC,
         t.created_at DESC
LIMIT 20
"""
_FIRST_TEXT = "SELECT text FROM posts WHERE community_id=? AND topic_id=? ORDER BY post_number LIMIT 1"
_LAST_TOPIC = """
SELECT t.id, t.title, t.slug FROM posts p JOIN topics t ON t.community_id = p.community_id AND t.id = p.topic_id
WHERE p.community_id = ? AND p.author_id = ? AND p.post_type = 1 AND p.deleted_at IS NULL
  AND t.archetype = 'regular'
ORDER BY p.created_at DESC LIMIT 1
"""


def placeholder_values(
    store: Store,
    community: Community,
    username: str,
    *,
    topic_id: str | None = None,
    why: str = "",
    my_name: str = "",
    language: str = "",
) -> dict[str, str]:
    """Names, the community, a relevant open question (in ``language`` when one is), the member's last
    topic, the invitation's topic."""
    assert community.id is not None
    values = saved_replies.placeholder_values(
        store, community, topic_id, member_username=username, my_name=my_name
    )
    db = store.read()
    member = db.execute(
        "SELECT id FROM members WHERE community_id=? AND username=? COLLATE NOCASE", (community.id, username)
    ).fetchone()
    member_id = member["id"] if member else ""
    rows = db.execute(
        _OPEN_QUESTION, {"cid": community.id, "member_id": member_id, "exclude": topic_id or ""}
    ).fetchall()
    row = rows[0] if rows else None
    if language:
        for candidate in rows:
            first = db.execute(_FIRST_TEXT, (community.id, candidate["id"])).fetchone()
            if detect([candidate["title"], first[0] if first else ""]) == language:
                row = candidate
                break
    if row is not None:
        values["open_topic"] = row["title"]
        values["open_topic_url"] = topic_url(community, row["id"], row["slug"])
    if member_id:
        last = db.execute(_LAST_TOPIC, (community.id, member_id)).fetchone()
        if last is not None:
            values["last_topic"] = last["title"]
            values["last_topic_url"] = topic_url(community, last["id"], last["slug"])
    if topic_id is not None:
        topic = db.execute(
            "SELECT slug FROM topics WHERE community_id=? AND id=?", (community.id, topic_id)
        ).fetchone()
        values["topic_url"] = topic_url(community, topic_id, topic["slug"] if topic else "")
    if why:
        values["why"] = why
    return values


@dataclasses.dataclass(frozen=True, slots=True)
class Prepared:
    """A nudge ready for the composer: the recipient, the title and text, and what they came from."""

    purpose: Purpose
    language: str
    username: str
    title: str
    body: str


def prepare(
    store: Store,
    community: Community,
    username: str,
    purpose: Purpose,
    language: str,
    *,
    topic_id: str | None = None,
    why: str = "",
    my_name: str = "",
) -> Prepared:
    text = get_text(store, purpose, language)
    values = placeholder_values(
        store, community, username, topic_id=topic_id, why=why, my_name=my_name, language=language
    )
    return Prepared(
        purpose, language, username, fill_title(text.title, values), fill(text.body, values).strip()
    )
