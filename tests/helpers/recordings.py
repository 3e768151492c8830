"""Real Discourse responses recorded in ``shared/platforms/discourse/recordings`` (beside the repo in CI)."""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
DISCOURSE_RECORDINGS = (REPO_ROOT / ".." / "shared" / "platforms" / "discourse" / "recordings").resolve()


@functools.cache
def _load(name: str) -> dict[str, Any]:
    with (DISCOURSE_RECORDINGS / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def recording(name: str) -> dict[str, Any]:
    """The whole recording (``request`` and ``response``), a fresh copy each time."""
    return copy.deepcopy(_load(name))


def body(name: str) -> Any:
    """The recorded response body: decoded JSON, or the text for non-JSON answers."""
    response = _load(name)["response"]
    return copy.deepcopy(response["bodyJson"] if "bodyJson" in response else response.get("bodyText"))


LATEST = "localhost__latest.json--headers_2b7bece.json"
LATEST_KIRI = "forums.kiri.art__latest.json.json"
TOPIC_4 = "localhost__t__4.json--headers_2b7bece.json"
TOPIC_23 = "localhost__t__23.json--headers_2b7bece.json"
TOPIC_KIRI_3 = "forums.kiri.art__t__3.json.json"
TOPIC_4_POSTS = "localhost__t__4__posts.json__post_ids--_5--headers_2b7bece.json"
LATEST_POSTS = "localhost__posts.json--headers_2b7bece.json"
DIRECTORY = "localhost__directory_items.json__order_likes_received_period_all--headers_2b7bece.json"
ADMIN_USERS = "localhost__admin__users__list__active.json__asc_true_order_created_show_emails_true--headers_2b7bece.json"
CATEGORIES = "localhost__categories.json--headers_2b7bece.json"
SITE = "localhost__site.json--headers_2b7bece.json"
PRIVATE_MESSAGES = "localhost__topics__private-messages__system.json--headers_2b7bece.json"
PRIVATE_MESSAGES_SENT = "localhost__topics__private-messages-sent__system.json--headers_2b7bece.json"
TOP = "localhost__top.json--headers_2b7bece.json"
SINGLE_POST = "localhost__posts__1.json--headers_2b7bece.json"
NOT_FOUND_JSON = "localhost__u__by-external__123.json--headers_2b7bece.json"
NOT_FOUND_HTML = "sendDownloadBackupEmail-sendDownloadBackupEmail-noExist.json"
UNPROCESSABLE_HTML = "sendDownloadBackupEmail-downloadBackup-invalidToken.json"
REDIRECT = "localhost__t__external_id__external_id.json--headers_2b7bece.json"


def names(pattern: str) -> list[str]:
    return sorted(p.name for p in DISCOURSE_RECORDINGS.glob(pattern))
