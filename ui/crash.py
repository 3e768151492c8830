"""The last line of defence: an exception nobody caught becomes a log file and a calm message.

Installed as ``sys.excepthook`` (and ``threading.excepthook``) by ``ui.app``. The traceback goes to
``paths.log_dir()/crash-<time>.log`` and the user reads what happened in words, with where the
details are; the app keeps running (nothing the user typed is thrown away by a crash dialog).
Exceptions from background jobs never arrive here: ``ui.tasks`` hands them to their callers.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QMetaObject, QObject, Qt, Slot

from moderator import paths
from ui import dialogs

log = logging.getLogger(__name__)


def write_crash_log(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> Path | None:
    """Save the traceback; returns the file, or None when even the log directory fails us."""
    try:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = paths.log_dir() / f"crash-{stamp}.log"
        path.write_text("".join(traceback.format_exception(exc_type, exc, tb)), encoding="utf-8")
        return path
    except OSError:
        return None


class CrashHandler(QObject):
    """Turns uncaught exceptions into a logged file plus one message box at a time."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._showing = False
        self._pending_text = ""
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self.logs: list[Path] = []

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        log.critical("Uncaught exception", exc_info=(exc_type, exc, tb))
        path = write_crash_log(exc_type, exc, tb)
        if path is not None:
            self.logs.append(path)
        self._pending_text = self._message(path)
        # The hook may run anywhere (inside a paint event, a slot): show the box from the event loop.
        QMetaObject.invokeMethod(self, "_show", Qt.ConnectionType.QueuedConnection)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _message(self, path: Path | None) -> str:
        text = self.tr(
            "Something unexpected happened and was stopped. Your communities and drafts are safe; "
            "you can keep working. If it happens again, restart the app."
        )
        if path is not None:
            text += "\n\n" + self.tr("The details were saved for a bug report in:") + f"\n{path}"
        return text

    @Slot()
    def _show(self) -> None:
        if self._showing:
            return  # one box at a time: a loop of errors must not bury the user in boxes
        self._showing = True
        dialogs.warning(None, self._pending_text, title=self.tr("Something went wrong"))
        if dialogs.is_enabled():
            # non-modal: allow the next one once this box is closed
            for box in dialogs._open[-1:]:
                box.finished.connect(self._reset)
        else:
            self._showing = False

    @Slot()
    def _reset(self) -> None:
        self._showing = False
