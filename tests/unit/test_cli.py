"""The command line: every failure is a sentence and an exit code, never a traceback."""

from __future__ import annotations

import json

import pytest

from moderator import cli
from moderator.bootstrap import SANDBOX_NAME


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in ("sync", "topics", "accounts", "sandbox"):
        assert command in out


def test_first_run_knows_the_sandbox_community(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["accounts", "list"]) == 0
    out = capsys.readouterr().out
    assert SANDBOX_NAME in out and "(built-in sandbox)" in out


def test_topics_on_an_empty_copy_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["topics"]) == 0
    assert "python main.py sync" in capsys.readouterr().out
    assert cli.main(["topics", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_unknown_community_is_a_message_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["topics", "--community", "nope"]) == 1
    err = capsys.readouterr().err
    assert "No community named nope" in err and "sandbox" in err and "Traceback" not in err


def test_data_dir_flag_redirects_the_store(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "elsewhere"
    assert cli.main(["--data-dir", str(target), "accounts", "list"]) == 0
    assert (target / "moderator.sqlite3").exists()


def test_a_reader_that_leaves_early_is_not_an_error(tmp_path) -> None:
    """`main.py topics | head -1` must end quietly, without a BrokenPipeError traceback."""
    import subprocess
    import sys
    from pathlib import Path

    main_py = Path(__file__).resolve().parents[2] / "main.py"
    script = (
        f"{sys.executable} {main_py} --data-dir {tmp_path} sync >/dev/null && "
        f"{sys.executable} {main_py} --data-dir {tmp_path} topics | head -1"
    )
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", script], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr
    assert proc.stdout.startswith("community")
