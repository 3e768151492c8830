"""Opening the app's world: the store, the built-in sandbox community and a connector per community.

Both front ends start here (``ui.app`` and ``moderator.cli``), so the GUI and the CLI always see the
same communities, the same data and the same sandbox.

The sandbox is the practice community a newcomer lands in: a local Discourse-speaking server started
in-process on a free port. Its world is generated from a seed anchored at the start of the current
UTC day, so it is the same community all day long; when the day changes the anchor moves, and the
local copy of the sandbox is cleared and synced afresh (it is practice data, nothing of the user's).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import TYPE_CHECKING

from moderator import paths
from moderator.model import UTC, AuthKind, Community, Platform, utcnow
from moderator.store import Store

if TYPE_CHECKING:
    from moderator.platforms.base import Connector
    from moderator.sandbox import SandboxServer
    from moderator.secrets import SecretOwner

log = logging.getLogger(__name__)

SANDBOX_NAME = "sandbox"
SANDBOX_SEED = 7
SANDBOX_URL_PLACEHOLDER = "http://127.0.0.1"  # the real port is only known once the server runs


def sandbox_anchor(now: dt.datetime | None = None) -> dt.datetime:
    now = now or utcnow()
    return dt.datetime(now.year, now.month, now.day, tzinfo=UTC)


@dataclasses.dataclass
class AppContext:
    store: Store
    sandbox: SandboxServer | None = None

    def connector_for(self, community: Community) -> Connector:
        """A connector for ``community``, its secret read from the OS keyring (the sandbox has none)."""
        from moderator.platforms import make_connector

        if community.auth_kind == AuthKind.SANDBOX:
            server = self.ensure_sandbox_server()
            live = dataclasses.replace(community, base_url=server.url)
            return make_connector(live, None)
        from moderator.platforms.base import SignInRequired
        from moderator.secrets import SecretStoreUnavailable, get_secret

        try:
            secret = get_secret(secret_owner(self.store, community), str(community.auth_kind))
        except SecretStoreUnavailable:
            secret = None  # no keyring (a key kept for one session only died with it)
        if not secret:
            raise SignInRequired(community.title or community.name)
        connector = make_connector(community, secret)
        persist = getattr(connector, "persist_secret", None)
        if callable(persist):  # a secret that renews itself (Viva Engage's token cache) is saved back
            from moderator.secrets import set_secret

            owner, kind = secret_owner(self.store, community), str(community.auth_kind)
            persist(lambda value: set_secret(owner, kind, value))
        return connector

    def ensure_sandbox_server(self) -> SandboxServer:
        if self.sandbox is None:
            from moderator.sandbox import SandboxServer

            community = self.store.community(SANDBOX_NAME)
            seed = int(community.settings.get("sandbox_seed", SANDBOX_SEED)) if community else SANDBOX_SEED
            self.sandbox = SandboxServer(seed=seed, port=0, now=sandbox_anchor()).start()
            log.info("Sandbox community serving at %s", self.sandbox.url)
        return self.sandbox

    def close(self) -> None:
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None
        self.store.close()


def secret_owner(store: Store, community: Community) -> SecretOwner:
    """Whose key this community's is: this data directory, the site's origin, the account's name."""
    from moderator.secrets import SecretOwner

    return SecretOwner.of(store.data_id, community.name, community.base_url)


SANDBOX_TITLE = "Communauté Innovation"
_OLD_TITLE_PREFIX = "Sandbox · "


def ensure_sandbox_community(store: Store, *, now: dt.datetime | None = None) -> Community:
    """The sandbox community row, created on first launch and refreshed when the day's anchor moves."""
    anchor = sandbox_anchor(now).isoformat()
    community = store.community(SANDBOX_NAME)
    if community is None:
        # The sandbox package is imported on first launch only (at every other start it would cost
        # a noticeable part of the time to the first paint), and its world is not generated here:
        # the categories' ids are fixed (generating the world took seconds before the first paint).
        from moderator.sandbox.generator import CATEGORIES, SANDBOX_USERNAME

        # Set up as an animator would: the practice community's ideas category is declared, so
        # "Idea categories only" in Trending ideas works from the first minute.
        categories = {key: cid for cid, key, *_ in CATEGORIES}  # = the world's planted["category_ids"]
        community = store.add_community(
            Community(
                name=SANDBOX_NAME,
                platform=Platform.DISCOURSE,
                base_url=SANDBOX_URL_PLACEHOLDER,
                username=SANDBOX_USERNAME,
                auth_kind=AuthKind.SANDBOX,
                # The site's own name, as a real community's title is: it goes into messages ("makes
                # {community} better"). That it is a practice community, the app says in its own words.
                title=SANDBOX_TITLE,
                settings={
                    "sandbox_anchor": anchor,
                    "sandbox_seed": SANDBOX_SEED,
                    "idea_category_ids": [str(categories["ideas"])],
                    "announcement_category_ids": [str(categories["announcements"])],
                },
            )
        )
    elif community.auth_kind == AuthKind.SANDBOX and community.title.startswith(_OLD_TITLE_PREFIX):
        community.title = community.title.removeprefix(_OLD_TITLE_PREFIX)  # English left in a French name
        store.update_community(community)
    if community.auth_kind == AuthKind.SANDBOX and community.settings.get("sandbox_anchor") != anchor:
        # A new day, a new practice world: its ids and dates differ, so the old copy goes. Only the
        # synced data is cleared; anything the user wrote (drafts, reminders) stays.
        assert community.id is not None
        store.clear_synced_data(community.id)
        community.settings["sandbox_anchor"] = anchor
        store.update_community(community)
    return community


def open_context(*, with_sandbox: bool = True) -> AppContext:
    """Open the store in the data directory and make sure the sandbox community is there."""
    store = Store(paths.database_path())
    if with_sandbox:
        ensure_sandbox_community(store)
    return AppContext(store=store)
