"""The database going away while the web app serves from it: 503 (unavailable), not 422."""
from __future__ import annotations

import socket
import threading
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from lscp.api.http import create_app
from lscp.loaders.graphs.neo4j_graph import open_neo4j_graph
from lscp.loaders.graphs.neo4j_load import load_graph

pytestmark = pytest.mark.neo4j


class Relay:
    """A TCP relay in front of the Bolt server; `cut()` drops it as a network outage would."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # cut
                return
            upstream = socket.create_connection(self.target)
            self.open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass

    def cut(self) -> None:
        for sock in [self.listener, *self.open]:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()


def test_a_database_outage_answers_503_with_the_cause(bolt_server, memory_graph):
    settings = bolt_server.database("lscp_outage")
    load_graph(memory_graph, settings)
    address = urlsplit(settings.uri)
    relay = Relay(address.hostname, address.port)
    relayed = f"bolt://127.0.0.1:{relay.port}"
    graph = open_neo4j_graph(relayed, settings.user, settings.password, settings.database,
                             sources_dir=memory_graph.sources_dir)
    try:
        with TestClient(create_app(graph), raise_server_exceptions=False) as client:
            assert client.get("/api/entities/southampton.silg").status_code == 200
            relay.cut()
            # Not read before the outage, so the answer needs the database.
            answer = client.get("/api/entities/plymouth.pscp")
            assert answer.status_code == 503
            error = answer.json()["error"]
            assert error["status"] == 503
            assert error["message"].startswith(f"cannot reach a Neo4j server at {relayed}")
            page = client.get("/entities/portsmouth.board")
            assert page.status_code == 503 and "cannot reach a Neo4j server" in page.text
    finally:
        graph.close()
