"""Sync now (F5) re-checks the queued topics at once; the scheduled syncs leave that to its 10-minute clock."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.ui_fakes import GatedSync


def test_f5_asks_for_a_recheck_and_the_schedule_does_not(qtbot, make_window, gated_sync: GatedSync) -> None:
    window = make_window()
    with qtbot.waitSignal(window.controller.all_idle, timeout=5000):
        window.controller.sync_all()  # what the schedule does
    assert gated_sync.rechecks and not any(gated_sync.rechecks)
    gated_sync.rechecks.clear()
    window.activateWindow()
    with qtbot.waitSignal(window.controller.all_idle, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert gated_sync.rechecks and all(gated_sync.rechecks)
