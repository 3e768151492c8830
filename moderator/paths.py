"""Where the app keeps its files: one place, with an override for tests, scripts and portable use.

Order of precedence: an explicit ``--data-dir`` (``set_data_dir``), then ``MODERATOR_DATA_DIR``, then
the platform's user data directory (platformdirs: ``~/.local/share/community-moderator`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "community-moderator"
ENV_VAR = "MODERATOR_DATA_DIR"

_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Force the data directory (the ``--data-dir`` flag); None goes back to the default."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def data_dir() -> Path:
    if _override is not None:
        path = _override
    elif os.environ.get(ENV_VAR):
        path = Path(os.environ[ENV_VAR]).expanduser().resolve()
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return data_dir() / "moderator.sqlite3"


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
