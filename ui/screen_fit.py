"""Windows that open within the screen, at any scale (150 % on a 1600x1000 screen is 1066x666 of room).

A window's preferred size is in device-independent pixels; ``fit_to_screen`` gives it at most the
screen's available geometry (without panels), less room for the window manager's frame and title
bar, and moves it back on screen. A size restored from an earlier session on a bigger screen, or at
another scale, goes through ``keep_on_screen``.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QStackedWidget, QWidget

FRAME_ALLOWANCE = (16, 48)  # width, height a window manager's decorations may add around a window


def available(widget: QWidget) -> QRect | None:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to the preferred size, or less when the screen has less room; keep it on screen."""
    area = available(widget)
    if area is None:
        widget.resize(width, height)
        return
    widget.resize(
        max(1, min(width, area.width() - FRAME_ALLOWANCE[0])),
        max(1, min(height, area.height() - FRAME_ALLOWANCE[1])),
    )
    keep_on_screen(widget)
    if widget.findChild(_KeepOnScreenWhenShown) is None:
        _KeepOnScreenWhenShown(widget)  # a dialog is placed over its parent when shown: check again


def keep_on_screen(widget: QWidget) -> None:
    """Shrink a window bigger than the screen's room and move it so that all of it shows."""
    area = available(widget)
    if area is None:
        return
    room_w, room_h = area.width() - FRAME_ALLOWANCE[0], area.height() - FRAME_ALLOWANCE[1]
    if widget.width() > room_w or widget.height() > room_h:
        widget.resize(min(widget.width(), room_w), min(widget.height(), room_h))
    geometry = widget.frameGeometry()
    x = min(max(geometry.x(), area.x()), max(area.x(), area.right() - geometry.width() + 1))
    y = min(max(geometry.y(), area.y()), max(area.y(), area.bottom() - geometry.height() + 1))
    if (x, y) != (geometry.x(), geometry.y()):
        widget.move(x, y)


class _KeepOnScreenWhenShown(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget and event.type() == QEvent.Type.Show:
            keep_on_screen(self.widget)
        return False


class CompactLabels(QObject):
    """Buttons in a row that say less when the row is narrow: "Reply  r" becomes "Reply".

    The row's minimum width is the short labels', so a pane (the reading pane at 150 %) no longer
    forces the window wider than the screen; with room, the long labels (and their key) come back.
    """

    def __init__(self, row: QWidget, labels: list[tuple[QAbstractButton, str, str]]) -> None:
        super().__init__(row)
        self.row = row
        self.labels = labels
        for button, _long, short in labels:
            metrics = button.fontMetrics()
            button.setMinimumWidth(metrics.horizontalAdvance(short) + 2 * metrics.averageCharWidth() + 12)
        self._pending = False
        row.installEventFilter(self)

    def relabel(self, long_text: str, short_text: str, button: QAbstractButton) -> None:
        """A button's labels changed (a language switch, another state)."""
        self.labels = [(b, long_text, short_text) if b is button else (b, lt, st) for b, lt, st in self.labels]
        self.fit()

    def fit(self) -> None:
        shown = [(b, lt, st) for b, lt, st in self.labels if not b.isHidden()]
        layout = self.row.layout()
        spacing = max(0, layout.spacing()) if layout is not None else 6
        margins = layout.contentsMargins() if layout is not None else None
        room = self.row.width() - (margins.left() + margins.right() if margins is not None else 0)
        mine = {id(b) for b, _l, _s in self.labels}
        stretchy = (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Ignored)
        others = 0
        for widget in self.row.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if widget.isHidden() or id(widget) in mine:
                continue
            grows = widget.sizePolicy().horizontalPolicy() in stretchy
            hint = widget.minimumSizeHint() if grows else widget.sizeHint()
            others += max(hint.width(), 120 if grows else 0) + spacing  # a filter box keeps some room
        needed = others
        for button, long_text, _short in shown:
            metrics = button.fontMetrics()
            needed += metrics.horizontalAdvance(long_text) + 2 * metrics.averageCharWidth() + 12 + spacing
        long_fits = needed <= room
        for button, long_text, short_text in shown:
            text = long_text if long_fits else short_text
            if button.text() != text:
                button.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Never relabel inside the event (Qt is laying the row out): right after it.
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        self._pending = False
        if shiboken6.isValid(self.row):
            self.fit()


class CurrentPageStack(QStackedWidget):
    """A stack whose size hints are its current page's, not the widest of all its pages.

    QStackedWidget asks for the largest minimum of every page, so one view with a wide row of
    buttons (the Outbox, in French, at 150 %) squeezed the sidebar and the reading pane in every
    other view. Here only the page on screen counts; switching pages asks the layout again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()
