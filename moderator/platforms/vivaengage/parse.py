"""Pure functions from Viva Engage (Yammer v1) JSON to plain records and the domain model: no I/O.

Shapes follow the captured responses in ``shared/platforms/vivaengage/samples`` and Microsoft's REST
reference: a feed (``/messages.json``, ``/messages/in_group/{id}.json``, ``/messages/private.json``,
``/messages/in_thread/{id}.json``) is ``{"messages": [...], "references": [...], "meta": {...}}``, plus
``threaded_extended`` (thread id -> its two most recent replies) when asked with
``threaded=extended``. ``references`` carries the users, groups and threads the messages name; a thread
reference's ``stats.updates`` is how many messages the thread has. Times look like
``2012/12/08 01:23:16 +0000``. Ids are 64-bit integers: they become strings at once.

Defensive like the Discourse parser: an item that is not an object or has no id is skipped and counted;
only a body whose top level has the wrong shape raises ``MalformedResponse``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from typing import Any

from moderator.model import Category, Member, parse_time
from moderator.platforms.base import MalformedResponse

ALL_COMPANY_ID = "all_company"  # messages posted to no group: the network's All Company feed
ANNOUNCEMENT = "announcement"
TITLE_LENGTH = 90


@dataclasses.dataclass(slots=True)
class Message:
    id: str
    thread_id: str
    sender_id: str | None
    replied_to_id: str | None
    group_id: str | None
    created_at: dt.datetime | None
    plain: str
    rich: str
    likes: int
    message_type: str
    direct_message: bool
    web_url: str
    title: str = ""

    @property
    def number(self) -> int:
        return int(self.id) if self.id.isdigit() else 0


@dataclasses.dataclass(slots=True)
class ThreadInfo:
    id: str
    messages_count: int  # stats.updates: every message of the thread, the starter included
    latest_reply_at: dt.datetime | None
    latest_reply_id: str | None
    group_id: str | None
    direct_message: bool
    web_url: str
    # a direct-message thread's members (``participants: [{"id", "type": "user"}]``), when the answer
    # names them (``/threads/{id}.json`` always does); None when it does not say
    participants: frozenset[str] | None = None


@dataclasses.dataclass(slots=True)
class Feed:
    messages: list[Message]  # the top-level messages (thread starters when threaded)
    extended: dict[str, list[Message]]  # thread id -> its latest replies (threaded=extended)
    threads: dict[str, ThreadInfo]
    users: dict[str, Member]
    groups: dict[str, Category]
    older_available: bool
    skipped: int = 0

    def all_messages(self) -> list[Message]:
        result = list(self.messages)
        for replies in self.extended.values():
            result.extend(replies)
        return result


# -- defensive readers -------------------------------------------------------------------------------


def _id(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip().isdigit():
        return value.strip()
    return None


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return default


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _true(value: Any) -> bool:
    """Yammer sends booleans and the strings "true"/"false" for the same fields."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def parse_yammer_time(value: Any) -> dt.datetime | None:
    """``2012/12/08 01:23:16 +0000`` (the v1 API) or ISO 8601; None when unreadable."""
    if isinstance(value, str):
        try:
            return dt.datetime.strptime(value.strip(), "%Y/%m/%d %H:%M:%S %z").astimezone(dt.UTC)
        except ValueError:
            pass
    return parse_time(value)


# -- items -------------------------------------------------------------------------------------------


def parse_user(item: Any) -> Member | None:
    """A user. Readers are active members who never posted; never seen, those never activated.

    The v1 API reports no reads nor visits: an activated account (``state`` active, ``activated_at``
    set) is the only sign of presence, so it becomes ``last_seen_at``.
    """
    if not isinstance(item, dict):
        return None
    user_id = _id(item.get("id"))
    if user_id is None or item.get("type", "user") != "user":
        return None
    activated = parse_yammer_time(item.get("activated_at"))
    active = _str(item.get("state")) == "active"
    stats = _dict(item.get("stats"))
    updates = stats.get("updates")
    return Member(
        id=user_id,
        username=_str(item.get("name")) or user_id,
        name=_str(item.get("full_name")),
        admin=_true(item.get("admin")) or _true(item.get("verified_admin")),
        created_at=activated,
        last_seen_at=activated if active else None,
        post_count=updates if isinstance(updates, int) and not isinstance(updates, bool) else None,
    )


def parse_group(item: Any) -> Category | None:
    if not isinstance(item, dict):
        return None
    group_id = _id(item.get("id"))
    if group_id is None or item.get("type", "group") != "group":
        return None
    stats = _dict(item.get("stats"))
    return Category(
        id=group_id,
        name=_str(item.get("full_name")) or _str(item.get("name")) or group_id,
        slug=_str(item.get("name")),
        read_restricted=_str(item.get("privacy")) == "private",
        description=_str(item.get("description")),
        topic_count=_int(stats.get("updates")),
    )


def all_company() -> Category:
    return Category(id=ALL_COMPANY_ID, name="All Company", slug="all-company", position=-1)


def parse_message(item: Any) -> Message | None:
    if not isinstance(item, dict):
        return None
    message_id = _id(item.get("id"))
    if message_id is None:
        return None
    body = _dict(item.get("body"))
    plain = _str(body.get("plain")) or _str(body.get("parsed")) or _str(item.get("content_excerpt"))
    rich = _str(body.get("rich")) or html.escape(plain).replace("\n", "<br>")
    return Message(
        id=message_id,
        thread_id=_id(item.get("thread_id")) or message_id,
        sender_id=_id(item.get("sender_id")),
        replied_to_id=_id(item.get("replied_to_id")),
        group_id=_id(item.get("group_id")),
        created_at=parse_yammer_time(item.get("created_at")),
        plain=plain,
        rich=rich,
        likes=_int(_dict(item.get("liked_by")).get("count")),
        message_type=_str(item.get("message_type")) or "update",
        direct_message=_true(item.get("direct_message")),
        web_url=_str(item.get("web_url")),
        title=_str(item.get("title")),
    )


def parse_thread(item: Any) -> ThreadInfo | None:
    if not isinstance(item, dict):
        return None
    thread_id = _id(item.get("id"))
    if thread_id is None:
        return None
    stats = _dict(item.get("stats"))
    participants: frozenset[str] | None = None
    if isinstance(item.get("participants"), list):
        participants = frozenset(
            pid
            for p in item["participants"]
            if isinstance(p, dict) and _str(p.get("type") or "user") == "user" and (pid := _id(p.get("id")))
        )
    return ThreadInfo(
        id=thread_id,
        messages_count=_int(stats.get("updates")),
        latest_reply_at=parse_yammer_time(stats.get("latest_reply_at")),
        latest_reply_id=_id(stats.get("latest_reply_id")),
        group_id=_id(item.get("group_id")),
        direct_message=_true(item.get("direct_message")),
        web_url=_str(item.get("web_url")),
        participants=participants,
    )


# -- whole answers -----------------------------------------------------------------------------------


def parse_feed(body: Any) -> Feed:
    if not isinstance(body, dict) or not isinstance(body.get("messages", []), list):
        raise MalformedResponse(
            "Viva Engage answered with something that is not a list of messages. Try again later."
        )
    skipped = 0
    messages: list[Message] = []
    for item in body.get("messages") or []:
        message = parse_message(item)
        if message is None:
            skipped += 1
        else:
            messages.append(message)
    extended: dict[str, list[Message]] = {}
    for thread_id, items in _dict(body.get("threaded_extended")).items():
        if not isinstance(items, list):
            skipped += 1
            continue
        replies = []
        for item in items:
            message = parse_message(item)
            if message is None:
                skipped += 1
            else:
                replies.append(message)
        extended[str(thread_id)] = replies
    threads: dict[str, ThreadInfo] = {}
    users: dict[str, Member] = {}
    groups: dict[str, Category] = {}
    for ref in body.get("references") or []:
        kind = ref.get("type") if isinstance(ref, dict) else None
        if kind == "thread" and (thread := parse_thread(ref)) is not None:
            threads[thread.id] = thread
        elif kind == "user" and (user := parse_user(ref)) is not None:
            users[user.id] = user
        elif kind == "group" and (group := parse_group(ref)) is not None:
            groups[group.id] = group
    meta = _dict(body.get("meta"))
    return Feed(messages, extended, threads, users, groups, _true(meta.get("older_available")), skipped)


def parse_users_page(body: Any) -> tuple[list[Member], int]:
    """``/users.json?page=N``: a bare list (50 a page)."""
    if not isinstance(body, list):
        raise MalformedResponse("Viva Engage answered the member list with something that is not a list.")
    members = [m for item in body if (m := parse_user(item)) is not None]
    return members, len(body) - len(members)


def parse_groups_page(body: Any) -> tuple[list[Category], int]:
    """``/groups.json?page=N``: a bare list (50 a page)."""
    if not isinstance(body, list):
        raise MalformedResponse("Viva Engage answered the group list with something that is not a list.")
    groups = [g for item in body if (g := parse_group(item)) is not None]
    return groups, len(body) - len(groups)


def thread_title(starter: Message | None, thread_id: str) -> str:
    """Threads have no title: an announcement's title, else the starter's first line, shortened."""
    if starter is None:
        return f"Conversation {thread_id}"
    if starter.title.strip():
        return starter.title.strip()
    first = next((line.strip() for line in starter.plain.splitlines() if line.strip()), "")
    if len(first) > TITLE_LENGTH:
        first = first[: TITLE_LENGTH - 1].rstrip() + "…"
    return first or f"Conversation {thread_id}"


def network_permalink(user: Any) -> str:
    """The network's name in web addresses (``contoso.com`` in ``https://www.yammer.com/contoso.com/...``)."""
    if not isinstance(user, dict):
        return ""
    domains = user.get("network_domains")
    if isinstance(domains, list) and domains and isinstance(domains[0], str):
        return domains[0]
    parts = _str(user.get("web_url")).split("/")
    return parts[3] if len(parts) > 4 else ""
