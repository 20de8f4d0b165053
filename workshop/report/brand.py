"""The firm's branding on paper: logos on the cover, the firm's colour, the confidentiality line."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Image, Spacer, Table

from workshop.branding import BrandingInfo
from workshop.report.common import BuildContext, Para, esc
from workshop.report.styles import table_style

LOGO_HEIGHT = 16 * mm
LOGO_WIDTH = 60 * mm


def accent(branding: BrandingInfo | None) -> colors.Color | None:
    """The firm's colour for titles and headings (darkened if too light to read on paper), if it set one."""
    if branding is not None and branding.colour:
        from workshop.branding import on_paper

        return colors.HexColor(on_paper(branding.colour))
    return None


def _logo(data: bytes | None) -> Image | None:
    if not data:
        return None
    from PIL import Image as Pil

    with Pil.open(BytesIO(data)) as picture:
        width, height = picture.size
    scale = min(LOGO_HEIGHT / height, LOGO_WIDTH / width)
    image = Image(BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


def logo_row(ctx: BuildContext) -> list:
    """The firm's logo and name at the top left of a cover, the client's logo at the right."""
    brand, texts = ctx.data.branding, ctx.data.texts
    firm = _logo(brand.logo) if brand else None
    client = _logo(texts.client_logo) if texts else None
    name = Para(f"<b>{esc(brand.firm_name)}</b>", ctx.styles.body) if brand and brand.firm_name else None
    if not (firm or client or name):
        return [Spacer(1, LOGO_HEIGHT)]
    left = [x for x in (firm, name) if x is not None]
    if client is not None:
        client.hAlign = "RIGHT"
    table = Table([[left, client or ""]], colWidths=[ctx.width * 0.6, ctx.width * 0.4], hAlign="LEFT")
    table.setStyle(table_style(("ALIGN", (1, 0), (1, 0), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), header=False, zebra=False))
    return [table]
