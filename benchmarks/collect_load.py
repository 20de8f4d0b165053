"""Load on the phone server: many phones at once on loopback, while the app's event loop keeps ticking.

    python benchmarks/collect_load.py [--phones 200] [--flat-out] [--think-ms 1500] [--ramp-s 10] [--named]
                                      [--no-dashboard]

The last line is always
``phones=N lost=L duplicated=D p50_ms=… p99_ms=… max_stall_ms=… rps=…``, where the stall is
the longer of the app's event loop and the server's own loop.

The app side runs here: the Qt bridge (``ui/collect/server.py``) with a timer probe that
measures the longest stall of the event loop, and, unless ``--no-dashboard``, a view that
follows the answers as the reveal dashboard does (the same refresh policy and shared
results, scored off the GUI thread at the end of each burst; its charts left out). The
phones run in a separate process (one event loop, with a minimal HTTP/1.1 client so
that they take little CPU from the server: in a room they are devices of their own),
each loading the page, its script and the statements, joining, sending 20 answers one
by one and then submitting. Afterwards the database is checked: every phone's 20
answers present exactly once, no extra participants. The floor is one phone alone on
the idle server, measured in the same run.

Target on a 2-core laptop: p99 under 100 ms, 0 lost, 0 duplicated, no stall over 50 ms.
Every phone has its own source address (127.0.x.y), as in a room, since the server
limits what one address may do.

By default the phones behave like people in a room: they open the page within ten
seconds of the QR code going up and take about 1.5 s per statement. ``--flat-out``
(``--think-ms 0 --ramp-s 0``) is the "go" moment as a stress test instead: every phone
at the same instant, no pauses.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

QIDS = [f"q{i:02d}" for i in range(1, 21)]
# One process for all the phones: it needs about a third of a core at the "go" moment, so it
# never holds them back, while a second one only takes a core from the server (there are two).
CLIENT_PROCESSES = 1


def vector(phone: int) -> list[int]:
    """A score vector unique to each phone (the first four answers spell its number in base 5)."""
    digits = [(phone // 5**k) % 5 + 1 for k in range(4)]
    return digits + [1 + (phone + i) % 5 for i in range(16)]


# --- the phones (a separate process) ---------------------------------------------------------------

def source_address(phone: int) -> str:
    """Each phone its own loopback address, as each phone in a room has its own."""
    return f"127.{10 + phone // 250 // 250}.{phone // 250 % 250 + 1}.{phone % 250 + 1}"


class _Link(asyncio.Protocol):
    """One phone's keep-alive connection, as light as a client can be: the phones are other devices
    in a room, so here they should take as little of this machine's CPU from the server as possible."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future | None = None
        self.open = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.open = True

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return
        lines = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        size = end + 4 + int(headers.get("content-length", "0"))
        if len(self.buffer) < size:
            return
        done = time.perf_counter()  # the last byte is here: the phone has its answer
        body = bytes(self.buffer[end + 4:size])
        del self.buffer[:size]
        if headers.get("connection", "").lower() == "close":
            self.open = False
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result((int(lines[0].split(" ", 2)[1]), headers, body, done))

    def connection_lost(self, exc: Exception | None) -> None:
        self.open = False
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(exc or ConnectionError("the server closed the connection"))


async def run_phone(host: str, port: int, base: str, pin: str, phone: int, named_id: int | None, think: float,
                    timings: list[tuple[str, float]], errors: list[str], address: str | None = None) -> None:
    loop = asyncio.get_running_loop()
    link = _Link()
    local = (address or source_address(phone), 0)

    async def request(kind: str, method: str, path: str, data: object = None) -> dict:
        nonlocal link
        body = b"" if data is None else json.dumps(data).encode()
        head = f"{method} {base}{path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: identity\r\n"
        if data is not None:
            head += f"Content-Length: {len(body)}\r\nContent-Type: application/json\r\n"
        started = time.perf_counter()
        if not link.open:  # as http.client does: a new connection when the server closed the last one
            link = _Link()
            await loop.create_connection(lambda: link, host, port, local_addr=local)
        assert link.transport is not None
        link.waiter = loop.create_future()
        link.transport.write(head.encode() + b"\r\n" + body)
        status, headers, payload, done = await asyncio.wait_for(link.waiter, 30)
        timings.append((kind, done - started))
        if status >= 300:
            errors.append(f"phone {phone}: {kind} {status} {payload[:120]!r}")
            raise RuntimeError(kind)
        return json.loads(payload) if headers.get("content-type") == "application/json" else {}

    try:
        await request("page", "GET", "")
        await request("asset", "GET", "app.js")
        await request("asset", "GET", "app.css")
        await request("info", "GET", "api/info")
        who = {"participant_id": named_id} if named_id is not None else {"function": "sales"}
        secret = (await request("join", "POST", "api/join", {"pin": pin, **who}))["secret"]
        scores = vector(phone)
        for qid, score in zip(QIDS, scores, strict=True):
            if think:
                await asyncio.sleep(random.uniform(0.5, 1.5) * think)
            await request("answer", "POST", "api/answers", {"secret": secret, "answers": {qid: score}})
        await request("submit", "POST", "api/answers",
                      {"secret": secret, "answers": dict(zip(QIDS, scores, strict=True)), "finish": True})
    except Exception as exc:  # noqa: BLE001 - counted and reported
        if not errors or not errors[-1].startswith(f"phone {phone}:"):
            errors.append(f"phone {phone}: {type(exc).__name__}: {exc}")
    finally:
        if link.transport is not None:
            link.transport.close()


def client_main(args: argparse.Namespace) -> None:
    spec = json.loads(args.client)
    timings: list[tuple[str, float]] = []
    errors: list[str] = []
    start_at = spec["start_at"]

    async def later(offset: float, phone: int, named_id: int | None) -> None:
        await asyncio.sleep(offset)
        await run_phone(spec["host"], spec["port"], spec["base"], spec["pin"], phone, named_id, spec["think"],
                        timings, errors)

    async def room() -> None:
        phones = list(zip(spec["phones"], spec["named_ids"], strict=True))
        offsets = sorted(random.uniform(0, spec["ramp"]) for _ in phones)
        while time.time() < start_at:
            await asyncio.sleep(min(0.005, max(0.0, start_at - time.time())))
        await asyncio.gather(*(later(offset, phone, named_id)
                               for offset, (phone, named_id) in zip(offsets, phones, strict=True)))

    asyncio.run(room())
    json.dump({"timings": timings, "errors": errors}, sys.stdout)


# --- slow attackers (a separate process; see benchmarks/collect_hostile.py) ----------------------------

def attacker_main(spec: dict) -> None:
    """Hold ``count`` slow connections from as many addresses until stdin closes; reconnect when cut off."""
    held = {"now": 0, "max": 0, "opened": 0, "cut": 0}

    async def one(n: int, stop: asyncio.Event) -> None:
        address = f"127.20.{n // 250 + 1}.{n % 250 + 1}"
        while not stop.is_set():
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", spec["port"], local_addr=(address, 0))
            except OSError:
                await asyncio.sleep(0.5)
                continue
            held["opened"] += 1
            held["now"] += 1
            held["max"] = max(held["max"], held["now"])
            try:
                writer.write(f"GET {spec['base']}api/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".encode())
                while not stop.is_set():
                    await asyncio.sleep(2.0)  # a byte now and then, never the end of the headers
                    writer.write(b"a")
                    await writer.drain()
                    if reader.at_eof():
                        break
            except OSError:
                pass
            finally:
                held["now"] -= 1
                held["cut"] += 1
                writer.close()

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not sys.stdin.readline() else None)
        tasks = [asyncio.create_task(one(n, stop)) for n in range(spec["count"])]
        await stop.wait()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    asyncio.run(run())
    json.dump(held, sys.stdout)


# --- the app side ----------------------------------------------------------------------------------

def address_of(url: str) -> tuple[int, str]:
    """(port, "/token/") of a join address."""
    _, _, host_port, token, _ = url.split("/", 4)
    return int(host_port.rsplit(":", 1)[1]), f"/{token}/"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--think-ms", type=float, default=1500.0,
                        help="mean pause between answers (default 1500; 0: flat out)")
    parser.add_argument("--ramp-s", type=float, default=10.0,
                        help="phones start spread over this many seconds (0: all at the same instant)")
    parser.add_argument("--flat-out", action="store_true", help="every phone at the same instant, no pauses "
                        "(the same as --think-ms 0 --ramp-s 0)")
    parser.add_argument("--named", action="store_true", help="named mode (default: anonymous)")
    parser.add_argument("--no-dashboard", action="store_true", help="no results recomputation on changes")
    parser.add_argument("--attackers", type=int, default=0,
                        help="slow connections (a partial request, a byte every 2 s) held open meanwhile, "
                        "each from its own address")
    parser.add_argument("--client", help=argparse.SUPPRESS)
    parser.add_argument("--attacker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.client:
        client_main(args)
        return 0
    if args.attacker:
        attacker_main(json.loads(args.attacker))
        return 0
    if args.flat_out:
        args.think_ms = args.ramp_s = 0.0

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.collect.server import CollectServer
    from ui.context import AppContext
    from workshop.participants import add_participant, list_participants
    from workshop.storage.lock import open_for_writing
    from workshop.workshops import create_workshop

    app = QApplication(sys.argv)
    folder = tempfile.mkdtemp(prefix="collect-load-")
    # Like the app: this process is the database's writer, so its phone servers (children) may write.
    db = open_for_writing(Path(folder) / "load.db", "the load benchmark", hold=True)[0]
    ctx = AppContext(db)
    w = create_workshop(db, "Load test", "200 phones", "2025-05-01", language="en")
    named_ids: list[int | None] = [None] * args.phones
    if args.named:
        named_ids = [add_participant(db, w.id, f"Phone {n:03d}", "sales")[0].id for n in range(args.phones)]

    server = CollectServer(ctx, w.id, "127.0.0.1", 0, anonymous=not args.named)
    server.set_cap(args.phones)
    port, base = address_of(server.url)
    recomputes: list[float] = []  # how long each of the view's refreshes held the GUI thread
    view = None
    if not args.no_dashboard:
        from ui.live_results import live_results
        from ui.steps.base import StepPage

        class Dashboard(StepPage):
            follows = ("answers", "participants")
            shows_results = True

            def refresh(self) -> None:
                started = time.perf_counter()
                live_results(self.ctx).get(self.workshop_id, self.workshop)
                recomputes.append(time.perf_counter() - started)

        view = Dashboard(ctx, w.id)
        view.show()

    # Floor: one phone alone on the idle server (its own workshop, so the check below stays exact).
    floor_w = create_workshop(db, "Load test", "floor", "2025-05-01", language="en")
    floor_server = CollectServer(ctx, floor_w.id, "127.0.0.1", 0, anonymous=True)
    floor_timings: list[tuple[str, float]] = []
    floor_errors: list[str] = []
    floor_port, floor_base = address_of(floor_server.url)
    for n in range(3):
        asyncio.run(run_phone("127.0.0.1", floor_port, floor_base, floor_server.pin, n, None, 0.0, floor_timings,
                              floor_errors, f"127.9.0.{n + 1}"))
    floor_server.stop()
    floor = statistics.median(t for _, t in floor_timings)

    # The probe: a 5 ms timer; a stall is how much later than due a tick arrives.
    probe = QTimer(interval=5)
    clock = QElapsedTimer()
    last = {"t": 0, "max": 0.0}

    def tick() -> None:
        now = clock.elapsed()
        if last["t"]:
            last["max"] = max(last["max"], (now - last["t"] - probe.interval()) / 1000)
        last["t"] = now

    probe.timeout.connect(tick)

    attacker = None
    if args.attackers:
        attacker = subprocess.Popen([sys.executable, __file__, "--attacker",
                                     json.dumps({"port": port, "base": base, "count": args.attackers})],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        time.sleep(3.0)  # let them all connect before the phones come

    per_client = [list(range(args.phones))[i::CLIENT_PROCESSES] for i in range(CLIENT_PROCESSES)]
    start_at = time.time() + 1.0
    procs = []
    for phones in per_client:
        spec = {"host": "127.0.0.1", "port": port, "base": base, "pin": server.pin, "phones": phones,
                "named_ids": [named_ids[p] for p in phones], "think": args.think_ms / 1000, "start_at": start_at,
                "ramp": args.ramp_s}
        procs.append(subprocess.Popen([sys.executable, __file__, "--client", json.dumps(spec)],
                                      stdout=subprocess.PIPE, text=True))

    outputs: list[str] = []

    def collect_output() -> None:
        for proc in procs:
            outputs.append(proc.communicate()[0])

    reader = threading.Thread(target=collect_output)
    reader.start()
    wall = time.perf_counter()
    clock.start()
    probe.start()
    done = QTimer(interval=20)
    done.timeout.connect(lambda: None if reader.is_alive() else app.quit())
    done.start()
    app.exec()
    probe.stop()
    wall = time.perf_counter() - wall - max(0.0, start_at - time.time())
    stall_during = last["max"]
    app.processEvents()
    attacks = {}
    if attacker is not None:
        attacks = json.loads(attacker.communicate("", timeout=30)[0] or "{}")
    server.stop()
    status = server.status()  # the final one, sent as the server stopped

    timings: list[tuple[str, float]] = []
    errors: list[str] = []
    for out in outputs:
        data = json.loads(out)
        timings += [tuple(t) for t in data["timings"]]
        errors += data["errors"]
    latencies = [t for _, t in timings]

    # The database: each phone's 20 answers exactly once, nobody extra.
    people = [p for p in list_participants(db, w.id)]
    expected = sorted(tuple(vector(n)) for n in range(args.phones))
    found = sorted(tuple(p.answers.get(q, 0) for q in QIDS) for p in people if p.answers)
    with db.session() as session:
        from sqlalchemy import func, select

        from workshop.storage.models import Answer, Participant
        rows = session.scalar(select(func.count(Answer.id)).join(Participant).where(Participant.workshop_id == w.id))
    expected_set = {tuple(vector(n)) for n in range(args.phones)}
    complete = sum(1 for v in found if v in expected_set)
    lost = sum(20 for _ in range(args.phones)) - sum(
        sum(1 for q, s in zip(QIDS, v, strict=True) if s) for v in found if v in expected_set)
    duplicated = max(0, len(found) - args.phones) * 20 + max(0, rows - 20 * args.phones) * (len(found) <= args.phones)
    submitted = sum(1 for p in status.phones if p.finished)

    print(f"phones: {args.phones} ({'named' if args.named else 'anonymous'}), started over {args.ramp_s:g} s, "
          f"think time {args.think_ms:.0f} ms, "
          f"dashboard {'off' if args.no_dashboard else 'on'}; {CLIENT_PROCESSES} client process(es)")
    print(f"requests: {len(latencies)} in {wall:.2f} s ({len(latencies) / wall:.0f}/s), errors: {len(errors)}")
    for e in errors[:5]:
        print("  ", e)
    print(f"latency: p50 {percentile(latencies, 50) * 1000:.1f} ms, p99 {percentile(latencies, 99) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms")
    kinds = sorted({k for k, _ in timings})
    for kind in kinds:
        values = [t for k, t in timings if k == kind]
        print(f"   {kind:<7} n={len(values):<5} p50 {percentile(values, 50) * 1000:6.1f} ms"
              f"   p99 {percentile(values, 99) * 1000:6.1f} ms")
    print(f"floor (one phone, idle server): median request {floor * 1000:.2f} ms; p99/floor = "
          f"{percentile(latencies, 99) / floor:.0f}x")
    server_stall = (server.server_stall_ms or 0.0) / 1000
    print(f"longest event-loop stall: app {stall_during * 1000:.1f} ms, server {server_stall * 1000:.1f} ms"
          + (f"; dashboard refreshed {len(recomputes)} times (results scored off the GUI thread "
             f"{live_results(ctx).background_runs} times), longest on the GUI thread {max(recomputes) * 1000:.1f} ms"
             if recomputes else ""))
    print(f"database: {len(found)} participants with answers, {rows} answer rows, {complete} phones' answers "
          f"exactly as sent, {submitted} submitted; lost {lost}, duplicated {duplicated}")
    ok = (not errors and lost == 0 and duplicated == 0 and found == expected and rows == 20 * args.phones)
    stall = max(stall_during, server_stall)
    target = percentile(latencies, 99) < 0.1 and stall < 0.05
    print(f"result: {'OK' if ok else 'FAILED'}; "
          f"target p99 < 100 ms and stall < 50 ms: {'met' if target else 'NOT met'}")
    if attacks:
        print(f"attackers: {args.attackers} slow connections, at most {attacks.get('max')} held at once, "
              f"{attacks.get('opened')} opened, {attacks.get('cut')} cut off by the server")
        target = percentile(latencies, 99) < 0.2
        print(f"target with attackers: real phones' p99 < 200 ms: {'met' if target else 'NOT met'}")
    print(f"phones={args.phones} lost={lost} duplicated={duplicated} p50_ms={percentile(latencies, 50) * 1000:.1f} "
          f"p99_ms={percentile(latencies, 99) * 1000:.1f} max_stall_ms={stall * 1000:.1f} "
          f"rps={len(latencies) / wall:.0f}" + (f" attackers={args.attackers}" if args.attackers else ""))
    db.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
