"""The dialogs to create or edit a workshop, and to plan a follow-up of one.

The dialog collects values; the service (``create_workshop``/``update_workshop``) checks
them, and a refusal is shown inside the dialog, which stays open for a correction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workshop.errors import WorkshopError
from workshop.i18n import _
from workshop.validation import MAX_MIN_GROUP
from workshop.workshops import WorkshopInfo

Submit = Callable[[dict[str, Any]], None]  # raises WorkshopError when the values are refused


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_edit(value: dt.date, accessible: str) -> QDateEdit:
    edit = QDateEdit(to_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(accessible)
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    return edit


def language_combo(value: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem("Nederlands", "nl")
    combo.addItem("English", "en")
    combo.setCurrentIndex(max(0, combo.findData(value)))
    combo.setAccessibleName(_("Language of the workshop"))
    combo.setToolTip(_("The language of the statements, the presenter window and the reports for this client"))
    return combo


def paper_combo(value: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem("A4", "a4")
    combo.addItem("Letter", "letter")
    combo.setCurrentIndex(max(0, combo.findData(value)))
    combo.setAccessibleName(_("Paper size"))
    combo.setToolTip(_("The paper size of the printed reports, handouts and questionnaires"))
    return combo


def min_group_spin(value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(1, MAX_MIN_GROUP)
    spin.setValue(value)
    spin.setAccessibleName(_("Minimum group size"))
    spin.setToolTip(
        _("Results of a function (Sales, Marketing, …) are shown separately only when at least this many of its "
          "participants answered everything, so nobody can be identified.")
    )
    return spin


class ErrorLabel(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("errorNote")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_error(self, exc: WorkshopError) -> None:
        self.setText("\n".join([exc.message, *exc.problems]))
        self.setVisible(True)

    def clear_error(self) -> None:
        self.clear()
        self.setVisible(False)


class WorkshopDialog(QDialog):
    """New workshop (``workshop=None``) or edit of an existing one."""

    def __init__(
        self,
        submit: Submit,
        workshop: WorkshopInfo | None = None,
        *,
        clients: list[str] = (),  # type: ignore[assignment]
        language: str = "nl",
        facilitator: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.submit = submit
        self.workshop = workshop
        self.setObjectName("workshopDialog")
        self.setWindowTitle(_("New workshop") if workshop is None else _("Edit workshop"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)

        self.client = QComboBox()
        self.client.setEditable(True)
        self.client.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.client.addItems(sorted(set(clients), key=str.lower))
        self.client.setCurrentText(workshop.client if workshop else "")
        self.client.lineEdit().setPlaceholderText(_("e.g. Van Dijk Logistics"))
        self.client.setAccessibleName(_("Client"))
        self.client.setToolTip(_("The client organisation; follow-up workshops of one client are grouped together"))
        self.title = QLineEdit(workshop.title if workshop else "")
        self.title.setPlaceholderText(_("e.g. Sales–Marketing offsite"))
        self.title.setAccessibleName(_("Title"))
        self.title.setToolTip(_("The name of this workshop, as it appears on the reports"))
        self.title.setMaxLength(200)
        self.date = date_edit(workshop.date if workshop else dt.date.today(), _("Date"))
        self.date.setToolTip(_("The day of the workshop"))
        self.start_time = QLineEdit((workshop.start_time or "") if workshop else "")
        self.start_time.setObjectName("startTime")
        self.start_time.setPlaceholderText(_("e.g. 09:30"))
        self.start_time.setAccessibleName(_("Start time"))
        self.start_time.setToolTip(_("When the session starts; the run sheet's agenda counts from it (optional)"))
        self.start_time.setMaxLength(5)
        self.place = QLineEdit(workshop.place if workshop else "")
        self.place.setAccessibleName(_("Place"))
        self.place.setToolTip(_("Where the workshop takes place (optional)"))
        self.place.setMaxLength(200)
        self.facilitator = QLineEdit(workshop.facilitator if workshop else facilitator)
        self.facilitator.setAccessibleName(_("Facilitator"))
        self.facilitator.setToolTip(_("Who leads the workshop; printed on the reports (optional)"))
        self.facilitator.setMaxLength(200)
        self.language = language_combo(workshop.language if workshop else language)
        self.paper = paper_combo(workshop.paper if workshop else "a4")
        self.min_group = min_group_spin(workshop.min_group_size if workshop else 3)

        review_row = QHBoxLayout()
        self.has_review = QCheckBox(_("Planned"))
        self.has_review.setToolTip(_("Whether a review of the commitments is planned"))
        self.has_review.setAccessibleName(_("Review planned"))
        review = workshop.next_review if workshop and workshop.next_review else None
        self.review = date_edit(review or dt.date.today() + dt.timedelta(days=120), _("Next review date"))
        self.review.setToolTip(_("When the group meets again to review its commitments; printed on the handouts"))
        self.has_review.setChecked(review is not None)
        self.review.setEnabled(review is not None)
        self.has_review.toggled.connect(self.review.setEnabled)
        review_row.addWidget(self.has_review)
        review_row.addWidget(self.review, 1)

        def row(text: str, widget: QWidget) -> None:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)

        row(_("&Client:"), self.client)
        row(_("&Title:"), self.title)
        row(_("&Date:"), self.date)
        row(_("&Start time:"), self.start_time)
        row(_("&Place:"), self.place)
        row(_("&Facilitator:"), self.facilitator)
        row(_("&Language:"), self.language)
        row(_("Pa&per:"), self.paper)
        row(_("&Minimum group size:"), self.min_group)
        review_label = QLabel(_("Next &review:"))
        review_label.setBuddy(self.has_review)
        form.addRow(review_label, review_row)
        layout.addLayout(form)

        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Create") if workshop is None else _("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.client.currentTextChanged.connect(self._update_ok)
        self.title.textChanged.connect(self._update_ok)
        self._update_ok()
        (self.title if workshop else self.client).setFocus()

    def _update_ok(self) -> None:
        ready = bool(self.client.currentText().strip() and self.title.text().strip())
        self.ok_button.setEnabled(ready)
        self.ok_button.setToolTip("" if ready else _("Fill in the client and the title first"))

    def values(self) -> dict[str, Any]:
        return {
            "client": self.client.currentText(),
            "title": self.title.text(),
            "date": from_qdate(self.date.date()),
            "place": self.place.text(),
            "facilitator": self.facilitator.text(),
            "language": self.language.currentData(),
            "paper": self.paper.currentData(),
            "min_group_size": self.min_group.value(),
            "next_review": from_qdate(self.review.date()) if self.has_review.isChecked() else None,
            "start_time": self.start_time.text().strip() or None,
        }

    def accept(self) -> None:
        self.error.clear_error()
        try:
            self.submit(self.values())
        except WorkshopError as exc:
            self.error.show_error(exc)
            return
        super().accept()


class FollowUpDialog(QDialog):
    """A follow-up of a workshop: same client, settings and participants, a new date."""

    def __init__(self, submit: Submit, source: WorkshopInfo, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.submit = submit
        self.setObjectName("followUpDialog")
        self.setWindowTitle(_("Follow-up workshop"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        intro = QLabel(
            _("A new workshop for {client} with the same settings and participants, without answers. "
              "It will show the trend since “{title}”.").format(client=source.client, title=source.title)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        from workshop.follow_up import follow_up_defaults

        # A title of its own (two workshops called the same are easily mixed up) and a date a few months on.
        title, start = follow_up_defaults(source, source.language, today)
        self.title = QLineEdit(title)
        self.title.setAccessibleName(_("Title"))
        self.title.setToolTip(_("The name of the follow-up workshop"))
        self.title.setMaxLength(200)
        self.date = date_edit(start, _("Date"))
        self.date.setToolTip(_("The day of the follow-up workshop"))
        title_label = QLabel(_("&Title:"))
        title_label.setBuddy(self.title)
        date_label = QLabel(_("&Date:"))
        date_label.setBuddy(self.date)
        form.addRow(title_label, self.title)
        form.addRow(date_label, self.date)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Create follow-up"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.date.setFocus()

    def values(self) -> dict[str, Any]:
        return {"title": self.title.text(), "date": from_qdate(self.date.date())}

    def accept(self) -> None:
        self.error.clear_error()
        try:
            self.submit(self.values())
        except WorkshopError as exc:
            self.error.show_error(exc)
            return
        super().accept()
