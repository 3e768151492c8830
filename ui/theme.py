"""Light or dark, following the system (``QStyleHints.colorScheme``) or the user's choice, and the app's colours.

View → Theme offers System, Light and Dark; the choice is kept in the window settings (``app.start``
applies it before the window shows). With System, the palette follows the desktop as it changes.

We use Fusion everywhere: it looks the same on every desktop, so screenshots, tests and users agree,
and it honours a palette completely. The palette is rebuilt whenever the system scheme changes.
Colours that carry meaning (waiting time, sync states, badges) live here once, for both schemes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

# Meaning colours, the same in both schemes (chosen to read on light and dark backgrounds).
CALM = QColor("#6b7785")
AMBER = QColor("#c98a0b")
RED = QColor("#d0453a")
SYNCED = QColor("#2e9d5b")
SYNCING = QColor("#2f7fd8")
OFFLINE = QColor("#8a939c")
ERROR = QColor("#d0453a")
ACCENT = QColor("#2f6fce")

_LIGHT = {
    QPalette.ColorRole.Window: "#f3f4f6",
    QPalette.ColorRole.WindowText: "#1f2328",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f7f8fa",
    QPalette.ColorRole.Text: "#1f2328",
    QPalette.ColorRole.Button: "#f6f7f9",
    QPalette.ColorRole.ButtonText: "#1f2328",
    QPalette.ColorRole.Highlight: "#2f6fce",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2328",
    QPalette.ColorRole.PlaceholderText: "#8a939c",
    QPalette.ColorRole.Link: "#2f6fce",
    QPalette.ColorRole.Mid: "#d5d9de",
    QPalette.ColorRole.Midlight: "#e6e9ed",
}
_DARK = {
    QPalette.ColorRole.Window: "#1e2126",
    QPalette.ColorRole.WindowText: "#e6e8eb",
    QPalette.ColorRole.Base: "#16181c",
    QPalette.ColorRole.AlternateBase: "#1b1e22",
    QPalette.ColorRole.Text: "#e6e8eb",
    QPalette.ColorRole.Button: "#2a2e34",
    QPalette.ColorRole.ButtonText: "#e6e8eb",
    QPalette.ColorRole.Highlight: "#3b7be0",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2a2e34",
    QPalette.ColorRole.ToolTipText: "#e6e8eb",
    QPalette.ColorRole.PlaceholderText: "#7d858f",
    QPalette.ColorRole.Link: "#7fb0ff",
    QPalette.ColorRole.Mid: "#3a3f46",
    QPalette.ColorRole.Midlight: "#30353b",
}

STYLESHEET = """
QSplitter::handle { background: palette(mid); }
QSplitter::handle:horizontal { width: 1px; }
QListView#sidebar { border: none; background: palette(window); outline: 0; }
QTableView { border: none; gridline-color: transparent; }
QHeaderView::section { border: none; border-bottom: 1px solid palette(mid); padding: 4px 6px;
                       background: palette(base); color: palette(placeholder-text); }
QLineEdit#filter { border: 1px solid palette(mid); border-radius: 6px; padding: 4px 8px; margin: 6px;
                   background: palette(base); }
QLineEdit#filter:focus { border-color: palette(highlight); }
QTextBrowser#reading { border: none; background: palette(base); }
QFrame#readingBar { background: palette(base); border-bottom: 1px solid palette(midlight); }
QFrame#banner { border-radius: 6px; margin: 6px 6px 0 6px; }
QLabel#emptyTitle { font-size: 13pt; font-weight: 600; }
QLabel#emptyText { color: palette(placeholder-text); }
QStatusBar { border-top: 1px solid palette(mid); }
QStatusBar::item { border: none; }
"""


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def palette_for(dark: bool) -> QPalette:
    palette = QPalette()
    for role, colour in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(_DARK[QPalette.ColorRole.PlaceholderText] if dark else "#a0a7b0")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


_INDICATORS = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
)


class _VisibleIndicators(QProxyStyle):
    """Fusion whose check boxes and radio buttons keep a visible edge on a dark palette.

    Fusion outlines them with the window colour darkened, which on a dark window is nearly the
    box's own fill: an unticked box disappeared. The edge is redrawn in the palette's placeholder
    colour (the muted text colour), over Fusion's own drawing.
    """

    def drawPrimitive(  # noqa: N802 (Qt's name)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _INDICATORS or not palette_is_dark(option.palette):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(option.rect.toRectF().adjusted(1, 1, -1, -1))
        else:
            painter.drawRect(option.rect.toRectF().adjusted(0.5, 0.5, -1.5, -1.5))
        painter.restore()


def apply(app: QApplication, *, dark: bool | None = None) -> None:
    """Fusion with our palette for the system scheme (or ``dark`` when forced, e.g. screenshots)."""
    app.setStyle(_VisibleIndicators(QStyleFactory.create("Fusion")))
    app.setPalette(palette_for(is_dark() if dark is None else dark))
    app.setStyleSheet(STYLESHEET)


SYSTEM, LIGHT, DARK = "system", "light", "dark"
PREFERENCES = (SYSTEM, LIGHT, DARK)

_following = False
_preference = SYSTEM


def preference() -> str:
    """What the user chose: ``system``, ``light`` or ``dark``."""
    return _preference


def set_preference(app: QApplication, choice: str) -> None:
    """Apply the user's choice now (an unknown value means System)."""
    global _preference
    _preference = choice if choice in PREFERENCES else SYSTEM
    apply(app, dark=None if _preference == SYSTEM else _preference == DARK)


def palette_is_dark(palette: QPalette | None = None) -> bool:
    """The palette in use is a dark one (whatever chose it: the system, the user, a screenshot)."""
    colour = (palette or QGuiApplication.palette()).color(QPalette.ColorRole.Window)
    return colour.lightness() < 128


def follow_system(app: QApplication) -> None:
    """Apply now and again whenever the desktop switches between light and dark (unless a theme is chosen)."""
    global _following
    apply(app, dark=None if _preference == SYSTEM else _preference == DARK)
    if not _following:
        _following = True
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _preference == SYSTEM and apply(app))


def waiting_colour(hours: float, *, amber_after: float = 24, red_after: float = 72) -> QColor:
    """Calm, then amber after the first threshold, red after the second (UX.md)."""
    if hours >= red_after:
        return RED
    if hours >= amber_after:
        return AMBER
    return CALM
