"""A per-test world for sync tests: a store in ``tmp_path``, an in-memory keyring, fast fake time."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from moderator.model import AuthKind, Community, Platform
from moderator.platforms import make_connector
from moderator.platforms.discourse import DiscourseConnector
from moderator.platforms.http import Timeouts
from moderator.store import Store
from tests.helpers.discourse_double import API_KEY
from tests.helpers.memory_keyring import MemoryKeyring, memory_keyring


class FakeClock:
    """``sleep`` that only moves a fake ``monotonic``: retries and rate-limit waits take no real time."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclasses.dataclass
class SyncEnv:
    store: Store
    keyring: MemoryKeyring
    clock: FakeClock
    tmp_path: Path

    def community(
        self,
        url: str,
        *,
        name: str = "double",
        auth_kind: AuthKind = AuthKind.ADMIN_KEY,
        username: str = "system",
        settings: dict[str, Any] | None = None,
    ) -> Community:
        community = Community(
            name=name,
            platform=Platform.DISCOURSE,
            base_url=url,
            username=username,
            auth_kind=auth_kind,
            settings=settings or {},
        )
        return self.store.add_community(community)

    def connector(self, community: Community, *, secret: str = API_KEY, **options: Any) -> DiscourseConnector:
        client_options: dict[str, Any] = {
            "timeouts": Timeouts(connect=0.5, read=0.3),
            "sleep": self.clock.sleep,
            "monotonic": self.clock.monotonic,
            "budget": None,
            "jitter": lambda: 0.0,
        }
        client_options.update(options)
        connector = make_connector(community, secret, client_options=client_options)
        assert isinstance(connector, DiscourseConnector)
        return connector


@contextlib.contextmanager
def sync_env(tmp_path: Path) -> Iterator[SyncEnv]:
    with memory_keyring() as backend, Store(tmp_path / "moderator.sqlite3") as store:
        yield SyncEnv(store=store, keyring=backend, clock=FakeClock(), tmp_path=tmp_path)
