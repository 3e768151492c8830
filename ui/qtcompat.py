"""Workarounds for defects of the installed Qt for Python, each detected at runtime, never assumed.

PySide6 6.12.0 returns the singletons ``None`` and ``True`` without taking a reference to them: every
void method called from Python (``timer.stop()``, ``widget.setFocus()``, ``processEvents()``...)
steals one reference to ``None``, every ``signal.emit()`` one to ``True``. On Python 3.12+ those
objects are immortal and nothing happens; on Python 3.11 (this project's floor) their count reaches
zero after some thousands of calls and the interpreter aborts ("none_dealloc: deallocating None"),
at exit or in the middle of a session. PySide6 6.11.x is not affected.

The fix belongs in the dependency pin (``PySide6-Essentials!=6.12.0``). Until then, when a leak is
detected, ``None``, ``True`` and ``False`` get a reference count so large that no session can exhaust
it, which is what Python 3.12 does for them (immortal objects). Nothing else changes.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

_IMMORTAL_REFS = 1 << 40  # ~10^12 leaked references before a count could run out
_applied = False


class _Probe(QObject):
    ping = Signal()


def leaking_singletons() -> list[object]:
    """The singletons PySide6 loses references to here (empty on a sound version)."""
    probe = _Probe()
    timer = QTimer()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(16):
        probe.ping.emit()  # returns True
        timer.stop()  # returns None
    leaks: list[object] = []
    if sys.getrefcount(None) < none_before:
        leaks.append(None)
    if sys.getrefcount(True) < true_before:
        leaks.append(True)
    return leaks


def apply() -> bool:
    """Apply the workarounds this interpreter and this PySide6 need. Returns True if one was applied."""
    global _applied
    if _applied or sys.version_info >= (3, 12):
        return False
    leaks = leaking_singletons()
    if not leaks:
        return False
    for singleton in (None, True, False):  # False too: returned by the same code paths as True
        ctypes.c_ssize_t.from_address(id(singleton)).value += _IMMORTAL_REFS
    _applied = True
    log.info("PySide6 leaks references to %s: made None/True/False immortal (see ui.qtcompat)", leaks)
    return True
