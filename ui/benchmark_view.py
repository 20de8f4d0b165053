"""The Benchmark view on Reveal: this client against the firm's other clients, as percentiles.

Only for the facilitator (never the presenter window): it is asked for with a button,
because it needs the firm's database, which is not there at an offline offsite.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.context import AppContext
from workshop.i18n import _

# The last comparison per (database, workshop), so the Close step can print it in the report.
latest: dict[tuple[int, int], Any] = {}


class BenchmarkPanel(QFrame):
    def __init__(self, ctx: AppContext, workshop_id: int, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.workshop_id, self.lang = ctx, workshop_id, lang
        self.setObjectName("benchmarkPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        title = QLabel(_("Benchmark"))
        title.setObjectName("sectionHeading")
        top.addWidget(title)
        top.addSpacing(12)
        self.industry = QLineEdit()
        self.industry.setObjectName("benchmarkIndustry")
        self.industry.setPlaceholderText(_("All industries"))
        self.industry.setAccessibleName(_("Only clients of this industry"))
        self.industry.setMaximumWidth(220)
        top.addWidget(self.industry)
        self.compare = QPushButton(_("&Compare with the firm's clients"))
        self.compare.setObjectName("benchmarkButton")
        self.compare.setToolTip(_("Percentiles among the firm's other clients (their latest workshops); "
                                  "no other client is named"))
        self.compare.clicked.connect(self.run)
        top.addWidget(self.compare)
        top.addStretch(1)
        layout.addLayout(top)
        self.status = QLabel(_("How this client compares with the other clients the firm has measured."))
        self.status.setObjectName("mutedNote")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.model = QStandardItemModel(0, 4, self)
        self.table = QTableView()
        self.table.setObjectName("benchmarkTable")
        self.table.setAccessibleName(_("Benchmark"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(120)
        self.table.hide()
        layout.addWidget(self.table)
        self.report: Any = None

    def run(self) -> None:
        from ui.firm import firm_url, with_firm
        from workshop.benchmark import benchmark

        url = firm_url()
        if not url:
            self.status.setText(_("Name the firm's database first: File → Publish to firm database…"))
            return
        industry = self.industry.text().strip() or None
        self.status.setText(_("Comparing…"))
        with_firm(self, url, lambda firm: benchmark(self.ctx.db, self.workshop_id, firm, industry=industry),
                  self.show_report, self._failed)

    def _failed(self, exc: BaseException) -> bool:
        self.status.setText(_("The comparison could not be made."))
        return False

    def show_report(self, report: Any) -> None:
        from workshop.benchmark import MIN_PEERS, measure_label

        self.report = report
        latest[(id(self.ctx.db), self.workshop_id)] = report
        self.model.clear()
        self.model.setHorizontalHeaderLabels([_("Measure"), _("This workshop"), _("Other clients"), _("Percentile")])
        for m in report.measures:
            value = "–" if m.value is None else f"{m.value:.1f}"
            where = _("{p:.0f}th").format(p=m.percentile) if m.percentile is not None else m.reason
            row = [QStandardItem(measure_label(m.id, self.lang)), QStandardItem(value), QStandardItem(str(m.peers)),
                   QStandardItem(where)]
            for item in row[1:3]:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.model.appendRow(row)
        self.table.show()
        self.status.setText(_("Against {n} other clients' latest workshops{scope}. A percentile says which share of "
                              "them scored lower; it is given from {min} clients on.").format(
            n=report.peers, min=MIN_PEERS,
            scope=_(" in {industry}").format(industry=report.industry) if report.industry else ""))
