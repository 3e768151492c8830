"""Signing in to Viva Engage with Microsoft's device code, against a local token endpoint (MSAL for real:
a custom https authority with instance discovery off, and its injectable HTTP client routing it here)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from moderator import accounts, secrets, signin
from moderator.model import Platform
from moderator.platforms.base import AuthenticationError, Cancelled
from moderator.platforms.vivaengage import auth
from moderator.platforms.vivaengage import signin as ve_signin
from moderator.store import Store
from moderator.sync import sync_community
from tests.helpers import msal_token_server
from tests.helpers.memory_keyring import MemoryKeyring, memory_keyring
from tests.helpers.msal_token_server import AUTHORITY, RoutingSession, TokenServer
from tests.helpers.vivaengage_server import Network, VivaEngageServer

CLIENT_ID = "9a8b7c6d-0000-4000-8000-123456789abc"


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TokenServer, VivaEngageServer]]:
    with VivaEngageServer(Network(seed=9, threads=20, users=8), window=0.2) as api:

        def issued(token: str) -> None:
            api.tokens[token] = api.network.me

        with msal_token_server.running(on_access_token=issued) as tokens:
            monkeypatch.setattr(ve_signin, "authority_host", AUTHORITY)
            monkeypatch.setattr(auth, "test_http_client", RoutingSession(tokens.url))
            yield tokens, api


@pytest.fixture
def keyring_backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


def _device_flow(values: dict[str, str]) -> signin.DeviceCodeFlow:
    return signin.start_device_code(signin.method("vivaengage.microsoft"), ve_signin.API_BASE, values=values)


def test_the_catalogue_offers_microsoft_first_and_a_token() -> None:
    sign_in = signin.platform_sign_in(Platform.VIVAENGAGE)
    assert [m.id for m in sign_in.choices] == ["vivaengage.microsoft", "vivaengage.token"]
    assert sign_in.default_site == "https://www.yammer.com/api/v1"
    with pytest.raises(signin.SignInFieldsMissing):
        _device_flow({})


def test_device_code_sign_in_then_sync_then_silent_renewal(
    servers: tuple[TokenServer, VivaEngageServer], keyring_backend: MemoryKeyring, tmp_path: object
) -> None:
    tokens, api = servers
    flow = _device_flow({"client_id": CLIENT_ID, "tenant": "contoso.example"})
    assert len(flow.user_code) == 9 and flow.verification_url == "https://microsoft.com/devicelogin"
    assert 0 < flow.seconds_left <= 900
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(flow.wait, threading.Event())
        tokens.approve(flow.user_code)
        credentials = waiting.result(timeout=20)
    assert credentials.settings[auth.CLIENT_ID_SETTING] == CLIENT_ID
    assert credentials.settings[auth.TENANT_SETTING] == "contoso.example"
    assert "refresh_token" in credentials.secret.lower() or "RefreshToken" in credentials.secret
    assert "secret=<hidden>" in repr(credentials)

    site = api.url
    community, check = accounts.account_from_credentials(
        name="contoso", site=site, platform=Platform.VIVAENGAGE, credentials=credentials
    )
    assert check.username == api.network.users[api.network.me].name
    community.settings["rate_limits"] = [[10, 0.5]]  # the local network's budget window is 0.2 s
    with Store(tmp_path / "m.sqlite3") as store:  # type: ignore[operator]
        from moderator.bootstrap import secret_owner

        community = accounts.add_account(store, community, credentials.secret)
        owner = secret_owner(store, community)
        stored = secrets.get_secret(owner, str(community.auth_kind))
        assert stored == credentials.secret  # the token cache lives in the keyring only
        assert "rt-" not in str(store.community(community.id).settings)  # type: ignore[arg-type, union-attr]

        from moderator.bootstrap import AppContext

        ctx = AppContext(store=store)
        connector = ctx.connector_for(community)
        assert sync_community(store, community, connector).ok
        # the access token expires (the API forgets it): renewed silently from the refresh token
        api.tokens = {}
        refreshes = tokens.grants("refresh_token")
        report = sync_community(store, community, ctx.connector_for(community))
        assert report.ok, report.message
        assert tokens.grants("refresh_token") == refreshes + 1
        assert secrets.get_secret(owner, str(community.auth_kind)) != stored  # new cache saved
        # the refresh token is revoked: a clear "Sign in again", nothing lost
        tokens.revoke_refresh_tokens()
        api.tokens = {}
        report = sync_community(store, community, ctx.connector_for(community))
        assert isinstance(report.error, AuthenticationError)
        assert "Sign in again" in report.error.message
        assert signin.method_for_account(community) == signin.method("vivaengage.microsoft")


@pytest.mark.parametrize(("action", "words"), [("decline", "declined"), ("expire", "expired")])
def test_a_declined_or_expired_code_says_what_to_do(
    servers: tuple[TokenServer, VivaEngageServer], action: str, words: str
) -> None:
    tokens, _api = servers
    flow = _device_flow({"client_id": CLIENT_ID})
    getattr(tokens, action)(flow.user_code)
    with pytest.raises(AuthenticationError, match=words):
        flow.wait(threading.Event())


def test_waiting_can_be_cancelled(servers: tuple[TokenServer, VivaEngageServer]) -> None:
    flow = _device_flow({"client_id": CLIENT_ID})
    cancel = threading.Event()
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(flow.wait, cancel)
        cancel.set()
        with pytest.raises(Cancelled):
            waiting.result(timeout=20)


def test_a_token_account_from_the_form(servers: tuple[TokenServer, VivaEngageServer]) -> None:
    _tokens, api = servers
    credentials = signin.sign_in_with_fields(
        signin.method("vivaengage.token"), api.url, {"token": "Bearer token-me"}
    )
    assert credentials.secret == "token-me"
    community, check = accounts.account_from_credentials(
        name="viva", site=api.url, platform=Platform.VIVAENGAGE, credentials=credentials
    )
    assert check.username == api.network.users[api.network.me].name


# -- the command line ----------------------------------------------------------------------------------


def test_cli_add_with_a_token_then_sign_in_with_microsoft(
    servers: tuple[TokenServer, VivaEngageServer],
    keyring_backend: MemoryKeyring,
    tmp_path: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    from moderator import cli, cli_accounts
    from tests.helpers.cli_accounts_parser import wire_register

    tokens, api = servers
    wire_register(monkeypatch)
    monkeypatch.setenv("MODERATOR_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(cli_accounts, "open_browser", lambda url: None)
    monkeypatch.setattr("sys.stdin", io.StringIO("token-me\n"))
    argv = ["accounts", "add", "vivaengage", "scripted", "--url", api.url, "--token-stdin"]
    assert cli.main(argv) == 0, capsys.readouterr().err
    assert "token-me" in keyring_backend.passwords.values()
    assert "token-me" not in capsys.readouterr().out

    # the "user" confirms the code as soon as the command prints it
    printed = io.StringIO()

    class Tee(io.TextIOBase):
        def write(self, text: str) -> int:
            printed.write(text)
            for line in text.splitlines():
                if line.strip().startswith("Code: "):
                    tokens.approve(line.split("Code: ", 1)[1].strip())
            return len(text)

    monkeypatch.setattr("sys.stdout", Tee())
    argv = ["accounts", "sign-in", "vivaengage", "contoso", "--url", api.url, "--client-id", CLIENT_ID]
    assert cli.main(argv) == 0
    assert "microsoft.com/devicelogin" in printed.getvalue()
    assert "Signed in: added contoso" in printed.getvalue()


def test_cli_sign_in_without_a_client_id_says_what_is_needed(
    keyring_backend: MemoryKeyring,
    tmp_path: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from moderator import cli
    from tests.helpers.cli_accounts_parser import wire_register

    wire_register(monkeypatch)
    monkeypatch.setenv("MODERATOR_DATA_DIR", str(tmp_path))
    assert cli.main(["accounts", "sign-in", "vivaengage", "contoso"]) == 1
    assert "--client-id" in capsys.readouterr().err


def test_the_account_remembers_its_network_for_web_addresses(servers: tuple[TokenServer, VivaEngageServer]) -> None:
    from moderator.platforms import make_connector

    _tokens, api = servers
    credentials = signin.sign_in_with_fields(signin.method("vivaengage.token"), api.url, {"token": "token-me"})
    community, check = accounts.account_from_credentials(
        name="viva", site=api.url, platform=Platform.VIVAENGAGE, credentials=credentials
    )
    assert community.settings["network_permalink"] == "contoso.example"
    assert check.site_title == "contoso.example"
    connector = make_connector(community, "token-me")
    root = api.url.removesuffix("/api/v1")
    assert connector.web_url("1234") == f"{root}/contoso.example/threads/1234"
