"""The reading pane's page for a moderation item: why it is there, who flagged it, the post in its
topic (the posts around it, sanitized like every post), the author's history, and the decisions as
buttons that show their key.

Decisions are not taken here: the buttons ask the Review view through ``review_events()`` (the
view owns the queue, the confirmation and the undo of selection), so the keys and the buttons do
exactly the same thing.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QResizeEvent, QTextDocument
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from moderator.model import Member, Post, utcnow
from moderator.review import store as review_store
from moderator.review.model import ReviewAction, ReviewItem
from moderator.review.store import ActionState, StoredItem
from ui import icons, timefmt, topic_html
from ui.sanitize import sanitize_post_html
from ui.views import ReviewRef

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from ui.reading_pane import ReadingPane

CONTEXT_BEFORE = 2
CONTEXT_AFTER = 2


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("review", text, None, n)


class ReviewEvents(QObject):
    """From the card's buttons to the Review view."""

    decide_requested = Signal(object, str)  # ReviewRef, action id ("" = the primary, "x", "i" roles)
    menu_requested = Signal(object)  # ReviewRef: show every action


_events: ReviewEvents | None = None


def review_events() -> ReviewEvents:
    global _events
    if _events is None:
        _events = ReviewEvents()
    return _events


# -- the three keys --------------------------------------------------------------------------------


def primary_action(item: ReviewItem) -> ReviewAction | None:
    """``a``: approve a held post or user, agree with a flag (hiding the post while it is visible)."""
    for name in ("approve_post", "approve_user", "approve", "agree_and_hide", "agree_and_keep_hidden"):
        if (action := item.action(name)) is not None:
            return action
    return next(
        (a for a in item.actions if a.group == "agree" or a.id.startswith(("agree", "approve"))), None
    )


def reject_action(item: ReviewItem) -> ReviewAction | None:
    """``x``: reject a held post or user, delete a flagged post (agreeing with the flag)."""
    for name in ("reject_post", "reject_user_delete", "reject", "delete_and_agree"):
        if (action := item.action(name)) is not None:
            return action
    return next((a for a in item.actions if a.id.startswith(("reject", "delete"))), None)


def ignore_action(item: ReviewItem) -> ReviewAction | None:
    """``i``: ignore the flags and leave the post as it is."""
    for name in ("ignore_and_do_nothing", "ignore"):
        if (action := item.action(name)) is not None:
            return action
    return next((a for a in item.actions if a.id.startswith("ignore") and "delete" not in a.id), None)


def kind_label(item: ReviewItem) -> str:
    return {
        "flagged_post": _tr("Flagged post"),
        "queued_post": _tr("New topic awaiting approval")
        if not item.target_topic_id
        else _tr("Post awaiting approval"),
        "user": _tr("New member awaiting approval"),
        "post": _tr("Post to review"),
    }.get(item.type, item.type.replace("_", " ").capitalize())


# -- the page --------------------------------------------------------------------------------------


class ReviewCard(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.reading_pane import SafeTextBrowser

        self.setObjectName("reviewCard")
        self.ctx = ctx
        self.ref: ReviewRef | None = None
        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("reviewItem")
        self.browser.setAccessibleName(self.tr("Moderation item"))
        self.browser.document().setDocumentMargin(18)
        self.primary_button = QPushButton(self)
        self.reject_button = QPushButton(self)
        self.ignore_button = QPushButton(self.tr("Ignore  i"), self)
        self.more_button = QPushButton(self.tr("All actions…  Enter"), self)
        self.more_button.setToolTip(self.tr("Every decision the community offers for this item (Enter)"))
        self.primary_button.clicked.connect(lambda: self._decide("a"))
        self.reject_button.clicked.connect(lambda: self._decide("x"))
        self.ignore_button.clicked.connect(lambda: self._decide("i"))
        self.more_button.clicked.connect(lambda: self.ref and review_events().menu_requested.emit(self.ref))
        bar = QFrame(self)
        bar.setObjectName("readingBar")
        self.bar_layout = QGridLayout(bar)
        self.bar_layout.setContentsMargins(12, 6, 12, 6)
        self.buttons = (self.primary_button, self.reject_button, self.ignore_button, self.more_button)
        for button in self.buttons:  # the arrangement, not the labels, decides how wide the bar must be
            button.setMinimumWidth(button.fontMetrics().averageCharWidth() * 8)
        self._columns = 0
        self._arrange_buttons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.browser, 1)

    def _arrange_buttons(self) -> None:
        """One row when the pane has room, else two, else one button a row: the site's own labels can be long ("Agree and hide
        post"), and a narrow pane (150 %) must neither cut them nor widen the window past the screen."""
        hints = [b.sizeHint().width() for b in self.buttons]
        margins = 24 + 6 * 3
        if self.width() >= sum(hints) + margins:
            columns = 4
        elif self.width() >= max(hints[0] + hints[1], hints[2] + hints[3]) + margins:
            columns = 2
        else:
            columns = 1
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons:
            self.bar_layout.removeWidget(button)
        for i, button in enumerate(self.buttons):
            self.bar_layout.addWidget(button, i // columns, i % columns)
        for column in range(4):
            self.bar_layout.setColumnStretch(column, 0)
        self.bar_layout.setColumnStretch(columns, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange_buttons()

    def _decide(self, role: str) -> None:
        if self.ref is not None:
            review_events().decide_requested.emit(self.ref, role)

    def show_item(self, ref: ReviewRef) -> bool:
        store = self.ctx.store
        stored = next(
            (
                s
                for s in review_store.list_items(store, community_ids=[ref.community_id], include_hidden=True)
                if s.item.id == ref.reviewable_id
            ),
            None,
        )
        if stored is None:
            return False
        self.ref = ref
        item = stored.item
        for button, action, key, empty in (
            (self.primary_button, primary_action(item), "a", self.tr("Approve  a")),
            (self.reject_button, reject_action(item), "x", self.tr("Reject  x")),
            (self.ignore_button, ignore_action(item), "i", self.tr("Ignore  i")),
        ):
            button.setText(f"{action.label}  {key}" if action else empty)
            button.setEnabled(action is not None)
            label = action.label if action else empty.split("  ")[0]
            button.setToolTip(f"{label} — {action.description}" if action and action.description else label)
            button.setAccessibleName(action.label if action else empty.split("  ")[0])
        self.more_button.setEnabled(bool(item.actions))
        self._columns = 0  # new labels, new widths
        self._arrange_buttons()
        document = self.browser.document()
        document.setDefaultStyleSheet(topic_html.stylesheet(self.palette()) + _EXTRA_CSS)
        page, avatars = render_item(store, stored)
        for src, (username, name) in avatars.items():
            pixmap = icons.avatar_pixmap(username, name, topic_html.AVATAR_SIZE)
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(src), pixmap)
        self.browser.setHtml(page)
        self.browser.verticalScrollBar().setValue(0)
        return True


_EXTRA_CSS = """
h2 { font-size: 12pt; font-weight: 600; margin: 16px 0 4px 0; }
table.flagged { background-color: rgba(230, 160, 20, 40); }
p.decision { font-weight: 600; color: #b4541a; }
"""


def _member_line(item: ReviewItem, others: int, now: dt.datetime) -> str:
    a = item.author
    parts: list[str] = []
    if a.get("trust_level") is not None:
        parts.append(_tr("trust level %1").replace("%1", str(a["trust_level"])))
    joined = a.get("created_at")
    if isinstance(joined, str):
        from moderator.model import parse_time

        when = parse_time(joined)
        if when is not None:
            parts.append(_tr("joined %1").replace("%1", timefmt.ago(when, now) or timefmt.local_date(when)))
    if a.get("post_count") is not None:
        parts.append(_tr("%n post(s)", int(a["post_count"])))
    if a.get("topic_count") is not None:
        parts.append(_tr("%n topic(s)", int(a["topic_count"])))
    if a.get("rejected_posts_count"):
        parts.append(_tr("%n post(s) rejected before", int(a["rejected_posts_count"])))
    if a.get("silenced_count"):
        parts.append(_tr("silenced %n time(s)", int(a["silenced_count"])))
    if a.get("suspended_count"):
        parts.append(_tr("suspended %n time(s)", int(a["suspended_count"])))
    if a.get("flags_agreed"):
        parts.append(_tr("%n useful flag(s) of their own", int(a["flags_agreed"])))
    parts.append(
        _tr("%n other item(s) about them in the queue", others)
        if others
        else _tr("nothing else about them in the queue")
    )
    return " · ".join(parts)


def render_item(store: object, stored: StoredItem) -> tuple[str, dict[str, tuple[str, str]]]:
    """The item's HTML (everything from the community escaped or sanitized) and the avatars to paint."""
    from moderator.store import Store

    assert isinstance(store, Store)
    item = stored.item
    cid = stored.community_id
    now = utcnow()
    community = store.community(cid)
    title = kind_label(item)
    flag_types = ", ".join(dict.fromkeys(f.reason for f in item.flags if f.username))
    meta = [community.title or community.name if community else stored.community_name]
    if item.flags and item.type != "queued_post":
        meta.append(_tr("%n flag(s)", len(item.flags)))
    meta.append(_tr("opened %1").replace("%1", timefmt.ago(item.created_at, now)))
    parts = [
        f'<h1 class="title">{html.escape(_tr("%1: %2").replace("%1", title).replace("%2", flag_types) if flag_types else title)}</h1>',
        f'<p class="topicmeta">{html.escape(" · ".join(meta))}</p>',
    ]
    if item.reasons and not flag_types:
        parts.append(f"<p><b>{html.escape(_tr('Why:'))}</b> {html.escape(' · '.join(item.reasons))}</p>")
    last = stored.last_action
    if last is not None and last.state in (ActionState.CONFLICT, ActionState.REFUSED):
        words = (
            _tr("Your “%1” was not applied: another moderator acted first. Look again, then decide.")
            if last.state == ActionState.CONFLICT
            else _tr("Your “%1” was refused by the community.")
        ).replace("%1", last.label or last.action)
        parts.append(f'<p class="decision">{html.escape(words)}</p>')
    flaggers = [f for f in item.flags if f.username]
    if flaggers:
        parts.append(f"<h2>{html.escape(_tr('Flagged by'))}</h2><ul>")
        for flag in flaggers:
            parts.append(
                f"<li>@{html.escape(flag.username)} — {html.escape(flag.reason)}"
                f' <span class="meta">· {html.escape(timefmt.ago(flag.created_at, now))}</span></li>'
            )
        parts.append("</ul>")
    avatars: dict[str, tuple[str, str]] = {}
    author_member = _member(store, cid, item.author_id)
    if item.author_username:
        others = sum(
            1 for o in review_store.author_items(store, cid, item.author_username) if o.id != item.id
        )
        name = author_member.name if author_member and author_member.name else ""
        who = html.escape(name + " " if name else "") + "@" + html.escape(item.author_username)
        parts.append(f"<h2>{html.escape(_tr('Author'))}</h2>")
        parts.append(f"<p><b>{who}</b><br>{html.escape(_member_line(item, others, now))}</p>")
    parts.append(f"<h2>{html.escape(_tr('In context'))}</h2>")
    parts.extend(_context(store, stored, avatars))
    return "\n".join(parts), avatars


def _member(store: object, cid: int, member_id: str | None) -> Member | None:
    from moderator.store import Store

    if not member_id or not isinstance(store, Store):
        return None
    return store.member(cid, member_id)


def _context(store: object, stored: StoredItem, avatars: dict[str, tuple[str, str]]) -> list[str]:
    from moderator.markdown import render as render_markdown
    from moderator.store import Store

    assert isinstance(store, Store)
    item = stored.item
    cid = stored.community_id
    topic = store.topic(cid, item.target_topic_id) if item.target_topic_id else None
    parts: list[str] = []
    if topic is not None:
        parts.append(f"<p><b>{html.escape(topic.title)}</b></p>")
    elif item.topic_title:
        parts.append(f"<p><b>{html.escape(item.topic_title)}</b></p>")
    posts: list[Post] = store.posts(cid, item.target_topic_id) if topic is not None else []
    sources: dict[str, str] = {}

    def post_html(post: Post, flagged: bool) -> str:
        author = _member(store, cid, post.author_id)
        username = post.username or (author.username if author else "")
        src = sources.setdefault(username, f"avatar:{len(sources)}")
        avatars[src] = (username, author.name if author and author.name else username)
        rendered = topic_html.render_post(post, author, src)
        if flagged:
            rendered = rendered.replace('<table class="post"', '<table class="post flagged"', 1)
        return rendered

    if item.type == "queued_post":
        body = render_markdown(item.excerpt) if item.excerpt else ""
        parts.append(f"<h2>{html.escape(_tr('Held for approval'))}</h2>")
        parts.append(f'<table class="post flagged" width="100%"><tr><td>{body}</td></tr></table>')
        if posts:
            parts.append(f"<h2>{html.escape(_tr('Last posts of the topic'))}</h2>")
            parts.extend(post_html(p, False) for p in posts[-(CONTEXT_BEFORE + 1) :])
        return parts
    target = next((p for p in posts if p.id == item.target_post_id), None)
    if target is None:
        note = _tr("The topic is not in the local copy yet; the flagged post as the community sent it:")
        parts.append(f'<p class="removed">{html.escape(note)}</p>')
        body = sanitize_post_html(item.cooked) if item.cooked else html.escape(item.excerpt)
        parts.append(f'<table class="post flagged" width="100%"><tr><td>{body}</td></tr></table>')
        return parts
    index = posts.index(target)
    window = posts[max(0, index - CONTEXT_BEFORE) : index + CONTEXT_AFTER + 1]
    if index - CONTEXT_BEFORE > 0:
        parts.append(f'<p class="small">{html.escape(_tr("%n earlier post(s)", index - CONTEXT_BEFORE))}</p>')
    for n, post in enumerate(window):
        if n:
            parts.append("<hr>")
        parts.append(post_html(post, post is target))
    later = len(posts) - (index + CONTEXT_AFTER + 1)
    if later > 0:
        parts.append(f'<p class="small">{html.escape(_tr("%n later post(s)", later))}</p>')
    return parts


def attach(pane: ReadingPane) -> ReviewCard:
    card = pane.findChild(ReviewCard, "reviewCard")
    if card is None:
        card = ReviewCard(pane.ctx, pane)
        pane.pages.addWidget(card)
    return card


def show_in_pane(pane: ReadingPane, ref: ReviewRef) -> ReviewCard:
    """Show the item in the reading pane (``ReadingPane.show_ref`` calls this for a ``ReviewRef``)."""
    card = attach(pane)
    pane.clear()
    if card.show_item(ref):
        pane.pages.setCurrentWidget(card)
    else:
        pane.empty.set_text(
            _tr("This item is gone"), _tr("It was handled, or is no longer in the local copy.")
        )
    return card
