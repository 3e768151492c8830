"""The main window over a hand-filled store: three panes, keyboard, filter, status bar, dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_fakes import GatedSync, add_community

from moderator.bootstrap import AppContext
from ui.main_window import FIRST_LAUNCH_BANNER, MainWindow
from ui.sidebar_model import KEY_ROLE
from ui.topic_model import Column
from ui.topic_view import TopicListView
from ui.views import TopicRef


def _topics(window: MainWindow) -> TopicListView:
    view = window.current_view()
    assert isinstance(view, TopicListView)
    return view


def _title(view: TopicListView) -> str:
    return str(view.table.currentIndex().siblingAtColumn(Column.TITLE).data())


def test_lists_every_topic_of_the_store(qtbot, make_window, filled: AppContext) -> None:
    window = make_window()
    view = _topics(window)
    assert view.proxy.rowCount() == filled.store.counts()["topics"]
    titles = [view.proxy.index(r, Column.TITLE).data() for r in range(view.proxy.rowCount())]
    assert "Welcome to the community" in titles
    assert view.pages.currentWidget() is view.table


def test_j_k_enter_and_reading_pane(qtbot, make_window) -> None:
    window = make_window()
    view = _topics(window)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_J)
    first = view.current()
    assert isinstance(first, TopicRef)
    assert window.reading.ref == first
    assert _title(view) in window.reading.browser.toPlainText()
    qtbot.keyClick(view.table, Qt.Key.Key_J)
    second = view.current()
    assert second != first and window.reading.ref == second
    qtbot.keyClick(view.table, Qt.Key.Key_K)
    assert view.current() == first
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.reading.browser.hasFocus())
    # j still moves the list while the reading pane has the focus
    qtbot.keyClick(window.reading.browser, Qt.Key.Key_J)
    assert view.current() == second


def test_slash_focuses_the_filter_and_typing_filters(qtbot, make_window) -> None:
    window = make_window()
    view = _topics(window)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Slash)
    qtbot.waitUntil(lambda: view.filter.hasFocus())
    qtbot.keyClicks(view.filter, "welcome")  # letters go to the box, not to j/k shortcuts
    assert view.filter.text() == "welcome"
    assert view.proxy.rowCount() == 1
    qtbot.keyClicks(view.filter, " zzz")
    assert view.proxy.rowCount() == 0
    assert view.pages.currentWidget() is view.empty
    assert "zzz" in view.empty.title.text()
    qtbot.keyClick(view.filter, Qt.Key.Key_Escape)
    assert view.filter.text() == ""
    assert view.proxy.rowCount() == 12
    assert view.table.hasFocus()


def test_sidebar_model_and_community_scope(qtbot, qtmodeltester, make_window, filled: AppContext) -> None:
    window = make_window()
    model = window.sidebar.sidebar_model
    qtmodeltester.check(model)
    keys = [model.index(r, 0).data(KEY_ROLE) for r in range(model.rowCount())]
    assert keys[:7] == ["all", "unanswered", "silent", "trending", "drafts", "reminders", "outbox"]
    acme = filled.store.community("acme")
    assert acme is not None and acme.id is not None
    assert f"community:{acme.id}" in keys
    window.sidebar.select_key(f"community:{acme.id}")
    view = _topics(window)
    assert view.community_ids == [acme.id]
    assert view.table.isColumnHidden(Column.COMMUNITY)
    window.set_badge("unanswered", 4)
    row = model.row_of("unanswered")
    spoken = model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Unanswered, 4 ") and "waiting for an answer" in spoken


def test_go_to_a_view_with_g_then_a_letter(qtbot, make_window) -> None:
    window = make_window()
    view = _topics(window)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_G)
    qtbot.keyClick(view.table, Qt.Key.Key_U)
    assert window.current_key == "unanswered"
    assert window.stack.currentWidget() is window.view_widgets["unanswered"]
    assert window.sidebar.current_key() == "unanswered"
    window.choose("all")
    assert window.current_view() is view


def test_question_mark_lists_the_shortcuts(qtbot, make_window, no_dialogs) -> None:
    window = make_window()
    _topics(window).table.setFocus()
    qtbot.keyClick(_topics(window).table, Qt.Key.Key_Question)
    assert [s.kind for s in no_dialogs] == ["dialog"]
    from ui.shortcuts_dialog import shortcut_rows

    rows = dict((text, keys) for keys, text in shortcut_rows(window.actions.all()))
    assert rows["Next row"] == "j"
    assert rows["Unanswered"] == "g then u"
    assert rows["Sync now"] == "F5 / Ctrl+R"


def test_every_menu_action_shows_its_shortcut(qtbot, make_window) -> None:
    window = make_window()
    menus = [a.menu() for a in window.menuBar().actions()]
    assert [m.title().replace("&", "") for m in menus] == ["File", "View", "Community", "Help"]
    texts = {
        a.text().replace("&", ""): a.shortcut().toString() for m in menus for a in m.actions() if a.text()
    }
    assert texts["Sync now"] == "F5"
    assert texts["Quit"] == "Ctrl+Q"
    assert texts["Open in browser"] == "O"
    assert texts["Filter the list"] == "/"


def test_open_in_browser_goes_through_the_connector(qtbot, make_window, opened_urls) -> None:
    window = make_window()
    view = _topics(window)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_J)
    ref = view.current()
    assert ref is not None
    qtbot.keyClick(view.table, Qt.Key.Key_O)
    qtbot.waitUntil(lambda: bool(opened_urls))
    assert opened_urls[0].toString() == f"https://forum.acme.test/t/{ref.topic_id}"


def test_first_launch_banner_only_with_the_sandbox_alone(qtbot, make_window) -> None:
    window = make_window()
    assert FIRST_LAUNCH_BANNER not in window.banners.shown_keys()  # acme is a real account


def test_status_bar_says_synced_after_a_sync(qtbot, make_window, gated_sync: GatedSync) -> None:
    window = make_window()
    with qtbot.waitSignal(window.controller.all_idle, timeout=5000):
        window.sync_now()
    assert "acme · synced" in window.status.state_text()
    assert "synced" in window.status.states.text()
    assert not window.status.progress.isVisible()


def test_many_communities_are_counted_in_the_status_bar_not_listed(  # type: ignore[no-untyped-def]
    qtbot, make_window, filled: AppContext
) -> None:
    for n in range(10):
        add_community(filled.store, f"community-{n:02}", url=f"https://c{n}.example.org")
    window = make_window()
    window.status.update_states()
    text = window.status.states.text()
    assert "community-07" not in text and "10 not synced yet" in text  # counted per state
    assert "community-07 · not synced yet" in window.status.states.toolTip()  # each one still said
    assert window.status.states.sizeHint().width() < 300  # the window never grows for it


def test_every_control_has_an_accessible_name(qtbot, make_window) -> None:
    window = make_window()
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit, QTextBrowser

    controls = [
        w
        for w in window.findChildren(QAbstractButton)
        + window.findChildren(QLineEdit)
        + window.findChildren(QAbstractItemView)
        + window.findChildren(QTextBrowser)
        if w.isVisibleTo(window)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.parent() is not None
        and not w.objectName().startswith("qt_")
    ]
    unnamed = [
        f"{type(w).__name__}:{w.objectName()}:{getattr(w, 'text', lambda: '')()}"
        for w in controls
        if not (w.accessibleName() or getattr(w, "text", lambda: "")())
    ]
    assert not unnamed


def test_application_is_still_responsive_app_wide(qtbot, make_window) -> None:
    make_window()
    assert QApplication.instance() is not None


def test_window_size_and_pane_widths_come_back_next_time(make_window, data_dir) -> None:  # type: ignore[no-untyped-def]
    first = make_window()
    first.resize(780, 640)  # within the offscreen screen's room (800 px less the frame allowance)
    first.splitter.setSizes([200, 320, 260])
    size, sizes = first.size(), first.splitter.sizes()
    first.close()
    assert (data_dir / "window.ini").exists()  # in the data directory, not the user's global settings
    second = make_window()
    assert second.size() == size
    assert second.splitter.sizes() == sizes


def test_long_syncs_show_an_estimate_once_the_pace_is_known(make_window) -> None:  # type: ignore[no-untyped-def]
    status = make_window().status
    assert status._estimate(0, 100, 30.0) == ""  # nothing done yet: no pace
    assert status._estimate(10, 100, 1.0) == ""  # too early to tell
    assert status._estimate(50, 100, 20.0) == ", under a minute left"
    assert status._estimate(10, 100, 60.0) == ", about 9 min left"
    assert status._estimate(100, 100, 60.0) == ""
