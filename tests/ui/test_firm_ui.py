"""File → Publish to firm database… and the Benchmark view on Reveal, against a real
PostgreSQL server (started by the tests; skipped with the reason when none can be)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QLineEdit

from tests.ui.helpers_results import QIDS, scored_workshop
from tests.ui.shots import snapshot
from ui import firm as firm_ui
from ui.steps.reveal import RevealPage
from workshop.participants import add_participant, set_answers
from workshop.storage.db import open_database
from workshop.workshops import create_workshop, list_workshops, set_revealed

pytestmark = pytest.mark.postgresql


def test_publish_from_the_file_menu(qtbot, ctx, db, window, pg_url: str, when_dialog, monkeypatch) -> None:
    wid, names = scored_workshop(db, {"sales": 3, "marketing": 3})
    window.open_workshop(wid)
    told: list[str] = []
    monkeypatch.setattr(firm_ui, "inform", lambda parent, title, text: told.append(text))

    def fill(dialog) -> None:
        dialog.findChild(QLineEdit, "firmUrl").setText(pg_url)
        dialog.findChild(QCheckBox, "withoutNames").setChecked(True)
        snapshot(dialog, "firm-publish-en.png")
        dialog.publish_button.click()

    when_dialog(fill)
    window.actions[firm_ui_action()].trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    assert "1 new" in told[0] and "names were left behind" in told[0]
    assert firm_ui.firm_url() == pg_url  # remembered for next time (no password in it)
    firm = open_database(pg_url)
    rows = list_workshops(firm)
    assert [(r.client, r.participants, r.complete) for r in rows] == [("Acme", 6, 6)]
    firm.close()


def firm_ui_action():  # noqa: ANN201
    from ui.actions import ActionId

    return ActionId.PUBLISH_WORKSHOP


def test_benchmark_view_on_reveal(qtbot, ctx, db, pg_url: str) -> None:
    wid, _names = scored_workshop(db, {"sales": 4, "marketing": 4})
    set_revealed(db, wid, True)
    firm = open_database(pg_url)
    for i in range(6):
        w = create_workshop(firm, f"Peer {i}", "Offsite", "2025-01-01")
        for j, function in enumerate(["sales"] * 3 + ["marketing"] * 3):
            person, _c = add_participant(firm, w.id, f"P{j}", function)
            set_answers(firm, person.id, dict.fromkeys(QIDS, 1 + (i + j) % 5), "paper")
    firm.close()
    firm_ui.set_firm_url(pg_url)
    page = RevealPage(ctx, wid)
    qtbot.addWidget(page)
    page.resize(1300, 1000)
    page.show()
    qtbot.waitExposed(page)
    panel = page.benchmark
    assert panel.isVisible()
    panel.compare.click()
    qtbot.waitUntil(lambda: panel.table.isVisible(), timeout=30000)
    model = panel.model
    rows = [[model.item(r, c).text() for c in range(4)] for r in range(model.rowCount())]
    assert rows[0][0] == "Group total" and rows[0][2] == "6" and rows[0][3].endswith("th")
    assert "Peer" not in " ".join(" ".join(r) for r in rows)  # no other client is named
    assert "6 other clients" in panel.status.text()
    snapshot(panel, "reveal-benchmark-en.png")

    panel.industry.setText("Retail")  # nobody there: too few, and said so
    panel.compare.click()
    qtbot.waitUntil(lambda: "0 other clients" in panel.status.text(), timeout=30000)
    assert "at least 5" in model.item(0, 3).text()


def test_benchmark_without_a_firm_database_says_where_to_set_it(qtbot, ctx, db) -> None:
    wid, _names = scored_workshop(db, {"sales": 3})
    set_revealed(db, wid, True)
    page = RevealPage(ctx, wid)
    qtbot.addWidget(page)
    page.benchmark.compare.click()
    assert "File → Publish to firm database" in page.benchmark.status.text()


def test_the_window_runs_a_workshop_on_the_firms_server(qtbot, pg_url: str) -> None:
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from workshop.demo import create_demo
    from workshop.workshops import get_workshop

    server = open_database(pg_url)
    wid = create_demo(server, lang="en")
    context = AppContext(server, language="en")
    main = MainWindow(context, restore=False)
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    qtbot.waitExposed(main)
    assert main.open_workshop(wid, "reveal")
    page = main.workshop_view.current_page()
    page.reveal_button.click()  # an undoable edit, stored on the server
    assert get_workshop(server, wid).revealed
    assert page.dashboard is not None and "Group score" in page.dashboard.headline.text()
    context.undo.undo()
    assert not get_workshop(server, wid).revealed
    main.close()
    context.undo.clear()
    server.close()


def test_fetch_a_clients_history_from_the_file_menu(qtbot, ctx, db, pg_url: str, tmp_path: Path) -> None:
    from workshop.demo import create_demo
    from workshop.publish import publish

    other = open_database(tmp_path / "colleague.db")
    publish(other, create_demo(other, lang="en"), open_database(pg_url))
    create_workshop(open_database(pg_url), "Second client", "Kick-off", "2026-01-05")
    other.close()

    dialog = firm_ui.FetchDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.url.setText(pg_url)
    dialog.search.setText("northwind")
    dialog.show_button.click()
    qtbot.waitUntil(lambda: dialog.clients.count() == 1, timeout=30000)
    assert "2 workshop(s)" in dialog.clients.item(0).text()
    snapshot(dialog, "firm-fetch-en.png")
    dialog.fetch_button.click()
    qtbot.waitUntil(lambda: dialog.fetched is not None, timeout=30000)
    assert "2 new" in dialog.status.text()
    assert len(list_workshops(db)) == 2
