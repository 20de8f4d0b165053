"""``workshop collect ID``: the phone server without the app (a second laptop, testing)."""

from __future__ import annotations

import argparse
import sys
import threading

DEFAULT_PORT = 8765  # workshop.collect_http.DEFAULT_PORT, not imported here: start-up stays fast


def _status_printer(session, out) -> object:  # noqa: ANN001 - CollectSession, a text stream
    """Print a line whenever another phone finishes, and never from two threads at once."""
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


def cmd_collect(args: argparse.Namespace) -> int:
    from workshop.collect import CollectSession
    from workshop.collect_http import PhoneServer, guess_lan_address
    from workshop.db import open_database

    db = open_database(args.db)
    session = CollectSession(db, args.id, anonymous=args.anonymous)
    host = args.host or guess_lan_address()
    server = PhoneServer(session, host, args.port)
    session.on_status = _status_printer(session, sys.stdout)
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
    from workshop.cli import _workshop_id

    help_ = "collect answers on phones over the local network until Ctrl+C"
    p = sub.add_parser("collect", help=help_, description=help_ + ". Prints the address and the PIN.")
    p.set_defaults(handler=cmd_collect)
    p.add_argument("id", type=_workshop_id, metavar="ID")
    p.add_argument("--host", metavar="ADDR", help="the address to listen on (default: this computer's address "
                   "on the local network; 127.0.0.1 for this computer only)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, metavar="N",
                   help=f"the port (default {DEFAULT_PORT}; the next free one if taken; 0 for any)")
    p.add_argument("--anonymous", action="store_true", help="participants pick only their function, not their name")
