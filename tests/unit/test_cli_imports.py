"""A read-only query of the command line loads only what it needs (issue 17: `silent --format json`
as a whole process). The set of modules is checked, not a time: a fresh interpreter runs the command
and lists what it imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from moderator import cli

ROOT = Path(__file__).resolve().parents[2]

# Never needed to read the local copy: the GUI, HTTP, the keyring and sign-in, the platforms'
# packages, markdown rendering, calendars, the sandbox server, the other views.
HEAVY = (
    "PySide6",
    "shiboken6",
    "ui",
    "requests",
    "urllib3",
    "keyring",
    "msal",
    "cryptography",
    "markdown_it",
    "icalendar",
    "http.client",
    "moderator.platforms",
    "moderator.sandbox",
    "moderator.accounts",
    "moderator.signin",
    "moderator.secrets",
    "moderator.outbox",
    "moderator.nudges",
    "moderator.review",
    "moderator.insights.results",
)

_PROBE = """
import contextlib, io, json, sys
sys.argv[0] = "main.py"
import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    status = main.main(sys.argv[1:])
print(json.dumps({"status": status, "rows": len(json.loads(out.getvalue())), "modules": sorted(sys.modules)}))
"""


def _loaded(data_dir: Path, *argv: str) -> dict[str, object]:
    command = [sys.executable, "-c", _PROBE, "--data-dir", str(data_dir), *argv]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize(
    ("argv", "view"),
    [(("silent", "--format", "json"), "silent"), (("unanswered", "--format", "json"), "unanswered")],
)
def test_a_read_only_query_loads_no_network_gui_or_platform_module(
    tmp_path: Path, argv: tuple[str, ...], view: str
) -> None:
    result = _loaded(tmp_path, *argv)
    assert result["status"] == 0 and result["rows"] == 0  # it ran, on an empty store
    modules = result["modules"]
    assert isinstance(modules, list)
    assert [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)] == []
    assert f"moderator.insights.{view}" in modules
    assert "moderator.cli_insights" in modules and "moderator.cli_accounts" not in modules


def test_the_command_is_found_whatever_the_global_options() -> None:
    assert cli.command_of(["silent", "--format", "json"]) == "silent"
    assert cli.command_of(["--data-dir", "/x", "-v", "silent"]) == "silent"
    assert cli.command_of(["--data-dir=/x", "--verbose", "trending"]) == "trending"
    assert cli.command_of(["--help"]) is None and cli.command_of([]) is None
    assert cli.command_of(["--data-dir"]) is None


def test_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    for commands in cli.COMMAND_MODULES.values():
        for command in commands:
            assert command in text
    assert "accounts" in text and "sync" in text


def test_a_command_alone_refuses_a_bad_option_as_the_whole_parser_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--data-dir", str(tmp_path), "silent", "--segment", "nobody"])
    assert exc.value.code == 2
    assert "invalid choice: 'nobody'" in capsys.readouterr().err
