"""The nudge composer and "who could answer this?", driven through the real window and widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from moderator import outbox
from moderator.nudges import history
from moderator.nudges.texts import Purpose
from ui.answerers_pane import AnswerersPane
from ui.member_card import MemberCard
from ui.nudge_composer import NudgeComposer
from ui.views import MemberRef, TopicRef


def _community(window):  # type: ignore[no-untyped-def]
    return window.ctx.store.communities()[0]


def test_member_card_nudge_is_a_private_message_and_is_remembered(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    community = _community(window)
    store = window.ctx.store
    carol = store.read().execute("SELECT id FROM members WHERE username='carol'").fetchone()[0]
    window.reading.show_ref(MemberRef(community.id, carol, "carol"))
    card = window.reading.findChild(MemberCard, "memberCard")
    assert card is not None and card.nudged.text() == "Never nudged nor invited from this app"
    qtbot.mouseClick(card.nudge_button, Qt.MouseButton.LeftButton)
    composer = NudgeComposer._open[(community.id, "carol")]
    with qtbot.waitActive(composer):
        composer.show()
        composer.activateWindow()
    # A private-message header: the recipient and a title, never a topic.
    assert composer.recipient.text() == "@carol"
    assert composer.title_edit.text() and "{" not in composer.title_edit.text()
    assert "{" not in composer.editor.toPlainText()
    assert composer.purpose() in (Purpose.READER, Purpose.GONE_QUIET, Purpose.NEWCOMER)
    suggested = composer.language()
    other = "en" if suggested == "fr" else "fr"
    composer.language_combo.setCurrentIndex(composer.language_combo.findData(other))
    assert composer.language_note.text() == f"Written in {'French' if other == 'fr' else 'English'}, as you chose."
    composer.language_combo.setCurrentIndex(composer.language_combo.findData(suggested))
    assert "as you chose" not in composer.language_note.text()  # back to the app's reason
    composer.language_combo.setCurrentIndex(composer.language_combo.findData("fr"))
    assert composer.editor.toPlainText().startswith("Bonjour")
    composer.editor.setPlainText(composer.editor.toPlainText() + "\nÀ bientôt !")
    with qtbot.waitSignal(composer.queued) as queued:
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    item = outbox.get_item(store, queued.args[0])
    assert item is not None and item.is_private_message and item.recipients == ["carol"]
    assert item.body.endswith("À bientôt !") and item.topic_id == ""
    [record] = history.for_member(store, community.id, "carol")
    assert record.channel is history.Channel.PRIVATE_MESSAGE and record.language == "fr"
    qtbot.waitUntil(lambda: card.nudged.text().startswith("Nudged"))
    # A second nudge within 30 days is announced and needs a confirmation (refused here).
    qtbot.mouseClick(card.nudge_button, Qt.MouseButton.LeftButton)
    again = NudgeComposer._open[(community.id, "carol")]
    assert again.notice.isVisibleTo(again) and "already nudged" in again.notice.text()
    again.queue()  # dialogs.ask answers "no" in tests
    assert len(history.for_member(store, community.id, "carol")) == 1
    again.close()


def test_w_opens_suggestions_and_p_prepares_a_private_invitation(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    community = _community(window)
    store = window.ctx.store
    # Topic 4 has no reply: who could answer it?
    window.reading.show_ref(TopicRef(community.id, "4"))
    window.activateWindow()
    window.wiring.answerers_current()
    pane = window.findChild(AnswerersPane, "answerersPane")
    assert pane is not None
    qtbot.waitUntil(lambda: pane.list.count() > 0)
    author = store.topic(community.id, "4").author_id
    names = {s.username for s in pane.suggestions}
    assert "mod" not in names  # the synced account is not suggested
    assert all(s.member_id != author for s in pane.suggestions)
    assert all(s.why for s in pane.suggestions)
    # The list tells the animator about the member ("Replied to …"), not to the member ("You replied …").
    reason = pane.list.item(0).text().split("\n", 1)[1]
    assert not reason.startswith(("You ", "Vous ")) and reason[:1].isupper()
    first = pane.suggestions[0].username
    with qtbot.waitActive(pane):
        pane.show()
        pane.activateWindow()
    qtbot.keyClick(pane.list, Qt.Key.Key_P)
    composer = NudgeComposer._open[(community.id, first.casefold())]
    assert composer.purpose() is Purpose.INVITATION
    assert store.topic(community.id, "4").title in composer.title_edit.text()
    composer.close()
    pane.close()
