"""The Silent members view: readers who never posted, members gone quiet, newcomers not yet heard.

On top, the participation headline (who ever published, who only read, the 90-9-1 buckets) as a
small chart with the numbers in words under it; then the segment tabs and the members, each with the
suggested next step. Selecting a member shows their card in the reading pane (``MemberRef``); ``m``
(the window's "remind me") acts on ``current()``.

Both the members and the headline come from ``moderator.insights`` in one job; the tabs and the
community chooser only filter what is already loaded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtWidgets import QLabel, QTabBar, QVBoxLayout, QWidget

from moderator import insights
from moderator.insights import Participation, Segment, SilentMemberRow
from ui.insight_models import SilentColumn, SilentModel, segment_icon
from ui.insight_views import InsightView, size_columns, translate_insight
from ui.participation_chart import ParticipationChart, participation_words
from ui.views import MemberRef

if TYPE_CHECKING:
    from ui.tasks import TaskContext

# The tabs, in UX.md's order: all, readers, gone quiet, newcomers.
TABS: tuple[Segment | None, ...] = (None, Segment.READER, Segment.GONE_QUIET, Segment.NEWCOMER)

_WIDTHS = {
    SilentColumn.COMMUNITY: 110,
    SilentColumn.USERNAME: 120,
    SilentColumn.NAME: 116,
    SilentColumn.SEGMENT: 122,
    SilentColumn.JOINED: 90,
    SilentColumn.LAST_SEEN: 90,
    SilentColumn.LAST_POSTED: 90,
    SilentColumn.POSTS: 56,
    SilentColumn.READS: 60,
    SilentColumn.NUDGED: 110,
    SilentColumn.DAYS_VISITED: 60,
}


@dataclasses.dataclass(frozen=True, slots=True)
class SilentPayload:
    rows: list[SilentMemberRow]
    participation: Participation
    nudged: dict[tuple[int, str], dt.datetime] = dataclasses.field(default_factory=dict)


class SilentMembersView(InsightView):
    view_key = "silent"
    TABLE_NAME = "silentMembers"

    def badge_tip(self, count: int) -> str:
        return self.tr("%n silent member(s), as listed here", "", count)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.segment: Segment | None = None
        self.participation: Participation | None = None

        self.chart = ParticipationChart(self)
        self.words = QLabel(self)
        self.words.setObjectName("participationWords")
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setWordWrap(True)
        self.words.setStyleSheet("QLabel#participationWords { color: palette(placeholder-text); }")
        headline = QWidget(self)
        headline.setObjectName("participationHeadline")
        headline_layout = QVBoxLayout(headline)
        headline_layout.setContentsMargins(12, 4, 12, 8)
        headline_layout.setSpacing(6)
        headline_layout.addWidget(self.chart)
        headline_layout.addWidget(self.words)
        self.headline = headline

        self.tabs = QTabBar(self)
        self.tabs.setObjectName("segmentTabs")
        self.tabs.setAccessibleName(self.tr("Segments"))
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        for segment in TABS:
            index = self.tabs.addTab(self._tab_title(segment, None))
            if segment is not None:
                self.tabs.setTabIcon(index, segment_icon(segment))
            self.tabs.setTabToolTip(index, self._tab_tip(segment))
        self.tabs.currentChanged.connect(self._on_tab)

        size_columns(
            self.table,
            _WIDTHS,
            hidden=[
                SilentColumn.NAME,  # in the username's tooltip and on the member card
                SilentColumn.JOINED,
                SilentColumn.LAST_POSTED,
                SilentColumn.POSTS,
                SilentColumn.READS,
                SilentColumn.DAYS_VISITED,
            ],
        )
        # The suggested next step is the point of the list: two wrapped lines, not one cut short.
        self.table.setWordWrap(True)
        line = self.table.fontMetrics().lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(2 * line + 12)
        self.stack(headline, self.tabs, self.pages)

    # -- InsightView -------------------------------------------------------------------------

    def make_model(self) -> SilentModel:
        return SilentModel(self)

    def filter_placeholder(self) -> str:
        return self.tr("Filter members  /")

    def table_name(self) -> str:
        return self.tr("Silent members")

    def primary_column(self) -> int:
        return SilentColumn.USERNAME

    def make_job(
        self, community_ids: list[int] | None, now: dt.datetime
    ) -> Callable[[TaskContext | None], Any]:
        store = self.ctx.store

        def job(_task: TaskContext | None) -> SilentPayload:
            from moderator.nudges import history

            rows = insights.silent_members(store, community_ids, now=now, tr=translate_insight)
            nudged = {
                (cid, name): at
                for cid in {r.community_id for r in rows}
                for name, at in history.last_nudged(store, cid).items()
            }
            return SilentPayload(rows, insights.participation(store, community_ids, now=now), nudged)

        return job

    def rows_of(self, payload: SilentPayload) -> list[Any]:
        self.model.nudged = payload.nudged
        return payload.rows

    def after_load(self, payload: SilentPayload) -> None:
        self.participation = payload.participation
        self._show_headline()

    def on_community_changed(self) -> None:
        self._show_headline()

    def accepts(self, row: SilentMemberRow) -> bool:
        return self.segment is None or row.segment is self.segment

    def own_filter_active(self) -> bool:
        return self.segment is not None

    def current(self) -> MemberRef | None:
        ref = super().current()
        return ref if isinstance(ref, MemberRef) else None

    def selection_hint(self) -> tuple[str, str]:
        return (
            self.tr("No member selected"),
            self.tr("Select a member in the list to see their card and the suggested next step (j / k)."),
        )

    def empty_words(self) -> tuple[str, str]:
        if self.participation is not None and not self.participation.members:
            return (
                self.tr("No members yet"),
                self.tr("Members arrive with the sync. Press F5 to sync now."),
            )
        return (
            self.tr("Nobody is silent"),
            self.tr("Everyone who reads also writes, and nobody went quiet. A rare community!"),
        )

    def filtered_empty_words(self) -> tuple[str, str]:
        if self.segment is Segment.READER:
            return (
                self.tr("No readers who never posted"),
                self.tr("Everyone who comes to read has written at least once."),
            )
        if self.segment is Segment.GONE_QUIET:
            return (
                self.tr("Nobody went quiet"),
                self.tr("Everyone who posted regularly in the last months still posts."),
            )
        if self.segment is Segment.NEWCOMER:
            return (
                self.tr("No newcomers waiting for a welcome"),
                self.tr("Members who joined recently have all posted already, or nobody joined."),
            )
        return super().filtered_empty_words()

    # -- segments ------------------------------------------------------------------------------

    def choose_segment(self, segment: Segment | None) -> None:
        """Show one segment (None: all of them)."""
        self.tabs.setCurrentIndex(TABS.index(segment))

    @Slot(int)
    def _on_tab(self, index: int) -> None:
        self.segment = TABS[index] if 0 <= index < len(TABS) else None
        self.apply_filters()

    def segment_counts(self) -> Counter[Segment]:
        """How many members of each segment the chosen community has (all communities: all)."""
        choice = self.community_choice
        return Counter(r.segment for r in self.model.rows if choice is None or r.community_id == choice)

    def shown_participation(self) -> Participation | None:
        """The headline of the chosen community, or of every community in scope."""
        p = self.participation
        if p is None or self.community_choice is None:
            return p
        if p.community_id == self.community_choice:
            return p
        return next((part for part in p.by_community if part.community_id == self.community_choice), p)

    def _show_headline(self) -> None:
        p = self.shown_participation()
        self.chart.set_participation(p)
        counts = self.segment_counts()
        words = participation_words(p) if p is not None else ""
        if p is not None and p.members:
            # "Only read 225" and "Readers 210" are not the same people: say how they meet.
            words += "\n" + (
                self.tr(
                    "Of those who never posted, the tabs list %1 readers and %2 newcomers (joined recently)."
                )
                .replace("%1", QLocale().toString(counts[Segment.READER]))
                .replace("%2", QLocale().toString(counts[Segment.NEWCOMER]))
            )
        self.words.setText(words)
        total = sum(counts.values())
        for index, segment in enumerate(TABS):
            self.tabs.setTabText(
                index, self._tab_title(segment, total if segment is None else counts[segment])
            )

    def _tab_title(self, segment: Segment | None, count: int | None) -> str:
        title = {
            None: self.tr("All"),
            Segment.READER: self.tr("Readers"),
            Segment.GONE_QUIET: self.tr("Gone quiet"),
            Segment.NEWCOMER: self.tr("Newcomers"),
        }[segment]
        return title if count is None else f"{title}  {count}"

    def _tab_tip(self, segment: Segment | None) -> str:
        return {
            None: self.tr("Every silent member"),
            Segment.READER: self.tr("Never posted, but they come to read"),
            Segment.GONE_QUIET: self.tr("Posted regularly, then stopped"),
            Segment.NEWCOMER: self.tr("Joined recently and have not posted yet"),
        }[segment]
