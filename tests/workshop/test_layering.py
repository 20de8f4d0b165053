"""workshop/ is the Qt-free core: importing all of it must not load PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import workshop


def test_no_qt_in_core() -> None:
    modules = [m.name for m in pkgutil.walk_packages(workshop.__path__, "workshop.")
               if ".migrations.versions" not in m.name and not m.name.endswith(".migrations.env")]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(modules) > 10
