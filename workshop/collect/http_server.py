"""The web server for phone collection: aiohttp (its C HTTP parser) on one event loop.

It moves bytes between the network and a ``CollectSession`` and enforces what must be
decided before a request reaches the session:

- a connection must deliver each request's headers within ``HEADER_SECONDS`` and its
  body within ``BODY_SECONDS``; an idle keep-alive connection closes after
  ``HEADER_SECONDS`` too; a slow client is closed, and since nothing waits on it no other phone ever waits for it;
- at most ``connections_per_address`` open connections per address and ``connections``
  in all (over the cap: an immediate ``503``), ``MAX_REQUESTS`` requests per connection;
- bodies only with a declared length of at most ``MAX_BODY`` bytes, never chunked;
- malformed HTTP gets a JSON ``400`` and one log line (at most one every ``LOG_SECONDS``),
  never a traceback.

Pages, the phone's own state, joins and answers are handled on the loop: what must be
stored goes to the session's single writer, and the request waits for its commit without
holding a thread, so everyone's joins and answers of the same moment share one commit and
one wake-up of the loop. Only what reads the database (a named workshop's names list and
joins) runs on a small thread pool.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import errno
import functools
import logging
import random
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from workshop.collect.addresses import WILDCARDS, announced, guess_lan_address, host_port
from workshop.collect.guard import MAX_BODY, Limits
from workshop.collect.protocol import DEFAULT_PORT
from workshop.collect.replies import COMMON_HEADERS, Reply, error_reply
from workshop.collect.session import CollectSession, Deferred
from workshop.errors import WorkshopError
from workshop.i18n import N_

PORT_TRIES = 20  # 8765 … 8784, then any free port
HEADER_SECONDS = 10.0
BODY_SECONDS = 10.0
MAX_REQUESTS = 500
LOG_SECONDS = 10.0
SWEEP_SECONDS = 0.25  # how often deadlines are checked: a slow client is cut at most this late
WORKERS = 32

log = logging.getLogger("workshop.collect")


class _OneLineLog:
    """Malformed requests are logged as one line, at most one per ``LOG_SECONDS``, with a count."""

    def __init__(self) -> None:
        self.last = 0.0
        self.skipped = 0

    def __call__(self, text: str) -> None:
        now = time.monotonic()
        if now - self.last < LOG_SECONDS:
            self.skipped += 1
            return
        more = f" ({self.skipped} more since the last line)" if self.skipped else ""
        self.last, self.skipped = now, 0
        log.warning("phone server: %s%s", text[:200], more)


class _Connection(RequestHandler):
    """One phone's connection: a deadline whenever it is not inside a request's handler."""

    def __init__(self, manager: _Server, **kwargs: Any) -> None:
        super().__init__(manager, **kwargs)
        self.owner = manager
        self.deadline = 0.0  # the loop time when it is cut off (0: inside a handler, none)
        self.peer = ""
        self.served = 0
        self.admitted = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        self.peer = str(peer[0]) if peer else ""
        if not self.owner.admit(self):
            # asyncio's protocol hands a BaseTransport; a TCP server's is always a writable one
            transport.write(_raw(error_reply(503, "busy", "Too many connections. Try again in a moment.")))  # type: ignore[attr-defined]
            transport.close()
            return
        self.admitted = True
        super().connection_made(transport)
        self.arm(HEADER_SECONDS)

    def connection_lost(self, exc: BaseException | None) -> None:
        self.disarm()
        if self.admitted:  # a refused connection never reached aiohttp
            self.admitted = False
            self.owner.release(self)
            super().connection_lost(exc)

    def arm(self, seconds: float) -> None:
        # A little jitter: connections that came together (a flood) are not all cut in the same instant.
        self.deadline = self._loop.time() + seconds * random.uniform(0.75, 1.0)

    def disarm(self) -> None:
        self.deadline = 0.0

    def cut_if_late(self, now: float) -> None:
        if 0.0 < self.deadline <= now and self.transport is not None:
            self.deadline = 0.0
            self.transport.abort()

    def handle_error(self, request: web.BaseRequest, status: int = 500, exc: BaseException | None = None,
                     message: str | None = None) -> web.StreamResponse:
        self.owner.log_line(f"{status} from {request.remote}: {type(exc).__name__ if exc else ''} {message or ''}")
        reply = error_reply(status, "bad_request" if status < 500 else "server_error",
                            "The request is not valid HTTP." if status < 500 else "Something went wrong.")
        response = _response(reply)
        response.force_close()
        return response


def _trouble(exc: Exception) -> Reply:
    """The reply to an error nobody foresaw: the phone hears it went wrong, the facilitator's log says why."""
    if isinstance(exc, WorkshopError):
        return error_reply(500, "server_error", exc.message)
    from workshop.logs import log_unexpected

    log_unexpected(exc, "while answering a phone")
    return error_reply(500, "server_error", "Something went wrong on the laptop. Try again.")


def _hand_over(waiting: asyncio.Future[Reply], reply: Reply) -> None:
    if not waiting.done():  # not cancelled: the phone is still there
        waiting.set_result(reply)


def _raw(reply: Reply) -> bytes:
    """A whole HTTP/1.1 reply as bytes, for when there is no proper request to answer."""
    head = (f"HTTP/1.1 {reply.status} {'Bad Request' if reply.status == 400 else 'Service Unavailable'}\r\n"
            f"Content-Type: {reply.content_type}\r\nContent-Length: {len(reply.body)}\r\nConnection: close\r\n\r\n")
    return head.encode() + reply.body


_HEADERS = {"Server": "AlignmentWorkshop", **dict(COMMON_HEADERS)}  # no library versions for a guest to look up


def _response(reply: Reply) -> web.Response:
    headers = {**_HEADERS, **dict(reply.headers), "Content-Type": reply.content_type}
    return web.Response(status=reply.status, body=reply.body, headers=headers)


class _Server(web.Server):
    def __init__(self, phone_server: PhoneServer, limits: Limits) -> None:
        super().__init__(phone_server.serve, handler_cancellation=True, access_log=None,
                         keepalive_timeout=HEADER_SECONDS + 5, max_line_size=2048, max_field_size=4096, max_headers=40,
                         lingering_time=1.0, tcp_keepalive=False)
        self.limits = limits
        self.per_address: dict[str, int] = {}
        self.total = 0
        self.log_line = _OneLineLog()

    def __call__(self) -> _Connection:
        return _Connection(self, loop=self._loop, **self._kwargs)

    def admit(self, conn: _Connection) -> bool:
        if self.total >= self.limits.connections or \
                self.per_address.get(conn.peer, 0) >= self.limits.connections_per_address:
            return False
        self.total += 1
        self.per_address[conn.peer] = self.per_address.get(conn.peer, 0) + 1
        return True

    async def sweep(self) -> None:
        """Cut the connections whose deadline has passed: one timer for all of them, rather than
        a timer made and cancelled for every request (at the "go" moment, thousands a second)."""
        while True:
            await asyncio.sleep(SWEEP_SECONDS)
            now = self._loop.time()
            for conn in self.connections:
                if isinstance(conn, _Connection):
                    conn.cut_if_late(now)

    def release(self, conn: _Connection) -> None:
        self.total -= 1
        left = self.per_address.get(conn.peer, 1) - 1
        if left:
            self.per_address[conn.peer] = left
        else:
            self.per_address.pop(conn.peer, None)


class PhoneServer:
    """A running collection server: ``url`` to show, ``stop()`` to close the port at once."""

    def __init__(self, session: CollectSession, host: str, port: int = DEFAULT_PORT,
                 limits: Limits | None = None) -> None:
        self.session = session
        self.host = host
        self.limits = limits or session.limits
        self.max_stall = 0.0  # the event loop's longest lateness, seconds
        self._pool = concurrent.futures.ThreadPoolExecutor(WORKERS, thread_name_prefix="phone")
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="phone-server", daemon=True)
        self._thread.start()
        self._stopped = False
        try:
            self._server, self._listener = asyncio.run_coroutine_threadsafe(self._start(port), self._loop).result()
        except BaseException:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=2)
            self._pool.shutdown(wait=False)
            raise
        self.port: int = self._listener.sockets[0].getsockname()[1]
        self.addresses = announced(host)
        named = {host} if host not in WILDCARDS else set()
        session.allow_hosts({host_port(a, self.port) for a in (*self.addresses, *named)})

    @property
    def urls(self) -> list[str]:
        return [f"http://{host_port(a, self.port)}/{self.session.token}/" for a in self.addresses]

    @property
    def url(self) -> str:
        return self.urls[0]

    @property
    def address(self) -> str:
        """The address without the scheme, as people type it."""
        return self.url.removeprefix("http://")

    async def _start(self, port: int) -> tuple[_Server, asyncio.Server]:
        server = _Server(self, self.limits)
        candidates = [port] if port == 0 else [port + i for i in range(PORT_TRIES)] + [0]
        last: OSError | None = None
        host = None if self.host == "" else self.host
        for candidate in candidates:
            try:
                listener = await self._loop.create_server(
                    server, host, candidate, backlog=1024, reuse_address=sys.platform != "win32")
                self._loop.create_task(self._probe())
                self._loop.create_task(server.sweep())
                return server, listener
            except OSError as exc:
                last = exc
                if exc.errno not in (errno.EADDRINUSE, errno.EACCES, getattr(errno, "WSAEADDRINUSE", -1)):
                    break
        reason = last.strerror if last and last.strerror else str(last or "unknown reason")
        raise WorkshopError(N_("Cannot open a port on {host}: {reason}. Choose another address."),
                            host=self.host, reason=reason)

    async def _probe(self) -> None:
        """How late the loop wakes up: the longest stall a phone could have waited behind."""
        while True:
            before = self._loop.time()
            await asyncio.sleep(0.005)
            self.max_stall = max(self.max_stall, self._loop.time() - before - 0.005)

    async def serve(self, request: web.BaseRequest) -> web.StreamResponse:
        conn = request.protocol
        assert isinstance(conn, _Connection)
        conn.disarm()
        if request.version < (1, 0):  # HTTP/0.9 has no headers: answer in HTTP/1.1 terms and hang up
            self._server.log_line(f"HTTP/0.9 request from {conn.peer}")
            reply = error_reply(400, "bad_request", "The request is not valid HTTP.")
            if conn.transport is not None:
                conn.transport.write(_raw(reply))
                conn.transport.close()
            return _response(reply)
        try:
            reply = await self._reply(request, conn)
            response = _response(reply)
            conn.served += 1
            if reply.status in (400, 411, 413) or conn.served >= MAX_REQUESTS or not self.session.open:
                response.force_close()
            return response
        finally:
            conn.arm(HEADER_SECONDS)

    async def _reply(self, request: web.BaseRequest, conn: _Connection) -> Reply:
        body = None
        if request.headers.get("Transfer-Encoding"):
            return error_reply(411, "length_required", "Send a Content-Length, not chunks.")
        length = request.content_length
        if length is not None:
            if length > MAX_BODY:
                return error_reply(413, "too_large", f"The request is larger than {MAX_BODY} bytes.")
            conn.arm(BODY_SECONDS)
            try:
                body = await request.content.readexactly(length) if length else b""
            except (asyncio.IncompleteReadError, ConnectionError):
                return error_reply(400, "bad_request", "The request body is incomplete.")
            finally:
                conn.disarm()
        elif request.method in ("POST", "PUT", "PATCH"):
            return error_reply(411, "length_required", "Send a Content-Length.")
        headers = {k.lower(): v for k, v in request.headers.items()}
        client = conn.peer.split("%", 1)[0]
        args = (request.method, request.path, headers, body, client)
        session = self.session
        try:
            if session.reads_database(request.method, request.path):
                return await self._loop.run_in_executor(self._pool, session.handle, *args)
            routed = session.route(*args)
            if isinstance(routed, Reply):
                return routed
            waiting = self._loop.create_future()
            session.writer.post(routed.work, self._loop, functools.partial(self._settle, routed, waiting))
            return await waiting
        except Exception as exc:  # noqa: BLE001 - answered below
            return _trouble(exc)

    def _settle(self, deferred: Deferred, waiting: asyncio.Future[Reply], outcome: object) -> Callable[[], None]:
        """On the writer's thread, once committed: the reply, made even if the phone hung up meanwhile
        (a join must still be counted); the loop then only hands it over."""
        try:
            reply = self.session.finish(deferred, outcome)
        except Exception as exc:  # noqa: BLE001 - answered below
            reply = _trouble(exc)
        return functools.partial(_hand_over, waiting, reply)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.session.open = False

        async def shut() -> None:
            self._listener.close()
            for conn in list(self._server.connections):
                if conn.transport is not None:
                    conn.transport.abort()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        try:
            asyncio.run_coroutine_threadsafe(shut(), self._loop).result(timeout=5)
        except (concurrent.futures.TimeoutError, RuntimeError):
            pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.session.close()


__all__ = ["DEFAULT_PORT", "PhoneServer", "guess_lan_address"]
