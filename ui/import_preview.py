"""The preview of a CSV import: who will be added or updated, and the file's warnings.

Works for any ``workshop.importing.ImportPlan`` (participant lists and responses alike):
show it with ``dialog.open()`` and apply the plan when ``accepted`` fires.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from workshop.i18n import _
from workshop.instrument import default_instrument
from workshop.vocabulary import FUNCTION_LABELS

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, as a default argument


class PlanModel(QAbstractTableModel):
    def __init__(self, plan: Any, statement_count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.statement_count = statement_count

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.plan.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [_("Line"), _("Name"), _("Function"), _("Answers"), _("What happens")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.plan.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(row.line)
            if column == 1:
                return row.name or _("(anonymous)")
            if column == 2:
                return _(FUNCTION_LABELS.get(row.function, row.function))
            if column == 3:
                return f"{len(row.answers)} / {self.statement_count}" if row.answers else "–"
            if column == 4:
                return _("update existing participant") if row.action == "update" else _("add")
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 4 and row.action == "update":
                return QColor(theme.CAUTION)
            if column == 0 or (column == 1 and not row.name):
                return QColor(theme.SOFT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ImportPreviewDialog(QDialog):
    def __init__(self, plan: Any, path: str | Path, parent: QWidget | None = None, *, title: str | None = None):
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("importPreview")
        self.setWindowTitle(title or _("Import preview"))
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        summary = QLabel(
            _("<b>{file}</b>: {added} to add, {updated} to update. Nothing is stored until you click Import.")
            .format(file=Path(path).name, added=plan.added, updated=plan.updated)
        )
        summary.setObjectName("importSummary")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.table = QTableView()
        self.table.setObjectName("importRows")
        self.table.setModel(PlanModel(plan, len(default_instrument().statement_ids), self))
        self.table.setAccessibleName(_("Rows to import"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.table, 1)
        if plan.warnings:
            heading = QLabel(_("Warnings"))
            heading.setObjectName("sectionHeading")
            layout.addWidget(heading)
            self.warnings = QListWidget()
            self.warnings.setObjectName("importWarnings")
            self.warnings.setAccessibleName(_("Warnings about the file"))
            self.warnings.addItems(plan.warnings)
            self.warnings.setMaximumHeight(110)
            layout.addWidget(self.warnings)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_("Import"))
        self.import_button.setEnabled(bool(plan.rows))
        self.import_button.setToolTip(_("Store these rows in the workshop (can be undone)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.import_button.setFocus()
