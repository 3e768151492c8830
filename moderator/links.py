"""A topic's address on its site, for any platform, from the local copy alone (no connector, no network).

Reminders, their calendar export, nudge placeholders and recurring posts write links to topics while
offline, so the address is built here from what sync stored:

- Discourse: ``/t/<slug>/<id>`` (the slug is optional there: ``-`` works);
- HumHub: the content's permalink as the server gave it (``metadata.url``: the HumHub parser keeps its path
  and query in the topic's ``slug``), always on the community's own origin, else the site itself;
- Viva Engage: ``<web root>/[<network>/]threads/<id>``, the web root being the API's base without
  ``/api/v1``.

The connectors' ``web_url`` may ask the server for a better address when online; these never do.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from moderator.model import Community, Platform


def site_url(community: Community) -> str:
    """The community's web address (for Viva Engage, the web root rather than the API)."""
    base = community.base_url.rstrip("/")
    if community.platform is Platform.VIVAENGAGE:
        parts = urlsplit(base)
        path = parts.path.removesuffix("/").removesuffix("/api/v1")
        root = f"{parts.scheme}://{parts.netloc}{path}"
        network = community.settings.get("network_permalink")
        if isinstance(network, str) and network:
            root = f"{root}/{quote(network)}"
        return root
    return base


def topic_url(community: Community, topic_id: str, slug: str = "") -> str:
    """The topic's address on its site; ``slug`` is what sync stored with the topic."""
    root = site_url(community)
    if community.platform is Platform.HUMHUB:
        # The permalink's path joined to this community's own origin: a server naming another host
        # cannot send the user elsewhere.
        if slug.startswith("/") and not slug.startswith("//"):
            parts = urlsplit(root)
            return f"{parts.scheme}://{parts.netloc}{slug}"
        return root
    if community.platform is Platform.VIVAENGAGE:
        return f"{root}/threads/{quote(topic_id)}"
    return f"{root}/t/{quote(slug) if slug else '-'}/{quote(topic_id)}"
