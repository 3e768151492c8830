"""Viva Engage (formerly Yammer): the legacy v1 REST API with a Microsoft Entra token.

- ``connector``: ``VivaEngageConnector``, the protocol of ``moderator.platforms.base``;
- ``parse``: JSON answers to plain records and the domain model (no I/O);
- ``auth``: Microsoft sign-in (MSAL device code), the token cache in the OS keyring, silent renewal.
"""

from moderator.platforms.vivaengage.connector import VivaEngageConnector

__all__ = ["VivaEngageConnector"]
