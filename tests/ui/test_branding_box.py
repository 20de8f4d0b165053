"""Preferences: the firm's branding is typed once and kept in the database; an SVG logo becomes a PNG."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.branding import get_branding


def test_branding_is_stored_with_an_svg_logo(qtbot, ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.branding_box as box_module
    import ui.logo_field as logo_field
    from ui.preferences import PreferencesDialog

    errors: list[str] = []
    monkeypatch.setattr(box_module, "show_error", lambda parent, exc: errors.append(str(exc)))
    monkeypatch.setattr(logo_field, "show_error", lambda parent, exc: errors.append(str(exc)))
    dialog = PreferencesDialog(None, ctx.db)
    qtbot.addWidget(dialog)
    box = dialog.branding
    qtbot.keyClicks(box.name, "Kees & Partners")
    qtbot.keyClicks(box.colour, "purple")
    assert box.apply() is False and "#RRGGBB" in errors[-1]
    box.colour.setText("#7a1f5c")
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">'
                   '<rect width="300" height="100" fill="#7a1f5c"/></svg>', encoding="utf-8")
    assert box.load_logo(svg)
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg", encoding="utf-8")
    assert not box.load_logo(broken) and "SVG" in errors[-1]
    assert box.apply() is True
    info = get_branding(ctx.db)
    assert info.firm_name == "Kees & Partners" and info.colour == "#7A1F5C"
    assert info.logo_type == "png" and info.logo.startswith(b"\x89PNG")
    box._remove_logo()
    assert box.apply() and get_branding(ctx.db).logo is None
