"""SVG logos: drawn to PNG without Qt, and refused when they reach outside themselves or would explode."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from workshop.branding import get_branding, get_texts, read_logo, set_branding
from workshop.cli import main
from workshop.errors import InputError
from workshop.storage.db import open_database
from workshop.workshops import create_workshop

NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
LOGO = (f'<svg {NS} width="300" height="100" viewBox="0 0 300 100">'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#7a1f5c"/><stop offset="1" stop-color="#fff"/>'
        '</linearGradient><rect id="r" width="90" height="90"/></defs>'
        '<rect width="300" height="100" fill="url(\'#g\')"/><use xlink:href="#r" x="5" y="5" fill="#0b3"/></svg>')


def _svg(tmp_path: Path, body: str, name: str = "logo.svg") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_an_svg_logo_is_drawn_to_a_png_of_its_proportions(tmp_path: Path) -> None:
    data, kind = read_logo(_svg(tmp_path, LOGO))
    assert kind == "png" and data.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 400)
        rgb = image.convert("RGB")
        assert rgb.getpixel((100, 200))[1] > 150  # the <use> copy of the square, in its own green
        assert rgb.getpixel((1190, 200)) > (230, 230, 230)  # the gradient's white end


HOSTILE = {
    "entities": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                f'<svg {NS}><text>&b;</text></svg>',
    "external entity": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                       f'<svg {NS}>&x;</svg>',
    "local file": f'<svg {NS}><image xlink:href="/etc/hostname" width="9" height="9"/></svg>',
    "relative file": f'<svg {NS}><image href="logo.png" width="9" height="9"/></svg>',
    "web address": f'<svg {NS}><image href="https://example.org/x.png" width="9" height="9"/></svg>',
    "other svg": f'<svg {NS}><use href="other.svg#part"/></svg>',
    "style sheet import": f'<svg {NS}><style>@import url("https://example.org/a.css");</style></svg>',
    "style url": f'<svg {NS}><rect width="9" height="9" style="fill: url(file:///etc/x)"/></svg>',
    "fill url": f'<svg {NS}><rect width="9" height="9" fill="url(https://example.org/p)"/></svg>',
    "use loop": f'<svg {NS}><g id="a"><use href="#a"/></g></svg>',
    "use bomb": f'<svg {NS}><g id="l0"><rect width="1" height="1"/></g>'
                + "".join(f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, 8))
                + "</svg>",
    "far too tall": f'<svg {NS} width="10" height="1000"><rect width="10" height="1000"/></svg>',
    "not svg": "<html><body>logo</body></html>",
    "broken": "<svg",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_an_unsafe_or_broken_svg_is_refused_with_a_reason(tmp_path: Path, case: str) -> None:
    with pytest.raises(InputError, match="logo"):
        read_logo(_svg(tmp_path, HOSTILE[case]))


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "huge.svg"
    with big.open("wb") as file:
        file.truncate(4 * 1024**3)  # sparse: 4 GB that would take long to read
    reads: list[object] = []
    opened = Path.open

    class Counting:
        def __init__(self, file: io.BufferedReader) -> None:
            self.file = file

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def fileno(self) -> int:
            return self.file.fileno()

        def read(self, *args: object) -> bytes:
            reads.append(args)
            return self.file.read(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", lambda self, *a, **k: Counting(opened(self, *a, **k)))
    with pytest.raises(InputError, match="at most 512 KB"):
        read_logo(big)
    assert not reads  # refused from the file's size alone


def test_the_brand_command_takes_svg_logos(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    svg = _svg(tmp_path, LOGO)
    assert main(["--db", str(db_path), "brand", "--name", "Firma", "--logo", str(svg)]) == 0
    assert "PNG" in capsys.readouterr().out
    bad = _svg(tmp_path, HOSTILE["local file"], "bad.svg")
    assert main(["--db", str(db_path), "brand", "--logo", str(bad)]) == 2
    assert "outside itself" in capsys.readouterr().err
    db = open_database(db_path)
    try:
        assert (get_branding(db).logo or b"").startswith(b"\x89PNG")
        wid = create_workshop(db, "Acme", "Offsite", "2026-03-01").id
    finally:
        db.close()
    from workshop.storage.lock import _release_held

    _release_held()  # the first writer in this process keeps its lock until exit, as the command line does
    assert main(["--db", str(db_path), "brand", "--workshop", str(wid), "--client-logo", str(svg)]) == 0
    db = open_database(db_path)
    try:
        assert (get_texts(db, wid).client_logo or b"").startswith(b"\x89PNG")
    finally:
        db.close()


def test_logo_bytes_are_checked_like_a_file(db) -> None:  # noqa: ANN001
    info = set_branding(db, logo_bytes=LOGO.encode())
    assert info.logo_type == "png" and (info.logo or b"").startswith(b"\x89PNG")
    with pytest.raises(InputError, match="outside itself"):
        set_branding(db, logo_bytes=HOSTILE["web address"].encode())
