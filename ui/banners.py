"""Quiet banners above the list: the first-launch hint, "acme is offline", each closable.

A banner is information, not an alarm: it never steals the focus and never blocks the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

_KIND_STYLES = {
    # background, border, text: readable on light and dark windows
    "info": ("rgba(47, 111, 206, 0.12)", "rgba(47, 111, 206, 0.35)"),
    "offline": ("rgba(138, 147, 156, 0.16)", "rgba(138, 147, 156, 0.45)"),
    "error": ("rgba(208, 69, 58, 0.12)", "rgba(208, 69, 58, 0.40)"),
}


class Banner(QFrame):
    closed = Signal(str)

    def __init__(self, key: str, text: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("banner")
        background, border = _KIND_STYLES.get(kind, _KIND_STYLES["info"])
        self.setStyleSheet(f"QFrame#banner {{ background: {background}; border: 1px solid {border}; }}")
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setAccessibleName(self.tr("Close this message"))
        close.setToolTip(self.tr("Close this message"))
        close.clicked.connect(lambda: self.closed.emit(self.key))
        self.button = QPushButton(self)  # the fix, one click away ("Sign in again…"), when there is one
        self.button.hide()
        self._action: Callable[[], object] | None = None
        self.button.clicked.connect(lambda _checked=False: self._action() if self._action else None)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 4, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(text)

    def set_action(self, action: tuple[str, Callable[[], object]] | None) -> None:
        self._action = action[1] if action else None
        self.button.setText(action[0] if action else "")
        self.button.setAccessibleName(action[0].replace("&", "").rstrip("…") if action else "")
        self.button.setVisible(action is not None)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)


class BannerArea(QWidget):
    """A column of banners by key: ``show_banner`` adds or updates, ``hide_banner`` removes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._banners: dict[str, Banner] = {}
        self._dismissed: set[str] = set()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.hide()

    def show_banner(
        self,
        key: str,
        text: str,
        *,
        kind: str = "info",
        action: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        """Show (or update) a banner, unless the user closed it during this session.

        ``action``: (button text, what it does), the way out of what the banner says."""
        if key in self._dismissed:
            return
        banner = self._banners.get(key)
        if banner is None:
            banner = self._banners[key] = Banner(key, text, kind, self)
            banner.closed.connect(self._on_closed)
            self._layout.addWidget(banner)
        else:
            banner.set_text(text)
        banner.set_action(action)
        self.setVisible(True)

    def banner(self, key: str) -> Banner | None:
        return self._banners.get(key)

    def hide_banner(self, key: str) -> None:
        banner = self._banners.pop(key, None)
        if banner is not None:
            banner.hide()
            banner.deleteLater()
        self.setVisible(bool(self._banners))

    def text(self, key: str) -> str | None:
        banner = self._banners.get(key)
        return banner.label.text() if banner is not None else None

    def shown_keys(self) -> list[str]:
        return list(self._banners)

    def _on_closed(self, key: str) -> None:
        self._dismissed.add(key)
        self.hide_banner(key)
