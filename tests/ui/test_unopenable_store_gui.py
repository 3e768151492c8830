"""The app, given local data it cannot open, says so in a dialog instead of a traceback, and touches nothing."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator import paths
from ui import app, dialogs


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """``app.main`` adds a log file handler to the root logger: take it away again."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_damaged_database_gives_a_dialog_not_a_traceback(
    qtbot, data_dir: Path, no_dialogs: list[dialogs.Shown]
) -> None:
    db = paths.database_path()
    db.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 100)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    assert app.main([]) == 1
    (shown,) = no_dialogs
    assert shown.kind == "critical" and shown.title == "Cannot start"
    assert "local data cannot be opened" in shown.text and "not a Community Moderator database" in shown.text
    assert "--data-dir" in shown.text and "Traceback" not in shown.text
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["logs", "moderator.sqlite3"]


def test_data_dir_that_is_a_file_gives_a_dialog(
    qtbot, tmp_path: Path, no_dialogs: list[dialogs.Shown]
) -> None:
    target = tmp_path / "a-file"
    target.write_text("keep me")
    paths.set_data_dir(target)
    assert app.main([]) == 1
    (shown,) = no_dialogs
    assert "is a file, not a folder" in shown.text
    assert target.read_text() == "keep me"
