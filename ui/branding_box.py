"""The firm's branding in Preferences: name, colour, confidentiality line and logo (PNG or SVG)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.errors import show_error
from workshop.errors import InputError, WorkshopError
from workshop.i18n import _

if TYPE_CHECKING:  # the database's module is not loaded for this box alone
    from workshop.storage.db import Database

SVG_WIDTH = 1200  # an SVG logo is kept as a PNG this wide: sharp in print, small in the file


def svg_to_png(path: Path) -> bytes:
    """Render an SVG logo to PNG bytes (reports and decks take PNG)."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        raise InputError(_("The logo {path} is not a readable SVG image.").format(path=path))
    size = renderer.defaultSize()
    if size.width() <= 0 or size.height() <= 0:
        size.setWidth(SVG_WIDTH)
        size.setHeight(SVG_WIDTH // 3)
    height = max(1, round(SVG_WIDTH * size.height() / size.width()))
    image = QImage(SVG_WIDTH, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 accepts any QIODevice; its stubs list only paths
    return bytes(data.data())


class BrandingBox(QGroupBox):
    """Edits the branding; ``apply()`` stores it (and says what is wrong if it cannot)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Your firm on reports, handouts and slides"), parent)
        from workshop.branding import get_branding

        self.db = db
        info = get_branding(db)
        self.logo_bytes: bytes | None = None
        self.clear_logo = False
        self.name = QLineEdit(info.firm_name)
        self.name.setAccessibleName(_("Name of your firm"))
        self.colour = QLineEdit(info.colour)
        self.colour.setPlaceholderText("#1F4E79")
        self.colour.setAccessibleName(_("Colour of your firm, as #RRGGBB"))
        pick = QPushButton(_("Choose…"))
        pick.setAccessibleName(_("Choose the colour"))
        pick.clicked.connect(self._pick_colour)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour, 1)
        colour_row.addWidget(pick)
        self.confidential = QLineEdit(info.confidentiality)
        self.confidential.setAccessibleName(_("Confidentiality line"))
        self.confidential.setPlaceholderText(_("For example: Confidential, for the client's board only"))
        self.logo_label = QLabel()
        self.logo_label.setAccessibleName(_("Your firm's logo"))
        self._show_logo(info.logo)
        choose = QPushButton(_("Logo…"))
        choose.setAccessibleName(_("Choose a logo (PNG or SVG)"))
        choose.clicked.connect(self._choose_logo)
        remove = QPushButton(_("Remove logo"))
        remove.clicked.connect(self._remove_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(remove)
        form = QFormLayout(self)
        form.addRow(_("Firm"), self.name)
        form.addRow(_("Colour"), colour_row)
        form.addRow(_("Confidentiality"), self.confidential)
        form.addRow(_("Logo"), logo_row)

    def _show_logo(self, data: bytes | None) -> None:
        if not data:
            self.logo_label.setPixmap(QPixmap())
            self.logo_label.setText(_("No logo"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.logo_label.setPixmap(pixmap.scaledToHeight(32, Qt.TransformationMode.SmoothTransformation))

    def _pick_colour(self) -> None:
        start = QColor(self.colour.text()) if QColor.isValidColorName(self.colour.text()) else QColor("#1F4E79")
        colour = QColorDialog.getColor(start, self, _("Colour of your firm"))
        if colour.isValid():
            self.colour.setText(colour.name().upper())

    def ask_logo_path(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose a logo"), str(Path.home()),
                                                    _("Images (*.png *.svg)"))
        return path

    def _choose_logo(self) -> None:
        path = self.ask_logo_path()
        if path:
            self.load_logo(Path(path))

    def load_logo(self, path: Path) -> bool:
        from workshop.branding import check_logo_bytes

        try:
            data = svg_to_png(path) if path.suffix.lower() == ".svg" else path.read_bytes()
            check_logo_bytes(data, str(path))
        except OSError as exc:
            show_error(self, InputError(_("The logo {path} cannot be read: {reason}.").format(
                path=path, reason=exc.strerror or exc)))
            return False
        except WorkshopError as exc:
            show_error(self, exc)
            return False
        self.logo_bytes, self.clear_logo = data, False
        self._show_logo(data)
        return True

    def _remove_logo(self) -> None:
        self.logo_bytes, self.clear_logo = None, True
        self._show_logo(None)

    def apply(self) -> bool:
        from workshop.branding import set_branding

        try:
            set_branding(self.db, firm_name=self.name.text(), colour=self.colour.text(),
                         confidentiality=self.confidential.text(), logo_bytes=self.logo_bytes,
                         clear_logo=self.clear_logo)
        except WorkshopError as exc:
            show_error(self, exc)
            return False
        return True
