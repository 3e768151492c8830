"""HumHub's Messages (mail) module, for ``humhub_double``: conversations over its REST API.

Written from humhub/rest ``docs/swagger/mail.yaml`` and the module's controllers (humhub/mail
``controllers/rest``, ``models/forms/CreateMessage.php``, ``helpers/RestDefinitions.php``):

* ``POST /mail`` ``{"title", "message", "recipient": [guids]}``: all three required (400 "Validation
  failed" with the form's errors); a guid naming nobody is **silently ignored** (``checkRecipient``);
  the caller's own guid is an error ("You cannot send a message to yourself!"); a caller without the
  permission to start conversations gets 403; the answer is the conversation
  ``{"id", "title", "created_at", "created_by", "updated_at", "updated_by"}``.
* ``GET /mail`` the caller's conversations, paged, **in id order** (the query has no ``ORDER BY``);
  ``/mail/{id}`` one (404, or 403 for a non-participant); ``/mail/{id}/entries`` its messages, paged,
  oldest first, ``{"id", "user_id", "file_id", "content", "created_at", ...}``; ``/mail/{id}/users`` its
  participants as full user definitions (a bare list).

It shares no code with ``moderator.platforms.humhub``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.helpers.humhub_double import Reply, World


@dataclasses.dataclass
class Entry:
    id: int
    user_id: int
    content: str
    created_at: dt.datetime


@dataclasses.dataclass
class Conversation:
    id: int
    title: str
    created_by: int
    created_at: dt.datetime
    participants: list[int]
    entries: list[Entry] = dataclasses.field(default_factory=list)


class MailModule:
    """The module's state and routes; the double calls ``answer`` for ``/api/v1/mail...``."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.conversations: dict[int, Conversation] = {}
        self.cannot_start: set[int] = set()  # users without the "start new conversations" permission
        self._next_id = 1
        self._next_entry = 1

    def start(self, sender: int, title: str, message: str, recipients: list[int]) -> Conversation:
        at = self.world.tick()
        conversation = Conversation(self._next_id, title, sender, at, [*recipients, sender])
        conversation.entries.append(Entry(self._next_entry, sender, message, at))
        self.conversations[conversation.id] = conversation
        self._next_id += 1
        self._next_entry += 1
        return conversation

    # -- HTTP ----------------------------------------------------------------------------------

    def answer(
        self,
        method: str,
        route: str,
        q: dict[str, str],
        user_id: int,
        body: bytes,
        base: str,
        page: Callable[..., Reply],
    ) -> Reply | None:
        from tests.helpers.humhub_double import Reply, yii_error

        if route == "mail" and method == "GET":
            mine = [
                c for c in sorted(self.conversations.values(), key=lambda c: c.id) if user_id in c.participants
            ]
            return page(q, mine, build=self._definition)
        if route == "mail" and method == "POST":
            return self._create(user_id, body)
        found = re.fullmatch(r"mail/(\d+)(/entries|/users)?", route)
        if found is None or method != "GET":
            return None
        conversation = self.conversations.get(int(found.group(1)))
        if conversation is None:
            return yii_error(404, "Not Found", "Message not found!")
        if user_id not in conversation.participants:
            return yii_error(403, "Forbidden", "You must be a participant of the conversation.")
        if found.group(2) == "/entries":
            return page(q, conversation.entries, build=self._entry)
        if found.group(2) == "/users":
            return Reply(200, [self.world.user_full(u, base) for u in sorted(conversation.participants)])
        return Reply(200, self._definition(conversation))

    def _create(self, user_id: int, body: bytes) -> Reply:
        from tests.helpers.humhub_double import Reply, api_error

        if user_id in self.cannot_start:
            return api_error(403, "You cannot create conversations!")
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        errors: dict[str, list[str]] = {}
        for field, label in (("message", "Message"), ("recipient", "Recipient"), ("title", "Subject")):
            if not data.get(field):
                errors[field] = [f"{label} cannot be blank."]
        guids = data.get("recipient") if isinstance(data.get("recipient"), list) else []
        by_guid = {u.guid: u.id for u in self.world.users.values()}
        recipients: list[int] = []
        for guid in guids:
            uid = by_guid.get(str(guid))
            if uid is None:
                continue  # CreateMessage::checkRecipient: a guid naming nobody is left out, silently
            if uid == user_id:
                errors.setdefault("recipient", []).append("You cannot send a message to yourself!")
            elif uid not in recipients:
                recipients.append(uid)
        if errors:
            return api_error(400, "Validation failed", **errors)
        conversation = self.start(user_id, str(data["title"]), str(data["message"]), recipients)
        return Reply(200, self._definition(conversation))

    @staticmethod
    def _definition(conversation: Conversation) -> dict[str, Any]:
        from tests.helpers.humhub_double import stamp

        return {
            "id": conversation.id,
            "title": conversation.title,
            "created_at": stamp(conversation.created_at),
            "created_by": conversation.created_by,
            "updated_at": stamp(conversation.created_at),
            "updated_by": conversation.created_by,
        }

    @staticmethod
    def _entry(entry: Entry) -> dict[str, Any]:
        from tests.helpers.humhub_double import stamp

        return {
            "id": entry.id,
            "user_id": entry.user_id,
            "file_id": None,
            "content": entry.content,
            "created_at": stamp(entry.created_at),
            "created_by": entry.user_id,
            "updated_at": stamp(entry.created_at),
            "updated_by": entry.user_id,
        }
