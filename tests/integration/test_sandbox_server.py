"""The sandbox speaks Discourse over real HTTP: paging, auth, faults, posting, bookmarks, shapes."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from moderator.sandbox import (
    SANDBOX_API_KEY,
    SANDBOX_USER_API_CLIENT_ID,
    SANDBOX_USER_API_KEY,
    SANDBOX_USERNAME,
    SandboxServer,
    World,
    generate,
)

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ADMIN = {"Api-Key": SANDBOX_API_KEY, "Api-Username": SANDBOX_USERNAME}
USER_KEY = {"User-Api-Key": SANDBOX_USER_API_KEY, "User-Api-Client-Id": SANDBOX_USER_API_CLIENT_ID}
RECORDINGS = Path(__file__).resolve().parents[2].parent / "shared" / "platforms" / "discourse" / "recordings"


@pytest.fixture(scope="module")
def shared_world() -> World:
    return generate(seed=7, scale=1.0, now=NOW)


@pytest.fixture(scope="module")
def ro(shared_world: World) -> Iterator[SandboxServer]:
    """A read-only server shared by the tests that do not change the world."""
    with SandboxServer(world=shared_world) as srv:
        yield srv


@pytest.fixture
def srv() -> Iterator[SandboxServer]:
    """A fresh world for tests that post, bookmark or inject faults."""
    with SandboxServer(seed=7, scale=0.5, now=NOW) as server:
        yield server


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def get(
    http: requests.Session,
    srv: SandboxServer,
    path: str,
    headers: dict[str, str] | None = None,
    **params: Any,
) -> requests.Response:
    return http.get(
        srv.url + path, headers=headers if headers is not None else ADMIN, params=params or None, timeout=10
    )


def member(world: World) -> str:
    """A regular (non-staff) poster, to act as through the admin key."""
    return next(u.username for u in world.users.values() if u.role == "regular" and u.trust_level < 4)


def as_user(name: str) -> dict[str, str]:
    return {"Api-Key": SANDBOX_API_KEY, "Api-Username": name}


# ==================================================================== topic lists


def test_latest_pages_until_more_topics_url_disappears(ro: SandboxServer, http: requests.Session) -> None:
    first = get(http, ro, "/latest.json", per_page="100")
    assert first.headers["Content-Type"] == "application/json; charset=utf-8"
    assert first.headers["X-Discourse-Route"] == "list/latest"
    seen: list[int] = []
    body = first.json()
    pages = 0
    while True:
        pages += 1
        topics = body["topic_list"]["topics"]
        seen += [t["id"] for t in topics]
        more = body["topic_list"].get("more_topics_url")
        if more is None:
            assert len(topics) < 100
            break
        assert len(topics) == 100 and more.startswith("/latest?") and ".json" not in more
        assert "per_page=100" in more
        body = http.get(ro.url + more, headers={**ADMIN, "Accept": "application/json"}, timeout=10).json()
    camille_sees = [t for t in ro.world.topics.values() if not t.is_pm and t.deleted_at is None]
    assert pages > 1 and sorted(seen) == sorted(t.id for t in camille_sees)  # each topic exactly once


def test_latest_without_json_and_without_accept_is_the_html_app(
    ro: SandboxServer, http: requests.Session
) -> None:
    page = http.get(ro.url + "/latest", timeout=10)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")


def test_pinned_topics_come_first_on_page_zero_only(ro: SandboxServer, http: requests.Session) -> None:
    (pinned_globally,) = ro.world.planted["pinned_globally_topic_ids"]
    page0 = get(http, ro, "/latest.json").json()["topic_list"]
    assert page0["topics"][0]["id"] == pinned_globally and page0["topics"][0]["pinned"] is True
    assert "excerpt" in page0["topics"][0] and page0["per_page"] == 30 and len(page0["topics"]) == 30
    page1 = get(http, ro, "/latest.json", page="1").json()["topic_list"]["topics"]
    assert pinned_globally not in {t["id"] for t in page1}
    bumped = [t["bumped_at"] for t in page0["topics"][1:] + page1]
    assert bumped == sorted(bumped, reverse=True)


def test_latest_filters_and_orders(ro: SandboxServer, http: requests.Session) -> None:
    world = ro.world
    questions = world.planted["category_ids"]["questions"]
    unanswered = get(
        http, ro, "/latest.json", max_posts="1", order="created", per_page="100", category=str(questions)
    ).json()["topic_list"]["topics"]
    assert unanswered and all(t["posts_count"] == 1 and t["category_id"] == questions for t in unanswered)
    assert set(world.planted["unanswered_question_ids"]) <= {t["id"] for t in unanswered}
    created = [t["created_at"] for t in unanswered]
    assert created == sorted(created, reverse=True)
    closed = get(http, ro, "/latest.json", status="closed", per_page="100").json()["topic_list"]["topics"]
    assert {t["id"] for t in closed} == set(world.planted["closed_topic_ids"])
    views = [
        t["views"]
        for t in get(http, ro, "/latest.json", order="views", ascending="true").json()["topic_list"]["topics"]
    ]
    assert views == sorted(views)


def test_private_messages_restricted_and_unlisted_are_not_listed_for_members(
    ro: SandboxServer, http: requests.Session
) -> None:
    world = ro.world
    anonymous_ids: set[int] = set()
    body = get(http, ro, "/latest.json", headers={}, per_page="100").json()
    while True:
        anonymous_ids |= {t["id"] for t in body["topic_list"]["topics"]}
        more = body["topic_list"].get("more_topics_url")
        if not more:
            break
        body = http.get(ro.url + more, headers={"Accept": "application/json"}, timeout=10).json()
    hidden = (
        set(world.planted["pm_topic_ids"])
        | set(world.planted["restricted_topic_ids"])
        | set(world.planted["unlisted_topic_ids"])
        | set(world.planted["deleted_topic_ids"])
    )
    assert anonymous_ids and not anonymous_ids & hidden
    staff_unlisted = get(http, ro, "/latest.json", status="unlisted").json()["topic_list"]["topics"]
    assert {t["id"] for t in staff_unlisted} == set(world.planted["unlisted_topic_ids"])


def test_private_message_lists_are_for_their_owner(ro: SandboxServer, http: requests.Session) -> None:
    mine = get(http, ro, f"/topics/private-messages/{SANDBOX_USERNAME}.json").json()["topic_list"]["topics"]
    assert {t["id"] for t in mine} == set(ro.world.planted["pm_topic_ids_with_sandbox_user"])
    assert all(t["archetype"] == "private_message" for t in mine)
    other = member(ro.world)
    assert (
        get(http, ro, f"/topics/private-messages/{SANDBOX_USERNAME}.json", headers=as_user(other)).status_code
        == 403
    )
    assert get(http, ro, f"/topics/private-messages/{SANDBOX_USERNAME}.json", headers={}).status_code == 403


# ==================================================================== topics and posts


def test_topic_gives_20_posts_and_the_full_stream(ro: SandboxServer, http: requests.Session) -> None:
    tid = ro.world.planted["very_long_topic_id"]
    topic = ro.world.topics[tid]
    body = get(http, ro, f"/t/{tid}.json").json()
    stream = body["post_stream"]["stream"]
    assert len(body["post_stream"]["posts"]) == 20 and len(stream) == len(topic.posts) > 60
    assert body["posts_count"] == topic.posts_count and body["chunk_size"] == 20
    assert body["details"]["created_by"]["id"] == topic.user_id and body["participant_count"] > 5
    rest: list[dict[str, Any]] = []
    for start in range(20, len(stream), 20):
        batch = stream[start : start + 20]
        page = http.get(
            ro.url + f"/t/{tid}/posts.json", params={"post_ids[]": batch}, headers=ADMIN, timeout=10
        )
        assert page.headers["X-Discourse-Route"] == "topics/posts"
        data = page.json()
        assert set(data) == {"post_stream", "id"} and data["id"] == tid
        rest += data["post_stream"]["posts"]
    all_posts = body["post_stream"]["posts"] + rest
    assert [p["id"] for p in all_posts] == stream
    assert [p["post_number"] for p in all_posts] == sorted(p["post_number"] for p in all_posts)
    by_slug = get(http, ro, f"/t/{topic.slug}/{tid}.json", include_raw="true").json()
    assert by_slug["id"] == tid and "raw" in by_slug["post_stream"]["posts"][0]
    assert "raw" not in body["post_stream"]["posts"][0]
    assert get(http, ro, f"/t/{tid}.json", page="2").json()["post_stream"]["posts"][0]["id"] == stream[20]


def test_topic_visibility_rules(ro: SandboxServer, http: requests.Session) -> None:
    world = ro.world
    anon: dict[str, str] = {}
    assert get(http, ro, "/t/999999.json").status_code == 404
    assert get(http, ro, "/t/999999.json").json() == {
        "errors": ["The requested URL or resource could not be found."],
        "error_type": "not_found",
    }
    deleted = world.planted["deleted_topic_ids"][0]
    assert get(http, ro, f"/t/{deleted}.json", headers=anon).status_code == 404
    assert get(http, ro, f"/t/{deleted}.json").status_code == 200  # staff see deleted topics
    pm = world.planted["pm_topic_ids_with_sandbox_user"][0]
    outsider = next(
        u.username
        for u in world.users.values()
        if u.role == "regular" and u.id not in world.topics[pm].allowed_user_ids
    )
    assert get(http, ro, f"/t/{pm}.json").status_code == 200
    assert get(http, ro, f"/t/{pm}.json", headers=as_user(outsider)).status_code == 403
    restricted = world.planted["restricted_topic_ids"][0]
    assert get(http, ro, f"/t/{restricted}.json", headers=anon).status_code == 403


def test_deleted_posts_are_in_the_stream_for_staff_only(ro: SandboxServer, http: requests.Session) -> None:
    post = ro.world.posts[ro.world.planted["deleted_post_ids"][0]]
    staff_stream = get(http, ro, f"/t/{post.topic_id}.json").json()["post_stream"]["stream"]
    anon_stream = get(http, ro, f"/t/{post.topic_id}.json", headers={}).json()["post_stream"]["stream"]
    assert post.id in staff_stream and post.id not in anon_stream


def test_latest_posts_page_with_before(ro: SandboxServer, http: requests.Session) -> None:
    world = ro.world
    first = get(http, ro, "/posts.json", headers={}).json()["latest_posts"]
    assert len(first) == 50
    ids = [p["id"] for p in first]
    assert ids == sorted(ids, reverse=True)
    second = get(http, ro, "/posts.json", headers={}, before=str(min(ids) - 1)).json()["latest_posts"]
    assert len(second) == 50 and max(p["id"] for p in second) < min(ids)
    hidden = set(world.planted["hidden_post_ids"]) | set(world.planted["deleted_post_ids"])
    for p in first + second:
        topic = world.topics[p["topic_id"]]
        assert not topic.is_pm and p["id"] not in hidden and p["post_type"] == 1
        assert p["topic_title"] == topic.title and "raw" in p and p["category_id"] == topic.category_id
        assert p["category_id"] != world.planted["category_ids"]["staff"]


# ==================================================================== directory and admin


def test_directory_pages_are_capped(ro: SandboxServer, http: requests.Session) -> None:
    body = get(http, ro, "/directory_items.json", headers={}, period="all", order="post_count").json()
    items, meta = body["directory_items"], body["meta"]
    assert len(items) == 50 and meta["total_rows_directory_items"] == 300
    assert meta["load_more_directory_items"] == "/directory_items.json?order=post_count&page=1&period=all"
    counts = [i["post_count"] for i in items]
    assert counts == sorted(counts, reverse=True)
    assert get(http, ro, "/directory_items.json", headers={}, period="weekly", page="10").status_code == 200
    too_far = get(http, ro, "/directory_items.json", headers={}, period="weekly", page="11")
    assert too_far.status_code == 400 and too_far.json()["error_type"] == "invalid_parameters"
    assert get(http, ro, "/directory_items.json", headers={}).status_code == 400  # period is required
    weekly = get(http, ro, "/directory_items.json", headers={}, period="weekly", order="post_count").json()
    assert "time_read" not in weekly["directory_items"][0]
    quiet = ro.world.user_by_name(ro.world.planted["gone_quiet"][0])
    assert quiet is not None
    monthly = {
        i["id"]: i
        for i in get(
            http, ro, "/directory_items.json", headers={}, period="monthly", order="post_count", asc="true"
        ).json()["directory_items"]
    }
    assert quiet.id not in monthly or monthly[quiet.id]["post_count"] == 0


def test_directory_puts_you_first(ro: SandboxServer, http: requests.Session) -> None:
    reader = ro.world.planted["readers"][0]
    items = get(
        http, ro, "/directory_items.json", headers=as_user(reader), period="all", order="post_count"
    ).json()["directory_items"]
    assert len(items) == 51 and items[0]["user"]["username"] == reader


def test_admin_user_list_is_staff_only_and_one_based(ro: SandboxServer, http: requests.Session) -> None:
    assert get(http, ro, "/admin/users/list/active.json", headers={}).status_code == 404
    assert (
        get(http, ro, "/admin/users/list/active.json", headers=as_user(member(ro.world))).status_code == 404
    )
    page1 = get(http, ro, "/admin/users/list/active.json", page="1", order="created", asc="true").json()
    page0 = get(http, ro, "/admin/users/list/active.json", page="0", order="created", asc="true").json()
    page2 = get(http, ro, "/admin/users/list/active.json", page="2", order="created", asc="true").json()
    assert isinstance(page1, list) and len(page1) == 100
    assert [u["id"] for u in page0] == [u["id"] for u in page1]
    assert page2[0]["id"] not in {u["id"] for u in page1}
    created = [u["created_at"] for u in page1 + page2]
    assert created == sorted(created)
    assert (
        "email" not in page1[0]
        and "email" in get(http, ro, "/admin/users/list/active.json", show_emails="true").json()[0]
    )
    staff = get(http, ro, "/admin/users/list/staff.json").json()
    assert {u["username"] for u in staff} >= set(ro.world.planted["staff_usernames"])
    newusers = get(http, ro, "/admin/users/list/newuser.json").json()
    assert newusers and all(u["trust_level"] == 0 for u in newusers)


def test_user_profile_summary_and_session(ro: SandboxServer, http: requests.Session) -> None:
    quiet = ro.world.planted["gone_quiet"][0]
    user = get(http, ro, f"/u/{quiet}.json", headers={}).json()["user"]
    assert user["username"] == quiet and user["post_count"] >= 3 and user["last_posted_at"]
    assert datetime.fromisoformat(user["last_posted_at"]) < NOW - timedelta(days=28)
    summary = get(http, ro, f"/u/{quiet}/summary.json").json()["user_summary"]
    assert summary["post_count"] == user["post_count"] and summary["days_visited"] >= 1
    assert get(http, ro, "/u/nobody-here.json").status_code == 404
    me = get(http, ro, "/session/current.json").json()["current_user"]
    assert me["username"] == SANDBOX_USERNAME and me["admin"] and me["moderator"] and me["staff"]
    assert get(http, ro, "/session/current.json", headers={}).status_code == 404


# ==================================================================== auth


def test_auth_headers(ro: SandboxServer, http: requests.Session) -> None:
    site_anon = get(http, ro, "/site.json", headers={}).json()
    site_staff = get(http, ro, "/site.json").json()
    staff_cat = ro.world.planted["category_ids"]["staff"]
    assert staff_cat not in {c["id"] for c in site_anon["categories"]}
    assert staff_cat in {c["id"] for c in site_staff["categories"]}
    bad = get(http, ro, "/latest.json", headers={"Api-Key": "nope", "Api-Username": SANDBOX_USERNAME})
    assert bad.status_code == 403 and bad.json() == {
        "errors": [
            "You are not permitted to view the requested resource. The API username or key is invalid."
        ],
        "error_type": "invalid_access",
    }
    someone = member(ro.world)
    me = get(http, ro, "/session/current.json", headers=as_user(someone)).json()["current_user"]
    assert me["username"] == someone and not me["staff"]
    assert get(http, ro, "/latest.json", headers=as_user("ghost-user")).status_code == 403
    via_user_key = get(http, ro, "/session/current.json", headers=USER_KEY)
    assert via_user_key.json()["current_user"]["username"] == SANDBOX_USERNAME
    assert via_user_key.headers["X-Discourse-Username"] == SANDBOX_USERNAME
    assert get(http, ro, "/latest.json", headers={"User-Api-Key": "unknown"}).status_code == 403


def test_revoking_a_user_api_key(srv: SandboxServer, http: requests.Session) -> None:
    key = srv.create_user_api_key(SANDBOX_USERNAME, client_id="tests")
    headers = {"User-Api-Key": key, "User-Api-Client-Id": "tests"}
    assert get(http, srv, "/session/current.json", headers=headers).status_code == 200
    revoked = http.post(srv.url + "/user-api-key/revoke", headers=headers, timeout=10)
    assert revoked.status_code == 200 and revoked.json() == {"success": "OK"}
    assert get(http, srv, "/session/current.json", headers=headers).status_code == 403
    head = http.head(srv.url + "/user-api-key/new", timeout=10)
    assert head.headers["Auth-Api-Version"] == "4" and head.headers["Auth-Api-Device-Code"] == "true"


def test_rate_limits_when_switched_on(srv: SandboxServer, http: requests.Session) -> None:
    srv.rate_limits = True
    srv.rate_limit_config["user_per_minute"] = 3
    codes = [get(http, srv, "/site/basic-info.json", headers=USER_KEY).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = get(http, srv, "/site/basic-info.json", headers=USER_KEY)
    assert limited.headers["Discourse-Rate-Limit-Error-Code"] == "user_api_key_limiter_60_secs"
    assert int(limited.headers["Retry-After"]) == limited.json()["extras"]["wait_seconds"] > 0
    assert get(http, srv, "/site/basic-info.json", headers=ADMIN).status_code == 200  # other bucket


# ==================================================================== faults


def test_429_faults(srv: SandboxServer, http: requests.Session) -> None:
    srv.inject_fault(r"^/latest", "429-retry-after")
    srv.inject_fault(r"^/latest", "429-json")
    srv.inject_fault(r"^/latest", "429-text")
    srv.inject_fault(r"^/latest", "429-html")
    r = get(http, srv, "/latest.json")
    assert (
        r.status_code == 429
        and r.headers["Retry-After"] == "2"
        and "Discourse-Rate-Limit-Error-Code" in r.headers
    )
    assert r.json()["error_type"] == "rate_limit" and r.json()["extras"] == {
        "wait_seconds": 2,
        "time_left": "2 seconds",
    }
    r = get(http, srv, "/latest.json")
    assert r.status_code == 429 and "Retry-After" not in r.headers and r.json()["extras"]["wait_seconds"] == 2
    r = get(http, srv, "/latest.json")
    assert r.status_code == 429 and r.headers["Content-Type"].startswith("text/plain")
    assert r.text.startswith("Slow down, too many requests from this IP address") and r.headers["Retry-After"]
    r = get(http, srv, "/latest.json")
    assert r.status_code == 429 and "nginx" in r.text and "Retry-After" not in r.headers
    assert get(http, srv, "/latest.json").status_code == 200  # each fault consumed once


def test_error_page_faults(srv: SandboxServer, http: requests.Session) -> None:
    for kind, status in (("500", 500), ("502", 502), ("401", 401), ("403", 403)):
        srv.inject_fault(r"^/t/", kind, method="GET")
        r = get(http, srv, f"/t/{srv.world.planted['very_long_topic_id']}.json")
        assert r.status_code == status, kind
    assert r.json()["error_type"] == "invalid_access"
    srv.inject_fault(r"^/t/", "502", times=2)
    assert [get(http, srv, "/t/1.json").status_code for _ in range(3)] == [502, 502, 200]
    srv.inject_fault(r"^/latest", "500", method="POST")
    assert get(http, srv, "/latest.json").status_code == 200  # method filter


def test_truncated_reset_and_timeout(srv: SandboxServer, http: requests.Session) -> None:
    srv.inject_fault(r"^/latest", "truncated")
    r = get(http, srv, "/latest.json")
    assert r.status_code == 200 and int(r.headers["Content-Length"]) == len(r.content)
    with pytest.raises(json.JSONDecodeError):
        json.loads(r.content)
    srv.inject_fault(r"^/latest", "reset")
    with pytest.raises(requests.ConnectionError):
        get(http, srv, "/latest.json")
    srv.timeout_delay = 1.0
    srv.inject_fault(r"^/latest", "timeout")
    with pytest.raises(requests.Timeout):
        http.get(srv.url + "/latest.json", headers=ADMIN, timeout=0.3)
    assert get(http, srv, "/site.json").status_code == 200


def test_stop_does_not_wait_for_a_pending_timeout() -> None:
    server = SandboxServer(seed=7, scale=0.2, now=NOW).start()
    server.timeout_delay = 30
    server.inject_fault(r"^/latest", "timeout")
    sock = socket.create_connection((server.host, server.port))
    try:
        sock.sendall(b"GET /latest.json HTTP/1.1\r\nHost: x\r\n\r\n")
        assert server.fault_taken.wait(10)  # the request is being held
        start = time.perf_counter()
        server.stop()
        assert time.perf_counter() - start < 2
    finally:
        sock.close()
    with pytest.raises(OSError), socket.create_connection((server.host, server.port), timeout=1):
        pass


def test_drop_after_accept_really_creates_the_post(srv: SandboxServer, http: requests.Session) -> None:
    tid = srv.world.planted["unanswered_topic_ids"][0]
    before = srv.world.topics[tid].posts_count
    srv.inject_fault(r"^/posts", "drop-after-accept", method="POST")
    raw = "Une réponse qui arrive mais dont la confirmation se perd."
    with pytest.raises(requests.ConnectionError):
        http.post(srv.url + "/posts.json", json={"topic_id": tid, "raw": raw}, headers=ADMIN, timeout=10)
    assert srv.world.topics[tid].posts_count == before + 1
    assert srv.world.topics[tid].posts[-1].raw == raw
    assert srv.requests[-1].status == 0


# ==================================================================== posting


def post(
    http: requests.Session, srv: SandboxServer, body: dict[str, Any], headers: dict[str, str] | None = None
) -> requests.Response:
    return http.post(
        srv.url + "/posts.json", json=body, headers=ADMIN if headers is None else headers, timeout=10
    )


def test_reply_is_created_bumped_and_counted(srv: SandboxServer, http: requests.Session) -> None:
    world = srv.world
    tid = world.planted["unanswered_question_ids"][0]
    r = post(
        http,
        srv,
        {"topic_id": tid, "raw": "Bonjour, il faut passer par le portail RH.", "reply_to_post_number": 1},
    )
    assert r.status_code == 200 and r.headers["X-Discourse-Route"] == "posts/create"
    created = r.json()
    assert created["topic_id"] == tid and created["post_number"] == 2 and created["reply_to_post_number"] == 1
    assert created["username"] == SANDBOX_USERNAME and created["raw"].startswith("Bonjour")
    latest = get(http, srv, "/latest.json").json()["topic_list"]["topics"]
    first_unpinned = next(t for t in latest if not t["pinned"])
    assert first_unpinned["id"] == tid and first_unpinned["posts_count"] == 2
    assert first_unpinned["last_poster_username"] == SANDBOX_USERNAME


def test_new_topic_by_form_post(srv: SandboxServer, http: requests.Session) -> None:
    ideas = srv.world.planted["category_ids"]["ideas"]
    r = http.post(
        srv.url + "/posts.json",
        headers=ADMIN,
        timeout=10,
        data={
            "title": "Une idée postée depuis les tests",
            "raw": "Le détail de cette idée tient en une phrase.",
            "category": str(ideas),
        },
    )
    assert r.status_code == 200 and r.json()["post_number"] == 1
    topic = srv.world.topics[r.json()["topic_id"]]
    assert topic.category_id == ideas and topic.title == "Une idée postée depuis les tests"


def test_post_rejections(srv: SandboxServer, http: requests.Session) -> None:
    world = srv.world
    someone = as_user(member(world))
    tid = world.planted["unanswered_topic_ids"][1]
    short = post(http, srv, {"topic_id": tid, "raw": "trop court"})
    assert short.status_code == 422
    assert short.json() == {
        "action": "create_post",
        "errors": ["Body is too short (minimum is 20 characters)"],
    }
    closed = world.planted["closed_topic_ids"][0]
    refused = post(http, srv, {"topic_id": closed, "raw": "Une réponse dans un sujet fermé."}, someone)
    assert refused.status_code == 422 and "closed or deleted" in refused.json()["errors"][0]
    assert post(http, srv, {"topic_id": closed, "raw": "La modération peut répondre ici."}).status_code == 200
    assert (
        post(http, srv, {"topic_id": 999999, "raw": "Un sujet qui n'existe pas du tout."}).status_code == 422
    )
    raw = "Exactement le même message envoyé deux fois de suite."
    assert post(http, srv, {"topic_id": tid, "raw": raw}, someone).status_code == 200
    dup = post(http, srv, {"topic_id": world.planted["unanswered_topic_ids"][2], "raw": raw}, someone)
    assert dup.status_code == 422 and dup.json()["errors"] == [
        "Body is too similar to what you recently posted"
    ]
    announcements = world.planted["category_ids"]["announcements"]
    forbidden = post(
        http,
        srv,
        {
            "title": "Une annonce non autorisée",
            "raw": "Les membres ne peuvent pas annoncer.",
            "category": announcements,
        },
        someone,
    )
    assert forbidden.status_code == 403 and forbidden.json()["error_type"] == "invalid_access"
    assert post(http, srv, {"topic_id": tid, "raw": "Sans compte, pas de message."}, {}).status_code == 403


def test_approval_queue_answers_enqueued(srv: SandboxServer, http: requests.Session) -> None:
    world = srv.world
    name = member(world)
    world.require_approval = {name}
    tid = world.planted["unanswered_topic_ids"][0]
    before = world.topics[tid].posts_count
    r = post(http, srv, {"topic_id": tid, "raw": "Un message qui attend la validation."}, as_user(name))
    assert r.status_code == 200
    body = r.json()
    assert body["action"] == "enqueued" and body["pending_count"] == 1 and body["success"] is True
    assert world.topics[tid].posts_count == before and world.pending_posts[-1].raw.startswith("Un message")
    world.require_approval = set()
    world.category_by_key("questions").requires_approval = True
    question = world.planted["unanswered_question_ids"][0]
    assert (
        post(http, srv, {"topic_id": question, "raw": "Une autre réponse à valider."}, as_user(name)).json()[
            "action"
        ]
        == "enqueued"
    )
    assert (
        post(http, srv, {"topic_id": question, "raw": "La modération n'est pas filtrée."}).json()[
            "post_number"
        ]
        == 2
    )


def test_admin_key_retry_returns_the_same_post(srv: SandboxServer, http: requests.Session) -> None:
    tid = srv.world.planted["unanswered_topic_ids"][0]
    body = {"topic_id": tid, "raw": "Une réponse envoyée deux fois par une clé admin."}
    first, second = post(http, srv, body), post(http, srv, body)
    assert first.json()["id"] == second.json()["id"]
    via_user_key = post(http, srv, body, USER_KEY)  # no memo for user API keys: staff may double-post
    assert via_user_key.status_code == 200 and via_user_key.json()["id"] != first.json()["id"]


# ==================================================================== bookmarks and counting


def test_bookmarks_round_trip(srv: SandboxServer, http: requests.Session) -> None:
    tid = srv.world.planted["unanswered_topic_ids"][0]
    when = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    created = http.post(
        srv.url + "/bookmarks.json",
        headers=ADMIN,
        timeout=10,
        json={
            "bookmarkable_id": tid,
            "bookmarkable_type": "Topic",
            "name": "Relancer",
            "reminder_at": when.isoformat(),
        },
    )
    assert created.status_code == 200 and created.json()["success"] == "OK"
    bid = created.json()["id"]
    again = http.post(
        srv.url + "/bookmarks.json",
        headers=ADMIN,
        timeout=10,
        json={"bookmarkable_id": tid, "bookmarkable_type": "Topic"},
    )
    assert again.status_code == 400 and again.json()["errors"] == [
        "You cannot bookmark the same topic twice."
    ]
    past = http.post(
        srv.url + "/bookmarks.json",
        headers=ADMIN,
        timeout=10,
        json={
            "bookmarkable_id": srv.world.topics[tid].posts[0].id,
            "bookmarkable_type": "Post",
            "reminder_at": "2020-01-01T00:00:00Z",
        },
    )
    assert past.status_code == 400
    listing = get(http, srv, f"/u/{SANDBOX_USERNAME}/bookmarks.json").json()["user_bookmark_list"][
        "bookmarks"
    ]
    mine = next(b for b in listing if b["id"] == bid)
    assert mine["bookmarkable_type"] == "Topic" and mine["name"] == "Relancer"
    assert datetime.fromisoformat(mine["reminder_at"]) == when
    later = when + timedelta(days=1)
    assert http.put(
        srv.url + f"/bookmarks/{bid}.json", headers=ADMIN, timeout=10, json={"reminder_at": later.isoformat()}
    ).json() == {"success": "OK"}
    assert srv.world.bookmarks[bid].reminder_at == later
    other = as_user(member(srv.world))
    assert http.put(srv.url + f"/bookmarks/{bid}.json", headers=other, timeout=10, json={}).status_code == 403
    assert (
        http.delete(srv.url + f"/bookmarks/{bid}.json", headers=ADMIN, timeout=10).json()["success"] == "OK"
    )
    assert bid not in srv.world.bookmarks
    assert http.delete(srv.url + f"/bookmarks/{bid}.json", headers=ADMIN, timeout=10).status_code == 404
    empty = get(http, srv, f"/u/{member(srv.world)}/bookmarks.json", headers=other).json()
    assert empty == {"bookmarks": []}


def test_requests_are_counted(srv: SandboxServer, http: requests.Session) -> None:
    srv.reset_requests()
    get(http, srv, "/latest.json", page="1")
    get(http, srv, f"/t/{srv.world.planted['very_long_topic_id']}.json")
    post(
        http,
        srv,
        {"topic_id": srv.world.planted["unanswered_topic_ids"][0], "raw": "Un message de plus pour compter."},
    )
    assert srv.request_count() == 3 and srv.request_count("GET") == 2
    assert srv.request_count("POST", "/posts") == 1 and srv.request_count(path_prefix="/t/") == 1
    first = srv.requests[0]
    assert (first.method, first.path, first.query, first.status) == (
        "GET",
        "/latest.json",
        {"page": ["1"]},
        200,
    )
    assert first.headers["api-key"] == SANDBOX_API_KEY
    srv.reset_requests()
    assert srv.request_count() == 0


def test_world_mutations_show_up_over_http(srv: SandboxServer, http: requests.Session) -> None:
    tid = srv.world.planted["unanswered_topic_ids"][0]
    reply = srv.world.add_reply(tid, srv.world.planted["readers"][0], "Je sors de ma réserve pour répondre !")
    topic = get(http, srv, f"/t/{tid}.json").json()
    assert topic["post_stream"]["stream"][-1] == reply["id"] and topic["posts_count"] == 2


def test_stop_and_restart_on_the_same_port(http: requests.Session) -> None:
    server = SandboxServer(seed=7, scale=0.2, now=NOW).start()
    port = server.port
    assert get(http, server, "/site/basic-info.json").status_code == 200  # leaves a keep-alive connection
    server.stop()
    with pytest.raises(requests.ConnectionError):
        get(http, server, "/site/basic-info.json")
    server.start()
    try:
        assert server.port == port and get(http, server, "/site/basic-info.json").status_code == 200
    finally:
        server.stop()


# ==================================================================== shapes follow the recordings

NEVER_REQUIRED = {"unicode_title", "static_doc"}  # keys real Discourse sends only for emoji titles / the FAQ


def recording(name: str) -> Any:
    path = RECORDINGS / name
    if not path.exists():
        pytest.skip(f"recording {name} not available")
    return json.loads(path.read_text(encoding="utf-8"))["response"]["bodyJson"]


def assert_superset(recorded: Any, served: Any, where: str = "$") -> None:
    """Every key of the recorded object is served, with the same JSON type when both are non-null."""
    if isinstance(recorded, dict):
        assert isinstance(served, dict), where
        missing = set(recorded) - set(served) - NEVER_REQUIRED
        assert not missing, f"{where}: missing {sorted(missing)}"
        for key, value in recorded.items():
            if key in served and value is not None and served[key] is not None:
                if isinstance(value, bool) or isinstance(served[key], bool):
                    assert isinstance(value, bool) == isinstance(served[key], bool), f"{where}.{key}"
                elif isinstance(value, int | float):
                    assert isinstance(served[key], int | float), f"{where}.{key}"
                else:
                    assert type(value) is type(served[key]), f"{where}.{key}"


def first_with(items: list[dict[str, Any]], **wanted: Any) -> dict[str, Any]:
    return next(i for i in items if all(i.get(k) == v for k, v in wanted.items()))


def test_topic_lists_have_the_recorded_fields(ro: SandboxServer, http: requests.Session) -> None:
    rec = recording("localhost__latest.json--headers_2b7bece.json")
    body = get(http, ro, "/latest.json").json()
    for key in ("users", "primary_groups", "flair_groups", "topic_list"):
        assert key in body
    assert_superset({k: v for k, v in rec["topic_list"].items() if k != "topics"}, body["topic_list"])
    camille = ro.world.user_by_name(SANDBOX_USERNAME)
    assert camille is not None
    read = next(t for t in body["topic_list"]["topics"] if not t["pinned"] and "last_read_post_number" in t)
    assert_superset(first_with(rec["topic_list"]["topics"], pinned=False), read, "latest.topic")
    assert_superset(rec["topic_list"]["topics"][0]["posters"][0], read["posters"][0], "latest.poster")
    pinned = first_with(body["topic_list"]["topics"], pinned=True)
    assert_superset(first_with(rec["topic_list"]["topics"], pinned=True), pinned, "latest.pinned")
    staff_user = first_with(body["users"], username=SANDBOX_USERNAME)
    assert_superset(rec["users"][0], staff_user, "latest.users")
    kiri = recording("forums.kiri.art__latest.json.json")
    anon = get(http, ro, "/latest.json", headers={}).json()
    assert_superset(kiri["topic_list"]["topics"][0], anon["topic_list"]["topics"][3], "anon.topic")
    assert_superset({k: v for k, v in kiri["topic_list"].items() if k != "topics"}, anon["topic_list"])
    pms = recording("localhost__topics__private-messages__system.json--headers_2b7bece.json")
    served = get(http, ro, f"/topics/private-messages/{SANDBOX_USERNAME}.json").json()
    assert_superset(pms, served)
    assert_superset(pms["topic_list"], served["topic_list"])


def test_topic_views_have_the_recorded_fields(ro: SandboxServer, http: requests.Session) -> None:
    tid = ro.world.planted["very_long_topic_id"]
    staff_view = get(http, ro, f"/t/{tid}.json").json()
    for name in ("localhost__t__4.json--headers_2b7bece.json", "localhost__t__23.json--headers_2b7bece.json"):
        rec = recording(name)
        assert_superset(rec, staff_view, name)
        assert_superset(rec["details"], staff_view["details"], name + ".details")
        assert_superset(rec["details"]["participants"][0], staff_view["details"]["participants"][0])
        assert_superset(rec["details"]["created_by"], staff_view["details"]["created_by"])
        assert_superset(rec["post_stream"]["posts"][0], staff_view["post_stream"]["posts"][0], name + ".post")
    rec4 = recording("localhost__t__4.json--headers_2b7bece.json")
    suggested = rec4["suggested_topics"][0]
    read_suggestion = next(s for s in staff_view["suggested_topics"] if "last_read_post_number" in s)
    assert_superset(suggested, read_suggestion, "suggested")
    staff_poster = next(
        p["user"]
        for s in staff_view["suggested_topics"]
        for p in s["posters"]
        if p["user"].get("moderator") and p["user"].get("admin")
    )
    assert_superset(suggested["posters"][0]["user"], staff_poster, "suggested.user")
    kiri = recording("forums.kiri.art__t__3.json.json")
    anon_view = get(http, ro, f"/t/{tid}.json", headers={}).json()
    assert_superset(kiri, anon_view, "anon.topic")
    assert_superset(kiri["details"], anon_view["details"])
    assert_superset(kiri["post_stream"]["posts"][0], anon_view["post_stream"]["posts"][0], "anon.post")
    rec_posts = recording("localhost__t__4__posts.json__post_ids--_5--headers_2b7bece.json")
    served = get(
        http, ro, f"/t/{tid}/posts.json", **{"post_ids[]": str(staff_view["post_stream"]["stream"][25])}
    ).json()
    assert_superset(rec_posts, served)
    assert_superset(rec_posts["post_stream"]["posts"][0], served["post_stream"]["posts"][0], "posts.post")


def test_posts_have_the_recorded_fields(srv: SandboxServer, http: requests.Session) -> None:
    rec = recording("localhost__posts.json--headers_2b7bece.json")
    latest = get(http, srv, "/posts.json").json()
    assert_superset(rec["latest_posts"][0], latest["latest_posts"][0], "latest_posts")
    single = recording("localhost__posts__1.json--headers_2b7bece.json")
    assert_superset(
        single, get(http, srv, f"/posts/{latest['latest_posts'][0]['id']}.json").json(), "posts/1"
    )
    created = post(
        http,
        srv,
        {
            "topic_id": srv.world.planted["unanswered_topic_ids"][0],
            "raw": "Une réponse pour comparer les champs.",
        },
    ).json()
    assert_superset(
        recording("localhost__posts.json--method_POST_headers_6ea7183_body_01e9984.json"), created
    )


def test_people_have_the_recorded_fields(ro: SandboxServer, http: requests.Session) -> None:
    rec = recording("localhost__directory_items.json__order_likes_received_period_all--headers_2b7bece.json")
    body = get(http, ro, "/directory_items.json", period="all", order="likes_received").json()
    assert_superset(rec["meta"], body["meta"])
    admin_item = next(
        i for i in body["directory_items"] if i["user"].get("admin") and i["user"].get("moderator")
    )
    assert_superset(rec["directory_items"][0], admin_item, "directory")
    assert_superset(rec["directory_items"][0]["user"], admin_item["user"], "directory.user")
    rows = recording(
        "localhost__admin__users__list__active.json__asc_true_order_created_show_emails_true"
        "--headers_2b7bece.json"
    )
    served = get(
        http, ro, "/admin/users/list/active.json", order="created", asc="true", show_emails="true"
    ).json()
    assert [r["username"] for r in served[:2]] == [
        "system",
        "discobot",
    ]  # the oldest accounts, as on a real site
    assert_superset(rows[0], served[0], "admin.row")
    user = recording("localhost__u__test-user.json--headers_2b7bece.json")
    served_user = get(http, ro, f"/u/{member(ro.world)}.json").json()
    assert_superset(user, served_user)
    assert_superset(user["user"], served_user["user"], "user")
    assert_superset(user["user"]["groups"][0], served_user["user"]["groups"][0], "user.groups")
    assert_superset(user["user"]["user_option"], served_user["user"]["user_option"], "user.user_option")


def test_site_and_categories_have_the_recorded_fields(ro: SandboxServer, http: requests.Session) -> None:
    site = recording("localhost__site.json--headers_2b7bece.json")
    served = get(http, ro, "/site.json").json()
    assert_superset(site, served, "site")
    assert_superset(site["categories"][1], served["categories"][1], "site.category")
    assert_superset(site["groups"][0], served["groups"][0], "site.group")
    cats = recording("localhost__categories.json--headers_2b7bece.json")
    served_cats = get(http, ro, "/categories.json").json()
    assert_superset(cats["category_list"], served_cats["category_list"])
    rec_cat = cats["category_list"]["categories"][0]
    served_cat = next(c for c in served_cats["category_list"]["categories"] if c["topics"])
    assert_superset(rec_cat, served_cat, "category")
    read_topic = next(
        t
        for c in served_cats["category_list"]["categories"]
        for t in c["topics"]
        if "last_read_post_number" in t
    )
    assert_superset(rec_cat["topics"][0], read_topic, "category.topic")
    info = recording("localhost__site__basic-info.json--headers_2b7bece.json")
    assert_superset(info, get(http, ro, "/site/basic-info.json", headers={}).json(), "basic-info")
    not_found = recording("localhost__u__by-external__123.json--headers_2b7bece.json")
    assert get(http, ro, "/u/by-external/123.json").json() == not_found
