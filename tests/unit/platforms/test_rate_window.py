"""The sliding-window budget (Viva Engage: never more than 10 requests in any 30 s) and routed buckets."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from moderator.platforms.base import AuthenticationError
from moderator.platforms.http import HttpClient, RateBudget, RateLimit
from tests.helpers.scripted_session import ScriptedSession, response
from tests.helpers.sync_env import FakeClock


def _sends(budget: RateBudget, clock: FakeClock, count: int) -> list[float]:
    times = []
    for _ in range(count):
        budget.acquire(clock.sleep)
        times.append(clock.now)
    return times


def test_a_window_never_lets_more_than_n_through_in_any_window() -> None:
    clock = FakeClock()
    budget = RateBudget([RateLimit(10, 30.0, window=True)], monotonic=clock.monotonic)
    times = _sends(budget, clock, 35)
    for i in range(len(times) - 10):
        assert times[i + 10] - times[i] >= 30.0
    assert times[9] == times[0]  # a full window is available at once


def test_a_token_bucket_would_have_let_19_through_in_the_first_window() -> None:
    clock = FakeClock()
    budget = RateBudget([RateLimit(10, 30.0)], monotonic=clock.monotonic)
    times = _sends(budget, clock, 20)
    assert sum(1 for t in times if t - times[0] < 30.0) == 19  # why Viva Engage uses a window


def test_routes_draw_from_their_own_bucket() -> None:
    clock = FakeClock()
    messages = RateBudget([RateLimit(1, 30.0, window=True)], monotonic=clock.monotonic)
    other = RateBudget([RateLimit(1, 30.0, window=True)], monotonic=clock.monotonic)
    session = ScriptedSession(response(200, {}), response(200, {}), response(200, {}))
    http = HttpClient(
        "https://www.yammer.com/api/v1",
        session=session,  # type: ignore[arg-type]
        budget_for=lambda path: messages if "/messages" in path else other,
        sleep=clock.sleep,
        monotonic=clock.monotonic,
    )
    http.get_json("/messages.json")
    http.get_json("/users.json")  # the other bucket: no wait
    assert clock.sleeps == []
    http.get_json("/messages/private.json")  # the messages bucket is empty: waits its window
    assert sum(clock.sleeps) == pytest.approx(30.0)


def test_a_401_renews_the_token_once_through_the_provider() -> None:
    asked: list[bool] = []

    def provider(renew: bool) -> Mapping[str, str]:
        asked.append(renew)
        return {"Authorization": f"Bearer {'new' if renew else 'old'}"}

    session = ScriptedSession(response(401, {}), response(200, {"ok": 1}))
    http = HttpClient("https://www.yammer.com/api/v1", session=session, auth_provider=provider)  # type: ignore[arg-type]
    assert http.get_json("/users/current.json") == {"ok": 1}
    assert asked == [False, True]
    assert session.calls[-1]["headers"]["Authorization"] == "Bearer new"

    session = ScriptedSession(response(401, {}), response(401, {}))
    http = HttpClient("https://www.yammer.com/api/v1", session=session, auth_provider=provider)  # type: ignore[arg-type]
    with pytest.raises(AuthenticationError):
        http.get_json("/users/current.json")
