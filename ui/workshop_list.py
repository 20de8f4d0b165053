"""The list of workshops, grouped by client, with search (the home page once there is data)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.context import AppContext
from ui.steps.base import ChangeFollower
from workshop.changes import Changes
from workshop.i18n import _
from workshop.vocabulary import format_date, stage_name
from workshop.workshops import WorkshopSummary, list_workshops

WorkshopIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, as a default argument
CLIENT = 0  # internal id of a client row; workshop rows carry their client's row + 1


class WorkshopTreeModel(QAbstractItemModel):
    """Clients at the top level, their workshops below (newest first); plain summaries only."""

    COLUMNS = ("title", "date", "participants", "stage")

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.groups: list[tuple[str, list[WorkshopSummary]]] = []

    def set_rows(self, rows: list[WorkshopSummary]) -> None:
        groups: list[tuple[str, list[WorkshopSummary]]] = []
        for row in rows:  # already ordered by client, then newest first
            if not groups or groups[-1][0] != row.client:
                groups.append((row.client, []))
            groups[-1][1].append(row)
        self.beginResetModel()
        self.groups = groups
        self.endResetModel()

    def workshop_count(self) -> int:
        return sum(len(items) for _client, items in self.groups)

    # --- structure --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, CLIENT)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == CLIENT:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, CLIENT)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == CLIENT and parent.column() == 0:
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(self.COLUMNS)

    def summary(self, index: Index) -> WorkshopSummary | None:
        if not index.isValid() or index.internalId() == CLIENT:
            return None
        return self.groups[index.internalId() - 1][1][index.row()]

    def index_of(self, workshop_id: int) -> QModelIndex:
        for client_row, (_client, items) in enumerate(self.groups):
            for row, item in enumerate(items):
                if item.id == workshop_id:
                    return self.index(row, 0, self.index(client_row, 0))
        return QModelIndex()

    # --- content --------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [_("Client and workshop"), _("Date"), _("Participants"), _("Stage")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == CLIENT:
            client, items = self.groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return client
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
                return _("{client}, workshops: {n}").format(client=client, n=len(items))
            return None
        item = self.summary(index)
        assert item is not None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "title":
                return item.title
            if column == "date":
                return format_date(item.date, self.language)
            if column == "participants":
                if item.participants and item.complete != item.participants:
                    return _("{n} ({complete} complete)").format(n=item.participants, complete=item.complete)
                return str(item.participants)
            if column == "stage":
                if item.stage is None:
                    return "–"
                return f"{stage_name(item.stage, self.language) if item.stage else ''} · {item.mean:.0f}"
        if role == WorkshopIdRole:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "stage":
                if item.stage is None:
                    return _("No stage yet: nobody has answered all 20 statements")
                return _("Mean score {mean:.1f} of the complete participants").format(mean=item.mean)
            return _("{client} — {title}. Double-click or press Enter to open.").format(
                client=item.client, title=item.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("participants",):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class WorkshopListPage(QWidget):
    """Search box, the grouped list and its buttons; asks the main window to open a workshop."""

    open_requested = Signal(int)
    selection_changed = Signal()
    reloaded = Signal()

    def __init__(self, ctx: AppContext, actions: dict[str, object] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("workshopList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(12)

        top = QHBoxLayout()
        heading = QLabel(_("Workshops"))
        heading.setObjectName("pageHeading")
        top.addWidget(heading)
        top.addStretch(1)
        self.search = QLineEdit()
        self.search.setObjectName("workshopSearch")
        self.search.setPlaceholderText(_("Search client or title…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search workshops"))
        self.search.setToolTip(_("Show only the workshops whose client or title contains this text"))
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(self._schedule_search)
        top.addWidget(self.search)
        layout.addLayout(top)

        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        layout.addLayout(self.buttons)

        self.model = WorkshopTreeModel(ctx.language, self)
        self.view = QTreeView()
        self.view.setObjectName("workshopTree")
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Workshops by client"))
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setRootIsDecorated(True)
        self.view.setAllColumnsShowFocus(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 130)
        header.resizeSection(2, 150)
        header.resizeSection(3, 170)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.selection_changed.emit())

        self.nothing = QLabel()
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.setObjectName("emptyNote")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.nothing)
        layout.addWidget(self.stack, 1)

        self.count = QLabel()
        self.count.setObjectName("mutedNote")
        layout.addWidget(self.count)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.reload)
        self.in_view = self.isVisible  # the main window says when home (list or welcome) is in view
        self.follower = ChangeFollower(self, ctx, self._concerns, lambda _changes: self.reload(),
                                       lambda: self.in_view())
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, activated=self.search.clear)
        self.setFocusProxy(self.view)

    def add_button(self, action, primary: bool = False) -> QToolButton:  # noqa: ANN001 - a QAction
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        if primary:
            button.setObjectName("primaryToolButton")
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    def _schedule_search(self) -> None:
        self._search_timer.start()

    @staticmethod
    def _concerns(changes: Changes) -> bool:
        return changes.workshops or changes.participants or changes.answers

    def reload_if_dirty(self) -> None:
        """Catch up with what changed while the list was out of view."""
        self.follower.catch_up()

    def reload(self) -> None:
        self.follower.pending = None
        selected = self.selected_id()
        text = self.search.text()
        rows = list_workshops(self.ctx.db, text)
        self.model.set_rows(rows)
        for client_row in range(len(self.model.groups)):
            self.view.setFirstColumnSpanned(client_row, QModelIndex(), True)
        self.view.expandAll()
        if rows:
            self.stack.setCurrentWidget(self.view)
        else:
            self.nothing.setText(_("No workshop matches “{text}”.").format(text=text) if text.strip()
                                 else _("There are no workshops yet."))
            self.stack.setCurrentWidget(self.nothing)
        clients = len(self.model.groups)
        self.count.setText(_("Workshops: {n} · Clients: {clients}").format(n=len(rows), clients=clients))
        if selected is not None:
            self.select(selected)
        elif rows:
            self.select(rows[0].id)
        self.selection_changed.emit()
        self.reloaded.emit()

    def select(self, workshop_id: int) -> bool:
        index = self.model.index_of(workshop_id)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def selected_id(self) -> int | None:
        item = self.model.summary(self.view.currentIndex())
        return item.id if item else None

    def selected(self) -> WorkshopSummary | None:
        return self.model.summary(self.view.currentIndex())

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.summary(index)
        if item is not None:
            self.open_requested.emit(item.id)
