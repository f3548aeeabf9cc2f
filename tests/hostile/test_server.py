"""The server protects itself: security headers on every answer (/docs too, its Swagger UI from
the package), a bad address refused before "serving at", and idle or trickling connections
cut off after the header deadline while normal requests are still answered. Loopback only."""
from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time

import pytest
from fastapi.testclient import TestClient

from lscp.api.http import create_app
from lscp.limits import HEADER_SECONDS, MAX_HEADER_BYTES

from .conftest import lscp, one_line_error

IDLE = 1000  # idle connections held open at once (the red team's 20,000 exhausted file descriptors)


@pytest.fixture(scope="module")
def client(graph):
    with TestClient(create_app(graph)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def graph():
    from lscp.loaders import load

    return load()


@pytest.mark.parametrize("url", ["/docs", "/docs/assets/swagger-ui-bundle.js", "/static/docs.js", "/openapi.json",
                                 "/api/overview", "/api/overview", "/api/entities/nowhere", "/nowhere", "/"])
def test_every_answer_carries_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers.get_list("x-content-type-options") == ["nosniff"]
    assert response.headers["referrer-policy"] in ("no-referrer", "same-origin")


def test_the_docs_page_loads_swagger_ui_from_this_server_only(client):
    page = client.get("/docs").text
    assert "cdn" not in page.lower() and "https://" not in page and "<script>" not in page  # no inline script
    assert '<script src="/docs/assets/swagger-ui-bundle.js"></script>' in page
    bundle = client.get("/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and b"SwaggerUIBundle" in bundle.content
    assert client.get("/docs/assets/swagger-ui.css").status_code == 200


def _taken_port() -> tuple[socket.socket, int]:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    return holder, holder.getsockname()[1]


def test_serve_refuses_a_port_in_use_before_serving():
    holder, port = _taken_port()
    with holder:
        result = lscp("serve", "--port", str(port))
    err = one_line_error(result)
    assert result.stdout == ""  # never "serving at"
    assert err == (f"Error: cannot listen on 127.0.0.1 port {port} (Address already in use); another program is "
                   f"listening on port {port}: choose another with --port\n")


def test_serve_refuses_an_unknown_host_before_serving():
    result = lscp("serve", "--host", "no-such-host.invalid")
    assert one_line_error(result).startswith("Error: cannot serve on host 'no-such-host.invalid': ")
    assert result.stdout == ""


# `lscp serve` as run where httptools is not installed: uvicorn's h11 protocol instead (guarded too).
WITHOUT_HTTPTOOLS = ("import sys; sys.modules['uvicorn.protocols.http.httptools_impl'] = None; "
                     "from lscp.api import server; assert server.protocol().__name__ == 'GuardedH11'; "
                     "from lscp.api.cli import main; sys.exit(main())")


@pytest.fixture(params=["httptools", "h11"])
def served(world, request):
    """`lscp serve` on the small world, on a free loopback port, answering."""
    holder, port = _taken_port()
    holder.close()
    start = ["-m", "lscp"] if request.param == "httptools" else ["-c", WITHOUT_HTTPTOOLS]
    process = subprocess.Popen([sys.executable, *start, "serve", "--port", str(port), "--data", str(world)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while _status(port) is None:  # readiness by polling, not a fixed sleep
            assert process.poll() is None and time.monotonic() < deadline, process.stdout.read()
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.communicate(timeout=15)


def _status(port: int, path: str = "/api/overview") -> int | None:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return None


def test_idle_and_trickling_connections_are_cut_off_while_others_are_answered(served):
    port = served
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(IDLE)]
    trickling = socket.create_connection(("127.0.0.1", port))
    trickling.sendall(b"GET /api/overview HTTP/1.1\r\nHost: x\r\n")  # headers begun, never finished
    started = time.monotonic()
    try:
        answered = []
        while time.monotonic() - started < HEADER_SECONDS / 2:
            answered.append(_status(port))
        assert answered and set(answered) == {200}, answered
        for sock in [*idle[:: IDLE // 20], trickling]:  # the server closes them after the header deadline
            sock.settimeout(HEADER_SECONDS + 10 - (time.monotonic() - started))
            assert sock.recv(1) == b""
        assert time.monotonic() - started < HEADER_SECONDS + 10
        assert _status(port) == 200
    finally:
        for sock in [*idle, trickling]:
            sock.close()


def test_oversized_headers_are_refused(served):
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
    connection.putrequest("GET", "/api/overview")
    connection.putheader("X-Padding", "x" * (MAX_HEADER_BYTES + 1))
    connection.endheaders()
    assert connection.getresponse().status == 400
