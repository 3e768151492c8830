"""``review list`` / ``review act`` / ``outbox send`` end to end: the CLI syncs the sandbox (its
seeded review queue), lists the items in both formats, queues a decision and sends it once."""

from __future__ import annotations

import json

import pytest

from moderator import cli

FIELDS = {
    "community_name",
    "reviewable_id",
    "type",
    "status",
    "score",
    "reasons",
    "target_post_id",
    "target_topic_id",
    "actions",
}


def test_list_act_and_send(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["sync", "sandbox"]) == 0
    capsys.readouterr()
    assert cli.main(["review", "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 10 and all(set(r) == FIELDS for r in rows)
    flagged = next(r for r in rows if r["type"] == "flagged_post")
    assert flagged["community_name"] == "sandbox" and flagged["target_post_id"]
    assert "agree_and_hide" in flagged["actions"]

    assert cli.main(["review", "list"]) == 0
    table = capsys.readouterr().out
    assert "reviewable_id" in table.splitlines()[0] and flagged["reviewable_id"] in table

    assert cli.main(["review", "act", "sandbox", flagged["reviewable_id"], "agree_and_hide"]) == 0
    assert "outbox send" in capsys.readouterr().out
    assert cli.main(["review", "act", "sandbox", flagged["reviewable_id"], "disagree"]) == 1
    assert "already queued" in capsys.readouterr().err
    assert cli.main(["review", "act", "sandbox", flagged["reviewable_id"] + "0", "disagree"]) == 1
    assert "not in the local copy" in capsys.readouterr().err

    assert cli.main(["review", "list", "--format", "json"]) == 0
    assert flagged["reviewable_id"] not in {r["reviewable_id"] for r in json.loads(capsys.readouterr().out)}
    assert cli.main(["outbox", "send"]) == 0
    out = capsys.readouterr().out
    assert f"item {flagged['reviewable_id']}, “agree_and_hide”: done" in out
    assert cli.main(["outbox", "send"]) == 0
    assert "Nothing to send." in capsys.readouterr().out
