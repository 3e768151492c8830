"""The "?" dialog: every keyboard shortcut, read from the window's actions (so it is always true)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import screen_fit


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action that has a shortcut, in menu order."""
    rows = []
    for action in actions:
        keys = [
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()
        ]
        if keys:
            rows.append((" / ".join(_pretty(k) for k in keys), action.text().replace("&", "")))
    return rows


def _pretty(keys: str) -> str:
    """ "G, U" reads "g then u": plain letters in lower case, as the user types them."""
    parts = keys.split(", ")
    if all(len(p) == 1 and p.isalpha() for p in parts):
        then = QCoreApplication.translate("ShortcutsDialog", "then")  # "g puis u" in French
        return f" {then} ".join(p.lower() for p in parts)
    return keys


class ShortcutsDialog(QDialog):
    """``sections``: (title, [(keys, what they do)]), as ``Actions.sections()`` gives them."""

    def __init__(
        self, sections: Iterable[tuple[str, list[tuple[str, str]]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.sections = [(title, list(rows)) for title, rows in sections]
        self.rows = [row for _title, rows in self.sections for row in rows]
        table = QTableWidget(0, 2, self)
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for title, rows in self.sections:
            heading = QTableWidgetItem(title)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            position = table.rowCount()
            table.insertRow(position)
            table.setItem(position, 0, heading)
            table.setSpan(position, 0, 1, 2)
            for keys, text in rows:
                position = table.rowCount()
                table.insertRow(position)
                key_item = QTableWidgetItem("   " + keys)
                key_font = key_item.font()
                key_font.setBold(True)
                key_item.setFont(key_font)
                table.setItem(position, 0, key_item)
                table.setItem(position, 1, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        screen_fit.fit_to_screen(self, 620, 640)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
