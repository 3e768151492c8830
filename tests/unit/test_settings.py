"""Per-community settings: declared once with defaults, lenient on bad values, lossless round trips."""

from __future__ import annotations

import logging

import pytest

from moderator.settings import CommunitySettings, InvalidSetting, SilentWindows


def test_defaults() -> None:
    s = CommunitySettings.from_dict({})
    assert s.unanswered_definition == "no_reply"
    assert s.thresholds_hours == (24, 72)
    assert s.team_usernames == () and s.idea_category_ids == () and s.idea_tags == ()
    assert s.silent_windows == SilentWindows(
        active_days=90, quiet_days=28, min_contributions=3, newcomer_days=30
    )
    assert s.sync_minutes == 10
    assert s.to_dict() == {}
    assert CommunitySettings.from_dict(None) == s


def test_round_trip_keeps_only_changes_and_unknown_keys() -> None:
    stored = {
        "unanswered_definition": "last_word_not_team",
        "thresholds_hours": [12, 48],
        "team_usernames": ["@Alice", "bob", "bob"],
        "idea_category_ids": [5, "6"],
        "idea_tags": ["idea"],
        "silent_windows": {"quiet_days": 14},
        "sync_minutes": 10,  # the default: not written back
        "outbox_retry": 3,  # someone else's setting: kept as is
    }
    s = CommunitySettings.from_dict(stored)
    assert s.team_usernames == ("Alice", "bob") and s.idea_category_ids == ("5", "6")
    assert s.silent_windows.quiet_days == 14 and s.silent_windows.active_days == 90
    assert s.is_team_username("ALICE") and not s.is_team_username("carol")
    out = s.to_dict()
    assert out == {
        "outbox_retry": 3,
        "unanswered_definition": "last_word_not_team",
        "thresholds_hours": [12, 48],
        "team_usernames": ["Alice", "bob"],
        "idea_category_ids": ["5", "6"],
        "idea_tags": ["idea"],
        "silent_windows": {"active_days": 90, "quiet_days": 14, "min_contributions": 3, "newcomer_days": 30},
    }
    assert CommunitySettings.from_dict(out) == s


@pytest.mark.parametrize(
    "key, value",
    [
        ("unanswered_definition", "whatever"),
        ("thresholds_hours", [72, 24]),
        ("thresholds_hours", [24]),
        ("thresholds_hours", "24,72"),
        ("thresholds_hours", [0, 5]),
        ("team_usernames", "alice"),
        ("team_usernames", [None]),
        ("silent_windows", {"quiet_days": -1}),
        ("silent_windows", {"nope": 3}),
        ("silent_windows", [1, 2]),
        ("sync_minutes", True),
        ("sync_minutes", 2.5),
    ],
)
def test_a_bad_value_is_logged_and_the_default_applies(
    key: str, value: object, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="moderator.settings"):
        s = CommunitySettings.from_dict({key: value, "sync_minutes_other": 1})
    assert getattr(s, key) == getattr(CommunitySettings(), key)
    assert key in caplog.text
    assert s.to_dict() == {"sync_minutes_other": 1}


def test_replace_validates() -> None:
    s = CommunitySettings().replace(thresholds_hours=(6, 12), team_usernames=["eve"])
    assert s.thresholds_hours == (6, 12) and s.team_usernames == ("eve",)
    assert s.replace(silent_windows=SilentWindows(newcomer_days=7)).silent_windows.newcomer_days == 7
    with pytest.raises(InvalidSetting):
        s.replace(unanswered_definition="nope")
    with pytest.raises(InvalidSetting, match="unknown setting"):
        s.replace(color="blue")


def test_every_setting_is_described() -> None:
    described = CommunitySettings.describe()
    assert set(described) == set(CommunitySettings.setting_names())
    assert "sync_minutes" in described and all(described.values())
