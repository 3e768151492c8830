"""The nudge composer: a private message to one member, worded for who they are.

The header is a private message's, never a topic's: the recipient and the title (where the platform's
direct messages have none, Viva Engage, the field is the message's first line and a note says so,
``platforms.private_message_titles``). The text comes from
the saved nudge of the member's segment (reader, gone quiet, newcomer) or an invitation to answer,
in the member's language, else the community's usual one, else the app's (the language line says
which). Changing the segment or the language refills the text unless the user already edited it.

"Queue private message" (Ctrl+Enter) puts it in the outbox, which sends it exactly once when the
community is reachable, and records it in the nudges history. A member nudged less than 30 days ago
is named in a warning, and sending needs a confirmation. Where the platform has no private messages,
the composer says so and offers to copy the text instead (recorded as copied).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moderator import signin
from moderator.model import Community
from moderator.nudges import history, language, send, texts
from moderator.nudges.texts import Purpose
from moderator.platforms import (
    private_message_titles,
    private_messages_unknown,
    supports_private_messages,
)
from moderator.store import Store
from ui import dialogs, screen_fit, timefmt


def ui_language() -> str:
    name = QLocale().name()[:2].lower()
    return name if name in language.LANGUAGES else "en"


class NudgeComposer(QDialog):
    """One private message to one member (see the module docstring)."""

    queued = Signal(int)  # outbox item id: the window sends the outbox and refreshes the views
    recorded = Signal(int, str)  # community id, username: a nudge was recorded (card, silent list)

    _open: ClassVar[dict[tuple[int, str], NudgeComposer]] = {}

    def __init__(
        self,
        store: Store,
        community: Community,
        username: str,
        parent: QWidget | None = None,
        *,
        purpose: Purpose | None = None,
        topic_id: str | None = None,
        why: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        assert community.id is not None
        self.setObjectName("nudgeComposer")
        self.store = store
        self.community = community
        self.username = username
        self.topic_id = topic_id
        self.why = why or {}
        self._filled_body = ""
        self._filled_title = ""
        self.can_message = supports_private_messages(community)
        self.setWindowTitle(self.tr("Private message to @%1").replace("%1", username))
        screen_fit.fit_to_screen(self, 720, 560)

        header = QFrame(self)
        header.setObjectName("pmHeader")
        form = QFormLayout(header)
        form.setContentsMargins(12, 10, 12, 10)
        kind = QLabel(self.tr("Private message — only @%1 will see it").replace("%1", username), header)
        kind.setObjectName("pmKind")
        form.addRow(kind)
        self.recipient = QLabel(f"@{username}", header)
        self.recipient.setObjectName("pmRecipient")
        self.recipient.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("To:"), self.recipient)
        self.title_edit = QLineEdit(header)
        # A platform whose direct messages have no title (Viva Engage) sends it as the first line.
        self.titled = private_message_titles(community)
        self.title_note: QLabel | None = None
        if self.titled:
            self.title_edit.setAccessibleName(self.tr("Title of the private message"))
            form.addRow(self.tr("Title:"), self.title_edit)
        else:
            self.title_edit.setAccessibleName(self.tr("First line of the private message"))
            form.addRow(self.tr("First line:"), self.title_edit)
            self.title_note = QLabel(
                self.tr(
                    "%1 direct messages have no title: this line is sent as the first line of the message."
                ).replace("%1", signin.display_name(community.platform)),
                header,
            )
            self.title_note.setObjectName("pmTitleNote")
            self.title_note.setWordWrap(True)
            form.addRow(self.title_note)
        header.setStyleSheet(
            "QFrame#pmHeader { background: palette(alternate-base); border-radius: 6px; }"
            "QLabel#pmKind { font-weight: 600; }"
        )

        self.purpose_combo = QComboBox(self)
        self.purpose_combo.setAccessibleName(self.tr("Saved text"))
        for value, label in self._purpose_labels():
            self.purpose_combo.addItem(label, value)
        self.language_combo = QComboBox(self)
        self.language_combo.setAccessibleName(self.tr("Language of the message"))
        self.language_combo.addItem("Français", "fr")
        self.language_combo.addItem("English", "en")
        choice_row = QHBoxLayout()
        choice_row.addWidget(QLabel(self.tr("Saved text:"), self))
        choice_row.addWidget(self.purpose_combo, 1)
        choice_row.addWidget(QLabel(self.tr("Language:"), self))
        choice_row.addWidget(self.language_combo)
        self.language_note = QLabel(self)
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)

        self.notice = QLabel(self)
        self.notice.setObjectName("nudgeNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            "QLabel#nudgeNotice { background: #fff4ce; color: #3b2f00; border-radius: 4px; padding: 6px; }"
        )
        self.notice.hide()

        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName(self.tr("Text of the private message"))

        self.copy_button = QPushButton(self.tr("Copy text"), self)
        self.copy_button.clicked.connect(self.copy_text)
        self.save_text_button = QPushButton(self.tr("Keep as my saved text"), self)
        self.save_text_button.setToolTip(
            self.tr("Use this title and text for this kind of member and language from now on")
        )
        self.save_text_button.clicked.connect(self.save_as_saved_text)
        self.buttons = QDialogButtonBox(self)
        self.send_button = self.buttons.addButton(
            self.tr("Queue private message  Ctrl+Enter"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.send_button.setAccessibleName(self.tr("Queue private message"))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.queue)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.copy_button)
        bottom.addWidget(self.save_text_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(choice_row)
        layout.addWidget(self.language_note)
        layout.addWidget(self.notice)
        layout.addWidget(self.editor, 1)
        layout.addLayout(bottom)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.queue)
        self.editor.installEventFilter(self)  # the editor would take Ctrl+Enter as a new line

        segment = purpose or send.segment_of(store, community, username)
        self.purpose_combo.setCurrentIndex(max(0, self.purpose_combo.findData(str(segment))))
        choice = language.choose_language(
            store,
            community.id,
            username,
            ui_language=ui_language(),
            setting=str(community.settings.get("language") or ""),
        )
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(choice.language)))
        self._suggested_language = choice.language
        self._suggested_words = self._language_words(choice)
        self.language_note.setText(self._suggested_words)
        self._refill(force=True)
        self.purpose_combo.currentIndexChanged.connect(lambda _i: self._refill())
        self.language_combo.currentIndexChanged.connect(lambda _i: self._on_language_chosen())
        self._show_notice()
        self.editor.setFocus()

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open_for(
        cls,
        parent: QWidget | None,
        store: Store,
        community: Community,
        username: str,
        *,
        purpose: Purpose | None = None,
        topic_id: str | None = None,
        why: dict[str, str] | None = None,
    ) -> NudgeComposer:
        assert community.id is not None
        key = (community.id, username.casefold())
        existing = cls._open.get(key)
        if existing is not None:
            dialogs.show_dialog(existing)
            return existing
        composer = cls(store, community, username, parent, purpose=purpose, topic_id=topic_id, why=why)
        composer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        cls._open[key] = composer
        marker = id(composer)
        composer.destroyed.connect(
            lambda *_: cls._open.pop(key) if id(cls._open.get(key)) == marker else None
        )
        dialogs.show_dialog(composer)
        return composer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.queue()
            return True
        return super().eventFilter(watched, event)

    def done(self, result: int) -> None:
        """Closed (sent or cancelled): the next nudge of this member opens a fresh composer."""
        if self.community.id is not None and NudgeComposer._open.get(self._key()) is self:
            NudgeComposer._open.pop(self._key(), None)
        super().done(result)

    def _key(self) -> tuple[int, str]:
        assert self.community.id is not None
        return (self.community.id, self.username.casefold())

    # -- words ---------------------------------------------------------------------------------

    def _purpose_labels(self) -> list[tuple[str, str]]:
        labels = [
            (str(Purpose.READER), self.tr("Reader who never posted: an easy first step")),
            (str(Purpose.GONE_QUIET), self.tr("Gone quiet: what they used to bring")),
            (str(Purpose.NEWCOMER), self.tr("Newcomer: a welcome")),
        ]
        if self.topic_id is not None:
            labels.append((str(Purpose.INVITATION), self.tr("Invitation to answer this question")))
        return labels

    def _language_name(self, code: str) -> str:
        """The language's name in the UI's language ("Written in French" / "Écrit en français")."""
        return self.tr("French") if code == "fr" else self.tr("English")

    def _on_language_chosen(self) -> None:
        """The user picked the language: the note says so instead of the reason the app had."""
        if self.language() != self._suggested_language:
            self.language_note.setText(
                self.tr("Written in %1, as you chose.").replace("%1", self._language_name(self.language()))
            )
        else:
            self.language_note.setText(self._suggested_words)
        self._refill()

    def _language_words(self, choice: language.LanguageChoice) -> str:
        name = self._language_name(choice.language)
        match choice.source:
            case language.Source.MEMBER:
                return (
                    self.tr("Written in %1, the language of @%2's posts.")
                    .replace("%1", name)
                    .replace("%2", self.username)
                )
            case language.Source.SETTING:
                return self.tr("Written in %1, the community's language (its settings).").replace("%1", name)
            case language.Source.COMMUNITY:
                return self.tr("Written in %1, the language most posts of this community use.").replace(
                    "%1", name
                )
        return self.tr("Written in %1, the app's language: nothing tells the member's.").replace("%1", name)

    def _show_notice(self) -> None:
        assert self.community.id is not None
        lines = []
        if not self.can_message and private_messages_unknown(self.community):
            lines.append(
                self.tr(
                    "The app does not know yet whether this site lets it send private messages: sync the"
                    " community, then open this again. Meanwhile, copy the text and send it to @%1"
                    " yourself; the app will remember it as copied."
                ).replace("%1", self.username)
            )
        elif not self.can_message:
            lines.append(
                self.tr(
                    "This community does not let the app send private messages. Copy the text and send it"
                    " to @%1 yourself; the app will remember it as copied."
                ).replace("%1", self.username)
            )
        last = history.recently_nudged(self.store, self.community.id, self.username)
        if last is not None:
            lines.append(
                self.tr("@%1 was already nudged %2: sending again will ask you to confirm.")
                .replace("%1", self.username)
                .replace("%2", timefmt.ago(last.created_at))
            )
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(bool(lines))
        self.send_button.setEnabled(self.can_message)

    # -- text ----------------------------------------------------------------------------------

    def purpose(self) -> Purpose:
        return Purpose(self.purpose_combo.currentData())

    def language(self) -> str:
        return str(self.language_combo.currentData())

    def _refill(self, *, force: bool = False) -> None:
        """Fill title and text from the saved nudge; an edited text is kept (nothing typed is lost)."""
        edited = self.editor.toPlainText().strip() != self._filled_body.strip()
        if (
            edited
            and not force
            and not dialogs.ask(self, self.tr("Replace the text you edited with the saved text?"))
        ):
            return
        lang = self.language()
        prepared = texts.prepare(
            self.store,
            self.community,
            self.username,
            self.purpose(),
            lang,
            topic_id=self.topic_id,
            why=self.why.get(lang, ""),
        )
        self._filled_body, self._filled_title = prepared.body, prepared.title
        self.editor.setPlainText(prepared.body)
        self.title_edit.setText(prepared.title)

    @Slot()
    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.title_edit.text()}\n\n{self.editor.toPlainText()}")
        if not self.can_message:
            assert self.community.id is not None
            history.record(
                self.store,
                self.community.id,
                self.username,
                kind=history.Kind.INVITATION if self.purpose() is Purpose.INVITATION else history.Kind.NUDGE,
                channel=history.Channel.COPIED,
                body=self.editor.toPlainText(),
                title=self.title_edit.text(),
                segment="" if self.purpose() is Purpose.INVITATION else str(self.purpose()),
                topic_id=self.topic_id,
                language=self.language(),
                why=self.why.get(self.language(), ""),
            )
            self.recorded.emit(self.community.id, self.username)
        self.copy_button.setText(self.tr("Copied"))

    @Slot()
    def save_as_saved_text(self) -> None:
        texts.save_text(
            self.store, self.purpose(), self.language(), self.title_edit.text(), self.editor.toPlainText()
        )
        self.save_text_button.setText(self.tr("Kept"))

    @Slot()
    def queue(self) -> None:
        if not self.can_message:
            return
        assert self.community.id is not None
        body, title = self.editor.toPlainText().strip(), self.title_edit.text().strip()
        if not body or not title:
            dialogs.warning(
                self,
                self.tr("Give the private message a title and a text before sending it.")
                if self.titled
                else self.tr("Give the private message a first line and a text before sending it."),
            )
            return
        insist = False
        last = history.recently_nudged(self.store, self.community.id, self.username)
        if last is not None:
            insist = dialogs.ask(
                self,
                self.tr("@%1 was already nudged %2. Send this one anyway?")
                .replace("%1", self.username)
                .replace("%2", timefmt.ago(last.created_at)),
            )
            if not insist:
                return
        try:
            queued = send.queue_private(
                self.store,
                self.community,
                self.username,
                title=title,
                body=body,
                purpose=self.purpose(),
                language=self.language(),
                why=self.why.get(self.language(), ""),
                topic_id=self.topic_id,
                insist=insist,
            )
        except send.RecentlyNudged:
            return
        self.queued.emit(queued.item.id)
        self.recorded.emit(self.community.id, self.username)
        self.accept()
