"""HumHub (REST module ``/api/v1``): one site is one community, its spaces are the categories.

- ``connector``: ``HumHubConnector``, the protocol of ``moderator.platforms.base`` over the REST module;
- ``parse``: JSON answers to the domain model (no I/O);
- ``signin``: Bearer token, or username and password exchanged once for a JWT.
"""
