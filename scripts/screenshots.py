"""Render every screen of the app to ``docs/screenshots/<screen>-<lang>.png``, in Dutch and English.

    python scripts/screenshots.py                # every screen, both languages
    python scripts/screenshots.py --only prepare welcome --lang nl

Runs offscreen on a fresh database holding the demo workshop (dated 12 March 2026, so the
pictures do not change from day to day), with private settings.

Adding a screen is one function: decorate it with ``@screen("name")``; it gets a
:class:`Shot` (the context, the demo workshop's id, helpers) and returns the widget to
photograph. Every step registered in ``ui.steps.STEPS`` is photographed in the main
window without any code here; register a function under the step's key to set it up
differently (for example to reveal the results first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SIZE = (1280, 800)
DEMO_DAY = dt.date(2026, 3, 12)
SCREENS: dict[str, Callable[[Shot], QWidget]] = {}


def screen(name: str) -> Callable[[Callable[[Shot], QWidget]], Callable[[Shot], QWidget]]:
    """Register a screen: ``@screen("prepare") def prepare(shot): return shot.window("prepare")``."""

    def register(make: Callable[[Shot], QWidget]) -> Callable[[Shot], QWidget]:
        SCREENS[name] = make
        return make

    return register


class Shot:
    """What a screen function needs: a context on a database with the demo, in one language."""

    def __init__(self, lang: str, folder: Path) -> None:
        from ui.context import AppContext
        from workshop.db import open_database
        from workshop.demo import create_demo

        self.lang = lang
        self.folder = folder
        self._count = 0
        self.db = open_database(folder / f"demo-{lang}.db")
        self.workshop_id = create_demo(self.db, lang, today=DEMO_DAY)
        self.ctx = AppContext(self.db, language=lang)
        self.keep: list[QWidget] = []

    def empty_context(self):  # noqa: ANN201 - an AppContext on an empty database
        from ui.context import AppContext
        from workshop.db import open_database

        self._count += 1
        return AppContext(open_database(self.folder / f"empty-{self.lang}-{self._count}.db"), language=self.lang)

    def window(self, step: str | None = None, ctx=None):  # noqa: ANN001, ANN201 - a MainWindow
        """The main window at its usual size: on the list, or on the demo workshop at ``step``."""
        from ui.main_window import MainWindow

        main = MainWindow(ctx or self.ctx, restore=False)
        main.resize(*SIZE)
        if step is not None:
            main.open_workshop(self.workshop_id, step)
        main.show()
        self.keep.append(main)
        settle()
        return main

    def dialog(self, dialog: QWidget, width: int | None = None) -> QWidget:
        """Show a dialog without blocking, at its natural size (or ``width``)."""
        if width:
            dialog.resize(width, dialog.sizeHint().height())
        dialog.show()
        self.keep.append(dialog)
        settle()
        return dialog

    def close(self) -> None:
        for widget in self.keep:
            widget.close()
        settle()
        self.db.close()


def settle(rounds: int = 5) -> None:
    app = QApplication.instance()
    for _ in range(rounds):
        app.processEvents()


# --- the screens ----------------------------------------------------------------------


@screen("welcome")
def welcome(shot: Shot) -> QWidget:
    return shot.window(ctx=shot.empty_context())


@screen("workshops")
def workshops(shot: Shot) -> QWidget:
    from workshop.workshops import create_workshop

    for client, title, days in (("Van Dijk Logistics", "Kick-off", 30), ("Brightline Software", "Offsite", 75)):
        create_workshop(shot.db, client, title, DEMO_DAY + dt.timedelta(days=days), language=shot.lang)
    main = shot.window()
    main.list_page.reload()
    main.list_page.select(shot.workshop_id)
    settle()
    return main


@screen("workshop-dialog")
def workshop_dialog(shot: Shot) -> QWidget:
    from ui.workshop_dialog import WorkshopDialog
    from workshop.workshops import get_workshop

    main = shot.window()
    dialog = WorkshopDialog(lambda values: None, get_workshop(shot.db, shot.workshop_id), parent=main)
    return shot.dialog(dialog, 520)


@screen("import-preview")
def import_preview(shot: Shot) -> QWidget:
    from ui.import_preview import ImportPreviewDialog
    from workshop.importing import plan_import

    path = shot.folder / ("deelnemers.csv" if shot.lang == "nl" else "participants.csv")
    rows = ["naam;functie", "Sanne Visser;verkoop", "Ahmed El Idrissi;marketing", ";directie", "Noor de Graaf;overig"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    plan = plan_import(shot.db, shot.workshop_id, path, require_answers=False)
    main = shot.window("prepare")
    return shot.dialog(ImportPreviewDialog(plan, path, main), 640)


@screen("preferences")
def preferences_dialog(shot: Shot) -> QWidget:
    from ui.preferences import PreferencesDialog

    return shot.dialog(PreferencesDialog(shot.window()))


@screen("error")
def error_dialog(shot: Shot) -> QWidget:
    from ui.errors import UnexpectedErrorDialog

    details = 'Traceback (most recent call last):\n  File "ui/steps/reveal.py", line 88, in refresh\nKeyError: \'q21\''
    log = Path("~/.local/state/AlignmentWorkshop/log/workshop.log")
    dialog = UnexpectedErrorDialog("KeyError: 'q21'", details, log, shot.window())
    return shot.dialog(dialog, 560)


# --- decide, plan, funnel, commit, follow-up (facilitator and presenter) ---------------


def _revealed(shot: Shot) -> None:
    from workshop.workshops import set_revealed

    set_revealed(shot.db, shot.workshop_id, True)


def _presenter(shot: Shot, step: str) -> QWidget:
    """The presenter window (a projector's 1280×720) following the facilitator to ``step``."""
    from ui.presenter import PresenterWindow

    window = PresenterWindow(shot.ctx)
    window.resize(1280, 720)
    window.show()
    shot.keep.append(window)
    shot.ctx.bus.step_changed.emit(shot.workshop_id, step)
    settle()
    return window


def _commit_window(shot: Shot, follow_up: bool) -> QWidget:
    from ui.steps import commit

    commit.focus_for(shot.ctx).set(shot.workshop_id, "follow_up" if follow_up else "commitments")
    # Six weeks after the workshop, so some commitments are overdue (and the picture stays the same).
    commit.TODAY = DEMO_DAY + dt.timedelta(days=45)
    return shot.window("commit")


for _step in ("decide", "plan", "funnel"):
    screen(_step)(lambda shot, step=_step: (_revealed(shot), shot.window(step))[1])
    screen(f"{_step}-presenter")(lambda shot, step=_step: (_revealed(shot), _presenter(shot, step))[1])
screen("commit")(lambda shot: _commit_window(shot, follow_up=False))
screen("follow-up")(lambda shot: (_revealed(shot), _commit_window(shot, follow_up=True))[1])
screen("commit-presenter")(lambda shot: (_commit_window(shot, follow_up=False), _presenter(shot, "commit"))[1])
screen("follow-up-presenter")(lambda shot: (_revealed(shot), _commit_window(shot, follow_up=True),
                                            _presenter(shot, "commit"))[2])


# --- running ---------------------------------------------------------------------------


def screens_to_take() -> dict[str, Callable[[Shot], QWidget]]:
    """The registered screens, plus every registered step in the main window."""
    from ui.steps import STEPS

    result = dict(SCREENS)
    for spec in STEPS:
        if spec.key not in result:
            result[spec.key] = lambda shot, key=spec.key: shot.window(key)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render every screen to PNG, in both languages.")
    parser.add_argument("--only", nargs="+", metavar="SCREEN", help="just these screens")
    parser.add_argument("--lang", choices=("nl", "en"), help="just this language")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)

    from ui.app import apply_language, make_application

    app = make_application([sys.argv[0]])
    app.setStyle("Fusion")  # the same look on every machine that renders the pictures
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        screens = screens_to_take()
        unknown = set(args.only or ()) - set(screens)
        if unknown:
            parser.error(f"unknown screen(s): {', '.join(sorted(unknown))}; known: {', '.join(sorted(screens))}")
        failures = 0
        for lang in [args.lang] if args.lang else ["en", "nl"]:
            apply_language(None, lang)
            for name, make in screens.items():
                if args.only and name not in args.only:
                    continue
                folder = Path(tmp) / f"{name}-{lang}"
                folder.mkdir()
                shot = Shot(lang, folder)
                try:
                    widget = make(shot)
                    settle()
                    path = args.out / f"{name}-{lang}.png"
                    if not widget.grab().save(str(path)):
                        raise OSError(f"cannot write {path}")
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                except Exception as exc:  # noqa: BLE001 - report every broken screen, then fail
                    failures += 1
                    print(f"{name}-{lang}: FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
                finally:
                    shot.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
