"""A local database that cannot be opened: a message that says what is wrong and what to do, no traceback,
and the broken file left exactly as it was (no write, no -wal or -shm next to it)."""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from moderator import cli, paths
from moderator.store import Store


def _random_bytes(db: Path) -> None:
    db.write_bytes(random.Random(5).randbytes(64 * 1024))


def _truncated(db: Path) -> None:
    # A real store with some content, then cut in half like a copy that did not finish.
    with Store(db) as store, store.write() as conn:
        conn.executemany(
            "INSERT INTO saved_replies (title, body, created_at, updated_at) VALUES (?, ?, 0, 0)",
            [(f"title {n}", "body " * 200) for n in range(300)],
        )
    for extra in ("-wal", "-shm"):
        db.with_name(db.name + extra).unlink(missing_ok=True)
    data = db.read_bytes()
    assert len(data) > 8192
    db.write_bytes(data[: len(data) // 2])


def _directory(db: Path) -> None:
    db.mkdir()
    (db / "something").write_text("x")


DAMAGES: dict[str, Callable[[Path], None]] = {
    "random bytes": _random_bytes,
    "truncated": _truncated,
    "a directory": _directory,
}
EXPECTED = {
    "random bytes": "not a Community Moderator database",
    "truncated": "cut short",
    "a directory": "is a folder",
}


def _fingerprint(path: Path) -> object:
    if path.is_dir():
        return sorted(p.name for p in path.iterdir())
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_database_is_refused_in_words_and_left_alone(
    damage: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = paths.database_path()
    DAMAGES[damage](db)
    before = _fingerprint(db)
    neighbours = sorted(p.name for p in data_dir.iterdir())
    assert cli.main(["topics"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert EXPECTED[damage] in err and str(db) in err
    assert "--data-dir" in err  # what to do
    assert _fingerprint(db) == before
    assert sorted(p.name for p in data_dir.iterdir()) == neighbours, "nothing created next to it"


def test_a_data_dir_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("my notes")
    assert cli.main(["--data-dir", str(target), "unanswered"]) == 1
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "Traceback" not in err
    assert target.read_text() == "my notes"


def test_a_data_dir_that_cannot_be_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cli.main(["--data-dir", str(blocker / "sub"), "sync"]) == 1
    err = capsys.readouterr().err
    assert "cannot be created" in err and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes whatever the permissions")
def test_an_unreadable_database(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = paths.database_path()
    Store(db).close()
    db.chmod(0)
    try:
        assert cli.main(["topics"]) == 1
    finally:
        db.chmod(0o600)
    err = capsys.readouterr().err
    assert "permissions" in err and "Traceback" not in err


def test_a_new_empty_data_dir_still_opens(data_dir: Path) -> None:
    assert cli.main(["topics"]) == 0
    assert paths.database_path().stat().st_size > 0
