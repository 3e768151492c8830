"""The one door every message box goes through (qutebrowser's ``misc/msgbox.py``).

Why a chokepoint: tests switch dialogs off (``set_enabled(False)``) and read what would have been
shown from ``shown``, instead of hanging on a modal box; and every message the user sees gets the
same calm look, the same title and the same plain-text safety (no HTML injected from an error).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


@dataclasses.dataclass(frozen=True, slots=True)
class Shown:
    """What a disabled dialog would have shown (for tests)."""

    kind: str
    title: str
    text: str
    details: str = ""


_enabled = True
shown: list[Shown] = []
_open: list[QWidget] = []  # non-modal boxes kept alive until closed


def set_enabled(enabled: bool) -> None:
    """Off in tests: nothing is shown, everything is recorded in ``shown``."""
    global _enabled
    _enabled = enabled


def is_enabled() -> bool:
    return _enabled


def _app_title() -> str:
    return QCoreApplication.translate("dialogs", "Community Moderator")


def message(
    parent: QWidget | None,
    text: str,
    *,
    kind: str = "information",
    title: str = "",
    details: str = "",
    on_finished: Callable[[], None] | None = None,
) -> QMessageBox | None:
    """Show a non-blocking message box (``kind``: information, warning, critical).

    Text is always plain text: an error message that contains ``<`` must not become markup.
    """
    title = title or _app_title()
    if not _enabled:
        shown.append(Shown(kind, title, text, details))
        if on_finished is not None:
            on_finished()
        return None
    icon = {
        "information": QMessageBox.Icon.Information,
        "warning": QMessageBox.Icon.Warning,
        "critical": QMessageBox.Icon.Critical,
    }.get(kind, QMessageBox.Icon.NoIcon)
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if details:
        box.setDetailedText(details)
    _open.append(box)

    def _finished() -> None:
        if box in _open:
            _open.remove(box)
        if on_finished is not None:
            on_finished()

    box.finished.connect(_finished)
    box.show()
    return box


def information(parent: QWidget | None, text: str, *, title: str = "") -> QMessageBox | None:
    return message(parent, text, kind="information", title=title)


def warning(parent: QWidget | None, text: str, *, title: str = "", details: str = "") -> QMessageBox | None:
    return message(parent, text, kind="warning", title=title, details=details)


def critical(parent: QWidget | None, text: str, *, title: str = "", details: str = "") -> QMessageBox | None:
    return message(parent, text, kind="critical", title=title, details=details)


def ask(parent: QWidget | None, text: str, *, title: str = "", default: bool = False) -> bool:
    """A yes/no question (modal). Disabled: records it and answers ``default``."""
    title = title or _app_title()
    if not _enabled:
        shown.append(Shown("question", title, text))
        return default
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.Yes if default else QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_dialog(dialog: QDialog) -> None:
    """Show a custom dialog non-modally; disabled, it is only recorded (tests can still inspect it)."""
    if not _enabled:
        shown.append(Shown("dialog", dialog.windowTitle(), dialog.objectName()))
        return
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()


def close_all() -> None:
    """Close every box still open (at quit)."""
    for box in list(_open):
        box.close()
    _open.clear()
