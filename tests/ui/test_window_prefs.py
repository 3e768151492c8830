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


def test_the_window_reopens_where_the_user_left(qtbot, make_window, filled) -> None:  # type: ignore[no-untyped-def]
    first = make_window()
    assert first.current_key == "all"
    first.choose("silent")
    first.close()
    second = make_window()
    assert second.current_key == "silent" and second.current_view() is second.view("silent")
    community = filled.store.communities()[0]
    second.choose(f"community:{community.id}")
    second.close()
    third = make_window()
    assert third.current_key == f"community:{community.id}"
    assert third.sidebar.current_key() == f"community:{community.id}"


def test_a_place_that_is_gone_opens_all_communities(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    MainWindow._layout_settings().setValue("place", "community:9999")
    assert make_window().current_key == "all"
    MainWindow._layout_settings().setValue("place", "no-such-view")
    assert make_window().current_key == "all"


def test_about_shows_the_version(make_window, no_dialogs) -> None:  # type: ignore[no-untyped-def]
    from moderator import __version__

    window = make_window()
    window.show_about()
    about = no_dialogs[-1]
    assert about.title == "About Community Moderator"
    assert f"Community Moderator {__version__}" in about.text and "Qt " in about.text


def test_the_reading_pane_never_asks_for_a_topic_in_a_list_of_members(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.choose("silent")
    assert window.reading.ref is None
    assert window.reading.empty.title.text() == "No member selected"
    assert "topic" not in window.reading.empty.text.text() and "member" in window.reading.empty.text.text()
    window.choose("reminders")
    assert "reminder" in window.reading.empty.text.text()
    if window.view("results") is not None:
        window.choose("results")
        assert "Select a topic" not in window.reading.empty.text.text()
    window.choose("unanswered")
    assert "Select a topic" in window.reading.empty.text.text()
