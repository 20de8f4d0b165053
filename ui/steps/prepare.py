"""Prepare: the workshop's settings and its participants.

Every edit is saved at once through an undoable command; the page refreshes itself from
the change bus, so an undo, an import or an answer arriving elsewhere shows up here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import privacy_dialogs, theme
from ui.background import Task
from ui.commands import perform
from ui.commands.participants import AddParticipant, EditParticipant, ImportParticipants, RemoveParticipants
from ui.commands.workshops import SetClientLogo, UpdateWorkshop
from ui.context import AppContext
from ui.errors import handle_exception, show_error
from ui.import_preview import ImportPreviewDialog
from ui.logo_field import LogoField
from ui.steps.base import StepPage
from ui.workshop_dialog import (
    ErrorLabel,
    date_edit,
    from_qdate,
    language_combo,
    min_group_spin,
    paper_combo,
    to_qdate,
)
from workshop.branding import get_texts
from workshop.errors import WorkshopError
from workshop.i18n import _
from workshop.importing import plan_import
from workshop.instrument import default_instrument
from workshop.participants import ParticipantInfo, list_participants
from workshop.privacy import small_group_warnings
from workshop.vocabulary import FUNCTION_LABELS, FUNCTIONS
from workshop.workshops import WorkshopInfo

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, as a default argument
KeyRole = Qt.ItemDataRole.UserRole + 1


def function_name(function: str) -> str:
    return _(FUNCTION_LABELS.get(function, function))


def function_combo() -> QComboBox:
    combo = QComboBox()
    for key in FUNCTIONS:
        combo.addItem(function_name(key), key)
    combo.setAccessibleName(_("Function"))
    combo.setToolTip(_("Sales, Marketing, Leadership or Other: results are compared between functions"))
    return combo


# --- participants table ------------------------------------------------------------------


class ParticipantsModel(QAbstractTableModel):
    """The participants of one workshop as plain records; edits go through undo commands."""

    COLUMNS = ("position", "name", "function", "answers")

    def __init__(self, page: PreparePage) -> None:
        super().__init__(page)
        self.page = page
        self.rows: list[ParticipantInfo] = []
        self.statement_count = len(default_instrument().statement_ids)

    def set_rows(self, rows: list[ParticipantInfo]) -> None:
        if [p.id for p in rows] == [p.id for p in self.rows]:
            # Same people: update in place, so an open editor and the selection survive.
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return ["#", _("Name"), _("Function"), _("Answers")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        answered = len(person.answers)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "position":
                return str(index.row() + 1)
            if column == "name":
                return person.name or _("(anonymous)")
            if column == "function":
                return function_name(person.function)
            if column == "answers":
                return f"{answered} / {self.statement_count}" if answered else "–"
        if role == Qt.ItemDataRole.EditRole:
            if column == "name":
                return person.name or ""
            if column == "function":
                return person.function
        if role == KeyRole:
            return person.id
        if role == Qt.ItemDataRole.FontRole and column == "name" and not person.name:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if (column == "name" and not person.name) or column == "position":
                return QColor(theme.SOFT)
            if column == "answers" and answered == self.statement_count:
                return QColor(theme.SUCCESS)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("position", "answers"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "name":
                return _("Double-click or press F2 to rename; leave empty for an anonymous participant")
            if column == "function":
                return _("Double-click or press F2 to change the function")
            if column == "answers":
                return _("Answered {n} of {total} statements").format(n=answered, total=self.statement_count)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()] in ("name", "function"):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        person = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "name":
            new = str(value or "").strip() or None
            if new == person.name:
                return False
            return self.page.rename(person, new)
        if column == "function":
            if value == person.function or value not in FUNCTIONS:
                return False
            return self.page.change_function(person, str(value))
        return False


class FunctionDelegate(QStyledItemDelegate):
    """A function picker in the table: a combo box that opens at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = function_combo()
        combo.setParent(parent)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.SubmitModelCache)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class UndoPassThrough(QObject):
    """An empty entry field with nothing of its own to undo lets Ctrl+Z undo the last edit
    of the workshop (the add just made), instead of swallowing the key."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QLineEdit)
                and not watched.text() and not watched.isUndoAvailable() and not watched.isRedoAvailable()
                and isinstance(event, QKeyEvent)
                and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))):
            event.ignore()
            return True
        return False


# --- the page ----------------------------------------------------------------------------


class SettingsForm(QFrame):
    """The workshop's settings, saved one field at a time as they are edited."""

    TEXT_FIELDS = ("client", "title", "place", "facilitator")

    def __init__(self, page: PreparePage) -> None:
        super().__init__()
        self.page = page
        self.setObjectName("settingsForm")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        heading = QLabel(_("Workshop settings"))
        heading.setObjectName("sectionHeading")
        layout.addWidget(heading)
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.edits: dict[str, QLineEdit] = {}
        tips = {
            "client": _("The client organisation; follow-up workshops of one client are grouped together"),
            "title": _("The name of this workshop, as it appears on the reports"),
            "place": _("Where the workshop takes place (optional)"),
            "facilitator": _("Who leads the workshop; printed on the reports (optional)"),
        }
        labels = {"client": _("&Client:"), "title": _("&Title:"), "place": _("&Place:"),
                  "facilitator": _("&Facilitator:")}
        names = {"client": _("Client"), "title": _("Title"), "place": _("Place"), "facilitator": _("Facilitator")}
        for key in self.TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"setting_{key}")
            edit.setMaxLength(200)
            edit.setToolTip(tips[key])
            edit.setAccessibleName(names[key])
            edit.editingFinished.connect(lambda k=key: self.commit(k))
            self.edits[key] = edit
        self.date = date_edit(page.workshop.date, _("Date"))
        self.date.setObjectName("setting_date")
        self.date.setToolTip(_("The day of the workshop"))
        self.language = language_combo(page.workshop.language)
        self.language.setObjectName("setting_language")
        self.paper = paper_combo(page.workshop.paper)
        self.paper.setObjectName("setting_paper")
        self.min_group = min_group_spin(page.workshop.min_group_size)
        self.min_group.setObjectName("setting_min_group_size")

        def row(label: str, widget: QWidget) -> None:
            text = QLabel(label)
            text.setBuddy(widget)
            form.addRow(text, widget)

        row(labels["client"], self.edits["client"])
        row(labels["title"], self.edits["title"])
        row(_("&Date:"), self.date)
        row(labels["place"], self.edits["place"])
        row(labels["facilitator"], self.edits["facilitator"])
        row(_("&Language:"), self.language)
        row(_("Pa&per:"), self.paper)
        row(_("&Minimum group size:"), self.min_group)
        # The client's logo goes on the cover of every PDF and the deck's title slide (optional).
        self.client_logo = LogoField(_("Client's logo"))
        self.client_logo.setObjectName("setting_client_logo")
        self.client_logo.chosen.connect(self._set_client_logo)
        self.client_logo.removed.connect(lambda: self._set_client_logo(None))
        logo_label = QLabel(_("Client's lo&go:"))
        logo_label.setBuddy(self.client_logo.choose)
        form.addRow(logo_label)
        form.addRow(self.client_logo)  # the whole width: at 1024 px its buttons do not fit the field column
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        note = QLabel(_("Changes are saved at once. Undo with Ctrl+Z."))
        note.setObjectName("mutedNote")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)

        # Dates and numbers settle before they are saved (typing 1, 2 must not save 1 first).
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(600)
        self._timer.timeout.connect(self._flush)
        self.date.dateChanged.connect(lambda _d: self._schedule("date"))
        self.date.editingFinished.connect(lambda: self.commit("date"))
        self.min_group.valueChanged.connect(lambda _v: self._schedule("min_group_size"))
        self.min_group.editingFinished.connect(lambda: self.commit("min_group_size"))
        self.language.currentIndexChanged.connect(lambda _i: self.commit("language"))
        self.paper.currentIndexChanged.connect(lambda _i: self.commit("paper"))
        self.load(page.workshop)

    def hideEvent(self, event: Any) -> None:
        """Leaving the step or closing the window: save what is still being typed."""
        for key in self.TEXT_FIELDS:
            self.commit(key)
        self._timer.stop()
        self._flush()
        super().hideEvent(event)

    def _schedule(self, key: str) -> None:
        self._pending.add(key)
        self._timer.start()

    def _flush(self) -> None:
        for key in sorted(self._pending):
            self.commit(key)

    def value(self, key: str) -> Any:
        if key in self.edits:
            return self.edits[key].text().strip()
        if key == "date":
            return from_qdate(self.date.date())
        if key == "language":
            return self.language.currentData()
        if key == "paper":
            return self.paper.currentData()
        if key == "min_group_size":
            return self.min_group.value()
        raise KeyError(key)

    def load(self, workshop: WorkshopInfo) -> None:
        for key, edit in self.edits.items():
            if edit.text() != getattr(workshop, key):
                edit.blockSignals(True)
                edit.setText(getattr(workshop, key))
                edit.setCursorPosition(0)  # show the start of a long name, not its end
                edit.blockSignals(False)
        widgets: list[tuple[QWidget, Any]] = [
            (self.date, lambda: self.date.setDate(to_qdate(workshop.date))),
            (self.language, lambda: self.language.setCurrentIndex(self.language.findData(workshop.language))),
            (self.paper, lambda: self.paper.setCurrentIndex(self.paper.findData(workshop.paper))),
            (self.min_group, lambda: self.min_group.setValue(workshop.min_group_size)),
        ]
        for widget, setter in widgets:
            widget.blockSignals(True)
            setter()
            widget.blockSignals(False)
        self._pending.clear()
        self._logo = get_texts(self.page.ctx.db, workshop.id).client_logo
        self.client_logo.show_logo(self._logo)

    def _set_client_logo(self, logo: bytes | None) -> None:
        if logo == self._logo:
            return
        self.error.clear_error()
        try:
            perform(self.page.ctx, SetClientLogo(self.page.ctx, self.page.workshop.id, self._logo, logo), self,
                    show_errors=False)
        except WorkshopError as exc:
            self.error.show_error(exc)
            self.client_logo.show_logo(self._logo)  # the stored logo, not the refused one

    def commit(self, key: str) -> None:
        self._pending.discard(key)
        workshop = self.page.workshop
        new, old = self.value(key), getattr(workshop, key)
        if new == old:
            return
        self.error.clear_error()
        if key in ("client", "title") and not new:
            what = _("The client") if key == "client" else _("The title")
            self.error.show_error(WorkshopError(_("{what} cannot be empty; it was put back.").format(what=what)))
            self.load(workshop)
            return
        try:
            perform(self.page.ctx, UpdateWorkshop(self.page.ctx, workshop.id, {key: old}, {key: new}),
                    self, show_errors=False)
        except WorkshopError as exc:
            self.error.show_error(exc)
            self.load(workshop)


class PreparePage(StepPage):
    """Settings on the left, participants on the right."""

    follows = ("participants", "answers")

    def __init__(self, ctx: AppContext, workshop_id: int) -> None:
        super().__init__(ctx, workshop_id)
        self.setObjectName("preparePage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 22, 28, 18)
        outer.setSpacing(14)
        heading = QLabel(_("Prepare"))
        heading.setObjectName("pageHeading")
        outer.addWidget(heading)
        columns = QHBoxLayout()
        columns.setSpacing(32)
        outer.addLayout(columns, 1)

        # The two columns share the width (at 1024×700 the settings must not cover the list).
        self.settings = SettingsForm(self)
        self.settings.setMinimumWidth(260)
        self.settings.setMaximumWidth(400)
        columns.addWidget(self.settings, 2)

        right = QVBoxLayout()
        right.setSpacing(10)
        columns.addLayout(right, 3)
        top = QHBoxLayout()
        people_heading = QLabel(_("Participants"))
        people_heading.setObjectName("sectionHeading")
        top.addWidget(people_heading)
        self.counts = QLabel()
        self.counts.setObjectName("functionCounts")
        self.counts.setAccessibleName(_("Participants per function"))
        self.counts.setWordWrap(True)
        self.counts.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.counts, 1)
        right.addLayout(top)

        add_row = QHBoxLayout()
        add_row.setSpacing(6)
        self.new_name = QLineEdit()
        self.new_name.setObjectName("newParticipantName")
        self.new_name.setPlaceholderText(_("Name (leave empty for anonymous)"))
        self.new_name.setAccessibleName(_("Name of the new participant"))
        self.new_name.setToolTip(_("Type a name and press Enter to add the participant"))
        self.new_name.setMaxLength(200)
        self.new_name.returnPressed.connect(self.add_from_form)
        self._undo_pass = UndoPassThrough(self)
        self.new_name.installEventFilter(self._undo_pass)
        self.new_function = function_combo()
        self.new_function.setObjectName("newParticipantFunction")
        self.new_function.setAccessibleName(_("Function of the new participant"))
        self.add_button = QPushButton(_("&Add"))
        self.add_button.setObjectName("addParticipant")
        self.add_button.setToolTip(_("Add the participant to the list (Enter)"))
        self.add_button.setAccessibleName(_("Add participant"))
        self.add_button.clicked.connect(self.add_from_form)
        add_row.addWidget(self.new_name, 3)
        add_row.addWidget(self.new_function, 1)
        add_row.addWidget(self.add_button)
        right.addLayout(add_row)

        self.model = ParticipantsModel(self)
        self.table = QTableView()
        self.table.setObjectName("participantsTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Participants"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setItemDelegateForColumn(2, FunctionDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 44)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        right.addWidget(self.table, 1)

        self.warning = QLabel()
        self.warning.setObjectName("warningBanner")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        right.addWidget(self.warning)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.remove_button = QPushButton(_("&Remove"))
        self.remove_button.setObjectName("removeParticipants")
        self.remove_button.setToolTip(_("Remove the selected participants and their answers (Delete; can be undone)"))
        self.remove_button.setAccessibleName(_("Remove selected participants"))
        self.remove_button.clicked.connect(self.delete_selected)
        self.import_button = QPushButton(_("&Import list from CSV…"))
        self.import_button.setObjectName("importParticipants")
        self.import_button.setToolTip(
            _("Add participants from a spreadsheet saved as CSV, with the columns name and function")
        )
        self.import_button.setAccessibleName(_("Import participant list from CSV"))
        self.import_button.clicked.connect(self.choose_import_file)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        right.addLayout(buttons)

        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._participant_menu)
        self.setTabOrder(self.new_name, self.new_function)
        self.setTabOrder(self.new_function, self.add_button)
        self.setTabOrder(self.add_button, self.table)
        self.reload()

    # --- refresh ---------------------------------------------------------------------

    def refresh(self) -> None:
        changes = self.changes
        if changes is None or changes.workshops:
            self.settings.load(self.workshop)
            self._update_counts()
        if changes is None or changes.participants or changes.answers:
            self.reload()

    def reload(self) -> None:
        selected = set(self.selected_ids())
        rows = list_participants(self.ctx.db, self.workshop_id)
        self.model.set_rows(rows)
        selection = self.table.selectionModel()
        for row, person in enumerate(rows):
            if person.id in selected:
                selection.select(self.model.index(row, 0), selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)
        self._update_counts()
        self._update_buttons()

    def _update_counts(self) -> None:
        counts = {key: 0 for key in FUNCTIONS}
        for person in self.model.rows:
            counts[person.function] = counts.get(person.function, 0) + 1
        parts = [f"{function_name(key)} {counts[key]}" for key in FUNCTIONS]
        total = len(self.model.rows)
        self.counts.setText("  ·  ".join(parts) + "   —   " + _("{n} in total").format(n=total))
        warnings = small_group_warnings(counts, self.workshop.min_group_size)
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))

    def _update_buttons(self, *_args: Any) -> None:
        self.remove_button.setEnabled(bool(self.selected_ids()))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.rows[row].id for row in rows if row < len(self.model.rows)]

    def _participant_menu(self, pos: Any) -> None:
        """Right-click (or the menu key) on a participant: their personal-data requests."""
        index = self.table.indexAt(pos)
        if index.isValid() and index.row() < len(self.model.rows):
            self.participant_menu(self.model.rows[index.row()].id).exec(self.table.viewport().mapToGlobal(pos))

    def participant_menu(self, participant_id: int) -> QMenu:
        menu = QMenu(self)
        menu.addAction(_("Export their data…"),
                       lambda: privacy_dialogs.export_their_data(self, self.ctx, participant_id))
        menu.addAction(_("Delete with all answers…"),
                       lambda: privacy_dialogs.delete_with_all_answers(self, self.ctx, participant_id))
        return menu

    def step_shown(self) -> None:
        """Called by the main window each time this step becomes the current one."""
        if not self.model.rows:
            self.new_name.setFocus()

    # --- edits -------------------------------------------------------------------------

    def add_from_form(self) -> None:
        name = self.new_name.text().strip() or None
        function = str(self.new_function.currentData())
        if perform(self.ctx, AddParticipant(self.ctx, self.workshop_id, name, function), self):
            self.new_name.setText("")  # unlike clear(), leaves nothing for the field's own undo
            self.new_name.setFocus()
            self.table.scrollToBottom()

    def rename(self, person: ParticipantInfo, name: str | None) -> bool:
        return perform(self.ctx, EditParticipant(self.ctx, person.id, "name", person.name, name), self)

    def change_function(self, person: ParticipantInfo, function: str) -> bool:
        return perform(self.ctx, EditParticipant(self.ctx, person.id, "function", person.function, function), self)

    def delete_selected(self) -> None:
        """Edit → Delete on this page: remove the selected participants (undoable)."""
        ids = set(self.selected_ids())
        if not ids:
            return
        people = [(p.id, p.name) for p in self.model.rows if p.id in ids]
        first_row = min(i for i, p in enumerate(self.model.rows) if p.id in ids)
        if perform(self.ctx, RemoveParticipants(self.ctx, self.workshop_id, people), self):
            window = self.window()
            if hasattr(window, "statusBar"):
                if len(people) == 1:
                    text = _("{name} removed. Undo with Ctrl+Z.").format(name=people[0][1] or _("(anonymous)"))
                else:
                    text = _("{n} participants removed. Undo with Ctrl+Z.").format(n=len(people))
                window.statusBar().showMessage(text, 8000)
            if self.model.rows:
                self.table.selectRow(min(first_row, len(self.model.rows) - 1))
            self.table.setFocus()

    # --- import ------------------------------------------------------------------------

    def choose_import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import participant list"), str(Path.home()), _("CSV files (*.csv *.txt);;All files (*)")
        )
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Read and check the file in the background, then show the preview."""

        self.import_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.import_button.setEnabled(True)
            if isinstance(exc, WorkshopError):
                show_error(self, exc, _("The file cannot be imported"))
            else:

                handle_exception(type(exc), exc, exc.__traceback__, self)

        Task(lambda: plan_import(self.ctx.db, self.workshop_id, path, require_answers=False)) \
            .success(lambda plan: self._preview(path, plan)) \
            .failure(failed) \
            .run_in_background(self, _("Reading the file…"))

    def _preview(self, path: str, plan: Any) -> None:
        self.import_button.setEnabled(True)
        dialog = ImportPreviewDialog(plan, path, self, title=_("Import participant list"))
        self.preview = dialog
        dialog.accepted.connect(lambda: self._apply(plan))
        dialog.open()

    def _apply(self, plan: Any) -> None:
        command = ImportParticipants(self.ctx, self.workshop_id, plan)
        if perform(self.ctx, command, self):
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(
                    _("Imported: {added} added, {updated} updated. Undo with Ctrl+Z.").format(
                        added=plan.added, updated=plan.updated), 8000)
