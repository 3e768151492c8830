"""``kill -9`` while typing loses at most the last two seconds.

A child process types into a draft through the real saving path (``ui.composer_parts.AutosaveTimer``
over ``moderator.drafts``, real QTimers in a QCoreApplication), printing after each keystroke how many
characters it has typed and when (CLOCK_MONOTONIC, shared by both processes on Linux). The parent only
reads that pipe (no sleeps), SIGKILLs the child mid-typing, then opens the database afresh: the draft
must be a prefix of what was typed, at least as long as what was typed two seconds before the kill.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from moderator import drafts
from moderator.store import Store
from tests.helpers.posting_double import World

TEXT = "Bonjour à tous, merci pour vos idées ! Voici ce que je propose pour la suite. "
TYPING_MS = 25
TYPE_FOR_SECONDS = 3.5

CHILD = r"""
import sys, time
from PySide6.QtCore import QCoreApplication, QTimer
from moderator import drafts
from moderator.store import Store
from ui.composer_parts import AutosaveTimer

app = QCoreApplication([])
store = Store(sys.argv[1])
cid, text_source, interval = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
typed = []
saver = AutosaveTimer(lambda text: drafts.save_draft(store, cid, "10", text, last_seen_post_number=2))

def keystroke():
    typed.append(text_source[len(typed) % len(text_source)])
    saver.changed("".join(typed))
    print(len(typed), repr(time.monotonic()), flush=True)

timer = QTimer()
timer.setInterval(interval)
timer.timeout.connect(keystroke)
timer.start()
print("ready", flush=True)
app.exec()
"""


@pytest.mark.skipif(
    os.name != "posix" or sys.platform == "darwin", reason="SIGKILL and a shared CLOCK_MONOTONIC"
)
def test_kill_9_while_typing_loses_at_most_two_seconds(world: World, tmp_path: Path) -> None:
    db_path = str(world.store.path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, db_path, str(world.cid), TEXT, str(TYPING_MS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
    )
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first.strip() == "ready", child.stderr.read() if child.stderr else ""
        typed: list[tuple[int, float]] = []
        while not typed or typed[-1][1] - typed[0][1] < TYPE_FOR_SECONDS:
            line = child.stdout.readline()
            assert line, f"the child stopped: {child.stderr.read() if child.stderr else ''}"
            count, when = line.split()
            typed.append((int(count), float(when)))
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    assert child.returncode == -signal.SIGKILL

    fresh = Store(db_path)  # a new connection replays the WAL, as the next launch would
    try:
        draft = drafts.get_draft(fresh, world.cid, "10")
    finally:
        fresh.close()
    assert draft is not None, "nothing was saved in 3.5 s of typing"
    expected = (TEXT * 100)[: typed[-1][0] + 200]
    assert expected.startswith(draft.body)
    must_have = max((n for n, when in typed if when <= killed_at - 2.0), default=0)
    assert must_have > 0
    assert len(draft.body) >= must_have, (len(draft.body), must_have, typed[-1][0])
