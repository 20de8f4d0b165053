"""The phone server as the app sees it: a child process, its news turned into signals.

The server runs as ``workshop collect ID --machine`` in its own process (see
``workshop/cli/collect.py``), so a room full of phones never competes with the window
for Python's interpreter lock, and the window's own work (redrawing the dashboard)
never slows the phones. ``QProcess`` delivers the child's JSON lines on the GUI thread;
each update is published on the change bus as it comes (views show a burst of them at once).
Stopping closes the port at once; so does quitting, and so does the app dying (the
child stops when its stdin closes).
"""

from __future__ import annotations

import sys
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QProcess, QProcessEnvironment, Signal
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

from ui.context import AppContext
from workshop.changes import Changes
from workshop.collect.protocol import DEFAULT_PORT, CollectStatus, Event, decode_event, encode_command, status_from_json
from workshop.collect.session import named_count
from workshop.errors import WorkshopError
from workshop.i18n import _

START_MS = 20000
STOP_MS = 3000


def lan_addresses() -> list[tuple[str, str]]:
    """(address, label) of the IPv4 addresses phones can reach; loopback only if there is nothing else."""
    found: list[tuple[str, str]] = []
    loopback: list[tuple[str, str]] = []
    flags = QNetworkInterface.InterfaceFlag
    for interface in QNetworkInterface.allInterfaces():
        up = interface.flags() & flags.IsUp and interface.flags() & flags.IsRunning
        if not up:
            continue
        for entry in interface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            item = (ip.toString(), f"{ip.toString()} ({interface.humanReadableName()})")
            (loopback if ip.isLoopback() else found).append(item)
    return found or loopback or [("127.0.0.1", "127.0.0.1 (loopback)")]


def child_command(workshop_id: int, host: str, port: int, anonymous: bool) -> tuple[str, list[str]]:
    """How to start ``workshop collect`` from here: the frozen app runs itself, else this Python."""
    args = ["collect", str(workshop_id), "--host", host, "--port", str(port), "--machine"]
    if anonymous:
        args.append("--anonymous")
    if getattr(sys, "frozen", False):
        return sys.executable, args
    return sys.executable, ["-m", "workshop", *args]  # the command line alone suffices


class CollectServer(QObject):
    """One workshop's phone collection: started in the constructor, watch ``status_changed``, ``stop()``."""

    status_changed = Signal()
    stopped = Signal()
    pin_changed = Signal(str)
    problem_changed = Signal(str)  # "" when answers are stored again

    def __init__(self, ctx, workshop_id: int, host: str, port: int = DEFAULT_PORT,  # noqa: ANN001 - AppContext
                 anonymous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workshop_id = workshop_id
        self.anonymous = anonymous
        self._buffer = b""
        self._stopped = False
        self._outcomes: dict[tuple[str, int], bool] = {}
        self._new_ids: dict[int, int] = {}  # restored phones: old device id → new
        self.problem: str | None = None
        self.server_stall_ms: float | None = None  # the child's longest event-loop stall, once stopped
        self._status = CollectStatus(True, anonymous, ())
        self.process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("WORKSHOP_DB", ctx.db.url)  # not on the command line: it may hold a password
        environment.insert("PYTHONUNBUFFERED", "1")
        self.process.setProcessEnvironment(environment)
        program, args = child_command(workshop_id, host, port, anonymous)
        self.process.start(program, args)
        ready = self._wait_for("ready", START_MS)
        self.url: str = str(ready.get("url"))
        self.urls: list[str] = list(ready.get("urls") or [self.url])  # type: ignore[call-overload]
        self.address: str = str(ready.get("address"))
        self.pin: str = str(ready.get("pin"))
        self._status = replace(self._status, cap=ready.get("cap"))
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._on_finished)

    # --- what the panel and the presenter view ask ----------------------------------------------

    @property
    def running(self) -> bool:
        return not self._stopped

    def status(self) -> CollectStatus:
        return self._status

    def named_count(self) -> int:
        return named_count(self.ctx.db, self.workshop_id)

    def release(self, participant_id: int) -> bool:
        """Let a name join again from another phone; True once the server has done it."""
        return self._ask("release", participant_id, "released")

    def remove(self, device_id: int) -> bool:
        """Take a stray phone out (anonymous: with its answers); ``restore`` undoes it."""
        return self._ask("remove", device_id, "removed")

    def restore(self, device_id: int) -> int | None:
        """Undo of ``remove``; the phone's new device id, or None if it cannot come back."""
        self._new_ids.pop(device_id, None)
        if not self._ask("restore", device_id, "restored"):
            return None
        return self._new_ids.pop(device_id, None)

    def renew_pin(self) -> str:
        """A new PIN for new joins; phones that joined carry on. Returns the new PIN."""
        if not self._stopped:
            self.process.write(encode_command("renew_pin"))
            self._wait(lambda: ("pin", 0) in self._outcomes)
            self._outcomes.pop(("pin", 0), None)
        return self.pin

    def set_cap(self, cap: int) -> None:
        if not self._stopped:
            self.process.write(encode_command("cap", cap))

    def _ask(self, command: str, number: int, answer: str) -> bool:
        if self._stopped:
            return False
        self._outcomes.pop((answer, number), None)
        self.process.write(encode_command(command, number))
        self._wait(lambda: (answer, number) in self._outcomes)
        return self._outcomes.pop((answer, number), False)

    def _wait(self, done) -> None:  # noqa: ANN001 - a condition
        deadline = QDeadlineTimer(STOP_MS)
        while not done() and not deadline.hasExpired():
            if not self.process.waitForReadyRead(int(max(1, deadline.remainingTime()))):
                break
            self._read()

    def stop(self) -> None:
        """Close the port at once; answers already stored stay."""
        if self._stopped:
            return
        self._stopped = True
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.write(encode_command("stop"))
            self.process.closeWriteChannel()
            if not self.process.waitForFinished(STOP_MS):
                self.process.kill()
                self.process.waitForFinished(STOP_MS)
        self._read()
        self._status = replace(self._status, open=False)
        self.status_changed.emit()
        self.stopped.emit()

    # --- the child's news ----------------------------------------------------------------------------

    def _lines(self) -> list[Event]:
        self._buffer += bytes(self.process.readAllStandardOutput())
        *lines, self._buffer = self._buffer.split(b"\n")
        return [event for event in map(decode_event, lines) if event is not None]

    def _wait_for(self, wanted: str, timeout_ms: int) -> Event:
        if not self.process.waitForStarted(timeout_ms):
            raise WorkshopError(_("The phone server could not be started: {error}").format(
                error=self.process.errorString()))
        deadline = QDeadlineTimer(timeout_ms)
        while not deadline.hasExpired():
            for event in self._lines():
                if event.kind == wanted:
                    return event
                if event.kind == "error":
                    self.process.waitForFinished(STOP_MS)
                    raise WorkshopError(str(event.get("message")))
                self._handle(event)
            if self.process.state() == QProcess.ProcessState.NotRunning:
                break
            self.process.waitForReadyRead(int(max(1, min(200, deadline.remainingTime()))))
        details = bytes(self.process.readAllStandardError()).decode(errors="replace").strip()
        self.process.kill()
        self.process.waitForFinished(STOP_MS)
        raise WorkshopError(_("The phone server did not start."), [details] if details else [])

    def _read(self) -> None:
        for event in self._lines():
            self._handle(event)

    def _handle(self, event: Event) -> None:
        kind = event.kind
        if kind == "stopped" and event.get("max_stall_ms") is not None:
            self.server_stall_ms = float(event.get("max_stall_ms"))  # type: ignore[arg-type]
        if kind in ("update", "stopped") and "status" in event.data:
            self._status = status_from_json(event.data["status"], self.anonymous)
            changes = event.get("changes") or {}
            if changes.get("answers") or changes.get("participants"):
                self.ctx.stream(Changes(workshop_id=self.workshop_id, answers=bool(changes.get("answers")),
                                       participants=bool(changes.get("participants"))))
            self.status_changed.emit()
        elif kind == "released":
            self._outcomes[("released", int(event.get("participant_id")))] = bool(event.get("ok"))  # type: ignore[arg-type]
        elif kind in ("removed", "restored"):
            device_id = int(event.get("device_id"))  # type: ignore[arg-type]
            if event.get("new_id") is not None:
                self._new_ids[device_id] = int(event.get("new_id"))  # type: ignore[arg-type]
            self._outcomes[(kind, device_id)] = bool(event.get("ok"))
        elif kind == "pin":
            self.pin = str(event.get("pin"))
            self._outcomes[("pin", 0)] = True
            self.pin_changed.emit(self.pin)
        elif kind == "problem":
            self.problem = str(event.get("message")) if event.get("message") else None
            self.problem_changed.emit(self.problem or "")

    def _on_finished(self) -> None:
        self._read()
        if not self._stopped:  # the child ended by itself (it should not): say so rather than pretend
            self._stopped = True
            self._status = replace(self._status, open=False)
            self.status_changed.emit()
            self.stopped.emit()


class Collections(QObject):
    """The running collections by workshop id, for the Score page and the presenter window."""

    started = Signal(int)
    stopped = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._running: dict[int, CollectServer] = {}
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_all)

    def get(self, workshop_id: int) -> CollectServer | None:
        return self._running.get(workshop_id)

    def start(self, ctx, workshop_id: int, host: str, port: int = DEFAULT_PORT,  # noqa: ANN001
              anonymous: bool = False) -> CollectServer:
        self.stop(workshop_id)
        server = CollectServer(ctx, workshop_id, host, port, anonymous, parent=self)
        server.stopped.connect(lambda: self._ended(workshop_id, server))
        self._running[workshop_id] = server
        self.started.emit(workshop_id)
        return server

    def stop(self, workshop_id: int) -> None:
        server = self._running.get(workshop_id)
        if server is not None:
            server.stop()  # emits stopped → _ended

    def _ended(self, workshop_id: int, server: CollectServer) -> None:
        if self._running.get(workshop_id) is server:
            del self._running[workshop_id]
            self.stopped.emit(workshop_id)
            server.deleteLater()

    def stop_all(self) -> None:
        for workshop_id in list(self._running):
            self.stop(workshop_id)


def collections(ctx: AppContext) -> Collections:
    """The one registry of running collections of an app context."""
    return ctx.service("collections", Collections)
