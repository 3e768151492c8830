"""Nudges on HumHub are conversations of its Messages (mail) module, sent exactly once; a site without
the module is learned by the sync and the app says so instead of failing.

The double performs every ``POST /mail`` and then resets the connection before answering
(``drop-after-accept``): the sender must find the conversation before sending again. Five readers
nudged give exactly five conversations, each with its reader, no post or comment, no duplicate.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from moderator import outbox
from moderator.model import utcnow
from moderator.nudges import history, send, texts
from moderator.outbox import OutboxSender, Reason, State
from moderator.platforms import private_message_titles, private_messages_unknown, supports_private_messages
from moderator.store import Store
from moderator.sync import sync_community
from tests.helpers.humhub_double import ADMIN_TOKEN, World
from tests.helpers.humhub_env import HumHubEnv, humhub_env


def _world() -> World:
    return World(seed=5, users=60, spaces=3, posts=40)  # enough members who never wrote


def _readers(env: HumHubEnv) -> list[str]:
    """Members who never wrote anything (and are not the account itself)."""
    w = env.world
    writers = {p.user_id for p in w.posts.values()} | {c.user_id for c in w.comments.values()}
    return [u.username for u in sorted(w.users.values(), key=lambda u: u.id) if u.id not in writers and u.id != 1]


def _send_until_done(env: HumHubEnv) -> list[outbox.SendOutcome]:
    base = utcnow()
    outcomes: list[outbox.SendOutcome] = []
    for index in range(10):
        if not outbox.pending_count(env.store):
            break
        at = base + dt.timedelta(seconds=index * (outbox.SETTLE_SECONDS + 1))
        outcomes += OutboxSender(clock=lambda at=at: at).send_pending(env.store, env.connector)
    return outcomes


def _stored_settings(store: Store, community_id: int) -> dict[str, object]:
    [community] = [c for c in store.communities() if c.id == community_id]
    return community.settings


def test_five_readers_nudged_through_dropped_answers_give_five_conversations(tmp_path: Path) -> None:
    with humhub_env(tmp_path, _world(), mail=True) as env:
        community = env.community()
        assert community.id is not None
        assert private_messages_unknown(community) and not supports_private_messages(community)
        assert sync_community(env.store, community, env.connector(community)).ok
        # the sync found the mail module and the community remembers it (the GUI asks without a connector)
        assert _stored_settings(env.store, community.id)["mail_module"] is True
        assert supports_private_messages(community) and private_message_titles(community)
        readers = _readers(env)[:5]
        assert len(readers) == 5
        mail = env.double.mail
        assert mail is not None
        for name in readers:
            assert send.segment_of(env.store, community, name) is texts.Purpose.READER
            prepared = texts.prepare(env.store, community, name, texts.Purpose.READER, "fr")
            send.queue_private(
                env.store,
                community,
                name,
                title=prepared.title,
                body=prepared.body,
                purpose=texts.Purpose.READER,
                language="fr",
            )
        posts_before, comments_before = len(env.world.posts), len(env.world.comments)
        env.double.reset_requests()

        env.double.inject_fault(r"^/api/v1/mail$", "drop-after-accept", times=5, method="POST")
        outcomes = _send_until_done(env)

        by_id = {u.id: u.username for u in env.world.users.values()}
        conversations = list(mail.conversations.values())
        recipients = Counter(by_id[u] for c in conversations for u in c.participants if u != 1)
        assert len(conversations) == 5
        assert recipients == Counter(readers)  # the right people, each exactly once: no duplicate
        assert all(c.created_by == 1 and len(c.participants) == 2 for c in conversations)
        assert (len(env.world.posts), len(env.world.comments)) == (posts_before, comments_before)  # 0 public
        assert env.double.request_count("/api/v1/mail", method="POST") == 5  # never posted twice
        assert sum(o.found_on_server for o in outcomes) == 5  # every dropped answer was found
        items = outbox.list_items(env.store)
        assert [i.state for i in items] == [State.SENT] * 5
        assert {i.topic_id for i in items} == {f"mail-{c.id}" for c in conversations}
        for conversation in conversations:
            item = next(i for i in items if i.topic_id == f"mail-{conversation.id}")
            assert conversation.title == item.pm_title and conversation.entries[0].content == item.body
        for name in readers:
            [record] = history.for_member(env.store, community.id, name)
            assert record.channel is history.Channel.PRIVATE_MESSAGE and record.segment == "reader"


def test_unknown_recipient_is_refused_before_any_request(tmp_path: Path) -> None:
    """HumHub drops an unknown guid silently: the app never sends to a member it cannot name."""
    with humhub_env(tmp_path, _world(), mail=True) as env:
        community = env.community()
        assert community.id is not None
        assert sync_community(env.store, community, env.connector(community)).ok
        send.queue_private(
            env.store, community, "nobody.here", title="Bonjour", body="Un mot.", purpose=texts.Purpose.READER
        )
        env.double.reset_requests()
        [outcome] = OutboxSender().send_pending(env.store, env.connector)
        assert outcome.state is State.REJECTED
        [item] = outbox.list_items(env.store)
        assert item.reason is Reason.REJECTED
        assert "@nobody.here" in item.last_error and "Sync the community" in item.last_error
        assert env.double.request_count("/api/v1/mail") == 0
        assert env.double.mail is not None and not env.double.mail.conversations


def test_a_member_without_a_stored_guid_is_looked_up_with_a_staff_token(tmp_path: Path) -> None:
    with humhub_env(tmp_path, _world(), mail=True) as env:
        community = env.community()
        assert community.id is not None
        assert sync_community(env.store, community, env.connector(community, token=ADMIN_TOKEN)).ok
        name = _readers(env)[0]
        with env.store.write() as db:  # a copy synced before guids were kept
            db.execute("UPDATE members SET address=NULL WHERE community_id=?", (community.id,))
        send.queue_private(env.store, community, name, title="Bonjour", body="Un mot.", purpose=texts.Purpose.READER)
        [outcome] = OutboxSender().send_pending(env.store, env.connector)
        assert outcome.state is State.SENT
        assert env.double.mail is not None
        [conversation] = env.double.mail.conversations.values()
        user = next(u for u in env.world.users.values() if u.username == name)
        assert sorted(conversation.participants) == sorted([1, user.id])


def test_a_site_without_the_mail_module_is_learned_and_said(tmp_path: Path) -> None:
    with humhub_env(tmp_path, _world()) as env:  # no Messages module: /mail is a 404
        community = env.community()
        assert community.id is not None
        assert sync_community(env.store, community, env.connector(community)).ok
        assert _stored_settings(env.store, community.id)["mail_module"] is False
        assert not supports_private_messages(community) and not private_messages_unknown(community)
        name = _readers(env)[0]
        send.queue_private(env.store, community, name, title="Bonjour", body="Un mot.", purpose=texts.Purpose.READER)
        env.double.reset_requests()
        [outcome] = OutboxSender().send_pending(env.store, env.connector)
        assert outcome.state is State.REJECTED
        [item] = outbox.list_items(env.store)
        assert item.last_error == "no private messages on this platform"
        assert env.double.request_count("/api/v1/mail", method="POST") == 0
