"""Pluggable list views: the registry, the base class every view derives from, and what a view shows.

A view is the middle pane's content for one sidebar entry (Topics, Unanswered, Silent members...).
Other engineers add one by writing a ``View`` subclass and registering it::

    from ui import views

    views.register(views.ViewSpec(
        key="unanswered", factory=UnansweredView, go_key="u", icon="view-unanswered",
        title=lambda: QCoreApplication.translate("views", "Unanswered"),
    ))

The main window builds each registered view lazily, puts it in its ``QStackedWidget``, gives it the
community scope, refreshes it after every sync (only when visible) and shows what it selects in the
reading pane. A view reports through signals: ``selected`` (a :class:`TopicRef` or another ref
the reading pane understands), ``opened`` (Enter), ``count_changed`` (the sidebar badge) and
``message`` (the status bar).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from ui.tasks import TaskManager


@dataclasses.dataclass(frozen=True, slots=True)
class TopicRef:
    """One topic of one community: what the reading pane opens."""

    community_id: int
    topic_id: str


@dataclasses.dataclass(frozen=True, slots=True)
class MemberRef:
    """One member of one community: what the member card shows and "remind me" (m) acts on."""

    community_id: int
    member_id: str
    username: str
    # From the Silent members view: why they are listed and what to do (shown on the card). Not part
    # of the identity: the same member reached from a reminder is the same ref.
    segment: str = dataclasses.field(default="", compare=False)
    next_step: str = dataclasses.field(default="", compare=False)


@dataclasses.dataclass(frozen=True, slots=True)
class ReviewRef:
    """One item of one community's moderation queue: the reading pane shows it in context."""

    community_id: int
    reviewable_id: str


@dataclasses.dataclass(frozen=True, slots=True)
class ViewSpec:
    key: str
    title: Callable[[], str]  # translated at call time, so a language switch needs no restart
    factory: Callable[[AppContext, QWidget | None], View] | None  # None: announced, not built yet
    go_key: str = ""  # the letter after "g" (g u -> Unanswered)
    icon: str = ""  # a line icon in resources/icons
    in_sidebar: bool = True


class View(QWidget):
    """Base class of the middle pane's views. Override what applies; the defaults do nothing."""

    selected = Signal(object)  # a TopicRef (or another ref), or None when nothing is selected
    opened = Signal(object)  # Enter or double-click: read it (the reading pane takes the focus)
    count_changed = Signal(int)  # the number the sidebar badge shows
    message = Signal(str)  # a transient status-bar message

    view_key = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.community_ids: list[int] | None = None  # None: every community
        # The window's TaskManager, set by the main window right after construction: heavy reads
        # go through it (``tasks.run(job, on_done=...)``); None (a view alone in a test) = inline.
        self.tasks: TaskManager | None = None
        self._dirty = True

    # The main window calls these.
    def set_scope(self, community_ids: list[int] | None) -> None:
        """Show only these communities (None: all). Refreshes now if visible, else when shown."""
        if community_ids != self.community_ids:
            self.community_ids = community_ids
            self.request_refresh()

    def request_refresh(self) -> None:
        """New data in the store: refresh now if the user sees the view, else on the next show."""
        self._dirty = True
        if self.isVisible():
            self._dirty = False
            self.refresh()

    def refresh(self) -> None:
        """Re-read the store. Must stay fast (a list of thousands of rows in ~50 ms)."""

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        if self._dirty:
            self._dirty = False
            self.refresh()

    def busy(self) -> bool:
        """A job is still computing what the view shows (screenshots and tests wait for it)."""
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """A view closed on its own (a test's, a detached one): its timers stop reading the store."""
        for timer in self.findChildren(QTimer):
            timer.stop()
        super().closeEvent(event)

    def focus_filter(self) -> None:
        """``/``: put the cursor in the view's filter box."""

    def move_selection(self, delta: int) -> None:
        """``j`` / ``k``: select the next (+1) or previous (-1) row."""

    def pane_ref(self) -> object | None:
        """What the reading pane shows for the selected row (by default the same as ``current``)."""
        return self.current()

    def current(self) -> object | None:
        """The selected ref, for actions such as "Open in browser"."""
        return None

    def badge_tip(self, count: int) -> str:
        """What the sidebar badge's number counts, in words (its tooltip; a screen reader says it)."""
        return QCoreApplication.translate("views", "%n listed", "", count)

    def focus_list(self) -> None:
        """Give the keyboard to the view's list (after ``g`` + a letter): never to a text field.

        While the list is not on screen (an empty state, rows still being read) the view itself
        holds the focus, so the window's keys work and no letter lands in the filter box."""
        table = getattr(self, "table", None)
        if isinstance(table, QWidget) and table.isVisible():
            table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def row_commands(self) -> dict[str, Callable[[], object]]:
        """The row actions this view answers, by name (see ``ROW_COMMANDS``): the window's e, s, z, n
        keys call them wherever the focus is (except in a text field), on this view's selection."""
        return {}

    def selection_hint(self) -> tuple[str, str]:
        """What the reading pane says while nothing is selected here (title, text): the view's own
        words, so a list of members never asks for a topic."""
        return (
            QCoreApplication.translate("View", "Nothing selected"),
            QCoreApplication.translate("View", "Select a topic in the list to read it here (j / k)."),
        )


#: The window-wide row actions a view may answer (``View.row_commands``).
ROW_DONE = "done"  # e: mark handled / done
ROW_SNOOZE = "snooze"  # s: snooze (a menu of picks)
ROW_UNDO = "undo"  # z, Ctrl+Z: undo the last of these
ROW_COMMANDS = (ROW_DONE, ROW_SNOOZE, ROW_UNDO)  # n is the window's New topic (it asks new_item() first)


class TableNavigation:
    """j/k, / and Enter for a view that is a filter box over a table (``filter``, ``table``, ``proxy``).

    Put it before ``View`` in the bases (``class MyView(TableNavigation, View)``); override
    ``primary_column`` when the row's first column is not the one to land on.
    """

    filter: QLineEdit
    table: QTableView
    proxy: QAbstractItemModel

    def primary_column(self) -> int:
        return 0

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def focus_list(self) -> None:
        if not self.table.isVisible():
            View.focus_list(self)  # type: ignore[arg-type]  # the view holds it until rows show
            return
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid():
            self.move_selection(1)

    def move_selection(self, delta: int) -> None:
        count = self.proxy.rowCount()
        if count == 0:
            return
        current = self.table.currentIndex()
        row = (current.row() + delta) if current.isValid() else (0 if delta > 0 else count - 1)
        self.select_proxy_row(max(0, min(count - 1, row)))

    def select_proxy_row(self, row: int) -> None:
        index = self.proxy.index(row, self.primary_column())
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)


_registry: dict[str, ViewSpec] = {}


def register(spec: ViewSpec) -> None:
    """Add or replace a view (replacing lets a real view take over an announced placeholder)."""
    _registry[spec.key] = spec


def registered() -> list[ViewSpec]:
    return list(_registry.values())


def spec(key: str) -> ViewSpec | None:
    return _registry.get(key)


def register_builtin_views() -> None:
    """The Topics view, plus the views announced by UX.md that other issues will build."""
    from ui.topic_view import TopicListView

    translate = QCoreApplication.translate
    if "topics" not in _registry:
        register(
            ViewSpec(
                "topics",
                lambda: translate("views", "Topics"),
                TopicListView,
                icon="view-topics",
                in_sidebar=False,
            )
        )
    announced = [
        ("unanswered", lambda: translate("views", "Unanswered"), "u", "view-unanswered"),
        ("silent", lambda: translate("views", "Silent members"), "s", "view-silent"),
        ("trending", lambda: translate("views", "Trending ideas"), "t", "view-trending"),
        ("drafts", lambda: translate("views", "Drafts"), "d", "view-drafts"),
        ("reminders", lambda: translate("views", "Reminders"), "r", "view-reminders"),
        ("outbox", lambda: translate("views", "Outbox"), "o", "view-outbox"),
    ]
    for key, title, go_key, icon in announced:
        if key not in _registry:
            register(ViewSpec(key, title, None, go_key=go_key, icon=icon))
