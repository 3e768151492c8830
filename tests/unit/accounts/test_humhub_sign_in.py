"""Signing in to HumHub: a Bearer token, or a username and password exchanged once for a JWT;
from the CLI (``accounts add humhub``) and through the neutral interface the dialog uses."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from moderator import accounts, cli, cli_accounts, signin
from moderator.model import AuthKind, Platform
from moderator.platforms.base import AuthenticationError, NotFound
from tests.helpers.cli_accounts_parser import wire_register
from tests.helpers.humhub_double import ADMIN_TOKEN, MEMBER_TOKEN, PASSWORD, HumHubDouble, World, running
from tests.helpers.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def _wired(monkeypatch: pytest.MonkeyPatch) -> None:
    wire_register(monkeypatch)
    monkeypatch.setattr(cli_accounts, "POLL_INTERVAL", 0.0)


@pytest.fixture
def hub() -> Iterator[HumHubDouble]:
    with running(World(seed=2, users=12, spaces=2, posts=10)) as double:
        yield double


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_password_is_exchanged_for_a_token_and_never_kept(hub: HumHubDouble) -> None:
    method = signin.method("humhub.password")
    credentials = signin.sign_in_with_fields(method, hub.url, {"username": "admin", "password": PASSWORD})
    assert credentials.auth_kind is AuthKind.TOKEN and credentials.secret.startswith("eyJ")
    assert credentials.expires_at is not None
    assert PASSWORD not in repr(credentials) and credentials.secret not in repr(credentials)
    community, check = accounts.account_from_credentials(
        name="hub", site=hub.url, platform=Platform.HUMHUB, credentials=credentials
    )
    assert community.username == "admin" and check.admin and check.capabilities.staff_member_list
    assert not check.capabilities.read_statistics and check.capabilities.posting
    # nothing of the password on the account row; only what the site offers (no Messages module here)
    assert community.settings == {"mail_module": False}


def test_wrong_password_and_disabled_jwt_say_what_to_do(hub: HumHubDouble) -> None:
    method = signin.method("humhub.password")
    with pytest.raises(AuthenticationError, match="did not accept this username and password"):
        signin.sign_in_with_fields(method, hub.url, {"username": "admin", "password": "nope"})
    hub.world.jwt_enabled = False
    with pytest.raises(NotFound, match="access token instead"):
        signin.sign_in_with_fields(method, hub.url, {"username": "admin", "password": PASSWORD})


def test_cli_add_with_a_token_tests_it_then_saves_it(
    hub: HumHubDouble, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], keyring_backend: MemoryKeyring
) -> None:
    _stdin(monkeypatch, MEMBER_TOKEN + "\n")
    assert cli.main(["accounts", "add", "humhub", "hub", "--url", hub.url, "--token-stdin"]) == 0
    out = capsys.readouterr().out
    assert "Added hub" in out and "as user2" in out and MEMBER_TOKEN not in out
    assert list(keyring_backend.passwords.values()) == [MEMBER_TOKEN]
    assert cli.main(["accounts", "test", "hub"]) == 0
    out = capsys.readouterr().out
    assert "Acts as: user2" in out and "member (not staff)" in out
    assert "Reading statistics: no" in out and "Full member list: no" in out


def test_cli_add_with_username_and_password(
    hub: HumHubDouble, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], keyring_backend: MemoryKeyring
) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    argv = ["accounts", "add", "humhub", "hub", "--url", hub.url, "--username", "admin", "--password-stdin"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "as admin" in out and "expires on" in out and PASSWORD not in out
    [stored] = keyring_backend.passwords.values()
    assert stored.startswith("eyJ") and PASSWORD not in stored


def test_cli_refusals_are_one_sentence(
    hub: HumHubDouble, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], keyring_backend: MemoryKeyring
) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    assert cli.main(["accounts", "add", "humhub", "hub", "--url", hub.url, "--password-stdin"]) == 1
    assert "--password-stdin needs --username" in capsys.readouterr().err
    _stdin(monkeypatch, "wrong\n")
    assert cli.main(["accounts", "add", "humhub", "hub", "--url", hub.url, "--username", "admin", "--password-stdin"]) == 1
    assert "did not accept this username and password" in capsys.readouterr().err
    _stdin(monkeypatch, "bad-token\n")
    assert cli.main(["accounts", "add", "humhub", "hub", "--url", hub.url, "--token-stdin"]) == 1
    assert "error:" in capsys.readouterr().err
    _stdin(monkeypatch, ADMIN_TOKEN + "\n")
    assert cli.main(["accounts", "add", "humhub", "hub", "--url", hub.url, "--api-key-stdin"]) == 1
    assert "HumHub accounts are added with --token-stdin, --password-stdin" in capsys.readouterr().err
    assert keyring_backend.passwords == {}
