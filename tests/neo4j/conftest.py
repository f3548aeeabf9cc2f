"""The Bolt server the Neo4j tests run against.

By default: ArcadeDB's server with its Neo4j Bolt plugin, started from the installed
`arcadedb-embedded` package (it bundles a JRE) on free ports in a temporary directory, and
stopped at the end. When NEO4J_URI is set: that server instead (NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE; the lscp data in that one database is overwritten). If the server cannot
start, the tests fail; they are never skipped.
"""
from __future__ import annotations

import base64
import importlib.util
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from lscp.loaders import load
from lscp.loaders.graphs.neo4j_server import Settings

START_TIMEOUT = 120.0
ROOT_PASSWORD = "lscp-test-root"


@dataclass
class BoltServer:
    uri: str
    user: str
    password: str | None
    http_port: int | None = None  # ArcadeDB only: its HTTP API creates databases
    shared_database: str | None = None  # an external server: every test uses this one

    def settings(self, database: str) -> Settings:
        return Settings(uri=self.uri, user=self.user, password=self.password, database=database)

    def database(self, name: str) -> Settings:
        """A database of its own for a group of tests, emptied of lscp data."""
        if self.shared_database is not None:
            settings = self.settings(self.shared_database)
        else:
            _http(self, "POST", "/api/v1/server", {"command": f"create database {name}"}, ok_if="already exists")
            settings = self.settings(name)
        wipe(settings)
        return settings


def wipe(settings: Settings) -> None:
    """Remove the lscp data (entities, their relationships, the load record) from a database."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
        with driver.session(database=settings.database) as session:
            session.run("MATCH (n:Entity) DETACH DELETE n").consume()
            session.run("MATCH (n:Load) DELETE n").consume()


def _http(server: BoltServer, method: str, path: str, body: dict | None = None, ok_if: str | None = None) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{server.http_port}{path}", method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    token = base64.b64encode(f"root:{server.password}".encode()).decode()
    request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode(errors="replace")
        if ok_if and ok_if in detail:
            return exc.code
        raise AssertionError(f"ArcadeDB {method} {path} answered {exc.code}: {detail}") from None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def arcadedb_home() -> Path:
    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("arcadedb-embedded is not installed: `make test` (or pip install -e '.[dev]') installs it")
    return Path(list(spec.submodule_search_locations)[0])


def _command(home: Path, root: Path, bolt_port: int, http_port: int) -> list[str]:
    return [
        str(home / "jre" / "bin" / "java"), "-Xms128m", "-Xmx1g",
        f"-Darcadedb.server.rootPath={root}",
        f"-Darcadedb.server.rootPassword={ROOT_PASSWORD}",
        "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "-Darcadedb.bolt.host=127.0.0.1", f"-Darcadedb.bolt.port={bolt_port}",
        "-Darcadedb.server.httpIncomingHost=127.0.0.1", f"-Darcadedb.server.httpIncomingPort={http_port}",
        "-cp", f"{home / 'jars'}/*", "com.arcadedb.server.ArcadeDBServer",
    ]


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_until_ready(process: subprocess.Popen, server: BoltServer, bolt_port: int, log: Path) -> None:
    """Ready when the HTTP API answers /ready, the Bolt port accepts, and the driver logs in."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    deadline = time.monotonic() + START_TIMEOUT
    last = "nothing yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the ArcadeDB server exited with {process.returncode}:\n{_tail(log)}")
        try:
            if _listening(server.http_port) and _http(server, "GET", "/api/v1/ready") in (200, 204) \
                    and _listening(bolt_port):
                with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
                    driver.verify_connectivity()
                return
        except (OSError, AssertionError, ServiceUnavailable, Neo4jError) as exc:
            last = f"{type(exc).__name__}: {exc}"
        time.sleep(0.2)  # poll interval; readiness is decided by the checks above
    pytest.fail(f"the ArcadeDB server was not ready after {START_TIMEOUT:.0f} s ({last}):\n{_tail(log)}")


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"


@contextmanager
def arcadedb(root: Path) -> Iterator[tuple[BoltServer, subprocess.Popen]]:
    """An ArcadeDB server of its own, rooted in `root`, on free loopback ports; stopped on exit.
    The process is given too, for tests that stop and continue it (SIGSTOP, SIGCONT)."""
    home = arcadedb_home()
    bolt_port, http_port = free_port(), free_port()
    log = root / "server.log"
    server = BoltServer(f"bolt://127.0.0.1:{bolt_port}", "root", ROOT_PASSWORD, http_port=http_port)
    with log.open("wb") as out:
        process = subprocess.Popen(_command(home, root, bolt_port, http_port), cwd=root, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_until_ready(process, server, bolt_port, log)
        yield server, process
    finally:
        process.send_signal(signal.SIGCONT)  # a stopped process cannot act on SIGTERM
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def own_arcadedb():
    """`arcadedb` (above), for a test that needs a server process of its own."""
    return arcadedb


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory) -> Iterator[BoltServer]:
    if os.environ.get("NEO4J_URI"):
        yield BoltServer(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                         os.environ.get("NEO4J_PASSWORD"), shared_database=os.environ.get("NEO4J_DATABASE", "neo4j"))
        return
    with arcadedb(tmp_path_factory.mktemp("arcadedb")) as (server, _):
        yield server


@pytest.fixture(scope="session")
def memory_graph():
    """The bundled data, loaded once (a DataError here is the data's own failure, reported as such)."""
    return load()
