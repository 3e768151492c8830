"""The SyncController with a sync whose timing and outcome the test controls."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from ui_fakes import GatedSync, add_community, fake_connect

from moderator.bootstrap import AppContext
from moderator.platforms.base import Offline
from ui.sync_controller import MAX_BACKOFF_MINUTES, SyncController, SyncState
from ui.tasks import TaskManager


@pytest.fixture
def controller(filled: AppContext, gated_sync: GatedSync) -> Iterator[SyncController]:
    tasks = TaskManager()
    ctl = SyncController(filled, tasks, sync_fn=gated_sync, connect=fake_connect, minute_ms=1)
    yield ctl
    ctl.stop()
    tasks.shutdown()


def _id(ctx: AppContext, name: str) -> int:
    community = ctx.store.community(name)
    assert community is not None and community.id is not None
    return community.id


def test_signals_and_state_of_a_good_sync(qtbot, controller: SyncController, filled: AppContext) -> None:
    acme = _id(filled, "acme")
    progress: list[tuple[int, str, int, int]] = []
    controller.progress.connect(lambda *args: progress.append(args))
    started: list[int] = []
    controller.started.connect(started.append)
    with qtbot.waitSignal(controller.finished, timeout=5000) as blocker:
        controller.sync_all()
    assert started == [acme]
    assert blocker.args[0] == acme
    report = blocker.args[1]
    assert report.topics == 3 and report.error is None
    assert progress == [(acme, "Topics, page 1", 1, 4)]
    status = controller.status(acme)
    assert status is not None and status.state == SyncState.SYNCED and status.last_synced_at is not None


def test_cancel_stops_a_running_sync(
    qtbot, controller: SyncController, gated_sync: GatedSync, filled: AppContext
) -> None:
    acme = _id(filled, "acme")
    gated_sync.gate = True
    controller.sync_all()
    qtbot.waitUntil(lambda: controller.status(acme).label == "Topics, page 1")  # type: ignore[union-attr]
    assert controller.is_syncing(acme)
    with qtbot.waitSignal(controller.finished, timeout=5000) as blocker:
        controller.cancel()
    assert blocker.args[1].cancelled
    status = controller.status(acme)
    assert status is not None and not status.syncing
    assert status.state == SyncState.SYNCED  # back to what it was: the fill recorded a sync
    assert status.message == "Sync cancelled."


def test_one_offline_community_does_not_stop_the_others(
    qtbot, controller: SyncController, gated_sync: GatedSync, filled: AppContext
) -> None:
    add_community(filled.store, "down", url="http://127.0.0.1:9")
    gated_sync.outcome["down"] = "offline"
    controller.reload_communities()
    with qtbot.waitSignal(controller.all_idle, timeout=5000):
        controller.sync_all()
    down = controller.status(_id(filled, "down"))
    acme = controller.status(_id(filled, "acme"))
    assert down is not None and down.state == SyncState.OFFLINE and down.message == Offline().message
    assert acme is not None and acme.state == SyncState.SYNCED


def test_an_exception_becomes_an_error_state_in_words(
    qtbot, controller: SyncController, gated_sync: GatedSync, filled: AppContext
) -> None:
    gated_sync.outcome["acme"] = RuntimeError("bug")
    with qtbot.waitSignal(controller.finished, timeout=5000) as blocker:
        controller.sync_all()
    status = controller.status(_id(filled, "acme"))
    assert status is not None and status.state == SyncState.ERROR
    assert "unexpected problem" in status.message and "Traceback" not in status.message
    assert blocker.args[1].message == status.message


def test_offline_backoff_doubles_up_to_thirty_minutes(
    qtbot, filled: AppContext, gated_sync: GatedSync
) -> None:
    gated_sync.outcome["acme"] = "offline"
    tasks = TaskManager()
    ctl = SyncController(filled, tasks, sync_fn=gated_sync, connect=fake_connect, minute_ms=1)
    try:
        ctl.start_schedule()  # then 1, 2, 4, 8, 16 ms... (minutes shrunk to ms)
        qtbot.waitUntil(lambda: len(gated_sync.calls) >= 6, timeout=5000)
        status = ctl.status(_id(filled, "acme"))
        assert status is not None and status.failures >= 5
        timer = ctl._timers[_id(filled, "acme")]
        assert timer.interval() <= MAX_BACKOFF_MINUTES
    finally:
        ctl.stop()
        tasks.shutdown()


def test_schedule_uses_the_community_setting() -> None:
    from moderator.model import Community, Platform

    community = Community(
        name="x", platform=Platform.DISCOURSE, base_url="https://x.test", settings={"sync_minutes": 3}
    )
    assert SyncController.interval_minutes(community) == 3
    community.settings["sync_minutes"] = "soon"
    assert SyncController.interval_minutes(community) == 10


def test_gui_stays_responsive_while_a_sync_runs(
    qtbot, controller: SyncController, gated_sync: GatedSync
) -> None:
    gated_sync.gate = True
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    controller.sync_all()
    assert gated_sync.entered.wait(5)
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5000)  # the event loop runs while the sync works
    assert controller.is_syncing()
    with qtbot.waitSignal(controller.all_idle, timeout=5000):
        gated_sync.release.set()
    timer.stop()
