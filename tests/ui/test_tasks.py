"""The TaskManager: results, errors and progress come back on the GUI thread; cancel reaches the job."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from ui.tasks import TaskContext, TaskManager


@pytest.fixture
def tasks():  # type: ignore[no-untyped-def]
    manager = TaskManager()
    yield manager
    manager.shutdown()


def test_result_arrives_on_the_gui_thread(qtbot, tasks: TaskManager) -> None:
    seen: dict[str, object] = {}

    def job(ctx: TaskContext) -> str:
        seen["worker"] = QThread.currentThread()
        return "done"

    def on_done(result: str) -> None:
        seen["result"] = result
        seen["gui"] = QThread.currentThread()

    tasks.run(job, on_done=on_done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == "done"
    assert seen["gui"] is QThread.currentThread()
    assert seen["worker"] is not QThread.currentThread()
    assert tasks.active_count == 0


def test_error_goes_to_on_error_or_unhandled_error(qtbot, tasks: TaskManager) -> None:
    errors: list[BaseException] = []

    def boom(ctx: TaskContext) -> None:
        raise ValueError("bad")

    tasks.run(boom, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)
    with qtbot.waitSignal(tasks.unhandled_error) as blocker:
        tasks.run(boom, label="boom job")
    assert blocker.args[0] == "boom job"


def test_progress_and_cancel(qtbot, tasks: TaskManager) -> None:
    progress: list[object] = []
    results: list[object] = []
    started = threading.Event()

    def job(ctx: TaskContext) -> str:
        ctx.progress(1)
        started.set()
        ctx.cancel.wait(10)
        return "cancelled" if ctx.cancelled else "timeout"

    task = tasks.run(job, on_done=results.append, on_progress=progress.append)
    qtbot.waitUntil(lambda: progress == [1])
    task.cancel()
    qtbot.waitUntil(lambda: bool(results))
    assert results == ["cancelled"]


def test_shutdown_cancels_and_waits(tasks: TaskManager) -> None:
    def job(ctx: TaskContext) -> None:
        ctx.cancel.wait(10)

    tasks.run(job)
    assert tasks.shutdown(5000)
    with pytest.raises(RuntimeError):
        tasks.run(job)
