"""The filter box every list view puts above its table (``/`` focuses it).

Esc clears it and gives the list the focus back; Down or Enter go to the list. The view only needs a
``table`` (what gets the focus back) and a ``focus_list()`` (select the first row and focus it).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class _FilteredView(Protocol):
    table: QWidget

    def focus_list(self) -> None: ...


class FilterEdit(QLineEdit):
    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self._view: _FilteredView = view  # type: ignore[assignment]
        self.setObjectName("filter")
        self.setClearButtonEnabled(True)
        # Room for a few typed words whatever the toolbar beside it holds (French, 150 %): the
        # buttons say less and the panes give way before the filter shrinks to "Filtr…".
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 14 + 24)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self._view.table.setFocus()
        elif event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._view.focus_list()
        else:
            super().keyPressEvent(event)
