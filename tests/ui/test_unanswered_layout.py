"""Issue 13, item 6: with two communities the Unanswered list keeps its title readable and the
waiting time whole, in English and in French."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QFontMetrics
from test_visible_view import add_questions
from ui_fakes import add_community, fill

from moderator.bootstrap import AppContext
from ui import i18n
from ui.insight_models import UnansweredColumn
from ui.unanswered_view import UnansweredView


@pytest.fixture
def filled(ctx: AppContext) -> AppContext:
    fill(ctx.store, add_community(ctx.store, "acme", title="Acme Ideas"))
    add_questions(ctx, "acme", 5)
    fill(ctx.store, add_community(ctx.store, "beta", title="Beta Support Community", url="https://beta.test"))
    add_questions(ctx, "beta", 5)
    return ctx


@pytest.fixture(params=["en", "fr"])
def language(request, qapp):  # type: ignore[no-untyped-def]
    if request.param == "fr":
        if not (i18n.TRANSLATIONS_DIR / "community_moderator_fr.qm").exists():
            pytest.skip("catalogue not built (resources/translations/build.sh)")
        i18n.install_translators(qapp, QLocale(QLocale.Language.French, QLocale.Country.France))
    yield request.param
    i18n.remove_translators(qapp)


def test_two_communities_keep_the_title_readable_and_the_wait_whole(qtbot, make_window, language) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.resize(1400, 800)
    window.splitter.setSizes([240, 680, 480])  # the default panes of a 1400 px window
    view = window.view("unanswered")
    assert isinstance(view, UnansweredView)
    window.choose("unanswered")
    qtbot.waitUntil(lambda: not view.busy() and view.model.rowCount() >= 10, timeout=10_000)
    header = view.table.horizontalHeader()
    assert not header.isSectionHidden(UnansweredColumn.COMMUNITY)  # two communities: it says which
    viewport = view.table.viewport().width()
    qtbot.waitUntil(lambda: header.sectionSize(UnansweredColumn.TITLE) >= min(260, viewport // 2))
    # "Why" repeats the wait: it gives way to the title first (its words stay in the title's tooltip)
    if header.sectionSize(UnansweredColumn.TITLE) < 300:
        assert header.isSectionHidden(UnansweredColumn.WHY)
    # The wait is never cut ("5 …" in French): the column fits its longest text, in bold, and the icon
    bold = QFont(view.table.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    widest = max(
        metrics.horizontalAdvance(str(view.model.index(r, UnansweredColumn.WAITING).data()))
        for r in range(view.model.rowCount())
    )
    assert header.sectionSize(UnansweredColumn.WAITING) >= widest + 16 + 12
    waits = {str(view.model.index(r, UnansweredColumn.WAITING).data()) for r in range(view.model.rowCount())}
    if language == "fr":
        assert any("j" in w or "h" in w for w in waits)  # French words, measured as French
    text = view.proxy.index(0, UnansweredColumn.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert text  # the title's tooltip carries the "why"
