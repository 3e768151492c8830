"""Screenshots of the real app on the sandbox community, for the docs and for reviewing the look.

``render_screenshots(out_dir)`` starts the app offscreen on a temporary data directory, waits on the
event loop (never a fixed sleep) until the first sync of the sandbox finished, selects a topic worth
reading (a conversation with quotes), and saves ``main-window.png`` (1400x860), its dark twin, and
one picture per view that exists. ``python main.py screenshots --out DIR`` calls ``main``.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from moderator import paths

if TYPE_CHECKING:
    from ui.app import Running

log = logging.getLogger(__name__)

SIZE = (1400, 860)
SYNC_TIMEOUT_MS = 180_000  # a safety net if the sandbox never answers, not a wait


def _wait_for_sync(running: Running) -> None:
    controller = running.controller
    if not controller.is_syncing():
        return
    loop = QEventLoop()
    controller.all_idle.connect(loop.quit)
    QTimer.singleShot(SYNC_TIMEOUT_MS, loop.quit)
    loop.exec()


def _wait_for_list(view: object, expected: int) -> None:
    """Until the Topics list shows ``expected`` rows (it loads in a job after the sync)."""
    from ui.topic_view import TopicListView

    assert isinstance(view, TopicListView)
    if view.model.rowCount() == expected:
        return
    loop = QEventLoop()
    view.refreshed.connect(lambda: view.model.rowCount() == expected and loop.quit())
    QTimer.singleShot(SYNC_TIMEOUT_MS, loop.quit)
    loop.exec()


def _wait_until_idle(view: object) -> None:
    """Until a view that computes in the background (``busy()``) has its rows: a bounded poll."""
    busy = getattr(view, "busy", None)
    if busy is None:
        return
    deadline = QDeadlineTimer(SYNC_TIMEOUT_MS)
    app = QApplication.instance()
    assert app is not None
    while busy() and not deadline.hasExpired():
        app.processEvents(
            QEventLoop.ProcessEventsFlag.AllEvents | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
        )


def _settle() -> None:
    """Let pending layout, refresh and paint events run before grabbing."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def interesting_topic(store: object) -> tuple[int, str] | None:
    """A recent conversation with replies and, if possible, a quote: what a moderator would read."""
    from moderator.store import Store

    assert isinstance(store, Store)
    row = (
        store.read()
        .execute(
            "SELECT t.community_id, t.id FROM topics t"
            " WHERE t.archetype = 'regular' AND t.reply_count BETWEEN 3 AND 8 AND EXISTS ("
            "   SELECT 1 FROM posts p WHERE p.community_id = t.community_id AND p.topic_id = t.id"
            "   AND p.cooked LIKE '%class=\"quote%')"
            " ORDER BY t.bumped_at DESC LIMIT 1"
        )
        .fetchone()
    )
    if row is None:
        row = (
            store.read()
            .execute(
                "SELECT community_id, id FROM topics WHERE reply_count > 0 ORDER BY bumped_at DESC LIMIT 1"
            )
            .fetchone()
        )
    return None if row is None else (int(row[0]), str(row[1]))


def render_screenshots(out_dir: Path) -> list[Path]:
    """Render the app's screenshots into ``out_dir``; returns the files written."""
    from ui import app as app_module
    from ui import theme, views
    from ui.topic_view import TopicListView

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    previous_dir = paths._override
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="moderator-screenshots-") as tmp:
        paths.set_data_dir(tmp)
        running = app_module.start([], sync_at_start=True, dark=False)
        try:
            window = running.window
            window.resize(*SIZE)
            _wait_for_sync(running)
            window.choose("all")
            view = window.current_view()
            _wait_for_list(view, window.ctx.store.counts()["topics"])
            _settle()
            picked = interesting_topic(window.ctx.store)
            if isinstance(view, TopicListView) and picked is not None:
                view.select(views.TopicRef(*picked))
                view.table.setFocus()
            _settle()
            written.append(_save(window, out_dir / "main-window.png"))

            theme.apply(running.app, dark=True)
            _settle()
            written.append(_save(window, out_dir / "main-window-dark.png"))
            theme.apply(running.app, dark=False)

            for spec in views.registered():
                if spec.factory is None or spec.key == "topics" or not spec.in_sidebar:
                    continue
                window.choose(spec.key)
                _wait_until_idle(window.view(spec.key))
                shown = window.view(spec.key)
                if shown is not None and shown.current() is None:
                    shown.move_selection(1)  # the first row in the reading pane, as a user would see it
                _settle()
                written.append(_save(window, out_dir / f"view-{spec.key}.png"))
        finally:
            app_module.stop(running)
            paths._override = previous_dir
    return written


def _save(window: object, path: Path) -> Path:
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    if not window.grab().save(str(path)):
        raise OSError(f"Could not write {path}")
    log.info("Screenshot %s", path)
    return path


def main(out: str | os.PathLike[str]) -> int:
    """``python main.py screenshots --out DIR``: print the files written, exit 0."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in render_screenshots(Path(out)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
