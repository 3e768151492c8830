"""Triage of the unanswered queue: persisted, undoable, never undoing someone else's later change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from insights_world import NOW, Forum, ago

from moderator.insights import TriageState, clear, mark_handled, snooze, unanswered_topics, undo
from moderator.insights import triage as triage_mod
from moderator.store import Store


def test_undo_puts_back_what_was_there(forum: Forum) -> None:
    forum.topic("t", created=ago(days=2))
    token = mark_handled(forum.store, forum.id, "t", now=NOW)
    assert token.previous is None and token.applied is not None
    assert unanswered_topics(forum.store, now=NOW) == []
    assert undo(forum.store, token) is True
    assert [r.topic_id for r in unanswered_topics(forum.store, now=NOW)] == ["t"]
    assert triage_mod.get(forum.store, forum.id, "t") is None


def test_undo_of_a_change_over_a_snooze_restores_the_snooze(forum: Forum) -> None:
    forum.topic("t", created=ago(days=2))
    until = NOW + dt.timedelta(days=1)
    snooze(forum.store, forum.id, "t", until, now=NOW)
    token = mark_handled(forum.store, forum.id, "t", now=NOW)
    assert undo(forum.store, token)
    state = triage_mod.get(forum.store, forum.id, "t")
    assert state is not None and state.state is TriageState.SNOOZED and state.until == until


def test_undo_does_nothing_once_the_state_changed_again(forum: Forum) -> None:
    forum.topic("t", created=ago(days=2))
    first = mark_handled(forum.store, forum.id, "t", now=NOW)
    clear(forum.store, forum.id, "t")
    assert undo(forum.store, first) is False
    assert triage_mod.get(forum.store, forum.id, "t") is None


def test_clear_and_its_undo(forum: Forum) -> None:
    forum.topic("t", created=ago(days=2))
    mark_handled(forum.store, forum.id, "t", now=NOW)
    token = clear(forum.store, forum.id, "t")
    assert [r.topic_id for r in unanswered_topics(forum.store, now=NOW)] == ["t"]
    assert undo(forum.store, token)
    assert unanswered_topics(forum.store, now=NOW) == []


def test_triage_is_persisted(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        forum = Forum(store)
        forum.topic("t", created=ago(days=2))
        snooze(store, forum.id, "t", NOW + dt.timedelta(hours=3), now=NOW)
    with Store(path) as store:
        (state,) = triage_mod.triaged(store)
        assert (state.topic_id, state.state, state.changed_at) == ("t", TriageState.SNOOZED, NOW)
        assert unanswered_topics(store, now=NOW) == []


def test_naive_times_are_refused(forum: Forum) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        snooze(forum.store, forum.id, "t", dt.datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="timezone-aware"):
        unanswered_topics(forum.store, now=dt.datetime(2026, 1, 1))
