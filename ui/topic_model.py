"""The Topics list: a table model over ``Store.topic_rows`` and the proxy that filters it as you type.

Rows are copied once per refresh into plain tuples (no ``sqlite3.Row`` lookups while painting) and
formatted lazily in ``data()``. Sorting happens here, in Python, on raw values, instead of in
``QSortFilterProxyModel``, whose C++ sort would call back into Python for every comparison: the
proxy only filters and forwards ``sort`` to us (Anki's browser sorts in its model for the same reason).
"""

from __future__ import annotations

import datetime as dt
import enum
import sqlite3
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QFont

from moderator.model import UTC
from ui import theme, timefmt
from ui.lazy_rows import LazyRows, RowPlan
from ui.views import TopicRef

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts by
REF_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's TopicRef
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # the lower-cased words the filter box searches


class Column(enum.IntEnum):
    COMMUNITY = 0
    CATEGORY = 1
    TITLE = 2
    AUTHOR = 3
    REPLIES = 4
    VIEWS = 5
    LIKES = 6
    ACTIVITY = 7


# Positions in a row tuple (see ``_row``).
_CID, _TID, _COMMUNITY, _CATEGORY, _TITLE, _AUTHOR, _REPLIES, _VIEWS, _LIKES, _BUMPED, _CREATED = range(11)
_CLOSED, _PINNED, _EXCERPT, _SEARCH = range(11, 15)

_SORT_FIELD = {
    Column.COMMUNITY: _COMMUNITY,
    Column.CATEGORY: _CATEGORY,
    Column.TITLE: _TITLE,
    Column.AUTHOR: _AUTHOR,
    Column.REPLIES: _REPLIES,
    Column.VIEWS: _VIEWS,
    Column.LIKES: _LIKES,
    Column.ACTIVITY: _BUMPED,
}
_NUMERIC = {Column.REPLIES, Column.VIEWS, Column.LIKES}


def _row(r: sqlite3.Row, shared: dict[str, str]) -> tuple[Any, ...]:
    # Names repeat on thousands of rows (the store returns a new string each time): one copy each.
    community = r["community_name"] or ""
    community = shared.setdefault(community, community)
    category = r["category_name"] or ""
    category = shared.setdefault(category, category)
    author = r["author_username"] or ""
    author = shared.setdefault(author, author)
    title = r["title"] or ""
    return (
        r["community_id"],
        r["id"],
        community,
        category,
        title,
        author,
        r["reply_count"] or 0,
        r["views"] or 0,
        r["like_count"] or 0,
        r["bumped_at"] or r["last_posted_at"] or r["created_at"] or 0,
        r["created_at"] or 0,
        bool(r["closed"] or r["archived"]),
        bool(r["pinned"]),
        r["excerpt"] or "",
        f"{title}\n{category}\n{author}\n{community}".casefold(),
    )


def prepare_rows(rows: Sequence[sqlite3.Row], shared: dict[str, str] | None = None) -> list[tuple[Any, ...]]:
    """Store rows to the model's plain tuples. Qt-free and thread-safe: run it in a job.

    ``shared``: names already seen (pass the same dict for several batches of one list)."""
    names: dict[str, str] = {} if shared is None else shared
    return [_row(r, names) for r in rows]


def _when(ts: int) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(ts, UTC) if ts else None


def keys_of(rows: Sequence[tuple[Any, ...]]) -> list[tuple[int, int]]:
    """Each row's identity (community, topic), for ``ui.lazy_rows`` (thread-safe)."""
    return [(r[_CID], r[_TID]) for r in rows]


class TopicTableModel(LazyRows, QAbstractTableModel):
    """Topics of the store, one row each; ``load(rows)`` replaces them all, ``load_prepared`` with a
    plan from the job updates them in place (see ``ui.lazy_rows``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.init_lazy()
        self._now = dt.datetime.now(UTC)
        self._sort: tuple[int, Qt.SortOrder] = (Column.ACTIVITY, Qt.SortOrder.DescendingOrder)
        self._bold = QFont()
        self._bold.setWeight(QFont.Weight.DemiBold)

    # -- loading -------------------------------------------------------------------------------

    def load(self, rows: Sequence[sqlite3.Row], now: dt.datetime | None = None) -> None:
        """Replace every row (on the GUI thread: for big lists prefer ``prepare_rows`` in a job)."""
        self.load_prepared(prepare_rows(rows), now)

    def load_prepared(
        self,
        rows: list[tuple[Any, ...]],
        now: dt.datetime | None = None,
        *,
        sorted_by: tuple[int, Qt.SortOrder] | None = None,
        plan: RowPlan | None = None,
    ) -> None:
        """Show rows ``prepare_rows`` built (possibly in a worker thread).

        ``sorted_by``: the order the rows come in already (``sort_prepared`` in the job, off the
        GUI thread); they are sorted here only if the table's order is another one by now.
        ``plan``: the difference from the rows shown (``plan_rows`` in the job): applied in place,
        keeping the selection and the scroll position, when it still fits."""
        self._now = now or dt.datetime.now(UTC)
        if sorted_by != self._sort:
            rows = list(rows)
            sort_prepared(rows, *self._sort)
            plan = None
        if not self.apply_plan(plan):
            self.replace_rows(rows, plan.keys if plan is not None else keys_of(rows))

    def sort_order(self) -> tuple[int, Qt.SortOrder]:
        """The table's order (column, direction), for ``sort_prepared`` in a job."""
        return self._sort

    def community_count(self) -> int:
        return len({r[_CID] for r in self.rows})

    @Slot()
    def tick(self) -> None:
        """Time passed: "3 h ago" becomes "4 h ago" (repaints one column, no reload)."""
        self._now = dt.datetime.now(UTC)
        if self.shown:
            self.dataChanged.emit(self.index(0, Column.ACTIVITY), self.index(self.shown - 1, Column.ACTIVITY))

    def ref(self, row: int) -> TopicRef:
        r = self.rows[row]
        return TopicRef(r[_CID], r[_TID])

    def row_of(self, ref: TopicRef) -> int:
        return self.row_of_key((ref.community_id, ref.topic_id))

    def haystack(self, row: int) -> str:
        """Lower-cased words the filter box searches (title, category, author, community)."""
        return str(self.rows[row][_SEARCH])

    # -- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(Column(section))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(Column(section))
        return None

    def _header(self, column: Column) -> str:
        return {
            Column.COMMUNITY: self.tr("Community"),
            Column.CATEGORY: self.tr("Category"),
            Column.TITLE: self.tr("Title"),
            Column.AUTHOR: self.tr("Author"),
            Column.REPLIES: self.tr("Replies"),
            Column.VIEWS: self.tr("Views"),
            Column.LIKES: self.tr("Likes"),
            Column.ACTIVITY: self.tr("Last activity"),
        }[column]

    @staticmethod
    def _alignment(column: Column) -> int:
        horizontal = Qt.AlignmentFlag.AlignRight if column in _NUMERIC else Qt.AlignmentFlag.AlignLeft
        return int(horizontal | Qt.AlignmentFlag.AlignVCenter)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.ACTIVITY:
                return timefmt.ago(_when(r[_BUMPED]), self._now)
            value = r[_SORT_FIELD[Column(column)]]
            return str(value)
        if role == SORT_ROLE:
            return r[_SORT_FIELD[Column(column)]]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(r, column)
        if role == Qt.ItemDataRole.FontRole and column == Column.TITLE and r[_REPLIES] == 0:
            return self._bold  # unanswered: stands out like an unread mail
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(Column(column))
        if role == REF_ROLE:
            return TopicRef(r[_CID], r[_TID])
        if role == SEARCH_ROLE:
            return r[_SEARCH]
        return None

    def _tooltip(self, r: tuple[Any, ...], column: int) -> str | None:
        if column == Column.ACTIVITY:
            return self.tr("Last activity: %1").replace("%1", timefmt.exact(_when(r[_BUMPED])))
        if column == Column.TITLE:
            created = self.tr("Opened %1").replace("%1", timefmt.exact(_when(r[_CREATED])))
            return f"{r[_TITLE]}\n{created}" + (f"\n\n{r[_EXCERPT][:300]}" if r[_EXCERPT] else "")
        return None

    def _foreground(self, r: tuple[Any, ...], column: int) -> Any:
        if column == Column.ACTIVITY and r[_REPLIES] == 0 and r[_CREATED]:
            hours = (self._now.timestamp() - r[_CREATED]) / 3600
            return theme.waiting_colour(hours)  # how long the question has waited for an answer
        if r[_CLOSED] or column in (Column.COMMUNITY, Column.CATEGORY) or column in _NUMERIC:
            return theme.CALM
        return None

    # -- sorting ---------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort = (column, order)
        rows = list(self.rows)
        sort_prepared(rows, column, order)
        self.relayout(rows, keys_of(rows))


def sort_prepared(rows: list[tuple[Any, ...]], column: int, order: Qt.SortOrder) -> None:
    """Sort prepared rows in place by a column (thread-safe: no model involved)."""
    field = _SORT_FIELD[Column(column)]
    descending = order == Qt.SortOrder.DescendingOrder
    if isinstance(rows[0][field] if rows else 0, str):
        rows.sort(key=lambda r: r[field].casefold(), reverse=descending)
    else:
        rows.sort(key=lambda r: r[field], reverse=descending)


class TopicFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose words contain every word typed in the filter box (case-insensitive).

    The test is Qt's own (a regular expression on ``SEARCH_ROLE``, one look-ahead per word), not a
    Python ``filterAcceptsRow``: with no words typed, Qt then accepts the rows without asking Python
    about each (100k topics: a third of a second of the GUI thread's time per load)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(0)

    def set_query(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            model = self.sourceModel()
            if isinstance(model, TopicTableModel):
                model.fetch_all()  # the words are looked for in every row, not the first page only
            self._words = words
            pattern = "".join(f"(?=.*{QRegularExpression.escape(word)})" for word in words)
            self.setFilterRegularExpression(
                QRegularExpression(
                    f"^{pattern}" if words else "",
                    QRegularExpression.PatternOption.DotMatchesEverythingOption,
                )
            )

    def query_words(self) -> list[str]:
        return list(self._words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's job (fast, in Python); the proxy keeps its order."""
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)
