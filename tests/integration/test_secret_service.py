"""One test through a real Secret Service: gnome-keyring, unlocked inside a private D-Bus session.

Why a subprocess: the D-Bus session, the keyring daemon and the keyring files must be this test's
own (a temporary HOME), never the developer's, and must all go away afterwards. ``dbus-run-session``
gives a private bus that ends with the command; ``gnome-keyring-daemon --unlock`` reads a password on
standard input and creates and unlocks a "login" collection in the temporary HOME (an empty password
creates none, hence the throwaway one). Every step has a timeout so CI cannot hang here.

CI needs the Debian packages ``dbus`` and ``gnome-keyring`` (see ``.ci/run``); the test is skipped,
with the reason, only where those programs are missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_SECONDS = 90

SCRIPT = textwrap.dedent(
    """
    import json, sys
    import keyring
    from keyring.backends import SecretService
    from moderator import secrets

    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    result = {"backend": type(backend).__module__, "problem": secrets.keyring_problem()}
    owner = secrets.SecretOwner.of("ci-data-dir", "ci-community", "https://forum.example.org")
    secrets.set_secret(owner, "user_key", "ci-secret-9f3b")
    result["read"] = secrets.get_secret(owner, "user_key")
    result["raw"] = backend.get_password(secrets.SERVICE, owner.entry("user_key"))
    secrets.delete_secret(owner, "user_key")
    result["after_delete"] = secrets.get_secret(owner, "user_key")
    print("RESULT " + json.dumps(result))
    """
)


def _missing_programs() -> list[str]:
    return [name for name in ("dbus-run-session", "gnome-keyring-daemon") if shutil.which(name) is None]


@pytest.mark.secret_service
@pytest.mark.skipif(
    bool(_missing_programs()),
    reason=f"needs a real Secret Service: install the Debian packages dbus and gnome-keyring "
    f"(missing: {', '.join(_missing_programs())})",
)
def test_store_and_read_a_secret_through_a_real_secret_service(tmp_path: Path) -> None:
    home = tmp_path / "home"
    runtime = tmp_path / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    script = tmp_path / "probe.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHONPATH": str(REPO_ROOT),
        "LANG": "C.UTF-8",
        "NO_AT_BRIDGE": "1",
    }  # no DISPLAY, no outer DBUS_SESSION_BUS_ADDRESS: nothing of the developer's session leaks in
    shell = (
        "printf 'throwaway-ci-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
        f' && exec "{sys.executable}" "{script}"'
    )
    try:
        done = subprocess.run(
            ["dbus-run-session", "--", "sh", "-c", shell],
            env=env,
            cwd=str(tmp_path),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            start_new_session=True,  # a timeout kills the whole group, daemon included
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the Secret Service did not answer within {TIMEOUT_SECONDS} s: {exc.stderr!r}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, (
        f"exit {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    )
    result = json.loads(lines[-1].removeprefix("RESULT "))
    assert result == {
        "backend": "keyring.backends.SecretService",
        "problem": None,
        "read": "ci-secret-9f3b",
        "raw": "ci-secret-9f3b",
        "after_delete": None,
    }
    stored = list((home / ".local" / "share" / "keyrings").glob("*.keyring"))
    assert stored, "gnome-keyring kept no keyring file in the temporary HOME"
    for path in stored:  # encrypted at rest
        assert b"ci-secret-9f3b" not in path.read_bytes()
