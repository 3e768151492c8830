"""Planned (``g p``): what goes out when — scheduled posts, recurring posts, reminders — on one timeline.

Keys: ``j``/``k`` move, ``a`` approves a prepared recurring post, ``Del`` cancels a planned post
(``z`` undoes), ``t`` changes its time. Buttons add a recurring series and export the timeline with
the reminders as an ``.ics`` calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, Slot
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moderator import outbox
from moderator.bootstrap import AppContext
from moderator.clock import Clock, SystemClock
from moderator.schedule import planned, topics
from moderator.schedule.planned import Entry, EntryKind
from ui import dialogs, theme, timefmt, views
from ui.composer_parts import reply_events
from ui.drafts_view import UndoBar, make_table
from ui.empty_state import EmptyState
from ui.rows_model import Index, RowsTableModel
from ui.screen_fit import CompactLabels
from ui.views import TopicRef, View

HORIZON = dt.timedelta(days=35)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlannedView", text)


class PlannedModel(RowsTableModel[Entry]):
    COLUMNS = ("when", "what", "community", "title")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names: dict[int, str] = {}

    def headers(self) -> tuple[str, ...]:
        return (_tr("When"), _tr("What"), _tr("Community"), _tr("Title"))

    def load(self, entries: list[Entry], names: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows, self.names = entries, names
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index.row())
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                text = timefmt.short_datetime(entry.when)
                return f"{text} · {_tr('late')}" if entry.late else text
            if column == 1:
                return {
                    EntryKind.SCHEDULED: _tr("Planned post"),
                    EntryKind.AWAITING_APPROVAL: _tr("To approve (a)"),
                    EntryKind.UPCOMING: _tr("Recurring post"),
                    EntryKind.REMINDER: _tr("Reminder"),
                }[entry.kind]
            if column == 2:
                return self.names.get(entry.community_id, "")
            return entry.title
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return timefmt.exact(entry.when)
        if role == Qt.ItemDataRole.ForegroundRole and entry.late and column == 0:
            return QColor(theme.RED)
        return None


class _Cancel(QUndoCommand):
    """Cancel a planned post (it leaves the outbox); undo puts it back as it was."""

    def __init__(self, view: PlannedView, item: outbox.OutboxItem) -> None:
        super().__init__(_tr("Planned post cancelled."))
        self.view, self.item = view, item

    def redo(self) -> None:
        outbox.delete_item(self.view.ctx.store, self.item.id)
        reply_events().outbox_changed.emit()
        self.view.refresh()

    def undo(self) -> None:
        outbox.restore_item(self.view.ctx.store, self.item)
        reply_events().outbox_changed.emit()
        self.view.refresh()


class PlannedView(View):
    view_key = "planned"
    uses_reading_pane = False  # a timeline of what is to come: nothing to read yet

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, clock: Clock | None = None) -> None:
        super().__init__(ctx, parent)
        self.clock = clock or SystemClock()
        self.model = PlannedModel(self)
        self.table = make_table(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_tr("Planned"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.activated.connect(lambda _index: self.approve_current())
        self.empty = EmptyState(self)
        self.empty.set_text(
            _tr("Nothing planned"),
            _tr("Write a topic (n) and choose Send later, or add a recurring post: they appear here with your reminders."),
        )
        self.approve_button = QPushButton(_tr("Approve  a"), self)
        self.approve_button.clicked.connect(self.approve_current)
        self.time_button = QPushButton(_tr("Change time…  t"), self)
        self.time_button.clicked.connect(self.reschedule_current)
        self.cancel_button = QPushButton(_tr("Cancel post  Del"), self)
        self.cancel_button.clicked.connect(self.cancel_current)
        self.series_button = QPushButton(_tr("New recurring post…"), self)
        self.series_button.clicked.connect(self.new_series)
        self.export_button = QPushButton(_tr("Export calendar…"), self)
        self.export_button.clicked.connect(self.export_ics)
        bar_row = QWidget(self)
        bar = QHBoxLayout(bar_row)
        bar.setContentsMargins(0, 0, 0, 0)
        for button in (self.approve_button, self.time_button, self.cancel_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.series_button)
        bar.addWidget(self.export_button)
        # A narrow pane (150 %): the buttons say less, so the window still fits the screen.
        self.compact = CompactLabels(
            bar_row,
            [
                (self.approve_button, _tr("Approve  a"), _tr("Approve")),
                (self.time_button, _tr("Change time…  t"), _tr("Time…")),
                (self.cancel_button, _tr("Cancel post  Del"), _tr("Cancel post")),
                (self.series_button, _tr("New recurring post…"), _tr("Recurring…")),
                (self.export_button, _tr("Export calendar…"), _tr("Export…")),
            ],
        )
        self.undo_stack = QUndoStack(self)
        self.undo_bar = UndoBar(self.undo_stack, self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)  # a long French hint must not widen the window
        self.hint.setObjectName("composerHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(bar_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.undo_bar)
        for key, slot in (("A", self.approve_current), ("T", self.reschedule_current), ("Delete", self.cancel_current)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        reply_events().outbox_changed.connect(self.request_refresh)
        self._update_buttons()

    # -- View API ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.current_entry()
        entries = planned.timeline(self.ctx.store, now=self.clock.now(), horizon=HORIZON, community_ids=self.community_ids)
        names = {c.id: c.title or c.name for c in self.ctx.store.communities() if c.id is not None}
        self.model.load(entries, names)
        for column in range(3):  # when, what, community: as wide as they need; the title takes the rest
            self.table.resizeColumnToContents(column)
        self.table.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        self.count_changed.emit(sum(e.kind is EntryKind.AWAITING_APPROVAL or e.late for e in entries))
        if keep is not None:
            for row, entry in enumerate(entries):
                if (entry.outbox_id, entry.series_id, entry.reminder_id, entry.when) == (
                    keep.outbox_id, keep.series_id, keep.reminder_id, keep.when
                ):
                    self._select(row)
                    break
        self._update_buttons()

    def move_selection(self, delta: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        current = self.table.currentIndex()
        row = current.row() + delta if current.isValid() else (0 if delta > 0 else count - 1)
        self._select(max(0, min(count - 1, row)))

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current(self) -> object | None:
        entry = self.current_entry()
        if entry is None or entry.outbox_id is None:
            return None
        item = outbox.get_item(self.ctx.store, entry.outbox_id)
        return TopicRef(item.community_id, item.topic_id) if item is not None and item.topic_id else None

    def row_commands(self) -> dict[str, Callable[[], object]]:
        return {views.ROW_UNDO: self.undo_stack.undo}  # z / Ctrl+Z: the window's keys

    def current_entry(self) -> Entry | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _select(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)

    @Slot(QModelIndex, QModelIndex)
    def _on_current(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        self.selected.emit(self.current())

    def _update_buttons(self) -> None:
        entry = self.current_entry()
        is_post = entry is not None and entry.outbox_id is not None
        self.approve_button.setEnabled(entry is not None and entry.kind is EntryKind.AWAITING_APPROVAL)
        self.time_button.setEnabled(is_post)
        self.cancel_button.setEnabled(is_post)
        hints = {
            EntryKind.AWAITING_APPROVAL: _tr("Prepared from a recurring series: approve it (a) to send it at its time."),
            EntryKind.UPCOMING: _tr("A recurring post: it is prepared for your approval a day before."),
            EntryKind.REMINDER: _tr("A reminder: open Reminders (g r) to change it."),
            EntryKind.SCHEDULED: _tr("Waiting in the Outbox until its time; it goes out even if the app was closed then."),
        }
        self.hint.setText(hints[entry.kind] if entry is not None else "")

    # -- actions -----------------------------------------------------------------------------------

    @Slot()
    def approve_current(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.kind is not EntryKind.AWAITING_APPROVAL or entry.outbox_id is None:
            return
        topics.approve(self.ctx.store, entry.outbox_id)
        reply_events().outbox_changed.emit()
        reply_events().reply_queued.emit(entry.outbox_id)  # the sender wakes (it waits for its time)
        self.message.emit(_tr("Approved: it goes out at %1.").replace("%1", timefmt.short_datetime(entry.when)))
        self.refresh()

    @Slot()
    def reschedule_current(self) -> None:
        from ui.topic_composer import TopicComposer

        entry = self.current_entry()
        if entry is None or entry.outbox_id is None:
            return
        moment = TopicComposer.ask_time(self)
        if moment is None:
            return
        try:
            outbox.reschedule(self.ctx.store, entry.outbox_id, moment)
        except ValueError:
            self.message.emit(_tr("It is already on its way; its time can no longer change."))
            return
        reply_events().outbox_changed.emit()
        self.message.emit(_tr("Now planned for %1.").replace("%1", timefmt.short_datetime(moment)))
        self.refresh()

    @Slot()
    def cancel_current(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.outbox_id is None:
            return
        item = outbox.get_item(self.ctx.store, entry.outbox_id)
        if item is None or not item.editable:
            self.message.emit(_tr("It is already on its way and can no longer be cancelled."))
            return
        self.undo_stack.push(_Cancel(self, item))

    @Slot()
    def new_series(self) -> None:
        from ui.series_dialog import SeriesDialog

        communities = self.ctx.store.communities()
        if not communities:
            return
        current = next((c for c in communities if self.community_ids and c.id == self.community_ids[0]), communities[0])
        if SeriesDialog.ask(self, self.ctx.store, communities, current):
            self.refresh()

    @Slot()
    def export_ics(self) -> None:
        path = self.ask_export_path(self)
        if not path:
            return
        try:
            count = planned.export_ics(self.ctx.store, path, now=self.clock.now(), community_ids=self.community_ids)
        except OSError as exc:
            dialogs.warning(self, _tr("The calendar could not be written (%1). Choose another folder.").replace(
                "%1", exc.strerror or str(exc)))
            return
        self.message.emit(_tr("%1 events exported to %2.").replace("%1", str(count)).replace("%2", Path(path).name))

    @classmethod
    def ask_export_path(cls, parent: QWidget) -> str:
        """Where to save the calendar (tests replace this)."""
        path, _filter = QFileDialog.getSaveFileName(
            parent, _tr("Export the planned posts and reminders"), str(Path.home() / "planned.ics"),
            _tr("Calendar files (*.ics)"),
        )
        return path
