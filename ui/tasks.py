"""The one way to run work off the GUI thread (the model is Anki's ``qt/aqt/taskman.py``).

A job is a plain callable that receives a :class:`TaskContext` (a cancel flag and a ``progress``
function) and returns a value. It runs in a ``QThreadPool``; its result, its exception or its
progress reports come back to the GUI thread through queued signals, where the callbacks given to
:meth:`TaskManager.run` are called. A job must never touch a widget: it only computes and returns.

Why one module: every long operation (a sync, a big query, a send) then cancels the same way, reports
progress the same way, is waited for the same way at shutdown, and cannot crash the app with an
exception raised in a thread nobody listens to.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclasses.dataclass(frozen=True, slots=True)
class TaskContext:
    """What a job receives: check ``cancel`` often, call ``progress(payload)`` as it goes."""

    cancel: threading.Event
    progress: Callable[[Any], None]

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()


@dataclasses.dataclass(slots=True)
class Task(Generic[T]):
    """A handle on a submitted job, owned by the GUI thread."""

    id: int
    label: str
    cancel_event: threading.Event
    on_done: Callable[[T], None] | None = None
    on_error: Callable[[BaseException], None] | None = None
    on_progress: Callable[[Any], None] | None = None
    finished: bool = False

    def cancel(self) -> None:
        """Ask the job to stop; it still reports back (done or error) when it returns."""
        self.cancel_event.set()


def _run_job(
    manager_ref: weakref.ref[TaskManager],
    task_id: int,
    fn: Callable[[TaskContext], Any],
    cancel: threading.Event,
) -> None:
    """Runs in a pool thread: call the job, report through the manager's signals (never a widget).

    The job holds the manager weakly: were the pool thread to drop the last reference to it, the
    QObject would be destroyed in the wrong thread (a crash inside PySide). A manager gone before
    the job returns simply drops the result: nobody is left to receive it.
    """

    def emit(signal_name: str, *args: Any) -> None:
        manager = manager_ref()
        if manager is not None:
            getattr(manager, signal_name).emit(*args)
            del manager

    def progress(payload: Any) -> None:
        emit("_progressed", task_id, payload)

    try:
        result = fn(TaskContext(cancel=cancel, progress=progress))
    except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI thread
        emit("_failed", task_id, exc)
    else:
        emit("_succeeded", task_id, result)


class TaskManager(QObject):
    """Runs callables in a thread pool and calls back on the GUI thread.

    ``run(fn, on_done=..., on_error=..., on_progress=...)`` returns a :class:`Task`; ``task.cancel()``
    sets the event the job sees as ``ctx.cancel``. An error without ``on_error`` goes to
    ``unhandled_error`` (the main window shows it in words), never silently away.
    """

    # Cross-thread delivery: emitted in a pool thread, received by slots of this GUI-thread object,
    # so Qt queues them onto the GUI event loop.
    _succeeded = Signal(int, object)
    _failed = Signal(int, object)
    _progressed = Signal(int, object)

    #: a job failed and nobody asked to hear about it: (label, exception)
    unhandled_error = Signal(str, object)
    #: the number of running jobs changed (for busy indicators)
    active_changed = Signal(int)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 8) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: dict[int, Task[Any]] = {}
        self._ids = itertools.count(1)
        self._closed = False
        self._succeeded.connect(self._on_succeeded)
        self._failed.connect(self._on_failed)
        self._progressed.connect(self._on_progressed)

    # -- public API ----------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[TaskContext], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        label: str = "",
    ) -> Task[T]:
        """Start ``fn(ctx)`` in the pool. Callbacks run later, on the GUI thread."""
        if self._closed:
            raise RuntimeError("TaskManager is shut down")
        task: Task[T] = Task(
            id=next(self._ids),
            label=label or getattr(fn, "__name__", "task"),
            cancel_event=threading.Event(),
            on_done=on_done,
            on_error=on_error,
            on_progress=on_progress,
        )
        self._tasks[task.id] = task
        # A plain callable: PySide wraps it in a QRunnable it owns (no Python QRunnable subclass to
        # be deleted by C++ in a worker thread).
        self._pool.start(functools.partial(_run_job, weakref.ref(self), task.id, fn, task.cancel_event))
        self.active_changed.emit(len(self._tasks))
        return task

    @property
    def closed(self) -> bool:
        """True after ``shutdown``: no new job may start (the store is about to close)."""
        return self._closed

    @property
    def active_count(self) -> int:
        return len(self._tasks)

    def cancel_all(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every job returned (for shutdown and tests); their callbacks are still queued."""
        return bool(self._pool.waitForDone(msecs))

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Cancel everything and wait: called at quit, before the store is closed."""
        self._closed = True
        self.cancel_all()
        done = self.wait_for_done(msecs)
        if not done:
            log.warning(
                "Background jobs still running at shutdown: %s", [t.label for t in self._tasks.values()]
            )
        # Results that arrive after shutdown are dropped: their receivers are going away.
        self._tasks.clear()
        return done

    # -- delivery on the GUI thread ----------------------------------------------------------

    def _pop(self, task_id: int) -> Task[Any] | None:
        task = self._tasks.pop(task_id, None)
        if task is not None:
            task.finished = True
            self.active_changed.emit(len(self._tasks))
        return task

    @Slot(int, object)
    def _on_succeeded(self, task_id: int, result: object) -> None:
        task = self._pop(task_id)
        if task is not None and task.on_done is not None:
            task.on_done(result)

    @Slot(int, object)
    def _on_failed(self, task_id: int, exc: object) -> None:
        task = self._pop(task_id)
        if task is None:
            return
        assert isinstance(exc, BaseException)
        if task.on_error is not None:
            task.on_error(exc)
        else:
            log.error("Background job %r failed", task.label, exc_info=exc)
            self.unhandled_error.emit(task.label, exc)

    @Slot(int, object)
    def _on_progressed(self, task_id: int, payload: object) -> None:
        task = self._tasks.get(task_id)
        if task is not None and task.on_progress is not None:
            task.on_progress(payload)


class LatestJob:
    """One refresh job at a time for its owner (a view), the latest request winning.

    ``run`` while a job is on its way cancels it (a job that has not started yet never runs; one
    that runs sees ``ctx.cancelled``), drops its result, and starts the newest request when it
    returns: a burst of requests costs at most two jobs, never one per request, and a late result
    never overwrites fresher rows.
    """

    def __init__(self) -> None:
        self._task: Task[Any] | None = None
        self._pending: _Request | None = None
        self.started = 0  # jobs started (tests, benchmarks)

    @property
    def busy(self) -> bool:
        return self._task is not None or self._pending is not None

    def run(
        self,
        tasks: TaskManager,
        fn: Callable[[TaskContext], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        label: str = "",
    ) -> None:
        self._pending = (tasks, fn, on_done, on_error, label)
        if self._task is not None:
            self._task.cancel()
            return
        self._start()

    def _start(self) -> None:
        assert self._pending is not None
        tasks, fn, on_done, on_error, label = self._pending
        self._pending = None
        if tasks.closed:
            return

        def job(ctx: TaskContext) -> Any:
            return _SUPERSEDED if ctx.cancelled else fn(ctx)

        def unhandled(exc: BaseException) -> None:
            log.error("Background job %r failed", label, exc_info=exc)
            tasks.unhandled_error.emit(label, exc)

        def then(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                self._task = None
                if self._pending is not None:
                    self._start()  # superseded: the newest request runs, this result is dropped
                elif value is not _SUPERSEDED:
                    callback(value)

            return deliver

        self.started += 1
        self._task = tasks.run(job, on_done=then(on_done), on_error=then(on_error or unhandled), label=label)


_SUPERSEDED = object()
_Request = tuple[
    TaskManager,
    Callable[[TaskContext], Any],
    Callable[[Any], None],
    Callable[[BaseException], None] | None,
    str,
]
