"""What a user sees when the database cannot be used: one line, the cause, and the fix."""
from __future__ import annotations

import dataclasses
import socket

import pytest

from lscp.loaders.graphs.neo4j_load import load_graph, load_status
from lscp.loaders.graphs.neo4j_server import BackendError, Settings, check_agent, connect, server_version
from lscp.loaders.graphs.neo4j_graph import open_neo4j_graph

pytestmark = pytest.mark.neo4j

DOCKER = "docker run -p7687:7687 -e NEO4J_AUTH=neo4j/secret neo4j:5"


@pytest.fixture(scope="module")
def settings(bolt_server):
    return bolt_server.database("lscp_failures")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def refusal(call) -> str:
    with pytest.raises(BackendError) as refused:
        call()
    message = str(refused.value)
    assert "\n" not in message
    return message


def test_wrong_password(settings, memory_graph):
    wrong = dataclasses.replace(settings, password="not-the-password")
    assert refusal(lambda: load_graph(memory_graph, wrong)) == (
        f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong user or password; "
        "pass --user and --password (or set NEO4J_USER and NEO4J_PASSWORD).")
    assert not load_status(settings).loaded


def test_unreachable_server(settings):
    uri = f"bolt://127.0.0.1:{free_port()}"
    assert refusal(lambda: load_status(dataclasses.replace(settings, uri=uri))) == (
        f"cannot reach a Neo4j server at {uri} (connection refused): start it (for example: {DOCKER}) "
        "or pass --uri (or set NEO4J_URI).")


def test_missing_database(settings):
    missing = dataclasses.replace(settings, database="lscpmissing")
    assert refusal(lambda: load_status(missing)) == (
        f"Neo4j at {settings.uri} has no database 'lscpmissing': create it (CREATE DATABASE lscpmissing) "
        "or pass --database (or set NEO4J_DATABASE).")


def test_an_address_that_is_not_bolt():
    assert refusal(lambda: connect(Settings(uri="http://localhost:7474"))) == (
        "'http://localhost:7474' is not a Bolt address: use --uri bolt://HOST:7687 (or neo4j://HOST:7687).")


def test_a_database_with_nothing_loaded(settings):
    assert refusal(lambda: open_neo4j_graph(settings.uri, settings.user, settings.password, settings.database)) == (
        f"database {settings.database!r} at {settings.uri} holds no lscp data: run `lscp neo4j load` first.")


def test_server_too_old():
    settings = Settings(uri="bolt://old:7687")
    assert refusal(lambda: check_agent("Neo4j/4.4.12", settings)) == (
        f"the server at bolt://old:7687 is Neo4j/4.4.12, too old: lscp needs Neo4j 5 or later; upgrade it "
        f"(for example: {DOCKER}).")
    assert "not a Neo4j version" in refusal(lambda: check_agent("SomethingElse/1.0", settings))
    check_agent("Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)", settings)


@pytest.mark.parametrize(("agent", "version"), [
    ("Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)", (5, 26)), ("Neo4j/2025.01.0", (2025, 1)),
    ("Neo4j/v5.11.0 compatible graph database server - Memgraph", (5, 11)), ("Neo4j/3.5.17", (3, 5)), ("", None),
])
def test_server_versions_are_read_from_the_agent_string(agent, version):
    assert server_version(agent) == version


def test_the_server_the_suite_runs_on_is_accepted(settings):
    with connect(settings) as server:
        assert server_version(server.agent) >= (5, 0)
