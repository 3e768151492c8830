"""``results`` on the command line: the Results view's figures per community and ISO week."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moderator import cli, cli_insights, cli_results, paths
from moderator.clock import FakeClock
from moderator.insights.results import first_response
from moderator.model import UTC
from moderator.store import Store
from tests.unit.test_cli_insights import world

NOW = world.NOW  # Wednesday 2026-05-20 12:00 UTC
MONDAY = dt.datetime(2026, 5, 18, tzinfo=UTC)


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_insights, "CLOCK", FakeClock(NOW))
    monkeypatch.setattr(cli_results, "ZONE", UTC)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Any]:
    with Store(paths.database_path()) as s:
        north, south = world.Forum(s, "north"), world.Forum(s, "south")
        north.topic("a", created=MONDAY - dt.timedelta(days=7), replies=[("30", "bob", MONDAY - dt.timedelta(days=7, hours=-5))])
        north.topic("b", created=MONDAY - dt.timedelta(days=6), replies=[("30", "bob", MONDAY - dt.timedelta(days=6, hours=-1))])
        south.topic("c", created=MONDAY + dt.timedelta(hours=1))
        yield s


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="community-moderator")
    cli_results.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    try:
        return int(args.handler(args))
    except cli.CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def test_json_per_community_and_iso_week(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("results", "--weeks", "2", "--format", "json") == 0
    out = json.loads(capsys.readouterr().out)
    assert [(r["community_name"], r["week"], r["topics"], r["answered"], r["median_hours"], r["p90_hours"]) for r in out] == [
        ("north", "2026-W20", 2, 2, 3.0, 4.6),
        ("north", "2026-W21", 0, 0, None, None),
        ("south", "2026-W20", 0, 0, None, None),
        ("south", "2026-W21", 1, 0, None, None),
    ]
    assert out == [r.to_json_dict() for r in first_response(store, weeks_back=2, now=NOW, tz=UTC)]


def test_table_csv_and_bad_input(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("results", "--community", "north", "--weeks", "2") == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].split()[:4] == ["community", "week", "topics", "answered"]
    assert "north: Median first response held at about 3 h since May 2026" in text
    assert run("results", "--what", "participation", "--months", "1", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["community_name"], r["month"], r["publishers"]) for r in rows] == [("north", "2026-05", "2"), ("south", "2026-05", "1")]
    assert run("results", "--weeks", "0") == 1
    assert "--weeks takes a number of weeks from 1 to 520" in capsys.readouterr().err
    assert run("results", "--community", "nowhere") == 1
    assert "No community named nowhere" in capsys.readouterr().err
