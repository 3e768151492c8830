"""What the three views share: result rows that any front end can show, the clock, the communities.

Every view returns a list of frozen dataclass rows. A row carries the platform's own ids (community
name, topic id, member id) so a front end can build links, and ``to_json_dict()`` turns it into plain
JSON values (timestamps as ISO-8601 UTC strings) for the CLI's json and csv output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from moderator.model import UTC, Community, utcnow
from moderator.settings import CommunitySettings
from moderator.store import Store

HOUR = 3600
DAY = 24 * HOUR

# A post that counts (Discourse's "regular" post): not a whisper or small action, not hidden, not deleted.
REGULAR = "{a}.post_type = 1 AND {a}.hidden = 0 AND {a}.deleted_at IS NULL AND {a}.user_deleted = 0"


def _json_value(value: Any) -> Any:
    if isinstance(value, Row):
        return value.to_json_dict()
    if isinstance(value, dt.datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_json_value(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


@dataclasses.dataclass(frozen=True, slots=True)
class Row:
    """Base of every result row. ``COLUMNS`` are the fields a plain-text table shows by default."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()

    def to_json_dict(self) -> dict[str, Any]:
        return {f.name: _json_value(getattr(self, f.name)) for f in dataclasses.fields(self)}


@dataclasses.dataclass(frozen=True, slots=True)
class TopicRef(Row):
    """A topic named by its community and platform id, with its title for display."""

    community_id: int
    community_name: str
    topic_id: str
    title: str


@dataclasses.dataclass(frozen=True, slots=True)
class Scope:
    """One community a view looks at, with its settings read once."""

    community: Community
    settings: CommunitySettings

    @property
    def id(self) -> int:
        assert self.community.id is not None
        return self.community.id

    @property
    def name(self) -> str:
        return self.community.name


def scopes(store: Store, community_ids: Iterable[int] | None) -> list[Scope]:
    """The communities to look at: all of them (None) or those whose local ids are given."""
    wanted = None if community_ids is None else set(community_ids)
    return [
        Scope(c, CommunitySettings.from_dict(c.settings))
        for c in store.communities()
        if wanted is None or c.id in wanted
    ]


def team_names(scope: Scope) -> list[str]:
    """The animation team besides staff: ``team_usernames`` and the synced account, lower-cased.

    Each name is given both as Python's ``lower()`` and as SQLite's ASCII-only ``lower()`` spell it,
    so a SQL ``lower(username) IN (...)`` matches whichever way.
    """
    out: set[str] = set()
    for name in filter(None, [*scope.settings.team_usernames, scope.community.username]):
        out.add(name.lower())
        out.add("".join(ch.lower() if ch.isascii() else ch for ch in name))
    return sorted(out)


def clock(now: dt.datetime | None) -> dt.datetime:
    """The injectable clock of every view: ``now`` if given (must be aware), else the current time."""
    if now is None:
        return utcnow()
    if now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime")
    return now.astimezone(UTC)


def ts(value: dt.datetime) -> int:
    return int(value.timestamp())


def from_ts(value: int | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromtimestamp(value, UTC)


def plural(count: int | float, word: str, plural_word: str | None = None) -> str:
    if count == 1:
        return f"{count:g} {word}" if isinstance(count, float) else f"1 {word}"
    many = plural_word or word + "s"
    return f"{count:g} {many}" if isinstance(count, float) else f"{count} {many}"


def duration(seconds: float) -> str:
    """A waiting time in words, rounded down to the unit people use: "40 minutes", "3 days"."""
    seconds = max(0.0, seconds)
    minutes = int(seconds // 60)
    if minutes < 60:
        return plural(max(minutes, 1), "minute")
    hours = int(seconds // HOUR)
    if hours < 48:
        return plural(hours, "hour")
    days = int(seconds // DAY)
    if days < 60:
        return plural(days, "day")
    return plural(days // 30, "month")


def dict_rows(
    store: Store, sql: str, params: Mapping[str, Any] | tuple[Any, ...] = ()
) -> Iterator[dict[str, Any]]:
    """The rows of a query as dicts: ``sqlite3.Row`` looks a name up by a linear, case-blind search,
    which costs more than the query itself over thousands of wide rows."""
    cursor = store.read().cursor()
    cursor.row_factory = None
    cursor.execute(sql, params)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def in_list(values: Iterable[str | int]) -> str:
    """A JSON array for ``json_each(?)``: lists of ids and names go to SQLite as one parameter."""
    return json.dumps(list(values))
