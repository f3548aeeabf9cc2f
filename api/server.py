"""Runs the app under uvicorn with the limits of `lscp.limits`: a deadline for a request's
headers (uvicorn has none: an idle or trickling connection was held forever), a bound on their
size, the keep-alive timeout, a connection limit, and the listening socket opened before
anything is printed, so a bad host or a port in use is a one-line error."""
from __future__ import annotations

import errno
import socket

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
                         f"{hint.get(exc.errno, 'choose another --host or --port')}") from None
    return sock


def protocol():
    """uvicorn's httptools protocol with a deadline and a size bound for each request's headers,
    or h11 (bounded in size only) when httptools is not installed."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:
        return "h11"

    class Guarded(HttpToolsProtocol):
        deadline = None
        received = 0

        def connection_made(self, transport):
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            if self.deadline is None and (self.cycle is None or self.cycle.response_complete):
                self._arm()  # the first bytes of the next request on a kept-alive connection
            if self.deadline is not None:
                self.received += len(data)
                if self.received > MAX_HEADER_BYTES:
                    self._disarm()
                    self.send_400_response(f"Request headers over {MAX_HEADER_BYTES} bytes (MAX_HEADER_BYTES).")
                    return
            super().data_received(data)

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def connection_lost(self, exc) -> None:
            self._disarm()
            super().connection_lost(exc)

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

    return Guarded


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
