"""One community's settings: when a wait turns amber or red, what "unanswered" means, who the team is,
where ideas live, the silent-member windows, and how often to sync.

Every field maps to one ``moderator.settings.CommunitySettings`` setting, which owns the defaults and
the validation; this dialog only shows the values and writes back what the user changed (keys it does
not know are kept, by ``CommunitySettings`` itself). Categories, members and tags come from the local
copy, so the dialog works offline; before the first sync the lists say so.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from moderator.model import Community
from moderator.settings import CommunitySettings, InvalidSetting, SilentWindows
from ui import theme

if TYPE_CHECKING:
    from moderator.store import Store

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def known_tags(store: Store, community_id: int, limit: int = 200) -> list[str]:
    """The tags used in the local copy, most used first."""
    rows = store.read().execute("SELECT tags FROM topics WHERE community_id=?", (community_id,)).fetchall()
    counts: dict[str, int] = {}
    for row in rows:
        try:
            tags = json.loads(row[0] or "[]")
        except ValueError:
            continue
        for tag in tags if isinstance(tags, list) else []:
            counts[str(tag)] = counts.get(str(tag), 0) + 1
    return sorted(counts, key=lambda t: (-counts[t], t))[:limit]


class CheckList(QWidget):
    """A filterable list of checkable items (categories, members, tags): what is ticked is chosen."""

    def __init__(self, placeholder: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(1)
        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)

    def set_items(self, items: list[tuple[str, str]], checked: set[str]) -> None:
        """``items`` are (id, label); chosen ids missing from the local copy are kept, shown by id."""
        self.model.clear()
        known = {item_id for item_id, _ in items}
        for item_id, label in items + [(i, i) for i in sorted(checked - known)]:
            item = QStandardItem(label)
            item.setData(item_id, ID_ROLE)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if item_id in checked else Qt.CheckState.Unchecked)
            self.model.appendRow(item)
        self.empty.setVisible(not items and not checked)
        self.view.setVisible(bool(items or checked))
        self.filter.setVisible(self.model.rowCount() > 8)

    def checked_ids(self) -> list[str]:
        return [
            str(self.model.item(row).data(ID_ROLE))
            for row in range(self.model.rowCount())
            if self.model.item(row).checkState() == Qt.CheckState.Checked
        ]


class CommunitySettingsDialog(QDialog):
    """See the module docstring. ``saved`` fires once the new settings are stored."""

    saved = Signal()

    def __init__(self, store: Store, community: Community, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert community.id is not None
        self.setObjectName("communitySettingsDialog")
        self.setWindowTitle(self.tr("Settings of {0}").format(community.title or community.name))
        self.resize(560, 520)
        self._store = store
        self._community = community
        self.settings = CommunitySettings.from_dict(community.settings)
        tabs = QTabWidget()
        tabs.addTab(self._queue_tab(), self.tr("&Unanswered"))
        tabs.addTab(self._team_tab(), self.tr("&Team"))
        tabs.addTab(self._ideas_tab(), self.tr("&Ideas"))
        tabs.addTab(self._members_tab(), self.tr("&Silent members"))
        self.tabs = tabs
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {theme.ERROR.name()};")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._load(self.settings)

    # -- tabs ----------------------------------------------------------------------------------------

    def _note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet("color: palette(placeholder-text);")
        return label

    def _hours(self) -> QSpinBox:
        box = QSpinBox()
        box.setRange(1, 24 * 60)
        box.setSuffix(self.tr(" h"))
        return box

    def _days(self, maximum: int = 3650) -> QSpinBox:
        box = QSpinBox()
        box.setRange(1, maximum)
        box.setSuffix(self.tr(" days"))
        return box

    def _queue_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.definition = QComboBox()
        for value, label in (
            ("no_reply", self.tr("Nobody but the author has replied")),
            ("last_word_not_team", self.tr("The last word is not from the animation team")),
            ("unsolved", self.tr("A question not marked as solved")),
        ):
            self.definition.addItem(label, value)
        self.amber = self._hours()
        self.red = self._hours()
        self.sync_minutes = QSpinBox()
        self.sync_minutes.setRange(1, 24 * 60)
        self.sync_minutes.setSuffix(self.tr(" min"))
        self.announcements = CheckList(
            self.tr("Filter categories"), self.tr("No categories yet: sync first.")
        )
        form.addRow(self.tr("A topic is &unanswered when:"), self.definition)
        form.addRow(self.tr("Turns &amber after:"), self.amber)
        form.addRow(self.tr("Turns &red after:"), self.red)
        form.addRow(self.tr("S&ync every:"), self.sync_minutes)
        form.addRow(self._note(self.tr("Announcement categories are never listed as unanswered:")))
        form.addRow(self.announcements)
        return page

    def _team_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            self._note(
                self.tr(
                    "Administrators and moderators always count as the team. Tick the other members who animate "
                    "this community: their replies count as answers."
                )
            )
        )
        self.team = CheckList(self.tr("Filter members"), self.tr("No members yet: sync first."))
        layout.addWidget(self.team, 1)
        return page

    def _ideas_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            self._note(
                self.tr(
                    "Trending ideas looks only at these categories and tags (everywhere when none is ticked)."
                )
            )
        )
        self.idea_categories = CheckList(
            self.tr("Filter categories"), self.tr("No categories yet: sync first.")
        )
        self.idea_tags = CheckList(self.tr("Filter tags"), self.tr("No tags in the local copy."))
        layout.addWidget(QLabel(self.tr("Categories:")))
        layout.addWidget(self.idea_categories, 3)
        layout.addWidget(QLabel(self.tr("Tags:")))
        layout.addWidget(self.idea_tags, 2)
        return page

    def _members_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.active_days = self._days()
        self.quiet_days = self._days()
        self.min_contributions = QSpinBox()
        self.min_contributions.setRange(1, 10_000)
        self.newcomer_days = self._days()
        form.addRow(
            self._note(self.tr("Gone quiet: posted at least N times in the active window, then nothing."))
        )
        form.addRow(self.tr("Active &window:"), self.active_days)
        form.addRow(self.tr("&Quiet for:"), self.quiet_days)
        form.addRow(self.tr("At least &N posts:"), self.min_contributions)
        form.addRow(self._note(self.tr("Newcomers: joined recently and not posted yet.")))
        form.addRow(self.tr("&Joined within:"), self.newcomer_days)
        return page

    # -- values --------------------------------------------------------------------------------------

    def _load(self, settings: CommunitySettings) -> None:
        cid = self._community.id
        assert cid is not None
        index = self.definition.findData(settings.unanswered_definition)
        self.definition.setCurrentIndex(max(0, index))
        self.amber.setValue(settings.thresholds_hours[0])
        self.red.setValue(settings.thresholds_hours[1])
        self.sync_minutes.setValue(settings.sync_minutes)
        categories = [(c.id, c.name) for c in self._store.categories(cid)]
        self.announcements.set_items(categories, set(settings.announcement_category_ids))
        self.idea_categories.set_items(categories, set(settings.idea_category_ids))
        self.idea_tags.set_items([(t, t) for t in known_tags(self._store, cid)], set(settings.idea_tags))
        members = [
            (m.username, f"{m.username} — {m.name}" if m.name and m.name != m.username else m.username)
            for m in self._store.members(cid)
            if not m.staff
        ]
        self.team.set_items(members, set(settings.team_usernames))
        windows = settings.silent_windows
        self.active_days.setValue(windows.active_days)
        self.quiet_days.setValue(windows.quiet_days)
        self.min_contributions.setValue(windows.min_contributions)
        self.newcomer_days.setValue(windows.newcomer_days)

    def values(self) -> CommunitySettings:
        """The settings as the form shows them (raises ``InvalidSetting`` with the reason)."""
        return self.settings.replace(
            unanswered_definition=self.definition.currentData(),
            thresholds_hours=(self.amber.value(), self.red.value()),
            sync_minutes=self.sync_minutes.value(),
            announcement_category_ids=self.announcements.checked_ids(),
            idea_category_ids=self.idea_categories.checked_ids(),
            idea_tags=self.idea_tags.checked_ids(),
            team_usernames=self.team.checked_ids(),
            silent_windows=SilentWindows(
                active_days=self.active_days.value(),
                quiet_days=self.quiet_days.value(),
                min_contributions=self.min_contributions.value(),
                newcomer_days=self.newcomer_days.value(),
            ),
        )

    @Slot()
    def restore_defaults(self) -> None:
        self._load(CommunitySettings(extra=self.settings.extra))

    @Slot()
    def save(self) -> None:
        try:
            settings = self.values()
        except InvalidSetting as exc:
            self.error.setText(self.tr("Not saved: {0}.").format(str(exc)))
            self.error.show()
            return
        stored = self._store.community(self._community.id or 0) or self._community
        stored.settings = settings.to_dict()
        self._store.update_community(stored)
        self.settings = settings
        self.saved.emit()
        self.accept()
