"""Per-community settings, each declared once with its default (Electrum's ``ConfigVar`` habit).

A community's settings live as JSON in ``Community.settings``. ``CommunitySettings.from_dict`` reads
that dict, ``to_dict`` writes it back. Three rules:

* **A bad value never breaks a view.** A value of the wrong type or out of range is ignored (logged)
  and the default applies, so a hand-edited or older database still opens.
* **Only what differs from the default is written.** A default improved in a later version reaches
  every community that never changed it.
* **Keys this module does not know are kept** (``extra``), so settings owned by another part of the
  app survive a round trip through this one.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from typing import Any, Literal, get_args

log = logging.getLogger(__name__)

UnansweredDefinition = Literal["no_reply", "last_word_not_team", "unsolved"]
UNANSWERED_DEFINITIONS: tuple[str, ...] = get_args(UnansweredDefinition)


class InvalidSetting(ValueError):
    """A stored value that cannot be used; the default applies instead."""


@dataclasses.dataclass(frozen=True, slots=True)
class SilentWindows:
    """The windows that define the silent-member segments, in days.

    *Gone quiet*: at least ``min_contributions`` posts in the ``active_days`` before the last
    ``quiet_days``, and none in the last ``quiet_days``. *Newcomer*: joined in the last
    ``newcomer_days`` and no post yet.
    """

    active_days: int = 90
    quiet_days: int = 28
    min_contributions: int = 3
    newcomer_days: int = 30

    def to_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


# -- converters: JSON value -> typed value, raising InvalidSetting -------------------------------


def _definition(value: Any) -> UnansweredDefinition:
    if value not in UNANSWERED_DEFINITIONS:
        raise InvalidSetting(f"must be one of {', '.join(UNANSWERED_DEFINITIONS)}")
    return value  # type: ignore[no-any-return]


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidSetting("must be a positive whole number")
    return value


def _thresholds(value: Any) -> tuple[int, int]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise InvalidSetting("must be two numbers of hours, [amber, red]")
    first, second = (_positive_int(v) for v in value)
    if first > second:
        raise InvalidSetting("the amber threshold must not be later than the red one")
    return first, second


def _strings(value: Any) -> tuple[str, ...]:
    """A list of names or ids: platform ids are strings, so numbers are accepted and turned into text."""
    if not isinstance(value, list | tuple):
        raise InvalidSetting("must be a list")
    out: list[str] = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise InvalidSetting("must be a list of names or ids")
        text = str(item).strip()
        if text and text not in out:
            out.append(text)
    return tuple(out)


def _usernames(value: Any) -> tuple[str, ...]:
    return tuple(name.removeprefix("@") for name in _strings(value))


def _silent_windows(value: Any) -> SilentWindows:
    if not isinstance(value, Mapping):
        raise InvalidSetting("must be an object")
    known = {f.name for f in dataclasses.fields(SilentWindows)}
    unknown = set(value) - known
    if unknown:
        raise InvalidSetting(f"unknown keys {', '.join(sorted(unknown))}")
    return SilentWindows(**{k: _positive_int(v) for k, v in value.items()})


def _encode(value: Any) -> Any:
    if isinstance(value, SilentWindows):
        return value.to_dict()
    if isinstance(value, tuple):
        return list(value)
    return value


def _setting(default: Any, parse: Callable[[Any], Any], doc: str) -> Any:
    return dataclasses.field(default=default, metadata={"parse": parse, "doc": doc})


@dataclasses.dataclass(frozen=True, slots=True)
class CommunitySettings:
    """The settings of one community. Each field is declared here once, with its default and meaning."""

    unanswered_definition: UnansweredDefinition = _setting(
        "no_reply",
        _definition,
        "What 'unanswered' means: 'no_reply' (nobody but the author replied), 'last_word_not_team'"
        " (the last word is not from the animation team) or 'unsolved' (a question not marked solved).",
    )
    thresholds_hours: tuple[int, int] = _setting(
        (24, 72), _thresholds, "Hours of waiting after which a topic turns amber, then red."
    )
    team_usernames: tuple[str, ...] = _setting(
        (), _usernames, "Members of the animation team besides staff (admins and moderators)."
    )
    announcement_category_ids: tuple[str, ...] = _setting(
        (),
        _strings,
        "Categories of announcements, never listed as unanswered (besides those named like"
        " 'announcements' or 'annonces').",
    )
    idea_category_ids: tuple[str, ...] = _setting(
        (),
        _strings,
        "Categories that hold ideas; trending ideas only looks there when set (or at idea_tags).",
    )
    idea_tags: tuple[str, ...] = _setting(
        (),
        _strings,
        "Tags that mark ideas; trending ideas only looks at them when set (or at idea_category_ids).",
    )
    silent_windows: SilentWindows = _setting(
        SilentWindows(), _silent_windows, "Windows, in days, of the gone-quiet and newcomer segments."
    )
    sync_minutes: int = _setting(10, _positive_int, "Minutes between two background syncs.")
    extra: Mapping[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    @classmethod
    def setting_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls) if "parse" in f.metadata)

    @classmethod
    def describe(cls) -> dict[str, str]:
        """Every setting and what it means, for a settings dialog or ``--help``."""
        return {f.name: f.metadata["doc"] for f in dataclasses.fields(cls) if "parse" in f.metadata}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> CommunitySettings:
        data = data or {}
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if "parse" not in f.metadata or f.name not in data:
                continue
            try:
                values[f.name] = f.metadata["parse"](data[f.name])
            except (InvalidSetting, TypeError) as exc:
                log.warning("Setting %s=%r ignored (%s); the default applies.", f.name, data[f.name], exc)
        extra = {k: v for k, v in data.items() if k not in cls.setting_names()}
        return cls(**values, extra=extra)

    def to_dict(self) -> dict[str, Any]:
        """The settings to store: the values that differ from the default, plus the unknown keys kept."""
        out = dict(self.extra)
        defaults = CommunitySettings()
        for name in self.setting_names():
            value = getattr(self, name)
            if value != getattr(defaults, name):
                out[name] = _encode(value)
        return out

    def replace(self, **changes: Any) -> CommunitySettings:
        """A copy with ``changes`` validated like stored values (raises ``InvalidSetting``)."""
        fields = {f.name: f for f in dataclasses.fields(self)}
        parsed = {}
        for name, value in changes.items():
            if name not in fields or "parse" not in fields[name].metadata:
                raise InvalidSetting(f"unknown setting {name}")
            parsed[name] = fields[name].metadata["parse"](_encode(value))
        return dataclasses.replace(self, **parsed)

    # -- helpers the views share --------------------------------------------------------------

    def is_team_username(self, username: str) -> bool:
        folded = username.casefold()
        return any(folded == name.casefold() for name in self.team_usernames)
