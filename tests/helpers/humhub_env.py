"""A store, a HumHub community on the HumHub double, and a connector with fake time (no real sleeps)."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from moderator.model import AuthKind, Community, Platform
from moderator.platforms import make_connector
from moderator.platforms.http import Timeouts
from moderator.platforms.humhub.connector import HumHubConnector
from moderator.store import Store
from tests.helpers.humhub_double import ADMIN_TOKEN, HumHubDouble, World, running
from tests.helpers.memory_keyring import memory_keyring
from tests.helpers.sync_env import FakeClock


@dataclasses.dataclass
class HumHubEnv:
    store: Store
    double: HumHubDouble
    clock: FakeClock

    @property
    def world(self) -> World:
        return self.double.world

    def community(self, *, name: str = "hub", settings: dict[str, Any] | None = None) -> Community:
        return self.store.add_community(
            Community(
                name=name,
                platform=Platform.HUMHUB,
                base_url=self.double.url,
                auth_kind=AuthKind.TOKEN,
                settings=settings or {},
            )
        )

    def connector(self, community: Community, *, token: str = ADMIN_TOKEN, **options: Any) -> HumHubConnector:
        client_options: dict[str, Any] = {
            "timeouts": Timeouts(connect=1.0, read=1.0),  # pages of 100 posts take a while on a busy CI
            "sleep": self.clock.sleep,
            "monotonic": self.clock.monotonic,
            "budget": None,
            "jitter": lambda: 0.0,
        }
        client_options.update(options)
        connector = make_connector(community, token, client_options=client_options)
        assert isinstance(connector, HumHubConnector)
        return connector


@contextlib.contextmanager
def humhub_env(tmp_path: Path, world: World | None = None, **double_options: Any) -> Iterator[HumHubEnv]:
    with (
        memory_keyring(),
        Store(tmp_path / "moderator.sqlite3") as store,
        running(world or World(seed=5, users=30, spaces=3, posts=40), **{"timeout_delay": 1.5, **double_options}) as double,
    ):
        yield HumHubEnv(store=store, double=double, clock=FakeClock())
