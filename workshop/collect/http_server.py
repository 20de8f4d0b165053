"""The web server for phone collection: Python's own ``http.server``, bound to one address.

It moves bytes between the network and a ``CollectSession`` and enforces what must be
decided before a body is read: a declared length, at most ``MAX_BODY`` bytes, no chunked
uploads, a cap on open connections and an idle timeout. Every connection is handled on
its own thread, so the app's window never waits for a phone; the session serialises the
writes. Qt's ``QHttpServer`` was the first choice, but its Python binding (PySide6 6.12)
can only answer ``200 text/plain`` from a route, so it cannot give status codes.
"""

from __future__ import annotations

import errno
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from workshop.collect.session import COMMON_HEADERS, MAX_BODY, CollectSession, Reply, error_reply
from workshop.errors import WorkshopError

DEFAULT_PORT = 8765
PORT_TRIES = 20  # 8765 … 8784, then any free port
MAX_CONNECTIONS = 400
IDLE_SECONDS = 20.0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "AlignmentWorkshop"
    timeout = IDLE_SECONDS
    disable_nagle_algorithm = True  # small replies go out at once, not after a delayed ACK
    server: _Server

    def version_string(self) -> str:
        return self.server_version

    def _dispatch(self) -> None:
        if self.headers.get("Transfer-Encoding"):
            self._send(error_reply(411, "length_required", "Send a Content-Length, not chunks."), close=True)
            return
        body = None
        length_text = self.headers.get("Content-Length")
        if length_text is not None:
            try:
                length = int(length_text)
            except ValueError:
                length = -1
            if length < 0:
                self._send(error_reply(400, "bad_request", "The Content-Length is not a number."), close=True)
                return
            if length > MAX_BODY:
                # Never read it: answer and close, so the rest of the body goes nowhere.
                self._send(error_reply(413, "too_large", f"The request is larger than {MAX_BODY} bytes."),
                           close=True)
                return
            body = self.rfile.read(length)
            if len(body) < length:
                self.close_connection = True
                return
        elif self.command in ("POST", "PUT", "PATCH"):
            self._send(error_reply(411, "length_required", "Send a Content-Length."), close=True)
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        path = urlsplit(self.path).path
        try:
            reply = self.server.session.handle(self.command, path, headers, body, self.client_address[0])
        except WorkshopError as exc:
            reply = error_reply(500, "server_error", exc.message)
        except Exception as exc:  # noqa: BLE001 - answer the phone, log for the facilitator
            from workshop.logs import log_unexpected

            log_unexpected(exc, "while answering a phone")
            reply = error_reply(500, "server_error", "Something went wrong on the laptop. Try again.")
        self._send(reply)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = _dispatch

    def _send(self, reply: Reply, close: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        given = {name.lower() for name, _ in reply.headers}
        for name, value in (*(h for h in COMMON_HEADERS if h[0].lower() not in given), *reply.headers):
            self.send_header(name, value)
        if close or not self.server.session.open:
            self.send_header("Connection", "close")
            self.close_connection = True
        # Headers and body in one write: one packet for a small reply.
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(reply.body)
        self.flush_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Malformed requests (bad request line, headers too long) get JSON too."""
        self.request_version = "HTTP/1.1"  # a garbled request line would otherwise get a bare HTTP/0.9 body
        try:
            self._send(error_reply(code, "bad_request", message or "The request is not valid HTTP."), close=True)
        except OSError:
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # phones' requests are not logged: they carry the join token in the URL


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # On Windows SO_REUSEADDR lets two servers share a port; there the busy port must fail.
    allow_reuse_address = sys.platform != "win32"
    request_queue_size = 512  # a room joining at once must not overflow the accept queue

    def __init__(self, address: tuple[str, int], session: CollectSession) -> None:
        self.session = session
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request, client_address) -> None:  # noqa: ANN001 - socketserver's types
        with self._connections_lock:
            full = len(self._connections) >= MAX_CONNECTIONS
            if not full:
                self._connections.add(request)
        if full or not self.session.open:
            reply = error_reply(503, "busy", "Too many phones at once. Try again in a moment.")
            try:
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(reply.body)}\r\nConnection: close\r\n\r\n".encode() + reply.body
                )
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        """A phone that walks away mid-request is normal; anything else goes to the log."""
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):
            return
        from workshop.logs import log_unexpected

        if isinstance(exc, Exception):
            log_unexpected(exc, "in the phone server")

    def close_request(self, request) -> None:  # noqa: ANN001
        with self._connections_lock:
            self._connections.discard(request)
        super().close_request(request)

    def drop_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class PhoneServer:
    """A running collection server: ``url`` to show, ``stop()`` to close the port at once."""

    def __init__(self, session: CollectSession, host: str, port: int = DEFAULT_PORT) -> None:
        self.session = session
        self.host = host
        self._server = _bind(host, port, session)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="phone-server", daemon=True)
        self._thread.start()
        self._stopped = False

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/{self.session.token}/"

    @property
    def address(self) -> str:
        """The address without the scheme, as people type it."""
        return self.url.removeprefix("http://")

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.session.close()
        self._server.shutdown()
        self._server.server_close()
        self._server.drop_connections()
        self._thread.join(timeout=2)


def _bind(host: str, port: int, session: CollectSession) -> _Server:
    candidates = [port] if port == 0 else [port + i for i in range(PORT_TRIES)] + [0]
    last: OSError | None = None
    for candidate in candidates:
        try:
            return _Server((host, candidate), session)
        except OSError as exc:
            last = exc
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES, getattr(errno, "WSAEADDRINUSE", -1)):
                break
    raise WorkshopError(f"Cannot open a port on {host}: {last.strerror if last else 'unknown reason'}. "
                        "Choose another address.")


def guess_lan_address() -> str:
    """This computer's address on the local network, without sending anything; 127.0.0.1 if none."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))  # UDP connect picks a route; no packet is sent
        address = probe.getsockname()[0]
        if not address.startswith("127.") and address != "0.0.0.0":
            return address
    except OSError:
        pass
    finally:
        probe.close()
    try:
        for address in socket.gethostbyname_ex(socket.gethostname())[2]:
            if not address.startswith("127."):
                return address
    except OSError:
        pass
    return "127.0.0.1"
