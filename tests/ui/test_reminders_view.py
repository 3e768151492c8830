"""The Reminders view, the remind dialog and the notifier, driven by a FakeClock (no sleeping).

Every model goes through ``qtmodeltester``; keys are pressed on the table as a user would; the
notifier is waited on through its signals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from moderator import reminders as rem
from moderator.bootstrap import AppContext
from moderator.clock import FakeClock
from moderator.model import UTC, AuthKind, Community, Member, Platform, Post, SyncBatch, Topic
from moderator.quickpicks import QuickPick
from moderator.reminders import Kind, State
from ui import theme
from ui.notifier import ReminderNotifier
from ui.remind_dialog import RemindDialog, RemindRequest, RemindTarget, remind_about
from ui.reminders_view import REMINDER_ROLE, Column, RemindersProxy, RemindersView
from ui.views import TopicRef

PARIS = ZoneInfo("Europe/Paris")
T0 = dt.datetime(2026, 11, 27, 9, 40, tzinfo=UTC)  # Friday 10:40 in Paris


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def community(ctx: AppContext) -> Community:
    community = ctx.store.add_community(
        Community(
            name="acme",
            platform=Platform.DISCOURSE,
            base_url="https://forum.acme.test",
            username="mod",
            auth_kind=AuthKind.USER_KEY,
            title="Acme Ideas",
        )
    )
    assert community.id is not None
    topics = [("12", "Where is the meetup?"), ("31", "Idée : un atelier"), ("44", "Bug on Android")]
    ctx.store.apply_batch(
        community.id,
        SyncBatch(
            members=[Member(id="7", username="olga")],
            topics=[
                Topic(id=t, title=title, slug=f"t{t}", author_id="7", posts_count=1, highest_post_number=1)
                for t, title in topics
            ],
            posts=[
                Post(
                    id=f"{t}0",
                    topic_id=t,
                    post_number=1,
                    author_id="7",
                    username="olga",
                    created_at=T0 - dt.timedelta(days=2),
                )
                for t, _ in topics
            ],
        ),
    )
    return community


def _add(ctx: AppContext, community: Community, **kw: object) -> rem.Reminder:
    assert community.id is not None
    kw.setdefault("now", T0 - dt.timedelta(days=1))
    return rem.add_reminder(ctx.store, community_id=community.id, **kw)  # type: ignore[arg-type]


@pytest.fixture
def three(ctx: AppContext, community: Community) -> list[rem.Reminder]:
    """An overdue topic, a member due tomorrow, a note due in 4 h (added out of order)."""
    member = _add(ctx, community, kind="member", username="zoe", due_at=T0 + dt.timedelta(days=1))
    overdue = _add(
        ctx,
        community,
        kind="topic",
        topic_id="12",
        due_at=T0 - dt.timedelta(hours=2),
        condition="still-unanswered",
    )
    note = _add(ctx, community, kind="note", note="Prepare the newsletter", due_at=T0 + dt.timedelta(hours=4))
    return [overdue, note, member]


@pytest.fixture
def notifiers(ctx: AppContext, clock: FakeClock):  # type: ignore[no-untyped-def]
    """Notifiers made by a test, stopped before the store closes (even when the test fails)."""
    made: list[ReminderNotifier] = []

    def make(interval_ms: int) -> ReminderNotifier:
        made.append(ReminderNotifier(ctx.store, clock=clock, zone=PARIS, interval_ms=interval_ms))
        return made[-1]

    yield make
    for notifier in made:
        notifier.stop()
        notifier.deleteLater()


@pytest.fixture
def view(qtbot, ctx: AppContext, clock: FakeClock, three: list[rem.Reminder]) -> RemindersView:  # type: ignore[no-untyped-def]
    widget = RemindersView(ctx, clock=clock, zone=PARIS)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.activateWindow()
    widget.focus_list()
    return widget


def _ids(view: RemindersView) -> list[int]:
    return [view.proxy.index(r, 0).data(REMINDER_ROLE).id for r in range(view.proxy.rowCount())]


def _press(
    qtbot, view: RemindersView, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    """A key on the view's list. e, s, z (and Ctrl+Z) are the main window's keys (they work wherever
    the focus is, tests/ui/test_main_window.py): for a view alone, they call what the window would."""
    from ui import views

    row_keys = {
        Qt.Key.Key_E: views.ROW_DONE,
        Qt.Key.Key_S: views.ROW_SNOOZE,
        Qt.Key.Key_Z: views.ROW_UNDO,
    }
    view.table.setFocus()
    if key in row_keys:
        view.row_commands()[row_keys[key]]()
        return
    qtbot.keyClick(view.table, key, modifier)


# -- the model -------------------------------------------------------------------------------------


def test_models_pass_the_model_tester(qtmodeltester, view: RemindersView) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    view.show_closed.setChecked(True)
    view.filter.setText("newsletter")
    qtmodeltester.check(view.proxy)
    empty = RemindersProxy()
    qtmodeltester.check(empty)


def test_sorted_by_due_time_with_overdue_highlighted(view: RemindersView, three: list[rem.Reminder]) -> None:
    assert _ids(view) == [r.id for r in three]
    top = view.proxy.index(0, Column.DUE)
    assert top.data() == "Today 08:40"
    assert top.data(Qt.ItemDataRole.ForegroundRole) == QColor(theme.RED)
    assert top.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "Overdue by 2 h" in view.proxy.index(0, Column.STATUS).data()
    assert "if still unanswered" in view.proxy.index(0, Column.STATUS).data()
    assert view.proxy.index(0, Column.WHAT).data() == "Where is the meetup?"
    assert view.proxy.index(1, Column.STATUS).data() == "In 4 h"
    assert view.proxy.index(1, Column.DUE).data(Qt.ItemDataRole.ForegroundRole) is None
    assert view.proxy.index(2, Column.WHAT).data() == "Nudge @zoe"
    assert view.proxy.index(2, Column.DUE).data() == "Tomorrow 10:40"


def test_a_reminder_note_is_shown_in_the_list(
    qtbot, ctx: AppContext, community: Community, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    topic = _add(ctx, community, kind="topic", topic_id="12", note="Ask Karim for the venue", due_at=T0)
    member = _add(ctx, community, kind="member", username="zoe", note="She liked the last survey", due_at=T0)
    widget = RemindersView(ctx, clock=clock, zone=PARIS)
    qtbot.addWidget(widget)
    widget.refresh()
    texts = {
        widget.proxy.index(r, 0).data(REMINDER_ROLE).id: widget.proxy.index(r, Column.WHAT).data()
        for r in range(widget.proxy.rowCount())
    }
    assert texts[topic.id] == "Where is the meetup? — Ask Karim for the venue"
    assert texts[member.id] == "Nudge @zoe — She liked the last survey"
    widget._ticker.stop()  # no tick after this test's store is closed
    widget.deleteLater()


def test_time_passing_turns_rows_red_and_updates_the_badge(
    qtbot, view: RemindersView, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    clock.advance(hours=5)
    with qtbot.waitSignal(view.count_changed) as blocker:
        view.tick()
    assert blocker.args == [2]
    assert view.proxy.index(1, Column.DUE).data(Qt.ItemDataRole.ForegroundRole) == QColor(theme.RED)


def test_filter_and_show_done(view: RemindersView, three: list[rem.Reminder]) -> None:
    view.filter.setText("NEWSLETTER")
    assert _ids(view) == [three[1].id]
    view.filter.setText("nothing like this")
    assert view.pages.currentWidget() is view.empty
    assert "nothing like this" in view.empty.title.text()
    view.filter.clear()
    assert view.pages.currentWidget() is view.table


# -- keyboard --------------------------------------------------------------------------------------


def test_e_marks_done_and_z_undoes(
    qtbot, view: RemindersView, ctx: AppContext, three: list[rem.Reminder]
) -> None:  # type: ignore[no-untyped-def]
    view.select_reminder(three[0].id)
    with qtbot.waitSignal(view.count_changed, check_params_cb=lambda n: n == 0):
        _press(qtbot, view, Qt.Key.Key_E)
    assert rem.get_reminder(ctx.store, three[0].id).state is State.DONE  # type: ignore[union-attr]
    assert _ids(view) == [three[1].id, three[2].id]
    assert view.current_reminder().id == three[1].id  # type: ignore[union-attr]  # the next row
    _press(qtbot, view, Qt.Key.Key_Z)
    assert rem.get_reminder(ctx.store, three[0].id).state is State.OPEN  # type: ignore[union-attr]
    assert view.current_reminder().id == three[0].id  # type: ignore[union-attr]
    view.select_reminder(three[1].id)
    _press(qtbot, view, Qt.Key.Key_E)
    _press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rem.get_reminder(ctx.store, three[1].id).state is State.OPEN  # type: ignore[union-attr]


# A popup menu on the offscreen platform: it cannot raise it or grab the keyboard, and says so.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)")
def test_s_opens_the_snooze_menu_of_quick_picks(
    qtbot,
    view: RemindersView,
    ctx: AppContext,  # type: ignore[no-untyped-def]
    three: list[rem.Reminder],
) -> None:
    view.select_reminder(three[0].id)
    _press(qtbot, view, Qt.Key.Key_S)
    qtbot.waitUntil(view.snooze_menu.isVisible)
    picks = {a.data(): a for a in view.snooze_menu.actions() if a.data()}
    assert set(picks) == {p.value for p in QuickPick}
    assert picks["tomorrow"].text().endswith("Tomorrow 09:00")
    picks["tomorrow"].trigger()
    view.snooze_menu.hide()
    snoozed = rem.get_reminder(ctx.store, three[0].id)
    assert snoozed is not None and snoozed.state is State.SNOOZED
    assert snoozed.due_at == dt.datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    assert _ids(view) == [three[1].id, three[0].id, three[2].id]  # tomorrow 09:00 comes before 10:40


def test_enter_opens_the_topic_and_selection_feeds_the_reading_pane(
    qtbot,
    view: RemindersView,  # type: ignore[no-untyped-def]
    three: list[rem.Reminder],
    community: Community,
) -> None:
    view.select_reminder(three[1].id)
    with qtbot.waitSignal(view.selected) as selected:
        _press(qtbot, view, Qt.Key.Key_Up)
    assert selected.args == [TopicRef(community.id or 0, "12")]
    with qtbot.waitSignal(view.opened) as opened:
        _press(qtbot, view, Qt.Key.Key_Return)
    assert opened.args == [TopicRef(community.id or 0, "12")]
    view.move_selection(1)
    assert view.current() is None and view.current_reminder().kind is Kind.NOTE  # type: ignore[union-attr]


def test_member_reminder_offers_the_nudge(qtbot, view: RemindersView, three: list[rem.Reminder]) -> None:  # type: ignore[no-untyped-def]
    view.select_reminder(three[2].id)
    assert view.nudge_button.isVisibleTo(view)
    with qtbot.waitSignal(view.nudge_requested) as nudge:
        _press(qtbot, view, Qt.Key.Key_Return)
    community_id, username, text = nudge.args
    assert username == "zoe" and "@zoe" in text


def test_reopen_a_resolved_reminder(
    qtbot,
    view: RemindersView,
    ctx: AppContext,
    community: Community,  # type: ignore[no-untyped-def]
    clock: FakeClock,
    three: list[rem.Reminder],
) -> None:
    ctx.store.apply_batch(
        community.id or 0,
        SyncBatch(
            posts=[
                Post(
                    id="121",
                    topic_id="12",
                    post_number=2,
                    author_id="9",
                    username="bob",
                    created_at=T0 - dt.timedelta(hours=3),
                )
            ]
        ),
    )
    rem.evaluate_conditions(ctx.store, clock.now())
    view.refresh()
    assert three[0].id not in _ids(view)
    view.show_closed.setChecked(True)
    assert view.select_reminder(three[0].id)
    status = view.table.currentIndex().siblingAtColumn(Column.STATUS).data()
    assert status == "Resolved: answered by @bob today at 07:40"
    assert view.reopen_button.isVisibleTo(view) and view.reopen_button.isEnabled()
    view.reopen_button.click()
    assert rem.get_reminder(ctx.store, three[0].id).state is State.OPEN  # type: ignore[union-attr]


def test_new_note_with_n(
    qtbot,
    view: RemindersView,
    ctx: AppContext,
    community: Community,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[RemindTarget] = []

    def ask(parent, target, **kw):  # type: ignore[no-untyped-def]
        asked.append(target)
        return RemindRequest(
            due_at=T0 + dt.timedelta(days=2), community_id=community.id, note="Call the venue"
        )

    monkeypatch.setattr(RemindDialog, "ask", classmethod(lambda cls, *a, **kw: ask(*a, **kw)))
    with qtbot.waitSignal(view.reminders_changed):
        _press(qtbot, view, Qt.Key.Key_N)
    assert asked[0].kind is Kind.NOTE
    assert view.current_reminder().note == "Call the venue"  # type: ignore[union-attr]


def test_export_button_writes_a_calendar(
    qtbot,
    view: RemindersView,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "mine.ics"
    monkeypatch.setattr(RemindersView, "ask_export_path", classmethod(lambda cls, parent: str(target)))
    with qtbot.waitSignal(view.message) as message:
        view.export_button.click()
    assert "3" in message.args[0]
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 3
    assert any("https://forum.acme.test/t/t12/12" in str(e.get("description")) for e in events)


def test_empty_view_says_what_to_do(qtbot, ctx: AppContext, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    widget = RemindersView(ctx, clock=clock, zone=PARIS)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    assert widget.pages.currentWidget() is widget.empty
    assert "Press m" in widget.empty.text.text()
    assert not widget.snooze_button.isVisibleTo(widget)


# -- the dialog ------------------------------------------------------------------------------------


def test_dialog_quick_picks_on_a_dst_eve(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = dt.datetime(2026, 3, 28, 20, 30, tzinfo=UTC)  # 21:30 in Paris
    dialog = RemindDialog(
        RemindTarget.topic(1, "12", "Where is the meetup?"), now=now, zone=PARIS, can_mirror=True
    )
    qtbot.addWidget(dialog)
    assert not dialog.pick_buttons[QuickPick.LATER_TODAY].isEnabled()
    assert dialog.pick_buttons[QuickPick.TOMORROW].isChecked()  # the default
    assert dialog.request().due_at == dt.datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    assert "Sun 29 Mar" in dialog.pick_buttons[QuickPick.TOMORROW].text()
    qtbot.mouseClick(dialog.pick_buttons[QuickPick.NEXT_MONDAY], Qt.MouseButton.LeftButton)
    assert dialog.request().due_at == dt.datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    dialog.condition_combo.setCurrentIndex(dialog.condition_combo.findData("no-author-reply"))
    dialog.mirror_check.setChecked(True)
    request = dialog.request()
    assert request.condition is rem.Condition.NO_AUTHOR_REPLY and request.mirror and request.community_id == 1


def test_dialog_custom_time_is_local_wall_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = dt.datetime(2026, 10, 24, 19, 0, tzinfo=UTC)
    dialog = RemindDialog(RemindTarget.member(1, "@zoe"), now=now, zone=PARIS)
    qtbot.addWidget(dialog)
    edit = dialog.when_edit
    edit.setDateTime(edit.dateTime().addSecs(90 * 60))  # tomorrow 09:00 -> 10:30, typed by hand
    assert not any(b.isChecked() for b in dialog.pick_buttons.values())
    assert dialog.request().due_at == dt.datetime(2026, 10, 25, 9, 30, tzinfo=UTC)  # 10:30 CET
    assert not dialog.mirror_check.isVisibleTo(dialog)  # only topics, only when the community can
    assert not dialog.condition_combo.isVisibleTo(dialog)


def test_dialog_refuses_an_empty_note_and_keyboard_picks(
    qtbot, ctx: AppContext, community: Community
) -> None:  # type: ignore[no-untyped-def]
    dialog = RemindDialog(RemindTarget.note(None), now=T0, zone=PARIS, communities=ctx.store.communities())
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # "In a &week"
    qtbot.waitUntil(dialog.pick_buttons[QuickPick.IN_A_WEEK].isChecked)  # a mnemonic animates its click
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "Write what" in dialog.error.text()
    dialog.note_edit.setText("Plan the meetup")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.request().community_id == community.id


def test_remind_about_stores_the_reminder(
    ctx: AppContext, community: Community, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def ask(cls, parent, target, **kw):  # type: ignore[no-untyped-def]
        seen.update(kw)
        return RemindRequest(
            due_at=T0 + dt.timedelta(days=1),
            community_id=target.community_id,
            condition=rem.Condition.STILL_UNANSWERED,
        )

    monkeypatch.setattr(RemindDialog, "ask", classmethod(ask))
    created = remind_about(
        None,
        ctx,
        RemindTarget.topic(community.id or 0, "31", "Idée"),
        clock=clock,
        zone=PARIS,
        can_mirror=False,
    )
    assert created is not None and created.title == "Idée : un atelier" and created.baseline_post_number == 1
    assert seen["can_mirror"] is False and seen["now"] == T0


# -- the notifier ----------------------------------------------------------------------------------


def test_notifier_fires_when_a_reminder_falls_due(
    qtbot,
    ctx: AppContext,
    community: Community,  # type: ignore[no-untyped-def]
    clock: FakeClock,
    notifiers,
) -> None:
    soon = _add(
        ctx, community, kind="note", note="Call the venue", due_at=T0 + dt.timedelta(minutes=5), now=T0
    )
    notifier = notifiers(20)
    banners: list[str] = []
    notifier.banner_requested.connect(banners.append)
    with qtbot.assertNotEmitted(notifier.reminder_due):
        assert notifier.start() == []
    clock.advance(minutes=5)
    with qtbot.waitSignal(notifier.reminder_due, timeout=2000) as due:
        pass
    assert due.args[0].id == soon.id
    assert banners == ["Reminder: Call the venue"]  # no tray offscreen: a banner
    with qtbot.assertNotEmitted(notifier.reminder_due):  # once, not on every check
        assert notifier.check_now() == []
    rem.snooze(ctx.store, soon.id, clock.now() + dt.timedelta(hours=1), now=clock.now())
    clock.advance(hours=1)
    with qtbot.waitSignal(notifier.reminder_due, timeout=2000):  # snoozed: rings again at its new time
        pass


def test_notifier_emits_overdue_ones_once_at_startup(
    qtbot,
    ctx: AppContext,
    community: Community,  # type: ignore[no-untyped-def]
    clock: FakeClock,
    three: list[rem.Reminder],
    notifiers,
) -> None:
    _add(ctx, community, kind="note", note="Old", due_at=T0 - dt.timedelta(days=3))
    notifier = notifiers(60_000)
    banners: list[str] = []
    notifier.banner_requested.connect(banners.append)
    with qtbot.waitSignal(notifier.due_count_changed, check_params_cb=lambda n: n == 2):
        fired = notifier.start()
    assert len(fired) == 2 and banners == ["2 reminder(s) overdue: • Old\n• Follow up: Where is the meetup?"]
    assert notifier.check_now() == []
    assert notifier.active


def test_notifier_resolves_instead_of_ringing(
    qtbot,
    ctx: AppContext,
    community: Community,  # type: ignore[no-untyped-def]
    clock: FakeClock,
    notifiers,
) -> None:
    answered = _add(
        ctx,
        community,
        kind="topic",
        topic_id="44",
        due_at=T0 + dt.timedelta(minutes=1),
        now=T0,
        condition="still-unanswered",
    )
    ctx.store.apply_batch(
        community.id or 0,
        SyncBatch(
            posts=[Post(id="441", topic_id="44", post_number=2, author_id="9", username="bob", created_at=T0)]
        ),
    )
    notifier = notifiers(20)
    notifier.start()
    clock.advance(minutes=2)
    with (
        qtbot.waitSignal(notifier.message, timeout=2000) as message,
        qtbot.assertNotEmitted(notifier.reminder_due),
    ):
        pass
    assert (
        message.args[0]
        == "Reminder no longer needed: Follow up: Bug on Android (answered by @bob today at 10:40)"
    )
    assert rem.get_reminder(ctx.store, answered.id).state is State.RESOLVED  # type: ignore[union-attr]


def test_after_a_sync_conditions_are_evaluated_before_they_are_due(
    qtbot,
    ctx: AppContext,
    community: Community,  # type: ignore[no-untyped-def]
    clock: FakeClock,
    notifiers,
) -> None:
    later = _add(
        ctx,
        community,
        kind="topic",
        topic_id="31",
        due_at=T0 + dt.timedelta(days=3),
        now=T0,
        condition="no-new-reply",
    )
    notifier = notifiers(60_000)
    notifier.start()
    ctx.store.apply_batch(
        community.id or 0,
        SyncBatch(
            posts=[Post(id="311", topic_id="31", post_number=2, author_id="9", username="bob", created_at=T0)]
        ),
    )
    with qtbot.waitSignal(notifier.resolved) as resolved:
        assert [r.id for r in notifier.evaluate_after_sync()] == [later.id]
    assert resolved.args[0].resolution.user == "bob"
