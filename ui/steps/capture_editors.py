"""Editors for capturing commitments live: a due date and an owner.

The due date is typed the usual ways (``workshop.due_dates``), picked on a calendar that
opens on the current value or today, or taken from quick picks (two weeks, a month, the
end of the quarter). A typed text that is not a date turns the field red and says why;
it is never stored as "no date" in silence. The owner completes from the workshop's
participants as one types; choosing one fills in their function too.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ui import theme
from workshop.due_dates import QUICK_PICKS, parse_due_date, quick_pick
from workshop.errors import InputError
from workshop.i18n import _
from workshop.vocabulary import format_date

INVALID_STYLE = f"QLineEdit {{ border: 2px solid {theme.ERROR}; background: {theme.OVERDUE_BACKGROUND}; }}"


def show_day(day: dt.date, lang: str) -> str:
    return format_date(day, lang)


class DueDateEditor(QWidget):
    """Type a due date, or pick one; ``value()`` gives the date or raises InputError."""

    picked = Signal()  # a date was chosen from the calendar or a quick pick: the edit is done

    def __init__(self, lang: str, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.today = today or dt.date.today()
        self.setObjectName("dueDateEditor")
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setObjectName("dueDateText")
        self.edit.setPlaceholderText(_("e.g. 15-2-2027"))
        self.edit.setAccessibleName(_("Due date"))
        self.edit.setToolTip(_("Type a date (15-2-2027, 15 feb 2027, 2027-02-15) or pick one with the button"))
        self.edit.textEdited.connect(self._check)
        layout.addWidget(self.edit, 1)
        self.button = QToolButton()
        self.button.setObjectName("dueDatePicker")
        self.button.setText("\U0001f4c5")
        self.button.setAccessibleName(_("Pick a due date"))
        self.button.setToolTip(_("A calendar and quick picks (Alt+Down)"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.menu.aboutToShow.connect(self._prepare_menu)
        self.button.setMenu(self.menu)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("dueDateCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._calendar_chosen)
        self.calendar.activated.connect(self._calendar_chosen)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)
        self.menu.addSeparator()
        self.quick: dict[str, QAction] = {}
        for key, title in QUICK_PICKS:
            action = QAction(_(title), self)  # owned by the editor, not by the wrapper of a menu call
            self.menu.addAction(action)
            action.setObjectName(f"quick_{key}")
            action.triggered.connect(lambda _c=False, k=key: self.set_value(quick_pick(k, self.today), picked=True))
            self.quick[key] = action
        clear = QAction(_("No due date"), self)
        self.menu.addAction(clear)
        clear.setObjectName("quick_none")
        clear.triggered.connect(lambda: self.set_value(None, picked=True))

    # --- the value ------------------------------------------------------------------------

    def set_value(self, day: dt.date | None, picked: bool = False) -> None:
        self.edit.setText(show_day(day, self.lang) if day else "")
        self._check()
        if picked:
            self.picked.emit()

    def value(self) -> dt.date | None:
        return parse_due_date(self.edit.text(), self.today)

    def problem(self) -> str:
        """Why the typed text is not a date; empty when it is fine."""
        try:
            self.value()
        except InputError as exc:
            return exc.message
        return ""

    def _check(self, _text: str = "") -> None:
        problem = self.problem()
        self.edit.setStyleSheet(INVALID_STYLE if problem else "")
        self.edit.setToolTip(problem or _("Type a date (15-2-2027, 15 feb 2027, 2027-02-15) "
                                          "or pick one with the button"))
        self.setProperty("invalid", bool(problem))

    # --- the calendar ---------------------------------------------------------------------

    def _prepare_menu(self) -> None:
        try:
            current = self.value()
        except InputError:
            current = None
        day = current or self.today  # never January 2000
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setCurrentPage(day.year, day.month)
        for key, title in QUICK_PICKS:
            self.quick[key].setText(f"{_(title)}: {show_day(quick_pick(key, self.today), self.lang)}")

    def _calendar_chosen(self, date: QDate) -> None:
        self.menu.close()
        self.set_value(dt.date(date.year(), date.month(), date.day()), picked=True)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.button.showMenu()
            return
        super().keyPressEvent(event)


class OwnerEditor(QLineEdit):
    """The owner: free text (a team, an outsider), completing from the participants' names."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ownerEditor")
        self.setAccessibleName(_("Owner"))
        self.setPlaceholderText(_("Type a name; participants complete"))
        completer = QCompleter(QStringListModel(names, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)


def function_of(owner: str, people: dict[str, str]) -> str | None:
    """The function of the participant called ``owner`` (any case), or None for someone else."""
    wanted = owner.strip().casefold()
    return next((function for name, function in people.items() if name.casefold() == wanted), None)
