"""The member card: what the reading pane shows for a member (UX.md: joined, last seen, last posted,
reads, posts, their last topics), with the actions on them as buttons that show their key.

The facts are read from the local copy by ``member_facts`` (Qt-free, a few indexed lookups: fast
enough for the GUI thread, like the reading pane's own topic read). Remote avatars are never loaded:
the avatar is the member's initials, as everywhere else in the app.

How the reading pane shows it: ``show_in_pane(pane, ref)`` adds the card to the pane's pages the
first time (``attach``) and brings it forward; ``ReadingPane.show_ref`` calls it for a ``MemberRef``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from moderator.insights.base import REGULAR, from_ts
from moderator.model import Community, Member
from moderator.store import Store
from ui import icons, timefmt
from ui.views import MemberRef, TopicRef

if TYPE_CHECKING:
    from moderator.bootstrap import AppContext
    from ui.reading_pane import ReadingPane

LAST_TOPICS = 6


@dataclasses.dataclass(frozen=True, slots=True)
class TopicLine:
    topic_id: str
    title: str
    last_at: dt.datetime | None
    posts: int  # of theirs in it


@dataclasses.dataclass(frozen=True, slots=True)
class MemberFacts:
    community: Community
    member: Member
    topics: tuple[TopicLine, ...]
    stored_posts: int  # their regular posts in the local copy


_LAST_TOPICS = f"""
SELECT p.topic_id, COALESCE(t.title, ''), MAX(p.created_at) AS last_at, COUNT(*)
FROM posts p LEFT JOIN topics t ON t.community_id = p.community_id AND t.id = p.topic_id
WHERE p.community_id = ? AND p.author_id = ? AND {REGULAR.format(a="p")}
  AND (t.archetype IS NULL OR t.archetype != 'private_message')
GROUP BY p.topic_id ORDER BY last_at DESC LIMIT ?
"""
_POSTS = (
    f"SELECT COUNT(*) FROM posts p WHERE p.community_id = ? AND p.author_id = ? AND {REGULAR.format(a='p')}"
)


def member_facts(store: Store, ref: MemberRef) -> MemberFacts | None:
    """The member, their community and the topics they last wrote in (private messages left out)."""
    community = store.community(ref.community_id)
    member = store.member(ref.community_id, ref.member_id)
    if community is None or member is None:
        return None
    rows = store.read().execute(_LAST_TOPICS, (ref.community_id, ref.member_id, LAST_TOPICS)).fetchall()
    topics = tuple(TopicLine(str(r[0]), r[1], from_ts(r[2]), int(r[3])) for r in rows)
    stored = store.read().execute(_POSTS, (ref.community_id, ref.member_id)).fetchone()[0]
    return MemberFacts(community, member, topics, int(stored))


class MemberCard(QWidget):
    """One member, their facts and their last topics; a topic link opens it in the reading pane."""

    remind_requested = Signal(object)  # MemberRef: "remind me" (m)
    nudge_requested = Signal(int, str, str)  # community id, username, suggested text: open a composer
    topic_requested = Signal(object)  # TopicRef: read one of their topics

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberCard")
        self.ctx = ctx
        self.ref: MemberRef | None = None
        self.facts: MemberFacts | None = None

        self.remind_button = QPushButton(self.tr("Remind me  m"), self)
        self.remind_button.setAccessibleName(self.tr("Remind me"))
        self.remind_button.setToolTip(self.tr("Come back to this member later (m)"))
        self.remind_button.clicked.connect(self._remind)
        self.nudge_button = QPushButton(self.tr("Private nudge"), self)
        self.nudge_button.setAccessibleName(self.tr("Write a private nudge"))
        self.nudge_button.setToolTip(
            self.tr("A private message for this member only, worded for who they are")
        )
        self.nudge_button.clicked.connect(self._nudge)
        bar = QFrame(self)
        bar.setObjectName("readingBar")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(12, 6, 12, 6)
        bar_layout.addWidget(self.remind_button)
        bar_layout.addWidget(self.nudge_button)
        bar_layout.addStretch(1)

        self.avatar = QLabel(self)
        self.name = QLabel(self)
        self.name.setObjectName("memberName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.handle = QLabel(self)
        self.handle.setObjectName("memberHandle")
        self.handle.setTextFormat(Qt.TextFormat.PlainText)
        heading = QHBoxLayout()
        heading.setSpacing(14)
        heading.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.name)
        names.addWidget(self.handle)
        self.nudged = QLabel(self)
        self.nudged.setObjectName("memberNudged")
        self.nudged.setTextFormat(Qt.TextFormat.PlainText)
        self.nudged.setWordWrap(True)
        names.addWidget(self.nudged)
        names.addStretch(1)
        heading.addLayout(names, 1)

        # Why the member is listed (the segment, in its tab's colour) and the suggested next step, in full.
        self.segment = QLabel(self)
        self.segment.setObjectName("memberSegment")
        self.segment.setTextFormat(Qt.TextFormat.RichText)
        self.next_step = QLabel(self)
        self.next_step.setObjectName("memberNextStep")
        self.next_step.setTextFormat(Qt.TextFormat.PlainText)
        self.next_step.setWordWrap(True)
        self.next_step.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        step_box = QFrame(self)
        step_box.setObjectName("nextStepBox")
        step_layout = QVBoxLayout(step_box)
        step_layout.setContentsMargins(12, 8, 12, 10)
        step_layout.setSpacing(4)
        step_layout.addWidget(self.segment)
        step_layout.addWidget(self.next_step)
        self.step_box = step_box
        step_box.hide()

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(6)
        self.fact_labels: dict[str, QLabel] = {}
        self.fact_captions: dict[str, QLabel] = {}
        for key, title in self._fact_titles():
            caption = QLabel(title, self)
            caption.setObjectName("factCaption")
            value = QLabel(self)
            value.setObjectName("factValue")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fact_captions[key] = caption
            self.fact_labels[key] = value
        self.fact_columns = 0
        self._place_facts(2)

        self.topics_title = QLabel(self.tr("Their last topics"), self)
        self.topics_title.setObjectName("sectionTitle")
        self.topics = QLabel(self)
        self.topics.setObjectName("memberTopics")
        self.topics.setTextFormat(Qt.TextFormat.RichText)
        self.topics.setWordWrap(True)
        self.topics.setOpenExternalLinks(False)
        self.topics.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.topics.linkActivated.connect(self._on_link)

        body = QWidget(self)
        body.setObjectName("memberBody")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(22, 20, 22, 20)
        body_layout.setSpacing(14)
        body_layout.addLayout(heading)
        body_layout.addWidget(self.step_box)
        body_layout.addLayout(self.grid)
        body_layout.addSpacing(4)
        body_layout.addWidget(self.topics_title)
        body_layout.addWidget(self.topics)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("memberScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.setStyleSheet(
            "QWidget#memberBody, QScrollArea#memberScroll { background: palette(base); }"
            "QLabel#memberName { font-size: 15pt; font-weight: 600; }"
            "QLabel#memberHandle, QLabel#factCaption { color: palette(placeholder-text); }"
            "QLabel#sectionTitle { font-weight: 600; }"
            "QFrame#nextStepBox { background: palette(alternate-base); border: 1px solid palette(midlight);"
            " border-radius: 6px; }"
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(scroll, 1)

    def _place_facts(self, columns: int) -> None:
        """The facts in two pairs of columns, or one when the pane is too narrow for two (a French
        "Niveau de confiance" was cut at the pane's edge)."""
        if columns == self.fact_columns:
            return
        self.fact_columns = columns
        for n, key in enumerate(self.fact_labels):
            self.grid.removeWidget(self.fact_captions[key])
            self.grid.removeWidget(self.fact_labels[key])
            row, pair = divmod(n, columns)
            self.grid.addWidget(self.fact_captions[key], row, pair * 2)
            self.grid.addWidget(self.fact_labels[key], row, pair * 2 + 1)
        for column in range(4):
            self.grid.setColumnStretch(column, 1 if column % 2 and column // 2 < columns else 0)

    def _two_pairs_width(self) -> int:
        """What two pairs of facts need side by side (captions and values as they read now), margins included."""
        keys = list(self.fact_labels)
        widest = [0, 0, 0, 0]
        for n, key in enumerate(keys):
            pair = n % 2
            widest[pair * 2] = max(widest[pair * 2], self.fact_captions[key].sizeHint().width())
            widest[pair * 2 + 1] = max(widest[pair * 2 + 1], self.fact_labels[key].sizeHint().width())
        return sum(widest) + 3 * self.grid.horizontalSpacing() + 44 + 24  # body margins, scroll bar

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place_facts(2 if event.size().width() >= self._two_pairs_width() else 1)

    def _fact_titles(self) -> list[tuple[str, str]]:
        return [
            ("joined", self.tr("Joined")),
            ("posts", self.tr("Posts")),
            ("last_seen", self.tr("Last seen")),
            ("reads", self.tr("Posts read")),
            ("last_posted", self.tr("Last posted")),
            ("days", self.tr("Days visited")),
            ("likes", self.tr("Likes given")),
            ("trust", self.tr("Trust level")),
        ]

    # -- API ---------------------------------------------------------------------------------

    def show_member(self, ref: MemberRef) -> bool:
        """Fill the card from the local copy; False (and a card saying so) if the member is gone."""
        self.ref = ref
        self.facts = facts = member_facts(self.ctx.store, ref)
        if facts is None:
            self.name.setText(self.tr("This member is gone"))
            self.handle.setText(self.tr("@%1 is no longer in the local copy.").replace("%1", ref.username))
            self.avatar.setPixmap(icons.avatar_pixmap(ref.username, "", 56))
            for label in self.fact_labels.values():
                label.setText("")
            self.topics.setText("")
            self.nudged.setText("")
            self.step_box.hide()
            self.remind_button.setEnabled(False)
            self.nudge_button.setEnabled(False)
            return False
        member, community = facts.member, facts.community
        self.remind_button.setEnabled(True)
        self.nudge_button.setEnabled(True)
        self.avatar.setPixmap(icons.avatar_pixmap(member.username, member.name, 56))
        self.name.setText(member.name or member.username)
        self.handle.setText(f"@{member.username} · {community.title or community.name}")
        never = self.tr("never")
        unknown = self.tr("not reported")
        values = {
            "joined": timefmt.local_date(member.created_at) or unknown,
            "last_seen": self._when(member.last_seen_at) or never,
            "last_posted": self._when(
                member.last_posted_at or (facts.topics[0].last_at if facts.topics else None)
            )
            or never,
            # The platform's count when it gives one, else what the local copy holds (as the views do).
            "posts": self._count(member.post_count or facts.stored_posts, unknown),
            "reads": self._count(member.posts_read, unknown),
            "days": self._count(member.days_visited, unknown),
            "likes": self._count(member.likes_given, unknown),
            "trust": self._count(member.trust_level, unknown),
        }
        for key, value in values.items():
            self.fact_labels[key].setText(value)
        self._place_facts(2 if self.width() >= self._two_pairs_width() else 1)
        self.fact_labels["joined"].setToolTip(timefmt.exact(member.created_at))
        self.fact_labels["last_seen"].setToolTip(timefmt.exact(member.last_seen_at))
        self.fact_labels["last_posted"].setToolTip(timefmt.exact(member.last_posted_at))
        self.topics.setText(self._topics_html(facts.topics))
        self.nudged.setText(self._nudged_text(community, member.username))
        self._show_step(ref)
        self.setAccessibleName(self.tr("Member %1").replace("%1", member.username))
        return True

    def _show_step(self, ref: MemberRef) -> None:
        from moderator.insights import Segment
        from ui.insight_models import SEGMENT_COLOURS, segment_words

        try:
            segment = Segment(ref.segment) if ref.segment else None
        except ValueError:
            segment = None
        if segment is None and not ref.next_step:
            self.step_box.hide()
            return
        if segment is not None:
            colour = SEGMENT_COLOURS[segment].name()
            self.segment.setText(
                f'<span style="color:{colour}">●</span> <b>{html.escape(segment_words(segment))}</b>'
            )
        self.segment.setVisible(segment is not None)
        self.next_step.setText(
            self.tr("Suggested next step: %1").replace("%1", ref.next_step) if ref.next_step else ""
        )
        self.next_step.setVisible(bool(ref.next_step))
        self.step_box.show()

    # -- internals ---------------------------------------------------------------------------

    def _nudged_text(self, community: Community, username: str) -> str:
        """ "Nudged 5 d ago (private message: “title”) · 2 nudges and invitations in all"."""
        from moderator.nudges import history

        assert community.id is not None
        records = history.for_member(self.ctx.store, community.id, username)
        if not records:
            return self.tr("Never nudged nor invited from this app")
        last = records[0]
        how = {
            history.Channel.PRIVATE_MESSAGE: self.tr("private message"),
            history.Channel.MENTION: self.tr("@mention reply"),
            history.Channel.COPIED: self.tr("text copied"),
        }[last.channel]
        what = (
            self.tr("Invited %1 (%2)") if last.kind is history.Kind.INVITATION else self.tr("Nudged %1 (%2)")
        )
        text = what.replace("%1", timefmt.ago(last.created_at)).replace(
            "%2", f"{how}: “{last.title}”" if last.title else how
        )
        if len(records) > 1:
            text += " · " + self.tr("%n nudge(s) and invitation(s) in all", "", len(records))
        return text

    @staticmethod
    def _when(when: dt.datetime | None) -> str:
        """ "3 d ago" for the last week, the local date before (the exact time is in the tooltip)."""
        return timefmt.ago(when)

    @staticmethod
    def _count(value: int | None, unknown: str) -> str:
        return unknown if value is None else QLocale().toString(value)

    def _topics_html(self, topics: tuple[TopicLine, ...]) -> str:
        if not topics:
            return html.escape(self.tr("No post of theirs in the local copy."))
        items = []
        for t in topics:
            title = html.escape(t.title or self.tr("(untitled)"))
            when = html.escape(timefmt.local_date(t.last_at))
            posts = html.escape(self.tr("%n post(s)", "", t.posts))
            items.append(
                f'<p style="margin:0 0 6px 0"><a href="topic:{html.escape(t.topic_id, quote=True)}">{title}</a>'
                f'<br><span style="color:palette(placeholder-text)">{when} · {posts}</span></p>'
            )
        return "".join(items)

    @Slot(str)
    def _on_link(self, link: str) -> None:
        if self.ref is not None and link.startswith("topic:"):
            self.topic_requested.emit(TopicRef(self.ref.community_id, link.removeprefix("topic:")))

    @Slot()
    def _remind(self) -> None:
        if self.ref is not None:
            self.remind_requested.emit(self.ref)

    @Slot()
    def _nudge(self) -> None:
        if self.ref is None or self.facts is None:
            return
        self.nudge_requested.emit(self.ref.community_id, self.ref.username, "")


def attach(pane: ReadingPane) -> MemberCard:
    """The pane's member card, made the first time (one of the pane's pages, its topic links
    opening in the pane). Connect ``remind_requested`` and ``nudge_requested`` on what it returns."""
    card = pane.findChild(MemberCard, "memberCard")
    if card is None:
        card = MemberCard(pane.ctx, pane)
        pane.pages.addWidget(card)
        card.topic_requested.connect(pane.show_topic)
    return card


def show_in_pane(pane: ReadingPane, ref: MemberRef) -> MemberCard:
    """Show ``ref``'s card in the reading pane (what ``ReadingPane.show_ref`` does for a MemberRef).

    The pane is cleared first, so its topic actions (reply, open in browser) do not act on a topic
    that is no longer on screen.
    """
    card = attach(pane)
    pane.clear()
    card.show_member(ref)
    pane.pages.setCurrentWidget(card)
    return card
