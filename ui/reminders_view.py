"""The Reminders view: what the user asked to be reminded of, soonest first, overdue ones in red.

Reminders are few (tens), so the model holds them all and re-reads the store on every change; the
``View`` base class defers refreshes while the view is hidden. A one-minute tick re-words "in 3 h"
and turns rows red as they fall due, without touching the store.

Keys (besides the window's j/k, Enter, o and /): ``e`` done, ``s`` snooze (a menu of quick picks),
``z`` or Ctrl+Z undo the last change, ``n`` a new note. Buttons show their key.

Why ``mirror_changed`` is a signal and not a call: sending the bookmark copy is network work, which
belongs to the window's ``TaskManager`` (``moderator.reminder_mirror.flush_mirrors`` in a job).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from moderator import quickpicks
from moderator import reminders as rem
from moderator.clock import Clock, SystemClock, local_zone
from moderator.links import topic_url
from moderator.model import AuthKind, Community
from moderator.quickpicks import QuickPick
from moderator.reminders import Kind, Reminder, State
from moderator.store import to_ts
from ui import dialogs, icons, theme, timefmt, views
from ui.empty_state import EmptyState
from ui.filter_edit import FilterEdit
from ui.views import TableNavigation, TopicRef, View

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REMINDER_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(enum.IntEnum):
    DUE = 0
    WHAT = 1
    COMMUNITY = 2
    STATUS = 3


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("RemindersView", text, None, n)


def tr_core(text: str) -> str:
    """The core's marked strings (``moderator.reminders``), in their own translation context."""
    return QCoreApplication.translate(rem.TR_CONTEXT, text)


# -- words for times ----------------------------------------------------------------------------------


def wall_text(when: dt.datetime, now: dt.datetime, zone: dt.tzinfo) -> str:
    """ "Today 14:00", "Tomorrow 09:00", "Mon 09:00" (this week), "Mon, Nov 30 09:00" (later; ``timefmt``)."""
    local, today = when.astimezone(zone), now.astimezone(zone).date()
    locale = QLocale()
    clock = timefmt.clock_text(local.hour, local.minute)
    days = (local.date() - today).days
    if days == 0:
        return _tr("Today %1").replace("%1", clock)
    if days == 1:
        return _tr("Tomorrow %1").replace("%1", clock)
    if days == -1:
        return _tr("Yesterday %1").replace("%1", clock)
    if 1 < days < 7:
        date = QDate(local.year, local.month, local.day)
        return f"{locale.toString(date, 'ddd')} {clock}"
    return f"{timefmt.day_text(local.date(), today)} {clock}"


def span_text(seconds: float) -> str:
    """A rounded duration: "5 min", "3 h", "2 d"."""
    seconds = abs(seconds)
    if seconds < 3600:
        return _tr("%n min", max(1, int(seconds // 60)))
    if seconds < 2 * 86400:
        return _tr("%n h", int(seconds // 3600))
    return _tr("%n d", int(seconds // 86400))


def status_text(reminder: Reminder, now: dt.datetime, zone: dt.tzinfo) -> str:
    """The Status column: where the reminder stands, its condition and its bookmark copy."""
    parts: list[str] = []
    if reminder.state is State.DONE:
        parts.append(_tr("Done"))
    elif reminder.state is State.RESOLVED:
        why = reminder.resolution.describe(now=now, zone=zone, tr=tr_core) if reminder.resolution else ""
        parts.append(_tr("Resolved: %1").replace("%1", why) if why else _tr("Resolved"))
    else:
        delta = (reminder.due_at - now).total_seconds()
        if delta <= 0:
            parts.append(_tr("Overdue by %1").replace("%1", span_text(delta)))
        elif reminder.state is State.SNOOZED:
            parts.append(_tr("Snoozed, in %1").replace("%1", span_text(delta)))
        else:
            parts.append(_tr("In %1").replace("%1", span_text(delta)))
        if reminder.condition is not None:
            parts.append(tr_core(rem.CONDITION_LABELS[reminder.condition]))
    if reminder.mirror and reminder.active:
        if reminder.mirror_state is rem.MirrorState.FAILED:
            parts.append(_tr("bookmark refused"))
        elif reminder.mirror_state is rem.MirrorState.SENT:
            parts.append(_tr("bookmarked on the community"))
        else:
            parts.append(_tr("bookmark waiting to be sent"))
    return " · ".join(parts)


def _kind_icon(name: str) -> QIcon:
    """A calm line icon that turns white on the selection colour (so it never vanishes)."""
    icon = QIcon(icons.tinted_pixmap(name, theme.CALM, 16))
    icon.addPixmap(icons.tinted_pixmap(name, QColor("#ffffff"), 16), QIcon.Mode.Selected)
    return icon


# -- the model --------------------------------------------------------------------------------------


class RemindersModel(QAbstractTableModel):
    """Every reminder in scope (done and resolved ones included: the proxy hides them)."""

    def __init__(self, parent: QObject | None = None, *, zone: dt.tzinfo | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Reminder] = []
        self.communities: dict[int, str] = {}
        self.now = dt.datetime.now(dt.UTC)
        self.zone = zone or local_zone()
        self._bold = QFont()
        self._bold.setWeight(QFont.Weight.DemiBold)
        overdue = QColor(theme.RED)
        overdue.setAlpha(26)
        self._overdue_background = overdue
        self._icons = {
            Kind.TOPIC: _kind_icon("view-topics"),
            Kind.MEMBER: _kind_icon("view-silent"),
            Kind.NOTE: _kind_icon("view-reminders"),
        }

    def load(self, reminders: list[Reminder], communities: dict[int, str], now: dt.datetime) -> None:
        self.beginResetModel()
        self.rows, self.communities, self.now = list(reminders), dict(communities), now
        self.endResetModel()

    def tick(self, now: dt.datetime) -> None:
        """Time passed: re-word the times and re-colour what fell due (no store access)."""
        self.now = now
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(Column) - 1))

    def reminder(self, row: int) -> Reminder:
        return self.rows[row]

    def row_of(self, reminder_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == reminder_id), -1)

    def haystack(self, row: int) -> str:
        r = self.rows[row]
        return f"{r.summary(tr_core)}\n{r.note}\n{r.username}\n{self.communities.get(r.community_id, '')}".casefold()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.DUE: _tr("Due"),
            Column.WHAT: _tr("Reminder"),
            Column.COMMUNITY: _tr("Community"),
            Column.STATUS: _tr("Status"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        column = Column(index.column())
        overdue = r.is_due(self.now)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, column)
        if role == SORT_ROLE:
            return self._sort_key(r, column)
        if role == REMINDER_ROLE:
            return r
        if role == Qt.ItemDataRole.ForegroundRole:
            if not r.active:
                return QColor(theme.CALM)
            if overdue and column in (Column.DUE, Column.STATUS):
                return QColor(theme.RED)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._overdue_background if overdue else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if overdue and column in (Column.DUE, Column.WHAT) else None
        if role == Qt.ItemDataRole.DecorationRole and column is Column.WHAT:
            return self._icons.get(r.kind)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column is Column.WHAT:
                return r.summary(tr_core)  # says the kind, which the icon shows
            return self._display(r, column)
        return None

    def _display(self, r: Reminder, column: Column) -> str:
        if column is Column.DUE:
            return wall_text(r.due_at, self.now, self.zone)
        if column is Column.WHAT:
            # The icon says the kind: a topic shows its bare title, like everywhere else in the app.
            what = r.title if r.kind is Kind.TOPIC and r.title else r.summary(tr_core)
            # The note is what the user wrote for their future self: shown, not hidden in a tooltip.
            if r.kind is not Kind.NOTE and r.note.strip():
                return f"{what} — {' '.join(r.note.split())}"
            return what
        if column is Column.COMMUNITY:
            return self.communities.get(r.community_id, "")
        return status_text(r, self.now, self.zone)

    def _tooltip(self, r: Reminder, column: Column) -> str:
        if column is Column.DUE:
            local = r.due_at.astimezone(self.zone)
            return QLocale().toString(
                QDate(local.year, local.month, local.day), QLocale.FormatType.LongFormat
            ) + local.strftime(" %H:%M")
        if column is Column.STATUS:
            text = status_text(r, self.now, self.zone)
            return f"{text}\n{r.mirror_error}" if r.mirror_error else text
        lines = [r.summary(tr_core)]
        if r.kind is not Kind.NOTE and r.note:
            lines.append(r.note)
        return "\n".join(lines)

    def _sort_key(self, r: Reminder, column: Column) -> tuple[Any, ...]:
        closed = 0 if r.active else 1
        if column is Column.WHAT:
            return (closed, r.summary(tr_core).casefold(), r.id)
        if column is Column.COMMUNITY:
            return (closed, self.communities.get(r.community_id, "").casefold(), to_ts(r.due_at), r.id)
        return (closed, to_ts(r.due_at), r.id)


class RemindersProxy(QSortFilterProxyModel):
    """Filters as you type; hides done and resolved reminders unless asked; sorts on raw values."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []
        self._show_closed = False

    def set_query(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_closed(self, show: bool) -> None:
        if show != self._show_closed:
            self.beginFilterChange()
            self._show_closed = show
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def show_closed(self) -> bool:
        return self._show_closed

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 - Qt override
        model = self.sourceModel()
        if not isinstance(model, RemindersModel) or source_row >= model.rowCount():
            return False
        if not self._show_closed and not model.reminder(source_row).active:
            return False
        haystack = model.haystack(source_row)
        return all(word in haystack for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802 - Qt override
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return bool(a is None and b is not None)
        return bool(a < b)


# -- the view ---------------------------------------------------------------------------------------


class RemindersView(TableNavigation, View):
    view_key = "reminders"

    reminders_changed = Signal()  # something was added, snoozed, done: the notifier reschedules
    mirror_changed = Signal()  # a mirrored reminder changed: run flush_mirrors off the GUI thread
    nudge_requested = Signal(int, str, str)  # community id, username, suggested text: open a composer

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
        zone: dt.tzinfo | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.clock = clock or SystemClock()
        self.zone = zone or local_zone()
        self.model = RemindersModel(self, zone=self.zone)
        self.proxy = RemindersProxy(self)
        self.proxy.setSourceModel(self.model)
        self._undo: list[tuple[str, Reminder]] = []

        self.filter = FilterEdit(self)
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText(self.tr("Filter reminders  /"))
        self.filter.setAccessibleName(self.tr("Filter reminders"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter_changed)

        self.table = self._make_table()
        self.table.installEventFilter(self)  # n: a new note (the window's n reaches new_item instead)
        self.empty = EmptyState(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)

        self.snooze_menu = QMenu(self)
        self.snooze_menu.aboutToShow.connect(self._fill_snooze_menu)
        bar = self._make_bar()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter)
        layout.addWidget(bar)
        layout.addWidget(self.pages, 1)

        self._ticker = QTimer(self)
        self._ticker.setInterval(60_000)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()
        self._update_buttons()

    def selection_hint(self) -> tuple[str, str]:
        return (
            self.tr("No reminder selected"),
            self.tr("Select a reminder to see its topic or member here (j / k)."),
        )

    # -- building ----------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("reminders")
        table.setAccessibleName(self.tr("Reminders"))
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setTabKeyNavigation(False)
        vertical = table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 14)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.setStyleSheet("QTableView#reminders::item { padding-left: 8px; }")
        header.resizeSection(Column.DUE, 160)
        header.resizeSection(Column.COMMUNITY, 150)
        header.resizeSection(Column.STATUS, 300)
        header.setSectionResizeMode(Column.WHAT, QHeaderView.ResizeMode.Stretch)
        table.setSortingEnabled(True)
        header.setSortIndicator(Column.DUE, Qt.SortOrder.AscendingOrder)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        table.activated.connect(self._on_activated)
        return table

    def _button(self, text: str, tip: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.split("  ")[0])
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _make_bar(self) -> QWidget:
        bar = QWidget(self)
        bar.setObjectName("remindersBar")
        self.snooze_button = self._button(
            self.tr("Snooze  s"), self.tr("Remind me again later (s)"), self.show_snooze_menu
        )
        self.done_button = self._button(
            self.tr("Done  e"), self.tr("Mark this reminder done (e)"), self.done_current
        )
        self.reopen_button = self._button(
            self.tr("Reopen"), self.tr("Bring back a done or resolved reminder"), self.reopen_current
        )
        self.nudge_button = self._button(
            self.tr("Write the nudge"),
            self.tr("Open a message for this member, with a suggested text"),
            self.nudge_current,
        )
        self.show_closed = QCheckBox(self.tr("Show done"), self)
        self.show_closed.setToolTip(self.tr("Also list done reminders and those that resolved themselves"))
        self.show_closed.toggled.connect(self._on_show_closed)
        self.new_button = self._button(
            self.tr("New note  n"), self.tr("A reminder of your own (n)"), self.new_note
        )
        self.export_button = self._button(
            self.tr("Export…"), self.tr("Save open reminders as a calendar file (.ics)"), self.export_calendar
        )
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.setSpacing(6)
        for button in (self.snooze_button, self.done_button, self.reopen_button, self.nudge_button):
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.show_closed)
        layout.addWidget(self.new_button)
        layout.addWidget(self.export_button)
        return bar

    def row_commands(self) -> dict[str, Callable[[], object]]:
        """e, s, z: the window's keys, so they work wherever the focus is (the reading pane too).
        n is the window's too: it asks new_item() first."""
        return {
            views.ROW_DONE: self.done_current,
            views.ROW_SNOOZE: self.show_snooze_menu,
            views.ROW_UNDO: self.undo,
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_N
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.new_note()
            return True
        return super().eventFilter(watched, event)

    def new_item(self) -> bool:
        """``n`` here: a new note (the window's ``n`` asks the view first; elsewhere it starts a topic)."""
        self.new_note()
        return True

    # -- View API --------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.current_reminder()
        now = self.clock.now()
        reminders = rem.list_reminders(self.ctx.store, community_ids=self.community_ids, states=None)
        names = {c.id: c.title or c.name for c in self.ctx.store.communities() if c.id is not None}
        self.model.load(reminders, names, now)
        single = self.community_ids is not None and len(self.community_ids) == 1
        self.table.setColumnHidden(Column.COMMUNITY, single or len({r.community_id for r in reminders}) <= 1)
        if keep is not None:
            self.select_reminder(keep.id)
        self._after_change()

    @Slot()
    def tick(self) -> None:
        """Time passed (every minute): re-word the times, recount what is due."""
        if self.tasks is not None and self.tasks.closed:
            return  # the window is closing (or closed, in a test that keeps it): its store too
        self.model.tick(self.clock.now())
        self._emit_count()

    def primary_column(self) -> int:
        return int(Column.WHAT)

    def current(self) -> TopicRef | None:
        reminder = self.current_reminder()
        if reminder is None or reminder.kind is not Kind.TOPIC or reminder.topic_id is None:
            return None
        return TopicRef(reminder.community_id, reminder.topic_id)

    def current_reminder(self) -> Reminder | None:
        index = self.table.currentIndex()
        value = index.data(REMINDER_ROLE) if index.isValid() else None
        return value if isinstance(value, Reminder) else None

    def select_reminder(self, reminder_id: int) -> bool:
        row = self.model.row_of(reminder_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.select_proxy_row(index.row())
        return True

    # -- actions ---------------------------------------------------------------------------

    @Slot()
    def done_current(self) -> None:
        reminder = self.current_reminder()
        if reminder is None or not reminder.active:
            return
        self._change(
            reminder, "done", lambda: rem.mark_done(self.ctx.store, reminder.id, now=self.clock.now())
        )
        self.message.emit(self.tr("Marked done. Press z to undo."))

    def snooze_current(self, until: dt.datetime | QuickPick) -> bool:
        """Snooze the selected reminder until a quick pick or a time; False when nothing was done."""
        reminder = self.current_reminder()
        if reminder is None:
            return False
        now = self.clock.now()
        when = quickpicks.resolve(until, now, self.zone) if isinstance(until, QuickPick) else until
        if when is None or when <= now:
            self.message.emit(self.tr("That time has passed; pick a later one."))
            return False
        self._change(reminder, "snooze", lambda: rem.snooze(self.ctx.store, reminder.id, when, now=now))
        self.message.emit(
            self.tr("Snoozed until %1. Press z to undo.").replace("%1", wall_text(when, now, self.zone))
        )
        return True

    @Slot()
    def reopen_current(self) -> None:
        reminder = self.current_reminder()
        if reminder is None or reminder.active:
            return
        now = self.clock.now()
        due = reminder.due_at if reminder.due_at > now else None
        self._change(
            reminder,
            "reopen",
            lambda: rem.reopen(self.ctx.store, reminder.id, now=now, due_at=due),
            keep=True,
        )
        self.message.emit(self.tr("Reopened. Press z to undo."))

    @Slot()
    def undo(self) -> None:
        if not self._undo:
            self.message.emit(self.tr("Nothing to undo."))
            return
        _verb, snapshot = self._undo.pop()
        rem.restore(self.ctx.store, snapshot)
        self.refresh()
        self.select_reminder(snapshot.id)
        self._notify_changed(snapshot)
        self.message.emit(self.tr("Undone."))

    @Slot()
    def show_snooze_menu(self) -> None:
        if self.current_reminder() is None:
            return
        index = self.table.currentIndex()
        rect = self.table.visualRect(index)
        self.snooze_menu.popup(self.table.viewport().mapToGlobal(rect.bottomLeft()))

    @Slot()
    def nudge_current(self) -> None:
        reminder = self.current_reminder()
        if reminder is None or reminder.kind is not Kind.MEMBER:
            return
        community = self.ctx.store.community(reminder.community_id)
        if community is None:
            return
        text = rem.nudge_draft_text(self.ctx.store, community, reminder.username)
        self.nudge_requested.emit(reminder.community_id, reminder.username, text)

    @Slot()
    def new_note(self) -> None:
        from ui.remind_dialog import RemindTarget, remind_about

        scope = self.community_ids[0] if self.community_ids and len(self.community_ids) == 1 else None
        created = remind_about(self, self.ctx, RemindTarget.note(scope), clock=self.clock, zone=self.zone)
        if created is not None:
            self.refresh()
            self.select_reminder(created.id)
            self.reminders_changed.emit()

    @Slot()
    def export_calendar(self) -> None:
        path = self.ask_export_path(self)
        if not path:
            return
        from moderator import ics  # icalendar: only for an export, off the start path

        try:
            count = ics.export_ics(
                self.ctx.store,
                path,
                now=self.clock.now(),
                community_ids=self.community_ids,
                url_for=self._web_url,
                tr=tr_core,
            )
        except OSError as exc:
            dialogs.warning(
                self,
                self.tr("The calendar file could not be written (%1). Choose another folder.").replace(
                    "%1", exc.strerror or str(exc)
                ),
            )
            return
        self.message.emit(self.tr("%n reminder(s) exported to the calendar file.", "", count))

    @classmethod
    def ask_export_path(cls, parent: QWidget) -> str:
        """Where to save the calendar (tests replace this method)."""
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("RemindersView", "Export reminders"),
            str(Path.home() / "reminders.ics"),
            QCoreApplication.translate("RemindersView", "Calendar files (*.ics)"),
        )
        return path

    # -- internals -------------------------------------------------------------------------

    def _web_url(self, reminder: Reminder) -> str | None:
        if reminder.kind is not Kind.TOPIC or reminder.topic_id is None:
            return None
        community = self.ctx.store.community(reminder.community_id)
        if community is None:
            return None
        sandbox = getattr(self.ctx, "sandbox", None)
        if community.auth_kind is AuthKind.SANDBOX and sandbox is not None:
            community = Community(
                name=community.name,
                platform=community.platform,
                base_url=sandbox.url,
                auth_kind=community.auth_kind,
            )
        topic = self.ctx.store.topic(reminder.community_id, reminder.topic_id)
        return topic_url(community, reminder.topic_id, topic.slug if topic else "")

    def _change(self, before: Reminder, verb: str, action: Any, *, keep: bool = False) -> None:
        row = self.table.currentIndex().row()
        try:
            action()
        except rem.ReminderError as exc:
            self.message.emit(str(exc))
            return
        self._undo.append((verb, before))
        del self._undo[:-20]
        self.refresh()
        if keep and self.select_reminder(before.id):
            pass
        elif self.proxy.rowCount():
            self.select_proxy_row(min(max(row, 0), self.proxy.rowCount() - 1))
        self._notify_changed(before)

    def _notify_changed(self, reminder: Reminder) -> None:
        self.reminders_changed.emit()
        if reminder.mirror:
            self.mirror_changed.emit()

    @Slot()
    def _fill_snooze_menu(self) -> None:
        self.snooze_menu.clear()
        now = self.clock.now()
        labels = {
            QuickPick.LATER_TODAY: self.tr("&Later today"),
            QuickPick.TOMORROW: self.tr("&Tomorrow"),
            QuickPick.NEXT_MONDAY: self.tr("Next &Monday"),
            QuickPick.IN_A_WEEK: self.tr("In a &week"),
        }
        for pick, when in quickpicks.available(now, self.zone):
            text = labels[pick] if when is None else f"{labels[pick]}\t{wall_text(when, now, self.zone)}"
            action = self.snooze_menu.addAction(text)
            action.setData(str(pick))
            action.setEnabled(when is not None)
            action.triggered.connect(lambda _checked=False, p=pick: self.snooze_current(p))
        self.snooze_menu.addSeparator()
        custom = self.snooze_menu.addAction(self.tr("&Pick a date and time…"))
        custom.triggered.connect(self._snooze_custom)

    @Slot()
    def _snooze_custom(self) -> None:
        from ui.remind_dialog import RemindDialog, RemindTarget

        reminder = self.current_reminder()
        if reminder is None:
            return
        target = RemindTarget.from_reminder(reminder)
        request = RemindDialog.ask(self, target, now=self.clock.now(), zone=self.zone, snooze=True)
        if request is not None:
            self.snooze_current(request.due_at)

    def _after_change(self) -> None:
        self._update_empty_state()
        self._emit_count()

    def badge_tip(self, count: int) -> str:
        return self.tr("%n reminder(s) due now", "", count)

    def _emit_count(self) -> None:
        self.count_changed.emit(
            rem.count_due(self.ctx.store, self.clock.now(), community_ids=self.community_ids)
        )

    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_empty_state()

    @Slot(bool)
    def _on_show_closed(self, show: bool) -> None:
        self.proxy.set_show_closed(show)
        self._update_empty_state()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        self.selected.emit(self.current())

    @Slot(QModelIndex)
    def _on_activated(self, _index: QModelIndex) -> None:
        ref = self.current()
        if ref is not None:
            self.opened.emit(ref)
        elif (reminder := self.current_reminder()) is not None and reminder.kind is Kind.MEMBER:
            self.nudge_current()

    def _update_buttons(self) -> None:
        reminder = self.current_reminder()
        active = reminder is not None and reminder.active
        any_rows = self.proxy.rowCount() > 0
        self.snooze_button.setVisible(any_rows)
        self.done_button.setVisible(any_rows)
        self.snooze_button.setEnabled(reminder is not None)
        self.done_button.setEnabled(active)
        self.reopen_button.setEnabled(reminder is not None and not active)
        self.reopen_button.setVisible(self.proxy.show_closed)
        self.nudge_button.setVisible(reminder is not None and reminder.kind is Kind.MEMBER)

    def _update_empty_state(self) -> None:
        self._update_buttons()
        if self.proxy.rowCount() > 0:
            self.pages.setCurrentWidget(self.table)
            return
        if self.filter.text().strip() and self.model.rowCount():
            self.empty.set_text(
                self.tr("No reminder matches “%1”").replace("%1", self.filter.text().strip()),
                self.tr("Check the spelling, or press Esc to clear the filter."),
            )
        else:
            self.empty.set_text(
                self.tr("No reminders"),
                self.tr(
                    "Press m on any topic or member to be reminded later, or n here for a note of your own. "
                    "Reminders can wait until a topic is still unanswered, and resolve themselves when it is not."
                ),
            )
        self.pages.setCurrentWidget(self.empty)
