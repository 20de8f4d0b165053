"""The firm's branding (name, logo, colour, confidentiality line) and each workshop's own texts.

Branding is set once and kept in the database, so every laptop that opens the same
database prints the same look; it goes on the cover and running header of every PDF and
on the deck. A workshop adds the consultant's summary (typed in the Close step) and,
optionally, the client's logo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workshop.changes import Changes
from workshop.errors import InputError
from workshop.storage.branding_models import Branding, WorkshopDeliverable
from workshop.storage.db import Database
from workshop.storage.models import Workshop

LOGO_MAX_BYTES = 512 * 1024  # a logo is a mark, not a photo: this keeps every PDF and deck small
LOGO_MAX_PIXELS = 4000  # per side, for PNG
SUMMARY_MAX = 4000
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class BrandingInfo:
    firm_name: str = ""
    colour: str = ""  # #RRGGBB, or "" for the house colour
    confidentiality: str = ""
    logo: bytes | None = None
    logo_type: str = ""  # png or svg

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


def read_logo(path: str | Path) -> tuple[bytes, str]:
    """A logo file's bytes and type, checked: a readable PNG of at most 512 KB."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"The logo {path} cannot be read: {exc.strerror or exc}.") from exc
    return check_logo_bytes(data, str(path))


def check_logo_bytes(data: bytes, label: str = "logo") -> tuple[bytes, str]:
    """Logo bytes (from a file, or converted from SVG by the interface), checked like a file."""
    if len(data) > LOGO_MAX_BYTES:
        raise InputError(f"The logo {label} is {len(data) // 1024} KB; make it at most "
                         f"{LOGO_MAX_BYTES // 1024} KB (a PNG of about 1000 pixels wide is plenty).")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        from io import BytesIO

        from PIL import Image

        try:
            with Image.open(BytesIO(data)) as image:
                image.verify()
                size = image.size
        except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for a damaged file
            raise InputError(f"The logo {label} is not a readable PNG image ({exc}).") from exc
        if max(size) > LOGO_MAX_PIXELS:
            raise InputError(f"The logo {label} is {size[0]}×{size[1]} pixels; make it at most "
                             f"{LOGO_MAX_PIXELS} pixels on its longest side.")
        return data, "png"
    head = data[:2048].decode("utf-8", "ignore").lower()
    if "<svg" in head:  # drawing SVG needs the interface's renderer; Preferences converts it to PNG
        raise InputError(f"The logo {label} is an SVG: choose it in Preferences (which converts it) or save "
                         "it as a PNG for the command line.")
    raise InputError(f"The logo {label} is not a PNG image.")


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

    ``logo`` is a PNG file; ``logo_bytes`` a PNG already in memory (the interface converts SVG).
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
              client_logo: str | Path | None = None, clear_client_logo: bool = False) -> Changes:
    """Store the consultant's summary and/or the client's logo for one workshop."""
    if summary is not None and len(summary) > SUMMARY_MAX:
        raise InputError(f"The summary is {len(summary)} characters long; at most {SUMMARY_MAX} fit on the page.")
    logo = read_logo(client_logo) if client_logo is not None else None
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
