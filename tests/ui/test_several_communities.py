"""Several communities side by side, as a power user runs them (the accounts issue's "done when").

Two sandbox servers (two different generated communities) are added as ordinary Discourse accounts
signed in with user API keys kept in the keyring, plus a third account whose site is down. In the
real main window: both sandboxes sync, the failing one says what is wrong without stopping them, the
unified Unanswered queue mixes both communities, and no key appears anywhere in the data directory
or the logs.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator import accounts, insights
from moderator.bootstrap import AppContext, open_context
from moderator.model import AuthKind, Community, Platform
from moderator.sandbox import SANDBOX_USERNAME, SandboxServer
from ui.main_window import MainWindow
from ui.sidebar_model import BADGE_ROLE, KEY_ROLE
from ui.sync_controller import SyncController, SyncState
from ui.tasks import TaskManager

SYNC_TIMEOUT = 90_000  # ms; two sandbox syncs take a few seconds


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def servers() -> Iterator[tuple[SandboxServer, SandboxServer]]:
    first = SandboxServer(seed=7, port=0).start()
    second = SandboxServer(seed=11, port=0).start()
    yield first, second
    first.stop()
    second.stop()


@pytest.fixture
def ctx(servers: tuple[SandboxServer, SandboxServer]) -> Iterator[tuple[AppContext, list[str]]]:
    context = open_context(with_sandbox=False)
    keys = []
    for name, server in zip(("north", "south"), servers, strict=True):
        key = server.create_user_api_key(SANDBOX_USERNAME)
        keys.append(key)
        accounts.add_account(
            context.store,
            Community(
                name=name,
                platform=Platform.DISCOURSE,
                base_url=server.url,
                username=SANDBOX_USERNAME,
                auth_kind=AuthKind.USER_KEY,
                # Like a site whose admin raised the user-key limits: the default 20 requests a
                # minute would make a first sync of ~100 requests take five minutes.
                settings={"rate_limits": [[600, 60]]},
            ),
            key,
        )
    down_key = "k" * 64
    keys.append(down_key)
    accounts.add_account(
        context.store,
        Community(
            name="down",
            platform=Platform.DISCOURSE,
            base_url=f"http://127.0.0.1:{_closed_port()}",
            username="someone",
            auth_kind=AuthKind.USER_KEY,
        ),
        down_key,
    )
    yield context, keys
    context.close()


def test_two_sandboxes_and_a_dead_site_in_one_window(
    qtbot, ctx: tuple[AppContext, list[str]], data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    context, keys = ctx
    caplog.set_level(logging.DEBUG)
    tasks = TaskManager()
    controller = SyncController(context, tasks)
    window = MainWindow(context, tasks, controller)
    qtbot.addWidget(window)
    window.show()
    try:
        with qtbot.waitSignal(controller.all_idle, timeout=SYNC_TIMEOUT):
            controller.start_schedule()

        by_name = {c.name: c for c in context.store.communities()}
        states = {name: controller.status(c.id).state for name, c in by_name.items()}  # type: ignore[arg-type,union-attr]
        assert states["north"] == SyncState.SYNCED
        assert states["south"] == SyncState.SYNCED
        assert states["down"] in (SyncState.OFFLINE, SyncState.ERROR)
        down_status = controller.status(by_name["down"].id)  # type: ignore[arg-type]
        assert down_status is not None and down_status.message  # says what is wrong, in words
        assert context.store.counts(by_name["north"].id)["topics"] > 100
        assert context.store.counts(by_name["south"].id)["topics"] > 100

        # One unified queue: the Unanswered view over every community mixes both sandboxes.
        window.choose("unanswered")
        view = window.view("unanswered")
        assert view is not None
        qtbot.waitUntil(lambda: not view.busy() and view.model.rowCount() > 0, timeout=SYNC_TIMEOUT)  # type: ignore[attr-defined]
        shown = {view.model.row_object(r).community_name for r in range(view.model.rowCount())}  # type: ignore[attr-defined]
        assert shown == {"north", "south"}
        core = insights.unanswered_topics(context.store)
        assert {row.community_name for row in core} == {"north", "south"}

        # Each community's own badge in the sidebar counts its topics in the queue.
        badges = {}
        model = window.sidebar.sidebar_model
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            badges[index.data(KEY_ROLE)] = index.data(BADGE_ROLE)
        for name in ("north", "south"):
            expected = sum(1 for row in core if row.community_name == name)
            assert badges[f"community:{by_name[name].id}"] == expected > 0
    finally:
        window.shutdown()

    # No secret anywhere: not in any file of the data directory (database, WAL, logs), nor in the logs.
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for key in keys:
                assert key.encode() not in content, f"a key leaked into {path}"
    for key in keys:
        assert key not in caplog.text
