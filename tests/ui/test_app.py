"""Starting and stopping the whole app, and the crash handler's calm message."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from moderator import paths
from ui import app as app_module
from ui import dialogs, i18n
from ui.crash import CrashHandler


@pytest.fixture
def restore_app_state(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """``start`` sets application-wide things (translators, default locale): put them back."""
    locale = QLocale()
    yield
    i18n.remove_translators(qapp)
    QLocale.setDefault(locale)


def test_start_syncs_the_sandbox_then_stop_closes_everything(qtbot, restore_app_state: None) -> None:
    running = app_module.start([], sync_at_start=True)
    try:
        with qtbot.waitSignal(running.controller.all_idle, timeout=60_000):
            pass
        assert running.ctx.store.counts()["topics"] > 0
        assert running.window.isVisible()
        server = running.ctx.sandbox
        assert server is not None
    finally:
        app_module.stop(running)
    assert running.ctx.sandbox is None  # server stopped
    assert running.ctx.store._closed
    assert sys.excepthook is not running.crash.excepthook


def test_crash_handler_logs_and_shows_words_not_a_traceback(qtbot, no_dialogs: list[dialogs.Shown]) -> None:
    handler = CrashHandler()
    handler.install()
    try:
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: bool(no_dialogs))
    finally:
        handler.uninstall()
    assert len(handler.logs) == 1
    log_file = handler.logs[0]
    assert log_file.parent == paths.log_dir()
    assert "ZeroDivisionError: boom" in Path(log_file).read_text(encoding="utf-8")
    shown = no_dialogs[0]
    assert shown.kind == "warning" and shown.title == "Something went wrong"
    assert "Traceback" not in shown.text and str(log_file) in shown.text
