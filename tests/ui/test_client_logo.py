"""The client's logo in Prepare: chosen (PNG or SVG), previewed, refused when too big, removed, undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt

import ui.logo_field as logo_field
from ui.steps.prepare import PreparePage
from workshop.branding import get_texts
from workshop.workshops import create_workshop

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">'
       '<rect width="300" height="100" fill="#2a7a3b"/></svg>')


@pytest.fixture
def page(ctx, qtbot) -> PreparePage:  # noqa: ANN001
    wid = create_workshop(ctx.db, "Acme", "Offsite", "2026-03-01", language="en").id
    widget = PreparePage(ctx, wid)
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_client_logo_is_chosen_previewed_removed_and_undone(page: PreparePage, ctx, qtbot, tmp_path: Path,  # noqa: ANN001
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(logo_field, "show_error", lambda parent, exc: errors.append(str(exc)))
    field = page.settings.client_logo
    wid = page.workshop_id
    assert field.preview.text() == "No logo" and not field.remove.isEnabled()

    png = tmp_path / "client.png"
    Image.new("RGB", (400, 100), "#1f4e79").save(png)
    monkeypatch.setattr(field, "ask_path", lambda: str(png))
    qtbot.mouseClick(field.choose, Qt.MouseButton.LeftButton)
    assert get_texts(ctx.db, wid).client_logo == png.read_bytes()
    shown = field.preview.pixmap()
    assert not shown.isNull() and (shown.width(), shown.height()) == (80, 20)  # whole, never cropped
    assert field.remove.isEnabled()
    page.grab().save(str(tmp_path / "prepare.png"))

    svg = tmp_path / "client.svg"
    svg.write_text(SVG, encoding="utf-8")
    monkeypatch.setattr(field, "ask_path", lambda: str(svg))
    qtbot.mouseClick(field.choose, Qt.MouseButton.LeftButton)
    stored = get_texts(ctx.db, wid).client_logo
    assert stored is not None and stored.startswith(b"\x89PNG") and stored != png.read_bytes()

    big = tmp_path / "big.png"
    Image.effect_noise((1200, 1200), 100).convert("RGB").save(big)
    monkeypatch.setattr(field, "ask_path", lambda: str(big))
    qtbot.mouseClick(field.choose, Qt.MouseButton.LeftButton)
    assert "at most 512 KB" in errors[-1]  # the same cap and message as the command line
    assert get_texts(ctx.db, wid).client_logo == stored

    qtbot.mouseClick(field.remove, Qt.MouseButton.LeftButton)
    assert get_texts(ctx.db, wid).client_logo is None
    assert field.preview.text() == "No logo"

    ctx.undo.undo()  # back to the SVG
    assert get_texts(ctx.db, wid).client_logo == stored and not field.preview.pixmap().isNull()
    ctx.undo.undo()  # back to the PNG
    assert get_texts(ctx.db, wid).client_logo == png.read_bytes()
    ctx.undo.undo()  # no logo, as at the start
    assert get_texts(ctx.db, wid).client_logo is None and field.preview.text() == "No logo"
    ctx.undo.redo()
    assert get_texts(ctx.db, wid).client_logo == png.read_bytes()
