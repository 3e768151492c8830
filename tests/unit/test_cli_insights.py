"""``unanswered``, ``silent`` and ``trending`` on the command line: the core's rows, in three formats.

The store is built with the insights tests' own helpers (``tests/unit/insights/insights_world.py``)
and the clock is pinned to their ``NOW``, so the rows compared are the core's, to the field.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moderator import cli, cli_insights, insights, paths
from moderator.clock import FakeClock
from moderator.insights import Segment
from moderator.store import Store
from tests.helpers.worlds import insights_world

world = insights_world()
NOW, ago = world.NOW, world.ago


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock(NOW)
    monkeypatch.setattr(cli_insights, "CLOCK", clock)
    return clock


@pytest.fixture
def north(data_dir: Path) -> Iterator[Any]:
    """Two communities in the CLI's own database: north (3 waiting, 1 answered, members), south."""
    with Store(paths.database_path()) as s:
        north = world.Forum(s, "north")
        north.topic("1", created=ago(days=5), title="Where is the agenda?")
        north.topic("2", created=ago(days=2), title="Parking on Friday?")
        north.topic("3", created=ago(hours=3), title="Badge for visitors")
        north.topic("4", created=ago(days=1), replies=[("11", "bob", ago(hours=20))], title="Answered")
        north.member("10", "alice", post_count=4, created_at=ago(days=300))
        north.member("20", "rita", days_visited=9, posts_read=120, created_at=ago(days=200))
        north.member("21", "nina", created_at=ago(days=4), last_seen_at=ago(days=1))
        south = world.Forum(s, "south", thresholds_hours=[2, 6])
        south.topic("7", created=ago(hours=4), author="50", username="sam", title="Idée : covoiturage")
        yield north


@pytest.fixture
def store(north: Any) -> Store:
    return north.store  # type: ignore[no-any-return]


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="community-moderator")
    cli_insights.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    try:
        return int(args.handler(args))
    except cli.CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _json(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return json.loads(capsys.readouterr().out)


def test_unanswered_json_is_the_core_rows_with_their_ids(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("unanswered", "--format", "json") == 0
    out = _json(capsys)
    assert out == [r.to_json_dict() for r in insights.unanswered_topics(store, now=NOW)]
    assert [(r["community_name"], r["topic_id"]) for r in out] == [
        ("north", "1"),
        ("north", "2"),
        ("south", "7"),
        ("north", "3"),
    ]
    assert [r["severity"] for r in out] == ["red", "amber", "amber", "calm"]  # south's thresholds: 2 h, 6 h
    assert out[0]["author_id"] == "10" and out[0]["definition"] == "no_reply"


def test_unanswered_community_filter_csv_and_table(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("unanswered", "--community", "south", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["community_name"], r["topic_id"], r["title"]) for r in rows] == [
        ("south", "7", "Idée : covoiturage")
    ]
    assert rows[0]["why"] == "No reply for 4 hours"

    assert run("unanswered", "--community", "north", "--community", "south", "--format", "json") == 0
    assert len(_json(capsys)) == 4

    assert run("unanswered", "--community", "north") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["community", "id", "wait", "title", "why"]
    assert lines[2].startswith("north") and "Where is the agenda?" in lines[2] and "red" in lines[2]
    assert len(lines) == 2 + 3


def test_unanswered_definition_is_forced(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("unanswered", "--definition", "unsolved", "--format", "json") == 0
    assert _json(capsys) == [
        r.to_json_dict() for r in insights.unanswered_topics(store, now=NOW, definition="unsolved")
    ]


def test_unknown_community_exits_1_and_names_the_known_ones(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("unanswered", "--community", "nowhere") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "No community named nowhere. Known communities: north, south." in captured.err


def test_silent_segments_json_and_the_headline_in_the_table(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("silent", "--format", "json") == 0
    out = _json(capsys)
    assert out == [r.to_json_dict() for r in insights.silent_members(store, now=NOW)]
    assert {(r["username"], r["segment"], r["member_id"]) for r in out} == {
        ("nina", "newcomer", "21"),
        ("rita", "reader", "20"),
    }
    assert run("silent", "--segment", "readers", "--format", "json") == 0
    assert [r["username"] for r in _json(capsys)] == ["rita"]
    assert run("silent", "--community", "north") == 0
    text = capsys.readouterr().out
    assert "Invite them into a discussion" in text and "Welcome them" in text
    assert "of 3 members ever published (1)" in text


def test_trending_topics_and_terms(north: Any, store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    north.topic(
        "ride",
        created=ago(days=20),
        title="Carpooling to the office",
        replies=[
            (str(60 + i), f"p{i}", ago(days=1, hours=i), {"cooked": "<p>Carpooling please</p>"})
            for i in range(5)
        ],
    )
    assert run("trending", "--format", "json") == 0
    out = _json(capsys)
    assert out == [r.to_json_dict() for r in insights.trending_ideas(store, now=NOW)]
    assert out[0]["topic_id"] == "ride" and out[0]["community_name"] == "north"
    assert run("trending", "--terms", "--format", "json") == 0
    terms = _json(capsys)
    assert "carpooling" in [t["key"] for t in terms]
    assert run("trending", "--terms") == 0
    assert capsys.readouterr().out.splitlines()[0].split()[:4] == ["term", "recent", "before", "growth"]


def test_empty_table_says_why(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(paths.database_path()) as s:
        world.Forum(s, "quiet")
    assert run("unanswered") == 0
    assert capsys.readouterr().out.strip() == "Nothing waiting. Everything has an answer."
    assert run("silent", "--segment", "gone-quiet") == 0
    assert "Nobody is silent" in capsys.readouterr().out
    assert Segment.GONE_QUIET is cli_insights.SEGMENT_WORDS["gone-quiet"]
