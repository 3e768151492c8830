"""Leases on queued work (moderator.leases), shared by the outbox and the moderation decisions' sender."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from moderator.leases import held_by_another, holder_alive, owner_id


def test_a_live_holder_keeps_its_lease_and_a_dead_one_loses_it_at_once() -> None:
    me = owner_id()
    assert holder_alive(me)
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = f"{socket.gethostname()}:{finished.stdout.strip()}:abcd1234"
    assert not holder_alive(dead)
    now = 1_000
    assert held_by_another(me, now + 60, owner_id(), now)  # another live sender, lease running
    assert not held_by_another(dead, now + 60, owner_id(), now)  # its process is gone: take it now
    assert not held_by_another(me, now - 1, owner_id(), now)  # lease expired
    assert not held_by_another(me, now + 60, me, now)  # our own
    assert holder_alive(f"elsewhere.example:{os.getpid()}:x")  # another host: cannot tell, assume alive
