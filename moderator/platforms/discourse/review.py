"""Discourse's review queue: ``/review/count.json``, ``/review.json``, ``/review/{id}.json`` and
``PUT /review/{id}/perform/{action}?version=N`` (DC ``ReviewablesController``).

The answers are ``rest_serializer`` documents: each reviewable names ids (``reviewable_score_ids``,
``bundled_action_ids``, ``target_created_by_id``...) and the records sit side by side at the top
(``users``, ``topics``, ``reviewable_scores``, ``score_types``, ``bundled_actions``, ``actions``,
``reviewable_histories``). Older versions nest ``score_type`` in each score and name actions without
``server_action``; both shapes are read. ``status`` is an integer (``Reviewable.statuses``) on current
versions and a name on old ones.

Actions whose ``client_action`` needs Discourse's own dialog (edit the post, choose a suspension's
length and reason) are left out: performing them here would only "agree and keep" on the server.
"""

from __future__ import annotations

import html
import re
import threading
from typing import Any
from urllib.parse import quote

from moderator.model import parse_time
from moderator.platforms.base import (
    MalformedResponse,
    NotFound,
    PermissionDenied,
    RequestRejected,
    ReviewConflict,
)
from moderator.platforms.http import HttpClient
from moderator.review.model import Flag, PerformResult, ReviewAction, ReviewItem

MAX_PAGES = 50  # 10 per page: 500 pending items is already far more than anyone triages at once
STATUS_NAMES = {0: "pending", 1: "approved", 2: "rejected", 3: "ignored", 4: "deleted"}
TYPE_NAMES = {
    "ReviewableFlaggedPost": "flagged_post",
    "ReviewableQueuedPost": "queued_post",
    "ReviewableUser": "user",
    "ReviewablePost": "post",
    "ReviewableChatMessage": "chat_message",
}
AUTHOR_KEYS = (
    "trust_level",
    "created_at",
    "post_count",
    "topic_count",
    "flags_agreed",
    "silenced_count",
    "suspended_count",
    "rejected_posts_count",
)
_TAG = re.compile(r"<[^>]+>")


def _id(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | str) and str(value).strip():
        return str(value).strip()
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _text(value: Any) -> str:
    return html.unescape(_TAG.sub("", value)).strip() if isinstance(value, str) else ""


def _status(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return STATUS_NAMES.get(value, str(value))
    return value if isinstance(value, str) and value else "pending"


def _by_id(body: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    records = body.get(key)
    if isinstance(records, list):
        for record in records:
            if isinstance(record, dict) and _id(record.get("id")) is not None:
                out[str(_id(record.get("id")))] = record
    return out


class _Document:
    """The side-loaded records of one answer, by id."""

    def __init__(self, body: dict[str, Any]) -> None:
        self.users = _by_id(body, "users")
        self.topics = _by_id(body, "topics")
        self.scores = _by_id(body, "reviewable_scores")
        self.score_types = _by_id(body, "score_types")
        self.bundles = _by_id(body, "bundled_actions")
        self.actions = _by_id(body, "actions")
        self.histories = _by_id(body, "reviewable_histories")

    def username(self, user_id: Any) -> str:
        user = self.users.get(_id(user_id) or "")
        return str(user.get("username") or "") if user else ""


def _flags(doc: _Document, raw: dict[str, Any]) -> tuple[tuple[Flag, ...], tuple[str, ...]]:
    flags: list[Flag] = []
    reasons: list[str] = []
    ids = raw.get("reviewable_score_ids")
    scores = [doc.scores.get(_id(i) or "") for i in ids] if isinstance(ids, list) else []
    if not scores and isinstance(raw.get("reviewable_scores"), list):  # embedded (old versions)
        scores = [s for s in raw["reviewable_scores"] if isinstance(s, dict)]
    for score in scores:
        if not score:
            continue
        kind = score.get("score_type")
        if not isinstance(kind, dict):
            kind = doc.score_types.get(_id(score.get("score_type_id")) or "") or {}
        title = _text(kind.get("title")) or str(kind.get("type") or "").replace("_", " ").capitalize()
        reason = _text(score.get("reason"))
        label = title or reason or "Flag"
        user_id = _int(score.get("user_id"))
        who = doc.username(score.get("user_id")) if user_id is None or user_id > 0 else ""
        flags.append(Flag(who, label, parse_time(score.get("created_at"))))
        for text in (title, reason):
            if text and text not in reasons:
                reasons.append(text)
    return tuple(flags), tuple(reasons)


def _actions(doc: _Document, raw: dict[str, Any], item_id: str) -> tuple[ReviewAction, ...]:
    out: list[ReviewAction] = []
    seen: set[str] = set()
    for bundle_id in raw.get("bundled_action_ids") or []:
        bundle = doc.bundles.get(_id(bundle_id) or "")
        if not bundle:
            continue
        group = str(bundle.get("id") or "").removeprefix(f"{item_id}-")
        entries = bundle.get("action_ids") or bundle.get("actions") or []
        for entry in entries if isinstance(entries, list) else []:
            action = entry if isinstance(entry, dict) else doc.actions.get(_id(entry) or "")
            if not action or action.get("client_action"):
                continue
            name = str(action.get("server_action") or action.get("id") or "")
            name = name.removeprefix(f"{item_id}-").removeprefix("post-")
            if not name or name in seen:
                continue
            seen.add(name)
            out.append(
                ReviewAction(
                    id=name,
                    label=_text(action.get("label")) or name.replace("_", " ").capitalize(),
                    group=group,
                    description=_text(action.get("description")),
                    confirm_message=_text(action.get("confirm_message")),
                )
            )
    return tuple(out)


def parse_reviewable(doc: _Document, raw: Any) -> ReviewItem | None:
    """One reviewable with what the document side-loads for it; None when it has no id."""
    if not isinstance(raw, dict):
        return None
    item_id = _id(raw.get("id"))
    if item_id is None:
        return None
    kind = str(raw.get("type") or "")
    payload: dict[str, Any] = raw["payload"] if isinstance(raw.get("payload"), dict) else {}
    flags, reasons = _flags(doc, raw)
    topic = doc.topics.get(_id(raw.get("topic_id")) or "") or {}
    author_id = _id(raw.get("target_created_by_id")) or (
        _id(raw.get("created_by_id")) if kind == "ReviewableQueuedPost" else None
    )
    author = doc.users.get(author_id or "") or {}
    history = {k: author[k] for k in AUTHOR_KEYS if k in author and author[k] is not None}
    if "trust_level" not in history and _int(raw.get("target_created_by_trust_level")) is not None:
        history["trust_level"] = raw["target_created_by_trust_level"]
    post_id = _id(raw.get("post_id")) or (
        _id(raw.get("target_id")) if raw.get("target_type") == "Post" else None
    )
    number = None
    url = str(raw.get("target_url") or raw.get("topic_url") or "")
    tail = re.search(r"/t/[^/]*/\d+/(\d+)$", url)
    if tail:
        number = int(tail.group(1))
    title = _text(topic.get("fancy_title") or topic.get("title")) or _text(payload.get("title"))
    return ReviewItem(
        id=item_id,
        type=TYPE_NAMES.get(kind, kind.removeprefix("Reviewable").lower() or "item"),
        status=_status(raw.get("status")),
        score=float(raw["score"]) if isinstance(raw.get("score"), int | float) else 0.0,
        version=_int(raw.get("version")) or 0,
        created_at=parse_time(raw.get("created_at")),
        reasons=reasons,
        flags=flags,
        actions=_actions(doc, raw, item_id),
        target_post_id=post_id,
        target_topic_id=_id(raw.get("topic_id")),
        target_post_number=number,
        category_id=_id(raw.get("category_id")),
        topic_title=title,
        excerpt=str(raw.get("raw") or payload.get("raw") or ""),
        cooked=str(raw.get("cooked") or ""),
        author_id=author_id,
        author_username=str(author.get("username") or payload.get("username") or ""),
        author=history,
        url=url,
    )


def parse_review_page(body: Any) -> tuple[list[ReviewItem], bool, int]:
    """``/review.json``: the items, whether more pages follow, and malformed items skipped."""
    if not isinstance(body, dict) or not isinstance(body.get("reviewables"), list):
        raise MalformedResponse("The server's review queue did not have the expected shape.")
    doc = _Document(body)
    items, skipped = [], 0
    for raw in body["reviewables"]:
        item = parse_reviewable(doc, raw)
        if item is None:
            skipped += 1
        else:
            items.append(item)
    meta: dict[str, Any] = body["meta"] if isinstance(body.get("meta"), dict) else {}
    return items, bool(meta.get("load_more_reviewables")), skipped


class ReviewQueueMixin:
    """The ``ReviewQueueConnector`` methods of ``DiscourseConnector``."""

    http: HttpClient
    _skipped: int

    def review_count(self, *, cancel: threading.Event | None = None) -> int:
        body = self.http.get_json("/review/count.json", cancel=cancel)
        count = _int(body.get("count"))
        if count is None:
            raise MalformedResponse("The server's review count was not a number.")
        return count

    def review_list(self, *, cancel: threading.Event | None = None) -> list[ReviewItem]:
        items: dict[str, ReviewItem] = {}
        for page in range(MAX_PAGES):
            body = self.http.get_json(
                "/review.json", {"status": "pending", "offset": page * 10}, cancel=cancel
            )
            found, more, skipped = parse_review_page(body)
            self._skipped += skipped
            for item in found:
                items.setdefault(item.id, item)  # an item that moved up a page is kept once
            if not more or not found:
                break
        return list(items.values())

    def review_show(self, item_id: str) -> tuple[ReviewItem, str | None]:
        body = self.http.get_json(f"/review/{quote(item_id)}.json")
        doc = _Document(body)
        raw = body.get("reviewable")
        item = parse_reviewable(doc, raw)
        if item is None:
            raise MalformedResponse("The server's review item did not have the expected shape.")
        by = None
        ids = raw.get("reviewable_history_ids") if isinstance(raw, dict) else None
        records = [doc.histories.get(_id(i) or "") for i in ids] if isinstance(ids, list) else []
        changes = [h for h in records if h and _int(h.get("reviewable_history_type")) == 1]
        if changes:
            by = doc.username(changes[-1].get("created_by_id")) or None
        return item, by

    def review_perform(self, item_id: str, action_id: str, version: int) -> PerformResult:
        path = f"/review/{quote(item_id)}/perform/{quote(action_id)}"
        try:
            body = self.http.request_json(
                "PUT", path, params={"version": version}, json_body={}, retry_safe=False
            )
        except RequestRejected as exc:
            if exc.status == 409:
                raise ReviewConflict(exc.reasons) from None
            raise
        except (NotFound, PermissionDenied):
            raise
        result = body.get("reviewable_perform_result")
        if not isinstance(result, dict):
            raise MalformedResponse("The server's answer to a review action did not have the expected shape.")
        return PerformResult(
            transition_to=str(result.get("transition_to") or ""),
            version=_int(result.get("version")),
            remaining=_int(result.get("reviewable_count")),
        )
