"""Rings when a reminder falls due: a desktop notification when the system has a tray, else a banner.

Why a QObject with a QTimer rather than a thread: checking is one small indexed query, and Qt timers
keep running while the app sits in the tray. The timer wakes at the next due time (never later than
``interval_ms``, so a suspended laptop catches up at once after waking).

Each (reminder, due time) rings once: a snoozed reminder rings again at its new time, and at start-up
the reminders that fell due while the app was closed ring once, together.

Conditions are evaluated before ringing (``collect_due``): a topic answered while the user was away
resolves itself quietly instead (``resolved`` carries it, with its reason, for the status bar).
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QSystemTrayIcon

from moderator import reminders as rem
from moderator.clock import Clock, SystemClock, local_zone
from moderator.reminders import Reminder
from moderator.store import Store, to_ts

log = logging.getLogger(__name__)


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("ReminderNotifier", text, None, n)


class ReminderNotifier(QObject):
    reminder_due = Signal(object)  # a Reminder that just fell due (or was overdue at start-up)
    resolved = Signal(object)  # a Reminder that resolved itself instead of ringing
    banner_requested = Signal(str)  # no desktop notifications here: show this in the window
    message = Signal(str)  # a short status-bar message (a reminder resolved itself)
    due_count_changed = Signal(int)  # the sidebar badge of the Reminders view

    def __init__(
        self,
        store: Store,
        *,
        clock: Clock | None = None,
        zone: dt.tzinfo | None = None,
        tray: QSystemTrayIcon | None = None,
        interval_ms: int = 30_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock or SystemClock()
        self.zone = zone
        self.tray = tray
        self.interval_ms = interval_ms
        self._rung: set[tuple[int, int]] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)
        self._last_count = -1

    # -- life cycle ------------------------------------------------------------------------------

    def start(self) -> list[Reminder]:
        """Ring once for everything overdue (one notification for them all), then keep watching."""
        check = rem.overdue_at_startup(self.store, self.clock.now())
        fresh = self._fresh(check.due)
        self._report_resolved(check.resolved)
        if len(fresh) > 1:
            self._notify(
                _tr("%n reminder(s) overdue", len(fresh)),
                "\n".join(f"• {r.summary(_tr_reminders)}" for r in fresh[:5]),
            )
        elif fresh:
            self._notify(_tr("Reminder"), fresh[0].summary(_tr_reminders))
        for reminder in fresh:
            self.reminder_due.emit(reminder)
        self._update_count()
        self._schedule()
        return fresh

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    # -- checking --------------------------------------------------------------------------------

    @Slot()
    def check_now(self) -> list[Reminder]:
        """Ring for the reminders that fell due since the last check; returns them."""
        try:
            check = rem.collect_due(self.store, self.clock.now())
        except Exception:  # noqa: BLE001 - a locked or closing database must not kill the timer
            log.exception("Checking reminders failed; trying again later")
            self._schedule()
            return []
        fresh = self._fresh(check.due)
        self._report_resolved(check.resolved)
        for reminder in fresh:
            self._notify(_tr("Reminder"), reminder.summary(_tr_reminders))
            self.reminder_due.emit(reminder)
        self._update_count()
        self._schedule()
        return fresh

    @Slot()
    def evaluate_after_sync(self) -> list[Reminder]:
        """New posts arrived: resolve the conditional reminders that no longer hold (and say why)."""
        resolved = rem.evaluate_conditions(self.store, self.clock.now())
        self._report_resolved(resolved)
        self._update_count()
        self._schedule()
        return resolved

    @Slot()
    def reschedule(self) -> None:
        """Reminders changed (added, snoozed): recompute when to wake up."""
        self._update_count()
        self._schedule()

    def _fresh(self, due: list[Reminder]) -> list[Reminder]:
        fresh = []
        for reminder in due:
            key = (reminder.id, to_ts(reminder.due_at) or 0)
            if key not in self._rung:
                self._rung.add(key)
                fresh.append(reminder)
        return fresh

    def _report_resolved(self, resolved: list[Reminder]) -> None:
        now, zone = self.clock.now(), self.zone or local_zone()
        for reminder in resolved:
            why = (
                reminder.resolution.describe(now=now, zone=zone, tr=_tr_reminders)
                if reminder.resolution
                else ""
            )
            self.message.emit(
                _tr("Reminder no longer needed: {what} ({why})").format(
                    what=reminder.summary(_tr_reminders), why=why
                )
            )
            self.resolved.emit(reminder)

    def _update_count(self) -> None:
        count = rem.count_due(self.store, self.clock.now())
        if count != self._last_count:
            self._last_count = count
            self.due_count_changed.emit(count)

    def _schedule(self) -> None:
        now = self.clock.now()
        upcoming = rem.next_due_at(self.store, now)
        wait_ms = self.interval_ms
        if upcoming is not None:
            wait_ms = max(0, min(wait_ms, int((upcoming - now).total_seconds() * 1000) + 250))
        self._timer.start(wait_ms)

    # -- telling the user --------------------------------------------------------------------------

    def can_notify_desktop(self) -> bool:
        return (
            self.tray is not None
            and QSystemTrayIcon.isSystemTrayAvailable()
            and QSystemTrayIcon.supportsMessages()
            and self.tray.isVisible()
        )

    def _notify(self, title: str, text: str) -> None:
        if self.can_notify_desktop():
            assert self.tray is not None
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)
        else:
            self.banner_requested.emit(f"{title}: {text}")


def _tr_reminders(text: str) -> str:
    """The core's marked strings (``moderator.reminders``), translated in their own context."""
    return QCoreApplication.translate(rem.TR_CONTEXT, text)
