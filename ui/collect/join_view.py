"""What the room sees while scoring on phones: the address, its QR code, the PIN, the count.

``JoinView(ctx, workshop_id)`` is a whole presenter screen: a title, the code and the
steps, the count, and a calm note while no collection runs. ``embedded=True`` gives only
the code and the steps, shown while collecting and hidden otherwise, for a presenter
view that has its own title and count (the Score step's ``ScorePresenter.extra_area``).
It follows the running collection of its workshop and speaks the workshop's language,
since it is content for the room rather than the interface.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui import theme
from ui.collect.qr import qr_image
from ui.collect.server import CollectServer, collections
from ui.context import AppContext
from workshop.i18n import translator
from workshop.workshops import get_workshop


class JoinView(QFrame):
    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None,
                 embedded: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workshop_id = workshop_id
        self.embedded = embedded
        self.setObjectName("joinView")
        self.setStyleSheet(theme.JOIN)
        self.setAutoFillBackground(True)
        self._server: CollectServer | None = None
        self._qr_key: tuple[str, int] | None = None
        self._ = translator(get_workshop(ctx.db, workshop_id).language)
        _ = self._

        outer = QVBoxLayout(self)
        outer.setContentsMargins(*((24, 8, 24, 8) if embedded else (48, 36, 48, 36)))
        if embedded:
            self.setMinimumHeight(260)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title = QLabel(_("Score on your phone"))
        self.title.setObjectName("joinTitle")
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        outer.addSpacing(12)

        self.body = QWidget()
        row = QHBoxLayout(self.body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(36)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.qr.setAccessibleName(_("QR code of the address"))
        self.qr.installEventFilter(self)
        row.addWidget(self.qr, 7)

        steps = QGridLayout()
        steps.setHorizontalSpacing(18)
        steps.setVerticalSpacing(10)
        self.numbers: list[QLabel] = []
        self.step_labels: list[QLabel] = []
        texts = [_("Join the same Wi-Fi as this laptop."), _("Scan the code, or type this address:"),
                 _("Enter this PIN:")]
        self.address = QLabel()
        self.address.setObjectName("joinAddress")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pin = QLabel()
        self.pin.setObjectName("joinPin")
        extra = [None, self.address, self.pin]
        line = 0
        for number, (text, widget) in enumerate(zip(texts, extra, strict=True), start=1):
            badge = QLabel(str(number))
            badge.setObjectName("joinNumber")
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.numbers.append(badge)
            label = QLabel(text)
            label.setObjectName("joinStep")
            label.setWordWrap(True)
            self.step_labels.append(label)
            steps.addWidget(badge, line, 0, Qt.AlignmentFlag.AlignTop)
            steps.addWidget(label, line, 1)
            line += 1
            if widget is not None:
                steps.addWidget(widget, line, 1)
                line += 1
            steps.setRowMinimumHeight(line, 14)
            line += 1
        steps.setColumnStretch(1, 1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addLayout(steps)
        column.addStretch(1)
        row.addLayout(column, 5)
        outer.addWidget(self.body, 1)

        self.count = QLabel()
        self.count.setObjectName("joinCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        outer.addWidget(self.count)

        self.idle = QLabel(_("Scoring on phones has not started yet."))
        self.idle.setObjectName("joinIdle")
        self.idle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle.setWordWrap(True)
        outer.addWidget(self.idle, 1)

        registry = collections(self.ctx)
        registry.started.connect(self._on_registry)
        registry.stopped.connect(self._on_registry)
        self._attach(registry.get(workshop_id))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(1280, 720)

    # --- following the collection ------------------------------------------------------------------

    def _on_registry(self, workshop_id: int) -> None:
        if workshop_id == self.workshop_id:
            self._attach(collections(self.ctx).get(workshop_id))

    def _attach(self, server: CollectServer | None) -> None:
        if self._server is not None:
            try:
                self._server.status_changed.disconnect(self._refresh_count)
            except (RuntimeError, TypeError):
                pass
        self._server = server
        running = server is not None
        self.body.setVisible(running)
        self.title.setVisible(not self.embedded)
        self.count.setVisible(running and not self.embedded)
        self.idle.setVisible(not running and not self.embedded)
        if self.embedded:
            self.setVisible(running)
        if server is not None:
            server.status_changed.connect(self._refresh_count)
            self.address.setText(server.url)
            self.pin.setText(server.pin)
            self._qr_key = None
            self._refresh_count()
        self._layout_sizes()

    def _refresh_count(self) -> None:
        if self._server is None:
            return
        self.pin.setText(self._server.pin)  # the facilitator may have renewed it
        status = self._server.status()
        if status.anonymous:
            text = self._("{finished} finished · {joined} joined")
            self.count.setText(text.format(finished=status.finished, joined=status.joined))
        else:
            text = self._("{finished} of {expected} finished")
            self.count.setText(text.format(finished=status.finished, expected=self._server.named_count()))

    # --- sizes follow the window (a projector or a small second screen) ----------------------------

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self._layout_sizes()

    def _layout_sizes(self) -> None:
        # Embedded below the scoring title, the three steps must fit also when the first wraps (Dutch).
        unit = max(10, min(self.width() // 40, self.height() // (16 if self.embedded else 22)))
        self._font(self.title, int(unit * 1.9))
        self._font(self.idle, int(unit * 1.3))
        for label in self.step_labels:
            self._font(label, int(unit * 1.15))
        for badge in self.numbers:
            self._font(badge, int(unit * 1.0))
            side = int(unit * 1.9)
            badge.setFixedSize(side, side)
            badge.setStyleSheet(theme.round_badge(side))
        self._font(self.address, int(unit * 1.0))
        self._font(self.pin, int(unit * 3.2))
        self._font(self.count, int(unit * 1.1))
        self._render_qr()

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 - Qt's name
        if watched is self.qr and event.type() == QEvent.Type.Resize:
            self._render_qr()
        return super().eventFilter(watched, event)

    def _render_qr(self) -> None:
        if self._server is None:
            return
        side = max(120, min(self.qr.width(), self.qr.height()))
        key = (self._server.url, side)
        if key != self._qr_key:
            self._qr_key = key
            self.qr.setPixmap(QPixmap.fromImage(qr_image(self._server.url, side, dark=QColor(theme.JOIN_INK))))

    @staticmethod
    def _font(label: QLabel, pixels: int) -> None:
        font = label.font()
        font.setPixelSize(max(8, pixels))
        label.setFont(font)
