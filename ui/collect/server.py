"""The running phone server as the app sees it: signals on the GUI thread, one per workshop.

The web server answers phones on its own threads (``workshop/collect_http.py``). Whatever
they store is reported here from those threads and handed to the GUI thread through a
queued signal; bursts are merged, so a room of phones answering at once refreshes the
reveal dashboard a few times a second rather than once per answer.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

from workshop.changes import Changes
from workshop.collect import CollectSession, CollectStatus
from workshop.collect_http import DEFAULT_PORT, PhoneServer

PUBLISH_MS = 150  # how long answers are gathered before the views are told


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


class CollectServer(QObject):
    """One workshop's phone collection: start it, watch ``status_changed``, ``stop()`` it."""

    status_changed = Signal()
    stopped = Signal()
    _poke = Signal()  # emitted on server threads, received on the GUI thread

    def __init__(self, ctx, workshop_id: int, host: str, port: int = DEFAULT_PORT,  # noqa: ANN001 - AppContext
                 anonymous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workshop_id = workshop_id
        self.session = CollectSession(ctx.db, workshop_id, anonymous)
        self._pending: Changes | None = None
        self._status_dirty = False
        self._stopped = False
        self._pending_lock = threading.Lock()
        self._timer = QTimer(self, singleShot=True, interval=PUBLISH_MS)
        self._timer.timeout.connect(self._publish)
        self._poke.connect(self._on_poke)
        self.session.on_change = self._changed_on_server_thread
        self.session.on_status = self._status_on_server_thread
        self.server = PhoneServer(self.session, host, port)  # WorkshopError when no port can be opened

    # --- what the panel and the presenter view show -------------------------------------------

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def address(self) -> str:
        return self.server.address

    @property
    def pin(self) -> str:
        return self.session.pin

    @property
    def anonymous(self) -> bool:
        return self.session.anonymous

    @property
    def running(self) -> bool:
        return self.session.open

    def status(self) -> CollectStatus:
        return self.session.status()

    def release(self, participant_id: int) -> bool:
        return self.session.release(participant_id)

    def stop(self) -> None:
        """Close the port at once; answers already stored stay."""
        if self._stopped:
            return
        self._stopped = True
        self.server.stop()
        self._publish()
        self.stopped.emit()

    # --- from the server threads to the GUI thread ---------------------------------------------

    def _changed_on_server_thread(self, changes: Changes) -> None:
        with self._pending_lock:
            first = self._pending is None and not self._status_dirty
            self._pending = changes if self._pending is None else self._pending | changes
        if first:
            self._poke.emit()

    def _status_on_server_thread(self) -> None:
        with self._pending_lock:
            first = self._pending is None and not self._status_dirty
            self._status_dirty = True
        if first:
            self._poke.emit()

    def _on_poke(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _publish(self) -> None:
        with self._pending_lock:
            changes, self._pending = self._pending, None
            status, self._status_dirty = self._status_dirty, False
        if changes is not None:
            self.ctx.apply(changes)
        if status or changes is not None:
            self.status_changed.emit()


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
        self._running[workshop_id] = server
        self.started.emit(workshop_id)
        return server

    def stop(self, workshop_id: int) -> None:
        server = self._running.pop(workshop_id, None)
        if server is not None:
            server.stop()
            self.stopped.emit(workshop_id)
            server.deleteLater()

    def stop_all(self) -> None:
        for workshop_id in list(self._running):
            self.stop(workshop_id)


_collections: Collections | None = None


def collections() -> Collections:
    """The app's one registry of running collections."""
    global _collections
    if _collections is None:
        _collections = Collections()
    return _collections
