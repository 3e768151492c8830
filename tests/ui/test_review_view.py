"""The Review view against the real in-process sandbox (its seeded review queue), synced by the engine.

A moderator goes to Review (g v), reads an item in context, approves with a, is asked before a
delete, sees another moderator's decision win, and sees a community without a queue named as such.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from moderator.bootstrap import AppContext, open_context
from moderator.model import AuthKind, Community, Platform
from moderator.review import store as review_store
from moderator.sandbox.review_queue import queue_for
from ui import dialogs
from ui.main_window import MainWindow
from ui.review_card import ReviewCard
from ui.review_view import ReviewView
from ui.sidebar_model import BADGE_ROLE
from ui.sync_controller import SyncController
from ui.tasks import TaskManager

SYNC_TIMEOUT = 60_000


@pytest.fixture
def sandbox_ctx() -> Iterator[AppContext]:
    context = open_context()
    yield context
    context.close()


@pytest.fixture
def window(qtbot, sandbox_ctx: AppContext) -> Iterator[MainWindow]:
    tasks = TaskManager()
    controller = SyncController(sandbox_ctx, tasks)
    win = MainWindow(sandbox_ctx, tasks, controller)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    with qtbot.waitSignal(win.controller.all_idle, timeout=SYNC_TIMEOUT):
        win.controller.start_schedule()
    yield win
    win.shutdown()


def _review(qtbot, window: MainWindow) -> ReviewView:
    QTest.keyClick(window, Qt.Key.Key_G)
    QTest.keyClick(window, Qt.Key.Key_V)
    view = window.current_view()
    assert isinstance(view, ReviewView)
    qtbot.waitUntil(lambda: view.proxy.rowCount() > 0)
    view.table.setFocus()
    return view


def _select(qtbot, view: ReviewView, kind: str) -> int:
    for row in range(view.proxy.rowCount()):
        stored = view.model.row_at(view.proxy.mapToSource(view.proxy.index(row, 0)).row())
        if stored is not None and stored.item.type == kind:
            view.select_proxy_row(row)
            return row
    raise AssertionError(f"no {kind} in the list")


def test_the_view_lists_the_servers_queue_with_a_badge(
    qtbot, window: MainWindow, sandbox_ctx: AppContext
) -> None:
    view = _review(qtbot, window)
    assert sandbox_ctx.sandbox is not None
    server = {str(r.id) for r in queue_for(sandbox_ctx.sandbox.world).pending()}
    listed = {s.item.id for s in view.model.rows}
    assert listed == server
    model = window.sidebar.sidebar_model
    row = model.row_of("review")
    qtbot.waitUntil(lambda: model.index(row, 0).data(BADGE_ROLE) == len(server))


def test_an_item_in_context_then_a_approves_and_it_leaves_at_once(
    qtbot, window: MainWindow, sandbox_ctx: AppContext
) -> None:
    view = _review(qtbot, window)
    _select(qtbot, view, "flagged_post")
    stored = view.current_stored()
    assert stored is not None
    card = window.reading.findChild(ReviewCard, "reviewCard")
    assert card is not None and window.reading.pages.currentWidget() is card
    text = card.browser.toPlainText()
    assert sandbox_ctx.sandbox is not None
    world = sandbox_ctx.sandbox.world
    server_item = queue_for(world).items[int(stored.item.id)]
    post = world.posts[server_item.post_id or 0]
    words = [w for w in post.raw.split() if w.isalpha()][:4]
    assert words and all(w in text for w in words)  # the flagged post, in its topic
    assert f"@{stored.item.author_username}" in text
    assert "trust level" in text and "Flagged by" in text
    assert card.primary_button.text().endswith("a")

    count = view.proxy.rowCount()
    window.sidebar.setFocus()  # a is window-wide in Review: not the sidebar's type-ahead ("All…")
    with qtbot.waitSignal(view.controller.finished, timeout=20_000):  # type: ignore[union-attr]
        QTest.keyClick(window.sidebar, Qt.Key.Key_A)
        assert view.proxy.rowCount() == count - 1  # gone before anything was sent
    assert window.current_view() is view
    qtbot.waitUntil(lambda: server_item.status == 1)
    assert post.hidden  # "agree and hide"
    assert all(s.item.id != stored.item.id for s in view.model.rows)


def test_delete_asks_first_and_reject_does_not(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _review(qtbot, window)
    _select(qtbot, view, "flagged_post")
    first = view.current_stored()
    assert first is not None
    QTest.keyClick(view.table, Qt.Key.Key_X)  # delete_and_agree: destructive
    assert dialogs.shown and dialogs.shown[-1].kind == "question"
    assert any(s.item.id == first.item.id for s in view.model.rows)  # declined: nothing queued
    dialogs.shown.clear()
    _select(qtbot, view, "queued_post")
    held = view.current_stored()
    assert held is not None
    QTest.keyClick(view.table, Qt.Key.Key_X)  # reject_post: not destructive, no question
    assert not dialogs.shown
    assert all(s.item.id != held.item.id for s in view.model.rows)
    actions = review_store.list_actions(window.ctx.store)
    assert [(a.reviewable_id, a.action) for a in actions] == [(held.item.id, "reject_post")]


@pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing",
)
def test_enter_lists_every_action(qtbot, window: MainWindow) -> None:
    view = _review(qtbot, window)
    _select(qtbot, view, "flagged_post")
    stored = view.current_stored()
    assert stored is not None
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    menu = view.menu
    assert menu is not None and menu.isVisible()
    ids = [a.data() for a in menu.actions() if not a.isSeparator()]
    assert ids == [a.id for a in stored.item.actions]
    menu.close()


def test_another_moderator_first_is_said_so(qtbot, window: MainWindow, sandbox_ctx: AppContext) -> None:
    view = _review(qtbot, window)
    _select(qtbot, view, "queued_post")
    stored = view.current_stored()
    assert stored is not None and sandbox_ctx.sandbox is not None
    queue_for(sandbox_ctx.sandbox.world).act_as("julien.moderation", int(stored.item.id), "reject_post")
    messages: list[str] = []
    view.message.connect(messages.append)
    with qtbot.waitSignal(view.controller.finished, timeout=20_000):  # type: ignore[union-attr]
        QTest.keyClick(view.table, Qt.Key.Key_A)
    assert any("another moderator acted first" in m and "julien.moderation" in m for m in messages), messages
    assert queue_for(sandbox_ctx.sandbox.world).items[int(stored.item.id)].status == 2  # theirs stands


def test_a_community_without_a_queue_is_named(qtbot, window: MainWindow, sandbox_ctx: AppContext) -> None:
    sandbox_ctx.store.add_community(
        Community(
            name="humhub-team",
            platform=Platform.HUMHUB,
            base_url="https://humhub.example.org",
            auth_kind=AuthKind.TOKEN,
            title="Team HumHub",
        )
    )
    view = _review(qtbot, window)
    view.refresh()
    assert view.notes.isVisible()
    assert "Team HumHub" in view.notes.text() and "reported content" in view.notes.text()


def test_long_action_labels_never_widen_the_window(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = _review(qtbot, window)
    _select(qtbot, view, "flagged_post")
    card = window.reading.findChild(ReviewCard, "reviewCard")
    assert card is not None
    buttons = (card.primary_button, card.reject_button, card.ignore_button, card.more_button)
    assert card.minimumSizeHint().width() < sum(b.sizeHint().width() for b in buttons)
    assert card.primary_button.toolTip().startswith(card.primary_button.accessibleName())
