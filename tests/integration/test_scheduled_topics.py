"""A scheduled topic against a real (local) Discourse: out at its time, in its category, exactly once.

The sandbox server, the real connector and HTTP layer, a user API key of a staff member (Discourse
does not memoize such POSTs: a careless retry would start a second topic). The sender's clock is
injected: nothing is sent before the planned time; at the time, the server creates the topic and
drops the connection before answering; the next round finds the topic instead of starting it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator import outbox
from moderator.model import AuthKind, Community, Platform, utcnow
from moderator.outbox import OutboxSender, Reason, State
from moderator.platforms import make_connector
from moderator.platforms.base import Connector
from moderator.platforms.http import Timeouts
from moderator.sandbox import (
    SANDBOX_USER_API_CLIENT_ID,
    SANDBOX_USER_API_KEY,
    SANDBOX_USERNAME,
    SandboxServer,
)
from moderator.schedule import topics
from moderator.store import Store

TITLE = "Question de la semaine : votre outil préféré pour les ateliers ?"
BODY = "Chaque semaine, une question : quel outil vous aide le plus à animer un atelier, et pourquoi ?"


@pytest.fixture
def srv() -> Iterator[SandboxServer]:
    server = SandboxServer(seed=7, scale=0.3).start()
    yield server
    server.stop()


def _connector(community: Community) -> Connector:
    return make_connector(
        community, SANDBOX_USER_API_KEY, client_options={"timeouts": Timeouts(connect=2.0, read=2.0), "budget": None}
    )


def _on_server(srv: SandboxServer, title: str) -> list[object]:
    return [t for t in srv.world.topics.values() if t.title == title]


def test_a_scheduled_topic_goes_out_at_its_time_once_through_a_dropped_answer(
    srv: SandboxServer, tmp_path: Path
) -> None:
    ideas = next(c for c in srv.world.categories.values() if c.key == "ideas")
    with Store(tmp_path / "s.sqlite3") as store:
        community = store.add_community(
            Community(name="sandbox", platform=Platform.DISCOURSE, base_url=srv.url, username=SANDBOX_USERNAME,
                      auth_kind=AuthKind.USER_KEY, settings={"user_api_client_id": SANDBOX_USER_API_CLIENT_ID})
        )
        assert community.id is not None
        at = utcnow() + dt.timedelta(days=1)
        item = topics.queue_topic(store, community.id, TITLE, BODY, category_id=str(ideas.id), tags=["semaine"],
                                  not_before=at)

        def send(moment: dt.datetime) -> list[outbox.SendOutcome]:
            return OutboxSender(clock=lambda: moment).send_pending(store, lambda c: _connector(c))

        assert send(at - dt.timedelta(minutes=1)) == []
        assert _on_server(srv, TITLE) == [] and srv.request_count("POST", "/posts.json") == 0

        srv.inject_fault(r"^/posts\.json$", "drop-after-accept", times=1, method="POST")
        (first,) = send(at + dt.timedelta(seconds=30))
        assert first.state == State.QUEUED and first.reason == Reason.OFFLINE
        assert len(_on_server(srv, TITLE)) == 1  # created, though the answer was lost

        (second,) = send(at + dt.timedelta(seconds=30 + outbox.SETTLE_SECONDS + 1))
        assert second.state == State.SENT and second.found_on_server
        assert send(at + dt.timedelta(minutes=10)) == []

        (topic,) = _on_server(srv, TITLE)
        assert topic.category_id == ideas.id and topic.tags == ["semaine"]  # type: ignore[attr-defined]
        assert srv.request_count("POST", "/posts.json") == 1
        sent = outbox.get_item(store, item.id)
        assert sent is not None and sent.topic_id == str(topic.id)  # type: ignore[attr-defined]
        stored = store.topic(community.id, str(topic.id))  # type: ignore[attr-defined]
        assert stored is not None and stored.title == TITLE
