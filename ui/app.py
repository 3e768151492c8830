"""Starting and stopping the desktop app.

``main()`` is the whole life of the GUI: a QApplication with the user's language and light/dark
scheme, the crash handler, the store (``open_context``, in the data directory ``main.py`` chose),
the main window, and a sync of every community right away, so a newcomer lands in the living sandbox
community with no account, no network and no question. On quit, in this order: syncs cancelled,
background jobs waited for, the sandbox server stopped, the store closed.
"""

from __future__ import annotations

import dataclasses
import logging
import logging.handlers
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from moderator import paths
from ui import dialogs, i18n, icons, theme
from ui.crash import CrashHandler

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from ui.main_window import MainWindow
    from ui.sync_controller import SyncController
    from ui.tasks import TaskManager

log = logging.getLogger(__name__)

ORGANIZATION = "Community Moderator"
APPLICATION = "community-moderator"
DESKTOP_FILE = "community-moderator"
SWITCH_INTERVAL_S = 0.001  # the interpreter lock changes hands at most this long after asked (default 5 ms)


@dataclasses.dataclass
class Running:
    """Everything ``start`` opened, for ``stop`` to close in the right order."""

    app: QApplication
    ctx: AppContext
    tasks: TaskManager
    controller: SyncController
    window: MainWindow
    crash: CrashHandler


def setup_logging() -> None:
    """Log to a rotating file in the data directory (what a bug report attaches)."""
    handler = logging.handlers.RotatingFileHandler(
        paths.log_dir() / "moderator.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def make_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationDisplayName(QCoreApplication.translate("app", "Community Moderator"))
    QApplication.setDesktopFileName(DESKTOP_FILE)
    QApplication.setWindowIcon(icons.icon("app"))
    if QLocale.system().language() == QLocale.Language.C:
        # A bare "C"/POSIX environment (containers, CI): read dates like an English desktop would.
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    i18n.install_translators(app, QLocale())
    theme.follow_system(app)
    return app


def start(argv: Sequence[str] = (), *, sync_at_start: bool = True, dark: bool | None = None) -> Running:
    """Open everything and show the window (also used by the screenshots and the tests)."""
    from moderator.bootstrap import open_context
    from moderator.store import StoreError
    from ui.main_window import MainWindow
    from ui.sync_controller import SyncController
    from ui.tasks import TaskManager

    # The GUI thread shares the interpreter lock with the jobs (a sync decoding and storing pages, a
    # view's query): each time Qt calls back into Python (a cell painted, a timer) it waits for a job
    # to let go of the lock, by default up to 5 ms a time. A shorter turn keeps a frame a frame.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    app = make_application([sys.argv[0] if sys.argv else APPLICATION, *argv])
    if dark is not None:
        theme.apply(app, dark=dark)  # screenshots force a scheme
    else:
        theme.set_preference(app, MainWindow.saved_theme())
    crash = CrashHandler(app)
    crash.install()
    try:
        ctx = open_context()
    except (StoreError, paths.DataDirError) as exc:  # damaged, a folder in its place, no permission
        log.warning("Cannot open the local data: %s", exc)
        crash.uninstall()
        lead = QCoreApplication.translate(
            "app", "The app's local data cannot be opened. Nothing was changed."
        )
        raise StartupError(f"{lead}\n\n{exc}") from exc
    except Exception as exc:  # a newer schema, a corrupt file, a full disk: say it in words
        log.exception("Cannot open the local data")
        crash.uninstall()
        raise StartupError(str(exc)) from exc
    tasks = TaskManager(app)
    controller = SyncController(ctx, tasks, app)
    window = MainWindow(ctx, tasks, controller)
    window.show()
    window.wiring.start()
    if sync_at_start:
        controller.start_schedule()
    return Running(app, ctx, tasks, controller, window, crash)


def stop(running: Running) -> None:
    """Cancel, wait, then close: a worker must never find the store closed under it."""
    window = running.window
    window.shutdown()
    window.close()
    window.deleteLater()
    dialogs.close_all()
    running.ctx.close()  # stops the sandbox server, closes the store
    running.crash.uninstall()


class StartupError(Exception):
    """The app cannot start (the message says why and what to do)."""


def main(argv: Sequence[str] | None = None) -> int:
    """The GUI entry point (``community-moderator``, ``python main.py``)."""
    try:
        setup_logging()
        running = start(list(argv or []))
    except paths.DataDirError as exc:  # no data folder: nothing to log into either
        return _cannot_start(str(exc))
    except StartupError as exc:
        return _cannot_start(str(exc))
    running.app.aboutToQuit.connect(lambda: stop(running))
    return int(running.app.exec())


def _cannot_start(message: str) -> int:
    make_application([])
    box = dialogs.critical(None, message, title=QCoreApplication.translate("app", "Cannot start"))
    if box is not None:
        box.exec()
    return 1
