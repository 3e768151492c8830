"""Manage saved replies: edit the shipped ones, write your own, remove what you never use.

A list on the left, the selected reply on the right (title, language, text with the placeholders
listed under it). Changes are saved with "Save"; removing a shipped reply only hides it, and
"Restore shipped replies" brings them all back as shipped.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from moderator import saved_replies
from moderator.saved_replies import SavedReply
from moderator.store import Store
from ui import dialogs


def language_name(code: str) -> str:
    names = {
        "fr": QCoreApplication.translate("saved_replies", "Français"),
        "en": QCoreApplication.translate("saved_replies", "English"),
        "": QCoreApplication.translate("saved_replies", "Any language"),
    }
    return names.get(code, code)


class SavedRepliesDialog(QDialog):
    _instance: SavedRepliesDialog | None = None

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("savedReplies")
        self.setWindowTitle(self.tr("Saved replies"))
        self.resize(820, 520)
        self._replies: list[SavedReply] = []

        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Saved replies"))
        self.list.currentRowChanged.connect(self._show_current)
        self.title_edit = QLineEdit(self)
        self.language_box = QComboBox(self)
        for code in ("fr", "en", ""):
            self.language_box.addItem(language_name(code), code)
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setAccessibleName(self.tr("Text of the saved reply"))
        hint = QLabel(
            self.tr("Placeholders: %1. Unknown ones stay as written.").replace(
                "%1", ", ".join(f"{{{p}}}" for p in saved_replies.PLACEHOLDERS)
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("composerHint")

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Language"), self.language_box)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(form)
        right_layout.addWidget(self.body_edit, 1)
        right_layout.addWidget(hint)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([260, 560])

        self.new_button = QPushButton(self.tr("New"), self)
        self.new_button.clicked.connect(self.new_reply)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.clicked.connect(self.save_current)
        self.delete_button = QPushButton(self.tr("Remove"), self)
        self.delete_button.clicked.connect(self.delete_current)
        self.restore_button = QPushButton(self.tr("Restore shipped replies"), self)
        self.restore_button.clicked.connect(self.restore_shipped)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.reload()

    @classmethod
    def open_for(cls, parent: QWidget | None, store: Store) -> SavedRepliesDialog:
        if cls._instance is None:
            dialog = cls(store, parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(lambda *_: setattr(cls, "_instance", None))
            cls._instance = dialog
        dialogs.show_dialog(cls._instance)
        return cls._instance

    def reload(self, select_key: str | None = None) -> None:
        self._replies = saved_replies.list_saved_replies(self.store)
        self.list.clear()
        for reply in self._replies:
            item = QListWidgetItem(f"{reply.title}  ·  {reply.language.upper() or '—'}")
            item.setData(Qt.ItemDataRole.UserRole, reply.key)
            self.list.addItem(item)
        keys = [r.key for r in self._replies]
        self.list.setCurrentRow(keys.index(select_key) if select_key in keys else (0 if keys else -1))

    def current(self) -> SavedReply | None:
        row = self.list.currentRow()
        return self._replies[row] if 0 <= row < len(self._replies) else None

    @Slot(int)
    def _show_current(self, _row: int) -> None:
        reply = self.current()
        self.title_edit.setText(reply.title if reply else "")
        self.body_edit.setPlainText(reply.body if reply else "")
        self.language_box.setCurrentIndex(
            max(0, self.language_box.findData(reply.language if reply else "fr"))
        )

    @Slot()
    def new_reply(self) -> None:
        reply = saved_replies.save_saved_reply(
            self.store, SavedReply(title=self.tr("New saved reply"), body="", language="fr")
        )
        self.reload(reply.key)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    @Slot()
    def save_current(self) -> None:
        reply = self.current()
        if reply is None:
            return
        title = self.title_edit.text().strip()
        if not title:
            dialogs.warning(self, self.tr("Give the saved reply a title: it is what the menu shows."))
            return
        updated = SavedReply(
            title=title,
            body=self.body_edit.toPlainText(),
            language=str(self.language_box.currentData()),
            shipped_key=reply.shipped_key,
            id=reply.id,
        )
        self.reload(saved_replies.save_saved_reply(self.store, updated).key)

    @Slot()
    def delete_current(self) -> None:
        reply = self.current()
        if reply is not None:
            saved_replies.delete_saved_reply(self.store, reply)
            self.reload()

    @Slot()
    def restore_shipped(self) -> None:
        saved_replies.restore_shipped(self.store)
        self.reload()
