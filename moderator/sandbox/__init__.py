"""The built-in sandbox community: a local Discourse serving a generated bilingual innovation community.

It is the app's default community on first launch (a newcomer sees a living community without an
account) and the test server of the Discourse connector. It shares no code with the connector: it
speaks Discourse's HTTP API from its own model, with the field sets of real captures.

    from moderator.sandbox import SandboxServer, generate, SANDBOX_API_KEY, SANDBOX_USERNAME

    with SandboxServer(seed=7) as srv:          # or srv = SandboxServer(...).start(); srv.stop()
        srv.url                                 # "http://127.0.0.1:54321"
        srv.world.planted["unanswered_topic_ids"]
        srv.inject_fault(r"^/latest", "429-retry-after", times=2)

Auth: ``Api-Key: SANDBOX_API_KEY`` + ``Api-Username: <any user>`` (admin key), or
``User-Api-Key: SANDBOX_USER_API_KEY`` + ``User-Api-Client-Id`` acting as ``SANDBOX_USERNAME``.
"""

from __future__ import annotations

import signal
import threading

from .entities import Bookmark, Category, Post, Topic, User, Viewer
from .generator import (
    SANDBOX_API_KEY,
    SANDBOX_USER_API_CLIENT_ID,
    SANDBOX_USER_API_KEY,
    SANDBOX_USERNAME,
    generate,
)
from .server import FAULTS, RequestRecord, SandboxServer
from .world import World

__all__ = [
    "FAULTS",
    "SANDBOX_API_KEY",
    "SANDBOX_USERNAME",
    "SANDBOX_USER_API_CLIENT_ID",
    "SANDBOX_USER_API_KEY",
    "Bookmark",
    "Category",
    "Post",
    "RequestRecord",
    "SandboxServer",
    "Topic",
    "User",
    "Viewer",
    "World",
    "generate",
    "serve",
]


def serve(port: int = 0, seed: int = 7, scale: float = 1.0, host: str = "127.0.0.1") -> None:
    """Run the sandbox in the foreground until Ctrl+C (``python main.py sandbox serve``)."""
    srv = SandboxServer(seed=seed, scale=scale, port=port, host=host).start()
    print(
        f"Sandbox community at {srv.url} (api key: {SANDBOX_API_KEY}, username: {SANDBOX_USERNAME})",
        flush=True,
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        _stop_ignoring_interrupts(srv)


def _stop_ignoring_interrupts(srv: SandboxServer) -> None:
    """A second Ctrl+C must not turn the clean stop into a traceback."""
    if threading.current_thread() is not threading.main_thread():
        srv.stop()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        srv.stop()
    finally:
        signal.signal(signal.SIGINT, previous)
