"""New topics (``n``), send later, and the Planned view (``g p``), driven through the real widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from moderator import outbox
from moderator.bootstrap import AppContext
from moderator.model import Category, SyncBatch, utcnow
from moderator.outbox import Reason, State
from moderator.schedule import series, topics
from ui.planned_view import PlannedView
from ui.reminders_view import RemindersView
from ui.topic_composer import TopicComposer

TITLE = "Question de la semaine : vos outils d'atelier"
BODY = "Quel outil vous aide le plus pour animer un atelier, et pourquoi ?"


@pytest.fixture(autouse=True)
def no_composer_left():  # type: ignore[no-untyped-def]
    yield
    if TopicComposer._open is not None:
        TopicComposer._open.close()


def _open_composer(qtbot, window) -> TopicComposer:  # type: ignore[no-untyped-def]
    window.choose("community:" + str(window.ctx.store.communities()[0].id))
    with qtbot.waitActive(window):  # a closed composer gave the focus back: shortcuts need the window active
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N)
    composer = TopicComposer._open
    assert composer is not None  # deleted on close: the fixture above closes it, not qtbot
    with qtbot.waitActive(composer):
        composer.show()
        composer.activateWindow()
    return composer


def test_n_opens_a_new_topic_and_ctrl_enter_queues_it(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    store = window.ctx.store
    community = store.communities()[0]
    store.apply_batch(community.id, SyncBatch(categories=[Category(id="9", name="Staff only", can_create_topic=False)]))
    composer = _open_composer(qtbot, window)
    categories = [composer.category_box.itemText(i) for i in range(composer.category_box.count())]
    assert "Staff only" not in categories and "Ideas" in categories
    composer.category_box.setCurrentIndex(composer.category_box.findData("2"))
    qtbot.keyClicks(composer.title_edit, TITLE)
    qtbot.keyClicks(composer.tags_edit, "semaine, ateliers")
    composer.editor.setFocus()
    qtbot.keyClicks(composer.editor, BODY)
    with qtbot.waitSignal(composer.preview_updated):
        pass
    assert composer.preview.toPlainText().startswith(TITLE)
    with qtbot.waitSignal(composer.queued) as queued:
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    item = outbox.get_item(store, queued.args[0])
    assert item is not None and item.is_new_topic and item.new_topic_title == TITLE
    assert item.new_topic_category_id == "2" and item.new_topic_tags == ("semaine", "ateliers")
    assert item.not_before is None and topics.get_topic_draft(store, community.id) is None


def test_a_short_title_is_explained_and_nothing_is_queued(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    composer = _open_composer(qtbot, window)
    composer.title_edit.setText("Hello")
    composer.editor.setPlainText(BODY)
    assert composer.send() is False
    assert composer.banner.text() == "The title is too short: at least 15 characters."
    assert [i for i in outbox.list_items(window.ctx.store) if i.is_new_topic] == []


def test_send_later_from_the_menu_then_cancel_and_undo_in_planned(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    store = window.ctx.store
    composer = _open_composer(qtbot, window)
    composer.title_edit.setText(TITLE)
    composer.editor.setPlainText(BODY)
    composer._fill_later_menu()
    first = composer.later_menu.actions()[0]
    assert first.data() == "next-working-morning"
    with qtbot.waitSignal(composer.queued) as queued:
        first.trigger()
    item = outbox.get_item(store, queued.args[0])
    assert item is not None and item.not_before is not None and item.not_before > utcnow()
    assert item.not_before.astimezone().hour == 9 and item.not_before.astimezone().weekday() < 5

    qtbot.keyClick(window, Qt.Key.Key_G)
    qtbot.keyClick(window, Qt.Key.Key_P)
    view = window.current_view()
    assert isinstance(view, PlannedView)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.index(0, 1).data() == "Planned post" and view.model.index(0, 3).data() == TITLE
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_J)  # the window's j: the first row
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert outbox.get_item(store, item.id) is None and view.model.rowCount() == 0
    qtbot.keyClick(view.empty if view.empty.isVisible() else view.table, Qt.Key.Key_Z)
    assert outbox.get_item(store, item.id) is not None and view.model.rowCount() == 1


def test_an_untouched_composer_leaves_no_draft_and_a_typed_one_is_restored(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    store = window.ctx.store
    community = store.communities()[0]
    composer = _open_composer(qtbot, window)
    qtbot.keyClick(composer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: TopicComposer._open is None)
    assert topics.get_topic_draft(store, community.id) is None
    composer = _open_composer(qtbot, window)
    qtbot.keyClicks(composer.title_edit, TITLE)
    qtbot.keyClick(composer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: TopicComposer._open is None)
    draft = topics.get_topic_draft(store, community.id)
    assert draft is not None and draft.title == TITLE
    composer = _open_composer(qtbot, window)
    assert composer.title_edit.text() == TITLE and composer.draft_label.text() == "Draft restored"


def test_n_in_reminders_is_still_a_new_note(qtbot, make_window, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    notes: list[bool] = []
    monkeypatch.setattr(RemindersView, "new_note", lambda self: notes.append(True))
    window.choose("reminders")
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert notes == [True] and TopicComposer._open is None


def test_approving_a_prepared_recurring_post_with_a(qtbot, make_window, filled: AppContext) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    store = window.ctx.store
    community = store.communities()[0]
    now = utcnow()
    created = series.add_series(store, community_id=community.id, name="Lundi", title="Question du lundi, semaine {week}",
                                body="Votre question ?", rule="weekly MON 09:00", zone="Europe/Paris",
                                now=now - dt.timedelta(days=8))
    made = series.prepare_due(store, now=created.upcoming(now, 1)[0] - dt.timedelta(hours=2))
    (item,) = made
    assert item.state == State.HELD and item.reason == Reason.AWAITING_APPROVAL
    window.choose("planned")
    view = window.current_view()
    assert isinstance(view, PlannedView)
    qtbot.waitUntil(lambda: any(e.outbox_id == item.id for e in view.model.rows))
    row = next(i for i, e in enumerate(view.model.rows) if e.outbox_id == item.id)
    view._select(row)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_A)
    approved = outbox.get_item(store, item.id)
    assert approved is not None and approved.state == State.QUEUED and approved.not_before == item.not_before


def test_the_series_dialog_creates_a_monthly_series(qtbot, filled: AppContext) -> None:  # type: ignore[no-untyped-def]
    from ui.series_dialog import SeriesDialog

    store = filled.store
    communities = store.communities()
    dialog = SeriesDialog(store, communities, communities[0])
    qtbot.addWidget(dialog)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("monthly-weekday"))
    assert dialog.nth_box.isVisibleTo(dialog) and not dialog.date_spin.isVisibleTo(dialog)
    dialog.nth_box.setCurrentIndex(dialog.nth_box.findData(5))
    dialog.day_box.setCurrentIndex(dialog.day_box.findData(4))
    dialog.title_edit.setText("Hi")  # too short once filled: refused with the reason, the dialog stays
    dialog.accept()
    assert dialog.created is None and "too short" in dialog.error.text()
    dialog.title_edit.setText("Bilan du mois de {month} : vos réussites")
    dialog.accept()
    assert dialog.created is not None and dialog.created.rule.text() == "monthly last FRI 09:00"
    assert series.list_series(store) == [dialog.created]


def test_the_new_topic_composer_opens_within_the_screen_with_send_visible(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    composer = _open_composer(qtbot, window)  # offscreen, the screen is 800 wide: less than the 980 wished
    area = composer.screen().availableGeometry()
    assert composer.frameGeometry().width() <= area.width()
    send = composer.send_button
    assert send.isVisible() and area.contains(send.mapToGlobal(send.rect().bottomRight()))


def test_the_planned_view_never_widens_the_window(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    store = window.ctx.store
    topics.queue_topic(store, store.communities()[0].id, TITLE, BODY, not_before=utcnow() + dt.timedelta(days=1))
    window.choose("planned")
    view = window.current_view()
    assert isinstance(view, PlannedView)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view._select(0)
    assert view.hint.text()  # a long sentence, longer still in French
    assert view.minimumSizeHint().width() < view.hint.fontMetrics().horizontalAdvance(view.hint.text())
