"""A new commitment, filled in at the moment the group makes it (from the Plan step).

What is prefilled with the practice; the owner completes from the participants and brings
their function; the due date is typed or picked (``capture_editors``) and starts on the
workshop's next review date. Nothing is stored until "Make the commitment"; a due date that
is not a date keeps the dialog open and says why.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui import theme
from ui.steps.capture_editors import DueDateEditor, OwnerEditor, function_of
from workshop.errors import InputError
from workshop.i18n import _
from workshop.vocabulary import FUNCTION_LABELS, FUNCTIONS


class CommitmentDialog(QDialog):
    """``values()`` after ``exec()``: what, owner, function, due_date, success_measure."""

    def __init__(self, what: str, people: dict[str, str], due: dt.date | None, lang: str,
                 today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commitmentDialog")
        self.setWindowTitle(_("Make a commitment"))
        self.people = people
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.what = QLineEdit(what)
        self.what.setObjectName("commitmentWhat")
        self.what.setMaxLength(500)
        self.owner = OwnerEditor(sorted(people), self)
        self.owner.textChanged.connect(self._owner_changed)
        self.function = QComboBox()
        self.function.setObjectName("commitmentFunction")
        self.function.addItem("—", None)
        for function in FUNCTIONS:
            self.function.addItem(_(FUNCTION_LABELS[function]), function)
        self.due = DueDateEditor(lang, today, self)
        self.due.set_value(due)
        self.measure = QLineEdit()
        self.measure.setObjectName("commitmentMeasure")
        self.measure.setPlaceholderText(_("How will we know it worked?"))
        for text, widget in ((_("&What:"), self.what), (_("&Owner:"), self.owner), (_("&Function:"), self.function),
                             (_("&Due date:"), self.due), (_("&Success measure:"), self.measure)):
            row = QLabel(text)
            row.setBuddy(widget)
            form.addRow(row, widget)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("errorNote")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.text(colour=theme.ERROR, weight=600))
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Make the commitment"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.owner.setFocus()  # what is prefilled; who owns it is the first question

    def _owner_changed(self, text: str) -> None:
        function = function_of(text, self.people)
        if function is not None:
            self.function.setCurrentIndex(self.function.findData(function))

    def accept(self) -> None:
        if not self.what.text().strip():
            self._refuse(_("Say what will be done."))
            self.what.setFocus()
            return
        try:
            self.due.value()
        except InputError as exc:
            self._refuse(exc.message)
            self.due.setFocus()
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def values(self) -> dict[str, object]:
        return {"what": self.what.text().strip(), "owner": self.owner.text().strip(),
                "function": self.function.currentData(), "due_date": self.due.value(),
                "success_measure": self.measure.text().strip()}
