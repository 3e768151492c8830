"""The app started as a user starts it, watched from inside: run by ``benchmarks.figures``.

    python -m benchmarks.gui_probe --data-dir DIR --out result.json [--rate-limits] [--timeout 300]

The parent sets ``BENCH_SPAWNED_AT`` (``time.time()`` just before it spawned this process), so the
times below count the interpreter's start and every import, as a double-click would. The app is
opened with ``ui.app.start`` (the path of ``python main.py``), then the start-up sync begins as it
does there. Recorded, in ms from the spawn: the first paint, the first time the shown list has rows,
the end of the start-up sync and the time the app settles (no sync, no job for a second), and the GUI
thread's CPU time at the first paint and at the end (other processes do not inflate it). A 10 ms
timer runs on the GUI thread from the first paint until the app settles: each late tick is a stall
the user sees. Also: how many background jobs ran and for what, and the peak memory (maximum RSS).
With ``--rate-limits`` the sandbox server enforces Discourse's limits (admin 60 requests a minute).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any


def main(argv: list[str]) -> int:
    spawned = float(os.environ.get("BENCH_SPAWNED_AT", time.time()))
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--rate-limits", action="store_true")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args(argv)

    def since_spawn() -> float:
        return (time.time() - spawned) * 1000

    from moderator import paths

    paths.set_data_dir(args.data_dir)
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, Qt, QTimer

    from ui import app as ui_app

    ui_app.setup_logging()
    running = ui_app.start([], sync_at_start=False)
    window, controller, tasks, ctx = running.window, running.controller, running.tasks, running.ctx
    imported_ms = since_spawn()

    result: dict[str, Any] = {"window_shown": imported_ms, "jobs": collections.Counter()}
    ensure = ctx.ensure_sandbox_server

    def ensure_limited() -> Any:
        server = ensure()
        server.rate_limits = args.rate_limits
        return server

    ctx.ensure_sandbox_server = ensure_limited  # type: ignore[method-assign]

    run = tasks.run

    def counting_run(fn: Any, **kwargs: Any) -> Any:
        result["jobs"][kwargs.get("label") or getattr(fn, "__name__", "task")] += 1
        return run(fn, **kwargs)

    tasks.run = counting_run  # type: ignore[method-assign]

    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(10)

    def tick() -> None:
        gap = clock.nsecsElapsed() / 1e6
        gaps.append(gap)
        clock.restart()
        if gap > 60:  # when the long stalls happened, to find their cause in the log
            result.setdefault("long_stalls", []).append((round(since_spawn() - gap), round(gap - 10)))

    ticker.timeout.connect(tick)

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and "first_paint" not in result:
                result["first_paint"] = since_spawn()
                result["gui_cpu_at_paint"] = time.thread_time() * 1000
                clock.start()
                ticker.start()
            return False

    painter = FirstPaint()
    QCoreApplication.instance().installEventFilter(painter)  # type: ignore[union-attr]

    shown = window.current_view()

    def on_refreshed() -> None:
        model = getattr(shown, "model", None)
        if "first_filled" not in result and model is not None and model.rowCount() > 0:
            result["first_filled"] = since_spawn()
            result["first_filled_rows"] = model.rowCount()

    if shown is not None and hasattr(shown, "refreshed"):
        shown.refreshed.connect(on_refreshed)
        model = getattr(shown, "model", None)
        if model is not None:  # rows on screen, even before the view says it has them all
            model.modelReset.connect(on_refreshed)

    def on_sync_finished(cid: int, report: Any) -> None:
        result.setdefault("syncs", []).append(
            {"community": cid, "at": since_spawn(), "ok": getattr(report, "error", "x") is None}
        )

    controller.finished.connect(on_sync_finished)
    idle_since: list[float] = []

    def watch() -> None:
        busy = controller.is_syncing() or tasks.active_count > 0
        if busy or "first_paint" not in result:
            idle_since.clear()
            return
        if not idle_since:
            idle_since.append(since_spawn())
        elif since_spawn() - idle_since[0] >= 1000:
            result["settled"] = idle_since[0]
            finish()

    def finish() -> None:
        ticker.stop()
        watcher.stop()
        result["sync_done"] = max((s["at"] for s in result.get("syncs", [])), default=None)
        result["gaps_ms"] = gaps
        # CPU time of the GUI thread (what other processes on the machine do not inflate).
        result["gui_cpu_ms"] = time.thread_time() * 1000
        result["process_cpu_ms"] = time.process_time() * 1000
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result["jobs"] = dict(result["jobs"])
        args.out.write_text(json.dumps(result))
        QCoreApplication.quit()

    watcher = QTimer()
    watcher.setInterval(100)
    watcher.timeout.connect(watch)
    watcher.start()
    QTimer.singleShot(int(args.timeout * 1000), lambda: (result.__setitem__("timed_out", True), finish()))
    controller.start_schedule()
    code = running.app.exec()
    ui_app.stop(running)
    return int(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
