"""A key is kept per data directory, site and account, and only ever sent to the site it was made for.

The drill: two data directories each with a community named ``shared``, one for site X, one for site Y.
Both sites are servers on 127.0.0.1 (different ports, so different origins) that record the headers
they receive.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from moderator import accounts, secrets
from moderator.bootstrap import AppContext, secret_owner
from moderator.model import AuthKind, Community
from moderator.platforms import make_connector
from moderator.platforms.http import KeyForAnotherSite
from moderator.store import Store
from moderator.sync import sync_community
from tests.helpers.hostile_server import HostileServer, Route, hostile_server
from tests.helpers.memory_keyring import MemoryKeyring

KEY_X, KEY_Y = "key-of-site-x-1111", "key-of-site-y-2222"
ME = {"user": {"id": 1, "username": "ann", "admin": True, "moderator": True}}


@pytest.fixture
def sites() -> Iterator[tuple[HostileServer, HostileServer]]:
    routes = {"/u/ann.json": Route("json", ME)}
    with hostile_server(dict(routes)) as x, hostile_server(dict(routes)) as y:
        yield x, y


def _directory(tmp_path: Path, name: str, site: str, key: str) -> tuple[AppContext, Community]:
    store = Store(tmp_path / name / "moderator.sqlite3")
    community = accounts.new_community(name="shared", site=site, auth_kind=AuthKind.ADMIN_KEY, username="ann")
    return AppContext(store=store), accounts.add_account(store, community, key)


def _keys_received(server: HostileServer) -> set[str]:
    return {headers.get("api-key", "") for _, _, headers in server.requests}


def test_two_data_directories_never_share_a_key(
    tmp_path: Path, sites: tuple[HostileServer, HostileServer], memory_keyring: MemoryKeyring
) -> None:
    x, y = sites
    ctx1, shared1 = _directory(tmp_path, "one", x.url, KEY_X)
    ctx2, shared2 = _directory(tmp_path, "two", y.url, KEY_Y)  # written last: it won the shared entry
    try:
        for ctx, community in ((ctx1, shared1), (ctx2, shared2)):
            connector = ctx.connector_for(community)
            sync_community(ctx.store, community, connector)
            connector.close()
        assert _keys_received(x) == {KEY_X}, "site X received another site's key"
        assert _keys_received(y) == {KEY_Y}

        removal = accounts.remove_account(ctx2.store, shared2, delete_local_data=True)
        assert removal.key_forgotten
        assert secrets.get_secret(secret_owner(ctx1.store, shared1), "admin_key") == KEY_X
        assert accounts.has_key(ctx1.store, shared1) is True
    finally:
        ctx1.close()
        ctx2.close()
    assert ctx1.store.data_id != ctx2.store.data_id


def test_an_entry_of_an_older_version_moves_on_first_use(
    tmp_path: Path, sites: tuple[HostileServer, HostileServer], memory_keyring: MemoryKeyring
) -> None:
    x, _ = sites
    ctx, shared = _directory(tmp_path, "one", x.url, "placeholder")
    owner = secret_owner(ctx.store, shared)
    secrets.delete_secret(owner, "admin_key")
    keyring.set_password(secrets.SERVICE, "shared:admin_key", KEY_X)  # what older versions wrote
    try:
        connector = ctx.connector_for(shared)
        sync_community(ctx.store, shared, connector)
        connector.close()
    finally:
        ctx.close()
    assert _keys_received(x) == {KEY_X}
    assert memory_keyring.passwords == {(secrets.SERVICE, owner.entry("admin_key")): KEY_X}

    # Another data directory asking later finds no entry to take: it asks for its own key.
    other = secrets.SecretOwner.of("another-data-dir", "shared", x.url)
    assert secrets.get_secret(other, "admin_key") is None


def test_a_key_is_not_sent_to_another_origin(
    tmp_path: Path, sites: tuple[HostileServer, HostileServer], memory_keyring: MemoryKeyring
) -> None:
    x, y = sites
    ctx, shared = _directory(tmp_path, "one", x.url, KEY_X)
    try:
        secret = secrets.get_secret(secret_owner(ctx.store, shared), "admin_key")
        assert secret is not None and secret.origin == secrets.origin_of(x.url)
        moved = Community(
            name=shared.name,
            platform=shared.platform,
            base_url=y.url,
            username="ann",
            auth_kind=AuthKind.ADMIN_KEY,
        )
        with pytest.raises(KeyForAnotherSite) as info:
            make_connector(moved, secret)
        assert secrets.origin_of(x.url) in info.value.message
        assert y.requests == []

        # Editing the account's address does not carry the key along: the user enters the new site's.
        shared.base_url = y.url
        with pytest.raises(accounts.AccountError, match="Enter the key of the new address"):
            accounts.update_account(ctx.store, shared)
        assert accounts.update_account(ctx.store, shared, secret=KEY_Y).base_url == y.url
        assert secrets.get_secret(secret_owner(ctx.store, shared), "admin_key") == KEY_Y
    finally:
        ctx.close()
    assert KEY_X not in memory_keyring.passwords.values(), "the old site's key was forgotten"
