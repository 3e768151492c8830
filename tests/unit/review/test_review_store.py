"""The local queue: decisions hide items at once, one live decision per item, a refusal brings the
item back, the migration adds the tables to an existing database, the sandbox day reset clears it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from moderator.model import AuthKind, Community, Member, Platform, SyncBatch
from moderator.review import store as review_store
from moderator.review.model import Flag, ReviewAction, ReviewItem
from moderator.review.store import ActionState
from moderator.review.support import QueueSupport, queue_support
from moderator.store import Store
from moderator.store.schema import LATEST_VERSION

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _item(item_id: str, score: float = 1.0, version: int = 0) -> ReviewItem:
    return ReviewItem(
        id=item_id,
        type="flagged_post",
        score=score,
        version=version,
        created_at=NOW,
        reasons=("Spam",),
        flags=(Flag("alice", "Spam", NOW),),
        actions=(
            ReviewAction("agree_and_hide", "Hide", "agree"),
            ReviewAction("delete_and_agree", "Delete", "agree"),
        ),
        target_post_id="10",
        target_topic_id="2",
        author_username="bob",
        author={"trust_level": 0},
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "s.sqlite3")


@pytest.fixture
def community(store: Store) -> Community:
    return store.add_community(
        Community(name="c", platform=Platform.DISCOURSE, base_url="https://x.org", username="mod")
    )


def test_round_trip_and_order(store: Store, community: Community) -> None:
    assert community.id is not None
    review_store.replace_queue(store, community.id, [_item("1", 2.0), _item("2", 9.0)], count=2, now=NOW)
    stored = review_store.list_items(store)
    assert [s.item.id for s in stored] == ["2", "1"]
    assert stored[0].item == _item("2", 9.0)
    assert review_store.sync_state(store, community.id) == (2, NOW)


def test_a_decision_hides_the_item_and_a_second_one_is_refused(store: Store, community: Community) -> None:
    assert community.id is not None
    review_store.replace_queue(store, community.id, [_item("1")], count=1)
    action = review_store.queue_action(store, community.id, "1", "agree_and_hide")
    assert (action.version, action.state, action.label) == (0, ActionState.QUEUED, "Hide")
    assert review_store.list_items(store) == []
    assert review_store.pending_count(store) == 0
    with pytest.raises(review_store.AlreadyQueued):
        review_store.queue_action(store, community.id, "1", "delete_and_agree")
    with pytest.raises(ValueError, match="does not offer"):
        review_store.queue_action(store, community.id, "1", "approve_post")
    with pytest.raises(KeyError):
        review_store.queue_action(store, community.id, "99", "agree_and_hide")
    assert review_store.cancel_action(store, action.id)  # taken back before it left: the item returns
    assert [s.item.id for s in review_store.list_items(store)] == ["1"]


def test_a_conflict_brings_the_item_back_with_the_outcome(store: Store, community: Community) -> None:
    assert community.id is not None
    review_store.replace_queue(store, community.id, [_item("1")], count=1)
    action = review_store.queue_action(store, community.id, "1", "agree_and_hide")
    with store.write() as db:
        db.execute("UPDATE review_actions SET state='conflict' WHERE id=?", (action.id,))
    review_store.update_item(store, community.id, _item("1", version=1))
    (back,) = review_store.list_items(store)
    assert back.item.version == 1 and back.last_action is not None
    assert back.last_action.state == ActionState.CONFLICT
    assert review_store.pending_count(store) == 1 == review_store.pending_count(store, [community.id])
    review_store.queue_action(store, community.id, "1", "delete_and_agree")  # decide again: allowed


def test_support_is_known_from_the_local_copy(store: Store, community: Community) -> None:
    assert community.id is not None
    assert queue_support(store, community) is QueueSupport.NOT_SYNCED
    store.apply_batch(community.id, SyncBatch(members=[Member(id="1", username="mod", moderator=True)]))
    assert queue_support(store, community) is QueueSupport.AVAILABLE
    store.apply_batch(community.id, SyncBatch(members=[Member(id="1", username="mod")]))
    assert queue_support(store, community) is QueueSupport.NOT_STAFF
    humhub = store.add_community(
        Community(name="h", platform=Platform.HUMHUB, base_url="https://h.org", auth_kind=AuthKind.TOKEN)
    )
    assert queue_support(store, humhub) is QueueSupport.UNSUPPORTED


def test_clearing_synced_data_clears_the_queue_not_the_decisions(store: Store, community: Community) -> None:
    assert community.id is not None
    review_store.replace_queue(store, community.id, [_item("1"), _item("2")], count=2)
    review_store.queue_action(store, community.id, "1", "agree_and_hide")
    store.clear_synced_data(community.id)
    assert review_store.list_items(store, include_hidden=True) == []
    assert review_store.sync_state(store, community.id) == (None, None)
    assert review_store.live_count(store) == 1


def test_the_schema_is_current(store: Store) -> None:
    assert store.version == LATEST_VERSION
    tables = {r[0] for r in store.read().execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"reviewables", "review_actions", "review_sync"} <= tables


def test_a_local_change_makes_the_next_sync_list_again(store: Store, community: Community) -> None:
    assert community.id is not None
    review_store.replace_queue(store, community.id, [_item("1"), _item("2")], count=2, now=NOW)
    review_store.remove_item(store, community.id, "1")  # a decision went through, or was overtaken
    assert review_store.sync_state(store, community.id) == (None, NOW)
