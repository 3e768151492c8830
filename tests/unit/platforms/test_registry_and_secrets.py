"""``make_connector`` (auth headers, budgets per kind of key) and the keyring wrapper."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from moderator import secrets
from moderator.model import AuthKind, Community, Platform
from moderator.platforms import (
    make_connector,
    private_message_titles,
    private_messages_unknown,
    rate_limits_for,
    supports_private_messages,
)
from moderator.platforms.base import AuthenticationError, Connector, UnsupportedPlatform
from moderator.platforms.discourse import DiscourseConnector
from moderator.platforms.http import ADMIN_KEY_LIMITS, USER_KEY_LIMITS, RateLimit
from tests.helpers.memory_keyring import MemoryKeyring, memory_keyring, no_keyring

ACME = secrets.SecretOwner.of("a-data-dir", "acme", "https://forum.acme.org")

URL = "https://forum.example.org"


@pytest.fixture
def keyring_backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


def community(kind: AuthKind, **fields: object) -> Community:
    values: dict[str, object] = {
        "name": "acme",
        "platform": Platform.DISCOURSE,
        "base_url": URL,
        "auth_kind": kind,
    }
    values.update(fields)
    return Community(**values)  # type: ignore[arg-type]


def headers_of(connector: Connector) -> dict[str, str]:
    assert isinstance(connector, DiscourseConnector)
    return dict(connector.http._auth.items())


def test_admin_key() -> None:
    connector = make_connector(community(AuthKind.ADMIN_KEY, username="ann"), "k-admin")
    try:
        assert isinstance(connector, Connector)
        assert headers_of(connector) == {"Api-Key": "k-admin", "Api-Username": "ann"}
        assert isinstance(connector, DiscourseConnector)
        assert connector.http.budget is not None and connector.http.budget.limits == ADMIN_KEY_LIMITS
        other = make_connector(community(AuthKind.ADMIN_KEY, name="acme2", username="bob"), "k-other")
        assert isinstance(other, DiscourseConnector)
        assert other.http.budget is connector.http.budget  # one 60/min bucket per site for all admin keys
        other.close()
    finally:
        connector.close()


def test_user_key_with_client_id() -> None:
    c = community(AuthKind.USER_KEY, settings={"user_api_client_id": "cm-123"})
    connector = make_connector(c, "k-user")
    try:
        assert headers_of(connector) == {"User-Api-Key": "k-user", "User-Api-Client-Id": "cm-123"}
        assert isinstance(connector, DiscourseConnector)
        assert connector.http.budget is not None and connector.http.budget.limits == USER_KEY_LIMITS
        other = make_connector(c, "k-user-2")
        assert isinstance(other, DiscourseConnector)
        assert other.http.budget is not connector.http.budget  # per key
        other.close()
    finally:
        connector.close()


def test_configured_limits() -> None:
    assert rate_limits_for(community(AuthKind.USER_KEY, settings={"rate_limits": None})) is None
    limits = rate_limits_for(community(AuthKind.ADMIN_KEY, settings={"rate_limits": [[600, 60]]}))
    assert limits == (RateLimit(600, 60.0),)
    assert rate_limits_for(community(AuthKind.SANDBOX)) is None


def test_sandbox_uses_the_public_key_and_no_budget() -> None:
    sandbox = pytest.importorskip("moderator.sandbox")
    if not hasattr(sandbox, "SANDBOX_API_KEY"):
        pytest.skip("the sandbox is not there yet")
    connector = make_connector(community(AuthKind.SANDBOX, base_url="http://127.0.0.1:1"), None)
    try:
        headers = headers_of(connector)
        assert headers["Api-Key"] == sandbox.SANDBOX_API_KEY
        assert headers["Api-Username"] == sandbox.SANDBOX_USERNAME
        assert isinstance(connector, DiscourseConnector) and connector.http.budget is None
    finally:
        connector.close()


@pytest.mark.parametrize("secret", [None, ""])
def test_missing_secret(secret: str | None) -> None:
    with pytest.raises(AuthenticationError, match="No key is stored"):
        make_connector(community(AuthKind.USER_KEY), secret)


def test_admin_key_needs_a_username() -> None:
    with pytest.raises(AuthenticationError, match="username"):
        make_connector(community(AuthKind.ADMIN_KEY), "k")


def test_token_auth_is_not_discourse() -> None:
    with pytest.raises(AuthenticationError, match="bearer"):
        make_connector(community(AuthKind.TOKEN), "k")


def test_other_platforms_are_not_supported_yet() -> None:
    with pytest.raises(UnsupportedPlatform, match="Nodebb"):
        make_connector(community(AuthKind.TOKEN, platform=Platform.NODEBB), "k")


def test_humhub_signs_in_with_a_bearer_token_and_no_client_side_budget() -> None:
    hub = community(AuthKind.TOKEN, platform=Platform.HUMHUB)
    connector = make_connector(hub, "tok-1")
    try:
        assert connector.platform is Platform.HUMHUB
        assert "tok-1" not in repr(connector.http)  # type: ignore[attr-defined]
        assert connector.http.budget is None  # type: ignore[attr-defined]
        caps = connector.capabilities()
        assert not caps.read_statistics and not caps.server_bookmarks and not caps.review_queue
        assert caps.posting and caps.new_topics and not caps.private_messages  # mail module not probed yet
        assert not supports_private_messages(hub) and private_messages_unknown(hub)
    finally:
        connector.close()
    # What the sync learned about the site's mail module decides, with and without a connector.
    for learned in (True, False):
        known = community(AuthKind.TOKEN, platform=Platform.HUMHUB, settings={"mail_module": learned})
        connector = make_connector(known, "tok-1")
        try:
            assert connector.capabilities().private_messages is learned is supports_private_messages(known)
            assert not private_messages_unknown(known)
            if not learned:
                with pytest.raises(UnsupportedPlatform, match="no Messages \\(mail\\) module"):
                    connector.send_private_message(["anna"], "Hello", "A word for you.")
        finally:
            connector.close()
    assert rate_limits_for(hub) is None
    with pytest.raises(AuthenticationError, match="No token is stored"):
        make_connector(hub, None)
    with pytest.raises(AuthenticationError, match="access token"):
        make_connector(community(AuthKind.ADMIN_KEY, platform=Platform.HUMHUB), "k")


@pytest.mark.parametrize("settings", [{}, {"private_messages": False}])
def test_viva_engage_direct_messages_are_declared_alike_with_and_without_a_connector(
    settings: dict[str, object],
) -> None:
    """The GUI asks ``supports_private_messages`` without a connector: it must agree with the connector."""
    viva = community(
        AuthKind.TOKEN, platform=Platform.VIVAENGAGE, base_url="https://www.yammer.com/api/v1", settings=settings
    )
    connector = make_connector(viva, "tok-1")
    try:
        assert connector.capabilities().private_messages is supports_private_messages(viva)
        assert supports_private_messages(viva) is (settings == {})
    finally:
        connector.close()
    assert not private_message_titles(viva)  # a direct message has no title: it becomes the first line
    assert private_message_titles(community(AuthKind.USER_KEY))


def test_web_urls() -> None:
    connector = make_connector(community(AuthKind.USER_KEY), "k")
    try:
        assert connector.web_url() == URL
        assert connector.web_url("42") == f"{URL}/t/42"
        assert connector.web_url("42", 7) == f"{URL}/t/42/7"
    finally:
        connector.close()


# -- secrets -----------------------------------------------------------------------------------------


def test_secrets_round_trip(keyring_backend: MemoryKeyring) -> None:
    assert secrets.get_secret(ACME, "user_key") is None
    secrets.set_secret(ACME, "user_key", "k-1")
    assert secrets.get_secret(ACME, "user_key") == "k-1"
    assert keyring_backend.passwords == {
        ("community-moderator", "https://forum.acme.org acme user_key @a-data-dir"): "k-1"
    }
    secrets.delete_secret(ACME, "user_key")
    secrets.delete_secret(ACME, "user_key")  # forgetting twice is fine
    assert secrets.get_secret(ACME, "user_key") is None


def test_no_keyring_is_a_typed_error() -> None:
    with no_keyring():
        for call in (
            lambda: secrets.get_secret(ACME, "user_key"),
            lambda: secrets.set_secret(ACME, "user_key", "k"),
            lambda: secrets.delete_secret(ACME, "user_key"),
        ):
            with pytest.raises(secrets.SecretStoreUnavailable) as info:
                call()
            assert "keyring" in info.value.message


def test_secrets_never_logged(keyring_backend: MemoryKeyring, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("DEBUG"):
        secrets.set_secret(ACME, "user_key", "very-secret-value")
        secrets.get_secret(ACME, "user_key")
    assert "very-secret-value" not in caplog.text


def test_declared_bookmark_support_agrees_with_the_connector() -> None:
    """The GUI asks supports_server_bookmarks (no connector); the connector must say the same."""
    from moderator.model import AuthKind, Community, Platform
    from moderator.platforms import make_connector, supports_server_bookmarks

    community = Community(
        name="s", platform=Platform.DISCOURSE, base_url="http://127.0.0.1:9", auth_kind=AuthKind.SANDBOX
    )
    connector = make_connector(community, None)
    try:
        assert supports_server_bookmarks(community) == connector.capabilities().server_bookmarks
    finally:
        connector.close()
