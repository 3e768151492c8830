"""``accounts test | sign-in | edit`` and the upgraded ``add``/``remove``: words, exit codes, no key shown."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from moderator import cli, cli_accounts
from moderator.sandbox.user_api_keys import UserApiKeyState
from moderator.secrets import origin_of
from tests.helpers.cli_accounts_parser import wire_register
from tests.helpers.memory_keyring import MemoryKeyring, no_keyring
from tests.helpers.user_api_key_server import UserApiKeyServer

ADMIN_KEY = "admin-secret-cli-1"


@pytest.fixture(autouse=True)
def _wired(monkeypatch: pytest.MonkeyPatch) -> None:
    wire_register(monkeypatch)
    monkeypatch.setattr(cli_accounts, "POLL_INTERVAL", 0.0)


@pytest.fixture
def server() -> Iterator[UserApiKeyServer]:
    with UserApiKeyServer(UserApiKeyState(auto_approve="approve"), admin_key=ADMIN_KEY) as s:
        yield s


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> io.StringIO:
    stream = io.StringIO(text)
    monkeypatch.setattr("sys.stdin", stream)
    return stream


def _add_admin(monkeypatch: pytest.MonkeyPatch, url: str, *extra: str) -> int:
    _stdin(monkeypatch, ADMIN_KEY + "\n")
    return cli.main(
        ["accounts", "add", "discourse", "acme", "--url", url, "--username", "ann", "--api-key-stdin", *extra]
    )


def test_help_lists_the_new_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["accounts", "--help"])
    out = capsys.readouterr().out
    for command in ("test", "sign-in", "edit"):
        assert command in out


def test_add_checks_the_key_then_saves_it(
    server: UserApiKeyServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_backend: MemoryKeyring,
) -> None:
    assert _add_admin(monkeypatch, server.url) == 0
    out = capsys.readouterr().out
    assert "Added acme" in out and ADMIN_KEY not in out
    assert list(keyring_backend.passwords.values()) == [ADMIN_KEY]


def test_add_with_a_rejected_key_saves_nothing(
    server: UserApiKeyServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_backend: MemoryKeyring,
) -> None:
    _stdin(monkeypatch, "wrong-key\n")
    code = cli.main(
        ["accounts", "add", "discourse", "acme", "--url", server.url, "--username", "ann", "--api-key-stdin"]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "did not accept" in err and "Traceback" not in err and "wrong-key" not in err
    assert keyring_backend.passwords == {}


def test_add_refuses_plain_http(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert _add_admin(monkeypatch, "http://forum.example.org") == 1
    assert "https://" in capsys.readouterr().err


def test_add_without_a_keyring_says_so(
    server: UserApiKeyServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with no_keyring():
        assert _add_admin(monkeypatch, server.url) == 1
    err = capsys.readouterr().err
    assert "keyring is not available" in err and "one session" in err


def test_test_says_who_the_app_acts_as(
    server: UserApiKeyServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add_admin(monkeypatch, server.url) == 0
    capsys.readouterr()
    assert cli.main(["accounts", "test", "acme"]) == 0
    out = capsys.readouterr().out
    assert (
        "the key works" in out
        and "Acts as: ann (Ann), administrator" in out
        and "Site: Forum des idées" in out
    )


def test_test_of_an_unknown_account(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["accounts", "test", "nope"]) == 1
    assert "No community named nope" in capsys.readouterr().err


def test_sign_in_with_the_device_flow(
    server: UserApiKeyServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_backend: MemoryKeyring,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(cli_accounts, "open_browser", opened.append)
    assert cli.main(["accounts", "sign-in", "discourse", "acme", "--url", server.url]) == 0
    out = capsys.readouterr().out
    (code,) = [line.split("Code: ")[1] for line in out.splitlines() if "Code: " in line]
    assert len(code) == 9 and opened and opened[0].startswith(server.url + "/user-api-key/activate")
    (key,) = keyring_backend.passwords.values()
    assert server.state.user_for_key(key) == "animatrice"
    assert key not in out and "Acts as: animatrice" in out


def test_sign_in_with_copy_paste(
    server: UserApiKeyServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_backend: MemoryKeyring,
) -> None:
    stdin = _stdin(monkeypatch, "")

    def browser(url: str) -> None:  # the user approves and pastes the payload back
        params = dict(parse_qsl(urlsplit(url).query))
        payload = requests.post(
            f"{server.url}/user-api-key", data=params, headers={"Accept": "application/json"}, timeout=10
        ).json()["payload"]
        stdin.write(payload + "\n")
        stdin.seek(0)

    monkeypatch.setattr(cli_accounts, "open_browser", browser)
    assert cli.main(["accounts", "sign-in", "discourse", "acme", "--url", server.url, "--copy-paste"]) == 0
    (key,) = keyring_backend.passwords.values()
    assert server.state.user_for_key(key) == "animatrice" and key not in capsys.readouterr().out


def test_sign_in_with_a_payload_of_another_attempt(
    server: UserApiKeyServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_backend: MemoryKeyring,
) -> None:
    stdin = _stdin(monkeypatch, "")

    def browser(url: str) -> None:
        params = dict(parse_qsl(urlsplit(url).query), nonce="stale")
        payload = requests.post(f"{server.url}/user-api-key.json", data=params, timeout=10).json()["payload"]
        stdin.write(payload)
        stdin.seek(0)

    monkeypatch.setattr(cli_accounts, "open_browser", browser)
    assert cli.main(["accounts", "sign-in", "discourse", "acme", "--url", server.url, "--copy-paste"]) == 1
    assert "another sign-in request" in capsys.readouterr().err
    assert keyring_backend.passwords == {}


def test_edit_renames_and_replaces_the_key(
    server: UserApiKeyServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_backend: MemoryKeyring,
) -> None:
    assert _add_admin(monkeypatch, server.url) == 0
    _stdin(monkeypatch, "new-secret\n")
    assert (
        cli.main(["accounts", "edit", "acme", "--rename", "acme2", "--title", "Acme", "--key-stdin", "admin"])
        == 0
    )
    ((_, entry),) = keyring_backend.passwords
    assert entry.startswith(f"{origin_of(server.url)} acme2 admin_key @")
    assert keyring_backend.passwords[("community-moderator", entry)] == "new-secret"
    assert "new-secret" not in capsys.readouterr().out


def test_remove_revokes_and_can_keep_data(
    server: UserApiKeyServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keyring_backend: MemoryKeyring,
) -> None:
    monkeypatch.setattr(cli_accounts, "open_browser", lambda url: None)
    assert cli.main(["accounts", "sign-in", "discourse", "acme", "--url", server.url, "--no-browser"]) == 0
    (key,) = keyring_backend.passwords.values()
    capsys.readouterr()
    assert cli.main(["accounts", "remove", "acme", "--keep-data"]) == 0
    out = capsys.readouterr().out
    assert "Revoked" in out and "stays readable" in out
    assert server.state.user_for_key(key) is None and keyring_backend.passwords == {}
    assert cli.main(["accounts", "list"]) == 0
    assert "acme" in capsys.readouterr().out
    assert cli.main(["accounts", "remove", "acme"]) == 0
    assert "Removed acme and its local data" in capsys.readouterr().out


def test_json_of_the_sign_in_page_is_what_discourse_sends(server: UserApiKeyServer) -> None:
    head = requests.head(server.url + "/user-api-key/new", timeout=10)
    assert head.headers["Auth-Api-Version"] == "4" and head.headers["Auth-Api-Device-Code"] == "true"
    bad = requests.post(server.url + "/user-api-key/device.json", json={"nonce": "n"}, timeout=10)
    assert bad.status_code == 400 and json.loads(bad.content)["errors"]
