"""Table models of the animator's three views, over the rows ``moderator.insights`` returns.

One base model holds a list of frozen core rows (``UnansweredRow``, ``SilentMemberRow``...) and
formats them lazily in ``data()``; each subclass only says what its columns show and sort by.
Sorting happens here in Python on raw values (as ``ui.topic_model`` does, for the same reason: the
proxy's C++ sort would call back into Python for every comparison); the proxy only filters.

Severity is told three ways, so colour is never the only sign: a tinted row, a coloured wait, and a
marker whose *shape* differs (ring = calm, triangle = amber, diamond = red), with the words in the
tooltip and the accessible text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from moderator.insights import Segment, Severity, SilentMemberRow, TermRow, TrendingTopicRow, UnansweredRow
from moderator.model import UTC
from ui import theme, timefmt
from ui.lazy_rows import LazyRows, RowPlan, plan_rows
from ui.views import MemberRef, TopicRef

Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the core row behind a table row
REF_ROLE = Qt.ItemDataRole.UserRole + 2  # what the reading pane shows (TopicRef, MemberRef) or the term
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3  # what InsightProxy's expression tests: "1"/"0", then the words

_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("InsightModels", text, None, n)


def span_text(seconds: float) -> str:
    """A wait in the short words a list column has room for: "40 min", "5 h", "3 d", "2 mo"."""
    seconds = max(0.0, seconds)
    if seconds < 3600:
        return _tr("%n min", max(1, int(seconds // 60)))
    if seconds < 48 * 3600:
        return _tr("%n h", int(seconds // 3600))
    days = int(seconds // 86400)
    if days < 60:
        return _tr("%n d", days)
    return _tr("%n mo", days // 30)


def severity_words(severity: Severity) -> str:
    return {
        Severity.CALM: _tr("calm"),
        Severity.AMBER: _tr("waiting long (amber)"),
        Severity.RED: _tr("waiting too long (red)"),
    }[severity]


def severity_colour(severity: Severity) -> QColor:
    return {Severity.CALM: theme.CALM, Severity.AMBER: theme.AMBER, Severity.RED: theme.RED}[severity]


def segment_words(segment: Segment) -> str:
    """UX.md's words: readers, gone quiet, newcomers (one member: singular)."""
    return {
        Segment.READER: _tr("Reader"),
        Segment.GONE_QUIET: _tr("Gone quiet"),
        Segment.NEWCOMER: _tr("Newcomer"),
    }[segment]


SEGMENT_COLOURS = {
    Segment.NEWCOMER: QColor("#2e9d5b"),
    Segment.GONE_QUIET: QColor("#c98a0b"),
    Segment.READER: QColor("#2f7fd8"),
}


def _marker_pixmap(shape: str, colour: QColor, size: int = 12, ratio: float = 2.0) -> QPixmap:
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(1.5, 1.5, size - 3, size - 3)
    if shape == "ring":
        painter.setPen(QPen(colour, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
    elif shape == "triangle":
        path = QPainterPath()
        path.addPolygon(
            QPolygonF([QPointF(box.center().x(), box.top()), box.bottomRight(), box.bottomLeft()])
        )
        path.closeSubpath()
        painter.fillPath(path, colour)
    elif shape == "diamond":
        c = box.center()
        path = QPainterPath()
        path.addPolygon(
            QPolygonF(
                [QPointF(c.x(), box.top()), QPointF(box.right(), c.y()), QPointF(c.x(), box.bottom()),
                 QPointF(box.left(), c.y())]
            )
        )  # fmt: skip
        path.closeSubpath()
        painter.fillPath(path, colour)
    else:  # dot
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(box.adjusted(1.5, 1.5, -1.5, -1.5))
    painter.end()
    return pixmap


@functools.cache
def severity_icon(severity: Severity) -> QIcon:
    """Ring, triangle, diamond: told apart by shape as well as colour (and white when selected)."""
    shape = {Severity.CALM: "ring", Severity.AMBER: "triangle", Severity.RED: "diamond"}[severity]
    icon = QIcon(_marker_pixmap(shape, severity_colour(severity)))
    icon.addPixmap(_marker_pixmap(shape, QColor("#ffffff")), QIcon.Mode.Selected)
    return icon


@functools.cache
def segment_icon(segment: Segment) -> QIcon:
    icon = QIcon(_marker_pixmap("dot", SEGMENT_COLOURS[segment]))
    icon.addPixmap(_marker_pixmap("dot", QColor("#ffffff")), QIcon.Mode.Selected)
    return icon


# -- the shared base ---------------------------------------------------------------------------


_JOB = threading.local()  # the core ranks of rows being sorted in a job (``InsightModel.preparer``)


@dataclasses.dataclass(frozen=True, slots=True)
class Prepared:
    """Rows made ready for the model in a job: sorted, keyed, and diffed against the rows on screen."""

    rows: list[Any]
    keys: list[Any]
    core_rank: dict[int, int]
    sort: tuple[int, Qt.SortOrder]
    plan: RowPlan | None


class InsightModel(LazyRows, QAbstractTableModel):
    """Rows of one core view; subclasses describe their ``Column`` enum and how each shows a row.

    Rows come prepared by the view's job (``preparer``: sorted and diffed off the GUI thread) and are
    applied in place (``apply_prepared``); a long list shows a page first (``ui.lazy_rows``)."""

    Column: type[enum.IntEnum]
    COMMUNITY_COLUMN: int | None = 0  # hidden when one community is in sight
    NUMERIC: frozenset[int] = frozenset()
    DEFAULT_SORT: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
    #: the column order that is the core's own order (rows just loaded need no sort in it)
    CORE_ORDER: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.init_lazy()
        self.now = dt.datetime.now(UTC)
        self._haystacks: list[str | None] = []  # worked out when a filter first asks (None: not yet)
        self._core_rank: dict[int, int] = {}  # id(row) -> position in the core's order
        self._sort = self.DEFAULT_SORT
        self._bold = QFont()
        self._bold.setWeight(QFont.Weight.DemiBold)
        self.filter_accept: Callable[[Any], bool] | None = None  # set by ``InsightProxy``
        self.filter_words = False  # the proxy looks for typed words: FILTER_ROLE gives the row's words

    # -- loading -------------------------------------------------------------------------------

    def load(self, rows: Sequence[Any], now: dt.datetime | None = None) -> None:
        """Replace the rows (on the GUI thread; a view prepares them in its job instead)."""
        self.apply_prepared(self.preparer()(rows), now)

    def preparer(self) -> Callable[[Sequence[Any]], Prepared]:
        """Called on the GUI thread: a function a job calls with the core's rows (in the core's order)
        to sort them in the table's order and diff them against the rows shown now."""
        sort = self._sort
        old_rows, old_keys, version = self.snapshot()

        def prepare(core_rows: Sequence[Any]) -> Prepared:
            rows = list(core_rows)
            rank = {id(r): n for n, r in enumerate(rows)}
            _JOB.rank = rank
            try:
                ordered = self._sorted(rows, sort, loaded=True)
            finally:
                _JOB.rank = None
            keys = [self._ref(r) for r in ordered]
            return Prepared(ordered, keys, rank, sort, plan_rows(old_rows, old_keys, ordered, keys, version))

        return prepare

    def apply_prepared(self, prepared: Prepared, now: dt.datetime | None = None) -> None:
        """Show prepared rows: in place when the plan still fits, else anew (see ``ui.lazy_rows``)."""
        self.now = now or dt.datetime.now(UTC)
        rows, keys, plan = prepared.rows, prepared.keys, prepared.plan
        if prepared.sort != self._sort:  # the user sorted by another column meanwhile
            self._core_rank = prepared.core_rank
            rows = self._sorted(rows, self._sort, loaded=True)
            keys, plan = [self._ref(r) for r in rows], None

        def bookkeeping() -> None:
            self._core_rank = prepared.core_rank
            self._haystacks = [None] * len(rows)

        if plan is not None and self.apply_plan(plan):
            bookkeeping()
        else:
            self.replace_rows(rows, keys, before_end=bookkeeping)

    def remove(self, row: int) -> Any:
        """Take one row out at once (a triaged topic leaves the list before the store is re-read)."""
        self.beginRemoveRows(QModelIndex(), row, row)
        removed = self.rows[row]
        self.rows = self.rows[:row] + self.rows[row + 1 :]  # new lists: a job may be reading the old
        self.keys = self.keys[:row] + self.keys[row + 1 :]
        self.shown -= 1
        self._changed()
        del self._haystacks[row]
        self.endRemoveRows()
        return removed

    @Slot()
    def tick(self) -> None:
        """Time passed: the relative times age without re-reading the store."""
        self.now = dt.datetime.now(UTC)
        if self.shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self.shown - 1, len(self.Column) - 1))

    def row_object(self, row: int) -> Any:
        return self.rows[row]

    def ref(self, row: int) -> object:
        return self.keys[row]

    def row_of(self, ref: object) -> int:
        try:
            return self.row_of_key(ref)  # type: ignore[arg-type]
        except TypeError:  # an unhashable ref: compare one by one
            return next((i for i, r in enumerate(self.rows) if self._ref(r) == ref), -1)

    def display_text(self, r: Any, column: int) -> str:
        """What a cell shows for a core row (without going through Qt)."""
        return str(self._display(r, column) or "")

    def haystack(self, row: int) -> str:
        text = self._haystacks[row]
        if text is None:
            text = self._haystacks[row] = self._search_text(self.rows[row]).casefold()
        return text

    # -- what subclasses say -------------------------------------------------------------------

    def _ref(self, r: Any) -> object:
        raise NotImplementedError

    def _search_text(self, r: Any) -> str:
        raise NotImplementedError

    def _header(self, column: int) -> str:
        raise NotImplementedError

    def _display(self, r: Any, column: int) -> str:
        raise NotImplementedError

    def _sort_key(self, r: Any, column: int) -> Any:
        raise NotImplementedError

    def _tooltip(self, r: Any, column: int) -> str | None:
        return None

    def _role(self, r: Any, column: int, role: int) -> Any:
        """Other roles (colours, icons, fonts); None: nothing special."""
        return None

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else self.shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.Column)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if section in self.NUMERIC else _ALIGN_LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(section)
        return None

    def _header_tip(self, column: int) -> str | None:
        """What a column means, on its header (a subclass says it where a number needs words)."""
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if column in self.NUMERIC else _ALIGN_LEFT
        if role == ROW_ROLE:
            return r
        if role == REF_ROLE:
            return self._ref(r)
        if role == FILTER_ROLE:
            accept = self.filter_accept
            mark = "1" if accept is None or accept(r) else "0"
            return f"{mark}\n{self.haystack(index.row())}" if self.filter_words else mark
        return self._role(r, column, role)

    # -- sorting -------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; -1 (no sort indicator) gives back the core's own order."""
        if not -1 <= column < len(self.Column):
            return
        self._sort = (column, order)
        key_of = {id(r): k for r, k in zip(self.rows, self.keys, strict=True)}
        ordered = self._sorted(self.rows, self._sort, loaded=False)
        self.relayout(ordered, [key_of[id(r)] for r in ordered])
        self._haystacks = [None] * len(ordered)

    def core_rank(self, r: Any) -> int:
        """The row's place in the order the core returned (0: first)."""
        job_rank = getattr(_JOB, "rank", None)
        if job_rank is not None and id(r) in job_rank:
            return int(job_rank[id(r)])
        return self._core_rank.get(id(r), 0)

    def _sorted(self, rows: list[Any], sort: tuple[int, Qt.SortOrder], *, loaded: bool) -> list[Any]:
        """Rows in a column's order on raw values (a new list); rows without a value (never seen,
        not reported) go last either way. Column -1 is the core's own order (its ranking, which
        the user gets back on each reload); ``loaded``: the rows come in the core's order."""
        column, order = sort
        if loaded and (sort == self.CORE_ORDER or column < 0):
            return rows
        if column < 0:
            return sorted(rows, key=self.core_rank)
        keyed = [(self._sort_key(r, column), r) for r in rows]
        known = [kr for kr in keyed if kr[0] is not None]
        unknown = [r for k, r in keyed if k is None]
        known.sort(key=lambda kr: kr[0], reverse=order == Qt.SortOrder.DescendingOrder)
        return [r for _, r in known] + unknown


def _when_sort(value: dt.datetime | None) -> float | None:
    return None if value is None else value.timestamp()


def _count(value: int | None) -> str:
    """A count in the user's locale ("1,234" / "1 234"); a dash when the platform does not report it."""
    return "—" if value is None else QLocale().toString(value)


# -- unanswered ---------------------------------------------------------------------------------


class UnansweredColumn(enum.IntEnum):
    COMMUNITY = 0
    CATEGORY = 1
    TITLE = 2
    AUTHOR = 3
    WAITING = 4
    VIEWS = 5
    LIKES = 6
    WHY = 7


class UnansweredModel(InsightModel):
    """Topics waiting for an answer; the default order is the core's, the oldest wait first."""

    Column = UnansweredColumn
    NUMERIC = frozenset({UnansweredColumn.VIEWS, UnansweredColumn.LIKES})
    DEFAULT_SORT = (UnansweredColumn.WAITING, Qt.SortOrder.DescendingOrder)  # longest wait on top
    CORE_ORDER = DEFAULT_SORT  # _sort_key: "descending" waits are the core's order

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tints: dict[Severity, QColor] = {}
        for severity, alpha in ((Severity.AMBER, 26), (Severity.RED, 20)):
            tint = QColor(severity_colour(severity))
            tint.setAlpha(alpha)
            self._tints[severity] = tint

    def _ref(self, r: UnansweredRow) -> TopicRef:
        return TopicRef(r.community_id, r.topic_id)

    def _search_text(self, r: UnansweredRow) -> str:
        return f"{r.title}\n{r.category_name}\n{r.author_username}\n{r.community_name}\n{r.why}"

    def _header(self, column: int) -> str:
        c = UnansweredColumn
        return {
            c.COMMUNITY: self.tr("Community"),
            c.CATEGORY: self.tr("Category"),
            c.TITLE: self.tr("Title"),
            c.AUTHOR: self.tr("Author"),
            c.WAITING: self.tr("Waiting"),
            c.VIEWS: self.tr("Views"),
            c.LIKES: self.tr("Likes"),
            c.WHY: self.tr("Why"),
        }[UnansweredColumn(column)]

    def _display(self, r: UnansweredRow, column: int) -> str:
        c = UnansweredColumn(column)
        if c is UnansweredColumn.WAITING:
            return span_text((self.now - r.waiting_since).total_seconds())
        if c is UnansweredColumn.VIEWS:
            return _count(r.views)
        if c is UnansweredColumn.LIKES:
            return _count(r.likes)
        return {
            UnansweredColumn.COMMUNITY: r.community_name,
            UnansweredColumn.CATEGORY: r.category_name,
            UnansweredColumn.TITLE: r.title,
            UnansweredColumn.AUTHOR: r.author_username,
            UnansweredColumn.WHY: r.why,
        }[c]

    def _sort_key(self, r: UnansweredRow, column: int) -> Any:
        c = UnansweredColumn(column)
        if c is UnansweredColumn.WAITING:
            # The core lists the oldest wait first (ties by community, topic): "descending" is its order.
            return -self.core_rank(r)
        if c is UnansweredColumn.VIEWS:
            return r.views
        if c is UnansweredColumn.LIKES:
            return r.likes
        return self._display(r, column).casefold()

    def _tooltip(self, r: UnansweredRow, column: int) -> str | None:
        c = UnansweredColumn(column)
        if c is UnansweredColumn.WAITING:
            return (
                self.tr("Waiting since %1").replace("%1", timefmt.exact(r.waiting_since))
                + "\n"
                + severity_words(r.severity)
            )
        if c is UnansweredColumn.TITLE:
            opened = self.tr("Opened %1").replace("%1", timefmt.exact(r.created_at)) if r.created_at else ""
            return "\n".join(filter(None, [r.title, opened, r.why]))
        if c is UnansweredColumn.WHY:
            return r.why
        return None

    def _role(self, r: UnansweredRow, column: int, role: int) -> Any:
        c = UnansweredColumn(column)
        if role == Qt.ItemDataRole.DecorationRole and c is UnansweredColumn.WAITING:
            return severity_icon(r.severity)
        if role == Qt.ItemDataRole.ForegroundRole:
            if c is UnansweredColumn.WAITING:
                return QColor(severity_colour(r.severity))
            if (
                c in (UnansweredColumn.COMMUNITY, UnansweredColumn.CATEGORY, UnansweredColumn.WHY)
                or c in self.NUMERIC
            ):
                return QColor(theme.CALM)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._tints.get(r.severity)
        if role == Qt.ItemDataRole.FontRole and c is UnansweredColumn.WAITING:
            return self._bold if r.severity is not Severity.CALM else None
        if role == Qt.ItemDataRole.AccessibleTextRole and c is UnansweredColumn.WAITING:
            return f"{self._display(r, column)}, {severity_words(r.severity)}"
        return None


# -- silent members -----------------------------------------------------------------------------


class SilentColumn(enum.IntEnum):
    COMMUNITY = 0
    USERNAME = 1
    NAME = 2
    SEGMENT = 3
    JOINED = 4
    LAST_SEEN = 5
    LAST_POSTED = 6
    POSTS = 7
    READS = 8
    DAYS_VISITED = 9
    NUDGED = 10
    NEXT_STEP = 11


_SEGMENT_ORDER = {Segment.NEWCOMER: 0, Segment.GONE_QUIET: 1, Segment.READER: 2}


def growth_words() -> str:
    """Why "×190" for 22 posts against 1: the counts are compared as shares of their own periods."""
    return QCoreApplication.translate(
        "TermsModel",
        "×N: how many times more often recent posts use the term than older ones. It compares shares, not"
        " counts: 22 of 180 recent posts (12%) against 1 of 3,000 before (0.03%) is about ×190. Hover a"
        " term for its numbers.",
    )


class SilentModel(InsightModel):
    """Silent members; the default order is the core's (segment, then most promising first)."""

    Column = SilentColumn
    NUMERIC = frozenset({SilentColumn.POSTS, SilentColumn.READS, SilentColumn.DAYS_VISITED})
    DEFAULT_SORT = (-1, Qt.SortOrder.AscendingOrder)  # -1: the core's order

    #: when each member was last nudged or invited: (community id, casefolded username) -> time
    nudged: dict[tuple[int, str], dt.datetime] = {}

    def _nudged_at(self, r: SilentMemberRow) -> dt.datetime | None:
        return self.nudged.get((r.community_id, r.username.casefold()))

    def _ref(self, r: SilentMemberRow) -> MemberRef:
        return MemberRef(
            r.community_id, r.member_id, r.username, segment=str(r.segment), next_step=r.next_step
        )

    def _search_text(self, r: SilentMemberRow) -> str:
        return f"{r.username}\n{r.name}\n{r.community_name}\n{segment_words(r.segment)}\n{r.next_step}"

    def _header(self, column: int) -> str:
        c = SilentColumn
        return {
            c.COMMUNITY: self.tr("Community"),
            c.USERNAME: self.tr("Username"),
            c.NAME: self.tr("Name"),
            c.SEGMENT: self.tr("Segment"),
            c.JOINED: self.tr("Joined"),
            c.LAST_SEEN: self.tr("Last seen"),
            c.LAST_POSTED: self.tr("Last posted"),
            c.POSTS: self.tr("Posts"),
            c.READS: self.tr("Reads"),
            c.DAYS_VISITED: self.tr("Days visited"),
            c.NUDGED: self.tr("Nudged"),
            c.NEXT_STEP: self.tr("Suggested next step"),
        }[SilentColumn(column)]

    def _display(self, r: SilentMemberRow, column: int) -> str:
        c = SilentColumn(column)
        if c is SilentColumn.JOINED:
            return timefmt.local_date(r.joined)
        if c is SilentColumn.LAST_SEEN:
            return timefmt.ago(r.last_seen, self.now) if r.last_seen else self.tr("never")
        if c is SilentColumn.LAST_POSTED:
            return timefmt.ago(r.last_posted, self.now) if r.last_posted else self.tr("never")
        if c is SilentColumn.POSTS:
            return _count(r.posts)
        if c is SilentColumn.READS:
            return _count(r.reads)
        if c is SilentColumn.DAYS_VISITED:
            return _count(r.days_visited)
        if c is SilentColumn.SEGMENT:
            return segment_words(r.segment)
        if c is SilentColumn.NUDGED:
            at = self._nudged_at(r)
            return self.tr("nudged %1").replace("%1", timefmt.ago(at, self.now)) if at else ""
        return {
            SilentColumn.COMMUNITY: r.community_name,
            SilentColumn.USERNAME: r.username,
            SilentColumn.NAME: r.name,
            SilentColumn.NEXT_STEP: r.next_step,
        }[c]

    def _sort_key(self, r: SilentMemberRow, column: int) -> Any:
        c = SilentColumn(column)
        if c is SilentColumn.JOINED:
            return _when_sort(r.joined)
        if c is SilentColumn.LAST_SEEN:
            return _when_sort(r.last_seen)
        if c is SilentColumn.LAST_POSTED:
            return _when_sort(r.last_posted)
        if c is SilentColumn.POSTS:
            return r.posts
        if c is SilentColumn.READS:
            return r.reads
        if c is SilentColumn.DAYS_VISITED:
            return r.days_visited
        if c is SilentColumn.SEGMENT:
            return _SEGMENT_ORDER[r.segment]
        if c is SilentColumn.NUDGED:
            return _when_sort(self._nudged_at(r))
        return self._display(r, column).casefold()

    def _tooltip(self, r: SilentMemberRow, column: int) -> str | None:
        c = SilentColumn(column)
        when = {
            SilentColumn.JOINED: r.joined,
            SilentColumn.LAST_SEEN: r.last_seen,
            SilentColumn.LAST_POSTED: r.last_posted,
        }
        if c in when:
            return timefmt.exact(when[c]) or None
        if c is SilentColumn.READS and r.reads is None:
            return self.tr("The platform does not report how much this member reads.")
        if c is SilentColumn.NEXT_STEP:
            return r.next_step
        if c is SilentColumn.USERNAME and r.name:
            return f"{r.name} (@{r.username})"
        return None

    def _role(self, r: SilentMemberRow, column: int, role: int) -> Any:
        c = SilentColumn(column)
        if role == Qt.ItemDataRole.DecorationRole and c is SilentColumn.SEGMENT:
            return segment_icon(r.segment)
        if role == Qt.ItemDataRole.ForegroundRole and (
            c in (SilentColumn.COMMUNITY, SilentColumn.NAME, SilentColumn.NEXT_STEP) or c in self.NUMERIC
        ):
            return QColor(theme.CALM)
        if role == Qt.ItemDataRole.FontRole and c is SilentColumn.USERNAME:
            return self._bold
        return None


# -- trending ideas -----------------------------------------------------------------------------


class TrendingColumn(enum.IntEnum):
    RANK = 0
    COMMUNITY = 1
    TITLE = 2
    CATEGORY = 3
    REPLIES = 4
    LIKES = 5
    PARTICIPANTS = 6
    WHY = 7


class TrendingModel(InsightModel):
    """Rising topics, ranked by the core's score; the rank stays with its topic whatever the sort."""

    Column = TrendingColumn
    COMMUNITY_COLUMN = TrendingColumn.COMMUNITY
    NUMERIC = frozenset(
        {TrendingColumn.RANK, TrendingColumn.REPLIES, TrendingColumn.LIKES, TrendingColumn.PARTICIPANTS}
    )
    DEFAULT_SORT = (TrendingColumn.RANK, Qt.SortOrder.AscendingOrder)

    def rank(self, r: TrendingTopicRow) -> int:
        return self.core_rank(r) + 1

    def _ref(self, r: TrendingTopicRow) -> TopicRef:
        return TopicRef(r.community_id, r.topic_id)

    def _search_text(self, r: TrendingTopicRow) -> str:
        return f"{r.title}\n{r.category_name}\n{r.community_name}\n{' '.join(r.tags)}\n{r.why}"

    def _header(self, column: int) -> str:
        c = TrendingColumn
        return {
            c.RANK: self.tr("#"),
            c.COMMUNITY: self.tr("Community"),
            c.TITLE: self.tr("Title"),
            c.CATEGORY: self.tr("Category"),
            c.REPLIES: self.tr("Replies"),
            c.LIKES: self.tr("Likes"),
            c.PARTICIPANTS: self.tr("New people"),
            c.WHY: self.tr("Why it rises"),
        }[TrendingColumn(column)]

    def _display(self, r: TrendingTopicRow, column: int) -> str:
        c = TrendingColumn(column)
        if c is TrendingColumn.RANK:
            return str(self.rank(r))
        if c is TrendingColumn.REPLIES:
            return _count(r.replies)
        if c is TrendingColumn.LIKES:
            return _count(r.likes)
        if c is TrendingColumn.PARTICIPANTS:
            return _count(r.new_participants)
        return {
            TrendingColumn.COMMUNITY: r.community_name,
            TrendingColumn.TITLE: r.title,
            TrendingColumn.CATEGORY: r.category_name,
            TrendingColumn.WHY: r.why,
        }[c]

    def _sort_key(self, r: TrendingTopicRow, column: int) -> Any:
        c = TrendingColumn(column)
        if c is TrendingColumn.RANK:
            return self.rank(r)
        if c is TrendingColumn.REPLIES:
            return r.replies
        if c is TrendingColumn.LIKES:
            return r.likes
        if c is TrendingColumn.PARTICIPANTS:
            return r.new_participants
        return self._display(r, column).casefold()

    def _tooltip(self, r: TrendingTopicRow, column: int) -> str | None:
        c = TrendingColumn(column)
        if c is TrendingColumn.RANK:
            return self.tr("Score %1 (higher rises faster)").replace("%1", f"{r.score:.3g}")
        if c is TrendingColumn.TITLE:
            tags = "  ".join(f"#{t}" for t in r.tags)
            return "\n".join(filter(None, [r.title, tags, r.why]))
        if c is TrendingColumn.WHY:
            return r.why
        return None

    def _role(self, r: TrendingTopicRow, column: int, role: int) -> Any:
        c = TrendingColumn(column)
        if role == Qt.ItemDataRole.ForegroundRole and c in (
            TrendingColumn.RANK,
            TrendingColumn.COMMUNITY,
            TrendingColumn.CATEGORY,
            TrendingColumn.WHY,
        ):
            return QColor(theme.CALM)
        if role == Qt.ItemDataRole.FontRole and c is TrendingColumn.TITLE and self.rank(r) <= 3:
            return self._bold
        return None


# -- rising terms -------------------------------------------------------------------------------


class TermColumn(enum.IntEnum):
    TERM = 0
    RECENT = 1
    BASELINE = 2
    GROWTH = 3


class TermsModel(InsightModel):
    """Rising terms, best first (the core's order); REF_ROLE gives the term row itself."""

    Column = TermColumn
    COMMUNITY_COLUMN = None
    NUMERIC = frozenset({TermColumn.RECENT, TermColumn.BASELINE, TermColumn.GROWTH})
    DEFAULT_SORT = (-1, Qt.SortOrder.AscendingOrder)

    def _ref(self, r: TermRow) -> TermRow:
        return r

    def _search_text(self, r: TermRow) -> str:
        return r.term

    def _header(self, column: int) -> str:
        c = TermColumn
        return {
            c.TERM: self.tr("Term"),
            c.RECENT: self.tr("Recent"),
            c.BASELINE: self.tr("Before"),
            c.GROWTH: self.tr("Growth"),
        }[TermColumn(column)]

    def _display(self, r: TermRow, column: int) -> str:
        c = TermColumn(column)
        if c is TermColumn.TERM:
            return r.term
        if c is TermColumn.RECENT:
            return _count(r.recent)
        if c is TermColumn.BASELINE:
            return _count(r.baseline)
        return f"×{r.growth:.0f}" if r.growth >= 10 else f"×{r.growth:.1f}"

    def _sort_key(self, r: TermRow, column: int) -> Any:
        c = TermColumn(column)
        if c is TermColumn.TERM:
            return r.term.casefold()
        return {TermColumn.RECENT: r.recent, TermColumn.BASELINE: r.baseline, TermColumn.GROWTH: r.growth}[c]

    def _header_tip(self, column: int) -> str | None:
        c = TermColumn(column)
        if c is TermColumn.RECENT:
            return self.tr("Posts of the last 7 days that use the term")
        if c is TermColumn.BASELINE:
            return self.tr("Posts before that use it (all the history before the last 7 days)")
        if c is TermColumn.GROWTH:
            return growth_words()
        return None

    def _tooltip(self, r: TermRow, column: int) -> str | None:
        c = TermColumn(column)
        if c is TermColumn.RECENT:
            return self.tr("Posts of the last 7 days that use it")
        if c is TermColumn.BASELINE:
            return self.tr("Posts before that use it")
        return r.why

    def _role(self, r: TermRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column in (TermColumn.BASELINE,):
            return QColor(theme.CALM)
        if role == Qt.ItemDataRole.ForegroundRole and column == TermColumn.GROWTH:
            return QColor(theme.SYNCED)
        return None


# -- the proxy ----------------------------------------------------------------------------------


class InsightProxy(QSortFilterProxyModel):
    """Keeps the rows whose words contain every typed word, and that pass the view's own test
    (a community, a segment, the topics using a term). Sorting is the source model's job.

    The test is Qt's own (a regular expression on the model's ``FILTER_ROLE``: "1" or "0" for the
    view's test, then the row's words), not a Python ``filterAcceptsRow``: with no word typed and no
    test set, Qt accepts the rows without asking Python about each (50k members: 0.1 s per load)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._accept: Callable[[Any], bool] | None = None
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(0)

    def set_query(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self._words = words
            self._refilter()

    def set_predicate(self, accept: Callable[[Any], bool] | None) -> None:
        """An extra test on the core row (None: every row)."""
        self._accept = accept
        self._refilter()

    def _refilter(self) -> None:
        model = self.sourceModel()
        if isinstance(model, InsightModel):
            model.fetch_all()  # the rows not shown yet are tested too
            model.filter_accept = self._accept
            model.filter_words = bool(self._words)
        if not self._words and self._accept is None:
            pattern = ""
        else:
            pattern = "^1\n?" + "".join(f"(?=.*{QRegularExpression.escape(w)})" for w in self._words)
        self.beginFilterChange()
        if pattern != self.filterRegularExpression().pattern():
            self.setFilterRegularExpression(
                QRegularExpression(pattern, QRegularExpression.PatternOption.DotMatchesEverythingOption)
            )
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)
