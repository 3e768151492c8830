"""Topic reminders mirrored as Discourse bookmarks, against the local sandbox server.

The server counts what it receives, so "exactly once" is checked where it matters: a bookmark is
POSTed once whatever happens to the connection (offline first, or an answer lost after the server
accepted it). Offline is the real thing: the sandbox stopped, its port closed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator import reminders as rem
from moderator.model import AuthKind, Community, Platform, utcnow
from moderator.platforms import make_connector
from moderator.reminder_mirror import bookmark_name, flush_mirrors
from moderator.reminders import MirrorState
from moderator.sandbox import SANDBOX_USERNAME, SandboxServer
from moderator.store import Store


@pytest.fixture
def srv() -> Iterator[SandboxServer]:
    server = SandboxServer(seed=7, port=0).start()
    yield server
    server.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store.sqlite3") as s:
        yield s


@pytest.fixture
def community(store: Store, srv: SandboxServer) -> Community:
    return store.add_community(
        Community(
            name="sandbox",
            platform=Platform.DISCOURSE,
            base_url=srv.url,
            username=SANDBOX_USERNAME,
            auth_kind=AuthKind.SANDBOX,
        )
    )


@pytest.fixture
def connector_for(srv: SandboxServer):  # type: ignore[no-untyped-def]
    """Connectors to the sandbox; no retries, so an offline test never waits for a backoff."""
    return lambda c: make_connector(
        dataclasses.replace(c, base_url=srv.url), None, client_options={"max_retries": 0}
    )


def _topic_id(srv: SandboxServer, n: int = 0) -> str:
    return str(srv.world.planted["unanswered_topic_ids"][n])


def _mirrored(store: Store, community: Community, topic_id: str, *, hours: float = 30) -> rem.Reminder:
    now = utcnow()
    return rem.add_reminder(
        store,
        community_id=community.id or 0,
        kind="topic",
        topic_id=topic_id,
        due_at=(now + dt.timedelta(hours=hours)).replace(microsecond=0),
        now=now,
        mirror=True,
    )


def _server_bookmarks(srv: SandboxServer, topic_id: str) -> list:  # type: ignore[type-arg]
    camille = srv.world.user_by_name(SANDBOX_USERNAME)
    assert camille is not None
    return [
        b
        for b in srv.world.bookmarks.values()
        if b.user_id == camille.id and b.bookmarkable_type == "Topic" and b.bookmarkable_id == int(topic_id)
    ]


def test_a_mirrored_reminder_becomes_a_bookmark_with_reminder_at(
    srv: SandboxServer, store: Store, community: Community, connector_for
) -> None:  # type: ignore[no-untyped-def]
    reminder = _mirrored(store, community, _topic_id(srv))
    srv.reset_requests()
    report = flush_mirrors(store, connector_for)
    assert (report.synced, report.pending, report.failed) == (1, 0, 0)
    assert srv.request_count("POST", "/bookmarks") == 1
    assert srv.request_count() == 1  # a first send does not list first: nothing can have landed yet
    (bookmark,) = _server_bookmarks(srv, _topic_id(srv))
    assert bookmark.reminder_at == reminder.due_at and bookmark.name == bookmark_name(reminder)
    assert bookmark.auto_delete_preference == 3  # clear the reminder once sent, keep the bookmark
    stored = rem.get_reminder(store, reminder.id)
    assert stored is not None and stored.mirror_state is MirrorState.SENT
    assert stored.mirror_bookmark_id == str(bookmark.id) and stored.mirror_reminder_at == reminder.due_at
    assert flush_mirrors(store, connector_for).synced == 0 and srv.request_count() == 1  # nothing left to do


def test_snooze_moves_the_bookmark_and_done_removes_it(
    srv: SandboxServer, store: Store, community: Community, connector_for
) -> None:  # type: ignore[no-untyped-def]
    reminder = _mirrored(store, community, _topic_id(srv))
    flush_mirrors(store, connector_for)
    later = reminder.due_at + dt.timedelta(days=2)
    rem.snooze(store, reminder.id, later, now=utcnow())
    srv.reset_requests()
    flush_mirrors(store, connector_for)
    assert srv.request_count("PUT", "/bookmarks/") == 1 and srv.request_count() == 1
    (bookmark,) = _server_bookmarks(srv, _topic_id(srv))
    assert bookmark.reminder_at == later
    rem.mark_done(store, reminder.id, now=utcnow())
    flush_mirrors(store, connector_for)
    assert srv.request_count("DELETE", "/bookmarks/") == 1
    assert _server_bookmarks(srv, _topic_id(srv)) == []
    assert rem.get_reminder(store, reminder.id).mirror_bookmark_id is None  # type: ignore[union-attr]


def test_offline_then_online_goes_exactly_once(
    srv: SandboxServer, store: Store, community: Community, connector_for
) -> None:  # type: ignore[no-untyped-def]
    srv.stop()  # offline: the port is closed
    reminder = _mirrored(store, community, _topic_id(srv))
    for _ in range(2):  # two flushes while offline: the row is kept, nothing is lost
        report = flush_mirrors(store, connector_for)
        assert (report.synced, report.pending) == (0, 1) and "refused the connection" in report.errors[0]
        stored = rem.get_reminder(store, reminder.id)
        assert stored is not None and stored.mirror_state is MirrorState.SENDING

    srv.start()  # online again, same port
    report = flush_mirrors(store, connector_for)
    assert (report.synced, report.pending, report.failed) == (1, 0, 0)
    assert srv.request_count("POST", "/bookmarks") == 1  # exactly once
    assert srv.request_count("GET", f"/u/{SANDBOX_USERNAME}/bookmarks") == 1  # it looked first
    (bookmark,) = _server_bookmarks(srv, _topic_id(srv))
    assert bookmark.reminder_at == reminder.due_at
    srv.reset_requests()
    flush_mirrors(store, connector_for)
    assert srv.request_count() == 0


def test_snoozes_while_offline_cost_one_update(
    srv: SandboxServer, store: Store, community: Community, connector_for
) -> None:  # type: ignore[no-untyped-def]
    reminder = _mirrored(store, community, _topic_id(srv))
    flush_mirrors(store, connector_for)
    srv.stop()
    srv.reset_requests()
    rem.snooze(store, reminder.id, reminder.due_at + dt.timedelta(days=1), now=utcnow())
    final = reminder.due_at + dt.timedelta(days=3)
    rem.snooze(store, reminder.id, final, now=utcnow())
    assert flush_mirrors(store, connector_for).pending == 1
    srv.start()
    assert flush_mirrors(store, connector_for).synced == 1
    assert srv.request_count("PUT", "/bookmarks/") == 1 and srv.request_count() == 1  # the last time only
    (moved,) = _server_bookmarks(srv, _topic_id(srv))
    assert moved.reminder_at == final


def test_an_answer_lost_after_the_server_accepted_is_not_resent(
    srv: SandboxServer, store: Store, community: Community, connector_for
) -> None:  # type: ignore[no-untyped-def]
    reminder = _mirrored(store, community, _topic_id(srv))
    srv.inject_fault(r"^/bookmarks", "drop-after-accept", method="POST")
    report = flush_mirrors(store, connector_for)
    assert report.pending == 1
    assert len(_server_bookmarks(srv, _topic_id(srv))) == 1  # it landed; we could not know
    assert rem.get_reminder(store, reminder.id).mirror_state is MirrorState.SENDING  # type: ignore[union-attr]
    report = flush_mirrors(store, connector_for)
    assert report.synced == 1
    assert srv.request_count("POST", "/bookmarks") == 1  # found by listing, adopted, not posted again
    (bookmark,) = _server_bookmarks(srv, _topic_id(srv))
    stored = rem.get_reminder(store, reminder.id)
    assert stored is not None and stored.mirror_bookmark_id == str(bookmark.id) and stored.mirror_owned
    rem.mark_done(store, reminder.id, now=utcnow())
    flush_mirrors(store, connector_for)
    assert _server_bookmarks(srv, _topic_id(srv)) == []  # ours: deleted when done


def test_the_users_own_bookmark_is_adopted_and_kept(
    srv: SandboxServer, store: Store, community: Community, connector_for
) -> None:  # type: ignore[no-untyped-def]
    own = next(b for b in srv.world.bookmarks.values() if b.bookmarkable_type == "Topic")
    own.name = "Lire plus tard"
    topic_id = str(own.bookmarkable_id)
    reminder = _mirrored(store, community, topic_id)
    srv.reset_requests()
    report = flush_mirrors(store, connector_for)
    assert report.synced == 1
    # 400 "You cannot bookmark the same topic twice." -> list -> found -> set its time, keep its name
    assert srv.request_count("POST", "/bookmarks") == 1 and srv.request_count("PUT", "/bookmarks/") == 1
    assert own.reminder_at == reminder.due_at and own.name == "Lire plus tard"
    stored = rem.get_reminder(store, reminder.id)
    assert stored is not None and not stored.mirror_owned and stored.mirror_bookmark_id == str(own.id)
    rem.mark_done(store, reminder.id, now=utcnow())
    flush_mirrors(store, connector_for)
    assert srv.request_count("DELETE") == 0
    assert srv.world.bookmarks.get(own.id) is own and own.reminder_at is None and own.name == "Lire plus tard"


def test_a_bookmark_deleted_on_the_phone_is_made_again(
    srv: SandboxServer, store: Store, community: Community, connector_for
) -> None:  # type: ignore[no-untyped-def]
    reminder = _mirrored(store, community, _topic_id(srv))
    flush_mirrors(store, connector_for)
    (first,) = _server_bookmarks(srv, _topic_id(srv))
    del srv.world.bookmarks[first.id]
    rem.snooze(store, reminder.id, reminder.due_at + dt.timedelta(hours=5), now=utcnow())
    srv.reset_requests()
    assert flush_mirrors(store, connector_for).synced == 1
    assert (
        srv.request_count("PUT", "/bookmarks/") == 1 and srv.request_count("POST", "/bookmarks") == 1
    )  # 404, remade
    (again,) = _server_bookmarks(srv, _topic_id(srv))
    assert again is not first and again.reminder_at == reminder.due_at + dt.timedelta(hours=5)


def test_a_refusal_is_kept_with_its_reason(
    srv: SandboxServer, store: Store, community: Community, connector_for
) -> None:  # type: ignore[no-untyped-def]
    hidden = str(srv.world.planted["deleted_topic_ids"][0])
    reminder = _mirrored(store, community, hidden)
    report = flush_mirrors(store, connector_for)
    assert report.failed == 1 and report.errors
    stored = rem.get_reminder(store, reminder.id)
    assert stored is not None and stored.mirror_state is MirrorState.FAILED and stored.mirror_error
    srv.reset_requests()
    flush_mirrors(store, connector_for)
    assert srv.request_count() == 0  # not retried until the reminder changes


def test_cli_add_with_mirror_bookmarks_the_sandbox_topic(capsys: pytest.CaptureFixture[str]) -> None:
    """``remind add sandbox --topic N --at tomorrow --mirror``: the app's own sandbox gets the bookmark."""
    import argparse

    from moderator import cli_remind
    from moderator.bootstrap import AppContext, open_context

    contexts: list[AppContext] = []

    def keep_open() -> AppContext:  # the test reads the in-process sandbox after the command
        ctx = open_context()
        ctx.close = lambda: ctx.store.close()  # type: ignore[method-assign]
        contexts.append(ctx)
        return ctx

    parser = argparse.ArgumentParser()
    cli_remind.register(parser.add_subparsers())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cli_remind, "open_context", keep_open)
        args = parser.parse_args(
            ["remind", "add", "sandbox", "--topic", "23", "--at", "tomorrow", "--mirror"]
        )
        assert args.handler(args) == 0
    try:
        out = capsys.readouterr().out
        assert "Reminder #1 set for" in out and "Bookmark on sandbox updated." in out
        sandbox = contexts[0].sandbox
        assert sandbox is not None and sandbox.request_count("POST", "/bookmarks") == 1
        (bookmark,) = _server_bookmarks(sandbox, "23")
        assert bookmark.name == "Community Moderator · reminder #1" and bookmark.reminder_at is not None
    finally:
        for ctx in contexts:
            if ctx.sandbox is not None:
                ctx.sandbox.stop()
