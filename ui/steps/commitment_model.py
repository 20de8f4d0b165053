"""The commitments table: a thin Qt model over ``workshop.commitments``, its filter and editors.

The model holds plain ``CommitmentInfo`` rows and reloads them when the change bus says
commitments changed; an edit in a cell becomes an undoable ``EditCommitment``. Overdue
commitments stand out three ways: the words "overdue" beside the date, bold type, and a
tinted cell (the tint alone would not survive a grey printout or colour blindness).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from ui import theme
from ui.steps.capture_editors import DueDateEditor, OwnerEditor
from workshop.commitments import FUNCTION_LABELS, STATUS_LABELS, CommitmentInfo
from workshop.errors import InputError
from workshop.i18n import N_, _
from workshop.instrument import default_instrument
from workshop.vocabulary import COMMITMENT_STATUSES, FUNCTIONS, format_date

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = (
    ("what", N_("What")), ("owner", N_("Owner")), ("function", N_("Function")), ("due_date", N_("Due date")),
    ("success_measure", N_("Success measure")), ("practice_id", N_("Practice")), ("status", N_("Status")),
)
FIELDS = [field for field, _title in COLUMNS]
OVERDUE_BACKGROUND = QColor(theme.OVERDUE_BACKGROUND)
OVERDUE_INK = QColor(theme.OVERDUE)


def format_day(day: dt.date, lang: str) -> str:
    return format_date(day, lang)


class CommitmentsModel(QAbstractTableModel):
    """Rows of one workshop's commitments; ``edit(id, field, old, new)`` stores a change."""

    def __init__(self, lang: str, ui_lang: str, edit: Any, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.ui_lang = lang, ui_lang  # content (practices) / interface language
        self.edit = edit
        self.today = today
        self.rows: list[CommitmentInfo] = []
        self.titles = {p.id: p.title(lang) for p in default_instrument().practices}

    def set_rows(self, rows: list[CommitmentInfo]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, commitment_id: int) -> int | None:
        return next((i for i, c in enumerate(self.rows) if c.id == commitment_id), None)

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def display(self, c: CommitmentInfo, field: str) -> str:
        value = getattr(c, field)
        if field == "function":
            return _(FUNCTION_LABELS[value]) if value else ""
        if field == "due_date":
            if value is None:
                return ""
            text = format_day(value, self.ui_lang)
            # Two lines, so the column stays narrow enough for "What" at 1024×700.
            return f"⚠ {text}\n{_('overdue')}" if c.is_overdue(self.today) else text
        if field == "status":
            return _(STATUS_LABELS[value])
        if field == "practice_id":
            return self.titles.get(value or "", "")
        if field == "what" and c.carried_from_id:
            return "↪ " + value
        return value or ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self.rows[index.row()]
        field = FIELDS[index.column()]
        overdue = c.is_overdue(self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(c, field)
        if role == Qt.ItemDataRole.EditRole:
            return getattr(c, field)
        if role == SORT_ROLE:
            value = getattr(c, field)
            if field in ("function", "status", "practice_id"):
                value = self.display(c, field)
            empty = value in (None, "")
            key = "" if empty else value.lower() if isinstance(value, str) else value.isoformat()
            return (1 if empty else 0, key)
        if role == ID_ROLE:
            return c.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if field == "due_date" and overdue:
                return _("Open and past its due date")
            if field == "what" and c.carried_from_id:
                return _("Carried forward from the previous workshop")
            if field == "practice_id" and c.practice_id:
                return self.titles.get(c.practice_id)
            return self.display(c, field) if field in ("what", "success_measure") else None
        if overdue and field in ("due_date", "status"):
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(OVERDUE_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(OVERDUE_INK)
        if role == Qt.ItemDataRole.ForegroundRole and c.status == "dropped":
            return QBrush(QColor(theme.MUTED))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        c = self.rows[index.row()]
        field = FIELDS[index.column()]
        old = getattr(c, field)
        if isinstance(value, str) and field not in ("function", "status", "practice_id"):
            value = value.strip()
        if value == old or (value in ("", None) and old in ("", None)):
            return False
        return self.edit(c.id, field, old, value)


class CommitmentFilter(QSortFilterProxyModel):
    """Shows one status (or the overdue ones) and rows matching a text; sorts empty values last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status: str | None = None  # None, open, done, dropped or "overdue"
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_status(self, status: str | None) -> None:
        self._refilter("status", status)

    def set_text(self, text: str) -> None:
        self._refilter("text", text.strip().lower())

    def _refilter(self, name: str, value: object) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            setattr(self, name, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            setattr(self, name, value)
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        model: CommitmentsModel = self.sourceModel()  # type: ignore[assignment]
        c = model.rows[row]
        if self.status == "overdue":
            if not c.is_overdue(model.today):
                return False
        elif self.status is not None and c.status != self.status:
            return False
        if self.text:
            haystack = " ".join([c.what, c.owner, c.success_measure, c.review_note,
                                 model.titles.get(c.practice_id or "", "")]).lower()
            return self.text in haystack
        return True

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a[0] != b[0]:
            # Empty values last whichever way the column is sorted.
            return (a[0] < b[0]) == (self.sortOrder() == Qt.SortOrder.AscendingOrder)
        return a[1] < b[1]

    def ids(self) -> list[int]:
        return [self.index(r, 0).data(ID_ROLE) for r in range(self.rowCount())]


class CommitmentDelegate(QStyledItemDelegate):
    """Choice lists for function, status and practice; a typed or picked due date; an owner that
    completes from the participants (``people()``: name -> function). A due date that is not a
    date is refused with ``refused(message)``, and nothing is stored."""

    refused = Signal(str)

    def __init__(self, lang: str, ui_lang: str, parent: QWidget | None = None, *,
                 people: Callable[[], dict[str, str]] | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.lang, self.ui_lang = lang, ui_lang
        self.people = people or dict
        self.today = today

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:  # noqa: N802
        field = FIELDS[index.column()]
        if field == "due_date":
            editor = DueDateEditor(self.ui_lang, self.today, parent)
            editor.picked.connect(lambda: (self.commitData.emit(editor), self.closeEditor.emit(editor)))
            return editor
        if field == "owner":
            return OwnerEditor(sorted(self.people()), parent)
        if field in ("function", "status", "practice_id"):
            combo = QComboBox(parent)
            combo.setObjectName(f"{field}Editor")
            if field == "function":
                combo.addItem("—", None)
                for function in FUNCTIONS:
                    combo.addItem(_(FUNCTION_LABELS[function]), function)
            elif field == "status":
                for status in COMMITMENT_STATUSES:
                    combo.addItem(_(STATUS_LABELS[status]), status)
            else:
                combo.addItem(_("(none)"), None)
                for practice in default_instrument().practices:
                    combo.addItem(practice.title(self.lang), practice.id)
            return combo
        editor = super().createEditor(parent, option, index)
        editor.setObjectName(f"{field}Editor")
        return editor

    def updateEditorGeometry(self, editor: QWidget, option: Any, index: Index) -> None:  # noqa: N802
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, DueDateEditor | OwnerEditor):  # room for "15 feb 2027" and the button
            rect = editor.geometry()
            rect.setWidth(max(rect.width(), 200))
            rect.setHeight(max(rect.height(), editor.sizeHint().height()))
            editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, DueDateEditor):
            if not editor.edit.isModified():
                editor.set_value(value)
            return
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        if isinstance(editor, DueDateEditor):
            try:
                day = editor.value()
            except InputError as exc:
                self.refused.emit(exc.message)
                return
            model.setData(index, day)
            return
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
            return
        super().setModelData(editor, model, index)
