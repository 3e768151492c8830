"""Discourse bookmarks with ``reminder_at``: the server-side copy of a topic reminder (NOTES §3 (5)).

Why a module of its own: the connector protocol has no bookmark methods yet (the lead may add
``set_reminder_bookmark`` / ``delete_bookmark`` to ``Connector``); until then these functions work on the
connector's ``HttpClient``, so they share its rate budget, retries and typed errors.

Discourse facts this relies on:

- ``POST /bookmarks.json {bookmarkable_id, bookmarkable_type: "Topic", name, reminder_at,
  auto_delete_preference}`` → ``{"success": "OK", "id": N}``; **one bookmark per (user, topic)**: a second
  one is refused with 400 ("already bookmarked"), which therefore also means "it exists".
- ``PUT /bookmarks/{id}.json`` replaces name, reminder_at and auto_delete_preference (a missing name
  clears it, so the name is always sent back); ``DELETE /bookmarks/{id}.json``.
- ``GET /u/{username}/bookmarks.json`` → ``{"user_bookmark_list": {"bookmarks": [...],
  "more_bookmarks_url": ...}}`` (only the owner may list; ``{"bookmarks": []}`` when there are none).
- ``reminder_at`` must be in the future; ``auto_delete_preference`` 3 (clear_reminder) keeps the
  bookmark once the phone has rung, so a later snooze can set a new time on the same bookmark.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from urllib.parse import quote

from moderator.model import UTC, parse_time
from moderator.platforms.base import MalformedResponse, NotFound, RequestRejected
from moderator.platforms.http import HttpClient

AUTO_DELETE_NEVER = 0
AUTO_DELETE_WHEN_REMINDER_SENT = 1
AUTO_DELETE_ON_OWNER_REPLY = 2
AUTO_DELETE_CLEAR_REMINDER = 3
NAME_MAX = 100
MAX_LIST_PAGES = 20  # 20 pages of bookmarks is more than anyone keeps; stop rather than loop


@dataclasses.dataclass(frozen=True, slots=True)
class Bookmark:
    id: str
    bookmarkable_type: str
    bookmarkable_id: str
    name: str = ""
    reminder_at: dt.datetime | None = None
    auto_delete_preference: int | None = None


def iso(when: dt.datetime | None) -> str | None:
    return None if when is None else when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _topic_ref(topic_id: str) -> int | str:
    return int(topic_id) if topic_id.isdigit() else topic_id


def create_topic_bookmark(
    http: HttpClient,
    topic_id: str,
    *,
    name: str,
    reminder_at: dt.datetime | None,
    auto_delete_preference: int = AUTO_DELETE_CLEAR_REMINDER,
) -> str:
    """Bookmark a topic; returns the bookmark id. Never retried here: a lost answer may have landed."""
    body: dict[str, Any] = {
        "bookmarkable_id": _topic_ref(topic_id),
        "bookmarkable_type": "Topic",
        "name": name[:NAME_MAX],
        "auto_delete_preference": auto_delete_preference,
    }
    if reminder_at is not None:
        body["reminder_at"] = iso(reminder_at)
    answer = http.post_json("/bookmarks.json", body)
    bookmark_id = answer.get("id")
    if bookmark_id is None or isinstance(bookmark_id, bool):
        raise MalformedResponse("The server accepted the bookmark but did not say its id.")
    return str(bookmark_id)


def update_bookmark(
    http: HttpClient,
    bookmark_id: str,
    *,
    name: str,
    reminder_at: dt.datetime | None,
    auto_delete_preference: int = AUTO_DELETE_CLEAR_REMINDER,
) -> None:
    """Set the bookmark's time (None clears it) and name. PUT is idempotent: safe to retry."""
    http.request_json(
        "PUT",
        f"/bookmarks/{quote(bookmark_id)}.json",
        json_body={
            "name": name[:NAME_MAX],
            "reminder_at": iso(reminder_at),
            "auto_delete_preference": auto_delete_preference,
        },
        expect=None,
    )


def delete_bookmark(http: HttpClient, bookmark_id: str) -> bool:
    """Delete a bookmark; False when it was already gone (deleted on the phone, say): same outcome."""
    try:
        http.request_json("DELETE", f"/bookmarks/{quote(bookmark_id)}.json", expect=None)
    except NotFound:
        return False
    return True


def list_bookmarks(http: HttpClient, username: str) -> list[Bookmark]:
    """Every bookmark of ``username`` (the account itself: only the owner may list them)."""
    path: str | None = f"/u/{quote(username)}/bookmarks.json"
    found: list[Bookmark] = []
    for _ in range(MAX_LIST_PAGES):
        if path is None:
            break
        body = http.get_json(path)
        listing = body.get("user_bookmark_list", body)
        items = listing.get("bookmarks") if isinstance(listing, dict) else None
        if not isinstance(items, list):
            raise MalformedResponse("The server's list of bookmarks did not have the expected shape.")
        found.extend(b for item in items if (b := _parse(item)) is not None)
        more = listing.get("more_bookmarks_url")
        path = _json_path(more) if isinstance(more, str) and more and items else None
    return found


def find_topic_bookmark(http: HttpClient, username: str, topic_id: str) -> Bookmark | None:
    """The account's bookmark on this topic, if any (there is at most one per user and topic)."""
    for bookmark in list_bookmarks(http, username):
        if bookmark.bookmarkable_type == "Topic" and bookmark.bookmarkable_id == str(topic_id):
            return bookmark
    return None


def is_already_bookmarked(exc: RequestRejected) -> bool:
    """Whether a refusal reads like Discourse's "already bookmarked" (``bookmarks.errors.already_bookmarked``:
    "You cannot bookmark the same topic twice."). Only a hint: the words follow the account's language,
    so ``reminder_mirror`` lists the bookmarks after any refusal instead of trusting this."""
    text = (" ".join(exc.reasons) or exc.message).lower()
    return exc.status == 400 and "bookmark" in text and ("twice" in text or "already" in text)


def _parse(item: Any) -> Bookmark | None:
    if not isinstance(item, dict) or item.get("id") is None:
        return None
    kind = str(item.get("bookmarkable_type") or "")
    target = item.get("bookmarkable_id")
    if kind == "Topic" and target is None:
        target = item.get("topic_id")
    preference = item.get("auto_delete_preference")
    return Bookmark(
        id=str(item["id"]),
        bookmarkable_type=kind,
        bookmarkable_id="" if target is None else str(target),
        name=str(item.get("name") or ""),
        reminder_at=parse_time(item.get("reminder_at")),
        auto_delete_preference=preference if isinstance(preference, int) else None,
    )


def _json_path(url: str) -> str:
    """``/u/ann/bookmarks?page=1`` (as Discourse sends it) → ``/u/ann/bookmarks.json?page=1``."""
    path, _, query = url.partition("?")
    if not path.endswith(".json"):
        path += ".json"
    return f"{path}?{query}" if query else path
