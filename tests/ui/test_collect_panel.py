"""The facilitator's side: the panel starts and stops the server, answers reach the bus on the GUI thread."""

from __future__ import annotations

import http.client
import json
import socket

import pytest
from PySide6.QtCore import QCoreApplication, QThread

from tests.ui.shots import snapshot
from ui.collect.join_view import JoinView
from ui.collect.panel import CollectPanel
from ui.collect.server import collections, lan_addresses
from ui.context import AppContext
from workshop.participants import add_participant
from workshop.workshops import create_workshop


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(url: str, path: str, data: dict) -> tuple[int, dict]:
    host_port = url.split("/")[2]
    host, port = host_port.rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        body = json.dumps(data)
        conn.request("POST", "/" + url.split("/")[3] + "/" + path, body=body,
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def refused(url: str) -> bool:
    host, port = url.split("/")[2].rsplit(":", 1)
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError:
        return True
    return False


@pytest.fixture
def setup(db, qtbot):
    ctx = AppContext(db)
    w = create_workshop(db, "Acme", "Kick-off", "2025-05-01", language="en")
    anna, _ = add_participant(db, w.id, "Anna de Wit", "sales")
    add_participant(db, w.id, "Bram Jansen", "marketing")
    panel = CollectPanel(ctx, w.id)
    qtbot.addWidget(panel)
    panel.address_box.addItem("127.0.0.1 (test)", "127.0.0.1")
    panel.address_box.setCurrentIndex(panel.address_box.count() - 1)
    panel.port_box.setValue(free_port())
    yield ctx, w, anna, panel
    collections(ctx).stop_all()


def test_addresses_offer_something_to_bind_to():
    addresses = lan_addresses()
    assert addresses and all(a.count(".") == 3 for a, _ in addresses)
    non_loopback = [a for a, _ in addresses if not a.startswith("127.")]
    assert not non_loopback or len(non_loopback) == len(addresses)  # loopback only when nothing else


def test_start_answer_finish_stop(setup, qtbot):
    ctx, w, anna, panel = setup
    assert panel.current_page == 0
    qtbot.mouseClick(panel.start_button, qtbot_left())
    assert panel.current_page == 1
    server = collections(ctx).get(w.id)
    assert server is not None and server.url.startswith("http://127.0.0.1:")
    assert panel.pin_label.text() == server.pin and panel.address_label.text() == server.url
    assert panel.count_label.text() == "0 phones joined · 0 finished"  # the page above counts everyone

    status, joined = post(server.url, "api/join", {"pin": server.pin, "participant_id": anna.id})
    assert status == 201
    threads: list[bool] = []
    ctx.bus.changed.connect(lambda _c: threads.append(QThread.currentThread() is QCoreApplication.instance().thread()))
    with qtbot.waitSignal(ctx.bus.changed, timeout=3000) as blocker:
        answers = {f"q{i:02d}": 4 for i in range(1, 21)}
        status, _ = post(server.url, "api/answers",
                         {"pin": server.pin, "secret": joined["secret"], "answers": answers, "finish": True})
        assert status == 200
    changes = blocker.args[0]
    assert changes.answers and changes.workshop_id == w.id
    assert threads and all(threads)  # published on the GUI thread
    qtbot.waitUntil(lambda: "1 finished" in panel.count_label.text(), timeout=3000)
    assert panel.phone_list.count() == 1 and "Anna de Wit" in panel.phone_list.item(0).text()

    url = server.url
    qtbot.mouseClick(panel.stop_button, qtbot_left())
    assert panel.current_page == 0 and collections(ctx).get(w.id) is None
    assert refused(url)


def test_join_view_follows_the_collection(setup, qtbot):
    ctx, w, anna, panel = setup
    view = JoinView(ctx, w.id)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    assert view.idle.isVisibleTo(view) and not view.body.isVisibleTo(view)
    panel.start()
    server = collections(ctx).get(w.id)
    assert view.body.isVisibleTo(view) and view.pin.text() == server.pin and view.address.text() == server.url
    qtbot.waitUntil(lambda: view.qr.pixmap() is not None and not view.qr.pixmap().isNull(), timeout=2000)
    assert view.count.text() == "0 of 2 finished"
    panel.stop()
    assert view.idle.isVisibleTo(view)


def test_release_lets_a_name_join_again(setup, qtbot):
    ctx, w, anna, panel = setup
    panel.start()
    server = collections(ctx).get(w.id)
    assert post(server.url, "api/join", {"pin": server.pin, "participant_id": anna.id})[0] == 201
    qtbot.waitUntil(lambda: panel.phone_list.count() == 1, timeout=3000)
    panel.phone_list.setCurrentRow(0)
    assert panel.release_button.isEnabled()
    qtbot.mouseClick(panel.release_button, qtbot_left())
    assert post(server.url, "api/join", {"pin": server.pin, "participant_id": anna.id})[0] == 201


def test_quitting_closes_the_port(setup, qtbot):
    ctx, w, anna, panel = setup
    panel.start()
    url = collections(ctx).get(w.id).url
    QCoreApplication.instance().aboutToQuit.emit()
    assert refused(url) and collections(ctx).get(w.id) is None


def test_a_taken_address_is_explained_not_crashed(setup, qtbot, monkeypatch):
    ctx, w, anna, panel = setup
    shown: list[str] = []
    import ui.errors

    monkeypatch.setattr(ui.errors.interaction, "error", lambda parent, exc, title=None: shown.append(str(exc)))
    panel.address_box.addItem("203.0.113.7 (not here)", "203.0.113.7")
    panel.address_box.setCurrentIndex(panel.address_box.count() - 1)
    panel.start()
    assert shown and "203.0.113.7" in shown[0]
    assert panel.current_page == 0 and collections(ctx).get(w.id) is None


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def post_from(address: str, url: str, path: str, data: dict) -> tuple[int, dict]:
    host, port = url.split("/")[2].rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=5, source_address=(address, 0))
    try:
        conn.request("POST", "/" + url.split("/")[3] + "/" + path, body=json.dumps(data),
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def test_anonymous_joins_show_as_they_happen_and_a_stray_is_removed_with_undo(setup, qtbot):
    from workshop.participants import list_participants

    ctx, w, anna, panel = setup
    panel.anonymous_radio.setChecked(True)
    panel.start()
    server = collections(ctx).get(w.id)
    assert panel.cap_box.isVisibleTo(panel) and panel.cap_box.value() == 2  # as many as were prepared
    secrets = []
    for n, function in enumerate(["sales", "marketing"]):
        status, joined = post_from(f"127.0.21.{n + 1}", server.url, "api/join",
                                   {"pin": server.pin, "function": function})
        assert status == 201
        secrets.append(joined["secret"])
    assert post_from("127.0.21.3", server.url, "api/join", {"pin": server.pin, "function": "other"})[0] == 409
    panel.cap_box.setValue(3)
    qtbot.waitUntil(lambda: server.status().cap == 3, timeout=3000)
    status, stray = post_from("127.0.21.3", server.url, "api/join", {"pin": server.pin, "function": "other"})
    assert status == 201
    send = {"secret": stray["secret"], "answers": {"q01": 1}}
    assert post_from("127.0.21.3", server.url, "api/answers", send)[0] == 200
    qtbot.waitUntil(lambda: panel.phone_list.count() == 3 and "Other" in panel.phone_list.item(0).text(), timeout=3000)
    assert "joined" in panel.phone_list.item(0).text()  # the newest join on top, with its time
    snapshot(panel, "collect-panel-anonymous.png")

    before = len(list_participants(ctx.db, w.id))
    panel.phone_list.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_button, qtbot_left())
    qtbot.waitUntil(lambda: panel.phone_list.count() == 2, timeout=3000)
    assert len(list_participants(ctx.db, w.id)) == before - 1
    assert ctx.undo.canUndo()
    ctx.undo.undo()
    qtbot.waitUntil(lambda: panel.phone_list.count() == 3, timeout=3000)
    back = [p for p in list_participants(ctx.db, w.id) if p.function == "other"]
    assert len(back) == 1 and back[0].answers == {"q01": 1}
    send = {"secret": stray["secret"], "answers": {"q02": 2}}
    assert post_from("127.0.21.3", server.url, "api/answers", send)[0] == 200


def test_pin_guessing_shows_and_a_new_pin_is_one_click(setup, qtbot):
    ctx, w, anna, panel = setup
    panel.start()
    server = collections(ctx).get(w.id)
    old = server.pin
    for n in range(3):
        assert post_from(f"127.0.22.{n + 1}", server.url, "api/names", {"pin": "000000"})[0] == 403
    qtbot.waitUntil(lambda: "Wrong PINs in the last minute: 3" in panel.guessing_label.text(), timeout=3000)
    qtbot.mouseClick(panel.renew_button, qtbot_left())
    assert panel.pin_label.text() == server.pin != old and len(server.pin) == 6
    assert post_from("127.0.22.9", server.url, "api/names", {"pin": old})[0] == 403
    assert post_from("127.0.22.9", server.url, "api/names", {"pin": server.pin})[0] == 200
    # Earlier guesses no longer count; the old PIN is now just one more wrong one.
    qtbot.waitUntil(lambda: panel.guessing_label.text() == "Wrong PINs in the last minute: 1", timeout=3000)
