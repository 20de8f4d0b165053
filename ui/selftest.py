"""The self-test's Qt checks: the real platform plugin can start (its system libraries are
there), the main window builds offscreen, the phone server answers.

Each check imports what it checks inside itself, after the platform is chosen, so that a
broken module fails its own line of the self-test rather than the whole command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from workshop.selftest import Check


def _app():  # noqa: ANN202 - QApplication
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Qt's modules load after the platform is chosen (and the command line never loads them otherwise)
    from ui.app import make_application

    return make_application()


def check_main_window(folder: Path) -> str:
    app = _app()
    # each check loads what it checks, so a broken module fails its own line, not the whole self-test
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from workshop.storage.db import open_database

    db = open_database(folder / "selftest.db")
    try:
        window = MainWindow(AppContext(db), restore=False)
        window.show()
        app.processEvents()
        shown = window.isVisible()
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        db.close()
    if not shown:
        raise RuntimeError("the main window did not show")
    return f"main window built offscreen ({app.platformName()})"


def check_phone_server(folder: Path) -> str:
    _app()
    from ui.collect.server import CollectServer
    from ui.context import AppContext
    from workshop.storage.db import open_database
    from workshop.workshops import list_workshops

    db = open_database(folder / "selftest.db")
    server = None
    try:
        workshop_id = max(w.id for w in list_workshops(db))
        server = CollectServer(AppContext(db), workshop_id, "127.0.0.1", 0)
        status, body = _fetch(server.url)
        if status != 200 or b"<html" not in body.lower():
            raise RuntimeError(f"the phone page answered {status}")
        wrong = server.url.rsplit("/", 1)[0] + "/not-the-token"
        status, body = _fetch(wrong)
        if status < 400 or "error" not in json.loads(body or b"{}"):
            raise RuntimeError(f"a wrong token was answered with {status}")
        url = server.url
        server.stop()
        try:
            _fetch(url, timeout=2)
        except OSError:
            pass
        else:
            raise RuntimeError("the port stayed open after stop")
    finally:
        if server is not None:
            server.stop()
        db.close()
    return f"phone server started on {url.split('/')[2]}, refused a wrong token, stopped"


def _fetch(url: str, timeout: float = 5) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def check_page_preview(folder: Path) -> str:
    """The Close step's page preview renders the self-test's PDF (PDFium is in the bundle)."""
    _app()
    from ui.steps.close import render_page

    image, pages = render_page(folder / "selftest.pdf", 0, 400)
    if image.isNull() or image.width() != 400 or pages != 1:
        raise RuntimeError("the PDF page could not be drawn")
    return f"PDF page drawn at {image.width()}×{image.height()} px"


def probe_command() -> list[str]:
    """This app, asked only to start Qt's real platform plugin and say its name."""
    from ui.platform_libs import PROBE_FLAG

    if getattr(sys, "frozen", False):
        return [sys.executable, PROBE_FLAG]
    return [sys.executable, "-m", "ui", PROBE_FLAG]


def run_platform_probe() -> int:
    """The probe itself (in its own process: Qt aborts the process when a plugin cannot load)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    print(app.platformName(), flush=True)
    return 0


def check_platform(_folder: Path) -> str:
    """On Linux the xcb plugin's libraries load; where a display exists the real plugin starts."""
    from ui.platform_libs import install_hint, missing_libraries, xcb_plugin

    found = []
    if sys.platform.startswith("linux") and xcb_plugin() is not None:
        missing = missing_libraries()
        if missing:
            raise RuntimeError(install_hint(missing))
        found.append("xcb plugin's libraries present")
    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if display or sys.platform in ("win32", "darwin"):
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        try:
            probe = subprocess.run(probe_command(), capture_output=True, text=True, timeout=60, env=env)
        except subprocess.TimeoutExpired:
            raise RuntimeError("the real platform plugin did not start within a minute") from None
        if probe.returncode != 0:
            raise RuntimeError(f"the real platform plugin did not start (exit {probe.returncode}): "
                               f"{probe.stderr.strip()[-400:]}")
        found.append(f"real platform plugin {probe.stdout.strip()!r} started")
    else:
        found.append("no display here, so only the offscreen plugin was started")
    return "; ".join(found)


GUI_CHECKS: list[Check] = [
    ("platform", check_platform),
    ("main window", check_main_window),
    ("page preview", check_page_preview),
    ("phone server", check_phone_server),
]
