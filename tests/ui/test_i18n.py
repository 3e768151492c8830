"""Compiled catalogues load for the user's language; English gets its plurals; no file is no error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from ui import i18n, timefmt


@pytest.fixture
def app(qapp) -> Iterator[QCoreApplication]:  # type: ignore[no-untyped-def]
    yield qapp
    i18n.remove_translators(qapp)


def test_french(app: QCoreApplication) -> None:
    if not (i18n.TRANSLATIONS_DIR / "community_moderator_fr.qm").exists():
        pytest.skip("catalogue not built (resources/translations/build.sh)")
    loaded = i18n.install_translators(app, QLocale(QLocale.Language.French, QLocale.Country.France))
    assert any(t.filePath().endswith("community_moderator_fr.qm") for t in loaded)
    assert QCoreApplication.translate("views", "Unanswered") == "Sans réponse"
    assert QCoreApplication.translate("views", "Silent members") == "Membres silencieux"
    assert QCoreApplication.translate("topic_html", "%n reply(s)", None, 2) == "2 réponses"
    assert QCoreApplication.translate("topic_html", "%n reply(s)", None, 1) == "1 réponse"
    assert timefmt.ago(None) == ""


def test_english_plurals(app: QCoreApplication) -> None:
    if not (i18n.TRANSLATIONS_DIR / "community_moderator_en.qm").exists():
        pytest.skip("catalogue not built (resources/translations/build.sh)")
    i18n.install_translators(app, QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert QCoreApplication.translate("topic_html", "%n reply(s)", None, 1) == "1 reply"
    assert QCoreApplication.translate("topic_html", "%n reply(s)", None, 3) == "3 replies"


def test_a_language_without_catalogue_is_fine(app: QCoreApplication) -> None:
    i18n.install_translators(app, QLocale(QLocale.Language.Zulu))
    assert QCoreApplication.translate("views", "Unanswered") == "Unanswered"
