"""The Review view: the moderation queue of every community where the account moderates.

Keyboard: j/k move, a takes the item's primary decision (approve, agree), x rejects or deletes,
i ignores, Enter lists every decision the community offers; only destructive decisions (delete,
suspend, silence) ask first. A decision is queued like a reply (``moderator.review.store``): the
item leaves the list at once and the ``ReviewController`` sends it when the community is
reachable, exactly once. When the server says another moderator acted first, the status bar says
so, and the item comes back if it still waits for a decision.

Communities whose platform has no queue, or where the account is not a moderator, are named above
the list with the reason, instead of an empty list that says nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QLabel, QMenu, QStackedWidget, QVBoxLayout, QWidget

from moderator.model import utcnow
from moderator.review import store as review_store
from moderator.review.model import ReviewAction
from moderator.review.sender import ReviewOutcome, ReviewSender, Why
from moderator.review.store import ActionState, StoredItem
from moderator.review.support import QueueSupport, queue_support
from ui import dialogs, theme, timefmt, views
from ui.column_fit import TitleFirst
from ui.drafts_view import make_table
from ui.empty_state import EmptyState
from ui.filter_edit import FilterEdit
from ui.review_card import ignore_action, kind_label, primary_action, reject_action, review_events
from ui.rows_model import Index, RowsTableModel
from ui.views import ReviewRef, TableNavigation, TopicRef, View

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from ui.tasks import Task, TaskManager

RETRY_MS = 120_000

STATUS_WORDS = {
    "approved": lambda: _tr("approved"),
    "rejected": lambda: _tr("rejected"),
    "ignored": lambda: _tr("ignored"),
    "deleted": lambda: _tr("deleted"),
}


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("review", text, None, n)


class ReviewModel(RowsTableModel[StoredItem]):
    COLUMNS = ("item", "why", "flags", "author", "community", "waiting")

    def __init__(self, store: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.community_ids: list[int] | None = None

    def headers(self) -> tuple[str, ...]:
        return (_tr("Item"), _tr("Why"), _tr("Flags"), _tr("Author"), _tr("Community"), _tr("Waiting"))

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = review_store.list_items(self.store, community_ids=self.community_ids)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        stored = self.row_at(index.row())
        if stored is None:
            return None
        item = stored.item
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "item":
                text = " ".join((item.topic_title or item.excerpt).split())
                label = kind_label(item)
                return f"{label} · {text}" if text else label
            if column == "why":
                return ", ".join(item.reasons)
            if column == "flags":
                names = ", ".join(dict.fromkeys(f"@{f.username}" for f in item.flags if f.username))
                return names or ("—" if item.type != "flagged_post" else str(len(item.flags)))
            if column == "author":
                return f"@{item.author_username}" if item.author_username else ""
            if column == "community":
                return stored.community_name
            if column == "waiting":
                if role == Qt.ItemDataRole.ToolTipRole:
                    return timefmt.exact(item.created_at)
                return timefmt.ago(item.created_at)
        if role == Qt.ItemDataRole.ForegroundRole and column == "waiting" and item.created_at is not None:
            hours = (utcnow() - item.created_at).total_seconds() / 3600
            return theme.waiting_colour(hours, amber_after=4, red_after=24)
        came_back = stored.last_action is not None and stored.last_action.state in (
            ActionState.CONFLICT,
            ActionState.REFUSED,
        )
        if role == Qt.ItemDataRole.FontRole and column == "item" and came_back:
            font = QFont()
            font.setItalic(True)  # came back: a decision on it was not applied
            return font
        return None


class ReviewController(QObject):
    """Sends queued decisions off the GUI thread, one run at a time, retrying while they wait."""

    finished = Signal(object)  # list[ReviewOutcome]
    message = Signal(str)

    def __init__(self, ctx: AppContext, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.sender = ReviewSender()
        self._task: Task[list[ReviewOutcome]] | None = None
        self._rerun = False
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.send_pending)

    @property
    def busy(self) -> bool:
        return self._task is not None

    @Slot()
    def send_pending(self) -> None:
        if self._task is not None:
            self._rerun = True
            return
        if review_store.live_count(self.ctx.store) == 0:
            return
        store, connector_for, sender = self.ctx.store, self.ctx.connector_for, self.sender

        def job(task_ctx: Any) -> list[ReviewOutcome]:
            return sender.send_pending(store, connector_for, cancel=task_ctx.cancel)

        self.retry_timer.stop()
        try:
            self._task = self.tasks.run(job, on_done=self._done, on_error=self._failed, label="review")
        except RuntimeError:  # quitting: the decisions stay queued
            return

    def _done(self, outcomes: list[ReviewOutcome]) -> None:
        text = self.summary(outcomes)
        if text:
            self.message.emit(text)
        self._task = None
        self.finished.emit(outcomes)
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self.message.emit(
            _tr("Sending moderation decisions failed: %1. They are kept.").replace("%1", str(exc))
        )
        self._task = None
        self.finished.emit([])
        self._next()

    def _next(self) -> None:
        if self._rerun:
            self._rerun = False
            self.send_pending()
        elif review_store.live_count(self.ctx.store):
            self.retry_timer.start()

    @staticmethod
    def summary(outcomes: list[ReviewOutcome]) -> str:
        parts: list[str] = []
        done = [o for o in outcomes if o.state == ActionState.DONE]
        if done:
            parts.append(_tr("%n moderation decision(s) applied.", len(done)))
        for o in outcomes:
            what = _tr("“%1” on item %2").replace("%1", o.label or o.action).replace("%2", o.reviewable_id)
            if o.why == Why.HANDLED:
                words = STATUS_WORDS.get(o.new_status)
                status = words() if words is not None else o.new_status
                by = ("@" + o.by + ", ") if o.by else ""
                why = _tr("another moderator acted first (%1)").replace("%1", by + status)
            elif o.why == Why.CHANGED:
                why = _tr(
                    "another moderator acted first: the item changed, it is back in the list to decide again"
                )
            elif o.why == Why.GONE:
                why = _tr("the item no longer exists on the community")
            elif o.state == ActionState.REFUSED:
                why = _tr("the community refused it (%1)").replace("%1", o.detail)
            else:
                continue
            parts.append(_tr("%1 was not applied: %2.").replace("%1", what).replace("%2", why))
        waiting = sum(o.state in review_store.LIVE_STATES for o in outcomes)
        if waiting:
            parts.append(_tr("%n decision(s) will be sent when the community is reachable.", waiting))
        return " ".join(parts)


class ReviewView(TableNavigation, View):
    view_key = "review"

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, controller: ReviewController | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.controller = controller
        self.model = ReviewModel(ctx.store, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = FilterEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter the queue  /"))
        self.filter.setAccessibleName(self.tr("Filter the moderation queue"))
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = make_table(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Moderation queue"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 140), (2, 130), (3, 120), (4, 100), (5, 80)):
            self.table.setColumnWidth(column, width)
        # The item is what people read: in a narrow pane (150 %, French, two communities) the flaggers
        # go first (the reading pane lists them), then the author, the community and the reasons.
        self.columns = TitleFirst(self.table, 0, [2, 3, 4, 1], min_title=220)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.activated.connect(lambda _index: self.show_action_menu())
        self.notes = QLabel(self)
        self.notes.setObjectName("reviewNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setContentsMargins(10, 4, 10, 4)
        self.notes.hide()
        self.empty = EmptyState(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter)
        layout.addWidget(self.notes)
        layout.addWidget(self.stack, 1)
        self.menu: QMenu | None = None
        # Window-wide while the view is on screen (a shortcut of a hidden widget never fires), like
        # j/k: the keys work wherever the focus is, except in a text field, which keeps its letters.
        for key, role in (("A", "a"), ("X", "x"), ("I", "i")):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda role=role: self.decide_role(role))
        events = review_events()
        events.decide_requested.connect(self._on_card_decide)
        events.menu_requested.connect(lambda _ref: self.show_action_menu())
        if controller is not None:
            controller.message.connect(self.message)
            controller.finished.connect(self._after_send)
        # The sidebar badge from the start (the window connects count_changed after construction).
        QTimer.singleShot(0, lambda: self.count_changed.emit(review_store.pending_count(ctx.store)))

    # -- data ------------------------------------------------------------------------------------

    def request_refresh(self) -> None:
        """The badge follows the store even while the view is hidden (one indexed read)."""
        super().request_refresh()
        if not self.isVisible():
            self.count_changed.emit(review_store.pending_count(self.ctx.store))

    def refresh(self) -> None:
        current = self.current_stored()
        key = (current.community_id, current.item.id) if current else None
        self.model.community_ids = self.community_ids
        self.model.refresh()
        self._update_notes()
        # One community: its name on every row says nothing and takes the item's room.
        self.columns.set_wanted(4, len({s.community_id for s in self.model.rows}) > 1)
        self.stack.setCurrentWidget(self.table if self.model.rows else self.empty)
        if key is not None:
            for row, stored in enumerate(self.model.rows):
                if (stored.community_id, stored.item.id) == key:
                    self.select_proxy_row(self.proxy.mapFromSource(self.model.index(row, 0)).row())
                    break
        self.count_changed.emit(review_store.pending_count(self.ctx.store))

    def _update_notes(self) -> None:
        communities = [
            c
            for c in self.ctx.store.communities()
            if c.id is not None and (self.community_ids is None or c.id in self.community_ids)
        ]
        lines: list[str] = []
        available = 0
        for community in communities:
            support = queue_support(self.ctx.store, community)
            name = community.title or community.name
            if support is QueueSupport.AVAILABLE:
                available += 1
            elif support is QueueSupport.UNSUPPORTED:
                lines.append(
                    self.tr(
                        "%1: this platform does not let apps see reported content; moderate it on the site."
                    ).replace("%1", name)
                )
            elif support is QueueSupport.NOT_STAFF:
                lines.append(
                    self.tr("%1: this account is not a moderator there, so it has no queue.").replace(
                        "%1", name
                    )
                )
            else:
                lines.append(
                    self.tr("%1: not synced yet; its queue comes with the first sync.").replace("%1", name)
                )
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))
        if available == 0:
            self.empty.set_text(
                self.tr("No moderation queue here"),
                self.tr("None of these communities has a queue this account can see (see above)."),
            )
        else:
            self.empty.set_text(
                self.tr("Nothing to review"),
                self.tr("No flags and no posts awaiting approval. The queue is refreshed with every sync."),
            )

    def move_selection(self, delta: int) -> None:
        """j/k: the list takes the focus too, so that Enter opens the item's actions."""
        super().move_selection(delta)
        if self.proxy.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_stored(self) -> StoredItem | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def current(self) -> object | None:
        """The item's topic: o opens it in the browser, r replies in it, m reminds about it."""
        stored = self.current_stored()
        if stored is None or not stored.item.target_topic_id:
            return None
        return TopicRef(stored.community_id, stored.item.target_topic_id)

    def pane_ref(self) -> object | None:
        """The reading pane shows the item in context (its card), not only its topic."""
        stored = self.current_stored()
        return None if stored is None else ReviewRef(stored.community_id, stored.item.id)

    @Slot(QModelIndex, QModelIndex)
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.selected.emit(self.pane_ref())

    # -- decisions -------------------------------------------------------------------------------

    def decide_role(self, role: str) -> None:
        stored = self.current_stored()
        if stored is None:
            self.message.emit(self.tr("Select an item first (j / k)."))
            return
        finder = {"a": primary_action, "x": reject_action, "i": ignore_action}[role]
        action = finder(stored.item)
        if action is None:
            words = {"a": self.tr("approve"), "x": self.tr("reject or delete"), "i": self.tr("ignore")}[role]
            self.message.emit(
                self.tr("This item cannot be %1 from here; Enter lists what it offers.").replace("%1", words)
            )
            return
        self.decide(stored, action)

    def decide(self, stored: StoredItem, action: ReviewAction) -> bool:
        """Queue ``action`` on the item (asking first when it destroys something); True when queued."""
        if action.destructive:
            text = self.tr(
                "“%1” on this item from %2?\n\nIt is sent to the community and cannot be undone from here."
            )
            text = text.replace("%1", action.label).replace("%2", stored.community_name)
            if action.confirm_message:
                text += "\n\n" + action.confirm_message
            if not dialogs.ask(self, text, title=self.tr("Confirm the decision")):
                return False
        row = self.table.currentIndex().row()
        try:
            review_store.queue_action(self.ctx.store, stored.community_id, stored.item.id, action.id)
        except review_store.AlreadyQueued:
            self.message.emit(self.tr("A decision on this item is already on its way."))
            return False
        except (KeyError, ValueError):
            self.message.emit(self.tr("This item changed since the list was read; sync, then decide again."))
            return False
        self.message.emit(
            self.tr("“%1” queued; it is sent as soon as the community is reachable.").replace(
                "%1", action.label
            )
        )
        self.refresh()
        if self.proxy.rowCount():
            self.select_proxy_row(min(max(row, 0), self.proxy.rowCount() - 1))
        else:
            self.selected.emit(None)
        if self.controller is not None:
            self.controller.send_pending()
        return True

    @Slot(object, str)
    def _on_card_decide(self, ref: object, role: str) -> None:
        stored = self.current_stored()
        if isinstance(ref, ReviewRef) and stored is not None and stored.item.id == ref.reviewable_id:
            self.decide_role(role)

    def show_action_menu(self) -> QMenu | None:
        """Enter: every decision the item offers, grouped as the community groups them."""
        stored = self.current_stored()
        if stored is None or not stored.item.actions:
            return None
        menu = QMenu(self)
        menu.setObjectName("reviewActions")
        group = None
        for action in stored.item.actions:
            if group is not None and action.group != group:
                menu.addSeparator()
            group = action.group
            entry = QAction(action.label + ("…" if action.destructive else ""), menu)
            if action.description:
                entry.setToolTip(action.description)
            entry.setData(action.id)
            entry.triggered.connect(lambda _checked=False, a=action, s=stored: self.decide(s, a))
            menu.addAction(entry)
        menu.setToolTipsVisible(True)
        rect = self.table.visualRect(self.table.currentIndex())
        self.menu = menu
        menu.popup(self.table.viewport().mapToGlobal(rect.bottomLeft()))
        return menu

    @Slot(object)
    def _after_send(self, _outcomes: object) -> None:
        self.request_refresh()


def install_review_view(
    ctx: AppContext, tasks: TaskManager, parent: QObject | None = None
) -> ReviewController:
    """Register the Review view (g v) and return the controller that sends its decisions.

    Call ``controller.send_pending()`` after each sync (decisions wait for the network).
    """
    controller = ReviewController(ctx, tasks, parent)
    views.register(
        views.ViewSpec(
            "review",
            lambda: _tr("Review"),
            lambda app_ctx, parent_widget: ReviewView(app_ctx, parent_widget, controller=controller),
            go_key="v",
            icon="view-review",
        )
    )
    return controller
