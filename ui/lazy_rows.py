"""Big lists without a stall: rows shown a page at a time, and refreshes applied in place.

Two things cost the GUI thread on a list of 20k-100k rows, and this module removes both:

- **A reset**: the filter proxy asks Python about every row (``filterAcceptsRow``), about 2 µs each,
  all in one go. A long list (``LAZY_FROM`` rows or more) is therefore shown one page first (what the
  screen holds, and more), and the rest follows a chunk per turn of the event loop (Qt's
  ``canFetchMore``/``fetchMore``, also called by the view when the user scrolls to the end).
- **A refresh that changes little**: rather than a reset (which loses the scroll position), the job
  works out the difference against the rows on screen (``plan_rows``, Qt-free, off the GUI thread),
  and the model applies it as removals, insertions and ``dataChanged`` for the rows that changed, so
  the selection and the scroll position stay where the user left them.

A model using ``LazyRows`` keeps ``rows`` (every row, in display order) and ``keys`` (one hashable
identity per row, the same order) and never mutates those lists in place: a job may be reading them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

LAZY_FROM = 2_000  # below this, every row at once (a few ms): what tests and small communities see
PAGE = 500  # rows shown first: more than any screen holds
CHUNK = 2_000  # rows added per turn of the event loop afterwards (a few ms each)


@dataclasses.dataclass(frozen=True, slots=True)
class RowPlan:
    """How to turn the rows of one version of a model into ``rows`` (computed in a job)."""

    rows: list[Any]
    keys: list[Hashable]
    base: int  # the model's version the plan was computed against
    removed: list[tuple[int, int]]  # ranges of old positions, last first
    reorder: bool  # the rows kept changed order (rare: a layout change, every row filtered again)
    inserted: list[tuple[int, int]]  # ranges of new positions, first first
    changed: list[tuple[int, int]]  # ranges of new positions whose values changed


def _ranges(positions: Sequence[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p in positions:
        if out and out[-1][1] == p - 1:
            out[-1] = (out[-1][0], p)
        else:
            out.append((p, p))
    return out


def plan_rows(
    old_rows: Sequence[Any],
    old_keys: Sequence[Hashable],
    new_rows: list[Any],
    new_keys: list[Hashable],
    base: int,
) -> RowPlan | None:
    """The in-place update from the old rows to the new ones; None when a reset is simpler (no old
    rows, keys that repeat or cannot be hashed, or more than half of the rows replaced)."""
    if not old_rows:
        return None
    try:
        old_set, new_set = set(old_keys), set(new_keys)
    except TypeError:
        return None
    if len(old_set) != len(old_keys) or len(new_set) != len(new_keys):
        return None
    removed = [i for i, k in enumerate(old_keys) if k not in new_set]
    inserted = [i for i, k in enumerate(new_keys) if k not in old_set]
    if len(removed) + len(inserted) > max(len(old_keys), len(new_keys)):
        return None
    kept_old = [k for k in old_keys if k in new_set]
    kept_new = [k for k in new_keys if k in old_set]
    old_by_key = dict(zip(old_keys, old_rows, strict=True))
    changed = [
        i
        for i, (k, r) in enumerate(zip(new_keys, new_rows, strict=True))
        if k in old_set and old_by_key[k] != r
    ]
    return RowPlan(
        rows=new_rows,
        keys=new_keys,
        base=base,
        removed=_ranges(removed)[::-1],
        reorder=kept_old != kept_new,
        inserted=_ranges(inserted),
        changed=_ranges(changed),
    )


class LazyRows:
    """Mixed into a ``QAbstractTableModel`` (put it first in the bases); see the module doc.

    The model's ``rowCount`` returns ``shown`` (rows exposed so far), ``data`` reads ``rows``.
    """

    rows: list[Any]
    keys: list[Hashable]
    shown: int
    version: int

    def init_lazy(self) -> None:
        self.rows = []
        self.keys = []
        self.shown = 0
        self.version = 0  # bumped by every change: a plan computed against another version is not used
        self._where: dict[Hashable, int] | None = None
        self._filler = QTimer(self)  # type: ignore[arg-type]
        self._filler.setSingleShot(True)
        self._filler.setInterval(0)
        self._filler.timeout.connect(self._fill_step)

    # -- what the model's subclass calls ---------------------------------------------------------

    def snapshot(self) -> tuple[list[Any], list[Hashable], int]:
        """What a job diffs against (lists never mutated in place, so safe to read in a thread)."""
        return self.rows, self.keys, self.version

    def replace_rows(self, rows: list[Any], keys: list[Hashable], *, before_end: Any = None) -> None:
        """Every row anew (a reset); a long list shows its first page now and the rest shortly.

        ``before_end`` runs inside the reset (the model's own bookkeeping)."""
        self._filler.stop()
        self.beginResetModel()  # type: ignore[attr-defined]
        self.rows, self.keys = rows, keys
        self.shown = len(rows) if len(rows) < LAZY_FROM else PAGE
        self._changed()
        if before_end is not None:
            before_end()
        self.endResetModel()  # type: ignore[attr-defined]
        if self.shown < len(self.rows):
            self._filler.start()

    def apply_plan(self, plan: RowPlan | None) -> bool:
        """Apply a plan in place; False (nothing done) if it no longer fits: then call ``replace_rows``."""
        if plan is None or plan.base != self.version or self.shown < len(self.rows):
            return False
        rows, keys = list(self.rows), list(self.keys)
        for first, last in plan.removed:
            self.beginRemoveRows(_ROOT, first, last)  # type: ignore[attr-defined]
            del rows[first : last + 1], keys[first : last + 1]
            self.rows, self.keys, self.shown = rows, keys, len(rows)
            self.endRemoveRows()  # type: ignore[attr-defined]
        if plan.reorder:
            kept = set(keys)
            self._relayout(
                [r for r, k in zip(plan.rows, plan.keys, strict=True) if k in kept],
                [k for k in plan.keys if k in kept],
            )
            rows, keys = list(self.rows), list(self.keys)
        for first, last in plan.inserted:
            self.beginInsertRows(_ROOT, first, last)  # type: ignore[attr-defined]
            rows[first:first] = plan.rows[first : last + 1]
            keys[first:first] = plan.keys[first : last + 1]
            self.rows, self.keys, self.shown = rows, keys, len(rows)
            self.endInsertRows()  # type: ignore[attr-defined]
        self.rows, self.keys, self.shown = plan.rows, plan.keys, len(plan.rows)
        self._changed()
        columns = self.columnCount() - 1  # type: ignore[attr-defined]
        for first, last in plan.changed:
            self.dataChanged.emit(self.index(first, 0), self.index(last, columns))  # type: ignore[attr-defined]
        return True

    def relayout(self, rows: list[Any], keys: list[Hashable]) -> None:
        """The same rows in another order (a sort): persistent indexes (selection) follow their row."""
        self.fetch_all()
        self._relayout(rows, keys)

    def row_of_key(self, key: Hashable) -> int:
        """The row of ``key`` (made visible if it was not yet), or -1."""
        if self._where is None:
            self._where = {k: n for n, k in enumerate(self.keys)}
        row = self._where.get(key, -1)
        if row >= self.shown:
            self._expose(row + 1)
        return row

    def fetch_all(self) -> None:
        """Every row visible now (before filtering them all, exporting them, counting them on screen)."""
        if self.shown < len(self.rows):
            self._filler.stop()
            self._expose(len(self.rows))

    # -- Qt's incremental fetching ---------------------------------------------------------------

    def canFetchMore(self, parent: Index = _ROOT) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self.shown < len(self.rows)

    def fetchMore(self, parent: Index = _ROOT) -> None:  # noqa: N802 - Qt override
        if not parent.isValid():
            self._expose(self.shown + CHUNK)

    # -- internals ------------------------------------------------------------------------------

    def _changed(self) -> None:
        self.version += 1
        self._where = None

    def _expose(self, count: int) -> None:
        count = min(count, len(self.rows))
        if count <= self.shown:
            return
        self.beginInsertRows(_ROOT, self.shown, count - 1)  # type: ignore[attr-defined]
        self.shown = count
        self.endInsertRows()  # type: ignore[attr-defined]

    def _fill_step(self) -> None:
        self._expose(self.shown + CHUNK)
        if self.shown < len(self.rows):
            self._filler.start()

    def _relayout(self, rows: list[Any], keys: list[Hashable]) -> None:
        self.layoutAboutToBeChanged.emit()  # type: ignore[attr-defined]
        old = self.persistentIndexList()  # type: ignore[attr-defined]
        old_keys = [self.keys[i.row()] for i in old]
        self.rows, self.keys, self.shown = rows, keys, len(rows)
        self._changed()
        where = {k: n for n, k in enumerate(keys)}
        self.changePersistentIndexList(  # type: ignore[attr-defined]
            old,
            [
                self.index(where[k], i.column()) if k in where else QModelIndex()  # type: ignore[attr-defined]
                for k, i in zip(old_keys, old, strict=True)
            ],
        )
        self.layoutChanged.emit()  # type: ignore[attr-defined]
