"""A frozen database server (SIGSTOPped: the kernel still accepts connections, nothing answers)
is a clear one-line error within the configured timeouts, never a hang. Loopback only."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from lscp.limits import NEO4J_CONNECT_SECONDS

from .conftest import lscp, one_line_error

pytest.importorskip("neo4j")

LISTENER = "import socket, sys; s = socket.create_server(('127.0.0.1', 0), backlog=64); " \
           "print(s.getsockname()[1], flush=True); sys.stdin.read()"


@pytest.fixture()
def frozen_port():
    """A process listening on a loopback port, then stopped with SIGSTOP."""
    process = subprocess.Popen([sys.executable, "-c", LISTENER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    port = int(process.stdout.readline())
    os.kill(process.pid, signal.SIGSTOP)
    try:
        yield port
    finally:
        os.kill(process.pid, signal.SIGCONT)
        process.kill()
        process.wait()


def test_a_frozen_server_is_a_clear_error_in_seconds(frozen_port):
    uri = f"bolt://127.0.0.1:{frozen_port}"
    started = time.monotonic()
    result = lscp("neo4j", "status", "--uri", uri, timeout=120)
    elapsed = time.monotonic() - started
    err = one_line_error(result)
    assert err.startswith(f"Error: Neo4j at {uri} stopped answering: no reply within {NEO4J_CONNECT_SECONDS:g} s "
                          "to connect (NEO4J_CONNECT_SECONDS)")
    assert err.count("\n") == 1  # one line: no driver log line before it
    assert elapsed < 3 * NEO4J_CONNECT_SECONDS + 10  # the handshake's deadline, plus a fresh interpreter


@pytest.mark.parametrize("value", ["soon", "0", "-1", "nan", "1e9"])
def test_a_timeout_set_in_the_environment_must_be_a_number_of_seconds(value):
    result = lscp("neo4j", "status", "--uri", "bolt://127.0.0.1:9", env={**os.environ, "NEO4J_QUERY_SECONDS": value})
    assert one_line_error(result) == (f"Error: NEO4J_QUERY_SECONDS={value!r} is not a number of seconds: give one "
                                      "above 0 and at most 86400, or unset it for the default 30.\n")
