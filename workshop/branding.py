"""The firm's branding (name, logo, colour, confidentiality line) and each workshop's own texts.

Branding is set once and kept in the database, so every laptop that opens the same
database prints the same look; it goes on the cover and running header of every PDF and
on the deck. A workshop adds the consultant's summary (typed in the Close step) and,
optionally, the client's logo.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from workshop.changes import Changes
from workshop.errors import InputError
from workshop.storage.branding_models import Branding, WorkshopDeliverable
from workshop.storage.db import Database
from workshop.storage.models import Workshop
from workshop.svg_logo import looks_like_svg, svg_to_png, the_logo

LOGO_MAX_BYTES = 512 * 1024  # a logo is a mark, not a photo: this keeps every PDF and deck small
LOGO_MAX_PIXELS = 4000  # per side, for PNG
SUMMARY_MAX = 4000
INK = "#1A1A1A"  # the documents' text colour
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class BrandingInfo:
    firm_name: str = ""
    colour: str = ""  # #RRGGBB, or "" for the house colour
    confidentiality: str = ""
    logo: bytes | None = None
    logo_type: str = ""  # png (an SVG is kept drawn as PNG)

    @property
    def is_set(self) -> bool:
        return bool(self.firm_name or self.colour or self.confidentiality or self.logo)


@dataclass(frozen=True)
class DeliverableTexts:
    summary: str = ""
    client_logo: bytes | None = None
    client_logo_type: str = ""


def check_colour(value: str) -> str:
    value = value.strip()
    if value and not _COLOUR.match(value):
        raise InputError(f"The colour {value!r} is not of the form #RRGGBB (for example #1F4E79).")
    return value.upper()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two #RRGGBB colours (1 to 21)."""
    x, y = _luminance(a), _luminance(b)
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)


def text_colour_on(fill: str) -> str:
    """Black-ish or white text, whichever reads better on ``fill`` (#RRGGBB), by WCAG's contrast ratio."""
    return INK if contrast(INK, fill) >= contrast("#FFFFFF", fill) else "#FFFFFF"


def on_paper(colour: str) -> str:
    """The firm's colour for titles on white: itself, or a darker shade of it when it is too light to read
    (below WCAG's 3:1 for large type, as a yellow or a light cyan would be)."""
    shade, step = colour.upper(), 0
    while contrast(shade, "#FFFFFF") < 3.0 and step < 20:
        step += 1
        shade = "#" + "".join(f"{round(int(colour[i:i + 2], 16) * (1 - step * 0.05)):02X}" for i in (1, 3, 5))
    return shade


def read_logo(path: str | Path) -> tuple[bytes, str]:
    """A logo file's bytes and type, checked: a PNG, or an SVG drawn to PNG, of at most 512 KB.

    The size is checked before the file is read, so a huge file is refused at once.
    """
    path = Path(path)
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > LOGO_MAX_BYTES:
                raise InputError(_too_big(str(path), size))
            data = file.read(LOGO_MAX_BYTES + 1)  # a file growing while read is still capped
    except OSError as exc:
        raise InputError(f"{the_logo(str(path))} cannot be read: {exc.strerror or exc}.") from exc
    return check_logo_bytes(data, str(path))


def _too_big(label: str, size: int) -> str:
    return (f"{the_logo(label)} is {size // 1024} KB; make it at most {LOGO_MAX_BYTES // 1024} KB "
            "(a PNG of about 1000 pixels wide is plenty).")


def check_logo_bytes(data: bytes, label: str = "") -> tuple[bytes, str]:
    """Logo bytes checked like a file: a PNG is kept, a safe SVG is drawn to PNG (every deliverable takes PNG)."""
    if len(data) > LOGO_MAX_BYTES:
        raise InputError(_too_big(label, len(data)))
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        if not looks_like_svg(data):
            raise InputError(f"{the_logo(label)} is neither a PNG nor an SVG image.")
        data = svg_to_png(data, label)
        if len(data) > LOGO_MAX_BYTES:
            raise InputError(f"{the_logo(label)} is an SVG too detailed to keep as a logo "
                             f"(drawn, it takes {len(data) // 1024} KB); simplify it or save it as a PNG.")
    from io import BytesIO

    from PIL import Image

    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
            size = image.size
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for a damaged file
        raise InputError(f"{the_logo(label)} is not a readable PNG image ({exc}).") from exc
    if max(size) > LOGO_MAX_PIXELS:
        raise InputError(f"{the_logo(label)} is {size[0]}×{size[1]} pixels; make it at most "
                         f"{LOGO_MAX_PIXELS} pixels on its longest side.")
    return data, "png"


def get_branding(db: Database) -> BrandingInfo:
    with db.session() as session:
        row = session.get(Branding, 1)
        if row is None:
            return BrandingInfo()
        return BrandingInfo(row.firm_name, row.colour, row.confidentiality, row.logo, row.logo_type)


def set_branding(db: Database, *, firm_name: str | None = None, colour: str | None = None,
                 confidentiality: str | None = None, logo: str | Path | None = None,
                 logo_bytes: bytes | None = None, clear: bool = False, clear_logo: bool = False) -> BrandingInfo:
    """Change what is given (``clear`` first removes everything); returns the branding now.

    ``logo`` is a PNG or SVG file; ``logo_bytes`` the same already in memory.
    """
    logo_data = read_logo(logo) if logo is not None else None
    if logo_bytes is not None:
        logo_data = check_logo_bytes(logo_bytes)
    colour = check_colour(colour) if colour is not None else None
    for label, value, limit in (("firm name", firm_name, 200), ("confidentiality line", confidentiality, 300)):
        if value is not None and len(value.strip()) > limit:
            raise InputError(f"The {label} is {len(value.strip())} characters long; at most {limit} fit.")
    with db.session() as session:
        row = session.get(Branding, 1)
        if row is None:
            row = Branding(id=1, firm_name="", colour="", confidentiality="", logo=None, logo_type="")
            session.add(row)
        if clear:
            row.firm_name, row.colour, row.confidentiality, row.logo, row.logo_type = "", "", "", None, ""
        if clear_logo:
            row.logo, row.logo_type = None, ""
        if firm_name is not None:
            row.firm_name = firm_name.strip()
        if colour is not None:
            row.colour = colour
        if confidentiality is not None:
            row.confidentiality = confidentiality.strip()
        if logo_data is not None:
            row.logo, row.logo_type = logo_data
        session.flush()
        return BrandingInfo(row.firm_name, row.colour, row.confidentiality, row.logo, row.logo_type)


def get_texts(db: Database, workshop_id: int) -> DeliverableTexts:
    with db.session() as session:
        row = session.get(WorkshopDeliverable, workshop_id)
        if row is None:
            return DeliverableTexts()
        return DeliverableTexts(row.summary, row.client_logo, row.client_logo_type)


def set_texts(db: Database, workshop_id: int, *, summary: str | None = None,
              client_logo: str | Path | None = None, client_logo_bytes: bytes | None = None,
              clear_client_logo: bool = False) -> Changes:
    """Store the consultant's summary and/or the client's logo (a file, or its bytes) for one workshop."""
    if summary is not None and len(summary) > SUMMARY_MAX:
        raise InputError(f"The summary is {len(summary)} characters long; at most {SUMMARY_MAX} fit on the page.")
    logo = read_logo(client_logo) if client_logo is not None else None
    if client_logo_bytes is not None:
        logo = check_logo_bytes(client_logo_bytes, "of the client")
    with db.session() as session:
        if session.get(Workshop, workshop_id) is None:
            from workshop.errors import NotFoundError

            raise NotFoundError(f"There is no workshop with id {workshop_id}.")
        row = session.get(WorkshopDeliverable, workshop_id)
        if row is None:
            row = WorkshopDeliverable(workshop_id=workshop_id, summary="", client_logo=None, client_logo_type="")
            session.add(row)
        if summary is not None:
            row.summary = summary.strip()
        if clear_client_logo:
            row.client_logo, row.client_logo_type = None, ""
        if logo is not None:
            row.client_logo, row.client_logo_type = logo
    return Changes(workshop_id=workshop_id, workshops=True)
