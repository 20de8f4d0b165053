"""``workshop collect ID``: the phone server as its own process.

People run it on a second laptop or for testing: it prints the address and the PIN and
stops on Ctrl+C. The app runs the very same command in a child process (``--machine``):
then it speaks the JSON lines of ``workshop/collect/protocol.py`` (events on stdout,
commands on stdin) and stops by itself when stdin closes (the app quit or died). A
separate process keeps the phones' traffic from ever competing with the app's window
for Python's interpreter lock.
"""

from __future__ import annotations

import argparse
import gc
import sys
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from workshop.collect import DEFAULT_PORT, UPDATE_SECONDS

GC_YOUNG = 10_000  # allocations between collections of young objects (Python's default: 700)

if TYPE_CHECKING:  # imported when serving, not for every command line (start-up speed)
    from workshop.changes import Changes
    from workshop.collect.http_server import PhoneServer
    from workshop.collect.session import CollectSession


def _human_status(session: CollectSession, out: TextIO) -> Callable[[], None]:
    """Print a line whenever another phone finishes."""
    lock = threading.Lock()
    seen = {"finished": 0}

    def on_status() -> None:
        status = session.status()
        with lock:
            if status.finished != seen["finished"]:
                seen["finished"] = status.finished
                names = ", ".join(status.finished_names)
                print(f"{status.finished} finished ({status.joined} joined)" + (f": {names}" if names else ""),
                      file=out, flush=True)

    return on_status


def _human_problem(out: TextIO) -> Callable[[str | None], None]:
    def on_problem(problem: str | None) -> None:
        if problem:
            print(f"Answers cannot be stored: {problem}. Phones keep them and retry.", file=out, flush=True)
        else:
            print("Answers are being stored again.", file=out, flush=True)

    return on_problem


class _Machine:
    """The JSON-lines side: gathers changes and status, writes them at a steady pace."""

    def __init__(self, session: CollectSession, out: TextIO) -> None:
        self.session = session
        self.out = out
        self.lock = threading.Lock()
        self.participants = self.answers = self.status = False
        self.wake = threading.Event()
        self.done = threading.Event()
        session.on_change = self.on_change
        session.on_status = self.on_status
        session.on_problem = lambda problem: self.emit("problem", message=problem)

    def emit(self, event: str, **data: object) -> None:
        from workshop.collect.protocol import encode_event

        line = encode_event(event, **data)
        with self.lock:
            self.out.write(line + "\n")
            self.out.flush()

    def on_change(self, changes: Changes) -> None:
        self.participants |= changes.participants
        self.answers |= changes.answers
        self.wake.set()

    def on_status(self) -> None:
        self.status = True
        self.wake.set()

    def pump(self) -> None:
        """Send an update when something happened, at most every UPDATE_SECONDS."""
        while not self.done.is_set():
            self.wake.wait()
            self.wake.clear()
            self.flush()
            self.done.wait(UPDATE_SECONDS)

    def flush(self) -> None:
        participants, answers, status = self.participants, self.answers, self.status
        self.participants = self.answers = self.status = False
        if participants or answers or status:
            self.emit("update", changes={"participants": participants, "answers": answers},
                      status=self.session.status())

    def command(self, kind: str, number: int | None) -> None:
        session = self.session
        if kind == "renew_pin":
            self.emit("pin", pin=session.renew_pin())
            return
        if number is None:  # every other command carries its number (decode_command sees to that)
            return
        if kind == "release":
            self.emit("released", participant_id=number, ok=session.release(number))
        elif kind == "remove":
            changes = session.remove(number)
            self.emit("removed", device_id=number, ok=changes is not None)
            if changes is not None:
                self.on_change(changes)
        elif kind == "restore":
            restored = session.restore(number)
            self.emit("restored", device_id=number, ok=restored is not None,
                      new_id=restored[1] if restored else None)
            if restored is not None:
                self.on_change(restored[0])
        elif kind == "cap":
            session.set_cap(number)

    def serve(self, server: PhoneServer, commands: Iterable[str]) -> None:
        from workshop.collect.protocol import decode_command
        from workshop.errors import WorkshopError

        pump = threading.Thread(target=self.pump, name="phone-updates", daemon=True)
        pump.start()
        self.emit("ready", url=server.url, urls=server.urls, address=server.address, pin=self.session.pin,
                  anonymous=self.session.anonymous, title=self.session.title,
                  cap=self.session.cap if self.session.anonymous else None)
        for line in commands:  # ends when the app closes our stdin
            command = decode_command(line)
            if command is None:
                continue
            if command.kind == "stop":
                break
            try:
                self.command(command.kind, command.number)
            except WorkshopError as exc:
                self.emit("problem", message=exc.message)
            except Exception as exc:  # noqa: BLE001 - the server keeps serving; the window hears why
                from workshop.logs import log_unexpected

                log_unexpected(exc, f"while doing {command.kind} for the window")
                self.emit("problem", message=str(exc))
        server.stop()
        self.done.set()
        self.wake.set()
        pump.join(timeout=2)
        self.flush()
        self.emit("stopped", status=self.session.status(), max_stall_ms=round(server.max_stall * 1000, 1))


def _quiet_collector() -> None:
    """Keep the garbage collector from stopping the server for long at the "go" moment.

    Everything loaded so far (SQLAlchemy, the models, aiohttp) lives as long as the process:
    frozen, a full collection no longer walks through it, which took the event loop away for
    up to 200 ms under load. Requests leave little cyclic garbage, so collecting young objects
    less often costs little memory and saves the loop many short pauses."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])


def cmd_collect(args: argparse.Namespace) -> int:
    from workshop.collect.http_server import PhoneServer, guess_lan_address
    from workshop.collect.protocol import encode_event
    from workshop.collect.session import CollectSession
    from workshop.errors import WorkshopError
    from workshop.storage.lock import open_for_writing

    try:
        # The app that starts a --machine child holds the writer lock itself; anyone else is refused.
        db = open_for_writing(args.db, "the command `workshop collect`", parent_may_hold=args.machine)[0]
        session = CollectSession(db, args.id, anonymous=args.anonymous)
        host = args.host or guess_lan_address()
        _quiet_collector()  # before the server's loop runs: the one full collection stops no phone
        server = PhoneServer(session, host, args.port)
    except WorkshopError as exc:
        if args.machine:
            print(encode_event("error", message=str(exc)), flush=True)
        raise
    # This process only serves phones: hand the interpreter lock round more often, so the event loop
    # never waits long behind a thread that is answering or storing.
    sys.setswitchinterval(0.001)
    if args.machine:
        _Machine(session, sys.stdout).serve(server, sys.stdin)
        return 0
    session.on_status = _human_status(session, sys.stdout)
    session.on_problem = _human_problem(sys.stdout)
    mode = "anonymous (participants pick their function)" if args.anonymous else "named (participants pick their name)"
    print(f"Collecting answers for workshop {args.id} ({session.title}), {mode}.")
    print(f"Address: {server.url}")
    for other in server.urls[1:]:
        print(f"     or: {other}")
    print(f"PIN:     {session.pin}")
    print("Press Ctrl+C to stop.", flush=True)
    stop = threading.Event()
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    status = session.status()
    print(f"Stopped. {status.finished} finished, {status.joined} joined.")
    return 0


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (0–65535)")
    return number


def register(sub: argparse._SubParsersAction) -> None:
    from workshop.cli.core import _workshop_id

    help_ = "collect answers on phones over the local network until Ctrl+C"
    p = sub.add_parser("collect", help=help_, description=help_ + ". Prints the address and the PIN.")
    p.set_defaults(handler=cmd_collect)
    p.add_argument("id", type=_workshop_id, metavar="ID")
    p.add_argument("--host", metavar="ADDR", help="the address to listen on (default: this computer's address "
                   "on the local network; 127.0.0.1 for this computer only; 0.0.0.0 or :: for all, which "
                   "announces this computer's real addresses; IPv6 addresses such as ::1 work too)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, metavar="N",
                   help=f"the port (default {DEFAULT_PORT}; the next free one if taken; 0 for any)")
    p.add_argument("--anonymous", action="store_true", help="participants pick only their function, not their name")
    p.add_argument("--machine", action="store_true", help=argparse.SUPPRESS)
