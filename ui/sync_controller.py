"""Background sync of every community, on a schedule, with its state for the sidebar and status bar.

Each community syncs in its own pool job (``ui.tasks``), so a slow or unreachable site never holds
the others back, and the GUI thread only ever receives signals. After each sync the next one is
scheduled: every ``sync_minutes`` (the community's setting, 10 by default), or sooner-then-slower
while the site is unreachable (1, 2, 4 ... 30 minutes), because being offline is normal and should
heal by itself without hammering anything.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from moderator.model import UTC, Community, SyncBatch
from ui.error_words import user_message
from ui.tasks import Task, TaskContext, TaskManager

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

DEFAULT_SYNC_MINUTES = 10
MAX_BACKOFF_MINUTES = 30

SyncFn = Callable[..., Any]  # moderator.sync.sync_community's signature


class SyncState(enum.StrEnum):
    NEVER = "never"  # no sync yet, no data
    SYNCING = "syncing"
    SYNCED = "synced"
    OFFLINE = "offline"  # unreachable: a normal state, data still readable
    ERROR = "error"  # reachable but refused (key revoked, server error...): needs the user


@dataclasses.dataclass(slots=True)
class CommunitySync:
    """What the app knows about one community's sync, for the sidebar dot and the status bar."""

    community_id: int
    name: str
    state: SyncState = SyncState.NEVER
    last_synced_at: dt.datetime | None = None  # dates the local copy
    message: str = ""  # the user-facing reason when offline or in error
    needs_sign_in: bool = False  # the key is refused or missing: the fix is to sign in again
    next_sync_at: dt.datetime | None = None
    failures: int = 0  # consecutive offline attempts, for the backoff
    label: str = ""  # what the running sync is doing ("Topics, page 3")
    done: int = 0
    total: int = 0
    task: Task[Any] | None = None
    before: SyncState = SyncState.NEVER  # the state to return to if the running sync is cancelled

    @property
    def syncing(self) -> bool:
        return self.task is not None


def _was_cancelled(message: str) -> bool:
    from moderator.sync import CANCELLED_MESSAGE

    return message == CANCELLED_MESSAGE


class SyncController(QObject):
    """Runs and schedules syncs. Signals arrive on the GUI thread."""

    started = Signal(int)  # community_id
    progress = Signal(int, str, int, int)  # community_id, label, done, total
    finished = Signal(int, object)  # community_id, moderator.sync.SyncReport (FailedSync if it raised)
    state_changed = Signal(int)  # community_id: read status(community_id)
    all_idle = Signal()  # no sync running any more

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskManager,
        parent: QObject | None = None,
        *,
        sync_fn: SyncFn | None = None,
        connect: Callable[[Community], Any] | None = None,
        minute_ms: int = 60_000,
    ) -> None:
        """``sync_fn`` and ``connect`` default to ``moderator.sync.sync_community`` and
        ``ctx.connector_for``; tests pass their own to control timing and failures."""
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self._sync_fn = sync_fn
        self._connect = connect
        self._minute_ms = minute_ms  # tests shrink minutes to milliseconds
        self._states: dict[int, CommunitySync] = {}
        self._timers: dict[int, QTimer] = {}
        self._scheduling = False
        self._connector_lock = threading.Lock()  # connector_for may start the sandbox server

    # -- state ---------------------------------------------------------------------------------

    def status(self, community_id: int) -> CommunitySync | None:
        return self._states.get(community_id)

    def statuses(self) -> list[CommunitySync]:
        return list(self._states.values())

    def is_syncing(self, community_id: int | None = None) -> bool:
        if community_id is not None:
            state = self._states.get(community_id)
            return state is not None and state.syncing
        return any(s.syncing for s in self._states.values())

    def reload_communities(self) -> list[Community]:
        """Pick up added, renamed or removed communities from the store."""
        communities = self.ctx.store.communities()
        known = {c.id for c in communities}
        for cid in list(self._states):
            if cid not in known and not self._states[cid].syncing:
                self._states.pop(cid)
                timer = self._timers.pop(cid, None)
                if timer is not None:
                    timer.stop()
        for community in communities:
            assert community.id is not None
            state = self._states.get(community.id)
            if state is None:
                state = self._states[community.id] = CommunitySync(community.id, community.name)
                state.last_synced_at = community.last_sync_at
                if community.last_sync_error and not _was_cancelled(community.last_sync_error):
                    state.state, state.message = SyncState.ERROR, community.last_sync_error
                elif community.last_sync_at is not None:
                    state.state = SyncState.SYNCED
            state.name = community.name
        return communities

    # -- running -------------------------------------------------------------------------------

    def start_schedule(self) -> None:
        """Sync everything now, then keep each community on its own schedule."""
        self._scheduling = True
        self.sync_all()

    def sync_all(self, *, manual: bool = False) -> None:
        for community in self.reload_communities():
            self.sync(community, manual=manual)

    def sync(self, community: Community | int, *, manual: bool = False) -> bool:
        """Start a sync of one community unless one is running. Returns True if started.

        ``manual``: the user asked for it, so the queued topics are re-checked at once too
        (``moderator.recheck``); a scheduled sync re-checks them every 10 minutes.
        """
        if isinstance(community, int):
            found = self.ctx.store.community(community)
            if found is None:
                return False
            community = found
        assert community.id is not None
        if community.id not in self._states:
            self.reload_communities()
        state = self._states[community.id]
        if state.syncing:
            return False
        timer = self._timers.get(community.id)
        if timer is not None:
            timer.stop()
        cid = community.id
        state.task = self.tasks.run(
            self._job(community, manual=manual),
            on_done=lambda report: self._on_done(cid, report),
            on_error=lambda exc: self._on_error(cid, exc),
            on_progress=lambda payload: self._on_progress(cid, payload),
            label=f"sync {community.name}",
        )
        state.label, state.done, state.total = translate("SyncController", "Connecting…"), 0, 0
        state.before = state.state
        state.state = SyncState.SYNCING
        state.next_sync_at = None
        self.started.emit(cid)
        self.state_changed.emit(cid)
        return True

    def cancel(self, community_id: int | None = None) -> None:
        """Ask running syncs (one, or all) to stop; they report ``cancelled`` when they do."""
        for state in self._states.values():
            if state.task is not None and community_id in (None, state.community_id):
                state.task.cancel()

    def stop(self) -> None:
        """At quit: no more scheduled syncs, running ones asked to stop."""
        self._scheduling = False
        for timer in self._timers.values():
            timer.stop()
        self.cancel()

    def connector_for(self, community: Community) -> Any:
        """A connector for ``community`` (call it from a worker: it may read the keyring or start
        the sandbox server). The caller closes it."""
        with self._connector_lock:
            return (self._connect or self.ctx.connector_for)(community)

    def _job(self, community: Community, *, manual: bool = False) -> Callable[[TaskContext], Any]:
        sync_fn = self._sync_fn
        store = self.ctx.store
        connector_for = self.connector_for

        def run(task: TaskContext) -> Any:
            nonlocal sync_fn
            if sync_fn is None:
                from moderator.sync import sync_community

                sync_fn = sync_community
            connector = connector_for(community)
            try:

                def progress(batch: SyncBatch) -> None:
                    task.progress((batch.label, batch.done, batch.total))

                extra = {"recheck": True} if manual else {}
                return sync_fn(store, community, connector, cancel=task.cancel, progress=progress, **extra)
            finally:
                close = getattr(connector, "close", None)
                if close is not None:
                    close()

        return run

    # -- results (GUI thread) ----------------------------------------------------------------

    def _on_progress(self, cid: int, payload: Any) -> None:
        state = self._states.get(cid)
        if state is None:
            return
        label, done, total = payload
        state.label, state.done, state.total = label or state.label, int(done), int(total)
        self.progress.emit(cid, state.label, state.done, state.total)

    def _on_done(self, cid: int, report: Any) -> None:
        """A ``SyncReport``: its ``error`` is a ``PlatformError`` (``Offline`` is not a failure)."""
        from moderator.platforms.base import AuthenticationError, Offline

        error = getattr(report, "error", None)
        if getattr(report, "cancelled", False):
            self._finish(cid, self._states[cid].before, translate("SyncController", "Sync cancelled."))
        elif error is not None:
            message = user_message(error)
            self._finish(
                cid,
                SyncState.OFFLINE if isinstance(error, Offline) else SyncState.ERROR,
                message,
                needs_sign_in=isinstance(error, AuthenticationError),
            )
        else:
            community = self.ctx.store.community(cid)
            synced_at = (
                community.last_sync_at if community and community.last_sync_at else dt.datetime.now(UTC)
            )
            self._finish(cid, SyncState.SYNCED, "", synced_at=synced_at)
        self.finished.emit(cid, report)
        self._after(cid)

    def _on_error(self, cid: int, exc: BaseException) -> None:
        from moderator.platforms.base import AuthenticationError, Cancelled, Offline, PlatformError

        if isinstance(exc, Cancelled):
            self._finish(cid, self._states[cid].before, translate("SyncController", "Sync cancelled."))
        elif isinstance(exc, Offline):
            self._finish(cid, SyncState.OFFLINE, user_message(exc))
        elif isinstance(exc, AuthenticationError):  # no key here, or refused: sign in again
            self._finish(cid, SyncState.ERROR, user_message(exc), needs_sign_in=True)
        elif isinstance(exc, PlatformError):
            self._finish(cid, SyncState.ERROR, user_message(exc))
        else:
            log.error("Sync of community %s failed", cid, exc_info=exc)
            self._finish(
                cid,
                SyncState.ERROR,
                translate(
                    "SyncController",
                    "The sync stopped on an unexpected problem; the details are in the log. Your local copy is intact.",
                ),
            )
        self.finished.emit(
            cid, FailedSync(community=self._states[cid].name, message=self._states[cid].message)
        )
        self._after(cid)

    def _finish(
        self,
        cid: int,
        state_value: SyncState,
        message: str,
        *,
        synced_at: dt.datetime | None = None,
        needs_sign_in: bool = False,
    ) -> None:
        state = self._states[cid]
        state.task = None
        state.state = state_value
        state.message = message
        state.needs_sign_in = needs_sign_in
        state.label, state.done, state.total = "", 0, 0
        if synced_at is not None:
            state.last_synced_at = synced_at
        state.failures = state.failures + 1 if state_value == SyncState.OFFLINE else 0
        self.state_changed.emit(cid)

    def _after(self, cid: int) -> None:
        if self._scheduling:
            self._schedule(cid)
        if not self.is_syncing():
            self.all_idle.emit()

    def _schedule(self, cid: int) -> None:
        state = self._states.get(cid)
        community = self.ctx.store.community(cid)
        if state is None or community is None:
            return
        minutes = self.interval_minutes(community)
        if state.state == SyncState.OFFLINE:
            minutes = min(2 ** max(0, state.failures - 1), MAX_BACKOFF_MINUTES, minutes)
        timer = self._timers.get(cid)
        if timer is None:
            timer = self._timers[cid] = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self.sync(cid))
        timer.start(int(minutes * self._minute_ms))
        state.next_sync_at = dt.datetime.now(UTC) + dt.timedelta(milliseconds=minutes * self._minute_ms)

    @staticmethod
    def interval_minutes(community: Community) -> float:
        value = community.settings.get("sync_minutes", DEFAULT_SYNC_MINUTES)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            return DEFAULT_SYNC_MINUTES
        return float(value)


@dataclasses.dataclass(frozen=True, slots=True)
class FailedSync:
    """What ``finished`` carries when the sync raised (a bug, no connector) instead of reporting."""

    community: str
    message: str
    cancelled: bool = False
    error: None = None
    topics: int = 0
    posts: int = 0
    members: int = 0
    categories: int = 0


def stored_anything(report: object) -> bool:
    """Whether a sync's report (``finished``) says the local copy changed. A ``FailedSync`` stored
    nothing: the sync engine reports every failure it meets itself, counts included."""
    return bool(getattr(report, "stored", False))
