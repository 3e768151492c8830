"""The mirror's bookkeeping with a scripted bookmark service (the sandbox tests cover the real HTTP)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from moderator import reminders as rem
from moderator.clock import FakeClock
from moderator.model import Community
from moderator.platforms.base import Offline, RateLimited
from moderator.reminder_mirror import bookmark_name, bookmark_service_for, flush_mirrors, reconcile
from moderator.reminders import MirrorState
from moderator.store import Store


@dataclasses.dataclass
class Mark:
    id: str
    name: str
    reminder_at: dt.datetime | None


class Service:
    """In-memory bookmarks; ``during_update`` runs while a PUT is "on the wire"."""

    def __init__(self) -> None:
        self.marks: dict[str, Mark] = {}
        self.topics: dict[str, str] = {}
        self.calls: list[str] = []
        self.during_update = lambda: None
        self.fail: Exception | None = None

    def find(self, topic_id: str) -> Mark | None:
        self.calls.append("find")
        self._maybe_fail()
        return next(
            (self.marks[i] for i, t in self.topics.items() if t == topic_id and i in self.marks), None
        )

    def create(self, topic_id: str, *, name: str, reminder_at: dt.datetime | None) -> str:
        self.calls.append("create")
        self._maybe_fail()
        new = str(len(self.topics) + 1)
        self.marks[new], self.topics[new] = Mark(new, name, reminder_at), topic_id
        return new

    def update(self, bookmark_id: str, *, name: str, reminder_at: dt.datetime | None) -> None:
        self.calls.append("update")
        self._maybe_fail()
        self.during_update()
        self.marks[bookmark_id] = Mark(bookmark_id, name, reminder_at)

    def delete(self, bookmark_id: str) -> bool:
        self.calls.append("delete")
        self._maybe_fail()
        return self.marks.pop(bookmark_id, None) is not None

    def _maybe_fail(self) -> None:
        if self.fail is not None:
            raise self.fail


def _reminder(store: Store, community: Community, clock: FakeClock) -> rem.Reminder:
    return rem.add_reminder(
        store,
        community_id=community.id or 0,
        kind="topic",
        topic_id="5",
        due_at=clock.now() + dt.timedelta(days=1),
        now=clock.now(),
        mirror=True,
    )


def _get(store: Store, reminder_id: int) -> rem.Reminder:
    found = rem.get_reminder(store, reminder_id)
    assert found is not None
    return found


def test_a_snooze_during_the_update_is_not_lost(store: Store, community: Community, clock: FakeClock) -> None:
    service = Service()
    reminder = _reminder(store, community, clock)
    reconcile(store, service, reminder, now=clock.now())
    later = reminder.due_at + dt.timedelta(days=1)
    latest = reminder.due_at + dt.timedelta(days=2)
    rem.snooze(store, reminder.id, later, now=clock.now())
    service.during_update = lambda: rem.snooze(store, reminder.id, latest, now=clock.now())
    reconcile(store, service, _get(store, reminder.id), now=clock.now())
    assert _get(store, reminder.id).mirror_state is MirrorState.PENDING  # the user changed it meanwhile
    service.during_update = lambda: None
    reconcile(store, service, _get(store, reminder.id), now=clock.now())
    assert _get(store, reminder.id).mirror_state is MirrorState.SENT
    assert service.marks["1"].reminder_at == latest


def test_an_overdue_reminder_is_bookmarked_without_a_time(
    store: Store, community: Community, clock: FakeClock
) -> None:
    service = Service()
    reminder = _reminder(store, community, clock)
    clock.advance(days=2)
    reconcile(store, service, reminder, now=clock.now())
    assert service.marks["1"].reminder_at is None and service.marks["1"].name == bookmark_name(reminder)


def test_not_wanted_after_an_uncertain_create_looks_and_removes(
    store: Store, community: Community, clock: FakeClock
) -> None:
    service = Service()
    reminder = _reminder(store, community, clock)
    service.create("5", name=bookmark_name(reminder), reminder_at=reminder.due_at)  # it landed...
    with store.write() as db:  # ...but the answer was lost
        db.execute(
            "UPDATE reminders SET mirror_state='sending', mirror_attempts=1 WHERE id=?", (reminder.id,)
        )
    rem.mark_done(store, reminder.id, now=clock.now())
    service.calls.clear()
    reconcile(store, service, _get(store, reminder.id), now=clock.now())
    assert service.calls == ["find", "delete"] and service.marks == {}
    assert _get(store, reminder.id).mirror_state is MirrorState.SENT


@pytest.mark.parametrize("error", [Offline(), RateLimited(30)])
def test_flush_stops_at_the_first_transient_error(
    store: Store, community: Community, clock: FakeClock, error: Exception, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = Service()
    service.fail = error
    first, second = _reminder(store, community, clock), _reminder(store, community, clock)
    monkeypatch.setattr("moderator.reminder_mirror.bookmark_service_for", lambda connector: service)

    class Connector:
        def close(self) -> None:
            pass

    report = flush_mirrors(store, lambda c: Connector(), now=clock.now())
    assert (report.synced, report.pending, report.failed) == (0, 2, 0) and service.calls == ["create"]
    assert _get(store, first.id).mirror_state is MirrorState.SENDING
    assert _get(store, second.id).mirror_state is MirrorState.PENDING


def test_no_connector_keeps_the_rows(store: Store, community: Community, clock: FakeClock) -> None:
    reminder = _reminder(store, community, clock)

    def no_key(c: Community) -> object:
        raise RuntimeError("No key is stored for “acme”.")

    report = flush_mirrors(store, no_key, now=clock.now())
    assert report.pending == 1 and "No key is stored" in report.errors[0]
    assert _get(store, reminder.id).mirror_state is MirrorState.PENDING


def test_a_community_without_bookmarks(store: Store, community: Community, clock: FakeClock) -> None:
    class Caps:
        server_bookmarks = False

    class Connector:
        community = None

        def capabilities(self) -> Caps:
            return Caps()

        def close(self) -> None:
            pass

    assert bookmark_service_for(Connector()) is None
    reminder = _reminder(store, community, clock)
    assert flush_mirrors(store, lambda c: Connector(), now=clock.now()).failed == 1
    assert _get(store, reminder.id).mirror_state is MirrorState.FAILED
