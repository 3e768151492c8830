"""Big lists stay responsive: a first load builds only what the screen shows, a refresh updates in place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from ui_fakes import add_community

from moderator.bootstrap import AppContext
from moderator.model import UTC, SyncBatch, Topic
from ui import lazy_rows
from ui.insight_models import UnansweredModel
from ui.topic_model import REF_ROLE, Column, TopicFilterProxy, TopicTableModel
from ui.topic_view import TopicListView
from ui.views import TopicRef

NOW = dt.datetime(2026, 5, 20, 12, 0, tzinfo=UTC)


def _topics(count: int, *, start: int = 0) -> list[Topic]:
    return [
        Topic(
            id=str(i),
            title=f"Topic {i} about something",
            created_at=NOW - dt.timedelta(minutes=i),
            bumped_at=NOW - dt.timedelta(minutes=i),
            reply_count=i % 7,
        )
        for i in range(start, start + count)
    ]


class CountingProxy(TopicFilterProxy):
    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def filterAcceptsRow(self, source_row: int, source_parent: Any) -> bool:  # noqa: N802
        self.asked += 1
        return super().filterAcceptsRow(source_row, source_parent)


class CountingModel(TopicTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.built: set[int] = set()

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            self.built.add(index.row())
        return super().data(index, role)


def _row(n: int) -> tuple[Any, ...]:
    title = f"Topic {n}"
    stamp = int(NOW.timestamp()) - n * 60
    return (
        1,
        str(n),
        "acme",
        "General",
        title,
        "ann",
        n % 7,
        n,
        0,
        stamp,
        stamp,
        False,
        False,
        "",
        title.casefold(),
    )


def test_first_load_of_twenty_thousand_rows_builds_only_what_is_shown(qtbot: QtBot) -> None:
    model, proxy = CountingModel(), CountingProxy()
    proxy.setSourceModel(model)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(proxy)
    table.resize(800, 600)
    table.show()
    qtbot.waitExposed(table)
    rows = [_row(n) for n in range(20_000)]

    model.load_prepared(rows, NOW, sorted_by=model.sort_order())
    # The reset exposes one page: the proxy asked about those rows only, not 20,000.
    assert model.rowCount() == lazy_rows.PAGE
    assert proxy.asked == lazy_rows.PAGE
    qtbot.waitUntil(lambda: bool(model.built))  # the visible rows were painted
    assert max(model.built) < 100, "only the rows on screen were formatted"

    # The rest follows, a chunk per turn of the event loop, without the user doing anything.
    qtbot.waitUntil(lambda: model.rowCount() == 20_000)
    assert proxy.rowCount() == 20_000
    assert max(model.built) < 100


def test_filter_searches_rows_not_shown_yet(qtbot: QtBot) -> None:
    model, proxy = TopicTableModel(), TopicFilterProxy()
    proxy.setSourceModel(model)
    model.load_prepared([_row(n) for n in range(5_000)], NOW, sorted_by=model.sort_order())
    assert model.rowCount() < 5_000
    proxy.set_query("topic 4999")
    assert proxy.rowCount() == 1


def test_refresh_adding_a_topic_keeps_the_selection_and_the_scroll_position(
    qtbot: QtBot, ctx: AppContext
) -> None:
    community = add_community(ctx.store, "acme")
    assert community.id is not None
    ctx.store.apply_batch(community.id, SyncBatch(topics=_topics(400, start=1)))
    view = TopicListView(ctx)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    assert view.model.rowCount() == 400
    chosen = TopicRef(community.id, "200")
    assert view.select(chosen)
    bar = view.table.verticalScrollBar()
    assert bar.value() > 0

    def topic_on_top() -> object:
        return view.table.indexAt(QPoint(4, 4)).data(REF_ROLE)

    on_top = topic_on_top()
    resets: list[bool] = []
    view.model.modelReset.connect(lambda: resets.append(True))

    ctx.store.apply_batch(community.id, SyncBatch(topics=_topics(1, start=0)))  # a newer topic, on top
    view.refresh()

    assert view.model.rowCount() == 401
    assert view.model.ref(0) == TopicRef(community.id, "0")
    assert not resets, "updated in place, not reset"
    assert view.current() == chosen
    assert topic_on_top() == on_top, "the list did not move under the reader's eyes"


def test_refresh_removing_and_changing_rows_applies_in_place(qtbot: QtBot, ctx: AppContext) -> None:
    community = add_community(ctx.store, "acme")
    assert community.id is not None
    ctx.store.apply_batch(community.id, SyncBatch(topics=_topics(50)))
    model = TopicTableModel()
    model.load(ctx.store.topic_rows())
    changed: list[int] = []
    model.dataChanged.connect(lambda first, _last: changed.append(first.row()))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    old_rows, old_keys, version = model.snapshot()
    new_rows = [r for r in old_rows if r[1] != "10"]
    new_rows[3] = (*new_rows[3][:5], "someone else", *new_rows[3][6:])
    plan = lazy_rows.plan_rows(old_rows, old_keys, new_rows, [(r[0], r[1]) for r in new_rows], version)
    model.load_prepared(new_rows, NOW, sorted_by=model.sort_order(), plan=plan)

    assert not resets
    assert model.rowCount() == 49
    assert model.row_of(TopicRef(community.id, "10")) == -1
    assert changed == [3]
    assert model.index(3, Column.AUTHOR).data() == "someone else"


def test_insight_model_refresh_in_place_keeps_the_selected_row(qtbot: QtBot) -> None:
    from moderator.insights import Severity, UnansweredRow

    def row(n: int) -> UnansweredRow:
        since = NOW - dt.timedelta(hours=n + 1)
        return UnansweredRow(
            community_id=1,
            community_name="acme",
            topic_id=str(n),
            slug=f"topic-{n}",
            title=f"Topic {n}",
            category_id=None,
            category_name="General",
            author_id=None,
            author_username="ann",
            created_at=since,
            waiting_since=since,
            hours_waiting=n + 1.0,
            views=n,
            likes=0,
            replies=0,
            severity=Severity.CALM,
            definition="no_reply",
            why="No reply yet",
        )

    model = UnansweredModel()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    model.load([row(n) for n in range(100, 0, -1)], NOW)
    table.setCurrentIndex(model.index(model.row_of(TopicRef(1, "50")), 0))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    model.load([row(n) for n in range(101, 0, -1)], NOW)  # one more, waiting the longest

    assert not resets
    assert model.rowCount() == 101
    assert model.ref(table.currentIndex().row()) == TopicRef(1, "50")
