"""Who could answer this? (w): the members most likely to answer a topic, each with why.

The ranking (``moderator.nudges.answerers``) reads the local copy only and runs off the GUI thread.
From a suggestion, one more key prepares the invitation: ``p`` a private message from the saved
invitation text ("Your experience with this could help here..."), ``@`` (or ``r``) an @mention reply
in the topic. Members nudged or invited in the last 30 days are left out unless "Include members
asked recently" is ticked (the user insists).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moderator.model import Community, utcnow
from moderator.nudges import answerers
from moderator.store import Store
from ui import dialogs, icons

if TYPE_CHECKING:
    from ui.tasks import TaskManager


class AnswerersPane(QDialog):
    """The suggestions for one topic; emits what the user chose to prepare."""

    invite_requested = Signal(int, str, str, object)  # community id, topic id, username, why by language
    mention_requested = Signal(int, str, str, object)

    def __init__(
        self,
        store: Store,
        tasks: TaskManager | None,
        community: Community,
        topic_id: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        assert community.id is not None
        self.setObjectName("answerersPane")
        self.store, self.tasks, self.community, self.topic_id = store, tasks, community, topic_id
        self.suggestions: list[answerers.Suggestion] = []
        topic = store.topic(community.id, topic_id)
        self.topic_title = topic.title if topic else topic_id
        self.setWindowTitle(self.tr("Who could answer this?"))
        self.resize(760, 480)

        heading = QLabel(self.tr("Who could answer “%1”?").replace("%1", self.topic_title), self)
        heading.setObjectName("answerersHeading")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet("QLabel#answerersHeading { font-size: 13pt; font-weight: 600; }")
        hint = QLabel(
            self.tr(
                "From what members wrote in the local copy: similar topics they answered, the same category"
                " and tags, how recently they were active, and how often they were already asked."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("answerersHint")
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Suggested members"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.status = QLabel(self.tr("Looking for members who could answer…"), self)
        self.insist = QCheckBox(self.tr("Include members asked in the last 30 days"), self)
        self.insist.toggled.connect(lambda _on: self.refresh())
        self.invite_button = QPushButton(self.tr("Private invitation  p"), self)
        self.invite_button.clicked.connect(self.invite_current)
        self.mention_button = QPushButton(self.tr("@mention reply  @"), self)
        self.mention_button.clicked.connect(self.mention_current)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.insist)
        buttons.addStretch(1)
        buttons.addWidget(self.invite_button)
        buttons.addWidget(self.mention_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        keys: list[tuple[str, Any]] = [
            ("P", self.invite_current),
            ("@", self.mention_current),
            ("R", self.mention_current),
            ("J", lambda: self._move(1)),
            ("K", lambda: self._move(-1)),
        ]
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self.list.itemActivated.connect(lambda _item: self.invite_current())
        self.list.installEventFilter(self)  # the list would take letters for its type-ahead search
        self._enable(False)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = (
                event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier
            )
            action = {
                "p": self.invite_current,
                "@": self.mention_current,
                "r": self.mention_current,
                "j": lambda: self._move(1),
                "k": lambda: self._move(-1),
            }.get(event.text().lower())
            if action is not None and mods == Qt.KeyboardModifier.NoModifier:
                action()
                return True
        return super().eventFilter(watched, event)

    # -- data ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        store, cid, tid, insist = self.store, self.community.id, self.topic_id, self.insist.isChecked()
        assert cid is not None

        def job(_task: object) -> list[answerers.Suggestion]:
            return answerers.rank_answerers(store, cid, tid, limit=8, insist=insist)

        def failed(exc: BaseException) -> None:
            self.status.setText(self.tr("The suggestions could not be computed: %1").replace("%1", str(exc)))

        if self.tasks is None:
            try:
                self.show_suggestions(job(None))
            except answerers.TopicNotFound as exc:
                failed(exc)
            return
        self.tasks.run(job, on_done=self.show_suggestions, on_error=failed, label="who could answer")

    @Slot(object)
    def show_suggestions(self, suggestions: list[answerers.Suggestion]) -> None:
        self.suggestions = suggestions
        self.list.clear()
        now = utcnow()
        lang = _ui_language()
        for n, s in enumerate(suggestions):
            why = answerers.explain(s, lang, now=now, about_them=True)
            title = f"{n + 1}. {s.name or s.username}  @{s.username}"
            if s.rested_until is not None:
                title += "  " + self.tr("(asked recently)")
            item = QListWidgetItem(f"{title}\n{why[:1].upper()}{why[1:]}")
            item.setIcon(QIcon(icons.avatar_pixmap(s.username, s.name, 32)))
            item.setToolTip(self.tr("Score %1").replace("%1", f"{s.score:.3f}"))
            item.setData(Qt.ItemDataRole.UserRole, n)
            self.list.addItem(item)
        if suggestions:
            self.list.setCurrentRow(0)
            self.status.setText(self.tr("p: invite privately · @: mention in a reply · j/k: move"))
        else:
            self.status.setText(
                self.tr(
                    "Nobody in the local copy wrote about this yet. Sync, or tick the box to include members asked recently."
                )
            )
        self._enable(bool(suggestions))
        self.list.setFocus()

    def _enable(self, on: bool) -> None:
        self.invite_button.setEnabled(on)
        self.mention_button.setEnabled(on)

    def _move(self, delta: int) -> None:
        if self.list.count():
            self.list.setCurrentRow(max(0, min(self.list.count() - 1, self.list.currentRow() + delta)))

    def current(self) -> answerers.Suggestion | None:
        row = self.list.currentRow()
        return self.suggestions[row] if 0 <= row < len(self.suggestions) else None

    def _why(self, s: answerers.Suggestion) -> dict[str, str]:
        """The reasons as the invitation tells them to the member (not how often they were asked already)."""
        now = utcnow()
        return {lang: answerers.explain(s, lang, now=now, load=False) for lang in ("fr", "en")}

    @Slot()
    def invite_current(self) -> None:
        s = self.current()
        if s is None or self.community.id is None:
            return
        self.invite_requested.emit(self.community.id, self.topic_id, s.username, self._why(s))

    @Slot()
    def mention_current(self) -> None:
        s = self.current()
        if s is None or self.community.id is None:
            return
        self.mention_requested.emit(self.community.id, self.topic_id, s.username, self._why(s))

    @classmethod
    def open_for(
        cls,
        parent: QWidget | None,
        store: Store,
        tasks: TaskManager | None,
        community: Community,
        topic_id: str,
    ) -> AnswerersPane:
        pane = cls(store, tasks, community, topic_id, parent)
        pane.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogs.show_dialog(pane)
        return pane


def _ui_language() -> str:
    from ui.nudge_composer import ui_language

    return ui_language()


def mention_text(store: Store, username: str, why: dict[str, Any], language: str) -> str:
    """The @mention reply's text from the saved mention text (in the topic's language)."""
    from moderator.nudges import texts

    saved = texts.get_text(store, texts.Purpose.MENTION, language if language in ("fr", "en") else "en")
    return texts.fill(saved.body, {"username": username, "why": str(why.get(language, ""))})
