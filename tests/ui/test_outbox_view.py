"""The Outbox and Drafts views: their models (qtmodeltester), states in words, actions with undo,
sending through the controller off the GUI thread, and the words said when quitting."""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from moderator import drafts, outbox
from moderator.model import utcnow
from moderator.outbox import Reason, State
from moderator.store import to_ts
from tests.helpers.posting_double import World, make_world
from ui.composer import Composer
from ui.drafts_view import DraftsModel, DraftsView
from ui.outbox_view import (
    REPLY_COLUMN,
    OutboxController,
    OutboxModel,
    OutboxView,
    install_reply_views,
    state_text,
    unsent_summary,
)
from ui.tasks import TaskManager
from ui.views import TopicRef

BODY = "Thanks Bob, a four-day week is worth a pilot. Who wants to join?"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = make_world(tmp_path)
    yield w
    w.store.close()


@pytest.fixture
def ctx(world: World) -> types.SimpleNamespace:
    return types.SimpleNamespace(store=world.store, connector_for=world.connector_for)


@pytest.fixture
def tasks() -> Iterator[TaskManager]:
    manager = TaskManager()
    yield manager
    manager.shutdown()


def _queue(world: World, body: str = BODY) -> outbox.OutboxItem:
    return outbox.queue_reply(world.store, world.cid, "10", body)


def _set(world: World, item_id: int, **values: object) -> None:
    sets = ", ".join(f"{k}=?" for k in values)
    with world.store.write() as db:
        db.execute(f"UPDATE outbox SET {sets} WHERE id=?", (*values.values(), item_id))


def test_outbox_model_passes_the_model_tester_in_every_state(
    qtmodeltester: ModelTester, world: World
) -> None:
    items = [_queue(world, f"{BODY} #{n}") for n in range(6)]
    _set(world, items[1].id, state="sent", sent_at=2_000_000_000)
    _set(world, items[2].id, state="enqueued")
    _set(world, items[3].id, state="rejected", reason="rejected", last_error="Body is too short")
    _set(world, items[4].id, state="held", reason="new_replies", last_error="1 new reply by @dave")
    _set(world, items[5].id, state="sending", attempts=1)
    model = OutboxModel(world.store)
    model.refresh()
    qtmodeltester.check(model)
    assert model.rowCount() == 6
    words = {model.item(r).state: model.index(r, 0).data() for r in range(6)}  # type: ignore[union-attr]
    # The column says the state in a word or two; its tooltip (and the line under the buttons) why.
    assert words == {
        State.QUEUED: "Queued",
        State.SENT: "Sent",
        State.ENQUEUED: "Awaiting approval",
        State.REJECTED: "Rejected",
        State.HELD: "Held",
        State.SENDING: "Sending…",
    }
    tips = {
        model.item(r).state: model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole).split("\n")[0]  # type: ignore[union-attr]
        for r in range(6)
    }
    assert tips == {
        State.QUEUED: "Queued — will be sent when online",
        State.SENT: "Sent",
        State.ENQUEUED: "Awaiting approval",
        State.REJECTED: "Rejected: Body is too short",
        State.HELD: "Held: new replies since you started",
        State.SENDING: "Sending…",
    }
    assert model.item(0).state in (State.HELD, State.REJECTED)  # type: ignore[union-attr]  # attention first


def test_state_words_for_queued_with_an_error(world: World) -> None:
    item = _queue(world)
    _set(world, item.id, reason="offline", last_error="The server could not be reached.")
    stored = outbox.get_item(world.store, item.id)
    assert stored is not None
    assert state_text(stored) == "Queued — not sent yet: the community could not be reached"
    stored.reason = Reason.UNCONFIRMED
    assert "checking whether the server received" in state_text(stored)


def test_drafts_model_passes_the_model_tester(qtmodeltester: ModelTester, world: World) -> None:
    drafts.save_draft(world.store, world.cid, "10", "Half-written thought")
    model = DraftsModel(world.store)
    model.refresh()
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Remote work ideas"
    assert model.index(0, 2).data() == "Half-written thought"


def test_send_now_goes_through_the_controller(
    qtbot: QtBot, world: World, ctx: object, tasks: TaskManager
) -> None:
    item = _queue(world)
    controller = OutboxController(ctx, tasks)  # type: ignore[arg-type]
    view = OutboxView(ctx, controller=controller)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    assert view.send_button.isEnabled()
    with (
        qtbot.waitSignal(controller.finished, timeout=5000) as finished,
        qtbot.waitSignal(controller.message),
    ):
        view.send_now()
    [outcome] = finished.args[0]
    assert outcome.state == State.SENT
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.model.item(0).state == State.SENT)  # type: ignore[union-attr]
    assert outbox.get_item(world.store, item.id).state == State.SENT  # type: ignore[union-attr]
    assert view.pending_count() == 0
    assert OutboxController.summary([outcome]) == "Reply sent."


def test_offline_keeps_it_queued_and_schedules_a_retry(
    qtbot: QtBot, world: World, ctx: object, tasks: TaskManager
) -> None:
    _queue(world)
    world.server.script = ["offline"]
    controller = OutboxController(ctx, tasks)  # type: ignore[arg-type]
    with qtbot.waitSignal(controller.finished, timeout=5000):
        controller.send_pending()
    assert controller.retry_timer.isActive()
    assert outbox.list_items(world.store)[0].reason == Reason.OFFLINE


def test_a_second_request_while_sending_is_merged_into_a_rerun(
    qtbot: QtBot, world: World, ctx: object, tasks: TaskManager
) -> None:
    _queue(world)
    controller = OutboxController(ctx, tasks)  # type: ignore[arg-type]
    runs: list[object] = []
    controller.finished.connect(runs.append)
    controller.send_pending()
    controller.send_pending()  # while the first runs
    qtbot.waitUntil(lambda: len(runs) == 2 and not controller.busy, timeout=5000)
    assert world.server.post_calls == 1


def test_delete_with_undo(qtbot: QtBot, world: World, ctx: object) -> None:
    item = _queue(world)
    view = OutboxView(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    with qtbot.waitSignal(view.count_changed) as count:
        view.delete()
    assert count.args == [0] and outbox.list_items(world.store) == []
    assert view.undo_bar.isVisible() and "deleted" in view.undo_bar.label.text()
    view.undo_bar.undo()
    restored = outbox.get_item(world.store, item.id)
    assert restored is not None and restored.client_token == item.client_token


def test_retry_a_held_reply_sends_it_anyway(
    qtbot: QtBot, world: World, ctx: object, tasks: TaskManager
) -> None:
    item = _queue(world)
    _set(world, item.id, state="held", reason="topic_closed")
    controller = OutboxController(ctx, tasks)  # type: ignore[arg-type]
    view = OutboxView(ctx, controller=controller)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    assert view.retry_button.text() == "Send anyway" and view.retry_button.isEnabled()
    assert not view.send_button.isEnabled()
    with qtbot.waitSignal(controller.finished, timeout=5000):
        view.retry()
    assert outbox.get_item(world.store, item.id).state == State.SENT  # type: ignore[union-attr]


def test_edit_moves_it_back_to_a_draft_and_opens_the_composer(
    qtbot: QtBot, world: World, ctx: object
) -> None:
    item = _queue(world)
    _set(world, item.id, state="rejected", reason="rejected", last_error="Body is too similar")
    view = OutboxView(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    assert view.edit_button.isEnabled()
    view.edit()
    assert outbox.list_items(world.store) == []
    draft = drafts.get_draft(world.store, world.cid, "10")
    assert draft is not None and draft.body == BODY
    [composer] = Composer.open_composers()
    assert composer.editor.toPlainText() == BODY
    composer.close()
    qtbot.waitUntil(lambda: Composer.open_composers() == [])


def test_edit_refused_while_the_server_may_have_it(
    qtbot: QtBot, world: World, ctx: object, no_dialogs: list
) -> None:
    item = _queue(world)
    _set(world, item.id, attempts=1, reason="offline")
    view = OutboxView(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    assert not view.edit_button.isEnabled()
    view.edit()
    assert "send it first to find out" in no_dialogs[-1].text
    assert len(outbox.list_items(world.store)) == 1


def test_unsent_summary(world: World) -> None:
    assert unsent_summary(world.store) is None
    _queue(world)
    assert unsent_summary(world.store) == (
        "1 reply is waiting in the Outbox; it will be sent next time you are online."
    )
    held = _queue(world, BODY + " again")
    _queue(world, BODY + " and again")
    _set(world, held.id, state="held", reason="topic_closed")
    assert unsent_summary(world.store) == (
        "2 replies are waiting in the Outbox; they will be sent next time you are online."
        " 1 reply in the Outbox needs your attention (held or rejected)."
    )
    assert outbox.pending_count(world.store) == 3


def test_drafts_view_resume_and_delete_with_undo(qtbot: QtBot, world: World, ctx: object) -> None:
    drafts.save_draft(world.store, world.cid, "10", "Half-written thought")
    view = DraftsView(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.count_changed) as count:
        view.show()
    assert count.args == [1]
    with qtbot.waitSignal(view.selected) as selected:
        view.move_selection(1)
    assert selected.args == [TopicRef(world.cid, "10")]
    with qtbot.waitSignal(view.resumed) as resumed:
        view.open_current()
    composer = resumed.args[0]
    assert composer.editor.toPlainText() == "Half-written thought"
    composer.close()
    qtbot.waitUntil(lambda: Composer.open_composers() == [])
    view.delete_current()
    assert drafts.get_draft(world.store, world.cid, "10") is None
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert view.stack.currentWidget() is view.empty
    view.undo_stack.undo()
    assert drafts.get_draft(world.store, world.cid, "10") is not None
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)


def test_install_registers_both_views(
    world: World, ctx: object, tasks: TaskManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import views

    monkeypatch.setattr(views, "_registry", dict(views._registry))  # other tests keep their registry
    controller = install_reply_views(ctx, tasks)  # type: ignore[arg-type]
    drafts_spec, outbox_spec = views.spec("drafts"), views.spec("outbox")
    assert drafts_spec is not None and drafts_spec.factory is DraftsView and drafts_spec.go_key == "d"
    assert outbox_spec is not None and outbox_spec.factory is not None
    view = outbox_spec.factory(ctx, None)  # type: ignore[arg-type]
    assert isinstance(view, OutboxView) and view.controller is controller
    view.deleteLater()
    controller.deleteLater()  # its connection to reply_events() goes with it


def test_outbox_columns_show_the_reply_and_the_sent_time_and_delete_says_what_it_does(
    qtbot, world: World, ctx: types.SimpleNamespace
) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 7: a narrow State column, the reply on screen, when it was sent, and a Delete
    that says whether it removes a line of the list or a reply not sent yet."""
    sent, queued = _queue(world), _queue(world)
    _set(world, sent.id, state="sent", sent_at=to_ts(utcnow()))
    view = OutboxView(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(700, 400)  # a middle pane at 150 %
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    header = view.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(REPLY_COLUMN) >= 200)
    assert header.sectionSize(0) <= 160  # the State column: a word, not a sentence
    reply_right = header.sectionViewportPosition(REPLY_COLUMN) + header.sectionSize(REPLY_COLUMN)
    assert reply_right <= view.table.viewport().width()  # the reply is on screen
    rows = {view.model.item(r).id: r for r in range(view.model.rowCount())}  # type: ignore[union-attr]
    assert view.model.headerData(5, Qt.Orientation.Horizontal) == "Sent"
    assert view.model.index(rows[sent.id], 5).data() != ""  # when it went out
    assert view.model.index(rows[queued.id], 5).data() == ""
    view.table.selectRow(rows[sent.id])
    assert view.delete_button.text() == "Remove from this list"
    assert "stays on the site" in view.delete_button.toolTip()
    view.table.selectRow(rows[queued.id])
    assert view.delete_button.text() == "Delete unsent reply"
    assert "nothing reaches the site" in view.delete_button.toolTip()
