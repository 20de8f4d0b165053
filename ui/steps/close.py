"""Close: make the client report, the handouts, the questionnaires or the deck; see, save and print them.

The consultant's own summary for the client report is typed here too, and kept at once.

The PDF is made in the background (``ui.background``) into a private folder, with progress
and a Cancel button beside it, so the window stays usable. The pages are shown with
PDFium (``pypdfium2``; the same engine as Qt's PDF module, which this PySide6 does not
ship). Printing goes through the system's print dialog: each page is rendered at the
printer's resolution (at most 300 dpi) and painted onto the printer in the background.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QPageSize, QPainter, QPixmap, QResizeEvent, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.background import Cancelled, Progress, Task
from ui.context import AppContext
from ui.errors import handle_exception, show_error
from ui.steps.base import StepPage
from workshop.errors import WorkshopError
from workshop.i18n import N_, _
from workshop.workshops import get_workshop

KINDS = (
    ("client", N_("Client report"),
     N_("For the client: an executive summary with your own words, the results, the action plan, the method "
        "and an appendix with how the answers are spread.")),
    ("handouts", N_("Participant handouts"),
     N_("One page or two for each participant: the group's stage, the commitments and the next review.")),
    ("questionnaires", N_("Paper questionnaires"),
     N_("One form per participant with name and code, in the order of the paper-entry grid.")),
    ("deck", N_("Slides (PowerPoint)"),
     N_("An editable 16:9 deck with the results, the decision, the funnel and the commitments, to build on "
        "in your own slides.")),
)
PRINT_DPI = 300
_pdfium = threading.Lock()  # PDFium is not thread-safe: one call at a time


def render_page(path: Path, index: int, width_px: int, height_px: int | None = None) -> tuple[QImage, int]:
    """Page ``index`` of a PDF as an image fitting ``width_px`` × ``height_px``, and the page count."""
    # the PDF renderer loads with the first preview
    import pypdfium2 as pdfium

    with _pdfium:
        doc = pdfium.PdfDocument(str(path))
        try:
            count = len(doc)
            page = doc[min(index, count - 1)]
            width_pt, height_pt = page.get_size()
            scale = width_px / width_pt
            if height_px:
                scale = min(scale, height_px / height_pt)
            image = page.render(scale=scale).to_pil().convert("RGB")
            page.close()
        finally:
            doc.close()
    data = image.tobytes()
    qimage = QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888).copy()
    return qimage, count


def print_pdf(path: Path, printer: QPrinter, progress: Progress) -> int:
    """Paint each page of the PDF onto ``printer``; runs in the background. Returns pages printed."""
    # the PDF renderer loads with the first preview
    import pypdfium2 as pdfium

    with _pdfium:
        doc = pdfium.PdfDocument(str(path))
        count = len(doc)
    first, last = printer.fromPage(), printer.toPage()
    pages = list(range(first - 1, last)) if first and last else list(range(count))
    pages = [p for p in pages if 0 <= p < count]
    dpi = min(printer.resolution(), PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        with _pdfium:
            doc.close()
        raise WorkshopError(_("The printer could not be started."))
    try:
        for n, index in enumerate(pages):
            progress.check()
            progress.report(n, len(pages), _("Printing page {n} of {total}…").format(n=n + 1, total=len(pages)))
            if n:
                printer.newPage()
            with _pdfium:
                page = doc[index]
                width_pt, height_pt = page.get_size()
                image = page.render(scale=dpi / 72).to_pil().convert("RGB")
                page.close()
            qimage = QImage(image.tobytes(), image.width, image.height, image.width * 3,
                            QImage.Format.Format_RGB888)
            # The page at its true size on the paper (the printer prints full-page).
            res = printer.resolution()
            painter.drawImage(QRectF(0, 0, width_pt / 72 * res, height_pt / 72 * res), qimage)
    finally:
        painter.end()
        with _pdfium:
            doc.close()
    return len(pages)


class PagePreview(QWidget):
    """One page at a time, fitted to the width, with previous/next and a page counter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.index = 0
        self.count = 0
        self.image = QLabel(_("Choose what to make, then press Make PDF. The pages appear here."))
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setWordWrap(True)
        self.image.setStyleSheet(theme.PREVIEW_EMPTY)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setAccessibleName(_("Preview of the document"))
        scroll.setStyleSheet(theme.PREVIEW_DESK)
        self.scroll_area = scroll
        self.previous = QPushButton(_("◀ Previous"))
        self.next = QPushButton(_("Next ▶"))
        self.counter = QLabel("")
        self.previous.clicked.connect(lambda: self.show_page(self.index - 1))
        self.next.clicked.connect(lambda: self.show_page(self.index + 1))
        nav = QHBoxLayout()
        nav.addWidget(self.previous)
        nav.addStretch(1)
        nav.addWidget(self.counter)
        nav.addStretch(1)
        nav.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(nav)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.show_page(self.index + 1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.show_page(self.index - 1))
        self._resize = QTimer(self, singleShot=True, interval=120)
        self._resize.timeout.connect(lambda: self.show_page(self.index))
        self._update_nav()

    def load(self, path: Path | None) -> None:
        self.path, self.index, self.count = path, 0, 0
        if path is None:
            self.image.setPixmap(QPixmap())
            self._update_nav()
            return
        self.show_page(0)

    def show_page(self, index: int) -> None:
        if self.path is None:
            return
        index = max(0, min(index, self.count - 1)) if self.count else 0
        ratio = self.devicePixelRatioF()
        viewport = self.scroll_area.viewport()
        width, height = max(viewport.width() - 28, 200), max(viewport.height() - 28, 280)
        image, self.count = render_page(self.path, index, int(width * ratio), int(height * ratio))
        image.setDevicePixelRatio(ratio)
        self.index = index
        self.image.setStyleSheet(theme.PREVIEW_PAGE)
        self.image.setPixmap(QPixmap.fromImage(image))
        self._update_nav()

    def _update_nav(self) -> None:
        self.previous.setEnabled(self.count > 0 and self.index > 0)
        self.next.setEnabled(self.count > 0 and self.index < self.count - 1)
        self.counter.setText(_("Page {n} of {total}").format(n=self.index + 1, total=self.count)
                             if self.count else "")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.path is not None:
            self._resize.start()


class ClosePage(StepPage):
    """The last step: printed results."""

    # Any change can make a PDF already made out of date.
    follows = ("participants", "answers", "decision", "practices", "funnel", "commitments")

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.task: Task | None = None
        self.pdf: Path | None = None
        self.made_kind: str | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="workshop-pdf-")
        self._build()
        self._load_defaults()

    # -- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(_("Print and share"))
        title.setStyleSheet(theme.text(18, weight=600))
        self.kind_group = QButtonGroup(self)
        kinds = QVBoxLayout()
        self.kind_buttons: dict[str, QRadioButton] = {}
        for i, (key, label, hint) in enumerate(KINDS):
            button = QRadioButton(_(label))
            button.setObjectName(f"kind-{key}")
            self.kind_group.addButton(button, i)
            self.kind_buttons[key] = button
            explain = QLabel(_(hint))
            explain.setWordWrap(True)
            explain.setStyleSheet(theme.OPTION_EXPLANATION)
            kinds.addWidget(button)
            kinds.addWidget(explain)
        self.kind_buttons["client"].setChecked(True)
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("summary")
        self.summary.setPlaceholderText(_("Your own summary for the client report: what you saw in the room, "
                                          "what you advise. It opens the report, after the findings."))
        self.summary.setAccessibleName(_("Your summary for the client report"))
        self.summary.setFixedHeight(110)
        self.summary.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.setInterval(600)
        self._summary_timer.timeout.connect(self.save_summary)
        self.summary.textChanged.connect(self._summary_timer.start)
        self.kind_group.idToggled.connect(lambda *_: self._update_controls())

        self.personal = QCheckBox(_("Add each participant's own score to their handout"))
        self.blank = QSpinBox()
        self.blank.setRange(0, 200)
        self.blank.setToolTip(_("Blank forms for people who are not on the list yet"))
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("Letter", "letter")
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        form = QFormLayout()
        form.addRow(_("Extra blank forms"), self.blank)
        form.addRow(_("Paper"), self.paper)
        form.addRow(_("Language"), self.language)

        self.make = QPushButton(_("Make PDF"))
        self.make.setDefault(True)
        self.make.clicked.connect(self.make_pdf)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.stop = QPushButton(_("Cancel"))
        self.stop.clicked.connect(self.cancel)
        busy = QHBoxLayout()
        busy.addWidget(self.bar, 1)
        busy.addWidget(self.stop)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.save = QPushButton(_("Save as…"))
        self.save.clicked.connect(self.save_pdf)
        self.print_ = QPushButton(_("Print…"))
        self.print_.clicked.connect(self.print_pdf)
        actions = QHBoxLayout()
        actions.addWidget(self.save)
        actions.addWidget(self.print_)

        left = QVBoxLayout()
        left.addWidget(title)
        left.addLayout(kinds)
        left.addSpacing(6)
        left.addWidget(self.personal)
        left.addWidget(QLabel(_("Your summary for the client report")))
        left.addWidget(self.summary)
        left.addLayout(form)
        left.addSpacing(6)
        left.addWidget(self.make)
        left.addLayout(busy)
        left.addWidget(self.status)
        left.addLayout(actions)
        left.addStretch(1)
        panel = QWidget()
        panel.setLayout(left)
        panel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        # Six kinds of document and their options outgrow a 700 px window: the column scrolls
        # rather than squeezing its explanations.
        controls = QScrollArea()
        controls.setObjectName("closeControls")
        controls.setAccessibleName(_("Documents and their options"))
        controls.setWidget(panel)
        controls.setWidgetResizable(True)
        controls.setFrameShape(QFrame.Shape.NoFrame)
        controls.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        controls.setFixedWidth(360)
        panel.setFixedWidth(340)

        self.preview = PagePreview()
        layout = QHBoxLayout(self)
        layout.addWidget(controls)
        layout.addWidget(self.preview, 1)
        self._set_busy(False)

    def _load_defaults(self) -> None:
        from workshop.branding import get_texts

        info = get_workshop(self.ctx.db, self.workshop_id)
        self.summary.blockSignals(True)
        self.summary.setPlainText(get_texts(self.ctx.db, self.workshop_id).summary)
        self.summary.blockSignals(False)
        self.paper.setCurrentIndex(max(self.paper.findData(info.paper or "a4"), 0))
        self.language.setCurrentIndex(max(self.language.findData(info.language), 0))
        self._update_controls()

    def kind(self) -> str:
        return KINDS[max(self.kind_group.checkedId(), 0)][0]

    def save_summary(self) -> None:
        """Keep the summary as typed (every change is stored at once, as everywhere in the app)."""
        from workshop.branding import set_texts

        self._summary_timer.stop()
        try:
            set_texts(self.ctx.db, self.workshop_id, summary=self.summary.toPlainText())
        except WorkshopError as exc:
            show_error(self, exc)

    def hideEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's name
        if self._summary_timer.isActive():  # leaving the step keeps what was just typed
            self.save_summary()
        super().hideEvent(event)

    def _update_controls(self) -> None:
        kind = self.kind()
        self.personal.setEnabled(kind == "handouts")
        self.blank.setEnabled(kind == "questionnaires")
        self.summary.setEnabled(kind == "client")
        self.paper.setEnabled(kind != "deck")
        self.make.setText(_("Make slides") if kind == "deck" else _("Make PDF"))

    def _set_busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        self.stop.setVisible(busy)
        self.make.setEnabled(not busy)
        self.save.setEnabled(not busy and self.pdf is not None)
        self.print_.setEnabled(not busy and self.pdf is not None and self.made_kind != "deck")

    # -- making ---------------------------------------------------------------------
    def make_pdf(self) -> None:
        if self.task is not None and not self.task.finished:
            return
        kind = self.kind()
        if self._summary_timer.isActive():
            self.save_summary()
        options = {
            "personal": self.personal.isChecked() and kind == "handouts",
            "paper": self.paper.currentData(),
            "lang": self.language.currentData(),
            "blank": self.blank.value() if kind == "questionnaires" else 0,
        }
        if kind == "client":
            from ui.benchmark_view import latest

            # The comparison made on Reveal, if any (making one needs the firm's database).
            options["benchmark"] = latest.get((id(self.ctx.db), self.workshop_id))
        suffix = ".pptx" if kind == "deck" else ".pdf"
        out = Path(self._folder.name) / f"{kind}-{len(list(Path(self._folder.name).iterdir()))}{suffix}"
        db, wid = self.ctx.db, self.workshop_id

        def work(progress: Progress) -> Path:
            # reportlab loads with the first document made
            from workshop.report import ReportCancelled, make_report

            try:
                return make_report(db, wid, kind, out, progress=lambda f, m: progress.report(int(f * 1000), 1000, m),
                                   cancel=lambda: progress.cancelled, **options)
            except ReportCancelled:
                raise Cancelled() from None

        self.bar.setValue(0)
        self.status.setText(_("Making the slides…") if kind == "deck" else _("Making the PDF…"))
        self._set_busy(True)
        self.task = (Task(work).success(lambda path: self._made(path, kind)).failure(self._failed)
                     .cancelled(self._cancelled).on_progress(lambda done, total, text: self.bar.setValue(done))
                     .run_in_background(self))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(_("Stopping…"))

    def _made(self, path: Path, kind: str) -> None:
        self.pdf, self.made_kind = path, kind
        self._set_busy(False)
        label = dict((k, lbl) for k, lbl, _hint in KINDS)[kind]
        if kind == "deck":
            from pptx import Presentation

            self.preview.load(None)
            self.preview.image.setText(_("The slides open in PowerPoint or LibreOffice Impress: save them first."))
            self.status.setText(_("{what}: {n} slides, ready to save.").format(
                what=_(label), n=len(Presentation(str(path)).slides)))
            return
        self.preview.load(path)
        self.status.setText(_("{what}: {n} pages, ready to save or print.").format(
            what=_(label), n=self.preview.count))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.status.setText(_("The PDF could not be made."))
        if isinstance(exc, WorkshopError):
            show_error(self, exc)
        else:

            handle_exception(type(exc), exc, exc.__traceback__, self)

    def _cancelled(self) -> None:
        self._set_busy(False)
        self.status.setText(_("Cancelled; nothing was made."))

    def refresh(self) -> None:
        if self.pdf is not None:
            self.status.setText(_("The workshop changed after this PDF was made. Make it again to include "
                                  "the changes."))

    # -- saving and printing --------------------------------------------------------
    def suggested_name(self) -> str:
        info = get_workshop(self.ctx.db, self.workshop_id)
        label = dict((k, lbl) for k, lbl, _hint in KINDS)[self.made_kind or self.kind()]
        suffix = ".pptx" if (self.made_kind or self.kind()) == "deck" else ".pdf"
        name = f"{info.client} - {info.title} - {_(label)}{suffix}"
        return re.sub(r'[\\/:*?"<>|]+', "-", name)

    def ask_save_path(self) -> str:
        if self.made_kind == "deck":
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Save the slides"), str(Path.home() / self.suggested_name()),
                _("PowerPoint files (*.pptx)"))
            return path
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the PDF"), str(Path.home() / self.suggested_name()), _("PDF files (*.pdf)"))
        return path

    def save_pdf(self) -> None:
        if self.pdf is None:
            return
        target = self.ask_save_path()
        if not target:
            return
        suffix = self.pdf.suffix
        if not target.lower().endswith(suffix):
            target += suffix
        try:
            shutil.copyfile(self.pdf, target)
        except OSError as exc:
            show_error(self, WorkshopError(_("The PDF could not be saved to {path}: {reason}.").format(
                path=target, reason=exc.strerror or exc)))
            return
        self.status.setText(_("Saved to {path}.").format(path=target))

    def ask_printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        size = QPageSize.PageSizeId.Letter if self.paper.currentData() == "letter" else QPageSize.PageSizeId.A4
        printer.setPageSize(QPageSize(size))
        printer.setDocName(self.suggested_name())
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(self.preview.count, 1))
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None

    def print_pdf(self) -> None:
        if self.pdf is None or (self.task is not None and not self.task.finished):
            return
        printer = self.ask_printer()
        if printer is None:
            return
        self._printer = printer  # kept alive while the pages are painted
        path = self.pdf
        self.bar.setValue(0)
        self._set_busy(True)
        self.status.setText(_("Printing…"))

        def printed(n: int) -> None:
            self._set_busy(False)
            self.status.setText(_("Sent {n} pages to the printer.").format(n=n))

        self.task = (Task(lambda progress: print_pdf(path, printer, progress))
                     .success(printed)
                     .failure(self._failed).cancelled(self._cancelled)
                     .on_progress(lambda done, total, text: self.bar.setValue(int(done * 1000 / max(total, 1))))
                     .run_in_background(self))
