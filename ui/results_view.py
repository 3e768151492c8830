"""Results (``g x``): did the animation work? Six charts over the last weeks and months.

The figures are ``moderator.insights.results``'s (the same as ``python main.py results``), computed in
a job off the GUI thread, for the communities of the window's scope pooled together. Each chart has a
one-line reading, values on hover, and PNG and CSV export; periods before the local copy starts are
shaded and say so instead of showing zeros.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from moderator.clock import Clock, SystemClock
from moderator.insights import results
from moderator.insights.results import (
    ActivityWeek,
    ContactOutcome,
    IdeaMonth,
    ParticipationMonth,
    ResponseWeek,
)
from ui.insight_views import translate_insight
from ui.views import View

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from ui.result_chart import ChartCard, ChartData
    from ui.tasks import TaskContext

PERIODS = (12, 26, 52)  # weeks the chooser offers


@dataclasses.dataclass(frozen=True, slots=True)
class Payload:
    response: list[ResponseWeek]
    participation: list[ParticipationMonth]
    ideas: list[IdeaMonth]
    activity: list[ActivityWeek]
    contacts: list[ContactOutcome]
    history_start: dt.datetime | None


def compute(
    store: Any,
    community_ids: list[int] | None,
    weeks_back: int,
    now: dt.datetime,
    tz: dt.tzinfo | None = None,
) -> Payload:
    """Everything the view shows, for the communities in scope (Qt-free: runs in a worker)."""
    months_back = max(2, math.ceil(weeks_back / 4.35))
    starts = [
        s
        for c in store.communities()
        if (community_ids is None or c.id in community_ids) and (s := results.history_start(store, c.id))
    ]
    return Payload(
        response=results.first_response(
            store, community_ids, weeks_back=weeks_back, now=now, tz=tz, combined=True
        ),
        participation=results.participation_by_month(
            store, community_ids, months_back=months_back, now=now, tz=tz
        ),
        ideas=results.ideas_by_month(store, community_ids, months_back=months_back, now=now, tz=tz),
        activity=results.own_activity(store, community_ids, weeks_back=weeks_back, now=now, tz=tz),
        contacts=results.contact_outcomes(store, results.recorded_contacts(store), community_ids, now=now),
        history_start=min(starts) if starts else None,
    )


def _by_period(rows: Sequence[Any], key: str) -> list[list[Any]]:
    """Rows grouped by their period label, in the order the periods come."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    return list(groups.values())


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "—"


class ResultsView(View):
    """Charts, not a list: nothing to read in the reading pane, which the window hides meanwhile."""

    view_key = "results"
    uses_reading_pane = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, clock: Clock | None = None) -> None:
        super().__init__(ctx, parent)
        self.clock = clock or SystemClock()
        self.payload: Payload | None = None
        self.loading = False
        self._generation = 0
        self.heading = QLabel(self.tr("Results"))
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        for weeks_back in PERIODS:
            self.period.addItem(self.tr("Last %n week(s)", "", weeks_back), weeks_back)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.period)

        self.cards: tuple[ChartCard, ...] = ()
        self._columns = 0
        self.grid = QGridLayout()
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addLayout(top)
        inner.addWidget(self.status)
        inner.addLayout(self.grid)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setFocusProxy(self.period)

    def _ensure_cards(self) -> None:
        """The charts, built when the view is first shown: pyqtgraph stays off the app's start path."""
        if self.cards:
            return
        from ui.result_chart import ChartCard

        self.response = ChartCard(self.tr("Time to first response"), "first-response")
        self.within = ChartCard(self.tr("Answered within the first threshold"), "answered-in-time")
        self.participation = ChartCard(self.tr("Who publishes"), "publishers")
        self.ideas = ChartCard(self.tr("Ideas answered by the team"), "ideas")
        self.contacts = ChartCard(self.tr("Nudges and invitations that worked"), "contacts")
        self.activity = ChartCard(self.tr("Your own activity"), "activity")
        self.cards = (
            self.response,
            self.within,
            self.participation,
            self.ideas,
            self.contacts,
            self.activity,
        )
        for card in self.cards:
            card.message.connect(self.message)
            card.hide()  # until there are figures: empty axes say nothing
        self._columns = 0
        self._relayout()

    CARD_WIDTH = 420  # below two of these side by side, the charts go one under the other

    def _relayout(self) -> None:
        columns = 2 if self.width() >= 2 * self.CARD_WIDTH + 40 else 1
        if columns == self._columns or not self.cards:
            return
        self._columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i // columns, i % columns)
        self.grid.setColumnStretch(1, 1 if columns == 2 else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._relayout()

    # -- View API ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._ensure_cards()
        self._generation += 1
        generation = self._generation
        weeks_back = int(self.period.currentData() or PERIODS[0])
        now = self.clock.now()
        ids = None if self.community_ids is None else list(self.community_ids)
        store = self.ctx.store

        def job(_task: TaskContext | None) -> Payload:
            return compute(store, ids, weeks_back, now)

        if self.tasks is None:
            self._apply(generation, job(None))
            return
        if self.tasks.closed:
            return
        self.loading = True
        self.status.setText(self.tr("Reading the local copy…"))
        self.tasks.run(
            job,
            on_done=lambda payload: self._apply(generation, payload),
            on_error=lambda exc: self._failed(generation, exc),
            label="results",
        )

    def selection_hint(self) -> tuple[str, str]:
        return (
            self.tr("Charts, nothing to read"),
            self.tr(
                "Results show how the communities respond over the weeks; open a topic from another view to read it here."
            ),
        )

    def busy(self) -> bool:
        return self.loading

    def focus_list(self) -> None:
        self.period.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- results -----------------------------------------------------------------------------------

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.status.setText(self.tr("The results could not be computed: %1").replace("%1", str(exc)))

    def _apply(self, generation: int, payload: Payload) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        self.loading = False
        self.payload = payload
        for card in self.cards:
            card.show()
        locale = QLocale()
        start = payload.history_start
        if start is None:
            self.status.setText(
                self.tr("No post in the local copy yet: sync a community to see its results.")
            )
            note = self.tr("No local data")
        else:
            when = locale.toString(_qdate(start), "d MMMM yyyy")
            self.status.setText(
                self.tr(
                    "Computed from the local copy, which starts on %1, and from what you did in the app."
                ).replace("%1", when)
            )
            note = self.tr("No local data before %1").replace("%1", when)
        self.response.set_data(self._response_chart(payload.response, note))
        self.within.set_data(self._within_chart(payload.response, note))
        self.participation.set_data(self._participation_chart(payload.participation, note))
        self.ideas.set_data(self._ideas_chart(payload.ideas, note))
        self.contacts.set_data(self._contacts_chart(payload.contacts))
        self.activity.set_data(self._activity_chart(payload.activity))

    # -- the charts --------------------------------------------------------------------------------

    def _week_labels(self, rows: Sequence[Any], attr: str) -> list[str]:
        locale = QLocale()
        return [locale.toString(_qdate(getattr(r, attr)), "d MMM") for r in rows]

    def _month_labels(self, rows: Sequence[Any], attr: str) -> list[str]:
        locale = QLocale()
        return [locale.toString(_qdate(getattr(r, attr)), "MMM yy") for r in rows]

    def _response_chart(self, rows: list[ResponseWeek], note: str) -> ChartData:
        from ui.result_chart import ChartData, Series

        locale = QLocale()

        def month_name(when: dt.datetime) -> str:
            return locale.toString(_qdate(when), "MMMM yyyy")

        hours = self.tr(" h")
        return ChartData(
            labels=self._week_labels(rows, "week_start"),
            series=(
                Series(self.tr("Median"), [r.median_hours for r in rows], "line", hours),
                Series(self.tr("90th percentile"), [r.p90_hours for r in rows], "line", hours),
            ),
            covered=[r.covered for r in rows],
            reading=results.first_response_reading(rows, tr=translate_insight, month_name=month_name),
            uncovered_note=note,
            rows=rows,
        )

    def _within_chart(self, rows: list[ResponseWeek], note: str) -> ChartData:
        from ui.result_chart import ChartData, Series

        covered = [r for r in rows if r.covered]
        known = sum(r.topics - r.unknown for r in covered)
        within = sum(r.answered_within for r in covered)
        threshold = rows[0].within_hours if rows else 24
        if known:
            reading = self.tr("%1 of the %2 topics created in these weeks got a first response within %3 h.")
            reading = (
                reading.replace("%1", _pct(within, known))
                .replace("%2", str(known))
                .replace("%3", str(threshold))
            )
        else:
            reading = self.tr("No topic was created in these weeks.")
        return ChartData(
            labels=self._week_labels(rows, "week_start"),
            series=(
                Series(self.tr("Topics"), [r.topics if r.covered else None for r in rows], "bar"),
                Series(
                    self.tr("Answered within %1 h").replace("%1", str(threshold)),
                    [r.answered_within if r.covered else None for r in rows],
                    "bar",
                ),
            ),
            covered=[r.covered for r in rows],
            reading=reading,
            uncovered_note=note,
            rows=rows,
        )

    def _participation_chart(self, rows: list[ParticipationMonth], note: str) -> ChartData:
        from ui.result_chart import ChartData, Series

        groups = _by_period(rows, "month")
        firsts = [g[0] for g in groups]
        publishers = [sum(r.publishers for r in g) for g in groups]
        silent = [sum(r.silent for r in g) for g in groups]
        first_time = [sum(r.first_time for r in g) for g in groups]
        covered = [all(r.covered for r in g) for g in groups]
        reading = self.tr("No member in the local copy yet.")
        # The last finished month says more than the first days of this one.
        for i in range(len(groups) - 2, -1, -1) if len(groups) > 1 else range(len(groups) - 1, -1, -1):
            members = publishers[i] + silent[i]
            if covered[i] and members:
                month = QLocale().toString(_qdate(firsts[i].month_start), "MMMM")
                reading = (
                    self.tr("In %1, %2 of %3 members published (%4); %5 wrote for the first time.")
                    .replace("%1", month)
                    .replace("%2", str(publishers[i]))
                    .replace("%3", str(members))
                    .replace("%4", _pct(publishers[i], members))
                    .replace("%5", str(first_time[i]))
                )
                break
        return ChartData(
            labels=self._month_labels(firsts, "month_start"),
            series=(
                Series(self.tr("Published"), publishers, "stack"),
                Series(self.tr("Did not publish"), silent, "stack"),
                Series(self.tr("First time"), first_time, "line"),
            ),
            covered=covered,
            reading=reading,
            uncovered_note=note,
            rows=rows,
        )

    def _ideas_chart(self, rows: list[IdeaMonth], note: str) -> ChartData:
        from ui.result_chart import ChartData, Series

        groups = _by_period(rows, "month")
        firsts = [g[0] for g in groups]
        ideas = [sum(r.ideas for r in g) for g in groups]
        answered = [sum(r.answered for r in g) for g in groups]
        covered = [all(r.covered for r in g) for g in groups]
        total = sum(n for n, c in zip(ideas, covered, strict=True) if c)
        done = sum(n for n, c in zip(answered, covered, strict=True) if c)
        if total:
            reading = (
                self.tr("%1 of %2 ideas got an answer from the team (%3); point at a month for how fast.")
                .replace("%1", str(done))
                .replace("%2", str(total))
                .replace("%3", _pct(done, total))
            )
        else:
            reading = self.tr("No idea was posted in these months.")
        return ChartData(
            labels=self._month_labels(firsts, "month_start"),
            series=(
                Series(self.tr("Ideas"), ideas, "bar"),
                Series(self.tr("Answered by the team"), answered, "bar"),
                Series(self.tr("Median wait"), [_month_median(g) for g in groups], "hidden", self.tr(" h")),
            ),
            covered=covered,
            reading=reading,
            uncovered_note=note,
            rows=rows,
        )

    def _contacts_chart(self, rows: list[ContactOutcome]) -> ChartData:
        from ui.result_chart import ChartData, Series

        names = {
            "reader": self.tr("Readers"),
            "gone_quiet": self.tr("Gone quiet"),
            "newcomer": self.tr("Newcomers"),
            "invitation": self.tr("Invited to answer"),
        }
        by_segment: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
        for r in rows:
            tally = by_segment[r.segment]
            for i, value in enumerate(
                (r.contacted, r.contacted_posted, r.comparable, r.comparable_posted, r.pending)
            ):
                tally[i] += value
        segments = [s for s in names if s in by_segment]
        contacted = sum(by_segment[s][0] for s in segments)
        posted = sum(by_segment[s][1] for s in segments)
        peers = sum(by_segment[s][2] for s in segments if s != "invitation")
        peers_posted = sum(by_segment[s][3] for s in segments if s != "invitation")
        pending = sum(by_segment[s][4] for s in segments)
        if contacted:
            reading = (
                self.tr(
                    "Of %1 members you contacted, %2 posted within 30 days (%3), against %4 of comparable members."
                )
                .replace("%1", str(contacted))
                .replace("%2", str(posted))
                .replace("%3", _pct(posted, contacted))
                .replace("%4", _pct(peers_posted, peers))
            )
        elif pending:
            reading = self.tr("%n contact(s) still within their 30 days: come back later.", "", pending)
        else:
            reading = self.tr(
                "Nudges and invitations you send from the app are measured here, 30 days after."
            )

        def rate(part: int, whole: int) -> float | None:
            return round(100 * part / whole) if whole else None

        return ChartData(
            labels=[names[s] for s in segments],
            series=(
                Series(
                    self.tr("Contacted who posted"),
                    [rate(by_segment[s][1], by_segment[s][0]) for s in segments],
                    "bar",
                    " %",
                ),
                Series(
                    self.tr("Comparable who posted"),
                    [rate(by_segment[s][3], by_segment[s][2]) for s in segments],
                    "bar",
                    " %",
                ),
            ),
            covered=[True] * len(segments),
            reading=reading,
            rows=rows,
        )

    def _activity_chart(self, rows: list[ActivityWeek]) -> ChartData:
        from ui.result_chart import ChartData, Series

        groups = _by_period(rows, "week")
        firsts = [g[0] for g in groups]
        fields = (
            ("replies_sent", self.tr("Replies sent")),
            ("topics_handled", self.tr("Topics handled")),
            ("reminders_done", self.tr("Reminders done")),
            ("members_contacted", self.tr("Members contacted")),
        )
        totals = {f: [sum(getattr(r, f) for r in g) for g in groups] for f, _ in fields}
        reading = (
            self.tr(
                "In these weeks: %1 replies sent, %2 topics handled, %3 reminders done, %4 members contacted."
            )
            .replace("%1", str(sum(totals["replies_sent"])))
            .replace("%2", str(sum(totals["topics_handled"])))
            .replace("%3", str(sum(totals["reminders_done"])))
            .replace("%4", str(sum(totals["members_contacted"])))
        )
        return ChartData(
            labels=self._week_labels(firsts, "week_start"),
            series=tuple(Series(name, totals[f], "stack") for f, name in fields),
            covered=[True] * len(groups),
            reading=reading,
            rows=rows,
        )


def _qdate(when: dt.datetime) -> QDate:
    local = when.astimezone()
    return QDate(local.year, local.month, local.day)


def _month_median(group: Sequence[IdeaMonth]) -> float | None:
    """The month's median wait for a team answer (one community; several: not poolable, left out)."""
    return group[0].median_hours if len(group) == 1 else None
