"""Before Qt starts on X11: are the libraries of Qt's ``xcb`` platform plugin installed?

Without them Qt aborts with "could not load the Qt platform plugin "xcb"" and a list of plugin names
that tells a user nothing. Qt 6.5+ needs ``libxcb-cursor0``, which many desktops lack, and a few more
XCB helper libraries. We try to load each one the way the plugin would (``dlopen`` by soname) and,
when some are missing, say which Debian/Ubuntu packages to install, then exit calmly.

No Qt here: this runs before ``QApplication`` exists (a failed plugin load ends the process).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# soname -> Debian/Ubuntu package (the names Fedora and Arch use differ; the soname is shown too).
# The NEEDED entries of PySide6's libqxcb.so and libQt6XcbQpa.so.6 (``readelf -d``), Qt's own excepted.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """Will Qt pick its X11 plugin? (Linux, an X display, no other platform asked for.)"""
    if not sys.platform.startswith("linux"):
        return False
    platform = environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0].strip()
    if platform:
        return platform == "xcb"
    if environ.get("WAYLAND_DISPLAY"):
        return False  # Qt prefers its Wayland plugin there
    return bool(environ.get("DISPLAY"))


def missing_packages(loads: Callable[[str], bool] | None = None) -> dict[str, str]:
    """The libraries that cannot be loaded, as {soname: package}."""
    load = loads or _loads
    return {soname: package for soname, package in XCB_LIBRARIES.items() if not load(soname)}


def message(missing: Mapping[str, str]) -> str:
    packages = " ".join(dict.fromkeys(missing.values()))
    libraries = ", ".join(missing)
    return (
        "Community Moderator cannot open its window: Qt's X11 (xcb) platform plugin needs libraries"
        f" that are not installed ({libraries}).\n\n"
        "On Debian or Ubuntu, install them with:\n\n"
        f"    sudo apt install {packages}\n\n"
        "then start the app again. (Other distributions: install the packages that provide these files.)\n"
    )


def check(
    environ: Mapping[str, str] | None = None,
    *,
    loads: Callable[[str], bool] | None = None,
    out: Callable[[str], object] | None = None,
) -> bool:
    """True when Qt can start; otherwise say what to install (stderr) and return False."""
    env = os.environ if environ is None else environ
    if not uses_xcb(env):
        return True
    missing = missing_packages(loads)
    if not missing:
        return True
    (out or sys.stderr.write)(message(missing))
    return False
