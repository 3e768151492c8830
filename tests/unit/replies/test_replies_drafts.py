"""Drafts: one per topic, saved in their own transactions, restored as they were; and the autosaver's
timing (debounce with a ceiling) on a fake clock."""

from __future__ import annotations

import datetime as dt

from moderator import drafts
from moderator.drafts import DraftAutosaver
from tests.helpers.posting_double import T0, World


def test_save_keeps_start_and_high_water_and_updates_body(world: World) -> None:
    first = drafts.save_draft(world.store, world.cid, "10", "Hello", now=T0)
    assert first is not None
    assert first.last_seen_post_number == 2
    assert first.started_at == T0
    later = drafts.save_draft(
        world.store, world.cid, "10", "Hello there", reply_to_post_number=2, now=T0 + dt.timedelta(minutes=5)
    )
    assert later is not None
    assert later.body == "Hello there"
    assert later.reply_to_post_number == 2
    assert later.started_at == T0  # the start does not move
    assert later.updated_at == T0 + dt.timedelta(minutes=5)
    assert [d.topic_title for d in drafts.list_drafts(world.store)] == ["Remote work ideas"]
    assert drafts.count_drafts(world.store) == 1


def test_one_draft_per_topic_and_empty_text_deletes_it(world: World) -> None:
    drafts.save_draft(world.store, world.cid, "10", "one")
    drafts.save_draft(world.store, world.cid, "10", "two")
    assert drafts.count_drafts(world.store) == 1
    assert drafts.save_draft(world.store, world.cid, "10", "   \n") is None
    assert drafts.get_draft(world.store, world.cid, "10") is None


def test_delete_then_restore_is_an_exact_undo(world: World) -> None:
    saved = drafts.save_draft(world.store, world.cid, "10", "Keep me", reply_to_post_number=1, now=T0)
    assert saved is not None
    deleted = drafts.delete_draft(world.store, world.cid, "10")
    assert deleted is not None and drafts.count_drafts(world.store) == 0
    drafts.restore_draft(world.store, deleted)
    again = drafts.get_draft(world.store, world.cid, "10")
    assert again is not None
    assert (again.body, again.reply_to_post_number, again.started_at, again.last_seen_post_number) == (
        "Keep me",
        1,
        T0,
        2,
    )


def test_list_filters_by_community(world: World) -> None:
    drafts.save_draft(world.store, world.cid, "10", "x")
    assert len(drafts.list_drafts(world.store, [world.cid])) == 1
    assert drafts.list_drafts(world.store, []) == []
    assert drafts.list_drafts(world.store, [world.cid + 1]) == []


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_autosaver_debounces_one_second_after_the_last_change() -> None:
    clock, saved = FakeClock(), []
    saver = DraftAutosaver(saved.append, delay=1.0, max_delay=1.5, clock=clock)
    assert saver.changed("a") == 1.0
    clock.now += 0.5
    assert saver.changed("ab") == 1.0  # restarted, still under the ceiling (first change + 1.5 = 101.5)
    clock.now += 0.4
    assert saver.tick() is False
    clock.now += 0.6
    assert saver.tick() is True
    assert saved == ["ab"]
    assert saver.due_in() is None and not saver.pending


def test_autosaver_ceiling_saves_while_typing_without_pause() -> None:
    clock, saved = FakeClock(), []
    saver = DraftAutosaver(saved.append, delay=1.0, max_delay=1.5, clock=clock)
    text = ""
    for _ in range(60):  # one keystroke every 100 ms for 6 s: a pure debounce would never save
        text += "x"
        saver.changed(text)
        saver.tick()
        clock.now += 0.1
    assert len(saved) >= 3
    # at any moment, what is saved is at most 1.5 s (15 keystrokes) behind what was typed
    assert len(text) - len(saved[-1]) <= 15


def test_autosaver_flush_and_cancel() -> None:
    clock, saved = FakeClock(), []
    saver = DraftAutosaver(saved.append, clock=clock)
    assert saver.flush() is False
    saver.changed("typed")
    assert saver.flush() is True and saved == ["typed"]
    saver.changed("sent already")
    saver.cancel()
    clock.now += 10
    assert saver.tick() is False and saved == ["typed"]
