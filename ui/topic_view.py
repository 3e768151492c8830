"""The Topics view: a filter box over a table of topics (the middle pane of "All communities")."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.column_fit import TitleFirst
from ui.empty_state import EmptyState
from ui.filter_edit import FilterEdit
from ui.lazy_rows import RowPlan, plan_rows
from ui.tasks import LatestJob
from ui.topic_model import (
    REF_ROLE,
    Column,
    TopicFilterProxy,
    TopicTableModel,
    keys_of,
    prepare_rows,
    sort_prepared,
)
from ui.views import TableNavigation, TopicRef, View

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext

log = logging.getLogger(__name__)

# A refresh's result: rows in the table's order, that order, and the in-place plan (None: reset).
Prepared = tuple[list[tuple[object, ...]], tuple[int, Qt.SortOrder], RowPlan | None]

FIRST_SCREEN = 300  # topics shown first when the list is empty, before all of them

_WIDTHS = {
    Column.COMMUNITY: 96,
    Column.CATEGORY: 104,
    Column.AUTHOR: 92,
    Column.REPLIES: 58,
    Column.VIEWS: 56,
    Column.LIKES: 46,
    Column.ACTIVITY: 92,
}
_DEBOUNCE_FROM_ROWS = 10_000  # below this, filtering a keystroke takes a few ms: no delay at all


class TopicListView(TableNavigation, View):
    view_key = "topics"
    refreshed = Signal()  # the rows on screen are the store's (tests, screenshots)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = TopicTableModel(self)
        self.proxy = TopicFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.last_refresh_ms = 0.0
        self._generation = 0
        self.jobs = LatestJob()  # one refresh job at a time; a newer request cancels the older

        self.filter = FilterEdit(self)
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText(self.tr("Filter topics  /"))
        self.filter.setAccessibleName(self.tr("Filter topics"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter_changed)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self._apply_filter)

        self.table = self._make_table()
        # Narrow pane (150 %, a laptop): details give way before the title shrinks below reading.
        self.columns = TitleFirst(
            self.table,
            Column.TITLE,
            [Column.VIEWS, Column.LIKES, Column.CATEGORY, Column.REPLIES, Column.AUTHOR, Column.COMMUNITY],
        )
        self.empty = EmptyState(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter)
        layout.addWidget(self.pages, 1)

        self._clock = QTimer(self)  # "3 h ago" ages while the window is open
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self.model.tick)
        self._clock.start()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("topics")
        table.setAccessibleName(self.tr("Topics"))
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setTabKeyNavigation(False)
        vertical = table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # fixed heights: no per-row measuring
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 14)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        metrics = header.fontMetrics()
        for column, width in _WIDTHS.items():  # wide enough for the header in any language
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(width, metrics.horizontalAdvance(label) + 28))
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for detail in (Column.VIEWS, Column.LIKES):
            header.setSectionHidden(detail, True)  # details: off by default, one right-click away
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        table.setSortingEnabled(True)
        header.setSortIndicator(Column.ACTIVITY, Qt.SortOrder.DescendingOrder)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        table.activated.connect(self._on_activated)
        return table

    # -- View API --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the store, keeping the selected topic selected.

        With a TaskManager (the main window gives one) the query and the row preparation run in a
        job and only the swap happens here; a result overtaken by a newer refresh is dropped.
        """
        self._generation += 1
        generation = self._generation
        store, scope = self.ctx.store, self.community_ids
        started = time.perf_counter()
        order = self.model.sort_order()
        old_rows, old_keys, version = self.model.snapshot()

        def job(_task: object, limit: int | None = None) -> Prepared:
            if limit is not None:
                rows = prepare_rows(_first_screen(limit))
            else:  # a community at a time: its store rows are dropped before the next are read
                names: dict[str, str] = {}
                rows = [r for cid in _ids() for r in prepare_rows(store.topic_rows([cid]), names)]
            sort_prepared(rows, *order)  # off the GUI thread: only the swap happens there
            keys = keys_of(rows)
            plan = None if limit is not None else plan_rows(old_rows, old_keys, rows, keys, version)
            return rows, order, plan

        def _ids() -> list[int]:
            if scope is not None:
                return list(scope)
            return [c.id for c in store.communities() if c.id is not None]

        def _first_screen(limit: int) -> list[Any]:
            """The ``limit`` most recent topics, read community by community: each read walks its
            community's (community, bumped_at) index, where one read across communities sorted
            every topic of the store (0.45 s at 100k topics, before the first list could show)."""
            rows = [r for cid in _ids() for r in store.topic_rows([cid], limit=limit)]
            rows.sort(key=lambda r: r["bumped_at"] or 0, reverse=True)
            return rows[:limit]

        if self.tasks is None:
            self._apply(generation, job(None), started)
            return
        if self.tasks.closed:
            return  # quitting: the store is closing

        def run_all() -> None:
            assert self.tasks is not None
            self.jobs.run(
                self.tasks,
                job,
                on_done=lambda prepared: self._apply(generation, prepared, started),
                label="topics",
            )

        if self.model.rowCount() == 0 and order == (Column.ACTIVITY, Qt.SortOrder.DescendingOrder):
            # An empty list (the app just started): the most recent topics first, in a moment,
            # then all of them (a large store takes seconds to read in full).
            def first_screen(prepared: Prepared) -> None:
                if generation != self._generation:
                    return
                if len(prepared[0]) < FIRST_SCREEN:  # that was every topic: done
                    self._apply(generation, prepared, started)
                    return
                self.model.load_prepared(prepared[0], sorted_by=prepared[1])
                self._hide_single_community()
                self._update_empty_state()
                run_all()

            self.jobs.run(
                self.tasks,
                lambda task: job(task, FIRST_SCREEN),
                on_done=first_screen,
                label="topics, first screen",
            )
            return
        run_all()

    def _apply(
        self,
        generation: int,
        prepared: Prepared,
        started: float,
    ) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        swap_started = time.perf_counter()
        keep = self.current()
        rows, order, plan = prepared
        self.model.load_prepared(rows, sorted_by=order, plan=plan)
        self._hide_single_community()
        if keep is not None:
            self._select_ref(keep)
        now = time.perf_counter()
        self.last_refresh_ms = (now - swap_started) * 1000  # time the GUI thread was busy
        log.debug(
            "Topics: %d rows, %.1f ms in all, %.1f ms on the GUI thread",
            len(rows),
            (now - started) * 1000,
            self.last_refresh_ms,
        )
        self.count_changed.emit(len(rows))
        self._update_empty_state()
        self.refreshed.emit()

    def busy(self) -> bool:
        return self.jobs.busy

    def _hide_single_community(self) -> None:
        """One community in sight: its name on every row says nothing."""
        single = self.model.community_count() <= 1 or (
            self.community_ids is not None and len(self.community_ids) == 1
        )
        self.columns.set_wanted(Column.COMMUNITY, not single)

    def primary_column(self) -> int:
        return int(Column.TITLE)

    def current(self) -> TopicRef | None:
        index = self.table.currentIndex()
        ref = index.data(REF_ROLE) if index.isValid() else None
        return ref if isinstance(ref, TopicRef) else None

    def select(self, ref: TopicRef) -> bool:
        """Select a topic (screenshots, links between views). False if it is not in the list."""
        return self._select_ref(ref)

    # -- internals -------------------------------------------------------------------------

    def _select_ref(self, ref: TopicRef) -> bool:
        row = self.model.row_of(ref)
        if row < 0:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not proxy_index.isValid():
            return False
        self.select_proxy_row(proxy_index.row())
        return True

    @Slot(QPoint)
    def _column_menu(self, position: QPoint) -> None:
        """Right-click on the header: choose the columns (the title always stays)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in Column:
            if column == Column.TITLE:
                continue
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(self.columns.is_wanted(column))
            action.toggled.connect(lambda on, c=column: self.columns.set_wanted(c, on))
        menu.popup(header.mapToGlobal(position))

    @Slot(str)
    def _on_filter_changed(self, _text: str) -> None:
        """Filter as you type; on very big lists wait for a pause in the typing first."""
        if self.model.rowCount() < _DEBOUNCE_FROM_ROWS:
            self._apply_filter()
        else:
            self._filter_timer.start()

    @Slot()
    def _apply_filter(self) -> None:
        self.proxy.set_query(self.filter.text())
        self._update_empty_state()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ref = current.data(REF_ROLE) if current.isValid() else None
        self.selected.emit(ref)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        ref = index.data(REF_ROLE)
        if isinstance(ref, TopicRef):
            self.opened.emit(ref)

    def _update_empty_state(self) -> None:
        if self.proxy.rowCount() > 0:
            self.pages.setCurrentWidget(self.table)
            return
        if self.model.rowCount() > 0:
            query = self.filter.text().strip()
            self.empty.set_text(
                self.tr("No topic matches “%1”").replace("%1", query),
                self.tr("Check the spelling, or press Esc to clear the filter."),
            )
        else:
            self.empty.set_text(
                self.tr("No topics here yet"),
                self.tr("Topics appear after the community is synced. Press F5 to sync now."),
            )
        self.pages.setCurrentWidget(self.empty)
