"""Whatever PySide6 is installed, calling Qt from Python must not eat the interpreter's singletons."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal

import ui  # noqa: F401 - importing the package applies ui.qtcompat


class _Emitter(QObject):
    ping = Signal()


def test_void_calls_and_emits_do_not_exhaust_none_or_true() -> None:
    timer, emitter = QTimer(), _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(20_000):  # more than a fresh interpreter's references to None or True
        timer.stop()
        emitter.ping.emit()
    assert sys.getrefcount(None) > 0 and sys.getrefcount(True) > 0
    if sys.version_info < (3, 12):
        # Either PySide6 is sound (no loss), or the workaround made the singletons immortal.
        # (a little slack: unrelated objects may be freed meanwhile, each dropping one reference)
        assert sys.getrefcount(None) >= min(none_before, 1 << 39) - 1000
        assert sys.getrefcount(True) >= min(true_before, 1 << 39) - 1000
