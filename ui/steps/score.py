"""Score: how far the scoring is, and the ways in (kiosk, paper forms, later phones).

The page shows who has answered how much, never what they answered: the facilitator's
screen may be mirrored to the room. The kiosk and the paper grid open in their own
windows. Features that add another way in put their widget in ``extra_area``.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.collect.join_view import JoinView
from ui.collect.panel import CollectPanel
from ui.context import AppContext
from ui.kiosk import KioskWindow
from ui.paper_grid import PaperEntryWindow
from ui.presenter import CountdownControl
from ui.steps.base import StepPage
from workshop.i18n import _, current_language, translator
from workshop.instrument import default_instrument
from workshop.participants import ParticipantInfo, list_participants
from workshop.vocabulary import FUNCTION_LABELS

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def done_text(complete: int, total: int, lang: str | None = None) -> str:
    return translator(lang or current_language())("{complete} of {total} done").format(complete=complete, total=total)


class CompletenessModel(QAbstractTableModel):
    """Who has answered how many statements (no scores)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ParticipantInfo] = []
        self.count = len(default_instrument().statement_ids)

    def set_rows(self, rows: list[ParticipantInfo]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [_("Name"), _("Function"), _("Answered"), _("Status")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person = self.rows[index.row()]
        answered, column = len(person.answers), index.column()
        complete = answered >= self.count
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return person.name or _("(anonymous)")
            if column == 1:
                return _(FUNCTION_LABELS.get(person.function, person.function))
            if column == 2:
                return f"{answered} / {self.count}"
            if complete:
                return "✓ " + _("complete")
            return _("not started") if not answered else _("{n} to go").format(n=self.count - answered)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 3 and complete:
                return QColor(theme.SUCCESS)
            if column == 3 and not answered or column == 0 and not person.name:
                return QColor(theme.SOFT)
        if role == Qt.ItemDataRole.FontRole and column == 0 and not person.name:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ScorePage(StepPage):
    follows = ("answers", "participants")

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("scorePage")
        self.kiosk = None
        self.paper = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 16)
        outer.setSpacing(14)
        top = QHBoxLayout()
        heading = QLabel(_("Score"))
        heading.setObjectName("pageHeading")
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(CountdownControl(ctx, "score"))
        outer.addLayout(top)

        self.done = QLabel()
        self.done.setObjectName("scoreDone")
        self.done.setStyleSheet(theme.text(26, theme.BRAND, weight=600))
        self.done.setAccessibleName(_("Progress"))
        outer.addWidget(self.done)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(14)
        self.bar.setAccessibleName(_("Share of participants who are done"))
        outer.addWidget(self.bar)

        ways = QHBoxLayout()
        ways.setSpacing(10)
        self.kiosk_button = QPushButton(_("Start the &kiosk"))
        self.kiosk_button.setObjectName("primaryButton")
        self.kiosk_button.setToolTip(_("A full-screen form on this laptop, passed round the room; "
                                       "it clears itself for the next person"))
        self.kiosk_button.clicked.connect(self.start_kiosk)
        self.paper_button = QPushButton(_("Type in &paper forms"))
        self.paper_button.setToolTip(_("A grid of participants and statements for typing in paper forms, "
                                       "or importing a responses CSV"))
        self.paper_button.clicked.connect(self.open_paper)
        self.import_button = QPushButton(_("&Import responses CSV…"))
        self.import_button.setObjectName("importResponses")
        self.import_button.setToolTip(_("Add or update participants' answers from a CSV file, after a preview"))
        self.import_button.clicked.connect(lambda: self.import_responses())
        ways.addWidget(self.kiosk_button)
        ways.addWidget(self.paper_button)
        ways.addWidget(self.import_button)
        self.imported = QLabel()
        self.imported.setObjectName("mutedNote")
        self.imported.setWordWrap(True)
        ways.addWidget(self.imported, 1)
        outer.addLayout(ways)

        # Other ways in (collection on phones) add their widgets here.
        self.extra_area = QVBoxLayout()
        self.extra_area.setSpacing(10)
        outer.addLayout(self.extra_area)

        self.extra_area.addWidget(CollectPanel(ctx, workshop_id))

        heading = QLabel(_("Participants"))
        heading.setObjectName("sectionHeading")
        outer.addWidget(heading)
        note = QLabel(_("Only how far each participant is shows here, never their answers."))
        note.setObjectName("mutedNote")
        outer.addWidget(note)
        self.model = CompletenessModel(self)
        self.table = QTableView()
        self.table.setObjectName("completeness")
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Participants and how far they are"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):  # "nog niet begonnen" must show whole
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        outer.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        people = list_participants(self.ctx.db, self.workshop_id)
        self.model.set_rows(people)
        complete = sum(1 for p in people if len(p.answers) >= self.model.count)
        self.done.setText(done_text(complete, len(people)))
        self.bar.setMaximum(max(len(people), 1))
        self.bar.setValue(complete)

    def import_responses(self, path: str | None = None):  # noqa: ANN201 - the preview dialog, if any
        from ui.paper_grid import import_responses

        return import_responses(self.ctx, self.workshop_id, self, self.imported.setText, path)

    def start_kiosk(self) -> None:
        if self.kiosk is not None:
            self.kiosk.raise_()
            return
        self.kiosk = KioskWindow(self.ctx, self.workshop_id)
        self.kiosk.destroyed.connect(lambda *_a: setattr(self, "kiosk", None))
        self.kiosk.start()

    def open_paper(self) -> None:
        if self.paper is None:
            self.paper = PaperEntryWindow(self.ctx, self.workshop_id)
            self.paper.destroyed.connect(lambda *_a: setattr(self, "paper", None))
        self.paper.show()
        self.paper.raise_()
        self.paper.activateWindow()


class ScorePresenter(StepPage):
    """What the room sees while scoring: how many are done. Others add e.g. the join code."""

    follows = ("answers", "participants")

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setStyleSheet(theme.SCORE_PRESENTER)
        _ = translator(self.lang)
        layout = QVBoxLayout(self)
        layout.setSpacing(24)
        layout.addStretch(1)
        title = QLabel(_("Score the 20 statements"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setObjectName("scoreTitle")
        layout.addWidget(title)
        hint = QLabel(_("1 = strongly disagree · 5 = strongly agree. Nobody sees your own answers: "
                        "only group results are shown."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        hint.setObjectName("scoreHint")
        layout.addWidget(hint)
        # Other ways in (the join code for phones) add their widgets here.
        self.extra_area = QVBoxLayout()
        layout.addLayout(self.extra_area)

        self.extra_area.addWidget(JoinView(ctx, workshop_id, embedded=True), 1)
        self.done = QLabel()
        self.done.setObjectName("presenterDone")
        self.done.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.done)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(26)
        frame = QFrame()
        row = QHBoxLayout(frame)
        row.addStretch(1)
        row.addWidget(self.bar, 4)
        row.addStretch(1)
        layout.addWidget(frame)
        layout.addStretch(2)
        self.refresh()

    def refresh(self) -> None:
        count = len(default_instrument().statement_ids)
        people = list_participants(self.ctx.db, self.workshop_id)
        complete = sum(1 for p in people if len(p.answers) >= count)
        self.done.setText(done_text(complete, len(people), self.lang))
        self.bar.setMaximum(max(len(people), 1))
        self.bar.setValue(complete)
