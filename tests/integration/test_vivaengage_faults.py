"""Every fault the Viva Engage service (or what stands in front of it) produces: retried, or a typed error
with a message that says what to do, and the local copy intact."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.model import AuthKind, Community, Platform
from moderator.platforms import make_connector
from moderator.platforms.base import AuthenticationError, MalformedResponse, PlatformError, ServerError
from moderator.platforms.http import Timeouts
from moderator.store import Store
from moderator.sync import sync_community
from tests.helpers.memory_keyring import memory_keyring
from tests.helpers.vivaengage_server import Network, VivaEngageServer, running

RETRIED = ["429", "429-retry-after", "502", "503", "timeout", "truncated", "reset"]
FATAL: list[tuple[str, type[PlatformError], str]] = [
    ("401", AuthenticationError, "Sign in again"),
    ("500", ServerError, "Try again later"),
    ("html-200", MalformedResponse, "Try again"),
    ("wrong-shape", MalformedResponse, "expected shape"),
]


@pytest.fixture
def srv() -> Iterator[VivaEngageServer]:
    with running(Network(seed=3, threads=30, users=12), window=0.3, retry_after=0.2, timeout_delay=0.6) as s:
        yield s


@pytest.fixture
def synced(srv: VivaEngageServer, tmp_path: Path) -> Iterator[tuple[Store, Community]]:
    """A network synced once, with new replies waiting on the server."""
    with memory_keyring(), Store(tmp_path / "m.sqlite3") as store:
        community = store.add_community(
            Community(
                name="viva",
                platform=Platform.VIVAENGAGE,
                base_url=srv.url,
                auth_kind=AuthKind.TOKEN,
                settings={"rate_limits": [[10, 0.6]]},
            )
        )
        assert sync_community(store, community, _connector(community)).ok
        for thread_id in srv.network.public_thread_ids()[:3]:
            srv.network.reply(thread_id, list(srv.network.users)[2], "A change waiting to be synced.")
        yield store, community


def _connector(community: Community):  # type: ignore[no-untyped-def]
    return make_connector(
        community,
        "token-me",
        client_options={"timeouts": Timeouts(1.0, 0.3), "backoff_base": 0.01, "untold_429_wait": 0.3},
    )


@pytest.mark.parametrize("fault", RETRIED)
def test_transient_faults_are_retried(
    fault: str, srv: VivaEngageServer, synced: tuple[Store, Community]
) -> None:
    store, community = synced
    srv.inject_fault(r"/messages\.json", fault)
    report = sync_community(store, community, _connector(community))
    assert report.ok, report.message
    assert community.id is not None
    assert store.counts(community.id)["posts"] == len(srv.network.messages)


@pytest.mark.parametrize(("fault", "error", "words"), FATAL)
def test_other_faults_are_typed_errors_and_lose_nothing(
    fault: str,
    error: type[PlatformError],
    words: str,
    srv: VivaEngageServer,
    synced: tuple[Store, Community],
) -> None:
    store, community = synced
    assert community.id is not None
    before = store.counts(community.id), store.sync_cursor(community.id)
    srv.inject_fault(r"/messages\.json", fault, times=5)
    report = sync_community(store, community, _connector(community))
    assert isinstance(report.error, error), report.message
    assert words in report.error.message
    assert report.bug is None
    assert (store.counts(community.id), store.sync_cursor(community.id)) == before
    assert store.community(community.id).last_sync_error == report.error.message  # type: ignore[union-attr]


def test_a_private_community_left_is_skipped(srv: VivaEngageServer, synced: tuple[Store, Community]) -> None:
    store, community = synced
    group = next(g for g in srv.network.groups.values() if g.private)
    group.members.discard(srv.network.me)
    report = sync_community(store, community, _connector(community))
    assert report.ok, report.message
