"""New topics through the outbox: queued offline, sent exactly once, the topic stored when it is out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from moderator.model import Archetype, Community, Post, SyncBatch, Topic, utcnow
from moderator.outbox import EmptyReply, OutboxItem, Reason, SendOutcome, State, get_item, late_by
from moderator.store import Store, to_ts

if TYPE_CHECKING:
    from moderator.outbox import OutboxSender
    from moderator.platforms.base import Connector

MIN_TITLE_LENGTH = 15  # Discourse's default min_topic_title_length
MAX_TITLE_LENGTH = 255  # Discourse's max_topic_title_length


class TopicError(ValueError):
    """A new topic that cannot be queued as it is; the message says what to change."""


def check_title(title: str) -> str:
    """The title with its white space folded; refused when too short or too long for Discourse's defaults."""
    text = " ".join(title.split())
    if not text:
        raise TopicError("Give the topic a title.")
    if len(text) < MIN_TITLE_LENGTH:
        raise TopicError(f"The title is too short: at least {MIN_TITLE_LENGTH} characters.")
    if len(text) > MAX_TITLE_LENGTH:
        raise TopicError(f"The title is too long: at most {MAX_TITLE_LENGTH} characters.")
    return text


def queue_topic(
    store: Store,
    community_id: int,
    title: str,
    body: str,
    *,
    category_id: str | None = None,
    tags: Iterable[str] = (),
    not_before: dt.datetime | None = None,
    series_id: int | None = None,
    awaiting_approval: bool = False,
    remove_draft: bool = False,
    now: dt.datetime | None = None,
) -> OutboxItem:
    """Put a new topic in the outbox (sent when online, not before ``not_before``).

    ``remove_draft``: the composer's draft of this community goes in the same transaction.

    ``awaiting_approval``: prepared by a recurring series; it waits, held, until the user approves it.
    """
    body = body.strip()
    if not body:
        raise EmptyReply("The topic's first post is empty.")
    title = check_title(title)
    clean_tags = [t.strip() for t in tags if t.strip()]
    stamp = to_ts(now or utcnow())
    state, reason = (State.HELD, Reason.AWAITING_APPROVAL) if awaiting_approval else (State.QUEUED, None)
    with store.write() as db:
        cur = db.execute(
            "INSERT INTO outbox (community_id, topic_id, body, client_token, state, reason, created_at, updated_at,"
            " not_before, new_topic_title, new_topic_category_id, new_topic_tags, series_id)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                community_id,
                "",
                body,
                str(uuid.uuid4()),
                state,
                reason,
                stamp,
                stamp,
                to_ts(not_before),
                title,
                category_id,
                json.dumps(clean_tags),
                series_id,
            ),
        )
        if remove_draft:
            db.execute("DELETE FROM topic_drafts WHERE community_id=?", (community_id,))
        item_id = int(cur.lastrowid or 0)
    item = get_item(store, item_id)
    assert item is not None
    return item


def update_topic(
    store: Store,
    item_id: int,
    *,
    title: str,
    body: str,
    category_id: str | None,
    tags: Iterable[str] = (),
) -> OutboxItem:
    """Edit a new topic that has not left yet (its time and approval stay as they are)."""
    body = body.strip()
    if not body:
        raise EmptyReply("The topic's first post is empty.")
    title = check_title(title)
    with store.write() as db:
        item = get_item(store, item_id)
        if item is None or not item.is_new_topic:
            raise KeyError(item_id)
        if not item.editable:
            raise ValueError("This topic is already on its way; it can no longer be edited.")
        db.execute(
            "UPDATE outbox SET body=?, new_topic_title=?, new_topic_category_id=?, new_topic_tags=?, updated_at=?"
            " WHERE id=?",
            (body, title, category_id, json.dumps([t for t in tags if t.strip()]), to_ts(utcnow()), item_id),
        )
    updated = get_item(store, item_id)
    assert updated is not None
    return updated


@dataclasses.dataclass(frozen=True, slots=True)
class TopicDraft:
    community_id: int
    title: str
    category_id: str | None
    tags: tuple[str, ...]
    body: str

    @property
    def empty(self) -> bool:
        return not (self.title.strip() or self.body.strip())


def save_topic_draft(
    store: Store, community_id: int, *, title: str, body: str, category_id: str | None, tags: Iterable[str] = ()
) -> None:
    """Keep what is typed in the new-topic composer (an empty one is forgotten)."""
    with store.write() as db:
        if not (title.strip() or body.strip()):
            db.execute("DELETE FROM topic_drafts WHERE community_id=?", (community_id,))
            return
        db.execute(
            "INSERT INTO topic_drafts (community_id, title, category_id, tags, body, updated_at) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT (community_id) DO UPDATE SET title=excluded.title, category_id=excluded.category_id,"
            " tags=excluded.tags, body=excluded.body, updated_at=excluded.updated_at",
            (community_id, title, category_id, json.dumps(list(tags)), body, to_ts(utcnow())),
        )


def get_topic_draft(store: Store, community_id: int) -> TopicDraft | None:
    row = store.read().execute("SELECT * FROM topic_drafts WHERE community_id=?", (community_id,)).fetchone()
    if row is None:
        return None
    return TopicDraft(
        community_id, row["title"], row["category_id"], tuple(json.loads(row["tags"] or "[]")), row["body"]
    )


def delete_topic_draft(store: Store, community_id: int) -> None:
    with store.write() as db:
        db.execute("DELETE FROM topic_drafts WHERE community_id=?", (community_id,))


def approve(store: Store, item_id: int) -> OutboxItem:
    """A prepared occurrence goes in the queue: out at its time (or now, if its time has passed)."""
    with store.write() as db:
        db.execute(
            "UPDATE outbox SET state='queued', reason=NULL, updated_at=? WHERE id=? AND state='held'"
            " AND reason='awaiting_approval'",
            (to_ts(utcnow()), item_id),
        )
    item = get_item(store, item_id)
    if item is None:
        raise KeyError(item_id)
    return item


# -- sending (called by OutboxSender._send_claimed for items with a new_topic_title) ------------------


def send_new_topic(
    sender: OutboxSender, store: Store, community: Community, connector: Connector, item: OutboxItem
) -> SendOutcome:
    """Look first when an earlier attempt may have arrived, then start the topic once."""
    from moderator.platforms.base import Offline, PermissionDenied, PlatformError, PostStatus

    assert item.created_at is not None
    title = item.new_topic_title or ""
    if item.attempts > 0 or item.state == State.SENDING:
        sender._renew(store, item.id)
        found = connector.find_topic(title, item.body, since=item.created_at - sender.find_window)
        if found is not None:
            return _record_topic_sent(sender, store, community, item, found, found_on_server=True)
        if sender._may_be_in_flight(item):
            return sender._set_state(store, community, item, State.QUEUED, Reason.UNCONFIRMED, "")
    sender._mark_sending(store, item.id)
    try:
        result = connector.create_topic(
            title, item.body, category_id=item.new_topic_category_id, tags=item.new_topic_tags
        )
    except PlatformError as exc:
        if not isinstance(exc, Offline):  # the server answered: nothing in flight
            sender._mark_answered(store, item.id)
        if isinstance(exc, PermissionDenied):
            return sender._set_state(
                store, community, item, State.REJECTED, Reason.NOT_ALLOWED, str(exc.message)
            )
        raise
    sender._mark_answered(store, item.id)
    if result.status == PostStatus.CREATED:
        if result.post is None or not result.post.topic_id:
            return sender._set_state(store, community, item, State.QUEUED, Reason.UNEXPECTED, "no topic returned")
        return _record_topic_sent(sender, store, community, item, result.post)
    if result.status == PostStatus.ENQUEUED:
        return sender._set_state(store, community, item, State.ENQUEUED, None, "")
    return sender._set_state(store, community, item, State.REJECTED, Reason.REJECTED, " ".join(result.reasons))


def _record_topic_sent(
    sender: OutboxSender,
    store: Store,
    community: Community,
    item: OutboxItem,
    post: Post,
    *,
    found_on_server: bool = False,
) -> SendOutcome:
    """Mark sent with the new topic's id, and store the topic and its first post (seen at once)."""
    assert community.id is not None
    now = sender._clock()
    post = dataclasses.replace(
        post,
        username=post.username or community.username,
        created_at=post.created_at or now,
        raw=post.raw if post.raw is not None else item.body,
    )
    topic = Topic(
        id=post.topic_id,
        title=item.new_topic_title or "",
        category_id=item.new_topic_category_id,
        author_id=post.author_id,
        created_at=post.created_at,
        bumped_at=post.created_at,
        last_posted_at=post.created_at,
        posts_count=1,
        highest_post_number=1,
        archetype=Archetype.REGULAR,
        tags=item.new_topic_tags,
        last_poster_username=post.username,
    )
    with store.write() as db:
        known = db.execute(
            "SELECT 1 FROM topics WHERE community_id=? AND id=?", (community.id, topic.id)
        ).fetchone()
        store.apply_batch(community.id, SyncBatch(topics=[] if known else [topic], posts=[post]))
        db.execute(
            "UPDATE outbox SET state='sent', reason=NULL, last_error=NULL, unanswered_since=NULL, topic_id=?,"
            " server_post_id=?, server_post_number=?, sent_at=?, updated_at=? WHERE id=?",
            (topic.id, post.id, post.post_number, to_ts(now), to_ts(now), item.id),
        )
    return SendOutcome(
        item.id,
        community.name,
        topic.id,
        State.SENT,
        found_on_server=found_on_server,
        late_by=late_by(item, now),
    )
