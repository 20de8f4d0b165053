"""A hostile guest on the venue's Wi-Fi, over real HTTP on loopback: every attack ends safely.

Each test also runs honest phones through the attack and checks that every answer the
server acknowledged is in the database. Loopback has a whole /8 of source addresses,
so "many addresses" are real different peers to the server.
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import sqlite3
import threading
import time

import pytest
from sqlalchemy.exc import OperationalError

from tests.ui.test_collect_server import PIN, QIDS, Clock, Phone, stored
from workshop.collect import http_server, store
from workshop.collect.addresses import announced
from workshop.collect.guard import Limits
from workshop.collect.http_server import PhoneServer
from workshop.collect.session import CollectSession
from workshop.participants import add_participant, list_participants
from workshop.workshops import create_workshop


@pytest.fixture
def room(db):
    w = create_workshop(db, "Acme", "Kick-off", "2025-05-01", language="en")
    people = [add_participant(db, w.id, f"Person {n}", "sales")[0] for n in range(6)]
    return w, people


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def serve(db, room, clock):
    servers: list[PhoneServer] = []

    def _serve(anonymous: bool = False, limits: Limits | None = None, port: int = 0) -> PhoneServer:
        session = CollectSession(db, room[0].id, anonymous, pin=PIN, clock=clock, limits=limits)
        server = PhoneServer(session, "127.0.0.1", port)
        servers.append(server)
        return server

    yield _serve
    for server in servers:
        server.stop()


def honest(server: PhoneServer, address: str, who: dict, scores: int = 3) -> Phone:
    """A real participant: joins, sends all 20 answers one by one and finishes; each must be acknowledged."""
    phone = Phone(server, address)
    status, data, _ = phone.join(**who)
    assert status == 201, data
    for qid in QIDS:
        status, data, _ = phone.send({qid: scores})
        assert status == 200 and data["answers"][qid] == scores
    assert phone.send({}, finish=True)[0] == 200
    return phone


def connect(server: PhoneServer, address: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=5, source_address=(address, 0))
    return sock


def closed_by_server(sock: socket.socket, within: float) -> bool:
    sock.settimeout(within)
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False


# --- slow clients ---------------------------------------------------------------------------------------

def test_slow_headers_neither_block_phones_nor_stay_open(db, serve, room, monkeypatch):
    monkeypatch.setattr(http_server, "HEADER_SECONDS", 1.0)
    server = serve()
    base = f"/{server.session.token}/"
    attackers = []
    for n in range(60):  # a partial request line, then a byte now and then
        sock = connect(server, f"127.0.3.{n + 1}")
        sock.sendall(f"GET {base}api/info HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nX-A: ".encode())
        attackers.append(sock)
    phone = honest(server, "127.0.0.1", {"participant_id": room[1][0].id})
    for sock in attackers:
        try:
            sock.sendall(b"a")
        except OSError:
            pass
    assert all(closed_by_server(sock, 3.0) for sock in attackers)  # the header deadline closed them all
    for sock in attackers:
        sock.close()
    assert phone.call("GET", "api/info")[0] == 200
    assert stored(db, room[1][0].id) == {q: (3, "phone") for q in QIDS}


def test_slow_body_is_cut_off_and_stores_nothing(db, serve, room, monkeypatch):
    monkeypatch.setattr(http_server, "BODY_SECONDS", 1.0)
    server = serve()
    joined = Phone(server)
    joined.join(participant_id=room[1][0].id)
    body = json.dumps({"secret": joined.secret, "answers": {"q01": 5}}).encode()
    sock = connect(server, "127.0.0.9")
    sock.sendall(f"POST /{server.session.token}/api/answers HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                 f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body[:10])
    honest(server, "127.0.0.2", {"participant_id": room[1][1].id})
    assert closed_by_server(sock, 4.0)
    sock.close()
    assert stored(db, room[1][0].id) == {}
    assert len(stored(db, room[1][1].id)) == 20


def test_connections_are_capped_per_address_and_others_still_get_in(db, serve, room):
    server = serve(limits=Limits(connections_per_address=8))
    held = [connect(server, "127.0.4.1") for _ in range(8)]
    extra = connect(server, "127.0.4.1")
    reply = extra.recv(4096)
    assert reply.startswith(b"HTTP/1.1 503") and b'"busy"' in reply
    honest(server, "127.0.4.2", {"participant_id": room[1][0].id})
    for sock in [*held, extra]:
        sock.close()
    assert len(stored(db, room[1][0].id)) == 20


# --- the PIN --------------------------------------------------------------------------------------------

def test_guessing_the_pin_from_many_addresses_hits_a_budget_for_everyone(db, serve, room, clock):
    server = serve(limits=Limits(wrong_pins_per_minute=30))
    early = honest(server, "127.0.0.1", {"participant_id": room[1][0].id}, scores=2)
    outcomes = []
    for n in range(300):  # one guess from each of 300 addresses; the right PIN is among them
        guess = PIN if n == 150 else f"{n:04d}"
        status, data, _ = Phone(server, f"127.0.5.{n + 1}" if n < 250 else f"127.0.6.{n - 249}").names(pin=guess)
        outcomes.append(status)
    assert outcomes[:29] == [403] * 29 and set(outcomes[30:]) == {429}  # including the right PIN
    assert outcomes[150] == 429
    assert server.session.status().pin.everyone_locked_for > 0
    assert Phone(server, "127.0.7.1").join(participant_id=room[1][1].id)[0] == 429
    # A phone that already joined is not affected: it needs no PIN to send.
    assert early.send({"q01": 4})[0] == 200
    clock.now += 61
    assert Phone(server, "127.0.7.1").join(participant_id=room[1][1].id)[0] == 201
    assert stored(db, room[1][0].id)["q01"] == (4, "phone") and len(stored(db, room[1][0].id)) == 20


def test_the_facilitator_renews_the_pin_and_old_guesses_stop_counting(serve, room):
    server = serve(limits=Limits(wrong_pins_per_minute=5))
    for n in range(6):
        Phone(server, f"127.0.8.{n + 1}").names(pin="000000")
    assert server.session.status().pin.everyone_locked_for > 0
    pin = server.session.renew_pin()
    assert server.session.status().pin.everyone_locked_for == 0
    assert Phone(server, "127.0.8.9").join(pin=pin, participant_id=room[1][0].id)[0] == 201
    assert Phone(server, "127.0.8.10").join(pin=PIN, participant_id=room[1][1].id)[0] == 403


# --- one phone, one participant -------------------------------------------------------------------------

def test_one_phone_cannot_claim_every_name(db, serve, room):
    server = serve()
    attacker = Phone(server, "127.0.9.1")
    people = room[1]
    status, data, _ = attacker.join(participant_id=people[0].id)
    assert status == 201
    # With its own secret it can only move, not collect names, and not after answering.
    status, _, _ = attacker.call("POST", "api/join", {"pin": PIN, "participant_id": people[1].id,
                                                      "secret": attacker.secret})
    assert status == 200
    attacker.send({"q01": 1})
    status, data, _ = attacker.call("POST", "api/join", {"pin": PIN, "participant_id": people[2].id,
                                                         "secret": attacker.secret})
    assert status == 409 and data["error"] == "phone_in_use"
    # Without its secret it looks like new phones: the address allows only a few.
    results = [Phone(server, "127.0.9.1").join(participant_id=p.id)[0] for p in people[2:]]
    assert results.count(201) <= server.session.limits.phones_per_address - 1
    assert 429 in results
    claimed = [p.name for p in server.session.status().phones]
    assert len(claimed) <= server.session.limits.phones_per_address
    # The real people still get in, each from their own phone; a taken name needs the facilitator.
    free = [p for p in people if p.name not in claimed]
    for n, person in enumerate(free):
        honest(server, f"127.0.10.{n + 1}", {"participant_id": person.id})
    taken = next(p for p in people if p.name in claimed and p.id != people[1].id)
    assert Phone(server, "127.0.11.1").join(participant_id=taken.id)[0] == 409
    assert server.session.release(taken.id)
    honest(server, "127.0.11.1", {"participant_id": taken.id})
    for person in [*free, taken]:
        assert len(stored(db, person.id)) == 20


def test_an_anonymous_join_flood_stops_at_the_cap(db, serve, room):
    server = serve(anonymous=True)
    assert server.session.cap == 6  # as many as were prepared
    statuses = []
    for n in range(40):  # many addresses, several joins each
        for _ in range(3):
            statuses.append(Phone(server, f"127.0.12.{n + 1}").join(function="sales")[0])
    assert statuses.count(201) == 6 and 409 in statuses
    server.session.set_cap(8)
    real = honest(server, "127.0.13.1", {"function": "marketing"})
    assert real.secret
    assert server.session.status().joined == 7
    anonymous = [p for p in list_participants(db, room[0].id) if p.name is None]
    assert len(anonymous) == 1 and anonymous[0].answers == {q: 3 for q in QIDS}


def test_joins_per_address_are_rate_limited(serve, room, clock):
    server = serve(anonymous=True, limits=Limits(joins_per_address=2, phones_per_address=10, anonymous_cap=50))
    assert [Phone(server, "127.0.14.1").join(function="other")[0] for _ in range(3)] == [201, 201, 429]
    clock.now += 61
    assert Phone(server, "127.0.14.1").join(function="other")[0] == 201


def test_the_facilitator_removes_a_stray_join_and_can_undo(db, serve, room):
    server = serve(anonymous=True)
    stray = honest(server, "127.0.15.1", {"function": "other"}, scores=1)
    real = honest(server, "127.0.15.2", {"function": "sales"}, scores=4)
    device = next(p.device_id for p in server.session.status().phones if p.function == "other")
    assert server.session.remove(device) is not None
    assert [p.function for p in list_participants(db, room[0].id) if p.name is None] == ["sales"]
    assert stray.send({"q01": 2})[0] == 401  # the stray phone is out
    restored = server.session.restore(device)
    assert restored is not None and restored[1] != device
    people = [p for p in list_participants(db, room[0].id) if p.name is None]
    assert sorted(p.function for p in people) == ["other", "sales"]
    assert stray.send({"q01": 2})[0] == 200  # back, as itself
    assert real.send({"q02": 5})[0] == 200


# --- restarts -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("anonymous", [False, True])
def test_a_phone_after_a_restart_is_the_same_participant(db, serve, room, anonymous):
    server = serve(anonymous=anonymous)
    who = {"function": "marketing"} if anonymous else {"participant_id": room[1][0].id}
    phone = Phone(server, "127.0.16.1")
    assert phone.join(**who)[0] == 201
    assert phone.send({q: 2 for q in QIDS[:10]})[0] == 200
    port = server.port
    server.stop()
    for _ in range(3):  # three restarts
        server = serve(anonymous=anonymous, port=port)
        phone.server = server
        status, data, _ = phone.call("GET", "api/me", headers={"X-Phone-Secret": phone.secret})
        assert status == 200 and len(data["answers"]) == 10
        status, data, _ = phone.call("POST", "api/join", {"pin": PIN, "secret": phone.secret, **who})
        assert status == 200 and len(data["answers"]) == 10  # re-joining gives its own participant back
        server.stop()
    server = serve(anonymous=anonymous, port=port)
    phone.server = server
    assert phone.send({q: 2 for q in QIDS[10:]}, finish=True)[0] == 200
    if anonymous:
        people = [p for p in list_participants(db, room[0].id) if p.name is None]
        assert len(people) == 1 and people[0].answers == {q: 2 for q in QIDS}
    else:
        assert stored(db, room[1][0].id) == {q: (2, "phone") for q in QIDS}
        assert Phone(server, "127.0.16.2").join(**who)[0] == 409  # still this phone's name
    assert server.session.status().joined == 1 and server.session.status().finished == 1


# --- requests from elsewhere ----------------------------------------------------------------------------

def test_a_cross_origin_post_is_refused(db, serve, room):
    server = serve()
    phone = Phone(server)
    phone.join(participant_id=room[1][0].id)
    body = json.dumps({"secret": phone.secret, "answers": {"q01": 1}}).encode()
    form = b"secret=" + phone.secret.encode() + b"&answers=1"
    cases = [
        ({"Content-Type": "application/x-www-form-urlencoded"}, form, 415),
        ({"Content-Type": "text/plain"}, body, 415),
        ({"Content-Type": "application/json", "Origin": "http://evil.example"}, body, 403),
        ({"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}, body, 403),
    ]
    for headers, payload, expected in cases:
        status, head, reply = phone.raw("POST", phone.base + "api/answers", payload, headers)
        assert status == expected and head["content-type"] == "application/json", headers
    same = {"Content-Type": "application/json", "Origin": f"http://127.0.0.1:{server.port}"}
    assert phone.raw("POST", phone.base + "api/answers", body, same)[0] == 200
    assert stored(db, room[1][0].id) == {"q01": (1, "phone")}


def test_a_wrong_host_gets_nothing(serve):
    server = serve()
    phone = Phone(server)
    for host in ["evil.example", f"evil.example:{server.port}", "localhost", f"127.0.0.1:{server.port + 1}"]:
        status, head, body = phone.raw("GET", phone.base, headers={"Host": host})
        assert status == 421 and json.loads(body)["error"] == "wrong_host", host
    assert phone.raw("GET", phone.base)[0] == 200


# --- malformed input ------------------------------------------------------------------------------------

def test_http_0_9_and_garbage_get_json_and_one_log_line(serve, room, caplog, db, monkeypatch):
    monkeypatch.setattr(http_server, "HEADER_SECONDS", 1.0)
    server = serve()
    caplog.set_level(logging.WARNING, logger="workshop.collect")
    for n in range(200):
        with connect(server, f"127.0.17.{n % 200 + 1}") as sock:
            sock.sendall(b"GET /\r\n\r\n" if n % 2 else b"\x16\x03\x01garbage\r\n\r\n")
            reply = sock.recv(4096)
            assert reply[:13] in (b"HTTP/1.1 400 ", b"HTTP/1.0 400 ") and b"application/json" in reply, reply[:40]
    with connect(server, "127.0.17.201") as sock:  # HTTP/0.9 as a real old client sends it: no end in sight
        sock.sendall(b"GET /\r\n")
        assert closed_by_server(sock, 3.0)
    lines = [r for r in caplog.records if r.name == "workshop.collect"]
    assert 1 <= len(lines) <= 2 and not any(r.exc_info for r in lines)
    assert "Traceback" not in caplog.text
    honest(server, "127.0.0.1", {"participant_id": room[1][0].id})
    assert len(stored(db, room[1][0].id)) == 20


@pytest.mark.parametrize("body, status, code", [
    (b"[" * 2000 + b"]" * 2000, 400, "too_deep"),
    (b'{"a":' * 600 + b"1" + b"}" * 600, 400, "too_deep"),
    (b'{"secret": "x", "answers": {"q01": {"a": {"b": {"c": 1}}}}}', 400, "too_deep"),
    (b'{"secret": "x", "answers": {"q01": {"a": 1}}}', 401, "not_joined"),
    (b'{"pad": "' + b"x" * 5000 + b'"}', 413, "too_large"),
])
def test_deep_or_large_json_is_a_clear_400(serve, body, status, code):
    server = serve()
    phone = Phone(server)
    got, head, reply = phone.raw("POST", phone.base + "api/answers", body, {"Content-Type": "application/json"})
    assert got == status and head["content-type"] == "application/json"
    assert json.loads(reply)["error"] == code


# --- a full disk ----------------------------------------------------------------------------------------

def test_a_full_disk_keeps_the_join_and_the_phone_retries(db, serve, room, monkeypatch):
    server = serve()
    problems: list[str | None] = []
    server.session.on_problem = problems.append
    phone = Phone(server)
    phone.join(participant_id=room[1][0].id)
    assert phone.send({"q01": 4})[0] == 200
    real_write = store._upsert

    def full(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(store, "_upsert", full)
    status, data, head = phone.send({"q02": 5})
    assert status == 503 and data["error"] == "not_saved" and int(head["retry-after"]) > 0
    assert "Not saved yet" in data["message"]
    assert problems and "full" in problems[-1] and server.session.status().problem
    # A new phone cannot join while nothing can be stored, and is not left holding the name.
    other = Phone(server, "127.0.0.2")
    monkeypatch.setattr(store, "store_joins", lambda *a, **k: full())
    assert other.join(participant_id=room[1][1].id)[0] == 503
    # The join survives: the phone is still itself, and what was acknowledged is stored.
    status, data, _ = phone.call("GET", "api/me", headers={"X-Phone-Secret": phone.secret})
    assert status == 200 and data["answers"] == {"q01": 4}
    monkeypatch.undo()
    assert store._upsert is real_write
    assert phone.send({"q02": 5})[0] == 200  # the retry after space was freed
    assert other.join(participant_id=room[1][1].id)[0] == 201  # not "taken"
    assert problems[-1] is None and server.session.status().problem is None
    assert stored(db, room[1][0].id) == {"q01": (4, "phone"), "q02": (5, "phone")}


def test_many_phones_at_once_in_threads_lose_nothing(db, serve, room):
    server = serve(anonymous=True, limits=Limits(anonymous_cap=40))
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            honest(server, f"127.0.18.{n + 1}", {"function": "other"}, scores=1 + n % 5)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(40)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors[:3]
    assert time.perf_counter() - started < 120
    people = [p for p in list_participants(db, room[0].id) if p.name is None]
    assert len(people) == 40 and all(len(p.answers) == 20 for p in people)
    assert server.session.status().finished == 40


# --- addresses ------------------------------------------------------------------------------------------

def test_ipv6_loopback_works(db, room):
    server = PhoneServer(CollectSession(db, room[0].id, pin=PIN), "::1", 0)
    try:
        assert server.url.startswith("http://[::1]:")
        conn = http.client.HTTPConnection("::1", server.port, timeout=5)
        conn.request("GET", f"/{server.session.token}/api/info")
        response = conn.getresponse()
        assert response.status == 200 and json.loads(response.read())["mode"] == "named"
    finally:
        server.stop()


def test_all_interfaces_announce_real_addresses(db, room):
    server = PhoneServer(CollectSession(db, room[0].id, pin=PIN), "0.0.0.0", 0)
    try:
        assert server.urls and not any("0.0.0.0" in url for url in server.urls)
        assert server.addresses == announced("0.0.0.0")
        # Reached over loopback, the Host is not one that was announced (unless loopback is all there is).
        phone = Phone(server)
        expected = 200 if server.addresses == ["127.0.0.1"] else 421
        assert phone.raw("GET", phone.base)[0] == expected
        status, _, _ = phone.raw("GET", phone.base, headers={"Host": f"{server.addresses[0]}:{server.port}"})
        assert status == 200
    finally:
        server.stop()
