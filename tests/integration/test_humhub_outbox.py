"""Replies to a HumHub community go out exactly once: queued offline, sent when the network is back,
while the server drops every answer after accepting the comment."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

from moderator import outbox
from moderator.model import utcnow
from moderator.outbox import OutboxSender, Reason, State
from moderator.sync import sync_community
from tests.helpers.discourse_double import closed_port
from tests.helpers.humhub_env import humhub_env


def test_ten_replies_queued_offline_go_out_exactly_once_through_lost_answers(tmp_path: Path) -> None:
    with humhub_env(tmp_path) as env:
        community = env.community()
        assert community.id is not None
        assert sync_community(env.store, community, env.connector(community)).ok
        open_posts = [p.id for p in env.world.posts.values() if not (p.archived or p.locked_comments)][:10]
        bodies = [f"Réponse {i} : merci, j'en parle à l'équipe demain." for i in range(10)]
        for post_id, body in zip(open_posts, bodies, strict=True):
            outbox.queue_reply(env.store, community.id, str(post_id), body)

        offline = dataclasses.replace(community, base_url=f"http://127.0.0.1:{closed_port()}")
        first = OutboxSender().send_pending(env.store, lambda c: env.connector(offline))
        assert [o.state for o in first] == [State.QUEUED] and first[0].reason == Reason.OFFLINE
        assert outbox.pending_count(env.store) == 10  # nothing lost, nothing sent

        env.double.inject_fault(r"^/api/v1/comment$", "drop-after-accept", times=10, method="POST")
        base = utcnow()
        rounds, outcomes = 0, []
        while outbox.pending_count(env.store) and rounds < 50:
            at = base + dt.timedelta(seconds=rounds * (outbox.SETTLE_SECONDS + 1))
            outcomes += OutboxSender(clock=lambda at=at: at).send_pending(env.store, env.connector)
            rounds += 1

        on_server = Counter(c.message for c in env.world.comments.values() if c.message in bodies)
        assert on_server == Counter(bodies)  # each exactly once
        assert all(i.state == State.SENT for i in outbox.list_items(env.store))
        assert env.double.request_count("/api/v1/comment", method="POST") == 10  # never re-sent
        assert sum(o.found_on_server for o in outcomes) == 10  # each lost answer found, not re-posted
        stored = {p.raw for p in env.store.posts(community.id, str(open_posts[0]))}
        assert bodies[0] in stored  # the sent reply shows in the local copy at once

