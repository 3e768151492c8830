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
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar, TypeVar

from moderator.model import UTC, Community, utcnow
from moderator.settings import CommunitySettings
from moderator.store import Store

HOUR = 3600
DAY = 24 * HOUR

# A post that counts (Discourse's "regular" post): not a whisper or small action, not hidden, not deleted.
REGULAR = "{a}.post_type = 1 AND {a}.hidden = 0 AND {a}.deleted_at IS NULL AND {a}.user_deleted = 0"


_PLAIN = frozenset({str, int, bool, type(None)})  # written as they are (most of the values)


def _json_value(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
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
        return {name: _json_value(getattr(self, name)) for name in _field_names(type(self))}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """A row class's field names, in order (``dataclasses.fields`` rebuilds the tuple each call)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    return names


RowT = TypeVar("RowT", bound=Row)


def row_maker(cls: type[RowT]) -> Callable[..., RowT]:
    """A positional constructor of ``cls`` for the views that build thousands of rows.

    ``row_maker(cls)(*values)`` is the same row as ``cls(*values)``: same class, same fields, equal
    and hashed alike, frozen. It is made in a fraction of the time: a frozen dataclass's
    ``__init__`` sets each field with a call to ``object.__setattr__``; this fills a plain twin of
    ``cls`` (the same slots, on the same base, but writable) with ordinary attribute stores, then
    makes the object a ``cls`` by assigning its ``__class__``, which Python allows between classes
    of the same layout. Every field must be given, in declaration order; rows with a
    ``__post_init__`` are refused.
    """
    if (
        not dataclasses.is_dataclass(cls)
        or hasattr(cls, "__post_init__")
        or "__slots__" not in vars(cls)
        or "__dict__" in dir(cls)
    ):
        raise TypeError(f"{cls.__name__} is not a slotted dataclass without __post_init__")
    names = [f.name for f in dataclasses.fields(cls)]
    twin = type(
        f"_{cls.__name__}Twin",
        cls.__bases__,
        {"__slots__": cls.__slots__, "__setattr__": object.__setattr__, "__delattr__": object.__delattr__},
    )
    args = ", ".join(f"v{i}" for i in range(len(names)))
    body = "".join(f"    row.{name} = v{i}\n" for i, name in enumerate(names))
    namespace: dict[str, Any] = {"new": object.__new__, "twin": twin, "cls": cls}
    exec(
        f"def make({args}):\n    row = new(twin)\n{body}    row.__class__ = cls\n    return row\n", namespace
    )
    make: Callable[..., RowT] = namespace["make"]
    make.__qualname__ = make.__name__ = f"make_{cls.__name__}"
    return make


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


INSIGHTS_CONTEXT = "insights"  # the translation context of the views' explanations
Translate = Callable[[str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for extraction by the translation tooling; returns it unchanged (no Qt here)."""
    return text


def identity(text: str) -> str:
    return text


def counted(count: int, one: str, many: str, tr: Translate = identity) -> str:
    """``one`` or ``many`` (templates with ``{n}``), chosen by ``count``, translated and filled."""
    return tr(one if count == 1 else many).format(n=count)


_UNITS = {
    "minute": (QT_TRANSLATE_NOOP("insights", "{n} minute"), QT_TRANSLATE_NOOP("insights", "{n} minutes")),
    "hour": (QT_TRANSLATE_NOOP("insights", "{n} hour"), QT_TRANSLATE_NOOP("insights", "{n} hours")),
    "day": (QT_TRANSLATE_NOOP("insights", "{n} day"), QT_TRANSLATE_NOOP("insights", "{n} days")),
    "month": (QT_TRANSLATE_NOOP("insights", "{n} month"), QT_TRANSLATE_NOOP("insights", "{n} months")),
}


def plural(count: int | float, word: str, plural_word: str | None = None) -> str:
    if count == 1:
        return f"{count:g} {word}" if isinstance(count, float) else f"1 {word}"
    many = plural_word or word + "s"
    return f"{count:g} {many}" if isinstance(count, float) else f"{count} {many}"


def duration(seconds: float, *, tr: Translate = identity) -> str:
    """A waiting time in words, rounded down to the unit people use: "40 minutes", "3 days"."""
    seconds = max(0.0, seconds)
    minutes = int(seconds // 60)
    if minutes < 60:
        return counted(max(minutes, 1), *_UNITS["minute"], tr)
    hours = int(seconds // HOUR)
    if hours < 48:
        return counted(hours, *_UNITS["hour"], tr)
    days = int(seconds // DAY)
    if days < 60:
        return counted(days, *_UNITS["day"], tr)
    return counted(days // 30, *_UNITS["month"], tr)


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


Query = tuple[str, Mapping[str, Any]]

# The query threads of rows_ahead, each with its own read connection (Store.read() is per thread):
# three, so that a query can run while the caller reads the rows of one query and those of another
# wait. Started on first use; idle threads cost nothing.
_QUERY_THREADS = tuple(ThreadPoolExecutor(1, thread_name_prefix=f"insights-query-{i}") for i in range(3))


def _executed(store: Store, sql: str, params: Mapping[str, Any]) -> sqlite3.Cursor:
    cursor = store.read().cursor()
    cursor.row_factory = None  # plain tuples: thousands of rows
    cursor.execute(sql, params)
    return cursor


def rows_ahead(store: Store, queries: Sequence[Query]) -> Iterator[Iterable[tuple[Any, ...]]]:
    """The rows of each query, in order (one query per community of a view, say), the next
    queries running while the caller works on the rows of this one.

    SQLite works without holding Python's GIL: on a machine with two cores, the next community's
    query (its joins and sorting, all done before its first row) runs in a query thread while
    Python builds the rows of this one, so that a view over several communities costs about its
    Python work rather than its Python work plus all its SQL.

    The queries run one at a time, each as soon as the previous one is done (two at a time while
    the caller waits, its core being free then), on the query threads' connections in turn: a
    query waits for the caller to have read the rows of the one before it on that connection
    (three queries back). The rows are read on the calling thread as it iterates them (reading
    them in a query thread would fight the caller for the GIL at every column): read each
    query's rows to the end before asking for the next query's.

    Inside a transaction of this thread's connection (a write, typically) the queries run here,
    one after the other: only this connection sees the transaction's changes.
    """
    if len(queries) < 2 or store.read().in_transaction:
        for sql, params in queries:
            yield _executed(store, sql, params)
        return
    threads = _QUERY_THREADS
    outcomes: list[sqlite3.Cursor | BaseException | None] = [None] * len(queries)
    finished = [threading.Event() for _ in queries]
    started = [False] * len(queries)
    state = {"read": -1, "closed": False}  # the last query whose rows were all read; given up
    lock = threading.Lock()

    def run(k: int) -> None:
        try:
            outcomes[k] = _executed(store, *queries[k])
        except BaseException as exc:  # raised to the caller, who reads the outcome
            outcomes[k] = exc
        finished[k].set()
        start(k + 1)

    def start(k: int, *, eager: bool = False) -> None:
        with lock:
            if (
                k >= len(queries)
                or started[k]
                or state["closed"]
                or (k > 0 and not eager and not finished[k - 1].is_set())  # one query at a time
                or k - len(threads) > state["read"]  # its connection's rows not all read yet
            ):
                return
            started[k] = True
        threads[k % len(threads)].submit(run, k)

    start(0)
    try:
        for i in range(len(queries)):
            if i > 0 and not finished[i].is_set():  # waiting here leaves a core free: run two at once
                start(i + 1, eager=True)
            finished[i].wait()
            outcome = outcomes[i]
            if isinstance(outcome, BaseException):
                raise outcome
            assert outcome is not None
            yield outcome
            outcomes[i] = None
            with lock:
                state["read"] = i
            start(i + len(threads))
    finally:
        with lock:
            state["closed"] = True


def in_list(values: Iterable[str | int]) -> str:
    """A JSON array for ``json_each(?)``: lists of ids and names go to SQLite as one parameter."""
    return json.dumps(list(values))
