"""The window: sidebar | list | reading pane, like a mail client, with the status bar below.

The window wires parts together and owns nothing heavy: views come from the registry
(``ui.views``), background work goes through the ``TaskManager``, sync through the
``SyncController``. After each sync every view is told new data exists (it refreshes only if it is
visible), the sidebar dots and the status bar follow the controller's states, and an unreachable
community gets a quiet banner instead of an error box.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from moderator import paths
from moderator.model import AuthKind
from ui import dialogs, features, icons, reading_pane, screen_fit, timefmt, views
from ui.actions import build_actions
from ui.banners import BannerArea
from ui.empty_state import EmptyState
from ui.reading_pane import ReadingPane
from ui.shortcuts_dialog import ShortcutsDialog
from ui.sidebar import Sidebar
from ui.status_bar import SyncStatusBar
from ui.sync_controller import SyncController, SyncState, stored_anything
from ui.views import TopicRef, View

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from ui.tasks import TaskManager

log = logging.getLogger(__name__)

FIRST_LAUNCH_BANNER = "first-launch"
COALESCE_MS = 150  # syncs ending within this of each other refresh the views once
IDLE_REFRESH_MS = 400  # hidden views recompute their badges this long after the app went idle


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, tasks: TaskManager, controller: SyncController) -> None:
        super().__init__()
        self.ctx = ctx
        self.tasks = tasks
        self.controller = controller
        # One refresh per change: syncs ending close together (all communities at start) refresh
        # the views once, after the last of them.
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(self._refresh_after_syncs)
        # Hidden views recompute (their badges) only when the app is idle, one at a time.
        self._idle_refresh = QTimer(self)
        self._idle_refresh.setSingleShot(True)
        self._idle_refresh.setInterval(IDLE_REFRESH_MS)
        self._idle_refresh.timeout.connect(self._refresh_hidden_views)
        self._hidden_refreshing: View | None = None
        self.setWindowTitle(self.tr("Community Moderator"))
        self.setWindowIcon(icons.icon("app"))
        screen_fit.fit_to_screen(self, 1400, 860)  # at 150 % on a laptop: the screen's room, not more

        views.register_builtin_views()  # the sidebar order; features replace the placeholders
        self.features = features.register_views(self)
        self.sidebar = Sidebar(self)
        self.sidebar.set_views(views.registered())
        self.banners = BannerArea(self)
        self.stack = screen_fit.CurrentPageStack(self)
        self.reading = ReadingPane(ctx, self)
        self.view_widgets: dict[str, QWidget] = {}
        self.current_key = "all"
        for spec in views.registered():
            self.view_widgets[spec.key] = self._build_view(spec)

        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.setSpacing(0)
        middle_layout.addWidget(self.banners)
        middle_layout.addWidget(self.stack, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(middle)
        splitter.addWidget(self.reading)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        self.splitter = splitter
        self._restored_splitter = False  # a saved layout wins; else _share_panes at first show
        self._panes_shared = False
        self.setCentralWidget(splitter)

        self.status = SyncStatusBar(controller, self)
        self.setStatusBar(self.status)
        self.theme_actions: dict[str, QAction] = {}  # View → Theme, filled by build_actions
        self.actions = build_actions(self)

        self.sidebar.chosen.connect(self.choose)
        self.status.cancel_requested.connect(self.cancel_sync)
        self.reading.open_in_browser_requested.connect(self.open_in_browser)
        controller.state_changed.connect(self._on_sync_state)
        controller.finished.connect(self._on_sync_finished)
        controller.all_idle.connect(self._idle_refresh.start)
        tasks.unhandled_error.connect(self._on_unhandled_error)
        self._live_refresh = QTimer(self)  # while a long sync runs, show what has arrived so far
        self._live_refresh.setInterval(3000)
        self._live_refresh.timeout.connect(self._refresh_current)

        self._update_row_actions()
        self.wiring = features.FeatureWiring(self, self.features)
        self._restore_layout()

        self._shut_down = False
        self.reload_communities()
        start = self._saved_place()
        self.sidebar.select_key(start, emit=False)
        self.choose(start)
        self._idle_refresh.start()  # the hidden views' badges, once the shown list is filled

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._panes_shared:
            self._panes_shared = True
            if not self._restored_splitter:
                QTimer.singleShot(0, self._share_panes)  # once the splitter has its final width

    def _share_panes(self) -> None:
        """The panes share what the screen allows, the list the most; the sidebar shows its names whole
        when that leaves the list and the reading pane their room (up to 28 % of the window).

        Done at first show: before it, the splitter is not at the window's width and would scale
        these sizes down."""
        width = self.splitter.width()
        sidebar = max(200, width * 240 // 1400, min(self.sidebar.preferred_width(), width * 28 // 100))
        rest = width - sidebar
        self.splitter.setSizes([sidebar, rest * 62 // 100, rest * 38 // 100])

    # -- views -------------------------------------------------------------------------------

    def _build_view(self, spec: views.ViewSpec) -> QWidget:
        if spec.factory is None:
            page = EmptyState(self)
            page.set_text(
                spec.title(),
                self.tr(
                    "This view comes with a next version of the app. Meanwhile, every topic is in All communities."
                ),
            )
            self.stack.addWidget(page)
            return page
        view = spec.factory(self.ctx, self)
        view.view_key = spec.key
        view.tasks = self.tasks
        # Only the view on screen drives the reading pane: a hidden view refreshing after a sync
        # re-selects its own row, and that must never replace what the user is looking at.
        view.selected.connect(lambda ref, source=view: self._on_view_selected(source, ref))
        view.opened.connect(lambda ref, source=view: self._on_view_opened(source, ref))
        view.message.connect(self.show_message)
        if spec.in_sidebar:
            view.count_changed.connect(lambda n, key=spec.key: self.set_badge(key, n))
        stale = getattr(view, "went_stale", None)
        if stale is not None:
            stale.connect(self._idle_refresh.start)
        self.stack.addWidget(view)
        return view

    def view(self, key: str) -> View | None:
        widget = self.view_widgets.get(key)
        return widget if isinstance(widget, View) else None

    def current_view(self) -> View | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, View) else None

    def _on_view_selected(self, source: View, ref: object) -> None:
        if source is self.current_view():
            self.reading.show_ref(ref)

    def _on_view_opened(self, source: View, ref: object) -> None:
        if source is self.current_view():
            self._on_opened(ref)

    def go_to(self, key: str) -> None:
        """``g`` + a letter: show the view and put the keyboard on its list (never in its filter)."""
        self.choose(key, focus_list=True)

    @Slot(str)
    def choose(self, key: str, *, focus_list: bool = False) -> None:
        """Show what a sidebar entry stands for: all topics, one community's topics, or a view.

        The sidebar keeps the focus when the user walks it; otherwise (``focus_list``, or when Qt
        moved the focus out of the hidden page into the new page's filter box) the list gets it.
        """
        if key.startswith("community:"):
            view_key, scope = "topics", [int(key.split(":", 1)[1])]
        elif key == "all":
            view_key, scope = "topics", None
        else:
            view_key, scope = key, None
        widget = self.view_widgets.get(view_key)
        if widget is None:
            return
        self.current_key = key
        self._layout_settings().setValue("place", key)  # reopen here next time (kept even after a crash)
        if self.sidebar.current_key() != key:
            self.sidebar.select_key(key, emit=False)
        if isinstance(widget, View):
            widget.set_scope(scope)
            self.reading.set_empty_hint(*widget.selection_hint())
        self.stack.setCurrentWidget(widget)
        self.reading.setVisible(getattr(widget, "uses_reading_pane", True))  # Results: charts, nothing to read
        if isinstance(widget, View):
            focus = QApplication.focusWidget()
            landed_in_text = isinstance(
                focus, QLineEdit | QTextEdit | QPlainTextEdit
            ) and widget.isAncestorOf(focus)
            if focus_list or landed_in_text:
                widget.focus_list()
        current = widget.pane_ref() if isinstance(widget, View) else None
        self.reading.show_ref(current)
        self._update_row_actions()

    def set_badge(self, view_key: str, count: int) -> None:
        """The sidebar's count for a view (other views call this, or emit ``count_changed``), with
        the view's words for what it counts."""
        view = self.view(view_key)
        self.sidebar.set_badge(view_key, count, view.badge_tip(count) if view is not None else "")

    def show_message(self, text: str, msecs: int = 6000) -> None:
        """A transient status-bar message ("Reply queued, will be sent when online")."""
        self.status.showMessage(text, msecs)

    # -- communities and sync ----------------------------------------------------------------

    def reload_communities(self) -> None:
        communities = self.controller.reload_communities()
        self.sidebar.set_communities(communities)
        for status in self.controller.statuses():
            self._on_sync_state(status.community_id)
        if communities and all(c.auth_kind == AuthKind.SANDBOX for c in communities):
            self.banners.show_banner(
                FIRST_LAUNCH_BANNER,
                self.tr("This is a practice community. Add your own in Accounts."),
                kind="info",
            )
        else:
            self.banners.hide_banner(FIRST_LAUNCH_BANNER)

    @Slot()
    def sync_now(self) -> None:
        self.controller.sync_all(manual=True)
        self.show_message(self.tr("Syncing…"), 2000)

    @Slot()
    def cancel_sync(self) -> None:
        self.controller.cancel()
        self.show_message(self.tr("Stopping the sync; what was fetched is kept."), 4000)

    @Slot(int)
    def _on_sync_state(self, community_id: int) -> None:
        status = self.controller.status(community_id)
        if status is None:
            return
        self.sidebar.set_community_state(community_id, str(status.state), self.status.describe(status))
        syncing = self.controller.is_syncing()
        self.actions.cancel_sync.setEnabled(syncing)
        if syncing and not self._live_refresh.isActive():
            self._live_refresh.start()
        elif not syncing:
            self._live_refresh.stop()
        key = f"sync:{community_id}"
        age = timefmt.ago(status.last_synced_at)
        if status.state == SyncState.OFFLINE:
            if age:
                text = self.tr(
                    "%1 cannot be reached. You are reading the local copy from %2; the app will try again by itself."
                ).replace("%2", age)
            else:
                text = self.tr(
                    "%1 cannot be reached and has no local copy yet; the app will try again by itself."
                )
            self.banners.show_banner(key, text.replace("%1", status.name), kind="offline")
        elif status.state == SyncState.ERROR and status.needs_sign_in:
            # No key on this computer (kept for one session only) or the site refused it: the fix
            # is one button away (Alt+S from the keyboard), and no generic "unexpected problem".
            community = self.ctx.store.community(community_id)
            name = (community.title or community.name) if community is not None else status.name
            self.banners.show_banner(
                key,
                self.tr("Sign in again to %1: the app has no working key for it on this computer.").replace(
                    "%1", name
                ),
                kind="error",
                action=(self.tr("&Sign in again…"), lambda cid=community_id: self.sign_in_again(cid)),
            )
        elif status.state == SyncState.ERROR:
            self.banners.show_banner(key, f"{status.name}: {status.message}", kind="error")
        elif status.state == SyncState.SYNCED:
            self.banners.hide_banner(key)

    @Slot(int, object)
    def _on_sync_finished(self, community_id: int, report: Any) -> None:
        if stored_anything(report):  # a sync that failed or found nothing new changes no view
            self._coalesce.start()
        status = self.controller.status(community_id)
        if status is not None and status.state == SyncState.SYNCED:
            new = getattr(report, "topics", 0)
            self.show_message(
                self.tr("%1 synced: %2 topics updated").replace("%1", status.name).replace("%2", str(new)),
                5000,
            )

    @Slot()
    def _refresh_after_syncs(self) -> None:
        """New data from one or more syncs: the shown view now, the hidden ones when idle."""
        if self._shut_down or self.tasks.closed:
            return  # quitting: the store is closing
        for widget in self.view_widgets.values():
            if isinstance(widget, View):
                widget.request_refresh()
        self.reading.reload()

    @Slot()
    def _refresh_hidden_views(self) -> None:
        """Recompute one stale hidden view (its badge) if nothing else is going on, then the next."""
        if self._shut_down or self.tasks.closed:
            return
        shown = self.current_view()
        running = self._hidden_refreshing
        if (
            self.controller.is_syncing()
            or (running is not None and running.busy())
            or (shown is not None and shown.busy())
        ):
            self._idle_refresh.start()  # later
            return
        self._hidden_refreshing = None
        for widget in self.view_widgets.values():
            refresh_if_stale = getattr(widget, "refresh_if_stale", None)
            if refresh_if_stale is not None and refresh_if_stale():
                self._hidden_refreshing = widget  # type: ignore[assignment]
                self._idle_refresh.start()
                return

    @Slot()
    def _refresh_current(self) -> None:
        view = self.current_view()
        if view is not None:
            view.request_refresh()

    @Slot(str, object)
    def _on_unhandled_error(self, label: str, exc: object) -> None:
        self.show_message(
            self.tr("Something went wrong in the background (%1); details are in the log.").replace(
                "%1", label
            )
        )

    # -- keyboard commands -------------------------------------------------------------------

    def focus_filter(self) -> None:
        view = self.current_view()
        if view is not None:
            view.focus_filter()

    def move_selection(self, delta: int) -> None:
        view = self.current_view()
        if view is not None:
            view.move_selection(delta)

    def row_command(self, name: str) -> None:
        """e, s, z, n: the visible view's row action, on its selection (wherever the focus is)."""
        view = self.current_view()
        command = view.row_commands().get(name) if view is not None else None
        if command is None:
            self.show_message(
                self.tr("This view has no such action; the keyboard shortcuts are under ?."), 4000
            )
            return
        command()

    def _update_row_actions(self) -> None:
        actions = getattr(self, "actions", None)
        if actions is None:
            return
        view = self.current_view()
        available = view.row_commands() if view is not None else {}
        for name, action in actions.row.items():
            action.setEnabled(name in available)

    def open_current(self) -> None:
        view = self.current_view()
        if view is not None and view.current() is not None:
            self._on_opened(view.current())

    @Slot(object)
    def _on_opened(self, ref: object) -> None:
        self.reading.show_ref(ref)
        self.reading.focus_text()

    def open_current_in_browser(self) -> None:
        view = self.current_view()
        ref = view.current() if view is not None else None
        if isinstance(ref, TopicRef):
            self.open_in_browser(ref)

    @Slot(object)
    def open_in_browser(self, ref: object) -> None:
        """Ask the community's connector for the topic's web address (off the GUI thread), then open it."""
        if not isinstance(ref, TopicRef):
            return
        community = self.ctx.store.community(ref.community_id)
        if community is None:
            return
        connector_for = self.controller.connector_for

        def web_url(_task: object) -> str:
            connector = connector_for(community)
            try:
                return str(connector.web_url(ref.topic_id))
            finally:
                connector.close()

        def done(url: str) -> None:
            reading_pane.open_external(QUrl(url))
            self.show_message(self.tr("Opened in your browser."), 3000)

        def failed(exc: BaseException) -> None:
            log.warning("No web address for %s: %s", ref, exc)
            self.show_message(self.tr("Could not open the topic in the browser: %1").replace("%1", str(exc)))

        self.tasks.run(web_url, on_done=done, on_error=failed, label="web address")

    def reply_current(self) -> None:
        self.wiring.reply_current()

    def new_topic(self) -> None:
        self.wiring.new_topic()

    def remind_current(self) -> None:
        self.wiring.remind_current()

    def answerers_current(self) -> None:
        self.wiring.answerers_current()

    def show_accounts(self) -> None:
        from ui.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.ctx, self.tasks, self)
        dialog.accounts_changed.connect(self._on_accounts_changed)
        dialogs.show_dialog(dialog)

    def sign_in_again(self, community_id: int) -> None:
        """Accounts, on this community's sign-in (from the "Sign in again to …" banner)."""
        from ui.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.ctx, self.tasks, self, select=community_id)
        dialog.accounts_changed.connect(self._on_accounts_changed)
        dialog.sign_in_again()
        dialogs.show_dialog(dialog)

    @Slot()
    def _on_accounts_changed(self) -> None:
        self.reload_communities()
        self.controller.sync_all()

    def show_community_settings(self) -> None:
        """Settings of the community in scope (the sidebar's), else of the first one."""
        from ui.community_settings_dialog import CommunitySettingsDialog

        communities = self.ctx.store.communities()
        if not communities:
            return
        chosen = communities[0]
        if self.current_key.startswith("community:"):
            cid = int(self.current_key.split(":", 1)[1])
            chosen = next((c for c in communities if c.id == cid), chosen)
        dialog = CommunitySettingsDialog(self.ctx.store, chosen, self)
        dialog.saved.connect(self._refresh_all_views)
        dialogs.show_dialog(dialog)

    @Slot()
    def _refresh_all_views(self) -> None:
        for widget in self.view_widgets.values():
            if isinstance(widget, View):
                widget.request_refresh()

    def set_theme(self, choice: str) -> None:
        """View → Theme: apply now and remember (the next start opens in the same theme)."""
        from ui import theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.set_preference(app, choice)
        settings = self._layout_settings()
        settings.setValue("theme", theme.preference())
        settings.sync()
        for key, action in self.theme_actions.items():
            action.setChecked(key == theme.preference())
        self.sidebar.viewport().update()

    @staticmethod
    def saved_theme() -> str:
        from ui import theme

        value = MainWindow._layout_settings().value("theme", theme.SYSTEM)
        return str(value) if value in theme.PREFERENCES else theme.SYSTEM

    def show_shortcuts(self) -> None:
        dialogs.show_dialog(ShortcutsDialog(self.actions.sections(), self))

    def show_about(self) -> None:
        import platform

        from PySide6 import __version__ as pyside_version

        from moderator import __version__

        dialogs.information(
            self,
            self.tr("Community Moderator %1").replace("%1", __version__)
            + "\n\n"
            + self.tr(
                "Community Moderator helps animators and moderators of online communities see what waits for "
                "an answer, who went quiet and what is rising. Your data stays on this computer."
            )
            + "\n\n"
            + self.tr("Python %1 · Qt %2 · data in %3")
            .replace("%1", platform.python_version())
            .replace("%2", pyside_version)
            .replace("%3", str(paths.data_dir())),
            title=self.tr("About Community Moderator"),
        )

    # -- quitting ----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop syncs and background jobs before the store closes (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self._live_refresh.stop()
        self._coalesce.stop()
        self._idle_refresh.stop()
        for timer in self.findChildren(QTimer):  # the views' minute tickers read the store: not after this
            timer.stop()
        self.controller.stop()
        self.tasks.shutdown()

    # -- window layout, kept between sessions -----------------------------------------------

    @staticmethod
    def _layout_settings() -> QSettings:
        """In the data directory (not the user's global Qt settings), so --data-dir keeps it too."""
        return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        settings = self._layout_settings()
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        splitter = settings.value("splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self._restored_splitter = self.splitter.restoreState(splitter)
        screen_fit.keep_on_screen(self)  # saved on a bigger screen, or at another scale

    def _save_layout(self) -> None:
        settings = self._layout_settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("place", self.current_key)  # the view or community to reopen on
        settings.sync()

    def _saved_place(self) -> str:
        """Where the user left: a view, a community or All communities (if it still exists)."""
        key = str(self._layout_settings().value("place", "all") or "all")
        if key.startswith("community:"):
            ids = {c.id for c in self.ctx.store.communities()}
            return key if key.split(":", 1)[1].isdigit() and int(key.split(":", 1)[1]) in ids else "all"
        return key if key in self.view_widgets and key != "topics" else "all"

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        from ui.composer import Composer
        from ui.outbox_view import unsent_summary

        Composer.flush_all()  # nothing typed is ever lost, even in a composer left open
        summary = None if self._shut_down else unsent_summary(self.ctx.store)
        if summary and not dialogs.ask(
            self, summary + "\n\n" + self.tr("Quit now?"), title=self.tr("Replies waiting"), default=True
        ):
            event.ignore()
            return
        self._save_layout()
        self.shutdown()
        super().closeEvent(event)
