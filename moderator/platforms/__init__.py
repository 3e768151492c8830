"""Connectors to community platforms, behind one protocol (``base.Connector``) and one HTTP layer.

``make_connector`` is the only place that knows which class serves which platform and how an account's
kind of key becomes headers and a rate budget; the sync engine, the CLI and the GUI call it and then
only use the protocol.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from moderator.model import AuthKind, Community, Platform
from moderator.platforms.base import (
    AuthenticationError,
    Connector,
    PlatformError,
    UnsupportedPlatform,
)

if TYPE_CHECKING:
    import requests

    from moderator.platforms.http import RateLimit

# The HTTP layer (``requests``, ``urllib3``, the keyring) is imported when a connector is made, not
# with this package: the GUI imports ``moderator.platforms.base`` (typed errors) and the capability
# questions below at start, and ``requests`` alone is a fifth of a second before the first paint.

__all__ = ["Connector", "PlatformError", "make_connector", "rate_limits_for"]


def rate_limits_for(community: Community) -> tuple[RateLimit, ...] | None:
    """The client-side budget for this account: ``settings["rate_limits"]`` if set, else the defaults.

    ``settings["rate_limits"]`` is a list of ``[requests, per_seconds]`` pairs (a site that raised its
    limits), or ``None`` for no budget at all. The sandbox never has one.
    """
    from moderator.platforms.http import ADMIN_KEY_LIMITS, USER_KEY_LIMITS, VIVAENGAGE_LIMITS, RateLimit

    if community.auth_kind is AuthKind.SANDBOX:
        return None
    if "rate_limits" in community.settings:
        configured = community.settings["rate_limits"]
        if configured is None:
            return None
        window = community.platform is Platform.VIVAENGAGE
        return tuple(RateLimit(int(n), float(seconds), window=window) for n, seconds in configured)
    if community.platform is Platform.HUMHUB:
        return None  # HumHub's REST module has no rate limit of its own; a site that adds one answers 429
    if community.platform is Platform.VIVAENGAGE:
        return VIVAENGAGE_LIMITS
    return ADMIN_KEY_LIMITS if community.auth_kind is AuthKind.ADMIN_KEY else USER_KEY_LIMITS


def _discourse_auth(community: Community, secret: str | None) -> tuple[dict[str, str], str, str]:
    """Headers, the acting username, and the budget key for a Discourse account."""
    if community.auth_kind is AuthKind.SANDBOX:
        from moderator.sandbox import SANDBOX_API_KEY, SANDBOX_USERNAME  # the practice site's public key

        username = community.username or SANDBOX_USERNAME
        return {"Api-Key": SANDBOX_API_KEY, "Api-Username": username}, username, ""
    if not secret:
        raise AuthenticationError(
            f"No key is stored for “{community.name}”. Open the account settings and enter its key."
        )
    from moderator.platforms.http import budget_key

    if community.auth_kind is AuthKind.ADMIN_KEY:
        if not community.username:
            raise AuthenticationError(
                "An admin API key needs the username it acts as. Enter it in the account settings."
            )
        headers = {"Api-Key": secret, "Api-Username": community.username}
        return headers, community.username, budget_key("discourse-admin", community.base_url)
    if community.auth_kind is AuthKind.USER_KEY:
        headers = {"User-Api-Key": secret}
        client_id = community.settings.get("user_api_client_id")
        if isinstance(client_id, str) and client_id:
            headers["User-Api-Client-Id"] = client_id
        return headers, community.username, budget_key("discourse-user", community.base_url, secret)
    raise AuthenticationError(
        "Discourse accounts sign in with a user API key or an admin API key, not a bearer token."
    )


def _humhub_auth(community: Community, secret: str | None) -> tuple[dict[str, str], str]:
    """The Bearer header (a static token or a JWT from a password sign-in) and the budget key."""
    if community.auth_kind is not AuthKind.TOKEN:
        raise AuthenticationError("HumHub accounts sign in with an access token. Sign in again to get one.")
    if not secret:
        raise AuthenticationError(
            f"No token is stored for “{community.name}”. Open the account settings and sign in again."
        )
    from moderator.platforms.http import budget_key

    return {"Authorization": f"Bearer {secret}"}, budget_key("humhub", community.base_url, secret)


def supports_server_bookmarks(community: Community) -> bool:
    """Whether this community's platform can hold a reminder as a server bookmark.

    Answered without a connector (no keyring read, no sandbox start, no network), so the GUI thread
    can ask it while opening a dialog. It must agree with the connectors' ``capabilities()``.
    """
    return community.platform is Platform.DISCOURSE


def reports_topic_views(community: Community) -> bool:
    """Whether the platform counts a topic's views (HumHub and Viva Engage report none: no "0 views").

    Answered without a connector, like ``supports_server_bookmarks``.
    """
    return community.platform is Platform.DISCOURSE


def supports_tags(community: Community) -> bool:
    """Whether topics of this community's platform carry tags (the new-topic composer offers them).

    Answered without a connector, like ``supports_server_bookmarks``.
    """
    return community.platform is Platform.DISCOURSE


def supports_private_messages(community: Community) -> bool:
    """Whether the app can send this community's members a private message (nudges, invitations).

    Like ``supports_server_bookmarks``: answered without a connector, for the GUI thread. It must
    agree with the connectors' ``capabilities().private_messages``; a platform without direct
    messages answers False and the UI offers to copy the text instead. Discourse and Viva Engage send
    them; HumHub when its mail module was found (``settings["mail_module"]``, learned by the sync);
    ``settings["private_messages"] = False`` turns them off for one account.
    """
    switched_on = community.settings.get("private_messages", True) is not False
    if community.platform in (Platform.DISCOURSE, Platform.VIVAENGAGE):
        return switched_on
    if community.platform is Platform.HUMHUB:
        # the mail module, when the last sync (or the account check) found it on the site
        return switched_on and community.settings.get("mail_module") is True
    return False


def private_messages_unknown(community: Community) -> bool:
    """Whether the app does not know yet if this community can receive private messages: a HumHub
    site not synced since this version (the mail module is optional there). The composer then says
    to sync first, rather than that the platform cannot."""
    return community.platform is Platform.HUMHUB and not isinstance(community.settings.get("mail_module"), bool)


def private_message_titles(community: Community) -> bool:
    """Whether this platform's private messages have a title of their own.

    Viva Engage direct messages have none: the connector sends the title as the message's first line,
    and the nudge composer says so. Answered without a connector, like ``supports_private_messages``.
    """
    return community.platform is not Platform.VIVAENGAGE


def make_connector(
    community: Community,
    secret: str | None,
    *,
    session: requests.Session | None = None,
    client_options: Mapping[str, Any] | None = None,
) -> Connector:
    """The connector for ``community``, signed in with ``secret`` (ignored for the sandbox).

    ``session`` lets tests inject the HTTP session; ``client_options`` are passed to ``HttpClient``
    (timeouts, retries, an injected ``sleep``/``monotonic``, or ``budget`` to replace the shared one).
    """
    from moderator.platforms.http import HttpClient, shared_budget

    options = dict(client_options or {})
    if community.platform is Platform.DISCOURSE:
        from moderator.platforms.discourse import DiscourseConnector

        headers, username, key = _discourse_auth(community, secret)
        if "budget" not in options:
            options["budget"] = shared_budget(key, rate_limits_for(community)) if key else None
        # A key read from the keyring remembers the site it was stored for: never sent to another.
        options.setdefault("key_origin", getattr(secret, "origin", None))
        http = HttpClient(community.base_url, auth_headers=headers, session=session, **options)
        return DiscourseConnector(community, http, acting_username=username)
    if community.platform is Platform.HUMHUB:
        from moderator.platforms.humhub.connector import HumHubConnector

        headers, key = _humhub_auth(community, secret)
        if "budget" not in options:
            limits = rate_limits_for(community)
            options["budget"] = shared_budget(key, limits) if limits else None
        http = HttpClient(community.base_url, auth_headers=headers, session=session, **options)
        return HumHubConnector(community, http)
    if community.platform is Platform.VIVAENGAGE:
        return _vivaengage(community, secret, session, options)
    raise UnsupportedPlatform(
        f"{community.platform.value.title()} communities are not supported yet by this version of the app."
    )


def _vivaengage(
    community: Community,
    secret: str | None,
    session: requests.Session | None,
    options: dict[str, Any],
) -> Connector:
    """Two budgets (messages, everything else) per user and app; a bearer token or a Microsoft sign-in."""
    from moderator.platforms.http import HttpClient, KeyForAnotherSite, budget_key, shared_budget
    from moderator.platforms.vivaengage import VivaEngageConnector
    from moderator.platforms.vivaengage.auth import bearer_provider
    from moderator.secrets import origin_of

    if not secret:
        raise AuthenticationError(
            f"“{community.name}” is not signed in to Viva Engage. Open the account settings and sign in again."
        )
    limits = rate_limits_for(community)
    pace = min((limit.requests / limit.per_seconds for limit in limits or ()), default=0.0)
    if "budget" in options:
        messages = other = options.pop("budget")
    else:
        # Per user and app: the account (its address, name and application id) and the limits in force.
        identity = (
            f"{community.base_url}|{community.name}|{community.settings.get('msal_client_id', '')}|{limits}"
        )
        messages = shared_budget(budget_key("vivaengage-messages", community.base_url, identity), limits)
        other = shared_budget(budget_key("vivaengage-other", community.base_url, identity), limits)

    def route(path: str) -> Any:
        return messages if "/messages" in path else other

    options.setdefault("untold_429_wait", 31.0)
    # A token read from the keyring remembers the site it was stored for: never sent to another.
    key_origin = getattr(secret, "origin", None)
    if key_origin is not None and key_origin != origin_of(community.base_url):
        raise KeyForAnotherSite(key_origin, origin_of(community.base_url))
    provider = bearer_provider(community, secret, session=session)
    http = HttpClient(
        community.base_url,
        session=session,
        budget_for=route,
        auth_provider=provider,
        **options,
    )
    return VivaEngageConnector(community, http, pace=pace, tokens=provider)
