"""Accounts in the core: addresses, names, the keyring as the only home of a key, removal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator import accounts, secrets
from moderator.model import AuthKind, Community, Platform
from moderator.platforms.base import AuthenticationError, InsecureConnection
from moderator.sandbox.user_api_keys import UserApiKeyState
from moderator.store import Store
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.user_api_key_server import UserApiKeyServer

SERVICE = secrets.SERVICE


@pytest.fixture
def server() -> Iterator[UserApiKeyServer]:
    with UserApiKeyServer(UserApiKeyState(), admin_key="admin-secret-1") as s:
        yield s


# -- addresses and names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("forum.example.org", "https://forum.example.org"),
        ("https://forum.example.org/", "https://forum.example.org"),
        ("https://forum.example.org/latest?order=activity", "https://forum.example.org"),
        ("https://example.org/forum/t/hello/12", "https://example.org/forum"),
        ("http://localhost:3000", "http://localhost:3000"),
        ("http://127.0.0.1:8080/c/ideas/5", "http://127.0.0.1:8080"),
    ],
)
def test_normalize_site(typed: str, expected: str) -> None:
    assert accounts.normalize_site(typed) == expected


def test_plain_http_off_this_computer_is_refused_with_a_reason() -> None:
    with pytest.raises(InsecureConnection, match="https://"):
        accounts.normalize_site("http://forum.example.org")


def test_empty_address_says_what_to_type() -> None:
    with pytest.raises(accounts.AccountError, match="https://forum.example.org"):
        accounts.normalize_site("  ")


def test_suggested_names_are_short_and_unique() -> None:
    assert accounts.suggest_name("https://forum.acme.org") == "acme"
    assert accounts.suggest_name("https://forum.acme.org", {"acme", "acme-2"}) == "acme-3"
    assert accounts.suggest_name("http://127.0.0.1:4000") == "local"


def test_names_must_be_unique_and_command_line_friendly(store: Store) -> None:
    store.add_community(Community(name="acme", platform=Platform.DISCOURSE, base_url="https://a.org"))
    with pytest.raises(accounts.AccountError, match="already exists"):
        accounts.validate_name(store, "acme")
    with pytest.raises(accounts.AccountError, match="letters, digits"):
        accounts.validate_name(store, "my forum!")
    assert accounts.validate_name(store, " other ") == "other"


# -- add, edit --------------------------------------------------------------------------------------


def _entry(store: Store, name: str, kind: str, site: str = "https://forum.example.org") -> str:
    return secrets.SecretOwner.of(store.data_id, name, site).entry(kind)


def _admin(url: str, name: str = "acme") -> Community:
    return accounts.new_community(name=name, site=url, auth_kind=AuthKind.ADMIN_KEY, username="@ann")


def test_add_keeps_the_key_in_the_keyring_only(
    store: Store, keyring_backend: MemoryKeyring, tmp_path: Path
) -> None:
    community = accounts.add_account(store, _admin("https://forum.example.org"), " admin-secret-1\n")
    assert community.id is not None and community.username == "ann"
    assert keyring_backend.passwords == {(SERVICE, _entry(store, "acme", "admin_key")): "admin-secret-1"}
    store.close()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"admin-secret-1" not in path.read_bytes(), path


def test_a_failed_row_leaves_no_key_behind(
    store: Store, keyring_backend: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(community: Community) -> Community:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "add_community", boom)
    with pytest.raises(RuntimeError):
        accounts.add_account(store, _admin("https://forum.example.org"), "admin-secret-1")
    assert keyring_backend.passwords == {}


def test_admin_key_needs_a_username(store: Store) -> None:
    community = accounts.new_community(name="acme", site="https://a.org", auth_kind=AuthKind.ADMIN_KEY)
    with pytest.raises(accounts.AccountError, match="username"):
        accounts.add_account(store, community, "k")


def test_other_platforms_are_coming(store: Store) -> None:
    community = accounts.new_community(
        name="nb", site="https://nb.example.org", auth_kind=AuthKind.TOKEN, platform=Platform.NODEBB
    )
    with pytest.raises(accounts.AccountError, match="coming"):
        accounts.add_account(store, community, "k")


def test_rename_moves_the_key(store: Store, keyring_backend: MemoryKeyring) -> None:
    community = accounts.add_account(store, _admin("https://forum.example.org"), "admin-secret-1")
    community.name = "acme-forum"
    accounts.update_account(store, community)
    assert keyring_backend.passwords == {
        (SERVICE, _entry(store, "acme-forum", "admin_key")): "admin-secret-1"
    }
    assert store.community("acme-forum") is not None and store.community("acme") is None


def test_new_key_of_another_kind_replaces_the_old(store: Store, keyring_backend: MemoryKeyring) -> None:
    community = accounts.add_account(store, _admin("https://forum.example.org"), "admin-secret-1")
    community.auth_kind = AuthKind.USER_KEY
    accounts.update_account(store, community, secret="user-secret-2")
    assert keyring_backend.passwords == {(SERVICE, _entry(store, "acme", "user_key")): "user-secret-2"}


# -- test -------------------------------------------------------------------------------------------


def test_check_credentials_says_who_and_what(server: UserApiKeyServer) -> None:
    check = accounts.check_credentials(_admin(server.url), "admin-secret-1")
    assert (check.username, check.admin, check.staff) == ("ann", True, True)
    assert check.site_title == "Forum des idées"
    assert check.read_statistics and check.capabilities.staff_member_list
    assert "Acts as: ann (Ann), administrator" in check.lines()


def test_check_credentials_with_a_wrong_key_says_so(server: UserApiKeyServer) -> None:
    with pytest.raises(AuthenticationError, match="did not accept"):
        accounts.check_credentials(_admin(server.url), "wrong")


# -- remove ---------------------------------------------------------------------------------------


def _signed_in(server: UserApiKeyServer, store: Store) -> tuple[Community, str]:
    key = server.state._issue("animatrice", "cid-1", "Community Moderator", ("read",)).key
    community, check = accounts.user_key_account(name="acme", site=server.url, key=key, client_id="cid-1")
    assert check.username == "animatrice"
    return accounts.add_account(store, community, key), key


def test_remove_revokes_forgets_and_deletes(
    server: UserApiKeyServer, store: Store, keyring_backend: MemoryKeyring
) -> None:
    community, key = _signed_in(server, store)
    removal = accounts.remove_account(store, community, delete_local_data=True)
    assert removal.revoked and removal.key_forgotten and removal.data_deleted and not removal.revoke_error
    assert server.state.user_for_key(key) is None
    assert ("POST", "/user-api-key/revoke") in [(m, p) for m, p, _ in server.requests]
    assert keyring_backend.passwords == {}
    assert store.community("acme") is None


def test_remove_can_keep_the_local_copy(
    server: UserApiKeyServer, store: Store, keyring_backend: MemoryKeyring
) -> None:
    community, _key = _signed_in(server, store)
    removal = accounts.remove_account(store, community, delete_local_data=False)
    assert removal.revoked and not removal.data_deleted
    kept = store.community("acme")
    assert kept is not None and accounts.has_key(store, kept) is False


def test_remove_offline_still_forgets_and_says_how_to_revoke(
    store: Store, keyring_backend: MemoryKeyring
) -> None:
    with UserApiKeyServer() as gone:
        url = gone.url
    community = accounts.add_account(
        store,
        accounts.new_community(name="acme", site=url, auth_kind=AuthKind.USER_KEY, client_id="c"),
        "user-secret-3",
    )
    removal = accounts.remove_account(store, community, delete_local_data=True)
    assert not removal.revoked and removal.key_forgotten
    assert "Preferences → Apps" in removal.revoke_error
    assert keyring_backend.passwords == {}
