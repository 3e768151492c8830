"""Issue 13's French leftovers: the core's errors (the HTTP layer, the keyring), "g then u", the sandbox's name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from moderator import accounts
from moderator.platforms.base import RateLimited, ServerError
from moderator.platforms.http import offline_error
from moderator.secrets import SecretStoreUnavailable
from ui import i18n
from ui.error_words import user_message
from ui.shortcuts_dialog import _pretty


@pytest.fixture
def french(qapp) -> Iterator[QCoreApplication]:  # type: ignore[no-untyped-def]
    if not (i18n.TRANSLATIONS_DIR / "community_moderator_fr.qm").exists():
        pytest.skip("catalogue not built (resources/translations/build.sh)")
    i18n.install_translators(qapp, QLocale(QLocale.Language.French, QLocale.Country.France))
    yield qapp
    i18n.remove_translators(qapp)


def test_network_errors_in_french(french: QCoreApplication) -> None:
    refused = offline_error("forum.example.org", "connection refused")
    assert user_message(refused) == (
        "forum.example.org a refusé la connexion : le site est peut-être en panne, ou l’adresse erronée."
        " Votre copie locale est intacte ; synchronisez à nouveau quand la connexion sera revenue."
    )
    assert "copie locale" not in user_message(refused, local_copy=False)
    assert "HTTP 502" in user_message(ServerError(502)) and "problème interne" in user_message(ServerError(502))
    assert "dans 3 minutes environ" in user_message(RateLimited(180))
    # The CLI and the log keep the English text.
    assert refused.message.startswith("forum.example.org refused the connection")


def test_the_keyring_and_account_messages_in_french(french: QCoreApplication) -> None:
    assert user_message(SecretStoreUnavailable()).startswith("Le trousseau du système n’est pas disponible")
    with pytest.raises(accounts.AccountError) as info:
        accounts.normalize_site("")
    assert user_message(info.value).startswith("Saisissez l’adresse du site")


def test_key_sequences_read_in_french(french: QCoreApplication) -> None:
    assert _pretty("G, U") == "g puis u"


def test_plain_messages_pass_through(french: QCoreApplication) -> None:
    from moderator.platforms.base import PlatformError

    assert user_message(PlatformError("Un message du connecteur.")) == "Un message du connecteur."
    assert user_message(ValueError("boom")) == "boom"
