"""Both sign-in flows end to end against a local server speaking Discourse's user-API-key protocol.

The server side is ``moderator.sandbox.user_api_keys`` (its own RSA, JSON and base64); the client is
``moderator.platforms.discourse.auth``. The last tests run the whole app path (add, test, sync,
remove) and then look for the key everywhere it must never be: the data directory, the logs at DEBUG
level and everything the command line printed.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from moderator import accounts, cli, cli_accounts
from moderator.platforms.base import Cancelled
from moderator.platforms.discourse import auth
from moderator.sandbox.user_api_keys import UserApiKeyState
from tests.helpers.cli_accounts_parser import wire_register
from tests.helpers.discourse_double import API_KEY, USER_API_KEY, DiscourseDouble
from tests.helpers.memory_keyring import MemoryKeyring, memory_keyring
from tests.helpers.user_api_key_server import UserApiKeyServer


@pytest.fixture(autouse=True)
def keyring_backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


@pytest.fixture
def state() -> UserApiKeyState:
    return UserApiKeyState(username="animatrice")


@pytest.fixture
def server(state: UserApiKeyState) -> Iterator[UserApiKeyServer]:
    with UserApiKeyServer(state) as s:
        yield s


def _flow(server: UserApiKeyServer, **kwargs: object) -> auth.DeviceFlow:
    flow = auth.DeviceFlow(server.url, poll_interval=0, **kwargs)  # type: ignore[arg-type]
    flow.start()
    return flow


# -- device flow -------------------------------------------------------------------------------------


def test_site_advertises_the_device_flow(server: UserApiKeyServer) -> None:
    info = auth.detect_auth_api(None, server.url)
    assert info == auth.AuthApiInfo(version=4, device_flow=True)


def test_device_flow_pending_then_authorized(server: UserApiKeyServer, state: UserApiKeyState) -> None:
    flow = _flow(server)
    assert flow.authorization is not None
    assert flow.poll() is None  # authorization_pending
    assert flow.poll() is None
    state.approve(flow.authorization.user_code)
    key = flow.poll()
    assert key is not None and state.user_for_key(key) == "animatrice"
    assert state.keys[key].scopes == ("read", "write", "session_info", "notifications")
    assert state.keys[key].client_id == flow.client_id
    with pytest.raises(auth.ExpiredToken):  # the payload is handed out once
        flow.poll()


def test_device_flow_approved_in_the_browser_page(server: UserApiKeyServer, state: UserApiKeyState) -> None:
    flow = _flow(server)
    assert flow.authorization is not None
    page = requests.get(flow.authorization.open_url, timeout=10)
    assert (
        page.status_code == 200 and flow.authorization.user_code in page.text
    )  # the request token pre-fills it
    done = requests.post(
        server.url + "/user-api-key/activate",
        data={"user_code": flow.authorization.user_code.lower(), "decision": "approve"},
        timeout=10,
    )
    assert done.status_code == 200
    key = flow.wait()
    assert state.user_for_key(key) == "animatrice"


def test_device_flow_wait_polls_until_the_server_approves(
    server: UserApiKeyServer, state: UserApiKeyState
) -> None:
    state.auto_approve, state.approve_after_polls = "approve", 3
    flow = _flow(server)
    seen: list[float] = []
    key = flow.wait(on_poll=seen.append)
    assert flow.polls == 4 and len(seen) == 4 and all(s > 500 for s in seen)
    assert state.user_for_key(key) == "animatrice"


def test_device_flow_with_pkcs1_padding(server: UserApiKeyServer, state: UserApiKeyState) -> None:
    state.auto_approve = "approve"
    flow = _flow(server, padding="pkcs1")
    assert state.user_for_key(flow.wait()) == "animatrice"


def test_device_flow_access_denied(server: UserApiKeyServer, state: UserApiKeyState) -> None:
    flow = _flow(server)
    assert flow.authorization is not None
    state.deny(flow.authorization.user_code)
    with pytest.raises(auth.AccessDenied, match="denied on the site"):
        flow.wait()
    assert state.keys == {}


def test_device_flow_expired(server: UserApiKeyServer, state: UserApiKeyState) -> None:
    flow = _flow(server)
    assert flow.poll() is None
    state.expire_all()
    with pytest.raises(auth.ExpiredToken, match="expired"):
        flow.wait()


def test_device_flow_cancel_stops_waiting(server: UserApiKeyServer) -> None:
    flow = auth.DeviceFlow(server.url, poll_interval=30)
    flow.start()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        flow.wait(cancel)
    assert flow.polls == 0


def test_device_flow_payload_for_another_nonce(server: UserApiKeyServer, state: UserApiKeyState) -> None:
    state.auto_approve = "approve"
    flow = _flow(server)
    flow.nonce = "not-the-one-sent"
    with pytest.raises(auth.NonceMismatch, match="another sign-in request"):
        flow.wait()


def test_sites_without_device_flow_fall_back(state: UserApiKeyState, server: UserApiKeyServer) -> None:
    state.device_flow = False
    assert not auth.detect_device_flow(None, server.url)
    with pytest.raises(auth.DeviceFlowUnsupported):
        auth.DeviceFlow(server.url).start()


# -- copy-paste flow ---------------------------------------------------------------------------------


def _approve_in_browser(url: str, *, as_json: bool = True, **override: str) -> str:
    """What the user does: open the approval page, click Authorize, copy the payload."""
    page = requests.get(url, timeout=10)
    assert page.status_code == 200 and "Community Moderator" in page.text
    site = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
    params = dict(parse_qsl(urlsplit(url).query), **override)
    if as_json:
        return str(requests.post(site + "/user-api-key.json", data=params, timeout=10).json()["payload"])
    text = requests.post(site + "/user-api-key", data=params, timeout=10).text
    return text.split("readonly>", 1)[1].split("</textarea>", 1)[0]


@pytest.mark.parametrize("padding", ["oaep", "pkcs1", None])
def test_copy_paste_flow(server: UserApiKeyServer, state: UserApiKeyState, padding: str | None) -> None:
    key_pair, nonce, client_id = auth.KeyPair.generate(), auth.new_nonce(), auth.new_client_id()
    url = auth.build_authorization_url(server.url, client_id, key_pair.public_pem, nonce, padding=padding)
    payload = _approve_in_browser(url, as_json=padding != "oaep")
    key = auth.decrypt_payload(key_pair, payload, nonce)
    assert state.user_for_key(key) == "animatrice" and state.keys[key].client_id == client_id


def test_copy_paste_tampered_payload(server: UserApiKeyServer) -> None:
    key_pair, nonce = auth.KeyPair.generate(), auth.new_nonce()
    payload = _approve_in_browser(auth.build_authorization_url(server.url, "c", key_pair.public_pem, nonce))
    tampered = ("B" if payload[5] != "B" else "C").join((payload[:5], payload[6:]))
    with pytest.raises(auth.InvalidPayload, match="paste it again"):
        auth.decrypt_payload(key_pair, tampered, nonce)


def test_copy_paste_payload_of_an_older_attempt(server: UserApiKeyServer) -> None:
    key_pair, nonce = auth.KeyPair.generate(), auth.new_nonce()
    url = auth.build_authorization_url(server.url, "c", key_pair.public_pem, nonce)
    payload = _approve_in_browser(url, nonce="an-older-attempt")
    with pytest.raises(auth.NonceMismatch):
        auth.decrypt_payload(key_pair, payload, nonce)


def test_revoke_makes_the_key_useless(server: UserApiKeyServer, state: UserApiKeyState) -> None:
    state.auto_approve = "approve"
    key = _flow(server).wait()
    auth.revoke(None, server.url, key)
    assert state.user_for_key(key) is None
    auth.revoke(None, server.url, key)  # again: already revoked is fine


# -- the whole path, and no key anywhere it must not be ------------------------------------------------


@pytest.fixture
def site() -> Iterator[UserApiKeyServer]:
    """A user-API-key front on a full Discourse double: issued keys act upstream as its user."""
    with (
        DiscourseDouble(acting_username="system") as double,
        UserApiKeyServer(
            UserApiKeyState(username="system", auto_approve="approve"),
            upstream=double.url,
            upstream_headers={"User-Api-Key": USER_API_KEY},
        ) as front,
    ):
        yield front


def _assert_nowhere(secret: str, data_dir: Path, texts: list[str]) -> None:
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), f"the key is in {path}"
    for text in texts:
        assert secret not in text


def test_no_key_anywhere_after_sign_in_test_sync_remove(
    site: UserApiKeyServer,
    data_dir: Path,
    keyring_backend: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    wire_register(monkeypatch)
    monkeypatch.setattr(cli_accounts, "POLL_INTERVAL", 0.0)
    monkeypatch.setattr(cli_accounts, "open_browser", lambda url: None)
    caplog.set_level(logging.DEBUG)
    outputs: list[str] = []

    def run(*argv: str) -> int:
        code = cli.main(["-v", *argv])
        captured = capsys.readouterr()
        outputs.extend([captured.out, captured.err])
        return code

    assert run("accounts", "sign-in", "discourse", "ideas", "--url", site.url) == 0
    (user_key,) = keyring_backend.passwords.values()
    monkeypatch.setattr("sys.stdin", io.StringIO(API_KEY + "\n"))
    assert (
        run(
            "accounts",
            "add",
            "discourse",
            "admin",
            "--url",
            site.url,
            "--username",
            "system",
            "--api-key-stdin",
        )
        == 0
    )
    assert sorted(keyring_backend.passwords.values()) == sorted([user_key, API_KEY])
    assert run("accounts", "test", "ideas") == 0
    assert run("accounts", "test", "admin") == 0
    assert run("sync", "ideas", "admin") == 0, outputs
    assert run("accounts", "list") == 0
    assert "ideas" in outputs[-2] and "admin" in outputs[-2]
    _assert_nowhere(user_key, data_dir, outputs + [caplog.text])
    _assert_nowhere(API_KEY, data_dir, outputs + [caplog.text])

    assert run("accounts", "remove", "ideas") == 0
    assert run("accounts", "remove", "admin", "--keep-data") == 0
    assert site.state.user_for_key(user_key) is None  # revoked on the site
    assert keyring_backend.passwords == {}
    _assert_nowhere(user_key, data_dir, outputs + [caplog.text])
    _assert_nowhere(API_KEY, data_dir, outputs + [caplog.text])
    assert caplog.records, "the logs were captured"


def test_account_module_path_without_the_command_line(
    site: UserApiKeyServer, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from moderator.bootstrap import open_context

    caplog.set_level(logging.DEBUG)
    flow = auth.DeviceFlow(site.url, poll_interval=0)
    flow.start()
    key = flow.wait()
    community, check = accounts.user_key_account(
        name="ideas", site=site.url, key=key, client_id=flow.client_id
    )
    assert check.username == "system" and check.admin
    ctx = open_context(with_sandbox=False)
    try:
        stored = accounts.add_account(ctx.store, community, key)
        assert accounts.test_account(ctx, stored).username == "system"
        removal = accounts.remove_account(ctx.store, stored, delete_local_data=True)
        assert removal.revoked
    finally:
        ctx.close()
    _assert_nowhere(key, data_dir, [caplog.text])


# -- the same flows inside the sandbox, through the hook the lead adds to its router -------------------


@pytest.fixture
def hooked_sandbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """The sandbox with ``user_api_keys.sandbox_answer`` in front of its router (as the hook will put it)."""
    from moderator.sandbox import SandboxServer
    from moderator.sandbox.user_api_keys import sandbox_answer

    original = SandboxServer._answer
    if "sandbox_answer" not in SandboxServer._answer.__code__.co_names:  # until the hook is in server.py

        def hooked(self: SandboxServer, req: object) -> object:
            reply = sandbox_answer(self, req)
            return reply if reply is not None else original(self, req)

        monkeypatch.setattr(SandboxServer, "_answer", hooked)
    with SandboxServer(seed=7, port=0) as server:
        yield server


def test_device_flow_in_the_sandbox(hooked_sandbox: object) -> None:
    from moderator.model import AuthKind, Community, Platform
    from moderator.sandbox import SANDBOX_USERNAME

    url = hooked_sandbox.url  # type: ignore[attr-defined]
    assert auth.detect_device_flow(None, url)
    flow = auth.DeviceFlow(url, poll_interval=0)
    flow.start()
    assert flow.authorization is not None and flow.poll() is None
    page = requests.post(
        url + "/user-api-key/activate", data={"user_code": flow.authorization.user_code}, timeout=10
    )
    assert page.status_code == 200
    key = flow.wait()
    community = Community(
        name="s",
        platform=Platform.DISCOURSE,
        base_url=url,
        auth_kind=AuthKind.USER_KEY,
        settings={accounts.CLIENT_ID_SETTING: flow.client_id},
    )
    assert accounts.check_credentials(community, key).username == SANDBOX_USERNAME
    auth.revoke(None, url, key, client_id=flow.client_id)  # the sandbox's own revoke route
    from moderator.platforms.base import AuthenticationError, PermissionDenied

    with pytest.raises((AuthenticationError, PermissionDenied)):  # a revoked key is refused
        accounts.check_credentials(community, key)


@pytest.mark.parametrize("padding", ["oaep", "pkcs1"])
def test_copy_paste_flow_in_the_sandbox(hooked_sandbox: object, padding: str) -> None:
    url = hooked_sandbox.url  # type: ignore[attr-defined]
    key_pair, nonce = auth.KeyPair.generate(), auth.new_nonce()
    payload = _approve_in_browser(
        auth.build_authorization_url(url, "cid", key_pair.public_pem, nonce, padding=padding)
    )
    key = auth.decrypt_payload(key_pair, payload, nonce)
    assert key in hooked_sandbox.world.user_api_keys  # type: ignore[attr-defined]
