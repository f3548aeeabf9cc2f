"""A real Bolt server frozen with SIGSTOP (the kernel still accepts connections and buffers what is
sent; nothing answers): the CLI, the web app and `lscp neo4j load` each give the one-line "stopped
answering" error within the configured timeout, never a hang, and a load cut off this way writes
nothing. The server is ArcadeDB as in conftest.py, but a process of this module's own, so it can be
stopped and continued. The timeouts are shortened through their environment variables
(lscp.limits.seconds) to keep the module quick. Loopback only."""
from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from lscp.loaders import load
from lscp.loaders.graphs.neo4j_load import load_graph, load_status
from lscp.loaders.graphs.neo4j_server import BackendError, Settings

pytestmark = pytest.mark.neo4j

CONNECT, QUERY = 4.0, 4.0  # NEO4J_CONNECT_SECONDS and NEO4J_QUERY_SECONDS for this module
MARGIN = 2.0  # seconds of scheduling noise on a shared machine, beyond what a healthy run takes
SMALL_WORLD = Path(__file__).parent.parent / "bad_data" / "_base"


@dataclass
class Frozen:
    settings: Settings
    process: subprocess.Popen
    env: dict[str, str]

    @contextmanager
    def stopped(self) -> Iterator[None]:
        os.kill(self.process.pid, signal.SIGSTOP)
        try:
            yield
        finally:
            os.kill(self.process.pid, signal.SIGCONT)


@pytest.fixture(scope="module")
def server(own_arcadedb, tmp_path_factory) -> Iterator[Frozen]:
    """Its own ArcadeDB, holding the bundled data, loaded by `lscp neo4j load`."""
    with own_arcadedb(tmp_path_factory.mktemp("frozen")) as (bolt, process):
        base = bolt.database("lscp_frozen")
        settings = Settings(uri=base.uri, user=base.user, password=base.password, database=base.database,
                            connect_timeout=CONNECT, timeout=QUERY)
        env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
               "NEO4J_PASSWORD": settings.password, "NEO4J_DATABASE": settings.database,
               "NEO4J_CONNECT_SECONDS": f"{CONNECT:g}", "NEO4J_QUERY_SECONDS": f"{QUERY:g}"}
        env.pop("LSCP_BACKEND", None)
        loaded = lscp("neo4j", "load", env=env)
        assert loaded.returncode == 0, loaded.stderr
        yield Frozen(settings, process, env)


def lscp(*args: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lscp", *args], capture_output=True, text=True, env=env,
                          timeout=timeout, stdin=subprocess.DEVNULL, check=False)


def timed(run) -> tuple[float, object]:
    started = time.monotonic()
    result = run()
    return time.monotonic() - started, result


def stopped_answering(uri: str) -> str:
    return (f"Neo4j at {uri} stopped answering: no reply within {CONNECT:g} s to connect (NEO4J_CONNECT_SECONDS) "
            f"or {QUERY:g} s to a statement (NEO4J_QUERY_SECONDS); check that the server is running and not "
            "overloaded, then try again.")


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout[-500:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr and result.stdout == "", result.stderr
    assert result.stderr.count("\n") == 1, result.stderr  # one line: no driver log line before it
    return result.stderr


def test_a_question_to_a_frozen_server_is_a_clear_error_within_the_timeout(server):
    ask = ("--backend", "neo4j", "accountable", "southampton.silg")
    healthy, answered = timed(lambda: lscp(*ask, env=server.env))  # a fresh interpreter, a connection, a walk
    assert answered.returncode == 0 and answered.stdout.startswith("Accountable for Serious Incidents"), answered.stderr
    with server.stopped():
        elapsed, result = timed(lambda: lscp(*ask, env=server.env))
    assert one_line_error(result) == f"Error: {stopped_answering(server.settings.uri)}\n"
    assert CONNECT <= elapsed < healthy + CONNECT + MARGIN, (elapsed, healthy)


@pytest.fixture()
def served(server) -> Iterator[int]:
    """`lscp serve --backend neo4j` on a free loopback port, answering from the server."""
    with socket.socket() as sock:  # a free port
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "lscp", "serve", "--backend", "neo4j", "--port", str(port)],
                               env=server.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while get(port, "/api/overview")[0] != 200:  # readiness by polling, not a fixed sleep
            assert process.poll() is None and time.monotonic() < deadline, process.stdout.read()
            time.sleep(0.1)
        yield port
        assert process.poll() is None  # still serving after the database froze and came back
    finally:
        process.terminate()
        process.communicate(timeout=15)


def get(port: int, path: str) -> tuple[int | None, bytes]:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=QUERY + 30)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    except OSError:
        return None, b""


def test_the_web_app_answers_503_within_the_timeout_and_keeps_serving(server, served):
    port = served
    path = "/api/accountable/plymouth.pscp"  # not read yet: the answer needs the database
    waiting: dict = {}
    with server.stopped():
        started = time.monotonic()
        asker = threading.Thread(target=lambda: waiting.update(answer=get(port, path),
                                                               elapsed=time.monotonic() - started))
        asker.start()
        # Meanwhile what needs no database is answered at once: the wait holds a worker thread,
        # not the server.
        other_elapsed, other = timed(lambda: get(port, "/static/docs.js"))
        asker.join(QUERY + 30)
    assert other[0] == 200 and other_elapsed < MARGIN, (other[0], other_elapsed)
    status, body = waiting["answer"]
    assert status == 503, body[:500]
    assert json.loads(body) == {"error": {"status": 503, "message": stopped_answering(server.settings.uri),
                                          "suggestions": []}}
    assert QUERY <= waiting["elapsed"] < QUERY + MARGIN, waiting["elapsed"]
    assert get(port, path)[0] == 200  # continued: the same question is answered again


def content(settings: Settings) -> dict[str, list]:
    """Everything lscp stores in the database: each entity and relationship with its properties."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver, \
            driver.session(database=settings.database) as session:
        return {
            "entities": session.run("MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS p "
                                    "ORDER BY id").data(),
            "relations": session.run("MATCH (:Entity)-[r]->(:Entity) RETURN r.rid AS rid, type(r) AS type, "
                                     "properties(r) AS p ORDER BY rid").data(),
            "load": session.run("MATCH (l:Load) RETURN properties(l) AS p").data(),
        }


def test_a_load_into_a_frozen_server_fails_within_the_timeout(server):
    healthy, status = timed(lambda: lscp("neo4j", "status", env=server.env))
    assert status.returncode == 0, status.stderr
    with server.stopped():
        elapsed, result = timed(lambda: lscp("neo4j", "load", env=server.env))
    assert one_line_error(result) == f"Error: {stopped_answering(server.settings.uri)}\n"
    assert CONNECT <= elapsed < healthy + load_time() + CONNECT + MARGIN, (elapsed, healthy)


def load_time() -> float:
    """Validating the bundled data, which `lscp neo4j load` does before it connects."""
    return timed(load)[0]


def test_a_load_frozen_half_way_writes_nothing(server):
    before = content(server.settings)
    assert len(before["entities"]) > 400 and len(before["load"]) == 1
    small = load(SMALL_WORLD)  # a full load of it deletes most of what the database holds
    stopped = []

    def freeze_after_the_first_batch(batch) -> None:
        if not stopped:
            assert batch.number < batch.total  # more to write: frozen half-way, not before the commit
            os.kill(server.process.pid, signal.SIGSTOP)
            stopped.append(time.monotonic())

    try:
        with pytest.raises(BackendError) as failed:
            load_graph(small, server.settings, progress=freeze_after_the_first_batch)
        elapsed = time.monotonic() - stopped[0]
    finally:
        os.kill(server.process.pid, signal.SIGCONT)
    assert str(failed.value) == f"{stopped_answering(server.settings.uri)} Nothing was written: the load was rolled back."
    assert QUERY <= elapsed < QUERY + MARGIN, elapsed
    assert content(server.settings) == before
    assert load_status(server.settings).entities == len(before["entities"])
