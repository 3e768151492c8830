"""The command line refuses what a site would refuse or what cannot mean anything, before queueing it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator import cli, outbox, paths
from moderator.bootstrap import AppContext
from moderator.store import Store
from tests.helpers.posting_double import FakeConnector, FakeServer, World, make_world

BODY = "Merci pour cette idée, on en parle jeudi à la réunion ?"


@pytest.fixture
def app_world(tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    world = make_world(tmp_path, paths.database_path())
    world.store.close()
    server: FakeServer = world.server
    monkeypatch.setattr(AppContext, "connector_for", lambda self, c: FakeConnector(server, c.username))
    yield world


def _queued() -> int:
    store = Store(paths.database_path())
    try:
        return len(outbox.list_items(store))
    finally:
        store.close()


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("command", ["unanswered", "silent", "trending", "topics"])
def test_a_negative_limit_is_refused(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error([command, "--limit", "-5"], capsys)
    assert "-5 is negative" in err


def test_reply_to_a_post_number_below_one(app_world: World, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    body = tmp_path / "r.md"
    body.write_text(BODY, encoding="utf-8")
    err = _usage_error(["reply", "acme", "10", "--body-file", str(body), "--reply-to", "-3"], capsys)
    assert "numbered from 1" in err
    assert _queued() == 0


def test_reply_to_a_post_the_topic_does_not_have(app_world: World, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    body = tmp_path / "r.md"
    body.write_text(BODY, encoding="utf-8")
    assert cli.main(["reply", "acme", "10", "--body-file", str(body), "--reply-to", "99999"]) == 1
    err = capsys.readouterr().err
    assert "has posts 1 to 2: there is no post 99999" in err
    assert _queued() == 0


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_a_body_longer_than_a_post_may_be(
    app_world: World, tmp_path: Path, source: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    huge = "Un texte beaucoup trop long. " * 2_000_000  # 58 MB
    if source == "file":
        path = tmp_path / "huge.md"
        path.write_text(huge, encoding="utf-8")
        argv = ["reply", "acme", "10", "--body-file", str(path)]
    else:
        monkeypatch.setattr("sys.stdin", io.StringIO(huge))
        argv = ["reply", "acme", "10", "--body-file", "-"]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert "longer than 32,000 characters" in err
    assert _queued() == 0


def test_a_body_of_exactly_the_maximum_is_queued(app_world: World, tmp_path: Path) -> None:
    path = tmp_path / "max.md"
    path.write_text("x" * outbox.MAX_REPLY_LENGTH, encoding="utf-8")
    assert cli.main(["reply", "acme", "10", "--body-file", str(path), "--reply-to", "2"]) == 0
    assert _queued() == 1
