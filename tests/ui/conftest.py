"""GUI test fixtures. ``tests/conftest.py`` already redirects the data directory; here dialogs are
recorded instead of shown, the keyring lives in memory, links are never sent to a browser, and every
window is shut down (workers joined, store closed) after its test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ui_fakes import GatedSync, add_community, fake_connect, fill

from moderator.bootstrap import AppContext, open_context
from ui import dialogs, reading_pane
from ui.main_window import MainWindow
from ui.sync_controller import SyncController
from ui.tasks import TaskManager


@pytest.fixture(autouse=True)
def no_dialogs() -> Iterator[list[dialogs.Shown]]:
    dialogs.set_enabled(False)
    dialogs.shown.clear()
    yield dialogs.shown
    dialogs.shown.clear()
    dialogs.set_enabled(True)


@pytest.fixture(autouse=True)
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Links and "Open in browser" are recorded, never sent to a real browser."""
    urls: list[object] = []
    monkeypatch.setattr(reading_pane, "open_external", lambda url: urls.append(url) or True)
    return urls


@pytest.fixture
def ctx() -> Iterator[AppContext]:
    context = open_context(with_sandbox=False)
    yield context
    context.close()


@pytest.fixture
def filled(ctx: AppContext) -> AppContext:
    fill(ctx.store, add_community(ctx.store, "acme", title="Acme Ideas"))
    return ctx


@pytest.fixture
def gated_sync() -> Iterator[GatedSync]:
    sync = GatedSync()
    yield sync
    sync.release.set()


@pytest.fixture
def make_window(qtbot, filled: AppContext, gated_sync: GatedSync):  # type: ignore[no-untyped-def]
    """Builds a main window over the hand-filled store with a controllable sync."""
    made: list[tuple[MainWindow, TaskManager]] = []

    def make(*, minute_ms: int = 60_000, sync_fn: object = None) -> MainWindow:
        tasks = TaskManager()
        controller = SyncController(
            filled, tasks, sync_fn=sync_fn or gated_sync, connect=fake_connect, minute_ms=minute_ms
        )
        window = MainWindow(filled, tasks, controller)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # window-wide shortcuts (j, k, /, g u) need the active window
            window.show()
            window.activateWindow()
        made.append((window, tasks))
        if window.current_key == "all":  # (the window reopens where the last one in this data dir left)
            topics = filled.store.counts()["topics"]
            view = window.view("topics")
            assert view is not None
            qtbot.waitUntil(lambda: view.model.rowCount() == topics)  # type: ignore[attr-defined]  # loaded in a job
        return window

    yield make
    for window, tasks in made:
        window.shutdown()
        tasks.deleteLater()


# The offscreen platform plugin cannot pass size hints to a window system it does not have and says
# so (a qWarning) whenever a top-level window gets a minimum size, which every QMainWindow does. That
# one message, and only it, is not ours to fix.
OFFSCREEN_SIZE_HINTS = "This plugin does not support propagateSizeHints()"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_SIZE_HINTS))
