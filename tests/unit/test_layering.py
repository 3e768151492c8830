"""The core never imports Qt or the GUI: the CLI and tests must run it without a display."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "moderator"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_under_moderator_imports_qt_or_ui() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        for name in _imported_modules(path):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(CORE.parent)} imports {name}")
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt() -> None:
    """Belt and braces: a dynamic import would escape the AST check, a fresh interpreter would not."""
    modules = sorted(
        ".".join(p.relative_to(CORE.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in CORE.rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=CORE.parent
    )
    assert out.stdout.strip() == ""


PLATFORM_PACKAGES = frozenset(p.parent.name for p in (CORE / "platforms").glob("*/__init__.py"))
FRONT_ENDS = (
    *sorted((CORE.parent / "ui").rglob("*.py")),
    *sorted(CORE.glob("cli*.py")),
    CORE.parent / "main.py",
)


def test_front_ends_import_no_platform_package() -> None:
    """The UI and the CLI reach sign-in, capabilities and errors through the core's neutral modules
    (``moderator.signin``, ``moderator.accounts``, ``moderator.platforms.base``), never a platform's own
    package: adding a platform must not touch them."""
    offenders = []
    for path in FRONT_ENDS:
        for name in _imported_names(path):
            parts = name.split(".")
            if parts[:2] == ["moderator", "platforms"] and len(parts) > 2 and parts[2] in PLATFORM_PACKAGES:
                offenders.append(f"{path.relative_to(CORE.parent)} imports {name}")
    assert offenders == []


def _imported_names(path: Path) -> set[str]:
    """Modules and ``from X import name`` as ``X.name`` (``from moderator.platforms import discourse``)."""
    names = _imported_modules(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
        ):
            names.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return names


@pytest.mark.parametrize(
    "source",
    [
        "def f():\n    from moderator.platforms.discourse import auth\n",
        "from moderator.platforms import humhub\n",
        "import moderator.platforms.discourse.auth as a\n",
        "import importlib\nimportlib.import_module('moderator.platforms.humhub.signin')\n",
    ],
)
def test_the_layering_check_sees_every_way_to_import_a_platform(tmp_path: Path, source: str) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(source, encoding="utf-8")
    names = _imported_names(sample)
    assert any(n.split(".")[:2] == ["moderator", "platforms"] and n.split(".")[2] in ("discourse", "humhub") for n in names if n.count(".") >= 2)
