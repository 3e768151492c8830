"""A desktop missing Qt's X11 libraries gets the packages to install, not Qt's raw plugin error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import main
from ui import platform_libs

ROOT = Path(__file__).resolve().parents[2]
X11 = {"DISPLAY": ":0"}


def test_missing_libraries_are_named_with_their_debian_packages() -> None:
    lines: list[str] = []
    ok = platform_libs.check(
        X11, loads=lambda soname: soname not in {"libxcb-cursor.so.0", "libxcb-icccm.so.4"}, out=lines.append
    )
    assert not ok
    text = "".join(lines)
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4\n" in text
    assert "libxcb-cursor.so.0" in text and "could not load" not in text


def test_nothing_said_when_everything_is_there_or_qt_will_not_use_x11() -> None:
    said: list[str] = []
    assert platform_libs.check(X11, loads=lambda _s: True, out=said.append)
    for env in (
        {"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"},
        {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
        {},
    ):
        assert platform_libs.check(env, loads=lambda _s: False, out=said.append)
    assert said == []
    assert not platform_libs.check({"QT_QPA_PLATFORM": "xcb"}, loads=lambda _s: False, out=said.append)


def test_every_library_of_the_installed_xcb_plugin_is_known() -> None:
    """The list follows PySide6's plugin: each non-Qt library it needs has a package name."""
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    plugin, qpa = qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"
    if not plugin.exists() or not qpa.exists():
        pytest.skip("no xcb plugin in this PySide6")
    try:
        dump = subprocess.run(
            ["readelf", "-d", str(plugin), str(qpa)], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("readelf is not available")
    needed = {line.split("[")[1].rstrip("]") for line in dump.stdout.splitlines() if "(NEEDED)" in line}
    system = {
        n
        for n in needed
        if not n.startswith(("libQt6", "libc.so", "libm.so", "libstdc++", "libgcc_s", "libgthread"))
    }
    assert system <= set(platform_libs.XCB_LIBRARIES)


def test_the_app_exits_with_the_message_instead_of_starting_qt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(platform_libs, "_loads", lambda soname: soname != "libxcb-cursor.so.0")
    monkeypatch.setattr(sys, "platform", "linux")
    assert main.main(["--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "sudo apt install libxcb-cursor0" in err


def test_readme_names_the_packages() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "libxcb-cursor0" in readme and "libxcb-icccm4" in readme and "libxcb-keysyms1" in readme
