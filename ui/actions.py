"""Every menu and shortcut command, registered once (Picard's action registry).

Add a command by adding an ``ActionId`` member and its ``ActionSpec`` in ``SPECS``; the
main window creates the ``QAction`` objects from here and connects them. Shortcuts live
only in this file, so a clash is easy to see (a test checks there is none).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from workshop.i18n import N_, _

Key = QKeySequence.StandardKey


class ActionId(Enum):
    NEW_WORKSHOP = auto()
    OPEN_WORKSHOP = auto()
    EDIT_WORKSHOP = auto()
    DUPLICATE_WORKSHOP = auto()
    DELETE_WORKSHOP = auto()
    IMPORT_WORKSHOP = auto()
    IMPORT_RESPONSES = auto()
    EXPORT_WORKSHOP = auto()
    PUBLISH_WORKSHOP = auto()
    FETCH_CLIENT = auto()
    RESTORE_BACKUP = auto()
    CLOSE_WORKSHOP = auto()
    OPEN_DEMO = auto()
    QUIT = auto()
    UNDO = auto()
    REDO = auto()
    DELETE = auto()
    FIND = auto()
    PREFERENCES = auto()
    PRESENTER = auto()
    FULL_SCREEN = auto()
    GUIDE = auto()
    ALL_WORKSHOPS = auto()
    PREVIOUS_STEP = auto()
    NEXT_STEP = auto()
    ABOUT = auto()
    OPEN_LOG_FOLDER = auto()


@dataclass(frozen=True)
class ActionSpec:
    text: str  # English, marked with N_ and translated when the action is built
    tip: str = ""
    shortcuts: tuple[QKeySequence.StandardKey | str, ...] = ()
    checkable: bool = False
    role: QAction.MenuRole = QAction.MenuRole.NoRole


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW_WORKSHOP: ActionSpec(N_("&New workshop…"), N_("Create a new workshop"), (Key.New,)),
    ActionId.OPEN_WORKSHOP: ActionSpec(
        N_("&Open workshop"), N_("Open the selected workshop at its steps (Enter or double-click)"), (Key.Open,)
    ),
    ActionId.EDIT_WORKSHOP: ActionSpec(N_("&Edit workshop…"), N_("Change the selected workshop's settings"), ("F2",)),
    ActionId.DUPLICATE_WORKSHOP: ActionSpec(
        N_("Follow-&up workshop…"),
        N_("A new workshop for the same client, with the same participants and no answers"),
        ("Ctrl+Shift+D",),  # Ctrl+D is Delete on Linux desktops (KDE, GNOME)
    ),
    ActionId.DELETE_WORKSHOP: ActionSpec(
        N_("Delete wor&kshop"), N_("Delete the selected workshop with everything in it (can be undone)")
    ),
    ActionId.IMPORT_WORKSHOP: ActionSpec(
        N_("&Import workshop file…"), N_("Add a workshop from a file exported on another laptop"), ("Ctrl+I",)
    ),
    ActionId.IMPORT_RESPONSES: ActionSpec(
        N_("Import re&sponses CSV…"),
        N_("Add answers from a CSV file (an online form or a spreadsheet) to the open workshop, after a preview"),
    ),
    ActionId.EXPORT_WORKSHOP: ActionSpec(
        N_("E&xport workshop…"), N_("Write the whole workshop to one file, to open on another laptop"),
        ("Ctrl+E",),
    ),
    ActionId.PUBLISH_WORKSHOP: ActionSpec(
        N_("&Publish to firm database…"),
        N_("Copy the workshop, its client and history into the firm's shared database"),
    ),
    ActionId.FETCH_CLIENT: ActionSpec(
        N_("F&etch from firm database…"),
        N_("Bring a client's workshops from the firm's shared database onto this laptop"),
    ),
    ActionId.RESTORE_BACKUP: ActionSpec(
        N_("&Restore from backup…"),
        N_("Go back to an earlier state of all workshops (what you have now is backed up first)"),
    ),
    ActionId.CLOSE_WORKSHOP: ActionSpec(
        N_("&Close workshop"), N_("Go back to the list of workshops"), (Key.Close,)
    ),
    ActionId.OPEN_DEMO: ActionSpec(
        N_("Open the &demo workshop"), N_("Create an example client with two workshops and open the recent one")
    ),
    ActionId.QUIT: ActionSpec(N_("&Quit"), N_("Close the app (everything is saved)"), ("Ctrl+Q",),
                              role=QAction.MenuRole.QuitRole),
    ActionId.UNDO: ActionSpec(N_("&Undo"), N_("Undo the last change"), (Key.Undo,)),
    ActionId.REDO: ActionSpec(N_("&Redo"), N_("Redo what was undone"), ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionId.DELETE: ActionSpec(N_("&Delete"), N_("Delete the selection (can be undone)"), (Key.Delete,)),
    ActionId.FIND: ActionSpec(N_("&Find workshop"), N_("Search the workshops by client or title"), (Key.Find,)),
    ActionId.PREFERENCES: ActionSpec(
        N_("&Preferences…"), N_("Language of the interface"), ("Ctrl+,",), role=QAction.MenuRole.PreferencesRole
    ),
    ActionId.PRESENTER: ActionSpec(
        N_("&Presenter window"), N_("Open the window for the projector: it shows only what the room may see"),
        ("F5",),
    ),
    ActionId.FULL_SCREEN: ActionSpec(N_("&Full screen"), N_("Use the whole screen"), ("F11",), checkable=True),
    ActionId.GUIDE: ActionSpec(N_("Facilitator's &guide"),
                               N_("Show or hide the facilitator's guide; the room never sees it"), ("F1",),
                               checkable=True),
    ActionId.ALL_WORKSHOPS: ActionSpec(N_("&All workshops"), N_("Show the list of workshops"), ("Ctrl+L",)),
    ActionId.PREVIOUS_STEP: ActionSpec(N_("P&revious step"), N_("Go to the previous step of the session"),
                                       ("Ctrl+PgUp",)),
    ActionId.NEXT_STEP: ActionSpec(N_("Ne&xt step"), N_("Go to the next step of the session"), ("Ctrl+PgDown",)),
    ActionId.ABOUT: ActionSpec(N_("&About Alignment Workshop"), "", role=QAction.MenuRole.AboutRole),
    ActionId.OPEN_LOG_FOLDER: ActionSpec(
        N_("Open &log folder"), N_("Show the folder with the log file, to send it to whoever supports the app")
    ),
}


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    result: list[QKeySequence] = []
    for shortcut in spec.shortcuts:
        if isinstance(shortcut, str):
            result.append(QKeySequence(shortcut))
        else:
            result.extend(QKeySequence.keyBindings(shortcut))
    return result


def shortcut_text(spec: ActionSpec) -> str:
    sequences = key_sequences(spec)
    return sequences[0].toString(QKeySequence.SequenceFormat.NativeText) if sequences else ""


class Actions:
    """The ``QAction`` objects of one window, built from ``SPECS`` in the current language."""

    def __init__(self, parent: QObject) -> None:
        self._actions: dict[ActionId, QAction] = {}
        for action_id, spec in SPECS.items():
            action = QAction(_(spec.text), parent)
            action.setObjectName(f"action_{action_id.name.lower()}")
            action.setShortcuts(key_sequences(spec))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            tip = _(spec.tip) if spec.tip else _(spec.text).replace("&", "").rstrip("…")
            shortcut = shortcut_text(spec)
            action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
            action.setStatusTip(tip)
            action.setCheckable(spec.checkable)
            action.setMenuRole(spec.role)
            self._actions[action_id] = action

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def items(self) -> list[tuple[ActionId, QAction]]:
        return list(self._actions.items())
