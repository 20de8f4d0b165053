"""QR codes for the join address, drawn with Qt from the ``qrcode`` package's module matrix."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules (True = dark), with the 4-module quiet zone scanners need."""
    # qrcode loads with the first join code shown
    import qrcode  # lazily: only when a code is shown
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


def qr_image(text: str, size: int, dark: QColor | None = None, light: QColor | None = None) -> QImage:
    """A square image of ``size`` pixels; modules are whole pixels so the code stays crisp."""
    matrix = qr_matrix(text)
    count = len(matrix)
    module = max(1, size // count)
    side = module * count
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(light or QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(dark or QColor("black"))
    for y, row in enumerate(matrix):
        for x, on in enumerate(row):
            if on:
                painter.drawRect(QRectF(x * module, y * module, module, module))
    painter.end()
    return image
