"""The sidebar's rows: "All communities", the views with their badges, then each community.

A flat list model with section headers (not selectable), so keyboard navigation simply skips them.
Everything the delegate paints comes from roles: the badge number, the community's sync state, the
platform; the main window only calls ``set_badge``, ``set_community_state`` and ``set_communities``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from moderator.model import Community
from ui.views import ViewSpec

Index = QModelIndex | QPersistentModelIndex

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # "all", a view key, or "community:<id>"
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "all", "view", "header", "community"
BADGE_ROLE = Qt.ItemDataRole.UserRole + 3  # int, 0 = no badge
STATE_ROLE = Qt.ItemDataRole.UserRole + 4  # a SyncState value (communities only)
ICON_NAME_ROLE = Qt.ItemDataRole.UserRole + 5  # a line icon name, or the platform for communities
COMMUNITY_ROLE = Qt.ItemDataRole.UserRole + 6  # community id (communities only)
AVAILABLE_ROLE = Qt.ItemDataRole.UserRole + 7  # False: an announced view not built yet


@dataclasses.dataclass(slots=True)
class Entry:
    kind: str
    key: str
    title: str
    icon: str = ""
    badge: int = 0
    badge_tip: str = ""  # what the badge counts, in words ("3 clearly rising, of 11 listed")
    state: str = ""
    tooltip: str = ""
    community_id: int | None = None
    available: bool = True


def community_key(community_id: int) -> str:
    return f"community:{community_id}"


class SidebarModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._views: list[Entry] = []
        self._communities: list[Entry] = []
        self._rows: list[Entry] = []
        self._rebuild_rows()

    # -- building -----------------------------------------------------------------------------

    def set_views(self, specs: list[ViewSpec]) -> None:
        badges = {e.key: e.badge for e in self._views}
        self.beginResetModel()
        self._views = [
            Entry("view", s.key, s.title(), s.icon, badges.get(s.key, 0), available=s.factory is not None)
            for s in specs
            if s.in_sidebar
        ]
        self._rebuild_rows()
        self.endResetModel()

    def set_communities(self, communities: list[Community]) -> None:
        old = {e.community_id: e for e in self._communities}
        self.beginResetModel()
        self._communities = []
        for c in communities:
            assert c.id is not None
            previous = old.get(c.id)
            self._communities.append(
                Entry(
                    "community",
                    community_key(c.id),
                    c.title or c.name,
                    str(c.platform),
                    previous.badge if previous else 0,
                    previous.state if previous else "never",
                    previous.tooltip if previous else "",
                    community_id=c.id,
                )
            )
        self._rebuild_rows()
        self.endResetModel()

    def _rebuild_rows(self) -> None:
        all_entry = Entry("all", "all", self.tr("All communities"), "view-all")
        header = Entry("header", "header:communities", self.tr("Communities"))
        self._rows = [all_entry, *self._views, header, *self._communities]

    # -- updates (dataChanged, no reset: the selection stays) -------------------------------

    def set_badge(self, key: str, count: int, tip: str = "") -> None:
        """The number shown next to a view (or "all", or ``community_key(id)``); 0 hides it.

        ``tip`` says what the number counts (the tooltip and what a screen reader says)."""
        self._update(key, badge=max(0, int(count)), badge_tip=tip if count else "")

    def set_community_state(self, community_id: int, state: str, tooltip: str = "") -> None:
        self._update(community_key(community_id), state=str(state), tooltip=tooltip)

    def _update(self, key: str, **changes: Any) -> None:
        row = self.row_of(key)
        if row < 0:
            return
        entry = self._rows[row]
        if all(getattr(entry, name) == value for name, value in changes.items()):
            return
        for name, value in changes.items():
            setattr(entry, name, value)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def row_of(self, key: str) -> int:
        for row, entry in enumerate(self._rows):
            if entry.key == key:
                return row
        return -1

    def entry(self, row: int) -> Entry:
        return self._rows[row]

    # -- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].kind == "header":
            return Qt.ItemFlag.ItemNeverHasChildren  # not enabled: keyboard navigation skips it
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(t for t in (entry.tooltip, entry.badge_tip) if t) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible(entry)
        return {
            KEY_ROLE: entry.key,
            KIND_ROLE: entry.kind,
            BADGE_ROLE: entry.badge,
            STATE_ROLE: entry.state,
            ICON_NAME_ROLE: entry.icon,
            COMMUNITY_ROLE: entry.community_id,
            AVAILABLE_ROLE: entry.available,
        }.get(role)

    def _accessible(self, entry: Entry) -> str:
        """What a screen reader says: the title, the count, the sync state in words."""
        parts = [entry.title]
        if entry.badge:
            parts.append(entry.badge_tip or self.tr("%n waiting", "", entry.badge))
        if entry.kind == "community" and entry.tooltip:
            parts.append(entry.tooltip)
        return ", ".join(parts)
