"""A server that misbehaves costs bounded memory and time, and hurts only its own community.

Against ``tests.helpers.hostile_server`` (raw sockets on 127.0.0.1): an endless body, a body announced
at 100 GB, a server that drips one byte at a time into the headers or the body, JSON nested 200,000
levels deep.
"""

from __future__ import annotations

import re
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.platforms.base import MalformedResponse, Offline
from moderator.platforms.http import HttpClient, Timeouts
from moderator.sync import sync_all
from tests.helpers.discourse_double import DiscourseDouble, World, running
from tests.helpers.hostile_server import HostileServer, Route, hostile_server
from tests.helpers.sync_env import SyncEnv, sync_env

CAP = 1024 * 1024


@pytest.fixture
def env(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path) as e:
        yield e


def client(server: HostileServer, **timeouts: float) -> HttpClient:
    return HttpClient(
        server.url,
        timeouts=Timeouts(**{"connect": 2.0, "read": 5.0, "total": 20.0, **timeouts}),
        max_body_bytes=CAP,
        sleep=lambda s: None,
    )


def wait_for_hang_up(server: HostileServer) -> int:
    # The server thread notices the closed socket on its next send, then records the connection.
    assert server.connection_done.wait(10), "the server never saw the client hang up"
    return server.sent[0]


def test_an_endless_body_is_cut_at_the_cap_with_bounded_memory() -> None:
    with hostile_server({"/latest.json": Route("endless", give_up_after=4.0)}) as server:
        http = client(server)
        tracemalloc.start()
        try:
            with pytest.raises(MalformedResponse) as info:
                http.get_json("/latest.json")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert "larger than 1 MB" in info.value.message
        assert peak < 4 * CAP, f"peak {peak / 1e6:.1f} MB for a cap of 1 MB"
        sent = wait_for_hang_up(server)
        assert sent < 16 * CAP, f"the client read on: the server sent {sent / 1e6:.0f} MB"
        assert len(server.requests) == 1, "a body past the cap is not asked for again"


def test_a_body_announced_too_large_is_not_read() -> None:
    with hostile_server({"/latest.json": Route("huge-announced", give_up_after=4.0)}) as server:
        with pytest.raises(MalformedResponse):
            client(server).get_json("/latest.json")
        assert wait_for_hang_up(server) < 16 * CAP


@pytest.mark.parametrize("mode", ["drip-body", "drip-headers"])
def test_a_dripping_server_meets_the_total_deadline(mode: str) -> None:
    with hostile_server({"/latest.json": Route(mode, drip_interval=0.1, give_up_after=12.0)}) as server:
        http = client(server, total=1.5)
        started = time.monotonic()
        with pytest.raises(Offline) as info:
            http.get_json("/latest.json")
        elapsed = time.monotonic() - started
        assert elapsed < 4.0, f"gave up after {elapsed:.1f} s"
        assert "longer than 2 s" in info.value.message or "longer than 1 s" in info.value.message
        assert len(server.requests) == 1, "a server that slow is not asked again at once"


def test_json_nested_too_deep_is_a_malformed_answer() -> None:
    with hostile_server({"/latest.json": Route("deep-json", depth=200_000)}) as server:
        with pytest.raises(MalformedResponse) as info:
            client(server).get_json("/latest.json")
        assert "nested too deeply" in info.value.message


def test_a_hostile_community_does_not_stop_the_others(env: SyncEnv) -> None:
    routes = {
        "/session/current.json": Route("json", {"current_user": {"id": 1, "username": "system"}}),
        "/u/system.json": Route("json", {"user": {"id": -1, "username": "system", "admin": True}}),
        "/site.json": Route("json", {"categories": []}),
        "/latest.json": Route("deep-json", depth=200_000),
    }
    with hostile_server(routes) as server, running(World(seed=3, topics=12)) as double:
        hostile = env.community(server.url, name="hostile")
        good = env.community(double.url, name="good")
        connectors = [env.connector(hostile), env.connector(good)]
        reports = sync_all(env.store, connectors)
        for connector in connectors:
            connector.close()
    bad_report, good_report = reports
    assert bad_report.bug is None and isinstance(bad_report.error, MalformedResponse)
    assert "nested too deeply" in bad_report.message
    assert good_report.ok, good_report.message
    assert env.store.counts(good.id)["topics"] == 12
    assert isinstance(double, DiscourseDouble)


def test_the_sync_command_goes_on_after_a_hostile_community(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from moderator import accounts, cli, paths
    from moderator.model import AuthKind
    from moderator.store import Store
    from tests.helpers.discourse_double import API_KEY

    routes = {
        "/u/system.json": Route("json", {"user": {"id": -1, "username": "system", "admin": True}}),
        "/site.json": Route("json", {"categories": []}),
        "/latest.json": Route("deep-json", depth=200_000),
    }
    with hostile_server(routes) as server, running(World(seed=3, topics=12)) as double:
        with Store(paths.database_path()) as store:
            for name, url in (("hostile", server.url), ("good", double.url)):
                community = accounts.new_community(
                    name=name, site=url, auth_kind=AuthKind.ADMIN_KEY, username="system"
                )
                accounts.add_account(store, community, API_KEY)
        assert cli.main(["sync", "hostile", "good"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "hostile: sync failed: The server's answer to /latest.json was nested too deeply" in captured.err
    assert re.match(r"good: \d+ topics, \d+ posts", captured.out)
