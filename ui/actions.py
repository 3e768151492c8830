"""Every command of the window as a ``QAction`` in a menu, with its shortcut shown.

Keyboard first: the single-letter shortcuts (j, k, o, /, ?) are window-wide, but a text field keeps
its letters (``QLineEdit`` claims printable keys before shortcuts see them), so typing "joke" in the
filter box never moves the selection. The shortcuts dialog is generated from these actions, so the
list the user reads cannot drift from what the keys do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ui.main_window import MainWindow


translate = QCoreApplication.translate


@dataclasses.dataclass
class Actions:
    sync_now: QAction
    cancel_sync: QAction
    quit: QAction
    go_all: QAction
    go_views: dict[str, QAction]
    focus_filter: QAction
    next_row: QAction
    previous_row: QAction
    open_reading: QAction
    open_browser: QAction
    reply: QAction
    remind: QAction
    new_topic: QAction  # n: a new topic, or the view's own new item (a reminder note in Reminders)
    row: dict[str, QAction]  # e, s, z: the visible view's row actions (views.ROW_COMMANDS)
    answerers: QAction
    accounts: QAction
    community_settings: QAction
    shortcuts: QAction
    about: QAction

    def all(self) -> list[QAction]:
        fixed = [
            self.sync_now,
            self.cancel_sync,
            self.quit,
            self.go_all,
            self.focus_filter,
            self.next_row,
            self.previous_row,
            self.open_reading,
            self.open_browser,
            self.reply,
            self.remind,
            self.new_topic,
            *self.row.values(),
            self.answerers,
            self.accounts,
            self.community_settings,
            self.shortcuts,
            self.about,
        ]
        return fixed + list(self.go_views.values())

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """What ``?`` lists, grouped the way the user thinks: (section title, [(keys, what)])."""
        from ui.shortcuts_dialog import shortcut_rows

        def keys(text: str) -> str:  # as the keyboard's labels read in the user's language
            return QKeySequence(text).toString(QKeySequence.SequenceFormat.NativeText)

        composer = [
            (keys("Ctrl+Return"), translate("actions", "Send the reply (queued when offline)")),
            (keys("Esc"), translate("actions", "Close the composer (the draft is kept)")),
        ]
        lists = shortcut_rows([self.next_row, self.previous_row, self.open_reading, self.focus_filter]) + [
            (keys("Esc"), translate("actions", "Clear the filter and go back to the list")),
            (keys("Del"), translate("actions", "Delete the selected draft or queued reply (z undoes)")),
        ]
        return [
            (
                translate("actions", "Go to (g, then a letter)"),
                shortcut_rows([self.go_all, *self.go_views.values()]),
            ),
            (translate("actions", "Lists"), lists),
            (
                translate("actions", "The selected row (wherever the focus is, except in a text field)"),
                shortcut_rows([self.reply, self.remind, *self.row.values(), self.open_browser]),
            ),
            (translate("actions", "Writing"), shortcut_rows([self.new_topic]) + composer),
            (
                translate("actions", "The app"),
                shortcut_rows(
                    [self.sync_now, self.accounts, self.community_settings, self.shortcuts, self.quit]
                ),
            ),
        ]


def _action(
    window: MainWindow,
    text: str,
    slot: Callable[[], object],
    *keys: str,
    context: Qt.ShortcutContext | None = None,
) -> QAction:
    action = QAction(text, window)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    if context is not None:
        action.setShortcutContext(context)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # active even when the menu bar is hidden
    return action


def _theme_menu(window: MainWindow, view_menu: QMenu) -> dict[str, QAction]:
    """View → Theme: System (follows the desktop), Light, Dark; the choice is remembered."""
    from ui import theme

    menu = view_menu.addMenu(translate("actions", "&Theme"))
    menu.setObjectName("themeMenu")
    group = QActionGroup(window)
    group.setExclusive(True)
    labels = {
        theme.SYSTEM: translate("actions", "Same as the &system"),
        theme.LIGHT: translate("actions", "&Light"),
        theme.DARK: translate("actions", "&Dark"),
    }
    out: dict[str, QAction] = {}
    for choice, label in labels.items():
        action = QAction(label, window)
        action.setCheckable(True)
        action.setChecked(theme.preference() == choice)
        action.setData(choice)
        action.triggered.connect(lambda _checked=False, c=choice: window.set_theme(c))
        group.addAction(action)
        menu.addAction(action)
        out[choice] = action
    return out


def build_actions(window: MainWindow) -> Actions:
    """Create the actions and the menus File, View, Community, Help."""
    from ui import views

    go_views: dict[str, QAction] = {}
    for spec in views.registered():
        if spec.in_sidebar:
            keys = (f"G, {spec.go_key.upper()}",) if spec.go_key else ()
            title = spec.title()
            go_views[spec.key] = _action(window, title, lambda key=spec.key: window.go_to(key), *keys)
    actions = Actions(
        sync_now=_action(window, translate("actions", "&Sync now"), window.sync_now, "F5", "Ctrl+R"),
        cancel_sync=_action(window, translate("actions", "&Cancel sync"), window.cancel_sync),
        quit=_action(window, translate("actions", "&Quit"), window.close, "Ctrl+Q"),
        go_all=_action(window, translate("actions", "&All communities"), lambda: window.go_to("all"), "G, A"),
        go_views=go_views,
        focus_filter=_action(window, translate("actions", "&Filter the list"), window.focus_filter, "/"),
        next_row=_action(window, translate("actions", "&Next row"), lambda: window.move_selection(1), "J"),
        previous_row=_action(
            window, translate("actions", "&Previous row"), lambda: window.move_selection(-1), "K"
        ),
        # Enter is the list's own key (QAbstractItemView.activated); the menu entry shows it.
        open_reading=_action(
            window,
            translate("actions", "Open in &reading pane"),
            window.open_current,
            "Return",
            context=Qt.ShortcutContext.WidgetShortcut,
        ),
        open_browser=_action(
            window, translate("actions", "&Open in browser"), window.open_current_in_browser, "O"
        ),
        reply=_action(window, translate("actions", "&Reply"), window.reply_current, "R"),
        remind=_action(window, translate("actions", "Re&mind me"), window.remind_current, "M"),
        new_topic=_action(window, translate("actions", "&New topic…"), window.new_topic, "N"),
        row={
            views.ROW_DONE: _action(
                window,
                translate("actions", "Mark &handled / done"),
                lambda: window.row_command(views.ROW_DONE),
                "E",
            ),
            views.ROW_SNOOZE: _action(
                window, translate("actions", "S&nooze…"), lambda: window.row_command(views.ROW_SNOOZE), "S"
            ),
            views.ROW_UNDO: _action(
                window,
                translate("actions", "&Undo the last triage or deletion"),
                lambda: window.row_command(views.ROW_UNDO),
                "Z",
                "Ctrl+Z",
            ),
        },
        answerers=_action(
            window, translate("actions", "&Who could answer this?"), window.answerers_current, "W"
        ),
        accounts=_action(window, translate("actions", "&Accounts…"), window.show_accounts, "Ctrl+Shift+A"),
        community_settings=_action(
            window, translate("actions", "Community &settings…"), window.show_community_settings, "Ctrl+,"
        ),
        shortcuts=_action(window, translate("actions", "&Keyboard shortcuts"), window.show_shortcuts, "?"),
        about=_action(window, translate("actions", "&About Community Moderator"), window.show_about),
    )
    actions.cancel_sync.setEnabled(False)
    actions.quit.setMenuRole(QAction.MenuRole.QuitRole)

    menu_bar = window.menuBar()
    file_menu = menu_bar.addMenu(translate("actions", "&File"))
    file_menu.addActions([actions.sync_now, actions.cancel_sync])
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    view_menu = menu_bar.addMenu(translate("actions", "&View"))
    view_menu.addAction(actions.go_all)
    view_menu.addActions(list(go_views.values()))
    view_menu.addSeparator()
    view_menu.addActions([actions.focus_filter, actions.next_row, actions.previous_row, actions.open_reading])
    view_menu.addSeparator()
    window.theme_actions = _theme_menu(window, view_menu)
    community_menu = menu_bar.addMenu(translate("actions", "&Community"))
    community_menu.addActions([actions.open_browser, actions.reply, actions.remind, actions.new_topic, actions.answerers])
    community_menu.addSeparator()
    community_menu.addActions(list(actions.row.values()))
    community_menu.addSeparator()
    community_menu.addActions([actions.accounts, actions.community_settings])
    help_menu = menu_bar.addMenu(translate("actions", "&Help"))
    help_menu.addActions([actions.shortcuts, actions.about])
    return actions
