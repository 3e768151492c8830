"""Saved replies: the sentences an animator writes every week, shipped in French and English and
editable, with placeholders filled from the topic being answered.

The shipped ones live in ``moderator/data/saved_replies.json`` (data, not code, so translators and
animators can add some without touching Python). The user's own replies, and their edits or removals
of shipped ones, live in the ``saved_replies`` table: an edited shipped reply is a row with its
``shipped_key``, a removed one the same row with ``hidden = 1``, so an update of the app can never
overwrite what the user changed.

Placeholders are ``{first_name}``, ``{username}``, ``{topic_title}``, ``{community}``, ``{my_name}``.
Filling never uses ``str.format``: a reply may contain braces (code, JSON), and an unknown or empty
placeholder is left visible for the user to fix, never a crash.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from moderator.model import Community, utcnow
from moderator.store import Store, to_ts

PLACEHOLDERS = ("first_name", "username", "topic_title", "community", "my_name")
_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")


@dataclasses.dataclass(frozen=True, slots=True)
class SavedReply:
    title: str
    body: str
    language: str = ""
    shipped_key: str | None = None  # "welcome_newcomer:fr" for a shipped reply (edited or not)
    id: int | None = None  # the table row, when the user made or changed it

    @property
    def shipped(self) -> bool:
        return self.shipped_key is not None

    @property
    def key(self) -> str:
        """A stable identity for lists and menus."""
        return f"user:{self.id}" if self.shipped_key is None else f"shipped:{self.shipped_key}"


@cache
def _shipped_data() -> tuple[SavedReply, ...]:
    text = resources.files("moderator").joinpath("data", "saved_replies.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return tuple(
        SavedReply(
            title=r["title"],
            body=r["body"],
            language=r.get("language", ""),
            shipped_key=f"{r['key']}:{r.get('language', '')}",
        )
        for r in data["replies"]
    )


def shipped_replies() -> list[SavedReply]:
    """The replies that come with the app, as shipped (ignoring the user's edits)."""
    return list(_shipped_data())


def list_saved_replies(store: Store, *, language: str | None = None) -> list[SavedReply]:
    """Shipped replies (with the user's edits applied, removed ones left out), then the user's own.

    Grouped by language (a menu shows one header per language, not one per reply), ``language``
    ("fr", "en") first; the others follow, since a French animator may well answer an English-speaking
    member. Within a language, the order is the file's, then the user's own.
    """
    rows = store.read().execute("SELECT * FROM saved_replies ORDER BY id").fetchall()
    overrides = {r["shipped_key"]: r for r in rows if r["shipped_key"]}
    result: list[SavedReply] = []
    for reply in _shipped_data():
        row = overrides.get(reply.shipped_key)
        if row is None:
            result.append(reply)
        elif not row["hidden"]:
            result.append(
                SavedReply(row["title"], row["body"], row["language"], reply.shipped_key, row["id"])
            )
    result += [
        SavedReply(r["title"], r["body"], r["language"], None, r["id"])
        for r in rows
        if not r["shipped_key"] and not r["hidden"]
    ]
    first_seen: dict[str, int] = {}
    for reply in result:
        first_seen.setdefault(reply.language, len(first_seen))
    # stable: keeps the order within each language
    result.sort(key=lambda r: (r.language != language if language else False, first_seen[r.language]))
    return result


def save_saved_reply(store: Store, reply: SavedReply) -> SavedReply:
    """Create or update; editing a shipped reply stores the user's version under its ``shipped_key``."""
    stamp = to_ts(utcnow())
    with store.write() as db:
        if reply.shipped_key is not None:
            db.execute(
                "INSERT INTO saved_replies (shipped_key, language, title, body, hidden, created_at, updated_at)"
                " VALUES (?,?,?,?,0,?,?) ON CONFLICT (shipped_key) DO UPDATE SET language=excluded.language,"
                " title=excluded.title, body=excluded.body, hidden=0, updated_at=excluded.updated_at",
                (reply.shipped_key, reply.language, reply.title, reply.body, stamp, stamp),
            )
            row_id = db.execute(
                "SELECT id FROM saved_replies WHERE shipped_key=?", (reply.shipped_key,)
            ).fetchone()[0]
        elif reply.id is not None:
            db.execute(
                "UPDATE saved_replies SET language=?, title=?, body=?, hidden=0, updated_at=? WHERE id=?",
                (reply.language, reply.title, reply.body, stamp, reply.id),
            )
            row_id = reply.id
        else:
            cur = db.execute(
                "INSERT INTO saved_replies (language, title, body, created_at, updated_at) VALUES (?,?,?,?,?)",
                (reply.language, reply.title, reply.body, stamp, stamp),
            )
            row_id = int(cur.lastrowid or 0)
    return dataclasses.replace(reply, id=row_id)


def delete_saved_reply(store: Store, reply: SavedReply) -> None:
    """Remove: the user's own row goes; a shipped reply is hidden (restorable)."""
    if reply.shipped_key is not None:
        with store.write() as db:
            save_saved_reply(store, reply)  # joins this transaction: the row exists, then is hidden
            db.execute("UPDATE saved_replies SET hidden=1 WHERE shipped_key=?", (reply.shipped_key,))
    elif reply.id is not None:
        with store.write() as db:
            db.execute("DELETE FROM saved_replies WHERE id=?", (reply.id,))


def restore_shipped(store: Store) -> None:
    """Bring back every shipped reply as shipped (the user's edits and removals of them are dropped)."""
    with store.write() as db:
        db.execute("DELETE FROM saved_replies WHERE shipped_key IS NOT NULL")


# -- placeholders ------------------------------------------------------------------------------------


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace known, non-empty placeholders; leave the others as written, visible to the user."""

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return value if value else match.group(0)

    return _PLACEHOLDER_RE.sub(replace, template)


def first_name(name: str, username: str) -> str:
    """How to greet someone: the first word of their full name, else their username."""
    words = name.split()
    return words[0] if words else username


def placeholder_values(
    store: Store,
    community: Community,
    topic_id: str | None,
    *,
    member_username: str | None = None,
    my_name: str = "",
) -> dict[str, str]:
    """The values for one reply: the member answered (given, or the topic's author), the topic, the
    community, and how the user signs (``my_name``, else their account's display name or username)."""
    values: dict[str, str] = {"community": community.title or community.name}
    assert community.id is not None
    db = store.read()
    if topic_id is not None:
        topic = db.execute(
            "SELECT title, author_id FROM topics WHERE community_id=? AND id=?", (community.id, topic_id)
        ).fetchone()
        if topic is not None:
            values["topic_title"] = topic["title"]
            if member_username is None and topic["author_id"] is not None:
                author = db.execute(
                    "SELECT username FROM members WHERE community_id=? AND id=?",
                    (community.id, topic["author_id"]),
                ).fetchone()
                member_username = author["username"] if author else None
    if member_username:
        member = db.execute(
            "SELECT name, username FROM members WHERE community_id=? AND username=? COLLATE NOCASE",
            (community.id, member_username),
        ).fetchone()
        values["username"] = member["username"] if member else member_username
        values["first_name"] = first_name(member["name"] if member else "", values["username"])
    if not my_name and community.username:
        me = db.execute(
            "SELECT name FROM members WHERE community_id=? AND username=? COLLATE NOCASE",
            (community.id, community.username),
        ).fetchone()
        my_name = me["name"] if me and me["name"] else community.username
    if my_name:
        values["my_name"] = my_name
    return values


def member_usernames(store: Store, community_id: int) -> list[str]:
    """Usernames for @mention completion, the most active first (they are the likeliest to be named)."""
    rows = (
        store.read()
        .execute(
            "SELECT username FROM members WHERE community_id=? AND username != ''"
            " ORDER BY COALESCE(post_count, 0) DESC, username COLLATE NOCASE",
            (community_id,),
        )
        .fetchall()
    )
    return [r[0] for r in rows]
