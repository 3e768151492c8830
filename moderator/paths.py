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


class DataDirError(Exception):
    """The data directory cannot be used (a file in its place, no permission); the message says what to do."""


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
    _ensure_dir(path)
    return path


def _ensure_dir(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise DataDirError(
            f"The data folder {path} is a file, not a folder. Give --data-dir a folder (a new one is "
            "created), or move that file away. Nothing was changed."
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirError(
            f"The data folder {path} cannot be created ({exc.strerror or type(exc).__name__}). Give "
            "--data-dir a folder you may write to. Nothing was changed."
        ) from None
    if not os.access(path, os.R_OK | os.W_OK | os.X_OK):
        raise DataDirError(
            f"The data folder {path} cannot be read or written with your permissions. Fix its "
            "permissions, or give --data-dir another folder. Nothing was changed."
        )


def database_path() -> Path:
    return data_dir() / "moderator.sqlite3"


def log_dir() -> Path:
    path = data_dir() / "logs"
    _ensure_dir(path)
    return path
