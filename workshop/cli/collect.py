"""``workshop collect ID``: the phone server as its own process.

People run it on a second laptop or for testing: it prints the address and the PIN and
stops on Ctrl+C. The app runs the very same command in a child process (``--machine``):
then it speaks JSON lines on stdout and takes ``release ID`` and ``stop`` on stdin, and
stops by itself when stdin closes (the app quit or died). A separate process keeps the
phones' traffic from ever competing with the app's window for Python's interpreter lock.

Machine events (one JSON object a line):
``{"event": "ready", "url", "address", "pin", "anonymous", "title"}``;
``{"event": "update", "changes": {"participants", "answers"}, "status": {...}}`` at most
``UPDATE_SECONDS`` apart while something happens; ``{"event": "released", ...}``;
``{"event": "stopped"}``; ``{"event": "error", "message"}`` (then exit code 1 or 2).
"""

from __future__ import annotations

import argparse
import json
import sys
import threading

DEFAULT_PORT = 8765  # workshop.collect.http_server.DEFAULT_PORT, not imported here: start-up stays fast
UPDATE_SECONDS = 0.25  # the app redraws its dashboard at most this often while phones answer


def _human_status(session, out) -> object:  # noqa: ANN001 - CollectSession, a text stream
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


def status_json(status) -> dict:  # noqa: ANN001 - workshop.collect.session.CollectStatus
    return {
        "open": status.open,
        "anonymous": status.anonymous,
        "phones": [[p.participant_id, p.name, p.function, p.answered, p.finished] for p in status.phones],
    }


class _Machine:
    """The JSON-lines side: gathers changes and status, writes them at a steady pace."""

    def __init__(self, session, out) -> None:  # noqa: ANN001
        self.session = session
        self.out = out
        self.lock = threading.Lock()
        self.participants = self.answers = self.status = False
        self.wake = threading.Event()
        self.done = threading.Event()
        session.on_change = self.on_change
        session.on_status = self.on_status

    def emit(self, event: str, **data: object) -> None:
        line = json.dumps({"event": event, **data}, ensure_ascii=False)
        with self.lock:
            self.out.write(line + "\n")
            self.out.flush()

    def on_change(self, changes) -> None:  # noqa: ANN001 - workshop.changes.Changes
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
                      status=status_json(self.session.status()))

    def serve(self, server, commands) -> None:  # noqa: ANN001 - PhoneServer, a text stream
        pump = threading.Thread(target=self.pump, name="phone-updates", daemon=True)
        pump.start()
        self.emit("ready", url=server.url, address=server.address, pin=self.session.pin,
                  anonymous=self.session.anonymous, title=self.session.title)
        for line in commands:  # ends when the app closes our stdin
            words = line.split()
            if words[:1] == ["stop"]:
                break
            if words[:1] == ["release"] and len(words) == 2 and words[1].isdigit():
                ok = self.session.release(int(words[1]))
                self.emit("released", participant_id=int(words[1]), ok=ok)
        server.stop()
        self.done.set()
        self.wake.set()
        pump.join(timeout=2)
        self.flush()
        self.emit("stopped", status=status_json(self.session.status()))


def cmd_collect(args: argparse.Namespace) -> int:
    from workshop.collect.http_server import PhoneServer, guess_lan_address
    from workshop.collect.session import CollectSession
    from workshop.errors import WorkshopError
    from workshop.storage.lock import open_for_writing

    try:
        # The app that starts a --machine child holds the writer lock itself; anyone else is refused.
        db = open_for_writing(args.db, "the command `workshop collect`", parent_may_hold=args.machine)[0]
        session = CollectSession(db, args.id, anonymous=args.anonymous)
        host = args.host or guess_lan_address()
        server = PhoneServer(session, host, args.port)
    except WorkshopError as exc:
        if args.machine:
            print(json.dumps({"event": "error", "message": str(exc)}), flush=True)
        raise
    if args.machine:
        _Machine(session, sys.stdout).serve(server, sys.stdin)
        return 0
    session.on_status = _human_status(session, sys.stdout)
    mode = "anonymous (participants pick their function)" if args.anonymous else "named (participants pick their name)"
    print(f"Collecting answers for workshop {args.id} ({session.title}), {mode}.")
    print(f"Address: {server.url}")
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
                   "on the local network; 127.0.0.1 for this computer only)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, metavar="N",
                   help=f"the port (default {DEFAULT_PORT}; the next free one if taken; 0 for any)")
    p.add_argument("--anonymous", action="store_true", help="participants pick only their function, not their name")
    p.add_argument("--machine", action="store_true", help=argparse.SUPPRESS)
