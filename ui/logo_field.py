"""A logo's field: its preview, Choose… and Remove. The firm's logo in Preferences and the client's per workshop.

The file is read and checked by the same service as ``workshop brand --logo``: the same
size cap, PNG or a safe SVG (drawn to PNG), the same messages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.errors import show_error
from workshop.errors import WorkshopError
from workshop.i18n import _

PREVIEW_HEIGHT = 32
PREVIEW_WIDTH = 80  # a wide logo is scaled down to fit, whole: the form never grows, the preview never crops


class LogoField(QWidget):
    """Shows a logo; ``chosen`` carries the checked PNG bytes of a new one, ``removed`` says it was taken away."""

    chosen = Signal(bytes)
    removed = Signal()

    def __init__(self, whose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = QLabel()
        self.preview.setAccessibleName(whose)
        self.preview.setFixedWidth(PREVIEW_WIDTH)
        self.choose = QPushButton(_("Logo…"))
        self.choose.setAccessibleName(_("Choose a logo (PNG or SVG)"))
        self.choose.setToolTip(_("A PNG or SVG file of at most 512 KB"))
        self.choose.clicked.connect(self._choose)
        self.remove = QPushButton(_("Remove logo"))
        self.remove.setAccessibleName(_("Remove logo"))
        self.remove.setToolTip(_("Print without this logo"))
        self.remove.clicked.connect(self._remove)
        # The preview above its buttons: side by side they do not fit a narrow form in Dutch.
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignLeft)
        column.addLayout(buttons)
        self.show_logo(None)

    def show_logo(self, data: bytes | None) -> None:
        self.remove.setEnabled(bool(data))
        pixmap = QPixmap()
        if not data or not pixmap.loadFromData(data):
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("No logo"))
            return
        self.preview.setPixmap(pixmap.scaled(PREVIEW_WIDTH, PREVIEW_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    def ask_path(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose a logo"), str(Path.home()),
                                                    _("Images (*.png *.svg)"))
        return path

    def _choose(self) -> None:
        path = self.ask_path()
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Read and check ``path``; show it and emit ``chosen``, or say what is wrong."""
        from workshop.branding import read_logo

        try:
            data, _kind = read_logo(path)
        except WorkshopError as exc:
            show_error(self, exc)
            return False
        self.show_logo(data)
        self.chosen.emit(data)
        return True

    def _remove(self) -> None:
        self.show_logo(None)
        self.removed.emit()
