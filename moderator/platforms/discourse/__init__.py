"""Discourse: the reference connector.

- ``connector``: ``DiscourseConnector``, the protocol of ``moderator.platforms.base`` over the Discourse API;
- ``parse``: JSON answers to the domain model (no I/O);
- ``auth``: user API keys (device code, copy-paste RSA flow, revocation);
- ``bookmarks``: reminders mirrored as server bookmarks.
"""

from moderator.platforms.discourse.connector import DiscourseConnector

__all__ = ["DiscourseConnector"]
