"""Can Qt open a window here? On Linux the X11 platform plugin (xcb) needs system libraries
that a minimal Debian/Ubuntu lacks; without them Qt aborts the process (exit 134) with a
message only a developer understands. So the libraries are looked for before Qt starts,
and a missing one is named with the package that brings it.

This module imports no Qt module: it only reads where PySide6 keeps its plugins.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# A library of the xcb plugin → the Debian/Ubuntu package that brings it.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
# The hidden option with which the self-test starts the real platform plugin in a process of its own.
PROBE_FLAG = "--platform-probe"
NOT_FOUND = re.compile(r"^\s*(\S+) => not found", re.MULTILINE)


def xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        for candidate in (Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so",
                          Path(folder) / "plugins" / "platforms" / "libqxcb.so"):
            if candidate.is_file():
                return candidate
    return None


def missing_libraries(plugin: Path | None = None) -> list[str]:
    """The system libraries the xcb plugin needs that cannot be found (Linux only)."""
    if not sys.platform.startswith("linux"):
        return []
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return []
    ldd = shutil.which("ldd")
    if ldd:
        try:
            out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            out = None
        if out is not None:
            return sorted(set(NOT_FOUND.findall(out)))
    import ctypes

    try:  # without ldd: loading the plugin names the first library it misses
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        found = re.match(r"(\S+?): cannot open shared object file", str(exc))
        return [found.group(1)] if found else [str(exc)]
    return []


def install_hint(missing: list[str]) -> str:
    """What to tell someone whose system lacks the libraries."""
    from workshop.i18n import _

    packages = sorted({DEBIAN_PACKAGES[name] for name in missing if name in DEBIAN_PACKAGES})
    text = _("The window cannot open: Qt's X11 platform plugin (xcb) needs system libraries that are missing "
             "here: {libraries}.").format(libraries=", ".join(missing))
    if packages:
        text += " " + _("On Debian or Ubuntu, install them with: sudo apt install {packages}").format(
            packages=" ".join(packages))
    text += " " + _("The command line (workshop --help) works without them.")
    return text


def wants_xcb() -> bool:
    """Whether Qt is about to use the X11 plugin: Linux, no other platform chosen, a display."""
    if not sys.platform.startswith("linux"):
        return False
    chosen = os.environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    wayland = os.environ.get("WAYLAND_DISPLAY") and os.environ.get("XDG_SESSION_TYPE") == "wayland"
    return not wayland


def display_problem() -> str | None:
    """Why the window cannot open on this Linux system, before Qt would abort; None if it can."""
    if not wants_xcb():
        return None
    missing = missing_libraries()
    if missing:
        return install_hint(missing)
    if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        from workshop.i18n import _

        return _("The window cannot open: there is no display (DISPLAY is not set). Start the app from the "
                 "desktop, or use the command line (workshop --help).")
    return None
