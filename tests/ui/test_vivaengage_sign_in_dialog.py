"""The Accounts dialog signs in to Viva Engage with Microsoft's device code (a local token endpoint)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from moderator import secrets
from moderator.bootstrap import AppContext, open_context
from moderator.model import Platform
from moderator.platforms.vivaengage import auth
from moderator.platforms.vivaengage import signin as ve_signin
from tests.helpers import msal_token_server
from tests.helpers.memory_keyring import MemoryKeyring, memory_keyring
from tests.helpers.msal_token_server import AUTHORITY, RoutingSession, TokenServer
from tests.helpers.vivaengage_server import Network, VivaEngageServer
from ui import dialogs
from ui.accounts_dialog import AccountsDialog
from ui.tasks import TaskManager

TIMEOUT = 15_000
_MANAGERS: list[TaskManager] = []


@pytest.fixture(autouse=True)
def keyring_backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TokenServer, VivaEngageServer]]:
    dialogs.set_enabled(False)
    with VivaEngageServer(Network(seed=4, threads=10, users=6), window=0.2) as api:

        def issued(token: str) -> None:
            api.tokens[token] = api.network.me

        with msal_token_server.running(on_access_token=issued) as tokens:
            monkeypatch.setattr(ve_signin, "authority_host", AUTHORITY)
            monkeypatch.setattr(auth, "test_http_client", RoutingSession(tokens.url))
            yield tokens, api
    dialogs.set_enabled(True)


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[AppContext]:
    context = open_context()
    yield context
    context.close()


@pytest.fixture
def dialog(qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> Iterator[AccountsDialog]:
    tasks = TaskManager()
    monkeypatch.setattr(AccountsDialog, "open_url", staticmethod(lambda url: None))
    widget = AccountsDialog(ctx, tasks, poll_interval=0.02)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    tasks.shutdown()
    _MANAGERS.append(tasks)


def test_microsoft_device_code_in_the_dialog(
    qtbot: QtBot, dialog: AccountsDialog, ctx: AppContext, servers: tuple[TokenServer, VivaEngageServer]
) -> None:
    tokens, api = servers
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    page = dialog.site_page
    page.set_platform(Platform.VIVAENGAGE)
    assert page.site.text() == "https://www.yammer.com/api/v1"  # nothing to type for the address
    microsoft = page.method_buttons["vivaengage.microsoft"]
    assert microsoft.isVisible() and microsoft.isChecked()
    page.site.setText(api.url)  # the local network instead of www.yammer.com
    page.name.setText("contoso")
    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "Application" in page.status.text() or "ID" in page.status.text(), timeout=TIMEOUT
    )
    assert dialog.pages.currentWidget() is page  # the application id is missing: said, not crashed

    client_id = page.method_inputs[("vivaengage.microsoft", "client_id")]
    qtbot.keyClicks(client_id, "9a8b7c6d-0000-4000-8000-123456789abc")
    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    device = dialog.device_page
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is device, timeout=TIMEOUT)
    assert "microsoft.com" in device.heading.text()
    assert device.url.text() == "https://microsoft.com/devicelogin"
    assert not device.paste_instead.isVisible()  # Microsoft has no copy-paste fallback
    tokens.approve(device.code.text())
    qtbot.waitUntil(lambda: ctx.store.community("contoso") is not None, timeout=TIMEOUT)
    community = ctx.store.community("contoso")
    assert community is not None and community.platform is Platform.VIVAENGAGE
    assert community.settings[auth.CLIENT_ID_SETTING] == "9a8b7c6d-0000-4000-8000-123456789abc"
    from moderator.bootstrap import secret_owner

    owner = secret_owner(ctx.store, community)
    assert secrets.get_secret(owner, str(community.auth_kind))  # the token cache, in the keyring

    # Signing in again (an expired refresh token): Microsoft again, the application id remembered.
    dialog.cancel_add()
    dialog._select(community.id)
    client_id.clear()
    dialog.sign_in_again()
    assert page.method_buttons["vivaengage.microsoft"].isChecked()
    assert client_id.text() == "9a8b7c6d-0000-4000-8000-123456789abc"
    assert not page.platform.isEnabled() and page.name.text() == "contoso"
