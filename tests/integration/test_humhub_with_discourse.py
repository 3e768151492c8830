"""A HumHub community next to Discourse (the sandbox) in one store: one sync, one unified queue,
the same fields from ``unanswered|silent|trending --format json`` for both platforms."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator import cli
from tests.helpers.cli_accounts_parser import wire_register
from tests.helpers.humhub_double import ADMIN_TOKEN, HumHubDouble, World, running
from tests.helpers.memory_keyring import memory_keyring


@pytest.fixture
def hub() -> Iterator[HumHubDouble]:
    with memory_keyring(), running(World(seed=4, users=25, spaces=3, posts=40)) as double:
        yield double


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    assert cli.main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_one_queue_over_discourse_and_humhub(
    data_dir: Path, hub: HumHubDouble, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wire_register(monkeypatch)
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_TOKEN + "\n"))
    assert cli.main(["accounts", "add", "humhub", "hub", "--url", hub.url, "--token-stdin"]) == 0
    assert cli.main(["sync"]) == 0  # the sandbox (Discourse) and the HumHub community
    capsys.readouterr()
    rows = _json(capsys, "unanswered", "--format", "json", "--definition", "no_reply")
    by_community: dict[object, list[dict[str, object]]] = {}
    for row in rows:
        by_community.setdefault(row["community_name"], []).append(row)
    assert set(by_community) == {"sandbox", "hub"}
    discourse_row, humhub_row = by_community["sandbox"][0], by_community["hub"][0]
    assert set(discourse_row) == set(humhub_row)  # the same fields for both platforms
    assert str(humhub_row["topic_id"]).isdigit() and int(str(humhub_row["topic_id"])) in hub.world.posts
    waits = [str(r["waiting_since"]) for r in rows]
    assert waits == sorted(waits)  # one queue, oldest wait first, platforms interleaved

    only = _json(capsys, "unanswered", "--community", "hub", "--format", "json", "--definition", "no_reply")
    assert only == by_community["hub"]
    silent = _json(capsys, "silent", "--community", "hub", "--format", "json")
    assert silent and {r["community_name"] for r in silent} == {"hub"}
    sandbox_silent = _json(capsys, "silent", "--community", "sandbox", "--format", "json")
    assert set(silent[0]) == set(sandbox_silent[0])
    trending = _json(capsys, "trending", "--format", "json")
    assert isinstance(trending, list)
