"""One refresh per change, only where it shows (issue 17): coalesced after syncs, nothing after a sync
that stored nothing, hidden views when the app is idle, superseded jobs cancelled and dropped."""

from __future__ import annotations

import threading

import pytest

from moderator.platforms.base import Offline
from moderator.sync import SyncReport
from ui.main_window import MainWindow
from ui.tasks import LatestJob, TaskContext, TaskManager


@pytest.fixture
def tasks():  # type: ignore[no-untyped-def]
    manager = TaskManager()
    yield manager
    manager.shutdown()


def _settled(window: MainWindow) -> bool:
    return not window._coalesce.isActive() and window.tasks.active_count == 0


def test_syncs_ending_together_refresh_the_shown_view_once(qtbot, make_window) -> None:
    window = make_window()
    topics = window.view("topics")
    started = topics.jobs.started  # type: ignore[attr-defined]
    cid = window.ctx.store.communities()[0].id
    for _ in range(3):  # three communities finishing within a few milliseconds
        window.controller.finished.emit(cid, SyncReport("acme", topics=3, posts=7))
    qtbot.waitUntil(lambda: _settled(window) and not topics.busy())
    assert topics.jobs.started == started + 1  # type: ignore[attr-defined]


def test_a_sync_that_stored_nothing_refreshes_nothing(qtbot, make_window) -> None:
    window = make_window()
    topics = window.view("topics")
    started = topics.jobs.started  # type: ignore[attr-defined]
    cid = window.ctx.store.communities()[0].id
    window.controller.finished.emit(cid, SyncReport("acme", error=Offline()))
    window.controller.finished.emit(cid, SyncReport("acme"))  # up to date: nothing new
    assert not window._coalesce.isActive()
    assert topics.jobs.started == started  # type: ignore[attr-defined]


def test_hidden_views_count_their_badges_once_the_app_is_idle(qtbot, make_window) -> None:
    window = make_window()
    unanswered = window.view("unanswered")
    assert unanswered is not None and not unanswered.isVisible()
    qtbot.waitUntil(lambda: unanswered.jobs.started == 1 and not unanswered.busy())  # type: ignore[attr-defined]
    cid = window.ctx.store.communities()[0].id
    for _ in range(3):
        window.controller.finished.emit(cid, SyncReport("acme", topics=3, posts=7))
    qtbot.waitUntil(lambda: unanswered.jobs.started == 2 and not unanswered.busy())  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: _settled(window) and not window._idle_refresh.isActive())
    assert unanswered.jobs.started == 2  # type: ignore[attr-defined]  # once for three syncs
    model = window.sidebar.sidebar_model
    assert model._rows[model.row_of("unanswered")].badge == unanswered.badge_count()  # type: ignore[attr-defined]


def test_a_superseded_job_is_cancelled_and_its_result_dropped(qtbot, tasks: TaskManager) -> None:
    latest = LatestJob()
    gate = threading.Event()
    ran: list[str] = []
    delivered: list[str] = []
    seen_cancel: list[bool] = []

    def job(name: str):  # type: ignore[no-untyped-def]
        def run(ctx: TaskContext) -> str:
            ran.append(name)
            if name == "first":
                gate.wait(5)
                seen_cancel.append(ctx.cancelled)
            return name

        return run

    latest.run(tasks, job("first"), on_done=delivered.append)
    qtbot.waitUntil(lambda: ran == ["first"])
    latest.run(tasks, job("second"), on_done=delivered.append)  # never starts: overtaken at once
    latest.run(tasks, job("third"), on_done=delivered.append)
    gate.set()
    qtbot.waitUntil(lambda: delivered == ["third"])
    assert ran == ["first", "third"]
    assert seen_cancel == [True]
    assert not latest.busy and latest.started == 2


def test_an_empty_topic_list_shows_the_most_recent_topics_first(qtbot, ctx, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    from ui_fakes import add_community, fill

    from ui.topic_view import FIRST_SCREEN, TopicListView

    fill(ctx.store, add_community(ctx.store, "big"), topics=FIRST_SCREEN + 40)
    view = TopicListView(ctx)
    view.tasks = tasks
    qtbot.addWidget(view)
    shown: list[list[object]] = []
    view.model.modelReset.connect(
        lambda: shown.append([view.model.ref(r) for r in range(view.model.rowCount())])
    )
    view.show()
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        pass
    assert [len(rows) for rows in shown] == [FIRST_SCREEN, FIRST_SCREEN + 40]  # a first screen, then all
    assert shown[0] == shown[1][:FIRST_SCREEN]  # the most recently active, in the list's order
