"""Icons from ``resources/icons`` (small SVGs written for this app: nothing remote, nothing themed away).

Line icons are drawn in black and tinted at paint time with the palette's text colour, so one file
serves the light and the dark scheme. Platform logos keep their own colours. State dots and avatar
initials are painted, not files.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


def icon_path(name: str) -> Path:
    return ICONS_DIR / f"{name}.svg"


@functools.cache
def icon(name: str) -> QIcon:
    """A full-colour icon (platform logos, the app icon); empty if the file is missing."""
    path = icon_path(name)
    return QIcon(str(path)) if path.exists() else QIcon()


def platform_icon(platform: str) -> QIcon:
    """A platform's logo; on a dark palette its ``-dark`` variant when there is one (Discourse's black
    speech bubble disappears on a dark background)."""
    from ui import theme

    if theme.palette_is_dark() and icon_path(f"{platform}-dark").exists():
        return icon(f"{platform}-dark")
    return icon(str(platform))


_TINTED: dict[tuple[str, int, int, float], QPixmap] = {}  # the sidebar paints them on every update


def tinted_pixmap(name: str, colour: QColor, size: int, ratio: float = 2.0) -> QPixmap:
    """A line icon rendered at ``size`` logical pixels in ``colour`` (crisp on high-DPI screens).

    Rendered once per icon, colour and size (an SVG rendering per sidebar row and repaint cost the
    GUI thread milliseconds during a sync, when the sidebar repaints with every state change)."""
    key = (name, colour.rgba(), size, ratio)
    cached = _TINTED.get(key)
    if cached is None:
        if len(_TINTED) > 256:  # bounded: colours follow the theme, a few dozen in practice
            _TINTED.clear()
        cached = _TINTED[key] = _render_tinted(name, colour, size, ratio)
    return cached


def _render_tinted(name: str, colour: QColor, size: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(str(icon_path(name)))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(QRectF(0, 0, size, size), colour)
    painter.end()
    return pixmap


def tinted_icon(name: str, colour: QColor, size: int = 18) -> QIcon:
    return QIcon(tinted_pixmap(name, colour, size))


_AVATAR_COLOURS = (
    "#e06c75", "#d19a66", "#c9a227", "#4fa36c", "#3aa6a0", "#4e8fd6", "#7c6fd6", "#b46ad1", "#d1628f",
)  # fmt: skip


def avatar_colour(username: str) -> QColor:
    """A stable colour per person, so the same member always looks the same."""
    return QColor(_AVATAR_COLOURS[sum(username.encode()) % len(_AVATAR_COLOURS)])


def initials(name: str) -> str:
    parts = [p for p in name.replace("_", " ").replace(".", " ").replace("-", " ").split() if p]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()


def avatar_pixmap(username: str, display_name: str = "", size: int = 36, ratio: float = 2.0) -> QPixmap:
    """A coloured circle with the person's initials: avatars without loading a remote image."""
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(avatar_colour(username or display_name))
    painter.drawEllipse(QRectF(0, 0, size, size))
    font = QFont()
    font.setPixelSize(int(size * 0.4))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(
        QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initials(display_name or username)
    )
    painter.end()
    return pixmap
