"""The animator's three views (Unanswered, Silent members, Trending ideas): registration and what they share.

``install_insight_views()`` puts the three real views in the registry in place of the placeholders
``views.register_builtin_views`` announces; the window builds them like any other view.

``InsightView`` is their common base, the Topics view's patterns made reusable: a filter box that
searches as you type (``/``), a community chooser (All communities + each), a table with fixed row
heights over an ``InsightModel`` and its proxy, an empty state that says why and what to do, and
``refresh`` computed in a ``TaskManager`` job (a view over 200k posts takes ~200 ms: never on the GUI
thread). A result overtaken by a newer refresh is dropped, so a late job never overwrites fresher rows.

Why the community chooser filters rows in the proxy instead of re-querying: switching is instant,
and the sidebar badge keeps counting every community in scope.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from moderator.clock import Clock, SystemClock, local_zone
from moderator.insights.base import INSIGHTS_CONTEXT
from ui import views
from ui.column_fit import TitleFirst
from ui.empty_state import EmptyState
from ui.filter_edit import FilterEdit
from ui.insight_models import REF_ROLE, InsightModel, InsightProxy, Prepared
from ui.tasks import LatestJob
from ui.views import TableNavigation, View

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from moderator.model import Community
    from ui.tasks import TaskContext

log = logging.getLogger(__name__)

DEBOUNCE_FROM_ROWS = 10_000  # below this, filtering a keystroke takes a few ms: no delay at all

translate = QCoreApplication.translate


def translate_insight(text: str) -> str:
    """The ``tr`` of the core's insight views: their explanations' templates, context "insights".

    QCoreApplication.translate is thread-safe: the views' background jobs call it.
    """
    return QCoreApplication.translate(INSIGHTS_CONTEXT, text)


def install_insight_views() -> None:
    """Register the three views (go keys u, s, t), replacing the placeholders. Call once, before the
    main window is built."""
    from ui.silent_view import SilentMembersView
    from ui.trending_view import TrendingIdeasView
    from ui.unanswered_view import UnansweredView

    for key, title, factory, go_key in (
        ("unanswered", lambda: translate("views", "Unanswered"), UnansweredView, "u"),
        ("silent", lambda: translate("views", "Silent members"), SilentMembersView, "s"),
        ("trending", lambda: translate("views", "Trending ideas"), TrendingIdeasView, "t"),
    ):
        views.register(views.ViewSpec(key, title, factory, go_key=go_key, icon=f"view-{key}"))


# -- shared widgets --------------------------------------------------------------------------------


def make_table(parent: QWidget, model: Any, name: str, accessible: str) -> QTableView:
    """A list the way every view shows one: whole rows, fixed heights, no grid, sortable headers."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setTabKeyNavigation(False)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the core's order
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # fixed heights: no per-row measuring
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 14)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsMovable(True)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    table.setStyleSheet(f"QTableView#{name}::item {{ padding: 0 6px; }}")
    return table


def size_columns(
    table: QTableView, widths: dict[int, int], *, stretch: Iterable[int] = (), hidden: Iterable[int] = ()
) -> None:
    """Give columns their width, never narrower than their header in the current language.

    ``stretch`` columns share the room left (the last column always does); ``hidden`` ones start
    hidden, one right-click on the header away: the middle pane is narrow, the words matter most.
    """
    header = table.horizontalHeader()
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    for column in hidden:
        header.setSectionHidden(column, True)
    metrics = header.fontMetrics()
    model = table.model()
    for column, width in widths.items():
        label = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        header.resizeSection(column, max(width, metrics.horizontalAdvance(label) + 30))


# -- the base view ---------------------------------------------------------------------------------


class InsightView(TableNavigation, View):
    """Base of the three views. A subclass gives its model, its job and its words; see the module doc."""

    refreshed = Signal()  # the rows on screen are the store's (tests, screenshots)
    went_stale = Signal()  # hidden, the store changed: call refresh_if_stale when the app is idle

    #: the object name and accessible name of the table, set by subclasses
    TABLE_NAME = "insights"

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
        self.model = self.make_model()
        self.proxy = InsightProxy(self)
        self.proxy.setSourceModel(self.model)
        self.community_choice: int | None = None  # the chooser's community; None: all in scope
        self.loading = False  # a refresh job is on its way
        self.last_error = ""
        self._generation = 0
        self.jobs = LatestJob()  # one refresh job at a time; a newer request cancels the older
        self._select_after_refresh: object | None = None
        self.columns: TitleFirst | None = None  # a view whose title must stay readable sets one

        self.filter = FilterEdit(self)
        self.filter.setPlaceholderText(self.filter_placeholder())
        self.filter.setAccessibleName(self.filter_placeholder().replace("  /", ""))
        self.filter.textChanged.connect(self._on_filter_changed)
        self._filter_timer = QTimer(self)  # a long list filters after a pause in the typing
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self._apply_filter_text)
        self.community_box = QComboBox(self)
        self.community_box.setObjectName("communityChooser")
        self.community_box.setAccessibleName(self.tr("Community"))
        self.community_box.setToolTip(self.tr("Show one community, or all of them"))
        # Long community names are cut in the closed box (the list shows them whole): a narrow pane
        # keeps its room for the filter and the rows.
        self.community_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.community_box.setMinimumContentsLength(10)
        self.community_box.activated.connect(self._on_community_chosen)

        self.toolbar = QWidget(self)
        self.toolbar.setObjectName("insightToolbar")
        self.toolbar_layout = QHBoxLayout(self.toolbar)
        self.toolbar_layout.setContentsMargins(0, 0, 8, 0)
        self.toolbar_layout.setSpacing(6)
        self.toolbar_layout.addWidget(self.filter, 1)
        self.toolbar_layout.addWidget(self.community_box)

        self.table = make_table(self, self.proxy, self.TABLE_NAME, self.table_name())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.activated.connect(self._on_activated)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.empty = EmptyState(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)

        self._ticker = QTimer(self)  # "3 h" waiting becomes "4 h" while the window stays open
        self._ticker.setInterval(60_000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()

    def stack(self, *widgets: QWidget, stretch_last: bool = True) -> QVBoxLayout:
        """Lay the view out top to bottom: the toolbar, then ``widgets`` (the last one stretches)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        for n, widget in enumerate(widgets):
            layout.addWidget(widget, 1 if stretch_last and n == len(widgets) - 1 else 0)
        return layout

    # -- what subclasses provide ---------------------------------------------------------------

    def make_model(self) -> InsightModel:
        raise NotImplementedError

    def filter_placeholder(self) -> str:
        return self.tr("Filter  /")

    def table_name(self) -> str:
        return self.tr("List")

    def make_job(
        self, community_ids: list[int] | None, now: dt.datetime
    ) -> Callable[[TaskContext | None], Any]:
        """A Qt-free callable computing the payload in a worker (it must not touch a widget)."""
        raise NotImplementedError

    def rows_of(self, payload: Any) -> list[Any]:
        return list(payload)

    def after_load(self, payload: Any) -> None:
        """The payload is on screen: update what else the view shows (chart, definition...)."""

    def empty_words(self) -> tuple[str, str]:
        """(title, what to do) when there is nothing at all to list."""
        return self.tr("Nothing here"), ""

    def accepts(self, row: Any) -> bool:
        """The view's own filter besides the words and the community (a segment, a term)."""
        return True

    def own_filter_active(self) -> bool:
        """Whether ``accepts`` may refuse a row now (a view that overrides it says when)."""
        return False

    # -- View API ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute in a job (inline without a TaskManager, as in a bare test); keep the selection."""
        self._generation += 1
        generation = self._generation
        self._reload_communities()
        now = self.clock.now()
        compute = self.make_job(self.community_ids, now)
        prepare = self.model.preparer()  # sorted and diffed in the job: only the swap is left here

        def job(task: TaskContext | None) -> tuple[Any, Prepared]:
            payload = compute(task)
            return payload, prepare(self.rows_of(payload))

        if self.tasks is None:
            self._apply(generation, job(None), now)
            return
        if self.tasks.closed:
            return  # quitting: the store is closing
        self.loading = True
        self.update_empty_state()  # the first time: "Reading the local copy…", not a blank table
        self.jobs.run(
            self.tasks,
            job,
            on_done=lambda payload: self._apply(generation, payload, now),
            on_error=lambda exc: self._failed(generation, exc),
            label=self.view_key or self.TABLE_NAME,
        )

    def request_refresh(self) -> None:
        """New data in the store. Visible: recompute now (in a job). Hidden: the sidebar badge counts
        what the view would list, so it must be recomputed without a visit, but not while the user
        waits for something else: the view says it went stale and the window calls
        ``refresh_if_stale`` when the app is idle (no sync running, one hidden view at a time)."""
        if self.isVisible() or self.tasks is None:
            super().request_refresh()
        else:
            self._dirty = True
            self.went_stale.emit()

    def refresh_if_stale(self) -> bool:
        """Recompute a hidden view whose data changed (for its badge); False if there was nothing to do."""
        if not self._dirty or self.isVisible():
            return False
        self._dirty = False
        self.refresh()
        return True

    def busy(self) -> bool:
        """A job is still computing what the view shows (screenshots and tests wait for it)."""
        return self.loading

    def current(self) -> object | None:
        index = self.table.currentIndex()
        return index.data(REF_ROLE) if index.isValid() else None

    def current_row(self) -> Any | None:
        """The core row under the cursor (an ``UnansweredRow``, a ``SilentMemberRow``...)."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_object(self.proxy.mapToSource(index).row())

    def select(self, ref: object) -> bool:
        """Select a row by its ref (screenshots, tests, after an undo). False if it is not listed."""
        row = self.model.row_of(ref)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.select_proxy_row(index.row())
        return True

    def badge_count(self) -> int:
        """The number on the sidebar badge: every row, unless a view says what deserves attention."""
        return len(self.model.rows)

    def choose_community(self, community_id: int | None) -> None:
        """Show one community's rows (None: every community in scope)."""
        self.community_choice = community_id
        position = self.community_box.findData(community_id if community_id is not None else -1)
        if position >= 0:
            self.community_box.setCurrentIndex(position)
        self._hide_community_column()
        self.apply_filters()
        self.on_community_changed()

    def on_community_changed(self) -> None:
        """The chooser changed (subclasses redraw what depends on it)."""

    def visible_rows(self) -> list[Any]:
        """The core rows the user sees, in the order shown (what an export writes)."""
        self.model.fetch_all()
        return [
            self.model.row_object(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            for r in range(self.proxy.rowCount())
        ]

    def communities(self) -> list[Community]:
        """The communities of the store in the window's scope."""
        wanted = None if self.community_ids is None else set(self.community_ids)
        return [c for c in self.ctx.store.communities() if wanted is None or c.id in wanted]

    # -- internals -----------------------------------------------------------------------------

    def _apply(self, generation: int, result: tuple[Any, Prepared], now: dt.datetime) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        payload, prepared = result
        self.loading = False
        self.last_error = ""
        keep = self._select_after_refresh or self.current()
        self._select_after_refresh = None
        self.model.apply_prepared(prepared, now)
        self.after_load(payload)
        if keep is not None:
            self.select(keep)
        self.count_changed.emit(self.badge_count())
        self.update_empty_state()
        self.refreshed.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.loading = False
        log.error("%s view could not be computed", self.view_key, exc_info=exc)
        self.last_error = str(exc) or type(exc).__name__
        self.message.emit(
            self.tr("This list could not be read from the local copy (%1). Press F5 to try again.").replace(
                "%1", self.last_error
            )
        )
        self.update_empty_state()
        self.refreshed.emit()

    def _reload_communities(self) -> None:
        """Fill the chooser with All communities + each one in scope, keeping the choice."""
        communities = self.communities()
        if self.community_choice is not None and self.community_choice not in {c.id for c in communities}:
            self.community_choice = None
        box = self.community_box
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("All communities"), -1)
        for community in communities:
            box.addItem(community.title or community.name, community.id)
        box.setCurrentIndex(
            max(0, box.findData(self.community_choice if self.community_choice is not None else -1))
        )
        box.blockSignals(False)
        box.setVisible(len(communities) > 1)
        self._hide_community_column()

    def _hide_community_column(self) -> None:
        """One community in sight: its name on every row says nothing."""
        column = self.model.COMMUNITY_COLUMN
        if column is not None:
            self.set_column_wanted(column, self.community_box.count() > 2 and self.community_choice is None)

    def set_column_wanted(self, column: int, visible: bool) -> None:
        """Show or hide a column by choice (the width may still hide it, see ``ui.column_fit``)."""
        if self.columns is not None:
            self.columns.set_wanted(column, visible)
        else:
            self.table.setColumnHidden(column, not visible)

    def apply_filters(self) -> None:
        """The community or the view's own test changed: filter again, then the empty state."""
        active = self.community_choice is not None or self.own_filter_active()
        self.proxy.set_predicate(self._accept_row if active else None)  # None: no Python call per row
        self.update_empty_state()

    def _accept_row(self, row: Any) -> bool:
        choice = self.community_choice
        return (choice is None or row.community_id == choice) and self.accepts(row)

    def update_empty_state(self) -> None:
        if self.proxy.rowCount() > 0:
            self.pages.setCurrentWidget(self.table)
            if self.hasFocus():  # the view held the keyboard while its rows were being read
                self.focus_list()
            return
        query = self.filter.text().strip()
        if self.last_error:
            self.empty.set_text(
                self.tr("This list could not be computed"),
                self.tr("%1. Press F5 to sync and try again; details are in the log.").replace(
                    "%1", self.last_error
                ),
            )
        elif self.loading and self.model.rowCount() == 0:
            self.empty.set_text(self.tr("Reading the local copy…"), "")
        elif self.model.rowCount() > 0 and query:
            self.empty.set_text(
                self.tr("Nothing matches “%1”").replace("%1", query),
                self.tr("Check the spelling, or press Esc to clear the filter."),
            )
        elif self.model.rowCount() > 0:
            self.empty.set_text(*self.filtered_empty_words())
        else:
            self.empty.set_text(*self.empty_words())
        self.pages.setCurrentWidget(self.empty)

    def filtered_empty_words(self) -> tuple[str, str]:
        """Rows exist, but the community chooser (or the view's own filter) hides them all."""
        name = self.community_box.currentText()
        return (
            self.tr("Nothing in %1").replace("%1", name),
            self.tr("Choose All communities to see the others."),
        )

    @Slot()
    def _tick(self) -> None:
        self.model.tick()

    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        """Filter as you type; a list of many thousand rows (each tested in Python) waits for a pause."""
        if len(self.model.rows) < DEBOUNCE_FROM_ROWS:
            self._apply_filter_text()
        else:
            self._filter_timer.start()

    @Slot()
    def _apply_filter_text(self) -> None:
        self._filter_timer.stop()
        self.proxy.set_query(self.filter.text())
        self.update_empty_state()

    @Slot(int)
    def _on_community_chosen(self, position: int) -> None:
        data = self.community_box.itemData(position)
        self.choose_community(None if data in (None, -1) else int(data))

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.selected.emit(current.data(REF_ROLE) if current.isValid() else None)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        ref = index.data(REF_ROLE)
        if ref is not None:
            self.opened.emit(ref)

    @Slot(QPoint)
    def _column_menu(self, position: QPoint) -> None:
        """Right-click on the header: choose the columns (the first data column always stays)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in range(self.model.columnCount()):
            if column == self.primary_column():
                continue
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            wanted = self.columns.is_wanted(column) if self.columns else not header.isSectionHidden(column)
            action.setChecked(wanted)
            action.toggled.connect(lambda on, c=column: self.set_column_wanted(c, on))
        menu.popup(header.mapToGlobal(position))
