"""The Trending ideas view: topics gaining traction, each rank explained, beside the rising terms.

Left, the ranked topics with the core's explanation ("+14 likes and 6 new participants in 3 days");
right, the rising terms (term, recent, before, growth). Clicking a term lists only the topics that
use it (in a post or the title); clicking it again, or the ✕ on the filter chip, shows them all.

"Idea categories only" follows the community settings (``idea_category_ids``, ``idea_tags``): the
core looks only there when they are set. Unticked, every category is scored (``trending_rows``).

Three jobs, never the GUI thread: the topics, the terms (the first count of a big history takes a
while and reports progress, so the topics do not wait for it), and the topics using a term.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from moderator import insights
from moderator.insights import TermRow, TrendingTopicRow, term_index
from moderator.insights.terms import terms_of
from moderator.settings import CommunitySettings
from moderator.store import Store
from ui.empty_state import EmptyState
from ui.insight_models import (
    REF_ROLE,
    TermColumn,
    TermsModel,
    TrendingColumn,
    TrendingModel,
    growth_words,
)
from ui.insight_views import InsightView, make_table, size_columns, translate_insight
from ui.views import TopicRef

if TYPE_CHECKING:
    from ui.tasks import TaskContext

log = logging.getLogger(__name__)

TopicKey = tuple[int, str]
WIDE = 900  # from this width the terms stand beside the topics, else under them

_WIDTHS = {
    TrendingColumn.RANK: 30,
    TrendingColumn.COMMUNITY: 96,
    TrendingColumn.TITLE: 180,
    TrendingColumn.CATEGORY: 92,
    TrendingColumn.REPLIES: 58,
    TrendingColumn.LIKES: 50,
    TrendingColumn.PARTICIPANTS: 60,
}


# -- Qt-free work (runs in jobs) ---------------------------------------------------------------------


def trending_rows(
    store: Store, community_ids: list[int] | None, *, now: dt.datetime, ideas_only: bool
) -> list[TrendingTopicRow]:
    """The rising topics; ``ideas_only=False`` scores every category even where ideas are configured."""
    return insights.trending_ideas(store, community_ids, now=now, ideas_only=ideas_only, tr=translate_insight)


def rising_terms(
    store: Store,
    community_ids: list[int] | None,
    *,
    now: dt.datetime,
    progress: Callable[[int, int], None] | None,
) -> list[TermRow]:
    """Bring the term index up to date (reporting progress: a first count is long), then the terms."""
    ids = (
        community_ids
        if community_ids is not None
        else [c.id for c in store.communities() if c.id is not None]
    )
    term_index.refresh(store, ids, progress=progress)
    return insights.trending_terms(store, ids, now=now, refresh=False, tr=translate_insight)


def topics_with_term(store: Store, term: TermRow, candidates: Collection[TopicKey]) -> set[TopicKey]:
    """Which of ``candidates`` use the term: in a post (full-text index), in the title, or as examples.

    The full-text index folds accents and case as the terms do; a two-word term matches its words
    close together (stop words may stand between them).
    """
    wanted = set(candidates)
    found = {(e.community_id, e.topic_id) for e in term.examples} & wanted
    words = term.key.split()
    if words:
        quoted = " ".join(f'"{w}"' for w in words)
        match = quoted if len(words) == 1 else f"NEAR({quoted}, 3)"
        try:
            cursor = store.read().execute(
                "SELECT DISTINCT p.community_id, p.topic_id FROM posts_fts f JOIN posts p ON p.rowid = f.rowid"
                " WHERE posts_fts MATCH ?",
                (match,),
            )
            found |= {(int(cid), str(tid)) for cid, tid in cursor} & wanted
        except sqlite3.OperationalError as exc:  # a term the index cannot parse: the titles still tell
            log.info("Full-text search for %r failed: %s", term.key, exc)
    titles = _titles(store, wanted - found)
    found |= {key for key, title in titles.items() if term.key in terms_of(title)}
    return found


def _titles(store: Store, keys: Iterable[TopicKey]) -> dict[TopicKey, str]:
    out = {}
    for cid, tid in keys:
        row = (
            store.read()
            .execute("SELECT title FROM topics WHERE community_id=? AND id=?", (cid, tid))
            .fetchone()
        )
        if row is not None:
            out[(cid, tid)] = row[0]
    return out


# -- the view ----------------------------------------------------------------------------------------


class TrendingIdeasView(InsightView):
    view_key = "trending"
    TABLE_NAME = "trendingTopics"
    #: A topic counts on the badge from this score: its activity in the window, beyond its own past
    #: pace, still worth at least one fresh reply or like after the time decay (see
    #: moderator.insights.trending). The list shows every rising topic; the badge, the clear ones.
    BADGE_MIN_SCORE = 1.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ideas_only = True
        self.term: TermRow | None = None
        self.term_topics: set[TopicKey] | None = None  # None: no term chosen
        self._terms_generation = 0
        self._term_generation = 0
        self.terms_loading = False
        self._sized = False
        self._terms_dirty = False
        self._terms_again = False

        self.ideas_box = QCheckBox(self.tr("Idea categories only"), self)
        self.ideas_box.setObjectName("ideasOnly")
        self.ideas_box.setChecked(True)
        self.ideas_box.toggled.connect(self._on_ideas_toggled)
        self.toolbar_layout.addWidget(self.ideas_box)

        self.chip = QPushButton(self)
        self.chip.setObjectName("termChip")
        self.chip.setFlat(True)
        self.chip.setCursor(Qt.CursorShape.PointingHandCursor)
        self.chip.setAccessibleName(self.tr("Clear the term filter"))
        self.chip.setToolTip(self.tr("Show every rising topic again"))
        self.chip.clicked.connect(self.clear_term)
        self.chip.hide()
        chip_row = QWidget(self)
        chip_layout = QHBoxLayout(chip_row)
        chip_layout.setContentsMargins(8, 0, 8, 4)
        chip_layout.addWidget(self.chip)
        self.term_why = QLabel(self)
        self.term_why.setObjectName("panelHint")
        self.term_why.setTextFormat(Qt.TextFormat.PlainText)
        self.term_why.setWordWrap(True)
        self.term_why.hide()
        chip_layout.addWidget(self.term_why, 1)
        self.chip_row = chip_row
        chip_row.hide()

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(chip_row)
        left_layout.addWidget(self.pages, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("trendingSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._terms_panel())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        size_columns(
            self.table,
            _WIDTHS,
            stretch=[TrendingColumn.TITLE],
            hidden=[TrendingColumn.REPLIES, TrendingColumn.LIKES, TrendingColumn.PARTICIPANTS],
        )
        self.setStyleSheet(
            "QPushButton#termChip { border: 1px solid palette(highlight); border-radius: 10px;"
            " padding: 2px 10px; color: palette(highlight); }"
            "QLabel#panelTitle { font-weight: 600; }"
            "QLabel#panelHint { color: palette(placeholder-text); }"
        )
        self.stack(self.splitter)

    def badge_count(self) -> int:
        return sum(1 for row in self.model.rows if row.score >= self.BADGE_MIN_SCORE)

    def badge_tip(self, count: int) -> str:
        return self.tr("%n clearly rising idea(s), of %1 listed", "", count).replace(
            "%1", str(len(self.model.rows))
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Terms beside the topics when the view is wide, under them when it is not (the middle pane
        of a laptop screen): both lists keep room for their words."""
        super().resizeEvent(event)
        wide = event.size().width() >= WIDE
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation or not self._sized:
            self._sized = True
            self.splitter.setOrientation(orientation)
            self.terms_layout.setContentsMargins(6 if wide else 0, 8, 0, 0)
            # Proportions (the splitter scales them to its size): a 300 px column, or 38 % below.
            self.splitter.setSizes([max(1, event.size().width() - 300), 300] if wide else [62, 38])

    def _terms_panel(self) -> QWidget:
        panel = QWidget(self)
        panel.setObjectName("termsPanel")
        title = QLabel(self.tr("Rising terms"), panel)
        title.setObjectName("panelTitle")
        self.terms_hint = QLabel(
            self.tr(
                "Last 7 days against before; ×N compares the share of posts using it. Click a term to see its topics."
            ),
            panel,
        )
        self.terms_hint.setToolTip(growth_words())
        self.terms_hint.setObjectName("panelHint")
        self.terms_hint.setWordWrap(True)
        self.terms_model = TermsModel(self)
        self.terms_table = make_table(panel, self.terms_model, "risingTerms", self.tr("Rising terms"))
        self.terms_table.clicked.connect(self._on_term_clicked)
        self.terms_table.activated.connect(self._on_term_clicked)
        header = self.terms_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TermColumn.TERM, header.ResizeMode.Stretch)
        metrics = header.fontMetrics()
        for column in (TermColumn.RECENT, TermColumn.BASELINE, TermColumn.GROWTH):
            label = str(self.terms_model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(46, metrics.horizontalAdvance(label) + 18))
        self.terms_empty = EmptyState(panel)
        self.terms_pages = QStackedWidget(panel)
        self.terms_pages.addWidget(self.terms_table)
        self.terms_pages.addWidget(self.terms_empty)
        heading = QHBoxLayout()
        heading.setContentsMargins(10, 0, 10, 0)
        heading.setSpacing(10)
        heading.addWidget(title)
        heading.addWidget(self.terms_hint, 1)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(heading)
        layout.addWidget(self.terms_pages, 1)
        self.terms_layout = layout
        self._terms_state(self.tr("Counting words…"), "")
        return panel

    # -- InsightView -------------------------------------------------------------------------

    def make_model(self) -> TrendingModel:
        return TrendingModel(self)

    def filter_placeholder(self) -> str:
        return self.tr("Filter trending topics  /")

    def table_name(self) -> str:
        return self.tr("Trending ideas")

    def primary_column(self) -> int:
        return TrendingColumn.TITLE

    def make_job(
        self, community_ids: list[int] | None, now: dt.datetime
    ) -> Callable[[TaskContext | None], Any]:
        store, ideas_only = self.ctx.store, self.ideas_only and self.ideas_box.isEnabled()
        return lambda _task: trending_rows(store, community_ids, now=now, ideas_only=ideas_only)

    def refresh(self) -> None:
        self._update_ideas_box()
        super().refresh()
        if self.isVisible() or self.tasks is None:
            self.refresh_terms()
        else:
            self._terms_dirty = True  # a first count can be long: only for a user who looks

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._terms_dirty:
            self._terms_dirty = False
            self.refresh_terms()

    def busy(self) -> bool:
        return self.loading or self.terms_loading

    def after_load(self, payload: Any) -> None:
        if self.term is not None:
            self.filter_by_term(self.term)  # the topics changed: which use the term may too

    def on_community_changed(self) -> None:
        self.refresh_terms()  # terms are counted over the communities chosen together

    def accepts(self, row: TrendingTopicRow) -> bool:
        return self.term_topics is None or (row.community_id, row.topic_id) in self.term_topics

    def own_filter_active(self) -> bool:
        return self.term_topics is not None

    def current(self) -> TopicRef | None:
        ref = super().current()
        return ref if isinstance(ref, TopicRef) else None

    def empty_words(self) -> tuple[str, str]:
        if self.ideas_only and self.ideas_box.isEnabled():
            return (
                self.tr("No idea is rising this week"),
                self.tr(
                    "Nothing in the idea categories picked up. Untick “Idea categories only” to look everywhere."
                ),
            )
        return (
            self.tr("Nothing is rising this week"),
            self.tr("Topics appear here when replies, likes or new people pick up. Quiet weeks happen."),
        )

    def filtered_empty_words(self) -> tuple[str, str]:
        if self.term is not None:
            return (
                self.tr("No rising topic uses “%1”").replace("%1", self.term.term),
                self.tr("Click the term again, or its ✕ above, to see every topic."),
            )
        return super().filtered_empty_words()

    # -- terms -------------------------------------------------------------------------------

    def refresh_terms(self) -> None:
        """Recount the rising terms for the communities chosen (a job; progress on the first count)."""
        self._terms_dirty = False
        self._terms_generation += 1
        generation = self._terms_generation
        ids = [self.community_choice] if self.community_choice is not None else self.community_ids
        store, now = self.ctx.store, self.clock.now()
        if self.tasks is None:
            self._apply_terms(generation, rising_terms(store, ids, now=now, progress=None))
            return
        if self.tasks.closed:
            return
        if self.terms_loading:
            # One count at a time (a first count of a big history is long, and a sync asks every
            # few seconds): the running one's result is dropped and this one starts when it ends.
            self._terms_again = True
            return
        self.terms_loading = True
        if self.terms_model.rowCount() == 0:
            self._terms_state(self.tr("Counting words…"), "")

        def job(task: TaskContext) -> list[TermRow]:
            return rising_terms(
                store, ids, now=now, progress=lambda done, total: task.progress((done, total))
            )

        self.tasks.run(
            job,
            on_done=lambda rows: self._apply_terms(generation, rows),
            on_error=lambda exc: self._terms_failed(generation, exc),
            on_progress=lambda p: self._terms_progress(generation, p),
            label="rising terms",
        )

    def filter_by_term(self, term: TermRow) -> None:
        """List only the topics that use ``term`` (found in a job; the chip says which term)."""
        self.term = term
        self.chip.setText(self.tr("Topics using “%1”  ✕").replace("%1", term.term))
        self.term_why.setText(f"{term.term}: {term.why}")  # the ×N in words, for the term chosen
        self.term_why.show()
        self.chip_row.show()
        self.chip.show()
        self._term_generation += 1
        generation = self._term_generation
        store = self.ctx.store
        candidates = [(r.community_id, r.topic_id) for r in self.model.rows]
        if self.tasks is None:
            self._apply_term_topics(generation, topics_with_term(store, term, candidates))
            return
        if self.tasks.closed:
            return
        self.tasks.run(
            lambda _task: topics_with_term(store, term, candidates),
            on_done=lambda found: self._apply_term_topics(generation, found),
            label="topics using a term",
        )

    @Slot()
    def clear_term(self) -> None:
        self._term_generation += 1
        self.term = None
        self.term_topics = None
        self.chip_row.hide()
        self.terms_table.selectionModel().clearSelection()
        self.apply_filters()

    # -- internals ---------------------------------------------------------------------------

    def _terms_ended(self, generation: int) -> bool:
        """A terms job returned: start the one asked for meanwhile; True if its result still counts."""
        self.terms_loading = False
        if self._terms_again:
            self._terms_again = False
            self.refresh_terms()
            return False
        return generation == self._terms_generation

    def _apply_terms(self, generation: int, rows: list[TermRow]) -> None:
        if not self._terms_ended(generation):
            return
        self.terms_model.load(rows)
        if rows:
            self.terms_pages.setCurrentWidget(self.terms_table)
        else:
            self._terms_state(
                self.tr("No rising terms this week"),
                self.tr("Words show up here when people use them more than they used to."),
            )
        if self.term is not None and self.terms_model.row_of(self.term) < 0:
            keep = next((r for r in rows if r.key == self.term.key), None)
            if keep is None:
                self.clear_term()
            else:
                self.term = keep

    def _terms_failed(self, generation: int, exc: BaseException) -> None:
        if not self._terms_ended(generation):
            return
        log.error("Rising terms could not be counted", exc_info=exc)
        self._terms_state(self.tr("Rising terms could not be counted"), str(exc))

    def _terms_progress(self, generation: int, payload: object) -> None:
        if generation != self._terms_generation or not isinstance(payload, tuple):
            return
        done, total = payload
        if total and self.terms_model.rowCount() == 0:
            self._terms_state(
                self.tr("Counting words…"),
                self.tr("%1 of %2 posts, once; later counts are quick.")
                .replace("%1", f"{done:,}")
                .replace("%2", f"{total:,}"),
            )

    def _terms_state(self, title: str, text: str) -> None:
        self.terms_empty.set_text(title, text)
        self.terms_pages.setCurrentWidget(self.terms_empty)

    def _apply_term_topics(self, generation: int, found: set[TopicKey]) -> None:
        if generation != self._term_generation:
            return
        self.term_topics = found
        self.apply_filters()

    def _update_ideas_box(self) -> None:
        """The toggle means something only where idea categories or tags are set."""
        configured = [
            c.title or c.name
            for c in self.communities()
            if (s := CommunitySettings.from_dict(c.settings)).idea_category_ids or s.idea_tags
        ]
        self.ideas_box.setEnabled(bool(configured))
        self.ideas_box.blockSignals(True)  # unticked when it cannot apply: every category is looked at
        self.ideas_box.setChecked(self.ideas_only and bool(configured))
        self.ideas_box.blockSignals(False)
        if configured:
            self.ideas_box.setToolTip(
                self.tr(
                    "Only the idea categories and tags set for %1; communities without any are left out."
                    " Untick to look at every category."
                ).replace("%1", ", ".join(configured))
            )
        else:
            self.ideas_box.setToolTip(
                self.tr(
                    "No idea categories are set, so every category is looked at. Set them in the community's settings."
                )
            )

    @Slot(bool)
    def _on_ideas_toggled(self, checked: bool) -> None:
        self.ideas_only = checked
        super().refresh()  # the terms do not depend on it

    @Slot(QModelIndex)
    def _on_term_clicked(self, index: QModelIndex) -> None:
        """A click (or Enter) on a term filters the topics; on the chosen term again, clears."""
        term = index.data(REF_ROLE)
        if not isinstance(term, TermRow):
            return
        if self.term is not None and term.key == self.term.key:
            self.clear_term()  # a second click on the same term: every topic again
        else:
            self.filter_by_term(term)
