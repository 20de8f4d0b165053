"""Render every screen of the app to ``docs/screenshots/<screen>-<lang>.png``, in Dutch and English.

    python scripts/screenshots.py                # every screen, both languages
    python scripts/screenshots.py --only prepare welcome --lang nl
    python scripts/screenshots.py --scale 2      # the main screens at 200%: scale200-<screen>-<lang>.png

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
# At 200% a 2560×1440 screen leaves the window 1280×720 logical pixels: the main screens must stay readable.
SCALED_SIZE = (1280, 720)
MAIN_SCREENS = ("welcome", "workshops", "prepare", "score", "reveal", "decide", "plan", "funnel", "commit",
                "close", "kiosk-statement", "kiosk-review", "paper-grid", "reveal-presenter", "workshop-dialog")
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
        from workshop.demo import create_demo
        from workshop.storage.db import open_database

        self.lang = lang
        self.folder = folder
        self.size = SIZE
        self._count = 0
        self.db = open_database(folder / f"demo-{lang}.db")
        self.workshop_id = create_demo(self.db, lang, today=DEMO_DAY)
        self.ctx = AppContext(self.db, language=lang)
        self.keep: list[QWidget] = []

    def empty_context(self):  # noqa: ANN201 - an AppContext on an empty database
        from ui.context import AppContext
        from workshop.storage.db import open_database

        self._count += 1
        return AppContext(open_database(self.folder / f"empty-{self.lang}-{self._count}.db"), language=self.lang)

    def window(self, step: str | None = None, ctx=None):  # noqa: ANN001, ANN201 - a MainWindow
        """The main window at its usual size: on the list, or on the demo workshop at ``step``."""
        from ui.main_window import MainWindow

        main = MainWindow(ctx or self.ctx, restore=False)
        main.resize(*self.size)
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
        from ui.collect.server import collections

        collections(self.ctx).stop_all()
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


def _presenter(shot: Shot, step: str, size: tuple[int, int] = (1280, 720)) -> QWidget:
    """The presenter window (a projector's 1280×720 unless ``size``) following the facilitator to ``step``."""
    from ui.presenter import PresenterWindow

    window = PresenterWindow(shot.ctx)
    window.resize(*size)
    window.show()
    shot.keep.append(window)
    shot.ctx.bus.step_changed.emit(shot.workshop_id, step)
    settle()
    return window


def _commit_window(shot: Shot, follow_up: bool) -> QWidget:
    from ui.steps import commit

    commit.focus_for(shot.ctx).set(shot.workshop_id, "follow_up" if follow_up else "commitments")
    # Six weeks after the workshop, so some commitments are overdue (and the picture stays the same).
    shot.ctx.today = DEMO_DAY + dt.timedelta(days=45)
    return shot.window("commit")


for _step in ("decide", "plan", "funnel"):
    screen(_step)(lambda shot, step=_step: (_revealed(shot), shot.window(step))[1])
    screen(f"{_step}-presenter")(lambda shot, step=_step: (_revealed(shot), _presenter(shot, step))[1])
screen("since-presenter")(lambda shot: _room_step(shot, "since", (1280, 720)))
screen("commit")(lambda shot: _commit_window(shot, follow_up=False))
screen("follow-up")(lambda shot: (_revealed(shot), _commit_window(shot, follow_up=True))[1])
screen("commit-presenter")(lambda shot: (_commit_window(shot, follow_up=False), _presenter(shot, "commit"))[1])
screen("follow-up-presenter")(lambda shot: (_revealed(shot), _commit_window(shot, follow_up=True),
                                            _presenter(shot, "commit"))[2])


# --- scoring: kiosk, paper grid, phones, presenter, countdown, restore -----------------


def _scoring_in_progress(shot: Shot, people: int = 6) -> list:  # noqa: ANN001 - ParticipantInfo
    """The last ``people`` participants have not scored yet (the demo has nearly everyone done)."""
    from workshop.participants import list_participants, set_answers

    waiting = list_participants(shot.db, shot.workshop_id)[-people:]
    for person in waiting:
        if person.answers:
            set_answers(shot.db, person.id, dict.fromkeys(person.answers), "kiosk", workshop_id=shot.workshop_id)
    return waiting


def _kiosk(shot: Shot):  # noqa: ANN202 - a KioskWindow
    from ui.kiosk import KioskWindow

    kiosk = KioskWindow(shot.ctx, shot.workshop_id)
    kiosk.resize(*shot.size)  # full screen in use; a window of the laptop's size for the picture
    kiosk.show()
    shot.keep.append(kiosk)
    kiosk.unlocked = True  # so that closing after the picture does not ask for the word
    settle()
    return kiosk


def _keys(widget: QWidget, text: str) -> None:
    from PySide6.QtTest import QTest

    for char in text:
        QTest.keyClicks(QApplication.focusWidget() or widget, char)
        settle(1)


@screen("kiosk-names")
def kiosk_names(shot: Shot) -> QWidget:
    _scoring_in_progress(shot)
    kiosk = _kiosk(shot)
    kiosk.search.setFocus()
    settle()
    return kiosk


@screen("kiosk-statement")
def kiosk_statement(shot: Shot) -> QWidget:
    waiting = _scoring_in_progress(shot)
    kiosk = _kiosk(shot)
    kiosk.search.setText(waiting[0].name)
    kiosk._pick_current()  # as Enter does
    _keys(kiosk, "4352344")  # seven statements answered with the keys 1–5
    kiosk.answer(4, advance=False)  # the eighth chosen, not yet moved on
    settle()
    return kiosk


@screen("kiosk-review")
def kiosk_review(shot: Shot) -> QWidget:
    waiting = _scoring_in_progress(shot)
    kiosk = _kiosk(shot)
    kiosk.search.setText(waiting[1].name)
    kiosk._pick_current()
    kiosk.go_to(2)
    _keys(kiosk, "435234432452344324")  # statements 3–20; after the last one the review shows
    settle()
    return kiosk


@screen("paper-grid")
def paper_grid(shot: Shot) -> QWidget:
    from ui.paper_grid import FIRST_Q, PaperEntryWindow

    waiting = _scoring_in_progress(shot, people=3)
    window = PaperEntryWindow(shot.ctx, shot.workshop_id)
    window.resize(shot.size[0], shot.size[1] - 80)
    window.show()
    shot.keep.append(window)
    grid = window.grid
    row = next(i for i, p in enumerate(grid.model.rows) if p.id == waiting[0].id)
    grid.view.setCurrentIndex(grid.model.index(row, FIRST_Q))
    grid.view.setFocus()
    _keys(grid.view, "4352344234524")  # a paper form being typed in: 13 of 20 so far
    grid.view.scrollTo(grid.view.currentIndex())
    settle()
    return window


def _start_collecting(shot: Shot, main: QWidget) -> None:
    """Collect on phones from the Score step; four phones joined, three of them are scoring."""
    import http.client
    import json
    import time

    from ui.collect.panel import CollectPanel
    from ui.collect.server import collections

    waiting = _scoring_in_progress(shot)
    panel = main.findChild(CollectPanel)
    panel.start()
    server = collections(shot.ctx).get(shot.workshop_id)
    host, port = server.url.split("/")[2].rsplit(":", 1)

    def post(path: str, data: dict, phone: int) -> dict:
        # Each phone from its own address, as in a room (the server limits phones per address).
        conn = http.client.HTTPConnection(host, int(port), timeout=5, source_address=(f"127.0.0.{phone + 10}", 0))
        try:
            conn.request("POST", "/" + server.url.split("/")[3] + "/" + path, body=json.dumps(data),
                         headers={"Content-Type": "application/json"})
            return json.loads(conn.getresponse().read())
        finally:
            conn.close()

    for phone, (person, answered) in enumerate(zip(waiting, (20, 13, 6, 0), strict=False)):
        joined = post("api/join", {"pin": server.pin, "participant_id": person.id}, phone)
        if answered:
            answers = {f"q{i:02d}": 1 + (i * 7 + person.id) % 5 for i in range(1, answered + 1)}
            post("api/answers", {"secret": joined["secret"], "answers": answers, "finish": answered == 20}, phone)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and panel.phone_list.count() < 4:
        settle()
        time.sleep(0.05)
    settle()


@screen("collect")
def collect(shot: Shot) -> QWidget:
    main = shot.window("score")
    _start_collecting(shot, main)
    return main


@screen("score-presenter")
def score_presenter(shot: Shot) -> QWidget:
    _start_collecting(shot, shot.window("score"))
    return _presenter(shot, "score")


@screen("reveal")
def reveal(shot: Shot) -> QWidget:
    _revealed(shot)
    return shot.window("reveal")


@screen("reveal-hidden")
def reveal_hidden(shot: Shot) -> QWidget:
    return shot.window("reveal")


@screen("reveal-presenter")
def reveal_presenter(shot: Shot) -> QWidget:
    _revealed(shot)
    return _presenter(shot, "reveal")


@screen("countdown-presenter")
def countdown_presenter(shot: Shot) -> QWidget:
    """The decision being discussed, with 1:55 of 10 minutes left: the last 20% says "Nearly time"."""
    from ui.presenter import countdown_for

    _revealed(shot)
    countdown = countdown_for(shot.ctx)
    countdown.clock = lambda: 1000.0
    countdown.start("decide", 10)
    countdown.clock = lambda: 1000.0 + 10 * 60 - 115
    window = _presenter(shot, "decide")
    countdown.changed.emit()
    settle()
    return window


# --- the room's slides at projector sizes, and every step on a 1024×700 projector mirror -----

PROJECTORS = ((1280, 720), (1024, 768))
ROOM_VIEWS = (("overview", 0), ("gauge", 0), ("gaps", 0), ("gaps", 1), ("distribution", 0), ("themes", 0),
              ("prompts", 0), ("prompts", 1))


def _slide(shot: Shot, view: str, page: int, size: tuple[int, int]) -> QWidget:
    _revealed(shot)
    shot.ctx.reveal_focus.set(shot.workshop_id, view)
    window = _presenter(shot, "reveal", size)
    for _turn in range(page):
        window.content.turn(1)
    settle()
    return window


def _room_step(shot: Shot, step: str, size: tuple[int, int], page: int = 0) -> QWidget:
    """A step's presenter view at ``size``, on its ``page``-th page (from 0) when it pages."""
    if step == "since":
        shot.ctx.today = DEMO_DAY  # the follow-up's own day: the review as the room sees it then
    elif step == "score":
        _start_collecting(shot, shot.window("score"))
    elif step == "commit":
        _commit_window(shot, follow_up=False)
    elif step == "follow-up":
        _revealed(shot)
        _commit_window(shot, follow_up=True)
        step = "commit"
    else:
        _revealed(shot)
    window = _presenter(shot, step, size)
    for _turn in range(page):
        window.content.turn(1)
    settle()
    return window


for _w, _h in PROJECTORS:
    for _view, _page in ROOM_VIEWS:
        screen(f"room-{_w}x{_h}-{_view}{'-p' + str(_page + 1) if _page else ''}")(
            lambda shot, v=_view, p=_page, size=(_w, _h): _slide(shot, v, p, size))
    for _step in ("prepare", "since", "score", "decide", "plan", "funnel", "commit", "follow-up"):
        screen(f"room-{_w}x{_h}-{_step}")(lambda shot, st=_step, size=(_w, _h): _room_step(shot, st, size))
    for _step in ("plan", "funnel", "commit"):  # the second page of a list the room pages through
        screen(f"room-{_w}x{_h}-{_step}-p2")(lambda shot, st=_step, size=(_w, _h): _room_step(shot, st, size, 1))


def _small(shot: Shot, step: str) -> QWidget:
    """A step in the main window at 1024×700, as on a projector mirroring the laptop."""
    shot.size = (1024, 700)
    shot.ctx.today = DEMO_DAY + dt.timedelta(days=45)  # some commitments overdue
    if step == "reveal-hidden":
        return shot.window("reveal")
    if step == "follow-up":
        return (_revealed(shot), _commit_window(shot, follow_up=True))[1]
    if step in ("score-collecting",):
        main = shot.window("score")
        _start_collecting(shot, main)
        return main
    if step == "close":
        return close(shot)
    _revealed(shot)
    return shot.window(step)


def _register_small() -> None:
    from ui.steps import STEPS

    for key in [spec.key for spec in STEPS] + ["reveal-hidden", "follow-up", "score-collecting"]:
        screen(f"w1024-{key}")(lambda shot, k=key: _small(shot, k))


@screen("restore-dialog")
def restore_dialog(shot: Shot) -> QWidget:
    from ui.restore_dialog import RestoreDialog
    from workshop.storage.backup import backups_folder
    from workshop.storage.db import backup_database

    folder = backups_folder(shot.db.path)
    folder.mkdir(parents=True, exist_ok=True)
    stem = shot.db.path.stem
    for stamp, label in (("20260312-081502", "start"), ("20260311-173044", "before-restore"),
                         ("20260311-090211", "start"), ("20260305-140927", "start"),
                         ("20260226-101530", "before-upgrade")):
        backup_database(shot.db.engine, folder / f"{stem}-{stamp}-{label}.db")
    dialog = RestoreDialog(shot.ctx, shot.window())
    dialog.table.selectRow(1)
    return shot.dialog(dialog, 760)


@screen("close")
def close(shot: Shot) -> QWidget:
    """The Close step after Make PDF: the facilitator's report in the preview."""
    import time

    from ui.background import wait_for_all

    _revealed(shot)
    main = shot.window("close")
    page = main.workshop_view.current_page()
    page.make_pdf()
    deadline = time.monotonic() + 120
    while page.preview.count == 0 and time.monotonic() < deadline:
        wait_for_all(200)
        settle()
    page.preview.show_page(1)  # the summary page, past the cover
    settle()
    return main


_register_small()


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
    parser.add_argument("--scale", type=float, default=1.0,
                        help="Qt's scale factor, e.g. 2 for 200%% (files get a scale200- prefix; "
                             "the main screens unless --only)")
    args = parser.parse_args(argv)
    prefix = ""
    if args.scale != 1:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"  # before the application exists
        prefix = f"scale{round(args.scale * 100)}-"
        args.only = args.only or list(MAIN_SCREENS)

    from ui.app import make_application
    from ui.language import apply_language

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
                if prefix:
                    shot.size = SCALED_SIZE
                try:
                    widget = make(shot)
                    settle()
                    path = args.out / f"{prefix}{name}-{lang}.png"
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
