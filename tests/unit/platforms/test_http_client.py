"""The HTTP layer's rules: TLS, timeouts, retries, 429 in all three shapes, budgets, errors, secrets."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from moderator.platforms.base import (
    AuthenticationError,
    Cancelled,
    InsecureConnection,
    MalformedResponse,
    NotFound,
    Offline,
    PermissionDenied,
    PlatformError,
    RateLimited,
    RequestRejected,
    ServerError,
)
from moderator.platforms.http import (
    SECRETS,
    USER_AGENT,
    USER_KEY_LIMITS,
    HttpClient,
    RateBudget,
    RateLimit,
    Timeouts,
    budget_key,
    check_base_url,
    shared_budget,
)
from tests.helpers import recordings as rec
from tests.helpers.scripted_session import ScriptedSession, Step, recorded, response
from tests.helpers.sync_env import FakeClock

URL = "https://forum.example.org"
KEY = "s3cret-admin-key-0123456789"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make(clock: FakeClock) -> Iterator[Any]:
    clients: list[HttpClient] = []

    def factory(*steps: Step, **options: Any) -> tuple[HttpClient, ScriptedSession]:
        session = ScriptedSession(*steps)
        settings: dict[str, Any] = {
            "auth_headers": {"Api-Key": KEY, "Api-Username": "system"},
            "session": session,
            "sleep": clock.sleep,
            "monotonic": clock.monotonic,
            "jitter": lambda: 0.5,
        }
        settings.update(options)
        client = HttpClient(settings.pop("base_url", URL), **settings)
        clients.append(client)
        return client, session

    yield factory
    for client in clients:
        client.close()
        client._session.close()


# -- addresses and TLS -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://forum.example.org/",
        "http://localhost:4200",
        "http://127.0.0.1:9",
        "http://127.8.9.10",
        "http://[::1]:80",
    ],
)
def test_allowed_addresses(url: str) -> None:
    assert check_base_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["http://forum.example.org", "http://10.0.0.1", "ftp://x.org", "forum.example.org", "http://"]
)
def test_refused_addresses(url: str) -> None:
    with pytest.raises(InsecureConnection) as info:
        check_base_url(url)
    assert isinstance(info.value, ValueError)  # forms may catch ValueError
    assert "http" in info.value.message


def test_every_call_has_timeouts_tls_user_agent_and_auth(make: Any) -> None:
    insecure = ScriptedSession(response(200, {"ok": True}))
    insecure.verify = False  # even a session configured to skip TLS checks is overridden
    client, _ = make(timeouts=Timeouts(connect=5, read=20), session=insecure)
    session = insecure
    assert client.get_json("/latest.json", {"page": 1}) == {"ok": True}
    (call,) = session.calls
    assert call["timeout"] == (5, 20)
    assert call["verify"] is True and session.verify is True
    assert call["allow_redirects"] is False
    assert call["headers"]["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("CommunityModerator/") and USER_AGENT.endswith(" (+desktop)")
    assert call["headers"]["Api-Key"] == KEY
    assert call["url"] == "https://forum.example.org/latest.json"
    insecure.close()


def test_default_timeouts() -> None:
    assert Timeouts() == Timeouts(connect=5.0, read=20.0)


def test_tls_failure_is_not_retried(make: Any) -> None:
    client, session = make(requests.exceptions.SSLError("certificate verify failed"))
    with pytest.raises(InsecureConnection, match="certificate"):
        client.get_json("/latest.json")
    assert len(session.calls) == 1


# -- retries ----------------------------------------------------------------------------------------


def test_get_retries_connection_errors_with_exponential_backoff(make: Any, clock: FakeClock) -> None:
    reset = requests.ConnectionError(
        "('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))"
    )
    client, session = make(reset, requests.ReadTimeout("read timed out"), reset, response(200, {"a": 1}))
    assert client.get_json("/x.json") == {"a": 1}
    assert len(session.calls) == 4 and client.requests_made == 4
    assert clock.sleeps == [1.5, 2.5, 4.5]  # 1, 2, 4 s plus jitter (0.5 x base)


def test_get_gives_up_with_offline(make: Any, clock: FakeClock) -> None:
    reset = requests.ConnectionError(
        "('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))"
    )
    client, session = make(*[reset] * 4)
    with pytest.raises(Offline) as info:
        client.get_json("/x.json")
    assert "was cut" in info.value.message and "local copy is intact" in info.value.message
    assert len(session.calls) == 4


@pytest.mark.parametrize(
    "failure",
    [
        "[Errno 111] Connection refused",
        "Failed to resolve 'nowhere.invalid' ([Errno -2] Name or service not known)",
    ],
)
def test_a_refused_connection_or_unknown_host_is_reported_at_once(
    make: Any, clock: FakeClock, failure: str
) -> None:
    """Nobody listens there: retrying made the user wait 7-10 s (F5 to the offline banner) for the same verdict."""
    client, session = make(*[requests.ConnectionError(failure)] * 4)
    with pytest.raises(Offline) as info:
        client.get_json("/x.json")
    assert len(session.calls) == 1 and clock.sleeps == []
    assert info.value.template is not None and info.value.tail is not None  # translatable, tail apart


def test_unknown_host_message(make: Any) -> None:
    dns = requests.ConnectionError(
        "Failed to resolve 'nowhere.invalid' ([Errno -2] Name or service not known)"
    )
    client, _ = make(*[dns] * 4)
    with pytest.raises(Offline, match="could not be found"):
        client.get_json("/x.json")


def test_post_is_never_retried_unless_safe(make: Any) -> None:
    client, session = make(requests.ConnectionError("reset"))
    with pytest.raises(Offline):
        client.post_json("/posts.json", {"raw": "hello"})
    assert len(session.calls) == 1
    client, session = make(response(502, text="<html>502</html>"))
    with pytest.raises(ServerError):
        client.post_json("/posts.json", {"raw": "hello"})
    assert len(session.calls) == 1
    client, session = make(requests.ConnectionError("reset"), response(200, {"id": 1}))
    assert client.post_json("/drafts.json", {"k": 1}, retry_safe=True) == {"id": 1}
    assert len(session.calls) == 2


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_retried(make: Any, status: int) -> None:
    client, session = make(response(status, text="<html>bad gateway</html>"), response(200, {"ok": 1}))
    assert client.get_json("/x.json") == {"ok": 1}
    client, session = make(*[response(status, text="<html>down</html>")] * 4)
    with pytest.raises(ServerError) as info:
        client.get_json("/x.json")
    assert info.value.status == status and len(session.calls) == 4


def test_internal_server_error_is_not_hammered(make: Any) -> None:
    client, session = make(response(500, text="<html>oops</html>"))
    with pytest.raises(ServerError, match="HTTP 500"):
        client.get_json("/x.json")
    assert len(session.calls) == 1


def test_cut_off_body_is_retried_then_malformed(make: Any) -> None:
    cut = requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead(10 bytes read)")
    client, _ = make(cut, response(200, {"ok": 1}))
    assert client.get_json("/x.json") == {"ok": 1}
    client, _ = make(*[cut] * 4)
    with pytest.raises(MalformedResponse, match="cut off"):
        client.get_json("/x.json")


# -- 429 ---------------------------------------------------------------------------------------------


def test_429_retry_after_header(make: Any, clock: FakeClock) -> None:
    limited = response(429, {"errors": ["slow"], "error_type": "rate_limit"}, headers={"Retry-After": "7"})
    client, session = make(limited, response(200, {"ok": 1}))
    assert client.get_json("/x.json") == {"ok": 1}
    assert clock.sleeps == [7.0] and len(session.calls) == 2


def test_429_json_wait_seconds(make: Any, clock: FakeClock) -> None:
    body = {
        "errors": ["wait"],
        "error_type": "rate_limit",
        "extras": {"wait_seconds": 37, "time_left": "37 seconds"},
    }
    client, _ = make(response(429, body), response(200, {"ok": 1}))
    assert client.get_json("/x.json") == {"ok": 1}
    assert clock.sleeps == [37.0]


def test_429_http_date_retry_after(make: Any, clock: FakeClock) -> None:
    limited = response(429, None, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    client, _ = make(limited, response(200, {"ok": 1}))
    assert client.get_json("/x.json") == {"ok": 1}
    assert clock.sleeps == []  # a date in the past: no wait


@pytest.mark.parametrize(
    "limited",
    [
        response(429, text="Slow down, too many requests from this IP address."),
        response(429, text="<html><head><title>429 Too Many Requests</title></head></html>"),
    ],
)
def test_429_without_wait_backs_off_11s_doubling(
    make: Any, clock: FakeClock, limited: requests.Response
) -> None:
    client, session = make(limited, limited, limited, limited)
    with pytest.raises(RateLimited) as info:
        client.get_json("/x.json")
    assert clock.sleeps == [11.0, 22.0, 44.0]
    assert info.value.wait_seconds == 88.0 and len(session.calls) == 4
    assert "slow down" in info.value.message


def test_429_longer_than_the_patience_raises_at_once(make: Any, clock: FakeClock) -> None:
    limited = response(429, {"extras": {"wait_seconds": 3600}}, headers={"Retry-After": "3600"})
    client, session = make(limited)
    with pytest.raises(RateLimited) as info:
        client.get_json("/x.json")
    assert info.value.wait_seconds == 3600 and clock.sleeps == [] and "60 minutes" in info.value.message


def test_429_on_post_is_retried(make: Any, clock: FakeClock) -> None:
    client, session = make(response(429, None, headers={"Retry-After": "2"}), response(200, {"id": 5}))
    assert client.post_json("/posts.json", {"raw": "x"}) == {"id": 5}
    assert len(session.calls) == 2


def test_429_holds_off_the_whole_budget(make: Any, clock: FakeClock) -> None:
    budget = RateBudget([RateLimit(100, 60)], monotonic=clock.monotonic)
    client, _ = make(response(429, None, headers={"Retry-After": "30"}), response(200, {}), budget=budget)
    client.get_json("/x.json")
    assert sum(clock.sleeps) == pytest.approx(30.0)


# -- budget ------------------------------------------------------------------------------------------


def test_user_key_budget_waits_instead_of_exceeding(make: Any, clock: FakeClock) -> None:
    budget = RateBudget(USER_KEY_LIMITS, monotonic=clock.monotonic)
    client, _ = make(*[response(200, {})] * 25, budget=budget)
    for _ in range(20):
        client.get_json("/x.json")
    assert clock.sleeps == []  # a full minute's budget at start
    client.get_json("/x.json")
    assert clock.sleeps == [pytest.approx(3.0)]  # 20/min refills one token every 3 s
    for _ in range(4):
        client.get_json("/x.json")
    assert sum(clock.sleeps) == pytest.approx(15.0)


def test_daily_budget(clock: FakeClock) -> None:
    budget = RateBudget([RateLimit(20, 60), RateLimit(30, 86400)], monotonic=clock.monotonic)
    for _ in range(30):
        budget.acquire(clock.sleep)
    before = clock.now
    budget.acquire(clock.sleep)
    assert 86400 / 30 - 60 < clock.now - before <= 86400 / 30  # the day's 30 were spent in ~30 s


def test_budget_wait_is_interruptible(make: Any, clock: FakeClock) -> None:
    cancel = threading.Event()
    budget = RateBudget([RateLimit(1, 60)], monotonic=clock.monotonic)

    def cancelling_sleep(seconds: float) -> None:
        cancel.set()

    client, session = make(response(200, {}), budget=budget, sleep=cancelling_sleep)
    client.get_json("/x.json", cancel=cancel)
    with pytest.raises(Cancelled):
        client.get_json("/x.json", cancel=cancel)
    assert len(session.calls) == 1


def test_real_wait_wakes_up_on_cancel() -> None:
    cancel = threading.Event()
    budget = RateBudget([RateLimit(1, 3600)])
    session = ScriptedSession(response(200, {}))
    with HttpClient(URL, session=session, budget=budget) as client:
        client.get_json("/x.json")
        threading.Timer(0.05, cancel.set).start()
        with pytest.raises(Cancelled):
            client.get_json("/x.json", cancel=cancel)  # would wait an hour
    session.close()


def test_shared_budgets_by_key() -> None:
    admin_a = budget_key("discourse-admin", "https://Forum.example.org/")
    admin_b = budget_key("discourse-admin", "https://forum.example.org")
    assert admin_a == admin_b == "discourse-admin:forum.example.org"
    assert shared_budget(admin_a, [RateLimit(60, 60)]) is shared_budget(admin_b, [RateLimit(60, 60)])
    user = budget_key("discourse-user", URL, KEY)
    assert KEY not in user and user != budget_key("discourse-user", URL, KEY + "x")
    assert shared_budget(user, None) is None


# -- error mapping ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (response(401, {"errors": ["log in"], "error_type": "not_logged_in"}), AuthenticationError),
        (
            response(
                403,
                {
                    "errors": [
                        "You are not permitted to view the requested resource. The API username or key is invalid."
                    ],
                    "error_type": "invalid_access",
                },
            ),
            AuthenticationError,
        ),
        (
            response(403, {"errors": ["You need to be logged in"], "error_type": "not_logged_in"}),
            AuthenticationError,
        ),
        (
            response(403, {"errors": ["You are not permitted"], "error_type": "invalid_access"}),
            PermissionDenied,
        ),
        (recorded(rec.recording(rec.NOT_FOUND_JSON)), NotFound),
        (recorded(rec.recording(rec.NOT_FOUND_HTML)), NotFound),
        (recorded(rec.recording(rec.UNPROCESSABLE_HTML)), RequestRejected),
        (response(422, {"errors": ["Body is too short"], "error_type": "record_invalid"}), RequestRejected),
        (response(418, text="teapot"), PlatformError),
        (response(200, text="<html>maintenance</html>"), MalformedResponse),
        (response(200, ["a", "list"]), MalformedResponse),
    ],
)
def test_error_mapping(make: Any, answer: requests.Response, error: type[PlatformError]) -> None:
    client, session = make(answer)
    with pytest.raises(error) as info:
        client.get_json("/x.json")
    assert type(info.value) is error
    assert info.value.message and len(session.calls) == 1


def test_rejection_carries_the_servers_reasons(make: Any) -> None:
    client, _ = make(response(422, {"errors": ["Body is too short (minimum is 20 characters)"]}))
    with pytest.raises(RequestRejected) as info:
        client.post_json("/posts.json", {"raw": "hi"})
    assert info.value.reasons == ("Body is too short (minimum is 20 characters)",)


def test_wrong_type_expected(make: Any) -> None:
    client, _ = make(response(200, {"a": 1}))
    with pytest.raises(MalformedResponse, match="JSON list"):
        client.get_json("/admin/users/list/active.json", expect=list)


def test_same_site_redirect_is_followed(make: Any) -> None:
    redirect = recorded(rec.recording(rec.REDIRECT))
    redirect.headers["Location"] = "https://forum.example.org/t/test-topic/23.json"
    client, session = make(redirect, response(200, {"id": 23}), base_url=URL)
    assert client.get_json("/t/external_id/external_id.json") == {"id": 23}
    assert session.calls[1]["url"] == "https://forum.example.org/t/test-topic/23.json"


def test_redirect_to_another_site_keeps_the_key_home(make: Any) -> None:
    client, session = make(response(302, None, headers={"Location": "https://evil.example.com/steal"}))
    with pytest.raises(PlatformError, match="another site"):
        client.get_json("/x.json")
    assert len(session.calls) == 1


# -- secrets -------------------------------------------------------------------------------------------


def test_secrets_do_not_show_in_reprs(make: Any) -> None:
    client, _ = make()
    assert KEY not in repr(client) and "Api-Key" in repr(client)


def test_redaction_filter_blanks_registered_secrets(caplog: pytest.LogCaptureFixture) -> None:
    SECRETS.register(KEY)
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("urllib3.connectionpool").debug("header %s leaked", KEY)
        logging.getLogger("moderator.platforms.http").debug("key=%s", KEY)
    assert KEY not in caplog.text and "[REDACTED]" in caplog.text


def test_json_cut_short_is_retried_then_malformed(make: Any) -> None:
    cut = response(200, None)
    cut._content = b'{"topic_list": {"topics": [{"id": 1, "ti'
    client, session = make(cut, response(200, {"ok": 1}))
    assert client.get_json("/x.json") == {"ok": 1}
    client, session = make(*[cut] * 4)
    with pytest.raises(MalformedResponse, match="cut off"):
        client.get_json("/x.json")
    assert len(session.calls) == 4
    client, session = make(cut)
    with pytest.raises(MalformedResponse):
        client.post_json("/posts.json", {"raw": "x"})
    assert len(session.calls) == 1
