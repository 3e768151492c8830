"""The Unanswered view: topics waiting for a response, the longest wait on top, triaged from the keyboard.

Keys (besides the window's j/k, Enter, o and /): ``e`` marks the topic handled, ``s`` snoozes it (a
menu: in 1 hour, this evening, tomorrow 9:00, next week), ``z`` or Ctrl+Z undoes the last of these.
Each decision is stored through ``moderator.insights`` (``mark_handled``, ``snooze``, ``undo``), so
the CLI and the next start agree with what the list shows. The row leaves the list at once, before
the store is read again, and comes back on undo.

What "unanswered" means is each community's setting; the view says which definition is in use, and
the colours' thresholds, right above the list.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Slot
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMenu, QPushButton, QWidget

from moderator import insights, quickpicks
from moderator.insights import Severity, UnansweredRow, UndoToken
from moderator.insights.export import to_csv
from moderator.settings import CommunitySettings
from ui import dialogs
from ui.column_fit import TitleFirst
from ui.insight_models import UnansweredColumn, UnansweredModel, severity_icon
from ui.insight_views import InsightView, size_columns, translate_insight
from ui.screen_fit import CompactLabels
from ui.views import ROW_DONE, ROW_SNOOZE, ROW_UNDO, TopicRef

if TYPE_CHECKING:
    from moderator.model import Community
    from ui.tasks import TaskContext

UNDO_DEPTH = 20
EVENING_HOUR = 18

# What an export writes: the platform ids first, so a script can act on them.
CSV_COLUMNS = (
    ("community_name", "community"),
    ("topic_id", "topic_id"),
    ("title", "title"),
    ("category_name", "category"),
    ("author_username", "author"),
    ("waiting_since", "waiting_since"),
    ("hours_waiting", "hours_waiting"),
    ("views", "views"),
    ("likes", "likes"),
    ("severity", "severity"),
    ("definition", "definition"),
    ("why", "why"),
)

_WIDTHS = {
    UnansweredColumn.COMMUNITY: 100,
    UnansweredColumn.CATEGORY: 92,
    UnansweredColumn.TITLE: 200,
    UnansweredColumn.AUTHOR: 86,
    UnansweredColumn.WAITING: 74,
    UnansweredColumn.WHY: 180,
    UnansweredColumn.VIEWS: 56,
    UnansweredColumn.LIKES: 50,
}


class SnoozePick(enum.StrEnum):
    HOUR = "hour"
    EVENING = "evening"
    TOMORROW = "tomorrow"
    NEXT_WEEK = "next-week"


def snooze_until(pick: SnoozePick, now: dt.datetime, zone: dt.tzinfo) -> dt.datetime | None:
    """When a pick brings the topic back (None: not offered now, e.g. "this evening" at 19:00).

    Wall-clock times through ``moderator.quickpicks``: "tomorrow 9:00" stays 9:00 across a DST change.
    """
    if pick is SnoozePick.HOUR:
        return now + dt.timedelta(hours=1)
    if pick is SnoozePick.EVENING:
        evening = quickpicks.wall_time(now.astimezone(zone).date(), dt.time(EVENING_HOUR), zone)
        return evening if evening - now >= dt.timedelta(minutes=30) else None
    if pick is SnoozePick.TOMORROW:
        return quickpicks.tomorrow(now, zone)
    return quickpicks.next_monday(now, zone)


def definition_words(definition: str) -> str:
    """What a community's ``unanswered_definition`` means, in words for the animator."""
    words = {
        "no_reply": QCoreApplication.translate("UnansweredView", "nobody but the author replied"),
        "last_word_not_team": QCoreApplication.translate(
            "UnansweredView", "the last word is not from the team"
        ),
        "unsolved": QCoreApplication.translate("UnansweredView", "no reply is marked as the solution"),
    }
    return words.get(definition, definition)


def _settings(community: Community) -> CommunitySettings:
    return CommunitySettings.from_dict(community.settings)


class UnansweredView(InsightView):
    view_key = "unanswered"
    TABLE_NAME = "unanswered"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._undo: list[UndoToken] = []

        self.handled_button = self._button(
            self.tr("Handled  e"), self.tr("Mark handled: it leaves the list until someone posts again (e)"),
            self.mark_handled_current,
        )  # fmt: skip
        self.snooze_button = self._button(
            self.tr("Snooze  s"), self.tr("Hide it until later (s)"), self.show_snooze_menu
        )
        self.export_button = self._button(
            self.tr("Export CSV…"), self.tr("Save the topics listed as a CSV file"), self.export_csv
        )
        self.snoozed_button = QPushButton(self.tr("Snoozed"), self)
        self.snoozed_button.setObjectName("snoozedButton")
        self.snoozed_button.setToolTip(self.tr("Topics you snoozed: pick one to bring it back now"))
        self.snoozed_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.snoozed_menu = QMenu(self)
        self.snoozed_menu.setObjectName("snoozedMenu")
        self.snoozed_menu.aboutToShow.connect(self._fill_snoozed_menu)
        self.snoozed_button.setMenu(self.snoozed_menu)
        for button in (self.handled_button, self.snooze_button, self.snoozed_button, self.export_button):
            self.toolbar_layout.addWidget(button)
        self.compact = CompactLabels(  # a narrow pane: the buttons say less, the filter keeps room
            self.toolbar,
            [
                (self.handled_button, self.tr("Handled  e"), self.tr("Handled")),
                (self.snooze_button, self.tr("Snooze  s"), self.tr("Snooze")),
                (self.export_button, self.tr("Export CSV…"), self.tr("CSV…")),
            ],
        )
        self.snooze_menu = QMenu(self)
        self.snooze_menu.setObjectName("snoozeMenu")
        self.snooze_menu.aboutToShow.connect(self._fill_snooze_menu)

        self.definition = QLabel(self)
        self.definition.setObjectName("definition")
        self.definition.setTextFormat(Qt.TextFormat.PlainText)
        self.definition.setWordWrap(True)  # a long French sentence wraps, never widening the window
        self.legend = _Legend(self)
        strip = QWidget(self)
        strip.setObjectName("insightStrip")
        strip_layout = QHBoxLayout(strip)
        strip_layout.setContentsMargins(10, 0, 10, 6)
        strip_layout.addWidget(self.definition, 1)
        strip_layout.addWidget(self.legend)
        self.strip = strip

        size_columns(
            self.table,
            _WIDTHS,
            stretch=[UnansweredColumn.TITLE],
            hidden=[UnansweredColumn.VIEWS, UnansweredColumn.LIKES],
        )
        self.table.horizontalHeader().setStretchLastSection(False)  # the title takes the room left
        # The title is the column people read: in a narrow pane (two communities add a Community
        # column, 150 % scale) "Why" goes first (the title's tooltip says it too), then the details.
        self.columns = TitleFirst(
            self.table,
            UnansweredColumn.TITLE,
            [
                UnansweredColumn.VIEWS,
                UnansweredColumn.LIKES,
                UnansweredColumn.WHY,
                UnansweredColumn.CATEGORY,
                UnansweredColumn.AUTHOR,
                UnansweredColumn.COMMUNITY,
            ],
        )
        header = self.table.horizontalHeader()
        header.setSortIndicator(UnansweredColumn.WAITING, Qt.SortOrder.DescendingOrder)
        self.stack(strip, self.pages)
        self._update_buttons()

    # -- InsightView -------------------------------------------------------------------------

    def make_model(self) -> UnansweredModel:
        return UnansweredModel(self)

    def filter_placeholder(self) -> str:
        return self.tr("Filter unanswered topics  /")

    def table_name(self) -> str:
        return self.tr("Unanswered topics")

    def primary_column(self) -> int:
        return UnansweredColumn.TITLE

    def make_job(
        self, community_ids: list[int] | None, now: dt.datetime
    ) -> Callable[[TaskContext | None], Any]:
        store = self.ctx.store
        return lambda _task: insights.unanswered_topics(store, community_ids, now=now, tr=translate_insight)

    def after_load(self, payload: Any) -> None:
        self._describe_definition()
        self._update_buttons()
        self._fit_waiting_column()
        self._update_snoozed_button()

    def _fit_waiting_column(self) -> None:
        """The wait is never cut ("5 …" in French): the column is as wide as its longest text."""
        column = UnansweredColumn.WAITING
        rows = self.model.rows
        if len(rows) > 2_000:  # a long list: both ends and a spread in between (each call is Python)
            rows = rows[:500] + rows[-500:] + rows[500 : -500 : max(1, (len(rows) - 1000) // 1000)]
        texts = {self.model.display_text(r, column) for r in rows}
        font = QFont(self.table.font())
        font.setBold(True)  # long waits are shown in bold
        metrics = QFontMetrics(font)
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        header = self.table.horizontalHeader()
        label = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
        icon = self.table.iconSize().width() if self.table.iconSize().isValid() else 16
        needed = max(
            widest + icon + 6 + 12 + 10, header.fontMetrics().horizontalAdvance(label) + 30
        )  # icon, padding
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)

    def on_community_changed(self) -> None:
        self._describe_definition()

    def empty_words(self) -> tuple[str, str]:
        if not self.ctx.store.counts()["topics"]:
            return (
                self.tr("No topics yet"),
                self.tr("Unanswered topics appear after the first sync. Press F5 to sync now."),
            )
        return (
            self.tr("Nothing waiting. Everything has an answer."),
            self.tr(
                "New questions appear here after each sync. Topics you marked handled come back when someone posts again."
            ),
        )

    def update_empty_state(self) -> None:
        super().update_empty_state()
        self._update_buttons()

    def badge_tip(self, count: int) -> str:
        return self.tr("%n topic(s) waiting for an answer, as listed here", "", count)

    def current(self) -> TopicRef | None:
        ref = super().current()
        return ref if isinstance(ref, TopicRef) else None

    # -- triage ------------------------------------------------------------------------------

    @Slot()
    def mark_handled_current(self) -> bool:
        """``e``: the topic leaves the list until new activity; ``z`` brings it back."""
        row = self.current_row()
        if not isinstance(row, UnansweredRow):
            return False
        token = insights.mark_handled(self.ctx.store, row.community_id, row.topic_id, now=self.clock.now())
        self._take_out(token)
        self.message.emit(self.tr("Marked handled — z to undo"))
        return True

    def snooze_current(self, pick: SnoozePick | dt.datetime) -> bool:
        """Snooze the selected topic until a pick or a time; False when nothing was done."""
        row = self.current_row()
        if not isinstance(row, UnansweredRow):
            return False
        now = self.clock.now()
        until = pick if isinstance(pick, dt.datetime) else snooze_until(pick, now, self.zone)
        if until is None or until <= now:
            self.message.emit(self.tr("That time has passed; pick a later one."))
            return False
        token = insights.snooze(self.ctx.store, row.community_id, row.topic_id, until, now=now)
        self._take_out(token)
        self.message.emit(self.tr("Snoozed until %1 — z to undo").replace("%1", self._when_text(until, now)))
        return True

    def snoozed_topics(self) -> list[insights.SnoozedTopic]:
        """The topics snoozed in the communities shown, the soonest back first."""
        ids = self.community_ids if self.community_choice is None else [self.community_choice]
        return insights.snoozed(self.ctx.store, ids, now=self.clock.now())

    def unsnooze(self, community_id: int, topic_id: str) -> None:
        """Bring a snoozed topic back now (``z`` snoozes it again); it is selected when it returns."""
        token = insights.clear(self.ctx.store, community_id, topic_id)
        self._undo.append(token)
        del self._undo[:-UNDO_DEPTH]
        self._select_after_refresh = TopicRef(community_id, topic_id)
        self.refresh()
        self._update_snoozed_button()
        self.message.emit(self.tr("Back in the list — z to snooze it again"))

    @Slot()
    def undo(self) -> None:
        """``z`` / Ctrl+Z: put back the triage the last ``e`` or ``s`` replaced; the row returns."""
        if not self._undo:
            self.message.emit(self.tr("Nothing to undo."))
            return
        token = self._undo.pop()
        if not insights.undo(self.ctx.store, token):
            self.message.emit(self.tr("Not undone: this topic was triaged again since."))
            return
        self._update_snoozed_button()
        if token.applied is None:  # an un-snooze undone: the topic is snoozed again
            self.refresh()
            self.message.emit(self.tr("Undone: the topic is snoozed again."))
            return
        self._select_after_refresh = TopicRef(token.community_id, token.topic_id)
        self.refresh()
        self.message.emit(self.tr("Undone: the topic is back in the list."))

    @Slot()
    def show_snooze_menu(self) -> None:
        if self.current_row() is None:
            return
        rect = self.table.visualRect(self.table.currentIndex())
        self.snooze_menu.popup(self.table.viewport().mapToGlobal(rect.bottomLeft()))

    # -- export ------------------------------------------------------------------------------

    @Slot()
    def export_csv(self) -> None:
        rows = self.visible_rows()
        if not rows:
            self.message.emit(self.tr("Nothing to export: the list is empty."))
            return
        path = self.ask_export_path(self)
        if not path:
            return
        try:
            with open(path, "w", encoding="utf-8", newline="") as file:
                to_csv(rows, file, CSV_COLUMNS)
        except OSError as exc:
            dialogs.warning(
                self,
                self.tr("The CSV file could not be written (%1). Choose another folder.").replace(
                    "%1", exc.strerror or str(exc)
                ),
            )
            return
        self.message.emit(
            self.tr("%n topic(s) exported to %1.", "", len(rows)).replace("%1", Path(path).name)
        )

    @classmethod
    def ask_export_path(cls, parent: QWidget) -> str:
        """Where to save the CSV (tests replace this method; ``ui.dialogs`` has no file dialog)."""
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("UnansweredView", "Export unanswered topics"),
            str(Path.home() / "unanswered.csv"),
            QCoreApplication.translate("UnansweredView", "CSV files (*.csv)"),
        )
        return path

    # -- internals ---------------------------------------------------------------------------

    def _take_out(self, token: UndoToken) -> None:
        """The row leaves at once; the selection moves to the row that took its place."""
        self._undo.append(token)
        del self._undo[:-UNDO_DEPTH]
        proxy_row = self.table.currentIndex().row()
        source = self.model.row_of(TopicRef(token.community_id, token.topic_id))
        if source >= 0:
            self.model.remove(source)
        if self.proxy.rowCount():
            self.select_proxy_row(min(max(proxy_row, 0), self.proxy.rowCount() - 1))
        else:
            self.selected.emit(None)
        self.count_changed.emit(len(self.model.rows))
        self.update_empty_state()
        self._update_snoozed_button()
        if self.loading:
            self.refresh()  # a job started before this change would bring the row back

    def row_commands(self) -> dict[str, Callable[[], object]]:
        """e, s, z: the window's keys, so they work wherever the focus is (the reading pane too)."""
        return {ROW_DONE: self.mark_handled_current, ROW_SNOOZE: self.show_snooze_menu, ROW_UNDO: self.undo}

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.split("  ")[0].rstrip("…"))
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _update_buttons(self) -> None:
        has_row = self.current_row() is not None
        self.handled_button.setEnabled(has_row)
        self.snooze_button.setEnabled(has_row)
        self.export_button.setEnabled(self.proxy.rowCount() > 0)

    def _update_snoozed_button(self) -> None:
        count = len(self.snoozed_topics())
        self.snoozed_button.setText(self.tr("Snoozed (%1)").replace("%1", str(count)))
        self.snoozed_button.setAccessibleName(self.tr("Snoozed topics: %1").replace("%1", str(count)))
        self.snoozed_button.setVisible(count > 0)  # only there when there is something to find

    @Slot()
    def _fill_snoozed_menu(self) -> None:
        self.snoozed_menu.clear()
        now = self.clock.now()
        topics = self.snoozed_topics()
        if not topics:
            self.snoozed_menu.addAction(self.tr("Nothing snoozed")).setEnabled(False)
            return
        header = self.snoozed_menu.addAction(self.tr("Bring back now:"))
        header.setEnabled(False)
        for topic in topics:
            title = topic.title or self.tr("Topic %1").replace("%1", topic.topic_id)
            if len(title) > 60:
                title = title[:59] + "…"
            back = self.tr("back %1").replace("%1", self._when_text(topic.until, now))
            action = self.snoozed_menu.addAction(f"{title.replace('&', '&&')}\t{back}")
            action.setData(f"{topic.community_id}:{topic.topic_id}")
            action.triggered.connect(
                lambda _checked=False, c=topic.community_id, t=topic.topic_id: self.unsnooze(c, t)
            )

    @Slot()
    def _fill_snooze_menu(self) -> None:
        self.snooze_menu.clear()
        now = self.clock.now()
        labels = {
            SnoozePick.HOUR: self.tr("In 1 &hour"),
            SnoozePick.EVENING: self.tr("This &evening"),
            SnoozePick.TOMORROW: self.tr("&Tomorrow 9:00"),
            SnoozePick.NEXT_WEEK: self.tr("Next &week"),
        }
        for pick in SnoozePick:
            when = snooze_until(pick, now, self.zone)
            text = labels[pick] if when is None else f"{labels[pick]}\t{self._when_text(when, now)}"
            action = self.snooze_menu.addAction(text)
            action.setData(str(pick))
            action.setEnabled(when is not None)
            action.triggered.connect(lambda _checked=False, p=pick: self.snooze_current(p))

    def _when_text(self, when: dt.datetime, now: dt.datetime) -> str:
        from ui.reminders_view import wall_text  # the same words as the reminders' times

        return wall_text(when, now, self.zone)

    def _describe_definition(self) -> None:
        """Say which definition and thresholds the list uses (per community, from the settings)."""
        communities = [
            c for c in self.communities() if self.community_choice is None or c.id == self.community_choice
        ]
        settings = {c.id: _settings(c) for c in communities}
        definitions = {s.unanswered_definition for s in settings.values()}
        thresholds = {s.thresholds_hours for s in settings.values()}
        lines = [
            f"{c.title or c.name}: {definition_words(settings[c.id].unanswered_definition)}"
            f" ({settings[c.id].thresholds_hours[0]} h / {settings[c.id].thresholds_hours[1]} h)"
            for c in communities
        ]
        if len(definitions) == 1:
            text = self.tr("Unanswered means %1.").replace("%1", definition_words(next(iter(definitions))))
        elif definitions:
            text = self.tr("Each community has its own definition of unanswered (hover to see them).")
        else:
            text = ""
        self.definition.setText(text)
        self.definition.setToolTip(
            "\n".join(lines) + "\n\n" + self.tr("Change it in the community's settings.") if lines else ""
        )
        self.legend.set_thresholds(next(iter(thresholds)) if len(thresholds) == 1 else None)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        super()._on_current_changed(current, previous)
        self._update_buttons()


class _Legend(QWidget):
    """The colour key, with the markers' shapes: ○ calm, ▲ amber after N h, ◆ red after M h."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("severityLegend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.labels: dict[Severity, QLabel] = {}
        for severity in Severity:
            icon = QLabel(self)
            icon.setPixmap(severity_icon(severity).pixmap(12, 12))
            text = QLabel(self)
            text.setObjectName("legendText")
            layout.addWidget(icon)
            layout.addWidget(text)
            layout.addSpacing(8)
            self.labels[severity] = text

    def set_thresholds(self, thresholds: tuple[int, int] | None) -> None:
        if thresholds is None:
            self.labels[Severity.CALM].setText(self.tr("recent"))
            self.labels[Severity.AMBER].setText(self.tr("waiting long"))
            self.labels[Severity.RED].setText(self.tr("too long (thresholds per community)"))
        else:
            amber, red = thresholds
            self.labels[Severity.CALM].setText(self.tr("under %1 h").replace("%1", str(amber)))
            self.labels[Severity.AMBER].setText(self.tr("%1 h+").replace("%1", str(amber)))
            self.labels[Severity.RED].setText(self.tr("%1 h+").replace("%1", str(red)))
        self.setAccessibleName(
            self.tr("Colour key: %1").replace("%1", ", ".join(label.text() for label in self.labels.values()))
        )
