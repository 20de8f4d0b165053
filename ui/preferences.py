"""What the app remembers between runs (QSettings) and the Preferences dialog.

Every setting has one accessor here, so the keys are in one place: the interface
language (empty = follow the system), the window layout, the last workshop and step,
and the recent workshops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from workshop.i18n import LANGUAGES, _, system_language

if TYPE_CHECKING:  # the database's module is not loaded for the preferences alone
    from workshop.storage.db import Database

ORGANIZATION = "AlignmentWorkshop"
APPLICATION = "AlignmentWorkshop"
MAX_RECENT = 8
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands"}  # each in its own language, never translated


def settings() -> QSettings:
    """The user's settings file (an INI file on every platform, easy to back up or delete)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def language_setting() -> str:
    """"nl", "en", or "" to follow the system."""
    value = str(settings().value("ui/language", "") or "")
    return value if value in LANGUAGES else ""


def set_language_setting(value: str) -> None:
    settings().setValue("ui/language", value if value in LANGUAGES else "")


def effective_language() -> str:
    return language_setting() or system_language()


def recent_workshops() -> list[int]:
    raw = settings().value("workshops/recent", [])
    if isinstance(raw, str):
        raw = [raw] if raw else []
    result: list[int] = []
    for item in raw if isinstance(raw, list | tuple) else []:
        try:
            number = int(item)
        except (TypeError, ValueError):
            continue
        if number not in result:
            result.append(number)
    return result[:MAX_RECENT]


def add_recent_workshop(workshop_id: int) -> None:
    ids = [workshop_id, *(i for i in recent_workshops() if i != workshop_id)][:MAX_RECENT]
    settings().setValue("workshops/recent", [str(i) for i in ids])


def forget_workshop(workshop_id: int) -> None:
    s = settings()
    s.setValue("workshops/recent", [str(i) for i in recent_workshops() if i != workshop_id])
    if last_workshop()[0] == workshop_id:
        s.remove("workshops/last")
        s.remove("workshops/last_step")


def replace_workshop_id(old: int, new: int) -> None:
    """A deleted workshop came back (undo) under a new id: keep it in the recent list."""
    s = settings()
    s.setValue("workshops/recent", [str(new if i == old else i) for i in recent_workshops()])


def last_workshop() -> tuple[int | None, str]:
    s = settings()
    try:
        raw = s.value("workshops/last", 0)
        workshop_id = int(raw or 0) if isinstance(raw, int | str | float) else 0
    except (TypeError, ValueError):
        workshop_id = 0
    return (workshop_id or None), str(s.value("workshops/last_step", "") or "")


def set_last_workshop(workshop_id: int | None, step: str = "") -> None:
    s = settings()
    if workshop_id is None:
        s.remove("workshops/last")
        s.remove("workshops/last_step")
    else:
        s.setValue("workshops/last", workshop_id)
        s.setValue("workshops/last_step", step)


def window_state() -> tuple[QByteArray | None, QByteArray | None]:
    s = settings()
    geometry = s.value("window/geometry")
    state = s.value("window/state")
    return (
        geometry if isinstance(geometry, QByteArray) else None,
        state if isinstance(state, QByteArray) else None,
    )


def save_window_state(geometry: QByteArray, state: QByteArray) -> None:
    s = settings()
    s.setValue("window/geometry", geometry)
    s.setValue("window/state", state)


class PreferencesDialog(QDialog):
    """The interface language (the system's by default, or English or Dutch) and, with a
    database, the firm's branding on every deliverable (kept in that database)."""

    def __init__(self, parent: QWidget | None = None, db: Database | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Preferences"))
        self.setObjectName("preferencesDialog")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        self.language = QComboBox()
        system = LANGUAGE_NAMES[system_language()]
        self.language.addItem(_("Same as the system ({language})").format(language=system), "")
        for code in ("en", "nl"):
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(language_setting())))
        self.language.setAccessibleName(_("Language of the interface"))
        self.language.setToolTip(
            _("The language of menus and screens. A workshop's statements and reports use the workshop's language.")
        )
        label = QLabel(_("&Language:"))
        label.setBuddy(self.language)
        form.addRow(label, self.language)
        layout.addLayout(form)
        note = QLabel(
            _("Each workshop also has its own language, used for the statements, the presenter window and the reports.")
        )
        note.setWordWrap(True)
        note.setObjectName("mutedNote")
        layout.addWidget(note)
        if db is not None:
            from ui.branding_box import BrandingBox

            self.branding = BrandingBox(db, self)
            layout.addWidget(self.branding)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _accept(self) -> None:
        if self.db is not None and not self.branding.apply():
            return  # the box said what is wrong; the dialog stays open with what was typed
        self.accept()

    def chosen_language(self) -> str:
        return str(self.language.currentData() or "")
