"""Community Moderator: the core (no Qt)."""

__version__ = "0.1.0"
