"""Issue 13, item 4: an account whose key was kept for one session only, after a restart.

The next start has no key for it (no keyring, the session's memory is gone). The sync must not end
on "an unexpected problem" with a traceback: it says "Sign in again to <community>", with a button
that opens the sign-in, and Accounts says so without pressing Test.
"""

from __future__ import annotations

import logging

import pytest

from moderator import secrets
from moderator.bootstrap import AppContext, secret_owner
from moderator.platforms.base import SignInRequired
from tests.helpers.memory_keyring import no_keyring
from ui.accounts_dialog import AccountsDialog
from ui.main_window import MainWindow
from ui.sync_controller import SyncController
from ui.tasks import TaskManager


@pytest.fixture(autouse=True)
def no_session_left() -> None:
    secrets.allow_session_only(False)  # a fresh start: last session's keys are gone


def test_connector_for_says_sign_in_again_without_a_keyring(filled: AppContext) -> None:
    acme = filled.store.community("acme")
    assert acme is not None
    with no_keyring(), pytest.raises(SignInRequired) as raised:
        filled.connector_for(acme)
    assert "Sign in again to Acme Ideas" in raised.value.message
    with pytest.raises(SignInRequired):  # a keyring without the key: the same way out
        filled.connector_for(acme)


def test_restart_after_a_session_only_account_offers_sign_in_again(
    qtbot, filled: AppContext, no_dialogs, caplog
) -> None:  # type: ignore[no-untyped-def]
    with no_keyring():
        secrets.allow_session_only(True)  # last session: the user accepted keeping the key in memory
        acme = filled.store.community("acme")
        assert acme is not None
        secrets.set_secret(secret_owner(filled.store, acme), "user_key", "kept-in-memory")
        secrets.allow_session_only(False)  # ...and the app was restarted
        tasks = TaskManager()
        controller = SyncController(filled, tasks)  # the real connector_for: reads the keyring
        window = MainWindow(filled, tasks, controller)
        qtbot.addWidget(window)
        window.show()
        acme = filled.store.community("acme")
        assert acme is not None and acme.id is not None
        try:
            with caplog.at_level(logging.ERROR), qtbot.waitSignal(controller.all_idle, timeout=10_000):
                window.sync_now()
            status = controller.status(acme.id)
            assert status is not None and status.needs_sign_in
            assert "unexpected" not in status.message
            assert not [r for r in caplog.records if r.exc_info]  # no traceback in the log
            banner = window.banners.banner(f"sync:{acme.id}")
            assert banner is not None
            assert "Sign in again to Acme Ideas" in banner.label.text()
            assert banner.button.isVisible() and banner.button.text() == "&Sign in again…"
            # (Alt+S, the button's mnemonic, was checked by hand in a real X server: offscreen
            # delivers mnemonics late.)
            banner.button.click()  # opens Accounts on this account's sign-in
            assert [(s.kind, s.text) for s in no_dialogs] == [("dialog", "accountsDialog")]
            dialog = window.findChild(AccountsDialog)
            assert dialog is not None
            assert dialog.current_community().name == "acme"  # type: ignore[union-attr]
            assert dialog.pages.currentWidget() is dialog.site_page
            assert dialog.site_page.site.text() == acme.base_url
        finally:
            for dialog in window.findChildren(AccountsDialog):
                dialog.close()
            window.shutdown()
            tasks.deleteLater()


def test_accounts_says_sign_in_again_before_test_is_pressed(qtbot, filled: AppContext) -> None:  # type: ignore[no-untyped-def]
    tasks = TaskManager()
    try:
        with no_keyring():
            dialog = AccountsDialog(filled, tasks)
            qtbot.addWidget(dialog)
            dialog.show()
            status = dialog.details.status
            qtbot.waitUntil(lambda: "Sign in again to Acme Ideas" in status.text(), timeout=5000)
            assert status.isVisible()
            assert dialog.details.sign_in_button.isEnabled()
    finally:
        tasks.shutdown()
        tasks.deleteLater()
