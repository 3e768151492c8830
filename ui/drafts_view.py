"""The Drafts view: every reply started and not sent, most recent first; Enter resumes it.

Drafts are few (tens, not thousands), so the model keeps them all; it re-reads the store whenever the
composer saves (``reply_events().drafts_changed``) and only while visible (the ``View`` base class
defers refreshes of hidden views). Delete comes with an undo (z or Ctrl+Z, or the bar's button):
the deleted draft is kept in memory and put back exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from moderator import drafts
from moderator.bootstrap import AppContext
from moderator.drafts import Draft
from moderator.store import Store
from ui import timefmt
from ui.composer_parts import reply_events
from ui.empty_state import EmptyState
from ui.rows_model import Index, RowsTableModel
from ui.views import ROW_UNDO, TopicRef, View


def excerpt(text: str, length: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


class DraftsModel(RowsTableModel[Draft]):
    COLUMNS = ("topic", "community", "draft", "edited")

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.community_ids: list[int] | None = None

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = drafts.list_drafts(self.store, self.community_ids)
        self.endResetModel()

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Topic"), self.tr("Community"), self.tr("Draft"), self.tr("Edited"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        draft = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "topic": draft.topic_title or self.tr("Topic %1").replace("%1", draft.topic_id),
                "community": draft.community_name,
                "draft": excerpt(draft.body),
                "edited": timefmt.ago(draft.updated_at),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "edited":
                return timefmt.exact(draft.updated_at)
            return excerpt(draft.body, 600)
        if role == Qt.ItemDataRole.UserRole:
            return draft
        return None

    def draft(self, row: int) -> Draft | None:
        return self.row_at(row)


class UndoBar(QFrame):
    """ "Draft deleted. Undo" under a list, for the last undoable action."""

    def __init__(self, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.stack = stack
        self.label = QLabel(self)
        self.undo_button = QPushButton(self.tr("Undo  z"), self)
        self.undo_button.clicked.connect(self.undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        self.setStyleSheet(
            "QFrame#undoBar { background: palette(alternate-base); border-top: 1px solid palette(mid); }"
        )
        self.hide()
        # The signals carry what the bar shows: the slots never touch the stack, which Qt may be
        # destroying when it emits them (a view closing).
        stack.undoTextChanged.connect(self.label.setText)
        stack.canUndoChanged.connect(self.setVisible)

    @Slot()
    def undo(self) -> None:
        if self.stack.canUndo():
            self.stack.undo()


class _DeleteDraft(QUndoCommand):
    def __init__(self, store: Store, draft: Draft, text: str) -> None:
        super().__init__(text)
        self.store = store
        self.draft = draft

    def redo(self) -> None:
        drafts.delete_draft(self.store, self.draft.community_id, self.draft.topic_id)
        reply_events().drafts_changed.emit()

    def undo(self) -> None:
        drafts.restore_draft(self.store, self.draft)
        reply_events().drafts_changed.emit()


def make_table(parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setStretchLastSection(False)
    table.setTabKeyNavigation(False)
    return table


class DraftsView(View):
    """Replies being written. Enter opens the composer; Delete removes (with undo)."""

    view_key = "drafts"
    resumed = Signal(object)  # the Composer opened for a draft

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = DraftsModel(ctx.store, self)
        self.table = make_table(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Drafts"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 150)
        self.table.setColumnWidth(3, 90)
        self.table.activated.connect(lambda _index: self.open_current())  # Enter, double-click
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.empty = EmptyState(self)
        self.empty.set_text(
            self.tr("No drafts"),
            self.tr("Nothing half-written. What you start in the composer is kept here until you send it."),
        )
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.undo_stack = QUndoStack(self)
        self.undo_bar = UndoBar(self.undo_stack, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.undo_bar)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_current)
        reply_events().drafts_changed.connect(self.request_refresh)
        QTimer.singleShot(0, self._count_while_hidden)  # the badge is right before the first visit

    def request_refresh(self) -> None:
        """Refresh if shown; hidden, at least count (cheap), so the badge equals what the list holds."""
        super().request_refresh()
        self._count_while_hidden()

    def _count_while_hidden(self) -> None:
        if self.tasks is not None and self.tasks.closed:
            return  # the window is closing: its store too
        if not self.isVisible():
            self.count_changed.emit(len(drafts.list_drafts(self.ctx.store, self.community_ids)))

    def badge_tip(self, count: int) -> str:
        return self.tr("%n draft(s) kept, as listed here", "", count)

    def refresh(self) -> None:
        current = self.current_draft()
        self.model.community_ids = self.community_ids
        self.model.refresh()
        self.stack.setCurrentWidget(self.table if self.model.rows else self.empty)
        if current is not None:
            for row, draft in enumerate(self.model.rows):
                if (draft.community_id, draft.topic_id) == (current.community_id, current.topic_id):
                    self.table.selectRow(row)
                    break
        self.count_changed.emit(len(self.model.rows))

    def row_commands(self) -> dict[str, Callable[[], object]]:
        return {ROW_UNDO: self.undo_stack.undo}  # z / Ctrl+Z: the window's keys

    def current_draft(self) -> Draft | None:
        return self.model.draft(self.table.currentIndex().row())

    def current(self) -> object | None:
        draft = self.current_draft()
        return None if draft is None else TopicRef(draft.community_id, draft.topic_id)

    def move_selection(self, delta: int) -> None:
        if self.model.rows:
            row = min(max(self.table.currentIndex().row() + delta, 0), len(self.model.rows) - 1)
            self.table.selectRow(row)

    @Slot()
    def _on_current(self) -> None:
        self.selected.emit(self.current())

    @Slot()
    def open_current(self) -> None:
        from ui.composer import Composer

        draft = self.current_draft()
        community = self.ctx.store.community(draft.community_id) if draft else None
        if draft is None or community is None:
            return
        composer = Composer.open_for(self.window(), self.ctx.store, community, draft.topic_id)
        self.resumed.emit(composer)

    @Slot()
    def delete_current(self) -> None:
        draft = self.current_draft()
        if draft is None:
            return
        title = draft.topic_title or draft.topic_id
        self.undo_stack.push(
            _DeleteDraft(self.ctx.store, draft, self.tr("Draft for “%1” deleted.").replace("%1", title))
        )
        self.message.emit(self.tr("Draft deleted. Press z to undo."))
