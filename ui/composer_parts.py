"""The composer's building blocks, each usable (and tested) on its own.

- :func:`reply_events`: the signals the composer, the Drafts and Outbox views and the window share.
- :class:`AutosaveTimer`: ``moderator.drafts.DraftAutosaver`` driven by a single-shot ``QTimer``.
- :class:`MarkdownEditor`: a plain-text editor with Markdown colouring and ``@`` mention completion.
- :class:`RecentPostsPane`: the topic's last posts while writing, new ones marked, with "Quote" links.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QStringListModel, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QKeyEvent, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QCompleter, QLabel, QLayout, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from moderator.drafts import DEBOUNCE_SECONDS, MAX_DELAY_SECONDS, DraftAutosaver
from moderator.model import Community, Post
from moderator.store import Store
from ui import timefmt
from ui.markdown_highlighter import MarkdownHighlighter
from ui.reading_pane import SafeTextBrowser
from ui.sanitize import sanitize_post_html

log = logging.getLogger(__name__)

RECENT_POSTS = 6


class ReplyEvents(QObject):
    """What changed in drafts and the outbox, for whoever shows them (views, badges, the window)."""

    drafts_changed = Signal()
    outbox_changed = Signal()
    reply_queued = Signal(int)  # an outbox item id: the window sends it and says "Reply queued"


_events: ReplyEvents | None = None


def reply_events() -> ReplyEvents:
    global _events
    if _events is None:
        _events = ReplyEvents()
    return _events


class AutosaveTimer(QObject):
    """Saves the draft ``delay`` after the last change, and at most ``max_delay`` after the first.

    The timing rules live in the Qt-free ``DraftAutosaver``; this only wakes it up at the right time.
    A failed save (disk full) keeps the text pending and says so through ``failed``.
    """

    saved = Signal()
    failed = Signal(str)

    def __init__(
        self,
        save: Callable[[str], None],
        parent: QObject | None = None,
        *,
        delay: float = DEBOUNCE_SECONDS,
        max_delay: float = MAX_DELAY_SECONDS,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.core = DraftAutosaver(self._do_save, delay=delay, max_delay=max_delay)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)

    def _do_save(self, text: str) -> None:
        try:
            self._save(text)
        except Exception as exc:  # keep the text: the next change or flush tries again
            log.exception("Could not save the draft")
            self.core.changed(text)
            self.failed.emit(str(exc))
        else:
            self.saved.emit()

    def changed(self, text: str) -> None:
        due = self.core.changed(text)
        self._timer.start(max(1, round(due * 1000)))

    @Slot()
    def _on_timeout(self) -> None:
        if not self.core.tick():
            due = self.core.due_in()
            if due is not None:
                self._timer.start(max(1, round(due * 1000)))

    def flush(self) -> None:
        self._timer.stop()
        self.core.flush()

    def cancel(self) -> None:
        self._timer.stop()
        self.core.cancel()

    @property
    def pending(self) -> bool:
        return self.core.pending


class MarkdownEditor(QPlainTextEdit):
    """Markdown source with colouring; typing ``@`` offers the community's usernames."""

    _COMPLETION_KEYS = (
        Qt.Key.Key_Enter,
        Qt.Key.Key_Return,
        Qt.Key.Key_Escape,
        Qt.Key.Key_Tab,
        Qt.Key.Key_Backtab,
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.highlighter = MarkdownHighlighter(self.document())
        self._names = QStringListModel(self)
        self.completer = QCompleter(self._names, self)
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer.setMaxVisibleItems(8)
        self.completer.activated[str].connect(self.insert_completion)

    def set_usernames(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def mention_prefix(self) -> str | None:
        """The word being typed after ``@`` (possibly empty), or None when not in a mention."""
        cursor = self.textCursor()
        line = cursor.block().text()[: cursor.positionInBlock()]
        at = line.rfind("@")
        if at < 0 or (at > 0 and (line[at - 1].isalnum() or line[at - 1] in "_@")):
            return None
        word = line[at + 1 :]
        if any(not (c.isalnum() or c in "_.-") for c in word):
            return None
        return word

    @Slot(str)
    def insert_completion(self, name: str) -> None:
        prefix = self.mention_prefix()
        cursor = self.textCursor()
        if prefix:
            cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix))
        cursor.insertText(name + " ")
        self.setTextCursor(cursor)
        self.completer.popup().hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        popup = self.completer.popup()
        if popup.isVisible() and event.key() in self._COMPLETION_KEYS:
            event.ignore()  # the completer's popup handles them
            return
        super().keyPressEvent(event)
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return
        prefix = self.mention_prefix()
        if prefix is None or not self._names.rowCount():
            popup.hide()
            return
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0:
            popup.hide()
            return
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 16)
        self.completer.complete(rect)

    def insert_block(self, text: str) -> None:
        """Insert ``text`` at the cursor as its own paragraph(s)."""
        cursor = self.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        previous = cursor.block().previous()
        if before.strip():
            text = "\n\n" + text
        elif previous.isValid() and previous.text().strip():
            text = "\n" + text
        cursor.insertText(text)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def moveCursorToEnd(self) -> None:  # noqa: N802 - Qt naming, like moveCursor
        self.moveCursor(QTextCursor.MoveOperation.End)


def writing_split(parent: QWidget, tools: QLayout, editor: QWidget, preview: QWidget, row_height: int) -> QSplitter:
    """The editor under its tools, beside the preview under its title (the two tops aligned): the
    writing area both composers (a reply, a new topic) share."""
    editor_box = QWidget(parent)
    editor_layout = QVBoxLayout(editor_box)
    editor_layout.setContentsMargins(0, 0, 0, 0)
    editor_layout.addLayout(tools)
    editor_layout.addWidget(editor, 1)
    preview_box = QWidget(parent)
    preview_layout = QVBoxLayout(preview_box)
    preview_layout.setContentsMargins(0, 0, 0, 0)
    preview_title = QLabel(QCoreApplication.translate("Composer", "Preview"), preview_box)
    preview_title.setObjectName("composerSection")
    preview_title.setMinimumHeight(row_height)  # aligned with the tools
    preview_layout.addWidget(preview_title)
    preview_layout.addWidget(preview, 1)
    split = QSplitter(Qt.Orientation.Horizontal, parent)
    split.setObjectName("composerSplit")
    split.setHandleWidth(10)
    split.addWidget(editor_box)
    split.addWidget(preview_box)
    split.setSizes([520, 480])
    split.setChildrenCollapsible(False)
    return split


def preview_css(palette: QPalette) -> str:
    """Styles for rendered Markdown and posts, from the current palette (light or dark)."""
    muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
    code_bg = palette.color(QPalette.ColorRole.AlternateBase).name()
    link = palette.color(QPalette.ColorRole.Link).name()
    return (
        f"code {{ font-family: monospace; background-color: {code_bg}; }}"
        f"pre {{ font-family: monospace; background-color: {code_bg}; }}"
        f"blockquote {{ color: {muted}; margin-left: 14px; }}"
        f"span.mention {{ color: {link}; font-weight: 600; }}"
        f"span.image, p.empty, span.meta {{ color: {muted}; }}"
        "span.quote-author { font-weight: 600; }"
        f"span.new {{ color: #ffffff; background-color: {link}; font-weight: 600; }}"
        f"a {{ color: {link}; text-decoration: none; }}"
        "h1 { font-size: 15pt; } h2 { font-size: 13pt; } h3 { font-size: 12pt; }"
    )


class RecentPostsPane(QWidget):
    """The last posts of the topic, newest at the bottom; posts after the draft started are marked.

    Each post has a "Quote" link (``quote:N``) and a ``post-N`` anchor on its author's name, so that a
    selection can be attributed to the post it was made in (:meth:`selection`).
    """

    quote_requested = Signal(int, str)  # post number, text ("" = the whole post)

    def __init__(
        self, store: Store, community: Community, topic_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        assert community.id is not None
        self.store = store
        self.community_id: int = community.id
        self.topic_id = topic_id
        self._posts: dict[int, Post] = {}
        title = QLabel(self.tr("Latest posts"), self)
        title.setObjectName("composerSection")
        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("composerPosts")
        self.browser.setAccessibleName(self.tr("Latest posts of the topic"))
        self.browser.document().setDocumentMargin(10)
        self.browser.anchorClicked.connect(self._on_anchor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(title)
        layout.addWidget(self.browser, 1)

    def show_topic(self, last_seen_post_number: int) -> None:
        posts = [p for p in self.store.posts(self.community_id, self.topic_id) if p.is_regular]
        self._posts = {p.post_number: p for p in posts}
        self.browser.document().setDefaultStyleSheet(preview_css(self.palette()))
        if not posts:
            self.browser.setHtml(
                f'<p class="empty">{html.escape(self.tr("No posts of this topic in the local copy yet."))}</p>'
            )
            return
        parts = []
        for post in posts[-RECENT_POSTS:]:
            when = html.escape(timefmt.ago(post.created_at))
            new = (
                f' <span class="new">&nbsp;{html.escape(self.tr("new"))}&nbsp;</span>'
                if last_seen_post_number and post.post_number > last_seen_post_number
                else ""
            )
            body = sanitize_post_html(post.cooked) if post.cooked else f"<p>{html.escape(post.raw or '')}</p>"
            parts.append(
                f'<p style="margin-top: 10px"><a name="post-{post.post_number}"><b>{html.escape(post.username or "?")}</b></a>'
                f' <span class="meta">· #{post.post_number} · {when}</span>{new}'
                f' &nbsp; <a href="quote:{post.post_number}">{html.escape(self.tr("Quote"))}</a></p>'
                f"{body}"
            )
        self.browser.setHtml("".join(parts))
        self.browser.moveCursor(QTextCursor.MoveOperation.End)
        self.browser.ensureCursorVisible()

    def post(self, post_number: int | None) -> Post | None:
        if post_number is None:
            return None
        found = self._posts.get(post_number)
        if found is None:
            found = next(
                (
                    p
                    for p in self.store.posts(self.community_id, self.topic_id)
                    if p.post_number == post_number
                ),
                None,
            )
        return found

    @staticmethod
    def post_text(post: Post) -> str:
        """The words of a post to quote: its Markdown when known, else its rendered text."""
        if post.raw:
            return post.raw
        doc = QTextDocument()
        doc.setHtml(sanitize_post_html(post.cooked))
        return doc.toPlainText().strip()

    def selection(self) -> tuple[int | None, str]:
        """The text selected in the pane and the number of the post it was selected in."""
        cursor = self.browser.textCursor()
        text = cursor.selectedText().replace("\u2029", "\n").strip()
        if not text:
            return None, ""
        block = self.browser.document().findBlock(cursor.selectionStart())
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                for name in it.fragment().charFormat().anchorNames():
                    if name.startswith("post-") and name[5:].isdigit():
                        return int(name[5:]), text
                it += 1
            block = block.previous()
        return None, text

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "quote" and url.path().isdigit():
            self.quote_requested.emit(int(url.path()), "")
