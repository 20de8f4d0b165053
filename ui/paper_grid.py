"""Paper entry: a grid of participants × statements for typing in paper forms fast.

Type a digit 1–5 and the cursor moves on by itself (to the next participant's first
statement at the end of a row); Delete clears a cell, Backspace clears the cell or the one
before. Every keystroke is stored at once as an undoable command; totals and completeness
follow live. A responses CSV (from an online form or a spreadsheet) can be imported after
a preview; a file with mistakes is refused with every problem listed as "line N, column X".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIntValidator, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.commands import perform
from ui.commands.participants import AddParticipant, ImportResponses, SetAnswer
from ui.context import AppContext
from ui.errors import show_error
from ui.import_preview import ImportPreviewDialog
from ui.steps.base import StepPage
from workshop.errors import WorkshopError
from workshop.i18n import _
from workshop.importing import plan_import
from workshop.instrument import default_instrument
from workshop.participants import ParticipantInfo, get_participant, list_participants
from workshop.vocabulary import FUNCTION_LABELS, FUNCTIONS
from workshop.workshops import get_workshop

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
FIRST_Q = 2  # columns: name, function, q01…q20, total, done


class PaperGridModel(QAbstractTableModel):
    def __init__(self, grid: PaperGrid) -> None:
        super().__init__(grid)
        self.grid = grid
        self.qids = default_instrument().statement_ids
        self.rows: list[ParticipantInfo] = []
        self.typed: int | None = None  # the participant whose cell the grid itself is storing

    @property
    def total_column(self) -> int:
        return FIRST_Q + len(self.qids)

    def reload(self) -> None:
        rows = list_participants(self.grid.ctx.db, self.grid.workshop_id)
        if [p.id for p in rows] == [p.id for p in self.rows]:
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))
        else:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()

    def reload_person(self, participant_id: int) -> None:
        """Read one participant's row again (after a cell typed here: nobody else can have moved)."""
        row = next((i for i, p in enumerate(self.rows) if p.id == participant_id), None)
        if row is None:
            self.reload()
            return
        self.rows[row] = get_participant(self.grid.ctx.db, participant_id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else FIRST_Q + len(self.qids) + 2

    def qid(self, column: int) -> str | None:
        return self.qids[column - FIRST_Q] if FIRST_Q <= column < self.total_column else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
            if section < FIRST_Q:
                return [_("Name"), _("Function")][section]
            if section >= self.total_column:
                return [_("Total"), _("Answered")][section - self.total_column]
            return str(section - FIRST_Q + 1)
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            qid = self.qid(section)
            if qid:
                return f"{qid}: " + default_instrument().statement(qid).text(self.grid.lang)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person, column = self.rows[index.row()], index.column()
        qid = self.qid(column)
        answered = len(person.answers)
        complete = answered == len(self.qids)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return person.name or _("(anonymous)")
            if column == 1:
                return _(FUNCTION_LABELS.get(person.function, person.function))
            if qid:
                value = person.answers.get(qid)
                return "" if value is None else str(value)
            if column == self.total_column:
                return str(person.total(self.qids)) if complete else "–"
            return ("✓ " if complete else "") + f"{answered}/{len(self.qids)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= FIRST_Q:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if qid and qid not in person.answers and answered:
                return QColor(theme.WARNING_BACKGROUND)  # a gap in a form being typed
            if column >= self.total_column and complete:
                return QColor(theme.FILLED_CELL)
        if role == Qt.ItemDataRole.FontRole and (column == self.total_column or (column == 0 and not person.name)):
            font = QFont()
            font.setBold(column == self.total_column)
            font.setItalic(column == 0)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and qid:
            return _("{qid} for {who}: type 1–5").format(qid=qid, who=person.name or _("(anonymous)"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.qid(index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        qid = self.qid(index.column()) if index.isValid() else None
        if role != Qt.ItemDataRole.EditRole or qid is None:
            return False
        text = str(value if value is not None else "").strip()
        if text not in ("", "1", "2", "3", "4", "5"):
            return False
        person = self.rows[index.row()]
        new = int(text) if text else None
        old = person.answers.get(qid)
        if new == old:
            return True
        self.typed = person.id
        try:
            return perform(self.grid.ctx, SetAnswer(self.grid.ctx, self.grid.workshop_id, person.id, qid, old, new),
                           self.grid)
        finally:
            self.typed = None


class DigitDelegate(QStyledItemDelegate):
    """For editing by double-click or F2: one digit, 1 to 5."""

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:  # noqa: N802
        edit = QLineEdit(parent)
        edit.setValidator(QIntValidator(1, 5, edit))
        edit.setMaxLength(1)
        edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return edit


class GridView(QTableView):
    """The keys of fast entry: digits store and move on; Delete/Backspace clear."""

    def __init__(self, grid: PaperGrid) -> None:
        super().__init__()
        self.grid = grid

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        model: PaperGridModel = self.model()
        index = self.currentIndex()
        qid = model.qid(index.column()) if index.isValid() else None
        text, key = event.text(), event.key()
        typed = len(text) == 1 and text.isprintable() and not text.isspace()
        if qid and typed and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if text in "12345" and model.setData(index, text):
                self.move(index, 1)
            else:
                self.grid.say(_("Only the digits 1 to 5: {text} was not stored.").format(text=text))
            return
        if qid and key == Qt.Key.Key_Delete:
            model.setData(index, "")
            return
        if qid and key == Qt.Key.Key_Backspace:
            if model.data(index) == "":
                index = self.move(index, -1)
            model.setData(index, "")
            return
        if index.isValid() and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            if index.row() + 1 < model.rowCount():
                self.setCurrentIndex(model.index(index.row() + 1, FIRST_Q))
            return
        super().keyPressEvent(event)

    def move(self, index: QModelIndex, step: int) -> QModelIndex:
        """The next (or previous) statement cell, wrapping to the next participant's row."""
        model: PaperGridModel = self.model()
        count = len(model.qids)
        flat = index.row() * count + (index.column() - FIRST_Q) + step
        flat = max(0, min(flat, model.rowCount() * count - 1))
        target = model.index(flat // count, FIRST_Q + flat % count)
        self.setCurrentIndex(target)
        return target


class PaperGrid(StepPage):
    follows = ("answers", "participants")

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.preview: ImportPreviewDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        bar = QHBoxLayout()
        hint = QLabel(_("Type 1–5: the cursor moves on by itself. Delete or Backspace clears, Enter goes to the "
                        "next participant, Ctrl+Z undoes. Everything is saved at once."))
        hint.setObjectName("mutedNote")
        hint.setWordWrap(True)
        bar.addWidget(hint, 1)
        self.function = QComboBox()
        for key in FUNCTIONS:
            self.function.addItem(_(FUNCTION_LABELS[key]), key)
        self.function.setAccessibleName(_("Function of the new form"))
        self.add_button = QPushButton(_("&Add an anonymous form"))
        self.add_button.setToolTip(_("A new row for a paper form without a name, in the chosen function"))
        self.add_button.clicked.connect(self.add_form)
        self.import_button = QPushButton(_("&Import responses CSV…"))
        self.import_button.setToolTip(_("Add or update participants' answers from a CSV file, after a preview"))
        self.import_button.clicked.connect(lambda: self.import_csv())
        for widget in (self.function, self.add_button, self.import_button):
            bar.addWidget(widget)
        layout.addLayout(bar)
        self.model = PaperGridModel(self)
        self.view = GridView(self)
        self.view.setObjectName("paperGrid")
        self.view.setModel(self.model)
        self.view.setItemDelegate(DigitDelegate(self.view))
        self.view.setAccessibleName(_("Answers per participant and statement"))
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        triggers = QAbstractItemView.EditTrigger
        self.view.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(31)  # twenty of them leave the names room at 1024 px
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for column in (self.model.total_column, self.model.total_column + 1):  # "Beantwoord" is wider
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.view, 1)
        self.message = QLabel()
        self.message.setObjectName("mutedNote")
        self.message.setAccessibleName(_("Message"))
        layout.addWidget(self.message)
        self.model.reload()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.first_open_cell())

    def first_open_cell(self) -> QModelIndex:
        for row, person in enumerate(self.model.rows):
            for column, qid in enumerate(self.model.qids, FIRST_Q):
                if qid not in person.answers:
                    return self.model.index(row, column)
        return self.model.index(0, FIRST_Q)

    def say(self, text: str) -> None:
        self.message.setText(text)

    def refresh(self) -> None:
        changes = self.changes
        typed = self.model.typed
        if typed is not None and changes is not None and self.made_here() and not changes.participants:
            self.model.reload_person(typed)
        else:
            self.model.reload()

    def add_form(self) -> None:
        command = AddParticipant(self.ctx, self.workshop_id, None, self.function.currentData())
        if perform(self.ctx, command, self) and command.ref is not None:
            row = next((i for i, p in enumerate(self.model.rows) if p.id == command.ref.id), None)
            if row is not None:
                self.view.setCurrentIndex(self.model.index(row, FIRST_Q))
                self.view.setFocus()

    def import_csv(self, path: str | None = None) -> None:
        self.preview = import_responses(self.ctx, self.workshop_id, self, self.say, path)


def import_responses(ctx: AppContext, workshop_id: int, parent: QWidget, say: Callable[[str], None],
                     path: str | None = None) -> ImportPreviewDialog | None:
    """Choose a responses CSV (unless ``path``), preview it, and import it as one undoable step.

    The one way in for the paper grid, the Score page and File → Import responses; ``say``
    reports how many were added and updated."""

    if path is None:
        path, _filter = QFileDialog.getOpenFileName(parent, _("Import responses"), "",
                                                    _("CSV files (*.csv *.txt);;All files (*)"))
        if not path:
            return None
    try:
        plan = plan_import(ctx.db, workshop_id, path)
    except WorkshopError as exc:
        show_error(parent, exc, _("The file cannot be imported"))
        return None
    preview = ImportPreviewDialog(plan, path, parent, title=_("Import responses"))

    def apply() -> None:
        command = ImportResponses(ctx, workshop_id, plan)
        if perform(ctx, command, parent):
            report = command.report
            say(_("Imported: {added} added, {updated} updated.").format(added=report.added, updated=report.updated))

    preview.accepted.connect(apply)
    preview.open()
    return preview


class PaperEntryWindow(QWidget):
    """The grid in its own window (wide enough for twenty columns), with undo and redo."""

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        info = get_workshop(ctx.db, workshop_id)
        self.setWindowTitle(_("Paper forms — {title}").format(title=info.title))
        self.grid = PaperGrid(ctx, workshop_id, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid)
        QShortcut(QKeySequence.StandardKey.Undo, self, ctx.undo.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, ctx.undo.redo)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        foot = QHBoxLayout()
        foot.setContentsMargins(16, 0, 16, 10)
        foot.addWidget(QLabel(_("Everything typed is already saved.")), 1)
        self.done_button = QPushButton(_("&Done"))
        self.done_button.setObjectName("paperDone")
        self.done_button.setToolTip(_("Close the paper forms (Esc); everything is saved"))
        self.done_button.clicked.connect(self.close)
        foot.addWidget(self.done_button)
        layout.addLayout(foot)
        self.resize(1180, 640)
        self.grid.view.setFocus()  # ready for typing the first form

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Esc no cell editor took
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
