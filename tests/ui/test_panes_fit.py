"""The three panes at a laptop's size (150 % of 1600 px is about 1050 px of room), in French:
the sidebar's names are whole, and no view's wide row squeezes the others or widens the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QModelIndex
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ui import i18n
from ui.screen_fit import CurrentPageStack
from ui.sidebar import TEXT_MARGINS, badge_room
from ui.sidebar_model import KIND_ROLE


@pytest.fixture
def french(qapp):  # type: ignore[no-untyped-def]
    if not (i18n.TRANSLATIONS_DIR / "community_moderator_fr.qm").exists():
        pytest.skip("catalogue not built (resources/translations/build.sh)")
    i18n.install_translators(qapp, QLocale(QLocale.Language.French, QLocale.Country.France))
    yield
    i18n.remove_translators(qapp)


def test_the_stack_asks_only_for_its_current_page(qtbot) -> None:
    stack = CurrentPageStack()
    qtbot.addWidget(stack)
    narrow = QLabel("short")
    wide = QPushButton("A very long row of buttons that a hidden page holds " * 3)
    stack.addWidget(narrow)
    stack.addWidget(wide)
    stack.setCurrentWidget(narrow)
    assert stack.minimumSizeHint().width() < wide.minimumSizeHint().width()
    stack.setCurrentWidget(wide)
    assert stack.minimumSizeHint().width() >= wide.minimumSizeHint().width()


def _text_room(window, row: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(width the name needs, width the sidebar leaves it) for one sidebar row."""
    sidebar = window.sidebar
    index = sidebar.model().index(row, 0, QModelIndex())
    font = QFont(sidebar.font())
    if index.data(KIND_ROLE) == "all":
        font.setWeight(QFont.Weight.DemiBold)
    needed = QFontMetrics(font).horizontalAdvance(str(index.data()))
    return needed, sidebar.viewport().width() - TEXT_MARGINS - badge_room(sidebar.font(), "999")


def test_at_laptop_size_in_french_names_are_whole_and_views_fit(qtbot, make_window, french) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.resize(1050, 660)
    window._share_panes()
    qtbot.waitUntil(lambda: window.splitter.sizes()[0] >= window.sidebar.preferred_width() - 1)
    for row in range(window.sidebar.model().rowCount()):
        if window.sidebar.model().index(row, 0).data(KIND_ROLE) != "header":
            needed, room = _text_room(window, row)
            assert needed <= room, window.sidebar.model().index(row, 0).data()
    sidebar_width = window.splitter.sizes()[0]
    # Every view in turn: the window keeps its width and the sidebar its room (wide button rows say
    # less, long sentences wrap).
    def needed() -> int:
        QWidget.ensurePolished(window)
        middle_min = window.splitter.widget(1).minimumSizeHint().width()
        reading = window.splitter.widget(2)
        reading_min = reading.minimumSizeHint().width() if reading.isVisible() else 0
        return sidebar_width + middle_min + reading_min

    for key in ("unanswered", "silent", "trending", "drafts", "reminders", "outbox", "planned", "review"):
        window.choose(key)
        # Once the view's refresh has filled it (labels wrap, buttons relabel), it fits.
        view = window.view(key)
        qtbot.waitUntil(lambda view=view: not getattr(view, "busy", lambda: False)())
        assert needed() <= 1050, key
