"""The window against the real in-process sandbox community, synced by the real engine.

A newcomer's first minute: the sandbox is synced in the background, its topics are listed, a topic
reads in the pane, the status bar says "synced"; an unreachable community is offline in words while
the sandbox stays fine; cancel works; the event loop keeps running during the sync.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer

from moderator import secrets
from moderator.bootstrap import AppContext, open_context
from moderator.model import AuthKind, Community, Platform
from moderator.store import plain_text
from ui.main_window import FIRST_LAUNCH_BANNER, MainWindow
from ui.sync_controller import SyncController, SyncState
from ui.tasks import TaskManager
from ui.topic_model import Column
from ui.topic_view import TopicListView

SYNC_TIMEOUT = 60_000  # ms: a full sandbox sync takes a couple of seconds


@pytest.fixture
def sandbox_ctx() -> Iterator[AppContext]:
    context = open_context()  # with the sandbox community, as at first launch
    yield context
    context.close()


@pytest.fixture
def window(qtbot, sandbox_ctx: AppContext) -> Iterator[MainWindow]:
    tasks = TaskManager()
    controller = SyncController(sandbox_ctx, tasks)
    win = MainWindow(sandbox_ctx, tasks, controller)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    yield win
    win.shutdown()


def _closed_port() -> int:
    """A local port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _sync(qtbot, window: MainWindow) -> None:
    """Sync, then wait until the list shows what the store holds (it loads in a job)."""
    with qtbot.waitSignal(window.controller.all_idle, timeout=SYNC_TIMEOUT):
        window.controller.start_schedule()
    view = window.view("topics")
    assert isinstance(view, TopicListView)
    qtbot.waitUntil(lambda: view.model.rowCount() == window.ctx.store.counts()["topics"])


def _topics(window: MainWindow) -> TopicListView:
    view = window.current_view()
    assert isinstance(view, TopicListView)
    return view


def test_first_launch_lists_the_sandbox_topics(qtbot, window: MainWindow, sandbox_ctx: AppContext) -> None:
    assert FIRST_LAUNCH_BANNER in window.banners.shown_keys()
    _sync(qtbot, window)
    view = _topics(window)
    count = sandbox_ctx.store.counts()["topics"]
    assert count > 50
    assert view.proxy.rowCount() == count
    assert sandbox_ctx.sandbox is not None
    some_title = next(iter(sandbox_ctx.sandbox.world.topics.values())).title
    titles = {view.proxy.index(r, Column.TITLE).data() for r in range(view.proxy.rowCount())}
    assert some_title in titles
    assert "sandbox · synced" in window.status.state_text()
    sandbox = sandbox_ctx.store.community("sandbox")
    assert sandbox is not None and sandbox.id is not None
    assert window.controller.status(sandbox.id).state == SyncState.SYNCED  # type: ignore[union-attr]


def test_selecting_a_row_reads_its_posts(qtbot, window: MainWindow, sandbox_ctx: AppContext) -> None:
    _sync(qtbot, window)
    view = _topics(window)
    view.move_selection(1)
    ref = view.current()
    assert ref is not None and window.reading.ref == ref
    posts = sandbox_ctx.store.posts(ref.community_id, ref.topic_id)
    assert posts
    text = " ".join(window.reading.browser.toPlainText().split())
    topic = sandbox_ctx.store.topic(ref.community_id, ref.topic_id)
    assert topic is not None and topic.title in text
    first_words = " ".join(plain_text(posts[0].cooked).split()[:4])
    assert first_words and first_words in text
    assert all(url.scheme() for url in window.reading.browser.refused)  # nothing loaded, nothing local


def test_unreachable_community_is_offline_while_the_sandbox_is_fine(
    qtbot, window: MainWindow, sandbox_ctx: AppContext
) -> None:
    community = sandbox_ctx.store.add_community(
        Community(
            name="acme",
            platform=Platform.DISCOURSE,
            base_url=f"http://127.0.0.1:{_closed_port()}",
            username="mod",
            auth_kind=AuthKind.USER_KEY,
            title="Acme",
        )
    )
    owner = secrets.SecretOwner.of(sandbox_ctx.store.data_id, "acme", community.base_url)
    secrets.set_secret(owner, str(AuthKind.USER_KEY), "not-a-real-key")
    window.reload_communities()
    _sync(qtbot, window)
    assert community.id is not None
    acme = window.controller.status(community.id)
    assert acme is not None and acme.state in (SyncState.OFFLINE, SyncState.ERROR)
    assert acme.message and "Traceback" not in acme.message
    sandbox = sandbox_ctx.store.community("sandbox")
    assert sandbox is not None and sandbox.id is not None
    assert window.controller.status(sandbox.id).state == SyncState.SYNCED  # type: ignore[union-attr]
    assert (
        "acme · offline" in window.status.state_text() or "acme · sync failed" in window.status.state_text()
    )
    banner = window.banners.text(f"sync:{community.id}")
    assert banner is not None and "acme" in banner
    assert FIRST_LAUNCH_BANNER not in window.banners.shown_keys()  # a real account exists now
    assert _topics(window).proxy.rowCount() == sandbox_ctx.store.counts()["topics"]


def test_cancel_stops_the_real_sync(qtbot, window: MainWindow, sandbox_ctx: AppContext) -> None:
    with qtbot.waitSignal(window.controller.finished, timeout=SYNC_TIMEOUT) as blocker:
        window.controller.sync_all()
        assert window.status.cancel_button.isVisible()
        window.status.cancel_button.click()
    assert blocker.args[1].cancelled
    sandbox = sandbox_ctx.store.community("sandbox")
    assert sandbox is not None and sandbox.id is not None
    status = window.controller.status(sandbox.id)
    assert status is not None and status.state == SyncState.NEVER and not status.syncing
    assert not window.status.progress.isVisible()


def test_the_event_loop_runs_during_the_sync(qtbot, window: MainWindow) -> None:
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    progress: list[int] = []
    window.controller.progress.connect(lambda *_args: progress.append(len(ticks)))
    timer.start()
    _sync(qtbot, window)
    timer.stop()
    assert len(progress) > 5  # batches arrived one by one...
    assert progress[-1] > progress[0]  # ...while the timer kept firing between them
