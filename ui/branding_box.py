"""The firm's branding in Preferences: name, colour, confidentiality line and logo (PNG or SVG)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.errors import show_error
from ui.logo_field import LogoField
from workshop.errors import WorkshopError
from workshop.i18n import _

if TYPE_CHECKING:  # the database's module is not loaded for this box alone
    from workshop.storage.db import Database


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
        self.logo = LogoField(_("Your firm's logo"))
        self.logo.show_logo(info.logo)
        self.logo.chosen.connect(self._logo_chosen)
        self.logo.removed.connect(self._remove_logo)
        form = QFormLayout(self)
        form.addRow(_("Firm"), self.name)
        form.addRow(_("Colour"), colour_row)
        form.addRow(_("Confidentiality"), self.confidential)
        form.addRow(_("Logo"), self.logo)

    def _pick_colour(self) -> None:
        start = QColor(self.colour.text()) if QColor.isValidColorName(self.colour.text()) else QColor("#1F4E79")
        colour = QColorDialog.getColor(start, self, _("Colour of your firm"))
        if colour.isValid():
            self.colour.setText(colour.name().upper())

    def load_logo(self, path: Path) -> bool:
        return self.logo.load(path)

    def _logo_chosen(self, data: bytes) -> None:
        self.logo_bytes, self.clear_logo = data, False

    def _remove_logo(self) -> None:
        self.logo_bytes, self.clear_logo = None, True
        self.logo.show_logo(None)

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
