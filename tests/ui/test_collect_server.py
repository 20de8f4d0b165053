"""The phone server over real HTTP on loopback: every endpoint, every bad input, the stop."""

from __future__ import annotations

import http.client
import json
import socket
import threading

import pytest
from sqlalchemy import select

from workshop.collect.http_server import PhoneServer
from workshop.collect.session import MAX_BODY, CollectSession
from workshop.participants import add_participant, list_participants
from workshop.storage.models import Answer
from workshop.workshops import create_workshop

PIN = "2468"
QIDS = [f"q{i:02d}" for i in range(1, 21)]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Phone:
    """A client that speaks to one server like the page does, and checks every reply's form."""

    def __init__(self, server: PhoneServer, address: str = "127.0.0.1") -> None:
        self.server = server
        self.base = f"/{server.session.token}/"
        self.secret: str | None = None
        self.address = address  # the source address: each phone of a room has its own

    def raw(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            host: str = "127.0.0.1") -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(host, self.server.port, timeout=5, source_address=(self.address, 0))
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def call(self, method: str, path: str, data: object = None, headers: dict | None = None):
        body = None if data is None else json.dumps(data).encode()
        extra = dict(headers or {})
        if body is not None:
            extra["Content-Type"] = "application/json"
        status, head, payload = self.raw(method, self.base + path, body, extra)
        assert head["content-type"] == "application/json", (status, head)
        assert head["cache-control"] == "no-store"
        assert head["x-content-type-options"] == "nosniff"
        return status, json.loads(payload), head

    def join(self, pin: str = PIN, **who: object):
        status, data, head = self.call("POST", "api/join", {"pin": pin, **who})
        if status == 201:
            self.secret = data["secret"]
        return status, data, head

    def names(self, pin: str = PIN):
        return self.call("POST", "api/names", {"pin": pin})

    def send(self, answers: dict, finish: bool = False, secret: str | None = None):
        payload = {"secret": secret or self.secret, "answers": answers, "finish": finish}
        return self.call("POST", "api/answers", payload)


@pytest.fixture
def workshop(db):
    w = create_workshop(db, "Acme", "Kick-off", "2025-05-01", language="nl")
    people = [add_participant(db, w.id, name, fn)[0]
              for name, fn in [("Anna de Wit", "sales"), ("Bram Jansen", "marketing"), ("Carla Smit", "sales")]]
    return w, people


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def start(db, workshop, clock):
    servers: list[PhoneServer] = []

    def _start(anonymous: bool = False, workshop_id: int | None = None) -> PhoneServer:
        session = CollectSession(db, workshop_id or workshop[0].id, anonymous, pin=PIN, clock=clock)
        server = PhoneServer(session, "127.0.0.1", 0)
        servers.append(server)
        return server

    yield _start
    for server in servers:
        server.stop()


@pytest.fixture
def server(start):
    return start()


def stored(db, pid: int) -> dict[str, tuple[int, str]]:
    with db.session() as session:
        rows = session.execute(select(Answer.statement_id, Answer.score, Answer.source)
                               .where(Answer.participant_id == pid))
        return {q: (score, source) for q, score, source in rows}


# --- the page and its assets ----------------------------------------------------------------------

def test_page_and_assets_are_served_only_with_the_token(server):
    phone = Phone(server)
    status, head, body = phone.raw("GET", phone.base)
    assert status == 200 and head["content-type"].startswith("text/html")
    assert b"app.js" in body and "default-src 'none'" in head["content-security-policy"]
    for name, kind in [("app.js", "text/javascript"), ("app.css", "text/css")]:
        status, head, body = phone.raw("GET", phone.base + name)
        assert status == 200 and head["content-type"].startswith(kind) and body
    status, head, _ = phone.raw("GET", "/" + server.session.token)
    assert status == 308 and head["location"] == phone.base


@pytest.mark.parametrize("path", ["/", "/index.html", "/app.js", "/api/info", "/favicon.ico",
                                  "/wrongtoken/", "/wrongtoken/api/info", "/wrongtoken/app.js"])
def test_no_token_or_a_wrong_token_gets_json_404(server, path):
    status, head, body = Phone(server).raw("GET", path)
    assert status == 404 and head["content-type"] == "application/json"
    assert json.loads(body)["error"] == "not_found"


@pytest.mark.parametrize("rest", ["index.html", "../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "app.js/..",
                                  "..%2fapp.js", "phone/app.js", "api", "api/", "api/info/x", "APP.JS"])
def test_no_request_path_reaches_the_file_system(server, rest):
    phone = Phone(server)
    status, head, body = phone.raw("GET", phone.base + rest)
    assert status == 404 and head["content-type"] == "application/json", rest
    assert b"root:" not in body


def test_wrong_method_is_405_with_allow(server):
    phone = Phone(server)
    status, data, head = phone.call("POST", "api/info", {"x": 1})
    assert status == 405 and head["allow"] == "GET"
    status, data, head = phone.call("GET", "api/join")
    assert status == 405 and head["allow"] == "POST"
    status, data, head = phone.call("DELETE", "api/answers")
    assert status == 405 and data["error"] == "method_not_allowed"
    status, head, _ = phone.raw("POST", phone.base + "app.js", b"{}", {"Content-Length": "2"})
    assert status == 405 and head["content-type"] == "application/json"


# --- info ---------------------------------------------------------------------------------------------

def test_info_in_the_workshops_language_with_names_in_named_mode(server, workshop):
    status, data, _ = Phone(server).call("GET", "api/info")
    assert status == 200
    assert data["language"] == "nl" and data["mode"] == "named"
    assert [s["id"] for s in data["statements"]] == QIDS
    assert data["statements"][0]["text"].startswith("Onze werkelijke omzet")
    assert [p["value"] for p in data["scale"]] == [1, 2, 3, 4, 5]
    assert data["scale"][0]["label"] == "Helemaal oneens"
    assert "names" not in data  # names only for someone who knows the PIN
    status, data, _ = Phone(server).names()
    assert [p["name"] for p in data["names"]] == ["Anna de Wit", "Bram Jansen", "Carla Smit"]
    assert not any(p["taken"] for p in data["names"])
    status, data, _ = Phone(server).names(pin="0000")
    assert status == 403 and "names" not in data


def test_info_in_anonymous_mode_sends_no_names(start):
    status, data, _ = Phone(start(anonymous=True)).call("GET", "api/info")
    assert status == 200 and data["mode"] == "anonymous" and "names" not in data
    assert data["functions"] == ["sales", "marketing", "leadership", "other"]


# --- joining and the PIN ------------------------------------------------------------------------------

def test_join_named_then_the_name_shows_as_taken(server, workshop):
    anna = workshop[1][0]
    phone = Phone(server)
    status, data, _ = phone.join(participant_id=anna.id)
    assert status == 201 and data["name"] == "Anna de Wit" and data["answers"] == {} and len(data["secret"]) >= 30
    _, info, _ = phone.names()
    assert [p["taken"] for p in info["names"]] == [True, False, False]
    status, data, _ = Phone(server, "127.0.0.2").join(participant_id=anna.id)
    assert status == 409 and data["error"] == "taken"


def test_join_needs_the_pin(server, workshop):
    anna = workshop[1][0]
    for pin in ["1111", "", "24680", 2468, None]:
        status, data, _ = Phone(server).join(pin=pin, participant_id=anna.id)
        assert status in (403, 429) and data["error"] in ("wrong_pin", "locked"), pin
    assert server.session.status().joined == 0


def test_repeated_wrong_pins_lock_the_client_out_for_a_while(server, workshop, clock):
    anna = workshop[1][0]
    phone = Phone(server)
    for left in (4, 3, 2, 1):
        status, data, _ = phone.join(pin="0000", participant_id=anna.id)
        assert status == 403 and data["attempts_left"] == left
    status, data, head = phone.join(pin="0000", participant_id=anna.id)
    assert status == 429 and data["error"] == "locked" and int(head["retry-after"]) == 60
    # Locked: even the right PIN is refused, for joining and for sending.
    status, data, head = phone.join(participant_id=anna.id)
    assert status == 429 and 0 < int(head["retry-after"]) <= 60
    clock.now += 61
    status, data, _ = phone.join(participant_id=anna.id)
    assert status == 201


def test_a_second_lock_out_lasts_longer(server, workshop, clock):
    anna = workshop[1][0]
    phone = Phone(server)
    for _ in range(5):
        phone.join(pin="0000", participant_id=anna.id)
    clock.now += 61
    for _ in range(4):
        assert phone.join(pin="0000", participant_id=anna.id)[0] == 403
    status, data, head = phone.join(pin="0000", participant_id=anna.id)
    assert status == 429 and data["retry_after"] == 120


def test_another_workshops_participant_cannot_join(db, server):
    other = create_workshop(db, "Other", "Elsewhere", "2025-05-01")
    stranger, _ = add_participant(db, other.id, "Zoë Vos", "sales")
    status, data, _ = Phone(server).join(participant_id=stranger.id)
    assert status == 404 and data["error"] == "unknown_participant"
    for bad in [999999, "1", True, None, 1.0]:
        status, data, _ = Phone(server).join(participant_id=bad)
        assert status in (404, 422), bad


def test_anonymous_join_needs_a_function(start):
    server = start(anonymous=True)
    for bad in [None, "", "ceo", "SALES", 1]:
        status, data, _ = Phone(server).join(function=bad)
        assert status == 422 and data["error"] == "invalid", bad
    status, data, _ = Phone(server).join(function="marketing")
    assert status == 201 and data["name"] is None and data["function"] == "marketing"


# --- answers ------------------------------------------------------------------------------------------

def test_answers_are_stored_at_once_with_source_phone(db, server, workshop):
    anna = workshop[1][0]
    phone = Phone(server)
    phone.join(participant_id=anna.id)
    status, data, _ = phone.send({"q01": 3, "q02": 5})
    assert status == 200 and data["answers"] == {"q01": 3, "q02": 5} and not data["finished"]
    assert stored(db, anna.id) == {"q01": (3, "phone"), "q02": (5, "phone")}
    status, data, _ = phone.send({"q01": 4})  # changing an answer
    assert status == 200 and stored(db, anna.id)["q01"] == (4, "phone")


@pytest.mark.parametrize("answers, problem", [
    ({"q21": 3}, "unknown statement"),
    ({"Q01": 3}, "unknown statement"),
    ({"q01": 0}, "not a whole number"),
    ({"q01": 6}, "not a whole number"),
    ({"q01": "3"}, "not a whole number"),
    ({"q01": 3.5}, "not a whole number"),
    ({"q01": 3.0}, "not a whole number"),
    ({"q01": True}, "not a whole number"),
    ({"q01": None}, "not a whole number"),
    ({"q01": -1}, "not a whole number"),
    ({"q01": [3]}, "not a whole number"),
    ({"q02": 4, "q01": 6}, "not a whole number"),  # one bad answer: none is stored
])
def test_bad_answers_are_refused_whole(db, server, workshop, answers, problem):
    anna = workshop[1][0]
    phone = Phone(server)
    phone.join(participant_id=anna.id)
    status, data, _ = phone.send(answers)
    assert status == 422 and data["error"] == "invalid"
    assert any(problem in p for p in data["problems"])
    assert stored(db, anna.id) == {}


@pytest.mark.parametrize("payload", [[], "x", 3, None, {"pin": PIN, "answers": [3]},
                                     {"pin": PIN, "answers": {"q01": 3}, "extra": 1},
                                     {"pin": PIN, "answers": {}, "finish": "yes"}])
def test_malformed_payloads_are_refused(server, workshop, payload):
    phone = Phone(server)
    phone.join(participant_id=workshop[1][0].id)
    if isinstance(payload, dict):
        payload = {"secret": phone.secret, **payload}
    status, data, _ = phone.call("POST", "api/answers", payload)
    assert status in (400, 415, 422) and data["error"] in ("bad_json", "invalid", "json_only")


@pytest.mark.parametrize("body", [b"{", b"not json", b"\xff\xfe", b"", b"   ", b'{"pin": "2468",}'])
def test_broken_json_is_400(server, body):
    phone = Phone(server)
    for path in ("api/join", "api/answers"):
        status, head, payload = phone.raw("POST", phone.base + path, body,
                                          {"Content-Length": str(len(body)), "Content-Type": "application/json"})
        assert status == 400 and head["content-type"] == "application/json"
        assert json.loads(payload)["error"] == "bad_json"


def test_oversized_body_is_refused_unread(server):
    phone = Phone(server)
    big = b'{"pin": "2468", "pad": "' + b"x" * MAX_BODY + b'"}'
    status, head, payload = phone.raw("POST", phone.base + "api/join", big)
    assert status == 413 and head["content-type"] == "application/json" and head["connection"] == "close"
    assert json.loads(payload)["error"] == "too_large"
    # A lie about the length is refused before anything is read.
    status, _, payload = phone.raw("POST", phone.base + "api/answers", b"{}", {"Content-Length": "1000000"})
    assert status == 413


def test_bodies_need_a_length_and_no_chunks(server):
    phone = Phone(server)
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(f"POST {phone.base}api/join HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "2\r\n{}\r\n0\r\n\r\n".encode())
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 411") and b"application/json" in reply
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(f"POST {phone.base}api/join HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 411")


def test_malformed_http_gets_json_too(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(b"GARBAGE\r\n\r\n")
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 400") or reply.startswith(b"HTTP/1.0 400")
    assert b"application/json" in reply


def test_sending_needs_a_joined_secret_but_no_pin(db, server, workshop):
    anna = workshop[1][0]
    phone = Phone(server)
    phone.join(participant_id=anna.id)
    status, data, _ = phone.send({"q01": 3}, secret="made-up-but-long-enough")
    assert status == 401 and data["error"] == "not_joined"
    status, data, _ = phone.call("POST", "api/answers", {"pin": PIN, "answers": {"q01": 3}})
    assert status == 401
    assert stored(db, anna.id) == {}
    # A renewed PIN stops new joins with the old one; a joined phone carries on without it.
    new_pin = server.session.renew_pin()
    assert len(new_pin) == 6 and new_pin.isdigit()
    assert phone.send({"q01": 3})[0] == 200
    assert Phone(server, "127.0.0.2").join(participant_id=workshop[1][1].id)[0] == 403
    assert Phone(server, "127.0.0.2").join(pin=new_pin, participant_id=workshop[1][1].id)[0] == 201
    assert stored(db, anna.id) == {"q01": (3, "phone")}


def test_finishing_needs_every_answer(db, server, workshop):
    anna = workshop[1][0]
    phone = Phone(server)
    phone.join(participant_id=anna.id)
    status, data, _ = phone.send({q: 2 for q in QIDS[:19]}, finish=True)
    assert status == 422 and data["error"] == "incomplete" and data["missing"] == ["q20"]
    assert stored(db, anna.id) == {}  # refused whole
    status, data, _ = phone.send({q: 2 for q in QIDS}, finish=True)
    assert status == 200 and data["finished"]
    status = server.session.status()
    assert status.finished == 1 and status.finished_names == ["Anna de Wit"]
    # Changing an answer after finishing is allowed while collection runs.
    assert phone.send({"q05": 5})[0] == 200
    assert stored(db, anna.id)["q05"] == (5, "phone")


def test_a_phone_sees_only_its_own_answers(db, server, workshop):
    anna, bram, _ = workshop[1]
    a, b = Phone(server), Phone(server, "127.0.0.2")
    a.join(participant_id=anna.id)
    b.join(participant_id=bram.id)
    a.send({"q01": 1})
    b.send({"q01": 5, "q02": 4})
    status, data, _ = a.call("GET", "api/me", headers={"X-Phone-Secret": a.secret})
    assert status == 200 and data["answers"] == {"q01": 1} and data["name"] == "Anna de Wit"
    status, data, _ = b.call("GET", "api/me", headers={"X-Phone-Secret": b.secret})
    assert data["answers"] == {"q01": 5, "q02": 4}
    status, data, _ = a.call("GET", "api/me")
    assert status == 401 and "answers" not in data
    status, data, _ = a.call("GET", "api/me", headers={"X-Phone-Secret": "x" * 32})
    assert status == 401
    # Answers typed in elsewhere (paper) are never shown to a phone that claims the name.
    from workshop.participants import set_answer

    carla = workshop[1][2]
    set_answer(db, carla.id, "q03", 2, "paper")
    c = Phone(server, "127.0.0.3")
    status, data, _ = c.join(participant_id=carla.id)
    assert status == 201 and data["answers"] == {}


def test_a_released_name_can_join_again_and_the_old_phone_is_shut_out(db, server, workshop):
    anna = workshop[1][0]
    old, new = Phone(server), Phone(server, "127.0.0.2")
    old.join(participant_id=anna.id)
    assert server.session.release(anna.id)
    assert old.send({"q01": 3})[0] == 401
    status, data, _ = new.join(participant_id=anna.id)
    assert status == 201 and data["answers"] == {}
    assert new.send({"q01": 4})[0] == 200
    assert stored(db, anna.id) == {"q01": (4, "phone")}


def test_anonymous_phones_become_participants_with_their_first_answer(db, start, workshop):
    server = start(anonymous=True)
    wid = workshop[0].id
    before = len(list_participants(db, wid))
    phone = Phone(server)
    phone.join(function="sales")
    assert len(list_participants(db, wid)) == before  # opening the page adds nobody
    phone.send({"q01": 3})
    phone.send({"q02": 4})
    people = list_participants(db, wid)
    assert len(people) == before + 1
    newest = people[-1]
    assert newest.name is None and newest.function == "sales" and newest.answers == {"q01": 3, "q02": 4}
    assert server.session.status().finished_names == []


def test_many_phones_at_once_lose_and_duplicate_nothing(db, start, workshop):
    server = start(anonymous=True)
    assert server.session.cap == 3  # as many as were prepared
    server.session.set_cap(12)
    wid = workshop[0].id
    errors: list[object] = []

    def run(n: int) -> None:
        try:
            phone = Phone(server, f"127.0.1.{n + 1}")
            assert phone.join(function="other")[0] == 201
            for q in QIDS:
                assert phone.send({q: 1 + n % 5})[0] == 200
            assert phone.send({}, finish=True)[0] == 200
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(12)]  # each from its own address
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    people = [p for p in list_participants(db, wid) if p.function == "other"]
    assert len(people) == 12 and all(len(p.answers) == 20 for p in people)
    assert sorted(next(iter(p.answers.values())) for p in people) == sorted(1 + n % 5 for n in range(12))
    assert server.session.status().finished == 12


# --- binding and stopping -----------------------------------------------------------------------------

def test_binds_only_to_the_chosen_address(server):
    assert server._listener.sockets[0].getsockname()[0] == "127.0.0.1"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.2", server.port), timeout=2).close()


def test_a_taken_port_moves_to_the_next_free_one(db, workshop):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    taken = blocker.getsockname()[1]
    try:
        server = PhoneServer(CollectSession(db, workshop[0].id, pin=PIN), "127.0.0.1", taken)
        try:
            assert server.port != taken and f":{server.port}/" in server.url
        finally:
            server.stop()
    finally:
        blocker.close()


def test_a_request_after_stop_is_refused(db, server, workshop):
    phone = Phone(server)
    phone.join(participant_id=workshop[1][0].id)
    keep_alive = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    keep_alive.request("GET", phone.base + "api/info")
    assert keep_alive.getresponse().read()
    server.stop()
    with pytest.raises(OSError):
        phone.raw("GET", phone.base)
    with pytest.raises((OSError, http.client.HTTPException)):
        keep_alive.request("POST", phone.base + "api/answers",
                           body=json.dumps({"pin": PIN, "secret": phone.secret, "answers": {"q01": 3}}))
        keep_alive.getresponse().read()
    assert stored(db, workshop[1][0].id) == {}
    # Even a request that slipped in is answered "closed" by the session itself.
    reply = server.session.handle("GET", phone.base + "api/info", {"host": f"127.0.0.1:{server.port}"}, None,
                                  "127.0.0.1")
    assert reply.status == 410 and reply.json()["error"] == "closed"


# --- the page itself -----------------------------------------------------------------------------------

def test_the_page_is_small_self_contained_and_bilingual():
    import re

    from workshop.paths import resources_dir

    folder = resources_dir() / "phone"
    files = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    assert set(files) == {"index.html", "app.css", "app.js"}
    assert sum(len(t.encode()) for t in files.values()) < 100_000
    for name, text in files.items():
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|@font-face|url\(", text, re.I), name
    assert "innerHTML" not in files["app.js"]  # server text is only ever shown with textContent
    js = files["app.js"]
    en = js[js.index("en: {"):js.index("nl: {")]
    nl = js[js.index("nl: {"):js.index("};", js.index("nl: {"))]

    def names(block: str) -> set[str]:
        return set(re.findall(r"\b([a-z_]+): \"", block))

    assert names(en) == names(nl) and len(names(en)) > 40
    used = set(re.findall(r"\bt\(\"([a-z_]+)\"[,)]", js)) | set(re.findall(r'data-t="([a-z_]+)"', files["index.html"]))
    assert used <= names(en), used - names(en)
