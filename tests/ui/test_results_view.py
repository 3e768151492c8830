"""The Results view: the charts show the core's figures, hover reads them, PNG and CSV export, `g x`."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from moderator.bootstrap import AppContext
from moderator.clock import FakeClock
from moderator.insights import results
from moderator.model import UTC
from tests.helpers.worlds import insights_world
from ui.result_chart import ChartCard
from ui.results_view import ResultsView
from ui.tasks import TaskManager

world = insights_world()
NOW = world.NOW  # Wednesday 2026-05-20 12:00 UTC
MONDAY = dt.datetime(2026, 5, 18, tzinfo=UTC)


def at(days: float, hours: float = 0) -> dt.datetime:
    return MONDAY + dt.timedelta(days=days, hours=hours)


@pytest.fixture
def forum(ctx: AppContext):  # type: ignore[no-untyped-def]
    f = world.Forum(ctx.store, "north")
    # The local copy starts three weeks ago: earlier weeks are not zeros but "no data".
    f.topic("a", created=at(-21), replies=[("30", "bob", at(-21, 30))])
    f.topic("b", created=at(-14), replies=[("30", "bob", at(-14, 10))])
    f.topic("c", created=at(-7), replies=[("30", "bob", at(-7, 2))])
    f.topic("d", created=at(-6), replies=[("30", "bob", at(-6, 4))])
    return f


@pytest.fixture
def view(qtbot, ctx: AppContext, forum) -> ResultsView:  # type: ignore[no-untyped-def]
    tasks = TaskManager()
    v = ResultsView(ctx, clock=FakeClock(NOW))
    v.tasks = tasks
    qtbot.addWidget(v)
    v.resize(1200, 900)
    v.show()
    qtbot.waitUntil(lambda: v.payload is not None and not v.busy())
    yield v
    tasks.shutdown()


def test_first_response_chart_shows_the_core_figures_and_shades_what_is_not_in_the_copy(view: ResultsView) -> None:
    expected = results.first_response(view.ctx.store, weeks_back=12, now=NOW, combined=True)
    data = view.response.data
    assert data is not None
    median = next(s for s in data.series if s.kind == "line")
    assert list(median.values) == [r.median_hours for r in expected]
    assert median.values[-4:] == [30.0, 10.0, 3.0, None]  # W18..W21 (this week: nothing answered yet)
    assert data.covered.count(False) == 8  # the 8 weeks before the first post
    assert "No local data before" in data.uncovered_note
    assert view.response.reading.text() == "Median first response fell from 30 h to 3 h since April 2026"
    assert "Computed from the local copy" in view.status.text()


def test_hovering_a_week_reads_its_values(qtbot, view: ResultsView) -> None:
    card = view.response
    card.plot.plotItem.vb.setRange(xRange=(-0.6, 11.6), yRange=(0, 35), padding=0)
    scene_point = card.plot.plotItem.vb.mapViewToScene(_point(10, 5))
    with qtbot.waitSignal(card.hovered) as hovered:
        card.plot.scene().sigMouseMoved.emit(scene_point)
    assert hovered.args == [10]
    assert card.readout.text() == "11 May: Median 3 h · 90th percentile 3.8 h"  # c after 2 h, d after 4 h
    assert card.readout_for(0).endswith("No local data before " + card.data.uncovered_note.split("before ")[1])


def _point(x: float, y: float):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


def test_png_and_csv_export(view: ResultsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    png, csv_path = tmp_path / "chart.png", tmp_path / "chart.csv"
    monkeypatch.setattr(ChartCard, "ask_path", staticmethod(lambda _parent, name, _f: str(png if name.endswith(".png") else csv_path)))
    messages: list[str] = []
    view.response.message.connect(messages.append)
    view.response.png_button.click()
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 200
    view.response.csv_button.click()
    with open(csv_path, encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [r["week"] for r in rows][-2:] == ["2026-W20", "2026-W21"]
    assert rows[-2]["median_hours"] == "3.0" and rows[-2]["topics"] == "2"
    assert messages == ["Chart saved to chart.png.", "Figures saved to chart.csv."]


def test_period_chooser_recomputes(qtbot, view: ResultsView) -> None:
    view.period.setCurrentIndex(1)
    qtbot.waitUntil(lambda: view.response.data is not None and len(view.response.data.labels) == 26)
    view.period.setFocus()
    qtbot.keyClick(view.period, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: len(view.response.data.labels) == 52)


def test_activity_and_contacts_readings(qtbot, ctx: AppContext, forum) -> None:  # type: ignore[no-untyped-def]
    from moderator.insights import mark_handled

    mark_handled(ctx.store, forum.id, "c", now=at(1))
    v = ResultsView(ctx, clock=FakeClock(NOW))
    qtbot.addWidget(v)
    v.refresh()  # inline: no task manager
    assert v.activity.data is not None
    assert "1 topics handled" in v.activity.reading.text() or "1 topic handled" in v.activity.reading.text()
    assert v.contacts.reading.text().startswith("Nudges and invitations you send from the app are measured here")


def test_g_x_opens_results_from_the_window(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_G)
    qtbot.keyClick(window, Qt.Key.Key_X)
    qtbot.waitUntil(lambda: isinstance(window.current_view(), ResultsView))
    results_view = window.current_view()
    assert isinstance(results_view, ResultsView)
    qtbot.waitUntil(lambda: results_view.payload is not None and not results_view.busy())
    assert results_view.response.data is not None


def test_charts_go_one_under_the_other_when_narrow(qtbot, view: ResultsView) -> None:
    assert view.grid.getItemPosition(view.grid.indexOf(view.within))[:2] == (0, 1)  # 1200 px: two columns
    view.resize(700, 900)
    qtbot.waitUntil(lambda: view.grid.getItemPosition(view.grid.indexOf(view.within))[:2] == (1, 0))


def test_a_chart_with_no_figures_says_so_instead_of_empty_axes(view: ResultsView) -> None:
    assert view.contacts.empty.isVisible() and not view.contacts.plot.isVisible()  # nobody contacted yet
    assert view.response.plot.isVisible() and not view.response.empty.isVisible()


def test_the_keyboard_reads_a_chart_period_by_period(qtbot, view: ResultsView) -> None:
    card = view.response
    card.plot.setFocus()
    qtbot.keyClick(card.plot, Qt.Key.Key_End)
    assert card.readout.text().startswith("18 May: ")  # the current week, nothing answered yet
    qtbot.keyClick(card.plot, Qt.Key.Key_Left)
    assert card.readout.text() == "11 May: Median 3 h · 90th percentile 3.8 h"
    qtbot.keyClick(card.plot, Qt.Key.Key_Home)
    assert "No local data before" in card.readout.text()
