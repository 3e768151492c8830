"""Translations: load compiled ``.qm`` catalogues for the user's language, compile nothing at runtime.

Our catalogue is ``resources/translations/community_moderator_<lang>.qm`` (built from the ``.ts``
sources by ``resources/translations/build.sh``); Qt's own ``qtbase_<lang>.qm`` translates the standard
buttons (OK, Cancel, Yes, No). A missing file is normal (English needs none): the app then speaks the
source language, never fails.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
CATALOGUE = "community_moderator"

_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install Qt's and our translators for ``locale`` (default: the system's). Returns those loaded."""
    remove_translators(app)
    locale = locale or QLocale.system()
    candidates = [
        (CATALOGUE, str(TRANSLATIONS_DIR)),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", directory):
            app.installTranslator(translator)
            _installed.append(translator)
            log.debug("Loaded translations %s for %s", translator.filePath(), locale.name())
    return list(_installed)


def remove_translators(app: QCoreApplication) -> None:
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
