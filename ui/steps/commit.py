"""Commit: who does what by when, and how the group will know it worked.

A table of commitments (sort by clicking a header, filter by status or text), edited in
place with undo: text cells, choice lists for function, status and practice, and a date
picker with a calendar. Overdue ones stand out in words, weight and tint. Export writes an
Excel-safe CSV. In a follow-up workshop a second tab shows the trend since the client's
earlier workshops and the review of the previous workshop's commitments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.commands.commitments import AddCommitment, DeleteCommitments, EditCommitment, EditCommitmentFields
from ui.context import AppContext, Focus
from ui.errors import show_error
from ui.room_slide import RoomSlide
from ui.steps.base import StepPage
from ui.steps.capture_editors import function_of
from ui.steps.commitment_model import (
    COLUMNS,
    FIELDS,
    CommitmentDelegate,
    CommitmentFilter,
    CommitmentsModel,
    format_day,
)
from ui.steps.follow_up import FollowUpPanel, FollowUpPresenter
from ui.theme import BRAND, INK, MUTED, OVERDUE
from ui.widgets import label
from workshop import commitments as service
from workshop.errors import WorkshopError
from workshop.i18n import N_, _, current_language
from workshop.workshops import previous_workshop

FILTERS = (("all", None), ("open", "open"), ("overdue", "overdue"), ("done", "done"), ("dropped", "dropped"))


def focus_for(ctx: AppContext) -> Focus:
    """Which part of the Commit step the presenter shows, "commitments" or "follow_up"
    (the facilitator's page and the presenter share it)."""
    return ctx.commit_focus


def filter_names() -> dict[str, str]:
    return {"all": _("All"), "open": _("Open"), "overdue": _("Overdue"), "done": _("Done"), "dropped": _("Dropped")}


NARROW = 820  # px of page below which the Practice column is left out
COLUMN_HEADS = (N_("What"), N_("Owner"), N_("Due date"), N_("Status"))  # the room's list of commitments


class CommitPage(StepPage):
    follows = ("commitments", "answers", "participants")

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("commitPage")
        self.today = today or ctx.today
        self.previous = previous_workshop(ctx.db, workshop_id)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 12)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label(_("Commit"), "pageHeading"))
        top.addSpacing(12)
        top.addWidget(label(_("Who does what by when, and how will we know it worked?"), "mutedNote"), 1)
        self.overdue = label("", "overdueSummary", style=theme.text(colour=OVERDUE, weight=600))
        top.addWidget(self.overdue)
        outer.addLayout(top)

        commitments = QWidget()
        box = QVBoxLayout(commitments)
        box.setContentsMargins(0, 8, 0, 0)
        box.setSpacing(8)
        add = QHBoxLayout()
        self.new_what = QLineEdit()
        self.new_what.setObjectName("newCommitment")
        self.new_what.setPlaceholderText(_("What will be done? Type it and press Enter"))
        self.new_what.setAccessibleName(_("New commitment"))
        self.new_what.returnPressed.connect(self.add)
        add.addWidget(self.new_what, 1)
        self.add_button = QPushButton(_("&Add commitment"))
        self.add_button.setObjectName("primaryButton")
        self.add_button.clicked.connect(self.add)
        add.addWidget(self.add_button)
        box.addLayout(add)

        tools = QHBoxLayout()
        tools.addWidget(label(_("Show:")))
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(_("Show commitments"))
        for key, _value in FILTERS:
            self.status_filter.addItem(filter_names()[key], key)
        self.status_filter.currentIndexChanged.connect(self._filter)
        tools.addWidget(self.status_filter)
        self.search = QLineEdit()
        self.search.setObjectName("commitmentSearch")
        self.search.setPlaceholderText(_("Search what, owner, measure…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search commitments"))
        self.search.textChanged.connect(self._filter)
        tools.addWidget(self.search, 1)
        self.shown = label("", "mutedNote")
        tools.addWidget(self.shown)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setObjectName("deleteCommitments")
        self.delete_button.setToolTip(_("Delete the selected commitments (can be undone)"))
        self.delete_button.clicked.connect(self.delete_selected)
        tools.addWidget(self.delete_button)
        self.export_button = QPushButton(_("Export CSV…"))
        self.export_button.setObjectName("exportCsv")
        self.export_button.setToolTip(_("Save the commitments shown as a CSV file that opens safely in Excel"))
        self.export_button.clicked.connect(self.export)
        tools.addWidget(self.export_button)
        box.addLayout(tools)

        self.model = CommitmentsModel(self.lang, current_language(), self._edit_field, self.today, self)
        self.proxy = CommitmentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("commitmentsTable")
        self.table.setAccessibleName(_("Commitments"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        self.table.setModel(self.proxy)
        self.delegate = CommitmentDelegate(self.lang, current_language(), self.table, people=self.people,
                                           today=self.today)
        self.delegate.refused.connect(self._refused)
        self.table.setItemDelegate(self.delegate)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the group's own order until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorShown(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        box.addWidget(self.table, 1)
        self.message = label(_("Double-click a cell to change it; the due date has a calendar. "
                               "Every change is stored at once and can be undone."), "mutedNote", wrap=True)
        box.addWidget(self.message)
        self.error = label("", "errorNote", wrap=True, style=theme.text(colour=theme.ERROR, weight=600))
        self.error.setAccessibleName(_("Problem"))
        self.error.setVisible(False)
        box.addWidget(self.error)

        self.tabs: QTabWidget | None = None
        self.follow_up: FollowUpPanel | None = None
        if self.previous is not None:

            self.tabs = QTabWidget()
            self.tabs.setObjectName("commitTabs")
            self.tabs.addTab(commitments, _("Commitments"))
            self.follow_up = FollowUpPanel(self, self.previous, self.today)
            self.tabs.addTab(self.follow_up, _("Follow-up since {title}").format(
                title=self.previous.title.replace("&", "&&")))  # a single & would become a shortcut
            focus = focus_for(ctx)
            self.tabs.currentChanged.connect(
                lambda i: focus.set(self.workshop_id, "follow_up" if i == 1 else "commitments"))
            self.tabs.setCurrentIndex(1 if focus.get(workshop_id) == "follow_up" else 0)
            outer.addWidget(self.tabs, 1)
        else:
            outer.addWidget(commitments, 1)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # On a 1024 px projector mirror the linked practice gives way (it shows on the Plan step),
        # so that "What" keeps room to be read.
        self.table.setColumnHidden(FIELDS.index("practice_id"), self.width() < NARROW)

    def related_workshops(self) -> set[int]:
        return {self.workshop_id} | ({self.previous.id} if self.previous else set())

    # --- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        rows = service.list_commitments(self.ctx.db, self.workshop_id)
        selected = self.selected_ids()
        self.model.set_rows(rows)
        # "What" takes the rest; the others wrap within a width that leaves it room at 1024×700.
        for column in (1, 2, 3, 6):
            self.table.resizeColumnToContents(column)
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 110))
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), 120))
        self.table.setColumnWidth(4, max(self.table.horizontalHeader().sectionSizeFromContents(4).width(), 120))
        self.table.setColumnWidth(5, 90)
        self.select(selected)
        late = sum(1 for c in rows if c.is_overdue(self.today))
        self.overdue.setText("⚠ " + _("{n} overdue").format(n=late) if late else "")
        self._update_buttons()
        if self.follow_up is not None:
            self.follow_up.refresh()

    def _filter(self) -> None:
        key = self.status_filter.currentData()
        self.proxy.set_status(dict(FILTERS)[key])
        self.proxy.set_text(self.search.text())
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(bool(self.selected_ids()))
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.shown.setText(_("{shown} of {total} shown").format(shown=shown, total=total) if shown != total else "")
        self.export_button.setEnabled(shown > 0)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in rows]

    def select(self, ids: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        for cid in ids:
            row = self.model.row_of(cid)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    # --- editing -------------------------------------------------------------------------

    def people(self) -> dict[str, str]:
        """The participants' names and functions, for the owner's completion."""
        from workshop.participants import list_participants

        return {p.name: p.function for p in list_participants(self.ctx.db, self.workshop_id) if p.name}

    def _refused(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def _edit_field(self, commitment_id: int, field: str, old: object, new: object) -> bool:
        self.error.setVisible(False)
        title = dict(COLUMNS)[field]
        text = _("Change {field}").format(field=_(title).lower())
        if field == "owner" and isinstance(new, str):
            function = function_of(new, self.people())
            row = self.model.row_of(commitment_id)
            current = self.model.rows[row].function if row is not None else None
            if function is not None and function != current:  # one step, undone together
                return self.edit(EditCommitmentFields(self.ctx, commitment_id, {"owner": (old, new),
                                                                                 "function": (current, function)},
                                                      text))
        return self.edit(EditCommitment(self.ctx, commitment_id, field, old, new, text))

    def add(self) -> None:
        text = self.new_what.text().strip()
        if not text:
            self.new_what.setFocus()
            return
        command = AddCommitment(self.ctx, self.workshop_id,
                                lambda db, wid: service.add_commitment(db, wid, text))
        if self.edit(command):
            self.new_what.clear()
            self._refresh_now()
            assert command.ref is not None, "a command that was done holds its commitment"
            self.select([command.ref.id])
            row = self.model.row_of(command.ref.id)
            if row is not None:
                self.table.scrollTo(self.proxy.mapFromSource(self.model.index(row, 0)))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.edit(DeleteCommitments(self.ctx, ids))

    def export(self) -> None:
        ids = self.proxy.ids()
        if not ids:
            return
        default = Path.home() / f"{self.workshop.client} – {self.workshop.title} – {_('commitments')}.csv"
        path, _filter = QFileDialog.getSaveFileName(self, _("Export commitments as CSV"), str(default),
                                                    _("CSV files (*.csv)"))
        if not path:
            return
        self.export_to(path, ids)

    def export_to(self, path: str, ids: list[int] | None = None) -> Path | None:
        ids = ids if ids is not None else self.proxy.ids()
        by_id = {c.id: c for c in self.model.rows}
        try:
            written = service.export_csv(self.ctx.db, self.workshop_id, path, lang=self.lang,
                                         items=[by_id[i] for i in ids], today=self.today)
        except WorkshopError as exc:
            show_error(self, exc)
            return None
        text = _("1 commitment saved to {path}") if len(ids) == 1 else _("{n} commitments saved to {path}")
        self.message.setText(text.format(n=len(ids), path=written))
        return written


class CommitPresenter(StepPage):
    """What the room sees: the commitments, or (in a follow-up) the trend and the review,
    whichever the facilitator's page shows; PageUp/PageDown page through either."""

    follows = ()

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("commitPresenter")
        self.previous = previous_workshop(ctx.db, workshop_id)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.slide: RoomSlide | None = None
        self.focus = focus_for(ctx)
        self.focus.changed.connect(self._on_focus)
        self.refresh()

    def _on_focus(self, workshop_id: int, _view: str) -> None:
        if workshop_id == self.workshop_id:
            self.refresh()

    def refresh(self) -> None:
        kind = FollowUpPresenter if self.previous is not None and self.focus.get(self.workshop_id) == "follow_up" \
            else CommitmentsSlide
        if isinstance(self.slide, kind):
            return  # a slide follows its own changes
        if self.slide is not None:
            self.slide.hide()  # gone at once, even before the event loop deletes it
            self.slide.deleteLater()
        self.slide = kind(self.ctx, self.workshop_id)
        self.layout_.addWidget(self.slide, 1)

    def turn(self, step: int) -> bool:
        return self.slide.turn(step) if self.slide is not None else False


class CommitmentsSlide(RoomSlide):
    """The workshop's commitments for the room: what, owner, due date, status; a few a page."""

    follows = ("commitments",)
    max_per_page = 5

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("commitmentsSlide")
        self.refresh()

    def load(self) -> None:
        self.rows = service.list_commitments(self.ctx.db, self.workshop_id)

    def head(self) -> QWidget:
        title = self.text(self.t("Our commitments"), theme.SLIDE_HEADLINE, BRAND, bold=True, centre=True)
        if not self.rows:
            return title
        heads = [self.text(self.t(h), theme.SLIDE_NOTE, MUTED, bold=True) for h in COLUMN_HEADS]
        return self.stack(title, self._columns(heads), spacing=self.px(10))

    def empty(self) -> QWidget:
        return self.text(self.t("No commitments yet."), theme.SLIDE_TEXT, MUTED, centre=True)

    def _widths(self) -> list[int]:
        """Owner, due date and status columns as wide as their longest text (owner at most a fifth)."""
        probe = self.text("", theme.SLIDE_NOTE, bold=True)  # an overdue date is bold
        probe.ensurePolished()
        metrics = probe.fontMetrics()
        probe.deleteLater()
        t, pad = self.t, self.px(8)
        columns = [[t(h)] for h in COLUMN_HEADS[1:]]
        for c in self.rows:
            columns[0].append(c.owner)
            columns[1].append(self._due(c))
            columns[2].append(t(service.STATUS_LABELS[c.status]))
        widths = [max(metrics.horizontalAdvance(text) for text in column) + pad for column in columns]
        widths[0] = min(widths[0], self.width() // 5)
        return widths

    def _columns(self, cells: Sequence[QWidget]) -> QWidget:
        for cell, width in zip(cells[1:], self._widths(), strict=True):
            cell.setFixedWidth(width)
        return self.row(*[(cell, 1 if i == 0 else 0) for i, cell in enumerate(cells)], spacing=self.px(24))

    def _due(self, c: service.CommitmentInfo) -> str:
        due = format_day(c.due_date, self.lang) if c.due_date else ""
        return f"\u26a0 {due} \u00b7 {self.t('overdue')}" if c.is_overdue(self.ctx.today) else due

    def items(self) -> list[QWidget]:
        t, rows = self.t, []
        for c in self.rows:
            ink = MUTED if c.status == "dropped" else INK
            overdue = c.is_overdue(self.ctx.today)
            what = self.stack(
                self.text(c.what, theme.SLIDE_TEXT, ink),
                self.text(t("Success: {measure}").format(measure=c.success_measure), theme.SLIDE_NOTE, MUTED)
                if c.success_measure else None, spacing=2)
            rows.append(self._columns([
                what, self.text(c.owner, theme.SLIDE_NOTE, ink),
                self.text(self._due(c), theme.SLIDE_NOTE, OVERDUE if overdue else ink, bold=overdue),
                self.text(t(service.STATUS_LABELS[c.status]), theme.SLIDE_NOTE, ink)]))
        return rows
