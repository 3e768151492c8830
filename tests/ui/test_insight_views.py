"""The animator's three views: Unanswered, Silent members, Trending ideas.

Each view runs its refresh in a real ``TaskManager`` (the path the app takes) and is waited on
through its ``refreshed`` signal; the clock is pinned to the insights tests' ``NOW`` and the store
is built with their helpers, so what the views list is compared with what the core returns.
Keys are pressed on the widgets as a user would.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QScrollArea

from moderator import insights
from moderator.bootstrap import AppContext
from moderator.clock import FakeClock
from moderator.insights import Segment, triage
from moderator.model import UTC, Category
from tests.helpers.worlds import insights_world
from ui import theme, views
from ui.insight_models import (
    REF_ROLE,
    InsightModel,
    SilentColumn,
    SilentModel,
    TermsModel,
    TrendingModel,
    UnansweredColumn,
    UnansweredModel,
)
from ui.insight_views import InsightView, install_insight_views
from ui.member_card import MemberCard, show_in_pane
from ui.reading_pane import ReadingPane
from ui.silent_view import SilentMembersView
from ui.tasks import TaskManager
from ui.trending_view import TrendingIdeasView
from ui.unanswered_view import SnoozePick, UnansweredView, snooze_until
from ui.views import MemberRef, TopicRef

PARIS = ZoneInfo("Europe/Paris")


world = insights_world()
NOW, ago = world.NOW, world.ago
CARPOOL = "<p>Carpooling from the north side would help</p>"


class World:
    """north: three topics waiting (5 d, 2 d, 3 h), one answered, silent members, rising ideas;
    south: one topic waiting 4 h with thresholds of 2 h and 6 h (amber already)."""

    def __init__(self, ctx: AppContext) -> None:
        self.store = ctx.store
        self.north = north = world.Forum(ctx.store, "north", idea_category_ids=["2"])
        self.south = south = world.Forum(ctx.store, "south", thresholds_hours=[2, 6])
        north.categories(Category(id="1", name="General"), Category(id="2", name="Ideas"))
        north.topic("1", created=ago(days=5), title="Where is the agenda?", category_id="1")
        north.topic("2", created=ago(days=2), title="Parking on Friday?", category_id="1", username="alice")
        north.topic("3", created=ago(hours=3), title="Badge for visitors", category_id="1")
        north.topic(
            "4",
            created=ago(days=80),
            title="Answered long ago",
            category_id="1",
            replies=[("30", "quinn", ago(days=d)) for d in (60, 50, 45, 40)],
        )
        north.member("10", "alice", name="Alice Martin", post_count=5, created_at=ago(days=300))
        north.member(
            "20", "rita", name="Rita Reader", days_visited=9, posts_read=120, created_at=ago(days=200)
        )
        north.member("21", "nina", created_at=ago(days=4), last_seen_at=ago(days=1))
        north.member("30", "quinn", name="Quinn Quiet", created_at=ago(days=400), last_posted_at=ago(days=40))
        # Rising ideas: carpooling is new this week; the bike topic rises without the word.
        north.topic(
            "ride",
            created=ago(days=20),
            title="Carpooling to the office",
            category_id="2",
            replies=[(str(60 + i), f"p{i}", ago(days=1, hours=i), {"cooked": CARPOOL}) for i in range(5)],
        )
        north.topic(
            "bike",
            created=ago(days=30),
            title="Bike shed",
            category_id="2",
            replies=[(str(70 + i), f"b{i}", ago(days=2, hours=i), {"like_count": 2}) for i in range(3)],
        )
        north.topic(
            "old",
            created=ago(days=120),
            title="Newsletter",
            category_id="1",
            replies=[("80", "bob", ago(days=100 - 2 * i)) for i in range(20)],
        )
        north.topic(  # busy, but not in an idea category
            "chat",
            created=ago(days=10),
            title="Coffee machine",
            category_id="1",
            replies=[(str(90 + i), f"c{i}", ago(hours=10 + i)) for i in range(3)],
        )
        south.topic("7", created=ago(hours=4), author="50", username="sam", title="Idée : covoiturage")


@pytest.fixture
def setup(ctx: AppContext) -> World:
    return World(ctx)


@pytest.fixture
def tasks() -> Iterator[TaskManager]:
    manager = TaskManager()
    yield manager
    manager.shutdown()
    manager.deleteLater()


@pytest.fixture
def make_view(qtbot, ctx: AppContext, setup: World, tasks: TaskManager):  # type: ignore[no-untyped-def]
    """A view alone, on the pinned clock, refreshed in the TaskManager and shown."""

    def make(cls: type[InsightView]) -> Any:
        view = cls(ctx, clock=FakeClock(NOW), zone=PARIS)
        view.tasks = tasks
        qtbot.addWidget(view)
        view.resize(1100, 600)
        with qtbot.waitSignal(view.refreshed, timeout=10_000):
            view.show()
        qtbot.waitExposed(view)
        view.activateWindow()
        return view

    return make


def _refs(view: InsightView) -> list[object]:
    return [view.proxy.index(r, 0).data(REF_ROLE) for r in range(view.proxy.rowCount())]


def _press(
    qtbot, view: InsightView, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    """A key on the view's list. e, s, z (and Ctrl+Z) are the main window's keys (they work wherever
    the focus is, tests/ui/test_main_window.py): for a view alone, they call what the window would."""
    from ui import views

    row_keys = {
        Qt.Key.Key_E: views.ROW_DONE,
        Qt.Key.Key_S: views.ROW_SNOOZE,
        Qt.Key.Key_Z: views.ROW_UNDO,
    }
    view.table.setFocus()
    if key in row_keys:
        view.row_commands()[row_keys[key]]()
        return
    qtbot.keyClick(view.table, key, modifier)


# -- models ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [UnansweredModel, SilentModel, TrendingModel, TermsModel])
def test_empty_models_pass_the_model_tester(qtmodeltester, cls: type[InsightModel]) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(cls())


def test_loaded_models_pass_the_model_tester(qtbot, qtmodeltester, make_view: Callable[..., Any]) -> None:  # type: ignore[no-untyped-def]
    for cls in (UnansweredView, SilentMembersView, TrendingIdeasView):
        view = make_view(cls)
        assert view.model.rowCount() > 0
        qtmodeltester.check(view.model)
        qtmodeltester.check(view.proxy)
        if isinstance(view, TrendingIdeasView):
            # The rising terms are counted in a job of their own, after the topics arrived.
            qtbot.waitUntil(lambda v=view: v.terms_model.rowCount() > 0, timeout=10_000)
            qtmodeltester.check(view.terms_model)


def test_install_registers_the_three_views_with_their_go_keys() -> None:
    install_insight_views()
    specs = {s.key: s for s in views.registered()}
    assert (specs["unanswered"].factory, specs["unanswered"].go_key) == (UnansweredView, "u")
    assert (specs["silent"].factory, specs["silent"].go_key) == (SilentMembersView, "s")
    assert (specs["trending"].factory, specs["trending"].go_key) == (TrendingIdeasView, "t")


def test_a_hidden_view_still_counts_for_its_sidebar_badge(
    qtbot, ctx: AppContext, setup: World, tasks: TaskManager
) -> None:  # type: ignore[no-untyped-def]
    view = SilentMembersView(ctx, clock=FakeClock(NOW), zone=PARIS)
    view.tasks = tasks
    qtbot.addWidget(view)  # never shown
    with qtbot.waitSignal(view.went_stale):
        view.request_refresh()  # what the window does after each sync
    assert not view.busy()  # nothing computed while the user waits for something else
    with qtbot.waitSignal(view.count_changed) as counted:
        assert view.refresh_if_stale()  # what the window does once the app is idle
    assert counted.args == [len(insights.silent_members(setup.store, now=NOW))]
    assert not view.busy()
    assert not view.refresh_if_stale()  # up to date: nothing to do


# -- unanswered --------------------------------------------------------------------------------------


def test_unanswered_lists_the_core_rows_oldest_first_coloured_by_threshold(
    make_view: Callable[..., Any], setup: World
) -> None:
    view: UnansweredView = make_view(UnansweredView)
    core = insights.unanswered_topics(setup.store, now=NOW)
    north, south = setup.north.id, setup.south.id
    assert _refs(view) == [TopicRef(r.community_id, r.topic_id) for r in core]
    assert _refs(view) == [
        TopicRef(north, "1"),
        TopicRef(north, "2"),
        TopicRef(south, "7"),
        TopicRef(north, "3"),
    ]
    waiting = [view.proxy.index(r, UnansweredColumn.WAITING) for r in range(4)]
    assert [i.data() for i in waiting] == ["5 d", "2 d", "4 h", "3 h"]
    assert [i.data(Qt.ItemDataRole.ForegroundRole) for i in waiting] == [
        QColor(theme.RED),
        QColor(theme.AMBER),
        QColor(theme.AMBER),  # south turns amber after 2 h
        QColor(theme.CALM),
    ]
    assert all(
        i.data(Qt.ItemDataRole.DecorationRole) is not None for i in waiting
    )  # a marker, not only colour
    assert "red" in waiting[0].data(Qt.ItemDataRole.AccessibleTextRole)
    assert view.proxy.index(0, UnansweredColumn.TITLE).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert view.proxy.index(3, UnansweredColumn.TITLE).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "Waiting since" in waiting[0].data(Qt.ItemDataRole.ToolTipRole)
    assert view.proxy.index(0, UnansweredColumn.WHY).data() == "No reply for 5 days"
    assert view.proxy.index(1, UnansweredColumn.AUTHOR).data() == "alice"


def test_count_badge_and_definition_shown(qtbot, make_view: Callable[..., Any], setup: World) -> None:  # type: ignore[no-untyped-def]
    view: UnansweredView = make_view(UnansweredView)
    assert view.definition.text() == "Unanswered means nobody but the author replied."
    assert "thresholds per community" in view.legend.accessibleName()  # north 24/72 h, south 2/6 h
    view.choose_community(setup.north.id)
    assert "under 24 h" in view.legend.accessibleName() and "72 h+" in view.legend.accessibleName()
    view.choose_community(None)
    with qtbot.waitSignal(view.count_changed) as counted:
        view.refresh()
    assert counted.args == [4]
    south = setup.store.community("south")
    assert south is not None
    settings = {"unanswered_definition": "last_word_not_team", "thresholds_hours": [2, 6]}
    setup.store.update_community(dataclasses.replace(south, settings=settings))
    with qtbot.waitSignal(view.refreshed):
        view.refresh()
    assert "Each community has its own definition" in view.definition.text()
    assert "south: the last word is not from the team (2 h / 6 h)" in view.definition.toolTip()
    view.choose_community(setup.south.id)
    assert view.definition.text() == "Unanswered means the last word is not from the team."
    assert "2 h+" in view.legend.accessibleName() and "6 h+" in view.legend.accessibleName()


def test_e_marks_handled_and_z_brings_it_back(qtbot, make_view: Callable[..., Any], setup: World) -> None:  # type: ignore[no-untyped-def]
    view: UnansweredView = make_view(UnansweredView)
    north = setup.north.id
    assert view.select(TopicRef(north, "2"))
    messages: list[str] = []
    view.message.connect(messages.append)
    with qtbot.waitSignal(view.count_changed, check_params_cb=lambda n: n == 3):
        _press(qtbot, view, Qt.Key.Key_E)
    assert TopicRef(north, "2") not in _refs(view)
    assert view.current() == TopicRef(setup.south.id, "7")  # the next row takes the cursor
    state = triage.get(setup.store, north, "2")
    assert state is not None and state.state is triage.TriageState.HANDLED
    assert messages[-1] == "Marked handled — z to undo"
    assert TopicRef(north, "2") not in [
        TopicRef(r.community_id, r.topic_id) for r in insights.unanswered_topics(setup.store, now=NOW)
    ]

    with qtbot.waitSignal(view.refreshed):
        _press(qtbot, view, Qt.Key.Key_Z)
    assert triage.get(setup.store, north, "2") is None
    assert _refs(view)[1] == TopicRef(north, "2") and view.current() == TopicRef(north, "2")

    _press(qtbot, view, Qt.Key.Key_E)
    assert triage.get(setup.store, north, "2") is not None
    with qtbot.waitSignal(view.refreshed):
        _press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert triage.get(setup.store, north, "2") is None and len(_refs(view)) == 4
    _press(qtbot, view, Qt.Key.Key_Z)
    assert messages[-1] == "Nothing to undo."


# A popup menu on the offscreen platform: it cannot raise it or grab the keyboard, and says so.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)")
def test_s_snoozes_from_a_menu_of_picks(qtbot, make_view: Callable[..., Any], setup: World) -> None:  # type: ignore[no-untyped-def]
    view: UnansweredView = make_view(UnansweredView)
    north = setup.north.id
    view.select(TopicRef(north, "1"))
    _press(qtbot, view, Qt.Key.Key_S)
    qtbot.waitUntil(view.snooze_menu.isVisible)
    picks = {a.data(): a for a in view.snooze_menu.actions() if a.data()}
    assert set(picks) == {p.value for p in SnoozePick}
    assert picks["tomorrow"].text().endswith("Tomorrow 09:00")  # NOW is 14:00 in Paris
    assert picks["evening"].isEnabled() and picks["evening"].text().endswith("Today 18:00")
    picks["tomorrow"].trigger()
    view.snooze_menu.hide()
    state = triage.get(setup.store, north, "1")
    assert state is not None and state.state is triage.TriageState.SNOOZED
    assert state.until == dt.datetime(2026, 5, 21, 7, 0, tzinfo=UTC)  # 9:00 in Paris (summer time)
    assert TopicRef(north, "1") not in _refs(view)
    with qtbot.waitSignal(view.refreshed):
        view.undo()
    assert _refs(view)[0] == TopicRef(north, "1")


def test_snoozed_topics_can_be_found_and_brought_back(
    qtbot, make_view: Callable[..., Any], setup: World
) -> None:  # type: ignore[no-untyped-def]
    view: UnansweredView = make_view(UnansweredView)
    north = setup.north.id
    assert view.snoozed_button.isHidden()  # nothing snoozed: no button taking the filter's room
    view.select(TopicRef(north, "1"))
    assert view.snooze_current(SnoozePick.TOMORROW)
    assert TopicRef(north, "1") not in _refs(view)
    assert not view.snoozed_button.isHidden() and view.snoozed_button.text() == "Snoozed (1)"

    view._fill_snoozed_menu()  # what the button's menu lists
    entries = [a for a in view.snoozed_menu.actions() if a.data()]
    assert [a.data() for a in entries] == [f"{north}:1"]
    assert entries[0].text().split("\t")[0] and "Tomorrow 09:00" in entries[0].text()
    with qtbot.waitSignal(view.refreshed):
        entries[0].trigger()
    assert triage.get(setup.store, north, "1") is None
    assert view.current() == TopicRef(north, "1") and view.snoozed_button.isHidden()
    with qtbot.waitSignal(view.refreshed):
        view.undo()  # z snoozes it again
    state = triage.get(setup.store, north, "1")
    assert state is not None and state.state is triage.TriageState.SNOOZED
    assert TopicRef(north, "1") not in _refs(view)


def test_snooze_picks_on_a_sunday_are_distinct() -> None:
    sunday = dt.datetime(2026, 12, 6, 11, 52, tzinfo=UTC)
    picks = [snooze_until(p, sunday, PARIS) for p in SnoozePick]
    assert len(set(picks)) == len(picks)


def test_snooze_picks_are_wall_clock_times() -> None:
    late = dt.datetime(2026, 5, 20, 18, 0, tzinfo=UTC)  # 20:00 in Paris
    assert snooze_until(SnoozePick.HOUR, late, PARIS) == late + dt.timedelta(hours=1)
    assert snooze_until(SnoozePick.EVENING, late, PARIS) is None
    assert snooze_until(SnoozePick.NEXT_WEEK, late, PARIS) == dt.datetime(2026, 5, 25, 7, 0, tzinfo=UTC)


def test_filter_box_and_community_chooser(make_view: Callable[..., Any], setup: World) -> None:
    view: UnansweredView = make_view(UnansweredView)
    view.focus_filter()
    assert view.filter.hasFocus()
    view.filter.setText("PARKING")
    assert _refs(view) == [TopicRef(setup.north.id, "2")]
    view.filter.setText("no such words")
    assert view.pages.currentWidget() is view.empty
    assert "no such words" in view.empty.title.text()
    view.filter.clear()
    assert len(_refs(view)) == 4

    box = view.community_box
    assert box.isVisibleTo(view)
    assert [box.itemText(i) for i in range(box.count())] == ["All communities", "north", "south"]
    south = box.findData(setup.south.id)
    box.setCurrentIndex(south)
    box.activated.emit(south)
    assert _refs(view) == [TopicRef(setup.south.id, "7")]
    assert view.table.isColumnHidden(UnansweredColumn.COMMUNITY)
    view.choose_community(None)
    assert len(_refs(view)) == 4 and not view.table.isColumnHidden(UnansweredColumn.COMMUNITY)


def test_csv_export_writes_the_rows_listed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make_view: Callable[..., Any], setup: World
) -> None:
    view: UnansweredView = make_view(UnansweredView)
    target = tmp_path / "queue.csv"
    monkeypatch.setattr(UnansweredView, "ask_export_path", classmethod(lambda cls, parent: str(target)))
    view.filter.setText("north")
    view.export_button.click()
    with target.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [(r["community"], r["topic_id"]) for r in rows] == [("north", "1"), ("north", "2"), ("north", "3")]
    assert rows[0]["title"] == "Where is the agenda?" and rows[0]["severity"] == "red"
    assert rows[0]["waiting_since"] == "2026-05-15T12:00:00Z"


def test_nothing_waiting_says_so(qtbot, ctx: AppContext, tasks: TaskManager) -> None:  # type: ignore[no-untyped-def]
    forum = world.Forum(ctx.store, "calm")
    forum.topic("1", created=ago(days=1), replies=[("11", "bob", ago(hours=2))])
    view = UnansweredView(ctx, clock=FakeClock(NOW), zone=PARIS)
    view.tasks = tasks
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.refreshed):
        view.show()
    assert view.pages.currentWidget() is view.empty
    assert view.empty.title.text() == "Nothing waiting. Everything has an answer."
    assert not view.handled_button.isEnabled() and not view.export_button.isEnabled()


# -- silent members ----------------------------------------------------------------------------------


def test_silent_segments_tabs_and_chart_numbers(make_view: Callable[..., Any], setup: World) -> None:
    view: SilentMembersView = make_view(SilentMembersView)
    core = insights.silent_members(setup.store, now=NOW)
    assert [view.model.row_object(r) for r in range(view.model.rowCount())] == core
    by_name = {r.username: r.segment for r in core}
    assert by_name["rita"] is Segment.READER
    assert by_name["nina"] is Segment.NEWCOMER
    assert by_name["quinn"] is Segment.GONE_QUIET
    assert view.tabs.tabText(1) == f"Readers  {sum(1 for s in by_name.values() if s is Segment.READER)}"

    view.choose_segment(Segment.GONE_QUIET)
    assert [ref.username for ref in _refs(view)] == ["quinn"]  # type: ignore[attr-defined]
    view.choose_segment(Segment.NEWCOMER)
    assert "nina" in [ref.username for ref in _refs(view)]  # type: ignore[attr-defined]
    assert all(
        view.proxy.index(r, SilentColumn.SEGMENT).data() == "Newcomer" for r in range(view.proxy.rowCount())
    )
    view.choose_segment(None)
    assert view.proxy.rowCount() == len(core)

    headline = insights.participation(setup.store, now=NOW)
    assert view.participation == headline
    chart = view.chart
    assert chart.participation == headline
    assert [(label, people) for label, people, _share, _colour in chart.segments()] == [
        ("Heavy contributors", headline.heavy),
        ("Contributors", headline.contributors),
        ("Only read", headline.read_only),
        ("Never seen reading", headline.never_seen),
    ]
    assert f"of the {headline.members} members ever published ({headline.published})" in view.words.text()
    assert f"{round(headline.heavy_posts_share * 100)}% of all posts" in view.words.text()
    view.choose_community(setup.south.id)
    south = next(p for p in headline.by_community if p.community_id == setup.south.id)
    assert chart.participation == south
    chart.grab()  # paints without a warning


def test_member_selection_gives_a_member_ref_and_its_card(
    qtbot, make_view: Callable[..., Any], setup: World, ctx: AppContext
) -> None:  # type: ignore[no-untyped-def]
    view: SilentMembersView = make_view(SilentMembersView)
    view.choose_segment(Segment.GONE_QUIET)
    with qtbot.waitSignal(view.selected) as selected:
        view.move_selection(1)
    quinn = MemberRef(setup.north.id, "30", "quinn")
    assert selected.args == [quinn]
    assert view.current() == quinn
    assert view.model.index(0, 0).data(REF_ROLE) is not None
    with qtbot.waitSignal(view.opened) as opened:
        _press(qtbot, view, Qt.Key.Key_Return)
    assert opened.args == [quinn]

    pane = ReadingPane(ctx)
    qtbot.addWidget(pane)
    card = show_in_pane(pane, quinn)
    assert pane.pages.currentWidget() is card and pane.ref is None
    assert card.name.text() == "Quinn Quiet"
    assert card.fact_labels["posts"].text() == "4"  # the platform did not say: the local copy counts
    assert card.fact_labels["reads"].text() == "not reported"
    assert "Answered long ago" in card.topics.text()
    with qtbot.waitSignal(card.remind_requested) as remind:
        card.remind_button.click()
    assert remind.args == [quinn]
    with qtbot.waitSignal(card.topic_requested) as topic:
        card.topics.linkActivated.emit("topic:4")
    assert topic.args == [TopicRef(setup.north.id, "4")]
    assert pane.ref == TopicRef(setup.north.id, "4")  # the pane opened it
    assert show_in_pane(pane, MemberRef(setup.north.id, "999", "ghost")) is card
    assert card.name.text() == "This member is gone" and not card.remind_button.isEnabled()
    assert len(pane.findChildren(MemberCard)) == 1


def test_member_card_shows_segment_and_next_step(
    qtbot, make_view: Callable[..., Any], setup: World, ctx: AppContext
) -> None:  # type: ignore[no-untyped-def]
    view: SilentMembersView = make_view(SilentMembersView)
    view.choose_segment(Segment.GONE_QUIET)
    with qtbot.waitSignal(view.selected) as selected:
        view.move_selection(1)
    ref = selected.args[0]
    row = view.current_row()
    assert ref.segment == "gone_quiet" or ref.segment == str(Segment.GONE_QUIET)
    pane = ReadingPane(ctx)
    qtbot.addWidget(pane)
    card = show_in_pane(pane, ref)
    assert not card.step_box.isHidden()
    assert "Gone quiet" in card.segment.text()
    assert card.next_step.text() == f"Suggested next step: {row.next_step}"  # in full, wrapped
    assert card.next_step.wordWrap()
    # The same member reached without the view's context (a reminder) is the same ref, without a step.
    plain = MemberRef(ref.community_id, ref.member_id, ref.username)
    assert plain == ref
    show_in_pane(pane, plain)
    assert card.step_box.isHidden()


def test_member_card_facts_reflow_instead_of_being_cut(qtbot, setup: World, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from ui.member_card import MemberCard

    card = MemberCard(ctx)
    qtbot.addWidget(card)
    card.resize(760, 500)
    card.show_member(MemberRef(setup.north.id, "30", "quinn"))
    card.show()
    qtbot.waitUntil(lambda: card.fact_columns == 2)
    card.resize(300, 500)  # a narrow reading pane, or 150 % scale, or longer French captions
    qtbot.waitUntil(lambda: card.fact_columns == 1)
    qtbot.waitUntil(lambda: all(c.width() >= c.sizeHint().width() for c in card.fact_captions.values()))
    viewport = card.findChild(QScrollArea).viewport()
    for caption in card.fact_captions.values():
        right = caption.mapTo(card, caption.rect().topRight()).x()
        assert right <= viewport.mapTo(card, viewport.rect().topRight()).x()
    card.resize(760, 500)
    qtbot.waitUntil(lambda: card.fact_columns == 2)


def test_silent_list_wraps_the_next_step_on_two_lines(make_view: Callable[..., Any]) -> None:
    view: SilentMembersView = make_view(SilentMembersView)
    line = view.table.fontMetrics().lineSpacing()
    assert view.table.wordWrap() and view.table.verticalHeader().defaultSectionSize() >= 2 * line


def test_participation_numbers_add_up_and_colours_match_the_tabs() -> None:
    from ui.insight_models import SEGMENT_COLOURS
    from ui.participation_chart import (
        CONTRIBUTORS,
        HEAVY,
        READ_ONLY,
        ParticipationChart,
        participation_words,
        whole_percents,
    )

    assert whole_percents([5, 67, 225]) == [2, 22, 76]  # not 2 + 23 + 76 = 101
    assert sum(whole_percents([1, 1, 1])) == 100 and whole_percents([0, 0]) == [0, 0]
    p = insights.Participation(
        community_id=None, community_name="", members=297, published=72, read_only=225, never_seen=0,
        lurkers=225, heavy=5, contributors=67, heavy_posts=510, posts=1000, heavy_min_posts=40,
        published_share=72 / 297,
        read_only_share=225 / 297, lurker_share=225 / 297, contributor_share=67 / 297, heavy_share=5 / 297,
        heavy_posts_share=0.51, by_community=(),
    )  # fmt: skip
    words = participation_words(p)
    assert words.startswith("24% of the 297 members ever published (72); 76% only read (225).")
    assert "76% lurkers, 22% contributors, 2% heavy contributors" in words
    chart = ParticipationChart()
    chart.set_participation(p)
    shown = [share for _label, _people, share, _colour in chart.segments()]
    assert sum(shown) == 100 and shown[0] + shown[1] == 24
    # The readers' colour means readers everywhere; the writers' colours are no tab's.
    assert SEGMENT_COLOURS[Segment.READER] == READ_ONLY
    for colour in (HEAVY, CONTRIBUTORS):
        for tab_colour in SEGMENT_COLOURS.values():
            assert abs(colour.hue() - tab_colour.hue()) > 30
    chart.deleteLater()


def test_silent_words_say_how_only_read_and_the_tabs_meet(make_view: Callable[..., Any]) -> None:
    view: SilentMembersView = make_view(SilentMembersView)
    counts = view.segment_counts()
    assert (
        f"the tabs list {counts[Segment.READER]} readers and {counts[Segment.NEWCOMER]} newcomers"
        in view.words.text()
    )


# -- trending ----------------------------------------------------------------------------------------


def test_the_growth_of_a_term_is_explained(qtbot, make_view: Callable[..., Any]) -> None:  # type: ignore[no-untyped-def]
    from ui.insight_models import TermColumn

    view: TrendingIdeasView = make_view(TrendingIdeasView)
    qtbot.waitUntil(lambda: view.terms_model.rowCount() > 0)
    tip = view.terms_model.headerData(
        TermColumn.GROWTH, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "shares" in tip and "×" in tip
    assert "×N" in view.terms_hint.text()
    term = view.terms_model.index(0, 0).data(REF_ROLE)
    view.filter_by_term(term)
    assert view.term_why.isVisibleTo(view) and term.why in view.term_why.text()
    view.clear_term()
    assert not view.chip_row.isVisibleTo(view)


def test_trending_ranks_like_the_core_and_a_term_click_filters(
    qtbot, make_view: Callable[..., Any], setup: World
) -> None:  # type: ignore[no-untyped-def]
    view: TrendingIdeasView = make_view(TrendingIdeasView)
    qtbot.waitUntil(lambda: view.terms_model.rowCount() > 0)
    core = insights.trending_ideas(setup.store, now=NOW)
    assert _refs(view) == [TopicRef(r.community_id, r.topic_id) for r in core]
    assert {r.topic_id for r in core} == {"ride", "bike"}  # idea categories only: "old" is General
    assert [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())] == ["1", "2"]
    assert view.proxy.index(0, 7).data() == core[0].why

    terms = [view.terms_model.row_object(r).key for r in range(view.terms_model.rowCount())]
    assert terms == [r.key for r in insights.trending_terms(setup.store, now=NOW, refresh=False)]
    row = terms.index("carpooling")
    index = view.terms_model.index(row, 0)
    view.terms_table.clicked.emit(index)
    qtbot.waitUntil(lambda: view.term_topics is not None)
    assert _refs(view) == [TopicRef(setup.north.id, "ride")]
    assert view.chip.isVisibleTo(view) and "carpooling" in view.chip.text()
    view.terms_table.clicked.emit(index)  # the same term again: every topic
    assert view.term is None and len(_refs(view)) == 2


def test_idea_categories_toggle(qtbot, make_view: Callable[..., Any], setup: World) -> None:  # type: ignore[no-untyped-def]
    view: TrendingIdeasView = make_view(TrendingIdeasView)
    assert view.ideas_box.isEnabled() and view.ideas_box.isChecked()
    assert TopicRef(setup.north.id, "chat") not in _refs(view)
    with qtbot.waitSignal(view.refreshed):
        view.ideas_box.setChecked(False)
    assert {ref.topic_id for ref in _refs(view)} == {"ride", "bike", "chat"}  # type: ignore[attr-defined]
    with qtbot.waitSignal(view.refreshed):
        view.ideas_box.setChecked(True)
    assert {ref.topic_id for ref in _refs(view)} == {"ride", "bike"}  # type: ignore[attr-defined]
    assert view.empty_words()[0] == "No idea is rising this week"


# -- in the window: j / k / Enter / o ----------------------------------------------------------------


def test_keyboard_in_the_window(qtbot, make_window, setup: World, opened_urls: list[object]) -> None:  # type: ignore[no-untyped-def]
    install_insight_views()
    window = make_window()
    view = window.view("unanswered")
    assert isinstance(view, UnansweredView)
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        window.choose("unanswered")
    view.focus_list()  # as Down from the filter box does: the first row
    first, second = _refs(view)[:2]
    assert view.current() == first
    qtbot.keyClick(view.table, Qt.Key.Key_J)
    assert view.current() == second
    qtbot.keyClick(view.table, Qt.Key.Key_K)
    assert view.current() == first
    assert window.reading.ref == first  # selecting shows it in the reading pane
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.reading.ref == first and window.reading.browser.hasFocus()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_O)
    qtbot.waitUntil(lambda: bool(opened_urls))
    assert f"/t/{first.topic_id}" in str(opened_urls[-1])  # type: ignore[union-attr]
    qtbot.keyClick(view.table, Qt.Key.Key_Slash)
    assert view.filter.hasFocus()


def test_trending_badge_counts_only_the_clearly_rising(
    qtbot, make_view: Callable[..., Any], setup: World
) -> None:  # type: ignore[no-untyped-def]
    view: TrendingIdeasView = make_view(TrendingIdeasView)
    core = insights.trending_ideas(setup.store, now=NOW)
    expected = sum(1 for r in core if r.score >= TrendingIdeasView.BADGE_MIN_SCORE)
    assert view.badge_count() == expected
    view.BADGE_MIN_SCORE = max(r.score for r in core) + 1  # nothing that clear any more
    assert view.badge_count() == 0
    view.BADGE_MIN_SCORE = 0.0
    assert view.badge_count() == view.model.rowCount() == len(core)
