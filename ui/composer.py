"""The composer: write a reply in Markdown with a live, safe preview, and send it to the outbox.

Opened with ``r`` from a topic or a queue row (:meth:`Composer.open_for`). What it promises:

- **Nothing typed is lost.** The draft is saved continuously (:class:`AutosaveTimer`: one second after
  the last keystroke, at most 1.5 s after the first unsaved one, see ``moderator.drafts``), on Esc and
  on close; reopening the topic restores it, after a crash too.
- **Sending never waits for the network.** Ctrl+Enter puts the reply in the outbox (and drops the
  draft, in one transaction); ``reply_events().reply_queued`` tells the window, which sends it.
- **No surprise.** Replies that arrived since the user started are shown and must be acknowledged
  ("Send anyway"); a closed topic says so; the 20-character minimum is shown before sending.

The pieces: :class:`MarkdownEditor` (``@`` mention completion), the preview (``moderator.markdown``,
sanitized, in a browser that loads nothing), the topic's last posts with "Quote" links
(``ui.composer_posts``), and the saved-replies menu (placeholders filled from the topic).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QLocale, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from moderator import drafts, markdown, outbox, saved_replies
from moderator.model import Community, Post
from moderator.store import Store
from ui import dialogs, screen_fit
from ui.composer_parts import (
    AutosaveTimer,
    MarkdownEditor,
    RecentPostsPane,
    preview_css,
    reply_events,
    writing_split,
)
from ui.reading_pane import SafeTextBrowser

__all__ = ["AutosaveTimer", "Composer", "reply_events"]

PREVIEW_DELAY_MS = 200


class Composer(QDialog):
    """One reply to one topic. Non-modal: several composers (one per topic) can stay open."""

    #: the reply went to the outbox: its id (the window also hears ``reply_events().reply_queued``)
    queued = Signal(int)
    #: the preview shows the current text (tests wait on it)
    preview_updated = Signal()

    _open: ClassVar[dict[tuple[int, str], Composer]] = {}

    def __init__(
        self,
        store: Store,
        community: Community,
        topic_id: str,
        parent: QWidget | None = None,
        *,
        quote: str | None = None,
        quote_post_number: int | None = None,
    ) -> None:
        super().__init__(parent)
        assert community.id is not None
        self.store = store
        self.community = community
        self.community_id: int = community.id
        self.topic_id = topic_id
        self.setObjectName("composer")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.topic = store.topic(self.community_id, topic_id)
        title = self.topic.title if self.topic else self.tr("Topic %1").replace("%1", topic_id)
        self.setWindowTitle(self.tr("Reply: %1").replace("%1", title))
        screen_fit.fit_to_screen(self, 1000, 720)  # Send stays on screen at 150 % on a laptop

        draft = drafts.get_draft(store, self.community_id, topic_id)
        self.last_seen_post_number = (
            draft.last_seen_post_number
            if draft
            else drafts.topic_high_water(store, self.community_id, topic_id)
        )
        self.reply_to_post_number: int | None = draft.reply_to_post_number if draft else None
        self._allow_closed = False
        self._sent = False
        # The text a template (a nudge, a saved reply) put in an empty composer: closing on it keeps no draft.
        self._template_text: str | None = None

        self._build(title)
        self.autosave = AutosaveTimer(self._save_draft, self)
        self.autosave.saved.connect(self._on_draft_saved)
        if draft is not None:
            self.editor.setPlainText(draft.body)
            self.editor.moveCursorToEnd()
            self.draft_label.setText(self.tr("Draft restored"))
        if quote is not None or quote_post_number is not None:
            self.quote_post(quote_post_number, quote)
        self.editor.textChanged.connect(self._on_text_changed)
        self._update_count()
        self._render_preview()
        self._update_reply_to()
        self.posts_pane.show_topic(self.last_seen_post_number)
        self._show_closed_notice()
        self.editor.setFocus()

    # -- opening --------------------------------------------------------------------------------

    @classmethod
    def open_for(
        cls,
        parent: QWidget | None,
        store: Store,
        community: Community,
        topic_id: str,
        *,
        quote: str | None = None,
        quote_post_number: int | None = None,
    ) -> Composer:
        """Open (or bring forward) the composer of a topic; ``quote`` is text selected in a post."""
        assert community.id is not None
        key = (community.id, topic_id)
        existing = cls._open.get(key)
        if existing is not None:
            if quote is not None or quote_post_number is not None:
                existing.quote_post(quote_post_number, quote)
            dialogs.show_dialog(existing)  # shows, raises and focuses it (recorded in tests)
            return existing
        composer = cls(store, community, topic_id, parent, quote=quote, quote_post_number=quote_post_number)
        composer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        cls._open[key] = composer
        composer.destroyed.connect(lambda *_: cls._open.pop(key, None))
        dialogs.show_dialog(composer)
        return composer

    @classmethod
    def open_composers(cls) -> list[Composer]:
        return list(cls._open.values())

    @classmethod
    def flush_all(cls) -> None:
        """Save every open composer's draft now (the window calls this when quitting)."""
        for composer in list(cls._open.values()):
            composer._keep_draft()

    @classmethod
    def refresh_all(cls) -> None:
        """New data in the store (after a sync): every open composer shows the topic's latest posts."""
        for composer in list(cls._open.values()):
            composer.refresh_topic()

    # -- layout ---------------------------------------------------------------------------------

    def _build(self, title: str) -> None:
        heading = QLabel(self.tr("Reply to “%1”").replace("%1", title), self)
        heading.setObjectName("composerTitle")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        where = QLabel(self.community.title or self.community.name, self)
        where.setObjectName("composerSubtitle")
        where.setTextFormat(Qt.TextFormat.PlainText)

        self.banner = QFrame(self)
        self.banner.setObjectName("composerBanner")
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextFormat(Qt.TextFormat.PlainText)
        self.send_anyway_button = QPushButton(self.tr("Send anyway"), self.banner)
        self.send_anyway_button.clicked.connect(self.send_anyway)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(10, 6, 6, 6)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.send_anyway_button)
        self.banner.hide()

        self.posts_pane = RecentPostsPane(self.store, self.community, self.topic_id, self)
        self.posts_pane.quote_requested.connect(self.quote_post)

        self.editor = MarkdownEditor(self)
        self.editor.setAccessibleName(self.tr("Reply text"))
        self.editor.setPlaceholderText(
            self.tr(
                "Write your reply. Markdown works: **bold**, *italic*, > quote, - list. Type @ to mention someone."
            )
        )
        self.editor.set_usernames(saved_replies.member_usernames(self.store, self.community_id))
        self.preview = SafeTextBrowser(self)
        self.preview.setObjectName("composerPreview")
        self.preview.setAccessibleName(self.tr("Preview"))
        self.preview.document().setDefaultStyleSheet(preview_css(self.palette()))
        self.preview.document().setDocumentMargin(12)
        self.preview.anchorClicked.connect(lambda _url: None)  # links never navigate in the preview

        self.saved_button = QToolButton(self)
        self.saved_button.setText(self.tr("Saved replies ▾"))
        self.saved_button.setAccessibleName(self.tr("Insert a saved reply"))
        self.saved_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.saved_menu = QMenu(self.saved_button)
        self.saved_menu.aboutToShow.connect(self._fill_saved_menu)
        self.saved_button.setMenu(self.saved_menu)
        self._fill_saved_menu()
        self.quote_button = QToolButton(self)
        self.quote_button.setText(self.tr("Quote selection"))
        self.quote_button.setToolTip(self.tr("Quote the text selected in the posts above"))
        self.quote_button.clicked.connect(self.quote_selection)
        self.reply_to_label = QLabel(self)
        self.reply_to_label.setObjectName("composerHint")
        self.clear_reply_to = QToolButton(self)
        self.clear_reply_to.setText("×")
        self.clear_reply_to.setAccessibleName(self.tr("Reply to the topic instead"))
        self.clear_reply_to.setAutoRaise(True)
        self.clear_reply_to.clicked.connect(lambda: self.set_reply_to(None))
        tools = QHBoxLayout()
        tools.setSpacing(6)
        tools.addWidget(self.saved_button)
        tools.addWidget(self.quote_button)
        tools.addStretch(1)
        tools.addWidget(self.reply_to_label)
        tools.addWidget(self.clear_reply_to)

        writing = writing_split(self, tools, self.editor, self.preview, self.saved_button.sizeHint().height())
        vertical = QSplitter(Qt.Orientation.Vertical, self)
        vertical.setObjectName("composerSplit")
        vertical.setHandleWidth(10)
        vertical.addWidget(self.posts_pane)
        vertical.addWidget(writing)
        vertical.setSizes([220, 480])
        vertical.setChildrenCollapsible(False)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("composerHint")
        self.draft_label = QLabel(self)
        self.draft_label.setObjectName("composerHint")
        self.close_button = QPushButton(self.tr("Close  Esc"), self)
        self.close_button.setToolTip(self.tr("Close; the draft is kept"))
        self.close_button.clicked.connect(self.reject)
        self.close_button.setAutoDefault(False)
        self.send_button = QPushButton(self.tr("Send  Ctrl+Enter"), self)
        self.send_button.setObjectName("primary")
        self.send_button.setToolTip(
            self.tr("Put the reply in the Outbox; it is sent as soon as the community is reachable")
        )
        self.send_button.clicked.connect(self.send)
        self.send_button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addSpacing(12)
        bottom.addWidget(self.draft_label)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        header = QVBoxLayout()
        header.setSpacing(0)
        header.addWidget(heading)
        header.addWidget(where)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(vertical, 1)
        layout.addLayout(bottom)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.setStyleSheet(COMPOSER_QSS + (BANNER_DARK_QSS if dark else BANNER_LIGHT_QSS))

        for keys in (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.send)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._render_preview)

    # -- text, preview, draft -------------------------------------------------------------------

    def text(self) -> str:
        return self.editor.toPlainText()

    @Slot()
    def _on_text_changed(self) -> None:
        self._update_count()
        self._preview_timer.start()
        self.autosave.changed(self.text())
        if (
            self.banner.property("kind") == "short"
            and markdown.char_count(self.text()) >= outbox.MIN_REPLY_LENGTH
        ):
            self.banner.hide()

    def _update_count(self) -> None:
        count = markdown.char_count(self.text())
        if count < outbox.MIN_REPLY_LENGTH:
            text = self.tr("%1 characters · at least %2 to send")
            self.count_label.setProperty("short", True)
        else:
            text = self.tr("%1 characters")
            self.count_label.setProperty("short", False)
        self.count_label.setText(text.replace("%1", str(count)).replace("%2", str(outbox.MIN_REPLY_LENGTH)))
        self.count_label.style().unpolish(self.count_label)
        self.count_label.style().polish(self.count_label)

    @Slot()
    def _render_preview(self) -> None:
        html = markdown.render(self.text())
        if not html:
            html = f'<p class="empty">{self.tr("The preview of your reply appears here.")}</p>'
        self.preview.setHtml(html)
        self.preview_updated.emit()

    def _save_draft(self, text: str) -> None:
        drafts.save_draft(
            self.store,
            self.community_id,
            self.topic_id,
            text,
            reply_to_post_number=self.reply_to_post_number,
            last_seen_post_number=self.last_seen_post_number,
        )

    @Slot()
    def _on_draft_saved(self) -> None:
        self.draft_label.setText(self.tr("Draft saved") if self.text().strip() else "")
        reply_events().drafts_changed.emit()

    # -- quoting, replying to a post, saved replies ------------------------------------------------

    def quote_post(self, post_number: int | None, text: str | None = None) -> None:
        """Insert a Discourse quote of ``text`` (default: the whole post) and reply to that post."""
        post = self.posts_pane.post(post_number) if post_number is not None else None
        if text is None or not text.strip():
            text = self.posts_pane.post_text(post) if post is not None else ""
        if not text.strip():
            return
        username = post.username if post is not None else ""
        if username:
            block = markdown.quote_block(
                text, username=username, post_number=post_number, topic_id=self.topic_id
            )
        else:
            block = f"[quote]\n{text.strip()}\n[/quote]\n\n"
        self.editor.insert_block(block)
        if post_number is not None:
            self.set_reply_to(post_number)

    @Slot()
    def quote_selection(self) -> None:
        number, text = self.posts_pane.selection()
        if text:
            self.quote_post(number, text)
        else:
            self.banner_message(
                self.tr("Select some text in the posts above first, then Quote selection."), "info"
            )

    def set_reply_to(self, post_number: int | None) -> None:
        self.reply_to_post_number = post_number
        self._update_reply_to()
        self.autosave.changed(self.text())

    def _update_reply_to(self) -> None:
        post = self.posts_pane.post(self.reply_to_post_number) if self.reply_to_post_number else None
        if self.reply_to_post_number is None:
            self.reply_to_label.setText("")
        elif post is not None and post.username:
            self.reply_to_label.setText(
                self.tr("In reply to @%1 (#%2)")
                .replace("%1", post.username)
                .replace("%2", str(post.post_number))
            )
        else:
            self.reply_to_label.setText(
                self.tr("In reply to #%1").replace("%1", str(self.reply_to_post_number))
            )
        self.clear_reply_to.setVisible(self.reply_to_post_number is not None)

    def _fill_saved_menu(self) -> None:
        from ui.saved_replies_dialog import language_name

        self.saved_menu.clear()
        language = None
        ui_language = QLocale().name().split("_")[0]
        for reply in saved_replies.list_saved_replies(self.store, language=ui_language):
            if reply.language != language:
                language = reply.language
                self.saved_menu.addSection(language_name(language))
            action = self.saved_menu.addAction(reply.title)
            action.setData(reply.key)
            action.triggered.connect(lambda _checked=False, r=reply: self.insert_saved_reply(r))
        self.saved_menu.addSeparator()
        manage = self.saved_menu.addAction(self.tr("Manage saved replies…"))
        manage.triggered.connect(self._manage_saved_replies)

    def placeholder_values(self) -> dict[str, str]:
        post = self.posts_pane.post(self.reply_to_post_number) if self.reply_to_post_number else None
        return saved_replies.placeholder_values(
            self.store,
            self.community,
            self.topic_id,
            member_username=post.username if post is not None and post.username else None,
            my_name=str(self.community.settings.get("my_name", "")),
        )

    def insert_saved_reply(self, reply: saved_replies.SavedReply) -> None:
        was_untouched = not self.text().strip() or self.text() == self._template_text
        self.editor.insert_block(saved_replies.fill(reply.body, self.placeholder_values()))
        if was_untouched:
            self._template_text = self.text()
        self.editor.setFocus()

    def start_from_template(self, text: str) -> None:
        """Fill an empty composer with a suggested text (a nudge); left as is, it is not kept as a draft."""
        if self.text().strip():
            return  # the user's own draft wins
        self.editor.setPlainText(text)
        self.editor.moveCursorToEnd()
        self._template_text = self.text()

    def untouched_template(self) -> bool:
        """Only a template's text, as inserted: nothing of the user's to keep."""
        return self._template_text is not None and self.text() == self._template_text

    def _manage_saved_replies(self) -> None:
        from ui.saved_replies_dialog import SavedRepliesDialog

        SavedRepliesDialog.open_for(self, self.store)

    # -- conflicts and sending ---------------------------------------------------------------------

    def banner_message(self, text: str, kind: str, *, can_send_anyway: bool = False) -> None:
        self.banner_label.setText(text)
        self.banner.setProperty("kind", kind)
        self.send_anyway_button.setVisible(can_send_anyway)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def _show_closed_notice(self) -> None:
        if self.topic is not None and (self.topic.closed or self.topic.archived):
            self.banner_message(
                self.tr(
                    "This topic is closed: only staff can still reply. Your reply will wait in the Outbox."
                ),
                "warning",
            )

    def refresh_topic(self) -> None:
        self.topic = self.store.topic(self.community_id, self.topic_id)
        self.posts_pane.show_topic(self.last_seen_post_number)

    def new_replies(self) -> list[Post]:
        """Posts by others that arrived (in the local copy) after the draft started."""
        me = self.community.username.casefold()
        return [
            p
            for p in self.store.posts(self.community_id, self.topic_id)
            if p.post_number > self.last_seen_post_number and p.is_regular and p.username.casefold() != me
        ]

    @Slot()
    def send(self) -> None:
        """Ctrl+Enter: check, then queue. Stops to show new replies or a closed topic first."""
        if self._sent:
            return
        count = markdown.char_count(self.text())
        if count < outbox.MIN_REPLY_LENGTH:
            self.banner_message(
                self.tr("Replies need at least %1 characters; this one has %2.")
                .replace("%1", str(outbox.MIN_REPLY_LENGTH))
                .replace("%2", str(count)),
                "short",
            )
            return
        self.refresh_topic()
        new = self.new_replies()
        if new:
            text = (
                self.tr("1 new reply arrived since you started writing (marked “new” above). Send anyway?")
                if len(new) == 1
                else self.tr(
                    "%1 new replies arrived since you started writing (marked “new” above). Send anyway?"
                )
            )
            self.banner_message(text.replace("%1", str(len(new))), "warning", can_send_anyway=True)
            return
        if self.topic is not None and (self.topic.closed or self.topic.archived) and not self._allow_closed:
            self.banner_message(
                self.tr("This topic is closed: only staff can reply. Send anyway?"),
                "warning",
                can_send_anyway=True,
            )
            return
        self._queue()

    @Slot()
    def send_anyway(self) -> None:
        """The user has seen what changed: what is there now no longer counts as new."""
        self.last_seen_post_number = max(
            self.last_seen_post_number, drafts.topic_high_water(self.store, self.community_id, self.topic_id)
        )
        self._allow_closed = True
        self.banner.hide()
        self.posts_pane.show_topic(self.last_seen_post_number)
        self.send()

    def _queue(self) -> None:
        self.autosave.cancel()  # a pending save after this would bring the sent draft back
        item = outbox.queue_reply(
            self.store,
            self.community_id,
            self.topic_id,
            self.text(),
            reply_to_post_number=self.reply_to_post_number,
            last_seen_post_number=self.last_seen_post_number,
            allow_closed=self._allow_closed,
        )
        self._sent = True
        events = reply_events()
        events.drafts_changed.emit()
        events.outbox_changed.emit()
        events.reply_queued.emit(item.id)
        self.queued.emit(item.id)
        self.accept()

    # -- closing: the draft is always kept -------------------------------------------------------------

    def _keep_draft(self) -> None:
        """Closing: save what the user typed; a template left untouched is dropped, not kept as a draft."""
        if self._sent:
            return
        if self.untouched_template():
            self.autosave.cancel()
            if drafts.get_draft(self.store, self.community_id, self.topic_id) is not None:
                drafts.delete_draft(self.store, self.community_id, self.topic_id)
                reply_events().drafts_changed.emit()
            return
        self.autosave.flush()

    def done(self, result: int) -> None:
        self._keep_draft()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._keep_draft()
        super().closeEvent(event)


COMPOSER_QSS = """
QLabel#composerTitle { font-size: 13pt; font-weight: 600; }
QLabel#composerSubtitle, QLabel#composerHint, QLabel#composerSection { color: palette(placeholder-text); }
QLabel#composerSection { font-weight: 600; padding: 2px 0; }
QLabel#composerHint[short="true"] { color: #c98a0b; }
QPlainTextEdit, QTextBrowser { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }
QPlainTextEdit:focus { border-color: palette(highlight); }
QPushButton#primary { background: palette(highlight); color: palette(highlighted-text); border: none;
                      border-radius: 5px; padding: 6px 14px; font-weight: 600; }
QPushButton#primary:hover { background: #3a7be0; }
QSplitter#composerSplit::handle { background: transparent; }
QToolButton { padding: 3px 8px; }
QToolButton::menu-indicator { image: none; width: 0; }
"""
BANNER_LIGHT_QSS = """
QFrame#composerBanner { border-radius: 6px; background: #fff4d6; }
QFrame#composerBanner QLabel { color: #5c4300; }
QFrame#composerBanner[kind="info"] { background: #e6effb; }
QFrame#composerBanner[kind="info"] QLabel { color: #17365d; }
"""
BANNER_DARK_QSS = """
QFrame#composerBanner { border-radius: 6px; background: #4a3b12; }
QFrame#composerBanner QLabel { color: #f3e2b3; }
QFrame#composerBanner[kind="info"] { background: #1d3557; }
QFrame#composerBanner[kind="info"] QLabel { color: #dbe7f7; }
"""
