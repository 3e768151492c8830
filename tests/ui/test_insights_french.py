"""With the French catalogue installed, the insight views' explanations come out in French."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from moderator.insights.base import duration
from moderator.insights.silent import _newcomer_step
from moderator.insights.unanswered import _why
from moderator.model import UTC
from ui import i18n
from ui.insight_views import translate_insight


@pytest.fixture
def french(qapp) -> Iterator[QCoreApplication]:  # type: ignore[no-untyped-def]
    if not (i18n.TRANSLATIONS_DIR / "community_moderator_fr.qm").exists():
        pytest.skip("catalogue not built (resources/translations/build.sh)")
    i18n.install_translators(qapp, QLocale(QLocale.Language.French, QLocale.Country.France))
    yield qapp
    i18n.remove_translators(qapp)


def test_unanswered_and_silent_texts_are_french(french: QCoreApplication) -> None:
    wait = duration(5 * 30 * 86400, tr=translate_insight)
    assert wait == "5 mois"
    assert _why("no_reply", wait, None, 0, 0, None, tr=translate_insight) == "Sans réponse depuis 5 mois"
    assert (
        _why(
            "last_word_not_team",
            duration(2 * 86400, tr=translate_insight),
            "x",
            0,
            0,
            None,
            tr=translate_insight,
        )
        == "Dernier mot de @x (hors équipe) il y a 2 jours"
    )
    now = int(dt.datetime(2026, 5, 20, tzinfo=UTC).timestamp())
    assert _newcomer_step(now, now - 4 * 86400, None, None, translate_insight).startswith(
        "Souhaitez-lui la bienvenue : nouveau venu depuis 4 jours"
    )
