"""The Topics table model and its filter proxy: model invariants, sorting, filtering, speed."""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import Qt
from ui_fakes import add_community

from moderator.bootstrap import AppContext
from moderator.model import UTC, SyncBatch, Topic
from ui.topic_model import REF_ROLE, SORT_ROLE, Column, TopicFilterProxy, TopicTableModel
from ui.views import TopicRef


def _loaded(filled: AppContext) -> tuple[TopicTableModel, TopicFilterProxy]:
    model = TopicTableModel()
    model.load(filled.store.topic_rows())
    proxy = TopicFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def test_model_passes_the_model_tester(qtmodeltester, filled: AppContext) -> None:
    model, proxy = _loaded(filled)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_empty_model_passes_the_model_tester(qtmodeltester) -> None:
    qtmodeltester.check(TopicTableModel())


def test_rows_match_the_store(filled: AppContext) -> None:
    model, _ = _loaded(filled)
    assert model.rowCount() == filled.store.counts()["topics"] == 12
    titles = {model.index(r, Column.TITLE).data() for r in range(model.rowCount())}
    assert "Welcome to the community" in titles


def test_display_sort_and_tooltip_roles(filled: AppContext) -> None:
    model, _ = _loaded(filled)
    first = model.index(0, Column.ACTIVITY)
    assert first.data().endswith("ago")
    assert isinstance(first.data(SORT_ROLE), int)
    assert first.data(Qt.ItemDataRole.ToolTipRole).startswith("Last activity:")
    assert isinstance(model.index(0, 0).data(REF_ROLE), TopicRef)
    assert model.index(0, Column.REPLIES).data(SORT_ROLE) in range(0, 10)


def test_sort_by_column_keeps_persistent_indexes(filled: AppContext) -> None:
    model, _ = _loaded(filled)
    from PySide6.QtCore import QPersistentModelIndex

    keep = QPersistentModelIndex(model.index(3, Column.TITLE))
    title = keep.data()
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.index(r, Column.TITLE).data() for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    assert keep.data() == title
    model.sort(Column.VIEWS, Qt.SortOrder.DescendingOrder)
    views = [model.index(r, Column.VIEWS).data(SORT_ROLE) for r in range(model.rowCount())]
    assert views == sorted(views, reverse=True)


def test_filter_requires_every_word(filled: AppContext) -> None:
    model, proxy = _loaded(filled)
    proxy.set_query("ideas")
    assert 0 < proxy.rowCount() < model.rowCount()
    proxy.set_query("IDEAS number 3")
    assert [proxy.index(r, Column.TITLE).data() for r in range(proxy.rowCount())] == [
        "Topic number 3 about ideas"
    ]
    proxy.set_query("zzz-nothing")
    assert proxy.rowCount() == 0
    proxy.set_query("")
    assert proxy.rowCount() == model.rowCount()


def test_refreshing_five_thousand_rows_is_fast(ctx: AppContext) -> None:
    """A full list refresh over thousands of rows must stay well under the 50 ms budget."""
    community = add_community(ctx.store, "big")
    assert community.id is not None
    now = dt.datetime.now(UTC)
    topics = [
        Topic(id=str(i), title=f"Topic {i} about something", created_at=now - dt.timedelta(minutes=i),
              bumped_at=now - dt.timedelta(minutes=i), reply_count=i % 7, views=i)
        for i in range(5000)
    ]  # fmt: skip
    ctx.store.apply_batch(community.id, SyncBatch(topics=topics))
    model = TopicTableModel()
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        model.load(ctx.store.topic_rows())
        best = min(best, time.perf_counter() - started)
    assert len(model.rows) == 5000  # a page is shown at once, the rest a chunk per event-loop turn
    model.fetch_all()
    assert model.rowCount() == 5000
    assert best < 0.2, f"refresh took {best * 1000:.0f} ms"  # budget 50 ms; generous for slow CI machines
