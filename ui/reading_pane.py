"""The reading pane: the selected topic with its posts, and the actions on it as buttons.

Posts are rendered in a ``QTextBrowser`` that can load nothing: ``SafeTextBrowser.loadResource``
refuses every URL, so no tracking pixel, remote image or stylesheet is ever fetched, whatever the
HTML says (it is also sanitized first, see ``ui.sanitize``). Links never open inside: a click goes to
the system browser through ``open_external`` (which tests replace).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from moderator.model import AuthKind, Community
from ui import icons, topic_html
from ui.empty_state import EmptyState
from ui.screen_fit import CompactLabels
from ui.views import MemberRef, ReviewRef, TopicRef

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext

log = logging.getLogger(__name__)

# The one place a URL leaves the app; tests replace it to record instead of opening a browser.
open_external = QDesktopServices.openUrl


class SafeTextBrowser(QTextBrowser):
    """A text browser that never loads anything: every external resource comes back empty.

    Our own avatars are added with ``document().addResource`` and never reach this method.
    """

    refused: list[QUrl]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refused = []
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, type_: int, url: QUrl | str) -> Any:  # noqa: N802 - Qt override
        self.refused.append(QUrl(url))
        return None


class ReadingPane(QWidget):
    """Shows one topic; ``open_in_browser_requested`` asks the window to open it on the site."""

    open_in_browser_requested = Signal(object)  # TopicRef
    reply_requested = Signal(object)  # TopicRef, and the text selected in the pane (or "")
    remind_requested = Signal(object)  # TopicRef

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ref: TopicRef | None = None
        self.community: Community | None = None

        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("reading")
        self.browser.setAccessibleName(self.tr("Reading pane"))
        self.browser.anchorClicked.connect(self._on_anchor_clicked)
        self.browser.document().setDocumentMargin(18)

        self.open_button = QPushButton(self.tr("Open in browser  o"), self)
        self.open_button.setAccessibleName(self.tr("Open in browser"))
        self.open_button.setToolTip(self.tr("Open this topic on the community's site (o)"))
        self.open_button.clicked.connect(self.request_open_in_browser)
        self.reply_button = QPushButton(self.tr("Reply  r"), self)
        self.reply_button.setAccessibleName(self.tr("Reply"))
        self.reply_button.setToolTip(self.tr("Write a reply; selected text is quoted (r)"))
        self.reply_button.clicked.connect(lambda: self.ref and self.reply_requested.emit(self.ref))
        self.remind_button = QPushButton(self.tr("Remind me  m"), self)
        self.remind_button.setAccessibleName(self.tr("Remind me"))
        self.remind_button.setToolTip(self.tr("Come back to this topic later, or if nobody answers (m)"))
        self.remind_button.clicked.connect(lambda: self.ref and self.remind_requested.emit(self.ref))
        bar = QFrame(self)
        bar.setObjectName("readingBar")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(12, 6, 12, 6)
        bar_layout.addWidget(self.reply_button)
        bar_layout.addWidget(self.remind_button)
        bar_layout.addWidget(self.open_button)
        bar_layout.addStretch(1)
        self.actions_bar = bar
        self.compact = CompactLabels(
            bar,
            [
                (self.reply_button, self.tr("Reply  r"), self.tr("Reply")),
                (self.remind_button, self.tr("Remind me  m"), self.tr("Remind")),
                (self.open_button, self.tr("Open in browser  o"), self.tr("Browser")),
            ],
        )

        page = QWidget(self)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(bar)
        page_layout.addWidget(self.browser, 1)
        self.topic_page = page

        self.empty = EmptyState(self)
        self.empty.set_text(
            self.tr("Nothing selected"), self.tr("Select a topic in the list to read it here (j / k).")
        )
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    # -- API ---------------------------------------------------------------------------------

    def show_ref(self, ref: object) -> None:
        """Show what a view selected; refs this pane does not know clear it."""
        if isinstance(ref, TopicRef):
            self.show_topic(ref)
        elif isinstance(ref, MemberRef):
            from ui.member_card import show_in_pane

            show_in_pane(self, ref)
        elif isinstance(ref, ReviewRef):
            from ui.review_card import show_in_pane as show_review_item

            show_review_item(self, ref)
        else:
            self.clear()

    def set_empty_hint(self, title: str, text: str) -> None:
        """The words shown while nothing is selected (the visible view's own, see ``View.selection_hint``)."""
        self.empty.set_text(title, text)

    def clear(self) -> None:
        self.ref = None
        self.community = None
        self.browser.clear()
        self.pages.setCurrentWidget(self.empty)

    def show_topic(self, ref: TopicRef) -> None:
        """Render a topic from the local copy (one topic's posts: a small, fast read)."""
        store = self.ctx.store
        community = store.community(ref.community_id)
        topic = store.topic(ref.community_id, ref.topic_id)
        if community is None or topic is None:
            self.clear()
            self.empty.set_text(self.tr("This topic is gone"), self.tr("It is no longer in the local copy."))
            return
        posts = store.posts(ref.community_id, ref.topic_id)
        categories = {c.id: c.name for c in store.categories(ref.community_id)}
        members: dict[str | None, Any] = {}

        def member(author_id: str | None) -> Any:
            if author_id not in members:
                members[author_id] = store.member(ref.community_id, author_id) if author_id else None
            return members[author_id]

        html, avatars = topic_html.render_topic(
            community, topic, posts, member=member, category=categories.get(topic.category_id or "", "")
        )
        same_topic = self.ref == ref
        scroll = self.browser.verticalScrollBar().value()
        self.ref = ref
        self.community = community
        document = self.browser.document()
        document.setDefaultStyleSheet(topic_html.stylesheet(self.palette()))
        for src, (username, name) in avatars.items():
            pixmap = icons.avatar_pixmap(username, name, topic_html.AVATAR_SIZE)
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(src), pixmap)
        self.browser.setHtml(html)
        self.browser.verticalScrollBar().setValue(scroll if same_topic else 0)
        self.pages.setCurrentWidget(self.topic_page)

    def reload(self) -> None:
        """After a sync: show the same topic again with what changed, keeping the scroll position."""
        if self.ref is not None:
            self.show_topic(self.ref)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """The system switched light/dark: the document's colours come from the palette, re-render."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.ref is not None:
            self.reload()

    def focus_text(self) -> None:
        self.browser.setFocus()

    @Slot()
    def request_open_in_browser(self) -> None:
        if self.ref is not None:
            self.open_in_browser_requested.emit(self.ref)

    # -- links -------------------------------------------------------------------------------

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        """Links in posts open in the system browser; relative ones against the community's site."""
        if url.isRelative() and self.community is not None:
            base = self.community.base_url
            if self.community.auth_kind == AuthKind.SANDBOX and self.ctx.sandbox is not None:
                base = self.ctx.sandbox.url  # the practice server's real port
            url = QUrl(base.rstrip("/") + "/").resolved(url)
        if url.scheme() in ("http", "https", "mailto"):
            open_external(url)
