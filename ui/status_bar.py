"""The status bar: each community's sync state and the age of its local copy, sync progress with a
Cancel button, and transient messages ("Reply queued, will be sent when online").

It only reads ``SyncController.status()``; ages are re-worded every 30 s ("synced 2 min ago").
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from ui import theme, timefmt
from ui.sync_controller import CommunitySync, SyncController, SyncState


class SyncStatusBar(QStatusBar):
    cancel_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setSizeGripEnabled(False)
        self.states = QLabel(self)
        self.states.setObjectName("syncStates")
        self.states.setTextFormat(Qt.TextFormat.RichText)
        self.states.setAccessibleName(self.tr("Sync state"))
        self.states.setContentsMargins(4, 0, 10, 0)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("syncProgress")
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.setMaximumWidth(260)
        self.progress.setMinimumWidth(200)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel sync"))
        self.cancel_button.setToolTip(self.tr("Stop syncing: what was already fetched is kept"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        self.addPermanentWidget(self.states)
        self.progress.hide()
        self.cancel_button.hide()

        self._run_started: float | None = None  # monotonic time the current sync run began, for the estimate
        controller.state_changed.connect(self._on_state_changed)
        controller.progress.connect(self._on_progress)
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self.update_states)
        self._clock.start()

    # -- words -----------------------------------------------------------------------------

    def describe(self, status: CommunitySync) -> str:
        """One community in words: "sandbox · synced 2 min ago", "acme · offline, data from 2 h ago"."""
        age = timefmt.ago(status.last_synced_at)
        if status.state == SyncState.SYNCING:
            what = self.tr("syncing…")
        elif status.state == SyncState.SYNCED:
            what = self.tr("synced %1").replace("%1", age) if age else self.tr("synced")
        elif status.state == SyncState.OFFLINE:
            what = (
                self.tr("offline, data from %1").replace("%1", age)
                if age
                else self.tr("offline, no data yet")
            )
        elif status.state == SyncState.ERROR:
            what = self.tr("sync failed, data from %1").replace("%1", age) if age else self.tr("sync failed")
        else:
            what = self.tr("not synced yet")
        return f"{status.name} · {what}"

    def _summary(self, state: SyncState, count: int) -> str:
        """Several communities in one state: "9 synced", "2 offline"."""
        if state == SyncState.SYNCING:
            return self.tr("%n syncing", "", count)
        if state == SyncState.SYNCED:
            return self.tr("%n synced", "", count)
        if state == SyncState.OFFLINE:
            return self.tr("%n offline", "", count)
        if state == SyncState.ERROR:
            return self.tr("%n failed", "", count)
        return self.tr("%n not synced yet", "", count)

    @Slot()
    def update_states(self) -> None:
        parts = []
        tips = []
        statuses = self.controller.statuses()
        by_state: dict[SyncState, int] = {}
        for status in statuses:
            text = self.describe(status)
            parts.append(f'<span style="color:{_colour(status.state)}">●</span>&nbsp;{_escape(text)}')
            tips.append(text + (f"\n{status.message}" if status.message else ""))
            by_state[status.state] = by_state.get(status.state, 0) + 1
        if len(statuses) > MAX_NAMED:
            # Eleven communities named one by one made the window wider than the screen: counted per
            # state instead, each community's words in the tooltip.
            parts = [
                f'<span style="color:{_colour(state)}">●</span>&nbsp;{_escape(self._summary(state, count))}'
                for state, count in by_state.items()
            ]
        self.states.setText("&nbsp;&nbsp;&nbsp;".join(parts))
        self.states.setToolTip("\n\n".join(tips))
        self.states.setAccessibleDescription("; ".join(tips))

    def state_text(self) -> str:
        """The states as plain text (tests, screen readers)."""
        return "; ".join(self.describe(s) for s in self.controller.statuses())

    # -- progress ---------------------------------------------------------------------------

    @Slot(int)
    def _on_state_changed(self, _community_id: int) -> None:
        self.update_states()
        self._update_progress()

    @Slot(int, str, int, int)
    def _on_progress(self, _community_id: int, _label: str, _done: int, _total: int) -> None:
        self._update_progress()

    def _update_progress(self) -> None:
        running = [s for s in self.controller.statuses() if s.syncing]
        self.progress.setVisible(bool(running))
        self.cancel_button.setVisible(bool(running))
        if not running:
            self._run_started = None
            return
        if self._run_started is None:
            self._run_started = time.monotonic()
        done = sum(s.done for s in running)
        total = sum(s.total for s in running)
        if total and all(s.total for s in running):
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)  # busy: the total is not known yet
        first = running[0]
        label = first.label or self.tr("Syncing…")
        counts = f" {first.done}/{first.total}" if first.total else ""
        name = first.name if len(running) == 1 else self.tr("%n communities", "", len(running))
        left = self._estimate(done, total, time.monotonic() - self._run_started)
        self.progress.setFormat(f"{name}: {label}{counts}{left}")
        self.progress.setToolTip("\n".join(f"{s.name}: {s.label} {s.done}/{s.total}" for s in running))

    def _estimate(self, done: int, total: int, elapsed: float) -> str:
        """ ", about 2 min left" once the pace is known (a few seconds in, some steps done)."""
        if not total or done <= 0 or done >= total or elapsed < 3:
            return ""
        remaining = elapsed / done * (total - done)
        if remaining < 60:
            return self.tr(", under a minute left")
        return self.tr(", about %n min left", "", round(remaining / 60))


MAX_NAMED = 3  # communities named one by one in the status bar; more are counted per state


def _colour(state: SyncState) -> str:
    return {
        SyncState.SYNCED: theme.SYNCED,
        SyncState.SYNCING: theme.SYNCING,
        SyncState.OFFLINE: theme.OFFLINE,
        SyncState.ERROR: theme.ERROR,
    }.get(state, theme.CALM).name()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
