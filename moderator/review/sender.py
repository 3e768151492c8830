"""Moderation decisions out, each exactly once, like the outbox's replies.

State machine (``review_actions.state``)::

    queued ─claim─▶ [attempts>0: review_show] ─▶ sending ─PUT─▶ done
      ▲                │ handled by us ──▶ done              ├─▶ conflict (409: the item changed;
      │                │ handled by others ▶ conflict        │    403 and no longer pending: another
      │                │ version moved ───▶ conflict         │    moderator acted first)
      │                │ unanswered < 90 s ▶ queued          ├─▶ refused (403 while pending, 404)
      │                ▼                                     └─▶ queued (no answer, 5xx, 429, sign-in)
      └──────────── queued (unconfirmed)

Exactly once: Discourse's perform is not idempotent for a retried request that the server performed
but whose answer was lost (the retry meets a handled item). Before the PUT the decision is marked
``sending`` with ``attempts + 1`` in a committed transaction; a later attempt on it first reads the
item (``review_show``): handled, and by this account, means it went through (done, not sent again);
handled by someone else means another moderator acted first; still pending at the same version means
nothing happened, and it is sent again once a lost request cannot still be running on the server.

After a conflict the item is read again: still pending, it comes back to the list with its new
version (the moderator decides again, knowing it changed); handled, it leaves the list with the words
saying so. The HTTP layer never retries the PUT by itself (``retry_safe=False``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable

from moderator.leases import LEASE_SECONDS, SETTLE_SECONDS, held_by_another, owner_id
from moderator.model import Community, utcnow
from moderator.platforms.base import (
    Connector,
    NotFound,
    Offline,
    PermissionDenied,
    PlatformError,
    RequestRejected,
    ReviewConflict,
    ReviewQueueConnector,
)
from moderator.review import store as review_store
from moderator.review.model import PENDING
from moderator.review.store import ActionState, QueuedAction
from moderator.store import Store

log = logging.getLogger(__name__)


ANOTHER_MODERATOR = "another moderator acted first"
CHANGED_WORDS = f"{ANOTHER_MODERATOR}: the item changed on the server; decide again"
GONE_WORDS = "the item no longer exists on the server"


class Why:
    """Why a decision did not go through as sent (``ReviewOutcome.why``)."""

    HANDLED = "handled"  # someone else decided first (Discourse: 403, the action no longer offered)
    CHANGED = "changed"  # still pending, but changed since it was read (Discourse: 409 on the version)
    GONE = "gone"  # deleted on the server (404)
    REFUSED = "refused"  # not allowed, or invalid
    UNCONFIRMED = "unconfirmed"  # the last attempt got no answer; looked for, not there yet


@dataclasses.dataclass(frozen=True, slots=True)
class ReviewOutcome:
    action_id: int
    community: str
    reviewable_id: str
    action: str
    state: ActionState
    detail: str = ""
    confirmed_on_server: bool = False  # a lost answer: found performed by this account, not sent again
    label: str = ""  # the platform's words for the action
    why: str = ""  # a ``Why`` value: what the GUI words with its own translations
    by: str = ""  # who decided instead (HANDLED), when the platform says
    new_status: str = ""  # the item's status after them (HANDLED)

    @property
    def message(self) -> str:
        """English words for the CLI (the GUI words it from ``state`` with its translations)."""
        what = f"{self.community}: item {self.reviewable_id}, “{self.action}”"
        match self.state:
            case ActionState.DONE:
                return f"{what}: done" + (" (confirmed on the server)" if self.confirmed_on_server else "")
            case ActionState.CONFLICT:
                return f"{what}: not sent, {self.detail or ANOTHER_MODERATOR}"
            case ActionState.REFUSED:
                return f"{what}: refused, {self.detail}"
            case _:
                return f"{what}: still queued" + (f" ({self.detail})" if self.detail else "")



class ReviewSender:
    """Sends queued decisions, per community, oldest first."""

    def __init__(
        self,
        *,
        lease_seconds: int = LEASE_SECONDS,
        settle_seconds: float = SETTLE_SECONDS,
        clock: Callable[[], dt.datetime] = utcnow,
        close_connectors: bool = True,
    ) -> None:
        self.owner = owner_id()
        self.lease_seconds = lease_seconds
        self.settle_seconds = settle_seconds
        self._clock = clock
        self.close_connectors = close_connectors

    def send_pending(
        self,
        store: Store,
        connector_for: Callable[[Community], Connector],
        *,
        cancel: threading.Event | None = None,
        community_ids: Iterable[int] | None = None,
        progress: Callable[[ReviewOutcome], None] | None = None,
    ) -> list[ReviewOutcome]:
        pending = review_store.list_actions(
            store, states=review_store.LIVE_STATES, community_ids=community_ids
        )
        by_community: dict[int, list[QueuedAction]] = {}
        for action in pending:
            by_community.setdefault(action.community_id, []).append(action)
        outcomes: list[ReviewOutcome] = []
        for community_id, queue in by_community.items():
            if cancel is not None and cancel.is_set():
                break
            community = store.community(community_id)
            if community is None:
                continue
            try:
                connector = connector_for(community)
            except Exception as exc:  # a missing key: the decisions wait
                log.warning("No connector for %s: %s", community.name, exc)
                continue
            try:
                for action in queue:
                    if cancel is not None and cancel.is_set():
                        break
                    outcome = self._send_one(store, community, connector, action)
                    if outcome is None:
                        continue
                    outcomes.append(outcome)
                    if progress is not None:
                        progress(outcome)
                    if outcome.state in review_store.LIVE_STATES:
                        break  # unreachable or unsure: the community's later decisions wait
            finally:
                if self.close_connectors:
                    connector.close()
        return outcomes

    # -- one decision ---------------------------------------------------------------------------

    def _send_one(
        self, store: Store, community: Community, connector: Connector, action: QueuedAction
    ) -> ReviewOutcome | None:
        claimed = self._claim(store, action.id)
        if claimed is None:
            return None
        try:
            if isinstance(connector, ReviewQueueConnector) and not connector.capabilities().review_queue:
                connector.whoami()  # capabilities are declared from who the key acts as: ask once
            if not isinstance(connector, ReviewQueueConnector) or not connector.capabilities().review_queue:
                return self._finish(
                    store, community, claimed, ActionState.QUEUED, "this account cannot moderate here (yet)"
                )
            return self._send_claimed(store, community, connector, claimed)
        except PlatformError as exc:
            return self._finish(store, community, claimed, ActionState.QUEUED, exc.message)
        except Exception as exc:  # a bug must not lose the decision
            log.exception("Unexpected error while sending review action %s", action.id)
            return self._finish(store, community, claimed, ActionState.QUEUED, str(exc))
        finally:
            self._release(store, action.id)

    def _send_claimed(
        self, store: Store, community: Community, connector: ReviewQueueConnector, action: QueuedAction
    ) -> ReviewOutcome:
        assert community.id is not None
        if action.attempts > 0 or action.state == ActionState.SENDING:
            # An earlier PUT may have been performed: look before sending again.
            verdict = self._look(store, community, connector, action)
            if verdict is not None:
                return verdict
        self._mark_sending(store, action.id)
        try:
            connector.review_perform(action.reviewable_id, action.action, action.version)
        except Offline:
            raise  # no answer: the PUT may have been performed; the next attempt looks first
        except ReviewConflict:
            self._mark_answered(store, action.id)
            return self._after_conflict(store, community, connector, action, changed=True)
        except PermissionDenied as exc:
            self._mark_answered(store, action.id)
            # Discourse answers 403 when the action is no longer offered: usually handled meanwhile.
            return self._after_conflict(store, community, connector, action, refused=exc.message)
        except NotFound:
            self._mark_answered(store, action.id)
            review_store.remove_item(store, community.id, action.reviewable_id)
            return self._finish(store, community, action, ActionState.CONFLICT, GONE_WORDS, why=Why.GONE)
        except RequestRejected as exc:
            self._mark_answered(store, action.id)
            return self._finish(store, community, action, ActionState.REFUSED, exc.message, why=Why.REFUSED)
        except PlatformError:
            self._mark_answered(store, action.id)
            raise
        self._mark_answered(store, action.id)
        review_store.remove_item(store, community.id, action.reviewable_id)
        return self._finish(store, community, action, ActionState.DONE, "")

    def _look(
        self, store: Store, community: Community, connector: ReviewQueueConnector, action: QueuedAction
    ) -> ReviewOutcome | None:
        """After an attempt with no answer: None means "not performed, send it"."""
        assert community.id is not None
        try:
            item, by = connector.review_show(action.reviewable_id)
        except NotFound:
            review_store.remove_item(store, community.id, action.reviewable_id)
            return self._finish(store, community, action, ActionState.CONFLICT, GONE_WORDS, why=Why.GONE)
        if item.status != PENDING:
            review_store.remove_item(store, community.id, action.reviewable_id)
            me = community.username.casefold()
            if by is not None and by.casefold() == me:
                return self._finish(store, community, action, ActionState.DONE, "", confirmed=True)
            return self._handled(store, community, action, by, item.status)
        if item.version != action.version:
            review_store.update_item(store, community.id, item)
            return self._finish(
                store, community, action, ActionState.CONFLICT, CHANGED_WORDS, why=Why.CHANGED
            )
        if self._may_be_in_flight(action):
            return self._finish(
                store,
                community,
                action,
                ActionState.QUEUED,
                "checking whether the server received it",
                why=Why.UNCONFIRMED,
            )
        return None

    def _after_conflict(
        self,
        store: Store,
        community: Community,
        connector: ReviewQueueConnector,
        action: QueuedAction,
        *,
        changed: bool = False,
        refused: str = "",
    ) -> ReviewOutcome:
        assert community.id is not None
        try:
            item, by = connector.review_show(action.reviewable_id)
        except NotFound:
            review_store.remove_item(store, community.id, action.reviewable_id)
            return self._finish(store, community, action, ActionState.CONFLICT, GONE_WORDS, why=Why.GONE)
        except PlatformError:
            item, by = None, None
        if item is not None:
            review_store.update_item(store, community.id, item)  # back in the list if still pending
            if item.status != PENDING:
                return self._handled(store, community, action, by, item.status)
        if changed:
            return self._finish(
                store, community, action, ActionState.CONFLICT, CHANGED_WORDS, why=Why.CHANGED
            )
        return self._finish(store, community, action, ActionState.REFUSED, refused, why=Why.REFUSED)

    def _handled(
        self, store: Store, community: Community, action: QueuedAction, by: str | None, status: str
    ) -> ReviewOutcome:
        """The item was decided by someone else (another moderator, or this account elsewhere)."""
        who = by if by and by.casefold() != community.username.casefold() else ""
        detail = f"{ANOTHER_MODERATOR} ({'@' + who + ', ' if who else ''}{status})"
        return self._finish(
            store, community, action, ActionState.CONFLICT, detail, why=Why.HANDLED, by=who, new_status=status
        )

    # -- writes ---------------------------------------------------------------------------------

    def _now_ts(self) -> int:
        return int(self._clock().timestamp())

    def _may_be_in_flight(self, action: QueuedAction) -> bool:
        if action.unanswered_since is None:
            return False
        return (self._clock() - action.unanswered_since).total_seconds() < self.settle_seconds

    def _claim(self, store: Store, action_id: int) -> QueuedAction | None:
        now = self._now_ts()
        with store.write() as db:
            action = review_store.get_action(store, action_id)
            if action is None or action.state not in review_store.LIVE_STATES:
                return None
            if held_by_another(action.claimed_by, action.claimed_until, self.owner, now):
                return None
            db.execute(
                "UPDATE review_actions SET claimed_by=?, claimed_until=? WHERE id=?",
                (self.owner, now + self.lease_seconds, action_id),
            )
        return review_store.get_action(store, action_id)

    def _release(self, store: Store, action_id: int) -> None:
        with store.write() as db:
            db.execute(
                "UPDATE review_actions SET claimed_by=NULL, claimed_until=NULL WHERE id=? AND claimed_by=?",
                (action_id, self.owner),
            )

    def _mark_sending(self, store: Store, action_id: int) -> None:
        now = self._now_ts()
        with store.write() as db:
            db.execute(
                "UPDATE review_actions SET state='sending', attempts=attempts+1, unanswered_since=?,"
                " updated_at=? WHERE id=?",
                (now, now, action_id),
            )

    def _mark_answered(self, store: Store, action_id: int) -> None:
        with store.write() as db:
            db.execute("UPDATE review_actions SET unanswered_since=NULL WHERE id=?", (action_id,))

    def _finish(
        self,
        store: Store,
        community: Community,
        action: QueuedAction,
        state: ActionState,
        detail: str,
        *,
        confirmed: bool = False,
        why: str = "",
        by: str = "",
        new_status: str = "",
    ) -> ReviewOutcome:
        now = self._now_ts()
        with store.write() as db:
            # Still queued after an attempt: 'sending' stays recorded through attempts > 0.
            stored_state = ActionState.QUEUED if state == ActionState.SENDING else state
            db.execute(
                "UPDATE review_actions SET state=?, detail=?, updated_at=?, done_at=? WHERE id=?",
                (
                    stored_state,
                    detail or None,
                    now,
                    now if state == ActionState.DONE else None,
                    action.id,
                ),
            )
        return ReviewOutcome(
            action.id,
            community.name,
            action.reviewable_id,
            action.action,
            state,
            detail,
            confirmed_on_server=confirmed,
            label=action.label,
            why=why,
            by=by,
            new_status=new_status,
        )
