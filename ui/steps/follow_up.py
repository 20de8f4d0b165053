"""Follow-up: in a workshop with earlier workshops of the same client, the trend since then
and the review of the previous workshop's commitments (done, late, open, dropped, with a
note), with open ones carried forward into this workshop. Shown on the Commit step.

The trend leaves out this workshop's own point until its results are revealed; each earlier
workshop keeps its own privacy (a hidden breakdown stays hidden).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.commands.commitments import CarryForward, EditCommitment
from ui.figure_view import FigureView
from ui.steps.commitment_model import format_day
from ui.theme import BRAND, INK, MUTED
from ui.widgets import card, label
from workshop import follow_up as service
from workshop.i18n import N_, _, current_language, translator

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
STATE_LABELS = {"done": N_("Done"), "late": N_("Late"), "open": N_("Open"), "dropped": N_("Dropped")}
STATE_MARKS = {"done": "✔", "late": "⚠", "open": "○", "dropped": "✖"}
COLUMNS = (N_("What"), N_("Owner"), N_("Due date"), N_("Review"), N_("Review note"))
STATE, NOTE = 3, 4


def state_text(state: str, t=_) -> str:  # noqa: ANN001 - a gettext function
    return f"{STATE_MARKS[state]} {t(STATE_LABELS[state])}"


def visible_trend(db: Any, workshop_id: int) -> list[service.HistoryPoint]:
    """The trend as the room may see it: this workshop's point only once it is revealed."""
    return [p for p in service.client_trend(db, workshop_id) if p.revealed or not p.is_current]


def trend_figure(points: list[service.HistoryPoint], lang: str, width: float = 6.2, height: float = 3.9):  # noqa: ANN201
    # matplotlib loads with the first chart shown, not with the page
    from workshop.charts.trend import trend_chart

    return trend_chart(points, lang, width=width, height=height)


def summary(review: service.CommitmentReview, t=_) -> str:  # noqa: ANN001
    return " · ".join(f"{review.count(s)} {t(STATE_LABELS[s]).lower()}" for s in service.REVIEW_STATES)


class ReviewModel(QAbstractTableModel):
    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.items: list[service.ReviewItem] = []

    def set_items(self, items: list[service.ReviewItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() in (STATE, NOTE) else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        c, column = item.commitment, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            carried = "\n↪ " + _("carried forward") if item.carried_to_id else ""
            return [
                c.what, c.owner, format_day(c.due_date, current_language()) if c.due_date else "",
                state_text(item.state) + carried, c.review_note,
            ][column]
        if role == Qt.ItemDataRole.EditRole:
            return c.status if column == STATE else c.review_note if column == NOTE else None
        if role == Qt.ItemDataRole.ToolTipRole and column == STATE and item.state == "late":
            return _("Still open and past its due date")
        if item.state == "late" and column in (2, STATE):
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(theme.OVERDUE_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and item.state == "dropped":
            return QBrush(QColor(MUTED))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() not in (STATE, NOTE):
            return False
        c = self.items[index.row()].commitment
        field = "status" if index.column() == STATE else "review_note"
        old = getattr(c, field)
        if isinstance(value, str) and field == "review_note":
            value = value.strip()
        if value == old:
            return False
        text = _("Review a commitment") if field == "status" else _("Edit a review note")
        return self.page.edit(EditCommitment(self.page.ctx, c.id, field, old, value, text))


class StatusDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:  # noqa: N802
        if index.column() != STATE:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setObjectName("reviewStatusEditor")
        for status, text in (("open", _("Open (late once past due)")), ("done", _("Done")),
                             ("dropped", _("Dropped"))):
            combo.addItem(text, status)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)


NARROW = 1000  # px below which the trend goes above the review
TREND_NARROW = 300


class FollowUpPanel(QWidget):
    """The follow-up tab of the Commit step (``page`` is the CommitPage: ctx, edit, workshop)."""

    def __init__(self, page: Any, previous: Any, today: dt.date | None = None) -> None:
        super().__init__()
        self.page, self.previous, self.today = page, previous, today
        self.setObjectName("followUpPanel")
        layout = self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(16)
        left = QVBoxLayout()
        left.addWidget(label(_("Trend across this client's workshops"), "sectionHeading"))
        self.trend = FigureView(_("Trend chart"))
        left.addWidget(self.trend)
        self.trend_note = label("", "mutedNote", wrap=True)
        left.addWidget(self.trend_note)
        left.addStretch(1)
        layout.addLayout(left, 5)
        right = QVBoxLayout()
        right.addWidget(label(_("Commitments of {title} ({date})").format(
            title=previous.title, date=format_day(previous.date, current_language())), "sectionHeading", wrap=True))
        self.counts = label("", "reviewSummary", style=f"color: {BRAND};")
        right.addWidget(self.counts)
        self.model = ReviewModel(page)
        self.table = QTableView()
        self.table.setObjectName("reviewTable")
        self.table.setAccessibleName(_("Review of the earlier commitments"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        self.table.setModel(self.model)
        self.table.setItemDelegate(StatusDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        right.addWidget(self.table, 1)
        right.addWidget(label(_("Double-click a review or note to change it. Open commitments can continue "
                                "in this workshop."), "mutedNote", wrap=True))
        buttons = QHBoxLayout()
        self.carry_selected = QPushButton(_("Carry the selected forward"))
        self.carry_selected.setObjectName("carrySelected")
        self.carry_selected.clicked.connect(self._carry_selected)
        self.carry_all = QPushButton()
        self.carry_all.setObjectName("carryAll")
        self.carry_all.clicked.connect(lambda: self.page.edit(CarryForward(self.page.ctx, self.page.workshop_id, None)))
        buttons.addWidget(self.carry_all)
        buttons.addWidget(self.carry_selected)
        buttons.addStretch(1)
        right.addLayout(buttons)
        layout.addLayout(right, 6)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        # Narrow (a 1024 px projector mirror): the review takes the whole width, the trend goes
        # above it at a modest size, rather than both squeezing the "What" column to nothing.
        narrow = self.width() < NARROW
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
            self.columns.setStretch(0, 0 if narrow else 5)
            self.columns.setStretch(1, 1 if narrow else 6)
            self.trend.max_width = TREND_NARROW if narrow else None
            self.trend._fit()

    def refresh(self) -> None:
        db, wid = self.page.ctx.db, self.page.workshop_id
        self.review = service.review_previous(db, wid, self.today)
        self.model.set_items(list(self.review.items))
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)
        self.table.resizeColumnToContents(STATE)
        self.counts.setText(summary(self.review))
        points = visible_trend(db, wid)
        self.trend.set_figure(trend_figure(points, self.page.lang, 4.9, 3.7))
        hidden = [p for p in service.client_trend(db, wid) if p.is_current and not p.revealed]
        self.trend_note.setText(_("This workshop joins the trend once its results are revealed.") if hidden else "")
        self._update_buttons()

    def _selected_carriable(self) -> list[int]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        carriable = {i.commitment.id for i in self.review.carriable}
        return [self.model.items[r].commitment.id for r in sorted(rows)
                if self.model.items[r].commitment.id in carriable]

    def _update_buttons(self) -> None:
        n = len(self.review.carriable)
        # "Late" and "open" are counted apart above; both carry forward, and the button says so.
        self.carry_all.setText(_("Carry the late and open forward ({n})").format(n=n))
        self.carry_all.setEnabled(n > 0)
        self.carry_selected.setEnabled(bool(self._selected_carriable()))

    def _carry_selected(self) -> None:
        ids = self._selected_carriable()
        if ids:
            self.page.edit(CarryForward(self.page.ctx, self.page.workshop_id, ids))


class FollowUpPresenter(QWidget):
    """What the room sees of the follow-up: the trend and how the previous commitments went."""

    def __init__(self, ctx: Any, workshop_id: int, lang: str, previous: Any, today: dt.date | None = None) -> None:
        super().__init__()
        t = translator(lang)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(28)
        left = QVBoxLayout()
        left.addWidget(label(t("Since {title}").format(title=previous.title), wrap=True,
                             style=f"font-size: 32px; font-weight: 600; color: {BRAND};"))
        trend = FigureView(t("Trend chart"), contain=True)
        trend.set_figure(trend_figure(visible_trend(ctx.db, workshop_id), lang, 5.8, 4.0))
        left.addWidget(trend, 1)
        layout.addLayout(left, 3)
        review = service.review_previous(ctx.db, workshop_id, today)
        frame, box = card("reviewCard")
        box.setSpacing(10)
        box.addWidget(label(t("What we committed to last time"), wrap=True,
                            style=f"font-size: 24px; font-weight: 600; color: {BRAND};"))
        box.addWidget(label(summary(review, t), wrap=True, style=theme.text(18, INK)))
        style = theme.badge(17, weight=600)
        probe = label("", style=style)
        probe.ensurePolished()
        width = max(probe.fontMetrics().horizontalAdvance(state_text(s, t)) for s in service.REVIEW_STATES) + 24
        for item in review.items:
            row = QHBoxLayout()
            row.setSpacing(10)
            mark = label(state_text(item.state, t), style=style)
            mark.setFixedWidth(width)
            row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
            text = QVBoxLayout()
            text.setSpacing(2)
            text.addWidget(label(item.commitment.what, wrap=True, style=theme.text(19, INK)))
            if item.commitment.review_note:
                text.addWidget(label(item.commitment.review_note, wrap=True,
                                     style=f"font-size: 15px; color: {MUTED}; font-style: italic;"))
            if item.carried_to_id:
                text.addWidget(label(t("Continues in this workshop"), style=f"font-size: 15px; color: {BRAND};"))
            row.addLayout(text, 1)
            box.addLayout(row)
        box.addStretch(1)
        layout.addWidget(frame, 2)
