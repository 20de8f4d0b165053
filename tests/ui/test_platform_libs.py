"""A Linux system without the xcb plugin's libraries: the window entry names the Debian
packages instead of letting Qt abort, and the self-test fails instead of passing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ui import launch, platform_libs, selftest

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")


@LINUX
def test_missing_libraries_are_read_from_the_plugin() -> None:
    plugin = platform_libs.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    missing = platform_libs.missing_libraries(plugin)
    assert all(name.startswith("lib") and ".so" in name for name in missing)


def test_the_hint_names_the_debian_packages() -> None:
    hint = platform_libs.install_hint(["libxcb-cursor.so.0", "libxcb-icccm.so.4"])
    assert "libxcb-cursor.so.0" in hint and "sudo apt install libxcb-cursor0 libxcb-icccm4" in hint


@LINUX
def test_the_window_entry_prints_the_packages_instead_of_aborting(monkeypatch: pytest.MonkeyPatch, capsys,
                                                                   tmp_path: Path) -> None:  # noqa: ANN001
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(platform_libs, "missing_libraries", lambda plugin=None: ["libxcb-cursor.so.0"])
    assert launch.main(["--db", str(tmp_path / "w.db")]) == 1
    err = capsys.readouterr().err
    assert "sudo apt install libxcb-cursor0" in err and "workshop --help" in err
    assert not (tmp_path / "w.db").exists()  # nothing was opened


@LINUX
def test_the_self_test_fails_on_missing_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform_libs, "missing_libraries", lambda plugin=None: ["libxcb-keysyms.so.1"])
    with pytest.raises(RuntimeError, match="sudo apt install libxcb-keysyms1"):
        selftest.check_platform(Path("."))


@LINUX
def test_no_display_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(platform_libs, "missing_libraries", lambda plugin=None: [])
    assert "no display" in (platform_libs.display_problem() or "")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert platform_libs.display_problem() is None
