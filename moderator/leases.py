"""Leases on queued work, so two senders (the app and a terminal) never send the same item.

An item is claimed by writing ``claimed_by`` (an owner id: host, process, random) and ``claimed_until``
in a compare-and-set transaction. Another sender may take it when the lease has expired, or at once
when the holder is a process of this machine that no longer runs. The outbox and the moderation
decisions' sender share these rules.
"""

from __future__ import annotations

import os
import socket
import uuid

LEASE_SECONDS = 600  # longer than any single request with its retries and rate-limit waits
# A request that got no answer may still be processed by the server for a while (proxies give up on
# upstreams after 60 s): what it sent is looked for at once, but sent again only after this.
SETTLE_SECONDS = 90.0


def owner_id() -> str:
    """A lease owner id for one sender: this host, this process, and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def holder_alive(owner: str) -> bool:
    """Whether the sender holding a lease may still be running (when in doubt: yes)."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit() or os.name != "posix":
        return True
    try:
        os.kill(int(pid_text), 0)  # POSIX only: signal 0 checks existence without touching it
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def held_by_another(claimed_by: str | None, claimed_until: int | None, owner: str, now: int) -> bool:
    """Whether an item is held by another sender that may still be working on it."""
    return bool(
        claimed_by and claimed_by != owner and (claimed_until or 0) > now and holder_alive(claimed_by)
    )
