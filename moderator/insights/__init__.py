"""The animator's three views, computed from the local store so they work offline.

* ``unanswered_topics``: topics waiting for a response, oldest wait first (``unanswered.py``);
* ``silent_members`` and ``participation``: readers, gone quiet, newcomers, and the 90-9-1 split
  (``silent.py``);
* ``trending_ideas`` and ``trending_terms``: topics and words on the rise (``trending.py``,
  ``trending_terms.py``).

Every function takes the ``store``, optional local ``community_ids`` (None: all communities) and a
keyword ``now`` (an aware datetime; the current time by default), and returns frozen rows with
``to_json_dict()``; ``export`` prints them as a table, JSON or CSV. Every number a row shows comes
with the words that explain it (``why`` / ``next_step``), and each module's docstring gives the exact
definitions the words stand for. The triage of the unanswered queue (handled, snoozed, undo) is in
``triage``.
"""

from __future__ import annotations

from moderator.insights.base import Row, TopicRef
from moderator.insights.silent import (
    Participation,
    Segment,
    SilentMemberRow,
    SilentMembers,
    participation,
    silent_members,
)
from moderator.insights.trending import TrendingTopicRow, prune_snapshots, trending_ideas
from moderator.insights.trending_terms import TermRow, trending_terms
from moderator.insights.triage import (
    SnoozedTopic,
    Triage,
    TriageState,
    UndoToken,
    clear,
    mark_handled,
    snooze,
    snoozed,
    undo,
)
from moderator.insights.unanswered import (
    FIRST_SCREEN,
    Severity,
    UnansweredPage,
    UnansweredRow,
    unanswered_count,
    unanswered_page,
    unanswered_topics,
)

__all__ = [
    "FIRST_SCREEN",
    "Participation",
    "Row",
    "Segment",
    "Severity",
    "SilentMemberRow",
    "SilentMembers",
    "SnoozedTopic",
    "TermRow",
    "TopicRef",
    "TrendingTopicRow",
    "Triage",
    "TriageState",
    "UnansweredPage",
    "UnansweredRow",
    "UndoToken",
    "clear",
    "mark_handled",
    "participation",
    "prune_snapshots",
    "silent_members",
    "snooze",
    "snoozed",
    "trending_ideas",
    "trending_terms",
    "unanswered_count",
    "unanswered_page",
    "unanswered_topics",
    "undo",
]
