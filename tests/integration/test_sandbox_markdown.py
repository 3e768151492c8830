"""The practice server cooks Markdown as Discourse does, so the composer's preview and the posted reply agree.

Before, the sandbox only knew bold, code, links and dash lists: ``*italic*`` and ``> quote`` came back
literally in the posted reply while the preview rendered them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import requests

from moderator import markdown
from moderator.sandbox import SANDBOX_API_KEY, SANDBOX_USERNAME, SandboxServer

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ADMIN = {"Api-Key": SANDBOX_API_KEY, "Api-Username": SANDBOX_USERNAME}

RAW = """Thanks for *asking*, it is **important**.

> Where do I find the form?

What to do:

1. open the HR portal
2. choose ~~Forms~~ Requests

- ask `hr-help`
- or [write to us](https://example.org/hr)

[quote="alice, post:1, topic:7"]
The *old* form is gone.
[/quote]"""


@pytest.fixture
def srv() -> Iterator[SandboxServer]:
    with SandboxServer(seed=7, scale=0.3, now=NOW) as server:
        yield server


def _posted_cooked(srv: SandboxServer, raw: str) -> str:
    tid = srv.world.planted["unanswered_question_ids"][0]
    with requests.Session() as http:
        created = http.post(
            srv.url + "/posts.json", json={"topic_id": tid, "raw": raw}, headers=ADMIN, timeout=10
        )
        assert created.status_code == 200
        post_id = created.json()["id"]
        fetched = http.get(srv.url + f"/posts/{post_id}.json", headers=ADMIN, timeout=10)
    assert fetched.status_code == 200
    return str(fetched.json()["cooked"])


def _tags(fragment: str) -> set[str]:
    return set(re.findall(r"<(em|strong|blockquote|ol|ul|li|code|del|s|a)\b", fragment))


def test_posted_reply_is_cooked_like_discourse(srv: SandboxServer) -> None:
    cooked = _posted_cooked(srv, RAW)
    assert "<em>asking</em>" in cooked and "<strong>important</strong>" in cooked
    assert re.search(r"<blockquote>\s*<p>Where do I find the form\?</p>\s*</blockquote>", cooked)
    assert "<ol>" in cooked and "<li>open the HR portal</li>" in cooked
    assert "<ul>" in cooked and "<code>hr-help</code>" in cooked
    assert "<s>Forms</s>" in cooked or "<del>Forms</del>" in cooked
    assert '<a href="https://example.org/hr">write to us</a>' in cooked
    assert '<aside class="quote no-group" data-username="alice"' in cooked and "<em>old</em>" in cooked
    for literal in ("*asking*", "&gt; Where", "1. open", "~~Forms~~", "[quote"):
        assert literal not in cooked


def test_preview_and_posted_result_use_the_same_constructs(srv: SandboxServer) -> None:
    preview = markdown.render(RAW)
    cooked = _posted_cooked(srv, RAW)
    assert _tags(preview) - {"del", "s"} == _tags(cooked) - {"del", "s"}


def test_html_typed_in_a_post_stays_inert(srv: SandboxServer) -> None:
    cooked = _posted_cooked(srv, "Look <script>alert(1)</script> <img src=x onerror=alert(1)>")
    assert "<script" not in cooked and "<img src=x" not in cooked
