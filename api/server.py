"""Runs the app under uvicorn with the limits of `lscp.limits`: a deadline for a request's
headers (uvicorn has none: an idle or trickling connection was held forever), a bound on their
size, the keep-alive timeout, a connection limit, and the listening socket opened before
anything is printed, so a bad host or a port in use is a one-line error."""
from __future__ import annotations

import errno
import socket
from typing import TYPE_CHECKING, Any

from lscp.limits import HEADER_SECONDS, KEEP_ALIVE_SECONDS, MAX_CONNECTIONS, MAX_HEADER_BYTES, SHUTDOWN_SECONDS
from lscp.model import UsageError

BACKLOG = 2048


def open_socket(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, or a UsageError saying why it cannot be."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise UsageError(f"cannot serve on host {host!r}: {getattr(exc, 'strerror', None) or exc}; give an address "
                         "of this machine, e.g. --host 127.0.0.1") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        hint = {errno.EADDRINUSE: f"another program is listening on port {port}: choose another with --port",
                errno.EADDRNOTAVAIL: f"this machine has no address {host}: give one it has, e.g. --host 127.0.0.1",
                errno.EACCES: "ports below 1024 need administrator rights: choose another with --port"}
        raise UsageError(f"cannot listen on {host} port {port} ({exc.strerror}); "
                         f"{hint.get(exc.errno or 0, 'choose another --host or --port')}") from None
    return sock


TOO_LARGE = f"Request headers over {MAX_HEADER_BYTES} bytes (MAX_HEADER_BYTES).".encode()


if TYPE_CHECKING:
    import asyncio

    class _Host(asyncio.Protocol):
        """What HeaderGuard uses of the uvicorn protocol it is mixed into (httptools' and h11's)."""

        cycle: Any  # the request being answered, or None
        transport: asyncio.Transport
        loop: asyncio.AbstractEventLoop
else:
    _Host = object


class HeaderGuard(_Host):
    """Mixed into a uvicorn protocol: a connection whose request headers have not all arrived
    within HEADER_SECONDS (of opening, or of the first bytes of its next request) is closed, and
    one sending more than MAX_HEADER_BYTES before they end is answered 400. The protocol calls
    `_headers_complete` when they end."""

    deadline: asyncio.TimerHandle | None = None
    received = 0

    def connection_made(self, transport):
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.deadline is None and (self.cycle is None or self.cycle.response_complete):
            self._arm()  # the first bytes of the next request on a kept-alive connection
        if self.deadline is not None:
            self.received += len(data)
            if self.received > MAX_HEADER_BYTES:
                self._disarm()
                self._refuse()
                return
        super().data_received(data)

    def _headers_complete(self) -> None:
        self._disarm()

    def _refuse(self) -> None:
        """400, written directly: h11 cannot answer before it has parsed a request."""
        self.transport.write(b"HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain; charset=utf-8\r\n"
                             b"connection: close\r\ncontent-length: %d\r\n\r\n%s" % (len(TOO_LARGE), TOO_LARGE))
        self.transport.close()

    def _arm(self) -> None:
        self.received = 0
        self.deadline = self.loop.call_later(HEADER_SECONDS, self._expire)

    def _disarm(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def _expire(self) -> None:
        self.deadline = None
        if not self.transport.is_closing():
            self.transport.close()  # too slow to say what it wants: its seat goes to others


def protocol():
    """uvicorn's httptools protocol with the header guard, or its h11 protocol with it when
    httptools is not installed."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:
        return guarded_h11()

    class Guarded(HeaderGuard, HttpToolsProtocol):
        def on_headers_complete(self) -> None:
            self._headers_complete()
            super().on_headers_complete()

    return Guarded


def guarded_h11():
    """uvicorn's h11 protocol with the header guard."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class GuardedH11(HeaderGuard, H11Protocol):
        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.deadline is not None and self.conn.their_state is not h11.IDLE:
                self._headers_complete()  # h11 has read the request line and headers (or refused them)

    return GuardedH11


def _raise_file_limit() -> None:
    """Enough file descriptors for MAX_CONNECTIONS (the soft limit is often 1,024)."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = MAX_CONNECTIONS + 256
        if soft != resource.RLIM_INFINITY and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))
    except (ImportError, ValueError, OSError):
        pass


def run_server(app, sock: socket.socket) -> None:
    """Serve `app` on the listening `sock` until interrupted."""
    import uvicorn

    _raise_file_limit()
    config = uvicorn.Config(app, http=protocol(), log_level="warning", timeout_keep_alive=KEEP_ALIVE_SECONDS,
                            limit_concurrency=MAX_CONNECTIONS, timeout_graceful_shutdown=SHUTDOWN_SECONDS,
                            h11_max_incomplete_event_size=MAX_HEADER_BYTES, backlog=BACKLOG)
    uvicorn.Server(config).run(sockets=[sock])
