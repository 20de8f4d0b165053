"""An SVG logo drawn to PNG, safely: every deliverable (PDF, deck, screen) takes the PNG.

An SVG is XML that may point outside itself. Before it is drawn, it is parsed with the
standard library's expat and refused if it declares a DTD or entities (entity bombs,
external entities), refers to anything but itself or an embedded ``data:`` image (files,
web addresses, other SVGs), or would expand into too many shapes through ``<use>``. What
is drawn is the tree that passed these checks, written out again, never the original
bytes: the renderer (resvg, which has no scripting and no network) sees nothing the
checks did not.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from workshop.errors import InputError

RENDER_WIDTH = 1200  # pixels: sharp on a printed cover, small in the file
MAX_HEIGHT = 2400  # a logo is a mark, not a banner: taller drawings are refused
MAX_NODES = 20_000  # elements after every <use> is expanded
_XLINK = "{http://www.w3.org/1999/xlink}href"
_URL = re.compile(r"url\(\s*['\"]?\s*(.?)", re.I)  # its group: the first character the url() points to
_NUMBER = re.compile(r"^\s*[0-9.]+(e[-+]?[0-9]+)?", re.I)
_IMPORT = re.compile(r"@import", re.I)
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp)[;,]", re.I)


def looks_like_svg(data: bytes) -> bool:
    head = data[:2048].decode("utf-8", "ignore").lower()
    return "<svg" in head


def svg_to_png(data: bytes, label: str = "") -> bytes:
    """The SVG ``data`` drawn RENDER_WIDTH pixels wide as PNG bytes, or InputError saying what is wrong."""
    root = _parse(data, label)
    _check_references(root, label)
    _check_expansion(root, label)
    _check_shape(root, label)
    clean = ET.tostring(root, encoding="unicode")
    import resvg_py

    try:
        png = resvg_py.svg_to_bytes(svg_string=clean, width=RENDER_WIDTH)
    except (ValueError, RuntimeError) as exc:
        raise InputError(f"{the_logo(label)} is an SVG that cannot be drawn ({exc}).") from exc
    png = bytes(png)
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(png)) as image:
        height = image.height
    if height > MAX_HEIGHT:  # the drawing's own size said otherwise than its outline
        raise InputError(_too_tall(label))
    return png


def _too_tall(label: str) -> str:
    return (f"{the_logo(label)} is an SVG more than {MAX_HEIGHT // RENDER_WIDTH} times taller than wide; "
            "a logo this tall does not fit a cover.")


def the_logo(label: str) -> str:
    """How a message names the logo: by its file when it has one."""
    return f"The logo {label}" if label else "The logo"


def _check_shape(root: ET.Element, label: str) -> None:
    """Refuse a drawing too tall for a cover before it is drawn (drawn, it would be huge)."""
    box = root.attrib.get("viewBox", "").replace(",", " ").split()
    try:
        if len(box) == 4:
            width, height = float(box[2]), float(box[3])
        else:
            width, height = (float(_NUMBER.match(root.attrib.get(k, "")).group(0))  # type: ignore[union-attr]
                             for k in ("width", "height"))
    except (AttributeError, ValueError):
        return  # no size of its own: drawn square by default
    if width <= 0 or height <= 0:
        raise InputError(f"{the_logo(label)} is an SVG of no size.")
    if height / width * RENDER_WIDTH > MAX_HEIGHT:
        raise InputError(_too_tall(label))


def _parse(data: bytes, label: str) -> ET.Element:
    parser = expat.ParserCreate(namespace_separator="}")

    def refuse(*_args: object) -> None:
        raise InputError(f"{the_logo(label)} is an SVG with a document type or entities; save it without them "
                         "(plain SVG, as most drawing programs write it).")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]  # expat's stubs want an int result
    builder = ET.TreeBuilder()
    parser.StartElementHandler = lambda tag, attrs: builder.start(_name(tag), {_name(k): v for k, v in attrs.items()})
    parser.EndElementHandler = lambda tag: builder.end(_name(tag))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
        root = builder.close()
    except (expat.ExpatError, ET.ParseError, AssertionError) as exc:
        raise InputError(f"{the_logo(label)} is not a readable SVG image ({exc}).") from exc
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise InputError(f"{the_logo(label)} is not an SVG image (it starts with <{root.tag}>).")
    return root


def _name(tag: str) -> str:
    """expat's ``uri}local`` made ElementTree's ``{uri}local``."""
    return "{" + tag if "}" in tag else tag


def _check_references(root: ET.Element, label: str) -> None:
    for element in root.iter():
        for key, value in element.attrib.items():
            if key in ("href", _XLINK) and not (value.strip().startswith("#") or _DATA_IMAGE.match(value.strip())):
                raise InputError(f"{the_logo(label)} is an SVG that refers to {value[:80]!r} outside itself; embed "
                                 "what it shows (most drawing programs can) or save it as a PNG.")
            if _outside(value) or (key == "style" and _IMPORT.search(value)):
                raise InputError(f"{the_logo(label)} is an SVG whose style refers outside itself; save it as a PNG.")
        if element.tag.rsplit("}", 1)[-1] == "style" and element.text and (
                _IMPORT.search(element.text) or _outside(element.text)):
            raise InputError(f"{the_logo(label)} is an SVG whose style sheet refers outside itself; save it as a PNG.")


def _outside(css: str) -> bool:
    """Whether a style value has a ``url()`` that does not point inside the file (``url(#id)``)."""
    return any(match.group(1) != "#" for match in _URL.finditer(css))


def _check_expansion(root: ET.Element, label: str) -> None:
    """Refuse an SVG whose ``<use>`` elements multiply into a huge drawing (or refer to themselves)."""
    by_id = {e.attrib["id"]: e for e in root.iter() if "id" in e.attrib}
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(element: ET.Element) -> int:
        key = id(element)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise InputError(f"{the_logo(label)} is an SVG that refers to itself in a loop.")
        busy.add(key)
        total = 1 + sum(size(child) for child in element)
        if element.tag.rsplit("}", 1)[-1] == "use":
            target = (element.attrib.get("href") or element.attrib.get(_XLINK) or "").strip()
            if target.startswith("#") and target[1:] in by_id:
                total += size(by_id[target[1:]])
        busy.discard(key)
        sizes[key] = min(total, MAX_NODES + 1)
        return sizes[key]

    if size(root) > MAX_NODES:
        raise InputError(f"{the_logo(label)} is an SVG of more than {MAX_NODES} shapes; a logo needs far fewer.")
