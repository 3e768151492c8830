"""The composer: typing, preview, @mentions, saved replies, quotes, Ctrl+Enter to the outbox, drafts
that come back, and conflicts shown before sending."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from moderator import drafts, outbox, saved_replies
from moderator.model import Post, SyncBatch
from tests.helpers.posting_double import World, make_world
from ui.composer import Composer
from ui.composer_parts import reply_events

BODY = "Thanks Bob, let's try a pilot next month."  # no @: the popup is tested on its own


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = make_world(tmp_path)
    yield w
    w.store.close()


@pytest.fixture
def composer(qtbot: QtBot, world: World) -> Composer:
    c = Composer(world.store, world.community, "10")
    qtbot.addWidget(c)
    c.show()
    qtbot.waitExposed(c)
    c.activateWindow()
    c.editor.setFocus()
    return c


def test_typing_updates_the_preview_and_the_count(qtbot: QtBot, composer: Composer) -> None:
    with qtbot.waitSignal(composer.preview_updated, timeout=3000):
        qtbot.keyClicks(composer.editor, "Hello **world**, see [the site](https://a.example)")
    assert "Hello world, see the site" in composer.preview.toPlainText()
    assert "**" not in composer.preview.toPlainText()
    assert composer.preview.refused == []  # nothing was even asked for
    assert composer.count_label.text().startswith("50 characters")


def test_count_hints_the_minimum_and_short_replies_are_not_sent(
    qtbot: QtBot, composer: Composer, world: World
) -> None:
    qtbot.keyClicks(composer.editor, "Too short")
    assert "at least 20 to send" in composer.count_label.text()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert composer.banner.isVisible() and "at least 20 characters" in composer.banner_label.text()
    assert outbox.list_items(world.store) == []


# The offscreen platform cannot raise or grab for a popup; it says so. Nothing of ours.
@pytest.mark.qt_log_ignore(r"This plugin does not support")
def test_mention_completion_offers_members(qtbot: QtBot, composer: Composer) -> None:
    qtbot.keyClicks(composer.editor, "Hi @ca")
    popup = composer.editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert composer.editor.completer.currentCompletion() == "carol"
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert composer.editor.toPlainText() == "Hi @carol "
    assert not popup.isVisible()


def test_no_completion_inside_an_email_address(qtbot: QtBot, composer: Composer) -> None:
    qtbot.keyClicks(composer.editor, "write to ann@ex")
    assert not composer.editor.completer.popup().isVisible()


def test_saved_reply_is_inserted_with_placeholders_filled(qtbot: QtBot, composer: Composer) -> None:
    composer._fill_saved_menu()
    action = next(a for a in composer.saved_menu.actions() if a.data() == "shipped:welcome_newcomer:fr")
    action.trigger()
    text = composer.editor.toPlainText()
    assert text.startswith("Bienvenue sur Acme Ideas, Bob !")
    assert "« Remote work ideas »" in text and text.rstrip().endswith("Ann Animator")


def test_quote_a_post_uses_discourse_format_and_replies_to_it(qtbot: QtBot, composer: Composer) -> None:
    composer.quote_post(2)
    assert composer.editor.toPlainText().startswith(
        '[quote="carol, post:2, topic:10"]\nI like it, but how do we measure it?\n[/quote]\n\n'
    )
    assert composer.reply_to_post_number == 2
    assert composer.reply_to_label.text() == "In reply to @carol (#2)"
    composer.clear_reply_to.click()
    assert composer.reply_to_post_number is None


def test_quote_selection_in_the_posts_pane(qtbot: QtBot, composer: Composer) -> None:
    browser = composer.posts_pane.browser
    start = browser.toPlainText().index("four-day")
    cursor = browser.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("four-day week"), cursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    composer.quote_selection()
    assert composer.editor.toPlainText().startswith(
        '[quote="bob, post:1, topic:10"]\nfour-day week\n[/quote]'
    )


def test_ctrl_enter_queues_and_removes_the_draft(qtbot: QtBot, composer: Composer, world: World) -> None:
    qtbot.keyClicks(composer.editor, BODY)
    composer.autosave.flush()
    assert drafts.get_draft(world.store, world.cid, "10") is not None
    with qtbot.waitSignals([composer.queued, reply_events().reply_queued], timeout=3000):
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [item] = outbox.list_items(world.store)
    assert item.body == BODY and item.state == outbox.State.QUEUED and item.last_seen_post_number == 2
    assert drafts.get_draft(world.store, world.cid, "10") is None
    assert not composer.isVisible()


def test_draft_is_autosaved_and_restored_on_reopen(qtbot: QtBot, world: World, composer: Composer) -> None:
    with qtbot.waitSignal(composer.autosave.saved, timeout=3000):
        qtbot.keyClicks(composer.editor, "Half-written thought")
    assert composer.draft_label.text() == "Draft saved"
    composer.close()
    again = Composer(world.store, world.community, "10")
    qtbot.addWidget(again)
    assert again.editor.toPlainText() == "Half-written thought"
    assert again.draft_label.text() == "Draft restored"


def test_escape_closes_and_keeps_what_was_just_typed(qtbot: QtBot, world: World, composer: Composer) -> None:
    qtbot.keyClicks(composer.editor, "Typed just before Esc")
    assert composer.autosave.pending
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    assert not composer.isVisible()
    draft = drafts.get_draft(world.store, world.cid, "10")
    assert draft is not None and draft.body == "Typed just before Esc"


def test_new_replies_are_shown_and_must_be_acknowledged(
    qtbot: QtBot, world: World, composer: Composer
) -> None:
    qtbot.keyClicks(composer.editor, BODY)
    newer = Post(
        id="9001", topic_id="10", post_number=3, username="dave", cooked="<p>We tried it last year.</p>"
    )
    world.store.apply_batch(world.cid, SyncBatch(posts=[newer]))
    composer.send()
    assert composer.banner.isVisible() and "1 new reply" in composer.banner_label.text()
    assert composer.send_anyway_button.isVisible()
    assert "We tried it last year." in composer.posts_pane.browser.toPlainText()
    assert outbox.list_items(world.store) == []
    with qtbot.waitSignal(composer.queued, timeout=3000):
        composer.send_anyway_button.click()
    assert outbox.list_items(world.store)[0].last_seen_post_number == 3


def test_closed_topic_warns_and_sends_only_when_confirmed(qtbot: QtBot, world: World) -> None:
    with world.store.write() as db:
        db.execute("UPDATE topics SET closed=1 WHERE id='10'")
    c = Composer(world.store, world.community, "10")
    qtbot.addWidget(c)
    assert "This topic is closed" in c.banner_label.text()
    c.editor.setPlainText(BODY)
    c.send()
    assert c.send_anyway_button.isVisibleTo(c) and outbox.list_items(world.store) == []
    c.send_anyway()
    assert outbox.list_items(world.store)[0].allow_closed


def test_open_for_reuses_the_open_composer_and_flush_all(qtbot: QtBot, world: World) -> None:
    first = Composer.open_for(
        None, world.store, world.community, "10", quote="a few words", quote_post_number=1
    )
    try:
        assert Composer.open_for(None, world.store, world.community, "10") is first
        assert first.editor.toPlainText().startswith('[quote="bob, post:1, topic:10"]\na few words')
        Composer.flush_all()
        draft = drafts.get_draft(world.store, world.cid, "10")
        assert draft is not None and draft.reply_to_post_number == 1
    finally:
        first.close()  # deleted on close: it leaves the registry
    qtbot.waitUntil(lambda: Composer.open_composers() == [])


def test_user_saved_replies_appear_in_the_menu(qtbot: QtBot, world: World, composer: Composer) -> None:
    saved_replies.save_saved_reply(
        world.store, saved_replies.SavedReply("Mine", "Hello {username} {oops}", "en")
    )
    composer._fill_saved_menu()
    mine = next(a for a in composer.saved_menu.actions() if a.text() == "Mine")
    mine.trigger()
    assert composer.editor.toPlainText() == "Hello bob {oops}"


def test_saved_replies_dialog_edits_and_restores(qtbot: QtBot, world: World) -> None:
    from ui.saved_replies_dialog import SavedRepliesDialog

    dialog = SavedRepliesDialog(world.store)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 8
    dialog.list.setCurrentRow(0)
    dialog.body_edit.setPlainText("Edited {first_name}")
    dialog.save_current()
    assert saved_replies.list_saved_replies(world.store)[0].body == "Edited {first_name}"
    dialog.delete_current()
    assert dialog.list.count() == 7
    dialog.new_reply()
    assert dialog.list.count() == 8 and dialog.title_edit.text() == "New saved reply"
    dialog.restore_shipped()
    assert dialog.list.count() == 9


def test_escape_on_an_untouched_saved_reply_leaves_no_draft(
    qtbot: QtBot, world: World, composer: Composer
) -> None:
    composer._fill_saved_menu()
    action = next(a for a in composer.saved_menu.actions() if a.data() == "shipped:welcome_newcomer:fr")
    with qtbot.waitSignal(composer.autosave.saved, timeout=3000):
        action.trigger()  # the autosave stores the template like any text...
    assert drafts.get_draft(world.store, world.cid, "10") is not None
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    assert not composer.isVisible()
    assert drafts.get_draft(world.store, world.cid, "10") is None  # ...and Esc on it keeps nothing


def test_escape_on_an_untouched_nudge_leaves_no_draft(qtbot: QtBot, world: World, composer: Composer) -> None:
    composer.start_from_template("Hi @bob, we miss your ideas: what do you think of this one?")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    assert drafts.get_draft(world.store, world.cid, "10") is None


def test_a_template_the_user_edited_is_kept(qtbot: QtBot, world: World, composer: Composer) -> None:
    composer.start_from_template("Hi @bob, we miss your ideas.")
    qtbot.keyClicks(composer.editor, " Coffee next week?")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    draft = drafts.get_draft(world.store, world.cid, "10")
    assert draft is not None and draft.body == "Hi @bob, we miss your ideas. Coffee next week?"


def test_a_template_never_replaces_the_users_draft(qtbot: QtBot, world: World, composer: Composer) -> None:
    qtbot.keyClicks(composer.editor, "My own words")
    composer.start_from_template("Hi @bob")
    assert composer.editor.toPlainText() == "My own words"
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    draft = drafts.get_draft(world.store, world.cid, "10")
    assert draft is not None and draft.body == "My own words"


def test_saved_replies_menu_has_one_header_per_language(
    qtbot: QtBot, world: World, composer: Composer
) -> None:
    saved_replies.save_saved_reply(world.store, saved_replies.SavedReply("Mine", "Hello {username}", "en"))
    composer._fill_saved_menu()
    headers = [a.text() for a in composer.saved_menu.actions() if a.isSeparator() and a.text()]
    assert sorted(headers) == sorted(set(headers)) and len(headers) == 2  # English, Français: once each
    languages = [
        a.data().rsplit(":", 1)[-1]
        for a in composer.saved_menu.actions()
        if str(a.data()).startswith("shipped:")
    ]
    assert languages == sorted(languages, key=languages.index)  # grouped, not interleaved
