"""Follow-up: in a workshop with earlier workshops of the same client, the trend since then
and the review of the previous workshop's commitments (done, late, open, dropped, with a
note), with open ones carried forward into this workshop. Shown on the Commit step.

The trend leaves out this workshop's own point until its results are revealed; each earlier
workshop keeps its own privacy (a hidden breakdown stays hidden).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
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
from ui.room_slide import RoomSlide
from ui.steps.commitment_model import format_day
from ui.theme import BRAND, INK, MUTED
from ui.widgets import label, stack_when_narrow
from workshop import follow_up as service
from workshop.i18n import N_, Translate, _, current_language
from workshop.workshops import previous_workshop

if TYPE_CHECKING:  # matplotlib loads with the first chart shown (start-up time)
    from matplotlib.figure import Figure

    from workshop.charts.style import Size

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
STATE_LABELS = {"done": N_("Done"), "late": N_("Late"), "open": N_("Open"), "dropped": N_("Dropped")}
STATE_MARKS = {"done": "✔", "late": "⚠", "open": "○", "dropped": "✖"}
COLUMNS = (N_("What"), N_("Owner"), N_("Due date"), N_("Review"), N_("Review note"))
STATE, NOTE = 3, 4
STATE_BADGE = f"background: {theme.BADGE}; border-radius: 6px; padding: 2px 8px;"
# The room's charts at 1280×720: ~100 dpi draws the screen size's smallest type at 20 px.
SCREEN_DPI = 100


def state_text(state: str, t: Translate = _) -> str:
    return f"{STATE_MARKS[state]} {t(STATE_LABELS[state])}"


def visible_trend(db: Any, workshop_id: int) -> list[service.HistoryPoint]:
    """The trend as the room may see it: this workshop's point only once it is revealed."""
    return [p for p in service.client_trend(db, workshop_id) if p.revealed or not p.is_current]


def trend_figure(points: list[service.HistoryPoint], lang: str, width: float = 6.2,
                 height: float = 3.9, size: Size | None = None) -> Figure:
    # matplotlib loads with the first chart shown, not with the page
    from workshop.charts.style import PRINT
    from workshop.charts.trend import sized_trend_chart

    return sized_trend_chart(points, lang, size or PRINT, width=width, height=height)


def summary(review: service.CommitmentReview, t: Translate = _) -> str:
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

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Narrow (a 1024 px projector mirror): the review takes the whole width, the trend goes
        # above it at a modest size, rather than both squeezing the "What" column to nothing.
        narrow = self.width() < NARROW
        if stack_when_narrow(self.columns, narrow):
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


def review_rows(slide: RoomSlide, review: service.CommitmentReview, notes: bool = True) -> list[QWidget]:
    """The previous commitments for the room: state in words and a mark, what, owner and due date.

    ``notes``: with the review notes the group wrote (once reviewed, not before)."""
    t = slide.t
    probe = slide.text("", theme.SLIDE_NOTE, bold=True, extra=STATE_BADGE)
    probe.ensurePolished()
    width = max(probe.fontMetrics().horizontalAdvance(state_text(s, t)) for s in service.REVIEW_STATES) + slide.px(32)
    probe.deleteLater()
    rows: list[QWidget] = []
    for item in review.items:
        c = item.commitment
        mark = slide.text(state_text(item.state, t), theme.SLIDE_NOTE, INK, bold=True, wrap=False, extra=STATE_BADGE,
                          name=f"reviewState_{c.id}")
        mark.setFixedWidth(width)
        who = " · ".join(x for x in (c.owner, format_day(c.due_date, slide.lang) if c.due_date else "") if x)
        lines = [slide.text(c.what, theme.SLIDE_TEXT, INK),
                 slide.text(who, theme.SLIDE_NOTE, MUTED) if who else None,
                 slide.text(c.review_note, theme.SLIDE_NOTE, MUTED, italic=True) if notes and c.review_note else None,
                 slide.text(t("Continues in this workshop"), theme.SLIDE_NOTE, BRAND) if item.carried_to_id else None]
        rows.append(slide.row((mark, 0), (slide.stack(*lines, spacing=2), 1), spacing=slide.px(14)))
    return rows


class ReviewSlide(RoomSlide):
    """A slide of the previous workshop's commitments and their state, a few a page."""

    follows = ("commitments", "answers", "participants")
    max_per_page = 4
    notes = True  # with the review notes the group wrote

    def __init__(self, ctx: Any, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.previous = previous_workshop(ctx.db, workshop_id)
        self.refresh()

    def related_workshops(self) -> set[int]:
        return {self.workshop_id} | ({self.previous.id} if self.previous else set())

    def load(self) -> None:
        self.review = service.review_previous(self.ctx.db, self.workshop_id, self.ctx.today)

    def items(self) -> list[QWidget]:
        return review_rows(self, self.review, self.notes)

    def empty(self) -> QWidget:
        return self.text(self.t("No commitments were made last time."), theme.SLIDE_TEXT, MUTED, centre=True)


class FollowUpPresenter(ReviewSlide):
    """What the room sees of the follow-up: the trend beside how the previous commitments went."""

    side_share = 3

    def __init__(self, ctx: Any, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("followUpPresenter")

    def load(self) -> None:
        super().load()
        self.points = visible_trend(self.ctx.db, self.workshop_id)

    def head(self) -> QWidget:
        title = self.previous.title if self.previous else ""
        review = self.row((self.text(self.t("What we committed to last time"), theme.SLIDE_NOTE, INK, bold=True,
                                     wrap=False), 0),
                          (self.text(summary(self.review, self.t), theme.SLIDE_NOTE, MUTED, name="reviewSummary"), 1),
                          spacing=self.px(16))
        return self.stack(
            self.text(self.t("Since {title}").format(title=title), theme.SLIDE_HEADING, BRAND, bold=True), review)

    def side(self) -> QWidget:
        from workshop.charts.style import SCREEN

        width, height = self.side_size
        dpi = SCREEN_DPI * self.scale  # chart type scales with the window like the slide's own
        trend = FigureView(self.t("Trend chart"), contain=True)
        trend.set_figure(trend_figure(self.points, self.lang, max(width, 200) / dpi, max(height, 150) / dpi, SCREEN))
        return trend
