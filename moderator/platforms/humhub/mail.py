"""HumHub private messages: the mail module's REST API (a conversation with a title, a first message and
its recipients), when the site has the module.

Read from humhub/rest ``docs/swagger/mail.yaml`` and the module's own controllers (humhub/mail
``controllers/rest``): ``POST /mail`` with ``{"title", "message", "recipient": [user guids]}`` answers the
conversation ``{"id", "title", "created_at", "created_by", ...}``; ``GET /mail`` pages the account's
conversations (oldest first: the query has no order), ``/mail/{id}/entries`` its messages (the first is
the opening one), ``/mail/{id}/users`` its participants (full user definitions, with ``guid``). An
unknown guid is **silently dropped** by HumHub (``CreateMessage::checkRecipient``): recipients must be
real guids, so they come from the local copy (``Member.address``, the guid every user definition
carries) or, for a token with ManageUsers, from ``/user/{id}``; a recipient known by neither is refused
before any request.

A site without the module answers 404 on ``/mail``: ``probe`` tells (during ``whoami``, daily), the
connector reports it in ``account_settings`` and the sync engine keeps it in the community's settings
(``mail_module``: True, False), where ``platforms.supports_private_messages`` reads it without a
connector (``private_messages: false`` stays the user's own switch, as for Discourse).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from moderator.model import Member, Post
from moderator.platforms.base import (
    CLOCK_SKEW,
    AuthenticationError,
    NotFound,
    Offline,
    PermissionDenied,
    PlatformError,
    PostResult,
    PostStatus,
    RequestRejected,
    same_text,
)
from moderator.platforms.http import HttpClient
from moderator.platforms.humhub import parse

API = "/api/v1"
LIST_LIMIT = 50
TOPIC_PREFIX = "mail-"  # a conversation is not a post: its id never reads as a topic of the site


def probe(http: HttpClient, cancel: threading.Event | None = None) -> bool | None:
    """Whether the site has the mail module for this account: True, False (404 or refused), or None
    when the question could not be answered now (the server failed: asked again next time)."""
    try:
        http.get_json(API + "/mail", {"page": 1, "limit": 1}, cancel=cancel)
    except (NotFound, PermissionDenied):
        return False
    except (AuthenticationError, Offline):
        raise
    except PlatformError:
        return None
    return True



def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class Mail:
    """Private messages for one ``HumHubConnector`` (its HTTP client, its account, its server clock)."""

    def __init__(self, http: HttpClient, community_name: str, offset: dt.timedelta) -> None:
        self.http = http
        self.community_name = community_name
        self.offset = offset

    # -- recipients ----------------------------------------------------------------------------

    def guids(
        self, recipients: Sequence[str], member_ids: Mapping[str, str] | None
    ) -> tuple[list[str], list[str]]:
        """The recipients' guids, and the names that have none (unknown: never sent to a guess)."""
        known = {name.removeprefix("@").casefold(): value for name, value in (member_ids or {}).items()}
        guids: list[str] = []
        unknown: list[str] = []
        for recipient in recipients:
            name = recipient.strip().removeprefix("@")
            value = known.get(name.casefold(), "").strip()
            if value and not value.isdigit():
                guids.append(value)
                continue
            guid = self._guid_of(value) if value.isdigit() else None
            if guid:
                guids.append(guid)
            else:
                unknown.append(name)
        return guids, unknown

    def _guid_of(self, user_id: str) -> str | None:
        """A member whose guid the local copy lacks: ``/user/{id}`` (tokens with ManageUsers only)."""
        try:
            body = self.http.get_json(f"{API}/user/{user_id}")
        except (NotFound, PermissionDenied):
            return None
        member = parse.member(body, self.offset)
        return member.address if member is not None else None

    # -- sending -------------------------------------------------------------------------------

    def send(
        self,
        me: Member | None,
        recipients: Sequence[str],
        title: str,
        raw: str,
        member_ids: Mapping[str, str] | None,
    ) -> PostResult:
        guids, unknown = self.guids(recipients, member_ids)
        if unknown:
            names = ", ".join(f"@{n}" for n in unknown)
            return PostResult(
                PostStatus.REJECTED,
                reasons=(
                    f"{names}: the local copy of {self.community_name} does not know how HumHub names this"
                    " member (its guid). Sync the community (with a token that may list members, if the"
                    " member never wrote), check the name, then send it again.",
                ),
            )
        if not guids:
            return PostResult(PostStatus.REJECTED, reasons=("A private message needs a recipient.",))
        body = {"title": title.strip(), "message": raw, "recipient": guids}
        try:
            answer = self.http.post_json(API + "/mail", body)
        except RequestRejected as exc:
            reasons = tuple(r for r in exc.reasons if r != "Validation failed") or exc.reasons or (exc.message,)
            return PostResult(PostStatus.REJECTED, reasons=reasons)
        except PermissionDenied:
            return PostResult(
                PostStatus.REJECTED,
                reasons=(
                    "HumHub does not let this account start conversations (it needs the “Start new"
                    " conversations” permission of the Messages module).",
                ),
            )
        return PostResult(PostStatus.CREATED, self._post(answer, me, raw))

    def _post(self, conversation: Any, me: Member | None, raw: str) -> Post | None:
        if not isinstance(conversation, dict) or _int(conversation.get("id")) is None:
            return None
        number = conversation["id"]
        author = _int(conversation.get("created_by"))
        return Post(
            id=f"{TOPIC_PREFIX}{number}",
            topic_id=f"{TOPIC_PREFIX}{number}",
            post_number=1,
            author_id=str(author) if author is not None else (me.id if me else None),
            username=me.username if me else "",
            created_at=parse.when(conversation.get("created_at"), self.offset),
            raw=raw,
        )

    # -- finding a sent one --------------------------------------------------------------------

    def find(
        self,
        me: Member,
        recipients: Sequence[str],
        title: str,
        raw: str,
        since: dt.datetime,
        member_ids: Mapping[str, str] | None,
    ) -> Post | None:
        """Our conversation with this title, first message and recipients, started after ``since``
        (minus clock skew). The list is oldest first: its last two pages hold the newest; only the
        conversations with the same title, by us, recent enough, are opened (participants, then the
        first message)."""
        guids, unknown = self.guids(recipients, member_ids)
        if unknown or not guids:
            return None  # never sent: ``send`` refuses a recipient without a guid
        wanted = set(guids)
        earliest = since - CLOCK_SKEW
        first = parse.page(
            self.http.get_json(API + "/mail", {"page": 1, "limit": LIST_LIMIT}), "conversation list"
        )
        rows = list(first.results)
        if first.pages > 1:
            for number in sorted({max(2, first.pages - 1), first.pages}):
                rows += parse.page(
                    self.http.get_json(API + "/mail", {"page": number, "limit": LIST_LIMIT}),
                    "conversation list",
                ).results
        candidates = []
        for row in rows:
            if not isinstance(row, dict) or _int(row.get("id")) is None:
                continue
            created = parse.when(row.get("created_at"), self.offset)
            if str(row.get("created_by")) != me.id or (created is not None and created < earliest):
                continue
            if same_text(str(row.get("title") or ""), title):
                candidates.append(row)
        for row in sorted(candidates, key=lambda r: r["id"], reverse=True):
            users = self.http.get_json(f"{API}/mail/{row['id']}/users", expect=list)
            others = {
                str(u.get("guid"))
                for u in users
                if isinstance(u, dict) and str(u.get("id")) != me.id and u.get("guid")
            }
            if others != wanted:
                continue
            entries = parse.page(
                self.http.get_json(f"{API}/mail/{row['id']}/entries", {"page": 1, "limit": 1}),
                "conversation's messages",
            ).results
            opening = entries[0] if entries and isinstance(entries[0], dict) else {}
            if same_text(str(opening.get("content") or ""), raw):
                return self._post(row, me, raw)
        return None
