"""The Outbox view: replies on their way out, in words ("Queued — will be sent when online",
"Held: new replies since you started"), with what can be done about each: send now, edit, retry or
send anyway, delete (with undo).

Sending goes through :class:`OutboxController`, the GUI's only door to ``moderator.outbox``'s sender:
one send at a time through the window's ``TaskManager`` (a second request while one runs is merged
into a rerun), a retry timer while replies wait for the network, and a status-bar message for what
happened. The window plugs everything in with :func:`install_reply_views`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from moderator import outbox
from moderator.bootstrap import AppContext
from moderator.model import utcnow
from moderator.outbox import OutboxItem, OutboxSender, Reason, SendOutcome, State
from moderator.store import Store
from ui import dialogs, theme, timefmt, views
from ui.column_fit import TitleFirst
from ui.composer_parts import reply_events
from ui.drafts_view import DraftsView, UndoBar, excerpt, make_table
from ui.empty_state import EmptyState
from ui.rows_model import Index, RowsTableModel
from ui.screen_fit import CompactLabels
from ui.tasks import Task, TaskManager
from ui.views import MemberRef, TopicRef, View

RETRY_MS = 120_000
DUE_CHECK_MS = 3_600_000  # the longest the planned-time timer sleeps before looking again
SENT_HISTORY_DAYS = 7


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("outbox", text, None, n)


def _replies(n: int, one: str, many: str) -> str:
    """English needs no catalogue for "1 reply" / "2 replies"; translators get both forms."""
    return _tr(one) if n == 1 else _tr(many).replace("%1", str(n))


def reason_text(reason: Reason | None) -> str:
    return (
        {
            Reason.NEW_REPLIES: _tr("new replies since you started"),
            Reason.TOPIC_CLOSED: _tr("the topic was closed"),
            Reason.TOPIC_GONE: _tr("the topic was deleted or you can no longer see it"),
            Reason.REJECTED: _tr("the server refused it"),
            Reason.NOT_ALLOWED: _tr("this account may not reply there"),
            Reason.OFFLINE: _tr("the community could not be reached"),
            Reason.RATE_LIMITED: _tr("the server asked to slow down"),
            Reason.SERVER_ERROR: _tr("the server had a problem"),
            Reason.SIGN_IN: _tr("the server did not accept the account's key"),
            Reason.UNCONFIRMED: _tr("checking whether the server received the last attempt"),
            Reason.UNEXPECTED: _tr("an unexpected error"),
        }.get(reason, "")
        if reason
        else ""
    )


def short_state(item: OutboxItem) -> str:
    """The state in one or two words, as the State column shows it (the reason is in the tooltip and
    under the buttons): a narrow column, so the reply itself stays on screen."""
    return {
        State.QUEUED: _tr("Queued"),
        State.SENDING: _tr("Sending…"),
        State.SENT: _tr("Sent"),
        State.ENQUEUED: _tr("Awaiting approval"),
        State.REJECTED: _tr("Rejected"),
        State.HELD: _tr("Held"),
    }.get(item.state, str(item.state))


def state_text(item: OutboxItem) -> str:
    """The state in words, with its reason (the State column's tooltip, the detail line)."""
    why = reason_text(item.reason)
    match item.state:
        case State.QUEUED if why:
            return _tr("Queued — not sent yet: %1").replace("%1", why)
        case State.QUEUED:
            return _tr("Queued — will be sent when online")
        case State.SENDING:
            return _tr("Sending…")
        case State.SENT:
            return _tr("Sent")
        case State.ENQUEUED:
            return _tr("Awaiting approval")
        case State.REJECTED:
            return _tr("Rejected: %1").replace("%1", item.last_error or why)
        case State.HELD:
            return _tr("Held: %1").replace("%1", why)
    return str(item.state)


STATE_COLOURS = {
    State.QUEUED: theme.CALM,
    State.SENDING: theme.SYNCING,
    State.SENT: theme.SYNCED,
    State.ENQUEUED: theme.SYNCING,
    State.REJECTED: theme.RED,
    State.HELD: theme.AMBER,
}


def unsent_summary(store: Store) -> str | None:
    """What the window says when quitting with replies not out yet (None: nothing to say)."""
    counts = outbox.unsent_counts(store)
    waiting = counts[State.QUEUED] + counts[State.SENDING]
    attention = counts[State.HELD] + counts[State.REJECTED]
    parts = []
    if waiting:
        parts.append(
            _replies(
                waiting,
                "1 reply is waiting in the Outbox; it will be sent next time you are online.",
                "%1 replies are waiting in the Outbox; they will be sent next time you are online.",
            )
        )
    if attention:
        parts.append(
            _replies(
                attention,
                "1 reply in the Outbox needs your attention (held or rejected).",
                "%1 replies in the Outbox need your attention (held or rejected).",
            )
        )
    return " ".join(parts) or None


REPLY_COLUMN = 3


class OutboxModel(RowsTableModel[OutboxItem]):
    COLUMNS = ("state", "topic", "community", "reply", "created", "sent")

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.community_ids: list[int] | None = None

    def refresh(self) -> None:
        self.beginResetModel()
        since = utcnow() - dt.timedelta(days=SENT_HISTORY_DAYS)
        items = outbox.list_items(self.store, community_ids=self.community_ids, sent_since=since)
        order = {
            State.HELD: 0,
            State.REJECTED: 0,
            State.SENDING: 1,
            State.QUEUED: 1,
            State.ENQUEUED: 2,
            State.SENT: 3,
        }
        self.rows = sorted(items, key=lambda i: order[i.state])  # stable: oldest first within a group
        self.endResetModel()

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("State"),
            self.tr("Topic"),
            self.tr("Community"),
            self.tr("Reply"),
            self.tr("Written"),
            self.tr("Sent"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "state": short_state(item),
                "topic": item.topic_title or self.tr("Topic %1").replace("%1", item.topic_id),
                "community": item.community_name,
                "reply": excerpt(item.body),
                "created": timefmt.ago(item.created_at),
                "sent": timefmt.ago(item.sent_at) if item.sent_at else "",
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "state":
                return state_text(item) + (f"\n{item.last_error}" if item.last_error else "")
            if column == "created":
                return timefmt.exact(item.created_at)
            if column == "sent":
                return timefmt.exact(item.sent_at) if item.sent_at else self.tr("Not sent yet")
            return excerpt(item.body, 600)
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            return QColor(STATE_COLOURS[item.state])
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

    def item(self, row: int) -> OutboxItem | None:
        return self.row_at(row)


class OutboxController(QObject):
    """Runs the sender off the GUI thread, one run at a time, and retries while replies wait."""

    finished = Signal(object)  # list[SendOutcome]
    message = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, ctx: AppContext, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.sender = OutboxSender()
        self._task: Task[list[SendOutcome]] | None = None
        self._rerun: set[int] | None | bool = False  # False: no rerun; None: everything; set: those items
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.send_pending)
        # Scheduled items (send later, recurring posts): a timer wakes the sender at the next planned
        # time, at most an hour ahead so a suspended laptop or a changed clock is caught up with.
        self.due_timer = QTimer(self)
        self.due_timer.setSingleShot(True)
        self.due_timer.timeout.connect(self.send_pending)

    @property
    def busy(self) -> bool:
        return self._task is not None

    @Slot(int)
    def on_reply_queued(self, _item_id: int) -> None:
        """A reply was queued: send everything queued, oldest first (its community's order)."""
        self.send_pending()

    @Slot()
    def send_pending(self, item_ids: Iterable[int] | None = None) -> None:
        """Send what is queued (or these items). While a run is going, the request waits for it."""
        ids = None if item_ids is None else set(item_ids)
        if self._task is not None:
            if self._rerun is False:
                self._rerun = ids
            elif self._rerun is not None:
                self._rerun = None if ids is None else self._rerun | ids
            return
        store, connector_for, sender = self.ctx.store, self.ctx.connector_for, self.sender

        def job(task_ctx: Any) -> list[SendOutcome]:
            from moderator.schedule.series import prepare_due

            prepare_due(store)  # recurring posts due within their lead time, each prepared once
            return sender.send_pending(store, connector_for, cancel=task_ctx.cancel, item_ids=ids)

        self.retry_timer.stop()
        try:
            self._task = self.tasks.run(job, on_done=self._done, on_error=self._failed, label="outbox")
        except RuntimeError:  # the task manager is shut down: the app is quitting, the replies stay queued
            return
        self.busy_changed.emit(True)
        reply_events().outbox_changed.emit()

    def _finish(self) -> None:
        self._task = None
        self.busy_changed.emit(False)
        reply_events().outbox_changed.emit()
        rerun, self._rerun = self._rerun, False
        self.arm_due_timer()
        now = utcnow()
        if rerun is not False:
            self.send_pending(rerun)
        elif any(i.due(now) for i in outbox.list_items(self.ctx.store, states=[State.QUEUED])):
            self.retry_timer.start()

    def arm_due_timer(self) -> None:
        """Wake the sender at the next planned time or recurring post to prepare (or in an hour)."""
        from moderator.schedule.series import next_preparation

        times = [t for t in (outbox.next_due(self.ctx.store), next_preparation(self.ctx.store)) if t is not None]
        nxt = min(times) if times else None
        if nxt is None:
            self.due_timer.stop()
            return
        wait_ms = max(0.0, (nxt - utcnow()).total_seconds() * 1000) + 500
        self.due_timer.start(int(min(wait_ms, DUE_CHECK_MS)))

    def _done(self, outcomes: list[SendOutcome]) -> None:
        text = self.summary(outcomes)
        if text:
            self.message.emit(text)
        self.finished.emit(outcomes)
        self._finish()

    def _failed(self, exc: BaseException) -> None:
        self.message.emit(
            _tr("Sending from the Outbox failed: %1. The replies are kept.").replace("%1", str(exc))
        )
        self.finished.emit([])
        self._finish()

    @staticmethod
    def summary(outcomes: list[SendOutcome]) -> str:
        done = [o for o in outcomes if not o.skipped]
        sent = sum(o.state == State.SENT for o in done)
        approval = sum(o.state == State.ENQUEUED for o in done)
        attention = sum(o.state in (State.HELD, State.REJECTED) for o in done)
        waiting = sum(o.state == State.QUEUED for o in done)
        late = sum(o.state == State.SENT and o.late_by is not None for o in done)
        parts = []
        if sent:
            parts.append(_replies(sent, "Reply sent.", "%1 replies sent."))
        if approval:
            parts.append(
                _replies(
                    approval,
                    "1 reply is awaiting approval by the moderators.",
                    "%1 replies are awaiting approval by the moderators.",
                )
            )
        if attention:
            parts.append(
                _replies(
                    attention,
                    "1 reply was held or rejected: see the Outbox.",
                    "%1 replies were held or rejected: see the Outbox.",
                )
            )
        if waiting:
            parts.append(
                _replies(
                    waiting,
                    "1 reply will be sent when the community is reachable.",
                    "%1 replies will be sent when the community is reachable.",
                )
            )
        if late:
            parts.append(
                _replies(
                    late,
                    "1 planned item went out late: the app was not running at its time.",
                    "%1 planned items went out late: the app was not running at their time.",
                )
            )
        return " ".join(parts)


class _DeleteItem(QUndoCommand):
    def __init__(self, store: Store, item: OutboxItem, text: str) -> None:
        super().__init__(text)
        self.store = store
        self.item = item

    def redo(self) -> None:
        outbox.delete_item(self.store, self.item.id)
        reply_events().outbox_changed.emit()

    def undo(self) -> None:
        outbox.restore_item(self.store, self.item)
        reply_events().outbox_changed.emit()


class OutboxView(View):
    """The outbox as a list with its actions; ``pending_count()`` feeds the sidebar badge."""

    view_key = "outbox"

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, controller: OutboxController | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.controller = controller
        self.model = OutboxModel(ctx.store, self)
        self.table = make_table(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Outbox"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(REPLY_COLUMN, QHeaderView.ResizeMode.Stretch)
        metrics = header.fontMetrics()
        for column, width in ((1, 200), (2, 120), (4, 96), (5, 96)):
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(label) + 28))
        states = [short_state(OutboxItem(0, 0, "", "", "", s)) for s in State]  # the widest word, not more
        self.table.setColumnWidth(
            0, max(metrics.horizontalAdvance(t) for t in [*states, self.model.headers()[0]]) + 28
        )
        # The reply is what the list is about: in a narrow pane the other columns give way first.
        self.columns = TitleFirst(self.table, REPLY_COLUMN, [2, 4, 1], min_title=200)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

        self.send_button = QPushButton(self.tr("Send now"), self)
        self.send_button.clicked.connect(self.send_now)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.clicked.connect(self.retry)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(self.tr("Delete"), self)  # its words follow the row: see _update_actions
        self.delete_button.clicked.connect(self.delete)
        self.detail = QLabel(self)
        self.detail.setObjectName("outboxDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.toolbar = QWidget(self)
        bar = QHBoxLayout(self.toolbar)
        bar.setContentsMargins(8, 6, 8, 6)
        bar.setSpacing(6)
        for button in (self.send_button, self.retry_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        bar.addSpacing(10)
        bar.addWidget(self.detail, 1)
        # A narrow pane (French, 150 %): the buttons say less rather than squeezing the other panes;
        # the tooltip keeps the whole sentence.
        self.compact = CompactLabels(
            self.toolbar,
            [
                (self.send_button, self.tr("Send now"), self.tr("Send")),
                (self.delete_button, self.tr("Delete unsent reply"), self.tr("Delete")),
            ],
        )

        self.empty = EmptyState(self)
        self.empty.set_text(
            self.tr("The Outbox is empty"),
            self.tr("Replies you send wait here until the community has them; nothing is waiting now."),
        )
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.undo_stack = QUndoStack(self)
        self.undo_bar = UndoBar(self.undo_stack, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.undo_bar)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.delete)
        reply_events().outbox_changed.connect(self.request_refresh)
        self._update_actions()
        QTimer.singleShot(0, self._count_while_hidden)  # the badge is right before the first visit

    def request_refresh(self) -> None:
        """Refresh if shown; hidden, at least count (cheap), so the badge is right without a visit."""
        super().request_refresh()
        self._count_while_hidden()

    def _count_while_hidden(self) -> None:
        if self.tasks is not None and self.tasks.closed:
            return  # the window is closing: its store too
        if not self.isVisible():
            self.count_changed.emit(self.pending_count())

    def badge_tip(self, count: int) -> str:
        return self.tr("%n repl(ies) not sent yet (sent ones stay listed for a while)", "", count)

    # -- data ----------------------------------------------------------------------------------------

    def pending_count(self) -> int:
        return outbox.pending_count(self.ctx.store)

    def refresh(self) -> None:
        current = self.current_item()
        self.model.community_ids = self.community_ids
        self.model.refresh()
        self.columns.set_wanted(2, len({i.community_id for i in self.model.rows}) > 1)  # one community: no column
        self.stack.setCurrentWidget(self.table if self.model.rows else self.empty)
        if current is not None:
            for row, item in enumerate(self.model.rows):
                if item.id == current.id:
                    self.table.selectRow(row)
                    break
        self._update_actions()
        self.count_changed.emit(self.pending_count())

    def row_commands(self) -> dict[str, Callable[[], object]]:
        return {views.ROW_UNDO: self.undo_stack.undo}  # z / Ctrl+Z: the window's keys

    def current_item(self) -> OutboxItem | None:
        return self.model.item(self.table.currentIndex().row())

    def current(self) -> object | None:
        item = self.current_item()
        if item is None:
            return None
        if item.is_private_message and item.recipients:
            # A private message's conversation is not always in the local copy (HumHub's never are,
            # a new Viva Engage one until the next sync): then its recipient's card says what was sent.
            store = self.model.store
            if not item.topic_id or store.topic(item.community_id, item.topic_id) is None:
                row = (
                    store.read()
                    .execute(
                        "SELECT id, username FROM members WHERE community_id=? AND username=? COLLATE NOCASE",
                        (item.community_id, item.recipients[0]),
                    )
                    .fetchone()
                )
                if row is not None:
                    return MemberRef(item.community_id, str(row["id"]), str(row["username"]))
        return TopicRef(item.community_id, item.topic_id)

    def move_selection(self, delta: int) -> None:
        if self.model.rows:
            self.table.selectRow(
                min(max(self.table.currentIndex().row() + delta, 0), len(self.model.rows) - 1)
            )

    @Slot()
    def _on_current(self) -> None:
        self._update_actions()
        self.selected.emit(self.current())

    def _update_actions(self) -> None:
        item = self.current_item()
        busy = self.controller is not None and self.controller.busy
        state = item.state if item else None
        self.send_button.setEnabled(item is not None and state == State.QUEUED and not busy)
        self.retry_button.setEnabled(item is not None and state in (State.HELD, State.REJECTED))
        self.retry_button.setText(self.tr("Send anyway") if state == State.HELD else self.tr("Retry"))
        self.edit_button.setEnabled(item is not None and item.editable)
        self.delete_button.setEnabled(item is not None and state != State.SENDING)
        # Never ambiguous: a sent reply is only taken off this list (it stays on the site); an
        # unsent one is deleted before anyone sees it.
        if state in (State.SENT, State.ENQUEUED):
            self.compact.relabel(self.tr("Remove from this list"), self.tr("Remove"), self.delete_button)
            self.delete_button.setToolTip(
                self.tr("Only removes it from the Outbox on this computer; the reply stays on the site (z undoes)")
            )
        else:
            self.compact.relabel(self.tr("Delete unsent reply"), self.tr("Delete"), self.delete_button)
            self.delete_button.setToolTip(
                self.tr("Deletes this reply before it is sent: nothing reaches the site (z undoes)")
            )
        self.detail.setText("" if item is None else self._detail(item))

    def _detail(self, item: OutboxItem) -> str:
        text = state_text(item)
        if item.state == State.HELD and item.reason == Reason.NEW_REPLIES:
            if item.last_error:
                text += f" ({item.last_error})"
            text += ". " + self.tr("Read them, then Edit or Send anyway.")
        elif item.state == State.REJECTED:
            text += " " + self.tr("Edit it, then send it again.")
        elif item.state == State.QUEUED and item.reason is not None and item.last_error:
            text += " — " + item.last_error
        return text

    # -- actions -----------------------------------------------------------------------------------

    def _send(self, ids: list[int] | None) -> None:
        if self.controller is None:
            self.message.emit(self.tr("Sending is not available here."))
            return
        self.controller.send_pending(ids)
        self._update_actions()

    @Slot()
    def send_now(self) -> None:
        item = self.current_item()
        self._send(None if item is None else [item.id])

    @Slot()
    def retry(self) -> None:
        item = self.current_item()
        if item is None or item.state not in (State.HELD, State.REJECTED):
            return
        outbox.requeue(self.ctx.store, item.id, send_anyway=item.state == State.HELD)
        reply_events().outbox_changed.emit()
        self._send([item.id])

    @Slot()
    def edit(self) -> None:
        from ui.composer import Composer

        item = self.current_item()
        if item is None:
            return
        try:
            outbox.to_draft(self.ctx.store, item.id)
        except ValueError as exc:
            dialogs.information(self, str(exc))
            return
        events = reply_events()
        events.outbox_changed.emit()
        events.drafts_changed.emit()
        community = self.ctx.store.community(item.community_id)
        if community is not None:
            Composer.open_for(self.window(), self.ctx.store, community, item.topic_id)

    @Slot()
    def delete(self) -> None:
        item = self.current_item()
        if item is None or item.state == State.SENDING:
            return
        title = item.topic_title or item.topic_id
        words = (
            self.tr("Reply to “%1” removed from this list; it stays on the site.")
            if item.state in (State.SENT, State.ENQUEUED)
            else self.tr("Unsent reply to “%1” deleted; nothing was posted.")
        )
        self.undo_stack.push(_DeleteItem(self.ctx.store, dataclasses.replace(item), words.replace("%1", title)))


def install_reply_views(
    ctx: AppContext, tasks: TaskManager, parent: QObject | None = None
) -> OutboxController:
    """Register the Drafts and Outbox views and return the controller that sends the outbox.

    Call before the window builds its views (before ``views.register_builtin_views()``); then connect
    ``controller.message`` to the status bar and call ``controller.send_pending()`` after each sync.
    Every queued reply is sent at once (``reply_events().reply_queued``).
    """
    controller = OutboxController(ctx, tasks, parent)
    views.register(
        views.ViewSpec("drafts", lambda: _tr("Drafts"), DraftsView, go_key="d", icon="view-drafts")
    )
    views.register(
        views.ViewSpec(
            "outbox",
            lambda: _tr("Outbox"),
            lambda app_ctx, parent_widget: OutboxView(app_ctx, parent_widget, controller=controller),
            go_key="o",
            icon="view-outbox",
        )
    )
    reply_events().reply_queued.connect(controller.on_reply_queued)
    controller.arm_due_timer()  # items planned while the app was closed go out at the first chance
    return controller
