"""The new-topic composer (``n``): category, title, tags, Markdown with its preview, send now or later.

A new topic goes to the outbox like a reply (``moderator.schedule.topics.queue_topic``): sent exactly
once when the community is reachable, and not before the time chosen with *Send later*. What is typed
is kept as the community's topic draft while the composer is open, and restored when it opens again.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from moderator import markdown, saved_replies
from moderator.model import Community, utcnow
from moderator.outbox import EmptyReply
from moderator.platforms import supports_tags
from moderator.schedule import topics, when
from moderator.store import Store
from ui import dialogs, screen_fit, timefmt
from ui.composer import BANNER_DARK_QSS, BANNER_LIGHT_QSS, COMPOSER_QSS
from ui.composer_parts import AutosaveTimer, MarkdownEditor, preview_css, reply_events, writing_split
from ui.reading_pane import SafeTextBrowser

PREVIEW_DELAY_MS = 200


def local_zone() -> dt.tzinfo:
    return dt.datetime.now().astimezone().tzinfo or dt.UTC


class TopicComposer(QDialog):
    """One new topic in one community (the community can be changed while writing)."""

    queued = Signal(int)  # the outbox item's id
    preview_updated = Signal()

    _open: ClassVar[TopicComposer | None] = None

    def __init__(self, store: Store, communities: list[Community], current: Community, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.communities = [c for c in communities if c.id is not None]
        self.community = current
        self.setObjectName("composer")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle(self.tr("New topic"))
        screen_fit.fit_to_screen(self, 980, 700)  # Send stays on screen at 150 % on a laptop
        self._build()
        self.autosave = AutosaveTimer(lambda _text: self._save_draft(), self)
        self._restore_draft()
        for signal in (self.title_edit.textChanged, self.tags_edit.textChanged, self.editor.textChanged):
            signal.connect(self._changed)
        self.category_box.currentIndexChanged.connect(lambda _i: self._changed())
        self._render_preview()
        self.title_edit.setFocus()

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open_for(
        cls, parent: QWidget | None, store: Store, communities: list[Community], current: Community
    ) -> TopicComposer:
        existing = cls._open
        if existing is not None:
            existing.choose_community(current)
            dialogs.show_dialog(existing)
            return existing
        composer = cls(store, communities, current, parent)
        composer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        cls._open = composer
        composer.destroyed.connect(lambda *_: setattr(cls, "_open", None))
        dialogs.show_dialog(composer)
        return composer

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        heading = QLabel(self.tr("Start a conversation"), self)
        heading.setObjectName("composerTitle")
        self.community_box = QComboBox(self)
        self.community_box.setAccessibleName(self.tr("Community"))
        for community in self.communities:
            self.community_box.addItem(community.title or community.name, community.id)
        self.community_box.setCurrentIndex(max(0, self.community_box.findData(self.community.id)))
        self.community_box.currentIndexChanged.connect(self._on_community_chosen)
        self.category_box = QComboBox(self)
        self.category_box.setAccessibleName(self.tr("Category"))
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("A title people want to click: a question, an invitation…"))
        self.title_edit.setMaxLength(topics.MAX_TITLE_LENGTH)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tags_label = QLabel(self.tr("&Tags"), self)
        self.tags_label.setBuddy(self.tags_edit)
        form = QFormLayout()
        community_label = QLabel(self.tr("C&ommunity"), self)
        community_label.setBuddy(self.community_box)
        form.addRow(community_label, self.community_box)
        community_label.setVisible(len(self.communities) > 1)
        self.community_box.setVisible(len(self.communities) > 1)
        category_label = QLabel(self.tr("&Category"), self)
        category_label.setBuddy(self.category_box)
        form.addRow(category_label, self.category_box)
        title_label = QLabel(self.tr("T&itle"), self)
        title_label.setBuddy(self.title_edit)
        form.addRow(title_label, self.title_edit)
        form.addRow(self.tags_label, self.tags_edit)

        self.banner_frame = QFrame(self)
        self.banner_frame.setObjectName("composerBanner")
        self.banner = QLabel(self.banner_frame)
        self.banner.setWordWrap(True)
        banner_layout = QHBoxLayout(self.banner_frame)
        banner_layout.setContentsMargins(10, 6, 6, 6)
        banner_layout.addWidget(self.banner, 1)
        self.banner_frame.hide()

        self.editor = MarkdownEditor(self)
        self.editor.setAccessibleName(self.tr("First post"))
        self.editor.setPlaceholderText(
            self.tr("Write the first post. Markdown works: **bold**, *italic*, > quote, - list. Type @ to mention.")
        )
        self.preview = SafeTextBrowser(self)
        self.preview.setObjectName("composerPreview")
        self.preview.setAccessibleName(self.tr("Preview"))
        self.preview.document().setDefaultStyleSheet(preview_css(self.palette()))
        self.preview.document().setDocumentMargin(12)
        self.preview.anchorClicked.connect(lambda _url: None)
        self.saved_button = QToolButton(self)
        self.saved_button.setText(self.tr("Saved texts ▾"))
        self.saved_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.saved_menu = QMenu(self.saved_button)
        self.saved_menu.aboutToShow.connect(self._fill_saved_menu)
        self.saved_button.setMenu(self.saved_menu)
        tools = QHBoxLayout()
        tools.addWidget(self.saved_button)
        tools.addStretch(1)
        split = writing_split(self, tools, self.editor, self.preview, self.saved_button.sizeHint().height())

        self.draft_label = QLabel(self)
        self.draft_label.setObjectName("composerHint")
        self.close_button = QPushButton(self.tr("Close  Esc"), self)
        self.close_button.setToolTip(self.tr("Close; what you wrote is kept as a draft"))
        self.close_button.clicked.connect(self.reject)
        self.close_button.setAutoDefault(False)
        self.later_button = QToolButton(self)
        self.later_button.setText(self.tr("Send later ▾"))
        self.later_button.setToolTip(self.tr("Choose when it goes out; it waits in the Outbox until then"))
        self.later_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.later_menu = QMenu(self.later_button)
        self.later_menu.aboutToShow.connect(self._fill_later_menu)
        self.later_button.setMenu(self.later_menu)
        self.send_button = QPushButton(self.tr("Send  Ctrl+Enter"), self)
        self.send_button.setObjectName("primary")
        self.send_button.setToolTip(self.tr("Put the topic in the Outbox; it goes out as soon as the community is reachable"))
        self.send_button.clicked.connect(lambda: self.send())
        self.send_button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.draft_label)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.later_button)
        bottom.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.banner_frame)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.setStyleSheet(COMPOSER_QSS + (BANNER_DARK_QSS if dark else BANNER_LIGHT_QSS))
        # Tab goes from the fields to the text, then to the buttons (not through the toolbar first).
        chain = [self.community_box, self.category_box, self.title_edit, self.tags_edit, self.editor,
                 self.send_button, self.later_button, self.close_button, self.saved_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        for keys in (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            shortcut = QShortcut(keys, self)
            shortcut.activated.connect(lambda: self.send())
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._render_preview)
        self._fill_categories()

    def _fill_categories(self, keep: str | None = None) -> None:
        """The categories the account may start topics in (unknown permissions are offered too)."""
        assert self.community.id is not None
        categories = self.store.categories(self.community.id)
        by_id = {c.id: c for c in categories}
        self.category_box.blockSignals(True)
        self.category_box.clear()
        for category in categories:
            if category.can_create_topic is False:
                continue
            name = category.name
            if category.parent_id in by_id:
                name = f"{by_id[category.parent_id].name} › {name}"
            self.category_box.addItem(name, category.id)
        if keep is not None and self.category_box.findData(keep) >= 0:
            self.category_box.setCurrentIndex(self.category_box.findData(keep))
        else:  # a real category rather than "Uncategorized", when there is one
            usable = [c for c in categories if c.can_create_topic is not False]
            first = next((i for i, c in enumerate(usable) if "uncategorized" not in c.slug), 0)
            self.category_box.setCurrentIndex(first)
        self.category_box.blockSignals(False)
        tags = supports_tags(self.community)
        self.tags_edit.setVisible(tags)
        self.tags_label.setVisible(tags)

    # -- community, draft, preview ---------------------------------------------------------------

    def choose_community(self, community: Community) -> None:
        index = self.community_box.findData(community.id)
        if index >= 0:
            self.community_box.setCurrentIndex(index)

    @Slot(int)
    def _on_community_chosen(self, index: int) -> None:
        community_id = self.community_box.itemData(index)
        chosen = next((c for c in self.communities if c.id == community_id), None)
        if chosen is None or chosen.id == self.community.id:
            return
        self.autosave.flush()
        self.community = chosen
        self._fill_categories()
        self._restore_draft()

    def _restore_draft(self) -> None:
        assert self.community.id is not None
        draft = topics.get_topic_draft(self.store, self.community.id)
        if draft is None:
            self.draft_label.clear()
            return
        self.title_edit.setText(draft.title)
        self.tags_edit.setText(", ".join(draft.tags))
        self.editor.setPlainText(draft.body)
        if draft.category_id is not None and self.category_box.findData(draft.category_id) >= 0:
            self.category_box.setCurrentIndex(self.category_box.findData(draft.category_id))
        self.draft_label.setText(self.tr("Draft restored"))

    def tags(self) -> list[str]:
        if not self.tags_edit.isVisible() and not supports_tags(self.community):
            return []
        return [t.strip() for t in self.tags_edit.text().split(",") if t.strip()]

    def _save_draft(self) -> None:
        assert self.community.id is not None
        topics.save_topic_draft(
            self.store,
            self.community.id,
            title=self.title_edit.text(),
            body=self.editor.toPlainText(),
            category_id=self.category_box.currentData(),
            tags=self.tags(),
        )

    @Slot()
    def _changed(self) -> None:
        self.autosave.changed(self.title_edit.text() + "\n" + self.editor.toPlainText())
        self._preview_timer.start()
        if self.banner_frame.isVisible():
            self.banner_frame.hide()

    @Slot()
    def _render_preview(self) -> None:
        title = self.title_edit.text().strip()
        body = markdown.render(self.editor.toPlainText())
        if not body:
            body = f'<p class="empty">{self.tr("The preview of the first post appears here.")}</p>'
        heading = f"<h2>{html.escape(title)}</h2>" if title else ""
        self.preview.setHtml(heading + body)
        self.preview_updated.emit()

    def _fill_saved_menu(self) -> None:
        self.saved_menu.clear()
        for reply in saved_replies.list_saved_replies(self.store):
            action = self.saved_menu.addAction(reply.title)
            action.triggered.connect(lambda _checked=False, r=reply: self._insert_saved(r))

    def _insert_saved(self, reply: saved_replies.SavedReply) -> None:
        values = saved_replies.placeholder_values(self.store, self.community, None)
        self.editor.insert_block(saved_replies.fill(reply.body, values))
        self.editor.setFocus()

    # -- sending ---------------------------------------------------------------------------------

    def _fill_later_menu(self) -> None:
        self.later_menu.clear()
        words = {
            when.SendPick.NEXT_WORKING_MORNING: self.tr("Next working morning"),
            when.SendPick.TOMORROW_MORNING: self.tr("Tomorrow morning"),
            when.SendPick.TUESDAY_MORNING: self.tr("Tuesday morning"),
            when.SendPick.MONDAY_MORNING: self.tr("Monday morning"),
        }
        for pick, moment in when.picks(utcnow(), local_zone()):
            label = f"{words[pick]}\t{timefmt.short_datetime(moment)}"
            action = self.later_menu.addAction(label)
            action.setData(pick.value)
            action.triggered.connect(lambda _checked=False, m=moment: self.send(m))
        self.later_menu.addSeparator()
        custom = self.later_menu.addAction(self.tr("Choose a date and time…"))
        custom.triggered.connect(self._send_at_custom_time)

    @Slot()
    def _send_at_custom_time(self) -> None:
        moment = self.ask_time(self)
        if moment is not None:
            self.send(moment)

    @staticmethod
    def ask_time(parent: QWidget) -> dt.datetime | None:
        """A date and time picked in a small dialog (tests replace this), None if cancelled."""
        return pick_time(parent)

    def send(self, not_before: dt.datetime | None = None) -> bool:
        """Queue the topic (now, or for ``not_before``); False with a message when it cannot go."""
        assert self.community.id is not None
        category = self.category_box.currentData()
        if category is None:
            self._say(self.tr("Choose a category first (sync the community if the list is empty)."))
            return False
        if not_before is not None and not_before <= utcnow():
            self._say(self.tr("That time has passed: choose a time to come."))
            return False
        try:
            item = topics.queue_topic(
                self.store,
                self.community.id,
                self.title_edit.text(),
                self.editor.toPlainText(),
                category_id=category,
                tags=self.tags(),
                not_before=not_before,
                remove_draft=True,
            )
        except topics.TopicError as exc:
            self._say(_topic_error(self, exc))
            self.title_edit.setFocus()
            return False
        except EmptyReply:
            self._say(self.tr("Write the first post before sending."))
            self.editor.setFocus()
            return False
        self.autosave.cancel()  # the draft went with the queued topic
        self._sent = True
        reply_events().reply_queued.emit(item.id)
        reply_events().outbox_changed.emit()
        self.queued.emit(item.id)
        self.accept()
        return True

    def _say(self, text: str) -> None:
        self.banner.setText(text)
        self.banner_frame.show()

    _sent = False

    def done(self, result: int) -> None:
        if not self._sent:
            self.autosave.flush()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._sent:
            self.autosave.flush()
        super().closeEvent(event)


def _topic_error(_widget: QWidget, exc: topics.TopicError) -> str:
    """The core's reason, in the user's language."""
    text, tr = str(exc), QCoreApplication.translate
    if "too short" in text:
        return tr("TopicComposer", "The title is too short: at least %1 characters.").replace(
            "%1", str(topics.MIN_TITLE_LENGTH)
        )
    if "too long" in text:
        return tr("TopicComposer", "The title is too long: at most %1 characters.").replace(
            "%1", str(topics.MAX_TITLE_LENGTH)
        )
    return tr("TopicComposer", "Give the topic a title.")


def pick_time(parent: QWidget) -> dt.datetime | None:
    """A small dialog: a date and a time, tomorrow 9:00 by default, never in the past."""
    dialog = QDialog(parent)
    tr = QCoreApplication.translate
    dialog.setWindowTitle(tr("TopicComposer", "Send later"))
    edit = QDateTimeEdit(dialog)
    edit.setCalendarPopup(True)
    start = QDateTime.currentDateTime().addDays(1)
    start.setTime(start.time().fromString("09:00", "HH:mm"))
    edit.setDateTime(start)
    edit.setMinimumDateTime(QDateTime.currentDateTime())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(tr("TopicComposer", "Send on:"), dialog))
    layout.addWidget(edit)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return edit.dateTime().toPython().astimezone()
