"""The accounts dialog against local servers: admin key, device flow, copy-paste, test, remove, settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from moderator import secrets
from moderator.bootstrap import AppContext, open_context
from moderator.model import AuthKind, Platform
from moderator.sandbox import SANDBOX_USERNAME
from moderator.sandbox.user_api_keys import UserApiKeyState
from moderator.settings import CommunitySettings
from tests.helpers.memory_keyring import MemoryKeyring, memory_keyring, no_keyring
from tests.helpers.user_api_key_server import UserApiKeyServer
from ui import dialogs
from ui.accounts_dialog import AccountsDialog, AccountsModel, RemoveAccountDialog, RemoveChoice
from ui.community_settings_dialog import CommunitySettingsDialog
from ui.tasks import TaskManager

ADMIN_KEY = "admin-secret-ui-1"
TIMEOUT = 20_000


@pytest.fixture(autouse=True)
def keyring_backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend
    secrets.allow_session_only(False)


@pytest.fixture(autouse=True)
def no_real_dialogs() -> Iterator[None]:
    dialogs.set_enabled(False)
    dialogs.shown.clear()
    yield
    dialogs.set_enabled(True)
    dialogs.shown.clear()


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[AppContext]:
    context = open_context()
    yield context
    context.close()


_MANAGERS: list[TaskManager] = []


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskManager]:
    manager = TaskManager()
    yield manager
    manager.shutdown()
    # Never let the last reference to a TaskManager go in a pool thread (its job wrappers hold one):
    # shiboken would then delete the QObject through a pending call, which crashes PySide 6.12.
    _MANAGERS.append(manager)


@pytest.fixture
def state() -> UserApiKeyState:
    return UserApiKeyState(username="animatrice")


@pytest.fixture
def server(state: UserApiKeyState) -> Iterator[UserApiKeyServer]:
    with UserApiKeyServer(state, admin_key=ADMIN_KEY) as s:
        yield s


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(AccountsDialog, "open_url", staticmethod(urls.append))
    return urls


@pytest.fixture
def dialog(qtbot: QtBot, ctx: AppContext, tasks: TaskManager, opened: list[str]) -> AccountsDialog:
    widget = AccountsDialog(ctx, tasks, poll_interval=0.02)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _start_add(qtbot: QtBot, dialog: AccountsDialog, url: str, *, admin: bool, name: str = "ideas") -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    page = dialog.site_page
    assert dialog.pages.currentWidget() is page
    qtbot.keyClicks(page.site, url)
    page.name.setText(name)
    (page.admin if admin else page.browser).setChecked(True)
    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)


def _wait_page(qtbot: QtBot, dialog: AccountsDialog, page: object) -> None:
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is page, timeout=TIMEOUT)


# -- the list -------------------------------------------------------------------------------------------


def test_model_passes_the_model_tester(qtmodeltester: object, ctx: AppContext) -> None:
    model = AccountsModel(ctx)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 1 and model.community(0).auth_kind is AuthKind.SANDBOX  # type: ignore[union-attr]


def test_opens_on_the_first_account(dialog: AccountsDialog) -> None:
    assert dialog.pages.currentWidget() is dialog.details
    assert not dialog.details.sign_in_button.isEnabled()  # nothing to sign in to in the sandbox
    assert dialog.details.site.isReadOnly()


def test_test_button_shows_who_the_app_acts_as(qtbot: QtBot, dialog: AccountsDialog) -> None:
    qtbot.mouseClick(dialog.details.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.details.check_view.isVisible(), timeout=TIMEOUT)
    assert f"@{SANDBOX_USERNAME}" in dialog.details.check_view.acting_text
    assert dialog.last_check is not None and dialog.last_check.staff


# -- adding ----------------------------------------------------------------------------------------


def test_add_with_an_admin_key(
    qtbot: QtBot,
    dialog: AccountsDialog,
    server: UserApiKeyServer,
    ctx: AppContext,
    keyring_backend: MemoryKeyring,
) -> None:
    _start_add(qtbot, dialog, server.url, admin=True)
    _wait_page(qtbot, dialog, dialog.admin_page)
    page = dialog.admin_page
    qtbot.keyClicks(page.username, "ann")
    qtbot.keyClicks(page.key, ADMIN_KEY)
    with qtbot.waitSignal(dialog.accounts_changed, timeout=TIMEOUT):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.result_page
    assert "Acts as @ann (Ann), administrator" in dialog.result_page.check_view.acting_text
    assert page.key.text() == ""  # not left in a widget
    community = ctx.store.community("ideas")
    assert (
        community is not None
        and community.auth_kind is AuthKind.ADMIN_KEY
        and community.title == "Forum des idées"
    )
    assert list(keyring_backend.passwords.values()) == [ADMIN_KEY]
    assert dialog.model.rowCount() == 2


def test_a_rejected_admin_key_says_so(
    qtbot: QtBot, dialog: AccountsDialog, server: UserApiKeyServer, ctx: AppContext
) -> None:
    _start_add(qtbot, dialog, server.url, admin=True)
    page = dialog.admin_page
    page.username.setText("ann")
    page.key.setText("wrong")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.status.isVisible() and "did not accept" in page.status.text(), timeout=TIMEOUT
    )
    assert ctx.store.community("ideas") is None


def test_add_with_the_device_flow(
    qtbot: QtBot,
    dialog: AccountsDialog,
    server: UserApiKeyServer,
    state: UserApiKeyState,
    opened: list[str],
    keyring_backend: MemoryKeyring,
) -> None:
    _start_add(qtbot, dialog, server.url, admin=False)
    _wait_page(qtbot, dialog, dialog.device_page)
    page = dialog.device_page
    (request,) = state.devices.values()
    assert page.code.text() == request.user_code
    assert page.spinner.running
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert opened == [f"{server.url}/user-api-key/activate?request={request.request_token}"]
    state.auto_approve = "approve"  # the user confirms in the browser
    with qtbot.waitSignal(dialog.accounts_changed, timeout=TIMEOUT):
        pass
    assert dialog.pages.currentWidget() is dialog.result_page
    assert "Acts as @animatrice" in dialog.result_page.check_view.acting_text
    (key,) = keyring_backend.passwords.values()
    assert state.user_for_key(key) == "animatrice"
    assert not page.spinner.running


def test_device_flow_denied_offers_to_start_again(
    qtbot: QtBot, dialog: AccountsDialog, server: UserApiKeyServer, state: UserApiKeyState
) -> None:
    state.auto_approve = "deny"
    _start_add(qtbot, dialog, server.url, admin=False)
    page = dialog.device_page
    qtbot.waitUntil(lambda: page.retry_button.isVisible(), timeout=TIMEOUT)
    assert "denied" in page.status.text()
    state.auto_approve = "approve"
    with qtbot.waitSignal(dialog.accounts_changed, timeout=TIMEOUT):
        qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.result_page


def test_cancel_stops_the_device_flow(
    qtbot: QtBot, dialog: AccountsDialog, server: UserApiKeyServer, tasks: TaskManager
) -> None:
    _start_add(qtbot, dialog, server.url, admin=False)
    _wait_page(qtbot, dialog, dialog.device_page)
    qtbot.mouseClick(dialog.device_page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tasks.active_count == 0, timeout=TIMEOUT)
    assert dialog.pages.currentWidget() is dialog.details


def _approve(url: str, **override: str) -> str:
    site = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
    params = dict(parse_qsl(urlsplit(url).query), **override)
    return str(requests.post(site + "/user-api-key.json", data=params, timeout=10).json()["payload"])


def test_add_with_copy_paste_when_no_device_flow(
    qtbot: QtBot, dialog: AccountsDialog, server: UserApiKeyServer, state: UserApiKeyState, opened: list[str]
) -> None:
    state.device_flow = False
    _start_add(qtbot, dialog, server.url, admin=False)
    _wait_page(qtbot, dialog, dialog.paste_page)
    page = dialog.paste_page
    assert not page.finish_button.isEnabled()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    (url,) = opened
    page.payload.setPlainText(_approve(url))
    with qtbot.waitSignal(dialog.accounts_changed, timeout=TIMEOUT):
        qtbot.mouseClick(page.finish_button, Qt.MouseButton.LeftButton)
    assert "Acts as @animatrice" in dialog.result_page.check_view.acting_text


def test_a_payload_of_another_attempt_is_refused_clearly(
    qtbot: QtBot,
    dialog: AccountsDialog,
    server: UserApiKeyServer,
    state: UserApiKeyState,
    opened: list[str],
    ctx: AppContext,
) -> None:
    state.device_flow = False
    _start_add(qtbot, dialog, server.url, admin=False)
    _wait_page(qtbot, dialog, dialog.paste_page)
    page = dialog.paste_page
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    page.payload.setPlainText(_approve(opened[0], nonce="stale"))
    qtbot.mouseClick(page.finish_button, Qt.MouseButton.LeftButton)
    assert "another sign-in request" in page.status.text()
    page.payload.setPlainText("not a payload")
    qtbot.mouseClick(page.finish_button, Qt.MouseButton.LeftButton)
    assert "paste it again" in page.status.text()
    assert ctx.store.community("ideas") is None


def test_plain_http_is_refused_before_anything_is_sent(
    qtbot: QtBot, dialog: AccountsDialog, server: UserApiKeyServer
) -> None:
    _start_add(qtbot, dialog, "http://forum.example.org", admin=False)
    assert dialog.pages.currentWidget() is dialog.site_page
    assert "https://" in dialog.site_page.status.text()
    assert server.requests == []


def test_name_is_suggested_from_the_address(qtbot: QtBot, dialog: AccountsDialog) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.site_page.site, "forum.acme.org")
    assert dialog.site_page.name.text() == "acme"
    assert dialog.site_page.platform.model().item(1).isEnabled()  # HumHub
    assert dialog.site_page.platform.model().item(2).isEnabled()  # Viva Engage
    assert not dialog.site_page.platform.model().item(3).isEnabled()  # NodeBB: coming


def test_no_keyring_offers_this_session_only(
    qtbot: QtBot,
    dialog: AccountsDialog,
    server: UserApiKeyServer,
    monkeypatch: pytest.MonkeyPatch,
    ctx: AppContext,
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(dialog, "ask_session_only", lambda problem: asked.append(problem) or True)
    with no_keyring():
        _start_add(qtbot, dialog, server.url, admin=True)
        dialog.admin_page.username.setText("ann")
        dialog.admin_page.key.setText(ADMIN_KEY)
        with qtbot.waitSignal(dialog.accounts_changed, timeout=TIMEOUT):
            qtbot.mouseClick(dialog.admin_page.add_button, Qt.MouseButton.LeftButton)
        assert asked and "keyring is not available" in asked[0]
        assert (
            secrets.session_only()
            and secrets.get_secret(
                secrets.SecretOwner.of(ctx.store.data_id, "ideas", server.url), "admin_key"
            )
            == ADMIN_KEY
        )
        assert "until you quit" in dialog.result_page.note.text()


def test_no_keyring_and_no_consent_saves_nothing(
    qtbot: QtBot, dialog: AccountsDialog, server: UserApiKeyServer, ctx: AppContext
) -> None:
    with no_keyring():
        _start_add(qtbot, dialog, server.url, admin=True)
        dialog.admin_page.username.setText("ann")
        dialog.admin_page.key.setText(ADMIN_KEY)
        qtbot.mouseClick(dialog.admin_page.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: "keyring is not available" in dialog.admin_page.status.text(), timeout=TIMEOUT
        )
    assert [s.kind for s in dialogs.shown] == ["question"]  # the offer was made, and declined
    assert ctx.store.community("ideas") is None and not secrets.session_only()


# -- editing, removing --------------------------------------------------------------------------------


def _add_user_key_account(
    qtbot: QtBot, dialog: AccountsDialog, server: UserApiKeyServer, state: UserApiKeyState
) -> None:
    state.auto_approve = "approve"
    _start_add(qtbot, dialog, server.url, admin=False)
    with qtbot.waitSignal(dialog.accounts_changed, timeout=TIMEOUT):
        pass
    qtbot.mouseClick(dialog.result_page.done_button, Qt.MouseButton.LeftButton)


def test_test_rename_and_remove_a_signed_in_account(
    qtbot: QtBot,
    dialog: AccountsDialog,
    server: UserApiKeyServer,
    state: UserApiKeyState,
    ctx: AppContext,
    keyring_backend: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add_user_key_account(qtbot, dialog, server, state)
    assert dialog.current_community().name == "ideas"  # type: ignore[union-attr]
    qtbot.mouseClick(dialog.details.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.details.check_view.isVisible(), timeout=TIMEOUT)
    assert "@animatrice" in dialog.details.check_view.acting_text

    dialog.details.name.setText("ideas-fr")
    with qtbot.waitSignal(dialog.accounts_changed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.details.save_button, Qt.MouseButton.LeftButton)
    assert [k for (_, k) in keyring_backend.passwords] == [
        secrets.SecretOwner.of(ctx.store.data_id, "ideas-fr", server.url).entry("user_key")
    ]
    (key,) = keyring_backend.passwords.values()

    monkeypatch.setattr(RemoveAccountDialog, "ask", classmethod(lambda cls, parent, c: RemoveChoice(True)))
    with qtbot.waitSignal(dialog.accounts_changed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert state.user_for_key(key) is None  # revoked on the site
    assert keyring_backend.passwords == {}
    assert ctx.store.community("ideas-fr") is None and dialog.model.rowCount() == 1


def test_remove_keeping_the_local_copy_signs_out(
    qtbot: QtBot, dialog: AccountsDialog, server: UserApiKeyServer, state: UserApiKeyState, ctx: AppContext
) -> None:
    _add_user_key_account(qtbot, dialog, server, state)
    with qtbot.waitSignal(dialog.accounts_changed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)  # disabled dialogs: keep the data
    assert ctx.store.community("ideas") is not None
    assert "Signed out" in dialog.details.status.text()


# -- community settings ---------------------------------------------------------------------------------


def test_community_settings_round_trip(qtbot: QtBot, ctx: AppContext) -> None:
    community = ctx.store.community("sandbox")
    assert community is not None
    community.settings["kept_by_someone_else"] = 1
    ctx.store.update_community(community)
    dialog = CommunitySettingsDialog(ctx.store, community)
    qtbot.addWidget(dialog)
    dialog.amber.setValue(12)
    dialog.red.setValue(48)
    dialog.sync_minutes.setValue(30)
    dialog.definition.setCurrentIndex(dialog.definition.findData("last_word_not_team"))
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    stored = ctx.store.community("sandbox")
    assert stored is not None
    settings = CommunitySettings.from_dict(stored.settings)
    assert settings.thresholds_hours == (12, 48) and settings.sync_minutes == 30
    assert settings.unanswered_definition == "last_word_not_team"
    assert stored.settings["kept_by_someone_else"] == 1


def test_community_settings_refuses_amber_after_red(qtbot: QtBot, ctx: AppContext) -> None:
    community = ctx.store.community("sandbox")
    assert community is not None
    dialog = CommunitySettingsDialog(ctx.store, community)
    qtbot.addWidget(dialog)
    dialog.amber.setValue(80)
    dialog.red.setValue(10)
    dialog.save()
    assert dialog.error.isVisibleTo(dialog) and "amber" in dialog.error.text()


# -- issue 13: adding a community -------------------------------------------------------------------


def test_a_refused_connection_is_reported_at_once_without_a_local_copy_promise(
    qtbot: QtBot, dialog: AccountsDialog, ctx: AppContext
) -> None:
    from tests.helpers.discourse_double import closed_port

    _start_add(qtbot, dialog, f"http://127.0.0.1:{closed_port()}", admin=True)
    page = dialog.admin_page
    page.username.setText("ann")
    page.key.setText("some-key")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    # No retries with back-off for a port nobody listens on (they took 7-10 s): well within 3 s.
    qtbot.waitUntil(lambda: "refused the connection" in page.status.text(), timeout=3000)
    assert "local copy" not in page.status.text()  # there is none yet
    assert ctx.store.community("ideas") is None


def test_cancel_leaves_nothing_behind_for_the_next_add(
    qtbot: QtBot, dialog: AccountsDialog, server: UserApiKeyServer
) -> None:
    _start_add(qtbot, dialog, server.url, admin=True)
    _wait_page(qtbot, dialog, dialog.admin_page)
    page = dialog.admin_page
    qtbot.keyClicks(page.username, "ann")
    qtbot.keyClicks(page.key, "first-key")
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert page.username.text() == "" and page.key.text() == ""
    _start_add(qtbot, dialog, server.url, admin=True, name="other")
    _wait_page(qtbot, dialog, dialog.admin_page)
    assert page.username.text() == "" and page.key.text() == ""
    qtbot.keyClicks(page.key, "second-key")
    assert page.key.text() == "second-key"  # not appended to the first one
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.site_page.site.text() == "" and dialog.site_page.name.text() == ""


def test_one_way_out_of_the_result_and_no_width_jump(
    qtbot: QtBot, dialog: AccountsDialog, server: UserApiKeyServer
) -> None:
    dialog.resize(820, 540)
    qtbot.waitUntil(lambda: dialog.width() == 820)
    widths = {dialog.width()}
    _start_add(qtbot, dialog, server.url, admin=True)
    _wait_page(qtbot, dialog, dialog.admin_page)
    widths.add(dialog.width())
    dialog.admin_page.username.setText("ann")
    dialog.admin_page.key.setText(ADMIN_KEY)
    with qtbot.waitSignal(dialog.accounts_changed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.admin_page.add_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.result_page
    widths.add(dialog.width())
    assert dialog.result_page.done_button.isVisible()
    assert not dialog.close_box.isVisible()  # Done, not Done and Close
    qtbot.mouseClick(dialog.result_page.done_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.details and dialog.close_box.isVisible()
    widths.add(dialog.width())
    assert widths == {820}


def test_every_button_fits_in_french_without_the_dialog_growing(
    qtbot: QtBot, qapp, ctx: AppContext, tasks: TaskManager, opened: list[str]  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QPushButton

    from ui import i18n

    if not (i18n.TRANSLATIONS_DIR / "community_moderator_fr.qm").exists():
        pytest.skip("catalogue not built (resources/translations/build.sh)")
    i18n.install_translators(qapp, QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        widget = AccountsDialog(ctx, tasks, poll_interval=0.02)
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        width = widget.width()
        for page in (widget.details, widget.site_page, widget.admin_page, widget.result_page):
            widget.pages.setCurrentWidget(page)
            qtbot.waitUntil(lambda p=page: p.isVisible())
            for button in page.findChildren(QPushButton):
                if button.isVisible():  # "Enregistrer les modifications" was cut to "registrer les modificatio"
                    assert button.width() >= button.sizeHint().width(), button.text()
            assert widget.width() == width
    finally:
        i18n.remove_translators(qapp)


def test_choosing_humhub_offers_its_own_methods(qtbot: QtBot, dialog: AccountsDialog) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    page = dialog.site_page
    page.set_platform(Platform.HUMHUB)
    shown = [b.text() for b in page.method_buttons.values() if b.isVisible()]
    assert shown == ["Use an access token (recommended)", "Sign in with my username and password"]
    assert not page.browser.isVisible() and not page.admin.isVisible()
    page.method_buttons["humhub.password"].setChecked(True)
    qtbot.keyClicks(page.site, "https://127.0.0.1:9")
    page.name.setText("hub")
    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    form = dialog.form_pages["humhub.password"]
    assert dialog.pages.currentWidget() is form
    assert form.key.echoMode() == form.key.EchoMode.Password and list(form.inputs) == ["username", "password"]
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    assert "Fill in every field" in form.status.text()
