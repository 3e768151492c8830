"""What the window remembers and says about itself: the theme chosen, where the user left, the version."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from ui import icons, theme
from ui.main_window import MainWindow


@pytest.fixture
def restore_theme() -> Iterator[None]:
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.set_preference(app, theme.SYSTEM)  # what the other tests run in (offscreen: light)


def _is_dark() -> bool:
    return theme.palette_is_dark(QApplication.palette())


def test_view_menu_switches_the_theme_and_remembers_it(qtbot, make_window, restore_theme: None) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert set(window.theme_actions) == {"system", "light", "dark"}
    window.theme_actions["dark"].trigger()
    assert _is_dark() and window.theme_actions["dark"].isChecked()
    assert not window.theme_actions["system"].isChecked()
    assert MainWindow.saved_theme() == "dark"
    window.theme_actions["light"].trigger()
    assert not _is_dark() and MainWindow.saved_theme() == "light"
    window.theme_actions["system"].trigger()
    assert MainWindow.saved_theme() == "system"


def _contrast_on(background: QColor, platform: str) -> float:
    """Lightness distance between the logo's outer speech bubble (its silhouette) and ``background``.

    Sampled where only the bubble is drawn: its left side and its square bottom-left tail.
    """
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(background)
    painter = QPainter(image)
    icons.platform_icon(platform).paint(painter, QRect(0, 0, 64, 64))
    painter.end()
    points = [(8, 32), (6, 58), (10, 54), (32, 6)]
    return min(abs(image.pixelColor(x, y).lightness() - background.lightness()) for x, y in points)


def test_the_discourse_logo_stands_out_on_dark(qtbot, restore_theme: None) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.set_preference(app, theme.DARK)
    dark_window = theme.palette_for(True).color(theme.QPalette.ColorRole.Window)
    assert _contrast_on(dark_window, "discourse") > 60
    theme.set_preference(app, theme.LIGHT)
    light_window = theme.palette_for(False).color(theme.QPalette.ColorRole.Window)
    assert _contrast_on(light_window, "discourse") > 60
