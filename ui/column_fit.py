"""Lists whose title column keeps room to be read, at any window size and scale.

A table in the middle pane has a title that stretches and detail columns of fixed width. When the
pane is narrow (a laptop at 150 %, two communities adding a Community column) the details used to
eat the title down to "Tit…". ``TitleFirst`` hides detail columns, least useful first, until the title
has ``min_title`` pixels, and shows them again when room comes back.

A column's visibility has two owners: what the view or the user wants (``set_wanted``: the
Community column only with several communities, the header's right-click menu) and what the width
allows (computed here). A column is shown only when both agree, so neither undoes the other.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTableView


class TitleFirst(QObject):
    def __init__(
        self, table: QTableView, title: int, drop_order: Iterable[int], *, min_title: int = 260
    ) -> None:
        super().__init__(table)
        self.table = table
        self.title = int(title)
        self.drop_order = [int(c) for c in drop_order]
        self.min_title = min_title
        self.wanted_hidden: set[int] = {
            c for c in range(table.model().columnCount()) if table.isColumnHidden(c)
        }
        self.squeezed: set[int] = set()  # hidden for lack of room
        self._pending = False
        self._widths: dict[int, int] = {}
        table.viewport().installEventFilter(self)
        header = table.horizontalHeader()
        header.sectionResized.connect(self._on_section_resized)

    # -- what the view and the user want ---------------------------------------------------------

    def set_wanted(self, column: int, visible: bool) -> None:
        """The view's or the user's choice for a column (then the width decides)."""
        if visible:
            self.wanted_hidden.discard(int(column))
        else:
            self.wanted_hidden.add(int(column))
        self.fit()

    def is_wanted(self, column: int) -> bool:
        return int(column) not in self.wanted_hidden

    # -- the fitting ----------------------------------------------------------------------------------

    def fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        available = table.viewport().width()
        if available <= 0:
            return
        count = table.model().columnCount()
        for column in range(count):  # a hidden section measures 0: remember each one's own width
            if not header.isSectionHidden(column) and header.sectionSize(column) > 0:
                self._widths[column] = header.sectionSize(column)
        self.squeezed = set()

        def others() -> int:
            return sum(
                self._widths.get(c, header.defaultSectionSize())
                for c in range(count)
                if c != self.title and c not in self.wanted_hidden and c not in self.squeezed
            )

        minimum = min(self.min_title, max(120, available // 2))  # a tiny pane: the title gets half
        for column in self.drop_order:
            if available - others() >= minimum:
                break
            if column not in self.wanted_hidden:
                self.squeezed.add(column)
        for column in range(count):
            hidden = column != self.title and (column in self.wanted_hidden or column in self.squeezed)
            if header.isSectionHidden(column) != hidden:
                header.setSectionHidden(column, hidden)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._schedule()
        return False

    def _on_section_resized(self, column: int, old: int, new: int) -> None:
        if column != self.title and old > 0 and new > 0:  # the user widened a detail column
            self._schedule()

    def _schedule(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._run)  # dropped with this object

    def _run(self) -> None:
        self._pending = False
        if self.table.isVisible():
            self.fit()
