"""`workshop collect`: prints the address and PIN, serves phones, stops on Ctrl+C; the app's machine mode."""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from workshop.cli.collect import DEFAULT_PORT, UPDATE_SECONDS
from workshop.collect.protocol import DEFAULT_PORT as SERVER_DEFAULT_PORT
from workshop.participants import add_participant, list_participants
from workshop.storage.db import open_database
from workshop.workshops import create_workshop


def setup(db_path: Path) -> tuple[int, int]:
    db = open_database(db_path)
    w = create_workshop(db, "Acme", "Kick-off", "2025-05-01", language="en")
    anna, _ = add_participant(db, w.id, "Anna de Wit", "sales")
    db.close()
    return w.id, anna.id


def post(url: str, path: str, data: dict) -> tuple[int, dict]:
    host, port = url.split("/")[2].rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        conn.request("POST", "/" + url.split("/")[3] + "/" + path, body=json.dumps(data),
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def start(db_path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "workshop", "--db", str(db_path), "collect", *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_the_default_port_is_the_same_everywhere():
    assert DEFAULT_PORT == SERVER_DEFAULT_PORT == 8765 and UPDATE_SECONDS <= 0.5


def test_prints_address_and_pin_serves_and_stops_on_ctrl_c(db_path: Path):
    wid, anna = setup(db_path)
    proc = start(db_path, str(wid), "--host", "127.0.0.1", "--port", "0")
    try:
        lines = [proc.stdout.readline() for _ in range(4)]
        url = lines[1].split()[-1]
        pin = lines[2].split()[-1]
        assert lines[0].startswith(f"Collecting answers for workshop {wid} (Kick-off), named")
        assert url.startswith("http://127.0.0.1:") and len(pin) == 6 and pin.isdigit()
        status, joined = post(url, "api/join", {"pin": pin, "participant_id": anna})
        assert status == 201
        answers = {f"q{i:02d}": 3 for i in range(1, 21)}
        status, _ = post(url, "api/answers", {"pin": pin, "secret": joined["secret"], "answers": answers,
                                              "finish": True})
        assert status == 200
        assert proc.stdout.readline().strip() == "1 finished (1 joined): Anna de Wit"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert proc.returncode == 0 and "Stopped. 1 finished, 1 joined." in out and "Traceback" not in err
    with pytest.raises(OSError):
        post(url, "api/info", {})
    db = open_database(db_path)
    assert list_participants(db, wid)[0].answers == answers
    db.close()


def test_machine_mode_speaks_json_lines_and_stops_when_stdin_closes(db_path: Path):
    wid, anna = setup(db_path)
    proc = start(db_path, str(wid), "--host", "127.0.0.1", "--port", "0", "--machine", "--anonymous")
    try:
        ready = json.loads(proc.stdout.readline())
        assert ready["event"] == "ready" and ready["anonymous"] is True and ready["title"] == "Kick-off"
        status, joined = post(ready["url"], "api/join", {"pin": ready["pin"], "function": "sales"})
        assert status == 201
        update = json.loads(proc.stdout.readline())
        phones = [row[:6] for row in update["status"]["phones"]]
        assert update["event"] == "update" and phones == [[None, None, "sales", 0, False, 1]]
        post(ready["url"], "api/answers", {"pin": ready["pin"], "secret": joined["secret"], "answers": {"q01": 4}})
        update = json.loads(proc.stdout.readline())
        assert update["changes"] == {"participants": True, "answers": True}
        proc.stdin.write("release 1\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline()) == {"event": "released", "participant_id": 1, "ok": False}
        proc.stdin.close()  # the app went away
        stopped = json.loads(proc.stdout.readline())
        assert stopped["event"] == "stopped" and stopped["status"]["open"] is False
        assert proc.wait(timeout=10) == 0
    finally:
        proc.kill()
    with pytest.raises(OSError):
        post(ready["url"], "api/info", {})


@pytest.mark.parametrize("args, message", [(["99"], "no workshop with id 99"),
                                           (["1", "--host", "203.0.113.7"], "Cannot open a port")])
def test_machine_mode_reports_start_errors(db_path: Path, args: list[str], message: str):
    setup(db_path)
    proc = start(db_path, *args, "--machine")
    out, err = proc.communicate(timeout=30)
    event = json.loads(out.splitlines()[0])
    assert event["event"] == "error" and message in event["message"]
    assert proc.returncode in (1, 2) and message in err and "Traceback" not in err


def test_every_acknowledged_answer_survives_a_kill(db_path: Path):
    """Answers of many phones share commits; the server killed mid-stream loses none it acknowledged."""
    from sqlalchemy import select

    from workshop.collect.store import hash_secret
    from workshop.storage.phone_models import PhoneDevice

    db = open_database(db_path)
    wid = create_workshop(db, "Acme", "Kick-off", "2025-05-01", language="en").id  # nobody named: cap 60
    db.close()
    proc = start(db_path, str(wid), "--host", "127.0.0.1", "--port", "0", "--machine", "--anonymous")
    acknowledged: dict[str, dict[str, int]] = {}
    enough = threading.Event()

    def phone(n: int, url: str, pin: str) -> None:
        host, port = url.split("/")[2].rsplit(":", 1)
        conn = http.client.HTTPConnection(host, int(port), timeout=10, source_address=(f"127.0.31.{n + 1}", 0))
        base = "/" + url.split("/")[3] + "/"

        def send(path: str, data: dict) -> tuple[int, dict]:
            conn.request("POST", base + path, body=json.dumps(data), headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            return response.status, json.loads(response.read())

        try:
            secret = send("api/join", {"pin": pin, "function": "sales"})[1]["secret"]
            acknowledged[secret] = {}
            for round_ in range(200):
                qid, score = f"q{round_ % 20 + 1:02d}", (n + round_) % 5 + 1
                if send("api/answers", {"secret": secret, "answers": {qid: score}})[0] == 200:
                    acknowledged[secret][qid] = score
                if sum(map(len, acknowledged.values())) >= 60:
                    enough.set()
        except (OSError, http.client.HTTPException):
            pass  # the server was killed
        finally:
            conn.close()

    try:
        ready = json.loads(proc.stdout.readline())
        phones = [threading.Thread(target=phone, args=(n, ready["url"], ready["pin"])) for n in range(8)]
        for t in phones:
            t.start()
        assert enough.wait(60)
        proc.kill()  # SIGKILL: nothing is flushed or closed on the way out
        proc.wait(timeout=10)
        for t in phones:
            t.join(timeout=30)
    finally:
        proc.kill()
    db = open_database(db_path)
    with db.session() as session:
        owners = dict(session.execute(select(PhoneDevice.secret_hash, PhoneDevice.participant_id)).all())
    people = {p.id: p.answers for p in list_participants(db, wid)}
    db.close()
    for secret, answers in acknowledged.items():
        if answers:
            stored = people[owners[hash_secret(secret)]]
            assert {q: stored.get(q) for q in answers} == answers


def test_a_submit_writes_only_answers_that_changed(db_path: Path):
    wid, _ = setup(db_path)
    proc = start(db_path, str(wid), "--host", "127.0.0.1", "--port", "0", "--machine", "--anonymous")
    answers = {f"q{i:02d}": 1 + i % 5 for i in range(1, 21)}
    try:
        ready = json.loads(proc.stdout.readline())
        _, joined = post(ready["url"], "api/join", {"pin": ready["pin"], "function": "sales"})
        json.loads(proc.stdout.readline())
        assert post(ready["url"], "api/answers", {"secret": joined["secret"], "answers": answers})[0] == 200
        assert json.loads(proc.stdout.readline())["changes"]["answers"] is True
        db = open_database(db_path)
        stamps = _answered_at(db)
        # The phone's submit repeats all twenty answers, one of them changed.
        status, reply = post(ready["url"], "api/answers", {"secret": joined["secret"], "finish": True,
                                                            "answers": {**answers, "q07": 5}})
        assert status == 200 and reply["finished"] is True and reply["answers"] == {**answers, "q07": 5}
        update = json.loads(proc.stdout.readline())
        assert update["changes"]["answers"] is True and update["status"]["phones"][0][4] is True
        # The same submit again changes nothing, but still counts as finished.
        status, reply = post(ready["url"], "api/answers", {"secret": joined["secret"], "finish": True,
                                                            "answers": {**answers, "q07": 5}})
        assert status == 200 and reply["finished"] is True
        proc.stdin.close()
        events = [json.loads(line) for line in proc.stdout]
        assert events[-1]["event"] == "stopped" and proc.wait(timeout=10) == 0
    finally:
        proc.kill()
    assert all(not e["changes"]["answers"] for e in events if e["event"] == "update")
    after = _answered_at(db)
    assert list_participants(db, wid)[-1].answers == {**answers, "q07": 5}
    assert {q for q in after if after[q] != stamps[q]} == {"q07"}  # the other nineteen were not written again
    db.close()


def _answered_at(db) -> dict[str, object]:
    from sqlalchemy import select

    from workshop.storage.models import Answer

    with db.session() as session:
        return dict(session.execute(select(Answer.statement_id, Answer.answered_at)
                                    .where(Answer.source == "phone")).all())
