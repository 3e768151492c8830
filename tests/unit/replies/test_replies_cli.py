"""``reply`` and ``outbox``: clear words for every mistake, and the same outbox as the app."""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator import cli_replies, outbox, paths
from moderator.bootstrap import AppContext
from moderator.cli import CliError
from moderator.store import Store
from tests.helpers.posting_double import FakeConnector, FakeServer, World, make_world

BODY = "Merci pour cette idée, on en parle jeudi à la réunion ?"


def run(argv: list[str]) -> int:
    """What ``moderator.cli.main`` does once the lead registers the commands."""
    parser = argparse.ArgumentParser(prog="community-moderator")
    cli_replies.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except CliError as exc:
        print(f"error: {exc}")
        return 1


@pytest.fixture
def app_world(tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    """The app's own database (in the per-test data dir) with the double's community and topic."""
    world = make_world(tmp_path, paths.database_path())
    world.store.close()  # the commands open their own
    server: FakeServer = world.server
    monkeypatch.setattr(AppContext, "connector_for", lambda self, c: FakeConnector(server, c.username))
    yield world


def _items() -> list[outbox.OutboxItem]:
    store = Store(paths.database_path())
    try:
        return outbox.list_items(store)
    finally:
        store.close()


def test_reply_from_a_file_queues_it(
    app_world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = tmp_path / "reply.md"
    body.write_text(BODY + "\n", encoding="utf-8")
    assert run(["reply", "acme", "10", "--body-file", str(body)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == (
        "Queued reply #1 for topic 10 in acme; it will be sent by `outbox send` or the app."
    )
    [item] = _items()
    assert item.body == BODY and item.last_seen_post_number == 2


def test_reply_from_stdin(app_world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(BODY))
    assert run(["reply", "acme", "10", "--body-file", "-", "--reply-to", "2"]) == 0
    assert _items()[0].reply_to_post_number == 2


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["reply", "nope", "10", "--body-file", "BODY"], "No community named nope. Known communities: acme."),
        (["reply", "acme", "999", "--body-file", "BODY"], "Topic 999 is not in the local copy of acme"),
        (["reply", "acme", "10", "--body-file", "missing.md"], "No file named missing.md"),
        (["reply", "acme", "10", "--body-file", "EMPTY"], "The reply is empty"),
        (["reply", "acme", "10", "--body-file", "SHORT"], "the community needs at least 20"),
    ],
)
def test_reply_mistakes_say_what_to_do(
    app_world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    files = {"BODY": BODY, "EMPTY": "  \n", "SHORT": "Too short."}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    argv = [str(tmp_path / a) if a in files else a for a in argv]
    assert run(argv) == 1
    assert words in capsys.readouterr().out
    assert _items() == []


def test_outbox_list_and_send(app_world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = tmp_path / "reply.md"
    body.write_text(BODY, encoding="utf-8")
    run(["reply", "acme", "10", "--body-file", str(body)])
    capsys.readouterr()
    assert run(["outbox", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Queued — will be sent when online" in listing and "acme" in listing
    app_world.server.script = ["drop"]
    assert run(["outbox", "send"]) == 1
    assert (
        "#1 acme topic 10: Queued, not sent yet: the community could not be reached"
        in capsys.readouterr().out
    )
    assert run(["outbox", "send"]) == 0
    out = capsys.readouterr().out
    assert "#1 acme topic 10: Sent (it had reached the server already; not sent twice)" in out
    assert sum(p.raw == BODY for p in app_world.server.posts) == 1
    assert run(["outbox", "list"]) == 0
    assert "Nothing waiting" in capsys.readouterr().out
    assert run(["outbox", "list", "--all"]) == 0
    assert "Sent" in capsys.readouterr().out


def test_outbox_requeue_a_held_reply(
    app_world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = tmp_path / "reply.md"
    body.write_text(BODY, encoding="utf-8")
    run(["reply", "acme", "10", "--body-file", str(body)])
    app_world.server.topics["10"].closed = True
    assert run(["outbox", "send"]) == 1
    assert "Held: the topic was closed" in capsys.readouterr().out
    assert run(["outbox", "requeue", "1", "--send-anyway"]) == 0
    assert run(["outbox", "send"]) == 0
    assert run(["outbox", "requeue", "1"]) == 1
    assert "only held or rejected replies are requeued" in capsys.readouterr().out
    assert run(["outbox", "requeue", "42"]) == 1
